"""Small questions the roadmap list and the import screens ask: yes or no, a line of
text, one of several options."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from syllabus.locale import _

if TYPE_CHECKING:
    from textual.app import ComposeResult

DIALOG_CSS = """
{name} { align: center middle; }
{name} #dialog {
    width: 80%; max-width: 90; height: auto; max-height: 90%;
    border: thick $primary; background: $panel; padding: 1 2;
}
{name} OptionList { height: auto; max-height: 16; }
"""


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses with True for yes, False for no or escape."""

    DEFAULT_CSS = DIALOG_CSS.replace("{name}", "ConfirmDialog")

    BINDINGS = [
        Binding("y", "answer(True)", _("Yes")),
        Binding("n", "answer(False)", _("No")),
        Binding("escape", "answer(False)", _("Cancel")),
    ]

    def __init__(self, question: Content) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self._question, id="confirm-question")
            yield Label(Content(_("y yes · n no")), classes="hint")

    def action_answer(self, yes: bool) -> None:
        """Answer the question."""
        self.dismiss(yes)


class TextDialog(ModalScreen[str | None]):
    """Dismisses with the line typed (enter), or None (escape)."""

    DEFAULT_CSS = DIALOG_CSS.replace("{name}", "TextDialog")

    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, question: Content, value: str = "") -> None:
        super().__init__()
        self._question = question
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self._question)
            yield Input(self._value, id="text-answer")
            yield Label(Content(_("enter saves · escape cancels")), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Leave it as it was."""
        self.dismiss(None)


class ChooseDialog(ModalScreen[str | None]):
    """Dismisses with the id of the option picked (enter), or None (escape)."""

    DEFAULT_CSS = DIALOG_CSS.replace("{name}", "ChooseDialog")

    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, question: Content, options: list[tuple[str, Content]]) -> None:
        super().__init__()
        self._question = question
        self._options = options

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self._question)
            yield OptionList(
                *(Option(prompt, id=key) for key, prompt in self._options),
                id="choose-options",
                markup=False,
            )
            yield Label(Content(_("enter picks · escape cancels")), classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Pick nothing."""
        self.dismiss(None)
