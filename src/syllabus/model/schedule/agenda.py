"""Today's agenda: what to do now, in order, for one roadmap or for all of them.

Overdue items first (planned before today, still open), then the items planned for
today, then — filling the day's planned hours, and never empty while work remains —
the next items of the plan, labelled "ahead"; then the review cards due today. Items
are the tracked ones (checkable, not optional, scheduled); an item's hours are its
share of its node's hours.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from syllabus.model.progress import (
    Enrolment,
    ItemState,
    Progress,
    RoadmapProgress,
    split_instance,
)
from syllabus.model.roadmap import Item, Node, Roadmap
from syllabus.model.rules import choose_roadmap
from syllabus.model.schedule.layout import EPS
from syllabus.model.schedule.plan import DatedItem, PlacedLeaf, Plan, build_plan, default_enrolment

Why = Literal["overdue", "today", "ahead", "review"]

_LOOK_AHEAD_DAYS = 14
"""Days of the plan first searched for the next items (doubled until enough are found)."""


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One thing to do."""

    roadmap_id: str
    item_id: str
    """The item's id (a review card's, ``why == "review"``)."""
    node_id: str
    text: str
    """The item's text (cleaned as it entered the model)."""
    hours: float
    """The item's planned hours: its share of its node's hours."""
    why: Why


def roadmap_agenda(
    roadmap: Roadmap,
    progress: Progress,
    roadmap_id: str,
    today: date,
    plan: Plan | None = None,
) -> list[AgendaEntry]:
    """Overdue items, today's items, then the next ones ("ahead") up to the day's
    planned hours (a study day's worth when nothing else is listed; at least one)."""
    rp = progress.roadmap(roadmap_id)
    if plan is None:
        plan = build_plan(roadmap, rp.enrolled or default_enrolment(roadmap, today), rp)
    index = _items(roadmap)
    overdue: list[DatedItem] = []
    planned_today: list[DatedItem] = []
    today_hours = 0.0
    for item in _dated(plan, today):
        if item.day < today:
            if _open(rp, item.item_id):
                overdue.append(item)
        elif item.day == today:
            today_hours += item.hours
            if _open(rp, item.item_id):
                planned_today.append(item)
    entries = [_entry(roadmap_id, index, i, "overdue") for i in overdue]
    entries += [_entry(roadmap_id, index, i, "today") for i in planned_today]
    day_hours = plan.day_hours(today)
    budget = day_hours - today_hours
    if not entries:
        budget = max(budget, day_hours or plan.hours_per_day)
    for item in _next_items(plan, rp, today):
        if budget <= EPS and entries:
            break
        entries.append(_entry(roadmap_id, index, item, "ahead"))
        budget -= item.hours
    return entries + review_entries(roadmap, progress, roadmap_id, today, plan)


def review_entries(
    roadmap: Roadmap, progress: Progress, roadmap_id: str, today: date, plan: Plan
) -> list[AgendaEntry]:
    """Today's due reviews (``model.review.queue``): why ``review``, the card's id, its
    minutes as hours; none on a rest or pause day (they move to the next study day)."""
    from syllabus.model import review

    rp = progress.roadmap(roadmap_id)
    if not rp.cards and not rp.items:
        return []
    day_start = progress.settings.day_start_hour
    found = review.cards(roadmap, rp, plan.calendar, day_start)
    return [
        AgendaEntry(roadmap_id, card.id, card.node_id, card.prompt, card.minutes / 60, "review")
        for card in review.queue(found, plan.calendar, today).due
    ]


def day_agenda(
    roadmaps: Mapping[str, Roadmap], progress: Progress, today: date
) -> list[AgendaEntry]:
    """The agendas of every enrolled roadmap not paused today, the active one first
    (``on_agenda``: ``roadmaps`` needs only those)."""
    active = choose_roadmap(progress)
    ids = sorted(roadmaps, key=lambda rid: (rid != active, rid))
    entries: list[AgendaEntry] = []
    for roadmap_id in ids:
        if on_agenda(progress.roadmap(roadmap_id).enrolled, today):
            entries += roadmap_agenda(roadmaps[roadmap_id], progress, roadmap_id, today)
    return entries


