"""CalendarScreen: the big month, the node planned each week, the chosen day's plan and
check-ins, and a burn-up chart of the bright line against the hours done.

The screen reads the check-ins from the progress store and follows its signal, so a
check-in made, edited or deleted anywhere shows at once; it adds, edits and deletes
check-ins through the store itself (``tui.checking_in``). What only the schedule knows
(the plan, the planned weeks and hours, rest days, pauses and the items planned each
day) is handed in when it opens. The chosen day lists what is planned for it: the
node, the hours, and its items (✓ done, ○ open, ✗ skipped), and the minutes of the
reviews due that day ("review 9 min", as ``model.review`` spreads the cards).

Keys: the grid's (arrows, PgUp/PgDn, ``t``, enter); ``c`` check in on the selected day;
in the list: enter edit, ``d``/delete delete, ``a`` add, escape back to the grid;
escape, ``g`` or ``q`` close the screen (``dismiss(None)``).
Narrower than 70 columns the list goes under the grid; from 130 the side panel widens;
from ``CHART_ROWS`` lines (and 70 columns) a burn-up chart of the plan shows beneath.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from syllabus.locale import _
from syllabus.tui import checking_in
from syllabus.tui.literal import one_line
from syllabus.tui.widgets.calendar import (
    PAUSE_GLYPH,
    PLANNED_GLYPH,
    REST_GLYPH,
    CalendarWidget,
    format_hours,
    month_weeks,
    week_title,
)

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.model.progress import CheckIn
    from syllabus.model.schedule import Plan, Status
    from syllabus.tui.screens.checkin import CheckInDraft
    from syllabus.tui.store import Change, ProgressStore

CHART_ROWS = 34
"""From this height the burn-up chart shows under the day's check-ins."""

ADD_ROW = "__add__"
"""Option id of the "add a check-in" row."""


def first_line(text: str, width: int = 60) -> str:
    """The first non-blank line of a note, shortened to fit one row."""
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= width else line[: width - 1] + "…"
    return ""


def long_day(day: date) -> str:
    """``Monday 23 November 2026`` / ``Montag, 23. November 2026`` (Babel's names)."""
    from syllabus.locale.formats import month_names, weekday_names

    # Translators: the calendar's day heading; weekday and month written out.
    return _("{weekday} {day} {month} {year}").format(
        weekday=weekday_names("wide")[day.weekday()],
        day=day.day,
        month=month_names("wide")[day.month - 1],
        year=day.year,
    )


STATE_MARKS = {"done": "✓", "skipped": "✗", "doing": "◐"}
"""The mark of an item's state in the day's plan (open items: ○)."""

MAX_DUE_SHOWN = 6
"""Items of a day listed at most (then "and N more")."""

REVIEW_DAYS = 366
"""Days from today the day detail tells the review minutes of."""


def review_minutes(store: ProgressStore, plan: Plan | None, today: date) -> dict[date, float]:
    """The review minutes of the days from today, as the cards are due and spread
    (``review.minutes_by_day``); empty without a plan."""
    progress, session = store.progress, store.session
    if plan is None or progress is None or session is None:
        return {}
    from syllabus.model import review

    rp = progress.roadmap(session.roadmap_id)
    found = review.cards(session.roadmap, rp, plan.calendar, progress.settings.day_start_hour)
    return review.minutes_by_day(found, plan.calendar, today, REVIEW_DAYS) if found else {}


def review_line(minutes: float) -> Content:
    """The line "review N min" for a day with reviews due."""
    from syllabus.locale.formats import format_number

    return Content(_("review {n} min").format(n=format_number(round(minutes), 0)))


