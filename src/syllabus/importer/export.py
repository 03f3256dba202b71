"""Roadmap → Markdown that reads well and re-imports to the same structure and ids.

Every heading and item carries its exact data in an HTML comment
(``<!-- syllabus-node {...} -->``); Markdown viewers hide those, and the importer reads
them back (``exact.py``) instead of guessing, so roles, timing and ids survive the trip.
"""

from __future__ import annotations

import json
from typing import Any

from syllabus.model.roadmap import Node, Roadmap

_DASHES = "-\\u002d"

ITEM_BULLET = "+"
"""Items use "+" so that a list at the end of a node's body never merges with them."""


def _meta(kind: str, data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    safe = text.replace("--", _DASHES)  # "-->" inside would end the comment
    return f"<!-- syllabus-{kind} {safe} -->"


def _node(node: Node, depth: int, out: list[str]) -> None:
    data = node.model_dump(
        mode="json", exclude_none=True, exclude_defaults=True, exclude={"children", "items", "body"}
    )
    data["id"] = node.id
    data["title"] = node.title
    title = " ".join(node.title.split()) or node.id
    out.append(f"{'#' * min(depth, 6)} {title}\n{_meta('node', data)}")
    if node.body.strip():
        out.append(node.body.strip("\n"))
    group: str | None = None
    lines: list[str] = []
    for item in node.items:
        if item.group != group:
            if lines:
                out.append("\n".join(lines))
                lines = []
            group = item.group
            if group:
                out.append(f"**{group}** {_meta('group', {})}")
        data = item.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        data["id"] = item.id
        data["text"] = item.text
        box = "[ ] " if item.checkable else ""
        text = " ".join(item.text.split())
        lines.append(f"{ITEM_BULLET} {box}{text} {_meta('item', data)}")
    if lines:
        out.append("\n".join(lines))
    for child in node.children:
        _node(child, depth + 1, out)


def to_markdown(roadmap: Roadmap) -> str:
    """The roadmap as Markdown with front matter and exact metadata comments."""
    head = roadmap.model_dump(mode="json", exclude_none=True, exclude={"nodes", "summary"})
    front = [
        "---",
        f"title: {json.dumps(roadmap.title, ensure_ascii=False)}",
        f"lang: {roadmap.language}",
        f"syllabus: {json.dumps(head, ensure_ascii=False, separators=(',', ':'))}",
        "---",
    ]
    out = ["\n".join(front)]
    if roadmap.summary.strip():
        out.append(roadmap.summary.strip("\n"))
    for node in roadmap.nodes:
        _node(node, 1, out)
    return "\n\n".join(out) + "\n"
