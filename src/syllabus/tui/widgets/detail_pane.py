"""What the selected node holds beyond its checklist, as rendered Markdown.

Goal, prerequisites not yet done, estimated against logged hours, the node's prose,
tables and links, the highlighted item, and the learner's notes. A node's Markdown
renders at once; while one renders, only the latest node asked for waits (a burst of
keys renders the first and the last, never each one in between), and the highlighted
item sits in a small widget of its own that redraws at once.
"""

from __future__ import annotations

import asyncio
import importlib
import re
from typing import TYPE_CHECKING

from textual import work
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from syllabus.model.text import clean_text as clean
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widgets import Markdown

    from syllabus.model.progress import RoadmapProgress
    from syllabus.tui.session import Row, Session

SECTIONS = (
    ("Resources and links", ("resource",)),
    ("Project and deliverables", ("project", "deliverable", "capstone")),
    ("Rubric", ("rubric",)),
    ("Outcomes", ("outcome", "goal")),
)
"""Items gathered under headings in the pane, by kind (they are rows in the checklist too)."""

_FENCE = re.compile(r"^([ \t]{0,3})(`{3,}|~{3,})(.*)$")


def label_fences(markdown: str) -> str:
    """Label unlabelled code fences "text".

    Given no language, the highlighter tries every lexer it has (a fifth of a second
    on the event loop); a closing fence must stay bare, so fences are walked in pairs.
    """
    lines = markdown.split("\n")
    opened: str | None = None
    for number, line in enumerate(lines):
        match = _FENCE.match(line)
        if match is None:
            continue
        indent, fence, info = match.groups()
        if opened is None:
            opened = fence
            if not info.strip():
                lines[number] = f"{indent}{fence}text"
        elif fence[0] == opened[0] and len(fence) >= len(opened) and not info.strip():
            opened = None
    return "\n".join(lines)


