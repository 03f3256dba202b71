"""The plan: a roadmap laid out on the study calendar for one enrolment and its replans."""

from __future__ import annotations

import gc
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import Any

from syllabus.model.progress import Enrolment, ItemState, RoadmapProgress
from syllabus.model.roadmap import Roadmap
from syllabus.model.schedule.calendar import (
    _ONE_DAY,
    StudyCalendar,
    _DayTable,
    calendar_for,
    monday_of,
)
from syllabus.model.schedule.layout import (
    _EPS,
    DEFAULT_HOURS_PER_WEEK,
    _Leaf,
    _static,
    document_week_hours,
)
from syllabus.model.units import default_rest_days

MIN_HOURS_PER_WEEK = 0.25
"""A slower pace is taken as this one, so a plan always ends within the calendar."""

# --- plan ------------------------------------------------------------------------------


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector off while a plan or status is computed.

    Both allocate thousands of small tuples; with a big progress file loaded, that
    triggers full collections that cost more than the computation itself (measured:
    10,000 items, 5 years: about half the time). Nothing here makes reference cycles,
    and the collector is back on as soon as the call returns (unless it was off).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass(frozen=True, slots=True)
class NodePlan:
    """Where one node sits on the calendar."""

    node_id: str
    start: date
    """First planned day."""
    end: date
    """Last planned day (inclusive)."""
    hours: float
    """Planned hours of work (at the chosen estimate)."""
    estimated: bool
    """Dates derived from item counts or estimates, not from the document's timing."""


class _SpanIndex:
    """Planned spans sorted by start, to find what covers a day without a full scan.

    Leaves and parents are indexed apart: leaves barely overlap, so the backwards scan
    (bounded by the running maximum of ends) stops after a step or two.
    """

    __slots__ = ("_spans", "_starts", "_max_end")

    def __init__(self, spans: list[tuple[date, date, int, int, str]]) -> None:
        spans.sort()
        self._spans = spans
        self._starts = [s[0] for s in spans]
        max_end: list[date] = []
        running = date.min
        for entry in spans:
            if entry[1] > running:
                running = entry[1]
            max_end.append(running)
        self._max_end = max_end

    def covering(self, day: date) -> str | None:
        """The deepest span covering ``day``; on a tie the one ending first, then the first."""
        spans, max_end = self._spans, self._max_end
        i = bisect_right(self._starts, day) - 1
        best: tuple[int, date, int] | None = None
        found: str | None = None
        while i >= 0 and max_end[i] >= day:
            _, end, depth, order, node_id = spans[i]
            if end >= day:
                key = (-depth, end, order)
                if best is None or key < best:
                    best, found = key, node_id
            i -= 1
        return found

    def next_after(self, day: date) -> tuple[date, int, int, str] | None:
        """(start, -depth, order, id) of the deepest span starting first after ``day``."""
        spans = self._spans
        i = bisect_right(self._starts, day)
        if i >= len(spans):
            return None
        first = spans[i][0]
        best: tuple[date, int, int, str] | None = None
        while i < len(spans) and spans[i][0] == first:
            _, _, depth, order, node_id = spans[i]
            key = (first, -depth, order, node_id)
            if best is None or key < best:
                best = key
            i += 1
        return best


