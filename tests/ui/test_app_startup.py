"""Start-up tuning: the app never touches the collector; startup.py tunes it, content undoes it."""

from __future__ import annotations

import gc
from pathlib import Path

from ui_helpers import open_main, wait_for

from syllabus import startup
from syllabus.tui.app import SyllabusApp


def test_the_app_modules_leave_the_collector_to_startup() -> None:
    from syllabus.tui import app, store
    from syllabus.tui.screens import main

    for module in (app, store, main):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert "import gc" not in source and "gc." not in source, module.__name__


async def test_the_collector_runs_again_once_content_shows(enrolled_dir: Path) -> None:
    usual = gc.get_threshold()
    startup.tune_for_start()
    try:
        assert not gc.isenabled()
        app = SyllabusApp(enrolled_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_main(pilot, app)
            await wait_for(pilot, gc.isenabled)
            assert gc.get_threshold() == usual
    finally:
        gc.enable()
        gc.set_threshold(*usual)
        gc.unfreeze()


def test_a_command_collects_again_with_a_high_threshold() -> None:
    usual = gc.get_threshold()
    startup.tune_for_start()
    try:
        assert not gc.isenabled()
        startup.tune_for_command()
        assert gc.isenabled() and gc.get_threshold()[0] == startup.COMMAND_GC_THRESHOLD
    finally:
        gc.enable()
        gc.set_threshold(*usual)
