"""The schedule: roadmap + enrolment + progress → calendar dates, status, streaks, forecast.

A document's "week" or "month" is an amount of work, not a span of dates: it is
turned into hours (a document week is the roadmap's stated hours a week) and the
learner's pace turns hours into study days. So every node first gets an interval of
*work hours* from the start of the plan, then the study calendar (rest weekdays,
pauses) turns hours into dates. Replans move the unfinished rest onto a new start
date, keeping the dates of what was done before.

Pure code: no I/O, nothing from the UI layer, and fast, because the app recomputes
it on every change (indexes are built once per plan; records are slotted dataclasses).
"""

from __future__ import annotations

import gc
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import Any

from syllabus.model.progress import (
    Enrolment,
    ItemState,
    Progress,
    RoadmapProgress,
    study_day,
)
from syllabus.model.roadmap import Node, Roadmap, Role, Span, Unit
from syllabus.model.units import WEEKDAYS, default_rest_days

DEFAULT_ITEM_HOURS = 3.0
"""Hours of work assumed for a checkable item when the document gives no timing at all."""

DEFAULT_HOURS_PER_WEEK = 10.0
"""Pace assumed when neither the enrolment nor the roadmap states one."""

MIN_HOURS_PER_WEEK = 0.25
"""A slower pace is taken as this one, so a plan always ends within the calendar."""

FORECAST_DAYS = 28
"""The forecast extrapolates the pace of this many days (four weeks) up to today."""

_EPS = 1e-7
_LAST_ORDINAL = date.max.toordinal()
_ONE_DAY = timedelta(days=1)
# tuples, not sets: membership then tests identity first, while a set hashes the enum
# member, which runs Python code (measured: a third of the roadmap analysis)
_SEQUENTIAL = (Role.PHASE, Role.SECTION, Role.MILESTONE)
_UNIT_DAYS = tuple((unit, unit.days) for unit in Unit)
_MODES = ("hours", "duration", "position", "items")
_PREFERENCE = {
    "hours": ("hours", "duration", "position"),
    "duration": ("duration", "hours", "position"),
    "position": ("position", "duration", "hours"),
}


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


def _days(span: Span) -> int:
    """Days in one unit of a span (``Unit.days`` without hashing the member)."""
    unit = span.unit
    for member, days in _UNIT_DAYS:
        if member is unit:
            return days
    return unit.days


def monday_of(day: date) -> date:
    """The Monday of the (Monday-Sunday) week holding ``day``."""
    return day - timedelta(days=day.weekday())


# --- study calendar ------------------------------------------------------------------


