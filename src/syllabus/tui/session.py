"""The open roadmap, indexed once for the views: parents, rows, counts, search text.

Built in a worker thread when a roadmap is opened, so the event loop never walks a
large roadmap. Pure Python over the model; nothing here touches Textual.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from syllabus.model.progress import Progress, RoadmapProgress, instance_id, split_instance
from syllabus.model.roadmap import Item, Node, Roadmap, Role
from syllabus.model.rules import Tally, tally
from syllabus.model.units import WEEKDAYS

if TYPE_CHECKING:
    from syllabus.model.schedule import Plan, Status

MAX_DAYS_OFF = 3660
"""A guard against a pause typed with the wrong year."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a node's checklist: a roadmap item or one of the learner's own."""

    id: str
    text: str
    kind: str
    checkable: bool
    optional: bool
    hours: float | None
    url: str | None
    own: bool
    depth: int = 0
    week: int | None = None
    """A recurring item's row: the plan week whose instance (``id`` is ``ITEM_ID@N``) it
    shows and ticks, this week's."""


class Session:
    """A roadmap with the indexes the tree, checklist and search need."""

    def __init__(self, roadmap: Roadmap, roadmap_id: str | None = None) -> None:
        self.roadmap = roadmap
        """The roadmap shown."""
        self.roadmap_id = roadmap_id or roadmap.id
        """The id progress is kept under."""
        self.nodes: dict[str, Node] = {}
        """Every node by id."""
        self.parent: dict[str, str | None] = {}
        """The parent node id of every node (None at the top)."""
        self.item_node: dict[str, str] = {}
        """The node id holding each roadmap item."""
        self.rows_by_node: Mapping[str, list[Row]] = _Rows(self.nodes)
        """The roadmap's own rows of each node (the learner's are added per call), made
        when a node's checklist is first asked for."""
        self.plan: Plan | None = None
        """The plan when the roadmap was opened (the screen keeps its own current one)."""
        self.status: Status | None = None
        """Today's status when the roadmap was opened."""
        self.marks: CalendarMarks | None = None
        """The calendar's marks when the roadmap was opened."""
        self._checkable_under: dict[str, list[tuple[str, bool]]] = {}
        self._recurring_under: dict[str, list[tuple[str, bool]]] = {}
        """Recurring items under each node: they count as the plan's instances."""
        self._own: tuple[object, dict[str, list[str]]] = (None, {})
        for top in roadmap.nodes:
            self._index(top, None)

    def _index(self, node: Node, parent: str | None) -> list[tuple[str, bool]]:
        self.nodes[node.id] = node
        self.parent[node.id] = parent
        under: list[tuple[str, bool]] = []
        recurring: list[tuple[str, bool]] = []
        item_node = self.item_node
        node_id = node.id
        for item in node.items:
            item_node[item.id] = node_id
            if item.checkable:
                (recurring if item.recurring else under).append((item.id, item.optional))
        for child in node.children:
            under.extend(self._index(child, node.id))
            recurring.extend(self._recurring_under.get(child.id, ()))
        self._checkable_under[node.id] = under
        if recurring:
            self._recurring_under[node.id] = recurring
        return under

    @property
    def instances(self) -> Mapping[str, Sequence[str]]:
        """The recurring items' instances by item id (``Plan.instances``; none unplanned)."""
        return self.plan.instances if self.plan is not None else {}

    def this_week(self, row: Row) -> Row:
        """A recurring item's row as this week's instance (else the next one, else the
        last): ticking it ticks ``ITEM_ID@N``. Any other row as it is."""
        ids = self.instances.get(row.id) if not row.own else None
        if not ids or self.plan is None:
            return row
        today = self.status.today if self.status is not None else self.plan.start
        start = self.plan.start
        # the plan week holding today (as ``schedule.recurring.week_of``: Mondays apart)
        week = (
            (today - timedelta(days=today.weekday())) - (start - timedelta(days=start.weekday()))
        ).days // 7 + 1
        weeks = [split_instance(i)[1] or 0 for i in ids]
        chosen = next((w for w in weeks if w >= week), weeks[-1])
        return replace(row, id=instance_id(row.id, chosen), week=chosen)

    def ancestors(self, node_id: str) -> list[str]:
        """The node and its ancestors, the node first."""
        chain = []
        current: str | None = node_id
        while current is not None:
            chain.append(current)
            current = self.parent.get(current)
        return chain

    def rows(self, node_id: str, rp: RoadmapProgress) -> list[Row]:
        """The checklist rows of a node: the roadmap's, then the learner's own."""
        own = [
            Row(
                id=item.id,
                text=item.text,
                kind="resource" if item.url else "task",
                checkable=True,
                optional=False,
                hours=None,
                url=item.url,
                own=True,
            )
            for item in rp.live_own_items(node_id)
        ]
        return [self.this_week(row) for row in self.rows_by_node.get(node_id, [])] + own

    def node_of(self, item_id: str, rp: RoadmapProgress) -> str | None:
        """The node holding an item, roadmap or own."""
        if item_id in self.item_node:
            return self.item_node[item_id]
        base, week = split_instance(item_id)
        if week is not None and base in self.item_node:
            return self.item_node[base]  # a recurring item's instance
        own = rp.own_items.get(item_id)
        return own.node if own else None

    def counted_items(self, node_id: str, rp: RoadmapProgress) -> Iterator[tuple[str, bool]]:
        """(item id, optional) of every checkable item under a node, own items included.

        The same items as ``rules.counted_items``, from the index built at open, so a
        label on a large roadmap never walks the tree.
        """
        yield from self._checkable_under.get(node_id, ())
        recurring = self._recurring_under.get(node_id)
        if recurring:  # counted as their instances, as ``rules.counted_items`` does
            weekly = self.instances
            for item_id, optional in recurring:
                for instance in weekly.get(item_id, ()):
                    yield instance, optional
        for item_id in self._own_under(rp).get(node_id, ()):
            yield item_id, False

    def _own_under(self, rp: RoadmapProgress) -> dict[str, list[str]]:
        """The learner's own items under each node, kept while ``rp.own_items`` is unchanged."""
        kept_for, under = self._own
        if kept_for is not rp.own_items:
            under = {}
            for item in rp.live_own_items():
                if item.node in self.nodes:
                    for node_id in self.ancestors(item.node):
                        under.setdefault(node_id, []).append(item.id)
            self._own = (rp.own_items, under)  # one assignment: safe to read from any thread
        return under

    def tally(self, node_id: str, rp: RoadmapProgress) -> Tally:
        """Done and total under a node, by the one counting rule (``rules.tally``)."""
        return tally(
            (rp.state(item_id), optional) for item_id, optional in self.counted_items(node_id, rp)
        )

    def is_scheduled(self, node_id: str) -> bool:
        """Appendices are reference material, never planned."""
        return all(self.nodes[n].role is not Role.APPENDIX for n in self.ancestors(node_id))

    def search_entries(self) -> Iterator[tuple[str, str, str | None]]:
        """(text, node id, item id or None) for every node and item, in document order."""
        for node in self.roadmap.walk():
            yield node.title, node.id, None
            for item in node.items:
                yield item.text, node.id, item.id

    def path_title(self, node_id: str) -> str:
        """The node's titles from the top down, for context in search results."""
        return " › ".join(self.nodes[n].title for n in reversed(self.ancestors(node_id)))

    def schedule(self, progress: Progress, today: date) -> tuple[Plan | None, Status | None]:
        """The plan and today's status, or (None, None) without an enrolment.

        Runs in worker threads: it is pure and fast, but never worth a frame.
        """
        rp = progress.roadmap(self.roadmap_id)
        if rp.enrolled is None:
            return None, None
        from syllabus.model.schedule import build_plan, compute_status

        plan = build_plan(self.roadmap, rp.enrolled, rp)
        return plan, compute_status(self.roadmap, progress, self.roadmap_id, today, plan)

    def calendar_marks(self, plan: Plan | None, rp: RoadmapProgress) -> CalendarMarks:
        """What the calendar shows besides hours: planned weeks, rest weekdays, days off."""
        planned: dict[date, str] = {}
        if plan is not None:
            monday = plan.start - timedelta(days=plan.start.weekday())
            while monday <= plan.end:
                for offset in range(7):
                    node_id = plan.node_on(monday + timedelta(days=offset))
                    if node_id is not None and node_id in self.nodes:
                        planned[monday] = self.nodes[node_id].title
                        break
                monday += timedelta(days=7)
        day_hours: dict[date, float] = {}
        due: dict[date, list[str]] = {}
        if plan is not None:
            for item_id, day in plan.item_due.items():
                due.setdefault(day, []).append(item_id)
            day = plan.start
            while day <= plan.end and len(day_hours) < MAX_DAYS_OFF:
                if plan.is_study_day(day):
                    day_hours[day] = plan.day_hours(day)
                day += timedelta(days=1)
        rest: frozenset[int] = frozenset()
        off: set[date] = set()
        if rp.enrolled is not None:
            rest = frozenset(WEEKDAYS.index(d) for d in rp.enrolled.rest_days if d in WEEKDAYS)
            for pause in rp.enrolled.pauses:
                day = pause.start
                while day <= pause.end and len(off) < MAX_DAYS_OFF:
                    off.add(day)
                    day += timedelta(days=1)
        due_by_day = {day: tuple(ids) for day, ids in due.items()}
        return CalendarMarks(planned, rest, frozenset(off), day_hours, due_by_day)


