"""Issue 15.1: review time enters the forecast as a per-week allowance from the cards that
exist, not as remaining work: the share of the study time the cards' ``weekly_minutes``
take. The guidance issue's forecast properties run with cards on in
``test_guidance_model`` (its ``review_cards`` strategy)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from test_guidance_model import START, T0, learner, noon, the_roadmap

from syllabus.model import progress as pm
from syllabus.model.schedule import compute_status
from syllabus.model.schedule.forecast import REVIEW_SHARE, review_share


def with_cards(state: pm.Progress, minutes: float, stability: float = 2.0) -> pm.Progress:
    """Three stored cards of node w, each asking ``minutes`` every ``stability`` days."""
    rp = state.roadmap("r")
    cards = {
        f"w/i{n}": pm.ReviewCard(
            node="w",
            due=noon(START + timedelta(days=n)),
            state="review",
            stability=stability,
            difficulty=5.0,
            last_review=noon(START),
            minutes=minutes,
            updated=T0,
        )
        for n in range(1, 4)
    }
    return replace(state, roadmaps={"r": replace(rp, cards=cards)})


def test_no_cards_no_change_and_cards_an_allowance_not_work() -> None:
    rm = the_roadmap()
    today = date(2026, 3, 21)
    done = {n: START + timedelta(days=2 * n) for n in range(1, 9)}
    days = [
        START + timedelta(days=k) for k in range(19) if (START + timedelta(days=k)).weekday() != 6
    ]
    base = learner(done, {d: 1.0 for d in days})
    plain = compute_status(rm, base, "r", today)
    reviewed = compute_status(rm, with_cards(base, 10.0), "r", today)
    assert plain.forecast is not None and reviewed.forecast is not None
    # the same work remains; the finish moves later by the time reviews take
    assert reviewed.remaining_hours == plain.remaining_hours
    assert reviewed.buffer_days == plain.buffer_days
    assert reviewed.forecast.p50 > plain.forecast.p50
    assert reviewed.forecast.planned == plain.forecast.planned


def test_reviews_take_their_share_of_the_study_time_at_most_a_quarter() -> None:
    # the hand-worked plan: 1 h a study day, 6 a week
    plan = compute_status(the_roadmap(), learner({}, {}), "r", START).plan
    assert plan is not None
    assert review_share(plan, 0.0) == 0.0
    assert review_share(plan, 0.6) == 0.6 / 6  # 36 minutes of the 6 h: a tenth
    assert review_share(plan, 1.5) == REVIEW_SHARE == 0.25
    assert review_share(plan, 50.0) == REVIEW_SHARE  # the plan always moves on


def test_review_minutes_sit_on_the_days_they_are_due() -> None:
    from test_review import calendar_for, cards_of, enrolled, enrolment, finished

    from syllabus.model import review

    cal = calendar_for(enrolment())
    # week 1 finished on Thursday 5 November: its 4 cards (3 minutes each) are due on
    # Friday 6 November: 12 minutes that day, none before or after
    found = cards_of(finished(enrolled()))
    assert review.minutes_by_day(found, cal, date(2026, 11, 5), 4) == {date(2026, 11, 6): 12.0}
    # finished on Saturday 7: Sunday is a rest day, so the 12 minutes sit on Monday 9
    saturday = datetime(2026, 11, 7, 12, tzinfo=UTC)
    found = cards_of(finished(enrolled(), saturday))
    assert review.minutes_by_day(found, cal, date(2026, 11, 7), 3) == {date(2026, 11, 9): 12.0}