class StudyCalendar:
    """Which days are study days: not a rest weekday, not inside a pause.

    Counting and finding the n-th study day are arithmetic on weekdays plus a walk
    over the (few, merged) pauses, so the cost does not grow with the plan's length.
    """

    __slots__ = ("_study", "_per_week", "_partial", "_pause_starts", "_pause_ends")

    def __init__(self, rest_days: Iterable[str] = (), pauses: Iterable[tuple[date, date]] = ()):
        rest = {WEEKDAYS.index(d.strip().lower()[:3]) for d in rest_days if _weekday_ok(d)}
        study = tuple(w not in rest for w in range(7))
        if not any(study):  # every weekday a rest day makes no plan: study every day instead
            study = (True,) * 7
        self._study = study
        self._per_week = sum(study)
        self._partial = tuple(
            tuple(sum(study[(w + k) % 7] for k in range(rest)) for rest in range(7))
            for w in range(7)
        )
        merged: list[list[date]] = []
        for start, end in sorted(p for p in pauses if p[0] <= p[1]):
            if merged and start <= merged[-1][1] + _ONE_DAY:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._pause_starts = [p[0] for p in merged]
        self._pause_ends = [p[1] for p in merged]

    @property
    def days_per_week(self) -> int:
        """Study weekdays a week (pauses aside)."""
        return self._per_week

    def is_study_weekday(self, day: date) -> bool:
        """Whether ``day``'s weekday is not a rest day."""
        return self._study[day.weekday()]

    def in_pause(self, day: date) -> bool:
        """Whether ``day`` falls in a pause or a day off."""
        i = bisect_left(self._pause_ends, day)
        return i < len(self._pause_starts) and self._pause_starts[i] <= day

    def is_study_day(self, day: date) -> bool:
        """Not a rest weekday, not a pause, not a day off."""
        return self._study[day.weekday()] and not self.in_pause(day)

    def _weekdays_between(self, first: date, last: date) -> int:
        """Study weekdays in [first, last], pauses ignored."""
        if last < first:
            return 0
        full, rest = divmod((last - first).days + 1, 7)
        return full * self._per_week + self._partial[first.weekday()][rest]

    def count(self, first: date, last: date) -> int:
        """Study days in [first, last], both inclusive."""
        if last < first:
            return 0
        count = self._weekdays_between(first, last)
        starts, ends = self._pause_starts, self._pause_ends
        i = bisect_left(ends, first)
        while i < len(starts) and starts[i] <= last:
            count -= self._weekdays_between(max(starts[i], first), min(ends[i], last))
            i += 1
        return count

    def nth(self, first: date, index: int) -> date:
        """The ``index``-th (0-based) study day counted from the first one on or after ``first``."""
        index = max(index, 0)
        pos = first
        starts, ends = self._pause_starts, self._pause_ends
        i = bisect_left(ends, first)
        while i < len(starts):
            if starts[i] > pos:
                available = self._weekdays_between(pos, starts[i] - _ONE_DAY)
                if index < available:
                    break
                index -= available
            pos = max(pos, ends[i] + _ONE_DAY)
            i += 1
        return self._nth_weekday(pos, index)

    def _nth_weekday(self, first: date, index: int) -> date:
        study = self._study
        day = first
        while not study[day.weekday()]:
            day += _ONE_DAY
        weeks, index = divmod(index, self._per_week)
        day += timedelta(days=7 * weeks)
        while index:
            day += _ONE_DAY
            if study[day.weekday()]:
                index -= 1
        return day

    def first_on_or_after(self, day: date) -> date:
        """The first study day on or after ``day``."""
        return self.nth(day, 0)


def _weekday_ok(name: str) -> bool:
    return name.strip().lower()[:3] in WEEKDAYS


def calendar_for(enrolment: Enrolment) -> StudyCalendar:
    """The study calendar of an enrolment: its rest weekdays and pauses."""
    return StudyCalendar(enrolment.rest_days, [(p.start, p.end) for p in enrolment.pauses])


# --- plan ------------------------------------------------------------------------------


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
            yield from unit  # type: ignore[misc]
            return
        leaf, node_plan, at, offset = unit  # type: ignore[misc]
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


# --- sizing ----------------------------------------------------------------------------


class _Layout:
    """Work intervals (hours from the start of the plan) for every sequential node."""

    __slots__ = ("mode", "estimate", "week_hours", "spans", "estimated")

    def __init__(self, mode: str, estimate: str, week_hours: float) -> None:
        self.mode = mode
        self.estimate = estimate
        self.week_hours = week_hours
        self.spans: dict[str, tuple[float, float]] = {}
        self.estimated: dict[str, bool] = {}

    # size of a node's own timing, in work hours, by kind
    def _own(self, node: Node, kind: str) -> float | None:
        timing = node.timing
        if kind == "hours" and timing.hours is not None:
            return max(timing.hours.pick(self.estimate), 0.0)
        if kind == "duration" and timing.duration is not None:
            span = timing.duration
            return max(span.pick(self.estimate), 0.0) * _days(span) / 7 * self.week_hours
        if kind == "position" and timing.position is not None:
            span = timing.position
            length = max(span.high - span.low + 1, 0.0)
            return length * _days(span) / 7 * self.week_hours
        return None

    def own_size(self, node: Node) -> float | None:
        """The node's own timing in the preferred order for the mode."""
        if self.mode == "items":
            return None
        for kind in _PREFERENCE[self.mode]:
            size = self._own(node, kind)
            if size is not None:
                return size
        return None

    def position_span(self, node: Node) -> tuple[float, float] | None:
        """Absolute work interval of a node's position, in position mode."""
        span = node.timing.position
        if self.mode != "position" or span is None:
            return None
        unit_hours = _days(span) / 7 * self.week_hours
        low = max(span.low - 1, 0.0) * unit_hours
        return low, max(span.high * unit_hours, low)

    def measure(self, node: Node, memo: dict[str, tuple[float, bool, bool]]) -> tuple[float, bool]:
        """(natural size in hours, whether it came from the document's timing)."""
        cached = memo.get(node.id)
        if cached is not None:
            return cached[0], cached[1]
        children = [c for c in node.children if c.role in _SEQUENTIAL]
        if node.role is Role.MILESTONE:
            hours = node.timing.hours
            size = hours.pick(self.estimate) if hours is not None and self.mode != "items" else 0.0
            memo[node.id] = (size, hours is not None, False)
            return size, hours is not None
        own = self.own_size(node)
        child_sizes = [self.measure(c, memo) for c in children]
        timed_children = any(
            timed
            for (_, timed), c in zip(child_sizes, children, strict=True)
            if c.role is not Role.MILESTONE
        )
        if children and timed_children:
            size, timed = sum(s for s, _ in child_sizes), True
        elif own is not None:
            size, timed = own, True
        elif children:
            size, timed = sum(s for s, _ in child_sizes), False
        else:
            size, timed = items_estimate(node), False
        memo[node.id] = (size, timed, timed_children)
        return size, timed


