"""Progress subcommands: start, use, pause, done/undone/skip/doing, checkin, log, note,
add, undo, redo, backups.

Each reads the progress file once and writes through ``ProgressFile.update`` (lock,
re-read, change, atomic write, one undo step). Item and node ids accept unique
prefixes; an unknown id exits 2 naming the closest matches; a damaged or unwritable
file exits 1 (the damaged file is moved aside first, byte for byte).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from syllabus.cli import Context, FileProblem, UsageError
from syllabus.model import progress as pm
from syllabus.model.ids import UnknownId, resolve
from syllabus.model.units import WEEKDAYS, default_rest_days
from syllabus.storage.progress_file import ProgressError, ProgressFile

if TYPE_CHECKING:
    from datetime import datetime

    from syllabus.model.roadmap import Roadmap

_STATES = {
    "done": pm.ItemState.DONE,
    "undone": pm.ItemState.TODO,
    "skip": pm.ItemState.SKIPPED,
    "doing": pm.ItemState.DOING,
}


def _note(line: str) -> None:
    print(f"syllabus: {line}", file=sys.stderr)


def _open(ctx: Context, writing: bool = True) -> tuple[ProgressFile, pm.Progress]:
    """The progress file and its progress; a damaged or (for writes) newer file stops here."""
    pf = ctx.opened(ProgressFile(ctx.data_dir))
    loaded = pf.load()
    if loaded.damaged:
        raise FileProblem(loaded.problems[-1])
    for problem in loaded.problems:
        if not (loaded.read_only and writing):
            _note(problem)
    if loaded.read_only and writing:
        raise FileProblem(loaded.problems[-1])
    return pf, loaded.progress


def _update(pf: ProgressFile, change: Callable[[pm.Progress], pm.Progress]) -> pm.Progress:
    try:
        return pf.update(change)
    except ProgressError as error:
        raise FileProblem(str(error)) from None


def _catalog_id(wanted: str, ctx: Context, progress: pm.Progress | None = None) -> str:
    """A roadmap id from the catalog (unique prefixes too), else one the progress knows."""
    from syllabus import catalog

    try:
        return catalog.resolve_roadmap_id(wanted, ctx.data_dir)
    except UnknownId as error:
        if progress is not None and wanted in progress.roadmaps:
            return wanted
        raise UsageError(str(error)) from None


def _roadmap(roadmap_id: str, ctx: Context) -> Roadmap:
    from syllabus import catalog

    try:
        return catalog.load_roadmap(roadmap_id, ctx.data_dir)
    except UnknownId as error:
        raise UsageError(str(error)) from None
    except (catalog.RoadmapFileError, OSError, ValueError) as error:
        raise FileProblem(str(error)) from None


def _current(args: argparse.Namespace, ctx: Context, progress: pm.Progress) -> str:
    """The roadmap a command is about: ``--roadmap``, else the active one."""
    wanted = getattr(args, "roadmap", None)
    if wanted:
        return _catalog_id(wanted, ctx, progress)
    active = progress.settings.active_roadmap
    if not active:
        raise UsageError("no active roadmap: run `syllabus start ID` first, or pass --roadmap ID")
    return active


def _resolve(wanted: str, ids: Iterable[str], what: str) -> str:
    try:
        return resolve(wanted, ids, what)
    except UnknownId as error:
        raise UsageError(str(error)) from None


def _item_ids(roadmap: Roadmap, rp: pm.RoadmapProgress) -> list[str]:
    """Ids a learner can tick: the roadmap's checkable items and their own items."""
    ids = [item.id for _, item in roadmap.items() if item.checkable]
    return ids + [item.id for item in rp.live_own_items()]


def _today(ctx: Context, progress: pm.Progress) -> date:
    return ctx.today(progress.settings.day_start_hour)


