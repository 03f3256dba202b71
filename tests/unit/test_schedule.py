"""The schedule on hand-built roadmaps: every expected date below was worked out by hand.

Conventions in the comments: "idx" is the 0-based index of a study day counted from the
plan's start; a learner at H h/week with N study weekdays plans H/N hours a study day.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from syllabus.model.progress import (
    CheckIn,
    Enrolment,
    ItemRecord,
    ItemState,
    OwnItem,
    Pause,
    Progress,
    Replan,
    RoadmapProgress,
    study_day,
)
from syllabus.model.roadmap import HoursRange, Item, Node, Pace, Roadmap, Span, Timing
from syllabus.model.rules import Tally, node_tally
from syllabus.model.schedule import (
    StudyCalendar,
    build_plan,
    choose_mode,
    compute_status,
)
from syllabus.model.units import WEEKDAYS, default_rest_days

T0 = datetime(2020, 1, 1, tzinfo=UTC)


def hours(low: float, high: float | None = None) -> HoursRange:
    return HoursRange(low=low, high=low if high is None else high)


def node(
    node_id: str,
    *,
    role: str = "section",
    items: int = 0,
    item_hours: list[float] | None = None,
    children: list[Node] | None = None,
    work: HoursRange | None = None,
    duration: Span | None = None,
    position: Span | None = None,
    prerequisites: list[str] | None = None,
    optional: set[int] | None = None,
) -> Node:
    made = [
        Item(id=f"{node_id}/i{n}", text=f"item {n}", optional=n in (optional or set()))
        for n in range(1, items + 1)
    ]
    for n, h in enumerate(item_hours or [], start=len(made) + 1):
        made.append(Item(id=f"{node_id}/i{n}", text=f"[{h} hrs] item {n}", hours=h))
    return Node(
        id=node_id,
        title=node_id.replace("-", " ").title(),
        role=role,
        items=made,
        children=children or [],
        timing=Timing(hours=work, duration=duration, position=position),
        prerequisites=prerequisites or [],
    )


def roadmap(*nodes: Node, week_hours: HoursRange | None = None, by: str = "auto") -> Roadmap:
    return Roadmap(
        id="r", title="R", nodes=list(nodes), pace=Pace(hours_per_week=week_hours), schedule_by=by
    )


def enrolment(
    start: date,
    per_week: float,
    rest: tuple[str, ...] = ("sun",),
    pauses: tuple[tuple[date, date], ...] = (),
    replans: tuple[tuple[date, datetime], ...] = (),
    estimate: str = "mid",
) -> Enrolment:
    return Enrolment(
        start=start,
        hours_per_week=per_week,
        days_per_week=7 - len(rest),
        rest_days=list(rest),
        estimate=estimate,
        pauses=[Pause(start=a, end=b) for a, b in pauses],
        replans=[Replan(start=a, made=m) for a, m in replans],
        updated=T0,
    )


def dates(plan, node_id: str) -> tuple[date, date]:
    p = plan.nodes[node_id]
    return p.start, p.end


def checkins(days: list[date], h: float = 1.0, node_id: str | None = None) -> dict[str, CheckIn]:
    return {
        f"c{n}": CheckIn(
            id=f"c{n}", date=d, hours=h, roadmap="r", node=node_id, created=T0, updated=T0
        )
        for n, d in enumerate(days)
    }


def days_between(first: date, last: date, skip_sundays: bool = True) -> list[date]:
    out = []
    d = first
    while d <= last:
        if not (skip_sundays and d.weekday() == 6):
            out.append(d)
        d += timedelta(days=1)
    return out


def done(*ids: str, when: datetime = T0, state: ItemState = ItemState.DONE) -> dict:
    return {i: ItemRecord(state=state, updated=when) for i in ids}


def progress(enrol: Enrolment, items: dict | None = None, cis: dict | None = None) -> Progress:
    rp = RoadmapProgress(enrolment=enrol, items=items or {})
    return Progress(roadmaps={"r": rp}, checkins=cis or {})


# --- the study calendar ---------------------------------------------------------------


def test_calendar_matches_a_day_by_day_count() -> None:
    rng = random.Random(5)
    for _ in range(40):
        rest = rng.sample(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], rng.randint(0, 3))
        pauses = []
        for _ in range(rng.randint(0, 4)):
            a = date(2026, 1, 1) + timedelta(days=rng.randint(0, 120))
            pauses.append(Pause(start=a, end=a + timedelta(days=rng.randint(0, 20))))
        cal = StudyCalendar(rest, pauses)
        first = date(2026, 1, 1) + timedelta(days=rng.randint(0, 30))
        study = []
        d = first
        while len(study) < 150:
            off = any(p.start <= d <= p.end for p in pauses)
            if d.strftime("%a").lower() not in rest and not off:
                study.append(d)
            d += timedelta(days=1)
        for index in (0, 1, 5, 37, 100, 149):
            assert cal.nth(first, index) == study[index]
        last = study[-1]
        for a, b in ((first, last), (first + timedelta(days=3), first + timedelta(days=50))):
            assert cal.count(a, b) == sum(1 for s in study if a <= s <= b)
        assert [x for x in study if cal.is_study_day(x)] == study


# --- a document week is an amount of work ---------------------------------------------


def test_twelve_to_fourteen_hours_at_seven_a_week_take_two_weeks() -> None:
    # 14 h (high estimate) at 7 h/week over 6 study days: 7/6 h a day → 12 study days.
    rm = roadmap(node("week-01", items=2, work=hours(12, 14)), node("week-02", work=hours(12, 14)))
    plan = build_plan(rm, enrolment(date(2026, 1, 5), 7, estimate="high"))
    assert plan.mode == "hours"
    assert dates(plan, "week-01") == (date(2026, 1, 5), date(2026, 1, 17))
    assert dates(plan, "week-02") == (date(2026, 1, 19), date(2026, 1, 31))
    assert plan.end == date(2026, 1, 31)
    assert not plan.nodes["week-01"].estimated
    # two items share 14 h: the first is due after 7 h = idx 5 (Sat 10), the second at the end
    assert plan.item_due == {"week-01/i1": date(2026, 1, 10), "week-01/i2": date(2026, 1, 17)}


def test_document_weeks_and_months_scale_with_the_pace() -> None:
    # A document week is 13 h (12-14 at mid). At 6.5 h/week over 7 days: 14 days a week.
    rm = roadmap(
        node("a", duration=Span(low=1, high=1, unit="week")),
        node("b", duration=Span(low=1, high=3, unit="week")),  # mid: 2 weeks = 26 h
        node("c", duration=Span(low=1, high=1, unit="month")),  # a month is 4 weeks = 52 h
        week_hours=hours(12, 14),
    )
    plan = build_plan(rm, enrolment(date(2026, 1, 1), 6.5, rest=()))
    assert plan.mode == "duration"
    assert dates(plan, "a") == (date(2026, 1, 1), date(2026, 1, 14))
    assert dates(plan, "b") == (date(2026, 1, 15), date(2026, 2, 11))
    assert dates(plan, "c") == (date(2026, 2, 12), date(2026, 4, 8))  # 56 days
    low = build_plan(rm, enrolment(date(2026, 1, 1), 6.5, rest=(), estimate="low"))
    # low: a document week is 12 h; a = 12 h at 6.5/7 a day = 12.92 → 13 days
    assert dates(low, "a") == (date(2026, 1, 1), date(2026, 1, 13))


def test_leap_day_is_a_study_day() -> None:
    rm = roadmap(node("a", items=1, work=hours(5)), node("b", work=hours(2)))
    plan = build_plan(rm, enrolment(date(2024, 2, 26), 7, rest=()))  # 1 h a day, every day
    assert dates(plan, "a") == (date(2024, 2, 26), date(2024, 3, 1))  # 26, 27, 28, 29, 1
    assert dates(plan, "b") == (date(2024, 3, 2), date(2024, 3, 3))
    plain = build_plan(rm, enrolment(date(2023, 2, 26), 7, rest=()))
    assert dates(plain, "a") == (date(2023, 2, 26), date(2023, 3, 2))  # 26, 27, 28, 1, 2


def test_over_the_year_end() -> None:
    # 10 h/week, weekends off: 2 h a day; 12 h = 6 study days.
    rm = roadmap(node("a", items=3, work=hours(12)))
    plan = build_plan(rm, enrolment(date(2025, 12, 29), 10, rest=("sat", "sun")))
    assert dates(plan, "a") == (date(2025, 12, 29), date(2026, 1, 5))
    assert plan.week_number(date(2026, 1, 5)) == 2
    assert plan.nodes_in_week(date(2025, 12, 29)) == ["a"]
    assert plan.nodes_in_week(date(2026, 1, 5)) == ["a"]
    assert plan.nodes_in_week(date(2026, 1, 12)) == []
    assert plan.week_hours == {date(2025, 12, 29): 10.0, date(2026, 1, 5): 2.0}
    assert plan.item_due == {
        "a/i1": date(2025, 12, 30),
        "a/i2": date(2026, 1, 1),
        "a/i3": date(2026, 1, 5),
    }


def test_a_document_month_is_four_weeks_not_a_calendar_month() -> None:
    # 10 h/week every day: a month of 40 h takes 28 days, in February or in March.
    rm = roadmap(
        node("m1", position=Span(low=1, high=1, unit="month")),
        node("m2", position=Span(low=2, high=3, unit="month")),
        week_hours=hours(10),
        by="position",
    )
    plan = build_plan(rm, enrolment(date(2026, 2, 1), 10, rest=()))
    assert dates(plan, "m1") == (date(2026, 2, 1), date(2026, 2, 28))
    assert dates(plan, "m2") == (date(2026, 3, 1), date(2026, 4, 25))  # idx 28 to 83


def test_start_on_a_rest_day() -> None:
    rm = roadmap(node("a", items=3, work=hours(3)))
    enrol = enrolment(date(2026, 1, 4), 6)  # a Sunday; 1 h a study day
    plan = build_plan(rm, enrol)
    assert plan.start == date(2026, 1, 4)
    assert dates(plan, "a") == (date(2026, 1, 5), date(2026, 1, 7))
    assert not plan.is_study_day(date(2026, 1, 4))
    status = compute_status(rm, progress(enrol), "r", date(2026, 1, 4))
    assert status.current == "a"  # nothing planned on Sunday: the next node
    assert status.due == []  # the items fall in the next week
    assert status.behind_days == 0
    assert status.target_hours_this_week == 0.0


def test_a_paused_fortnight_pushes_the_plan_back() -> None:
    rm = roadmap(node("a", items=2, work=hours(12)), node("b", work=hours(1)))
    plain = build_plan(rm, enrolment(date(2026, 3, 2), 6))
    assert dates(plain, "a") == (date(2026, 3, 2), date(2026, 3, 14))
    paused = enrolment(date(2026, 3, 2), 6, pauses=((date(2026, 3, 9), date(2026, 3, 22)),))
    plan = build_plan(rm, paused)
    assert dates(plan, "a") == (date(2026, 3, 2), date(2026, 3, 28))
    assert dates(plan, "b") == (date(2026, 3, 30), date(2026, 3, 30))
    assert plan.item_due["a/i1"] == date(2026, 3, 7)  # 6 h: idx 5
    assert not plan.is_study_day(date(2026, 3, 16))
    # a streak runs across the pause and the Sundays
    cis = checkins(days_between(date(2026, 3, 2), date(2026, 3, 7)) + [date(2026, 3, 23)])
    status = compute_status(rm, progress(paused, cis=cis), "r", date(2026, 3, 24))
    assert (status.streak, status.longest_streak) == (7, 7)
    # the paused days lower this week's target: none in the week of 16 March
    week = compute_status(rm, progress(paused), "r", date(2026, 3, 18))
    assert week.target_hours_this_week == 0.0
    half = enrolment(date(2026, 3, 2), 6, pauses=((date(2026, 3, 2), date(2026, 3, 4)),))
    assert compute_status(rm, progress(half), "r", date(2026, 3, 2)).target_hours_this_week == 3


def test_days_off_count_like_pauses() -> None:
    rm = roadmap(node("a", work=hours(3)))
    enrol = enrolment(date(2026, 1, 5), 6, pauses=((date(2026, 1, 6), date(2026, 1, 6)),))
    assert dates(build_plan(rm, enrol), "a") == (date(2026, 1, 5), date(2026, 1, 8))


# --- structure ------------------------------------------------------------------------


def test_side_tracks_habits_milestones_and_appendices() -> None:
    rm = roadmap(
        node(
            "phase-1",
            role="phase",
            children=[node("week-01", items=2, work=hours(6)), node("week-02", work=hours(6))],
        ),
        node("check", role="milestone", items=1, prerequisites=["phase-1"]),
        node("capstone", role="milestone", items=1, work=hours(3)),
        node("side", role="side-track", items=2),
        node("news", role="habit", items=1, work=hours(2)),
        node("extra", role="appendix", items=3, children=[node("extra/more", items=1)]),
    )
    enrol = enrolment(date(2026, 1, 5), 6)
    plan = build_plan(rm, enrol)
    assert list(plan.nodes) == [
        "phase-1",
        "week-01",
        "week-02",
        "check",
        "capstone",
        "side",
        "news",
    ]
    assert dates(plan, "week-01") == (date(2026, 1, 5), date(2026, 1, 10))
    assert dates(plan, "week-02") == (date(2026, 1, 12), date(2026, 1, 17))
    assert dates(plan, "phase-1") == (date(2026, 1, 5), date(2026, 1, 17))
    assert plan.nodes["phase-1"].hours == 12
    # zero-length milestone on the last day of what it closes; a stated one takes its hours
    assert dates(plan, "check") == (date(2026, 1, 17), date(2026, 1, 17))
    assert dates(plan, "capstone") == (date(2026, 1, 19), date(2026, 1, 21))
    assert plan.end == date(2026, 1, 21)
    assert dates(plan, "side") == (date(2026, 1, 5), date(2026, 1, 21))
    assert dates(plan, "news") == (date(2026, 1, 5), date(2026, 1, 21))
    assert plan.nodes["news"].hours == pytest.approx(2 * 17 / 7)  # 2 h a week over 17 days
    # side-track items spread over the plan; habit items recur, so they are never due
    assert plan.item_due["side/i1"] == date(2026, 1, 13)  # day 8 of 16, rounded
    assert plan.item_due["side/i2"] == date(2026, 1, 21)
    assert "news/i1" not in plan.item_due
    assert "extra/i1" not in plan.item_due and "extra/more" not in plan.nodes
    assert plan.node_on(date(2026, 1, 12)) == "week-02"  # deepest, side tracks never
    assert plan.node_on(date(2026, 1, 11)) == "phase-1"  # Sunday between two weeks
    assert plan.node_at_or_after(date(2026, 1, 4)) == "week-01"
    assert plan.node_on(date(2026, 1, 17)) == "week-02"  # before the milestone that day
    assert plan.node_on(date(2026, 2, 1)) is None


def test_parent_timing_is_shared_by_untimed_children() -> None:
    # A phase of 1-2 months (mid 1.5 = 6 document weeks of 10 h = 60 h) with two untimed
    # sections of 1 and 3 items: 15 h and 45 h. At 10 h/week every day: 10.5 and 31.5 days.
    rm = roadmap(
        node(
            "phase",
            role="phase",
            duration=Span(low=1, high=2, unit="month"),
            children=[node("sources", items=1), node("projects", items=3)],
        ),
        week_hours=hours(10),
    )
    plan = build_plan(rm, enrolment(date(2026, 6, 1), 10, rest=()))
    assert dates(plan, "sources") == (date(2026, 6, 1), date(2026, 6, 11))
    assert dates(plan, "projects") == (date(2026, 6, 11), date(2026, 7, 12))
    assert dates(plan, "phase") == (date(2026, 6, 1), date(2026, 7, 12))
    assert plan.nodes["sources"].estimated and not plan.nodes["phase"].estimated


def test_positions_may_overlap() -> None:
    # Seed 000's timeline: phase 2 in months 2-3, phase 3 starts in month 3.
    rm = roadmap(
        node("p1", role="phase", items=1, position=Span(low=1, high=1, unit="month")),
        node("p2", role="phase", items=1, position=Span(low=2, high=3, unit="month")),
        node("p3", role="phase", items=1, position=Span(low=3, high=5, unit="month")),
        node("p4", role="phase", items=1, duration=Span(low=1, high=1, unit="month")),
        week_hours=hours(12, 18),
        by="position",
    )
    # a document week is 15 h at mid; the learner does 15 h in 6 days: a month = 24 days
    plan = build_plan(rm, enrolment(date(2026, 6, 1), 15))
    assert dates(plan, "p1") == (date(2026, 6, 1), date(2026, 6, 27))
    assert dates(plan, "p2") == (date(2026, 6, 29), date(2026, 8, 22))
    assert dates(plan, "p3") == (date(2026, 7, 27), date(2026, 10, 17))
    assert dates(plan, "p4") == (date(2026, 10, 19), date(2026, 11, 14))  # after the others
    assert plan.node_on(date(2026, 8, 3)) == "p2"  # both planned: the one ending first


def test_choose_mode() -> None:
    timed = node("a", work=hours(1), duration=Span(low=1, high=1, unit="week"))
    assert choose_mode(roadmap(timed, node("b", work=hours(2)))) == "hours"
    assert choose_mode(roadmap(timed, node("b"), node("c"))) == "duration"
    assert choose_mode(roadmap(node("a", position=Span(low=1, high=1, unit="week")))) == (
        "position"
    )
    assert choose_mode(roadmap(node("a", items=3))) == "items"
    assert choose_mode(roadmap(timed, by="position")) == "position"


def test_no_timing_at_all_is_estimated_from_items() -> None:
    # 3 h an item; stated item hours count as they are
    rm = roadmap(node("l1", items=2), node("l2", item_hours=[4.0, 2.0]))
    plan = build_plan(rm, enrolment(date(2026, 1, 5), 6))
    assert plan.estimated and plan.mode == "items"
    assert dates(plan, "l1") == (date(2026, 1, 5), date(2026, 1, 10))
    assert dates(plan, "l2") == (date(2026, 1, 12), date(2026, 1, 17))
    assert plan.item_due["l2/i1"] == date(2026, 1, 15)  # 4 of 6 h
    assert plan.item_hours["l2/i1"] == 4
    assert all(p.estimated for p in plan.nodes.values())


def test_one_item_roadmap() -> None:
    rm = roadmap(node("only", items=1))
    enrol = enrolment(date(2026, 1, 5), 6)
    plan = build_plan(rm, enrol)
    assert (plan.start, plan.end) == (date(2026, 1, 5), date(2026, 1, 7))
    state = progress(enrol, items=done("only/i1", when=datetime(2026, 1, 6, 12, tzinfo=UTC)))
    status = compute_status(rm, state, "r", date(2026, 1, 8), plan)
    assert status.percent == 100 and status.counts["done"] == 1
    assert status.projected_finish is not None
    assert status.projected_finish.low == date(2026, 1, 6)
    assert status.projected_finish.plan == date(2026, 1, 7)
    assert status.current is None and status.due == [] and status.overdue == []
    assert status.behind_days == 0  # 3 h of work were due by today, 3 h done


def test_ten_thousand_items() -> None:
    weeks = [node(f"w{n:04d}", items=10, work=hours(10)) for n in range(1000)]
    rm = roadmap(*weeks)
    enrol = enrolment(date(2026, 1, 1), 10, rest=())
    plan = build_plan(rm, enrol)
    # 10,000 h at 10/7 h a day: 7,000 study days
    assert plan.end == date(2026, 1, 1) + timedelta(days=6999)
    assert len(plan.tracked) == 10_000
    assert dates(plan, "w0001") == (date(2026, 1, 8), date(2026, 1, 14))
    # Thursday 12 March is idx 70: items 1-100 (1 h each) were due before it; by its end
    # the plan reaches 71 x 10/7 = 101.4 h, so item 101 (w0010/i1) is due that day and
    # item 102 the next (102 h x 0.7 = idx 71.4 -> 71)
    items = done(*plan.tracked[:100])
    status = compute_status(rm, progress(enrol, items=items), "r", date(2026, 3, 12), plan)
    assert status.behind_days == 0 and status.overdue == [] and status.buffer_days == 0
    assert status.due == ["w0010/i1"]
    behind = compute_status(
        rm, progress(enrol, items=done(*plan.tracked[:70])), "r", date(2026, 3, 12), plan
    )
    assert behind.behind_days == 21  # 30 h at 10/7 h a study day
    assert behind.buffer_days == pytest.approx(-21)
    assert len(behind.overdue) == 30


# --- replans --------------------------------------------------------------------------


def test_replan_moves_the_unfinished_rest_and_keeps_what_is_done() -> None:
    rm = roadmap(
        node("a", items=1, work=hours(6)),
        node("b", items=1, work=hours(6)),
        node("c", items=1, work=hours(6)),
    )
    made = datetime(2026, 1, 20, 9, tzinfo=UTC)
    enrol = enrolment(date(2026, 1, 5), 6, replans=((date(2026, 2, 2), made),))
    rp = RoadmapProgress(
        enrolment=enrol, items=done("a/i1", when=datetime(2026, 1, 10, tzinfo=UTC))
    )
    plan = build_plan(rm, enrol, rp)
    assert dates(plan, "a") == (date(2026, 1, 5), date(2026, 1, 10))
    assert dates(plan, "b") == (date(2026, 2, 2), date(2026, 2, 7))
    assert dates(plan, "c") == (date(2026, 2, 9), date(2026, 2, 14))
    assert plan.end == date(2026, 2, 14)
    # an item ticked after the replan was made was still unfinished when it was made
    late = RoadmapProgress(
        enrolment=enrol, items=done("a/i1", when=datetime(2026, 1, 21, tzinfo=UTC))
    )
    assert dates(build_plan(rm, enrol, late), "a") == (date(2026, 2, 2), date(2026, 2, 7))
    # a second replan moves what is still open again; b was done in between
    again = enrolment(
        date(2026, 1, 5),
        6,
        replans=(
            (date(2026, 2, 2), made),
            (date(2026, 3, 2), datetime(2026, 2, 20, tzinfo=UTC)),
        ),
    )
    rp2 = RoadmapProgress(
        enrolment=again,
        items={
            **done("a/i1", when=datetime(2026, 1, 10, tzinfo=UTC)),
            **done("b/i1", when=datetime(2026, 2, 6, tzinfo=UTC)),
        },
    )
    plan2 = build_plan(rm, again, rp2)
    assert dates(plan2, "b") == (date(2026, 2, 2), date(2026, 2, 7))
    assert dates(plan2, "c") == (date(2026, 3, 2), date(2026, 3, 7))


# --- status ---------------------------------------------------------------------------


def _paced() -> tuple[Roadmap, Enrolment]:
    # one 24 h leaf with 12 items of 2 h; 1 h a study day from Monday 2 March 2026:
    # idx 0-5 = 2-7 March, 6-11 = 9-14 March, 12-17 = 16-21, 18-23 = 23-28 March
    return roadmap(node("w", items=12, work=hours(24))), enrolment(date(2026, 3, 2), 6)


def test_on_pace() -> None:
    rm, enrol = _paced()
    items = {
        f"w/i{n}": ItemRecord(state="done", updated=datetime(2026, 3, 2 * n, 12, tzinfo=UTC))
        for n in range(1, 7)
    }
    cis = checkins(days_between(date(2026, 3, 2), date(2026, 3, 14)))
    status = compute_status(rm, progress(enrol, items, cis), "r", date(2026, 3, 14))
    assert status.overdue == []
    assert status.due == []  # w/i6, due today, is done
    # items 1-5 were due before today (10 h); 6 are done (12 h): 2 h ahead at 1 h a
    # study day = +2 study days
    assert status.behind_days == -2 and status.buffer_days == pytest.approx(2)
    assert status.streak == 12 and status.longest_streak == 12
    assert status.hours_this_week == 6 and status.target_hours_this_week == 6
    assert status.hours_total == 12
    # today counts when that is no slower. Up to yesterday (13 March): logged 6 h and
    # 5 h (1 h a study day); items closed 8 h (i4 on Sunday 8) and 4 h against the
    # line's 6 h and 4 h (i4, i5): weights 0.85 x 6 = 5.1 and 5/6 x 4 = 3.33, mean
    # (5.1 x 4/3 + 3.33) / 8.43 = 1.2016, spread 0.163; the items win over the hours'
    # 1, and with the plan's pace as the prior (6 - 1.683 = 4.317 weeks):
    # (1.2016 x 1.683 + 4.317) / 6 = 1.0566 h a study day, band 0.15 + 1.2816 x
    # (0.163 / 1.2016) / sqrt(6) = 0.221. With today (6 h of logged and i6's 2 h in the
    # line, none closed today) only 1 h: slower, so not counted. The rest in the plan's
    # hours: 13 study days from today to 28 March at 1 h, less the 2 h ahead = 11 h:
    # 1.0566 h still today (nothing closed today), 9.94 / 1.0566 = 9.4 -> 10 from
    # Monday 16 March: 16-21, 23-26 -> P50 Thursday 26 March (the planned date less
    # the buffer's 2 study days). P90 at 1.0566 x 0.779 = 0.823 h: today 0.823, then
    # 10.18 / 0.823 = 12.4 -> 13 study days: 16-21, 23-28, Monday 30 March
    forecast = status.forecast
    assert forecast is not None and forecast.basis == "history"
    assert (forecast.p50, forecast.p90) == (date(2026, 3, 26), date(2026, 3, 30))
    assert forecast.planned == date(2026, 3, 28)
    assert status.projected_finish == forecast  # compatibility: low P50, high P90
    assert (forecast.low, forecast.high, forecast.plan) == (
        forecast.p50,
        forecast.p90,
        forecast.planned,
    )
    assert status.percent == 50
    assert status.current == "w"


def test_behind() -> None:
    rm, enrol = _paced()
    items = done("w/i1", "w/i2", "w/i3", when=datetime(2026, 3, 9, 12, tzinfo=UTC))
    cis = checkins(days_between(date(2026, 3, 2), date(2026, 3, 14)))
    status = compute_status(rm, progress(enrol, items, cis), "r", date(2026, 3, 14))
    assert status.overdue == ["w/i4", "w/i5"]  # due 10 and 12 March
    assert status.due == ["w/i6"]  # due today, Saturday 14 March
    # 10 h due before today, 6 h done: 4 h at 1 h a study day
    assert status.buffer_days == pytest.approx(-4) and status.behind_days == 4
    # logged 1 h a study day both weeks (closed 6 h in the second): P50 at 1 h a day,
    # the rest 13 study days to 28 March + 4 h behind = 17 h: 1 h today, 16 from Monday:
    # 16-21, 23-28, 30 March-2 April; P90 at 0.85 h: 0.85 today, 16.15 / 0.85 = 19 days:
    # 16-28 (12), 30 March-4 April (6), 6 April
    assert status.forecast is not None
    assert (status.forecast.p50, status.forecast.p90) == (date(2026, 4, 2), date(2026, 4, 6))


def test_ahead_and_skipped_items_count_as_handled() -> None:
    rm, enrol = _paced()
    items = {
        **done(*(f"w/i{n}" for n in range(1, 9)), when=datetime(2026, 3, 5, 12, tzinfo=UTC)),
        **done("w/i9", state=ItemState.SKIPPED),
    }
    status = compute_status(rm, progress(enrol, items), "r", date(2026, 3, 7))
    # 2 items due before Saturday 7 March (4 h); 9 settled (18 h): 14 h ahead at 1 h a
    # study day
    assert status.behind_days == -14 and status.buffer_days == pytest.approx(14)
    assert status.counts == {"todo": 3, "doing": 0, "done": 8, "skipped": 1}
    assert status.percent == pytest.approx(8 / 11 * 100)


def test_a_week_without_check_ins_breaks_the_streak() -> None:
    rm, enrol = _paced()
    days = days_between(date(2026, 3, 2), date(2026, 3, 7)) + [date(2026, 3, 16), date(2026, 3, 17)]
    status = compute_status(rm, progress(enrol, cis=checkins(days)), "r", date(2026, 3, 17))
    assert (status.streak, status.longest_streak) == (2, 6)
    assert status.hours_this_week == 2
    assert status.week_hours[date(2026, 3, 9)] == (6.0, 0.0)
    assert status.week_hours[date(2026, 3, 16)] == (6.0, 2.0)
    # today without a check-in yet keeps it; a study day missed yesterday ends it
    assert (
        compute_status(rm, progress(enrol, cis=checkins(days)), "r", date(2026, 3, 18)).streak == 2
    )
    assert (
        compute_status(rm, progress(enrol, cis=checkins(days)), "r", date(2026, 3, 19)).streak == 0
    )
    # weeks without hours slow the forecast down, they do not remove it: the last eight
    # study weeks (20 April back to 2 March) hold 8 h; P50 far after the planned date
    later = compute_status(rm, progress(enrol, cis=checkins(days)), "r", date(2026, 4, 20))
    assert later.forecast is not None and later.forecast.basis == "history"
    assert later.forecast.planned < date(2026, 6, 1) < later.forecast.p50 <= later.forecast.p90


def test_rest_days_never_break_a_streak_and_count_when_used() -> None:
    rm, enrol = _paced()
    days = [date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 9)]  # Fri, Sat, (Sun off), Mon
    status = compute_status(rm, progress(enrol, cis=checkins(days)), "r", date(2026, 3, 9))
    assert status.streak == 3
    with_sunday = [*days, date(2026, 3, 8)]
    assert (
        compute_status(rm, progress(enrol, cis=checkins(with_sunday)), "r", date(2026, 3, 9)).streak
        == 4
    )


def test_check_ins_before_the_start_and_after_the_finish() -> None:
    rm = roadmap(node("a", items=2, work=hours(6)), node("b", work=hours(6)))
    enrol = enrolment(date(2026, 3, 9), 6)  # a 9-14 March, b 16-21 March
    early = [date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 9)]
    late = [date(2026, 3, 23), date(2026, 3, 24)]
    cis = checkins(early + late, h=2.0)
    status = compute_status(rm, progress(enrol, cis=cis), "r", date(2026, 3, 24))
    assert status.hours_total == 12
    assert status.streak == 2 and status.longest_streak == 4
    assert status.current is None and status.due == []
    assert status.node_hours["a"] == (6.0, 8.0)  # before the start: the first node
    assert status.node_hours["b"] == (6.0, 0.0)  # after the finish: no node
    assert status.target_hours_this_week == 0.0
    assert status.hours_by_day[date(2026, 3, 5)] == 2.0


def test_a_session_at_half_past_one_counts_for_the_day_before() -> None:
    rm, enrol = _paced()
    night = study_day(datetime(2026, 3, 10, 1, 30), 4)
    assert night == date(2026, 3, 9)
    days = [date(2026, 3, 7), night]
    status = compute_status(rm, progress(enrol, cis=checkins(days)), "r", date(2026, 3, 10))
    assert status.streak == 2  # Saturday, (Sunday off), Monday night
    later = study_day(datetime(2026, 3, 10, 4, 30), 4)
    assert later == date(2026, 3, 10)


def test_node_hours_roll_up_to_the_parents() -> None:
    rm = roadmap(
        node(
            "p",
            role="phase",
            children=[node("x", items=1, work=hours(6)), node("y", work=hours(6))],
        )
    )
    enrol = enrolment(date(2026, 3, 2), 6)
    cis = {
        **checkins([date(2026, 3, 3)], h=2.0),  # planned node: x
        "explicit": CheckIn(
            id="explicit",
            date=date(2026, 3, 3),
            hours=1.5,
            roadmap="r",
            node="y",
            created=T0,
            updated=T0,
        ),
        "other": CheckIn(
            id="other", date=date(2026, 3, 3), hours=4, roadmap="elsewhere", created=T0, updated=T0
        ),
        "gone": CheckIn(
            id="gone",
            date=date(2026, 3, 3),
            hours=4,
            roadmap="r",
            deleted=True,
            created=T0,
            updated=T0,
        ),
    }
    status = compute_status(rm, progress(enrol, cis=cis), "r", date(2026, 3, 4))
    assert status.node_hours == {"p": (12.0, 3.5), "x": (6.0, 2.0), "y": (6.0, 1.5)}
    assert status.hours_total == 3.5


def test_blocked_by_counts_by_the_one_rule() -> None:
    rm = roadmap(
        node("a", items=2, optional={2}),
        node("b", items=1, prerequisites=["a"]),
        node("c", items=1, prerequisites=["a", "b"]),
    )
    enrol = enrolment(date(2026, 3, 2), 6)
    rp = RoadmapProgress(
        enrolment=enrol,
        own_items={"user/x": OwnItem(id="user/x", node="b", text="mine", updated=T0)},
    )
    assert node_tally(rm.nodes[0], rp) == Tally(0, 1)  # the optional item is not counted
    assert node_tally(rm.nodes[1], rp) == Tally(0, 2)  # the own item counts
    state = Progress(roadmaps={"r": rp})
    assert compute_status(rm, state, "r", date(2026, 3, 2)).blocked_by == {
        "b": ["a"],
        "c": ["a", "b"],
    }
    rp = replace(rp, **{"items": done("a/i1")})
    state = Progress(roadmaps={"r": rp})
    status = compute_status(rm, state, "r", date(2026, 3, 2))
    assert status.blocked_by == {"c": ["b"]}
    assert status.counts == {"todo": 4, "doing": 0, "done": 1, "skipped": 0}
    assert status.percent == 25  # a/i1 of a/i1, b/i1, c/i1 and user/x


def test_status_without_enrolment_plans_from_today() -> None:
    rm = roadmap(node("a", items=1, work=hours(13)), week_hours=hours(12, 14))
    status = compute_status(rm, Progress(), "r", date(2026, 11, 23))
    assert status.plan is not None and status.plan.start == date(2026, 11, 23)
    assert status.plan.end == date(2026, 11, 28)  # 13 h at 13 h/week, 6 days
    assert status.streak == 0 and status.percent == 0
    # no history yet: the plan's pace (P50 the planned date), P90 at 60 % of it:
    # 13 / (13/6 x 0.6) = 10 study days: 23-28 November, 30 November-3 December
    assert status.forecast is not None and status.forecast.basis == "plan"
    assert status.forecast.p50 == date(2026, 11, 28)
    assert status.forecast.p90 == date(2026, 12, 3)


def test_items_ticked_at_half_past_one_count_for_the_day_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        # 4 items of 4 h, 1 h a day every day from 1 Feb 2026; today 8 March
        rm = roadmap(node("a", items=4, work=hours(16)))
        enrol = enrolment(date(2026, 2, 1), 7, rest=())
        items = {
            **done("a/i1", when=datetime(2026, 2, 9, 1, 30, tzinfo=UTC)),  # 8 Feb
            **done("a/i2", when=datetime(2026, 2, 10, 1, 30, tzinfo=UTC)),  # 9 Feb
        }
        status = compute_status(rm, progress(enrol, items), "r", date(2026, 3, 8))
        assert status.closed_by_day == {date(2026, 2, 8): 4.0, date(2026, 2, 9): 4.0}
        assert status.forecast is not None and status.forecast.basis == "items"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_stated_total_length_sizes_an_untimed_plan() -> None:
    # Like seed 002: levels without timing, a month plan (appendix) of 2-4 months.
    rm = roadmap(
        node("l1", items=1),
        node("l2", items=3),
        node("plan", role="appendix", duration=Span(low=2, high=4, unit="month")),
        week_hours=hours(10),
    )
    plan = build_plan(rm, enrolment(date(2026, 1, 5), 10, rest=()))
    # 3 months = 12 weeks of 10 h = 120 h, shared 1:3 → 30 h and 90 h at 10/7 h a day
    assert plan.mode == "items" and plan.estimated
    assert dates(plan, "l1") == (date(2026, 1, 5), date(2026, 1, 25))  # 21 days
    assert dates(plan, "l2") == (date(2026, 1, 26), date(2026, 3, 29))  # 63 days
    assert plan.nodes["l2"].hours == pytest.approx(90)


def test_a_pace_of_minutes_projects_no_finish_instead_of_overflowing() -> None:
    """Three seconds of done work in a month is no pace: the forecast stops at the
    horizon's last day, and no date passes 9999."""
    from syllabus.model.schedule import calendar, forecast

    cal = calendar.StudyCalendar()
    last = cal.nth(date(2026, 3, 1), forecast.FORECAST_HORIZON_DAYS - 1)
    assert forecast._finish_at(cal, date(2026, 3, 1), 500.0 / 6e-05) == last
    assert forecast._finish_at(cal, date(2026, 3, 1), float("nan")) == last
    assert forecast._finish_at(cal, date(2026, 3, 1), 10.0 / 2.0) == date(2026, 3, 5)


