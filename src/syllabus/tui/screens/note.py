"""A dialog to write the learner's note on an item or a node (Markdown, many lines)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from syllabus.locale import _
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult


class NoteDialog(ModalScreen[str | None]):
    """Dismisses with the note's new text ("" removes it), or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save")),
        Binding("escape", "cancel", _("Cancel")),
    ]

    def __init__(self, about: str, text: str) -> None:
        super().__init__()
        self._about = about
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content.assemble((_("Note on"), "bold"), " ", one_line(self._about)))
            yield TextArea(self._text, id="note-text", soft_wrap=True)
            yield Label(
                Content(_("ctrl+s saves · escape cancels · an empty note is removed")),
                classes="hint",
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        """Keep the note."""
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        """Leave the note as it was."""
        self.dismiss(None)
