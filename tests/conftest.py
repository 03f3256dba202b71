"""Shared fixtures: every test gets its own data dir and a fixed today.

The interface language is pinned to English for the whole session before anything of
syllabus is imported (the language is resolved once per process, and some modules
translate as they load): a developer's ``LANG=de_DE.UTF-8`` must not change a
snapshot. A test that wants German sets the environment itself, for its subprocess or
with ``syllabus.locale.set_language``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ[_name] = ""
os.environ["LANG"] = "C.UTF-8"

# CI replays the same examples every run, so a landing is never decided by a lucky draw;
# a developer's runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
"""The user's source documents, beside the checkout when present (never read at run time)."""


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYLLABUS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-23")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The isolated data dir of this test."""
    return tmp_path / "data"
