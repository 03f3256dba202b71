"""The outline: everything about a roadmap's plan that depends neither on dates nor on
progress, worked out once per roadmap and pace (roadmaps are immutable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from syllabus.model.roadmap import Item, Node, Roadmap, Role, choose_track
from syllabus.model.schedule.layout import (
    DEFAULT_ITEM_HOURS,
    MOST_NODE_HOURS,
    SEQUENTIAL,
    Layout,
    bounded,
    choose_mode,
    items_estimate,
)


class SpreadItem(NamedTuple):
    """A checkable item of a parent or side track, and the hours it stands for."""

    item_id: str
    hours: float
    """Its stated hours, else the default (studied alongside: none, see ``_place_alongside``)."""
    optional: bool
    until: str | None = None
    """Studied alongside main-plan nodes: the node at whose end it is due."""
    since: str | None = None
    """Studied alongside main-plan nodes: the leaf that work starts with."""


class Recurring(NamedTuple):
    """A recurring item: one instance a plan week of its node's span (``plan.py``)."""

    item_id: str
    node_id: str
    """The span whose plan weeks get an instance: its node's (a background node: the
    plan's), or the main-plan node it is studied alongside (seed 004's "Later: Dockerfile,
    model card, CI setup" recurs over block 4's weeks 13-16 only)."""
    hours: float
    """Planned hours of each instance: its stated hours, else none (see ``instances``)."""
    optional: bool


class Hull(NamedTuple):
    """A sequential parent: its dates span those of its scheduled children."""

    node_id: str
    children: tuple[str, ...]
    estimated: bool


class Background(NamedTuple):
    """A side track or habit: it runs alongside the whole plan."""

    hours: float
    weekly: bool
    """Whether the hours are per week (a habit) rather than for the whole plan."""


class Spread(NamedTuple):
    """A parent's or side track's own items, spread evenly over its work."""

    node_id: str
    items: tuple[SpreadItem, ...]
    start: float = 0.0
    """Work hours from the start of the plan to its work's start: a parent's first leaf's,
    a side track's the plan's."""
    end: float = 0.0
    """To its work's end: a parent's last leaf's, a side track's the plan's."""


@dataclass(slots=True)
class Leaf:
    """A sequential node without sequential children: what the calendar places."""

    node_id: str
    start: float
    """Work hours from the start of the plan to its start."""
    end: float
    estimated: bool
    # its checkable items, a column each (thousands of small records would cost more
    # than the whole analysis)
    item_ids: tuple[str, ...]
    through: tuple[float, ...]
    """Share of the leaf's work done once the item and those before it are."""
    shares: tuple[float, ...]
    """The item's share of the leaf's work."""
    optional: tuple[bool, ...]
    settled_by: tuple[str, ...]
    """Checkable, non-optional item ids: the leaf is done when all are settled. These
    are the items the status tracks."""


@dataclass(slots=True)
class Outline:
    """A roadmap's plan before any dates: its leaves, parents, background and items."""

    mode: str
    """What sized the nodes (see ``choose_mode``)."""
    leaves: list[Leaf] = field(default_factory=list)
    parents: dict[str, str | None] = field(default_factory=dict)
    """Parent node id by node id, for every node of the roadmap."""
    depth: dict[str, int] = field(default_factory=dict)
    """Depth of every scheduled node."""
    order: list[str] = field(default_factory=list)
    """Scheduled node ids (sequential and background) in document order."""
    hulls: list[Hull] = field(default_factory=list)
    """Sequential parents, children first."""
    background: dict[str, Background] = field(default_factory=dict)
    """Side-track and habit nodes by id."""
    spread: list[Spread] = field(default_factory=list)
    units: list[Leaf | str] = field(default_factory=list)
    """Leaves and spread node ids in document order: where tracked items come from."""
    checkable_ids: list[str] = field(default_factory=list)
    """Every checkable roadmap item, in document order."""
    checkable_optional: list[bool] = field(default_factory=list)
    """Whether each one is optional."""
    alongside: dict[str, str] = field(default_factory=dict)
    """Item id → the main-plan nodes it is studied alongside ("a" or "a..b"), as written."""
    recurring: list[Recurring] = field(default_factory=list)
    """Recurring items (``Item.recurring``), in document order: the plan gives them
    instances; they are neither a leaf's nor a spread group's items."""


_OUTLINES: dict[tuple[int, str, float, str | None], tuple[Roadmap, Outline]] = {}