def items_estimate(node: Node) -> float:
    """Hours of a node's own checkable items: their stated hours, else a default each."""
    total = 0.0
    for item in node.items:
        if item.checkable and not item.optional:
            total += item.hours if item.hours is not None else DEFAULT_ITEM_HOURS
    return total


def choose_mode(roadmap: Roadmap) -> str:
    """Which timing sizes the plan: the roadmap's ``schedule_by``, or by what it has.

    "auto": hours when most sequential leaves state hours, else duration when any node
    states one, else position, else an estimate from item counts ("items").
    """
    wanted = roadmap.schedule_by
    if wanted in _MODES:
        return wanted
    leaves = 0
    with_hours = 0
    has_duration = has_position = False
    for node in _sequential_walk(roadmap.nodes):
        timing = node.timing
        has_duration = has_duration or timing.duration is not None
        has_position = has_position or timing.position is not None
        if node.role is Role.MILESTONE:
            continue
        if not any(c.role in _SEQUENTIAL for c in node.children):
            leaves += 1
            with_hours += timing.hours is not None
    if leaves and with_hours * 2 > leaves:
        return "hours"
    if has_duration:
        return "duration"
    if has_position:
        return "position"
    return "items"


def _sequential_walk(nodes: Sequence[Node]) -> Iterable[Node]:
    for node in nodes:
        if node.role in _SEQUENTIAL:
            yield node
            yield from _sequential_walk(node.children)


def stated_length(roadmap: Roadmap, estimate: str, week_hours: float) -> float | None:
    """Hours of the whole plan where only a summary states it ("Dauer: 6–12 Monate").

    Seed 002 times nothing but its month plan, an appendix: its length still sizes the
    item estimate, so the plan is as long as the document says. The longest duration
    anywhere wins, else the last position.
    """
    longest: float | None = None
    last: float | None = None
    for node in roadmap.walk():
        timing = node.timing
        if timing.duration is not None:
            weeks = timing.duration.pick(estimate) * _days(timing.duration) / 7
            longest = weeks if longest is None else max(longest, weeks)
        if timing.position is not None:
            weeks = timing.position.high * _days(timing.position) / 7
            last = weeks if last is None else max(last, weeks)
    found = longest if longest is not None else last
    return None if found is None or found <= 0 else found * week_hours


def document_week_hours(roadmap: Roadmap, estimate: str, fallback: float) -> float:
    """Hours of work in one of the document's weeks: its stated pace, else the learner's."""
    hours = roadmap.pace.study_week(estimate)[0]
    return hours if hours is not None and hours > 0 else fallback


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


