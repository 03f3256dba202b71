"""``syllabus list | show | export | import``: the roadmaps themselves, for scripts.

``list`` reads one header line per roadmap file (see ``catalog``) and never imports
pydantic or markdown-it, so it stays as quick as the interpreter's start.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from syllabus.cli import Context, FileProblem, UsageError

if TYPE_CHECKING:
    from syllabus.model.roadmap import Node, Roadmap


def _progress(data_dir: Path) -> dict[str, Any]:
    """The raw progress file's ``roadmaps`` table, or {} (the storage layer owns the format).

    Read with rtoml, as storage reads it: tomllib takes ~150 ms on a 350 KB file of
    three years' check-ins, rtoml ~12 ms.
    """
    path = data_dir / "progress.toml"
    try:
        import rtoml

        data = rtoml.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError):
        return {}
    table = data.get("roadmaps")
    return table if isinstance(table, dict) else {}


def _enrolled(progress: dict[str, Any], roadmap_id: str) -> bool:
    entry = progress.get(roadmap_id)
    return isinstance(entry, dict) and isinstance(entry.get("enrolment"), dict)


def _states(progress: dict[str, Any], roadmap_id: str) -> dict[str, str]:
    entry = progress.get(roadmap_id)
    items = entry.get("items") if isinstance(entry, dict) else None
    if not isinstance(items, dict):
        return {}
    return {
        key: str(value.get("state", "todo"))
        for key, value in items.items()
        if isinstance(value, dict)
    }


def _resolve(wanted: str, data_dir: Path) -> str:
    from syllabus.catalog import resolve_roadmap_id
    from syllabus.model.ids import UnknownId

    try:
        return resolve_roadmap_id(wanted, data_dir)
    except UnknownId as error:
        raise UsageError(str(error)) from None


def _load(wanted: str, data_dir: Path) -> Roadmap:
    from syllabus.catalog import RoadmapFileError, load_roadmap

    roadmap_id = _resolve(wanted, data_dir)
    try:
        return load_roadmap(roadmap_id, data_dir)
    except RoadmapFileError as error:
        raise FileProblem(str(error)) from None


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _range(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    """List bundled and imported roadmaps."""
    from syllabus.catalog import scan

    found, problems = scan(ctx.data_dir)
    for problem in problems:
        print(f"syllabus: {problem}", file=sys.stderr)
    progress = _progress(ctx.data_dir) if (ctx.data_dir / "progress.toml").exists() else {}
    rows: list[dict[str, Any]] = [
        {
            "id": e.id,
            "title": e.title,
            "source": e.source,
            "language": e.language,
            "bundled": e.bundled,
            "enrolled": _enrolled(progress, e.id),
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


def _node_counts(node: Node, states: dict[str, str]) -> tuple[int, int]:
    done = total = 0
    for inner in node.walk():
        for item in inner.items:
            if item.checkable:
                total += 1
                done += states.get(item.id) == "done"
    return done, total


def _outline(roadmap: Roadmap, states: dict[str, str], with_items: bool) -> list[str]:
    lines = [f"{roadmap.title}  ({roadmap.id}, {roadmap.language}, from {roadmap.source})"]
    if roadmap.pace.text:
        lines.append(f"pace: {roadmap.pace.text}")

    def walk(nodes: list[Node], depth: int) -> None:
        for node in nodes:
            done, total = _node_counts(node, states)
            timing = _timing_text(node)
            extra = f"  ({timing})" if timing else ""
            lines.append(
                f"{'  ' * depth}{node.id}  [{node.role.value}]  {node.title}{extra}  {done}/{total}"
            )
            if with_items:
                for item in node.items:
                    hours = f" {item.hours:g}h" if item.hours is not None else ""
                    state = states.get(item.id, "todo") if item.checkable else "-"
                    lines.append(
                        f"{'  ' * (depth + 1)}- {item.id}  {item.kind.value}{hours}  "
                        f"{state}  {item.text}"
                    )
            walk(node.children, depth + 1)

    walk(roadmap.nodes, 0)
    return lines


def _tree_json(roadmap: Roadmap, states: dict[str, str], with_items: bool) -> dict[str, Any]:
    from syllabus.model.plain import dump

    def node_json(node: Node) -> dict[str, Any]:
        done, total = _node_counts(node, states)
        data: dict[str, Any] = {
            "id": node.id,
            "title": node.title,
            "role": node.role.value,
            "timing": dump(node.timing, exclude_none=True),
            "counts": {"done": done, "checkable": total},
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
                    "state": states.get(item.id, "todo") if item.checkable else None,
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
    roadmap = _load(args.id, ctx.data_dir)
    states = _states(_progress(ctx.data_dir), roadmap.id)
    if args.format == "json":
        _write(json.dumps(_tree_json(roadmap, states, args.items), ensure_ascii=False, indent=2))
    else:
        _write("\n".join(_outline(roadmap, states, args.items)))
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    """Export a roadmap as JSON (the whole model), TOML (its file) or Markdown."""
    roadmap = _load(args.id, ctx.data_dir)
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
    from syllabus.model.text import clean_text

    path = Path(args.file).expanduser()
    shown = clean_text(str(path))
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileProblem(f"{shown}: cannot read: {error.strerror or error}") from None
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
        print(f"syllabus: re-imported {roadmap.id} from {shown}", file=sys.stderr)
    _write(roadmap.id)
    return 0


def _with_id(roadmap: Roadmap, new_id: str) -> Roadmap:
    from dataclasses import replace

    return replace(roadmap, id=new_id)
