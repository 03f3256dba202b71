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
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from syllabus.cli.context import Context, FileProblem, UsageError, note
from syllabus.locale import N_, _, ngettext
from syllabus.model import progress as pm
from syllabus.model import rules
from syllabus.model.ids import UnknownId, resolve
from syllabus.storage.progress_file import ProgressError, ProgressFile

if TYPE_CHECKING:
    from datetime import datetime

    from syllabus.model.roadmap import Roadmap


ESTIMATES = {"low": N_("low"), "mid": N_("mid"), "high": N_("high")}
"""An enrolment's estimate as a command names it (the option's words in English)."""


def _update(pf: ProgressFile, change: Callable[[pm.Progress], pm.Progress]) -> pm.Progress:
    try:
        return pf.update(change)
    except ProgressError as error:
        raise FileProblem(str(error)) from None


def _resolve(wanted: str, ids: Iterable[str], what: str) -> str:
    try:
        return resolve(wanted, ids, what)
    except UnknownId as error:
        raise UsageError(str(error)) from None


def _item_ids(roadmap: Roadmap, rp: pm.RoadmapProgress) -> list[str]:
    """Ids a learner can tick: the roadmap's checkable items and their own items."""
    ids = [item.id for _, item in roadmap.items() if item.checkable]
    return ids + [item.id for item in rp.live_own_items()]


def _tickable(
    roadmap: Roadmap, progress: pm.Progress, roadmap_id: str, wanted: Iterable[str], today: date
) -> list[str]:
    """The ids a learner ticks, each by a unique prefix: an item, an own item, or a
    recurring item's instance ``ITEM_ID@N`` (plan week N); a recurring item named
    without ``@N`` is this week's instance."""
    wanted = list(wanted)
    if not wanted:  # a check-in that ticks nothing: no id pool to build
        return []
    rp = progress.roadmap(roadmap_id)
    pool = _item_ids(roadmap, rp)
    recurring = {item.id for _, item in roadmap.items() if item.recurring}
    found: list[str] = []
    instances: dict[str, tuple[str, ...]] | None = None
    week = 0
    for text in wanted:
        base, number = pm.split_instance(text)
        item_id = _resolve(base, pool, N_("item"))
        if item_id not in recurring:
            if number is not None:
                message = _("{id} does not recur: it has no weekly instances (drop @{week})")
                raise UsageError(message.format(id=item_id, week=number))
            found.append(item_id)
            continue
        if instances is None:
            from syllabus.model.schedule import build_plan, default_enrolment

            plan = build_plan(roadmap, rp.enrolled or default_enrolment(roadmap, today), rp)
            instances, week = plan.instances, plan.week_number(today)
        found.append(_instance(item_id, number or week, instances.get(item_id, ())))
    return found


def _instance(item_id: str, week: int, instances: tuple[str, ...]) -> str:
    """A recurring item's instance in plan week ``week``, else a usage error naming its
    weeks."""
    wanted = pm.instance_id(item_id, week)
    if wanted in instances:
        return wanted
    weeks = [pm.split_instance(i)[1] for i in instances]
    span = f"{weeks[0]}–{weeks[-1]}" if weeks else "–"
    message = _("{id} has no instance in plan week {week} (its weeks: {weeks}); name one as {id}@N")
    raise UsageError(message.format(id=item_id, week=week, weeks=span))


def _today(ctx: Context, progress: pm.Progress) -> date:
    return ctx.today(progress.settings.day_start_hour)


def _report_orphans(roadmap: Roadmap, rp: pm.RoadmapProgress) -> None:
    known = set(roadmap.node_index()) | {item.id for _, item in roadmap.items()}
    lost = pm.orphans(rp, known)
    if lost:
        shown = ", ".join(lost[:5])
        if len(lost) > 5:
            shown += " " + _("and {n} more").format(n=len(lost) - 5)
        note(
            ngettext(
                "{n} saved state refers to an id {id} no longer has (kept): {ids}",
                "{n} saved states refer to ids {id} no longer has (kept): {ids}",
                len(lost),
            ).format(n=len(lost), id=roadmap.id, ids=shown)
        )


