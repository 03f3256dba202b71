"""Spaced review in the app (issue 15.1): ``v`` and the agenda's review entries open the
review screen (prompt, then recall, then a grade with one key, one undo step each);
``R`` adds the highlighted finished item or node; ``P`` replans now that ``R`` reviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
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

from syllabus.model.progress import ItemState, Progress, set_item_state
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.review import ReviewScreen

QUESTIONS = [
    "Explain what [a tensor] is",
    "Why does the learning rate matter?",
    "Can you write a training loop",
    "Set up the environment",
]
"""Week 1's items: three questions (cards) and a task; brackets stay text."""


def finished_week_one(start_days_ago: int = 7) -> Progress:
    """Enrolled a week ago, week 1 finished yesterday: its three cards are due today."""
    progress = enrolled("tiny", start=TODAY - timedelta(days=start_days_ago))
    yesterday = datetime.combine(TODAY - timedelta(days=1), datetime.min.time(), UTC)
    for n in range(1, 5):
        item = f"phase-1/week-1/item-{n}"
        progress = set_item_state(
            progress, "tiny", item, ItemState.DONE, yesterday + timedelta(hours=12)
        )
    return progress


@pytest.fixture
def review_dir(data_dir: Path) -> Path:
    write_roadmap(data_dir, small_roadmap(first_week=QUESTIONS))
    save_progress(data_dir, finished_week_one())
    return data_dir


async def _review(pilot: object, app: SyllabusApp) -> ReviewScreen:
    await open_main(pilot, app)
    await pilot.press("v")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_prompt_then_recall_then_one_key_grades(review_dir: Path) -> None:
    app = SyllabusApp(review_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _review(pilot, app)
        first = screen.card
        assert first is not None and first.id == "phase-1/week-1/item-1"
        text = screen_text(app)
        assert "Explain what [a tensor] is" in text  # literal, brackets and all
        assert "3 cards to review today" in text
        assert "Week 1: topic 1" not in text  # the recall waits for a key
        await pilot.press("3")  # no grade before the answer shows
        await pilot.pause()
        assert screen.card is first and not app.store.unsaved
        await pilot.press("space")
        await pilot.pause()
        assert screen.revealed and "Week 1: topic 1" in screen_text(app)
        await pilot.press("3")
        await pilot.pause()
        assert screen.card is not None and screen.card.id == "phase-1/week-1/item-2"
        assert not screen.revealed
        await wait_for(pilot, lambda: not app.store.unsaved)
        card = load_progress(review_dir).roadmap("tiny").cards[first.id]
        assert card.last_review is not None and card.due.date() > TODAY
        assert "2 cards to review today" in screen_text(app)


async def test_each_grade_is_one_undo_step(review_dir: Path) -> None:
    app = SyllabusApp(review_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await _review(pilot, app)
        for key in ("1", "4"):
            await pilot.press("space", key)
            await wait_for(pilot, lambda: not app.store.unsaved)
            await pilot.pause(0.3)  # apart: two saves, two undo steps
        assert live_cards(review_dir) == {"phase-1/week-1/item-1", "phase-1/week-1/item-2"}
        assert screen.card is not None and screen.card.id == "phase-1/week-1/item-3"
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: live_cards(review_dir) == {"phase-1/week-1/item-1"})
        # the card the undo brought back is shown again
        await wait_for(pilot, lambda: screen.card is not None and screen.card.id.endswith("-2"))
        assert "2 cards to review today" in screen_text(app)


def live_cards(data_dir: Path) -> set[str]:
    cards = load_progress(data_dir).roadmap("tiny").cards
    return {card_id for card_id, card in cards.items() if not card.deleted}


async def test_all_graded_says_so_and_escape_goes_back(review_dir: Path) -> None:
    app = SyllabusApp(review_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _review(pilot, app)
        for _n in range(3):
            await pilot.press("space", "3")
            await pilot.pause()
        assert screen.card is None
        assert "No review due today." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)


async def test_the_agendas_review_entry_opens_its_card(review_dir: Path) -> None:
    app = SyllabusApp(review_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await open_main(pilot, app)
        await wait_for(pilot, lambda: any(e.why == "review" for e in main.agenda))
        agenda = main.query_one("#agenda")
        index = next(i for i, e in enumerate(main.agenda) if e.item_id.endswith("item-2"))
        agenda.focus()
        agenda.highlighted = index
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert app.screen.card is not None and app.screen.card.id.endswith("item-2")


async def test_capital_r_adds_a_finished_item_and_refuses_an_open_one(data_dir: Path) -> None:
    write_roadmap(data_dir, small_roadmap())
    progress = enrolled("tiny", start=TODAY - timedelta(days=7))
    done = datetime.combine(TODAY, datetime.min.time(), UTC) + timedelta(hours=12)
    progress = set_item_state(progress, "tiny", "phase-1/week-1/item-1", ItemState.DONE, done)
    save_progress(data_dir, progress)
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        main = await open_main(pilot, app)
        main.jump("phase-1/week-1", "phase-1/week-1/item-2")
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        assert "Only a finished item or node goes into review." in screen_text(app)
        main.jump("phase-1/week-1", "phase-1/week-1/item-1")
        await pilot.pause()
        await pilot.press("R")
        await wait_for(pilot, lambda: not app.store.unsaved)
        card = load_progress(data_dir).roadmap("tiny").cards["phase-1/week-1/item-1"]
        assert card.due.date() == TODAY + timedelta(days=1)
        assert "In review, first due" in screen_text(app)
