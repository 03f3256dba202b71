"""Markdown → a tree of sections holding typed blocks, from markdown-it tokens.

This layer knows Markdown, not roadmaps: it turns tokens into headings, paragraphs split
into lines (each with its bold label, plain text and links), lists, tables and raw blocks
that keep their Markdown source. ``build`` gives them roadmap meaning.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

META_PREFIX = "syllabus"
"""HTML comments starting ``<!-- syllabus-`` carry exact metadata in exported Markdown."""

_META = re.compile(r"<!--\s*syllabus-(node|item|group)\s*(\{.*\})?\s*-->", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BR = re.compile(r"<br\s*/?>", re.I)
_LEAD = re.compile(r"\s*(?:\[[ xX]\]\s*)?")  # a checkbox may stand before a label


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with tables and linkify; fuzzy links off so "Fast.ai" stays text."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])
    if md.linkify is not None:
        md.linkify.set({"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})
    return md


@dataclass
class Line:
    """One line of inline text: its bold label, plain text and links."""

    text: str
    """Plain text: emphasis markers dropped, code spans kept in backticks, link text kept."""
    label: str | None = None
    """A leading bold label, cleaned of emoji and the trailing colon."""
    rest: str = ""
    """The text after the label (and its colon); the whole text when there is no label."""
    links: list[tuple[str, str]] = field(default_factory=list)
    """(link text, URL) pairs in order."""
    source: str = ""
    """The Markdown source of this line, when known."""
    meta: tuple[str, dict[str, Any]] | None = None
    """An exported ``<!-- syllabus-… {json} -->`` comment on this line."""

    @property
    def label_only(self) -> bool:
        """The line is nothing but a label ("**Tasks**", "**Deliverables:**")."""
        return self.label is not None and not self.rest


@dataclass
class Paragraph:
    lines: list[Line]
    source: str


@dataclass
class ListItem:
    lines: list[Line]
    """The item's first paragraph, line by line."""
    blocks: list[Block]
    """What else the item holds: nested lists, further paragraphs."""
    source: str


@dataclass
class ListBlock:
    items: list[ListItem]
    source: str
    ordered: bool = False


@dataclass
class Table:
    header: list[list[Line]]
    rows: list[list[list[Line]]]
    """Rows of cells; a cell is lines (``<br>`` splits a cell into lines)."""
    source: str


@dataclass
class Raw:
    """Code, a block quote, HTML: kept as Markdown, never read as items."""

    source: str
    kind: str = "raw"
    meta: tuple[str, dict[str, Any]] | None = None


@dataclass
class Heading:
    level: int
    line: Line
    source: str


Block = Paragraph | ListBlock | Table | Raw | Heading


def clean_label(text: str) -> str:
    """A label without emoji, surrounding space and trailing colon ("📌 Ziel:" → "Ziel")."""
    text = strip_symbols(text).strip()
    while text.endswith(":"):
        text = text[:-1].rstrip()
    return text


def strip_symbols(text: str) -> str:
    """The text without leading and trailing emoji and symbol characters."""
    start, end = 0, len(text)
    while start < end and _decorative(text[start]):
        start += 1
    while end > start and _decorative(text[end - 1]):
        end -= 1
    return text[start:end]


def _decorative(ch: str) -> bool:
    if ch.isspace() or ch in "\ufe0f\u200d":
        return True
    return unicodedata.category(ch) in ("So", "Sk", "Cn", "Co", "Mn") and ch not in "°"


def _meta(text: str) -> tuple[str, dict[str, Any]] | None:
    match = _META.search(text)
    if not match:
        return None
    try:
        data = json.loads(match.group(2) or "{}")
    except ValueError:
        return None
    return (match.group(1), data) if isinstance(data, dict) else None


def inline_lines(token: Token, source_lines: list[str] | None = None) -> list[Line]:
    """An inline token's children as lines, split at soft and hard breaks and ``<br>``."""
    lines: list[Line] = []
    parts: list[str] = []
    links: list[tuple[str, str]] = []
    label: list[str] | None = None
    label_done = False
    strong_depth = 0
    link_href: str | None = None
    link_text: list[str] = []
    meta: tuple[str, dict[str, Any]] | None = None
    label_end = 0

    def flush() -> None:
        nonlocal parts, links, label, label_done, meta, label_end
        joined = "".join(parts)
        text = joined.strip()
        lab = "".join(label).strip() if label is not None else None
        rest = text
        if lab is not None:
            rest = joined[label_end:].strip()
            if rest.startswith(":"):
                rest = rest[1:].strip()
            elif not rest and ":" in lab and not lab.rstrip().endswith(":"):
                lab, _, rest = lab.partition(":")
                rest = rest.strip()
            lab = clean_label(lab)
            if not lab:
                lab = None
                rest = text
        if text or meta:
            lines.append(Line(text=text, label=lab, rest=rest, links=links, meta=meta))
        parts, links, label, label_done, meta = [], [], None, False, None
        label_end = 0

    for child in token.children or []:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            flush()
            continue
        if kind == "html_inline":
            if _BR.fullmatch(child.content.strip()):
                flush()
                continue
            found = _meta(child.content)
            if found:
                meta = found
                continue
            if child.content.startswith("<!--"):
                continue
        text = ""
        if kind == "text":
            text = child.content
        elif kind == "code_inline":
            tick = "``" if "`" in child.content else "`"
            text = f"{tick}{child.content}{tick}"
        elif kind == "html_inline":
            text = child.content
        elif kind == "image":
            text = child.content or "".join(c.content for c in child.children or [])
            src = child.attrs.get("src")
            if isinstance(src, str):
                links.append((text, src))
        elif kind == "link_open":
            href = child.attrs.get("href")
            link_href = href if isinstance(href, str) else None
            link_text = []
            continue
        elif kind == "link_close":
            if link_href is not None:
                links.append(("".join(link_text).strip(), link_href))
            link_href = None
            continue
        elif kind == "strong_open":
            strong_depth += 1
            if label is None and not label_done and _LEAD.fullmatch("".join(parts)):
                label = []
            continue
        elif kind == "strong_close":
            strong_depth -= 1
            if strong_depth == 0 and label is not None and not label_done:
                label_done = True
                label_end = len("".join(parts))
            continue
        else:
            continue  # em_open/close and other markers: the text is what matters
        if link_href is not None:
            link_text.append(text)
        if label is not None and not label_done and strong_depth:
            label.append(text)
        elif label is None and not label_done and not _LEAD.fullmatch("".join(parts) + text):
            label_done = True  # checked once: later text cannot start a label
        parts.append(text)
    flush()
    if source_lines is not None and token.map and len(lines) == token.map[1] - token.map[0]:
        for line, src in zip(lines, source_lines[token.map[0] : token.map[1]], strict=False):
            line.source = src
    return lines


