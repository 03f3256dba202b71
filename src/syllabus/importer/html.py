"""HTML in Markdown → the Markdown it means, before the document is read as a roadmap.

A README written HTML-first centres its title in ``<div><h1>``, shows badges as
``<img>``, folds its parts into ``<details><summary>`` and marks targets with
``<a name>``. The reader (``blocks``) cuts node bodies, summaries and notes out of the
document's source lines, so the HTML is rewritten in the source itself, once, where the
tokens say it is: an ``html_block`` token's lines are converted as a whole (stdlib
``html.parser``), and each ``html_inline`` token of a paragraph, heading, list item or
table cell is replaced where it stands. Code fences and code spans are never touched,
nor are comments (exported ``<!-- syllabus-… -->`` metadata lives in them).

What becomes of each element:

- ``<h1>``…``<h6>`` → an ATX heading; the first HTML heading becomes the title (``#``)
  when it comes before every Markdown heading and the Markdown has no single H1 title;
  later ones are never above the Markdown heading they stand under.
- ``<details>`` → nothing; its ``<summary>`` → a heading one level below the section it
  is in (a nested ``<details>`` one further).
- ``<img alt src>`` → ``![alt](src)``; ``<a href>`` → ``[…](href)``; ``<a name|id>`` →
  nothing (a target, not a link); ``<strong>``/``<b>`` → ``**``, ``<em>``/``<i>`` → ``*``,
  ``<code>`` → a code span, ``<pre>`` → a fenced block, ``<li>`` → a bullet.
- ``<br>`` → a line break; in a table cell it stays while the document is read, the one
  way GFM breaks a line in a cell (``lines`` splits the cell there), and the table's
  Markdown kept in a body says it with a separator instead (``table_breaks``).
- Every other element (``<p align>``, ``<div>``, ``<picture>``, ``<sub>``, ``<small>`` …) →
  its text only; ``<script>``/``<style>``/``<svg>`` → nothing. A ``<Name>`` that is no
  HTML element ("List<T>") is text, escaped.
- roadmap.sh's link tags ``[@video@Title](url)`` → ``[Title](url "video")``: the tag
  leaves the text and survives as the link's title, which ``tag_kind`` reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

    from syllabus.importer.tokens import Tokens

RESOURCE_TAGS = frozenset(
    {"article", "video", "official", "course", "book", "podcast", "opensource", "feed", "roadmap"}
)
"""roadmap.sh's resource kinds (``@video@``): every one a resource to work through."""
_TAG = re.compile(r"@(" + "|".join(sorted(RESOURCE_TAGS)) + r")@", re.IGNORECASE)

ELEMENTS = frozenset(
    """a abbr address area article aside audio b bdi bdo big blink blockquote body br button
    caption center cite code col colgroup data dd del details dfn dialog div dl dt em embed
    fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html
    i iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav
    noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp
    script section select small source span strike strong style sub summary sup svg table
    tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr""".split()
)
"""HTML element names: a tag with any other name is text that looks like one."""

