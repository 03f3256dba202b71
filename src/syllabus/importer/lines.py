"""Inline tokens → lines: each with its bold label, plain text and links.

A paragraph, a list item's first paragraph, a heading or a table cell is read line by
line (soft and hard breaks and ``<br>`` split it); a leading bold label ("**Ziel:**")
is told apart from the rest, and exported metadata comments are picked up.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from syllabus.importer.html import tag_kind

if TYPE_CHECKING:
    from markdown_it.token import Token

META_PREFIX = "syllabus"
"""HTML comments starting ``<!-- syllabus-`` carry exact metadata in exported Markdown."""

_META = re.compile(r"<!--\s*syllabus-(node|item|group)\s*(\{.*\})?\s*-->", re.S)
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
    tag: str | None = None
    """The roadmap.sh kind of a link on it ("video" from ``[@video@…](…)``, ``html``)."""

    @property
    def label_only(self) -> bool:
        """The line is nothing but a label ("**Tasks**", "**Deliverables:**")."""
        return self.label is not None and not self.rest


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


def meta_comment(text: str) -> tuple[str, dict[str, Any]] | None:
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
        "tag",
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
        self.tag: str | None = None
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
            found = meta_comment(child.content)
            if found:
                self.meta = found
                return True
            return child.content.startswith("<!--")
        elif kind == "link_open":
            href = child.attrs.get("href")
            self.link_href = href if isinstance(href, str) else None
            title = child.attrs.get("title")
            self.tag = self.tag or tag_kind(title if isinstance(title, str) else None)
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
            self.lines.append(Line(text, label, rest, self.links, meta=self.meta, tag=self.tag))
        self.reset()
