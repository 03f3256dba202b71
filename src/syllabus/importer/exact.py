"""Re-import Markdown that ``export.py`` wrote: metadata comments give the exact model.

Text outside the comments (a node's prose, tables, code) is the node's body, read as
Markdown source; headings, items and group labels are taken from their comments.
"""

from __future__ import annotations

import json
from typing import Any

from syllabus.importer.blocks import Heading, ListBlock, Paragraph, Raw, parse_blocks
from syllabus.importer.problems import ImportProblem
from syllabus.locale import _
from syllabus.model import validate
from syllabus.model.roadmap import Node, Roadmap


def is_exact(front: dict[str, str]) -> bool:
    """Whether front matter marks a document written by ``export.to_markdown``."""
    return "syllabus" in front


def build_exact(front: dict[str, str], body: str, source: str) -> Roadmap:
    """The roadmap an exported document describes."""
    try:
        head: dict[str, Any] = json.loads(front["syllabus"])
    except ValueError as error:
        message = _("{source}: damaged syllabus front matter: {why}")
        raise ImportProblem(message.format(source=source, why=error)) from None
    if not isinstance(head, dict):
        raise ImportProblem(_("{source}: damaged syllabus front matter").format(source=source))
    summary: list[str] = []
    nodes: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    expect_meta = False
    for block in parse_blocks(body):
        if isinstance(block, Heading):
            current = {"title": block.line.text, "raw": [], "items": [], "children": []}
            if block.line.meta and block.line.meta[0] == "node":
                current.update(block.line.meta[1])
                expect_meta = False
            else:
                expect_meta = True
            nodes.append(current)
            continue
        if isinstance(block, Raw) and block.meta:
            if expect_meta and current is not None and block.meta[0] == "node":
                current.update(block.meta[1])
            expect_meta = False
            continue
        expect_meta = False
        target = current["raw"] if current is not None else summary
        if isinstance(block, Paragraph) and any(
            line.meta and line.meta[0] == "group" for line in block.lines
        ):
            continue
        if isinstance(block, ListBlock) and current is not None:
            metas = [
                entry.lines[0].meta[1]
                for entry in block.items
                if entry.lines and entry.lines[0].meta and entry.lines[0].meta[0] == "item"
            ]
            if metas and len(metas) == len(block.items):
                current["items"].extend(metas)
                continue
        if block.source:
            target.append(block.source)
    return _assemble(head, summary, nodes, source)


def _assemble(
    head: dict[str, Any],
    summary: list[str],
    flat: list[dict[str, Any]],
    source: str,
) -> Roadmap:
    by_id: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for data in flat:
        raw = data.pop("raw")
        data.setdefault("body", "\n\n".join(raw))
        node_id = str(data.get("id", ""))
        parent = node_id.rsplit("/", 1)[0] if "/" in node_id else None
        while parent and parent not in by_id:
            parent = parent.rsplit("/", 1)[0] if "/" in parent else None
        (by_id[parent]["children"] if parent else roots).append(data)
        by_id[node_id] = data
    try:
        return validate.roadmap(
            {
                **head,
                "title": head.get("title") or head.get("id", "roadmap"),
                "nodes": roots,
                "summary": head.get("summary", "\n\n".join(summary)),
            }
        )
    except ValueError as error:
        first = str(error).splitlines()[0]
        message = _("{source}: damaged syllabus metadata: {why}")
        raise ImportProblem(message.format(source=source, why=first)) from None


__all__ = ["Node", "build_exact", "is_exact"]
