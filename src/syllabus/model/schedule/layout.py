"""Sizing: every sequential node's interval of work hours, and the date-free analysis."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from syllabus.model.roadmap import Node, Roadmap, Role, Span, Unit

DEFAULT_ITEM_HOURS = 3.0
"""Hours of work assumed for a checkable item when the document gives no timing at all."""

DEFAULT_HOURS_PER_WEEK = 10.0
"""Pace assumed when neither the enrolment nor the roadmap states one."""

_EPS = 1e-7
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


def _days(span: Span) -> int:
    """Days in one unit of a span (``Unit.days`` without hashing the member)."""
    unit = span.unit
    for member, days in _UNIT_DAYS:
        if member is unit:
            return days
    return unit.days


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
