"""Hours by weekday: each study day holds its weekday's hours, worked out by hand.

The enrolment studies 1.5 h Monday to Friday and 2.5 h on Saturday and Sunday (12.5 h a
week, seven study days), from Monday 2026-01-05. Its hours, summed day by day:

    Mon 5: 1.5   Tue 6: 3.0   Wed 7: 4.5   Thu 8: 6.0   Fri 9: 7.5   Sat 10: 10.0
    Sun 11: 12.5 Mon 12: 14.0 Tue 13: 15.5 Wed 14: 17.0 Thu 15: 18.5 Fri 16: 20.0

A piece of work ends on the first day whose sum reaches it, and starts on the first day
whose sum passes it. At the same 12.5 h a week spread evenly (12.5/7 h a day) some
items fall a day earlier: the comparison is part of each test.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syllabus.model.progress import Enrolment, Pause, Progress, Replan, RoadmapProgress
from syllabus.model.roadmap import Item, Node, Pace, Roadmap
from syllabus.model.schedule import StudyCalendar, build_plan, compute_status
from syllabus.model.schedule.options import change_pace
from syllabus.model.units import (
    WEEKDAYS,
    InvalidEntry,
    parse_weekday_hours,
    scaled_weekday_hours,
    weekday_hours_text,
    weekday_hours_week,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)
MON = date(2026, 1, 5)
ROUTINE = {"mon": 1.5, "tue": 1.5, "wed": 1.5, "thu": 1.5, "fri": 1.5, "sat": 2.5, "sun": 2.5}


def leaf(node_id: str, item_hours: list[float]) -> Node:
    items = [
        Item(id=f"{node_id}/i{n}", text=f"[{h} hrs] item {n}", hours=h)
        for n, h in enumerate(item_hours, start=1)
    ]
    return Node(id=node_id, title=node_id, role="section", items=items)


# a: 2 + 4.5 + 1.5 + 2 = 10 h, its items reaching 2, 6.5, 8 and 10 h; b: 3 + 4.5 h after it
ROADMAP = Roadmap(
    id="r",
    title="R",
    nodes=[leaf("a", [2, 4.5, 1.5, 2]), leaf("b", [3, 4.5])],
    pace=Pace(),
)


def routine(**changes: object) -> Enrolment:
    made = Enrolment(start=MON, hours_per_week=0, weekday_hours=ROUTINE, updated=T0)
    return replace(made, **changes) if changes else made


def uniform() -> Enrolment:
    return Enrolment(start=MON, hours_per_week=12.5, days_per_week=7, rest_days=[], updated=T0)


def test_the_enrolment_takes_its_week_from_the_hours_by_weekday() -> None:
    enrolment = routine()
    assert enrolment.hours_per_week == 12.5
    assert enrolment.rest_days == [] and enrolment.days_per_week == 7
    weekdays_only = Enrolment(
        start=MON, hours_per_week=40, weekday_hours={"mon": 2, "Wed": 3}, updated=T0
    )
    assert weekdays_only.weekday_hours == {
        "mon": 2.0,
        "tue": 0.0,
        "wed": 3.0,
        "thu": 0.0,
        "fri": 0.0,
        "sat": 0.0,
        "sun": 0.0,
    }
    assert weekdays_only.hours_per_week == 5.0
    assert weekdays_only.rest_days == ["tue", "thu", "fri", "sat", "sun"]
    assert weekdays_only.days_per_week == 2
    for wrong in ({"mon": 25.0}, {"mon": -1.0}, {"mon": 0.0}, {"someday": 1.0}):
        with pytest.raises(ValueError):
            Enrolment(start=MON, hours_per_week=5, weekday_hours=wrong, updated=T0)


def test_items_land_where_each_days_hours_reach_them() -> None:
    plan = build_plan(ROADMAP, routine())
    assert plan.hours_per_week == 12.5
    assert plan.item_due == {
        "a/i1": date(2026, 1, 6),  # 2 h: Tue (3.0)
        "a/i2": date(2026, 1, 9),  # 6.5 h: Fri (7.5)
        "a/i3": date(2026, 1, 10),  # 8 h: Sat (10.0)
        "a/i4": date(2026, 1, 10),  # 10 h: Sat, exactly
        "b/i1": date(2026, 1, 12),  # 13 h: Mon (14.0)
        "b/i2": date(2026, 1, 15),  # 17.5 h: Thu (18.5)
    }
    assert (plan.nodes["a"].start, plan.nodes["a"].end) == (MON, date(2026, 1, 10))
    # b starts past 10 h: on Sunday, the first day whose sum passes it
    assert (plan.nodes["b"].start, plan.nodes["b"].end) == (date(2026, 1, 11), date(2026, 1, 15))
    assert plan.end == date(2026, 1, 15)
    # the same hours a week spread evenly: 1.79 h a day
    even = build_plan(ROADMAP, uniform())
    assert even.item_due["a/i2"] == date(2026, 1, 8)  # 6.5 / 1.79 = 3.6: idx 3, Thu
    assert even.item_due["a/i3"] == date(2026, 1, 9)  # 8 / 1.79 = 4.5: idx 4, Fri
    assert even.item_due["b/i2"] == date(2026, 1, 14)  # 17.5 / 1.79 = 9.8: idx 9, Wed


def test_a_days_hours_and_the_hours_between_two_days() -> None:
    plan = build_plan(ROADMAP, routine())
    assert plan.day_hours(date(2026, 1, 9)) == 1.5
    assert plan.day_hours(date(2026, 1, 10)) == 2.5
    assert plan.hours_between(MON, date(2026, 1, 11)) == 12.5
    assert plan.hours_between(date(2026, 1, 9), date(2026, 1, 13)) == 1.5 + 2.5 + 2.5 + 3.0
    assert plan.hours_per_day == pytest.approx(12.5 / 7)  # the buffer's study day
    # the week's planned hours hold the whole plan
    assert sum(plan.week_hours.values()) == pytest.approx(17.5)
    assert plan.week_hours[MON] == pytest.approx(10 + 7.5 * 2.5 / 8.5)


def test_rest_days_and_pauses_hold_no_hours() -> None:
    # Mon-Fri only, 2 h a day: the weekend rests, so the week is the uniform 10 h
    weekdays = routine(weekday_hours={d: 2.0 for d in ("mon", "tue", "wed", "thu", "fri")})
    assert weekdays.rest_days == ["sat", "sun"]
    plan = build_plan(ROADMAP, weekdays)
    assert plan.calendar.weekday_hours is None  # every study day the same: the old way
    assert plan.day_hours(date(2026, 1, 10)) == 0.0
    assert plan.item_due["a/i4"] == date(2026, 1, 9)  # 10 h on five 2 h days
    # a pause on Tue 6 and Wed 7: Mon 1.5, Thu 3.0, Fri 4.5, Sat 7.0, Sun 9.5, Mon 11.0
    paused = build_plan(
        ROADMAP, routine(pauses=[Pause(start=date(2026, 1, 6), end=date(2026, 1, 7))])
    )
    assert [paused.item_due[f"a/i{n}"] for n in range(1, 5)] == [
        date(2026, 1, 8),
        date(2026, 1, 10),
        date(2026, 1, 11),
        date(2026, 1, 12),
    ]
    assert paused.day_hours(date(2026, 1, 7)) == 0.0


def test_a_replan_moves_the_open_work_onto_the_days_from_its_date() -> None:
    made = datetime(2026, 1, 11, 12, tzinfo=UTC)
    plan = build_plan(ROADMAP, routine(replans=[Replan(start=date(2026, 1, 12), made=made)]))
    # from Mon 12: Mon 1.5, Tue 3.0, Wed 4.5, Thu 6.0, Fri 7.5, Sat 10.0
    assert [plan.item_due[f"a/i{n}"] for n in range(1, 5)] == [
        date(2026, 1, 13),
        date(2026, 1, 16),
        date(2026, 1, 17),
        date(2026, 1, 17),
    ]


def test_the_status_and_the_forecast_count_each_days_hours() -> None:
    enrolment = routine()
    progress = Progress(roadmaps={"r": RoadmapProgress(enrolment=enrolment)})
    status = compute_status(ROADMAP, progress, "r", MON)
    assert status.target_hours_this_week == pytest.approx(12.5)
    assert status.forecast is not None
    assert status.forecast.p50 == status.plan.end == date(2026, 1, 15)  # on the plan's pace
    # on Saturday nothing is done: a/i1 and a/i2 are owed, 6.5 h, 3.64 average days
    late = compute_status(ROADMAP, progress, "r", date(2026, 1, 10))
    assert late.overdue == ["a/i1", "a/i2"]
    assert late.due == ["a/i3", "a/i4"]
    assert late.buffer_days == pytest.approx(-6.5 / (12.5 / 7))


def test_a_new_pace_keeps_the_weekdays_proportions() -> None:
    progress = Progress(roadmaps={"r": RoadmapProgress(enrolment=routine())})
    paced = change_pace(progress, "r", date(2026, 1, 7), 25.0, T0)
    enrolment = paced.roadmap("r").enrolled
    assert enrolment is not None
    assert enrolment.hours_per_week == 25.0
    assert enrolment.weekday_hours == {day: hours * 2 for day, hours in ROUTINE.items()}
    assert scaled_weekday_hours(ROUTINE, 13.0)["sat"] == 2.6
    assert sum(scaled_weekday_hours(ROUTINE, 13.0).values()) == pytest.approx(13.0)


def test_typed_hours_by_weekday() -> None:
    assert parse_weekday_hours("mon-fri 1.5, sat-sun 2.5") == ROUTINE
    assert parse_weekday_hours("Mon=1,5 tue=1:30; wed 1h30, thu-fri 1.5 sat-sun=2.5") == ROUTINE
    assert parse_weekday_hours("") == {}
    assert parse_weekday_hours("sat 4")["mon"] == 0.0
    assert weekday_hours_text(ROUTINE) == "mon-fri 1.5, sat-sun 2.5"
    assert weekday_hours_text(parse_weekday_hours("mon 2, wed 2")) == "mon 2, wed 2"
    assert weekday_hours_week(ROUTINE) == (12.5, [])
    for wrong in ("mon", "funday 2", "mon 25", "mon 0", "mon 1 tue"):
        with pytest.raises(InvalidEntry):
            parse_weekday_hours(wrong)


def test_the_calendar_sums_a_weeks_hours_like_a_day_by_day_walk() -> None:
    hours = [1.5, 0.0, 2.0, 1.0, 1.0, 4.0, 0.0]
    pauses = [Pause(start=date(2026, 2, 3), end=date(2026, 2, 12))]
    cal = StudyCalendar(["tue", "sun"], pauses, hours)
    first = date(2026, 1, 29)
    for span in (0, 1, 6, 7, 20, 60):
        last = date.fromordinal(first.toordinal() + span)
        walked = sum(
            cal.day_hours(date.fromordinal(o), 0.0)
            for o in range(first.toordinal(), last.toordinal() + 1)
        )
        assert cal.hours(first, last, 0.0) == pytest.approx(walked)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from([0.0, 0.25, 1.5, 2.5, 7.0]), min_size=7, max_size=7).filter(any),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=3),
    st.integers(0, 40),
    st.floats(0, 120, allow_nan=False),
    st.booleans(),
)
def test_the_day_a_piece_of_work_reaches_matches_a_walk_over_the_days(
    hours: list[float], pauses: list[tuple[int, int]], at: int, work: float, end: bool
) -> None:
    """``DayTable.reach`` against a day-by-day walk: the day the hours end on is the first
    whose running sum reaches them; the day they start on the first whose sum passes."""
    rest = [day for day, h in zip(WEEKDAYS, hours, strict=True) if not h]
    periods = [
        Pause(start=MON + timedelta(days=a), end=MON + timedelta(days=a + n)) for a, n in pauses
    ]
    cal = StudyCalendar(rest, periods, hours)
    if cal.weekday_hours is None:
        return  # every study day alike: the uniform arithmetic, tested everywhere else
    table = cal.table(MON)
    got = table.get(table.reach(at, work, end))
    days = [table.get(i) for i in range(at, at + 400)]
    total = 0.0
    for day in days:
        total += cal.day_hours(day, 0.0)
        if (total >= work - 1e-9) if end else (total > work + 1e-9):
            assert got == day
            break
    else:
        raise AssertionError("no day reached")