@dataclass(frozen=True)
class Plan:
    """A roadmap laid out on the calendar for one enrolment."""

    roadmap_id: str
    start: date
    end: date
    """Last planned day of the sequential work (phases, sections, milestones)."""
    nodes: dict[str, NodePlan]
    """Every scheduled node, in document order (appendix nodes absent)."""
    calendar: StudyCalendar = field(default_factory=StudyCalendar)
    """Study days of the enrolment."""
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK
    """The learner's pace."""
    mode: str = "hours"
    """What sized the nodes: "hours", "duration", "position" or "items" (estimated)."""
    checkable: tuple[tuple[str, bool], ...] = ()
    """(item id, optional) for every checkable roadmap item, in document order."""
    parents: dict[str, str | None] = field(default_factory=dict)
    """Parent node id by node id (None at the top), for every node of the roadmap."""
    depth: dict[str, int] = field(default_factory=dict)
    """Depth of every scheduled node (0 at the top)."""
    background: frozenset[str] = frozenset()
    """Side-track and habit nodes (and their descendants): they run alongside."""
    week_hours: dict[date, float] = field(default_factory=dict)
    """Planned hours by week (its Monday)."""
    untracked: tuple[NodePlan, ...] = ()
    """Leaves with work but nothing to tick (seed 000's project months): the forecast
    counts their hours still to come."""
    _leaf_index: _SpanIndex = field(default_factory=lambda: _SpanIndex([]))
    _parent_index: _SpanIndex = field(default_factory=lambda: _SpanIndex([]))
    _units: tuple[_Unit, ...] = ()
    """Leaves (leaf, its plan, table index, work offset) and spread items (id, day, hours,
    optional) in document order; item days are worked out from them when asked."""
    _table: _DayTable | None = None

    def _unit_items(self, unit: _Unit) -> Iterator[tuple[str, date, float, bool]]:
        """(item id, planned day, planned hours, optional) of one unit's checkable items."""
        if not isinstance(unit[0], _Leaf):
            yield from unit
            return
        leaf, node_plan, at, offset = unit
        size = leaf.end - leaf.start
        if size <= _EPS:
            for item_id, _, _, optional in leaf.items:
                yield item_id, node_plan.end, 0.0, optional
            return
        assert self._table is not None
        get, per_day, ceil = self._table.get, self.hours_per_day, math.ceil
        base, units = (leaf.start - offset) / per_day, size / per_day
        for item_id, cum, share, optional in leaf.items:
            index = ceil(base + units * cum - _EPS) - 1
            yield item_id, get(at + (index if index > 0 else 0)), size * share, optional

    @cached_property
    def item_due(self) -> dict[str, date]:
        """Planned day by checkable item id (habit and appendix items have none)."""
        return {i: day for unit in self._units for i, day, _, _ in self._unit_items(unit)}

    @cached_property
    def item_hours(self) -> dict[str, float]:
        """Planned hours by checkable item id."""
        return {i: h for unit in self._units for i, _, h, _ in self._unit_items(unit)}

    @cached_property
    def tracked(self) -> tuple[str, ...]:
        """Items that count for due, overdue, behind and the forecast: checkable, not
        optional, scheduled and not habits; in document order."""
        units = self._units
        return tuple(i for u in units for i, _, _, optional in self._unit_items(u) if not optional)

    @property
    def hours_per_day(self) -> float:
        """Planned hours on one study day."""
        return self.hours_per_week / self.calendar.days_per_week

    @property
    def estimated(self) -> bool:
        """Whether the whole plan is sized from item counts (the document gives no timing)."""
        return self.mode == "items"

    def node_on(self, day: date) -> str | None:
        """The deepest non-side-track node planned that day (the earlier one ends first)."""
        found = self._leaf_index.covering(day)
        return found if found is not None else self._parent_index.covering(day)

    def node_at_or_after(self, day: date) -> str | None:
        """The node planned that day, else the next one to come (None after the plan)."""
        found = self.node_on(day)
        if found is not None:
            return found
        ahead = [
            n
            for n in (self._leaf_index.next_after(day), self._parent_index.next_after(day))
            if n is not None
        ]
        return min(ahead)[-1] if ahead else None

    def nodes_in_week(self, monday: date) -> list[str]:
        """Ids of the nodes planned in the week starting ``monday``, in document order."""
        sunday = monday + timedelta(days=6)
        return [n.node_id for n in self.nodes.values() if n.start <= sunday and n.end >= monday]

    def is_study_day(self, day: date) -> bool:
        """Not a rest weekday, pause, or day off."""
        return self.calendar.is_study_day(day)

    def week_number(self, day: date) -> int:
        """Week of the plan holding ``day``: 1 for the week the plan starts in."""
        return (monday_of(day) - monday_of(self.start)).days // 7 + 1


