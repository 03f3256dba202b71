"""Pick a roadmap and enrol: start date, pace, rest days and estimate, prefilled.

A roadmap that states a routine (1.5 h on weekdays, 2.5 h at the weekend) offers it as
hours by weekday, which then decide the hours a week and the rest days; emptied, the
week is the hours a week spread evenly over the study days.

Shown on the first run and behind `r`. Enter on a roadmap already enrolled opens it;
on a new one it moves to the form, and ctrl+s (or Start) enrols; when the document marks
items done or skipped, the learner is asked whether to take them (``model.marks``).
The list's own keys tidy it up as the command line does: ``i`` imports a file (the
import screen), ``d`` removes an imported roadmap, ``e`` renames one and ``l`` leaves
(un-enrols), through ``catalog`` and ``model.progress``, as ``syllabus remove``,
``rename`` and ``leave`` do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from syllabus.clock import now, today
from syllabus.locale import N_, _, ngettext
from syllabus.locale.formats import format_number
from syllabus.model.progress import Enrolment
from syllabus.model.roadmap import WEEKDAY_NAMES
from syllabus.model.rules import (
    InvalidEntry,
    parse_date,
    parse_hours,
    parse_rest_days,
    parse_weekday_hours,
    weekday_hours_text,
    weekday_hours_week,
    weekday_runs,
    weekdays_text,
)
from syllabus.model.units import WEEK_HOURS
from syllabus.tui.literal import literal_text, one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.catalog import CatalogEntry
    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap
    from syllabus.tui.store import ProgressStore

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
    parts = []
    for first, last, hours in weekday_runs(weekday_hours):
        days = _(DAY_LABELS[first])
        if last != first:
            days = f"{days}–{_(DAY_LABELS[last])}"
        parts.append(_("{days} {hours} h").format(days=days, hours=format_number(hours, 2)))
    if not parts:
        return ""
    total = f"{sum(weekday_hours.values()):g}"
    return _("Routine: {days} ({total} h a week)").format(days=" · ".join(parts), total=total)


def entry_prompt(entry: CatalogEntry, enrolled: bool, namesake: bool = False) -> Content:
    """A roadmap row: title, then language, length, hours and items, literally; with
    ``namesake`` (another roadmap has the same title) its id and file tell it apart."""
    facts = [LANGUAGES.get(entry.language, entry.language)]
    if entry.weeks:
        facts.append(_("{n} weeks").format(n=f"{entry.weeks:g}"))
    if entry.hours:
        low, high = entry.hours
        facts.append(f"{low:.0f} h" if low == high else f"{low:.0f}–{high:.0f} h")
    items = entry.items_checkable
    facts.append(ngettext("{n} item", "{n} items", items).format(n=items))
    facts.append(_("bundled") if entry.bundled else _("imported"))
    if enrolled:
        facts.append(_("enrolled"))
    if namesake:
        facts.append(entry.id if entry.origin is None else f"{entry.id}, {Path(entry.origin).name}")
    return Content.assemble(
        ("✓ " if enrolled else "  ", "bold"),
        (one_line(entry.title), "bold"),
        "\n    ",
        (" · ".join(facts), "dim"),
    )


class RoadmapList(OptionList):
    """The roadmaps; its keys import a file and tidy the list up."""

    BINDINGS = [
        Binding("i", "screen.import_file", _("Import")),
        Binding("e", "screen.rename", _("Rename")),
        Binding("d", "screen.remove", _("Remove")),
        Binding("l", "screen.leave", _("Leave")),
    ]


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
        Binding("ctrl+s", "start", _("Start")),
        Binding("escape", "cancel", _("Back")),
    ]

    def __init__(self, entries: list[CatalogEntry], progress: Progress, cancellable: bool) -> None:
        super().__init__()
        self._entries = entries
        self._progress = progress
        self._cancellable = cancellable

    def _enrolled(self, entry: CatalogEntry) -> bool:
        return self._progress.roadmap(entry.id).enrolled is not None

    def _options(self) -> list[Option]:
        titles = [one_line(e.title).casefold() for e in self._entries]
        return [
            Option(entry_prompt(entry, self._enrolled(entry), titles.count(title) > 1), id=entry.id)
            for entry, title in zip(self._entries, titles, strict=True)
        ]

    @property
    def store(self) -> ProgressStore:
        """The app's progress store (every change goes through it)."""
        store: ProgressStore = getattr(self.app, "store")  # noqa: B009 - any app with a store
        return store

    def reload(self, highlight: str | None = None) -> None:
        """Read the catalog again (in the store's worker) and show it."""

        def show(entries: list[CatalogEntry]) -> None:
            roadmaps = self.query_one("#roadmaps", OptionList)
            old = roadmaps.highlighted_option
            wanted = highlight or (old.id if old is not None else None)
            self._entries = entries
            if self.store.progress is not None:
                self._progress = self.store.progress
            roadmaps.clear_options()
            roadmaps.add_options(self._options())
            ids = [e.id for e in entries]
            roadmaps.highlighted = ids.index(wanted) if wanted in ids else 0 if ids else None

        self.store.catalog(show)

    def _highlighted(self) -> CatalogEntry | None:
        option = self.query_one("#roadmaps", OptionList).highlighted_option
        return self._entry(option.id) if option is not None else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="welcome"):
            yield Label(Content(_("Pick a roadmap, set your pace, start.")), id="welcome-title")
            yield RoadmapList(*self._options(), id="roadmaps", markup=False)
            with Horizontal(classes="form-row"):
                yield Label(_("Start"), classes="field")
                yield Input(today().isoformat(), id="start")
                yield Label(_("Hours/week"), classes="field")
                yield Input(id="hours")
            with Horizontal(classes="form-row"):
                yield Label(_("Rest days"), classes="field")
                yield Input(
                    weekdays_text(DEFAULT_REST_DAYS), id="rest", placeholder=_("e.g. sat, sun")
                )
                yield Label(_("Estimate"), classes="field")
                yield Select(
                    [(_("low"), "low"), (_("middle"), "mid"), (_("high"), "high")],
                    value="mid",
                    allow_blank=False,
                    id="estimate",
                )
            with Horizontal(classes="form-row", id="track-row") as tracks:
                tracks.display = False  # shown for a roadmap with alternative tracks
                yield Label(_("Track"), classes="field")
                yield Select[str]([], id="track", prompt=_("the first"))
            with Horizontal(classes="form-row", id="weekday-row") as weekdays:
                weekdays.display = False  # shown for a routine or an enrolment by weekday
                yield Label(_("By weekday"), classes="field")
                yield Input(
                    id="weekday-hours",
                    placeholder=_("e.g. mon-fri 1.5, sat-sun 2.5; empty: every study day alike"),
                )
            routine = Label(Content(""), id="welcome-routine")
            routine.display = False  # shown for a roadmap that gives a routine
            yield routine
            with Horizontal(id="welcome-actions"):
                yield Button(_("Start"), id="start-button", variant="primary")
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
            self.query_one("#rest", Input).value = weekdays_text(enrolment.rest_days)
            self.query_one("#estimate", Select).value = enrolment.estimate
        else:  # what the roadmap states, else the default: never the last one's
            rest = entry.rest_days if entry.rest_days is not None else DEFAULT_REST_DAYS
            self.query_one("#rest", Input).value = weekdays_text(rest)
        self.query_one("#start-button", Button).label = _("Restart") if enrolment else _("Start")
        self._show_tracks(entry, enrolment.track if enrolment else None)
        routine = self.query_one("#welcome-routine", Label)
        stated = dict(entry.weekday_hours or ())
        text = routine_text(stated)
        routine.update(Content(text))  # roadmap text stays literal: Content, never markup
        routine.display = bool(text)
        # the routine's hours by weekday are the pace offered (an enrolment keeps its own)
        by_weekday = enrolment.weekday_hours if enrolment is not None else stated
        self.query_one("#weekday-row").display = bool(text or by_weekday)
        weekday_input = self.query_one("#weekday-hours", Input)
        weekday_input.value = weekday_hours_text(by_weekday)
        self._follow_weekday_hours(weekday_input.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "weekday-hours":
            self._follow_weekday_hours(event.value)

    def _follow_weekday_hours(self, text: str) -> None:
        """Hours by weekday decide the hours a week and the rest days (shown, not typed);
        without them both are the learner's to type."""
        try:
            by_weekday = parse_weekday_hours(text)
        except InvalidEntry:
            return  # explained when the learner starts
        hours, rest = self.query_one("#hours", Input), self.query_one("#rest", Input)
        if by_weekday:
            per_week, rest_days = weekday_hours_week(by_weekday)
            hours.value = f"{per_week:g}"
            rest.value = weekdays_text(rest_days)
        hours.disabled = rest.disabled = bool(by_weekday)
        rest.placeholder = _("none") if by_weekday else _("e.g. sat, sun")

    def _show_tracks(self, entry: CatalogEntry, chosen: str | None) -> None:
        """The track choice, for a roadmap that offers alternative tracks."""
        self.query_one("#track-row").display = bool(entry.tracks)
        select = self.query_one("#track", Select)
        select.set_options((literal_text(one_line(name)), name) for name in entry.tracks)
        if entry.tracks:
            select.value = chosen if chosen in entry.tracks else entry.tracks[0]

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
            error.update(Content(_("Pick a roadmap first.")))
            return
        start = self._read("start", lambda text: parse_date(text, _("the start")))
        hours = (
            None
            if start is None
            else self._read("hours", lambda text: parse_hours(text, most=WEEK_HOURS))
        )
        rest = None if hours is None else self._read("rest", parse_rest_days)
        by_weekday: dict[str, float] | None = {}
        if rest is not None and self.query_one("#weekday-row").display:
            by_weekday = self._read("weekday-hours", parse_weekday_hours)
        if start is None or hours is None or rest is None or by_weekday is None:
            return
        estimate = self.query_one("#estimate", Select).value
        track = self.query_one("#track", Select).value
        enrolment = Enrolment(
            start=start,
            hours_per_week=hours,
            days_per_week=7 - len(rest),
            rest_days=rest,
            weekday_hours=by_weekday,
            estimate=estimate if estimate in ("low", "mid", "high") else "mid",
            track=track if isinstance(track, str) else None,
            updated=now(),
        )
        if self._progress.roadmap(option.id).enrolled is None:
            self._offer_marks(option.id, enrolment)
        else:
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

    # --- importing and tidying the list (the same work as the CLI's) ---------------------

    def action_import_file(self) -> None:
        """Import a Markdown file (the import screen)."""
        from syllabus.tui.screens.import_screen import ImportScreen

        def imported(roadmap_id: str | None) -> None:
            if roadmap_id is not None:
                self.reload(roadmap_id)

        self.app.push_screen(ImportScreen(self.store), imported)

    def action_rename(self) -> None:
        """Give the highlighted imported roadmap another title."""
        from syllabus.tui.screens.import_dialogs import TextDialog

        entry = self._highlighted()
        if entry is None or not self._imported_only(entry):
            return

        def renamed(title: str | None) -> None:
            from syllabus.model.text import clean_text

            clean = " ".join(clean_text(title or "").split())
            if clean and clean != entry.title:
                self._housekeeping(entry, "rename", clean)

        question = Content(_("New title for {id}:").format(id=entry.id))
        self.app.push_screen(TextDialog(question, entry.title), renamed)

    def action_remove(self) -> None:
        """Remove the highlighted imported roadmap (its file and progress kept in backups)."""
        from syllabus.tui.screens.import_dialogs import ConfirmDialog

        entry = self._highlighted()
        if entry is None or not self._imported_only(entry):
            return
        question = Content(
            _(
                "Remove {title} ({id})? Its file and a copy of the progress go to backups; "
                "its progress stays."
            ).format(title=one_line(entry.title), id=entry.id)
        )

        def answered(yes: bool | None) -> None:
            if yes:
                session = self.store.session
                if session is not None and session.roadmap_id == entry.id:
                    self._cancellable = False  # the open roadmap is gone: pick another
                    self.refresh_bindings()
                self._leave(entry.id)
                self._housekeeping(entry, "remove", "")

        self.app.push_screen(ConfirmDialog(question), answered)

    def action_leave(self) -> None:
        """Un-enrol from the highlighted roadmap, keeping its progress."""
        from syllabus.tui.screens.import_dialogs import ConfirmDialog

        entry = self._highlighted()
        if entry is None:
            return
        if not self._enrolled(entry):
            self.notify(_("Not enrolled in {id}.").format(id=entry.id), markup=False)
            return
        question = Content(
            _("Leave {title}? Its progress is kept; enrol again at any time.").format(
                title=one_line(entry.title)
            )
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._leave(entry.id)
                self.reload()

        self.app.push_screen(ConfirmDialog(question), answered)

    def _imported_only(self, entry: CatalogEntry) -> bool:
        if entry.bundled:
            self.notify(
                _("{id} is a bundled roadmap: only imported ones can be removed or renamed").format(
                    id=entry.id
                ),
                severity="warning",
                markup=False,
            )
        return not entry.bundled

    def _leave(self, roadmap_id: str) -> None:
        from syllabus.model.progress import leave

        progress = self.store.progress
        if progress is not None and progress.roadmap(roadmap_id).enrolled is not None:
            self.store.commit(leave(progress, roadmap_id, now()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="housekeeping")
    def _housekeeping(self, entry: CatalogEntry, what: str, title: str) -> None:
        from syllabus import catalog

        data_dir = self.store.data_dir
        try:
            if what == "remove":
                kept = catalog.remove_imported(entry, data_dir).roadmap
                message = _("Removed {id}; its file is kept as {path}.").format(
                    id=entry.id, path=kept
                )
            else:
                catalog.rename_user_roadmap(entry, title, data_dir)
                message = _("Renamed {id}.").format(id=entry.id)
        except (OSError, catalog.RoadmapFileError) as error:
            message = _("Cannot change {id}: {why}").format(id=entry.id, why=error)
            self.store.call_from_thread(self._tidied, message, "error")
            return
        self.store.call_from_thread(self._tidied, message, "information")

    def _tidied(self, message: str, severity: str) -> None:
        self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]
        self.reload()

    # --- the document's own marks, offered at enrolment --------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="marks")
    def _offer_marks(self, roadmap_id: str, enrolment: Enrolment) -> None:
        """Enrol; when the document marks items done or skipped, ask first whether to
        take them (as ``syllabus start --accept-done``)."""
        from syllabus.catalog import load_roadmap
        from syllabus.model.marks import marked

        try:
            roadmap = load_roadmap(roadmap_id, self.store.data_dir)
        except Exception:  # the main screen says why it cannot open it
            self.store.call_from_thread(self.dismiss, (roadmap_id, enrolment))
            return
        marks = marked(roadmap)
        if not marks:
            self.store.call_from_thread(self.dismiss, (roadmap_id, enrolment))
            return
        self.store.call_from_thread(self._ask_marks, roadmap, enrolment, marks)

    def _ask_marks(self, roadmap: Roadmap, enrolment: Enrolment, marks: dict[str, object]) -> None:
        from syllabus.model.progress import ItemState
        from syllabus.tui.screens.import_dialogs import ConfirmDialog

        done = sum(1 for state in marks.values() if state is ItemState.DONE)
        skipped = len(marks) - done
        question = Content(
            _("The document marks {done} done and {skipped} skipped. Take them?").format(
                done=ngettext("{n} item", "{n} items", done).format(n=done),
                skipped=skipped,
            )
        )

        def answered(yes: bool | None) -> None:
            from syllabus.model.marks import accept_marked

            progress = self.store.progress
            if yes and progress is not None:
                self.store.commit(accept_marked(progress, roadmap, now())[0])
            self.dismiss((roadmap.id, enrolment))

        self.app.push_screen(ConfirmDialog(question), answered)
