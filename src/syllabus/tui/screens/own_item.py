"""A dialog to add the learner's own item, or own link, to a node."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from syllabus.locale import _
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult


class OwnItemDialog(ModalScreen[tuple[str, str | None] | None]):
    """Dismisses with (text, url or None), or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save")),
        Binding("escape", "cancel", _("Cancel")),
    ]

    def __init__(self, node_title: str, with_link: bool) -> None:
        super().__init__()
        self._node_title = node_title
        self._with_link = with_link

    def compose(self) -> ComposeResult:
        what = _("Add a link to") if self._with_link else _("Add an item to")
        with Vertical(id="dialog"):
            yield Label(Content.assemble((what, "bold"), " ", one_line(self._node_title)))
            yield Input(placeholder=_("What to do or read"), id="own-text")
            if self._with_link:
                yield Input(placeholder="https://…", id="own-url")
            yield Label(Content(""), id="own-error", classes="problem")
            yield Label(Content(_("enter or ctrl+s adds · escape cancels")), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#own-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._with_link and event.input.id == "own-text":
            self.query_one("#own-url", Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        """Add the item if it has text (and a link a link)."""
        text = self.query_one("#own-text", Input).value.strip()
        url = self.query_one("#own-url", Input).value.strip() if self._with_link else None
        error = self.query_one("#own-error", Label)
        if not text and url:
            text = url
        if not text:
            error.update(Content(_("Write what the item is.")))
            self.query_one("#own-text", Input).focus()
            return
        if self._with_link and not url:
            error.update(Content(_("Give the link (https://…).")))
            self.query_one("#own-url", Input).focus()
            return
        self.dismiss((text, url or None))

    def action_cancel(self) -> None:
        """Add nothing."""
        self.dismiss(None)
