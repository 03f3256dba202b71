"""Issue 13, the model: the agenda, due today, the buffer, the forecast, the options when
behind, replan, and ``closed_at`` (a re-tick never moves finished work).

The hand-worked roadmap: one 24 h node of 12 items of 2 h; 1 h a study day (6 h a week,
Sundays off) from Monday 2 March 2026, so item n is planned on study day 2n - 1:
i1 Tue 3, i2 Thu 5, i3 Sat 7, i4 Tue 10, i5 Thu 12, i6 Sat 14, i7 Tue 17 ... i12 Sat 28 March.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from syllabus.model import progress as pm
from syllabus.model.roadmap import HoursRange, Item, Node, Roadmap, Timing
from syllabus.model.schedule import (
    build_plan,
    burn_up,
    compute_status,
    pick_next,
    replan,
    roadmap_agenda,
)
from syllabus.model.schedule.options import behind_options

T0 = datetime(2026, 1, 1, tzinfo=UTC)
START = date(2026, 3, 2)


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def the_roadmap(optional: int = 0) -> Roadmap:
    items = [Item(id=f"w/i{n}", text=f"Item {n}") for n in range(1, 13)]
    items += [
        Item(id=f"w/o{n}", text=f"Stretch {n}", optional=True) for n in range(1, optional + 1)
    ]
    node = Node(id="w", title="W", timing=Timing(hours=HoursRange(low=24, high=24)), items=items)
    return Roadmap(id="r", title="R", nodes=[node])


def enrolment(**changes: object) -> pm.Enrolment:
    base = pm.Enrolment(start=START, hours_per_week=6, days_per_week=6, updated=T0)
    return pm.Enrolment(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def learner(
    done: dict[int, date],
    hours: dict[date, float],
    cards: dict[str, pm.ReviewCard] | None = None,
    **enrol: object,
) -> pm.Progress:
    items = {
        f"w/i{n}": pm.ItemRecord(state=pm.ItemState.DONE, updated=noon(d)) for n, d in done.items()
    }
    checkins = {
        f"c{d}": pm.CheckIn(id=f"c{d}", date=d, hours=h, roadmap="r", created=T0, updated=T0)
        for d, h in hours.items()
    }
    rp = pm.RoadmapProgress(enrolment=enrolment(**enrol), items=items, cards=cards or {})
    return pm.Progress(roadmaps={"r": rp}, checkins=checkins)


@st.composite
def review_cards(draw: st.DrawFn) -> dict[str, pm.ReviewCard]:
    """Reviews on: up to 30 stored cards of node w (due any day of the first ten weeks,
    never graded or graded with a stability of half a day to two months, 1-30 minutes),
    from none to more time than the plan's hours (the allowance's cap)."""
    found = {}
    for n in range(draw(st.integers(0, 30))):
        graded = draw(st.booleans())
        found[f"w/q{n}"] = pm.ReviewCard(
            node="w",
            due=noon(START + timedelta(days=draw(st.integers(1, 70)))),
            state="review" if graded else "learning",
            stability=draw(st.floats(0.5, 60.0)) if graded else None,
            difficulty=5.0 if graded else None,
            last_review=noon(START) if graded else None,
            minutes=draw(st.sampled_from([1.0, 3.0, 10.0, 30.0])),
            updated=T0,
        )
    return found


def study_days(first: date, last: date) -> list[date]:
    return [
        first + timedelta(days=k)
        for k in range((last - first).days + 1)
        if (first + timedelta(days=k)).weekday() != 6
    ]


# --- due, overdue and the buffer: one line -----------------------------------------------


def test_due_means_planned_for_today_and_overdue_before() -> None:
    rm = the_roadmap()
    # Thursday 12 March: i1-i3 done; i4 (10 March) is overdue, i5 is due today
    state = learner({1: date(2026, 3, 3), 2: date(2026, 3, 5), 3: date(2026, 3, 7)}, {})
    status = compute_status(rm, state, "r", date(2026, 3, 12))
    assert status.due == ["w/i5"] and status.overdue == ["w/i4"]
    # the line this morning: i1-i4 = 8 h; closed 6 h: -2 h at 1 h a study day
    assert status.buffer_days == -2.0 and status.behind_days == 2


def test_ahead_and_overdue_never_together() -> None:
    rm = the_roadmap()
    # i1 left open (due 3 March), i2-i8 done by Saturday 7 March: 14 h closed, the line
    # this morning holds i1-i2 (4 h): +10 h raw, but an item is overdue, so 0
    done = {n: date(2026, 3, 6) for n in range(2, 9)}
    status = compute_status(rm, learner(done, {}), "r", date(2026, 3, 7))
    assert status.overdue == ["w/i1"] and status.buffer_days == 0
    # once i1 is done: +12 h = +12 study days (i3 is today's, done too)
    done[1] = date(2026, 3, 7)
    status = compute_status(rm, learner(done, {}), "r", date(2026, 3, 7))
    assert status.overdue == [] and status.buffer_days == 12


def test_a_pause_keeps_the_line_flat() -> None:
    rm = the_roadmap()
    # i1-i3 done in week 1, then a paused fortnight 9-22 March: on 23 March i4 is due
    done = {1: date(2026, 3, 3), 2: date(2026, 3, 5), 3: date(2026, 3, 7)}
    pause = [pm.Pause(start=date(2026, 3, 9), end=date(2026, 3, 22))]
    status = compute_status(rm, learner(done, {}, pauses=pause), "r", date(2026, 3, 23))
    assert status.overdue == [] and status.buffer_days == 0
    assert status.due == []  # i4 is planned for Tuesday 24 March, its second study hour
    assert status.plan is not None and status.plan.end == date(2026, 4, 11)


# --- the agenda -------------------------------------------------------------------------


def test_agenda_overdue_then_today_then_ahead() -> None:
    rm = the_roadmap()
    state = learner({1: date(2026, 3, 3), 2: date(2026, 3, 5), 3: date(2026, 3, 7)}, {})
    entries = roadmap_agenda(rm, state, "r", date(2026, 3, 12))
    # i4 overdue, i5 today (2 h fill the day's 1 h): nothing ahead
    assert [(e.item_id, e.why) for e in entries] == [("w/i4", "overdue"), ("w/i5", "today")]
    assert entries[0].text == "Item 4" and entries[0].hours == 2 and entries[0].node_id == "w"


def test_agenda_is_never_empty_while_work_remains() -> None:
    rm = the_roadmap()
    # everything up to i6 done on Wednesday 11 March: nothing overdue or due; a study
    # day's worth (1 h) of the next items: i7 (2 h)
    done = {n: date(2026, 3, 11) for n in range(1, 7)}
    entries = roadmap_agenda(rm, learner(done, {}), "r", date(2026, 3, 12))
    assert [(e.item_id, e.why) for e in entries] == [("w/i7", "ahead")]
    # on a Sunday (rest) too
    entries = roadmap_agenda(rm, learner(done, {}), "r", date(2026, 3, 15))
    assert [(e.item_id, e.why) for e in entries] == [("w/i7", "ahead")]
    # all done: nothing
    everything = {n: date(2026, 3, 11) for n in range(1, 13)}
    assert roadmap_agenda(rm, learner(everything, {}), "r", date(2026, 3, 12)) == []


def test_pick_next_fits_the_minutes() -> None:
    rm = the_roadmap()
    state = learner({1: date(2026, 3, 3)}, {})
    entries = roadmap_agenda(rm, state, "r", date(2026, 3, 12))
    assert [e.item_id for e in entries] == ["w/i2", "w/i3", "w/i4", "w/i5"]
    assert [e.item_id for e in pick_next(entries, None)] == ["w/i2"]
    assert [e.item_id for e in pick_next(entries, 240)] == ["w/i2", "w/i3"]
    assert [e.item_id for e in pick_next(entries, 30)] == ["w/i2"]  # nothing fits: the first
    assert pick_next([], 30) == []


# --- the forecast -----------------------------------------------------------------------


def test_forecast_before_two_weeks_is_the_plan_with_a_wide_band() -> None:
    rm = the_roadmap()
    # day 3 (Wednesday 4 March), i1 done, 3 h logged: the plan's pace, 1 h a study day.
    # 22 h left: 1 h today, 21 from Thursday: 5-7 (3), 9-14 (6), 16-21 (6), 23-28 (6) -> 28 March
    state = learner({1: date(2026, 3, 3)}, {d: 1.0 for d in study_days(START, date(2026, 3, 4))})
    forecast = compute_status(rm, state, "r", date(2026, 3, 4)).forecast
    assert forecast is not None and forecast.basis == "plan"
    assert forecast.p50 == date(2026, 3, 28) == forecast.planned
    # P90 at 0.6 h a day: 0.6 today, 21.4 / 0.6 = 35.7 -> 36 study days from 5 March:
    # 5-7 (3), five full weeks to 11 April (30), then 13-15 April (3): Wednesday 15 April
    assert forecast.p90 == date(2026, 4, 15)


def test_a_check_in_from_1999_or_the_future_moves_nothing() -> None:
    rm = the_roadmap()
    days = study_days(START, date(2026, 3, 21))
    base = learner({n: START + timedelta(days=2 * n) for n in range(1, 9)}, {d: 1.0 for d in days})
    today = date(2026, 3, 21)
    before = compute_status(rm, base, "r", today).forecast
    for day in (date(1999, 1, 1), date(2026, 3, 1), date(2026, 3, 25)):
        odd = pm.CheckIn(id="odd", date=day, hours=24, roadmap="r", created=T0, updated=T0)
        after = compute_status(rm, pm.put_checkin(base, odd), "r", today).forecast
        assert after == before


def test_ticks_without_hours_forecast_from_items() -> None:
    rm = the_roadmap()
    done = {n: START + timedelta(days=2 * n) for n in range(1, 9)}
    forecast = compute_status(rm, learner(done, {}), "r", date(2026, 3, 21)).forecast
    assert forecast is not None and forecast.basis == "items"


def _history(draw_hours: list[float], today: date) -> dict[date, float]:
    days = study_days(START, today)
    return {d: h for d, h in zip(days, draw_hours, strict=False) if h > 0}


@settings(max_examples=60, deadline=None)
@given(
    hours=st.lists(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0]), min_size=30, max_size=30),
    ticked=st.integers(0, 12),
    offset=st.integers(0, 29),
    extra=st.sampled_from([0.25, 0.5, 1.0]),
    today_index=st.integers(0, 40),
    cards=review_cards(),
)
def test_forecast_properties(
    hours: list[float],
    ticked: int,
    offset: int,
    extra: float,
    today_index: int,
    cards: dict[str, pm.ReviewCard],
) -> None:
    """With reviews on: P90 >= P50 >= today; a check-in within the day's planned hours
    (1 h) never moves P50 later; the cards are no remaining work and never move P50
    earlier than without them."""
    rm = the_roadmap()
    today = START + timedelta(days=today_index)
    done = {n: min(START + timedelta(days=2 * n), today) for n in range(1, ticked + 1)}
    state = learner(done, _history(hours, today), cards)
    status = compute_status(rm, state, "r", today)
    plain = compute_status(rm, learner(done, _history(hours, today)), "r", today)
    assert status.remaining_hours == plain.remaining_hours
    forecast = status.forecast
    if forecast is None:
        assert ticked == 12 and plain.forecast is None
        return
    assert plain.forecast is not None and forecast.p50 >= plain.forecast.p50
    assert forecast.p90 >= forecast.p50 >= today
    day = START + timedelta(days=min(offset, today_index))
    have = sum(c.hours for c in state.checkins.values() if c.date == day)
    one = pm.CheckIn(id="new", date=day, hours=extra, roadmap="r", created=T0, updated=T0)
    if have + extra <= 1.0:
        later = compute_status(rm, pm.put_checkin(state, one), "r", today).forecast
        assert later is not None and later.p50 <= forecast.p50


@settings(max_examples=40, deadline=None)
@given(
    weeks=st.lists(st.floats(0.6, 1.4), min_size=3, max_size=10),
    extra=st.floats(0.0, 24.0),
    back=st.integers(0, 60),
    cards=review_cards(),
)
def test_one_check_in_moves_p50_by_two_weeks_at_most(
    weeks: list[float], extra: float, back: int, cards: dict[str, pm.ReviewCard]
) -> None:
    """A learner near the plan's pace (60-140 % each week) on a roadmap of more than a
    month, with reviews on: one more check-in, of any size on any day, moves P50 by 14
    days at most."""
    node = Node(
        id="w",
        title="W",
        timing=Timing(hours=HoursRange(low=120, high=120)),
        items=[Item(id=f"w/i{n}", text=f"Item {n}") for n in range(1, 41)],
    )
    rm = Roadmap(id="r", title="R", nodes=[node])  # 120 h at 6 h a week: 20 weeks
    today = START + timedelta(days=7 * len(weeks) - 2)
    hours = {}
    for k, speed in enumerate(weeks):
        for d in study_days(START + timedelta(days=7 * k), START + timedelta(days=7 * k + 5)):
            if d <= today:
                hours[d] = round(speed, 2)
    plan = build_plan(rm, enrolment())
    closed = sum(hours.values())
    done, total = {}, 0.0
    for item_id in plan.tracked:
        total += plan.item_hours[item_id]
        if total <= closed:
            done[int(item_id.split("i")[-1])] = plan.item_due[item_id]
    state = learner({n: min(d, today) for n, d in done.items()}, hours, cards)
    before = compute_status(rm, state, "r", today).forecast
    day = max(START, today - timedelta(days=back))
    one = pm.CheckIn(id="new", date=day, hours=extra, roadmap="r", created=T0, updated=T0)
    after = compute_status(rm, pm.put_checkin(state, one), "r", today).forecast
    assert before is not None and after is not None
    assert abs((after.p50 - before.p50).days) <= 14


# --- options when behind, replan, closed_at ---------------------------------------------


def test_behind_options() -> None:
    rm = the_roadmap(optional=2)
    # Thursday 12 March, i1-i2 done: the tracked items keep 2 h each (optional items'
    # shares are folded into them), the line this morning holds i1-i4 (3, 5, 7, 10
    # March): 8 h, 4 h closed, so -4 h = -4 study days
    state = learner({1: date(2026, 3, 3), 2: date(2026, 3, 5)}, {})
    options = behind_options(rm, state, "r", date(2026, 3, 12))
    assert options is not None
    # the rest of the plan: 15 study days from today to Saturday 28 March (12-14,
    # 16-21, 23-28) at 1 h = 15 h, plus the 4 h behind = 19 h: 19 / 15 h a study day,
    # x 6 = 7.6 h a week, more than the 6 h of the pace (behind needs more)
    assert round(options.hours_per_week, 6) == 7.6 and options.hours_per_week > 6
    # the optional items state no hours, so they take no share of the week: skipping
    # them saves no planned time and is not offered
    plan = build_plan(rm, enrolment())
    assert sum(plan.item_hours[i] for i in ("w/o1", "w/o2")) == 0
    assert (options.skippable, options.skippable_hours) == ([], 0)
    status = compute_status(rm, state, "r", date(2026, 3, 12))
    assert status.forecast is not None and options.new_date == status.forecast.p50
    # not behind: no options
    ahead = learner({n: date(2026, 3, 3) for n in range(1, 7)}, {})
    assert behind_options(rm, ahead, "r", date(2026, 3, 12)) is None


def test_replan_while_ahead_keeps_the_finish_and_behind_starts_today() -> None:
    rm = the_roadmap()
    now = datetime(2026, 3, 12, 18, tzinfo=UTC)
    ahead = learner({n: date(2026, 3, 11) for n in range(1, 7)}, {})
    moved = replan(ahead, rm, "r", date(2026, 3, 12), now)
    rp = moved.roadmap("r")
    assert rp.enrolled is not None and len(rp.enrolled.replans) == 1
    assert build_plan(rm, rp.enrolled, rp).end == date(2026, 3, 28)
    behind = learner({1: date(2026, 3, 3)}, {})
    moved = replan(behind, rm, "r", date(2026, 3, 12), now)
    rp = moved.roadmap("r")
    assert rp.enrolled is not None and rp.enrolled.replans[-1].start == date(2026, 3, 12)
    # i1 (2 h, closed) keeps its day; the open rest of the leaf (22 h) starts on Thursday
    # 12 March: 12-14 (3), 16-21, 23-28, 30 March-4 April (18), Monday 6 April (1)
    assert build_plan(rm, rp.enrolled, rp).end == date(2026, 4, 6)


def test_closed_at_is_the_first_close_and_a_re_tick_moves_nothing() -> None:
    rm = the_roadmap()
    first = noon(date(2026, 3, 3))
    state = pm.enrol(pm.Progress(), "r", enrolment())
    state = pm.set_item_state(state, "r", "w/i1", pm.ItemState.DONE, first)
    assert state.roadmap("r").items["w/i1"].closed_at == first
    # a replan on 10 March moves the open rest; then i1 is un-ticked and ticked again
    made = datetime(2026, 3, 10, 9, tzinfo=UTC)
    enrolled = state.roadmap("r").enrolled
    assert enrolled is not None
    replanned = pm.Enrolment(
        **{**enrolled.__dict__, "replans": [pm.Replan(start=date(2026, 3, 10), made=made)]}
    )
    state = pm.enrol(state, "r", replanned)
    today = date(2026, 3, 12)
    before = compute_status(rm, state, "r", today)
    later = datetime(2026, 3, 12, 10, tzinfo=UTC)
    state = pm.set_item_state(state, "r", "w/i1", pm.ItemState.TODO, later)
    assert state.roadmap("r").items["w/i1"].closed_at == first  # kept while open
    state = pm.set_item_state(state, "r", "w/i1", pm.ItemState.DONE, later + timedelta(minutes=1))
    record = state.roadmap("r").items["w/i1"]
    assert record.closed_at == first and record.updated > first
    after = compute_status(rm, state, "r", today)
    assert after.buffer_days == before.buffer_days and after.plan is not None
    assert before.plan is not None and after.plan.nodes == before.plan.nodes
    assert after.forecast == before.forecast


def test_a_record_read_without_closed_at_takes_updated() -> None:
    from syllabus.storage import toml_io

    text = (
        "schema = 1\n\n[roadmaps.r.items]\n"
        '"w/i1" = { state = "done", updated = 2026-03-03T12:00:00Z }\n'
        '"w/i2" = { state = "todo", updated = 2026-03-03T12:00:00Z }\n'
    )
    progress = toml_io.to_progress(toml_io.parse(text), T0)
    items = progress.roadmap("r").items
    assert items["w/i1"].closed_at == datetime(2026, 3, 3, 12, tzinfo=UTC)
    assert items["w/i2"].closed_at is None


def test_burn_up_follows_the_line_and_the_closed_work() -> None:
    rm = the_roadmap()
    state = learner({1: date(2026, 3, 3), 2: date(2026, 3, 5)}, {date(2026, 3, 2): 1.5})
    chart = burn_up(compute_status(rm, state, "r", date(2026, 3, 5)))
    assert chart.days[0] == START and chart.days[-1] == date(2026, 3, 28)
    assert chart.planned[1] == 2 and chart.planned[-1] == 24  # i1 on 3 March; all by the end
    assert chart.done == [0, 2, 2, 4] and chart.logged == [1.5, 1.5, 1.5, 1.5]
