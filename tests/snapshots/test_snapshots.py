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
    app.clear_notifications()  # "you are behind" comes once a sitting, on its own time
    await pilot.pause(0.05)


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


@pytest.fixture
def behind(data_dir: Path) -> Path:
    """The same history, but enrolled three weeks earlier: well behind the plan."""
    from dataclasses import replace
    from datetime import timedelta

    from snapshot_data import ROADMAP_ID, TODAY

    from syllabus.model.progress import enrol

    roadmap = snapshot_roadmap()
    progress = history(roadmap)
    enrolment = progress.roadmap(ROADMAP_ID).enrolled
    assert enrolment is not None
    earlier = replace(enrolment, start=TODAY - timedelta(weeks=7))
    install(data_dir, roadmap, enrol(progress, ROADMAP_ID, earlier))
    return data_dir


def test_main_with_the_agenda_behind(snap_compare, behind: Path) -> None:  # type: ignore[no-untyped-def]
    """The Today block above the checklist and the status line's buffer, at 80×24."""

    async def ready(pilot: Pilot) -> None:
        from syllabus.tui.widgets.agenda import TodayAgenda

        await _main_ready(pilot)
        agenda = pilot.app.screen.query_one(TodayAgenda)
        await _until(pilot, lambda: bool(agenda.entries))
        pilot.app.clear_notifications()  # the "you are behind" toast comes and goes
        await pilot.pause(0.2)

    assert snap_compare(SyllabusApp(behind), terminal_size=(80, 24), run_before=ready)


def test_behind_options(snap_compare, behind: Path) -> None:  # type: ignore[no-untyped-def]
    async def options(pilot: Pilot) -> None:
        from syllabus.tui.screens.behind import BehindDialog

        await _main_ready(pilot)
        pilot.app.clear_notifications()
        await pilot.press("b")
        await _until(pilot, lambda: isinstance(pilot.app.screen, BehindDialog))
        await pilot.pause(0.2)

    assert snap_compare(SyllabusApp(behind), terminal_size=(100, 30), run_before=options)


def test_recovery_dialog(snap_compare, enrolled: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A damaged file at start: the newest backup named with its date and contents."""
    import os
    import shutil
    from datetime import UTC, datetime

    from syllabus.storage import backups

    monkeypatch.setattr(backups, "stamp", lambda moment=None: "20261123T080000")
    (enrolled / "backups").mkdir(exist_ok=True)
    kept = enrolled / "backups" / "progress-2026-11-22.toml"
    shutil.copy(enrolled / "progress.toml", kept)
    made = datetime(2026, 11, 22, 20, 15, tzinfo=UTC).timestamp()
    os.utime(kept, (made, made))
    (enrolled / "progress.toml").write_text("schema = 1\n[roadmaps.x\nbroken =", "utf-8")

    async def dialog(pilot: Pilot) -> None:
        from syllabus.tui.screens.recovery import RecoveryDialog

        await _until(pilot, lambda: isinstance(pilot.app.screen, RecoveryDialog))
        await pilot.pause(0.2)

    assert snap_compare(SyllabusApp(enrolled), terminal_size=(100, 30), run_before=dialog)
