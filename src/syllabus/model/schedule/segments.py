"""Segments: where a leaf's work hours land on the study calendar, and how replans move them.

A segment is a start in the plan's day table plus the work offset that lands there: the
enrolment's segment starts at its start date with offset 0; a replan's starts at the
replan's date with the offset of the first work it moved (the start of the first item
open when it was made).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, datetime
from typing import NamedTuple

from syllabus.model.progress import Enrolment, ItemRecord, ItemState, Replan, RoadmapProgress
from syllabus.model.schedule.calendar import HORIZON_DAYS, DayTable
from syllabus.model.schedule.layout import EPS
from syllabus.model.schedule.outline import Leaf


class Segment(NamedTuple):
    """Where a run of work starts on the calendar."""

    at: int
    """Index in the day table of its first study day."""
    offset: float
    """Work hours (from the start of the plan) that fall on that day."""


class DaySpan(NamedTuple):
    """First and last planned day, both inclusive."""

    first: date
    last: date


def day_index(table: DayTable, segment: Segment, hours: float, per_day: float, end: bool) -> int:
    """Index in the day table of the study day on which the work reaches ``hours``:
    the day it ends on (``end``), else the day it starts on. Each study day holds
    ``per_day`` hours, or its weekday's own where the table has them."""
    if table.capacity is not None:
        return table.reach(segment.at, hours - segment.offset, end)
    units = (hours - segment.offset) / per_day
    if not units < HORIZON_DAYS:  # also NaN: no day at all
        return segment.at + HORIZON_DAYS
    index = math.ceil(units - EPS) - 1 if end else math.floor(units + EPS)
    return segment.at + (index if index > 0 else 0)


def work_days(
    table: DayTable, segment: Segment, start: float, end: float, per_day: float
) -> DaySpan:
    """Calendar days for a work interval; an empty interval sits on the day before it."""
    if end - start <= EPS:
        day = table.get(day_index(table, segment, start, per_day, end=True))
        return DaySpan(day, day)
    first = table.get(day_index(table, segment, start, per_day, end=False))
    last = table.get(day_index(table, segment, end, per_day, end=True))
    return DaySpan(first, max(first, last))


def replanned(
    leaves: list[Leaf],
    rp: RoadmapProgress | None,
    enrolment: Enrolment,
    table: DayTable,
    index_of: Callable[[date], int],
    per_day: float,
) -> Replanning:
    """Where each leaf's work lands after the replans, oldest first.

    A replan moves the work still open when it was made onto its date, keeping its
    relative work offsets: the new run starts at the first open item's share of its
    leaf, and the items closed before the replan (by when they were first closed) keep
    their dates. An item therefore moved with every replan made while it was open and
    keeps the dates of the last of them. Leaves with nothing to tick (most milestones)
    move with what precedes them, or when they were still to come on the replan's date.
    """
    base = Segment(index_of(enrolment.start), 0.0)
    records = rp.items if rp is not None else {}
    if not enrolment.replans:
        return Replanning([Placed(base, None)] * len(leaves), Movers(base, [], records))
    replans = sorted(enrolment.replans, key=lambda r: r.made)  # aware: the model checks
    movers = Movers(base, [r.made for r in replans], records)
    opened = [_leaf_openness(leaf, movers) for leaf in leaves]
    reach = _reach(leaves, opened, len(replans))
    untickable = [n for n, o in enumerate(opened) if o is None]
    whole = [base] * len(leaves)
    for r, replan in enumerate(replans):
        moved = _untickable_movers(
            leaves, untickable, whole, reach.first_moved[r], replan, table, per_day
        )
        low = min([reach.lowest[r], *(leaves[n].start for n in moved)])
        movers.starts.append(Segment(index_of(replan.start), 0.0 if low == math.inf else low))
        for n in moved:
            whole[n] = movers.starts[r]
    placed = [
        Placed(whole[n], None) if o is None else movers.placed(o) for n, o in enumerate(opened)
    ]
    return Replanning(placed, movers)


class Placed(NamedTuple):
    """Where a leaf's work lands: one segment, or one for each of its items."""

    segment: Segment
    """The leaf's segment (its last item's when they differ)."""
    items: tuple[Segment, ...] | None
    """Each item's segment, in the leaf's order, when not all share one (a leaf partly
    done when a replan was made): else None."""


class Open(NamedTuple):
    """The replans (by index, oldest first) made while an item was open: those before
    ``before`` and those from ``since`` on."""

    before: int
    since: int