def _report_orphans(roadmap: Roadmap, rp: pm.RoadmapProgress) -> None:
    known = set(roadmap.node_index()) | {item.id for _, item in roadmap.items()}
    lost = pm.orphans(rp, known)
    if lost:
        shown = ", ".join(lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
        _note(f"{len(lost)} saved states refer to ids {roadmap.id} no longer has (kept): {shown}")


# --- enrolment -------------------------------------------------------------------------


def _rest_days(text: str) -> list[str]:
    days = []
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        short = part.strip().lower()[:3]
        if short not in WEEKDAYS:
            raise UsageError(f"not a weekday: {part!r} (use mon,tue,wed,thu,fri,sat,sun)")
        if short not in days:
            days.append(short)
    if len(days) > 6:
        raise UsageError("at least one weekday must be a study day")
    return days


def cmd_start(args: argparse.Namespace, ctx: Context) -> int:
    """Enrol in a roadmap (defaults: today and the roadmap's stated pace) and make it active."""
    pf, progress = _open(ctx)
    roadmap_id = _catalog_id(args.id, ctx)
    roadmap = _roadmap(roadmap_id, ctx)
    old = progress.roadmap(roadmap_id).enrolment
    estimate = args.estimate or (old.estimate if old else "mid")
    hours, days, rest = roadmap.pace.study_week(estimate)
    if args.days_per_week is not None and not 1 <= args.days_per_week <= 7:
        raise UsageError(f"days per week must be between 1 and 7, got {args.days_per_week}")
    if args.rest_days is not None:
        rest_days = _rest_days(args.rest_days)
        days_per_week = args.days_per_week or 7 - len(rest_days)
    elif args.days_per_week is not None:
        days_per_week = args.days_per_week
        rest_days = default_rest_days(days_per_week)
    elif old is not None:
        days_per_week, rest_days = old.days_per_week, old.rest_days
    else:
        days_per_week = days or 6
        rest_days = rest if rest is not None else default_rest_days(days_per_week)
    if args.hours_per_week is not None:
        hours_per_week = args.hours_per_week
    elif old is not None:
        hours_per_week = old.hours_per_week
    else:
        hours_per_week = hours if hours is not None else 10.0
    start = args.on or (old.start if old else _today(ctx, progress))

    def change(p: pm.Progress) -> pm.Progress:
        current = p.roadmap(roadmap_id).enrolment
        enrolment = pm.Enrolment(
            start=start,
            hours_per_week=hours_per_week,
            days_per_week=days_per_week,
            rest_days=rest_days,
            estimate=estimate,
            pauses=current.pauses if current else [],
            replans=current.replans if current else [],
            finished=current.finished if current else None,
            updated=_now(),
        )
        return pm.enrol(p, roadmap_id, enrolment)

    progress = _update(pf, change)
    rest_text = ",".join(rest_days) or "none"
    print(
        f"{'updated' if old else 'enrolled in'} {roadmap_id}: from {start.isoformat()}, "
        f"{hours_per_week:g} h/week, {days_per_week} days/week, rest {rest_text}, "
        f"estimate {estimate}; now active"
    )
    _report_orphans(roadmap, progress.roadmap(roadmap_id))
    return 0


def _now() -> datetime:
    """Record times come from the real clock (``SYLLABUS_TODAY`` only moves the day)."""
    from syllabus.clock import now

    return now()


def cmd_use(args: argparse.Namespace, ctx: Context) -> int:
    """Switch the active roadmap."""
    pf, progress = _open(ctx)
    roadmap_id = _catalog_id(args.id, ctx, progress)
    progress = _update(pf, lambda p: pm.set_active(p, roadmap_id, _now()))
    enrolled = progress.roadmap(roadmap_id).enrolment is not None
    hint = "" if enrolled else f" (not enrolled yet: `syllabus start {roadmap_id}`)"
    print(f"active roadmap: {roadmap_id}{hint}")
    return 0


def _enrolment(progress: pm.Progress, roadmap_id: str) -> pm.Enrolment:
    enrolment = progress.roadmap(roadmap_id).enrolment
    if enrolment is None:
        raise UsageError(f"not enrolled in {roadmap_id}: run `syllabus start {roadmap_id}` first")
    return enrolment


def cmd_pause(args: argparse.Namespace, ctx: Context) -> int:
    """Add days off (a vacation) to an enrolment; one day, today, by default."""
    pf, progress = _open(ctx)
    roadmap_id = _current(args, ctx, progress)
    _enrolment(progress, roadmap_id)
    start = args.start or _today(ctx, progress)
    end = args.end or start
    if end < start:
        raise UsageError(f"--until {end.isoformat()} is before --from {start.isoformat()}")

    def change(p: pm.Progress) -> pm.Progress:
        enrolment = _enrolment(p, roadmap_id)
        pauses = [*enrolment.pauses, pm.Pause(start=start, end=end)]
        pauses.sort(key=lambda x: (x.start, x.end))
        updated = replace(enrolment, pauses=pauses, updated=_now())
        rp = replace(p.roadmap(roadmap_id), enrolment=updated)
        return replace(p, roadmaps={**p.roadmaps, roadmap_id: rp})

    _update(pf, change)
    days = (end - start).days + 1
    print(f"{roadmap_id}: {days} day{'s' if days != 1 else ''} off, {start} to {end}")
    return 0


# --- items -----------------------------------------------------------------------------


def cmd_state(args: argparse.Namespace, ctx: Context) -> int:
    """Mark items done, todo again, skipped or in progress."""
    state = _STATES[args.command]
    pf, progress = _open(ctx)
    roadmap_id = _current(args, ctx, progress)
    roadmap = _roadmap(roadmap_id, ctx)
    pool = _item_ids(roadmap, progress.roadmap(roadmap_id))
    ids = list(dict.fromkeys(_resolve(w, pool, "item") for w in args.item_ids))

    def change(p: pm.Progress) -> pm.Progress:
        when = _now()
        for item_id in ids:
            p = pm.set_item_state(p, roadmap_id, item_id, state, when)
        return p

    _update(pf, change)
    for item_id in ids:
        print(f"{state.value}: {item_id}")
    return 0


def cmd_note(args: argparse.Namespace, ctx: Context) -> int:
    """Set (or, with empty text, remove) the note on an item or a node."""
    pf, progress = _open(ctx)
    roadmap_id = _current(args, ctx, progress)
    roadmap = _roadmap(roadmap_id, ctx)
    rp = progress.roadmap(roadmap_id)
    pool = list(roadmap.node_index()) + [item.id for _, item in roadmap.items()]
    pool += [item.id for item in rp.live_own_items()]
    target = _resolve(args.target, pool, "item or node")
    text = pm.clean_text(args.text).strip()
    _update(pf, lambda p: pm.set_note(p, roadmap_id, target, text, _now()))
    print(f"note {'set on' if text else 'removed from'} {target}")
    return 0


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    """Add an own item (or, with --url, a link) to a node; prints its id."""
    pf, progress = _open(ctx)
    roadmap_id = _current(args, ctx, progress)
    roadmap = _roadmap(roadmap_id, ctx)
    node_id = _resolve(args.node, list(roadmap.node_index()), "node")
    text = pm.clean_text(args.text).strip()
    if not text:
        raise UsageError("the text of an own item cannot be empty")
    url = pm.clean_text(args.url).strip() if args.url else None
    added: list[str] = []

    def change(p: pm.Progress) -> pm.Progress:
        p, item_id = pm.add_own_item(p, roadmap_id, node_id, text, _now(), url=url or None)
        added[:] = [item_id]
        return p

    _update(pf, change)
    print(added[0])
    return 0


# --- check-ins -------------------------------------------------------------------------


def _planned_node(
    roadmap: Roadmap, progress: pm.Progress, roadmap_id: str, day: date
) -> str | None:
    """The node the plan has for a day, when the schedule can say."""
    enrolment = progress.roadmap(roadmap_id).enrolment
    if enrolment is None:
        return None
    try:
        from syllabus.model.schedule import build_plan

        return build_plan(roadmap, enrolment, progress.roadmap(roadmap_id)).node_on(day)
    except Exception:  # noqa: BLE001 - a plan problem must not stop a check-in
        return None


def cmd_checkin(args: argparse.Namespace, ctx: Context) -> int:
    """Log a study session (prints its id), edit one (--replace) or remove one (--delete)."""
    pf, progress = _open(ctx)
    if args.delete:
        if args.replace:
            raise UsageError("--delete and --replace cannot be used together")
        return _delete_checkin(pf, progress, args.delete)
    old = None
    if args.replace:
        live = [c.id for c in progress.checkins.values() if not c.deleted]
        old = progress.checkins[_resolve(args.replace, live, "check-in")]
    if args.hours is None and old is None:
        raise UsageError("checkin: --hours H is required (0-24, e.g. 1.5)")
    if args.roadmap:
        roadmap_id = _catalog_id(args.roadmap, ctx, progress)
    elif old is not None:
        roadmap_id = old.roadmap
    else:
        roadmap_id = _current(args, ctx, progress)
    roadmap = _roadmap(roadmap_id, ctx)
    day = args.day or (old.date if old else _today(ctx, progress))
    items = [
        _resolve(w, _item_ids(roadmap, progress.roadmap(roadmap_id)), "item") for w in args.items
    ]
    items = list(dict.fromkeys(items))
    if args.node:
        node: str | None = _resolve(args.node, list(roadmap.node_index()), "node")
    elif old is not None and not args.roadmap:
        node = old.node
    else:
        node = _planned_node(roadmap, progress, roadmap_id, day)
    now = _now()
    checkin = pm.CheckIn(
        id=old.id if old else pm.new_checkin_id(),
        date=day,
        hours=args.hours if args.hours is not None else old.hours,  # type: ignore[union-attr]
        note=pm.clean_text(args.note).strip()
        if args.note is not None
        else (old.note if old else ""),
        roadmap=roadmap_id,
        node=node,
        items=items if (args.items or old is None) else old.items,  # type: ignore[union-attr]
        created=old.created if old else now,
        updated=now,
    )

    def change(p: pm.Progress) -> pm.Progress:
        if checkin.id in p.checkins and old is None:
            raise UsageError("check-in id clash; please try again")
        p = pm.put_checkin(p, checkin)
        for item_id in items:
            p = pm.set_item_state(p, roadmap_id, item_id, pm.ItemState.DONE, now)
        return p

    _update(pf, change)
    print(checkin.id)
    return 0


def _delete_checkin(pf: ProgressFile, progress: pm.Progress, wanted: str) -> int:
    live = [c.id for c in progress.checkins.values() if not c.deleted]
    checkin_id = _resolve(wanted, live, "check-in")
    _update(pf, lambda p: pm.delete_checkin(p, checkin_id, _now()))
    print(f"deleted check-in {checkin_id}")
    return 0


def cmd_log(args: argparse.Namespace, ctx: Context) -> int:
    """List check-ins, oldest first."""
    _, progress = _open(ctx, writing=False)
    roadmap_id = _catalog_id(args.roadmap, ctx, progress) if args.roadmap else None
    checkins = [
        c
        for c in progress.live_checkins(roadmap_id)
        if (args.start is None or c.date >= args.start) and (args.end is None or c.date <= args.end)
    ]
    if args.format == "json":
        rows = [
            {
                "id": c.id,
                "date": c.date.isoformat(),
                "hours": c.hours,
                "note": c.note,
                "roadmap": c.roadmap,
                "node": c.node,
                "items": list(c.items),
            }
            for c in checkins
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not checkins:
        print("no check-ins yet")
        return 0
    for c in checkins:
        where = f"  {c.node}" if c.node else ""
        items = f"  ({len(c.items)} item{'s' if len(c.items) != 1 else ''})" if c.items else ""
        first = c.note.splitlines()[0] if c.note else ""
        note = f"  {first}" if first else ""
        print(f"{c.date.isoformat()}  {c.hours:4.1f} h  {c.id}  {c.roadmap}{where}{items}{note}")
    total = sum(c.hours for c in checkins)
    print(f"{len(checkins)} check-ins, {total:g} hours")
    return 0


# --- undo, redo, backups ---------------------------------------------------------------


def _travel(ctx: Context, direction: str) -> int:
    pf, _ = _open(ctx)
    try:
        result = pf.undo() if direction == "undo" else pf.redo()
    except ProgressError as error:
        raise FileProblem(str(error)) from None
    if result is None:
        print(f"nothing to {direction}")
    else:
        print(f"{'undid' if direction == 'undo' else 'redid'}: {pf.last_step}")
    return 0


def cmd_undo(args: argparse.Namespace, ctx: Context) -> int:
    """Undo this machine's last change, whichever process made it."""
    return _travel(ctx, "undo")


def cmd_redo(args: argparse.Namespace, ctx: Context) -> int:
    """Redo the change last undone."""
    return _travel(ctx, "redo")


def cmd_backups(args: argparse.Namespace, ctx: Context) -> int:
    """List backups, newest first, or restore one (the current file is kept as a backup)."""
    from syllabus.storage.backups import list_backups

    found = list_backups(ctx.data_dir)
    if args.restore:
        name = _resolve(args.restore, [b.name for b in found], "backup")
        pf = ProgressFile(ctx.data_dir)
        try:
            pf.restore(name)
        except ProgressError as error:
            raise FileProblem(str(error)) from None
        print(f"restored {name}; the previous file is kept in {ctx.data_dir / 'backups'}")
        return 0
    if not found:
        print("no backups yet (one is made each day the progress file changes)")
        return 0
    for backup in found:
        when = backup.modified.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{backup.name}  {when}  {backup.size / 1024:.1f} KB")
    return 0
