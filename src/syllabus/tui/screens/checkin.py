"""CheckInDialog: log a study session — hours, a note, the node, the items done.

Built for few keys: focus starts on the hours, so ``c``, ``1,5``, tab, a note, ctrl+s is a
whole check-in. Nothing here touches storage: the dialog dismisses with a draft and the app
saves it.

Interface (what the app codes against)
--------------------------------------
``CheckInDialog(*, day, nodes, node_id=None, items_for=None, ticked=(), hours=None,
note="", checkin_id=None, today=None, check=None)``

- ``day: date`` — the default study day (the app passes today respecting the day-start
  hour, or the check-in's day when editing).
- ``nodes: Sequence[tuple[str, str]]`` — ``(node_id, title)`` choices for the node Select,
  in the order shown; titles are shown literally (never markup).
- ``node_id: str | None`` — the node preselected (the planned one); default the first.
- ``items_for: Callable[[str], Sequence[tuple[str, str]]] | None`` — the checkable items
  ``(item_id, text)`` of a node, asked again when the learner picks another node.
- ``ticked: Collection[str]`` — item ids ticked at the start (items done today, or the
  check-in's items when editing); ticks survive switching nodes back and forth.
- ``hours: float | None``, ``note: str`` — prefilled values when editing.
- ``checkin_id: str | None`` — the check-in being edited; None for a new one.
- ``today: date | None`` — today's study day (default ``day``): what "today",
  "yesterday" and "-2" count from.
- ``check: Callable[[date, float, str], str | None] | None`` — the one acceptance rule
  (``rules.checkin_problem`` with the roadmap's enrolment and today bound): given the
  day, hours and note, the line that refuses them (a date in the future or before the
  enrolment start, 0 hours without a note), shown under its field; the dialog stays open.

Dismiss result (``ModalScreen[CheckInDraft | None]``): a ``CheckInDraft`` on ctrl+s (or
enter in the hours or date field) when the input is valid; ``None`` on escape (nothing to
save). Invalid hours ("abc", "-3", "25") or dates are explained under the field and the
dialog stays open.

Hours are read by ``rules.parse_hours`` ("1,5", "1.5", "1:30", "90m", "2h", "1h 30m"; 0 to
24), as ``syllabus checkin --hours`` reads them; a rule's ``InvalidEntry`` is shown under
its field. The date is read by ``rules.parse_date`` ("2026-11-23"), and "today",
"yesterday" and "-2" (days back) are accepted as shortcuts. ``item_ids`` holds the ticked items
of the node chosen at save time (in list order). Colours come from ``tui/tcss/calendar.tcss``
(the dialog's ``CSS_PATH``, loaded when it is first pushed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from syllabus.locale import _
from syllabus.model.rules import InvalidEntry, check_date, parse_date, parse_hours

if TYPE_CHECKING:
    from textual.app import ComposeResult


@dataclass(frozen=True)
class CheckInDraft:
    """What the learner entered; the app turns it into a ``CheckIn`` and saves it."""

    day: date
    """The study day."""
    hours: float
    """Hours studied, 0-24 (``rules.parse_hours``)."""
    note: str
    """The note, as typed (trailing blank lines removed)."""
    node_id: str | None
    """The node worked on."""
    item_ids: tuple[str, ...]
    """Items ticked as done in this session, in list order."""
    checkin_id: str | None = None
    """The check-in edited, or None for a new one."""
    activity: str | None = None
    """What kind of study it was: a key of ``model.activity`` or the learner's own name;
    None when not said."""


def parse_day(text: str, latest: date) -> date:
    """A study day: "today", "yesterday", "-2" (days back) or a date (``rules.parse_date``).

    The words are shortcuts only a prompt that knows today can offer; every date typed
    goes through the one date rule, and none may lie after ``latest``.
    """
    raw = text.strip().lower()
    # the English words always work; the interface's own words too (heute, gestern)
    if raw in ("", "today", _("today").lower()):
        day = latest
    elif raw in ("yesterday", _("yesterday").lower()):
        day = latest - timedelta(days=1)
    elif re.fullmatch(r"-\d{1,3}", raw):
        day = latest + timedelta(days=int(raw))
    else:
        day = parse_date(raw, _("the day"))
    return check_date(day, _("the day"))


def shown(problem: InvalidEntry) -> str:
    """A rule's message as a sentence under a field."""
    return _sentence(str(problem))


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def hours_text(hours: float) -> str:
    """Hours for the field: ``1.5`` when they are tenths of an hour, else minutes
    (``25m``), so a timer's minutes read back exactly (``rules.parse_hours`` reads both)."""
    minutes = hours * 60
    whole = round(minutes)
    if abs(minutes - whole) < 1e-6 and whole % 6:
        return f"{whole}m"
    return f"{hours:g}"


def _picked_prompt(text: str, picked: bool) -> Text:
    """A row of the "done today" list, its state in a mark that reads without colour."""
    return Text(f"{'✓' if picked else '○'} {text}")


