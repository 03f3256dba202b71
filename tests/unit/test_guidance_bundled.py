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

Its finished nodes have review cards (issue 15), and their time is an allowance taken
off the pace the rest is done at. The cards, by reading the roadmap: each week's three
"Weekly Outcomes" (kind outcome), plus in week 5 the topic "What is ML? ..." (a
question; the stretch goal "Compare with baseline ..." only starts with a question word
and is no card), in week 8 the self-check "Explain limitations of clustering"; each
block checkpoint has five "Can ..." self-checks and three "Interview Prep" questions
(8); the blocks have no items of their own. So weeks 1-4: 12, checkpoint 1: 8, weeks
5-8: 4 + 3 + 3 + 4 = 14, checkpoint 2: 8 (42 through block 2), weeks 9-12: 3 each. No
card is graded yet: each asks 3 minutes once a week, so C cards take 3C/60 h of the 13 h
a week, a share s = C/260 of the study time (at most a quarter), and a study day leaves
13/6 (1 - s) = 13/6 - C/120 h for the plan at P50 and 0.85 x 13/6 (1 - s) =
1.8417 (1 - s) h at P90. With R hours of the rest and nothing closed today, the finish
is ceil(R / q - 1) study days after today at q hours a day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from test_schedule_bundled import CASES

from syllabus import catalog
from syllabus.model import progress as pm
from syllabus.model import review
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


WEEKLY = [
    "github-repo",
    "jupyter-python-notebook-or-script",
    "readme-md-problem-dataset-link-how-to-run",
    "short-write-up-results-ethical-considerations",
    "evaluation-metrics-or-tests",
]
"""ml-engineer's weekly deliverables of weeks 1-12 ("Later: Dockerfile, model card, CI
setup" recurs from week 13): each plan week's instance is due on its last study day."""


def deliverables(week: int) -> list[str]:
    """The instances of plan week ``week`` of those five deliverables, in document order."""
    return [f"project-deliverables/{name}@{week}" for name in WEEKLY]