def default_enrolment(roadmap: Roadmap, start: date) -> Enrolment:
    """An enrolment at the roadmap's stated pace, for plans shown before the learner enrols."""
    pace = roadmap.pace
    hours = document_week_hours(roadmap, "mid", DEFAULT_HOURS_PER_WEEK)
    days = pace.days_per_week or 6
    rest = default_rest_days(days)
    return Enrolment(
        start=start,
        hours_per_week=hours,
        days_per_week=days,
        rest_days=rest,
        updated=datetime(1970, 1, 1, tzinfo=UTC),
    )


def _day_of(
    table: _DayTable, base: int, offset: float, hours: float, per_day: float, end: bool
) -> date:
    units = (hours - offset) / per_day
    if end:
        index = math.ceil(units - _EPS) - 1
    else:
        index = math.floor(units + _EPS)
    return table.get(base + max(index, 0))


def _dates(
    table: _DayTable, base: int, offset: float, start: float, end: float, per_day: float
) -> tuple[date, date]:
    """Calendar days for a work interval; an empty interval sits on the day before it."""
    if end - start <= _EPS:
        day = _day_of(table, base, offset, start, per_day, end=True)
        return day, day
    first = _day_of(table, base, offset, start, per_day, end=False)
    last = _day_of(table, base, offset, end, per_day, end=True)
    return first, max(first, last)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


_Unit = tuple[Any, ...]
"""(leaf, its NodePlan, table index, work offset), or a parent's or side track's items as
(item id, day, hours, optional) tuples."""


