"""Schedule subcommands: status and replan (``today`` and ``next`` live in ``agenda``,
``ics`` has its own module).

They read the progress file once (``replan`` writes through ``ProgressFile.update``, one
undo step), build the plan with ``model.schedule`` and print it. ``status --format
json`` is the scripting interface: ISO dates, hours as numbers, ``null`` where there is
nothing yet. Beside the agenda, the buffer and the forecast it keeps the older keys:
``behind_days`` is ``-buffer_days`` and ``projected_finish`` is ``{low: p50, high: p90}``.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from syllabus.cli.agenda import (
    agenda,
    behind,
    behind_lines,
    buffer_line,
    compute,
    day_text,
    entry_json,
    entry_lines,
    forecast_json,
    forecast_line,
    hours_text,
    num,
    number_text,
    today_of,
)
from syllabus.cli.context import Context, FileProblem, UsageError
from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.model.progress import RoadmapProgress
    from syllabus.model.roadmap import Roadmap
    from syllabus.model.rubric import Project
    from syllabus.model.schedule import AgendaEntry, BehindOptions, Plan, Status

__all__ = ["cmd_replan", "cmd_status", "hours_text", "status_json"]


def _item_rows(roadmap: Roadmap, ids: list[str]) -> list[dict[str, Any]]:
    index = roadmap.item_index()
    rows: list[dict[str, Any]] = []
    for item_id in ids:
        if item_id in index:
            node, item = index[item_id]
            rows.append({"id": item_id, "text": item.text, "node": node.id})
        else:  # an own item
            rows.append({"id": item_id, "text": None, "node": None})
    return rows


def status_json(
    roadmap: Roadmap,
    status: Status,
    enrolled: bool,
    entries: list[AgendaEntry],
    rp: RoadmapProgress | None = None,
) -> dict[str, Any]:
    """The ``status --format json`` object (``rp``: the roadmap's progress, for the
    projects not scored yet; without it, only the item records the status holds)."""
    plan = status.plan
    assert plan is not None
    nodes = roadmap.node_index()
    current = None
    if status.current is not None:
        current = {"id": status.current, "title": nodes[status.current].title}
    forecast = forecast_json(status)
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
        "hours_total": num(status.hours_total),
        "current": current,
        "agenda": [entry_json(e) for e in entries],
        "buffer_days": num(status.buffer_days),
        "forecast": forecast,
        "due": _item_rows(roadmap, status.due),
        "overdue": _item_rows(roadmap, status.overdue),
        "behind_days": num(-status.buffer_days),
        "streak": status.streak,
        "longest_streak": status.longest_streak,
        "hours_this_week": num(status.hours_this_week),
        "target_hours_this_week": num(status.target_hours_this_week),
        "hours_per_week": num(plan.hours_per_week),
        "weekday_hours": _weekday_hours_json(plan),
        "projected_finish": None
        if forecast is None
        else {"low": forecast["p50"], "high": forecast["p90"], "plan": forecast["planned"]},
        "blocked_by": status.blocked_by,
        "node_hours": {
            node_id: {"planned": num(planned), "logged": num(logged)}
            for node_id, (planned, logged) in status.node_hours.items()
        },
        "week_hours": [
            {"week": monday.isoformat(), "planned": num(planned), "logged": num(logged)}
            for monday, (planned, logged) in status.week_hours.items()
        ],
        "unscored": [{"node": p.id, "title": p.title} for p in unscored(roadmap, status, rp)],
    }


def _weekday_hours_json(plan: Plan) -> dict[str, float] | None:
    """The plan's hours by weekday when its days differ; None for the same every day."""
    from syllabus.model.units import WEEKDAYS

    hours = plan.calendar.weekday_hours
    return None if hours is None else {d: num(h) for d, h in zip(WEEKDAYS, hours, strict=True)}


def unscored(roadmap: Roadmap, status: Status, rp: RoadmapProgress | None) -> list[Project]:
    """The projects of weeks finished (by the plan or by ticking) never scored."""
    from syllabus.model.progress import RoadmapProgress
    from syllabus.model.rubric import unscored_projects

    assert status.plan is not None
    rp = rp if rp is not None else RoadmapProgress(items=status.records)
    return unscored_projects(roadmap, rp, status.plan.nodes, status.today)


