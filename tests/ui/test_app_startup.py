"""Start-up tuning undone once content shows."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from ui_helpers import open_main, wait_for

import syllabus.tui.app as shell
from syllabus.tui.app import SyllabusApp


async def test_the_collector_returns_to_its_pace_once_content_shows(
    enrolled_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usual = gc.get_threshold()
    monkeypatch.setattr(shell, "STARTUP_SECONDS", 60.0)  # only the content path restores it
    gc.set_threshold(shell.STARTUP_GC_THRESHOLD, 50, 100)
    try:
        app = SyllabusApp(enrolled_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_main(pilot, app)
            await wait_for(pilot, lambda: gc.get_threshold() == usual)
    finally:
        gc.set_threshold(*usual)
