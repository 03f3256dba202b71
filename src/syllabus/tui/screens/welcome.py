"""Pick a roadmap and enrol: start date, pace, rest days and estimate, prefilled.

Shown on the first run and behind `r`. Enter on a roadmap already enrolled opens it;
on a new one it moves to the form, and ctrl+s (or Start) enrols.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from syllabus.clock import now, today
from syllabus.locale import N_, _
from syllabus.model.progress import Enrolment
from syllabus.model.roadmap import WEEKDAY_NAMES
from syllabus.model.rules import InvalidEntry, parse_date, parse_hours, parse_rest_days
from syllabus.model.units import WEEK_HOURS
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.catalog import CatalogEntry
    from syllabus.model.progress import Progress

T = TypeVar("T")

DEFAULT_HOURS_PER_WEEK = 10.0
DEFAULT_REST_DAYS = ("sun",)
LANGUAGES = {"de": "Deutsch", "en": "English"}


def suggested_hours(entry: CatalogEntry) -> float:
    """The pace the roadmap states, else hours that finish it in its length, else a default."""
    if entry.hours_per_week:
        return entry.hours_per_week
    if entry.hours and entry.weeks:
        per_week = (entry.hours[0] + entry.hours[1]) / 2 / entry.weeks
        return max(1.0, round(per_week * 2) / 2)
    return DEFAULT_HOURS_PER_WEEK


DAY_LABELS = dict(
    zip(
        WEEKDAY_NAMES,
        (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")),
        strict=True,
    )
)


def routine_text(weekday_hours: dict[str, float]) -> str:
    """A routine's hours by weekday in a line: "Routine: Mon–Fri 1.5 h · Sat–Sun 2.5 h"."""
    runs: list[tuple[str, str, float]] = []
    for day in WEEKDAY_NAMES:
        hours = weekday_hours.get(day, 0.0)
        if runs and runs[-1][2] == hours:
            runs[-1] = (runs[-1][0], day, hours)
        else:
            runs.append((day, day, hours))
    parts = []
    for first, last, hours in runs:
        if hours <= 0:
            continue
        days = _(DAY_LABELS[first])
        if last != first:
            days = f"{days}–{_(DAY_LABELS[last])}"
        parts.append(_("{days} {hours} h").format(days=days, hours=f"{hours:g}"))
    if not parts:
        return ""
    total = f"{sum(weekday_hours.values()):g}"
    return _("Routine: {days} ({total} h a week)").format(days=" · ".join(parts), total=total)


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


class WelcomeScreen(Screen[tuple[str, Enrolment | None] | None]):
    """Dismisses with (roadmap id, new enrolment or None to open as it is), or None."""

    DEFAULT_CSS = """
    #welcome-routine {
        height: 1;
        padding: 0 0 0 12;
        color: $text-muted;
    }
    """

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
        return self._progress.roadmap(entry.id).enrolled is not None

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
                yield Input(", ".join(DEFAULT_REST_DAYS), id="rest", placeholder="e.g. sat, sun")
                yield Label("Estimate", classes="field")
                yield Select(
                    [("low", "low"), ("middle", "mid"), ("high", "high")],
                    value="mid",
                    allow_blank=False,
                    id="estimate",
                )
            routine = Label(Content(""), id="welcome-routine")
            routine.display = False  # shown for a roadmap that gives a routine
            yield routine
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
        enrolment = self._progress.roadmap(entry.id).enrolled
        hours = enrolment.hours_per_week if enrolment else suggested_hours(entry)
        self.query_one("#hours", Input).value = f"{hours:g}"
        if enrolment is not None:
            self.query_one("#start", Input).value = enrolment.start.isoformat()
            self.query_one("#rest", Input).value = ", ".join(enrolment.rest_days)
            self.query_one("#estimate", Select).value = enrolment.estimate
        else:  # what the roadmap states, else the default: never the last one's
            rest = entry.rest_days if entry.rest_days is not None else DEFAULT_REST_DAYS
            self.query_one("#rest", Input).value = ", ".join(rest)
        self.query_one("#start-button", Button).label = "Restart" if enrolment else "Start"
        routine = self.query_one("#welcome-routine", Label)
        text = routine_text(dict(entry.weekday_hours or ()))
        routine.update(Content(text))  # roadmap text stays literal: Content, never markup
        routine.display = bool(text)

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
        start = self._read("start", lambda text: parse_date(text, "the start"))
        hours = (
            None
            if start is None
            else self._read("hours", lambda text: parse_hours(text, most=WEEK_HOURS))
        )
        rest = None if hours is None else self._read("rest", parse_rest_days)
        if start is None or hours is None or rest is None:
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

    def _read(self, field: str, rule: Callable[[str], T]) -> T | None:
        """A field's value by its rule; what the rule refuses is explained, the field focused."""
        entry = self.query_one(f"#{field}", Input)
        try:
            return rule(entry.value)
        except InvalidEntry as problem:
            message = str(problem)
            error = self.query_one("#welcome-error", Label)
            error.update(Content(message[:1].upper() + message[1:] + "."))
            entry.focus()
            return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No way back on the first run: there is nothing to go back to."""
        if action == "cancel" and not self._cancellable:
            return False
        return True

    def action_cancel(self) -> None:
        """Back to the open roadmap (not on the first run)."""
        if self._cancellable:
            self.dismiss(None)