def _layout_sequence(
    layout: _Layout,
    nodes: Sequence[Node],
    cursor: float,
    scale: float,
    memo: dict[str, tuple[float, bool, bool]],
    inherited_estimate: bool,
) -> float:
    """Place sequential nodes one after another from ``cursor``; returns the new cursor."""
    spans = layout.spans
    for node in nodes:
        if node.role not in _SEQUENTIAL:
            continue
        size, timed = layout.measure(node, memo)
        size *= scale
        absolute = layout.position_span(node)
        if node.role is Role.MILESTONE:
            ends = [spans[p][1] for p in node.prerequisites if p in spans]
            if absolute is not None:
                anchor = absolute[1]
            elif ends:
                anchor = max(ends)
            else:
                anchor = cursor
            start, end = anchor, anchor + size
        elif absolute is not None:
            start, end = absolute
            if end - start < _EPS and size > 0:
                end = start + size
        else:
            start, end = cursor, cursor + size
        estimated = inherited_estimate or (not timed and node.role is not Role.MILESTONE)
        children = [c for c in node.children if c.role in _SEQUENTIAL]
        if children:
            _, _, timed_children = memo[node.id]
            natural = sum(layout.measure(c, memo)[0] for c in children)
            if timed_children or natural <= _EPS:
                child_scale = scale
            else:
                child_scale = (end - start) / natural
            child_end = _layout_sequence(
                layout, children, start, child_scale, memo, estimated or not timed_children
            )
            spans_of = [spans[c.id] for c in children if c.id in spans]
            if spans_of:
                start = min(start, min(s for s, _ in spans_of))
                end = max(end, child_end, max(e for _, e in spans_of))
        spans[node.id] = (start, end)
        layout.estimated[node.id] = estimated
        cursor = max(cursor, end)
    return cursor


