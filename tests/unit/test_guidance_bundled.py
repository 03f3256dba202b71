"""Issue 13 on the bundled roadmaps: agenda, due, overdue, buffer and P50/P90 by hand.

Every learner logs exactly the plan's hours on every study day (a pace ratio of 1, no
spread: P90's band is the least, 15 %) and ticks items at noon of a day before today.
The rest, in the plan's own terms, is the plan's hours a study day over its study days
from today to the planned end (N), less the buffer's hours; with nothing closed today,
at the plan's pace P50 is then the (N - buffer)-th study day counting today, and P90
at 85 % of the pace: 0.85 of a day today, then ceil((N - buffer - 0.85) / 0.85) study
days from tomorrow.

The plans (worked out in ``test_schedule_bundled``): start Monday 5 January 2026, today
Monday 16 March 2026, Sundays off (60 study days before today).
- ml-engineer-16-weeks at 13 h a week: each document week is Mon-Sat, 13 h; the plan
  ends Saturday 25 April (96 study days), N = 36 (16 March - 25 April, six weeks).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from test_schedule_bundled import CASES

from syllabus import catalog
from syllabus.model import progress as pm
from syllabus.model.schedule import build_plan, compute_status, replan, roadmap_agenda
from syllabus.model.schedule.options import behind_options

T0 = datetime(2025, 1, 1, tzinfo=UTC)
START, TODAY = date(2026, 1, 5), date(2026, 3, 16)
ML = "ml-engineer-16-weeks"


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def learner(
    roadmap_id: str,
    enrolment: pm.Enrolment,
    closed: dict[str, date],
    today: date,
) -> pm.Progress:
    """Items closed at noon of the given days; the plan's hours logged every study day."""
    roadmap = catalog.load_roadmap(roadmap_id, Path("/nonexistent"))
    plan = build_plan(roadmap, enrolment)
    items = {
        i: pm.ItemRecord(state=pm.ItemState.DONE, updated=noon(d), closed_at=noon(d))
        for i, d in closed.items()
    }
    checkins = {}
    day = enrolment.start
    while day < today:
        if plan.is_study_day(day):
            checkins[f"c{day}"] = pm.CheckIn(
                id=f"c{day}",
                date=day,
                hours=plan.hours_per_day,
                roadmap=roadmap_id,
                created=T0,
                updated=T0,
            )
        day += timedelta(days=1)
    rp = pm.RoadmapProgress(enrolment=enrolment, items=items)
    return pm.set_active(pm.Progress(roadmaps={roadmap_id: rp}, checkins=checkins), roadmap_id, T0)


def enrol(roadmap_id: str, pauses: list[pm.Pause] | None = None) -> pm.Enrolment:
    start, per_week, estimate, *_ = CASES[roadmap_id]
    return pm.Enrolment(
        start=start, hours_per_week=per_week, estimate=estimate, pauses=pauses or [], updated=T0
    )


def ml_week(n: int) -> str:
    return f"block-{(n - 1) // 4 + 1}/week-{n:02d}"


def tracked_of(plan_tracked: tuple[str, ...], node: str) -> list[str]:
    return [i for i in plan_tracked if i.startswith(node + "/")]


# --- ml-engineer-16-weeks, every scenario by hand -----------------------------------------


@pytest.fixture(scope="module")
def ml() -> tuple[object, object]:
    roadmap = catalog.load_roadmap(ML, Path("/nonexistent"))
    return roadmap, build_plan(roadmap, enrol(ML))


def closed_through(plan: object, weeks: list[int], day: date) -> dict[str, date]:
    tracked = plan.tracked  # type: ignore[attr-defined]
    return {i: day for n in weeks for i in tracked_of(tracked, ml_week(n))}


def test_ml_engineer_on_pace(ml: tuple[object, object]) -> None:
    roadmap, plan = ml
    # weeks 1-10 closed on their own days (each on its week's Saturday): the line this
    # morning is 10 x 13 = 130 h, all closed (checkpoints hold 0 h): buffer 0
    closed = {}
    for n in range(1, 11):
        saturday = START + timedelta(days=7 * (n - 1) + 5)
        closed |= closed_through(plan, [n], saturday)
    closed |= {
        i: date(2026, 1, 31) for i in tracked_of(plan.tracked, "block-1/checkpoint-capstone")
    }
    closed |= {
        i: date(2026, 2, 28) for i in tracked_of(plan.tracked, "block-2/checkpoint-capstone")
    }
    state = learner(ML, enrol(ML), closed, TODAY)
    status = compute_status(roadmap, state, ML, TODAY)  # type: ignore[arg-type]
    assert status.buffer_days == 0 and status.overdue == []
    week11 = tracked_of(plan.tracked, ml_week(11))
    # due today: the first items of week 11 (the ones Monday's 13/6 h reach)
    assert status.due and status.due == week11[: len(status.due)]
    agenda = roadmap_agenda(roadmap, state, ML, TODAY)  # type: ignore[arg-type]
    assert [(e.item_id, e.why) for e in agenda[: len(status.due)]] == [
        (i, "today") for i in status.due
    ]
    # N = 36, buffer 0: P50 the 36th study day from today = Saturday 25 April, the plan's
    # end. P90: (36 - 0.85) / 0.85 = 41.4 -> 42 study days from Tuesday 17 March:
    # 17-21 March (5), six weeks to 2 May (36), Monday 4 May
    forecast = status.forecast
    assert forecast is not None and forecast.basis == "history"
    assert (forecast.p50, forecast.p90, forecast.planned) == (
        date(2026, 4, 25),
        date(2026, 5, 4),
        date(2026, 4, 25),
    )
    assert behind_options(roadmap, state, ML, TODAY) is None  # type: ignore[arg-type]


