"""Roadmap → Markdown that reads well and re-imports to the same structure and ids.

Every heading and item carries its exact data in an HTML comment
(``<!-- syllabus-node {...} -->``); Markdown viewers hide those, and the importer reads
them back (``exact.py``) instead of guessing, so roles, timing and ids survive the trip.
"""

from __future__ import annotations

import json
import re
from typing import Any, Protocol

from syllabus.model.plain import dump
from syllabus.model.roadmap import Item, Node, Roadmap

_ESCAPES = (("--", "-\\u002d"), ("`", "\\u0060"), ("<", "\\u003c"), (">", "\\u003e"))

ITEM_BULLET = "+"
"""Items use "+" so that a list at the end of a node's body never merges with them."""


def _meta(kind: str, data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "-->" would end the comment early, a backtick could pair with one in the text.
    for raw, escaped in _ESCAPES:
        text = text.replace(raw, escaped)
    return f"<!-- syllabus-{kind} {text} -->"


_END = "<!-- syllabus-end -->"
_LEADING = set("+-*#>=|~_")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _self_contained(markdown: str) -> bool:
    """Whether Markdown ends where it ends: no open fence or HTML block runs on."""
    from syllabus.importer.blocks import Heading, parse_blocks
    from syllabus.importer.tokens import parser

    if markdown != markdown.strip("\n") or "syllabus-" in markdown:
        return False
    blocks = parse_blocks(markdown)
    if any(isinstance(b, Heading) for b in blocks):
        return False
    if "\n\n".join(b.source for b in blocks if b.source) != markdown:
        return False  # reads differently on its own (text that came from inside a list)
    probe = markdown.count("\n") + 2  # the line of a list item written after the body
    tokens = parser().parse(f"{markdown}\n\n{ITEM_BULLET} probe\n\n{_END}\n")
    starts = [t for t in tokens if t.level == 0 and t.map and t.type == "bullet_list_open"]
    last = tokens[-1] if tokens else None
    return (
        any(t.map is not None and t.map[0] == probe for t in starts)
        and last is not None
        and last.type == "html_block"
        and last.content.strip() == _END
    )


def _visible(text: str) -> str:
    """Item text shown in the list: one line, no backtick or "<" that could swallow metadata."""
    text = " ".join(text.split()).replace("`", "\\`").replace("<", "\\<")
    if text[:1] in _LEADING or re.match(r"\d+[.)]", text):
        text = "\\" + text if text[:1] in _LEADING else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


class Annotations(Protocol):
    """What a progress report adds to the exported roadmap (``cli.report``): each item's
    box, and Markdown blocks after an item or after a node's items. Blocks it adds hold
    no metadata, so a re-import reads them as body text."""

    def box(self, item: Item) -> str:
        """The item's box: ``"[ ] "``, ``"[x] "``, ``"[-] "`` or ``""``."""
        ...

    def after(self, target: Item | Node) -> list[str]:
        """Blocks to write after an item, or after a node's items."""
        ...


def _node(node: Node, depth: int, out: list[str], notes: Annotations | None = None) -> None:
    data = dump(
        node, exclude_none=True, exclude_defaults=True, exclude={"children", "items", "body"}
    )
    data["id"] = node.id
    data["title"] = node.title
    title = " ".join(node.title.split()) or node.id
    body = node.body.strip("\n")
    if body and not _self_contained(body):
        data["body"] = node.body
        body = ""
    out.append(f"{'#' * min(depth, 6)} {title}\n{_meta('node', data)}")
    if body:
        out.append(body)
    group: str | None = None
    lines: list[str] = []
    for item in node.items:
        if item.group != group:
            if lines:
                out.append("\n".join(lines))
                lines = []
            group = item.group
            if group:
                label = _MD_SPECIAL.sub(r"\\\1", " ".join(group.split()))
                out.append(f"**{label}** {_meta('group', {})}")
        data = dump(item, exclude_none=True, exclude_defaults=True)
        data["id"] = item.id
        data["text"] = item.text
        box = ("[ ] " if item.checkable else "") if notes is None else notes.box(item)
        text = _visible(item.text)
        lines.append(f"{ITEM_BULLET} {box}{text} {_meta('item', data)}")
        extra = notes.after(item) if notes is not None else []
        if extra:
            out.append("\n".join(lines))
            out.extend(extra)
            lines = []
    if lines:
        out.append("\n".join(lines))
    if notes is not None:
        out.extend(notes.after(node))
    for child in node.children:
        _node(child, depth + 1, out, notes)


def to_markdown(
    roadmap: Roadmap, notes: Annotations | None = None, preamble: list[str] | None = None
) -> str:
    """The roadmap as Markdown with front matter and exact metadata comments; a progress
    report passes its ``notes`` and the ``preamble`` blocks it writes before the roadmap."""
    head = dump(roadmap, exclude_none=True, exclude={"nodes", "summary"})
    summary = roadmap.summary.strip("\n")
    if summary and not _self_contained(summary):
        head["summary"] = roadmap.summary
        summary = ""
    front = [
        "---",
        f"title: {json.dumps(roadmap.title, ensure_ascii=False)}",
        f"lang: {roadmap.language}",
        f"syllabus: {json.dumps(head, ensure_ascii=False, separators=(',', ':'))}",
        "---",
    ]
    out = ["\n".join(front), *(preamble or [])]
    if summary:
        out.append(summary)
    for node in roadmap.nodes:
        _node(node, 1, out, notes)
    return "\n\n".join(out) + "\n"


def to_json(roadmap: Roadmap) -> dict[str, Any]:
    """The whole model as plain data for ``export --format json``: every field, except
    that an item's hours read ``{"low": L, "high": H}`` (one number: both ends alike),
    or null when it states none, and a rubric item has its ``max_points`` (what its
    criterion is worth, ``model.rubric``)."""
    from syllabus.model.rubric import max_points

    data: dict[str, Any] = dump(roadmap)
    items = roadmap.item_index()

    def nodes(raw: list[dict[str, Any]]) -> None:
        for node in raw:
            for entry in node.get("items", []):
                holder, item = items[entry["id"]]
                if entry.get("kind") == "rubric":
                    entry["max_points"] = max_points(holder, item)
                high = getattr(item, "hours_high", None)
                entry.pop("hours_high", None)
                if item.hours is None:
                    entry["hours"] = None
                else:
                    entry["hours"] = {"low": item.hours, "high": high or item.hours}
            nodes(node.get("children", []))

    nodes(data.get("nodes", []))
    return data


def from_json(data: dict[str, Any]) -> dict[str, Any]:
    """``to_json``'s output as the model's plain data again (hours as the fields hold them),
    for ``model.validate.roadmap``."""
    import copy

    plain = copy.deepcopy(data)

    def nodes(raw: list[dict[str, Any]]) -> None:
        for node in raw:
            for entry in node.get("items", []):
                entry.pop("max_points", None)
                hours = entry.get("hours")
                if isinstance(hours, dict):
                    entry["hours"] = hours["low"]
                    if hours["high"] != hours["low"]:
                        entry["hours_high"] = hours["high"]
            nodes(node.get("children", []))

    nodes(plain.get("nodes", []))
    return plain
