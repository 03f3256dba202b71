"""The plan: a roadmap laid out on the study calendar for one enrolment and its replans."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import NamedTuple

from syllabus.model.progress import Enrolment, RoadmapProgress
from syllabus.model.roadmap import Roadmap
from syllabus.model.schedule.calendar import (
    ONE_DAY,
    DayTable,
    StudyCalendar,
    calendar_for,
    monday_of,
)
from syllabus.model.schedule.layout import DEFAULT_HOURS_PER_WEEK, EPS, document_week_hours
from syllabus.model.schedule.outline import Leaf, Outline, outline
from syllabus.model.schedule.recurring import instances
from syllabus.model.schedule.segments import (
    DaySpan,
    Movers,
    Placed,
    Segment,
    day_index,
    replanned,
    work_days,
)
from syllabus.model.schedule.spans import NodePlan, SpanIndex
from syllabus.model.units import default_rest_days

MIN_HOURS_PER_WEEK = 0.25
"""A slower pace is taken as this one, so a plan always ends within the calendar."""


class Checkable(NamedTuple):
    """Every checkable roadmap item, in document order, a column each (the status reads
    them all on every change: columns of strings are read faster than the items)."""

    ids: tuple[str, ...] = ()
    optional: tuple[bool, ...] = ()


class DatedItem(NamedTuple):
    """A checkable item with its planned day and hours."""

    item_id: str
    day: date
    hours: float
    optional: bool


class PlacedLeaf(NamedTuple):
    """A leaf on the calendar: its items' days are worked out from it when asked."""

    leaf: Leaf
    plan: NodePlan
    segment: Segment
    items: tuple[Segment, ...] | None = None
    """Each item's segment when not all share ``segment`` (a leaf partly done when a
    replan was made: what was closed keeps its days)."""

    def item_day(self, k: int, table: DayTable, per_day: float) -> date:
        """The day the leaf's ``k``-th item is planned for: the one on which the leaf's
        work reaches the item's share and those before it."""
        leaf = self.leaf
        if leaf.end - leaf.start <= EPS:
            return self.plan.end
        hours = leaf.start + (leaf.end - leaf.start) * leaf.through[k]
        segment = self.segment if self.items is None else self.items[k]
        return table.get(day_index(table, segment, hours, per_day, end=True))

    def dated_items(self, table: DayTable, per_day: float) -> Iterator[DatedItem]:
        """Its checkable items, in order."""
        leaf = self.leaf
        size = leaf.end - leaf.start
        columns = zip(leaf.item_ids, leaf.shares, leaf.optional, strict=True)
        for k, (item_id, share, optional) in enumerate(columns):
            yield DatedItem(item_id, self.item_day(k, table, per_day), size * share, optional)


class SpreadUnit(NamedTuple):
    """A parent's or side track's own items, spread over its dates."""

    items: tuple[DatedItem, ...]


