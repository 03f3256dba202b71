"""A node's prose (Markdown) as one literal ``Content``, for one widget to draw.

Textual's Markdown widget mounts a widget for every block (a table is a grid of them),
which on a node with tables cost a tenth of a second a move; the prose of a roadmap
node is paragraphs, lists, emphasis, links, code and tables, and one ``Content`` shows
them all. Text stays literal: it is never read as markup. Parsed with markdown-it
(CommonMark, with tables and strikethrough), imported by the caller off the event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.style import Style

if TYPE_CHECKING:
    from markdown_it.token import Token

HEADING = Style(bold=True)
STRONG = Style(bold=True)
EMPHASIS = Style(italic=True)
STRIKE = Style(strike=True)
CODE = Style(dim=True, bold=True)
LINK = Style(underline=True)
QUOTE = Style(italic=True, dim=True)
RULE = Style(dim=True)
"""Styles built once (a style given by name is parsed again at each render)."""

Part = Content | str | tuple[str, Style]

_PARSER: list[object] = []


def _parser() -> object:
    if not _PARSER:
        from markdown_it import MarkdownIt

        _PARSER.append(MarkdownIt("commonmark").enable(["table", "strikethrough"]))
    return _PARSER[0]


def prose(markdown: str) -> Content:
    """The Markdown as styled, literal content: blocks apart by blank lines."""
    tokens: list[Token] = _parser().parse(markdown)  # type: ignore[attr-defined]
    blocks = _Blocks()
    blocks.read(tokens)
    return Content("\n\n").join(blocks.done)


class _Blocks:
    """Walks the block tokens; each finished block is one Content (a table, a paragraph,
    a whole list)."""

    def __init__(self) -> None:
        self.done: list[Content] = []
        self._lead = ""
        """What starts the next line: a list mark, or the indent under one."""
        self._marks: list[int | None] = []
        """Per open list: the next number (ordered) or None (bullets)."""
        self._list: list[Content] = []
        self._row: list[Content] = []
        self._table: list[list[Content]] = []
        self._header_rows = 0
        self._in_table = False
        self._in_heading = False
        self._quote = 0

    def read(self, tokens: list[Token]) -> None:
        for token in tokens:
            handler = getattr(self, f"_on_{token.type}", None)
            if handler is not None:
                handler(token)

    def _add(self, content: Content) -> None:
        if self._quote:
            content = Content.assemble(("▎ " * self._quote, QUOTE), content.stylize(QUOTE))
        if self._marks:  # a list is one block, its items a line each
            self._list.append(Content(self._lead) + content)
            self._lead = "  " * len(self._marks)
        else:
            self.done.append(content)

    def _on_heading_open(self, token: Token) -> None:
        self._in_heading = True

    def _on_inline(self, token: Token) -> None:
        text = inline(token.children or [])
        if self._in_table:
            self._row.append(text)
        elif self._in_heading:
            self._in_heading = False
            self._add(text.stylize(HEADING))
        else:
            self._add(text)

    def _on_bullet_list_open(self, token: Token) -> None:
        self._marks.append(None)

    def _on_ordered_list_open(self, token: Token) -> None:
        start = token.attrGet("start")
        self._marks.append(int(start) if isinstance(start, (int, str)) else 1)

    def _on_bullet_list_close(self, token: Token) -> None:
        self._marks.pop()
        self._lead = "  " * len(self._marks)
        if not self._marks and self._list:
            self.done.append(Content("\n").join(self._list))
            self._list = []

    _on_ordered_list_close = _on_bullet_list_close

    def _on_list_item_open(self, token: Token) -> None:
        number = self._marks[-1]
        if number is None:
            mark = "• "
        else:
            mark = f"{number}. "
            self._marks[-1] = number + 1
        self._lead = "  " * (len(self._marks) - 1) + mark

    def _on_blockquote_open(self, token: Token) -> None:
        self._quote += 1

    def _on_blockquote_close(self, token: Token) -> None:
        self._quote -= 1

    def _on_fence(self, token: Token) -> None:
        self._add(Content.styled(token.content.rstrip("\n"), CODE))

    _on_code_block = _on_fence

    def _on_html_block(self, token: Token) -> None:
        self._add(Content(token.content.rstrip("\n")))

    def _on_hr(self, token: Token) -> None:
        self._add(Content.styled("─" * 20, RULE))

    def _on_table_open(self, token: Token) -> None:
        self._in_table = True
        self._table = []
        self._header_rows = 0

    def _on_thead_close(self, token: Token) -> None:
        self._header_rows = len(self._table)

    def _on_tr_open(self, token: Token) -> None:
        self._row = []

    def _on_tr_close(self, token: Token) -> None:
        self._table.append(self._row)

    def _on_table_close(self, token: Token) -> None:
        self._in_table = False
        self._add(table(self._table, self._header_rows))
        self._table = []


def table(rows: list[list[Content]], header_rows: int) -> Content:
    """Rows of cells in aligned columns, the header in bold and ruled off."""
    if not rows:
        return Content("")
    columns = max(len(row) for row in rows)
    widths = [
        max((row[n].cell_length for row in rows if n < len(row)), default=0) for n in range(columns)
    ]
    lines: list[Content] = []
    for number, row in enumerate(rows):
        cells = [
            (row[n] if n < len(row) else Content("")).pad_right(widths[n] - _width(row, n))
            for n in range(columns)
        ]
        line = Content(" │ ").join(cells)
        lines.append(line.stylize(HEADING) if number < header_rows else line)
        if number == header_rows - 1:
            lines.append(Content.styled("─┼─".join("─" * w for w in widths), RULE))
    return Content("\n").join(lines)


def _width(row: list[Content], n: int) -> int:
    return row[n].cell_length if n < len(row) else 0


def inline(tokens: list[Token]) -> Content:
    """Inline tokens as one styled Content: emphasis, code, links (their text underlined)."""
    parts: list[Part] = []
    styles: list[Style] = []
    for token in tokens:
        kind = token.type
        if kind == "text":
            parts.append(_styled(token.content, styles))
        elif kind == "code_inline":
            parts.append(_styled(token.content, [*styles, CODE]))
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n" if kind == "hardbreak" else " ")
        elif kind.endswith("_open"):
            styles.append(_style_of(token))
        elif kind.endswith("_close"):
            if styles:
                styles.pop()
        elif kind == "image":
            parts.append(_styled(token.content or str(token.attrGet("src") or ""), styles))
        elif kind in ("html_inline",):
            parts.append(_styled(token.content, styles))
    return Content.assemble(*parts)


def _style_of(token: Token) -> Style:
    kind = token.type
    if kind == "strong_open":
        return STRONG
    if kind == "em_open":
        return EMPHASIS
    if kind == "s_open":
        return STRIKE
    if kind == "link_open":
        href = token.attrGet("href")
        if isinstance(href, str) and href.startswith(("http://", "https://")):
            return LINK + Style(link=href)
        return LINK
    return Style()


def _styled(text: str, styles: list[Style]) -> Content | str:
    if not styles:
        return text
    style = styles[0]
    for more in styles[1:]:
        style = style + more
    return Content.styled(text, style)
