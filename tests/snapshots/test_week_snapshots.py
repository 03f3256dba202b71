"""The weekly review with its charts as SVG snapshots (issue 15.5): in colour, and under
``NO_COLOR``, where every series still reads by its fill or marker and its label."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from syllabus.model import progress as pm
from syllabus.tui.app import SyllabusApp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from test_week_review import history, the_roadmap  # noqa: E402
from ui_helpers import save_progress, write_roadmap  # noqa: E402

SIZE = (100, 62)


@pytest.fixture
def five_weeks(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-04-01")
    write_roadmap(data_dir, the_roadmap())
    save_progress(data_dir, pm.set_active(history(), "r", datetime(2026, 1, 1, tzinfo=UTC)))
    return data_dir


async def _until(pilot: Pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "the app never got there"
        await pilot.pause(0.02)


def _week(*keys: str):  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        from syllabus.tui.screens.main import MainScreen
        from syllabus.tui.screens.week import WeekScreen

        app = pilot.app
        await _until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.session)
        await pilot.pause(0.2)
        await pilot.press("w")
        await _until(pilot, lambda: isinstance(app.screen, WeekScreen) and app.screen.charts_loaded)
        await pilot.press(*keys)
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause(0.05)

    return ready


def test_weekly_review(snap_compare, five_weeks: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(SyllabusApp(five_weeks), terminal_size=SIZE, run_before=_week())


def test_weekly_review_no_color(snap_compare, five_weeks: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(SyllabusApp(five_weeks), terminal_size=SIZE, run_before=_week("["))