class _Rows(Mapping[str, list[Row]]):
    """The roadmap's own checklist rows by node id, each node's made when first asked
    for: opening a roadmap makes none (50,000 items: ~0.2 s of rows no screen showed)."""

    def __init__(self, nodes: Mapping[str, Node]) -> None:
        self._nodes = nodes
        self._made: dict[str, list[Row]] = {}

    def __getitem__(self, node_id: str) -> list[Row]:
        rows = self._made.get(node_id)
        if rows is None:
            rows = [_row(item) for item in self._nodes[node_id].items]
            self._made[node_id] = rows  # the same rows whichever thread made them first
        return rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


def _row(item: Item) -> Row:
    return Row(
        id=item.id,
        text=item.text,
        kind=str(item.kind),
        checkable=item.checkable,
        optional=item.optional,
        hours=item.hours,
        url=item.url,
        own=False,
        depth=item.depth,
    )


@dataclass(frozen=True)
class CalendarMarks:
    """The calendar's reactives besides hours, computed off the event loop."""

    planned: dict[date, str]
    """Monday → title of the node planned that week."""
    rest_weekdays: frozenset[int]
    """Weekdays off, 0 = Monday."""
    days_off: frozenset[date]
    """Days in pauses."""
    planned_hours: dict[date, float] = field(default_factory=dict)
    """Study day of the plan → the hours planned that day."""
    due_by_day: dict[date, tuple[str, ...]] = field(default_factory=dict)
    """Day → ids of the items planned for it, in document order."""