Unit = PlacedLeaf | SpreadUnit
"""Where tracked items come from, in document order."""


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
    checkable: Checkable = Checkable()
    """Every checkable roadmap item."""
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
    finishes: bool = True
    """False when the work runs past the calendar's horizon (``HORIZON_DAYS`` study
    days): what lies beyond is put on its last day, and the plan has no finish."""
    _leaf_index: SpanIndex = field(default_factory=SpanIndex)
    _parent_index: SpanIndex = field(default_factory=SpanIndex)
    units: tuple[Unit, ...] = ()
    """Placed leaves and spread items in document order: where tracked items come from."""
    table: DayTable | None = None
    """The study days the leaves' segments index into."""
    studied: dict[str, NodePlan] = field(default_factory=dict)
    """Items studied alongside main-plan nodes (a course the weeks follow), by item id:
    from the first day of that work to the item's planned day, with its planned hours."""
    instances: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """A recurring item's instances (``ITEM_ID@N``, week by week) by the item's id
    (``recurring.py``): they are tracked and counted, the item itself is not."""

    def _unit_items(self, unit: Unit) -> Iterable[DatedItem]:
        if isinstance(unit, SpreadUnit):
            return unit.items
        assert self.table is not None
        return unit.dated_items(self.table, self.hours_per_day)

    @cached_property
    def item_due(self) -> dict[str, date]:
        """Planned day by checkable item id (habit and appendix items have none)."""
        return {i.item_id: i.day for unit in self.units for i in self._unit_items(unit)}

    @cached_property
    def item_hours(self) -> dict[str, float]:
        """Planned hours by checkable item id."""
        return {i.item_id: i.hours for unit in self.units for i in self._unit_items(unit)}

    @cached_property
    def tracked(self) -> tuple[str, ...]:
        """Items that count for due, overdue, behind and the forecast: checkable, not
        optional, scheduled and not habits; in document order."""
        return tuple(
            i.item_id for unit in self.units for i in self._unit_items(unit) if not i.optional
        )

    @property
    def hours_per_day(self) -> float:
        """Planned hours on the average study day (every study day's, unless the
        enrolment gives hours by weekday): what the buffer counts study days in."""
        return self.hours_per_week / self.calendar.days_per_week

    def day_hours(self, day: date) -> float:
        """Planned hours on a day: its weekday's on a study day, 0 on a rest day or pause."""
        return self.calendar.day_hours(day, self.hours_per_day)

    def hours_between(self, first: date, last: date) -> float:
        """Planned hours of the study days in [first, last], both inclusive."""
        return self.calendar.hours(first, last, self.hours_per_day)

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
        return min(ahead).node_id if ahead else None

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
    """An enrolment at the roadmap's stated pace, for plans shown before the learner enrols:
    its routine's hours by weekday where it states one, as `syllabus start` takes them."""
    hours = document_week_hours(roadmap, "mid", DEFAULT_HOURS_PER_WEEK)
    _, stated_days, stated_rest = roadmap.pace.study_week()  # as `syllabus start` offers
    days = stated_days or 6
    rest = stated_rest if stated_rest is not None else default_rest_days(days)
    return Enrolment(
        start=start,
        hours_per_week=hours,
        days_per_week=days,
        rest_days=rest,
        weekday_hours=dict(roadmap.pace.weekday_hours),
        updated=datetime(1970, 1, 1, tzinfo=UTC),
    )


def learner_pace(roadmap: Roadmap, enrolment: Enrolment) -> float:
    """Hours a week the plan assumes: the enrolment's, else the roadmap's, at least the
    slowest pace a plan can end with."""
    hours_per_week = enrolment.hours_per_week
    if hours_per_week <= 0:
        hours_per_week = document_week_hours(roadmap, enrolment.estimate, DEFAULT_HOURS_PER_WEEK)
    return max(hours_per_week, MIN_HOURS_PER_WEEK)