def _hours(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + " h"


def _link(url: str | None) -> str:
    """An autolink, for a URL that is safe inside one (else nothing)."""
    if url and re.fullmatch(r"https?://[^\s<>]+", url):
        return f" — <{url}>"
    return ""


def _sections(session: Session, node_id: str, rp: RoadmapProgress) -> list[str]:
    """Resources with their links, project and deliverables, rubric, outcomes."""
    rows = session.rows(node_id, rp)
    parts = []
    for heading, kinds in SECTIONS:
        found = [row for row in rows if row.kind in kinds and not row.own]
        if heading.startswith("Resources"):
            found += [row for row in rows if row.url and row.kind not in kinds and not row.own]
        if found:
            lines = [f"- {one_line(row.text)}{_link(row.url)}" for row in found]
            parts.append(f"### {heading}\n\n" + "\n".join(lines))
    mine = [row for row in rows if row.own]
    if mine:
        lines = [f"- {one_line(row.text)}{_link(row.url)}" for row in mine]
        parts.append("### My items and links\n\n" + "\n".join(lines))
    return parts


def describe(
    session: Session,
    node_id: str,
    rp: RoadmapProgress,
    blocked_by: list[str] | None = None,
    hours: tuple[float, float] | None = None,
) -> str:
    """The Markdown for one node: goal, prerequisites, hours, notes, then its prose."""
    node = session.nodes[node_id]
    parts = [f"## {one_line(node.title)}"]
    if node.goal:
        parts.append(f"**Goal:** {clean(node.goal)}")
    if blocked_by:
        titles = [session.nodes[n].title for n in blocked_by if n in session.nodes]
        names = ", ".join(one_line(title) for title in titles)
        parts.append(f"**Prerequisites not done yet:** {names}")
    elif node.prerequisites_text:
        parts.append(f"**Prerequisites:** {one_line(node.prerequisites_text)}")
    if hours is not None:
        estimated, logged = hours
        parts.append(f"**Hours:** {_hours(logged)} logged of about {_hours(estimated)}")
    elif node.timing.hours is not None:
        low, high = node.timing.hours.low, node.timing.hours.high
        span = _hours(low) if low == high else f"{low:g}–{_hours(high)}"
        parts.append(f"**Hours:** about {span}")
    parts.extend(_sections(session, node_id, rp))
    node_note = rp.note(node_id)
    if node_note:
        parts.append(f"### My notes\n\n{clean(node_note)}")
    if node.body.strip():
        parts.append("---")
        parts.append(label_fences(clean(node.body)))
    return "\n\n".join(parts)


def describe_item(row: Row | None, rp: RoadmapProgress) -> Content:
    """The highlighted row, its link and the learner's note on it, literally."""
    if row is None:
        return Content("")
    parts: list[Content | str | tuple[str, str]] = [
        ("My item: " if row.own else "Selected: ", "bold"),
        one_line(row.text),
    ]
    if row.url:
        parts += ["\n", ("Link: ", "bold"), one_line(row.url), ("  (o opens, y copies)", "dim")]
    note = rp.note(row.id)
    if note:
        parts += ["\n", ("My note: ", "bold"), clean(note)]
    return Content.assemble(*parts)


PLAIN_LINES = 60
"""Lines of the plain text shown until Markdown renders (more than a pane holds)."""


def plain_markdown(markdown: str) -> Content:
    """A node's Markdown as literal text, headings in bold: shown until Markdown renders.

    Only its first ``PLAIN_LINES`` lines: it shows for a moment, and a long body would
    make the first frame of content wait for its wrapping.
    """
    parts: list[Content | str | tuple[str, str]] = []
    for line in markdown.split("\n", PLAIN_LINES)[:PLAIN_LINES]:
        heading = line.lstrip("#")
        if heading != line and heading.startswith(" "):
            parts.append((heading.strip(), "bold"))
        else:
            parts.append(line)
        parts.append("\n")
    return Content.assemble(*parts[:-1])


class DetailPane(VerticalScroll):
    """The highlighted item at the top, the node's Markdown below, both shown at once.

    Bind ``item`` and ``markdown`` from the screen (``data_bind``), or call ``show_item``
    and ``show``. The Markdown widget and its parser cost tens of milliseconds to import,
    so the first node shows as plain text (``plain_markdown``) and the import starts in a
    thread only once that frame is on screen; the Markdown view then takes the text's place.
    """

    DEFAULT_CSS = """
    DetailPane { height: 1fr; }
    DetailPane > #detail-item { height: auto; margin-bottom: 1; }
    DetailPane > #detail-plain { height: auto; }
    """

    item: var[Content] = var(Content(""), init=False)
    """The highlighted item, its link and note: shown at once, in a small widget of its own."""
    markdown: var[str | None] = var(None, init=False)
    """The node's Markdown: rendered at once (the latest one, when one is rendering)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.drawn: str | None = None
        """The Markdown rendered in the Markdown view (None while it is plain text)."""
        self._markdown: Markdown | None = None
        self._plain: Static | None = Static(Content(""), id="detail-plain")
        self._importing = False
        self._rendering = False

    @property
    def settled(self) -> bool:
        """Whether the Markdown asked for is the one rendered, in the Markdown view."""
        return self._markdown is not None and not self._rendering and self.drawn == self.markdown

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="detail-item")
        if self._plain is not None:
            yield self._plain

    def watch_item(self, item: Content) -> None:
        """Show the highlighted item now: one small widget, cheap to redraw."""
        self.query_one("#detail-item", Static).update(item)

    def watch_markdown(self, markdown: str | None) -> None:
        """Render the node's Markdown now (or as soon as the one rendering is done)."""
        if markdown is not None and not self._importing and self._markdown is None:
            # not now: the import would compete with drawing the first content
            self._importing = True
            self.call_after_refresh(self._load_markdown)
        self._render_pending()

    @work(exclusive=True, group="markdown", exit_on_error=False)
    async def _load_markdown(self) -> None:
        # A thread does the import and nothing else: it never waits for the event loop,
        # so quitting can never hang on it; the widget is mounted back here, on the loop.
        await asyncio.to_thread(importlib.import_module, "textual.widgets.markdown")
        await self.enable_markdown()

    async def enable_markdown(self) -> None:
        """Mount the Markdown view in the plain text's place (imports it if it must)."""
        if self._markdown is not None:
            return
        from textual.widgets import Markdown

        self.drawn = self.markdown
        self._rendering = True
        self._markdown = Markdown(self.markdown, id="detail-node")
        try:
            await self.mount(self._markdown)  # rendered: the plain text can go
            if self._plain is not None:
                await self._plain.remove()
                self._plain = None
        finally:
            self._rendering = False
        self._render_pending()

    def show_item(self, content: Content) -> None:
        """Show the highlighted item now."""
        self.item = content

    def show(self, markdown: str) -> None:
        """Show a node's Markdown (at once)."""
        self.markdown = markdown

    def _render_pending(self) -> None:
        pending = self.markdown
        if self._markdown is None:
            if self._plain is not None and pending is not None:
                self._plain.update(plain_markdown(pending))
            return
        if self._rendering or pending is None or pending == self.drawn:
            return
        if not self._markdown.is_mounted:
            self.call_after_refresh(self._render_pending)
            return
        self._rendering = True
        self.drawn = pending
        self.scroll_home(animate=False)
        self._render_markdown(pending)

    @work(group="markdown-render", exit_on_error=False)
    async def _render_markdown(self, markdown: str) -> None:
        """Render one Markdown; then the latest asked for meanwhile, if it differs."""
        assert self._markdown is not None
        try:
            await self._markdown.update(markdown)
        finally:
            self._rendering = False
        self._render_pending()