def outline(
    roadmap: Roadmap, estimate: str, week_hours: float, track: str | None = None
) -> Outline:
    """The outline of a roadmap on one track, cached: roadmaps are immutable.

    A roadmap with alternative tracks is planned on one of them, never their sum:
    ``track`` (the enrolment's choice), else the first track in document order, as
    ``syllabus start`` without ``--track`` enrols; a stored choice the roadmap no longer
    offers (a re-import renamed it) falls back to the first track too.
    """
    key = (id(roadmap), estimate, week_hours, track)
    hit = _OUTLINES.get(key)
    if hit is not None and hit[0] is roadmap:
        return hit[1]
    result = _analyse(followed_track(roadmap, track), estimate, week_hours)
    if len(_OUTLINES) >= 16:  # a few roadmaps are in use at once; start afresh
        _OUTLINES.clear()
    _OUTLINES[key] = (roadmap, result)
    return result


def followed_track(roadmap: Roadmap, track: str | None) -> Roadmap:
    """The roadmap as the plan follows it: ``track``'s nodes, else the first track's."""
    try:
        return choose_track(roadmap, track)
    except ValueError:
        return choose_track(roadmap, None)


def _analyse(roadmap: Roadmap, estimate: str, week_hours: float) -> Outline:
    layout = Layout(choose_mode(roadmap), estimate, week_hours)
    layout.lay_out(roadmap)
    builder = _Builder(layout)
    stack: list[tuple[Node, str | None, int, str]] = [
        (n, None, 0, "") for n in reversed(roadmap.nodes)
    ]
    while stack:
        node, parent, level, kind = stack.pop()
        kind = builder.visit(node, parent, level, kind)
        for child in reversed(node.children):
            stack.append((child, node.id, level + 1, kind))
    builder.result.hulls.reverse()  # children before their parents
    _place_alongside(builder.result)
    _spread_work(builder.result)
    return builder.result


def _spread_work(result: Outline) -> None:
    """The work each spread group's items share: a parent's leaves', a side track's the
    whole plan's."""
    spans = {leaf.node_id: (leaf.start, leaf.end) for leaf in result.leaves}
    whole = (0.0, max([0.0, *(leaf.end for leaf in result.leaves)]))
    for hull in result.hulls:  # children first
        kids = [spans[c] for c in hull.children if c in spans]
        if kids:
            spans[hull.node_id] = (min(k[0] for k in kids), max(k[1] for k in kids))
    result.spread = [
        group._replace(
            start=(
                span := whole
                if group.node_id in result.background
                else spans.get(group.node_id, (0.0, 0.0))
            )[0],
            end=span[1],
        )
        for group in result.spread
    ]


def _kind(role: Role, inherited: str) -> str:
    """What a node is for the plan: "appendix" (never planned, wherever it sits),
    "side-track" or "habit" (alongside; inherited by descendants) or "" (sequential)."""
    if role is Role.APPENDIX:
        return "appendix"
    if inherited:
        return inherited
    if role is Role.SIDE_TRACK:
        return "side-track"
    if role is Role.HABIT:
        return "habit"
    return ""


class _Builder:
    """Collects the outline one node at a time, in document order."""

    __slots__ = ("layout", "result")

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.result = Outline(layout.mode)

    def visit(self, node: Node, parent: str | None, level: int, inherited: str) -> str:
        """Record one node; returns its kind, which its children inherit."""
        result = self.result
        result.parents[node.id] = parent
        kind = _kind(node.role, inherited)
        own = [item for item in node.items if item.checkable]
        if any(item.recurring for item in own):
            if kind != "appendix":
                result.recurring += [
                    Recurring(
                        i.id,
                        i.alongside or node.id,
                        bounded(i.hours) if i.hours else 0.0,
                        i.optional,
                    )
                    for i in own
                    if i.recurring
                ]
            own = [item for item in own if not item.recurring]
        result.checkable_ids += [item.id for item in own]
        result.checkable_optional += [item.optional for item in own]
        if kind != "habit" and kind != "appendix":
            result.alongside.update({i.id: i.alongside for i in own if i.alongside})
        if kind != "appendix" and (kind or node.id in self.layout.spans):
            self._schedule(node, level, kind, own)
        return kind

    def _schedule(self, node: Node, level: int, kind: str, own: list[Item]) -> None:
        result, layout = self.result, self.layout
        node_id = node.id
        result.depth[node_id] = level
        result.order.append(node_id)
        children = tuple(
            [c.id for c in node.children if c.role in SEQUENTIAL and c.id in layout.spans]
        )
        if kind:
            size = layout.own_size(node)
            if kind == "habit":
                result.background[node_id] = Background(size or 0.0, True)
            else:
                hours = size if size is not None else items_estimate(node)
                result.background[node_id] = Background(hours, False)
        elif not children:
            span = layout.spans[node_id]
            leaf = _leaf(node_id, span.start, span.end, layout.estimated[node_id], own)
            result.leaves.append(leaf)
            result.units.append(leaf)
        else:
            result.hulls.append(Hull(node_id, children, layout.estimated[node_id]))
        if own and kind != "habit" and (kind or children):
            result.units.append(node_id)
            stated = tuple(
                SpreadItem(
                    i.id,
                    bounded(i.hours) if i.hours is not None else DEFAULT_ITEM_HOURS,
                    i.optional,
                )
                for i in own
            )
            result.spread.append(Spread(node_id, stated))