# --- enrolment -------------------------------------------------------------------------


def _weekday_hours(
    args: argparse.Namespace, roadmap: Roadmap, old: pm.Enrolment | None
) -> dict[str, float]:
    """Hours by weekday: typed, else (unless a uniform pace or rest days were typed) the
    enrolment's, else the routine the roadmap states; {} for the same hours every day."""
    typed: dict[str, float] | None = getattr(args, "weekday_hours", None)
    uniform = (args.hours_per_week, args.days_per_week, args.rest_days)
    if typed:
        if any(value is not None for value in uniform):
            raise UsageError(
                _(
                    "--weekday-hours sets the hours a week and the rest days: "
                    "leave out --hours-per-week, --days-per-week and --rest-days"
                )
            )
        return typed
    if any(value is not None for value in uniform):
        return {}
    if old is not None:
        return old.weekday_hours
    return dict(roadmap.pace.weekday_hours)


def _pace(
    args: argparse.Namespace, roadmap: Roadmap, old: pm.Enrolment | None
) -> tuple[float, int, list[str], pm.Estimate]:
    """Hours a week, study days a week, rest days and estimate: what was typed, else what
    the enrolment had, else the roadmap's stated pace."""
    estimate = args.estimate or (old.estimate if old else "mid")
    hours, days, rest = roadmap.pace.study_week(estimate)
    if args.days_per_week is not None and not 1 <= args.days_per_week <= 7:
        raise UsageError(
            _("days per week must be between 1 and 7, got {n}").format(n=args.days_per_week)
        )
    if args.rest_days is not None:
        rest_days: list[str] = args.rest_days
        days_per_week = args.days_per_week or 7 - len(rest_days)
    elif args.days_per_week is not None:
        days_per_week = args.days_per_week
        rest_days = rules.default_rest_days(days_per_week)
    elif old is not None:
        days_per_week, rest_days = old.days_per_week, old.rest_days
    else:
        days_per_week = days or 6
        rest_days = rest if rest is not None else rules.default_rest_days(days_per_week)
    if args.hours_per_week is not None:
        hours_per_week: float = args.hours_per_week
    elif old is not None:
        hours_per_week = old.hours_per_week
    else:
        hours_per_week = hours if hours is not None else 10.0
    return hours_per_week, days_per_week, rest_days, estimate


def cmd_start(args: argparse.Namespace, ctx: Context) -> int:
    """Enrol in a roadmap (defaults: today and the roadmap's stated pace) and make it active."""
    pf, progress = ctx.open_progress(writing=True)
    roadmap_id = ctx.roadmap_id(progress, args.id)
    roadmap = ctx.roadmap(roadmap_id)
    old = progress.roadmap(roadmap_id).enrolled
    hours_per_week, days_per_week, rest_days, estimate = _pace(args, roadmap, old)
    weekday_hours = _weekday_hours(args, roadmap, old)
    if weekday_hours:  # they decide the week (the enrolment's one rule)
        weekday_hours = rules.normalise_weekday_hours(weekday_hours)
        hours_per_week, rest_days = rules.weekday_hours_week(weekday_hours)
        days_per_week = 7 - len(rest_days)
    start = args.on or (old.start if old else _today(ctx, progress))
    from syllabus.cli import enrolment_options

    track = enrolment_options.track(args, roadmap, old)

    def change(p: pm.Progress) -> pm.Progress:
        current = p.roadmap(roadmap_id).enrolled
        enrolment = pm.Enrolment(
            start=start,
            hours_per_week=hours_per_week,
            days_per_week=days_per_week,
            rest_days=rest_days,
            weekday_hours=weekday_hours,
            estimate=estimate,
            pauses=current.pauses if current else [],
            replans=current.replans if current else [],
            finished=current.finished if current else None,
            track=track,
            updated=_now(),
        )
        return enrolment_options.accept(args, pm.enrol(p, roadmap_id, enrolment), roadmap)

    before = progress
    progress = _update(pf, change)
    enrolment_options.report(args, before, progress, roadmap)
    rest_text = rules.weekdays_text(rest_days, ",") or _("none")
    line = (
        _(
            "updated {id}: from {start}, {hours} h/week, {days} days/week, rest {rest}, "
            "estimate {estimate}; now active"
        )
        if old
        else _(
            "enrolled in {id}: from {start}, {hours} h/week, {days} days/week, rest {rest}, "
            "estimate {estimate}; now active"
        )
    )
    print(
        line.format(
            id=roadmap_id,
            start=start.isoformat(),
            hours=f"{hours_per_week:g}",
            days=days_per_week,
            rest=rest_text,
            estimate=_(ESTIMATES[estimate]),
        )
    )
    if weekday_hours:
        print(_("hours by weekday: {days}").format(days=rules.weekday_hours_text(weekday_hours)))
    _report_orphans(roadmap, progress.roadmap(roadmap_id))
    return 0


