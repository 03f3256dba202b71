"""A re-import applied to the learner's records: states, notes, own items and check-in
links follow their items and nodes to their new ids; removed items are kept aside.

Pure: ``rekey`` returns a new ``Progress``; storage writes it as one undo step. The
mapping comes from ``importer.reimport`` (the model never imports the importer).

Every record written carries ``when``. An id that is given up (its item moved away or
was removed) gets a todo state and a deleted note rather than nothing: a merge with a
copy that still has the old record then keeps the newer, empty one, so an old tick
cannot land on another item that later takes the id.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from syllabus.model.progress import (
    CheckIn,
    ItemRecord,
    ItemState,
    Note,
    OwnItem,
    Progress,
    RemovedItem,
    RoadmapProgress,
)


@dataclass(frozen=True)
class Rekey:
    """What a re-import changes in the records of one roadmap."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    """Old item or node id → the new ids it becomes (several for a split item)."""
    removed: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Old item id → (node id, text) for items the new roadmap no longer has."""
    returned: dict[str, str] = field(default_factory=dict)
    """Id of a removed item kept aside → the new item it comes back as."""


def rekey(progress: Progress, roadmap_id: str, change: Rekey, when: datetime) -> Progress:
    """``progress`` with one roadmap's records moved as ``change`` says (see the module)."""
    rp = progress.roadmap(roadmap_id)
    targets = {new for news in change.ids.values() for new in news}
    targets |= set(change.returned.values())
    items = dict(rp.items)
    notes = dict(rp.notes)
    removed = dict(rp.removed)

    def give_up(old: str) -> None:
        if old in targets:
            return
        record = rp.items.get(old)
        if record is not None and record.state is not ItemState.TODO:
            items[old] = ItemRecord(state=ItemState.TODO, updated=when)
        note = rp.notes.get(old)
        if note is not None and not note.deleted:
            notes[old] = replace(note, text="", deleted=True, updated=when)

    def clear(new: str) -> None:
        """An id that now names another item than before, which had nothing on it."""
        record = rp.items.get(new)
        if record is not None and record.state is not ItemState.TODO:
            items[new] = ItemRecord(state=ItemState.TODO, updated=when)
        note = rp.notes.get(new)
        if note is not None and not note.deleted:
            notes[new] = replace(note, text="", deleted=True, updated=when)

    for old, news in change.ids.items():
        record, note = rp.items.get(old), rp.notes.get(old)
        for new in news:
            clear(new)
            if record is not None:
                items[new] = replace(record, updated=when)
            if note is not None and not note.deleted:
                notes[new] = replace(note, updated=when)
        give_up(old)
    for old, (node, text) in change.removed.items():
        kept = _kept_aside(rp, old, node, text, when)
        if kept is not None:
            removed[old] = kept
        give_up(old)
    _bring_back(rp, change.returned, (items, notes, removed), when)
    own_items = {key: _own(own, change.ids, when) for key, own in rp.own_items.items()}
    new_rp = replace(rp, items=items, notes=notes, own_items=own_items, removed=removed)
    checkins = {
        key: _checkin(c, change, when) if c.roadmap == roadmap_id else c
        for key, c in progress.checkins.items()
    }
    roadmaps = {**progress.roadmaps, roadmap_id: new_rp}
    return replace(progress, roadmaps=roadmaps, checkins=checkins)


def _bring_back(
    rp: RoadmapProgress,
    returned: dict[str, str],
    tables: tuple[dict[str, ItemRecord], dict[str, Note], dict[str, RemovedItem]],
    when: datetime,
) -> None:
    """Items kept aside that are back: their state and note on the new item."""
    items, notes, removed = tables
    for old, new in returned.items():
        aside = rp.removed.get(old)
        if aside is None or aside.deleted:
            continue
        if aside.state is not ItemState.TODO:
            items[new] = ItemRecord(state=aside.state, updated=when, closed_at=aside.closed_at)
        if aside.note:
            notes[new] = Note(text=aside.note, updated=when)
        removed[old] = replace(aside, deleted=True, updated=when)


def _kept_aside(
    rp: RoadmapProgress, old: str, node: str, text: str, when: datetime
) -> RemovedItem | None:
    """What a removed item keeps: its state and note, if it had either."""
    record = rp.items.get(old)
    note = rp.note(old) or ""
    if (record is None or record.state is ItemState.TODO) and not note:
        return None
    return RemovedItem(
        node=node,
        text=text,
        state=record.state if record else ItemState.TODO,
        closed_at=record.closed_at if record else None,
        note=note,
        updated=when,
    )


def _own(own: OwnItem, ids: dict[str, list[str]], when: datetime) -> OwnItem:
    news = ids.get(own.node)
    if not news or news[0] == own.node:
        return own
    return replace(own, node=news[0], updated=when)


def _checkin(checkin: CheckIn, change: Rekey, when: datetime) -> CheckIn:
    """A check-in's links to items and its node, at their new ids."""

    def moved(item_id: str) -> str:
        news = change.ids.get(item_id)
        return news[0] if news else change.returned.get(item_id, item_id)

    items = [moved(i) for i in checkin.items]
    node = checkin.node
    if node is not None and change.ids.get(node):
        node = change.ids[node][0]
    if items == checkin.items and node == checkin.node:
        return checkin
    return replace(checkin, items=items, node=node, updated=when)
