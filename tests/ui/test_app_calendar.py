"""The calendar from the main screen: a year end, and check-ins added, edited and deleted."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

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

from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.calendar import CalendarScreen
from syllabus.tui.screens.checkin import CheckInDialog
from syllabus.tui.screens.main import MainScreen
from syllabus.tui.widgets.calendar import CalendarWidget


async def test_calendar_crosses_the_year_end(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_main(pilot, app)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        calendar = app.screen.query_one(CalendarWidget)
        assert calendar.selected == TODAY
        assert "November 2026" in screen_text(app)
        await pilot.press("pagedown")
        assert calendar.selected == date(2026, 12, 23)
        await pilot.press("pagedown")
        assert calendar.selected == date(2027, 1, 23)
        await pilot.pause()
        assert "January 2027" in screen_text(app)
        await pilot.press("pageup", "pageup", "pageup")
        assert calendar.selected == date(2026, 10, 23)
        await pilot.press("t")
        assert calendar.selected == TODAY
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_check_ins_from_the_calendar(data_dir: Path) -> None:
    enrolled_dir = data_dir  # enrolled a week ago: yesterday is in the enrolment
    write_roadmap(data_dir, small_roadmap())
    save_progress(data_dir, enrolled("tiny", start=TODAY - timedelta(days=7)))
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_main(pilot, app)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await pilot.press("left")  # yesterday, a Sunday
        await pilot.press("enter")  # no check-ins yet: the dialog for that day
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        await pilot.press(*"2", "tab", *"weekend [review]", "ctrl+s")
        await wait_for(
            pilot, lambda: isinstance(app.screen, CalendarScreen) and not app.store.unsaved
        )
        [checkin] = app.store.progress.live_checkins()
        assert checkin.date == date(2026, 11, 22)
        await wait_for(pilot, lambda: len(app.screen.checkins) == 1)
        await pilot.pause()
        assert "weekend [review]" in screen_text(app)

        await pilot.press("enter")  # the day's list
        await pilot.press("enter")  # edit the first check-in
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        await pilot.press("ctrl+a", "ctrl+k", *"2,5", "ctrl+s")
        await wait_for(
            pilot, lambda: isinstance(app.screen, CalendarScreen) and not app.store.unsaved
        )
        [edited] = app.store.progress.live_checkins()
        assert (edited.id, edited.hours) == (checkin.id, 2.5)

        assert app.focused.id == "calendar-checkins"  # back on the day's list
        await pilot.press("d")  # delete it
        await wait_for(
            pilot, lambda: not app.store.progress.live_checkins() and not app.store.unsaved
        )
        await wait_for(pilot, lambda: not app.screen.checkins)
    assert load_progress(enrolled_dir).live_checkins() == []
    assert load_progress(enrolled_dir).checkins[checkin.id].deleted
