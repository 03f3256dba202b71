"""The calendar screen in the real app: texts shown literally, check-ins added, edited and
deleted through the store, changes made elsewhere shown at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from ui_helpers import (
    TODAY,
    enrolled,
    load_progress,
    open_main,
    save_progress,
    screen_text,
    small_roadmap,
    wait_for,
    write_roadmap,
)

from syllabus.model.progress import CheckIn, put_checkin
from syllabus.model.roadmap import Roadmap
from syllabus.model.rules import build_checkin, check_in
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.calendar import CalendarScreen, DayCheckIns
from syllabus.tui.screens.checkin import CheckInDialog
from syllabus.tui.screens.main import MainScreen
from syllabus.tui.widgets.calendar import CalendarWidget

W1, W2 = "phase-1/week-1", "phase-1/week-2"
FRIDAY = date(2026, 11, 20)
WHEN = datetime(2026, 11, 20, 18).astimezone()


def _roadmap() -> Roadmap:
    """The tiny roadmap with titles that would be markup if read as anything but text."""
    roadmap = small_roadmap()
    phase = roadmap.nodes[0]
    weeks = [
        replace(phase.children[0], title="Week 1 [3 hrs]"),
        replace(phase.children[1], title="Week 2 [/]"),
    ]
    nodes = [replace(phase, children=weeks), *roadmap.nodes[1:]]
    return replace(roadmap, title="Roadmap [red]x", nodes=nodes)


def _checkin(checkin_id: str, day: date, hours: float, note: str, node: str) -> CheckIn:
    return CheckIn(
        id=checkin_id,
        date=day,
        hours=hours,
        note=note,
        roadmap="tiny",
        node=node,
        created=WHEN,
        updated=WHEN,
    )


@pytest.fixture
def calendar_dir(data_dir: Path) -> Path:
    """Enrolled a fortnight ago; two check-ins on Friday the 20th."""
    write_roadmap(data_dir, _roadmap())
    progress = enrolled("tiny", start=date(2026, 11, 9))
    for checkin in (
        _checkin("a1", FRIDAY, 1.5, "Read [done] chapter\nsecond line", W1),
        _checkin("a2", FRIDAY, 0.5, "[@click=app.quit]x[/]", W2),
    ):
        progress = put_checkin(progress, checkin)
    save_progress(data_dir, progress)
    return data_dir


async def _open_on_friday(pilot: object, app: SyllabusApp, size: tuple[int, int]) -> None:
    await open_main(pilot, app)
    await pilot.press("g")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
    await pilot.press("left", "left", "left")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_lists_the_day_and_plan_literally(calendar_dir: Path) -> None:
    app = SyllabusApp(calendar_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_on_friday(pilot, app, (100, 30))
        text = screen_text(app)
        assert "Friday 20 November 2026 · 2h" in text
        assert "Read [done] chapter" in text and "second line" not in text
        assert "[@click=app.quit]x[/]" in text
        assert "Week 1 [3 hrs]" in text and "Week 2 [/]" in text
        assert "Add a check-in" in text
        assert "Roadmap [red]x" in text
        assert isinstance(app.screen, CalendarScreen)  # the "[@click=app.quit]" did nothing


async def test_enter_lists_then_edits_and_deletes(calendar_dir: Path) -> None:
    app = SyllabusApp(calendar_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_on_friday(pilot, app, (100, 30))
        await pilot.press("enter")
        assert isinstance(app.focused, DayCheckIns)
        await pilot.press("enter")  # edit the first: the dialog holds its hours and note
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        assert app.screen.query_one("#checkin-hours").value == "1.5"  # type: ignore[attr-defined]
        await pilot.press("ctrl+a", "ctrl+k", *"3", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await wait_for(pilot, lambda: not app.store.unsaved)
        assert load_progress(calendar_dir).checkins["a1"].hours == 3
        await pilot.pause()
        assert "Friday 20 November 2026 · 3.5h" in screen_text(app)

        await pilot.press("down", "d")  # delete the second
        await wait_for(pilot, lambda: not app.store.unsaved and len(app.screen.checkins) == 1)  # type: ignore[attr-defined]
        assert load_progress(calendar_dir).checkins["a2"].deleted
        await pilot.press("ctrl+z")  # undo brings it back, on this screen too
        await wait_for(pilot, lambda: len(app.screen.checkins) == 2)  # type: ignore[attr-defined]

        await pilot.press("escape")
        assert isinstance(app.focused, CalendarWidget)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_an_empty_day_asks_for_a_check_in_and_never_in_the_future(
    calendar_dir: Path,
) -> None:
    app = SyllabusApp(calendar_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _open_on_friday(pilot, app, (100, 30))
        await pilot.press("left", "enter")  # Thursday, nothing logged: the dialog for it
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        await pilot.press(*"2", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await wait_for(pilot, lambda: not app.store.unsaved)
        days = [c.date for c in load_progress(calendar_dir).live_checkins()]
        assert days.count(date(2026, 11, 19)) == 1
        await pilot.press("t", "right", "enter", "c")  # tomorrow: no dialog
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert "That day has not come yet." in screen_text(app)


async def test_a_check_in_made_elsewhere_shows_at_once(calendar_dir: Path) -> None:
    app = SyllabusApp(calendar_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_on_friday(pilot, app, (100, 30))
        progress = app.store.progress
        assert progress is not None
        fresh = build_checkin(
            None,
            day=FRIDAY,
            hours=3,
            note="fresh",
            roadmap="tiny",
            node=W1,
            items=(),
            when=WHEN,
        )
        app.store.commit(check_in(progress, fresh))
        await wait_for(pilot, lambda: "fresh" in screen_text(app))
        text = screen_text(app)
        assert "█" in text  # the day now holds over 3 h
        assert "Friday 20 November 2026 · 5h" in text


@pytest.mark.parametrize("close", ["g", "q", "escape"])
async def test_close_keys(calendar_dir: Path, close: str) -> None:
    app = SyllabusApp(calendar_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_on_friday(pilot, app, (80, 24))
        await pilot.press(close)
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.return_code is None  # q closes the calendar, not the app


async def test_narrow_terminal_stacks_the_list_under_the_month(calendar_dir: Path) -> None:
    app = SyllabusApp(calendar_dir)
    async with app.run_test(size=(60, 40)) as pilot:
        await _open_on_friday(pilot, app, (60, 40))
        screen = app.screen
        assert screen.has_class("-narrow")
        month = screen.query_one(CalendarWidget).region
        side = screen.query_one("#calendar-side").region
        assert side.y >= month.bottom


async def test_the_date_is_shown_as_today(calendar_dir: Path) -> None:
    app = SyllabusApp(calendar_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        assert app.screen.query_one(CalendarWidget).selected == TODAY