def _replans_before_done(
    leaf: _Leaf, rp: RoadmapProgress | None, made: list[datetime]
) -> int | None:
    """How many replans (made at the sorted times ``made``) came before the leaf was done:
    all of them while it is open; None when it has nothing to tick.

    A leaf is done when its last item was settled, so this is the most replans made before
    any one of its items was. Comparing aware times calls both tzinfo objects (slow with
    the TOML reader's own type), so days more than two apart decide by their numbers.
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
        changed = record.updated  # aware: the progress model makes it so
        day = changed.toordinal()
        before = bisect_left(made_days, day - 2)  # surely made earlier
        close = bisect_right(made_days, day + 2)
        while before < close and made[before] < changed:
            before += 1
        if before > most:
            most = before
    return most


def build_plan(roadmap: Roadmap, enrolment: Enrolment, rp: RoadmapProgress | None = None) -> Plan:
    """Lay the roadmap out on the calendar for an enrolment (and its replans).

    Sequential nodes (phases, sections, milestones) follow one another in document
    order, sized by the timing ``choose_mode`` picks; in position mode their positions
    place them (overlap allowed). A parent sized by its own timing shares it among its
    untimed children by their item estimates. Milestones sit at the end of what they
    close (their prerequisites, else what precedes them) and take only their stated
    hours. Side tracks and habits span the whole plan; appendices are not scheduled.
    Pauses and rest days push everything back; each replan moves the leaves not done
    when it was made onto its start date, keeping their order and overlaps.
    """
    with _collector_paused():
        return _build_plan(roadmap, enrolment, rp)


def _build_plan(roadmap: Roadmap, enrolment: Enrolment, rp: RoadmapProgress | None) -> Plan:
    estimate = enrolment.estimate
    hours_per_week = enrolment.hours_per_week
    if hours_per_week <= 0:
        hours_per_week = document_week_hours(roadmap, estimate, DEFAULT_HOURS_PER_WEEK)
    hours_per_week = max(hours_per_week, MIN_HOURS_PER_WEEK)
    cal = calendar_for(enrolment)
    per_day = hours_per_week / cal.days_per_week
    static = _static(roadmap, estimate, document_week_hours(roadmap, estimate, hours_per_week))
    leaves = static.leaves

    first_day = min([enrolment.start, *(r.start for r in enrolment.replans)])
    table = _DayTable(cal, first_day)

    def index_of(start: date) -> int:
        """Index in the table of the first study day on or after ``start``."""
        return cal.count(first_day, start - _ONE_DAY)

    # each leaf's segment (table index, work offset): the enrolment's, or its last replan's
    base = (index_of(enrolment.start), 0.0)
    segment: list[tuple[int, float]] = [base] * len(leaves)
    if enrolment.replans:
        segment = _replanned(leaves, rp, enrolment, table, index_of, per_day, base)

    nodes: dict[str, NodePlan] = {}
    leaf_plans: list[NodePlan] = []
    untracked: list[NodePlan] = []
    leaf_units: dict[str, tuple[_Leaf, NodePlan, int, float]] = {}
    for n, leaf in enumerate(leaves):
        at, offset = segment[n]
        first, last = _dates(table, at, offset, leaf.start, leaf.end, per_day)
        size = leaf.end - leaf.start
        plan = NodePlan(leaf.node_id, first, last, size, leaf.estimated)
        nodes[leaf.node_id] = plan
        leaf_plans.append(plan)
        leaf_units[leaf.node_id] = (leaf, plan, at, offset)
        if not leaf.settled_by and size > _EPS:
            untracked.append(plan)

    plan_start = enrolment.start
    plan_end = max((p.end for p in leaf_plans), default=plan_start)
    plan_end = max(plan_end, plan_start)
    weeks = ((plan_end - plan_start).days + 1) / 7
    for node_id, children, guessed in static.hulls:
        kids = [nodes[c] for c in children if c in nodes]
        if kids:
            nodes[node_id] = NodePlan(
                node_id,
                min(k.start for k in kids),
                max(k.end for k in kids),
                sum(k.hours for k in kids),
                guessed,
            )
    estimated_plan = static.mode == "items"
    for node_id, (hours, weekly) in static.background.items():
        nodes[node_id] = NodePlan(
            node_id, plan_start, plan_end, hours * weeks if weekly else hours, estimated_plan
        )
    spread: dict[str, tuple[tuple[str, date, float, bool], ...]] = {}
    for node_id, items in static.spread:
        spread_over = nodes.get(node_id)
        if spread_over is None:
            continue
        days_span = (spread_over.end - spread_over.start).days
        count = len(items)
        spread[node_id] = tuple(
            (item_id, spread_over.start + timedelta(days=round(days_span * k / count)), h, o)
            for k, (item_id, h, o) in enumerate(items, start=1)
        )
    nodes = {node_id: nodes[node_id] for node_id in static.order if node_id in nodes}
    units: list[_Unit] = []
    for unit in static.units:
        if isinstance(unit, str):
            if unit in spread:
                units.append(spread[unit])
        else:
            units.append(leaf_units[unit.node_id])

    background = frozenset(static.background)
    depth = static.depth
    leaf_ids = {p.node_id for p in leaf_plans}
    leaf_spans: list[tuple[date, date, int, int, str]] = []
    parent_spans: list[tuple[date, date, int, int, str]] = []
    for order, node_plan in enumerate(nodes.values()):
        node_id = node_plan.node_id
        if node_id in background:
            continue
        entry = (node_plan.start, node_plan.end, depth[node_id], order, node_id)
        (leaf_spans if node_id in leaf_ids else parent_spans).append(entry)
    return Plan(
        roadmap_id=roadmap.id,
        start=plan_start,
        end=plan_end,
        nodes=nodes,
        calendar=cal,
        hours_per_week=hours_per_week,
        mode=static.mode,
        checkable=static.checkable,
        parents=static.parents,
        depth=depth,
        background=background,
        week_hours=_week_hours(cal, leaf_plans),
        untracked=tuple(untracked),
        _leaf_index=_SpanIndex(leaf_spans),
        _parent_index=_SpanIndex(parent_spans),
        _units=tuple(units),
        _table=table,
    )


def _replanned(
    leaves: list[_Leaf],
    rp: RoadmapProgress | None,
    enrolment: Enrolment,
    table: _DayTable,
    index_of: Callable[[date], int],
    per_day: float,
    base: tuple[int, float],
) -> list[tuple[int, float]]:
    """Each leaf's segment after the replans, oldest first.

    A replan moves every leaf not done when it was made, keeping their relative work
    offsets, to start on its date. A leaf ticked off at time T therefore moved with
    every replan made before T and keeps the dates of the last of them. Leaves with
    nothing to tick (most milestones) move with what precedes them, or when they were
    still to come on the replan's date.
    """
    replans = sorted(enrolment.replans, key=lambda r: _aware(r.made))
    made = [_aware(r.made) for r in replans]
    count = len(replans)
    starts = [index_of(r.start) for r in replans]
    # moves[n]: how many of the replans (the first ones) moved leaf n; None: untickable
    moves: list[int | None] = []
    lowest = [math.inf] * count  # lowest work start of the tickable leaves each one moved
    first_moved = [len(leaves)] * count
    for n, leaf in enumerate(leaves):
        k = _replans_before_done(leaf, rp, made)
        if k is None:
            moves.append(None)
            continue
        moves.append(k)
        if k:
            lowest[k - 1] = min(lowest[k - 1], leaf.start)
            first_moved[k - 1] = min(first_moved[k - 1], n)
    for r in range(count - 2, -1, -1):  # a leaf moved by replan k also moved by those before
        lowest[r] = min(lowest[r], lowest[r + 1])
        first_moved[r] = min(first_moved[r], first_moved[r + 1])
    segment = [base] * len(leaves)
    untickable = [n for n, k in enumerate(moves) if k is None]
    offsets: list[float] = []
    for r, replan in enumerate(replans):
        movers = []
        earliest = first_moved[r]
        for n in untickable:
            at, offset = segment[n]
            _, end_day = _dates(table, at, offset, leaves[n].start, leaves[n].end, per_day)
            if n > earliest or end_day >= replan.start:
                movers.append(n)
                earliest = min(earliest, n)
        low = min([lowest[r], *(leaves[n].start for n in movers)])
        offsets.append(0.0 if low == math.inf else low)
        for n in movers:
            segment[n] = (starts[r], offsets[r])
    for n, moved in enumerate(moves):
        if moved:
            segment[n] = (starts[moved - 1], offsets[moved - 1])
    return segment


def _week_hours(cal: StudyCalendar, plans: Iterable[NodePlan]) -> dict[date, float]:
    """Planned hours by week, each leaf's hours spread over its study days."""
    weeks: dict[int, float] = {}
    partial, per_week = cal._partial, cal._per_week
    pause_ends = cal._pause_ends
    for plan in plans:
        hours = plan.hours
        if hours <= _EPS:
            continue
        start, end = plan.start, plan.end
        first, last = start.toordinal(), end.toordinal()
        monday = first - start.weekday()
        if last - monday < 7:  # the whole leaf inside one week: the common case
            weeks[monday] = weeks.get(monday, 0.0) + hours
            continue
        paused = bisect_left(pause_ends, start) < len(pause_ends)
        shares: list[tuple[int, int]] = []
        while monday <= last:
            lo, hi = max(monday, first), min(monday + 6, last)
            if paused:
                share = cal.count(date.fromordinal(lo), date.fromordinal(hi))
            else:
                share = partial[(lo - 1) % 7][hi - lo + 1] if hi - lo < 6 else per_week
            if share:
                shares.append((monday, share))
            monday += 7
        total = sum(share for _, share in shares)
        if not total:
            monday = first - start.weekday()
            weeks[monday] = weeks.get(monday, 0.0) + hours
            continue
        for monday, share in shares:
            weeks[monday] = weeks.get(monday, 0.0) + hours * share / total
    return {date.fromordinal(m): h for m, h in sorted(weeks.items())}
