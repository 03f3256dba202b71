"""What the selected node holds beyond its checklist: a summary, then its prose.

Goal, prerequisites not yet done, estimated against logged hours, the gathered
resources, project, rubric and outcomes, the learner's notes, then the node's own
prose (Markdown: tables, lists, code, links), the highlighted item above them all.
Each part is one literal widget drawn at once, so a move through the tree costs three
small redraws, never a mount of widgets per block.
"""

from __future__ import annotations

import asyncio
import importlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.style import Style
from textual.widgets import Static

from syllabus.locale import N_, _
from syllabus.model.text import clean_text as clean
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.model.progress import RoadmapProgress
    from syllabus.tui.session import Row, Session

SECTIONS = (
    (N_("Resources and links"), ("resource",)),
    (N_("Project and deliverables"), ("project", "deliverable", "capstone")),
    (N_("Rubric"), ("rubric",)),
    (N_("Outcomes"), ("outcome", "goal")),
)
"""Items gathered under headings in the pane, by kind (they are rows in the checklist too)."""


def _hours(value: float) -> str:
    from syllabus.locale.formats import format_hours

    return format_hours(value)


LINK_STYLE = Style(underline=True)
HEADING = Style(bold=True)
"""Styles built once (a style given by name is parsed at each render)."""


@dataclass(frozen=True)
class NodeDetails:
    """What the pane shows of a node: what syllabus says of it, and the roadmap's prose."""

    summary: Content
    """Title, goal, prerequisites, hours, the gathered sections and the learner's notes,
    literal text (one widget: cheap to draw)."""
    body: str
    """The node's own prose as Markdown ("" when it has none): rendered by Markdown."""


def _link(url: str | None) -> list[Content | str | tuple[str, str | Style]]:
    """A link after a line, clickable, for a URL that is a web address (else nothing)."""
    if url and re.fullmatch(r"https?://[^\s<>]+", url):
        return [" — ", (url, LINK_STYLE + Style(link=url))]
    return []


def _section(heading: str, rows: list[Row]) -> list[Content | str | tuple[str, str | Style]]:
    parts: list[Content | str | tuple[str, str | Style]] = ["\n\n", (heading, HEADING)]
    for row in rows:
        parts += ["\n• ", one_line(row.text), *_link(row.url)]
    return parts


def _sections(
    session: Session, node_id: str, rp: RoadmapProgress
) -> list[Content | str | tuple[str, str | Style]]:
    """Resources with their links, project and deliverables, rubric, outcomes."""
    rows = session.rows(node_id, rp)
    parts: list[Content | str | tuple[str, str | Style]] = []
    for number, (heading, kinds) in enumerate(SECTIONS):
        found = [row for row in rows if row.kind in kinds and not row.own]
        if number == 0:  # the resources: every other row with a link joins them
            found += [row for row in rows if row.url and row.kind not in kinds and not row.own]
        if found:
            parts += _section(_(heading), found)
    mine = [row for row in rows if row.own]
    if mine:
        parts += _section(_("My items and links"), mine)
    return parts


def _facts(
    session: Session,
    node_id: str,
    blocked_by: list[str] | None,
    hours: tuple[float, float] | None,
) -> list[Content | str | tuple[str, str | Style]]:
    """Goal, prerequisites (those not done yet, when known) and hours, a line each."""
    node = session.nodes[node_id]
    parts: list[Content | str | tuple[str, str | Style]] = []
    if node.goal:
        parts += ["\n\n", (_("Goal:"), HEADING), " ", clean(node.goal)]
    if blocked_by:
        titles = [session.nodes[n].title for n in blocked_by if n in session.nodes]
        names = ", ".join(one_line(title) for title in titles)
        parts += ["\n\n", (_("Prerequisites not done yet:"), HEADING), " ", names]
    elif node.prerequisites_text:
        prerequisites = one_line(node.prerequisites_text)
        parts += ["\n\n", (_("Prerequisites:"), HEADING), " ", prerequisites]
    if hours is not None:
        estimated, logged = hours
        said = _("{logged} logged of about {estimated}").format(
            logged=_hours(logged), estimated=_hours(estimated)
        )
        parts += ["\n\n", (_("Hours:"), HEADING), " ", said]
    elif node.timing.hours is not None:
        low, high = node.timing.hours.low, node.timing.hours.high
        from syllabus.locale.formats import format_number

        span = _hours(low) if low == high else f"{format_number(low, 2)}–{_hours(high)}"
        parts += ["\n\n", (_("Hours:"), HEADING), " ", _("about {span}").format(span=span)]
    return parts


