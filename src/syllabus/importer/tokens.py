"""markdown-it, configured once, and driven so a big document costs time and memory in step.

``MarkdownIt.parse`` tokenises every paragraph's inline content before it returns and
all of it stays alive until the last block is read: for a 5 MB plan, a million tokens
at once. Here a big text is cut before top-level headings into pieces of ~100 kB
(``sections``) and each piece's block tokens are made (the core rules ``normalize``
and ``block``); an inline token's children are made when the reader gets to it, by
the core rules the full parse would run on it (``inline``, ``linkify``, ``text_join``,
each of which treats every inline token on its own), and dropped after.

What is skipped gives exactly what markdown-it would give, only sooner;
``test_import_scale`` compares every step with the full parse on generated text
holding every Markdown character:

- Inline content in which no inline rule can match (no newline, backslash, backtick,
  ``*``, ``_``, ``<``, ``&``, no ``](`` or ``://``, and no ``[`` while the document
  defines link references) is a single text token: the ``text`` rule takes every
  character into one pending run. ``[ ] Task 3: read notes [2 hrs]`` is such a line.
- A rule is not tried where it cannot match: each block rule (table, fence, quote …)
  first checks for a mark of its own on the line, so a document without that mark
  anywhere is parsed without the rule (``_unused_block_rules``); likewise each inline
  rule for a piece of text (``_INLINE_NEEDS``).
- ``linkify`` runs only on text tokens holding a link schema. Fuzzy links are off, so
  linkify-it finds links only at a schema (``https:``, ``mailto:``, ``//``…), and its
  own pretest, a far larger pattern, was the slowest step of the whole parse.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_NOT_PLAIN = re.compile(r"[\n\\`*_<&]|\]\(|://")
"""Where an inline rule other than ``text`` may match (``[`` is checked apart)."""

_INLINE_RULES = [
    "text", "linkify", "newline", "escape", "backticks", "emphasis", "link", "image",
    "autolink", "html_inline", "entity",
]  # fmt: skip
"""The inline rules the shortcut was worked out for; any other set turns it off."""


def _configured() -> MarkdownIt:
    """CommonMark with tables and linkify; fuzzy links off so "Fast.ai" stays text."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])
    if md.linkify is not None:
        md.linkify.set({"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})
    md.normalizeLink = _normalize_link(md.normalizeLink)  # type: ignore[method-assign,assignment]
    md.normalizeLinkText = _normalize_link_text(md.normalizeLinkText)  # type: ignore[method-assign,assignment]
    return md


_SIMPLE_URL = re.compile(
    r"https?://(?:[a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}(?:/[A-Za-z0-9._~!$&'()*+,;=:@/-]*)?"
)
"""An http(s) URL that markdown-it's ``normalizeLink`` gives back as it is: a lower-case
ASCII host (nothing for punycode to do) and a path of characters that need no encoding."""


def _normalize_link(normalize: Callable[[str], str]) -> Callable[[str], str]:
    """markdown-it's link normalisation, without parsing, re-encoding and re-assembling a
    URL that it would give back unchanged (a fifth of a link's inline parse)."""

    def normalize_link(url: str) -> str:
        if len(url) <= 255 and _SIMPLE_URL.fullmatch(url):
            return url
        return normalize(url)

    return normalize_link


def _normalize_link_text(normalize: Callable[[str], str]) -> Callable[[str], str]:
    """The same for a bare URL's text (linkify): such a URL, with no "xn--" host part for
    punycode to decode and no "%" escape to decode, is its own text."""

    def normalize_link_text(url: str) -> str:
        if len(url) <= 255 and "xn--" not in url and _SIMPLE_URL.fullmatch(url):
            return url
        return normalize(url)

    return normalize_link_text


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The whole parser, as ``MarkdownIt.parse`` runs it (export's round-trip checks)."""
    return _configured()


_BLOCK_RULES = [
    "table", "code", "fence", "blockquote", "hr", "list", "reference", "html_block",
    "heading", "lheading", "paragraph",
]  # fmt: skip
"""The block rules the rule-by-rule conditions below were worked out for."""

_NEEDED_BY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("table", ("|",)),  # a header row holds a pipe
    ("code", ("    ", "\t")),  # four columns of indentation
    ("fence", ("```", "~~~")),
    ("blockquote", (">",)),
    ("reference", ("]:",)),  # "[label]:", the colon right after the bracket
    ("html_block", ("<",)),
    ("heading", ("#",)),
)
"""Block rules that can only match where the text holds one of these marks (looked for
as substrings: a regular expression's scan of a 5 MB text was ten times slower)."""

_LINE_END_MARK = re.compile(r"[-*_=][ \t]*$", re.MULTILINE)


def _unused_block_rules(text: str) -> tuple[str, ...]:
    """Block rules that cannot match anywhere in the text, so need not be tried.

    Each condition is what the rule itself checks before it can succeed, as a rule or as
    a paragraph's terminator: a table's header row has a pipe, a fence starts with three
    backticks or tildes, and so on. A thematic break ends its line with three markers
    (``- - -``), a setext underline with a run of ``=`` or ``-`` after nothing but
    indentation or a quote marker.
    """
    if _block_parser(()).block.ruler.get_active_rules() != _BLOCK_RULES:
        return ()
    unused = [name for name, marks in _NEEDED_BY if not any(m in text for m in marks)]
    hr = underline = False
    for match in _LINE_END_MARK.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        line = text[start : match.end()].rstrip(" \t")
        mark = line[-1]
        if mark in "-*_" and not hr:
            body = line.rstrip(mark + " \t")
            hr = line[len(body) :].count(mark) >= 3
        if mark in "-=" and not underline:
            before = line.rstrip(mark)
            underline = not before or before[-1] in " \t>"
        if hr and underline:
            break
    unused += [] if hr else ["hr"]
    unused += [] if underline else ["lheading"]
    return tuple(sorted(unused))


@lru_cache(maxsize=32)
def _block_parser(unused: tuple[str, ...]) -> MarkdownIt:
    """The block rules only, without those the text gives no chance to match."""
    md = _configured()
    md.core.ruler.disable(["inline", "linkify", "text_join"])
    if unused:
        md.block.ruler.disable(list(unused))
    return md


@lru_cache(maxsize=1)
def _schemas() -> re.Pattern[str]:
    """Whether a text holds a schema linkify-it links at (its own case rule: ignore
    case). Only whether: the pattern finds a schema that ends in ":" at its colon and
    looks behind for the name, four times faster than trying every name at every
    place."""
    linkify: Any = parser().linkify
    names = [name for name in getattr(linkify, "_compiled", {}) if name]
    if not names:  # another linkify-it: a superset, since every schema ends in ":" or is "//"
        names = [":", "//"]
    behind = "|".join(f"(?<={re.escape(name)})" for name in names if name.endswith(":"))
    rest = [re.escape(name) for name in names if not name.endswith(":")]
    parts = ([f":(?:{behind})"] if behind else []) + rest
    return re.compile("|".join(parts), re.IGNORECASE)


_INLINE_NEEDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("linkify", ("://",)),
    ("newline", ("\n",)),
    ("escape", ("\\",)),
    ("backticks", ("`",)),
    ("emphasis", ("*", "_")),
    ("image", ("![",)),
    ("autolink", ("<",)),
    ("html_inline", ("<",)),
    ("entity", ("&",)),
)
"""Inline rules that can only start at these marks (``link`` and ``text`` are always on)."""


@lru_cache(maxsize=64)
def _inline_parser(unused: tuple[str, ...]) -> MarkdownIt:
    """The whole parser, without inline rules that a piece of text gives no chance."""
    md = _configured()
    if unused:
        md.inline.ruler.disable(list(unused))
    return md


_SPANS_HEADINGS = ("```", "~~~", "]:")
_HTML_LINE = re.compile(r"^ {0,3}<", re.MULTILINE)
"""What may run on across a top-level heading line: a fence, an HTML block, a link
reference definition (and references are the document's, not a section's)."""
_TOP_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)", re.MULTILINE)
SECTION_SIZE = 100_000
"""About how many characters of a document are tokenised at a time."""


def sections(text: str, size: int = SECTION_SIZE) -> list[str]:
    """The text cut before top-level ATX headings into pieces of at least ``size``.

    A ``# heading`` at the start of a line ends every paragraph, list, quote, table and
    indented code block before it, so the pieces tokenise exactly as the whole text
    does; a text with a fence, an HTML block or a link reference is left whole.
    """
    if len(text) <= size or any(mark in text for mark in _SPANS_HEADINGS):
        return [text]
    if "<" in text and _HTML_LINE.search(text):
        return [text]
    pieces: list[str] = []
    start = 0
    at = text.find("\n#", max(size - 1, 0))  # a line that starts with "#" (a scan for "^#" is slow)
    while at >= 0:
        cut = at + 1
        if cut - start >= size and _TOP_HEADING.match(text, cut):
            pieces.append(text[start:cut])
            start = cut
        at = text.find("\n#", cut)
    pieces.append(text[start:])
    return pieces


_MARKS = re.compile(r"://|!\[|[\n\\`*_<&]")
"""Every mark in ``_INLINE_NEEDS`` (none is part of another, so none hides one)."""


@lru_cache(maxsize=256)
def _inline_parser_for(marks: frozenset[str]) -> MarkdownIt:
    """The inline parser for a text holding these marks."""
    return _inline_parser(
        tuple(name for name, needs in _INLINE_NEEDS if not marks.intersection(needs))
    )


class Tokens:
    """A document's block tokens, and the inline children of any of its inline tokens."""

    def __init__(self, text: str) -> None:
        from markdown_it.rules_core import StateCore, linkify, text_join
        from markdown_it.token import Token

        self._linkify, self._text_join, self._text = linkify, text_join, Token

        self.env: dict[str, Any] = {}
        self.tokens: list[Token] = _block_parser(_unused_block_rules(text)).parse(text, self.env)
        self._md = parser()
        self._state: StateCore = StateCore("", self._md, self.env)
        self._schema = _schemas()
        rules = _NOT_PLAIN.pattern + (r"|\[" if self.env.get("references") else "")
        if self._md.inline.ruler.get_active_rules() != _INLINE_RULES:
            rules = r"[\s\S]"  # rules the shortcut was not worked out for: never take it
        self._variants = rules != r"[\s\S]"
        self._rules = re.compile(rules)
        self._plain = re.compile(f"{rules}|{self._schema.pattern}", re.IGNORECASE)

    def plain(self, content: str) -> bool:
        """Whether the content is one text token, exactly as written (no rule applies)."""
        return not self._plain.search(content)

    def children(self, token: Token) -> list[Token]:
        """The inline token's children as the full parse makes them; not kept on it."""
        content = token.content
        children: list[Token] = []
        if self._rules.search(content):
            md = self._md
            if self._variants:  # rules whose marks the text lacks fail anyway: skip them
                md = _inline_parser_for(frozenset(_MARKS.findall(content)))
            md.inline.parse(content, md, self.env, children)
        elif content:
            children.append(self._text("text", "", 0, content=content))
        schema = self._schema.search
        links = schema(content) is not None and any(
            child.type == "text" and schema(child.content) for child in children
        )
        alone = not children or (len(children) == 1 and children[0].type == "text")
        token.children = None
        if alone and not links:
            return children  # nothing for linkify or text_join to do
        token.children = children
        self._state.tokens = [token]
        if links:  # linkify links only in text tokens, and only at a schema
            self._linkify(self._state)
        self._text_join(self._state)
        children = token.children or []
        token.children = None
        self._state.tokens = []
        return children

    def html_parts(self, token: Token) -> list[tuple[str, str]]:
        """An inline token's raw HTML in order, with what a search for it must step over.

        Pairs of (type, content) for ``html_inline``, ``code_inline``, ``text``,
        ``link_open`` and ``link_close``, as the full parse gives them. Content without a
        backtick, backslash or bracket has no code span, escape or link for a ``<`` to
        hide in, so its HTML is what markdown-it's own tag pattern finds at each ``<``
        that opens no autolink (``html_spans``), without an inline parse.
        """
        content = token.content
        if not _HIDES_HTML.search(content):
            return [("html_inline", span) for span in html_spans(content)]
        kept = ("html_inline", "code_inline", "text", "link_open", "link_close")
        return [(c.type, c.content) for c in self.children(token) if c.type in kept]


_HIDES_HTML = re.compile(r"[`\\\[]|://")
"""What can hide a ``<`` from the html_inline rule: a code span, an escape, a link (or a
bare URL that linkify extends over it)."""


def html_spans(content: str) -> list[str]:
    """The raw HTML in inline content without code spans, escapes or links, in order.

    At each ``<`` markdown-it tries an autolink first (``<https://…>``, ``<a@b.c>``),
    then its HTML tag pattern; nothing else in such content consumes a ``<``.
    """
    from markdown_it.common.html_re import HTML_TAG_RE
    from markdown_it.rules_inline.autolink import AUTOLINK_RE, EMAIL_RE

    spans: list[str] = []
    at = content.find("<")
    while at >= 0:
        close = content.find(">", at + 1)
        inner = content[at + 1 : close] if close > at else ""
        if (
            close > at
            and "<" not in inner
            and (AUTOLINK_RE.search(inner) or EMAIL_RE.search(inner))
        ):
            at = content.find("<", close + 1)
            continue
        match = HTML_TAG_RE.match(content, at)
        if match:
            spans.append(match.group())
            at = content.find("<", match.end())
        else:
            at = content.find("<", at + 1)
    return spans


_FENCE_OPEN = re.compile(r"( {0,3})(`{3,}|~{3,})")
_RAW_OPEN = re.compile(
    r" {0,3}<(?:(script|pre|style|textarea)(?=[\s>]|$)|(!--)|(\?)|(![A-Za-z])|(!\[CDATA\[))",
    re.IGNORECASE,
)
_RAW_CLOSE = ("", "-->", "?>", ">", "]]>")
"""What ends each raw HTML block of ``_RAW_OPEN``'s groups (the first: its own tag)."""


def loose_sections(text: str, size: int = SECTION_SIZE) -> list[str]:
    """The text cut before ATX headings that follow a blank line, into pieces of at least
    ``size``, never inside a fence or a raw HTML block (``<pre>``, ``<!-- … -->``…).

    Unlike ``sections`` a text with HTML or link references is cut too: what reads the
    pieces must need only their blocks, not links defined elsewhere. Every block that
    markdown-it knows ends at a blank line followed by such a heading, except fences and
    raw HTML blocks (types 1–5), which the scan follows. Where a fence's end is unsure (an
    indented opener, as in a list item, and a closer further left, which may open another
    fence) the fence is taken to go on: the scan only ever cuts less.
    """
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = offset = 0
    fence: tuple[str, int] | None = None  # (marker run, indent of the opener)
    raw: str | None = None
    blank = True
    for line in text.splitlines(keepends=True):
        if fence is not None:
            fence = _fence_after(line, fence)
        elif raw is not None:
            raw = None if raw in line.lower() else raw
        elif blank and offset - start >= size and _TOP_HEADING.match(line):
            pieces.append(text[start:offset])
            start = offset
        else:
            fence, raw = _opens(line)
        blank = not line.strip()
        offset += len(line)
    pieces.append(text[start:])
    return pieces


def _opens(line: str) -> tuple[tuple[str, int] | None, str | None]:
    """The fence or raw HTML block a line opens, if any (and does not close itself)."""
    opened = _FENCE_OPEN.match(line)
    if opened and not (opened.group(2)[0] == "`" and "`" in line[opened.end() :]):
        return (opened.group(2), len(opened.group(1))), None
    html = _RAW_OPEN.match(line)
    if html is None:
        return None, None
    kind = next(i for i, group in enumerate(html.groups()) if group)
    close = _RAW_CLOSE[kind] if kind else f"</{html.group(1).lower()}>"
    return None, (None if close in line[html.end() :].lower() else close)


def _fence_after(line: str, fence: tuple[str, int]) -> tuple[str, int] | None:
    """The fence still open after a line inside it (None: the line closed it)."""
    marker, indent = fence
    closing = _FENCE_OPEN.match(line)
    if closing is None or not closing.group(2).startswith(marker[0]):
        return fence
    if len(closing.group(2)) < len(marker) or line[closing.end() :].strip():
        return fence
    return None if len(closing.group(1)) >= indent else fence


_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|"
    "optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|"
    "track|ul"
)
_HTML_TO_BLANK = re.compile(rf" {{0,3}}</?(?:{_BLOCK_TAGS})(?:\s|/?>|$)", re.IGNORECASE)
"""An HTML block that runs to the next blank line and may interrupt a paragraph (type 6)."""


