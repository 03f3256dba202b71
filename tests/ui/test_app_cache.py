"""The app's saves and the load cache: no pickling per key press, the last save kept at quit."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import load_progress, open_main, wait_for

from syllabus.model.progress import ItemState
from syllabus.storage import cache
from syllabus.tui.app import SyllabusApp

W1 = "phase-1/week-1"


def _cached(data_dir: Path) -> object:
    return cache.load(data_dir, "progress", (data_dir / "progress.toml").read_bytes())


async def test_saves_are_cached_once_at_quit(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        await pilot.press("x")
        await wait_for(pilot, lambda: not app.unsaved)
        assert _cached(enrolled_dir) is None  # saved, but not pickled while keys come
        await pilot.press("q")
        await wait_for(pilot, lambda: app.return_code is not None)
    fresh = load_progress(enrolled_dir)
    assert fresh.roadmap("tiny").state(f"{W1}/item-1") is ItemState.DONE
    assert _cached(enrolled_dir) == fresh
