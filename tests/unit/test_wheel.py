"""The bundled roadmaps ship inside the wheel: build it, install it fresh, list them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_wheel_installs_and_lists_the_five_bundled_roadmaps(tmp_path: Path) -> None:
    # Built without network: the build backend must already be installed beside pytest.
    pytest.importorskip("hatchling", reason="hatchling is needed to build the wheel offline")
    python = sys.executable
    built = subprocess.run(
        [python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(tmp_path / "dist"), str(REPO)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if built.returncode != 0:
        pytest.fail(f"wheel build failed: {built.stderr[-2000:]}")
    wheel = next((tmp_path / "dist").glob("syllabus-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"syllabus/__main__.py", "syllabus/cli/__init__.py", "syllabus/cli/table.py"} <= names
    # The compiled catalogs ship (gettext reads the .mo, not the .po).
    assert {
        "syllabus/locale/de/LC_MESSAGES/syllabus.mo",
        "syllabus/locale/en/LC_MESSAGES/syllabus.mo",
        # The CLDR data the interface formats dates and numbers with (no Babel at run time).
        "syllabus/locale/de/formats.json",
        "syllabus/locale/en/formats.json",
    } <= names
    assert not any(name.startswith("syllabus/commands/") for name in names)
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    fresh = venv / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "--python", str(fresh), "install", "--no-deps", "--no-index", "-q"]
        + [str(wheel)],
        check=True,
        timeout=120,
    )
    # Dependencies come from the test venv (no network); syllabus itself only from the wheel.
    site = subprocess.run(
        [str(fresh), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(LANGUAGE="", LC_ALL="", LANG="C.UTF-8")
    env["SYLLABUS_DATA_DIR"] = str(tmp_path / "data")
    listed = subprocess.run(
        [str(venv / "bin" / "syllabus"), "list", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["id"] for r in rows] == [
        "ki-12-monate",
        "ki-fahrplan-2025",
        "ml-dl-gpt-studienplan",
        "mlops-6-months",
        "ml-engineer-16-weeks",
    ]
    where = subprocess.run(
        [str(fresh), "-c", "import syllabus.catalog as c; print(c.bundled_dir())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert Path(where) == Path(site) / "syllabus" / "roadmaps"
    shown = subprocess.run(
        [str(venv / "bin" / "syllabus"), "show", "ml-e"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert shown.returncode == 0 and "block-4/week-16" in shown.stdout
    helped = subprocess.run(
        [str(venv / "bin" / "syllabus"), "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert helped.returncode == 0 and "No command opens the app." in helped.stdout
    german = subprocess.run(
        [str(venv / "bin" / "syllabus"), "--help"],
        capture_output=True,
        text=True,
        env={**env, "LANGUAGE": "", "LC_ALL": "", "LANG": "de_DE.UTF-8"},
        cwd=tmp_path,
        timeout=60,
    )
    assert german.returncode == 0 and german.stdout.startswith("Aufruf: syllabus")
    assert "Einen Lernplan zum Selbststudium" in german.stdout
