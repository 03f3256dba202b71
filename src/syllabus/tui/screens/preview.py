"""The main screen as last seen, painted at start while the real one loads behind it.

Read-only: it holds no progress, only the saved labels and rows (``last_screen``),
drawn as pictures (``Static``) that nothing can focus or select.
Every key typed meanwhile is kept, in order, and handed to the real main screen
when it replaces this one, so nothing typed ahead is lost or acts on stale data.
Only Textual and the light widget modules are imported: no models, no storage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from syllabus.tui.last_screen import LastScreen, decode_content, decode_text
from syllabus.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.events import Key, Resize

WIDE_COLUMNS = 140
"""As the main screen: from this width the calendar's column is kept free."""

LOADING = "  · opening…"

CURSOR = "on $block-cursor-blurred-background"
"""The tree's cursor line while the tree has no focus, as the live tree draws it."""

HIGHLIGHT = "bold $block-cursor-foreground on $block-cursor-background"
"""The checklist's highlighted row (the checklist has focus), as the live one draws it."""


def tree_picture(saved: LastScreen) -> Content:
    """The tree's visible lines as one picture: indent, expander, label."""
    lines = []
    for line in saved.tree:
        label = Content.from_rich_text(decode_text(line["label"]))
        drawn = Content.assemble("  " * int(line["depth"]), str(line["icon"]), label)
        lines.append(drawn.stylize(CURSOR) if line["cursor"] else drawn)
    return Content("\n").join(lines)


def checklist_picture(saved: LastScreen) -> Content:
    """The checklist's rows as one picture, the highlighted row marked."""
    lines = []
    for number, row in enumerate(saved.rows):
        prompt = decode_content(row)
        lines.append(prompt.stylize(HIGHLIGHT) if number == saved.highlighted else prompt)
    return Content("\n").join(lines)


class SavedStatus(StatusLine):
    """The status line as saved, marked as still opening."""

    def __init__(self, content: Content, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._content = content

    def render(self) -> Content:
        return Content.assemble(self._content, (LOADING, "dim italic"))


class PreviewScreen(Screen[None]):
    """The last main screen of this roadmap, shown until the live one is ready."""

    def __init__(self, saved: LastScreen) -> None:
        super().__init__()
        self.saved = saved
        """What to draw."""
        self.typed: list[Key] = []
        """Keys pressed while this screen showed, for the real screen."""

    def compose(self) -> ComposeResult:
        saved = self.saved
        yield Header()
        with Horizontal(id="body"):
            yield Static(tree_picture(saved), id="tree")
            with Vertical(id="center"):
                yield Static(checklist_picture(saved), id="checklist")
                with Vertical(id="detail"):
                    yield Static(decode_content(saved.item), id="detail-item")
            yield Vertical(id="side")
        yield SavedStatus(decode_content(saved.status), id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#tree").border_title = "Roadmap"
        self.query_one("#checklist").border_title = "Checklist"
        self.query_one("#detail").border_title = "Details"

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width >= WIDE_COLUMNS, "-wide")

    def on_key(self, event: Key) -> None:
        """Keep the key for the real screen: here it would act on nothing."""
        event.stop()
        event.prevent_default()
        self.typed.append(event)
