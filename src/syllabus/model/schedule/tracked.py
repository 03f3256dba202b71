"""Tracked items: due, overdue, settled and remaining work, leaf by leaf.

Tracked items are checkable, not optional, scheduled and not habits. A leaf over
before today has all its items due before today, so item days are worked out only for
the leaves around this week.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import repeat
from typing import NamedTuple

from syllabus.model.progress import ItemRecord, ItemState, study_day
from syllabus.model.schedule.calendar import DayTable, monday_of
from syllabus.model.schedule.forecast import window_start
from syllabus.model.schedule.plan import PlacedLeaf, Plan, SpreadUnit

_BEFORE, _THIS_WEEK, _LATER = -1, 0, 1
"""When an item is planned: before today, from today to Sunday, or after this week."""


class _Settled(NamedTuple):
    """An item done or skipped: when, and its planned hours."""

    at: datetime
    hours: float


@dataclass(slots=True)
class Tracker:
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
        return sum(s.hours for s in self.lately if first <= done_day(s.at, day_start) <= today)


def finished_on(plan: Plan, records: dict[str, ItemRecord], day_start: int) -> date | None:
    """The study day of the latest change to a settled tracked item."""
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
        record.updated for i in ids if (record := records.get(i)) and record.state in settled
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
    out only for the leaves around this week: a leaf over before today has all its items
    due before today."""
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


def behind_days(plan: Plan, work: Tracker) -> int:
    """Work planned before today minus work settled, in calendar days at the learner's
    pace, rounded half away from zero."""
    behind = (work.planned_before - work.settled) / (plan.hours_per_week / 7)
    return int(math.copysign(math.floor(abs(behind) + 0.5), behind))


def done_day(moment: datetime, day_start_hour: int) -> date:
    """The learner's study day on which a record changed (local time)."""
    return study_day(moment.astimezone().replace(tzinfo=None), day_start_hour)
