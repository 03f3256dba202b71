"""NextDialog: how many minutes do you have? ``next`` picks what fits from the agenda.

Enter with nothing typed takes ``DEFAULT_MINUTES``. A bare number is minutes ("45");
anything else is read by the one hours rule (``rules.parse_hours``: "1:30", "90m", "1h").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from syllabus.locale import _
from syllabus.model.rules import InvalidEntry, parse_hours

if TYPE_CHECKING:
    from textual.app import ComposeResult

DEFAULT_MINUTES = 30.0
"""What ``next`` assumes when no time is typed: a short session."""


def read_minutes(text: str) -> float:
    """Minutes from what was typed: empty → the default, "45" → 45, "1:30" → 90."""
    raw = text.strip()
    if not raw:
        return DEFAULT_MINUTES
    if re.fullmatch(r"\d{1,4}", raw):
        return float(raw)
    return parse_hours(raw) * 60


class NextDialog(ModalScreen[float | None]):
    """Dismisses with the minutes available, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(_("What fits in how many minutes?")).stylize("bold"))
            yield Input(placeholder=f"{DEFAULT_MINUTES:g}", id="next-minutes")
            yield Label("", id="next-problem", classes="problem")
            hint = _("enter picks (empty: {default:g} min) · 45, 1:30 or 90m · escape cancels")
            yield Label(Content(hint.format(default=DEFAULT_MINUTES)), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            minutes = read_minutes(event.value)
        except InvalidEntry as problem:
            self.query_one("#next-problem", Label).update(Content(str(problem)))
            return
        self.dismiss(minutes)

    def action_cancel(self) -> None:
        """Pick nothing."""
        self.dismiss(None)
