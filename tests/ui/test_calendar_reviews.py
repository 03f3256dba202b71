"""Review minutes sit on the days they are due (issue 15.1): the calendar's chosen day
says "review N min" for the cards it takes, a study day at most ``DAILY_REVIEWS`` of
them, the rest on the next study day; a day without reviews says nothing of them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from ui_helpers import (
    TODAY,
    enrolled,
    open_main,
    save_progress,
    small_roadmap,
    wait_for,
    write_roadmap,
)

from syllabus.model.progress import ItemState, set_item_state
from syllabus.model.review import DAILY_REVIEWS
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.calendar import CalendarScreen

QUESTIONS = [f"Why does step {n} come before step {n + 1}?" for n in range(1, 13)]
"""Twelve questions: twelve cards once week 1 is finished."""


def _plan_text(screen: CalendarScreen) -> str:
    return str(screen.query_one("#calendar-plan").render())


async def test_the_chosen_day_says_its_review_minutes(data_dir: Path) -> None:
    write_roadmap(data_dir, small_roadmap(first_week=QUESTIONS))
    progress = enrolled("tiny", start=TODAY - timedelta(days=7))
    yesterday = datetime.combine(TODAY - timedelta(days=1), datetime.min.time(), UTC)
    for n in range(1, len(QUESTIONS) + 1):
        item = f"phase-1/week-1/item-{n}"
        progress = set_item_state(progress, "tiny", item, ItemState.DONE, yesterday)
    save_progress(data_dir, progress)
    assert DAILY_REVIEWS == 10
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_main(pilot, app)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CalendarScreen) and screen.selected_day == TODAY
        assert "review 30 min" in _plan_text(screen)  # ten cards of three minutes
        await pilot.press("right")
        await wait_for(pilot, lambda: "review 6 min" in _plan_text(screen))  # the other two
        await pilot.press("right")
        await wait_for(pilot, lambda: "Week" in _plan_text(screen))
        assert "review" not in _plan_text(screen)
