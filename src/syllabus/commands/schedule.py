"""Schedule subcommands: status, today, replan and ics.

They read the progress file once (``replan`` writes through ``ProgressFile.update``),
build the plan with ``model.schedule`` and print it. ``status --format json`` is the
scripting interface: ISO dates, hours as numbers, ``null`` where there is nothing yet.
The iCalendar text is written here by hand (RFC 5545), so the runtime needs no library.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from syllabus.cli import Context, FileProblem, UsageError

if TYPE_CHECKING:
    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap
    from syllabus.model.schedule import Plan, Status
    from syllabus.storage.progress_file import ProgressFile

_LISTED = 10
"""Due and overdue items the text views show before "and N more"."""


def _note(line: str) -> None:
    print(f"syllabus: {line}", file=sys.stderr)


def _open(ctx: Context, writing: bool = False) -> tuple[ProgressFile, Progress]:
    """The progress file and its progress; a damaged (or, to write, newer) file stops here."""
    from syllabus.storage.progress_file import ProgressFile

    pf = ctx.opened(ProgressFile(ctx.data_dir))
    loaded = pf.load()
    if loaded.damaged:
        raise FileProblem(loaded.problems[-1])
    if loaded.read_only and writing:
        raise FileProblem(loaded.problems[-1])
    for problem in loaded.problems:
        _note(problem)
    return pf, loaded.progress


def _resolve_id(wanted: str, ctx: Context, progress: Progress) -> str:
    from syllabus import catalog
    from syllabus.model.ids import UnknownId

    try:
        return catalog.resolve_roadmap_id(wanted, ctx.data_dir)
    except UnknownId as error:
        raise UsageError(str(error)) from None


def _roadmap_id(args: argparse.Namespace, ctx: Context, progress: Progress) -> str | None:
    """``--roadmap``, else the active roadmap, else the only one enrolled in."""
    wanted = getattr(args, "roadmap", None)
    if wanted:
        return _resolve_id(wanted, ctx, progress)
    if progress.settings.active_roadmap:
        return progress.settings.active_roadmap
    enrolled = [rid for rid, rp in progress.roadmaps.items() if rp.enrolment is not None]
    return enrolled[0] if len(enrolled) == 1 else None


def _load(roadmap_id: str, ctx: Context) -> Roadmap:
    from syllabus import catalog
    from syllabus.model.ids import UnknownId

    try:
        return catalog.load_roadmap(roadmap_id, ctx.data_dir)
    except UnknownId as error:
        raise UsageError(str(error)) from None
    except catalog.RoadmapFileError as error:
        raise FileProblem(str(error)) from None


def _status(roadmap: Roadmap, progress: Progress, roadmap_id: str, today: date) -> Status:
    from syllabus.model.schedule import build_plan, compute_status, default_enrolment

    rp = progress.roadmap(roadmap_id)
    enrolment = rp.enrolment or default_enrolment(roadmap, today)
    plan = build_plan(roadmap, enrolment, rp)
    return compute_status(roadmap, progress, roadmap_id, today, plan)


def _hours(value: float) -> str:
    """Hours for people: 6.5, 13, 0.3."""
    return f"{round(value, 1):g}"


def _num(value: float) -> float:
    return round(value, 2)


def _item_rows(roadmap: Roadmap, ids: list[str]) -> list[dict[str, Any]]:
    index = roadmap.item_index()
    rows = []
    for item_id in ids:
        node, item = index[item_id]
        rows.append({"id": item_id, "text": item.text, "node": node.id})
    return rows


def status_json(roadmap: Roadmap, status: Status, enrolled: bool) -> dict[str, Any]:
    """The ``status --format json`` object."""
    plan = status.plan
    assert plan is not None
    nodes = roadmap.node_index()
    current = None
    if status.current is not None:
        current = {"id": status.current, "title": nodes[status.current].title}
    forecast = status.projected_finish
    return {
        "roadmap": status.roadmap_id,
        "title": roadmap.title,
        "today": status.today.isoformat(),
        "enrolled": enrolled,
        "start": plan.start.isoformat(),
        "planned_finish": plan.end.isoformat(),
        "estimated": plan.estimated,
        "week": plan.week_number(status.today),
        "states": dict(status.counts),
        "done": list(status.done),
        "percent": round(status.percent, 1),
        "hours_total": _num(status.hours_total),
        "current": current,
        "due": _item_rows(roadmap, status.due),
        "overdue": _item_rows(roadmap, status.overdue),
        "behind_days": status.behind_days,
        "streak": status.streak,
        "longest_streak": status.longest_streak,
        "hours_this_week": _num(status.hours_this_week),
        "target_hours_this_week": _num(status.target_hours_this_week),
        "projected_finish": None
        if forecast is None
        else {
            "low": forecast.low.isoformat(),
            "high": forecast.high.isoformat(),
            "plan": forecast.plan.isoformat(),
        },
        "blocked_by": status.blocked_by,
        "node_hours": {
            node_id: {"planned": _num(planned), "logged": _num(logged)}
            for node_id, (planned, logged) in status.node_hours.items()
        },
        "week_hours": [
            {"week": monday.isoformat(), "planned": _num(planned), "logged": _num(logged)}
            for monday, (planned, logged) in status.week_hours.items()
        ],
    }


def _pace_line(status: Status) -> str:
    days = status.behind_days
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} behind"
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} ahead"
    return "on pace"


def _forecast_line(status: Status) -> str:
    plan = status.plan
    assert plan is not None
    line = f"planned {plan.end.isoformat()}"
    forecast = status.projected_finish
    if forecast is None:
        return line + " · projected: no pace yet (check in to get one)"
    if forecast.low == forecast.high:
        return line + f" · projected {forecast.low.isoformat()} at your pace of the last 4 weeks"
    return (
        line + f" · projected {forecast.low.isoformat()} – {forecast.high.isoformat()}"
        " at your pace of the last 4 weeks"
    )


def _list(roadmap: Roadmap, title: str, ids: list[str]) -> list[str]:
    if not ids:
        return []
    index = roadmap.item_index()
    lines = [f"{title} ({len(ids)}):"]
    for item_id in ids[:_LISTED]:
        _, item = index[item_id]
        lines.append(f"  [ ] {item.text}  ({item_id})")
    if len(ids) > _LISTED:
        lines.append(f"  … and {len(ids) - _LISTED} more")
    return lines


def _text(roadmap: Roadmap, status: Status, enrolled: bool) -> list[str]:
    plan = status.plan
    assert plan is not None
    nodes = roadmap.node_index()
    counts = status.counts
    checkable = sum(counts.values())
    week = plan.week_number(status.today)
    lines = [f"{roadmap.title} ({roadmap.id})"]
    if not enrolled:
        lines.append(
            f"not enrolled: planned from today at the stated pace (syllabus start {roadmap.id})"
        )
    if status.today < plan.start:
        lines.append(f"starts {plan.start.isoformat()}")
    else:
        lines.append(f"week {week} of the plan ({plan.start.isoformat()} – {plan.end.isoformat()})")
    if plan.estimated:
        lines.append("dates estimated from item counts: the document gives no timing")
    if status.current is not None:
        planned, logged = status.node_hours.get(status.current, (0.0, 0.0))
        lines.append(
            f"now: {nodes[status.current].title}  ({status.current})"
            f" · {_hours(logged)}/{_hours(planned)} h logged"
        )
    extra = [f"{counts[s]} {s}" for s in ("doing", "skipped") if counts[s]]
    lines.append(
        f"done: {counts['done']}/{checkable} ({status.percent:.1f}%)"
        + (f" · {' · '.join(extra)}" if extra else "")
    )
    lines.append(
        f"this week: {_hours(status.hours_this_week)}/{_hours(status.target_hours_this_week)} h"
        f" · total {_hours(status.hours_total)} h"
        f" · streak {status.streak} (longest {status.longest_streak})"
    )
    lines.append(
        f"schedule: {_pace_line(status)} · {len(status.due)} due this week"
        f" · {len(status.overdue)} overdue"
    )
    lines.append(f"finish: {_forecast_line(status)}")
    lines += _list(roadmap, "due this week", status.due)
    lines += _list(roadmap, "overdue", status.overdue)
    missing = status.blocked_by.get(status.current or "")
    if missing:
        titles = ", ".join(nodes[m].title for m in missing if m in nodes)
        lines.append(f"prerequisites not done yet: {titles}")
    return lines


def _today(ctx: Context, progress: Progress) -> date:
    return ctx.today(progress.settings.day_start_hour)


def _required_id(args: argparse.Namespace, ctx: Context, progress: Progress) -> str:
    roadmap_id = _roadmap_id(args, ctx, progress)
    if roadmap_id is None:
        raise UsageError("no active roadmap: run `syllabus start ID` first, or pass --roadmap ID")
    return roadmap_id


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    """Progress, schedule and forecast for one roadmap."""
    _, progress = _open(ctx)
    roadmap_id = _required_id(args, ctx, progress)
    roadmap = _load(roadmap_id, ctx)
    status = _status(roadmap, progress, roadmap_id, _today(ctx, progress))
    enrolled = progress.roadmap(roadmap_id).enrolment is not None
    if args.format == "json":
        print(json.dumps(status_json(roadmap, status, enrolled), ensure_ascii=False, indent=2))
    else:
        print("\n".join(_text(roadmap, status, enrolled)))
    return 0


def short_line(status: Status) -> str:
    """One line for a shell prompt or a status bar: "W5 ▸ 3 due · 🔥12 · 6.5/13h"."""
    plan = status.plan
    assert plan is not None
    hours = f"{_hours(status.hours_this_week)}/{_hours(status.target_hours_this_week)}h"
    parts: list[str] = []
    if status.today < plan.start:
        head = f"starts {plan.start.isoformat()}"
    elif status.percent >= 100 and status.counts["done"]:
        head = "✓ done"
    else:
        head = f"W{plan.week_number(status.today)} ▸ {len(status.due)} due"
        if status.overdue:
            parts.append(f"{len(status.overdue)} late")
    parts += [f"🔥{status.streak}", hours]
    return " · ".join([head, *parts])


def cmd_today(args: argparse.Namespace, ctx: Context) -> int:
    """Today's summary; ``--short`` prints one line and stays quiet without a roadmap."""
    _, progress = _open(ctx)
    roadmap_id = _roadmap_id(args, ctx, progress)
    if roadmap_id is None:
        if args.short:
            return 0
        raise UsageError("no active roadmap: run `syllabus start ID` first, or pass --roadmap ID")
    roadmap = _load(roadmap_id, ctx)
    today = _today(ctx, progress)
    status = _status(roadmap, progress, roadmap_id, today)
    if args.short:
        print(short_line(status))
        return 0
    plan = status.plan
    assert plan is not None
    nodes = roadmap.node_index()
    lines = [f"{today.strftime('%A')} {today.isoformat()} · {roadmap.title}"]
    if status.current is not None:
        when = "today" if plan.node_on(today) == status.current else "next"
        lines.append(f"{when}: {nodes[status.current].title}  ({status.current})")
    elif today > plan.end:
        lines.append(f"the plan ended on {plan.end.isoformat()}")
    if not plan.is_study_day(today):
        lines.append("a rest day: your streak is safe")
    logged = status.hours_by_day.get(today, 0.0)
    lines.append(
        f"logged today {_hours(logged)} h · this week {_hours(status.hours_this_week)}"
        f"/{_hours(status.target_hours_this_week)} h · streak {status.streak}"
        f" · {_pace_line(status)}"
    )
    lines += _list(roadmap, "due this week", status.due)
    lines += _list(roadmap, "overdue", status.overdue)
    print("\n".join(lines))
    return 0