def _text(
    roadmap: Roadmap,
    status: Status,
    enrolled: bool,
    entries: list[AgendaEntry],
    options: BehindOptions | None,
    rp: RoadmapProgress | None = None,
) -> list[str]:
    plan = status.plan
    assert plan is not None
    nodes = roadmap.node_index()
    counts = status.counts
    checkable = sum(counts.values())
    lines = [f"{roadmap.title} ({roadmap.id})"]
    if not enrolled:
        lines.append(
            _("not enrolled: planned from today at the stated pace (syllabus start {id})").format(
                id=roadmap.id
            )
        )
    if status.today < plan.start:
        lines.append(_("starts {day}").format(day=day_text(plan.start)))
    else:
        lines.append(
            _("week {week} of the plan ({start} – {end})").format(
                week=plan.week_number(status.today),
                start=day_text(plan.start),
                end=day_text(plan.end),
            )
        )
    if plan.estimated:
        lines.append(_("dates estimated from item counts: the document gives no timing"))
    if status.current is not None:
        planned, logged = status.node_hours.get(status.current, (0.0, 0.0))
        lines.append(
            _("now: {title}  ({id}) · {logged}/{planned} h logged").format(
                title=nodes[status.current].title,
                id=status.current,
                logged=hours_text(logged),
                planned=hours_text(planned),
            )
        )
    extra = [f"{counts[s]} {_(s)}" for s in ("doing", "skipped") if counts[s]]
    lines.append(
        _("done: {done}/{total} ({percent}%)").format(
            done=counts["done"], total=checkable, percent=number_text(status.percent)
        )
        + (f" · {' · '.join(extra)}" if extra else "")
    )
    lines.append(
        _(
            "this week: {week}/{target} h · total {total} h · streak {streak} (longest {longest})"
        ).format(
            week=hours_text(status.hours_this_week),
            target=hours_text(status.target_hours_this_week),
            total=hours_text(status.hours_total),
            streak=status.streak,
            longest=status.longest_streak,
        )
    )
    by_weekday = _weekday_hours_json(plan)
    if by_weekday is not None:
        from syllabus.model.units import weekday_hours_text

        lines.append(
            _("pace: {hours} h a week, by weekday {days}").format(
                hours=hours_text(plan.hours_per_week), days=weekday_hours_text(by_weekday)
            )
        )
    lines.append(buffer_line(status.buffer_days))
    lines.append(forecast_line(status))
    lines += behind_lines(options, roadmap.id, plan.hours_per_week)
    if entries:
        lines.append(_("agenda:"))
        lines += entry_lines(entries)
    waiting = unscored(roadmap, status, rp)
    if waiting:
        lines.append(_("not scored yet: {projects}").format(
            projects=", ".join(f"{p.title} ({p.id})" for p in waiting[:5])
            + (" …" if len(waiting) > 5 else "")
        ))  # fmt: skip
        lines.append(_("score one: `syllabus score ID NAME=POINTS …`"))
    missing = status.blocked_by.get(status.current or "")
    if missing:
        titles = ", ".join(nodes[m].title for m in missing if m in nodes)
        lines.append(_("prerequisites not done yet: {titles}").format(titles=titles))
    return lines


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    """Progress, the agenda, the buffer and the forecast for one roadmap."""
    progress = ctx.open_progress()[1]
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    status = compute(roadmap, progress, roadmap_id, today_of(ctx, progress))
    enrolled = progress.roadmap(roadmap_id).enrolled is not None
    entries = agenda(ctx, progress, roadmap, status, named=True)
    if args.format == "json":
        rp = progress.roadmap(roadmap_id)
        data = status_json(roadmap, status, enrolled, entries, rp)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        options = behind(roadmap, progress, status)
        lines = _text(roadmap, status, enrolled, entries, options, progress.roadmap(roadmap_id))
        print("\n".join(lines))
    return 0


def cmd_replan(args: argparse.Namespace, ctx: Context) -> int:
    """Move the unfinished rest of the plan to start on a date (default today); while
    ahead the planned finish stays where it was (``model.schedule.replan``)."""
    from syllabus.clock import now
    from syllabus.model.schedule import build_plan, change_pace, replan
    from syllabus.storage.progress_file import ProgressError

    pf, progress = ctx.open_progress(writing=True)
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    rp = progress.roadmap(roadmap_id)
    if rp.enrolled is None:
        raise UsageError(
            _("not enrolled in {id}: run `syllabus start {id}` first").format(id=roadmap_id)
        )
    start = args.start or today_of(ctx, progress)
    if start < rp.enrolled.start:
        raise UsageError(
            _("cannot replan from {day}: the plan starts on {start}").format(
                day=day_text(start), start=day_text(rp.enrolled.start)
            )
        )
    before = build_plan(roadmap, rp.enrolled, rp).end
    when = now()
    try:
        if args.hours_per_week is None:
            progress = pf.update(lambda p: replan(p, roadmap, roadmap_id, start, when))
        else:
            hours = args.hours_per_week
            progress = pf.update(lambda p: change_pace(p, roadmap_id, start, hours, when))
    except ProgressError as error:
        raise FileProblem(str(error)) from None
    rp = progress.roadmap(roadmap_id)
    assert rp.enrolled is not None
    after = build_plan(roadmap, rp.enrolled, rp).end
    if after == before:
        finish = _("planned finish {day} (kept)").format(day=day_text(after))
    else:
        finish = _("planned finish {day} (was {before})").format(
            day=day_text(after), before=day_text(before)
        )
    print(
        _("replanned {id}: the unfinished rest starts on {day}; {finish}").format(
            id=roadmap_id, day=day_text(start), finish=finish
        )
    )
    return 0
