"""Where a learner stands today: counts, due and overdue items, the buffer, streaks,
hours, the forecast.

Items are counted by the one rule in ``model.rules``. Due, overdue, the buffer and the
forecast look only at tracked items: checkable, not optional, scheduled, not habits;
all three come from one bright line (``tracked``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from syllabus.model.progress import ItemRecord, ItemState, Progress, RoadmapProgress
from syllabus.model.roadmap import Roadmap
from syllabus.model.rules import node_tally, tally
from syllabus.model.schedule.calendar import ONE_DAY, StudyCalendar, monday_of
from syllabus.model.schedule.forecast import (
    Forecast,
    RecentWork,
    forecast,
    rest_hours,
    untracked_rest,
)
from syllabus.model.schedule.layout import EPS
from syllabus.model.schedule.plan import (
    Plan,
    build_plan,
    default_enrolment,
)
from syllabus.model.schedule.tracked import (
    Tracker,
    buffer_days,
    finished_on,
    line_steps,
    rounded_days,
    track,
)


class Hours(NamedTuple):
    """Planned and logged hours of a node or a week."""

    planned: float
    logged: float


@dataclass(frozen=True)
class Status:
    """Where a learner stands on a roadmap today."""

    roadmap_id: str
    today: date
    current: str | None
    """Node id planned for today (on a rest day: the next one)."""
    due: list[str]
    """Item ids planned for today, not done or skipped."""
    overdue: list[str]
    """Item ids planned before today, not done or skipped."""
    behind_days: int
    """Compatibility: minus the buffer, rounded (positive = behind)."""
    streak: int
    """Consecutive study days with a check-in, up to today."""
    longest_streak: int
    hours_this_week: float
    target_hours_this_week: float
    hours_total: float
    projected_finish: Forecast | None
    """Compatibility: the forecast (``low`` is P50, ``high`` P90, ``plan`` planned); with
    no work left, the day the last tracked item was first closed."""
    hours_by_day: dict[date, float]
    """Logged hours per study day (all check-ins of the roadmap)."""
    blocked_by: dict[str, list[str]]
    """Node id → ids of its prerequisite nodes not done (only for nodes not done)."""
    node_hours: dict[str, Hours]
    """Node id → planned and logged hours; a node's logged hours include its descendants'."""
    counts: dict[str, int]
    """todo / doing / done / skipped over checkable items (own items included)."""
    percent: float
    """Done over what counts (``model.rules``: skipped and open optional items do not)."""
    week_hours: dict[date, Hours] = field(default_factory=dict)
    """Week (its Monday) → planned and logged hours."""
    done: list[str] = field(default_factory=list)
    """Ids of done items (own items included), in document order."""
    plan: Plan | None = None
    """The plan the status was computed from."""
    buffer_days: float = 0.0
    """Planned hours closed minus the bright line at the start of today, in study days
    at the plan's hours a study day: + ahead, - behind; at most 0 while an item is
    overdue."""
    forecast: Forecast | None = None
    """P50 and P90 finish; None only when no work remains (or the plan has no finish)."""
    closed_by_day: dict[date, float] = field(default_factory=dict)
    """Planned hours of the tracked items first closed, by study day (recent weeks)."""
    remaining_hours: float = 0.0
    """The rest of the plan in its own hours, as the forecast counts it: the plan's
    hours a study day over its study days from today to its end, less the buffer's
    hours (0 when no work remains)."""
    records: dict[str, ItemRecord] = field(default_factory=dict)
    """The roadmap's item records the status was computed from (for ``burn_up``)."""
    day_start_hour: int = 4


def _review_hours(
    roadmap: Roadmap, rp: RoadmapProgress, cal: StudyCalendar, day_start: int
) -> float:
    """The review cards' time a week, in hours (none before anything is closed)."""
    if not rp.cards and not rp.items:
        return 0.0
    from syllabus.model import review

    found = review.cards(roadmap, rp, cal, day_start)
    return review.weekly_minutes(found, cal.days_per_week) / 60