def _no_finish_roadmap(work: HoursRange | None = None, position: Span | None = None) -> Roadmap:
    return roadmap(
        node("a", items=2, work=work, position=position),
        node("b", items=1, work=hours(3) if position is None else None, position=position),
        week_hours=hours(10),
    )


@pytest.mark.parametrize(
    "rm",
    [
        _no_finish_roadmap(work=hours(1e9)),  # 4 billion weeks at the slowest pace
        _no_finish_roadmap(work=hours(float("inf"))),
        _no_finish_roadmap(position=Span(low=1, high=1e12, unit="month")),
        roadmap(node("a", item_hours=[1e300, 2.0]), node("b", items=1)),
    ],
    ids=["billion-hours", "inf-hours", "month-1e12", "huge-item"],
)
def test_a_plan_that_would_pass_date_max_has_no_finish(rm: Roadmap) -> None:
    """Issue 12.7: the last start a plan may have (2200), the slowest pace, work without
    end: no OverflowError or MemoryError anywhere, and no finish instead of a date."""
    from syllabus.model.schedule import HORIZON_DAYS
    from syllabus.model.units import LATEST

    enrol = enrolment(LATEST, 0.25, pauses=((LATEST, LATEST),))
    items = done("a/i1", when=datetime(2200, 12, 30, tzinfo=UTC))
    cis = checkins([date(2200, 12, 29), date(2200, 12, 30)], h=0.1)
    plan = build_plan(rm, enrol)
    assert not plan.finishes
    # the work past the horizon sits on its last day, centuries short of date.max
    assert plan.end == plan.nodes["b"].end == plan.calendar.nth(date(2201, 1, 1), HORIZON_DAYS - 1)
    for node_plan in plan.nodes.values():  # a caller may add a week to any planned day
        assert node_plan.end + timedelta(days=7) > node_plan.start
    for today in (LATEST, date(1970, 1, 1)):
        status = compute_status(rm, progress(enrol, items, cis), "r", today, plan)
        assert status.projected_finish is None
        assert isinstance(status.behind_days, int)
    assert all(day <= plan.end for day in plan.item_due.values())
    assert max(plan.week_hours) <= plan.end


def test_a_plan_within_the_horizon_finishes_and_nan_hours_are_none() -> None:
    rm = _no_finish_roadmap(work=hours(float("nan")))
    plan = build_plan(rm, enrolment(date(2026, 3, 2), 6))
    assert plan.finishes
    assert plan.nodes["a"].hours == 0 and plan.nodes["b"].hours == 3
    assert plan.end == date(2026, 3, 4)  # 3 h at 1 h a study day


@pytest.mark.parametrize(
    ("days", "rest"),
    [(7, []), (6, ["sun"]), (5, ["sat", "sun"]), (4, ["fri", "sat", "sun"]), (1, WEEKDAYS[1:])],
)
def test_an_unenrolled_plan_rests_on_the_days_enrolling_would(days: int, rest: list[str]) -> None:
    from syllabus.model.schedule import default_enrolment

    roadmap = Roadmap(id="r", title="R", pace=Pace(days_per_week=days))
    shown = default_enrolment(roadmap, date(2026, 11, 23))
    assert shown.rest_days == list(rest) == default_rest_days(days)
    assert shown.days_per_week == days