class CheckInDialog(ModalScreen["CheckInDraft | None"]):
    """The check-in form, over the screen it was opened from."""

    CSS_PATH = "../tcss/calendar.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), priority=True),
        Binding("escape", "cancel", _("Cancel")),
    ]

    DEFAULT_CSS = """
    CheckInDialog {
        align: center middle;
    }
    CheckInDialog > #checkin-form {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
    }
    CheckInDialog .checkin-row {
        height: auto;
    }
    CheckInDialog .checkin-label {
        width: 7;
        height: 1;
        margin-right: 1;
    }
    CheckInDialog .checkin-error {
        height: auto;
        display: none;
        padding-left: 8;
    }
    CheckInDialog .checkin-error.-shown {
        display: block;
    }
    CheckInDialog #checkin-note {
        height: 4;
        padding: 0;
        margin: 0;
    }
    CheckInDialog #checkin-items {
        height: auto;
        max-height: 8;
    }
    CheckInDialog #checkin-items-label {
        height: 1;
    }
    CheckInDialog #checkin-hint {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(
        self,
        *,
        day: date,
        nodes: Sequence[tuple[str, str]],
        node_id: str | None = None,
        items_for: Callable[[str], Sequence[tuple[str, str]]] | None = None,
        ticked: Collection[str] = (),
        hours: float | None = None,
        note: str = "",
        checkin_id: str | None = None,
        today: date | None = None,
        check: Callable[[date, float, str], str | None] | None = None,
        activity: str | None = None,
        highlight: str | None = None,
    ) -> None:
        super().__init__()
        self._check = check
        self._initial_activity = activity
        self._highlight = highlight
        self._initial_day = day
        self._latest_day = max(today or day, day)
        self._choices = list(nodes)
        known = {node for node, _title in self._choices}
        if node_id is None or node_id not in known:
            node_id = self._choices[0][0] if self._choices else None
        self._start_node = node_id
        self._listed_node = node_id
        self._items_of = items_for
        self._ticks: set[str] = set(ticked)
        self._texts: dict[str, str] = {}
        """The texts of the items listed now, by id."""
        self._initial_hours = hours
        self._initial_note = note
        self._edit_id = checkin_id

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin-form"):
            with Horizontal(classes="checkin-row"):
                yield Label(_("Hours"), classes="checkin-label")
                yield Input(
                    "" if self._initial_hours is None else hours_text(self._initial_hours),
                    placeholder="1,5",
                    id="checkin-hours",
                    compact=True,
                )
            yield Static("", id="checkin-hours-error", classes="checkin-error")
            with Horizontal(classes="checkin-row"):
                yield Label(_("Note"), classes="checkin-label")
                yield TextArea(
                    self._initial_note, id="checkin-note", compact=True, tab_behavior="focus"
                )
            with Horizontal(classes="checkin-row"):
                yield Label(_("Node"), classes="checkin-label")
                yield Select(
                    [(Text(title), node) for node, title in self._choices],
                    value=self._start_node if self._start_node is not None else Select.NULL,
                    allow_blank=not self._choices,
                    prompt=_("(no node)"),
                    id="checkin-node",
                    compact=True,
                )
            with Horizontal(classes="checkin-row"):
                yield Label(_("Date"), classes="checkin-label")
                yield Input(self._initial_day.isoformat(), id="checkin-day", compact=True)
            yield Static("", id="checkin-day-error", classes="checkin-error")
            with Horizontal(classes="checkin-row"):
                yield Label(_("Kind"), classes="checkin-label")
                yield self._activity_field()
            yield Label(_("Done today"), id="checkin-items-label")
            yield SelectionList[str](*self._selections(self._start_node), id="checkin-items")
            yield Static(
                Content.from_markup(_("[b]ctrl+s[/b] save   [b]esc[/b] cancel")), id="checkin-hint"
            )

    def on_mount(self) -> None:
        form = self.query_one("#checkin-form")
        form.border_title = _("Edit check-in") if self._edit_id else _("Check in")
        self._show_items_label()
        self._highlight_item()
        # Now, not after the queue: hours typed straight after `c` must land in the field.
        self.set_focus(self.query_one("#checkin-hours", Input))

    def on_key(self, event: events.Key) -> None:
        """Type-ahead: a character typed while the dialog was opening reached the screen
        itself (nothing had focus yet); hand it to the field that has focus now. Text
        fields consume every character they get, so none arrives here any other way."""
        field = self.focused
        if event.is_printable and isinstance(field, Input | TextArea):
            event.stop()
            event.prevent_default()
            field.post_message(events.Key(event.key, event.character))

    def _selections(self, node_id: str | None) -> list[Selection[str]]:
        if node_id is None or self._items_of is None:
            return []
        self._texts = dict(self._items_of(node_id))
        return [
            Selection(_picked_prompt(text, item_id in self._ticks), item_id, item_id in self._ticks)
            for item_id, text in self._texts.items()
        ]

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Mark each row ✓ or ○ as well: the toggle's own glyph differs only by colour."""
        items = event.selection_list
        picked = set(items.selected)
        for index in range(items.option_count):
            item_id = items.get_option_at_index(index).value
            items.replace_option_prompt_at_index(
                index, _picked_prompt(self._texts.get(item_id, ""), item_id in picked)
            )

    def _activity_field(self) -> Input:
        """What kind of study: the six activities' names offered as they are typed, an
        own name kept as typed (``model.activity``)."""
        from textual.suggester import SuggestFromList

        from syllabus.model.activity import ACTIVITIES, activity_name

        names = [activity_name(key) for key in ACTIVITIES]
        initial = self._initial_activity
        return Input(
            activity_name(initial) if initial else "",
            placeholder=", ".join(names),
            suggester=SuggestFromList(names, case_sensitive=False),
            id="checkin-activity",
            compact=True,
        )

    def _highlight_item(self) -> None:
        """The cursor on the item asked for (a timer's), not ticked: the learner decides."""
        items = self.query_one("#checkin-items", SelectionList)
        for index in range(items.option_count):
            if items.get_option_at_index(index).value == self._highlight:
                items.highlighted = index
                return

    def _show_items_label(self) -> None:
        items = self.query_one("#checkin-items", SelectionList)
        self.query_one("#checkin-items-label", Label).display = items.option_count > 0
        items.display = items.option_count > 0

    def _show_error(self, field: str, message: str | None) -> None:
        error = self.query_one(f"#checkin-{field}-error", Static)
        error.update(Content(message or ""))
        error.set_class(message is not None, "-shown")

    def on_input_changed(self, event: Input.Changed) -> None:
        """Check the field as it is typed, so a mistake shows before saving."""
        event.stop()
        if event.input.id == "checkin-hours":
            self._validate_hours(quiet_empty=True)
        elif event.input.id == "checkin-day":
            self._validate_day()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a one-line field saves, like ctrl+s."""
        event.stop()
        self.action_save()

    def on_select_changed(self, event: Select.Changed) -> None:
        """Another node: list its items, keeping the ticks made so far."""
        event.stop()
        node = event.value if isinstance(event.value, str) else None
        if node == self._listed_node:
            return  # the Select reports its first value too: the list already shows it
        self._listed_node = node
        items = self.query_one("#checkin-items", SelectionList)
        self._ticks.difference_update(
            items.get_option_at_index(n).value for n in range(items.option_count)
        )
        self._ticks.update(items.selected)
        items.clear_options()
        items.add_options(self._selections(node))
        self._show_items_label()

    def _validate_hours(self, quiet_empty: bool = False) -> float | None:
        text = self.query_one("#checkin-hours", Input).value
        if quiet_empty and not text.strip():
            self._show_error("hours", None)
            return None
        try:
            hours = parse_hours(text)
        except InvalidEntry as problem:
            self._show_error("hours", shown(problem))
            return None
        self._show_error("hours", None)
        return hours

    def _validate_day(self) -> date | None:
        try:
            day = parse_day(self.query_one("#checkin-day", Input).value, self._latest_day)
        except InvalidEntry as problem:
            self._show_error("day", shown(problem))
            return None
        # asked with an hour of work, the rule can only refuse the date itself
        refused = self._check(day, 1.0, "") if self._check is not None else None
        self._show_error("day", _sentence(refused) if refused else None)
        return None if refused else day

    def action_save(self) -> None:
        """Dismiss with the draft, or point at what is wrong and stay open."""
        hours = self._validate_hours()
        day = self._validate_day()
        if hours is None:
            self.query_one("#checkin-hours", Input).focus()
            return
        if day is None:
            self.query_one("#checkin-day", Input).focus()
            return
        note = self.query_one("#checkin-note", TextArea).text.rstrip()
        refused = self._check(day, hours, note) if self._check is not None else None
        if refused:  # the date passed above: what is left is the hours and the note
            self._show_error("hours", _sentence(refused))
            self.query_one("#checkin-hours", Input).focus()
            return
        node = self.query_one("#checkin-node", Select).value
        items = self.query_one("#checkin-items", SelectionList)
        ticked = set(items.selected)
        item_ids = tuple(
            value
            for n in range(items.option_count)
            if (value := items.get_option_at_index(n).value) in ticked
        )
        self.dismiss(
            CheckInDraft(
                day=day,
                hours=hours,
                note=note,
                node_id=node if isinstance(node, str) else None,
                item_ids=item_ids,
                checkin_id=self._edit_id,
                activity=self._activity(),
            )
        )

    def _activity(self) -> str | None:
        from syllabus.model.activity import activity_key

        typed = self.query_one("#checkin-activity", Input).value.strip()
        return activity_key(typed) or None if typed else None

    def action_cancel(self) -> None:
        """Close without saving anything."""
        self.dismiss(None)