def compute_status(
    roadmap: Roadmap,
    progress: Progress,
    roadmap_id: str,
    today: date,
    plan: Plan | None = None,
) -> Status:
    """Everything the status views show, from one pass over items and check-ins."""
    rp = progress.roadmap(roadmap_id)
    if plan is None:
        plan = build_plan(roadmap, rp.enrolled or default_enrolment(roadmap, today), rp)
    cal = plan.calendar
    day_start = progress.settings.day_start_hour
    items = _count_items(plan, rp)
    work = track(plan, rp.items, today)
    log = _check_ins(progress, roadmap_id, plan)
    streak = _streaks([d for d in log.hours_by_day if d <= today], cal, today)
    monday = monday_of(today)
    sunday = monday + timedelta(days=6)
    closed = work.closed_by_day(day_start)
    recent = RecentWork(
        remaining=work.remaining,
        hours_by_day=log.hours_by_day,
        closed_by_day=closed,
        buffer_hours=work.buffer_hours,
        line=lambda first, last: line_steps(plan, first, last),
        review_hours_per_week=_review_hours(roadmap, rp, cal, day_start),
    )
    open_hours = work.remaining + untracked_rest(plan, today)
    buffer = buffer_days(plan, work)
    projected = forecast(plan, today, recent)
    finished = _finished(plan, rp, work, day_start) if projected is None else projected
    return Status(
        roadmap_id=roadmap_id,
        today=today,
        current=plan.node_at_or_after(today),
        due=work.due,
        overdue=work.overdue,
        behind_days=-rounded_days(buffer),
        streak=streak.current,
        longest_streak=streak.longest,
        hours_this_week=sum(
            log.hours_by_day.get(monday + timedelta(days=i), 0.0) for i in range(7)
        ),
        target_hours_this_week=plan.hours_between(max(monday, plan.start), min(sunday, plan.end)),
        hours_total=sum(log.hours_by_day.values(), 0.0),
        projected_finish=finished,
        hours_by_day=log.hours_by_day,
        blocked_by=_blocked_by(roadmap, rp),
        node_hours={
            node_id: Hours(node_plan.hours, log.by_node.get(node_id, 0.0))
            for node_id, node_plan in plan.nodes.items()
        },
        counts=items.counts,
        percent=items.percent,
        week_hours=_week_hours(plan, log.hours_by_day),
        done=items.done,
        plan=plan,
        buffer_days=buffer,
        forecast=projected,
        closed_by_day=closed,
        remaining_hours=rest_hours(plan, today, work.buffer_hours, open_hours)
        if open_hours > EPS
        else 0.0,
        records=rp.items,
        day_start_hour=day_start,
    )


def _finished(plan: Plan, rp: RoadmapProgress, work: Tracker, day_start: int) -> Forecast | None:
    """The day the work was done, as a forecast with no spread (None while work remains
    or without tracked items)."""
    if not plan.finishes or not work.count or work.remaining > EPS:
        return None
    day = finished_on(plan, rp.items, day_start)
    if day is None:
        return None
    return Forecast(day, day, plan.end, "history")


# --- counting -------------------------------------------------------------------------


class ItemCounts(NamedTuple):
    """The checkable items (own items included) by state."""

    counts: dict[str, int]
    """todo / doing / done / skipped."""
    done: list[str]
    """Ids of the done items, in document order (own items last)."""
    percent: float


def _count_items(plan: Plan, rp: RoadmapProgress) -> ItemCounts:
    own = rp.live_own_items()
    ids = [*plan.checkable.ids, *(item.id for item in own)]
    optional = [*plan.checkable.optional, *(False for _ in own)]
    get, todo = rp.items.get, ItemState.TODO
    states = [todo if (r := get(i)) is None else r.state for i in ids]
    counted = tally(zip(states, optional, strict=True))
    # list.count tests identity first: no enum is hashed or compared by value
    counts = {state.value: states.count(state) for state in ItemState}
    done_state = ItemState.DONE
    done = [i for i, state in zip(ids, states, strict=True) if state is done_state]
    if counted.total > 0:
        percent = counted.done / counted.total * 100
    else:
        percent = 100.0 if ids else 0.0
    return ItemCounts(counts, done, percent)


