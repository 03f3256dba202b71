"""Asks before a link that is not a web page is handed to the system's opener.

A roadmap is a document from anywhere: ``file:``, ``javascript:`` or a custom scheme
that launches another program are opened only when the learner says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from syllabus.locale import _
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult


class OpenLinkDialog(ModalScreen[bool]):
    """Dismisses with True to open the link, False to leave it."""

    BINDINGS = [
        Binding("y", "open", _("Open")),
        Binding("n,escape", "cancel", _("Cancel")),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self._url = url

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(_("This link is not a web page. Open it anyway?")), classes="title")
            yield Label(Content(one_line(self._url)), id="link-url")
            yield Label(Content(_("y opens · n or escape leaves it")), classes="hint")

    def action_open(self) -> None:
        """Open the link."""
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Leave it."""
        self.dismiss(False)