def _leaf(node_id: str, start: float, end: float, estimated: bool, items: list[Item]) -> Leaf:
    """A leaf and its items' shares of its work: their stated hours, else an equal share
    (the mean of the stated ones); an optional item without stated hours takes none (it
    is extra and holds no week open), unless nothing else takes any."""
    most = MOST_NODE_HOURS  # checked here, not by calling bounded(): ten thousand items
    hours = [i.hours for i in items]
    stated = [0.0 if h is None else h if 0.0 <= h <= most else bounded(h) for h in hours]
    given = [w for w in stated if w > 0]
    default = (sum(given) / len(given)) if given else 1.0
    weights = [
        w if w > 0 else 0.0 if i.optional and i.hours is None else default
        for w, i in zip(stated, items, strict=True)
    ]
    total = sum(weights)
    if total <= 0:
        weights = [1.0] * len(weights)
        total = float(len(weights))
    ids = [i.id for i in items]
    optional = [i.optional for i in items]
    return Leaf(
        node_id,
        start,
        end,
        estimated,
        item_ids=tuple(ids),
        through=tuple([w / total for w in accumulate(weights)]),
        shares=tuple([w / total for w in weights]),
        optional=tuple(optional),
        settled_by=tuple([i for i, o in zip(ids, optional, strict=True) if not o]),
    )


def _under(parents: dict[str, str | None], node_id: str, ancestor: str) -> bool:
    """Whether a node is the ancestor or below it."""
    current: str | None = node_id
    while current is not None:
        if current == ancestor:
            return True
        current = parents.get(current)
    return False


def _run(result: Outline, spec: str) -> tuple[list[Leaf], str] | None:
    """The leaves from the first under ``a`` to the last under ``b`` ("a..b", or "a" for
    both) in document order, and the node at whose end the run is due; None when it
    names nothing scheduled."""
    first, _, last = spec.partition("..")
    first, last = first.strip(), (last or first).strip()
    if last not in result.depth:
        return None
    leaves, parents = result.leaves, result.parents
    starts = [n for n, leaf in enumerate(leaves) if _under(parents, leaf.node_id, first)]
    ends = [n for n, leaf in enumerate(leaves) if _under(parents, leaf.node_id, last)]
    if not starts or not ends or max(ends) < min(starts):
        return None
    return leaves[min(starts) : max(ends) + 1], last


def _place_alongside(result: Outline) -> None:
    """Items studied alongside main-plan nodes are due at the end of that work, and their
    hours are inside it, not added: the weeks that follow a course already hold its hours
    ("Month 3-4 Total: 95-115 hours" holds Andrew Ng's 60), so the item is the checkpoint
    on that work and takes no planned hours of its own (the plan ends on the same day, and
    the bright line keeps rising with the weeks' items, not by 60 hours on one day). An
    optional one keeps its stated hours, as an optional item of a week does."""
    wanted = result.alongside
    if not wanted:
        return
    runs = {spec: _run(result, spec) for spec in set(wanted.values())}
    result.spread = [
        group._replace(items=tuple(_studied(item, wanted, runs) for item in group.items))
        for group in result.spread
    ]


def _studied(
    item: SpreadItem,
    wanted: dict[str, str],
    runs: dict[str, tuple[list[Leaf], str] | None],
) -> SpreadItem:
    """A spread item as studied alongside its run, if it names one that is scheduled."""
    spec = wanted.get(item.item_id)
    run = runs.get(spec) if spec is not None else None
    if spec is None or run is None:
        return item
    hours = item.hours if item.optional else 0.0
    return item._replace(hours=hours, until=run[1], since=run[0][0].node_id)
