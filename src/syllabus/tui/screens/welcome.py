"""Pick a roadmap and enrol: start date, pace, rest days and estimate, prefilled.

Shown on the first run and behind `r`. Enter on a roadmap already enrolled opens it;
on a new one it moves to the form, and ctrl+s (or Start) enrols.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from syllabus.clock import now, today
from syllabus.model.progress import Enrolment
from syllabus.model.units import WEEKDAYS
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.catalog import CatalogEntry
    from syllabus.model.progress import Progress

DEFAULT_HOURS_PER_WEEK = 10.0
LANGUAGES = {"de": "Deutsch", "en": "English"}


def suggested_hours(entry: CatalogEntry) -> float:
    """The pace the roadmap states, else hours that finish it in its length, else a default."""
    if entry.hours_per_week:
        return entry.hours_per_week
    if entry.hours and entry.weeks:
        per_week = (entry.hours[0] + entry.hours[1]) / 2 / entry.weeks
        return max(1.0, round(per_week * 2) / 2)
    return DEFAULT_HOURS_PER_WEEK


def entry_prompt(entry: CatalogEntry, enrolled: bool) -> Content:
    """A roadmap row: title, then language, length, hours and items, literally."""
    facts = [LANGUAGES.get(entry.language, entry.language)]
    if entry.weeks:
        facts.append(f"{entry.weeks:g} weeks")
    if entry.hours:
        low, high = entry.hours
        facts.append(f"{low:.0f} h" if low == high else f"{low:.0f}–{high:.0f} h")
    facts.append(f"{entry.items_checkable} items")
    facts.append("bundled" if entry.bundled else "imported")
    if enrolled:
        facts.append("enrolled")
    return Content.assemble(
        ("✓ " if enrolled else "  ", "bold"),
        (one_line(entry.title), "bold"),
        "\n    ",
        (" · ".join(facts), "dim"),
    )


def parse_hours(text: str) -> float:
    """Hours a week; "7,5" is 7.5."""
    value = float(text.strip().replace(",", "."))
    if not 0 < value <= 168:
        raise ValueError("hours a week must be between 0 and 168")
    return value


def parse_rest_days(text: str) -> list[str]:
    """Weekday names ("sat, sun"), at most six of them."""
    days = [d.strip().lower()[:3] for d in text.replace(" ", ",").split(",") if d.strip()]
    unknown = [d for d in days if d not in WEEKDAYS]
    if unknown:
        raise ValueError(f"rest days are mon … sun, not {', '.join(unknown)}")
    if len(set(days)) > 6:
        raise ValueError("keep at least one study day")
    return sorted(set(days), key=WEEKDAYS.index)


class WelcomeScreen(Screen[tuple[str, Enrolment | None] | None]):
    """Dismisses with (roadmap id, new enrolment or None to open as it is), or None."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start"),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, entries: list[CatalogEntry], progress: Progress, cancellable: bool) -> None:
        super().__init__()
        self._entries = entries
        self._progress = progress
        self._cancellable = cancellable

    def _enrolled(self, entry: CatalogEntry) -> bool:
        return self._progress.roadmap(entry.id).enrolment is not None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="welcome"):
            yield Label(Content("Pick a roadmap, set your pace, start."), id="welcome-title")
            yield OptionList(
                *(
                    Option(entry_prompt(entry, self._enrolled(entry)), id=entry.id)
                    for entry in self._entries
                ),
                id="roadmaps",
                markup=False,
            )
            with Horizontal(classes="form-row"):
                yield Label("Start", classes="field")
                yield Input(today().isoformat(), id="start")
                yield Label("Hours/week", classes="field")
                yield Input(id="hours")
            with Horizontal(classes="form-row"):
                yield Label("Rest days", classes="field")
                yield Input("sun", id="rest", placeholder="e.g. sat, sun")
                yield Label("Estimate", classes="field")
                yield Select(
                    [("low", "low"), ("middle", "mid"), ("high", "high")],
                    value="mid",
                    allow_blank=False,
                    id="estimate",
                )
            with Horizontal(id="welcome-actions"):
                yield Button("Start", id="start-button", variant="primary")
                yield Label(Content(""), id="welcome-error", classes="problem")
        yield Footer()

    def on_mount(self) -> None:
        roadmaps = self.query_one("#roadmaps", OptionList)
        active = self._progress.settings.active_roadmap
        ids = [entry.id for entry in self._entries]
        roadmaps.highlighted = ids.index(active) if active in ids else 0 if ids else None
        roadmaps.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self._entry(event.option.id)
        if entry is None:
            return
        enrolment = self._progress.roadmap(entry.id).enrolment
        hours = enrolment.hours_per_week if enrolment else suggested_hours(entry)
        self.query_one("#hours", Input).value = f"{hours:g}"
        if enrolment is not None:
            self.query_one("#start", Input).value = enrolment.start.isoformat()
            self.query_one("#rest", Input).value = ", ".join(enrolment.rest_days)
            self.query_one("#estimate", Select).value = enrolment.estimate
        elif entry.rest_days is not None:
            self.query_one("#rest", Input).value = ", ".join(entry.rest_days)
        self.query_one("#start-button", Button).label = "Restart" if enrolment else "Start"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self._entry(event.option.id)
        if entry is not None and self._enrolled(entry):
            self.dismiss((entry.id, None))
        else:
            self.query_one("#hours", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    def _entry(self, entry_id: str | None) -> CatalogEntry | None:
        return next((e for e in self._entries if e.id == entry_id), None)

    def action_start(self) -> None:
        """Enrol in the highlighted roadmap with the form's settings."""
        roadmaps = self.query_one("#roadmaps", OptionList)
        option = roadmaps.highlighted_option
        error = self.query_one("#welcome-error", Label)
        if option is None or option.id is None:
            error.update(Content("Pick a roadmap first."))
            return
        try:
            start = date.fromisoformat(self.query_one("#start", Input).value.strip())
        except ValueError:
            error.update(Content("Start must be a date like 2026-11-23."))
            self.query_one("#start", Input).focus()
            return
        try:
            hours = parse_hours(self.query_one("#hours", Input).value)
        except ValueError as problem:
            message = str(problem) if "between" in str(problem) else "hours a week is a number"
            error.update(Content(message.capitalize() + "."))
            self.query_one("#hours", Input).focus()
            return
        try:
            rest = parse_rest_days(self.query_one("#rest", Input).value)
        except ValueError as problem:
            error.update(Content(str(problem).capitalize() + "."))
            self.query_one("#rest", Input).focus()
            return
        estimate = self.query_one("#estimate", Select).value
        enrolment = Enrolment(
            start=start,
            hours_per_week=hours,
            days_per_week=7 - len(rest),
            rest_days=rest,
            estimate=estimate if estimate in ("low", "mid", "high") else "mid",
            updated=now(),
        )
        self.dismiss((option.id, enrolment))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No way back on the first run: there is nothing to go back to."""
        if action == "cancel" and not self._cancellable:
            return False
        return True

    def action_cancel(self) -> None:
        """Back to the open roadmap (not on the first run)."""
        if self._cancellable:
            self.dismiss(None)
