"""Segments: where a leaf's work hours land on the study calendar, and how replans move them.

A segment is a start in the plan's day table plus the work offset that lands there: the
enrolment's segment starts at its start date with offset 0; a replan's starts at the
replan's date with the offset of the first leaf it moved.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, datetime
from typing import NamedTuple

from syllabus.model.progress import Enrolment, ItemState, Replan, RoadmapProgress
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


def day_index(segment: Segment, hours: float, per_day: float, end: bool) -> int:
    """Index in the day table of the study day on which the work reaches ``hours``:
    the day it ends on (``end``), else the day it starts on."""
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
        day = table.get(day_index(segment, start, per_day, end=True))
        return DaySpan(day, day)
    first = table.get(day_index(segment, start, per_day, end=False))
    last = table.get(day_index(segment, end, per_day, end=True))
    return DaySpan(first, max(first, last))


def replanned(
    leaves: list[Leaf],
    rp: RoadmapProgress | None,
    enrolment: Enrolment,
    table: DayTable,
    index_of: Callable[[date], int],
    per_day: float,
) -> list[Segment]:
    """Each leaf's segment after the replans, oldest first.

    A replan moves every leaf not done when it was made, keeping their relative work
    offsets, to start on its date. A leaf ticked off at time T therefore moved with
    every replan made before T and keeps the dates of the last of them. Leaves with
    nothing to tick (most milestones) move with what precedes them, or when they were
    still to come on the replan's date.
    """
    segment = [Segment(index_of(enrolment.start), 0.0)] * len(leaves)
    if not enrolment.replans:
        return segment
    replans = sorted(enrolment.replans, key=lambda r: r.made)  # aware: the model checks
    made = [r.made for r in replans]
    moves = [_replans_before_done(leaf, rp, made) for leaf in leaves]
    reach = _reach(leaves, moves, len(replans))
    untickable = [n for n, k in enumerate(moves) if k is None]
    starts: list[Segment] = []
    for r, replan in enumerate(replans):
        movers = _untickable_movers(
            leaves, untickable, segment, reach.first_moved[r], replan, table, per_day
        )
        low = min([reach.lowest[r], *(leaves[n].start for n in movers)])
        starts.append(Segment(index_of(replan.start), 0.0 if low == math.inf else low))
        for n in movers:
            segment[n] = starts[r]
    for n, moved in enumerate(moves):
        if moved:
            segment[n] = starts[moved - 1]
    return segment


class Reach(NamedTuple):
    """What the replans moved of the tickable leaves, one entry per replan, oldest first
    (a leaf moved by replan k was moved by those before it too)."""

    lowest: list[float]
    """Lowest work start of the leaves it moved (inf: none)."""
    first_moved: list[int]
    """Index of the first leaf it moved (the number of leaves: none)."""


def _reach(leaves: list[Leaf], moves: list[int | None], count: int) -> Reach:
    """What each replan moved, from how many replans moved each leaf."""
    lowest = [math.inf] * count
    first_moved = [len(leaves)] * count
    for n, (leaf, k) in enumerate(zip(leaves, moves, strict=True)):
        if k:
            lowest[k - 1] = min(lowest[k - 1], leaf.start)
            first_moved[k - 1] = min(first_moved[k - 1], n)
    for r in range(count - 2, -1, -1):
        lowest[r] = min(lowest[r], lowest[r + 1])
        first_moved[r] = min(first_moved[r], first_moved[r + 1])
    return Reach(lowest, first_moved)


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


def _replans_before_done(
    leaf: Leaf, rp: RoadmapProgress | None, made: list[datetime]
) -> int | None:
    """How many replans (made at the sorted times ``made``) came before the leaf was done:
    all of them while it is open; None when it has nothing to tick.

    A leaf is done when its last item was settled, so this is the most replans made before
    any one of its items was first closed (``closed_at``). Comparing aware times calls
    both tzinfo objects (slow with the TOML reader's own type), so days more than two
    apart decide by their numbers.
    """
    if not leaf.settled_by:
        return None
    count = len(made)
    if rp is None:
        return count
    made_days = [m.toordinal() for m in made]
    records = rp.items
    done, skipped = ItemState.DONE, ItemState.SKIPPED
    most = 0
    for item_id in reversed(leaf.settled_by):  # an open leaf's last items are the open ones
        record = records.get(item_id)
        if record is None:
            return count
        state = record.state  # compared by identity: hashing an enum runs Python code
        if state is not done and state is not skipped:
            return count
        if most == count:
            continue
        # when it was first closed: a re-tick or an undo since moves nothing
        changed = record.closed_at or record.updated  # aware: the progress model makes it so
        day = changed.toordinal()
        before = bisect_left(made_days, day - 2)  # surely made earlier
        close = bisect_right(made_days, day + 2)
        while before < close and made[before] < changed:
            before += 1
        if before > most:
            most = before
    return most