def _now() -> datetime:
    """Record times come from the real clock (``SYLLABUS_TODAY`` only moves the day)."""
    from syllabus.clock import now

    return now()


def cmd_use(args: argparse.Namespace, ctx: Context) -> int:
    """Switch the active roadmap."""
    pf, progress = ctx.open_progress(writing=True)
    roadmap_id = ctx.roadmap_id(progress, args.id)
    progress = _update(pf, lambda p: pm.set_active(p, roadmap_id, _now()))
    enrolled = progress.roadmap(roadmap_id).enrolled is not None
    if enrolled:
        print(_("active roadmap: {id}").format(id=roadmap_id))
    else:
        print(
            _("active roadmap: {id} (not enrolled yet: `syllabus start {id}`)").format(
                id=roadmap_id
            )
        )
    return 0


def _enrolment(progress: pm.Progress, roadmap_id: str) -> pm.Enrolment:
    enrolment = progress.roadmap(roadmap_id).enrolled
    if enrolment is None:
        raise UsageError(
            _("not enrolled in {id}: run `syllabus start {id}` first").format(id=roadmap_id)
        )
    return enrolment


def cmd_pause(args: argparse.Namespace, ctx: Context) -> int:
    """Add days off (a vacation) to an enrolment; one day, today, by default."""
    pf, progress = ctx.open_progress(writing=True)
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    _enrolment(progress, roadmap_id)
    start = args.start or _today(ctx, progress)
    end = args.end or start
    if end < start:
        raise UsageError(
            _("--until {end} is before --from {start}").format(
                end=end.isoformat(), start=start.isoformat()
            )
        )

    def change(p: pm.Progress) -> pm.Progress:
        enrolment = _enrolment(p, roadmap_id)
        pauses = [*enrolment.pauses, pm.Pause(start=start, end=end)]
        pauses.sort(key=lambda x: (x.start, x.end))
        updated = replace(enrolment, pauses=pauses, updated=_now())
        rp = replace(p.roadmap(roadmap_id), enrolment=updated)
        return replace(p, roadmaps={**p.roadmaps, roadmap_id: rp})

    _update(pf, change)
    days = (end - start).days + 1
    print(
        ngettext(
            "{id}: {n} day off, {start} to {end}", "{id}: {n} days off, {start} to {end}", days
        ).format(id=roadmap_id, n=days, start=start, end=end)
    )
    return 0


# --- items -----------------------------------------------------------------------------


def cmd_state(args: argparse.Namespace, ctx: Context) -> int:
    """Mark items done, todo again, skipped or in progress (``args.state``, from the table)."""
    state = pm.ItemState(args.state)
    pf, progress = ctx.open_progress(writing=True)
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    today = _today(ctx, progress)
    ids = list(dict.fromkeys(_tickable(roadmap, progress, roadmap_id, args.item_ids, today)))
    if getattr(args, "optional", False):
        ids = list(dict.fromkeys([*ids, *_skippable(ctx, roadmap, progress, roadmap_id)]))
    elif not ids:
        raise UsageError(_("name the items (ITEM_ID …), or pass --optional"))

    def change(p: pm.Progress) -> pm.Progress:
        when = _now()
        for item_id in ids:
            p = pm.set_item_state(p, roadmap_id, item_id, state, when)
        return p

    _update(pf, change)
    for item_id in ids:
        print(f"{state.value}: {item_id}")
    return 0