@lru_cache(maxsize=1)
def _lone_tag() -> re.Pattern[str]:
    """A line holding one whole tag: an HTML block to the next blank line (type 7)."""
    from markdown_it.common.html_re import close_tag, open_tag

    return re.compile(rf" {{0,3}}(?:{open_tag}|{close_tag})\s*$")


def atx_levels(text: str) -> list[int]:
    """The levels of the text's ATX headings outside fences and HTML blocks, in order:
    what a reader needs of a piece it does not tokenise (setext headings are not told
    apart from text here)."""
    levels: list[int] = []
    fence: tuple[str, int] | None = None
    raw: str | None = None
    to_blank = paragraph = False
    for line in text.splitlines():
        blank = not line.strip()
        if fence is not None:
            fence = _fence_after(line, fence)
        elif raw is not None:
            raw = None if raw in line.lower() else raw
        elif to_blank:
            to_blank = not blank
        elif heading := _ATX.match(line):
            levels.append(len(heading.group(1)))
            paragraph = False
            continue
        else:
            fence, raw = _opens(line)
            to_blank = (
                fence is None
                and raw is None
                and bool(_HTML_TO_BLANK.match(line) or (not paragraph and _lone_tag().match(line)))
            )
        paragraph = not blank and fence is None and raw is None and not to_blank
    return levels
