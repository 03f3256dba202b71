"""Tracked items: due, overdue, settled and remaining work, leaf by leaf.

Tracked items are checkable, not optional, scheduled and not habits. Each is planned
for the study day on which the plan's work reaches its share of its node's hours; the
bright line is the sum of the hours of the items planned before a day, where a leaf's
tracked items share all its hours (the time its optional items stand for included), so
the line rises by the plan's hours a study day and is flat on rest days and pauses. An item
is due on its planned day and overdue after it while it is open; the buffer is the
hours of closed items minus the line at the start of today, so it is the hours closed
ahead of their day minus the hours overdue. A leaf over before today has all its items
planned before today, so item days are worked out only for the leaves holding today.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import repeat
from typing import NamedTuple

from syllabus.model.progress import ItemRecord, ItemState, study_day
from syllabus.model.schedule.calendar import DayTable
from syllabus.model.schedule.forecast import window_start
from syllabus.model.schedule.plan import PlacedLeaf, Plan, SpreadUnit

_BEFORE, _TODAY, _LATER = -1, 0, 1
"""When an item is planned: before today, today, or later."""


class _Settled(NamedTuple):
    """An item done or skipped: when it was first closed, and its planned hours."""

    at: datetime
    hours: float


@dataclass(slots=True)
class Tracker:
    """Tracked items summed up, a leaf or a spread node at a time, in document order."""

    records: dict[str, ItemRecord]
    today: date
    window_first: date = field(init=False)
    due: list[str] = field(default_factory=list)
    """Open items planned for today."""
    overdue: list[str] = field(default_factory=list)
    count: int = 0
    planned_before: float = 0.0
    """Planned hours of the items planned before today: the bright line this morning."""
    settled: float = 0.0
    """Planned hours of the items done or skipped."""
    remaining: float = 0.0
    lately: list[_Settled] = field(default_factory=list)
    """The items settled near or within the window."""

    def __post_init__(self) -> None:
        self.window_first = window_start(self.today)

    def when(self, day: date) -> int:
        """Whether a day is before today, today, or later."""
        today = self.today
        if day < today:
            return _BEFORE
        return _TODAY if day == today else _LATER

    @property
    def buffer_hours(self) -> float:
        """Planned hours closed minus the bright line this morning (+ ahead, - behind)."""
        return self.settled - self.planned_before

    def add(self, item_ids: Sequence[str], hours: Iterable[float], when: Iterable[int]) -> None:
        """Count tracked items, each with its planned hours and when it is planned
        (``_BEFORE``, ``_TODAY``, ``_LATER``)."""
        get, done, skipped = self.records.get, ItemState.DONE, ItemState.SKIPPED
        lately, overdue, due = self.lately, self.overdue, self.due
        is_before, is_today = _BEFORE, _TODAY
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
                closed = record.closed_at or record.updated
                if closed.toordinal() >= soon:
                    lately.append(_Settled(closed, planned))
                continue
            remaining += planned
            if planned_when == is_before:
                overdue.append(item_id)
            elif planned_when == is_today:
                due.append(item_id)
        self.count += len(item_ids)
        self.planned_before += before
        self.settled += settled
        self.remaining += remaining

    def closed_by_day(self, day_start: int) -> dict[date, float]:
        """Planned hours of the items first closed on each day of the window."""
        first, today = self.window_first, self.today
        found: dict[date, float] = {}
        for settled in self.lately:
            day = done_day(settled.at, day_start)
            if first <= day <= today:
                found[day] = found.get(day, 0.0) + settled.hours
        return found


def finished_on(plan: Plan, records: dict[str, ItemRecord], day_start: int) -> date | None:
    """The study day on which the last settled tracked item was first closed."""
    ids = (
        item_id
        for unit in plan.units
        for item_id in (
            unit.leaf.settled_by
            if isinstance(unit, PlacedLeaf)
            else [i.item_id for i in unit.items if not i.optional]
        )
    )
    settled = (ItemState.DONE, ItemState.SKIPPED)
    latest = _latest(
        record.closed_at or record.updated
        for i in ids
        if (record := records.get(i)) and record.state in settled
    )
    return None if latest is None else done_day(latest, day_start)


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


def track(plan: Plan, records: dict[str, ItemRecord], today: date) -> Tracker:
    """Due, overdue, settled and remaining work of the tracked items. Item days are worked
    out only for the leaves holding today: a leaf over before today has all its items
    planned before today."""
    tracker = Tracker(records, today)
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


def _track_leaf(tracker: Tracker, placed: PlacedLeaf, table: DayTable, per_day: float) -> None:
    node_plan, leaf = placed.plan, placed.leaf
    size = leaf.end - leaf.start
    shares = [share for share, opt in zip(leaf.shares, leaf.optional, strict=True) if not opt]
    # the leaf's whole time is its tracked items' (optional items' shares folded in), so
    # the line and the forecast count in the plan's hours and study days
    total = sum(shares)
    # share over total first: size / total overflows for a tiny stated share
    hours = [size * (share / total) for share in shares] if total > 0 else [0.0] * len(shares)
    if node_plan.end < tracker.today:
        tracker.add(leaf.settled_by, hours, repeat(_BEFORE))
    elif node_plan.start > tracker.today:
        tracker.add(leaf.settled_by, hours, repeat(_LATER))
    else:
        days = [
            placed.item_day(k, table, per_day) for k, opt in enumerate(leaf.optional) if not opt
        ]
        tracker.add(leaf.settled_by, hours, [tracker.when(day) for day in days])


def line_steps(plan: Plan, first: date, last: date) -> dict[date, float]:
    """The bright line's steps between two days (both included): the planned hours of
    the tracked items planned on each day, as ``track`` counts them."""
    steps: dict[date, float] = {}
    table, per_day = plan.table, plan.hours_per_day
    for unit in plan.units:
        if isinstance(unit, SpreadUnit):
            for i in unit.items:
                if not i.optional and first <= i.day <= last:
                    steps[i.day] = steps.get(i.day, 0.0) + i.hours
            continue
        node_plan = unit.plan
        if table is None or node_plan.end < first or node_plan.start > last:
            continue
        leaf = unit.leaf
        total = sum(s for s, opt in zip(leaf.shares, leaf.optional, strict=True) if not opt)
        size = leaf.end - leaf.start
        columns = zip(leaf.shares, leaf.optional, strict=True)
        for k, (share, optional) in enumerate(columns):
            if not optional and total > 0:
                day = unit.item_day(k, table, per_day)
                if first <= day <= last:
                    steps[day] = steps.get(day, 0.0) + size * (share / total)
    return steps


def buffer_days(plan: Plan, work: Tracker) -> float:
    """The buffer in study days at the plan's hours a study day: + ahead, - behind.

    Nobody is ahead with an item overdue: then the buffer is at most zero, so "ahead"
    and "overdue" are never shown together.
    """
    buffer = work.buffer_hours / plan.hours_per_day
    if work.overdue and buffer > 0:
        return 0.0
    return 0.0 if abs(buffer) < 1e-9 else buffer


def rounded_days(days: float) -> int:
    """Days rounded half away from zero."""
    return int(math.copysign(math.floor(abs(days) + 0.5), days))


def done_day(moment: datetime, day_start_hour: int) -> date:
    """The learner's study day on which a record changed (local time)."""
    return study_day(moment.astimezone().replace(tzinfo=None), day_start_hour)