def _skippable(ctx: Context, roadmap: Roadmap, progress: pm.Progress, roadmap_id: str) -> list[str]:
    """The optional items the behind options offer to skip (``skip --optional``)."""
    from syllabus.model.schedule import behind_options

    _enrolment(progress, roadmap_id)
    options = behind_options(roadmap, progress, roadmap_id, _today(ctx, progress))
    if options is None:
        raise UsageError(
            _("{id} is not behind the plan: name the items to skip").format(id=roadmap_id)
        )
    if not options.skippable:
        raise UsageError(_("no optional item is left to skip in {id}").format(id=roadmap_id))
    return options.skippable


def cmd_note(args: argparse.Namespace, ctx: Context) -> int:
    """Set (or, with empty text, remove) the note on an item or a node."""
    pf, progress = ctx.open_progress(writing=True)
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    rp = progress.roadmap(roadmap_id)
    pool = list(roadmap.node_index()) + [item.id for _, item in roadmap.items()]
    pool += [item.id for item in rp.live_own_items()]
    target = _resolve(args.target, pool, N_("item or node"))
    text = rules.clean_text(args.text).strip()
    _update(pf, lambda p: pm.set_note(p, roadmap_id, target, text, _now()))
    print((_("note set on {id}") if text else _("note removed from {id}")).format(id=target))
    return 0


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    """Add an own item (or, with --url, a link) to a node; prints its id."""
    pf, progress = ctx.open_progress(writing=True)
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    node_id = _resolve(args.node, list(roadmap.node_index()), N_("node"))
    text = rules.clean_text(args.text).strip()
    if not text:
        raise UsageError(_("the text of an own item cannot be empty"))
    url = rules.clean_text(args.url).strip() if args.url else None
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
    enrolment = progress.roadmap(roadmap_id).enrolled
    if enrolment is None:
        return None
    try:
        from syllabus.model.schedule import build_plan

        return build_plan(roadmap, enrolment, progress.roadmap(roadmap_id)).node_on(day)
    except Exception:  # noqa: BLE001 - a plan problem must not stop a check-in
        return None


def _checkin_node(
    args: argparse.Namespace,
    roadmap: Roadmap,
    progress: pm.Progress,
    old: pm.CheckIn | None,
    day: date,
) -> str | None:
    """``--node``, else the edited check-in's node (same roadmap), else the planned one."""
    if args.node:
        return _resolve(args.node, list(roadmap.node_index()), N_("node"))
    if old is not None and old.roadmap == roadmap.id:
        return old.node
    return _planned_node(roadmap, progress, roadmap.id, day)


def _live_checkin(progress: pm.Progress, wanted: str) -> str:
    return _resolve(wanted, [c.id for c in progress.checkins.values() if not c.deleted], "check-in")