def plan_lines(
    day: date,
    store: ProgressStore,
    plan: Plan | None,
    hours: float,
    due: tuple[str, ...],
    *,
    rest: bool,
    paused: bool,
    reviews: float = 0.0,
) -> list[Content]:
    """The day's plan as lines: the node and hours, then the items planned for it, then
    the minutes of the reviews due that day (``reviews``)."""
    from syllabus.locale import _, ngettext

    if paused:
        return [Content(PAUSE_GLYPH + " " + _("A pause: nothing is planned.")).stylize("dim")]
    if rest:
        return [Content(REST_GLYPH + " " + _("A rest day: nothing is planned.")).stylize("dim")]
    session, progress = store.session, store.progress
    node_id = plan.node_on(day) if plan is not None else None
    said = [review_line(reviews)] if reviews else []
    if session is None or progress is None or node_id is None or node_id not in session.nodes:
        nothing = [Content(_("Nothing is planned.")).stylize("dim")] if plan is not None else []
        return said or nothing
    head = Content.assemble(
        (f"{PLANNED_GLYPH} {format_hours(round(hours, 1))}  ", "bold"),
        Content(one_line(session.nodes[node_id].title)),
    )
    lines = [head]
    rp = progress.roadmap(session.roadmap_id)
    for item_id in due[:MAX_DUE_SHOWN]:
        node = session.item_node.get(item_id)
        text = next(
            (r.text for r in session.rows_by_node.get(node or "", []) if r.id == item_id), ""
        )
        mark = STATE_MARKS.get(rp.state(item_id).value, "○")
        lines.append(Content.assemble(f"  {mark} ", Content(one_line(text))))
    if len(due) > MAX_DUE_SHOWN:
        more = len(due) - MAX_DUE_SHOWN
        lines.append(Content(ngettext("  and {n} more", "  and {n} more", more).format(n=more)))
    return lines + said


class DayCheckIns(OptionList):
    """The check-ins of one day, and a row to add another."""

    BINDINGS = [
        Binding("enter", "select", _("Edit check-in")),
        Binding("d,delete", "delete", _("Delete check-in")),
        Binding("a", "add", _("Add check-in")),
        Binding("escape", "back", _("Back to the month")),
    ]

    class DeletePressed(Message):
        """Delete on a row (handled by the screen)."""

        def __init__(self, option_id: str) -> None:
            super().__init__()
            self.option_id = option_id

    class AddPressed(Message):
        """``a`` in the list (handled by the screen)."""

    class BackPressed(Message):
        """Escape in the list (handled by the screen)."""

    def action_delete(self) -> None:
        """Ask to delete the highlighted check-in."""
        option = self.highlighted_option
        if option is not None and option.id and option.id != ADD_ROW:
            self.post_message(self.DeletePressed(option.id))

    def action_add(self) -> None:
        """Ask to add a check-in."""
        self.post_message(self.AddPressed())

    def action_back(self) -> None:
        """Go back to the month."""
        self.post_message(self.BackPressed())


