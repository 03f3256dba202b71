"""``syllabus ics``: the plan as an iCalendar, for any calendar app.

The text is written here by hand (RFC 5545), so the runtime needs no library.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from syllabus.cli.context import Context
from syllabus.cli.schedule import hours_text
from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap
    from syllabus.model.schedule import Plan


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
            if node_plan.estimated:
                planned = _("Planned: {hours} h (estimated)")
            else:
                planned = _("Planned: {hours} h")
            description.append(planned.format(hours=hours_text(node_plan.hours)))
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
    items = roadmap.item_index() if plan.studied else {}
    for item_id, span in plan.studied.items():  # a course, over the weeks that follow it
        holder, item = items[item_id]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{roadmap.id}/{item_id}@syllabus",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{_ics_date(span.start)}",
            f"DTEND;VALUE=DATE:{_ics_date(span.end + timedelta(days=1))}",
            f"SUMMARY:{_escape(f'{item.text} · {holder.title}')}",
            f"CATEGORIES:{_escape(item.kind.value)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def cmd_ics(args: argparse.Namespace, ctx: Context) -> int:
    """The plan as iCalendar on stdout (``syllabus ics ID > plan.ics``)."""
    from syllabus.clock import now
    from syllabus.model.schedule import build_plan, default_enrolment

    progress = ctx.open_progress()[1]
    roadmap_id = ctx.roadmap_id(progress, args.id)
    roadmap = ctx.roadmap(roadmap_id)
    rp = progress.roadmap(roadmap_id)
    enrolment = rp.enrolled or default_enrolment(
        roadmap, ctx.today(progress.settings.day_start_hour)
    )
    plan = build_plan(roadmap, enrolment, rp)
    sys.stdout.write(ics_text(roadmap, plan, now(), progress))
    sys.stdout.flush()
    return 0