def cmd_checkin(args: argparse.Namespace, ctx: Context) -> int:
    """Log a study session (prints its id), edit one (--replace) or remove one (--delete).

    The check-in is built by ``rules.build_checkin`` and saved by ``rules.check_in``, as
    the app's dialog does: an edit keeps its id and creation time.
    """
    pf, progress = ctx.open_progress(writing=True)
    if args.delete:
        if args.replace:
            raise UsageError(_("--delete and --replace cannot be used together"))
        return _delete_checkin(pf, progress, args.delete)
    old = progress.checkins[_live_checkin(progress, args.replace)] if args.replace else None
    if args.hours is None and old is None:
        raise UsageError(_("checkin: --hours H is required (e.g. 1,5 or 1:30)"))
    roadmap_id = ctx.roadmap_id(progress, args.roadmap or (old.roadmap if old else None))
    roadmap = ctx.roadmap(roadmap_id)
    today = _today(ctx, progress)
    day = args.day or (old.date if old else today)
    hours = args.hours if args.hours is not None else (old.hours if old else 0.0)
    text = args.note if args.note is not None else (old.note if old else "")
    problem = rules.checkin_problem(
        roadmap_id,
        progress.roadmap(roadmap_id).enrolled,
        day,
        hours,
        text,
        today,
        kept_date=old.date if old else None,
    )
    if problem is not None:
        raise UsageError(problem)
    items = _tickable(roadmap, progress, roadmap_id, args.items, today)
    checkin = rules.build_checkin(
        old,
        day=day,
        hours=hours,
        note=text,
        roadmap=roadmap_id,
        node=_checkin_node(args, roadmap, progress, old, day),
        items=items if (items or old is None) else old.items,
        when=_now(),
        activity=_activity(args, old),
    )

    def change(p: pm.Progress) -> pm.Progress:
        if old is None and checkin.id in p.checkins:
            raise UsageError(_("check-in id clash; please try again"))
        return rules.check_in(p, checkin)

    _update(pf, change)
    print(checkin.id)
    return 0


def _activity(args: argparse.Namespace, old: pm.CheckIn | None) -> str | None:
    """``--activity`` (an English key or a localised name, else an own name), else the
    edited check-in's."""
    typed = getattr(args, "activity", None)
    if typed is not None and typed.strip():
        from syllabus.model.activity import activity_key

        return activity_key(typed)
    return old.activity if old else None


def _delete_checkin(pf: ProgressFile, progress: pm.Progress, wanted: str) -> int:
    checkin_id = _live_checkin(progress, wanted)
    _update(pf, lambda p: pm.delete_checkin(p, checkin_id, _now()))
    print(_("deleted check-in {id}").format(id=checkin_id))
    return 0


def cmd_log(args: argparse.Namespace, ctx: Context) -> int:
    """List check-ins, oldest first."""
    progress = ctx.open_progress()[1]
    roadmap_id = ctx.catalog_id(args.roadmap, progress) if args.roadmap else None
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
                "activity": c.activity,
            }
            for c in checkins
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not checkins:
        print(_("no check-ins yet"))
        return 0
    for c in checkins:
        where = f"  {c.node}" if c.node else ""
        items = f"  ({len(c.items)} item{'s' if len(c.items) != 1 else ''})" if c.items else ""
        first = c.note.splitlines()[0] if c.note else ""
        note = f"  {first}" if first else ""
        print(f"{c.date.isoformat()}  {c.hours:4.1f} h  {c.id}  {c.roadmap}{where}{items}{note}")
    total = sum(c.hours for c in checkins)
    print(
        ngettext(
            "{n} check-in, {hours} hours", "{n} check-ins, {hours} hours", len(checkins)
        ).format(n=len(checkins), hours=f"{total:g}")
    )
    return 0


# --- undo, redo, backups ---------------------------------------------------------------


def _travel(ctx: Context, direction: str) -> int:
    pf = ctx.open_progress(writing=True)[0]
    try:
        result = pf.undo() if direction == "undo" else pf.redo()
    except ProgressError as error:
        raise FileProblem(str(error)) from None
    if result is None:
        print(_("nothing to undo") if direction == "undo" else _("nothing to redo"))
    elif direction == "undo":
        print(_("undid: {step}").format(step=pf.last_step))
    else:
        print(_("redid: {step}").format(step=pf.last_step))
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
        name = _resolve(args.restore, [b.name for b in found], N_("backup"))
        pf = ctx.progress_file()
        try:
            pf.restore(name)
        except ProgressError as error:
            raise FileProblem(str(error)) from None
        print(
            _("restored {name}; the previous file is kept in {folder}").format(
                name=name, folder=ctx.data_dir / "backups"
            )
        )
        return 0
    if not found:
        print(_("no backups yet (one is made each day the progress file changes)"))
        return 0
    for backup in found:
        when = backup.modified.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{backup.name}  {when}  {backup.size / 1024:.1f} KB")
    return 0
