"""Spaced review (issue 15): cards from a finished node's questions, FSRS through the
real package with fixed dates, the agenda's review entries and ``syllabus review``.

The roadmap: week-1 has two tasks and three lines to review ("Can …", an "Interview
Prep" question, an item asking two questions: ``#1`` and ``#2``); week-2 one task.
Enrolled Monday 2 November 2026, Sundays off; week-1 is finished on Thursday the 5th.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from syllabus import catalog, cli
from syllabus.model import progress as pm
from syllabus.model import review
from syllabus.model.roadmap import HoursRange, Item, ItemKind, Node, Pace, Roadmap, Timing
from syllabus.model.schedule import build_plan, roadmap_agenda
from syllabus.model.schedule.calendar import calendar_for
from syllabus.storage.progress_file import ProgressFile

T0 = datetime(2026, 11, 1, tzinfo=UTC)
FINISHED = datetime(2026, 11, 5, 12, tzinfo=UTC)


def roadmap() -> Roadmap:
    week1 = Node(
        id="week-1",
        title="Week 1",
        timing=Timing(hours=HoursRange(low=6, high=6)),
        items=[
            Item(id="week-1/a", text="Read the intro"),
            Item(id="week-1/b", text="Do the exercises"),
            Item(
                id="week-1/can",
                text="Can explain overfitting",
                kind=ItemKind.OUTCOME,
                checkable=False,
            ),
            Item(
                id="week-1/q",
                text='"What is a normal distribution?"',
                kind=ItemKind.SELF_CHECK,
                group="Interview Prep",
            ),
            Item(
                id="week-1/two",
                text="What is bias? What is variance?",
                kind=ItemKind.SELF_CHECK,
                group="Interview Prep",
            ),
        ],
    )
    week2 = Node(
        id="week-2",
        title="Week 2",
        timing=Timing(hours=HoursRange(low=6, high=6)),
        items=[Item(id="week-2/c", text="Build the thing")],
    )
    return Roadmap(
        id="rev",
        title="Review",
        pace=Pace(hours_per_week=HoursRange(low=6, high=6), days_per_week=6),
        nodes=[week1, week2],
    )


CARDS = ["week-1/can", "week-1/q", "week-1/two#1", "week-1/two#2"]


def enrolment() -> pm.Enrolment:
    return pm.Enrolment(
        start=date(2026, 11, 2), hours_per_week=6, days_per_week=6, rest_days=["sun"], updated=T0
    )


def enrolled() -> pm.Progress:
    return pm.enrol(pm.Progress(), "rev", enrolment())


def finished(progress: pm.Progress, when: datetime = FINISHED) -> pm.Progress:
    for item_id in ("week-1/a", "week-1/b", "week-1/q", "week-1/two"):
        progress = pm.set_item_state(progress, "rev", item_id, pm.ItemState.DONE, when)
    return progress


def cards_of(progress: pm.Progress) -> list[review.Card]:
    return review.cards(roadmap(), progress.roadmap("rev"), calendar_for(enrolment()))


def test_no_cards_at_enrolment_and_none_for_an_unfinished_node() -> None:
    assert cards_of(enrolled()) == []
    half = pm.set_item_state(enrolled(), "rev", "week-1/a", pm.ItemState.DONE, FINISHED)
    assert cards_of(half) == []


def test_a_finished_node_makes_its_cards_due_the_next_study_day() -> None:
    found = cards_of(finished(enrolled()))
    assert [c.id for c in found] == CARDS
    assert {c.due for c in found} == {date(2026, 11, 6)}
    assert [c.prompt for c in found] == [
        "Can explain overfitting",
        "What is a normal distribution?",
        "What is bias?",
        "What is variance?",
    ]
    assert all(c.record is None and c.minutes == 3 for c in found)
    # finished on a Saturday: Sunday is a rest day, so Monday
    saturday = datetime(2026, 11, 7, 12, tzinfo=UTC)
    assert {c.due for c in cards_of(finished(enrolled(), saturday))} == {date(2026, 11, 9)}


def _regrade(card: review.Card, record: pm.ReviewCard) -> review.Card:
    cal = calendar_for(enrolment())
    day = cal.first_on_or_after(record.due.date())
    return review.Card(card.id, card.node_id, card.prompt, card.recall, day, 3.0, record)


def test_good_three_times_is_due_later_each_time_through_fsrs() -> None:
    card = cards_of(finished(enrolled()))[0]
    day = card.due
    intervals = []
    for _ in range(3):
        record = review.grade(card, "good", day, T0)
        assert record.last_review == datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        assert record.due.date() > day  # never due again the same day
        intervals.append((record.due.date() - day).days)
        card = _regrade(card, record)
        day = card.due
    assert intervals[0] < intervals[1] < intervals[2]
    assert record.state == "review" and record.stability and record.difficulty


def test_again_brings_it_back_the_next_study_day() -> None:
    card = cards_of(finished(enrolled()))[0]
    for _ in range(3):
        card = _regrade(card, review.grade(card, "good", card.due, T0))
    lapsed = review.grade(card, "again", card.due, T0)
    assert lapsed.due.date() == card.due + timedelta(days=1)
    # on a Saturday, the next study day is Monday
    saturday = review.Card(card.id, card.node_id, card.prompt, (), date(2027, 1, 9), 3, None)
    back = _regrade(saturday, review.grade(saturday, "again", date(2027, 1, 9), T0))
    assert back.due == date(2027, 1, 11)


def test_cards_merge_by_id_and_never_duplicate() -> None:
    base = finished(enrolled())
    card = cards_of(base)[0]
    later = T0 + timedelta(days=10)
    a = review.graded(base, "rev", card, "good", card.due, T0 + timedelta(days=9))
    b = review.graded(base, "rev", card, "hard", card.due, later)
    merged = pm.merge(a, b)
    assert list(merged.roadmap("rev").cards) == [card.id]
    assert merged.roadmap("rev").cards[card.id] == b.roadmap("rev").cards[card.id]
    assert sorted(c.id for c in cards_of(merged)) == CARDS


def test_the_agenda_lists_due_reviews_after_the_items() -> None:
    progress = finished(enrolled())
    plan = build_plan(roadmap(), enrolment(), progress.roadmap("rev"))
    entries = roadmap_agenda(roadmap(), progress, "rev", date(2026, 11, 6), plan)
    reviews = [e for e in entries if e.why == "review"]
    assert [e.item_id for e in reviews] == CARDS
    assert entries[-len(reviews) :] == reviews
    assert reviews[0].hours == pytest.approx(0.05) and reviews[0].node_id == "week-1"
    before = roadmap_agenda(roadmap(), progress, "rev", date(2026, 11, 5), plan)
    assert not [e for e in before if e.why == "review"]


def test_backlog_is_counted_and_spread_over_the_next_study_days() -> None:
    cal = calendar_for(enrolment())
    found = [
        review.Card(f"c{n:02}", "week-1", "?", (), date(2026, 11, 2), 3, None) for n in range(25)
    ]
    queue = review.queue(found, cal, date(2026, 11, 6))
    assert len(queue.due) == review.DAILY_REVIEWS and queue.backlog == 15
    days = review.spread(found, cal, date(2026, 11, 6), days=5)
    assert {d: len(c) for d, c in days.items()} == {
        date(2026, 11, 6): 10,
        date(2026, 11, 7): 10,
        date(2026, 11, 9): 5,  # Sunday the 8th is a rest day: nothing piles up on it
        date(2026, 11, 10): 0,
    }
    sunday = review.queue(found, cal, date(2026, 11, 8))
    assert sunday.due == [] and sunday.backlog == 25


def test_weekly_minutes_come_from_the_cards_there_are() -> None:
    found = cards_of(finished(enrolled()))
    assert review.weekly_minutes(found, 6) == pytest.approx(4 * 3)  # once a week each, new
    assert review.weekly_minutes([], 6) == 0


# --- the command ---------------------------------------------------------------------------


@pytest.fixture
def history(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-06")
    catalog.save_user_roadmap(roadmap(), data_dir)
    ProgressFile(data_dir).save(finished(enrolled()))
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_review_json_lists_today_s_cards(history: Path, capsys) -> None:
    code, out, err = run(capsys, "review", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["backlog"] == 0
    assert data["due"][0] == {
        "id": "week-1/can",
        "prompt": "Can explain overfitting",
        "node": "week-1",
        "due": "2026-11-06",
        "minutes": 3,
    }
    assert [c["id"] for c in data["due"]] == CARDS
    code, out, _ = run(capsys, "today", "--format", "json", "--roadmap", "rev")
    reviews = [e for e in json.loads(out)["agenda"] if e["why"] == "review"]
    assert [e["id"] for e in reviews] == CARDS


def test_grading_is_one_undo_step(history: Path, capsys) -> None:
    code, out, err = run(capsys, "review", "week-1/q", "--grade", "good")
    assert code == 0, err
    assert out.startswith("good: week-1/q, next due ")
    record = ProgressFile(history).load().progress.roadmap("rev").cards["week-1/q"]
    assert record.state == "review" and record.due.date() > date(2026, 11, 6)
    code, out, _ = run(capsys, "review", "--format", "json")
    assert "week-1/q" not in [c["id"] for c in json.loads(out)["due"]]
    assert run(capsys, "undo")[0] == 0
    code, out, _ = run(capsys, "review", "--format", "json")
    assert "week-1/q" in [c["id"] for c in json.loads(out)["due"]]


def test_add_takes_a_finished_item_or_node_only(history: Path, capsys) -> None:
    code, out, err = run(capsys, "review", "--add", "week-2")
    assert code == 2 and "not finished yet" in err
    code, out, err = run(capsys, "review", "--add", "week-1/a")
    assert code == 0, err
    card = ProgressFile(history).load().progress.roadmap("rev").cards["week-1/a"]
    assert card.due == datetime(2026, 11, 7, 12, tzinfo=UTC) and card.node == "week-1"
    code, out, err = run(capsys, "review", "week-1/q")
    assert code == 2 and "--grade" in err
