"""Screens as SVG snapshots: welcome, main (wide and small), calendar, check-in, help."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from snapshot_data import history, install, snapshot_roadmap
from textual.pilot import Pilot

from syllabus.tui.app import SyllabusApp


async def _until(pilot: Pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "the app never got there"
        await pilot.pause(0.02)


async def _main_ready(pilot: Pilot) -> None:
    """Wait for the main screen with its Markdown rendered and the keys settled."""
    from syllabus.tui.screens.main import MainScreen
    from syllabus.tui.widgets.detail_pane import DetailPane

    app = pilot.app
    await _until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.query(DetailPane))
    screen = app.screen
    await _until(pilot, lambda: screen.query_one(DetailPane).settled and screen.shows_every_pane())
    await pilot.pause(0.3)


@pytest.fixture
def enrolled(data_dir: Path) -> Path:
    roadmap = snapshot_roadmap()
    install(data_dir, roadmap, history(roadmap))
    return data_dir


def test_welcome(snap_compare, data_dir: Path, only_imported: None) -> None:  # type: ignore[no-untyped-def]
    install(data_dir, snapshot_roadmap(), None)

    async def ready(pilot: Pilot) -> None:
        from syllabus.tui.screens.welcome import WelcomeScreen

        await _until(pilot, lambda: isinstance(pilot.app.screen, WelcomeScreen))
        await pilot.pause(0.2)

    assert snap_compare(SyllabusApp(data_dir), terminal_size=(100, 30), run_before=ready)


def test_main_wide(snap_compare, enrolled: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(SyllabusApp(enrolled), terminal_size=(160, 45), run_before=_main_ready)


def test_main_small(snap_compare, enrolled: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(SyllabusApp(enrolled), terminal_size=(80, 24), run_before=_main_ready)


def test_calendar(snap_compare, enrolled: Path) -> None:  # type: ignore[no-untyped-def]
    async def calendar(pilot: Pilot) -> None:
        from syllabus.tui.screens.calendar import CalendarScreen

        await _main_ready(pilot)
        await pilot.press("g")
        await _until(pilot, lambda: isinstance(pilot.app.screen, CalendarScreen))
        await pilot.pause(0.2)

    assert snap_compare(SyllabusApp(enrolled), terminal_size=(120, 36), run_before=calendar)


def test_check_in(snap_compare, enrolled: Path) -> None:  # type: ignore[no-untyped-def]
    async def check_in(pilot: Pilot) -> None:
        from syllabus.tui.screens.checkin import CheckInDialog

        await _main_ready(pilot)
        await pilot.press("x", "c")
        await _until(pilot, lambda: isinstance(pilot.app.screen, CheckInDialog))
        await pilot.press(*"1,5", "tab", *"Broadcasting [finally] makes sense")
        await pilot.pause(0.2)

    assert snap_compare(SyllabusApp(enrolled), terminal_size=(100, 32), run_before=check_in)


def test_help(snap_compare, enrolled: Path) -> None:  # type: ignore[no-untyped-def]
    async def help_screen(pilot: Pilot) -> None:
        from syllabus.tui.screens.help import HelpScreen

        await _main_ready(pilot)
        await pilot.press("question_mark")
        await _until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        await pilot.pause(0.2)

    assert snap_compare(SyllabusApp(enrolled), terminal_size=(100, 36), run_before=help_screen)
