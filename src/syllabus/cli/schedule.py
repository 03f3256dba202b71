"""Schedule subcommands: status, today and replan (``ics`` has its own module).

They read the progress file once (``replan`` writes through ``ProgressFile.update``),
build the plan with ``model.schedule`` and print it. ``status --format json`` is the
scripting interface: ISO dates, hours as numbers, ``null`` where there is nothing yet.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from syllabus.cli.context import Context, FileProblem, UsageError

if TYPE_CHECKING:
    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap
    from syllabus.model.schedule import Status

_LISTED = 10
"""Due and overdue items the text views show before "and N more"."""


def _status(roadmap: Roadmap, progress: Progress, roadmap_id: str, today: date) -> Status:
    from syllabus.model.schedule import build_plan, compute_status, default_enrolment

    rp = progress.roadmap(roadmap_id)
    enrolment = rp.enrolled or default_enrolment(roadmap, today)
    plan = build_plan(roadmap, enrolment, rp)
    return compute_status(roadmap, progress, roadmap_id, today, plan)


def hours_text(value: float) -> str:
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
            f" · {hours_text(logged)}/{hours_text(planned)} h logged"
        )
    extra = [f"{counts[s]} {s}" for s in ("doing", "skipped") if counts[s]]
    lines.append(
        f"done: {counts['done']}/{checkable} ({status.percent:.1f}%)"
        + (f" · {' · '.join(extra)}" if extra else "")
    )
    lines.append(
        f"this week: {hours_text(status.hours_this_week)}"
        f"/{hours_text(status.target_hours_this_week)} h"
        f" · total {hours_text(status.hours_total)} h"
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


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    """Progress, schedule and forecast for one roadmap."""
    _, progress = ctx.open_progress()
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    status = _status(roadmap, progress, roadmap_id, _today(ctx, progress))
    enrolled = progress.roadmap(roadmap_id).enrolled is not None
    if args.format == "json":
        print(json.dumps(status_json(roadmap, status, enrolled), ensure_ascii=False, indent=2))
    else:
        print("\n".join(_text(roadmap, status, enrolled)))
    return 0


def short_line(status: Status) -> str:
    """One line for a shell prompt or a status bar: "W5 ▸ 3 due · 🔥12 · 6.5/13h"."""
    plan = status.plan
    assert plan is not None
    hours = f"{hours_text(status.hours_this_week)}/{hours_text(status.target_hours_this_week)}h"
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
    from syllabus.model.rules import choose_roadmap

    _, progress = ctx.open_progress()
    if args.short and not args.roadmap and choose_roadmap(progress) is None:
        return 0
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
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
        f"logged today {hours_text(logged)} h · this week {hours_text(status.hours_this_week)}"
        f"/{hours_text(status.target_hours_this_week)} h · streak {status.streak}"
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

    pf, progress = ctx.open_progress(writing=True)
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    rp = progress.roadmap(roadmap_id)
    if rp.enrolled is None:
        raise UsageError(f"not enrolled in {roadmap_id}: run `syllabus start {roadmap_id}` first")
    start = args.start or _today(ctx, progress)
    if start < rp.enrolled.start:
        raise UsageError(
            f"cannot replan from {start.isoformat()}: the plan starts on "
            f"{rp.enrolled.start.isoformat()}"
        )
    before = build_plan(roadmap, rp.enrolled, rp).end
    when = now()

    def change(p: Progress) -> Progress:
        current = p.roadmap(roadmap_id)
        if current.enrolled is None:  # another process removed it meanwhile
            return p
        enrolment = replace(
            current.enrolled,
            replans=[*current.enrolled.replans, Replan(start=start, made=when)],
            updated=when,
        )
        rps = {**p.roadmaps, roadmap_id: replace(current, enrolment=enrolment)}
        return replace(p, roadmaps=rps)

    try:
        progress = pf.update(change)
    except ProgressError as error:
        raise FileProblem(str(error)) from None
    rp = progress.roadmap(roadmap_id)
    assert rp.enrolled is not None
    after = build_plan(roadmap, rp.enrolled, rp).end
    print(
        f"replanned {roadmap_id}: the unfinished rest starts on {start.isoformat()}; "
        f"planned finish {after.isoformat()} (was {before.isoformat()})"
    )
    return 0