def _source(lines: list[str], token: Token) -> str:
    """The Markdown source of a block, HTML comments dropped (code keeps its text as is)."""
    if not token.map:
        return ""
    text = "\n".join(lines[token.map[0] : token.map[1]]).strip("\n")
    if token.type in ("fence", "code_block") or "<!--" not in text:
        return text
    return _COMMENT.sub("", text).strip("\n")


def parse_blocks(text: str) -> list[Block]:
    """The document as a flat list of top-level blocks (headings included)."""
    tokens = parser().parse(text)
    source_lines = text.split("\n")
    blocks, _ = _blocks(tokens, 0, len(tokens), source_lines)
    return blocks


def _find_close(tokens: list[Token], start: int) -> int:
    level = tokens[start].level
    close = tokens[start].type.replace("_open", "_close")
    for index in range(start + 1, len(tokens)):
        if tokens[index].type == close and tokens[index].level == level:
            return index
    return len(tokens) - 1


def _blocks(
    tokens: list[Token], start: int, end: int, source_lines: list[str]
) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    index = start
    while index < end:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            inline = tokens[index + 1]
            lines = inline_lines(inline)
            text = " ".join(line.text for line in lines)
            links = [link for line in lines for link in line.links]
            meta = next((line.meta for line in lines if line.meta), None)
            joined = Line(text=text, rest=text, links=links, meta=meta)
            blocks.append(Heading(int(token.tag[1]), joined, _source(source_lines, token)))
            index = _find_close(tokens, index) + 1
        elif kind == "paragraph_open":
            inline = tokens[index + 1]
            lines = inline_lines(inline, source_lines)
            if lines:
                blocks.append(Paragraph(lines, _source(source_lines, token)))
            index = _find_close(tokens, index) + 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            close = _find_close(tokens, index)
            items = _list_items(tokens, index + 1, close, source_lines)
            blocks.append(
                ListBlock(items, _source(source_lines, token), kind == "ordered_list_open")
            )
            index = close + 1
        elif kind == "table_open":
            close = _find_close(tokens, index)
            blocks.append(_table(tokens, index, close, source_lines))
            index = close + 1
        elif kind == "blockquote_open":
            close = _find_close(tokens, index)
            inner, _ = _blocks(tokens, index + 1, close, source_lines)
            quote = Raw(_source(source_lines, token), "blockquote")
            if len(inner) == 1 and isinstance(inner[0], Paragraph):
                para = inner[0]
                if len(para.lines) == 1 and para.lines[0].label_only:
                    blocks.append(Paragraph(para.lines, quote.source))
                    index = close + 1
                    continue
            blocks.append(quote)
            index = close + 1
        elif kind in ("fence", "code_block"):
            blocks.append(Raw(_source(source_lines, token), "code"))
            index += 1
        elif kind == "html_block":
            found = _meta(token.content)
            if found:
                blocks.append(Raw("", "meta", found))
            elif not token.content.lstrip().startswith("<!--"):
                blocks.append(Raw(_source(source_lines, token), "html"))
            index += 1
        else:
            index += 1  # hr and closing tokens: structure, not content
    return blocks, index


def _list_items(
    tokens: list[Token], start: int, end: int, source_lines: list[str]
) -> list[ListItem]:
    items: list[ListItem] = []
    index = start
    while index < end:
        token = tokens[index]
        if token.type != "list_item_open":
            index += 1
            continue
        close = _find_close(tokens, index)
        inner, _ = _blocks(tokens, index + 1, close, source_lines)
        lines: list[Line] = []
        if inner and isinstance(inner[0], Paragraph):
            lines = inner[0].lines
            inner = inner[1:]
        items.append(ListItem(lines, inner, _source(source_lines, token)))
        index = close + 1
    return items


def _table(tokens: list[Token], start: int, end: int, source_lines: list[str]) -> Table:
    header: list[list[Line]] = []
    rows: list[list[list[Line]]] = []
    row: list[list[Line]] | None = None
    in_head = False
    for token in tokens[start:end]:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            if in_head:
                header = row
            else:
                rows.append(row)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(inline_lines(token))
    return Table(header, rows, _source(source_lines, tokens[start]))