def on_agenda(enrolment: Enrolment | None, today: date) -> bool:
    """Whether a roadmap's work is on the day's agenda: enrolled, neither archived nor
    finished, not paused today. Callers read only these roadmaps for ``day_agenda``."""
    if enrolment is None or enrolment.archived or enrolment.finished is not None:
        return False
    return not any(p.start <= today <= p.end for p in enrolment.pauses)


def pick_next(entries: Sequence[AgendaEntry], minutes: float | None) -> list[AgendaEntry]:
    """What fits in ``minutes``, in agenda order (an entry too long is passed over); the
    first entry when ``minutes`` is None or nothing fits."""
    if not entries:
        return []
    if minutes is None:
        return [entries[0]]
    left = minutes / 60
    picked = []
    for entry in entries:
        if entry.hours <= left + EPS:
            picked.append(entry)
            left -= entry.hours
    return picked or [entries[0]]


# --- helpers --------------------------------------------------------------------------


def _open(rp: RoadmapProgress, item_id: str) -> bool:
    record = rp.items.get(item_id)
    if record is None:
        return True
    state = record.state
    return state is not ItemState.DONE and state is not ItemState.SKIPPED


_INDEXES: dict[int, tuple[Roadmap, dict[str, tuple[Node, Item]]]] = {}


def _items(roadmap: Roadmap) -> dict[str, tuple[Node, Item]]:
    """The roadmap's items by id, cached: roadmaps are immutable."""
    hit = _INDEXES.get(id(roadmap))
    if hit is not None and hit[0] is roadmap:
        return hit[1]
    if len(_INDEXES) >= 16:
        _INDEXES.clear()
    index = roadmap.item_index()
    _INDEXES[id(roadmap)] = (roadmap, index)
    return index


def _entry(
    roadmap_id: str, index: dict[str, tuple[Node, Item]], item: DatedItem, why: Why
) -> AgendaEntry:
    hit = index.get(item.item_id)
    if hit is None:  # a recurring item's instance, ITEM_ID@N
        hit = index[split_instance(item.item_id)[0]]
    node, found = hit
    return AgendaEntry(roadmap_id, item.item_id, node.id, found.text, item.hours, why)


def _dated(plan: Plan, today: date) -> Iterator[DatedItem]:
    """The tracked items of the units that reach today or before, in document order."""
    table = plan.table
    per_day = plan.hours_per_day
    for unit in plan.units:
        if isinstance(unit, PlacedLeaf):
            if unit.plan.start > today or table is None:
                continue
            items: Iterator[DatedItem] | tuple[DatedItem, ...] = unit.dated_items(table, per_day)
        else:
            items = unit.items
        for item in items:
            if not item.optional and item.day <= today:
                yield item


def _next_items(plan: Plan, rp: RoadmapProgress, today: date) -> Iterator[DatedItem]:
    """Open tracked items planned after today, by day then document order; the plan is
    searched a fortnight at a time."""
    table = plan.table
    per_day = plan.hours_per_day
    first = today
    span = _LOOK_AHEAD_DAYS
    while first <= plan.end:
        last = first + timedelta(days=span)
        found: list[tuple[date, int, DatedItem]] = []
        order = 0
        for unit in plan.units:
            if isinstance(unit, PlacedLeaf):
                if unit.plan.end <= first or unit.plan.start > last or table is None:
                    continue
                items: Iterator[DatedItem] | tuple[DatedItem, ...] = unit.dated_items(
                    table, per_day
                )
            else:
                items = unit.items
            for item in items:
                order += 1
                if not item.optional and first < item.day <= last and _open(rp, item.item_id):
                    found.append((item.day, order, item))
        found.sort(key=lambda entry: (entry[0], entry[1]))
        for _, _, item in found:
            yield item
        first, span = last, span * 2
