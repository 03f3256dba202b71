"""The layers stay apart: the domain and the command line never reach for the UI.

The import-linter contracts in pyproject.toml are the rule; one test runs them, the other
imports every domain and CLI module in a fresh interpreter (as harlequin does), which also
catches an import made only at run time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    command = str(lint) if lint.exists() else shutil.which("lint-imports")
    assert command, "lint-imports is missing: pip install -e '.[test]'"
    done = subprocess.run(
        [command, "--no-cache", "--no-logo"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_the_domain_and_the_cli_import_neither_textual_nor_rich() -> None:
    script = (
        "import importlib, pkgutil, sys\n"
        "import syllabus.model, syllabus.importer, syllabus.storage, syllabus.cli\n"
        "import syllabus.catalog\n"
        "for package in (syllabus.model, syllabus.importer, syllabus.storage, syllabus.cli):\n"
        "    for info in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "ui = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "ui += sorted(m for m in sys.modules if m.startswith('syllabus.tui'))\n"
        "print(ui[:5], file=sys.stderr)\n"
        "sys.exit(1 if ui else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