_SKIPPED = frozenset({"script", "style", "svg", "template", "noscript", "head", "title"})
_BREAKS = frozenset(
    """p div center section article aside header footer main nav figure figcaption blockquote
    table thead tbody tfoot ul ol dl dd dt picture details hgroup form fieldset""".split()
)
_CONTAINERS = frozenset("div section article header footer main nav aside center".split())
"""Elements whose headings the headings of elements inside them stand under."""
_VOID = frozenset({"br", "hr", "img", "source", "wbr", "input", "meta", "link", "area", "col"})
_EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`", "tt": "`", "kbd": "`"}
_HEADING = re.compile(r"h([1-6])")

_INLINE_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTR = re.compile(r"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_BLOCK_START = re.compile(r"(?:[#>+=|*_-]|\d+[.)])(?=\s|$|[#=*_-])")
"""What at the start of a line would make it a heading, list, quote, rule or table."""
_SPACE = re.compile(r"\s+")
_IMAGE = r"(?:!\[[^\]\n]*\]\([^)\n]*\)|\[\s*!\[[^\]\n]*\]\([^)\n]*\)\s*\]\([^)\n]*\))"
_IMAGES = re.compile(rf"\s*{_IMAGE}(?:\s+{_IMAGE})*\s*")
"""A paragraph of nothing but images and linked images (a logo, badges)."""


_NOT_COMMENT = re.compile(r"<(?!!--|[A-Za-z][A-Za-z0-9-]*:)")
"""A ``<`` that may start HTML: not a comment, nor an autolink's ``<https:`` (a tag's
name ends at a space, ``/`` or ``>``; no HTML block or tag starts with a name and ``:``)."""


def has_html(text: str) -> bool:
    """Whether the text may hold HTML or roadmap.sh tags (the rewrite's cheap gate:
    comments alone, "<!-- omit in toc -->", and autolinks, "<https://…>", are kept as
    they are)."""
    return _NOT_COMMENT.search(text) is not None or _TAG.search(text) is not None


def tag_kind(title: str | None) -> str | None:
    """The roadmap.sh tag a link's title carries ("video"), if it is one."""
    return title.lower() if title and title.lower() in RESOURCE_TAGS else None


def to_markdown(text: str, size: int | None = None) -> str:
    """The text with its HTML written as Markdown (see the module's description).

    A big text is read in pieces of about ``size`` characters (``tokens.loose_sections``),
    so its tokens are never all alive at once.
    """
    if not has_html(text):
        return text
    from syllabus.importer.tokens import SECTION_SIZE, Tokens, atx_levels, loose_sections

    text = text.replace("\r\n", "\n").replace("\r", "\n")  # the lines markdown-it counts
    pieces = loose_sections(text, size or SECTION_SIZE)
    rewriter = _Rewriter()
    rewriter.later = [level for piece in pieces[1:] for level in atx_levels(piece)]
    out: list[str] = []
    for number, piece in enumerate(pieces):
        if number and not has_html(piece):  # nothing to rewrite: only its headings count
            rewriter.skipped(piece)
            out.append(piece)
        else:
            out.append(rewriter.piece(Tokens(piece), piece))
    return "".join(out)


# --- attributes and small helpers -----------------------------------------------------


def _attrs(source: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in _ATTR.findall(source):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.setdefault(name.lower(), unescape(value))
    return found


def _image(attrs: dict[str, str | None]) -> str:
    alt = _SPACE.sub(" ", attrs.get("alt") or "").strip()
    alt = alt.replace("[", "\\[").replace("]", "\\]")
    src = (attrs.get("src") or "").strip()
    if not src:
        return alt
    return f"![{alt}]({_url(src)})"


def _url(url: str) -> str:
    """A URL as a Markdown link destination (spaces and brackets need the angle form)."""
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _escape_start(line: str) -> str:
    """A text line that must not start a Markdown block (HTML text is never one)."""
    if _BLOCK_START.match(line) and not line.startswith(("**", "![", "[")):
        return "\\" + line
    return line


def _level(own: int, under: int) -> int:
    return min(6, max(own, under + 1))


# --- HTML blocks ------------------------------------------------------------------------


@dataclass
class _Document:
    """What the rewrite knows of the document around the HTML it converts."""

    level: int = 0
    """The level of the Markdown heading the text stands under (0: none yet)."""
    title_free: bool = False
    """The first HTML heading, if before every Markdown one, is to become the title."""
    details: int = 0
    """How many ``<details>`` are open."""
    depth: int = 0
    """How many HTML containers (``<div>``…) are open."""
    headings: list[tuple[int, int]] = field(default_factory=list)
    """(container depth, level) of the HTML headings the open containers hold."""
    header: int | None = None
    """The container depth of the title an HTML heading gave, while it is open."""

    def close(self) -> None:
        """A container ends (``</div>``)."""
        self.depth = max(0, self.depth - 1)
        if self.header is not None and self.depth < self.header:
            self.header = None

    def heading(self, level: int) -> int:
        """The level of an HTML heading here: below one that an outer container holds."""
        while self.headings and self.headings[-1][0] > self.depth:
            self.headings.pop()
        outer = [at for depth, at in self.headings if depth < self.depth]
        if outer:
            level = min(6, max(level, outer[-1] + 1))
        self.headings.append((self.depth, level))
        return level

    def markdown_heading(self, level: int) -> None:
        self.level = level
        self.title_free = False
        self.headings = [(d, at) for d, at in self.headings if at < level]


@dataclass
class _Para:
    lines: list[str] = field(default_factory=list)


class _BlockConverter(HTMLParser):
    """One HTML block → Markdown paragraphs, headings, bullets and fences."""

    def __init__(self, document: _Document) -> None:
        super().__init__(convert_charrefs=False)
        self.document = document
        self.out: list[str] = []
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.links: list[str | None] = []
        self.heading: int | None = None
        self.skip = 0
        self.pre: list[str] | None = None
        self.title: int | None = None
        """Where in ``out`` the document's title heading goes, if this block holds it."""
        self.opened: int | None = None
        """Where a mark was just opened (``**``, ``[``): the space after it goes before it."""

    # Text in a line, and lines in a paragraph.

    def text(self, part: str) -> None:
        if self.pre is not None:
            self.pre.append(part)
        elif not self.skip:
            if self.opened is not None and part[:1].isspace():
                self.parts.insert(self.opened, " ")
                self.opened += 1
                part = part.lstrip()
            if part:
                self.opened = None
                self.parts.append(part)

    @property
    def in_link(self) -> bool:
        """Inside ``<a href>``: a link is one line, whatever blocks it wraps."""
        return any(self.links)

    def line(self) -> None:
        if self.in_link:
            self.text(" ")
            return
        line = _SPACE.sub(" ", "".join(self.parts)).strip()
        self.parts = []
        self.opened = None
        if line and line not in ("**", "*", "`"):
            self.lines.append(_escape_start(line))

    def paragraph(self) -> None:
        self.line()
        if self.lines and not self.in_link:
            self.out.append("\n".join(self.lines))
        self.lines = []

    def mark(self, mark: str, opening: bool) -> None:
        """An emphasis or code mark, kept tight against the text it wraps."""
        if self.heading is not None and mark != "`":
            return  # a heading is bold already
        if opening:
            self.text(mark)
            self.opened = len(self.parts) - 1
            return
        joined = "".join(self.parts)
        stripped = joined.rstrip()
        if stripped.endswith(mark) and not stripped[: -len(mark)].endswith(mark[:1]):
            self.parts = [stripped[: -len(mark)]]  # nothing inside: no mark at all
            return
        self.parts = [stripped, mark, joined[len(stripped) :]]

    # Parser callbacks.

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip += 1
        if self.skip or self.pre is not None:
            return
        found = dict(attrs)
        heading = _HEADING.fullmatch(tag)
        if heading or tag == "summary":
            self.paragraph()
            self.heading = self.heading_level(int(heading.group(1)) if heading else 0)
        elif tag == "details":
            self.paragraph()
            self.document.details += 1
        elif tag in _BREAKS or tag == "tr":
            self.document.depth += tag in _CONTAINERS
            self.paragraph() if tag != "tr" else self.line()
        elif tag == "li":
            self.line()
            self.text("- ")
        elif tag in ("td", "th"):
            if "".join(self.parts).strip():
                self.text(" · ")
        elif tag == "br":
            self.text(" ") if self.heading is not None else self.line()
        elif tag == "hr":
            self.paragraph()
            self.out.append("---")
        elif tag == "pre":
            self.paragraph()
            self.pre = []
        else:
            self.inline_start(tag, found)

    def inline_start(self, tag: str, found: dict[str, str | None]) -> None:
        if tag == "img":
            self.text(_image(found))
        elif tag == "a":
            href = (found.get("href") or "").strip() or None
            self.links.append(href)
            if href:
                self.text("[")
                self.opened = len(self.parts) - 1
        elif tag in _EMPHASIS:
            self.mark(_EMPHASIS[tag], opening=True)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if self.pre is not None:
            if tag == "pre":
                code = unescape("".join(self.pre)).strip("\n")
                fence = "~~~~" if "```" in code else "```"
                self.out.append(f"{fence}\n{code}\n{fence}")
                self.pre = None
            return
        if _HEADING.fullmatch(tag) or tag == "summary":
            self.end_heading()
        elif tag == "details":
            self.paragraph()
            self.document.details = max(0, self.document.details - 1)
        elif tag in _BREAKS:
            self.paragraph()
            if tag in _CONTAINERS:
                self.document.close()
        elif tag in ("li", "tr"):
            self.line()
        elif tag == "a":
            href = self.links.pop() if self.links else None
            if href:
                joined = "".join(self.parts)
                stripped = joined.rstrip()
                self.parts = [stripped, f"]({_url(href)})", joined[len(stripped) :]]
        elif tag in _EMPHASIS:
            self.mark(_EMPHASIS[tag], opening=False)

    def handle_data(self, data: str) -> None:
        self.text(data if self.pre is not None else _TAG.sub("", data))

    def handle_entityref(self, name: str) -> None:
        self.text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.text(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        if self.pre is None and not self.skip and not self.in_link:
            self.paragraph()
            self.out.append(f"<!--{data}-->")

    # Headings.

    def heading_level(self, own: int) -> int:
        """The Markdown level of an HTML heading (``own`` 0: a summary)."""
        document = self.document
        if own and document.title_free:
            document.title_free = False
            document.level = max(document.level, 1)
            document.header = document.depth or None
            self.title = len(self.out)
            return document.heading(1)
        document.title_free = False
        if own and document.header is not None:
            return 0  # another heading of the title's own block ("Archived"): a tagline
        if not own:
            return document.heading(min(6, max(1, document.level) + document.details))
        return document.heading(_level(own, document.level))

    def end_heading(self) -> None:
        if self.heading is None:
            return
        text = _SPACE.sub(" ", "".join(self.parts)).strip()
        self.parts = []
        if text:
            heading = "#" * self.heading + " " if self.heading else ""
            self.out.append(heading + text if heading else f"**{text}**")
        self.heading = None

    def markdown(self, source: str) -> list[str]:
        """The block's Markdown: paragraphs (lists of lines), blank lines between."""
        self.feed(source)
        self.close()
        self.end_heading()
        self.paragraph()
        out, title = self.out, self.title
        if title and title < len(out) and all(_IMAGES.fullmatch(p) for p in out[:title]):
            out.insert(0, out.pop(title))  # a logo over the title: the title first
        return out


# --- the rewrite ------------------------------------------------------------------------


class _Rewriter:
    """Rewrites the HTML of one document, piece by piece (``tokens.sections``)."""

    def __init__(self) -> None:
        self.document = _Document()
        self.first_piece = True
        self.later: list[int] = []
        """The levels of the headings of the pieces after the first."""

    def skipped(self, piece: str) -> None:
        """A piece without HTML, passed over: its last heading is where the text stands."""
        from syllabus.importer.tokens import atx_levels

        levels = atx_levels(piece)
        if levels:
            self.document.markdown_heading(levels[-1])

    def piece(self, tokens: Tokens, text: str) -> str:
        lines = text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        edits: list[tuple[int, int, str]] = []
        """(start, end, replacement) in ``text`` offsets, never overlapping."""
        all_tokens = tokens.tokens
        if self.first_piece:
            self.first_piece = False
            self.document.title_free = _title_free(all_tokens, self.later)
        cursor: dict[int, int] = {}
        in_row = False
        for token in all_tokens:
            kind = token.type
            if kind == "heading_open" and token.level == 0:
                self.document.markdown_heading(int(token.tag[1]))
            elif kind in ("tr_open", "tr_close"):
                in_row = kind == "tr_open"
            elif kind == "html_block" and token.map and "<" in token.content:
                edit = self.block(token, lines, starts)
                if edit:
                    edits.append(edit)
            elif kind == "inline" and token.map and has_html(token.content):
                found = _Inline(tokens, token, text, starts, cursor, in_row)
                edits += found.edits(self.document)
        if not edits:
            return text
        out: list[str] = []
        done = 0
        for start, end, new in sorted(edits):
            if start < done:
                continue  # never from the tokens; a safety net
            out += [text[done:start], new]
            done = end
        out.append(text[done:])
        return "".join(out)

    def block(
        self, token: Token, lines: list[str], starts: list[int]
    ) -> tuple[int, int, str] | None:
        """An HTML block's lines → its Markdown, in the block's container (list, quote)."""
        assert token.map is not None
        first, end = token.map
        content = token.content
        trailing = content.rsplit("-->", 1)[1] if "-->" in content else ""
        if content.lstrip().startswith("<!--") and not trailing.strip():
            return None  # a comment: metadata or a note to self, kept as written
        paragraphs = _BlockConverter(self.document).markdown(content)
        if not paragraphs:  # "</details>", "<br>": nothing to show, an empty line left
            return (starts[first], max(starts[first], starts[end] - 1), "")
        head = lines[first]
        body = content.split("\n", 1)[0]
        at = head.find(body) if body.strip() else -1
        lead = head[:at] if at > 0 else ""
        rest = re.sub(r"[^\s>]", " ", lead)
        blank = rest.rstrip()
        text = f"\n{blank}\n".join(
            "\n".join(rest + line for line in paragraph.split("\n")) for paragraph in paragraphs
        )
        if lead and text.startswith(rest):
            text = lead + text[len(rest) :]
        before = first > 0 and lines[first - 1].strip() not in ("", ">")
        after = end < len(lines) and lines[end].strip() not in ("", ">")
        text = (f"{blank}\n" if before else "") + text + (f"\n{blank}" if after else "")
        return (starts[first], max(starts[first], starts[end] - 1), text)


def _title_free(tokens: list[Token], later: list[int]) -> bool:
    """Whether the Markdown leaves the title to an HTML heading: its first heading is no
    lone H1 (none at all, a lower one, or one of several H1 sections; ``later``: the
    levels of the headings of the pieces after this first one)."""
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open" and t.level == 0]
    levels += later
    return not levels or levels[0] != 1 or levels.count(1) > 1


class _Inline:
    """The edits that make one inline token's HTML and tags Markdown, in its source."""

    def __init__(
        self,
        tokens: Tokens,
        token: Token,
        text: str,
        starts: list[int],
        cursor: dict[int, int],
        in_row: bool,
    ) -> None:
        assert token.map is not None
        self.token = token
        self.parts = tokens.html_parts(token)
        self.text = text
        self.line = token.map[0]
        self.region = (starts[token.map[0]], starts[token.map[1]] - 1)
        self.cursor = cursor
        self.in_row = in_row
        self.document = _Document()
        self.links: list[str | None] = []
        self.at = max(self.region[0], cursor.get(self.line, 0))

    def find(self, needle: str) -> int:
        """Where the needle next stands in the token's source, or -1."""
        if not needle:
            return -1
        found = self.text.find(needle, self.at, self.region[1])
        if found < 0 and "\n" in needle:
            pattern = r"\n[ \t>]*".join(re.escape(part.strip()) for part in needle.split("\n"))
            match = re.compile(pattern).search(self.text, self.at, self.region[1])
            return match.start() if match else -1
        return found

    def found_len(self, start: int, needle: str) -> int:
        if self.text.startswith(needle, start):
            return len(needle)
        pattern = r"\n[ \t>]*".join(re.escape(part.strip()) for part in needle.split("\n"))
        match = re.compile(pattern).match(self.text, start)
        return len(match.group()) if match else 0

    def edits(self, document: _Document) -> list[tuple[int, int, str]]:
        self.document = document
        edits: list[tuple[int, int, str]] = []
        link_open = False
        for kind, content in self.parts:
            if kind == "code_inline":
                self.skip(content)
            elif kind == "text":
                edits += self.tags(content, link_open)
                link_open = False
            elif kind == "html_inline":
                edit = self.html(content)
                if edit:
                    edits.append(edit)
            link_open = kind == "link_open" or (link_open and kind != "link_close")
        self.cursor[self.line] = self.at
        return edits

    def skip(self, content: str) -> None:
        start = self.find(content)
        if start >= 0:
            self.at = start + len(content)

    def tags(self, content: str, in_link: bool) -> list[tuple[int, int, str]]:
        """``@video@`` in a link's text → gone, the kind kept as the link's title."""
        edits: list[tuple[int, int, str]] = []
        for match in _TAG.finditer(content):
            start = self.find(match.group())
            if start < 0:
                continue
            end = start + len(match.group())
            edits.append((start, end, ""))
            self.at = end
            if in_link:
                title = self.title_at(end, match.group(1).lower())
                if title:
                    edits.append(title)
        return edits

    def title_at(self, start: int, kind: str) -> tuple[int, int, str] | None:
        """Where the link that the text at ``start`` is in ends: its title goes there."""
        link = re.compile(r"[^\]\n]*\]\(\s*(?:<[^>\n]*>|[^\s()]+)(\s*)\)")
        match = link.match(self.text, start)
        if not match:
            return None
        end = match.end() - 1
        self.at = match.end()
        return (end, end, f' "{kind}"')

    def html(self, content: str) -> tuple[int, int, str] | None:
        """One inline HTML token → its edit (None: kept as written)."""
        if content.startswith(("<!--", "<?", "<!", "<![CDATA[")):
            self.skip(content)
            return None
        start = self.find(content)
        while start > 0 and self.text[start - 1] == "\\":  # an escaped "<b>" is text
            self.at = start + 1
            start = self.find(content)
        if start < 0:
            return None
        end = start + self.found_len(start, content)
        self.at = end
        new = self.replacement(content, start, end)
        return None if new is None else (start, end, new)

    def replacement(self, content: str, start: int, end: int) -> str | None:
        match = _INLINE_TAG.fullmatch(content)
        if not match:
            return None
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in ELEMENTS:
            return "\\" + content  # "List<T>": text that looks like a tag
        attrs = _attrs(match.group(3))
        if name in _CONTAINERS:  # "<div>" in a paragraph still holds what follows
            if closing:
                self.document.close()
            else:
                self.document.depth += 1
        if name == "br":
            return self.line_break(end)
        if name == "img" and not closing:
            return _image(dict(attrs))
        if name == "a":
            if closing:
                href = self.links.pop() if self.links else None
                return f"]({_url(href)})" if href else ""
            self.links.append(attrs.get("href", "").strip() or None)
            return "[" if self.links[-1] else ""
        if name in _EMPHASIS:
            return _EMPHASIS[name]
        return ""

    def line_break(self, end: int) -> str | None:
        """``<br>``: kept in a table cell; a hard break elsewhere."""
        if self.in_row:
            return None
        rest = self.text[end : self.region[1]]
        if not rest.strip():
            return ""  # the paragraph's end: nothing to break
        if rest.split("\n", 1)[0].strip() == "":
            return "\\"  # at a line's end: that line break becomes a hard one
        head = self.text.rfind("\n", 0, end) + 1
        line = self.text[head:end]
        first = self.token.content.split("\n", 1)[0][:20]
        at = line.find(first) if first and head == self.region[0] else -1
        lead = line[:at] if at > 0 else line[: len(line) - len(line.lstrip(" \t>"))]
        return "\\\n" + re.sub(r"[^\s>]", " ", lead)


_CELL_BREAKS = re.compile(r"[ \t]*(?:<br\s*/?>[ \t]*)+", re.I)
_OPENS = tuple("{[(|")
_CLOSES = tuple("}])|•·*-–—")


def table_breaks(source: str) -> str:
    """A table's Markdown with each ``<br>`` in its cells as a separator ("a · b"), or a
    space beside a bracket, a bullet or the cell's edge: no tag is left in a body."""
    if "<" not in source:
        return source

    def separator(match: re.Match[str]) -> str:
        head = source.rfind("\n", 0, match.start()) + 1
        if source.count("`", head, match.start()) % 2:
            return match.group(0)  # inside a code span: code, as written
        before = source[head : match.start()].rstrip()
        after = source[match.end() :].lstrip(" \t")
        if not before or not after or before.endswith(_OPENS) or after.startswith(_CLOSES):
            return " "
        return " · "

    return _CELL_BREAKS.sub(separator, source)
