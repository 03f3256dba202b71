"""Sizing: every sequential node's interval of work hours from the start of the plan.

A document's "week" or "month" is an amount of work: a document week is the
roadmap's stated hours a week. Nothing here knows dates; ``plan`` turns hours into
study days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from syllabus.model.roadmap import Node, Roadmap, Role, Span, Unit
from syllabus.model.units import WEEK_HOURS

DEFAULT_ITEM_HOURS = 3.0
"""Hours of work assumed for a checkable item when the document gives no timing at all."""

DEFAULT_HOURS_PER_WEEK = 10.0
"""Pace assumed when neither the enrolment nor the roadmap states one."""

MOST_NODE_HOURS = 1e7
"""Any timing is read as at most this many hours (a thousand years of full-time work),
so that a roadmap stating "Week 10^12" or "inf hours" still gives finite sums."""

EPS = 1e-7
"""Work hours closer than this are equal."""

SHORTEST_SHARE = 0.5
"""A plan its timing makes shorter than this share of the length the roadmap states for
the whole ("a 2-year curriculum") is stretched to that length: a check on the timing
read, never a reason to shorten a plan or to move what the document places."""

# tuples, not sets: membership then tests identity first, while a set hashes the enum
# member, which runs Python code (measured: a third of the roadmap analysis)
SEQUENTIAL = (Role.PHASE, Role.SECTION, Role.MILESTONE)
_UNIT_DAYS = tuple((unit, unit.days) for unit in Unit)
_MODES = ("hours", "duration", "position", "items")
_PREFERENCE = {
    "hours": ("hours", "duration", "position"),
    "duration": ("duration", "hours", "position"),
    "position": ("position", "duration", "hours"),
}


def bounded(hours: float) -> float:
    """Hours in [0, MOST_NODE_HOURS]; NaN (no number at all) is none."""
    if 0.0 <= hours <= MOST_NODE_HOURS:
        return hours
    return MOST_NODE_HOURS if hours > MOST_NODE_HOURS else 0.0


def _days(span: Span) -> int:
    """Days in one unit of a span (``Unit.days`` without hashing the member)."""
    unit = span.unit
    for member, days in _UNIT_DAYS:
        if member is unit:
            return days
    return unit.days


class WorkSpan(NamedTuple):
    """An interval of work hours from the start of the plan."""

    start: float
    end: float


class Size(NamedTuple):
    """A node's natural size, before any parent shares its own timing out."""

    hours: float
    timed: bool
    """Whether the size comes from the document's timing (not from item estimates)."""
    timed_children: bool
    """Whether some non-milestone child is timed (then the children size the parent)."""