class CalendarScreen(Screen[None]):
    """The learner's month: where the hours went and what each week was for."""

    CSS_PATH = "../tcss/calendar.tcss"

    BINDINGS = [
        Binding("escape,g,q", "close", _("Close calendar")),
        Binding("c", "check_in", _("Check in")),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide"), (130, "-very-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (CHART_ROWS, "-tall")]

    DEFAULT_CSS = """
    CalendarScreen #calendar-body {
        height: 1fr;
    }
    CalendarScreen #calendar-side {
        width: 42;
        height: 1fr;
        padding: 0 1;
    }
    CalendarScreen.-very-wide #calendar-side {
        width: 56;
    }
    CalendarScreen.-narrow #calendar-body {
        layout: vertical;
    }
    CalendarScreen.-narrow #calendar-side {
        width: 1fr;
        height: 12;
    }
    CalendarScreen #calendar-weeks {
        height: auto;
        margin-bottom: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CalendarScreen #calendar-day {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CalendarScreen #calendar-checkins {
        height: 1fr;
        min-height: 3;
    }
    CalendarScreen #calendar-finish {
        height: auto;
        margin-top: 1;
    }
    CalendarScreen.-narrow #calendar-burn-up, CalendarScreen.-short #calendar-burn-up {
        display: none;
    }
    CalendarScreen #calendar-plan {
        height: auto;
        max-height: 8;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    hours_by_day: var[dict[date, float]] = var(dict)
    """Hours logged per day."""
    planned: var[dict[date, str]] = var(dict)
    """Monday of a week → title of the node planned that week."""
    rest_weekdays: var[frozenset[int]] = var(frozenset)
    """Weekdays off, 0 = Monday."""
    days_off: var[frozenset[date]] = var(frozenset)
    """Pauses and holidays."""
    planned_hours: var[dict[date, float]] = var(dict)
    """Study day of the plan → hours planned that day."""
    today: var[date] = var(date(2000, 1, 1), init=False)
    """The highlighted day; no check-ins after it."""
    checkins: var[tuple[CheckIn, ...]] = var(tuple)
    """The roadmap's live check-ins."""
    node_titles: var[dict[str, str]] = var(dict)
    """Node id → title."""

    def __init__(
        self,
        store: ProgressStore,
        *,
        today: date,
        selected: date | None = None,
        plan: Plan | None = None,
        planned: Mapping[date, str] | None = None,
        rest_weekdays: frozenset[int] = frozenset(),
        days_off: frozenset[date] = frozenset(),
        planned_hours: Mapping[date, float] | None = None,
        due_by_day: Mapping[date, tuple[str, ...]] | None = None,
        status: Status | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        """The learner's progress and the open roadmap."""
        self._plan = plan
        self._due_by_day = dict(due_by_day or {})
        self._reviews: dict[date, float] | None = None
        self._status = status
        self._first_day = selected or today
        self._weeks_month: tuple[int, int] | None = None
        self._rows_shown: object = None
        self.set_reactive(CalendarScreen.today, today)
        self.set_reactive(CalendarScreen.planned, dict(planned or {}))
        self.set_reactive(CalendarScreen.rest_weekdays, frozenset(rest_weekdays))
        self.set_reactive(CalendarScreen.days_off, frozenset(days_off))
        self.set_reactive(CalendarScreen.planned_hours, dict(planned_hours or {}))
        checkins, hours = self._from_store()
        self.set_reactive(CalendarScreen.checkins, checkins)
        self.set_reactive(CalendarScreen.hours_by_day, hours)
        session = store.session
        if session is not None:
            titles = {node_id: node.title for node_id, node in session.nodes.items()}
            self.set_reactive(CalendarScreen.node_titles, titles)
            self.sub_title = one_line(session.roadmap.title)

    def _from_store(self) -> tuple[tuple[CheckIn, ...], dict[date, float]]:
        """The open roadmap's live check-ins and their hours per day."""
        progress, session = self.store.progress, self.store.session
        if progress is None or session is None:
            return (), {}
        checkins = tuple(progress.live_checkins(session.roadmap_id))
        hours: dict[date, float] = {}
        for checkin in checkins:
            hours[checkin.date] = hours.get(checkin.date, 0.0) + checkin.hours
        return checkins, hours

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="calendar-body"):
            yield CalendarWidget(
                today=self.today,
                selected=self._first_day,
                show_legend=True,
                show_summary=False,
                id="calendar-month",
                classes="expand",
            ).data_bind(
                CalendarScreen.hours_by_day,
                CalendarScreen.planned,
                CalendarScreen.rest_weekdays,
                CalendarScreen.days_off,
                CalendarScreen.planned_hours,
                CalendarScreen.today,
            )
            with Vertical(id="calendar-side"):
                yield Static(id="calendar-weeks")
                yield Static(id="calendar-day")
                yield Static(id="calendar-plan")
                yield DayCheckIns(id="calendar-checkins")
                yield Static(self._finish_line(), id="calendar-finish")
                if self._status is not None and self._status.plan is not None:
                    from syllabus.tui.widgets.burn_up import BurnUpChart

                    yield BurnUpChart(id="calendar-burn-up")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Calendar")
        if self._status is not None and self.query("#calendar-burn-up"):
            from syllabus.model.schedule import burn_up
            from syllabus.tui.widgets.burn_up import BurnUpChart

            self.query_one(BurnUpChart).data = burn_up(self._status)
        self.store.changed.subscribe(self, self._store_changed)
        self._show_weeks()
        self._show_day()
        self.query_one(CalendarWidget).focus()

    @property
    def selected_day(self) -> date:
        """The day the cursor is on."""
        return self.query_one(CalendarWidget).selected

    def _day_checkins(self, day: date) -> list[CheckIn]:
        return [checkin for checkin in self.checkins if checkin.date == day]

    def _show_weeks(self) -> None:
        """The node planned for each week of the shown month, titles shown literally."""
        from syllabus.locale.formats import month_names

        day = self.selected_day
        month_name = month_names("wide")[day.month - 1]
        lines = [Content(_("Planned in {month}").format(month=month_name)).stylize("bold")]
        short_months = month_names("abbreviated")
        month_width = max(len(name) for name in short_months)
        this_week = day - timedelta(days=day.weekday())
        for monday in month_weeks(day.year, day.month):
            if day.month not in (monday.month, (monday + timedelta(days=6)).month):
                continue
            title = week_title(self.planned, monday)
            mark = "▸" if monday == this_week else " "
            short = short_months[monday.month - 1].ljust(month_width)
            # Translators: the calendar's week column: W is the ISO week number's letter.
            week = _("W{week}").format(week=f"{monday.isocalendar().week:<2}")
            label = f"{mark}{week} {monday.day:>2} {short}  "
            style = "bold" if monday == this_week else "dim"
            if title is None:
                lines.append(Content.assemble((label, style), ("—", "dim")))
            else:
                lines.append(Content.assemble((label, style), Content(title)))
        # The number of weeks changes only with the month; otherwise skip the layout pass.
        month = (day.year, day.month)
        self.query_one("#calendar-weeks", Static).update(
            Content("\n").join(lines), layout=month != self._weeks_month
        )
        self._weeks_month = month

    def _show_day(self) -> None:
        """The selected day's heading and its check-ins."""
        day = self.selected_day
        found = self._day_checkins(day)
        total = sum(checkin.hours for checkin in found)
        heading = long_day(day)
        if total:
            heading += f" · {format_hours(total)}"
        self.query_one("#calendar-day", Static).update(
            Content(heading).stylize("bold"), layout=False
        )
        self._show_plan(day)
        future = day > self.today
        shown = (tuple((c.id, c.hours, c.note, c.node) for c in found), future, self.node_titles)
        if shown == self._rows_shown:
            return  # most days have the same single "add" row: leave the list alone
        self._rows_shown = shown
        rows = self.query_one(DayCheckIns)
        keep = rows.highlighted
        options: list[Option] = []
        for checkin in found:
            node = self.node_titles.get(checkin.node, checkin.node) if checkin.node else "—"
            text = Content.assemble((f"{format_hours(checkin.hours):>6}  ", "bold"), Content(node))
            note = first_line(checkin.note)
            if note:
                text = Content.assemble(text, "\n        ", Content(note).stylize("dim"))
            options.append(Option(text, id=checkin.id))
        if not future:
            options.append(Option(Content("     +  " + _("Add a check-in")), id=ADD_ROW))
        else:
            options.append(Option(Content(_("(a day still to come)")), id=ADD_ROW, disabled=True))
        rows.set_options(options)
        if keep is not None and options:
            rows.highlighted = min(keep, len(options) - 1)

    def _finish_line(self) -> Content:
        """The planned finish, and apart from it the forecast, each labelled."""
        from syllabus.locale import _
        from syllabus.tui.widgets.status_line import short_date

        status = self._status
        forecast = status.forecast if status is not None else None
        if status is None or forecast is None:
            return Content("")
        planned = _("planned finish {date}").format(date=short_date(forecast.planned, status.today))
        guess = _("forecast P50 {p50}, P90 {p90}").format(
            p50=short_date(forecast.p50, status.today), p90=short_date(forecast.p90, status.today)
        )
        return Content.assemble((planned, "bold"), " · ", guess)

    def _show_plan(self, day: date) -> None:
        """What the plan holds for the day: a pause or rest day, else the node, the hours
        and the items planned for it, each with its state (titles shown literally)."""
        lines = plan_lines(
            day,
            self.store,
            self._plan,
            self.planned_hours.get(day, 0.0),
            self._due_by_day.get(day, ()),
            rest=day.weekday() in self.rest_weekdays,
            paused=day in self.days_off,
            reviews=self.review_minutes.get(day, 0.0),
        )
        self.query_one("#calendar-plan", Static).update(Content("\n").join(lines))

    @property
    def review_minutes(self) -> dict[date, float]:
        """Day → the minutes of the reviews due that day, from today on (worked out when
        first asked, again after each change: a grade moves its card)."""
        if self._reviews is None:
            self._reviews = review_minutes(self.store, self._plan, self.today)
        return self._reviews

    def _store_changed(self, change: Change) -> None:
        self._reviews = None
        self.checkins, self.hours_by_day = self._from_store()
        if self.is_mounted:
            self._show_plan(self.selected_day)  # an item ticked elsewhere

    def watch_checkins(self) -> None:
        if self.is_mounted:
            self._show_day()

    def watch_node_titles(self) -> None:
        if self.is_mounted:
            self._show_day()

    def watch_planned(self) -> None:
        if self.is_mounted:
            self._show_weeks()

    def on_calendar_widget_day_selected(self, event: CalendarWidget.DaySelected) -> None:
        """Follow the cursor: the month's weeks and the day's check-ins."""
        self._show_weeks()
        self._show_day()

    def on_calendar_widget_day_activated(self, event: CalendarWidget.DayActivated) -> None:
        """Enter on a day: pick from its check-ins, or add the first one."""
        event.stop()
        if self._day_checkins(event.day):
            rows = self.query_one(DayCheckIns)
            rows.highlighted = 0
            rows.focus()
        else:
            self._request_check_in(event.day)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a row: edit that check-in, or add one."""
        event.stop()
        if event.option.id == ADD_ROW:
            self._request_check_in(self.selected_day)
        elif event.option.id:
            self._open_dialog(self.selected_day, event.option.id)

    def on_day_check_ins_delete_pressed(self, event: DayCheckIns.DeletePressed) -> None:
        event.stop()
        if checking_in.delete(self.store, event.option_id):
            self.notify(_("Check-in deleted. ctrl+z brings it back."), markup=False, timeout=3)

    def on_day_check_ins_add_pressed(self, event: DayCheckIns.AddPressed) -> None:
        event.stop()
        self._request_check_in(self.selected_day)

    def on_day_check_ins_back_pressed(self, event: DayCheckIns.BackPressed) -> None:
        event.stop()
        self.query_one(CalendarWidget).focus()

    def _request_check_in(self, day: date) -> None:
        if day > self.today:
            self.notify(_("That day has not come yet."), markup=False)
            return
        self._open_dialog(day)

    def _open_dialog(self, day: date, checkin_id: str | None = None) -> None:
        dialog = checking_in.dialog(self.store, day, checkin_id=checkin_id, plan=self._plan)
        if dialog is not None:
            self.app.push_screen(dialog, self._checked_in)

    def _checked_in(self, draft: CheckInDraft | None) -> None:
        if draft is not None and checking_in.save(self.store, draft):
            self.notify(checking_in.checked_in_text(draft.hours, draft.day), markup=False)

    def action_check_in(self) -> None:
        """Check in on the selected day."""
        self._request_check_in(self.selected_day)

    def action_close(self) -> None:
        """Back to where the calendar was opened from."""
        self.dismiss(None)