def cmd_replan(args: argparse.Namespace, ctx: Context) -> int:
    """Move the unfinished rest of the plan to start on a date (default today)."""
    from syllabus.clock import now
    from syllabus.model.progress import Replan
    from syllabus.model.schedule import build_plan
    from syllabus.storage.progress_file import ProgressError

    pf, progress = _open(ctx, writing=True)
    roadmap_id = _required_id(args, ctx, progress)
    roadmap = _load(roadmap_id, ctx)
    rp = progress.roadmap(roadmap_id)
    if rp.enrolment is None:
        raise UsageError(f"not enrolled in {roadmap_id}: run `syllabus start {roadmap_id}` first")
    start = args.start or _today(ctx, progress)
    if start < rp.enrolment.start:
        raise UsageError(
            f"cannot replan from {start.isoformat()}: the plan starts on "
            f"{rp.enrolment.start.isoformat()}"
        )
    before = build_plan(roadmap, rp.enrolment, rp).end
    when = now()

    def change(p: Progress) -> Progress:
        current = p.roadmap(roadmap_id)
        if current.enrolment is None:  # another process removed it meanwhile
            return p
        enrolment = replace(
            current.enrolment,
            replans=[*current.enrolment.replans, Replan(start=start, made=when)],
            updated=when,
        )
        rps = {**p.roadmaps, roadmap_id: replace(current, enrolment=enrolment)}
        return replace(p, roadmaps=rps)

    try:
        progress = pf.update(change)
    except ProgressError as error:
        raise FileProblem(str(error)) from None
    rp = progress.roadmap(roadmap_id)
    assert rp.enrolment is not None
    after = build_plan(roadmap, rp.enrolment, rp).end
    print(
        f"replanned {roadmap_id}: the unfinished rest starts on {start.isoformat()}; "
        f"planned finish {after.isoformat()} (was {before.isoformat()})"
    )
    return 0