def _blocked_by(roadmap: Roadmap, rp: RoadmapProgress) -> dict[str, list[str]]:
    """Nodes not done whose prerequisite nodes are not done, in document order."""
    wanted = [n for n in roadmap.walk() if n.prerequisites]
    if not wanted:
        return {}
    index = roadmap.node_index()
    complete: dict[str, bool] = {}

    def is_complete(node_id: str) -> bool:
        if node_id not in complete:
            complete[node_id] = node_tally(index[node_id], rp).complete
        return complete[node_id]

    blocked: dict[str, list[str]] = {}
    for node in wanted:
        if is_complete(node.id):
            continue
        missing = [p for p in node.prerequisites if p in index and not is_complete(p)]
        if missing:
            blocked[node.id] = missing
    return blocked


# --- check-ins and streaks ------------------------------------------------------------


class CheckInLog(NamedTuple):
    """The roadmap's check-ins, summed up."""

    hours_by_day: dict[date, float]
    """Logged hours by day, in date order."""
    by_node: dict[str, float]
    """Logged hours by node, descendants' included; a check-in without a node counts for
    the node planned that day (or the next one)."""
    first: date | None
    """Day of the first check-in."""


def _check_ins(progress: Progress, roadmap_id: str, plan: Plan) -> CheckInLog:
    hours_by_day: dict[date, float] = {}
    by_node: dict[str, float] = {}
    parents = plan.parents
    # before every planned node the node to come is the same one, after them all there
    # is none: a long history outside the plan needs no search per day
    spans = plan.nodes.values()
    earliest = min((n.start for n in spans), default=plan.start)
    latest = max((n.end for n in spans), default=plan.end)
    first_node = plan.node_at_or_after(earliest - ONE_DAY) if spans else None
    for checkin in progress.checkins.values():
        if checkin.deleted or checkin.roadmap != roadmap_id:
            continue
        day = checkin.date
        hours_by_day[day] = hours_by_day.get(day, 0.0) + checkin.hours
        node_id = checkin.node
        if node_id not in parents:
            if day < earliest:
                node_id = first_node
            elif day > latest:
                node_id = None
            else:
                node_id = plan.node_at_or_after(day)
        while node_id is not None:
            by_node[node_id] = by_node.get(node_id, 0.0) + checkin.hours
            node_id = parents.get(node_id)
    return CheckInLog(dict(sorted(hours_by_day.items())), by_node, min(hours_by_day, default=None))


def _week_hours(plan: Plan, hours_by_day: dict[date, float]) -> dict[date, Hours]:
    """Planned and logged hours by week (its Monday), in date order."""
    # by day numbers: day 1 (1 January of year 1) is a Monday
    by_number: dict[int, float] = {}
    for day, hours in hours_by_day.items():
        number = day.toordinal()
        number -= (number - 1) % 7
        by_number[number] = by_number.get(number, 0.0) + hours
    logged = {date.fromordinal(number): hours for number, hours in by_number.items()}
    weeks = plan.week_hours
    return {
        week: Hours(weeks.get(week, 0.0), logged.get(week, 0.0))
        for week in sorted(weeks.keys() | logged.keys())
    }


class Streaks(NamedTuple):
    """Runs of check-in days."""

    current: int
    """The run up to today (0 when a study day without a check-in broke it)."""
    longest: int


def _streaks(days: Sequence[date], cal: StudyCalendar, today: date) -> Streaks:
    """Runs of check-in days; days that are no study days never break one."""
    current = longest = 0
    previous: date | None = None
    for day in days:
        if previous is not None and cal.count(previous + ONE_DAY, day - ONE_DAY) == 0:
            current += 1
        else:
            current = 1
        longest = max(longest, current)
        previous = day
    if previous is None:
        return Streaks(0, 0)
    # today itself is not over yet: only study days strictly between break the run
    if previous < today and cal.count(previous + ONE_DAY, today - ONE_DAY) > 0:
        current = 0
    return Streaks(current, longest)