def _behind(plan: object) -> dict[str, date]:
    """Each of weeks 1-9 closed one week late (on the next week's Saturday; week 9 on 14
    March), week 10 still open."""
    closed = {}
    for n in range(1, 10):
        closed |= closed_through(plan, [n], START + timedelta(days=7 * n + 5))
    tracked = plan.tracked  # type: ignore[attr-defined]
    closed |= {i: date(2026, 2, 7) for i in tracked_of(tracked, "block-1/checkpoint-capstone")}
    closed |= {i: date(2026, 3, 7) for i in tracked_of(tracked, "block-2/checkpoint-capstone")}
    return closed


def test_ml_engineer_one_week_behind(ml: tuple[object, object]) -> None:
    roadmap, plan = ml
    state = learner(ML, enrol(ML), _behind(plan), TODAY)
    status = compute_status(roadmap, state, ML, TODAY)  # type: ignore[arg-type]
    week10 = tracked_of(plan.tracked, ml_week(10))  # type: ignore[attr-defined]
    # week 10's 13 h are open: -13 h at 13/6 h a study day = -6 study days
    assert status.overdue == week10
    assert status.buffer_days == pytest.approx(-6)
    agenda = roadmap_agenda(roadmap, state, ML, TODAY)  # type: ignore[arg-type]
    assert [e.item_id for e in agenda[: len(week10)]] == week10
    assert {e.why for e in agenda[: len(week10)]} == {"overdue"}
    # N - buffer = 42: P50 Saturday 2 May (25 April + 6 study days). P90:
    # (42 - 0.85) / 0.85 = 48.4 -> 49 from 17 March: 5 + seven weeks to 9 May (42) = 47,
    # then Monday 11 and Tuesday 12 May
    forecast = status.forecast
    assert forecast is not None
    assert (forecast.p50, forecast.p90) == (date(2026, 5, 2), date(2026, 5, 12))
    # keeping 25 April: the 36 study days' 78 h + 13 h behind = 91 h / 36 x 6 = 15.17 h
    options = behind_options(roadmap, state, ML, TODAY)  # type: ignore[arg-type]
    assert options is not None and options.new_date == date(2026, 5, 2)
    assert options.hours_per_week == pytest.approx(91 / 6, abs=1e-9) and options.hours_per_week > 13


def test_ml_engineer_two_weeks_ahead(ml: tuple[object, object]) -> None:
    roadmap, plan = ml
    # weeks 11 and 12 done along with weeks 1 and 2 (January, out of the forecast's
    # eight study weeks), weeks 1-10 on their days: +26 h = +12 study days
    closed = {}
    for n in range(1, 11):
        closed |= closed_through(plan, [n], START + timedelta(days=7 * (n - 1) + 5))
    closed |= closed_through(plan, [11, 12], date(2026, 1, 10))
    tracked = plan.tracked  # type: ignore[attr-defined]
    closed |= {i: date(2026, 1, 31) for i in tracked_of(tracked, "block-1/checkpoint-capstone")}
    closed |= {i: date(2026, 2, 28) for i in tracked_of(tracked, "block-2/checkpoint-capstone")}
    state = learner(ML, enrol(ML), closed, TODAY)
    status = compute_status(roadmap, state, ML, TODAY)  # type: ignore[arg-type]
    assert status.overdue == [] and status.due == []
    assert status.buffer_days == pytest.approx(12)
    agenda = roadmap_agenda(roadmap, state, ML, TODAY)  # type: ignore[arg-type]
    assert agenda and {e.why for e in agenda} == {"ahead"}
    # week 13's first items come next (the checkpoint of 28 March holds 0 h)
    assert agenda[0].node_id in ("block-3/checkpoint-capstone", ml_week(13))
    # N - buffer = 24: P50 the 24th study day from today = Saturday 11 April. P90:
    # (24 - 0.85) / 0.85 = 27.2 -> 28 from 17 March: 5 + three weeks to 11 April (18) =
    # 23, then 13-17 April: Friday 17 April
    forecast = status.forecast
    assert forecast is not None
    assert (forecast.p50, forecast.p90) == (date(2026, 4, 11), date(2026, 4, 17))
    assert behind_options(roadmap, state, ML, TODAY) is None  # type: ignore[arg-type]