class _DayTable:
    """The study days from a first day on, listed as far as asked: index → date in O(1).

    One table serves the whole plan; a replan's segment starts at an index into it.
    Days are listed by a comprehension over day ordinals, weeks at a time.
    """

    __slots__ = ("_study", "_paused", "_per_week", "days", "_next", "first")

    def __init__(self, cal: StudyCalendar, first: date) -> None:
        # ordinal 1 is a Monday: ordinal % 7 == 1 on Mondays
        self._study = tuple(cal._study[(r - 1) % 7] for r in range(7))
        paused: set[int] = set()
        for start, end in zip(cal._pause_starts, cal._pause_ends, strict=True):
            if end >= first:
                paused.update(range(max(start, first).toordinal(), end.toordinal() + 1))
        self._paused = paused
        self._per_week = cal.days_per_week
        self.days: list[date] = []
        self.first = first
        self._next = first.toordinal()

    def get(self, index: int) -> date:
        days = self.days
        if index >= len(days):
            self._extend(max(index + 1, 2 * len(days), 64))
        return days[index]

    def _extend(self, size: int) -> None:
        days, study, paused = self.days, self._study, self._paused
        fromordinal = date.fromordinal
        while len(days) < size:
            first = self._next
            if first > _LAST_ORDINAL:  # a plan past the year 9999: the calendar ends there
                days.extend([date.max] * (size - len(days)))
                return
            last = min(first + (size - len(days)) * 7 // self._per_week + 7, _LAST_ORDINAL + 1)
            days.extend(
                [fromordinal(o) for o in range(first, last) if study[o % 7] and o not in paused]
            )
            self._next = last


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


@dataclass(slots=True)
class _Leaf:
    """A sequential node without sequential children: what the calendar places."""

    node_id: str
    start: float
    end: float
    estimated: bool
    items: tuple[tuple[str, float, float, bool], ...]
    """(item id, cumulative share, share, optional) of its checkable items."""
    settled_by: tuple[str, ...]
    """Checkable, non-optional item ids: the leaf is done when all are settled."""


_Unit = tuple[Any, ...]
"""(leaf, its NodePlan, table index, work offset), or a parent's or side track's items as
(item id, day, hours, optional) tuples."""


@dataclass(slots=True)
class _Static:
    """Everything about a roadmap's plan that depends neither on dates nor on progress."""

    mode: str
    leaves: list[_Leaf]
    parents: dict[str, str | None]
    depth: dict[str, int]
    order: list[str]
    """Scheduled node ids (sequential and background) in document order."""
    hulls: list[tuple[str, tuple[str, ...], bool]]
    """Sequential parents, children first: (id, scheduled child ids, estimated)."""
    background: dict[str, tuple[float, bool]]
    """Side-track and habit node id → (hours, hours are per week)."""
    spread: list[tuple[str, tuple[tuple[str, float, bool], ...]]]
    """Parent and side-track node id → its own (item id, hours, optional)."""
    units: list[_Leaf | str]
    """Leaves and spread node ids in document order: where tracked items come from."""
    checkable: tuple[tuple[str, bool], ...]


_STATIC_CACHE: dict[tuple[int, str, float], tuple[Roadmap, _Static]] = {}


def _static(roadmap: Roadmap, estimate: str, week_hours: float) -> _Static:
    """The date-free analysis of a roadmap, cached: roadmaps are immutable."""
    key = (id(roadmap), estimate, week_hours)
    hit = _STATIC_CACHE.get(key)
    if hit is not None and hit[0] is roadmap:
        return hit[1]
    result = _analyse(roadmap, estimate, week_hours)
    if len(_STATIC_CACHE) >= 16:  # a few roadmaps are in use at once; start afresh
        _STATIC_CACHE.clear()
    _STATIC_CACHE[key] = (roadmap, result)
    return result


def _analyse(roadmap: Roadmap, estimate: str, week_hours: float) -> _Static:
    mode = choose_mode(roadmap)
    layout = _Layout(mode, estimate, week_hours)
    memo: dict[str, tuple[float, bool, bool]] = {}
    scale = 1.0
    if mode == "items":
        total = stated_length(roadmap, estimate, week_hours)
        natural = sum(layout.measure(n, memo)[0] for n in roadmap.nodes if n.role in _SEQUENTIAL)
        if total is not None and natural > _EPS:
            scale = total / natural
    _layout_sequence(layout, roadmap.nodes, 0.0, scale, memo, mode == "items")
    spans = layout.spans

    parents: dict[str, str | None] = {}
    depth: dict[str, int] = {}
    order: list[str] = []
    leaves: list[_Leaf] = []
    hulls: list[tuple[str, tuple[str, ...], bool]] = []
    background: dict[str, tuple[float, bool]] = {}
    spread: list[tuple[str, tuple[tuple[str, float, bool], ...]]] = []
    units: list[_Leaf | str] = []
    checkable: list[tuple[str, bool]] = []
    appendix, side_track, habit = Role.APPENDIX, Role.SIDE_TRACK, Role.HABIT
    stack: list[tuple[Node, str | None, int, str]] = [
        (n, None, 0, "") for n in reversed(roadmap.nodes)
    ]
    while stack:
        node, parent, level, kind = stack.pop()
        node_id = node.id
        parents[node_id] = parent
        role = node.role
        if role is appendix:  # reference material is never planned, wherever it sits
            kind = "appendix"
        elif not kind:
            if role is side_track:
                kind = "side-track"
            elif role is habit:
                kind = "habit"
        # one pass over the items, reading each attribute once
        own: list[tuple[str, float | None, bool]] = []
        for item in node.items:
            if item.checkable:
                item_id, optional = item.id, item.optional
                checkable.append((item_id, optional))
                own.append((item_id, item.hours, optional))
        if kind != "appendix" and (kind or node_id in spans):
            depth[node_id] = level
            order.append(node_id)
            scheduled_children = tuple(
                c.id for c in node.children if c.role in _SEQUENTIAL and c.id in spans
            )
            if kind:
                size = layout.own_size(node)
                if kind == "habit":
                    background[node_id] = (size or 0.0, True)
                else:
                    background[node_id] = (
                        size if size is not None else items_estimate(node),
                        False,
                    )
            elif not scheduled_children:
                start, end = spans[node_id]
                leaf = _Leaf(node_id, start, end, layout.estimated[node_id], *_shares(own))
                leaves.append(leaf)
                units.append(leaf)
            else:
                hulls.append((node_id, scheduled_children, layout.estimated[node_id]))
            if own and kind != "habit" and (kind or scheduled_children):
                units.append(node_id)
                spread.append(
                    (
                        node_id,
                        tuple((i, DEFAULT_ITEM_HOURS if h is None else h, o) for i, h, o in own),
                    )
                )
        for child in reversed(node.children):
            stack.append((child, node_id, level + 1, kind))
    hulls.reverse()  # children before their parents
    return _Static(
        mode, leaves, parents, depth, order, hulls, background, spread, units, tuple(checkable)
    )


def _shares(
    items: Sequence[tuple[str, float | None, bool]],
) -> tuple[tuple[tuple[str, float, float, bool], ...], tuple[str, ...]]:
    """Each (id, hours, optional) item's share of its leaf: its stated hours, else an equal
    share (the mean of the stated ones)."""
    if not items:
        return (), ()
    stated = [h for _, h, _ in items if h is not None and h > 0]
    default = (sum(stated) / len(stated)) if stated else 1.0
    weights = [h if h is not None and h > 0 else default for _, h, _ in items]
    total = sum(weights)
    shares: list[tuple[str, float, float, bool]] = []
    cum = 0.0
    for (item_id, _, optional), weight in zip(items, weights, strict=True):
        cum += weight
        shares.append((item_id, cum / total, weight / total, optional))
    return tuple(shares), tuple(i for i, _, o in items if not o)


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


# --- status ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Forecast:
    """When the roadmap will be finished."""

    low: date
    """Earliest projected finish (the faster of the hours pace and the items pace)."""
    high: date
    """Latest projected finish."""
    plan: date
    """The planned finish."""


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
    """None until there is a pace (no check-ins and nothing done in the last four weeks)."""
    hours_by_day: dict[date, float]
    """Logged hours per study day (all check-ins of the roadmap)."""
    blocked_by: dict[str, list[str]]
    """Node id → ids of its prerequisite nodes not done (only for nodes not done)."""
    node_hours: dict[str, tuple[float, float]]
    """Node id → (estimated, logged) hours; a node's logged hours include its descendants'."""
    counts: dict[str, int]
    """todo / doing / done / skipped over checkable items (own items included)."""
    percent: float
    """done ÷ (checkable − skipped − optional not done) × 100."""
    week_hours: dict[date, tuple[float, float]] = field(default_factory=dict)
    """Week (its Monday) → (planned, logged) hours."""
    done: list[str] = field(default_factory=list)
    """Ids of done items (own items included), in document order."""
    plan: Plan | None = None
    """The plan the status was computed from."""


def node_done(roadmap_node: Node, rp: RoadmapProgress) -> tuple[int, int]:
    """(done, total) checkable items of a node and its descendants.

    ``total`` leaves out skipped items and optional ones not done, like ``percent``,
    so a node is complete when ``done == total``. The learner's own items count too.
    """
    done = total = 0
    own: dict[str, list[str]] = {}
    for own_item in rp.own_items.values():
        if not own_item.deleted:
            own.setdefault(own_item.node, []).append(own_item.id)
    for node in roadmap_node.walk():
        for item in node.items:
            if not item.checkable:
                continue
            state = rp.state(item.id)
            if state is ItemState.DONE:
                done += 1
                total += 1
            elif state is not ItemState.SKIPPED and not item.optional:
                total += 1
        for item_id in own.get(node.id, ()):
            state = rp.state(item_id)
            done += state is ItemState.DONE
            total += state is not ItemState.SKIPPED
    return done, total


def _done_day(moment: datetime, day_start_hour: int) -> date:
    """The learner's study day on which a record changed (local time)."""
    local = _aware(moment).astimezone()
    return study_day(local.replace(tzinfo=None), day_start_hour)


def _streaks(days: Sequence[date], cal: StudyCalendar, today: date) -> tuple[int, int]:
    """(current, longest) runs of check-in days; days that are no study days never break one."""
    current = longest = 0
    previous: date | None = None
    for day in days:
        if previous is not None and cal.count(previous + _ONE_DAY, day - _ONE_DAY) == 0:
            current += 1
        else:
            current = 1
        longest = max(longest, current)
        previous = day
    if previous is None:
        return 0, 0
    # today itself is not over yet: only study days strictly between break the run
    if previous < today and cal.count(previous + _ONE_DAY, today - _ONE_DAY) > 0:
        current = 0
    return current, longest


FORECAST_HORIZON_DAYS = 100 * 365
"""Study days beyond which a pace projects no finish at all (and no date overflows)."""


def _finish_at(cal: StudyCalendar, today: date, remaining: float, rate: float) -> date | None:
    """The study day the remaining hours are done at ``rate`` hours a study day, from tomorrow.

    None when that is more than a lifetime away: a few minutes of work so far is no pace.
    """
    days = max(math.ceil(remaining / rate - _EPS), 1)
    if days > FORECAST_HORIZON_DAYS:
        return None
    return cal.nth(today + _ONE_DAY, days - 1)


def compute_status(
    roadmap: Roadmap,
    progress: Progress,
    roadmap_id: str,
    today: date,
    plan: Plan | None = None,
) -> Status:
    """Everything the status views show, from one pass over items and check-ins."""
    with _collector_paused():
        return _compute_status(roadmap, progress, roadmap_id, today, plan)


def _compute_status(
    roadmap: Roadmap, progress: Progress, roadmap_id: str, today: date, plan: Plan | None
) -> Status:
    rp = progress.roadmap(roadmap_id)
    if plan is None:
        enrolment = rp.enrolment or default_enrolment(roadmap, today)
        plan = build_plan(roadmap, enrolment, rp)
    cal = plan.calendar
    day_start = progress.settings.day_start_hour
    records = rp.items

    # item states
    todo, doing, done, skipped = (
        ItemState.TODO,
        ItemState.DOING,
        ItemState.DONE,
        ItemState.SKIPPED,
    )
    n_todo = n_doing = n_skipped = 0
    done_ids: list[str] = []
    optional_open = 0
    for item_id, optional in plan.checkable:
        record = records.get(item_id)
        state = todo if record is None else record.state
        # identity tests, not a dict keyed by state: hashing an enum runs Python code
        if state is done:
            done_ids.append(item_id)
            continue
        if state is todo:
            n_todo += 1
        elif state is doing:
            n_doing += 1
        else:
            n_skipped += 1
            continue
        if optional:
            optional_open += 1
    counts = {"todo": n_todo, "doing": n_doing, "done": len(done_ids), "skipped": n_skipped}
    for own in rp.own_items.values():
        if own.deleted:
            continue
        record = records.get(own.id)
        state = record.state if record is not None else ItemState.TODO
        counts[state.value] += 1
        if state is ItemState.DONE:
            done_ids.append(own.id)
    checkable = sum(counts.values())
    denominator = checkable - counts["skipped"] - optional_open
    if denominator > 0:
        percent = counts["done"] / denominator * 100
    else:
        percent = 100.0 if checkable else 0.0

    # due, overdue, behind, the items pace; item days are worked out only for the leaves
    # around this week: a leaf over before today has all its items due before today
    sunday = monday_of(today) + timedelta(days=6)
    window_first = today - timedelta(days=FORECAST_DAYS - 1)
    window_soon = window_first.toordinal() - 2
    last_day = -3
    due: list[str] = []
    overdue: list[str] = []
    planned_before = settled_hours = remaining = done_in_window = 0.0
    last_changed: datetime | None = None
    tracked = 0
    per_day = plan.hours_per_day
    ceil = math.ceil
    table = plan._table
    for unit in plan._units:
        head = unit[0]
        if isinstance(head, _Leaf):
            piece, node_plan, at, offset = unit  # type: ignore[misc]
            size = piece.end - piece.start
            if node_plan.end < today:
                where = -1
            elif node_plan.start > sunday:
                where = 1
            else:
                where = 0
                base_units, units = (piece.start - offset) / per_day, size / per_day
            entries: Sequence[tuple[Any, ...]] = piece.items
        else:
            where = 2
            entries = unit
        for entry in entries:
            if entry[3]:  # optional
                continue
            tracked += 1
            item_id = entry[0]
            if where == 2:
                day, hours = entry[1], entry[2]
                before = day < today
                this_week = not before and day <= sunday
            else:
                hours = size * entry[2]
                if where:
                    before, this_week = where < 0, False
                else:
                    if size <= _EPS:
                        day = node_plan.end
                    else:
                        index = ceil(base_units + units * entry[1] - _EPS) - 1
                        day = table.get(at + (index if index > 0 else 0))  # type: ignore[union-attr]
                    before = day < today
                    this_week = not before and day <= sunday
            if before:
                planned_before += hours
            record = records.get(item_id)
            state = record.state if record is not None else todo
            if state is done or state is skipped:
                settled_hours += hours
                if record is not None:
                    # a record older than the window (by more than any time zone) is
                    # skipped without the costly conversion to the learner's study day
                    changed = record.updated
                    day_number = changed.toordinal()
                    if day_number >= window_soon:
                        done_day = _done_day(changed, day_start)
                        if window_first <= done_day <= today:
                            done_in_window += hours
                    # days more than two apart decide without calling the tzinfo objects
                    if day_number > last_day + 2 or (
                        day_number >= last_day - 2
                        and (last_changed is None or changed > last_changed)
                    ):
                        last_changed, last_day = changed, day_number
                continue
            remaining += hours
            if before:
                overdue.append(item_id)
            elif this_week:
                due.append(item_id)
    per_calendar_day = plan.hours_per_week / 7
    behind = (planned_before - settled_hours) / per_calendar_day
    behind_days = int(math.copysign(math.floor(abs(behind) + 0.5), behind))

    # check-ins
    hours_by_day: dict[date, float] = {}
    logged: dict[str, float] = {}
    node_index = plan.nodes
    parents = plan.parents
    first_checkin: date | None = None
    for checkin in progress.checkins.values():
        if checkin.deleted or checkin.roadmap != roadmap_id:
            continue
        day = checkin.date
        hours_by_day[day] = hours_by_day.get(day, 0.0) + checkin.hours
        if first_checkin is None or day < first_checkin:
            first_checkin = day
        node_id = checkin.node if checkin.node in parents else plan.node_at_or_after(day)
        while node_id is not None:
            logged[node_id] = logged.get(node_id, 0.0) + checkin.hours
            node_id = parents.get(node_id)
    hours_by_day = dict(sorted(hours_by_day.items()))
    hours_total = sum(hours_by_day.values(), 0.0)
    streak, longest = _streaks([d for d in hours_by_day if d <= today], cal, today)

    monday = monday_of(today)
    hours_this_week = sum(hours_by_day.get(monday + timedelta(days=i), 0.0) for i in range(7))
    target_days = cal.count(max(monday, plan.start), min(sunday, plan.end))
    target_hours = plan.hours_per_day * target_days

    # forecast from the last four weeks
    forecast: Forecast | None = None
    for leaf in plan.untracked:
        if leaf.end > today:
            later = cal.count(max(leaf.start, today + _ONE_DAY), leaf.end)
            remaining += leaf.hours * later / max(cal.count(leaf.start, leaf.end), 1)
    if remaining <= _EPS and tracked:
        finish = _done_day(last_changed, day_start) if last_changed else today
        forecast = Forecast(finish, finish, plan.end)
    else:
        opened = min(plan.start, first_checkin) if first_checkin else plan.start
        first = max(window_first, opened)
        study_days = max(cal.count(first, today), 1)
        logged_in_window = sum(h for d, h in hours_by_day.items() if first <= d <= today)
        projected = [
            _finish_at(cal, today, remaining, rate / study_days)
            for rate in (logged_in_window, done_in_window)
            if rate > _EPS and first <= today
        ]
        finishes = [day for day in projected if day is not None]
        if finishes:
            forecast = Forecast(min(finishes), max(finishes), plan.end)

    # per node and per week
    node_hours = {
        node_id: (node_plan.hours, logged.get(node_id, 0.0))
        for node_id, node_plan in node_index.items()
    }
    week_hours: dict[date, tuple[float, float]] = {
        week: (hours, 0.0) for week, hours in plan.week_hours.items()
    }
    for day, hours in hours_by_day.items():
        week = monday_of(day)
        planned, got = week_hours.get(week, (0.0, 0.0))
        week_hours[week] = (planned, got + hours)
    week_hours = dict(sorted(week_hours.items()))

    return Status(
        roadmap_id=roadmap_id,
        today=today,
        current=plan.node_at_or_after(today),
        due=due,
        overdue=overdue,
        behind_days=behind_days,
        streak=streak,
        longest_streak=longest,
        hours_this_week=hours_this_week,
        target_hours_this_week=target_hours,
        hours_total=hours_total,
        projected_finish=forecast,
        hours_by_day=hours_by_day,
        blocked_by=_blocked_by(roadmap, rp),
        node_hours=node_hours,
        counts=counts,
        percent=percent,
        week_hours=week_hours,
        done=done_ids,
        plan=plan,
    )


def _blocked_by(roadmap: Roadmap, rp: RoadmapProgress) -> dict[str, list[str]]:
    """Nodes not done whose prerequisite nodes are not done, in document order."""
    wanted = [n for n in roadmap.walk() if n.prerequisites]
    if not wanted:
        return {}
    index = roadmap.node_index()
    complete: dict[str, bool] = {}

    def is_complete(node_id: str) -> bool:
        if node_id not in complete:
            done, total = node_done(index[node_id], rp)
            complete[node_id] = done >= total
        return complete[node_id]

    blocked: dict[str, list[str]] = {}
    for node in wanted:
        if is_complete(node.id):
            continue
        missing = [p for p in node.prerequisites if p in index and not is_complete(p)]
        if missing:
            blocked[node.id] = missing
    return blocked
