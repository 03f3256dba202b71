"""BehindDialog: behind the plan, a decision instead of guilt — three options with numbers.

The numbers are the model's (``schedule.behind_options``): the hours a week that keep
the planned date, the optional items that could be skipped and the hours they hold, and
the finish at the current pace. Each is one key; the screen applies it as one change
(one undo step). Nothing here touches progress.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from syllabus.locale import _, ngettext
from syllabus.tui.widgets.status_line import buffer_text, short_date

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.model.schedule import BehindOptions, Status

Choice = Literal["pace", "skip", "replan"]


def option_lines(options: BehindOptions, status: Status) -> dict[Choice, str]:
    """The three options as one line each, with their numbers."""
    planned = status.forecast.planned if status.forecast is not None else None
    from syllabus.locale.formats import format_number
    from syllabus.tui.deciding import pace_needed

    pace = _("p  study {hours} h a week to keep the planned date{date}").format(
        hours=format_number(pace_needed(options)),
        date=f" ({short_date(planned, status.today)})" if planned is not None else "",
    )
    n = len(options.skippable)
    if n:
        skip = ngettext(
            "s  skip the {n} optional item still open: {hours} h less",
            "s  skip the {n} optional items still open: {hours} h less",
            n,
        ).format(n=n, hours=format_number(options.skippable_hours, fixed=True))
    else:
        skip = _("s  no optional items are left to skip")
    replan = _("r  replan from today: finish ~ {date} at your pace").format(
        date=short_date(options.new_date, status.today)
    )
    return {"pace": pace, "skip": skip, "replan": replan}


class BehindDialog(ModalScreen["Choice | None"]):
    """Dismisses with ``pace``, ``skip`` or ``replan``, or None to leave things be."""

    BINDINGS = [
        Binding("p", "choose('pace')", _("Change pace")),
        Binding("s", "choose('skip')", _("Skip optional")),
        Binding("r", "choose('replan')", _("Replan")),
        Binding("escape,q", "cancel", _("Not now")),
    ]

    def __init__(self, options: BehindOptions, status: Status) -> None:
        super().__init__()
        self.options = options
        """The model's numbers."""
        self.status = status

    def compose(self) -> ComposeResult:
        days = buffer_text(abs(self.status.buffer_days)).lstrip("+")
        with Vertical(id="dialog"):
            yield Label(
                Content(_("You are {days} behind the plan. What now?").format(days=days)).stylize(
                    "bold"
                ),
                id="behind-title",
            )
            for choice, line in option_lines(self.options, self.status).items():
                yield Label(Content(line), id=f"behind-{choice}", classes="behind-option")
            yield Label(
                Content(_("one key applies it · ctrl+z undoes it · escape leaves things be")),
                classes="hint",
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Skipping needs optional items to skip."""
        if action == "choose" and parameters == ("skip",):
            return bool(self.options.skippable)
        return True

    def action_choose(self, choice: Choice) -> None:
        """Apply that option."""
        self.dismiss(choice)

    def action_cancel(self) -> None:
        """Leave things be."""
        self.dismiss(None)
