"""``syllabus list | show | export | import``: the roadmaps themselves, for scripts.

``list`` reads one header line per roadmap file (see ``catalog``); without a progress
file it imports neither pydantic nor markdown-it, so it stays as quick as the
interpreter's start. Enrolments and item states come from ``ProgressFile.load``, and
done/total from ``rules.node_tally``, as in the app.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from syllabus.cli.context import Context, FileProblem, UsageError, note

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
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


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
    for row, entry in zip(rows, found, strict=True):
        mark = "*" if row["enrolled"] else " "
        where = "bundled" if entry.bundled else "imported"
        length = f"{entry.weeks:g} weeks" if entry.weeks else "open-ended"
        hours = f", {_range(*entry.hours)} h" if entry.hours else ""
        _write(
            f"{mark} {entry.id:<{width}}  {entry.title}  "
            f"[{entry.language}, {where}, {entry.items_checkable}/{entry.items_total} items, "
            f"{length}{hours}]"
        )
    return 0


def _span_text(span: Any) -> str:
    plural = "" if span.low == span.high else "s"
    return f"{span.unit.value}{plural} {_range(span.low, span.high)}"


def _timing_text(node: Node) -> str:
    parts = []
    timing = node.timing
    if timing.position:
        parts.append(f"at {_span_text(timing.position)}")
    if timing.duration:
        span = timing.duration
        plural = "" if span.low == span.high == 1 else "s"
        parts.append(f"for {_range(span.low, span.high)} {span.unit.value}{plural}")
    if timing.hours:
        parts.append(f"{_range(timing.hours.low, timing.hours.high)} h")
    return ", ".join(parts)


def _outline(roadmap: Roadmap, rp: RoadmapProgress, with_items: bool) -> list[str]:
    from syllabus.model.rules import node_tally

    lines = [f"{roadmap.title}  ({roadmap.id}, {roadmap.language}, from {roadmap.source})"]
    if roadmap.pace.text:
        lines.append(f"pace: {roadmap.pace.text}")

    def walk(nodes: list[Node], depth: int) -> None:
        for node in nodes:
            counted = node_tally(node, rp)
            timing = _timing_text(node)
            extra = f"  ({timing})" if timing else ""
            lines.append(
                f"{'  ' * depth}{node.id}  [{node.role.value}]  {node.title}{extra}"
                f"  {counted.done}/{counted.total}"
            )
            if with_items:
                for item in node.items:
                    hours = f" {item.hours:g}h" if item.hours is not None else ""
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

    def node_json(node: Node) -> dict[str, Any]:
        counted = node_tally(node, rp)
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
        from syllabus.model.plain import dump

        _write(json.dumps(dump(roadmap), ensure_ascii=False, indent=2))
    elif args.format == "toml":
        from syllabus.catalog import roadmap_toml

        _write(roadmap_toml(roadmap))
    else:
        from syllabus.importer.export import to_markdown

        _write(to_markdown(roadmap))
    return 0


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    """Import a Markdown roadmap into the data dir and print its id.

    Another file with the same name is another roadmap (``plan-2``); only ``--id`` or
    the very file recorded for a roadmap re-imports over it, and says so.
    """
    from syllabus.catalog import IdTaken, import_target, save_user_roadmap
    from syllabus.importer import ImportProblem, import_bytes
    from syllabus.importer.hints import Hints
    from syllabus.model.slug import slugify

    path = Path(args.file).expanduser()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileProblem(f"{path}: cannot read: {error.strerror or error}") from None
    wanted_id = slugify(args.roadmap_id) if args.roadmap_id else None
    if args.roadmap_id is not None and not wanted_id:
        raise UsageError(f"--id {args.roadmap_id!r} has no letters or digits to make an id of")
    try:
        roadmap = import_bytes(raw, path.name, Hints(id=wanted_id, title=args.title))
        target = import_target(roadmap.id, path, ctx.data_dir, wanted_id)
    except (ImportProblem, IdTaken) as error:
        raise UsageError(str(error)) from None
    if target.id != roadmap.id:
        roadmap = _with_id(roadmap, target.id)
    try:
        save_user_roadmap(roadmap, ctx.data_dir, path)
    except OSError as error:
        raise FileProblem(f"cannot save the roadmap: {error}") from None
    if target.replaces:
        note(f"re-imported {roadmap.id} from {path}")
    _write(roadmap.id)
    return 0


def _with_id(roadmap: Roadmap, new_id: str) -> Roadmap:
    from dataclasses import replace

    return replace(roadmap, id=new_id)