def build_plan(roadmap: Roadmap, enrolment: Enrolment, rp: RoadmapProgress | None = None) -> Plan:
    """Lay the roadmap out on the calendar for an enrolment (and its replans).

    Sequential nodes (phases, sections, milestones) follow one another in document
    order, sized by the timing ``choose_mode`` picks; in position mode their positions
    place them (overlap allowed). A parent sized by its own timing shares it among its
    untimed children by their item estimates. Milestones sit at the end of what they
    close (their prerequisites, else what precedes them) and take only their stated
    hours. Side tracks and habits span the whole plan; appendices are not scheduled.
    Of alternative tracks only the enrolment's (else the first) is planned.
    Pauses and rest days push everything back; each replan moves the leaves not done
    when it was made onto its start date, keeping their order and overlaps.
    """
    estimate = enrolment.estimate
    hours_per_week = learner_pace(roadmap, enrolment)
    cal = calendar_for(enrolment).scaled(hours_per_week)
    per_day = hours_per_week / cal.days_per_week
    week_hours = document_week_hours(roadmap, estimate, hours_per_week)
    shape = outline(roadmap, estimate, week_hours, enrolment.track)
    first_day = min([enrolment.start, *(r.start for r in enrolment.replans)])
    table = cal.table(first_day)

    def index_of(start: date) -> int:
        """Index in the table of the first study day on or after ``start``."""
        return cal.count(first_day, start - ONE_DAY)

    replanning = replanned(shape.leaves, rp, enrolment, table, index_of, per_day)
    placed, pieces = _place_leaves(shape.leaves, replanning.leaves, table, per_day)
    nodes = {p.plan.node_id: p.plan for p in placed}
    plan_end = max([enrolment.start, *(p.plan.end for p in placed)])
    _add_hulls(nodes, shape)
    _add_background(nodes, shape, enrolment.start, plan_end)
    nodes = {node_id: nodes[node_id] for node_id in shape.order if node_id in nodes}
    leaf_ids = {p.plan.node_id for p in placed}
    foreground = [p for p in nodes.values() if p.node_id not in shape.background]
    units = _units(shape, placed, nodes, Spreading(replanning.movers, table, per_day))
    weekly, instances = _instances(shape, nodes, enrolment.start, cal)
    units += tuple(weekly)
    pieces += [(i.day, i.day, i.hours) for unit in weekly for i in unit.items]
    every = [i for unit in weekly for i in unit.items]
    checkable = Checkable(
        (*shape.checkable_ids, *(i.item_id for i in every)),
        (*shape.checkable_optional, *(i.optional for i in every)),
    )
    return Plan(
        roadmap_id=roadmap.id,
        start=enrolment.start,
        end=plan_end,
        nodes=nodes,
        calendar=cal,
        hours_per_week=hours_per_week,
        mode=shape.mode,
        checkable=checkable,
        parents=shape.parents,
        depth=shape.depth,
        background=frozenset(shape.background),
        week_hours=_week_hours(cal, pieces),
        untracked=tuple(p.plan for p in placed if not p.leaf.settled_by and p.plan.hours > EPS),
        finishes=not table.overrun,
        _leaf_index=SpanIndex([p for p in foreground if p.node_id in leaf_ids], shape.depth),
        _parent_index=SpanIndex([p for p in foreground if p.node_id not in leaf_ids], shape.depth),
        units=units,
        table=table,
        studied=_studied(shape, nodes),
        instances=instances,
    )


def _instances(
    shape: Outline, nodes: dict[str, NodePlan], start: date, cal: StudyCalendar
) -> tuple[list[SpreadUnit], dict[str, tuple[str, ...]]]:
    """The recurring items' instances, a unit each, and their ids by item."""
    units: list[SpreadUnit] = []
    ids: dict[str, tuple[str, ...]] = {}
    for item in shape.recurring:
        span = nodes.get(item.node_id)
        if span is None:
            continue
        found = [
            DatedItem(i.item_id, i.day, i.hours, i.optional)
            for i in instances(item, span, start, cal)
        ]
        units.append(SpreadUnit(tuple(found)))
        ids[item.item_id] = tuple(i.item_id for i in found)
    return units, ids


Piece = tuple[date, date, float]
"""A run of a leaf's work on the calendar: first and last day, hours."""


def _place_leaves(
    leaves: list[Leaf], placements: list[Placed], table: DayTable, per_day: float
) -> tuple[list[PlacedLeaf], list[Piece]]:
    """The leaves on the calendar, and the runs their hours fall in (a leaf partly done
    when a replan was made has one run a segment)."""
    placed = []
    pieces: list[Piece] = []
    for leaf, (segment, items) in zip(leaves, placements, strict=True):
        hours = leaf.end - leaf.start
        if items is None:
            days = work_days(table, segment, leaf.start, leaf.end, per_day)
            pieces.append((days.first, days.last, hours))
        else:
            runs = _runs(leaf, items, table, per_day)
            pieces += runs
            days = DaySpan(min(r[0] for r in runs), max(r[1] for r in runs))
        plan = NodePlan(leaf.node_id, days.first, days.last, hours, leaf.estimated)
        placed.append(PlacedLeaf(leaf, plan, segment, items))
    return placed, pieces


def _runs(leaf: Leaf, items: tuple[Segment, ...], table: DayTable, per_day: float) -> list[Piece]:
    """A leaf's work as runs of items on one segment, in the leaf's order."""
    size = leaf.end - leaf.start
    runs: list[Piece] = []
    k, count = 0, len(items)
    while k < count:
        j = k
        while j + 1 < count and items[j + 1] is items[k]:
            j += 1
        low = leaf.start + size * (leaf.through[k] - leaf.shares[k])
        high = leaf.start + size * leaf.through[j]
        days = work_days(table, items[k], low, high, per_day)
        runs.append((days.first, days.last, high - low))
        k = j + 1
    return runs


