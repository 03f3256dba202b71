"""Checking in, for every screen that offers it: the dialog for a day, and its answer saved.

The main screen (``c``) and the calendar screen (a day, a listed check-in) both open the
same dialog and save through the store; the check-in itself is built by the model's one
rule (``rules.build_checkin``, ``rules.check_in``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from syllabus.clock import now, today
from syllabus.model.progress import ItemState, RoadmapProgress, study_day

if TYPE_CHECKING:
    from datetime import date

    from syllabus.model.schedule import Plan, Status
    from syllabus.tui.screens.checkin import CheckInDialog, CheckInDraft
    from syllabus.tui.session import Session
    from syllabus.tui.store import ProgressStore


def checked_in_text(hours: float, day: date) -> str:
    """The notice after a check-in: ``Checked in 1.5 h on Nov 23, 2026.`` (Babel's forms)."""
    from syllabus.locale import _
    from syllabus.locale.formats import format_date, format_hours

    return _("Checked in {hours} on {date}.").format(
        hours=format_hours(hours), date=format_date(day)
    )


def study_today(store: ProgressStore) -> date:
    """Today's study day, by the learner's day-start hour."""
    progress = store.progress
    return today(progress.settings.day_start_hour if progress else 4)


def current_node(
    session: Session, rp: RoadmapProgress, plan: Plan | None, status: Status | None, day: date
) -> str | None:
    """Today's planned node, else the first node with open work, else the first (any thread)."""
    if status is not None and status.current:
        return status.current
    if plan is not None:
        planned = plan.node_on(day)
        if planned:
            return planned
    first = None
    for node in session.roadmap.walk():
        first = first or node.id
        open_items = [
            item
            for item in node.items
            if item.checkable and rp.state(item.id) in (ItemState.TODO, ItemState.DOING)
        ]
        if open_items and session.is_scheduled(node.id):
            return node.id
    return first


def done_on(store: ProgressStore, day: date, ticked: Iterable[str] = ()) -> list[str]:
    """Items marked done on ``day``: ``ticked`` (this sitting's, in order), then the rest
    marked done that study day."""
    progress, session = store.progress, store.session
    if progress is None or session is None:
        return []
    rp = progress.roadmap(session.roadmap_id)
    hour = progress.settings.day_start_hour
    found = list(ticked) if day == study_today(store) else []
    seen = set(found)
    for item_id, record in rp.items.items():
        if record.state is not ItemState.DONE or item_id in seen:
            continue
        # A moment's own date is at most two days from its study day (offsets and the
        # day-start hour are under a day each): the rule is asked only near ``day``
        # (50,000 records: 250 ms -> ~15 ms before the dialog shows).
        if abs((record.updated.date() - day).days) > 2:
            continue
        if study_day(record.updated.astimezone(), hour) == day:
            found.append(item_id)
            seen.add(item_id)
    return [i for i in found if rp.state(i) is ItemState.DONE]


def dialog(
    store: ProgressStore,
    day: date,
    *,
    checkin_id: str | None = None,
    plan: Plan | None = None,
    ticked: Iterable[str] = (),
    node_id: str | None = None,
    tick: Iterable[str] = (),
    hours: float | None = None,
    activity: str | None = None,
    highlight: str | None = None,
) -> CheckInDialog | None:
    """The dialog for a new check-in on ``day`` (on ``node_id``, else the node planned
    that day; ``tick`` ticked besides the items done that day; ``hours`` and
    ``activity`` prefilled, the cursor on item ``highlight``), or to edit ``checkin_id``."""
    from syllabus.tui.screens.checkin import CheckInDialog

    progress, session = store.progress, store.session
    if progress is None or session is None:
        return None
    rp = progress.roadmap(session.roadmap_id)
    existing = progress.checkins.get(checkin_id) if checkin_id else None
    asked_node, asked_hours = node_id, hours
    nodes = [(node.id, node.title) for node in session.roadmap.walk()]
    if existing is not None:
        node_id, items, hours, note = (
            existing.node,
            list(existing.items),
            existing.hours,
            existing.note,
        )
        day = existing.date
        activity = existing.activity
    else:
        node_id = asked_node or (plan.node_on(day) if plan is not None else None)
        node_id = node_id or current_node(session, rp, plan, None, day)
        items, hours, note = done_on(store, day, ticked), asked_hours, ""
        items += [item_id for item_id in tick if item_id not in items]
    if node_id not in session.nodes:
        node_id = nodes[0][0] if nodes else None

    def items_for(node: str) -> list[tuple[str, str]]:
        return [(row.id, row.text) for row in session.rows(node, rp) if row.checkable]

    from syllabus.model.rules import checkin_problem

    check = partial(
        checkin_problem,
        session.roadmap_id,
        rp.enrolled,
        today=study_today(store),
        kept_date=existing.date if existing is not None else None,
    )

    return CheckInDialog(
        day=day,
        nodes=nodes,
        node_id=node_id,
        items_for=items_for,
        ticked=items,
        hours=hours,
        note=note,
        checkin_id=existing.id if existing else None,
        today=max(day, study_today(store)),
        check=check,
        activity=activity,
        highlight=highlight,
    )


def save(store: ProgressStore, draft: CheckInDraft) -> bool:
    """Save what the dialog answered (a new check-in or an edit); False if nothing to save."""
    from syllabus.model.rules import build_checkin, check_in

    progress, session = store.progress, store.session
    if progress is None or session is None:
        return False
    old = progress.checkins.get(draft.checkin_id) if draft.checkin_id else None
    checkin = build_checkin(
        old,
        day=draft.day,
        hours=draft.hours,
        note=draft.note,
        roadmap=session.roadmap_id,
        node=draft.node_id,
        items=draft.item_ids,
        when=now(),
        activity=draft.activity,
    )
    store.commit(check_in(progress, checkin))
    return True


def delete(store: ProgressStore, checkin_id: str) -> bool:
    """Remove a check-in (a tombstone, so another copy cannot revive it)."""
    from syllabus.model.progress import delete_checkin

    progress = store.progress
    if progress is None or checkin_id not in progress.checkins:
        return False
    store.commit(delete_checkin(progress, checkin_id, now()))
    return True