class Movers:
    """The replans' segments and which of them moved an item."""

    __slots__ = ("base", "made", "made_days", "starts", "records")

    def __init__(self, base: Segment, made: list[datetime], records: dict[str, ItemRecord]):
        self.base = base
        """The enrolment's segment: work no replan moved."""
        self.made = made
        """When each replan was made, oldest first."""
        self.made_days = [m.toordinal() for m in made]
        self.starts: list[Segment] = []
        """Each replan's segment, oldest first."""
        self.records = records

    def count_before(self, moment: datetime) -> int:
        """How many replans were made before ``moment``. Comparing aware times calls both
        tzinfo objects (slow with the TOML reader's own type), so days more than two
        apart decide by their numbers."""
        made, made_days = self.made, self.made_days
        day = moment.toordinal()
        before = bisect_left(made_days, day - 2)  # surely made earlier
        close = bisect_right(made_days, day + 2)
        while before < close and made[before] < moment:
            before += 1
        return before

    def open_at(self, item_id: str) -> Open:
        """The replans made while an item was open. A closed item was open until it was
        first closed (``closed_at``): a re-tick or an undo since moves nothing. One opened
        again was open at the replans made since (``updated``), and not at those between."""
        count = len(self.made)
        record = self.records.get(item_id)
        if record is None or record.closed_at is None:
            return Open(count, count)
        before = self.count_before(record.closed_at)
        state = record.state  # compared by identity: hashing an enum runs Python code
        if state is ItemState.DONE or state is ItemState.SKIPPED:
            return Open(before, count)
        return Open(before, self.count_before(record.updated))

    def segment(self, opened: Open) -> Segment:
        """The segment of the last replan made while the item was open (else the base)."""
        count = len(self.made)
        last = count if opened.since < count else opened.before
        return self.starts[last - 1] if last else self.base

    def segment_of(self, item_id: str) -> Segment:
        """An item's segment (a parent's or side track's item)."""
        return self.segment(self.open_at(item_id)) if self.made else self.base

    def placed(self, opened: list[Open]) -> Placed:
        """A tickable leaf's placement from its items' openness."""
        segments = [self.segment(o) for o in opened]
        last = segments[-1]
        if all(s is last for s in segments):
            return Placed(last, None)
        return Placed(last, tuple(segments))


class Replanning(NamedTuple):
    """Every leaf's placement, and the replans' segments for the items outside leaves."""

    leaves: list[Placed]
    movers: Movers


def _leaf_openness(leaf: Leaf, movers: Movers) -> list[Open] | None:
    """Each item's openness, in the leaf's order; None when it has nothing to tick. An
    optional item goes with the tracked item before it (else the first one)."""
    if not leaf.settled_by:
        return None
    found: list[Open | None] = []
    last: Open | None = None
    for item_id, optional in zip(leaf.item_ids, leaf.optional, strict=True):
        if not optional:
            last = movers.open_at(item_id)
        found.append(last)
    first = next(o for o in found if o is not None)
    return [first if o is None else o for o in found]


class Reach(NamedTuple):
    """What the replans moved of the tickable leaves, one entry per replan, oldest first."""

    lowest: list[float]
    """Lowest work start of the items it moved (inf: none)."""
    first_moved: list[int]
    """Index of the first leaf it moved an item of (the number of leaves: none)."""


def _reach(leaves: list[Leaf], opened: list[list[Open] | None], count: int) -> Reach:
    """What each replan moved, from the replans each tracked item was open at: a prefix
    of them (before it was first closed) and a suffix (since it was opened again)."""
    inf, none = math.inf, len(leaves)
    low_before, low_since = [inf] * (count + 1), [inf] * (count + 1)
    first_before, first_since = [none] * (count + 1), [none] * (count + 1)
    for n, (leaf, items) in enumerate(zip(leaves, opened, strict=True)):
        if items is None:
            continue
        size = leaf.end - leaf.start
        columns = zip(items, leaf.through, leaf.shares, leaf.optional, strict=True)
        for o, through, share, optional in columns:
            if optional:
                continue
            start = leaf.start + size * (through - share)
            before, since = o
            # leaves come in order: the first leaf that sets a slot is its lowest index
            if before:
                if start < low_before[before - 1]:
                    low_before[before - 1] = start
                if first_before[before - 1] == none:
                    first_before[before - 1] = n
            if start < low_since[since]:
                low_since[since] = start
            if first_since[since] == none:
                first_since[since] = n
    for r in range(count - 2, -1, -1):  # open before replan r + 1 closes: open at r too
        low_before[r] = min(low_before[r], low_before[r + 1])
        first_before[r] = min(first_before[r], first_before[r + 1])
    for r in range(1, count):  # opened again by replan r - 1: open at r too
        low_since[r] = min(low_since[r], low_since[r - 1])
        first_since[r] = min(first_since[r], first_since[r - 1])
    return Reach(
        [min(low_before[r], low_since[r]) for r in range(count)],
        [min(first_before[r], first_since[r]) for r in range(count)],
    )


def _untickable_movers(
    leaves: list[Leaf],
    untickable: list[int],
    segment: list[Segment],
    earliest: int,
    replan: Replan,
    table: DayTable,
    per_day: float,
) -> list[int]:
    """The leaves with nothing to tick that a replan moves: those after a leaf it moves,
    and those not over by its date."""
    movers = []
    for n in untickable:
        leaf = leaves[n]
        end_day = work_days(table, segment[n], leaf.start, leaf.end, per_day).last
        if n > earliest or end_day >= replan.start:
            movers.append(n)
            earliest = min(earliest, n)
    return movers