# --- iCalendar -------------------------------------------------------------------------


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space, never inside a character."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _ics_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def ics_text(
    roadmap: Roadmap, plan: Plan, stamp: datetime, progress: Progress | None = None
) -> str:
    """The plan as an iCalendar: one all-day event per scheduled week or section.

    Leaves of the plan (weeks, sections, phases without sections, milestones) each get an
    event from their first to their last planned day; the description lists the items.
    """
    from datetime import UTC

    from syllabus.model.progress import ItemState

    rp = progress.roadmap(roadmap.id) if progress is not None else None
    nodes = roadmap.node_index()
    parents = {plan.parents.get(n) for n in plan.nodes}
    stamp_text = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//syllabus//syllabus//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(roadmap.title)}",
    ]
    for node_id, node_plan in plan.nodes.items():
        if node_id in plan.background or node_id in parents:
            continue
        node = nodes[node_id]
        description: list[str] = []
        if node.goal:
            description.append(node.goal)
        if node_plan.hours:
            guess = " (estimated)" if node_plan.estimated else ""
            description.append(f"Planned: {_hours(node_plan.hours)} h{guess}")
        for item in node.items:
            if not item.checkable:
                continue
            state = rp.state(item.id) if rp is not None else ItemState.TODO
            mark = (
                "[x]" if state is ItemState.DONE else "[-]" if state is ItemState.SKIPPED else "[ ]"
            )
            description.append(f"{mark} {item.text}")
        parent = plan.parents.get(node_id)
        title = node.title
        if parent is not None and parent in nodes:
            title = f"{title} · {nodes[parent].title}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{roadmap.id}/{node_id}@syllabus",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{_ics_date(node_plan.start)}",
            f"DTEND;VALUE=DATE:{_ics_date(node_plan.end + timedelta(days=1))}",
            f"SUMMARY:{_escape(title)}",
            f"DESCRIPTION:{_escape(chr(10).join(description))}",
            f"CATEGORIES:{_escape(node.role.value)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def cmd_ics(args: argparse.Namespace, ctx: Context) -> int:
    """The plan as iCalendar on stdout (``syllabus ics ID > plan.ics``)."""
    from syllabus.clock import now
    from syllabus.model.schedule import build_plan, default_enrolment

    _, progress = _open(ctx)
    roadmap_id = _resolve_id(args.id, ctx, progress)
    roadmap = _load(roadmap_id, ctx)
    rp = progress.roadmap(roadmap_id)
    enrolment = rp.enrolment or default_enrolment(roadmap, _today(ctx, progress))
    plan = build_plan(roadmap, enrolment, rp)
    sys.stdout.write(ics_text(roadmap, plan, now(), progress))
    sys.stdout.flush()
    return 0