def _add_hulls(nodes: dict[str, NodePlan], shape: Outline) -> None:
    """Sequential parents span their scheduled children (children come first)."""
    for hull in shape.hulls:
        kids = [nodes[c] for c in hull.children if c in nodes]
        if kids:
            nodes[hull.node_id] = NodePlan(
                hull.node_id,
                min(k.start for k in kids),
                max(k.end for k in kids),
                sum(k.hours for k in kids),
                hull.estimated,
            )


def _add_background(nodes: dict[str, NodePlan], shape: Outline, start: date, end: date) -> None:
    """Side tracks and habits span the whole plan; a habit's hours are per week."""
    weeks = ((end - start).days + 1) / 7
    estimated = shape.mode == "items"
    for node_id, work in shape.background.items():
        hours = work.hours * weeks if work.weekly else work.hours
        nodes[node_id] = NodePlan(node_id, start, end, hours, estimated)


class Spreading(NamedTuple):
    """What places a parent's or side track's items on study days."""

    movers: Movers
    table: DayTable
    per_day: float

    def day(self, item_id: str, hours: float) -> date:
        """The study day on which the plan's work reaches ``hours``, on the segment of
        the replan that last moved the item (so a replan moves what is open, and what was
        closed keeps its day)."""
        segment = self.movers.segment_of(item_id)
        return self.table.get(day_index(self.table, segment, hours, self.per_day, end=True))


def _units(
    shape: Outline, placed: list[PlacedLeaf], nodes: dict[str, NodePlan], spreading: Spreading
) -> tuple[Unit, ...]:
    """Placed leaves and the spread items of parents and side tracks, in document order.

    A parent's or side track's own items are spread evenly over its work (a side track's
    over the whole plan's), each on the study day the plan's work reaches its share (at
    the latest on its last day); one studied alongside main-plan work is due at that
    work's end."""
    by_leaf = {p.leaf.node_id: p for p in placed}
    spread: dict[str, SpreadUnit] = {}
    for group in shape.spread:
        over = nodes.get(group.node_id)
        if over is None:
            continue
        size = group.end - group.start
        count = sum(1 for item in group.items if item.until is None)
        dated: list[DatedItem] = []
        k = 0
        for item in group.items:
            if item.until is not None and item.until in nodes:
                day = nodes[item.until].end  # studied alongside: due at that work's end
            elif size <= EPS:
                day = over.end
            else:
                k += 1
                day = min(spreading.day(item.item_id, group.start + size * k / count), over.end)
            dated.append(DatedItem(item.item_id, day, item.hours, item.optional))
        spread[group.node_id] = SpreadUnit(tuple(dated))
    units: list[Unit] = []
    for unit in shape.units:
        if isinstance(unit, str):
            if unit in spread:
                units.append(spread[unit])
        else:
            units.append(by_leaf[unit.node_id])
    return tuple(units)


def _studied(shape: Outline, nodes: dict[str, NodePlan]) -> dict[str, NodePlan]:
    """Items studied alongside main-plan nodes: the days of that work, their hours."""
    found: dict[str, NodePlan] = {}
    for group in shape.spread:
        for item in group.items:
            if item.until in nodes and item.since in nodes:
                first, last = nodes[item.since], nodes[item.until]
                found[item.item_id] = NodePlan(
                    item.item_id, first.start, last.end, item.hours, first.estimated
                )
    return found


def _week_hours(cal: StudyCalendar, pieces: Iterable[Piece]) -> dict[date, float]:
    """Planned hours by week, each run of a leaf's hours spread over its study days."""
    weeks: dict[int, float] = {}
    for first, last, hours in pieces:
        if hours <= EPS:
            continue
        cal.spread_by_week(first, last, hours, weeks)
    return {date.fromordinal(m): h for m, h in sorted(weeks.items())}
