"""``syllabus list | show | export``: the roadmaps themselves, for scripts (``import`` is
``importing``).

``list`` reads one header line per roadmap file (see ``catalog``); without a progress
file it imports neither pydantic nor markdown-it, so it stays as quick as the
interpreter's start. Enrolments and item states come from ``ProgressFile.load``, and
done/total from ``rules.node_tally``, as in the app.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

from syllabus.cli.context import Context, note
from syllabus.locale import _, ngettext

if TYPE_CHECKING:
    from syllabus.model.progress import Progress, RoadmapProgress
    from syllabus.model.roadmap import Node, Roadmap


def _progress(ctx: Context) -> Progress | None:
    """What the progress file holds, or None without one (a listing then loads no model).

    A damaged file is set aside and reported by the load, as for every command; the
    roadmaps are still listed and shown, with nothing enrolled or done.
    """
    from syllabus.storage.paths import progress_path

    if not progress_path(ctx.data_dir).exists():
        return None
    loaded = ctx.load_progress()
    for problem in loaded.problems:
        note(problem)
    return None if loaded.damaged else loaded.progress


def _named(ctx: Context, wanted: str) -> Roadmap:
    return ctx.roadmap(ctx.catalog_id(wanted))


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _range(low: float, high: float) -> str:
    from syllabus.locale.formats import format_number

    if low == high:
        return format_number(low, 2)
    return f"{format_number(low, 2)}–{format_number(high, 2)}"


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    """List bundled and imported roadmaps."""
    from syllabus.catalog import scan

    found, problems = scan(ctx.data_dir)
    for problem in problems:
        note(problem)
    progress = _progress(ctx)
    rows: list[dict[str, Any]] = [
        {
            "id": e.id,
            "title": e.title,
            "source": e.source,
            "language": e.language,
            "bundled": e.bundled,
            "enrolled": progress is not None and progress.roadmap(e.id).enrolled is not None,
            "items": {"total": e.items_total, "checkable": e.items_checkable},
            "weeks": e.weeks,
            "hours": list(e.hours) if e.hours else None,
        }
        for e in found
    ]
    if args.format == "json":
        _write(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max((len(row["id"]) for row in rows), default=2)
    titles = Counter(e.title.casefold() for e in found)
    for row, entry in zip(rows, found, strict=True):
        mark = "*" if row["enrolled"] else " "
        where = _("bundled") if entry.bundled else _("imported")
        length = _weeks(entry.weeks) if entry.weeks else _("open-ended")
        hours = ", " + _("{hours} h").format(hours=_range(*entry.hours)) if entry.hours else ""
        items = ngettext("{done}/{n} item", "{done}/{n} items", entry.items_total).format(
            done=entry.items_checkable, n=entry.items_total
        )
        # Two roadmaps of one title are told apart by where they come from.
        same = ""
        if titles[entry.title.casefold()] > 1:
            came = _("from {source}").format(source=entry.origin or entry.source)
            same = f" ({came})"
        _write(
            f"{mark} {entry.id:<{width}}  {entry.title}{same}  "
            f"[{entry.language}, {where}, {items}, {length}{hours}]"
        )
    return 0


def _weeks(weeks: float) -> str:
    from syllabus.locale.formats import format_number

    return ngettext("{n} week", "{n} weeks", int(weeks) if weeks == int(weeks) else 2).format(
        n=format_number(weeks, 2)
    )


def _span_text(span: Any) -> str:
    """Where a node lies: ``week 3``, ``weeks 3–5`` (``Woche 3``, ``Wochen 3–5``)."""
    many = 1 if span.low == span.high else 2
    where = _range(span.low, span.high)
    if span.unit.value == "day":
        return ngettext("day {n}", "days {n}", many).format(n=where)
    if span.unit.value == "month":
        return ngettext("month {n}", "months {n}", many).format(n=where)
    return ngettext("week {n}", "weeks {n}", many).format(n=where)


def _length_text(span: Any) -> str:
    """How long a node lasts: ``1 week``, ``2–3 weeks``."""
    many = 1 if span.low == span.high == 1 else 2
    length = _range(span.low, span.high)
    if span.unit.value == "day":
        return ngettext("{n} day", "{n} days", many).format(n=length)
    if span.unit.value == "month":
        return ngettext("{n} month", "{n} months", many).format(n=length)
    return ngettext("{n} week", "{n} weeks", many).format(n=length)


def _timing_text(node: Node) -> str:
    parts = []
    timing = node.timing
    if timing.position:
        # Translators: where a node lies in the plan, e.g. "at week 3".
        parts.append(_("at {where}").format(where=_span_text(timing.position)))
    if timing.duration:
        # Translators: how long a node lasts, e.g. "for 2 weeks".
        parts.append(_("for {length}").format(length=_length_text(timing.duration)))
    if timing.hours:
        parts.append(_("{hours} h").format(hours=_range(timing.hours.low, timing.hours.high)))
    return ", ".join(parts)


def _instances(roadmap: Roadmap, rp: RoadmapProgress) -> dict[str, tuple[str, ...]]:
    """The recurring items' instances of the learner's plan (none unenrolled): counted as
    the app counts them."""
    if rp.enrolled is None or not any(i.recurring for n in roadmap.walk() for i in n.items):
        return {}
    from syllabus.model.schedule import build_plan

    return build_plan(roadmap, rp.enrolled, rp).instances


def _outline(roadmap: Roadmap, rp: RoadmapProgress, with_items: bool) -> list[str]:
    from syllabus.locale.formats import format_hours
    from syllabus.model.rules import node_tally

    source = _("from {source}").format(source=roadmap.source)
    lines = [f"{roadmap.title}  ({roadmap.id}, {roadmap.language}, {source})"]
    if roadmap.pace.text:
        lines.append(_("pace: {text}").format(text=roadmap.pace.text))
    tracks = roadmap.tracks()
    if tracks:
        chosen = rp.enrolled.track if rp.enrolled else None
        shown = ", ".join(f"{name} *" if name == chosen else name for name in tracks)
        lines.append(
            _("tracks: {names} (`syllabus start {id} --track NAME`)").format(
                names=shown, id=roadmap.id
            )
        )

    weekly = _instances(roadmap, rp)

    def walk(nodes: list[Node], depth: int) -> None:
        for node in nodes:
            counted = node_tally(node, rp, weekly)
            timing = _timing_text(node)
            extra = f"  ({timing})" if timing else ""
            lines.append(
                f"{'  ' * depth}{node.id}  [{node.role.value}]  {node.title}{extra}"
                f"  {counted.done}/{counted.total}"
            )
            if with_items:
                for item in node.items:
                    hours = " " + format_hours(item.hours) if item.hours is not None else ""
                    if item.optional:
                        hours += " " + _("optional")
                    state = rp.state(item.id).value if item.checkable else "-"
                    lines.append(
                        f"{'  ' * (depth + 1)}- {item.id}  {item.kind.value}{hours}  "
                        f"{state}  {item.text}"
                    )
            walk(node.children, depth + 1)

    walk(roadmap.nodes, 0)
    return lines


def _tree_json(roadmap: Roadmap, rp: RoadmapProgress, with_items: bool) -> dict[str, Any]:
    from syllabus.model.plain import dump
    from syllabus.model.rules import node_tally

    weekly = _instances(roadmap, rp)

    def node_json(node: Node) -> dict[str, Any]:
        counted = node_tally(node, rp, weekly)
        data: dict[str, Any] = {
            "id": node.id,
            "title": node.title,
            "role": node.role.value,
            "timing": dump(node.timing, exclude_none=True),
            "counts": {"done": counted.done, "total": counted.total},
            "children": [node_json(child) for child in node.children],
        }
        if with_items:
            data["items"] = [
                {
                    "id": item.id,
                    "text": item.text,
                    "kind": item.kind.value,
                    "checkable": item.checkable,
                    "optional": item.optional,
                    "hours": item.hours,
                    "state": rp.state(item.id).value if item.checkable else None,
                }
                for item in node.items
            ]
        return data

    return {
        "id": roadmap.id,
        "title": roadmap.title,
        "language": roadmap.language,
        "pace": dump(roadmap.pace, exclude_none=True),
        "tracks": roadmap.tracks(),
        "nodes": [node_json(node) for node in roadmap.nodes],
    }


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    """Show a roadmap's outline, optionally with every item and its state."""
    from syllabus.model.progress import Progress

    progress = _progress(ctx) or Progress()
    roadmap = ctx.roadmap(ctx.roadmap_id(progress, args.id))
    rp = progress.roadmap(roadmap.id)
    if args.format == "json":
        _write(json.dumps(_tree_json(roadmap, rp, args.items), ensure_ascii=False, indent=2))
    else:
        _write("\n".join(_outline(roadmap, rp, args.items)))
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    """Export a roadmap as JSON (the whole model), TOML (its file) or Markdown."""
    roadmap = _named(ctx, args.id)
    if args.format == "json":
        from syllabus.importer.export import to_json

        _write(json.dumps(to_json(roadmap), ensure_ascii=False, indent=2))
    elif args.format == "toml":
        from syllabus.catalog import roadmap_toml

        _write(roadmap_toml(roadmap))
    else:
        from syllabus.importer.export import to_markdown

        _write(to_markdown(roadmap))
    return 0
