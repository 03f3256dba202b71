"""Where a learner stands today: counts, due and overdue items, streaks, hours, forecast.

Items are counted by the one rule in ``model.rules``. Due, overdue, behind and the
forecast look only at tracked items: checkable, not optional, scheduled, not habits.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import repeat
from typing import NamedTuple

from syllabus.model.progress import ItemRecord, ItemState, Progress, RoadmapProgress, study_day
from syllabus.model.roadmap import Roadmap
from syllabus.model.rules import node_tally, tally
from syllabus.model.schedule.calendar import ONE_DAY, DayTable, StudyCalendar, monday_of
from syllabus.model.schedule.forecast import Forecast, RecentWork, forecast, window_start
from syllabus.model.schedule.layout import EPS
from syllabus.model.schedule.plan import (
    PlacedLeaf,
    Plan,
    SpreadUnit,
    build_plan,
    default_enrolment,
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
    """Item ids due from today to Sunday, not done or skipped."""
    overdue: list[str]
    """Item ids planned before today, not done or skipped."""
    behind_days: int
    """Planned work due before today minus work done, in days at the learner's pace;
    positive = behind, negative = ahead."""
    streak: int
    """Consecutive study days with a check-in, up to today."""
    longest_streak: int
    hours_this_week: float
    target_hours_this_week: float
    hours_total: float
    projected_finish: Forecast | None
    """None until there is a pace (no check-ins and nothing done in the last four weeks),
    and when there is no finish (see ``forecast``)."""
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
        plan = build_plan(roadmap, rp.enrolment or default_enrolment(roadmap, today), rp)
    cal = plan.calendar
    day_start = progress.settings.day_start_hour
    items = _count_items(plan, rp)
    work = _track(plan, rp.items, today)
    log = _check_ins(progress, roadmap_id, plan)
    streak = _streaks([d for d in log.hours_by_day if d <= today], cal, today)
    monday = monday_of(today)
    sunday = monday + timedelta(days=6)
    recent = RecentWork(
        remaining=work.remaining,
        tracked=work.count,
        finished_on=_finished_on(plan, rp.items, day_start) if work.remaining <= EPS else None,
        settled_recently=work.settled_recently(day_start),
        hours_by_day=log.hours_by_day,
        first_checkin=log.first,
    )
    return Status(
        roadmap_id=roadmap_id,
        today=today,
        current=plan.node_at_or_after(today),
        due=work.due,
        overdue=work.overdue,
        behind_days=_behind_days(plan, work),
        streak=streak.current,
        longest_streak=streak.longest,
        hours_this_week=sum(
            log.hours_by_day.get(monday + timedelta(days=i), 0.0) for i in range(7)
        ),
        target_hours_this_week=plan.hours_per_day
        * cal.count(max(monday, plan.start), min(sunday, plan.end)),
        hours_total=sum(log.hours_by_day.values(), 0.0),
        projected_finish=forecast(plan, today, recent),
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
    )


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
    ids = [item.id for item in plan.checkable] + [item.id for item in own]
    optional = [item.optional for item in plan.checkable] + [False] * len(own)
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


# --- tracked items --------------------------------------------------------------------

_BEFORE, _THIS_WEEK, _LATER = -1, 0, 1
"""When an item is planned: before today, from today to Sunday, or after this week."""


class _Settled(NamedTuple):
    """An item done or skipped: when, and its planned hours."""

    at: datetime
    hours: float


@dataclass(slots=True)
class _Tracker:
    """Tracked items summed up, a leaf or a spread node at a time, in document order."""

    records: dict[str, ItemRecord]
    today: date
    sunday: date = field(init=False)
    window_first: date = field(init=False)
    due: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)
    count: int = 0
    planned_before: float = 0.0
    """Planned hours of the items planned before today."""
    settled: float = 0.0
    """Planned hours of the items done or skipped."""
    remaining: float = 0.0
    lately: list[_Settled] = field(default_factory=list)
    """The items settled near or within the window."""

    def __post_init__(self) -> None:
        self.sunday = monday_of(self.today) + timedelta(days=6)
        self.window_first = window_start(self.today)

    def when(self, day: date) -> int:
        """Whether a day is before today, this week, or later."""
        if day < self.today:
            return _BEFORE
        return _THIS_WEEK if day <= self.sunday else _LATER

    def add(self, item_ids: Sequence[str], hours: Iterable[float], when: Iterable[int]) -> None:
        """Count tracked items, each with its planned hours and when it is planned
        (``_BEFORE``, ``_THIS_WEEK``, ``_LATER``)."""
        get, done, skipped = self.records.get, ItemState.DONE, ItemState.SKIPPED
        lately, overdue, due = self.lately, self.overdue, self.due
        is_before, is_this_week = _BEFORE, _THIS_WEEK
        # a change older than the window by more than any time zone is passed over
        # without the costly conversion to the learner's study day
        soon = self.window_first.toordinal() - 2
        before = settled = remaining = 0.0
        for item_id, planned, planned_when in zip(item_ids, hours, when, strict=False):
            if planned_when == is_before:
                before += planned
            record = get(item_id)
            # compared by identity: hashing an enum runs Python code
            if record is not None and ((state := record.state) is done or state is skipped):
                settled += planned
                if record.updated.toordinal() >= soon:
                    lately.append(_Settled(record.updated, planned))
                continue
            remaining += planned
            if planned_when == is_before:
                overdue.append(item_id)
            elif planned_when == is_this_week:
                due.append(item_id)
        self.count += len(item_ids)
        self.planned_before += before
        self.settled += settled
        self.remaining += remaining

    def settled_recently(self, day_start: int) -> float:
        """Planned hours of the items settled on a study day within the window."""
        first, today = self.window_first, self.today
        return sum(s.hours for s in self.lately if first <= _done_day(s.at, day_start) <= today)


def _finished_on(plan: Plan, records: dict[str, ItemRecord], day_start: int) -> date | None:
    """The study day of the latest change to a tracked item (all of them settled)."""
    ids = (
        item_id
        for unit in plan.units
        for item_id in (
            unit.leaf.settled_by
            if isinstance(unit, PlacedLeaf)
            else [i.item_id for i in unit.items if not i.optional]
        )
    )
    latest = _latest(records[i].updated for i in ids if i in records)
    return None if latest is None else _done_day(latest, day_start)


def _latest(moments: Iterable[datetime]) -> datetime | None:
    """The latest of aware times. Comparing them calls both tzinfo objects (slow with the
    TOML reader's own type), so days more than two apart decide by their numbers."""
    latest: datetime | None = None
    latest_day = -3
    for moment in moments:
        day = moment.toordinal()
        if day > latest_day + 2 or (day >= latest_day - 2 and (latest is None or moment > latest)):
            latest, latest_day = moment, day
    return latest


def _track(plan: Plan, records: dict[str, ItemRecord], today: date) -> _Tracker:
    """Due, overdue, settled and remaining work of the tracked items. Item days are worked
    out only for the leaves around this week: a leaf over before today has all its items
    due before today."""
    tracker = _Tracker(records, today)
    table, per_day = plan.table, plan.hours_per_day
    for unit in plan.units:
        if isinstance(unit, SpreadUnit):
            items = [i for i in unit.items if not i.optional]
            tracker.add(
                [i.item_id for i in items],
                [i.hours for i in items],
                [tracker.when(i.day) for i in items],
            )
        elif table is not None:
            _track_leaf(tracker, unit, table, per_day)
    return tracker


def _track_leaf(tracker: _Tracker, placed: PlacedLeaf, table: DayTable, per_day: float) -> None:
    node_plan, leaf = placed.plan, placed.leaf
    size = leaf.end - leaf.start
    hours = [size * share for share, opt in zip(leaf.shares, leaf.optional, strict=True) if not opt]
    if node_plan.end < tracker.today:
        tracker.add(leaf.settled_by, hours, repeat(_BEFORE))
    elif node_plan.start > tracker.sunday:
        tracker.add(leaf.settled_by, hours, repeat(_LATER))
    else:
        days = [
            placed.item_day(through, table, per_day)
            for through, opt in zip(leaf.through, leaf.optional, strict=True)
            if not opt
        ]
        tracker.add(leaf.settled_by, hours, [tracker.when(day) for day in days])


def _behind_days(plan: Plan, work: _Tracker) -> int:
    """Work planned before today minus work settled, in calendar days at the learner's
    pace, rounded half away from zero."""
    behind = (work.planned_before - work.settled) / (plan.hours_per_week / 7)
    return int(math.copysign(math.floor(abs(behind) + 0.5), behind))


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
    for checkin in progress.checkins.values():
        if checkin.deleted or checkin.roadmap != roadmap_id:
            continue
        day = checkin.date
        hours_by_day[day] = hours_by_day.get(day, 0.0) + checkin.hours
        node_id = checkin.node if checkin.node in parents else plan.node_at_or_after(day)
        while node_id is not None:
            by_node[node_id] = by_node.get(node_id, 0.0) + checkin.hours
            node_id = parents.get(node_id)
    return CheckInLog(dict(sorted(hours_by_day.items())), by_node, min(hours_by_day, default=None))


def _week_hours(plan: Plan, hours_by_day: dict[date, float]) -> dict[date, Hours]:
    """Planned and logged hours by week (its Monday), in date order."""
    logged: dict[date, float] = {}
    for day, hours in hours_by_day.items():
        week = monday_of(day)
        logged[week] = logged.get(week, 0.0) + hours
    weeks = plan.week_hours
    return {
        week: Hours(weeks.get(week, 0.0), logged.get(week, 0.0))
        for week in sorted(weeks.keys() | logged.keys())
    }


def _done_day(moment: datetime, day_start_hour: int) -> date:
    """The learner's study day on which a record changed (local time)."""
    return study_day(moment.astimezone().replace(tzinfo=None), day_start_hour)


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