def test_ml_engineer_paused_fortnight() -> None:
    roadmap = catalog.load_roadmap(ML, Path("/nonexistent"))
    pause = [pm.Pause(start=date(2026, 2, 16), end=date(2026, 3, 1))]
    enrolment = enrol(ML, pause)
    plan = build_plan(roadmap, enrolment)
    # the fortnight moves everything two weeks: the end is Saturday 9 May; weeks 7 and 8
    # are planned 2-14 March, so on 16 March (48 study days in) week 9 starts: the line
    # this morning is 8 x 13 = 104 h, all closed on their days
    assert plan.end == date(2026, 5, 9)
    closed = {}
    for n in range(1, 9):
        closed |= {i: plan.item_due[i] for i in tracked_of(plan.tracked, ml_week(n))}
    closed |= {
        i: plan.item_due[i]
        for node in ("block-1/checkpoint-capstone", "block-2/checkpoint-capstone")
        for i in tracked_of(plan.tracked, node)
    }
    state = learner(ML, enrolment, closed, TODAY)
    status = compute_status(roadmap, state, ML, TODAY)
    assert status.buffer_days == 0 and status.overdue == []
    assert status.due == tracked_of(plan.tracked, ml_week(9))[: len(status.due)] != []
    # N = 48 (16 March - 9 May, eight weeks): P50 9 May. P90: (48 - 0.85) / 0.85 = 55.5
    # -> 56 from 17 March: 17-21 March (5) + seven weeks to 9 May (42) = 47, 11-16 May
    # (6) = 53, then 18-20 May: Wednesday 20 May
    forecast = status.forecast
    assert forecast is not None
    assert (forecast.p50, forecast.p90) == (date(2026, 5, 9), date(2026, 5, 20))


def test_ml_engineer_replan_then_re_tick(ml: tuple[object, object]) -> None:
    roadmap, plan = ml
    state = learner(ML, enrol(ML), _behind(plan), TODAY)
    made = noon(TODAY)
    moved = replan(state, roadmap, ML, TODAY, made)  # type: ignore[arg-type]
    # behind: the open rest (weeks 10-16, 7 x 13 h = 42 study days) starts today and
    # ends Saturday 2 May; the line restarts there: buffer 0, nothing overdue
    after = compute_status(roadmap, moved, ML, TODAY)  # type: ignore[arg-type]
    assert after.plan is not None and after.plan.end == date(2026, 5, 2)
    assert after.overdue == [] and after.buffer_days == 0
    assert after.due == tracked_of(plan.tracked, ml_week(10))[: len(after.due)] != []  # type: ignore[attr-defined]
    assert after.forecast is not None and after.forecast.p50 == date(2026, 5, 2)
    # an old item of week 1 un-ticked and ticked again after the replan: nothing moves
    item = tracked_of(plan.tracked, ml_week(1))[0]  # type: ignore[attr-defined]
    later = made + timedelta(hours=2)
    retick = pm.set_item_state(moved, ML, item, pm.ItemState.TODO, later)
    retick = pm.set_item_state(retick, ML, item, pm.ItemState.DONE, later + timedelta(minutes=1))
    again = compute_status(roadmap, retick, ML, TODAY)  # type: ignore[arg-type]
    assert again.plan is not None and again.plan.nodes == after.plan.nodes
    assert (again.buffer_days, again.overdue, again.due) == (
        after.buffer_days,
        after.overdue,
        after.due,
    )
    assert again.forecast == after.forecast


# --- every bundled roadmap: on pace gets the planned date ---------------------------------


@pytest.mark.parametrize("roadmap_id", sorted(CASES))
def test_on_pace_gets_the_planned_date(roadmap_id: str) -> None:
    """Every item planned before today closed on its day, the plan's hours logged: the
    buffer is 0 and the rest is the plan's hours over N study days, so P50 is the
    planned end (overlapping phases and a month with nothing to tick included)."""
    roadmap = catalog.load_roadmap(roadmap_id, Path("/nonexistent"))
    enrolment = enrol(roadmap_id)
    _, _, _, today, _, end, _ = CASES[roadmap_id]
    today += timedelta(days=2)  # Monday: nothing closed yet today
    plan = build_plan(roadmap, enrolment)
    assert plan.end == end
    closed = {i: plan.item_due[i] for i in plan.tracked if plan.item_due[i] < today}
    state = learner(roadmap_id, enrolment, closed, today)
    status = compute_status(roadmap, state, roadmap_id, today)
    assert status.buffer_days == 0 and status.overdue == []
    assert status.forecast is not None and status.forecast.p50 == end
    # a week later, still on pace: still the planned date
    week_on = today + timedelta(days=7)
    closed = {i: plan.item_due[i] for i in plan.tracked if plan.item_due[i] < week_on}
    state = learner(roadmap_id, enrolment, closed, week_on)
    status = compute_status(roadmap, state, roadmap_id, week_on)
    assert status.forecast is not None and status.forecast.p50 == end