class Layout:
    """Work intervals (hours from the start of the plan) for every sequential node."""

    __slots__ = ("mode", "estimate", "week_hours", "spans", "estimated", "sizes")

    def __init__(self, mode: str, estimate: str, week_hours: float) -> None:
        self.mode = mode
        self.estimate = estimate
        self.week_hours = week_hours
        self.spans: dict[str, WorkSpan] = {}
        """Placed sequential nodes."""
        self.estimated: dict[str, bool] = {}
        """Whether a placed node's interval is an estimate, not the document's timing."""
        self.sizes: dict[str, Size] = {}
        """Measured nodes."""

    def _unit_hours(self, span: Span) -> float:
        return _days(span) / 7 * self.week_hours

    def _own(self, node: Node, kind: str) -> float | None:
        """The size of a node's own timing of one kind, in work hours."""
        timing = node.timing
        if kind == "hours" and timing.hours is not None:
            return bounded(timing.hours.pick(self.estimate))
        if kind == "duration" and timing.duration is not None:
            span = timing.duration
            return bounded(bounded(span.pick(self.estimate)) * self._unit_hours(span))
        if kind == "position" and timing.position is not None:
            span = timing.position
            return bounded(bounded(span.high - span.low + 1) * self._unit_hours(span))
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

    def position_span(self, node: Node) -> WorkSpan | None:
        """Absolute work interval of a node's position, in position mode."""
        span = node.timing.position
        if self.mode != "position" or span is None:
            return None
        unit_hours = self._unit_hours(span)
        low = bounded(bounded(span.low - 1) * unit_hours)
        return WorkSpan(low, max(bounded(bounded(span.high) * unit_hours), low))

    def measure(self, node: Node) -> Size:
        """The node's natural size, measured once."""
        cached = self.sizes.get(node.id)
        if cached is not None:
            return cached
        if node.role is Role.MILESTONE:
            hours = node.timing.hours
            timed = hours is not None
            picked = bounded(hours.pick(self.estimate)) if hours is not None else 0.0
            size = Size(picked if self.mode != "items" else 0.0, timed, False)
        else:
            size = self._measure_parent(node)
        self.sizes[node.id] = size
        return size

    def _measure_parent(self, node: Node) -> Size:
        children = [c for c in node.children if c.role in SEQUENTIAL]
        sizes = [self.measure(c) for c in children]
        timed_children = any(
            s.timed for s, c in zip(sizes, children, strict=True) if c.role is not Role.MILESTONE
        )
        if children and timed_children:
            return Size(sum(s.hours for s in sizes), True, True)
        own = self.own_size(node)
        if own is not None:
            return Size(own, True, False)
        if children:
            return Size(sum(s.hours for s in sizes), False, False)
        return Size(items_estimate(node), False, False)

    def lay_out(self, roadmap: Roadmap) -> None:
        """Place every sequential node; in items mode, stretched to the stated length,
        in hours and duration mode stretched to it when far shorter (``SHORTEST_SHARE``)."""
        scale = 1.0
        if self.mode in ("items", "hours", "duration"):
            total = (
                stated_length(roadmap, self.estimate, self.week_hours)
                if self.mode == "items"
                else whole_length(roadmap, self.estimate, self.week_hours)
            )
            natural = sum(self.measure(n).hours for n in roadmap.nodes if n.role in SEQUENTIAL)
            if total is not None and natural > EPS:
                if self.mode == "items" or natural < total * SHORTEST_SHARE:
                    scale = total / natural
        self._place(roadmap.nodes, 0.0, scale, self.mode == "items")

    def _place(
        self, nodes: Sequence[Node], cursor: float, scale: float, inherited_estimate: bool
    ) -> float:
        """Place sequential nodes one after another from ``cursor``; returns the new cursor."""
        for node in nodes:
            if node.role not in SEQUENTIAL:
                continue
            size = self.measure(node)
            span = self._interval(node, size.hours * scale, cursor)
            estimated = inherited_estimate or (not size.timed and node.role is not Role.MILESTONE)
            children = [c for c in node.children if c.role in SEQUENTIAL]
            if children:
                span = self._place_children(node, children, span, scale, estimated)
            self.spans[node.id] = span
            self.estimated[node.id] = estimated
            cursor = max(cursor, span.end)
        return cursor

    def _interval(self, node: Node, hours: float, cursor: float) -> WorkSpan:
        """Where a node's own work goes: at its position, after its prerequisites (a
        milestone), else at the cursor."""
        absolute = self.position_span(node)
        if node.role is Role.MILESTONE:
            ends = [self.spans[p].end for p in node.prerequisites if p in self.spans]
            if absolute is not None:
                anchor = absolute.end
            else:
                anchor = max(ends) if ends else cursor
            return WorkSpan(anchor, anchor + hours)
        if absolute is None:
            return WorkSpan(cursor, cursor + hours)
        if absolute.end - absolute.start < EPS and hours > 0:
            return WorkSpan(absolute.start, absolute.start + hours)
        return absolute

    def _place_children(
        self, node: Node, children: list[Node], span: WorkSpan, scale: float, estimated: bool
    ) -> WorkSpan:
        """Place the children inside their parent's span; returns the span covering both.

        A parent sized by its own timing shares it among its untimed children by their
        natural sizes.
        """
        timed_children = self.sizes[node.id].timed_children
        natural = sum(self.measure(c).hours for c in children)
        if not timed_children and natural > EPS:
            scale = (span.end - span.start) / natural
        child_end = self._place(children, span.start, scale, estimated or not timed_children)
        placed = [self.spans[c.id] for c in children if c.id in self.spans]
        if not placed:
            return span
        return WorkSpan(
            min(span.start, min(s.start for s in placed)),
            max(span.end, child_end, max(s.end for s in placed)),
        )


def items_estimate(node: Node) -> float:
    """Hours of a node's own checkable items: their stated hours, else a default each."""
    total = 0.0
    for item in node.items:
        if item.checkable and not item.optional:
            total += bounded(item.hours) if item.hours is not None else DEFAULT_ITEM_HOURS
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
        if not any(c.role in SEQUENTIAL for c in node.children):
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
        if node.role in SEQUENTIAL:
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
            weeks = bounded(timing.duration.pick(estimate)) * _days(timing.duration) / 7
            longest = weeks if longest is None else max(longest, weeks)
        if timing.position is not None:
            weeks = bounded(timing.position.high) * _days(timing.position) / 7
            last = weeks if last is None else max(last, weeks)
    found = longest if longest is not None else last
    if found is None or found <= 0:
        return whole_length(roadmap, estimate, week_hours)
    return bounded(found * week_hours)


def whole_length(roadmap: Roadmap, estimate: str, week_hours: float) -> float | None:
    """Hours of the length the roadmap states for the whole plan (``Roadmap.length``:
    "about 2 years", "A 9-Week Course"), if it states one."""
    span = roadmap.length
    if span is None:
        return None
    weeks = bounded(span.pick(estimate)) * _days(span) / 7
    return bounded(weeks * week_hours) if weeks > 0 else None


def document_week_hours(roadmap: Roadmap, estimate: str, fallback: float) -> float:
    """Hours of work in one of the document's weeks: its stated pace, else the learner's."""
    hours = roadmap.pace.study_week(estimate)[0]
    return min(hours, WEEK_HOURS) if hours is not None and hours > 0 else fallback