def closed_through(plan: object, weeks: list[int], day: date) -> dict[str, date]:
    """The items of those roadmap weeks and the weekly deliverables of those plan weeks
    (the plan starts on a Monday: plan week n is roadmap week n)."""
    tracked = plan.tracked  # type: ignore[attr-defined]
    weekly = [i for i in tracked if i.startswith("project-deliverables/")]
    deliverables = [i for n in weeks for i in weekly if i.endswith(f"@{n}")]
    return {i: day for n in weeks for i in tracked_of(tracked, ml_week(n))} | dict.fromkeys(
        deliverables, day
    )


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
    # N = 36, buffer 0: R = 36 x 13/6 = 78 h. Cards: weeks 1-10 and both checkpoints,
    # 42 + 3 + 3 = 48: 144 min of the 13 h a week, s = 48/260 = 0.1846; 0.4 h a day.
    # P50 at 13/6 - 0.4 = 1.7667 h a day: 78 / 1.7667 - 1 = 43.2 -> 44 study days
    # from Tuesday 17 March: 17-21 March (5), six weeks to 2 May (41), 4-6 May:
    # Wednesday 6 May (without reviews: the plan's end, 25 April).
    # P90 at 1.8417 x 212/260 = 1.5017 h: 78 / 1.5017 - 1 = 50.9 -> 51: 41 to 2 May,
    # 47 to 9 May, 11-14 May: Thursday 14 May
    forecast = status.forecast
    assert forecast is not None and forecast.basis == "history"
    assert (forecast.p50, forecast.p90, forecast.planned) == (
        date(2026, 5, 6),
        date(2026, 5, 14),
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
    # week 10's 13 h are open: -13 h at 13/6 h a study day = -6 study days. Overdue too:
    # week 10's five deliverables, due on its last study day, Saturday 14 March (0 h
    # each, after the week's items due that day); "Later: ..." recurs from week 13
    owed = week10 + deliverables(10)
    assert status.overdue == owed
    assert status.buffer_days == pytest.approx(-6)
    agenda = roadmap_agenda(roadmap, state, ML, TODAY)  # type: ignore[arg-type]
    assert [e.item_id for e in agenda[: len(owed)]] == owed
    assert {e.why for e in agenda[: len(owed)]} == {"overdue"}
    # N - buffer = 42: R = 91 h. Cards: weeks 1-9 and both checkpoints, 42 + 3 = 45:
    # s = 45/260, 45/120 = 0.375 h a study day. P50 at 1.7917 h: 91 / 1.7917 - 1 =
    # 49.8 -> 50 study days from 17 March: 5 + seven weeks to 9 May (47), 11-13 May:
    # Wednesday 13 May (without reviews: 2 May). P90 at 1.8417 x 215/260 = 1.5229 h:
    # 91 / 1.5229 - 1 = 58.8 -> 59: 47 to 9 May, two weeks to 23 May (59), Saturday 23 May
    forecast = status.forecast
    assert forecast is not None
    assert (forecast.p50, forecast.p90) == (date(2026, 5, 13), date(2026, 5, 23))
    # keeping 25 April: the 36 study days' 78 h + 13 h behind = 91 h / 36 x 6 = 15.17 h
    options = behind_options(roadmap, state, ML, TODAY)  # type: ignore[arg-type]
    assert options is not None and options.new_date == date(2026, 5, 13)
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
    # the plan's items are all "ahead"; the reviews due (finished nodes' cards) come last
    whys = [e.why for e in agenda]
    assert agenda and set(whys) <= {"ahead", "review"} and whys[0] == "ahead"
    assert whys == sorted(whys)  # "ahead" < "review"
    # week 13's first items come next (the checkpoint of 28 March holds 0 h)
    assert agenda[0].node_id in ("block-3/checkpoint-capstone", ml_week(13))
    # N - buffer = 24: R = 52 h. Cards: weeks 1-12 and checkpoints 1-2 (block 3's is
    # open), 48 + 3 + 3 = 54: s = 54/260, 54/120 = 0.45 h a study day. P50 at
    # 1.7167 h: 52 / 1.7167 - 1 = 29.3 -> 30 from 17 March: 5 + four weeks to 18 April
    # (29), Monday 20 April (without reviews: 11 April). P90 at 1.8417 x 206/260 =
    # 1.4592 h: 52 / 1.4592 - 1 = 34.6 -> 35: five weeks to 25 April, Saturday 25 April
    forecast = status.forecast
    assert forecast is not None
    assert (forecast.p50, forecast.p90) == (date(2026, 4, 20), date(2026, 4, 25))
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
    # the weekly deliverables, each on its week's last study day: plan weeks 1-6 (Saturday
    # 10 January ... 14 February) and 9-10 (7 and 14 March, roadmap weeks 7 and 8); the
    # paused plan weeks 7 and 8 (16 February - 1 March) have none
    assert not any(i.endswith(("@7", "@8")) for i in plan.tracked)
    for n in (*range(1, 7), 9, 10):
        closed |= {i: plan.item_due[i] for i in deliverables(n)}
    assert [plan.item_due[i] for i in deliverables(10)] == [date(2026, 3, 14)] * 5
    closed |= {
        i: plan.item_due[i]
        for node in ("block-1/checkpoint-capstone", "block-2/checkpoint-capstone")
        for i in tracked_of(plan.tracked, node)
    }
    state = learner(ML, enrolment, closed, TODAY)
    status = compute_status(roadmap, state, ML, TODAY)
    assert status.buffer_days == 0 and status.overdue == []
    assert status.due == tracked_of(plan.tracked, ml_week(9))[: len(status.due)] != []
    # N = 48 (16 March - 9 May, eight weeks): R = 104 h. Cards: weeks 1-8 and both
    # checkpoints, 42: s = 42/260, 42/120 = 0.35 h a study day. P50 at 1.8167 h: 104 / 1.8167 - 1
    # = 56.2 -> 57 from 17 March: 17-21 March (5) + seven weeks to 9 May (47), 11-16 May
    # (53), 18-21 May: Thursday 21 May (without reviews: 9 May). P90 at 1.8417 x 218/260
    # = 1.5442 h: 104 / 1.5442 - 1 = 66.3 -> 67: 53 to 16 May, two weeks to 30 May (65),
    # 1-2 June: Tuesday 2 June
    forecast = status.forecast
    assert forecast is not None
    assert (forecast.p50, forecast.p90) == (date(2026, 5, 21), date(2026, 6, 2))


def test_ml_engineer_replan_then_re_tick(ml: tuple[object, object]) -> None:
    roadmap, plan = ml
    state = learner(ML, enrol(ML), _behind(plan), TODAY)
    made = noon(TODAY)
    moved = replan(state, roadmap, ML, TODAY, made)  # type: ignore[arg-type]
    # behind: the open rest (weeks 10-16, 7 x 13 h = 42 study days) starts today and
    # ends Saturday 2 May; the line restarts there: buffer 0, and of the plan's work
    # nothing overdue — but plan week 10's five deliverables keep their calendar week
    # (an instance names a week through every replan), due Saturday 14 March: still owed
    after = compute_status(roadmap, moved, ML, TODAY)  # type: ignore[arg-type]
    assert after.plan is not None and after.plan.end == date(2026, 5, 2)
    assert after.overdue == deliverables(10) and after.buffer_days == 0
    assert after.due == tracked_of(plan.tracked, ml_week(10))[: len(after.due)] != []  # type: ignore[attr-defined]
    # the rest, 91 h, at the pace of 1 (history or plan alike) less the 45 cards' 0.375 h
    # a study day (as one week behind): 50 study days after today, Wednesday 13 May
    assert after.forecast is not None and after.forecast.p50 == date(2026, 5, 13)
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


REVIEWED = {
    # ml-engineer's finished nodes have cards (see the module's doc). 16 March: weeks
    # 1-10 and both checkpoints, 48 cards, P50 Wednesday 6 May as in the on-pace case.
    # 23 March: week 11 too, 51 cards, 51/120 = 0.425 h a study day; N = 30 (23 March -
    # 25 April), R = 65 h at 13/6 - 0.425 = 1.7417 h: 65 / 1.7417 - 1 = 36.3 -> 37 study
    # days from Tuesday 24 March: 24-28 March (5), five weeks to 2 May (35), 4-5 May:
    # Tuesday 5 May
    ML: (date(2026, 5, 6), date(2026, 5, 5)),
}
"""The roadmaps whose finished nodes have review cards on those days: P50 a week on,
and today, by hand."""


@pytest.mark.parametrize("roadmap_id", sorted(CASES))
def test_on_pace_gets_the_planned_date(roadmap_id: str) -> None:
    """Every item planned before today closed on its day, the plan's hours logged: the
    buffer is 0 and the rest is the plan's hours over N study days, so P50 is the
    planned end (overlapping phases and a month with nothing to tick included) — unless
    finished nodes have review cards, whose time is taken off the pace (``REVIEWED``)."""
    roadmap = catalog.load_roadmap(roadmap_id, Path("/nonexistent"))
    enrolment = enrol(roadmap_id)
    _, _, _, today, _, end, _ = CASES[roadmap_id]
    today += timedelta(days=2)  # Monday: nothing closed yet today
    plan = build_plan(roadmap, enrolment)
    assert plan.end == end
    expected = REVIEWED.get(roadmap_id, (end, end))
    closed = {i: plan.item_due[i] for i in plan.tracked if plan.item_due[i] < today}
    state = learner(roadmap_id, enrolment, closed, today)
    status = compute_status(roadmap, state, roadmap_id, today)
    assert status.buffer_days == 0 and status.overdue == []
    assert status.forecast is not None and status.forecast.p50 == expected[0]
    cards = review.cards(roadmap, state.roadmap(roadmap_id), plan.calendar)
    assert bool(cards) == (roadmap_id in REVIEWED)
    # a week later, still on pace: still the planned date (or by hand, with cards)
    week_on = today + timedelta(days=7)
    closed = {i: plan.item_due[i] for i in plan.tracked if plan.item_due[i] < week_on}
    state = learner(roadmap_id, enrolment, closed, week_on)
    status = compute_status(roadmap, state, roadmap_id, week_on)
    assert status.forecast is not None and status.forecast.p50 == expected[1]
    cards = review.cards(roadmap, state.roadmap(roadmap_id), plan.calendar)
    assert bool(cards) == (roadmap_id in REVIEWED)


# --- the other four bundled roadmaps, every scenario by hand ------------------------------
#
# Same learner as above (the plan's hours logged every study day before today, items
# ticked at noon), Sundays off. Today is Monday 16 March 2026 (study day 61), for
# ki-12-monate Monday 10 August 2026 (study day 61 from 1 June). The plans by hand:
# - mlops-6-months, 12 h/week (2 h a study day), scheduled by position: document week N
#   is calendar week N, 12 h; a week's 4 items take 3 h each, ending on study days
#   ceil(3k/2) = Tue, Wed, Fri, Sat (5 items: 2.4 h, Tue-Sat). The courses studied
#   alongside and the portfolio months take 0 h, due at their months' ends (month 3:
#   Saturday 28 March). End Saturday 20 June (week 24); N = 14 weeks = 84.
# - ki-fahrplan-2025, 10 h/week (10/6 h a study day): 53 items of 3 h, item k ends on
#   study day ceil(3k / (10/6)) = ceil(1.8k); levels hold 9, 7, 8, 6, 8, 8, 7 items, so
#   level 5 is k = 31-38. End Saturday 25 April (day 96); N = 36.
# - ml-dl-gpt-studienplan, 22.5 h/week (3.75 h a study day): 97 items of 810/97 = 8.35 h,
#   item k ends on study day ceil(216k/97) = ceil(2.2268k): k = 24 Sat 7 March (day 54),
#   25 Tue 10 (56), 26 Thu 12 (58), 27 Mon 16 (61), 32 Sat 28 (72), 33 Tue 31 March (74).
#   Level 1's leaves hold 16, 9 (k = 17-25) and 8 items (k = 26-33). End Saturday
#   12 September (day 216); N = 26 weeks = 156.
# - ki-12-monate, 15 h/week (2.5 h a study day), a month of 4 weeks: phase 1 (7 items,
#   60 h) in June, phase 2 (7 items of 120/7 h, 48 study days from 29 June: item k on its
#   day ceil(6.857k)) and phase 3 (7 items of 180/7 h, 72 study days from 27 July: day
#   ceil(10.286k)) overlap, plus the side track's 11 items of 3 h spread over the plan's
#   work (item k on study day ceil(312k/11): 3 July, 5 August, 8 September).
#   Phase 2's item 5 and phase 3's item 1 fall on Friday 7 August, phase 2's 6 and 7 on
#   15 and 22 August, phase 3's 2 and 3 on 19 and 31 August. The milestone of month 13
#   ends it on Saturday 29 May 2027 (52 weeks, 312 study days); N = 252.
# P50 is the ceil(N - buffer)-th study day counting today; P90 ceil((N - buffer - 0.85)
# / 0.85) study days from tomorrow (the learner's pace is the plan's, no spread).

OTHERS = ("mlops-6-months", "ki-fahrplan-2025", "ml-dl-gpt-studienplan", "ki-12-monate")
KI12_TODAY = date(2026, 8, 10)
D = date


def today_of(roadmap_id: str) -> date:
    return KI12_TODAY if roadmap_id == "ki-12-monate" else TODAY


def planned_before(plan: object, cut: date) -> dict[str, date]:
    """Every tracked item planned before ``cut``, closed on its planned day."""
    due = plan.item_due  # type: ignore[attr-defined]
    return {i: due[i] for i in plan.tracked if due[i] < cut}  # type: ignore[attr-defined]


def setup(roadmap_id: str, pauses: list[pm.Pause] | None = None) -> tuple[object, object]:
    roadmap = catalog.load_roadmap(roadmap_id, Path("/nonexistent"))
    return roadmap, build_plan(roadmap, enrol(roadmap_id, pauses))


def node_items(roadmap_id: str, node: str) -> list[str]:
    _, plan = setup(roadmap_id)
    return tracked_of(plan.tracked, node)  # type: ignore[attr-defined]


def scenario(
    roadmap_id: str, closed: dict[str, date], pauses: list[pm.Pause] | None = None
) -> tuple[object, pm.Progress, object]:
    roadmap, _ = setup(roadmap_id, pauses)
    today = today_of(roadmap_id)
    state = learner(roadmap_id, enrol(roadmap_id, pauses), closed, today)
    return roadmap, state, compute_status(roadmap, state, roadmap_id, today)  # type: ignore[arg-type]


def agenda_of(roadmap: object, state: pm.Progress, roadmap_id: str) -> list[tuple[str, str]]:
    entries = roadmap_agenda(roadmap, state, roadmap_id, today_of(roadmap_id))  # type: ignore[arg-type]
    return [(e.item_id, e.why) for e in entries]


W11 = "month-3-4/week-11/random-forests"
L5 = "level-5/"
KONTEXT = "level-1/kontext-von-gpt/"

# on pace: everything planned before today closed on its day; buffer 0.
# mlops: week 11's first item ends on Tuesday: nothing due, one "ahead" (3 h > 2 h).
#   P50 the 84th study day = 20 June; P90 ceil(83.15 / 0.85) = 98 from 17 March: 8 July.
# ki-fahrplan: day 61 holds no item end (1.8k in (60, 61] has no whole k): item 34
#   (RLHF, day 62) is next. P50 25 April; P90 ceil(35.15 / 0.85) = 42: Monday 4 May.
# ml-dl-gpt: item 27 ends today (day 61) and is due; its 8.35 h fill the day.
#   P50 12 September; P90 ceil(155.15 / 0.85) = 183: Thursday 15 October.
# ki-12-monate: nothing ends on 10 August; phase 2's item 6 (15 August) is next.
#   P50 29 May 2027; P90 ceil(251.15 / 0.85) = 296 from 11 August: Wednesday 21 July 2027.
ON_PACE = {
    "mlops-6-months": ([], [(W11, "ahead")], D(2026, 6, 20), D(2026, 7, 8)),
    "ki-fahrplan-2025": (
        [],
        [(L5 + "rlhf-reinforcement-learning-from-human-feedback", "ahead")],
        D(2026, 4, 25),
        D(2026, 5, 4),
    ),
    "ml-dl-gpt-studienplan": (
        [KONTEXT + "sprachmodelle-n-gramme-probabilistische-modelle"],
        [(KONTEXT + "sprachmodelle-n-gramme-probabilistische-modelle", "today")],
        D(2026, 9, 12),
        D(2026, 10, 15),
    ),
    "ki-12-monate": (
        [],
        [("phase-2/kredit-score-vorhersage", "ahead")],
        D(2027, 5, 29),
        D(2027, 7, 21),
    ),
}


@pytest.mark.parametrize("roadmap_id", OTHERS)
def test_on_pace_by_hand(roadmap_id: str) -> None:
    due, agenda, p50, p90 = ON_PACE[roadmap_id]
    _, plan = setup(roadmap_id)
    roadmap, state, status = scenario(roadmap_id, planned_before(plan, today_of(roadmap_id)))
    assert status.buffer_days == 0 and status.overdue == [] and status.due == due  # type: ignore[attr-defined]
    assert agenda_of(roadmap, state, roadmap_id) == agenda
    forecast = status.forecast  # type: ignore[attr-defined]
    assert forecast is not None and forecast.basis == "history"
    assert (forecast.p50, forecast.p90) == (p50, p90)
    assert behind_options(roadmap, state, roadmap_id, today_of(roadmap_id)) is None  # type: ignore[arg-type]


# a week behind: everything planned before last Monday closed on its day, last week's
# items open (the hours still logged; the items' pace that week 0, so the logged hours
# speak: pace 1, band 15 %).
# mlops: week 10's four items (12 h) overdue: -6 d. P50 the 90th study day: Saturday
#   27 June; P90 ceil(89.15 / 0.85) = 105: Thursday 16 July. Keeping 20 June: 84 study
#   days' 168 h + 12 h = 180 h over 14 weeks = 12.86 h/week. Skipping the optional items
#   (a course studied alongside, certificates without hours) saves no planned time, so
#   it is not offered.
# ki-fahrplan: items 31-33 (9 h) overdue: -9 / (10/6) = -5.4 d. P50 ceil(41.4) = 42nd
#   study day: Saturday 2 May; P90 ceil(40.55 / 0.85) = 48: Monday 11 May. (60 + 9) h
#   over 36 study days x 6 = 11.5 h/week.
# ml-dl-gpt: items 25 and 26 overdue (2 x 8.35 h): -432/97 = -4.45 d; item 27 due today.
#   P50 ceil(160.45) = 161st: Friday 18 September; P90 ceil(159.60 / 0.85) = 188:
#   Wednesday 21 October. (585 + 16.70) h over 26 weeks = 23.14 h/week.
# ki-12-monate (3-8 August): phase 2's item 5, phase 3's item 1 and the side track's
#   item 2 overdue, 120/7 + 180/7 + 3 = 45.86 h (the phases overlap: the line climbs
#   faster than 2.5 h a day here): -18.34 d. P50 ceil(270.34) = 271st: Monday 21 June
#   2027; P90 ceil(269.49 / 0.85) = 318: Monday 16 August 2027. (630 + 45.86) h over
#   42 weeks = 16.09 h/week.
BEHIND = {
    "mlops-6-months": (
        -6.0,
        "month-3-4/week-10",
        [],
        [W11],
        D(2026, 6, 27),
        D(2026, 7, 16),
        180 / 14,
    ),
    "ki-fahrplan-2025": (
        -5.4,
        "level-5",
        [],
        [L5 + "rlhf-reinforcement-learning-from-human-feedback"],
        D(2026, 5, 2),
        D(2026, 5, 11),
        11.5,
    ),
    "ml-dl-gpt-studienplan": (
        -432 / 97,
        "",
        [KONTEXT + "sprachmodelle-n-gramme-probabilistische-modelle"],
        [],
        D(2026, 9, 18),
        D(2026, 10, 21),
        (585 + 1620 / 97) / 26,
    ),
    "ki-12-monate": (
        -(300 / 7 + 3) / 2.5,
        "",
        [],
        ["phase-2/kredit-score-vorhersage"],
        D(2027, 6, 21),
        D(2027, 8, 16),
        (630 + 300 / 7 + 3) / 42,
    ),
}
BEHIND_OVERDUE = {
    "mlops-6-months": None,  # week 10's items
    "ki-fahrplan-2025": [
        L5 + "bert-2018-bidirektionaler-encoder-pre-training",
        L5 + "gpt-serie-2018-2025-decoder-only-transformer",
        L5 + "qwen-deepseek-chinesisch-gefuehrte-open-source",
    ],
    "ml-dl-gpt-studienplan": [
        "level-1/einfuehrung-in-deep-learning/projekte-ein-einfaches-feedforward-neuronales",
        KONTEXT + "natural-language-processing-nlp-tokenisierung",
    ],
    "ki-12-monate": [
        "phase-2/titanic-survivor-prediction-kaggle",
        "phase-3/hugging-face-course",
        "zusatzfaehigkeiten/github-docs",
    ],
}


def behind_closed(roadmap_id: str) -> dict[str, date]:
    _, plan = setup(roadmap_id)
    return planned_before(plan, today_of(roadmap_id) - timedelta(days=7))


@pytest.mark.parametrize("roadmap_id", OTHERS)
def test_one_week_behind_by_hand(roadmap_id: str) -> None:
    buffer, node, due, ahead, p50, p90, per_week = BEHIND[roadmap_id]
    roadmap, state, status = scenario(roadmap_id, behind_closed(roadmap_id))
    overdue = BEHIND_OVERDUE[roadmap_id] or node_items(roadmap_id, node)
    assert status.overdue == overdue and status.due == due  # type: ignore[attr-defined]
    assert status.buffer_days == pytest.approx(buffer, abs=1e-9)  # type: ignore[attr-defined]
    # overdue first, then today's, then the next ones while the day's hours last
    expected = [(i, "overdue") for i in overdue] + [(i, "today") for i in due]
    assert agenda_of(roadmap, state, roadmap_id) == expected + [(i, "ahead") for i in ahead]
    forecast = status.forecast  # type: ignore[attr-defined]
    assert forecast is not None and forecast.basis == "history"
    assert (forecast.p50, forecast.p90) == (p50, p90)
    options = behind_options(roadmap, state, roadmap_id, today_of(roadmap_id))  # type: ignore[arg-type]
    assert options is not None and options.new_date == p50
    assert options.hours_per_week == pytest.approx(per_week, abs=1e-9)
    # none of these roadmaps has an optional item that takes planned time
    assert (options.skippable, options.skippable_hours) == ([], 0)


# two weeks ahead: on pace, and the items planned in the next two weeks already closed
# on the Saturday of the first study week (before the forecast's eight study weeks).
# mlops: weeks 11 and 12 (24 h): +12 d. Next: portfolio month 3's two items (0 h, on
#   28 March, left open) and week 13's first (3 h, 31 March) fill the day's 2 h. P50 the 72nd
#   study day: Saturday 6 June; P90 ceil(71.15 / 0.85) = 84: Monday 22 June.
# ki-fahrplan: items 34-40 (days 62-72, 21 h): +12.6 d; next item 41 (Tue 31 March,
#   level 6). P50 ceil(23.4) = 24th: Saturday 11 April; P90 ceil(22.55 / 0.85) = 27:
#   Thursday 16 April.
# ml-dl-gpt: items 27-32 (days 61-72, 6 x 8.35 h): +1296/97 = +13.36 d; next item 33
#   (31 March). P50 ceil(142.64) = 143rd: Friday 28 August; P90 ceil(141.79 / 0.85) =
#   167: Saturday 26 September.
# ki-12-monate (closed 6 June): phase 2's items 6 and 7 and phase 3's item 2 (10-22
#   August): 2 x 120/7 + 180/7 = 60 h = +24 d; next phase 3's item 3 (31 August).
#   P50 the 228th: Saturday 1 May 2027; P90 ceil(227.15 / 0.85) = 268: Friday 18 June 2027.
AHEAD = {
    "mlops-6-months": (
        12.0,
        [
            "portfolio-timeline/month-3/house-price-prediction-linear-regression",
            "portfolio-timeline/month-3/titanic-survival-classification",
            "month-3-4/week-13/k-means-clustering",
        ],
        D(2026, 6, 6),
        D(2026, 6, 22),
    ),
    "ki-fahrplan-2025": (
        12.6,
        ["level-6/videogenerierung-sora-pika-runway"],
        D(2026, 4, 11),
        D(2026, 4, 16),
    ),
    "ml-dl-gpt-studienplan": (
        1296 / 97,
        [KONTEXT + "projekte-textklassifikation-mit-vortrainierten"],
        D(2026, 8, 28),
        D(2026, 9, 26),
    ),
    "ki-12-monate": (24.0, ["phase-3/pytorch-tutorials"], D(2027, 5, 1), D(2027, 6, 18)),
}


@pytest.mark.parametrize("roadmap_id", OTHERS)
def test_two_weeks_ahead_by_hand(roadmap_id: str) -> None:
    buffer, ahead, p50, p90 = AHEAD[roadmap_id]
    _, plan = setup(roadmap_id)
    today = today_of(roadmap_id)
    first_saturday = enrol(roadmap_id).start + timedelta(days=5)
    closed = planned_before(plan, today)
    due = plan.item_due  # type: ignore[attr-defined]
    fortnight = [i for i in plan.tracked if today <= due[i] < today + timedelta(days=13)]  # type: ignore[attr-defined]
    closed |= {i: first_saturday for i in fortnight if i not in ahead}
    roadmap, state, status = scenario(roadmap_id, closed)
    assert status.overdue == [] and status.due == []  # type: ignore[attr-defined]
    assert status.buffer_days == pytest.approx(buffer, abs=1e-9)  # type: ignore[attr-defined]
    assert agenda_of(roadmap, state, roadmap_id) == [(i, "ahead") for i in ahead]
    forecast = status.forecast  # type: ignore[attr-defined]
    assert forecast is not None and (forecast.p50, forecast.p90) == (p50, p90)
    assert behind_options(roadmap, state, roadmap_id, today) is None  # type: ignore[arg-type]


# a paused fortnight (16 February - 1 March; ki-12-monate 13-26 July): the plan moves two
# weeks, today is study day 49, everything planned before it closed on its day: buffer 0.
# mlops: week 9 starts today (its first item Tuesday): nothing due; end 4 July; N = 96:
#   P50 4 July; P90 ceil(95.15 / 0.85) = 112 from 17 March: Friday 24 July.
# ki-fahrplan: item 27 (ceil(48.6) = day 49, level 4's third) is due today and fills
#   the day; end 9 May, N = 48: P50 9 May; P90 ceil(47.15 / 0.85) = 56: Wednesday 20 May.
# ml-dl-gpt: item 22 (ceil(48.99) = 49, the sixth of level 1's second leaf) due; end
#   26 September, N = 168: P50 26 September; P90 ceil(167.15 / 0.85) = 197: Saturday
#   31 October.
# ki-12-monate: phase 3 (month 3) starts today, its item 1 on its 11th day; nothing
#   ends today; end 12 June 2027, N = 264: P50 12 June 2027; P90 ceil(263.15 / 0.85) =
#   310 from 11 August: Friday 6 August 2027.
PAUSED = {
    "mlops-6-months": (D(2026, 7, 4), None, D(2026, 7, 24)),
    "ki-fahrplan-2025": (D(2026, 5, 9), ("level-4", 2), D(2026, 5, 20)),
    "ml-dl-gpt-studienplan": (
        D(2026, 9, 26),
        ("level-1/einfuehrung-in-deep-learning", 5),
        D(2026, 10, 31),
    ),
    "ki-12-monate": (D(2027, 6, 12), None, D(2027, 8, 6)),
}


@pytest.mark.parametrize("roadmap_id", OTHERS)
def test_paused_fortnight_by_hand(roadmap_id: str) -> None:
    end, due_at, p90 = PAUSED[roadmap_id]
    start, end_of = (
        (date(2026, 7, 13), date(2026, 7, 26))
        if roadmap_id == "ki-12-monate"
        else (date(2026, 2, 16), date(2026, 3, 1))
    )
    pauses = [pm.Pause(start=start, end=end_of)]
    _, plan = setup(roadmap_id, pauses)
    assert plan.end == end  # type: ignore[attr-defined]
    if roadmap_id == "mlops-6-months":
        assert plan.nodes["month-3-4/week-09"].start == TODAY  # type: ignore[attr-defined]
    if roadmap_id == "ki-12-monate":
        assert plan.nodes["phase-3"].start == KI12_TODAY  # type: ignore[attr-defined]
    roadmap, state, status = scenario(
        roadmap_id, planned_before(plan, today_of(roadmap_id)), pauses
    )
    due = [] if due_at is None else [node_items(roadmap_id, due_at[0])[due_at[1]]]
    assert status.buffer_days == 0 and status.overdue == [] and status.due == due  # type: ignore[attr-defined]
    if due:
        assert agenda_of(roadmap, state, roadmap_id) == [(due[0], "today")]
    forecast = status.forecast  # type: ignore[attr-defined]
    assert forecast is not None and (forecast.p50, forecast.p90) == (end, p90)


# a replan while behind, then an old item un-ticked and ticked again.
# mlops (a week behind): week 10 onwards (15 weeks) starts today: end Saturday 27 June,
#   buffer 0, week 10's first item Tuesday; N = 90: P50 27 June, P90 16 July as above.
# ki-fahrplan (a week behind): level 5 onwards, items 31-53 (69 h), from today: the
#   last ends on ceil(23 x 1.8) = the 42nd study day, Saturday 2 May; N = 42: P50 2 May,
#   P90 ceil(41.15 / 0.85) = 49: Tuesday 12 May.
# ml-dl-gpt (behind by item 26 only: level 1's second leaf closed, item 25 late on
#   14 March): -216/97 d; level 1's third leaf onwards, 72 items, from today: the last
#   ends on ceil(72 x 216/97) = 161st study day, Friday 18 September; N = 161: P50
#   18 September, P90 ceil(160.15 / 0.85) = 189: Thursday 22 October.
REPLAN = {
    "mlops-6-months": (D(2026, 6, 27), D(2026, 7, 16), "month-3-4/week-01"),
    "ki-fahrplan-2025": (D(2026, 5, 2), D(2026, 5, 12), "level-1"),
    "ml-dl-gpt-studienplan": (
        D(2026, 9, 18),
        D(2026, 10, 22),
        "level-1/grundlagen-des-machine-learning",
    ),
}


@pytest.mark.parametrize("roadmap_id", sorted(REPLAN))
def test_replan_then_re_tick_by_hand(roadmap_id: str) -> None:
    end, p90, old_node = REPLAN[roadmap_id]
    closed = behind_closed(roadmap_id)
    if roadmap_id == "ml-dl-gpt-studienplan":
        closed[BEHIND_OVERDUE[roadmap_id][0]] = date(2026, 3, 14)  # type: ignore[index]
    roadmap, state, before = scenario(roadmap_id, closed)
    if roadmap_id == "ml-dl-gpt-studienplan":
        assert before.overdue == [KONTEXT + "natural-language-processing-nlp-tokenisierung"]  # type: ignore[attr-defined]
        assert before.buffer_days == pytest.approx(-216 / 97, abs=1e-9)  # type: ignore[attr-defined]
    made = noon(TODAY)
    moved = replan(state, roadmap, roadmap_id, TODAY, made)  # type: ignore[arg-type]
    after = compute_status(roadmap, moved, roadmap_id, TODAY)  # type: ignore[arg-type]
    assert after.plan is not None and after.plan.end == end
    assert (after.buffer_days, after.overdue, after.due) == (0, [], [])
    assert after.forecast is not None and (after.forecast.p50, after.forecast.p90) == (end, p90)
    if old_node == "month-3-4/week-01":
        old_node = "month-1-2/week-01"
    item = node_items(roadmap_id, old_node)[0]
    later = made + timedelta(hours=2)
    retick = pm.set_item_state(moved, roadmap_id, item, pm.ItemState.TODO, later)
    retick = pm.set_item_state(
        retick, roadmap_id, item, pm.ItemState.DONE, later + timedelta(minutes=1)
    )
    again = compute_status(roadmap, retick, roadmap_id, TODAY)  # type: ignore[arg-type]
    assert again.plan is not None and again.plan.nodes == after.plan.nodes
    assert (again.buffer_days, again.overdue, again.due) == (0, [], [])
    assert again.forecast == after.forecast


def test_ki_12_monate_replan_in_the_first_week_then_a_tick() -> None:
    """ki-12-monate's leaves are whole phases; on Monday 8 June nothing ticked yet,
    phase 1's item 1 (day ceil(24/7) = 4, Thursday 4 June) overdue: -60/7/2.5 = -3.43 d.
    The replan moves everything a week: end Saturday 5 June 2027, item 1 on Thursday
    11 June, buffer 0. One week of history: the plan's pace with the wide band, P50 the
    312th study day from today (5 June 2027), P90 at 60 %: (312 - 0.6) / 0.6 = 519 study
    days from Tuesday 9 June: Thursday 3 February 2028. A tick then an un-tick and a
    re-tick: the first close stays the item's, nothing moves."""
    rid, today = "ki-12-monate", date(2026, 6, 8)
    roadmap = catalog.load_roadmap(rid, Path("/nonexistent"))
    state = learner(rid, enrol(rid), {}, today)
    before = compute_status(roadmap, state, rid, today)
    first = node_items(rid, "phase-1")[0]
    assert before.overdue == [first]
    assert before.buffer_days == pytest.approx(-60 / 7 / 2.5, abs=1e-9)
    made = noon(today)
    moved = replan(state, roadmap, rid, today, made)
    after = compute_status(roadmap, moved, rid, today)
    assert after.plan is not None and after.plan.end == date(2027, 6, 5)
    assert after.plan.item_due[first] == date(2026, 6, 11)
    assert (after.buffer_days, after.overdue, after.due) == (0, [], [])
    forecast = after.forecast
    assert forecast is not None and forecast.basis == "plan"
    assert (forecast.p50, forecast.p90) == (date(2027, 6, 5), date(2028, 2, 3))
    ticked = pm.set_item_state(moved, rid, first, pm.ItemState.DONE, made + timedelta(hours=1))
    once = compute_status(roadmap, ticked, rid, today)
    retick = pm.set_item_state(ticked, rid, first, pm.ItemState.TODO, made + timedelta(hours=2))
    retick = pm.set_item_state(retick, rid, first, pm.ItemState.DONE, made + timedelta(hours=3))
    again = compute_status(roadmap, retick, rid, today)
    assert again.plan is not None and once.plan is not None
    assert again.plan.nodes == once.plan.nodes
    assert (again.buffer_days, again.overdue, again.due) == (once.buffer_days, [], [])
    assert again.forecast == once.forecast


# a replan while behind with a node partly done: the items closed before the replan keep
# their days, and the open rest starts today at the first open item's share of its node.
# ml-dl-gpt (a week behind: items 25 and 26 overdue, item 25 the last of level 1's second
#   leaf, whose items 17-24 are closed): item 24 stays on Saturday 7 March; items 25-97
#   (73 x 810/97 h) run from today: item 25 ends on study day ceil(216/97) = 3, Wednesday
#   18 March, the last on ceil(73 x 216/97) = ceil(162.56) = 163: Monday 21 September
#   (12 September is the 156th). Buffer 0 (everything planned before today is closed);
#   N = 163: P50 21 September, P90 ceil(162.15 / 0.85) = 191 from 17 March: 17-21 March
#   (5) + 31 weeks: Saturday 24 October.
# ki-12-monate (a week behind: phase 2's items 1-4 closed, its item 5, phase 3's item 1
#   and the side track's item 2 open): the first open work is phase 3's start, hour 120
#   (27 July, study day 49); it moves to today (day 61), so the open rest moves 12 study
#   days: the end is Saturday 12 June 2027. Phase 2's item 5 and phase 3's item 1 end at
#   hour 60 + 5 x 120/7 = 120 + 180/7 = 145.71: study day ceil(25.71 / 2.5) = 11 from
#   today, Friday 21 August; the side track's item 2 (hour 780 x 2/11 = 141.82): day
#   ceil(21.82 / 2.5) = 9, Wednesday 19 August. Phase 2's item 4 keeps its day (ceil(4 x
#   6.857) = 28th of the phase: Saturday 1 August). Buffer 0; N = 264: P50 12 June 2027,
#   P90 ceil(263.15 / 0.85) = 310 from 11 August: Friday 6 August 2027.
PARTLY = {
    "ml-dl-gpt-studienplan": (D(2026, 9, 21), D(2026, 10, 24)),
    "ki-12-monate": (D(2027, 6, 12), D(2027, 8, 6)),
}


@pytest.mark.parametrize("roadmap_id", sorted(PARTLY))
def test_replan_with_a_node_partly_done_by_hand(roadmap_id: str) -> None:
    end, p90 = PARTLY[roadmap_id]
    today = today_of(roadmap_id)
    _, plan = setup(roadmap_id)
    closed = behind_closed(roadmap_id)
    roadmap, state, before = scenario(roadmap_id, closed)
    overdue = BEHIND_OVERDUE[roadmap_id]
    assert overdue is not None and before.overdue == overdue  # type: ignore[attr-defined]
    # the node of the first overdue item is partly done
    partly = overdue[0].rsplit("/", 1)[0]
    done_there = [i for i in tracked_of(plan.tracked, partly) if i in closed]  # type: ignore[attr-defined]
    assert done_there and len(done_there) < len(tracked_of(plan.tracked, partly))  # type: ignore[attr-defined]
    made = noon(today)
    moved = replan(state, roadmap, roadmap_id, today, made)  # type: ignore[arg-type]
    after = compute_status(roadmap, moved, roadmap_id, today)  # type: ignore[arg-type]
    assert after.plan is not None and after.plan.end == end
    assert (after.buffer_days, after.overdue, after.due) == (0, [], [])
    assert after.forecast is not None and (after.forecast.p50, after.forecast.p90) == (end, p90)
    # what was closed keeps its day (and so the node keeps its start)
    assert {i: after.plan.item_due[i] for i in closed} == closed
    assert after.plan.nodes[partly].start == plan.nodes[partly].start  # type: ignore[attr-defined]
    if roadmap_id == "ml-dl-gpt-studienplan":
        assert after.plan.item_due[overdue[0]] == date(2026, 3, 18)
        assert closed[tracked_of(plan.tracked, partly)[-2]] == date(2026, 3, 7)  # type: ignore[attr-defined]
    else:
        assert after.plan.item_due["phase-2/titanic-survivor-prediction-kaggle"] == D(2026, 8, 21)
        assert after.plan.item_due["phase-3/hugging-face-course"] == D(2026, 8, 21)
        assert after.plan.item_due["zusatzfaehigkeiten/github-docs"] == D(2026, 8, 19)
        assert closed[tracked_of(plan.tracked, "phase-2")[3]] == D(2026, 7, 30)  # type: ignore[attr-defined]
    # an item of the partly done node un-ticked and ticked again: nothing moves
    item = done_there[0]
    later = made + timedelta(hours=2)
    retick = pm.set_item_state(moved, roadmap_id, item, pm.ItemState.TODO, later)
    retick = pm.set_item_state(
        retick, roadmap_id, item, pm.ItemState.DONE, later + timedelta(minutes=1)
    )
    again = compute_status(roadmap, retick, roadmap_id, today)  # type: ignore[arg-type]
    assert again.plan is not None and again.plan.nodes == after.plan.nodes
    assert (again.buffer_days, again.overdue, again.due) == (0, [], [])
    assert again.forecast == after.forecast
    # un-ticked and left open, it stays on its old day: overdue, the rest does not move
    reopened = pm.set_item_state(moved, roadmap_id, item, pm.ItemState.TODO, later)
    left = compute_status(roadmap, reopened, roadmap_id, today)  # type: ignore[arg-type]
    assert left.plan is not None and left.plan.end == end and left.overdue == [item]


# two weeks ahead on ki-12-monate, phase 3 partly done (item 1 on its day, item 2 ahead,
# item 3 open): a replan keeps the finish, 29 May 2027, and the buffer, +24 d.
def test_replan_while_ahead_with_a_node_partly_done_keeps_the_finish() -> None:
    rid = "ki-12-monate"
    _, plan = setup(rid)
    today = today_of(rid)
    due = plan.item_due  # type: ignore[attr-defined]
    closed = planned_before(plan, today)
    fortnight = [i for i in plan.tracked if today <= due[i] < today + timedelta(days=13)]  # type: ignore[attr-defined]
    closed |= {i: date(2026, 6, 6) for i in fortnight}
    roadmap, state, before = scenario(rid, closed)
    assert before.buffer_days == pytest.approx(24)  # type: ignore[attr-defined]
    moved = replan(state, roadmap, rid, today, noon(today))  # type: ignore[arg-type]
    after = compute_status(roadmap, moved, rid, today)  # type: ignore[arg-type]
    assert after.plan is not None and after.plan.end == D(2027, 5, 29)
    assert after.buffer_days == pytest.approx(24) and after.overdue == []
    assert after.forecast is not None and after.forecast.p50 == D(2027, 5, 1)


# ki-12-monate's side track (11 items of 3 h over the whole plan, 312 study days): item k
# on the study day the plan's work reaches k/11 of it, ceil(312k/11) from Monday 1 June:
# 29th Friday 3 July, 57th Wednesday 5 August, 114th Saturday 10 October (a calendar
# spread put it on Sunday 11 October), 199th Monday 18 January 2027 (not Sunday 17
# January), the last the plan's end, Saturday 29 May 2027.
def test_ki_12_monate_side_track_on_study_days() -> None:
    _, plan = setup("ki-12-monate")
    side = tracked_of(plan.tracked, "zusatzfaehigkeiten")  # type: ignore[attr-defined]
    days = [plan.item_due[i] for i in side]  # type: ignore[attr-defined]
    assert len(days) == 11 and all(plan.is_study_day(d) for d in days)  # type: ignore[attr-defined]
    assert (days[0], days[1], days[3], days[6], days[10]) == (
        D(2026, 7, 3),
        D(2026, 8, 5),
        D(2026, 10, 10),
        D(2027, 1, 18),
        D(2027, 5, 29),
    )
    # every bundled roadmap's items fall on study days
    for roadmap_id in sorted(CASES):
        _, other = setup(roadmap_id)
        assert all(other.is_study_day(d) for d in other.item_due.values()), roadmap_id  # type: ignore[attr-defined]
