"""Probe: `w` → the weekly review fully drawn, charts included, on a 3-year history.

Run in a fresh process by ``probe.py week_open DATA_DIR``: the app's modules are loaded
before the clock starts, the chart library is not (importing it is part of opening the
review, as in real use). The app runs headless (``run_test``); once the main screen
shows the roadmap, the clock runs from the key's action to the first frame after the
review's figures and its three charts hold their data. The main screen is settled first
(its workers done, the file watcher aside); Pilot's own key round trip is left out: the
action is called as the binding calls it. The end is Pilot's ``pause()``: every queued
event handled, then the process idle for one of Textual's 20 ms idle windows (so the
figure includes the footers' and any late frame's work, and moves in ~20 ms steps).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path


def week_open(data_dir: str) -> float:
    """Seconds from ``MainScreen.action_weekly_review`` to the review drawn with its charts."""
    import syllabus.tui.app
    import syllabus.tui.screens.main  # noqa: F401

    return asyncio.run(_open(Path(data_dir)))


async def _open(data_dir: Path) -> float:
    from syllabus.tui.app import SyllabusApp
    from syllabus.tui.screens.main import MainScreen

    app = SyllabusApp(data_dir)
    async with app.run_test(size=(120, 60)) as pilot:
        deadline = time.perf_counter() + 60
        while not (isinstance(app.screen, MainScreen) and app.screen.session is not None):
            assert time.perf_counter() < deadline, f"no main screen: {type(app.screen).__name__}"
            await pilot.pause(0.05)
        # the main screen settled: every worker done but the file watcher, which runs on
        while any(w.is_running and w.group != "watch" for w in app.workers):
            assert time.perf_counter() < deadline, "the main screen never settled"
            await pilot.pause(0.05)
        await pilot.pause(0.5)
        main = app.screen
        start = time.perf_counter()
        main.action_weekly_review()
        while not getattr(app.screen, "charts_loaded", False):
            await asyncio.sleep(0)
        await pilot.pause()  # the frame that draws them
        return time.perf_counter() - start
