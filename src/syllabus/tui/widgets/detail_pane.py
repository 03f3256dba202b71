"""What the selected node holds beyond its checklist, as rendered Markdown.

Goal, prerequisites not yet done, estimated against logged hours, the node's prose,
tables and links, the highlighted item, and the learner's notes. Rendering Markdown
is the slowest thing on screen, so updates wait for the cursor to rest: moving through
the tree repaints the tree at once and the pane a moment later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Markdown

from syllabus.tui.literal import clean, one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.model.progress import RoadmapProgress
    from syllabus.tui.session import Row, Session

SETTLE_SECONDS = 0.06
"""How long the cursor must rest before the pane renders."""


def _hours(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + " h"


def describe(
    session: Session,
    node_id: str,
    row: Row | None,
    rp: RoadmapProgress,
    blocked_by: list[str] | None = None,
    hours: tuple[float, float] | None = None,
) -> str:
    """The Markdown for one node, with the highlighted row and the notes."""
    node = session.nodes[node_id]
    parts = [f"## {one_line(node.title)}"]
    if node.goal:
        parts.append(f"**Goal:** {clean(node.goal)}")
    if blocked_by:
        names = ", ".join(
            one_line(session.nodes[n].title) for n in blocked_by if n in session.nodes
        )
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
    if row is not None:
        parts.append(f"### {'My item' if row.own else 'Selected'}\n\n{clean(row.text)}")
        if row.url:
            parts.append(f"<{clean(row.url)}>" if " " not in row.url else clean(row.url))
        item_note = rp.note(row.id)
        if item_note:
            parts.append(f"**My note:**\n\n{clean(item_note)}")
    node_note = rp.note(node_id)
    if node_note:
        parts.append(f"### My notes\n\n{clean(node_note)}")
    if node.body.strip():
        parts.append("---")
        parts.append(clean(node.body))
    return "\n\n".join(parts)


class DetailPane(VerticalScroll):
    """A scrolling Markdown view of the selected node."""

    DEFAULT_CSS = """
    DetailPane { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._pending: str | None = None
        self._shown: str | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Markdown()

    def show(self, markdown: str, at_once: bool = False) -> None:
        """Show new Markdown once the cursor rests (or now)."""
        self._pending = markdown
        if self._timer is not None:
            self._timer.stop()
        if at_once:
            self._render_pending()
        else:
            self._timer = self.set_timer(SETTLE_SECONDS, self._render_pending)

    def _render_pending(self) -> None:
        self._timer = None
        if self._pending is None or self._pending == self._shown:
            return
        self._shown = self._pending
        self.query_one(Markdown).update(self._pending)
        self.scroll_home(animate=False)
