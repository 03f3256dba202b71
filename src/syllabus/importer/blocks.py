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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it.token import Token

    from syllabus.importer.tokens import Tokens

META_PREFIX = "syllabus"
"""HTML comments starting ``<!-- syllabus-`` carry exact metadata in exported Markdown."""

_META = re.compile(r"<!--\s*syllabus-(node|item|group)\s*(\{.*\})?\s*-->", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BR = re.compile(r"<br\s*/?>", re.I)
_LEAD = re.compile(r"\s*(?:\[[ xX]\]\s*)?")  # a checkbox may stand before a label


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
    if text[:1] in _ASCII_KEPT and text[-1:] in _ASCII_KEPT:
        return text  # most text: nothing to strip, told without a lookup per end
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


_ASCII_KEPT = frozenset(ch for ch in map(chr, range(128)) if not _decorative(ch))


def _meta(text: str) -> tuple[str, dict[str, Any]] | None:
    match = _META.search(text)
    if not match:
        return None
    try:
        data = json.loads(match.group(2) or "{}")
    except ValueError:
        return None
    return (match.group(1), data) if isinstance(data, dict) else None


def inline_lines(children: list[Token]) -> list[Line]:
    """Inline tokens as lines, split at soft and hard breaks and ``<br>``."""
    reader = _LineReader()
    for child in children:
        if not reader.marker(child):
            text = _child_text(child, reader.links)
            if text is not None:
                reader.add(text)
    reader.flush()
    return reader.lines


def _child_text(child: Token, links: list[tuple[str, str]]) -> str | None:
    """The text an inline token stands for (an image's link goes to ``links``)."""
    kind = child.type
    if kind == "text" or kind == "html_inline":
        return child.content
    if kind == "code_inline":
        tick = "``" if "`" in child.content else "`"
        return f"{tick}{child.content}{tick}"
    if kind == "image":
        text = child.content or "".join(c.content for c in child.children or [])
        src = child.attrs.get("src")
        if isinstance(src, str):
            links.append((text, src))
        return text
    return None  # em_open/close and other markers: the text is what matters


class _LineReader:
    """The line being read from inline tokens: its text, links and leading bold label."""

    __slots__ = (
        "label",
        "label_done",
        "label_end",
        "lines",
        "link_href",
        "link_text",
        "links",
        "meta",
        "parts",
        "strong_depth",
    )

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.strong_depth = 0
        self.link_href: str | None = None
        self.link_text: list[str] = []
        self.reset()

    def reset(self) -> None:
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.label: list[str] | None = None
        self.label_done = False
        self.meta: tuple[str, dict[str, Any]] | None = None
        self.label_end = 0

    def marker(self, child: Token) -> bool:
        """Handle a token that is structure, not text; whether it was one."""
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            self.flush()
        elif kind == "html_inline":
            if _BR.fullmatch(child.content.strip()):
                self.flush()
                return True
            found = _meta(child.content)
            if found:
                self.meta = found
                return True
            return child.content.startswith("<!--")
        elif kind == "link_open":
            href = child.attrs.get("href")
            self.link_href = href if isinstance(href, str) else None
            self.link_text = []
        elif kind == "link_close":
            if self.link_href is not None:
                self.links.append(("".join(self.link_text).strip(), self.link_href))
            self.link_href = None
        elif kind == "strong_open":
            self.strong_depth += 1
            if self.label is None and not self.label_done and _LEAD.fullmatch("".join(self.parts)):
                self.label = []
        elif kind == "strong_close":
            self.strong_depth -= 1
            if self.strong_depth == 0 and self.label is not None and not self.label_done:
                self.label_done = True
                self.label_end = len("".join(self.parts))
        else:
            return False
        return True

    def add(self, text: str) -> None:
        if self.link_href is not None:
            self.link_text.append(text)
        if self.label is not None and not self.label_done and self.strong_depth:
            self.label.append(text)
        elif (
            self.label is None
            and not self.label_done
            and not _LEAD.fullmatch("".join(self.parts) + text)
        ):
            self.label_done = True  # checked once: later text cannot start a label
        self.parts.append(text)

    def flush(self) -> None:
        joined = "".join(self.parts)
        text = joined.strip()
        label = "".join(self.label).strip() if self.label is not None else None
        rest = text
        if label is not None:
            rest = joined[self.label_end :].strip()
            if rest.startswith(":"):
                rest = rest[1:].strip()
            elif not rest and ":" in label and not label.rstrip().endswith(":"):
                label, _, rest = label.partition(":")
                rest = rest.strip()
            label = clean_label(label)
            if not label:
                label = None
                rest = text
        if text or self.meta:
            self.lines.append(
                Line(text=text, label=label, rest=rest, links=self.links, meta=self.meta)
            )
        self.reset()


def _source(lines: list[str], token: Token) -> str:
    """The Markdown source of a block, HTML comments dropped (code keeps its text as is)."""
    if not token.map:
        return ""
    start, end = token.map
    text = lines[start] if end == start + 1 else "\n".join(lines[start:end])
    text = text.strip("\n")
    if "<!--" not in text or token.type in ("fence", "code_block"):
        return text
    return _COMMENT.sub("", text).strip("\n")


def parse_blocks(text: str) -> list[Block]:
    """The document as a flat list of top-level blocks (headings included)."""
    from syllabus.importer.tokens import Tokens, sections

    blocks: list[Block] = []
    for piece in sections(text):  # one piece's tokens alive at a time
        reader = _Reader(Tokens(piece), piece.split("\n"))
        blocks += reader.blocks(0, len(reader.tokens), release=True)
    return blocks


def _closes(tokens: list[Token]) -> list[int]:
    """For each opening token, the index of its closing token (one pass, a stack)."""
    closes = list(range(len(tokens)))
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            stack.append(index)
        elif token.nesting == -1 and stack:
            closes[stack.pop()] = index
    for index in stack:  # unclosed (never from markdown-it): up to the end, as before
        closes[index] = len(tokens) - 1
    return closes


class _Reader:
    """Block tokens → blocks; inline content is tokenised as each block is read."""

    def __init__(self, tokens: Tokens, source_lines: list[str]) -> None:
        from markdown_it.token import Token

        self.inline = tokens
        self.tokens = tokens.tokens
        self.closes = _closes(self.tokens)
        self.source_lines = source_lines
        self.read = Token("read", "", 0)
        """What stands in for the tokens of a block that was read (they are let go)."""

    def lines(self, token: Token, sourced: bool = False) -> list[Line]:
        """An inline token's lines (with their Markdown source, when ``sourced``)."""
        content = token.content
        span = token.map
        if self.inline.plain(content):  # one text token: one line, no label, no link
            text = content.strip()
            if not text:
                return []
            source = ""
            if sourced and span and span[1] - span[0] == 1:
                source = self.source_lines[span[0]]
            return [Line(text=text, rest=text, source=source)]
        lines = inline_lines(self.inline.children(token))
        if sourced and span and len(lines) == span[1] - span[0]:
            for line, src in zip(lines, self.source_lines[span[0] : span[1]], strict=False):
                line.source = src
        return lines

    def source(self, token: Token) -> str:
        return _source(self.source_lines, token)

    def blocks(self, start: int, end: int, release: bool = False) -> list[Block]:
        """The blocks of tokens ``start:end``; ``release`` lets go of each block's tokens
        once it is read, so a big document's tokens and blocks are never all alive."""
        tokens = self.tokens
        blocks: list[Block] = []
        index = start
        while index < end:
            if release and index > start:
                tokens[start:index] = [self.read] * (index - start)
                start = index
            token = tokens[index]
            kind = token.type
            if kind == "paragraph_open":
                lines = self.lines(tokens[index + 1], sourced=True)
                if lines:
                    blocks.append(Paragraph(lines, self.source(token)))
            elif kind == "heading_open":
                lines = self.lines(tokens[index + 1])
                text = " ".join(line.text for line in lines)
                links = [link for line in lines for link in line.links]
                meta = next((line.meta for line in lines if line.meta), None)
                joined = Line(text=text, rest=text, links=links, meta=meta)
                blocks.append(Heading(int(token.tag[1]), joined, self.source(token)))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                items = self.list_items(index + 1, self.closes[index])
                ordered = kind == "ordered_list_open"
                blocks.append(ListBlock(items, self.source(token), ordered))
            elif kind == "table_open":
                blocks.append(self.table(index, self.closes[index]))
            elif kind == "blockquote_open":
                blocks.append(self.quote(index))
            elif kind in ("fence", "code_block"):
                blocks.append(Raw(self.source(token), "code"))
            elif kind == "html_block":
                found = _meta(token.content)
                if found:
                    blocks.append(Raw("", "meta", found))
                elif not token.content.lstrip().startswith("<!--"):
                    blocks.append(Raw(self.source(token), "html"))
            # hr and closing tokens: structure, not content
            index = self.closes[index] + 1
        return blocks

    def quote(self, index: int) -> Block:
        """A block quote is kept as Markdown, unless it is only a label line."""
        inner = self.blocks(index + 1, self.closes[index])
        source = self.source(self.tokens[index])
        if len(inner) == 1 and isinstance(inner[0], Paragraph):
            para = inner[0]
            if len(para.lines) == 1 and para.lines[0].label_only:
                return Paragraph(para.lines, source)
        return Raw(source, "blockquote")

    def list_items(self, start: int, end: int) -> list[ListItem]:
        items: list[ListItem] = []
        tokens = self.tokens
        index = start
        while index < end:
            token = tokens[index]
            close = self.closes[index]
            if token.type == "list_item_open":
                items.append(self.list_item(index, close))
            index = close + 1
        return items

    def list_item(self, index: int, close: int) -> ListItem:
        """An item: its first paragraph's lines, and the blocks after them."""
        first = index + 1
        lines: list[Line] = []
        if first < close and self.tokens[first].type == "paragraph_open":
            lines = self.lines(self.tokens[first + 1], sourced=True)
            if lines:  # what blocks() would make a Paragraph of and hand back first
                first = self.closes[first] + 1
        inner = self.blocks(first, close)
        if not lines and inner and isinstance(inner[0], Paragraph):
            lines = inner[0].lines
            inner = inner[1:]
        return ListItem(lines, inner, self.source(self.tokens[index]))

    def table(self, start: int, end: int) -> Table:
        header: list[list[Line]] = []
        rows: list[list[list[Line]]] = []
        row: list[list[Line]] | None = None
        in_head = False
        for token in self.tokens[start:end]:
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
                row.append(self.lines(token))
        return Table(header, rows, self.source(self.tokens[start]))