def describe(
    session: Session,
    node_id: str,
    rp: RoadmapProgress,
    blocked_by: list[str] | None = None,
    hours: tuple[float, float] | None = None,
) -> NodeDetails:
    """One node: title, goal, prerequisites, hours, sections and notes, then its prose."""
    node = session.nodes[node_id]
    parts: list[Content | str | tuple[str, str | Style]] = [(one_line(node.title), HEADING)]
    parts += _facts(session, node_id, blocked_by, hours)
    parts += _sections(session, node_id, rp)
    node_note = rp.note(node_id)
    if node_note:
        parts += ["\n\n", (_("My notes"), HEADING), "\n", clean(node_note)]
    body = clean(node.body) if node.body.strip() else ""
    return NodeDetails(Content.assemble(*parts), body)


def describe_item(row: Row | None, rp: RoadmapProgress) -> Content:
    """The highlighted row, its link and the learner's note on it, literally."""
    if row is None:
        return Content("")
    parts: list[Content | str | tuple[str, str]] = [
        ((_("My item:") if row.own else _("Selected:")) + " ", "bold"),
        one_line(row.text),
    ]
    if row.url:
        opens = "  " + _("(o opens, y copies)")
        parts += ["\n", (_("Link:") + " ", "bold"), one_line(row.url), (opens, "dim")]
    note = rp.note(row.id)
    if note:
        parts += ["\n", (_("My note:") + " ", "bold"), clean(note)]
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
    """The highlighted item, the node's summary and its prose: three literal widgets,
    each redrawn at once.

    Bind ``item`` and ``markdown`` from the screen (``data_bind``), or call ``show_item``
    and ``show``. ``markdown`` is a node's ``NodeDetails`` (a plain string is prose alone).
    The prose is Markdown drawn as one ``Content`` (``prose.prose``); its parser costs
    tens of milliseconds to import, so the first prose shows as plain text
    (``plain_markdown``) while a thread imports it, and is drawn properly right after.
    """

    DEFAULT_CSS = """
    DetailPane { height: 1fr; }
    DetailPane > #detail-item { height: auto; margin-bottom: 1; }
    DetailPane > #detail-summary { height: auto; }
    DetailPane > #detail-node { height: auto; margin-top: 1; }
    """

    item: var[Content] = var(Content(""), init=False)
    """The highlighted item, its link and note: shown at once, in a small widget of its own."""
    markdown: var[NodeDetails | str | None] = var(None, init=False)
    """The node shown: its summary and its prose, drawn at once."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.drawn: str | None = None
        """The prose drawn as Markdown ("" for none; None while it is plain text)."""
        self._parser_ready = False
        self._importing = False

    @property
    def body(self) -> str | None:
        """The prose asked for ("" for none, None before any node)."""
        shown = self.markdown
        return shown.body if isinstance(shown, NodeDetails) else shown

    @property
    def settled(self) -> bool:
        """Whether the node asked for is what the pane shows, its prose drawn as Markdown."""
        body = self.body
        return body is not None and self.drawn == body

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="detail-item")
        yield Static(Content(""), id="detail-summary")
        node = Static(Content(""), id="detail-node")
        node.display = False
        yield node

    def watch_item(self, item: Content) -> None:
        """Show the highlighted item now: one small widget, cheap to redraw."""
        self.query_one("#detail-item", Static).update(item)

    def watch_markdown(self, shown: NodeDetails | str | None) -> None:
        """Show the summary and the prose now."""
        summary = shown.summary if isinstance(shown, NodeDetails) else Content("")
        self.query_one("#detail-summary", Static).update(summary)
        self.scroll_home(animate=False, immediate=True)  # in this frame, not one after
        self._draw_body()

    def _draw_body(self) -> None:
        body = self.body
        if body is None:
            return
        node = self.query_one("#detail-node", Static)
        node.display = bool(body)
        if not body:
            node.update(Content(""))
            self.drawn = body
        elif self._parser_ready:
            from syllabus.tui.widgets.prose import prose

            node.update(prose(body))
            self.drawn = body
        else:
            node.update(plain_markdown(body))
            self.drawn = None
            if not self._importing:
                # after this frame: the import would compete with drawing it
                self._importing = True
                self.call_after_refresh(self._load_parser)

    @work(exclusive=True, group="markdown", exit_on_error=False)
    async def _load_parser(self) -> None:
        # A thread does the import and nothing else: it never waits for the event loop,
        # so quitting can never hang on it; the prose is drawn back here, on the loop.
        await asyncio.to_thread(importlib.import_module, "syllabus.tui.widgets.prose")
        await asyncio.to_thread(_warm_parser)
        self.enable_markdown()

    def enable_markdown(self) -> None:
        """Draw prose as Markdown from now on (imports the parser if it must)."""
        _warm_parser()
        self._parser_ready = True
        self._draw_body()

    def show_item(self, content: Content) -> None:
        """Show the highlighted item now."""
        self.item = content

    def show(self, shown: NodeDetails | str) -> None:
        """Show a node (at once)."""
        self.markdown = shown


def _warm_parser() -> None:
    """Build the parser (its rules compile on first use), any thread."""
    from syllabus.tui.widgets.prose import prose

    prose("x")
