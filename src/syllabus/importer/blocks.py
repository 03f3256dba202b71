"""Markdown → a tree of sections holding typed blocks, from markdown-it tokens.

This layer knows Markdown, not roadmaps: it turns tokens (``tokens``) into headings,
paragraphs split into lines (``lines``: each with its bold label, plain text and links),
lists, tables and raw blocks that keep their Markdown source. ``build`` gives them
roadmap meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from syllabus.importer.html import table_breaks
from syllabus.importer.lines import Line, inline_lines, meta_comment

if TYPE_CHECKING:
    from markdown_it.token import Token

    from syllabus.importer.tokens import Tokens

_COMMENT = re.compile(r"<!--.*?-->", re.S)


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
    after_gap: bool = False
    """A blank line comes before it in its list (a loose list, or two lists the author
    wrote one after the other that Markdown reads as one)."""


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
                found = meta_comment(token.content)
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
        token = self.tokens[index]
        at = token.map[0] if token.map else 0
        gap = 0 < at <= len(self.source_lines) and not self.source_lines[at - 1].strip()
        return ListItem(lines, inner, self.source(token), gap)

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
        return Table(header, rows, table_breaks(self.source(self.tokens[start])))
