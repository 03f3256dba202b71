"""CalendarWidget: one month, Monday first, each day heat-shaded by the hours logged.

Textual has no calendar, so this is a small compound widget: a title row, the month grid
and an optional legend. The grid fits a 40-column side panel (7 cells of 4-5 columns plus
a 4-column week gutter) and grows with its container: with the CSS class ``expand`` it
fills its container's height, and given room each day becomes a tile with the hours in it.

Interface (what the app codes against)
--------------------------------------
``CalendarWidget(*, today=None, selected=None, show_legend=False, show_summary=True, name=None,
id=None, classes=None)`` — ``today`` defaults to ``syllabus.clock.today()``, ``selected`` to today.

Reactive attributes (Textual ``var``s: the grid repaints itself, the container does not).
Assign new objects, never mutate them in place — the drawn grid is cached and compared by
identity:

- ``hours_by_day: dict[date, float]`` — hours logged per day.
- ``planned: dict[date, str]`` — Monday of a week → title of the node planned that week;
  the week is marked ``•`` in the gutter. Titles are plain text (only the calendar screen
  shows them, literally).
- ``rest_weekdays: frozenset[int]`` — weekdays off, 0 = Monday … 6 = Sunday (dimmed).
- ``days_off: frozenset[date]`` — pauses and holidays (dimmed, ``‖``).
- ``planned_hours: dict[date, float]`` — study day of the plan → hours planned that day;
  a day to come with nothing logged shows ``◦`` (and the hours, given room).
- ``today: date`` — highlighted (bold, underlined).
- ``selected: date`` — the cursor; the month shown is always the selected day's month.
- ``show_legend: bool`` — show the hours legend under the grid.
- ``show_summary: bool`` — show a line under the grid naming the selected day, its hours
  and the node planned that week (default on; the calendar screen has its own).

Messages (both have ``calendar``/``control`` and ``day``):

- ``CalendarWidget.DaySelected`` — ``selected`` changed (keys, mouse, or code; set it
  silently with ``with calendar.prevent(CalendarWidget.DaySelected): ...``).
- ``CalendarWidget.DayActivated`` — enter on the selected day, or a click on it.

Keys: ←/→ day, ↑/↓ (k/j) week, PgUp/PgDn month, Home/End first/last day of the month,
``t`` today, enter activate.

Hours buckets (``heat_level``): 0 → blank, under 1 h ``░``, 1 to under 2 h ``▒``,
2 to 3 h ``▓``, over 3 h ``█`` — glyphs as well as shades, so the grid reads under
NO_COLOR and for colour-blind users. A day without logged hours shows what the plan
makes of it (``day_glyph``): ``◦`` planned work still to come, ``–`` a rest day, ``‖`` a
pause; the legend names all of them. Colours live in ``tui/tcss/calendar.tcss`` (component
classes ``calendar--heat-1`` … ``calendar--heat-4``, ``calendar--today``,
``calendar--selected``, ``calendar--rest``, ``calendar--planned``, ``calendar--weekday``,
``calendar--week``); add that file to the app's ``CSS_PATH``.
"""

from __future__ import annotations

import calendar as _stdcal
from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive, var
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget
from textual.widgets import Static

from syllabus.locale import _

if TYPE_CHECKING:
    from rich.style import Style as RichStyle
    from textual.app import ComposeResult
    from textual.geometry import Size

HEAT_GLYPHS = (" ", "░", "▒", "▓", "█")
"""Glyph per heat level: none, under 1 h, 1-2 h, 2-3 h, over 3 h."""

HEAT_CLASSES = ("", "calendar--heat-1", "calendar--heat-2", "calendar--heat-3", "calendar--heat-4")
"""Component class per heat level (level 0 has none)."""

HEAT_LABELS = ("0h", "<1h", "1–2h", "2–3h", ">3h")
"""Legend text per heat level."""

PLANNED_GLYPH = "◦"
"""A day to come with planned work."""
REST_GLYPH = "–"
"""A rest weekday."""
PAUSE_GLYPH = "‖"
"""A day in a pause."""

GUTTER = 4
"""Columns left of the grid: ISO week number, planned mark, space."""

ROWS = 6
"""Weeks drawn per month, always six so the widget never changes height."""

FIRST_DAY = date(1, 2, 1)
LAST_DAY = date(9999, 11, 30)
"""The cursor's range: every week drawn for these months exists in ``datetime``."""


def heat_level(hours: float) -> int:
    """The heat bucket of a day: 0 (nothing), 1 (<1 h), 2 (1-2 h), 3 (2-3 h), 4 (>3 h)."""
    if hours <= 0:
        return 0
    if hours < 1:
        return 1
    if hours < 2:
        return 2
    if hours <= 3:
        return 3
    return 4


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later, clamped to the month's end (Jan 31 → Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _stdcal.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_weeks(year: int, month: int) -> list[date]:
    """The Mondays of the six weeks shown for a month, the first holding the 1st."""
    first = date(year, month, 1)
    monday = first - timedelta(days=first.weekday())
    return [monday + timedelta(weeks=n) for n in range(ROWS)]


def week_title(planned: Mapping[date, str], monday: date) -> str | None:
    """The title planned for the week starting ``monday`` (keys need not be Mondays)."""
    title = planned.get(monday)
    if title is not None:
        return title
    sunday = monday + timedelta(days=6)
    return next((text for day, text in planned.items() if monday <= day <= sunday), None)


def day_glyph(
    day: date,
    *,
    logged: float,
    today: date,
    planned: float,
    rest: bool,
    paused: bool,
) -> str:
    """One glyph for a day: its heat when hours were logged, else a pause, a rest day,
    planned work still to come, or blank."""
    level = heat_level(logged)
    if level:
        return HEAT_GLYPHS[level]
    if paused:
        return PAUSE_GLYPH
    if rest:
        return REST_GLYPH
    if planned > 0 and day >= today:
        return PLANNED_GLYPH
    return " "


def format_hours(hours: float) -> str:
    """Hours without a needless ".0", the language's decimal mark: 2 → "2h", 1.5 →
    "1.5h" (German "1,5h")."""
    from syllabus.locale.formats import format_number

    return f"{format_number(round(hours, 2), 2)}h"


def short_day(day: date) -> str:
    """``Mon 23 Nov`` / ``Mo., 23. Nov.``: weekday and month names from Babel's CLDR."""
    from syllabus.locale.formats import month_names, weekday_names

    # Translators: a day in the calendar's summary line: weekday and month abbreviated.
    return _("{weekday} {day} {month}").format(
        weekday=weekday_names("abbreviated")[day.weekday()],
        day=day.day,
        month=month_names("abbreviated")[day.month - 1],
    )


class MonthGrid(Widget):
    """The weekday header and six week rows of the selected day's month."""

    COMPONENT_CLASSES = {
        "calendar--heat-1",
        "calendar--heat-2",
        "calendar--heat-3",
        "calendar--heat-4",
        "calendar--today",
        "calendar--selected",
        "calendar--rest",
        "calendar--planned",
        "calendar--weekday",
        "calendar--week",
    }

    DEFAULT_CSS = """
    MonthGrid {
        height: auto;
        min-height: 7;
        width: 1fr;
    }
    """

    hours_by_day: reactive[dict[date, float]] = reactive(dict)
    """Hours logged per day."""
    planned: reactive[dict[date, str]] = reactive(dict)
    """Monday → planned node title."""
    rest_weekdays: reactive[frozenset[int]] = reactive(frozenset)
    """Weekdays off, 0 = Monday."""
    days_off: reactive[frozenset[date]] = reactive(frozenset)
    """Pauses and holidays."""
    planned_hours: reactive[dict[date, float]] = reactive(dict)
    """Study day → hours planned."""
    today: reactive[date] = reactive(date(2000, 1, 1))
    """The highlighted day."""
    selected: reactive[date] = reactive(date(2000, 1, 1))
    """The cursor."""

    class Clicked(Message):
        """A day cell was clicked (handled by the CalendarWidget)."""

        def __init__(self, grid: MonthGrid, day: date) -> None:
            super().__init__()
            self.grid = grid
            """The grid that sent the message."""
            self.day = day
            """The day clicked."""

        @property
        def control(self) -> MonthGrid:
            """The grid that sent the message (for ``@on``)."""
            return self.grid

    def __init__(self) -> None:
        super().__init__()
        self._lines: list[Strip] = []
        self._lines_key: tuple[object, ...] | None = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One header line and one line per week."""
        return 1 + ROWS

    def _cell_size(self) -> tuple[int, int]:
        width, height = self.content_size
        cell_w = max(3, (width - GUTTER) // 7)
        cell_h = max(1, (height - 1) // ROWS)
        return cell_w, cell_h

    def day_at(self, x: int, y: int) -> date | None:
        """The day drawn at a content offset, if any (days of other months are blank)."""
        cell_w, cell_h = self._cell_size()
        if y < 1 or x < GUTTER:
            return None
        row, col = (y - 1) // cell_h, (x - GUTTER) // cell_w
        if row >= ROWS or col >= 7:
            return None
        mondays = month_weeks(self.selected.year, self.selected.month)
        day = mondays[row] + timedelta(days=col)
        return day if day.month == self.selected.month else None

    def _tile_style(self, day: date) -> tuple[str, ...]:
        classes: list[str] = []
        level = heat_level(self.hours_by_day.get(day, 0.0))
        if level:
            classes.append(HEAT_CLASSES[level])
        if day.weekday() in self.rest_weekdays or day in self.days_off:
            classes.append("calendar--rest")
        if day == self.today:
            classes.append("calendar--today")
        if day == self.selected:
            classes.append("calendar--selected")
        return tuple(classes)

    def notify_style_update(self) -> None:
        """A theme or CSS change: draw again with the new styles."""
        super().notify_style_update()
        self._lines_key = None

    def render_line(self, y: int) -> Strip:
        """One line of the grid (the line API: built from segments, no markup, no wrapping)."""
        lines = self._grid_lines()
        if y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _grid_lines(self) -> list[Strip]:
        """All lines, drawn once per change of data, cursor, size or style."""
        key = (
            self.content_size,
            self.selected,
            self.today,
            self.hours_by_day,
            self.planned,
            self.rest_weekdays,
            self.days_off,
            self.planned_hours,
        )
        old = self._lines_key
        # Data is compared by identity: the app reassigns new objects, never mutates them.
        if (
            old is None
            or old[:3] != key[:3]
            or any(a is not b for a, b in zip(old[3:], key[3:], strict=True))
        ):
            self._lines = self._draw()
            self._lines_key = key
        return self._lines

    def plain_lines(self) -> list[str]:
        """The grid as text, as it is drawn."""
        return [strip.text for strip in self._grid_lines()]

    def _draw(self) -> list[Strip]:
        """Draw the grid to fit the space given: one line per week, or tiles when tall."""
        cell_w, cell_h = self._cell_size()
        tile_w = max(3, cell_w - 1)
        width = self.content_size.width
        base = self.visual_style.rich_style
        year, month = self.selected.year, self.selected.month
        rows: list[list[Segment]] = [self._header(cell_w, tile_w)]
        for monday in month_weeks(year, month):
            rows.extend(self._week(monday, month, cell_w, cell_h, tile_w, base))
        return [Strip(row).simplify().adjust_cell_length(width, base) for row in rows]

    def _header(self, cell_w: int, tile_w: int) -> list[Segment]:
        style = self.get_visual_style("calendar--weekday").rich_style
        from syllabus.locale.formats import Width, weekday_names

        width: Width = "wide" if tile_w >= 10 else "abbreviated" if tile_w >= 4 else "short"
        cells = [" " * GUTTER]
        for name in weekday_names(width):  # Monday first in every language
            cells.append(name.ljust(tile_w)[:tile_w].ljust(cell_w))
        return [Segment("".join(cells), style)]

    def _week(
        self, monday: date, month: int, cell_w: int, cell_h: int, tile_w: int, base: RichStyle
    ) -> list[list[Segment]]:
        week_style = self.get_visual_style("calendar--week").rich_style
        planned = week_title(self.planned, monday) is not None
        mark_style = (
            self.get_visual_style("calendar--planned").rich_style if planned else week_style
        )
        gutter = [
            Segment(f"{monday.isocalendar().week:>2}", week_style),
            Segment("•" if planned else " ", mark_style),
            Segment(" ", base),
        ]
        blank_gutter = [Segment(" " * GUTTER, base)]
        rows: list[list[Segment]] = [
            list(gutter if n == 0 else blank_gutter) for n in range(cell_h)
        ]
        gap = Segment(" " * (cell_w - tile_w), base)
        blank_tile = Segment(" " * tile_w, base)
        for offset in range(7):
            day = monday + timedelta(days=offset)
            tile = self._tile(day, cell_h, tile_w, base) if day.month == month else None
            for n in range(cell_h):
                rows[n].append(tile[n] if tile else blank_tile)
                rows[n].append(gap)
        return rows

    def _tile(self, day: date, cell_h: int, tile_w: int, base: RichStyle) -> list[Segment]:
        visual = self.get_visual_style(*self._tile_style(day))
        style = visual.rich_style
        # get_visual_style drops `reverse`, and the cursor must show without colour (NO_COLOR),
        # so the selected day is reversed here: the whole tile, or the top line of a tall one.
        if day == self.selected:
            cursor = (visual + VisualStyle(bold=True, reverse=True)).rich_style
        else:
            cursor = style
        hours = self.hours_by_day.get(day, 0.0)
        level = heat_level(hours)
        planned = self.planned_hours.get(day, 0.0)
        glyph = day_glyph(
            day,
            logged=hours,
            today=self.today,
            planned=planned,
            rest=day.weekday() in self.rest_weekdays,
            paused=day in self.days_off,
        )
        if not level and glyph == PLANNED_GLYPH:
            hours = round(planned, 1)  # a day to come shows the hours planned for it
        if cell_h == 1:
            text = f"{day.day:>2}{glyph}"
            if hours > 0 and tile_w >= 9:
                text += f" {format_hours(hours)}"
            return [Segment(text.ljust(tile_w)[:tile_w], cursor)]
        # A tall tile: the day and its hours on top, the glyphs beside the day when the tile
        # is wide or on the line below when not; a blank spacer row at the bottom, when there
        # is room, so tiles stand apart.
        spacer = cell_h >= 3
        top = f"{day.day:>2}"
        glyphs = glyph * min(3, tile_w - 1) if level else glyph.strip()
        below = ""
        if glyphs and tile_w >= 10:
            top += " " + glyphs
        elif glyphs:
            below = " " + glyphs
        if hours > 0 and tile_w >= len(top) + 6:
            top = top.ljust(tile_w - len(format_hours(hours)) - 1) + format_hours(hours)
        tile = [
            Segment(top.ljust(tile_w)[:tile_w], cursor),
            Segment(below.ljust(tile_w)[:tile_w], style),
        ]
        fill = Segment(" " * tile_w, style)
        while len(tile) < cell_h - (1 if spacer else 0):
            tile.append(fill)
        if spacer:
            tile.append(Segment(" " * tile_w, base))
        return tile[:cell_h]

    def on_click(self, event: Click) -> None:
        """Report the clicked day to the calendar."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        day = self.day_at(offset.x, offset.y)
        if day is not None:
            event.stop()
            self.post_message(self.Clicked(self, day))


class HeatLegend(Widget):
    """The key to the glyphs: hour range per shade, then the plan's marks; two lines."""

    COMPONENT_CLASSES = set(HEAT_CLASSES[1:])

    DEFAULT_CSS = """
    HeatLegend {
        height: 2;
        width: 1fr;
    }
    """

    def render(self) -> Content:
        """Each bucket as a shaded swatch with its glyph and range; then planned, rest, pause."""
        from syllabus.locale import _

        parts: list[str | tuple[str, object]] = []
        for level in range(1, 5):
            swatch = self.get_visual_style(HEAT_CLASSES[level])
            parts.append((f" {HEAT_GLYPHS[level]} ", swatch))
            parts.append(f" {HEAT_LABELS[level]}  ")
        marks = [
            (PLANNED_GLYPH, _("planned")),
            (REST_GLYPH, _("rest day")),
            (PAUSE_GLYPH, _("pause")),
        ]
        line = "  ".join(f" {glyph}  {label}" for glyph, label in marks)
        return Content.assemble(*parts).rstrip() + Content("\n" + line)  # type: ignore[arg-type]


class CalendarWidget(Widget, can_focus=True):
    """A month of study days: pick one with the keys or the mouse, see what was logged."""

    BINDINGS = [
        Binding("left", "move(-1)", _("Previous day"), show=False),
        Binding("right", "move(1)", _("Next day"), show=False),
        Binding("up,k", "move(-7)", _("Previous week"), show=False),
        Binding("down,j", "move(7)", _("Next week"), show=False),
        Binding("pageup", "month(-1)", _("Previous month")),
        Binding("pagedown", "month(1)", _("Next month")),
        Binding("home", "month_edge(True)", _("First day of month"), show=False),
        Binding("end", "month_edge(False)", _("Last day of month"), show=False),
        Binding("t", "today", _("Today")),
        Binding("enter", "activate", _("Open day")),
    ]

    DEFAULT_CSS = """
    CalendarWidget {
        height: auto;
        width: 1fr;
        min-width: 32;
        padding: 0 1;
    }
    CalendarWidget.expand {
        height: 1fr;
    }
    CalendarWidget.expand > MonthGrid {
        height: 1fr;
    }
    CalendarWidget > #calendar-title {
        width: 1fr;
        height: 1;
        text-align: center;
    }
    CalendarWidget > #calendar-summary {
        width: 1fr;
        height: 1;
        display: none;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CalendarWidget.-summary > #calendar-summary {
        display: block;
    }
    CalendarWidget > #calendar-legend {
        width: 1fr;
        height: auto;
        display: none;
    }
    CalendarWidget.-legend > #calendar-legend {
        display: block;
    }
    """

    hours_by_day: var[dict[date, float]] = var(dict)
    """Hours logged per day."""
    planned: var[dict[date, str]] = var(dict)
    """Monday of a week → title of the node planned that week."""
    rest_weekdays: var[frozenset[int]] = var(frozenset)
    """Weekdays off, 0 = Monday … 6 = Sunday."""
    days_off: var[frozenset[date]] = var(frozenset)
    """Pauses and holidays."""
    planned_hours: var[dict[date, float]] = var(dict)
    """Study day of the plan → hours planned that day."""
    today: var[date] = var(date(2000, 1, 1), init=False)
    """The highlighted day."""
    selected: var[date] = var(date(2000, 1, 1), init=False)
    """The cursor; the month shown is the one holding it."""
    show_legend: var[bool] = var(False)
    """Whether the hours legend is shown under the grid."""
    show_summary: var[bool] = var(True)
    """Whether the selected day's line (hours, planned node) is shown under the grid."""

    class DaySelected(Message):
        """The selected day changed."""

        def __init__(self, calendar: CalendarWidget, day: date) -> None:
            super().__init__()
            self.calendar = calendar
            """The calendar that sent the message."""
            self.day = day
            """The day now selected."""

        @property
        def control(self) -> CalendarWidget:
            """The calendar that sent the message (for ``@on``)."""
            return self.calendar

    class DayActivated(Message):
        """Enter (or a click) on the selected day: open it."""

        def __init__(self, calendar: CalendarWidget, day: date) -> None:
            super().__init__()
            self.calendar = calendar
            """The calendar that sent the message."""
            self.day = day
            """The day activated."""

        @property
        def control(self) -> CalendarWidget:
            """The calendar that sent the message (for ``@on``)."""
            return self.calendar

    def __init__(
        self,
        *,
        today: date | None = None,
        selected: date | None = None,
        show_legend: bool = False,
        show_summary: bool = True,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        if today is None:
            from syllabus.clock import today as clock_today

            today = clock_today()
        self.set_reactive(CalendarWidget.today, today)
        self.set_reactive(CalendarWidget.selected, min(max(selected or today, FIRST_DAY), LAST_DAY))
        self.set_reactive(CalendarWidget.show_legend, show_legend)
        self.set_reactive(CalendarWidget.show_summary, show_summary)

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="calendar-title", classes="calendar--title")
        yield MonthGrid().data_bind(
            CalendarWidget.hours_by_day,
            CalendarWidget.planned,
            CalendarWidget.rest_weekdays,
            CalendarWidget.days_off,
            CalendarWidget.planned_hours,
            CalendarWidget.today,
            CalendarWidget.selected,
        )
        yield Static(self._summary(), id="calendar-summary", classes="calendar--summary")
        yield HeatLegend(id="calendar-legend")

    def on_mount(self) -> None:
        self.set_class(self.show_legend, "-legend")
        self.set_class(self.show_summary, "-summary")

    def _title(self) -> Content:
        from syllabus.locale.formats import format_month

        return Content(f"‹ {format_month(self.selected)} ›")

    def _summary(self) -> Content:
        """The selected day, its hours and the week's node; the title shown literally."""
        from syllabus.locale import _

        day = self.selected
        parts: list[Content] = [Content(short_day(day))]
        hours = self.hours_by_day.get(day, 0.0)
        if hours > 0:
            parts.append(Content(f"{HEAT_GLYPHS[heat_level(hours)]} {format_hours(hours)}"))
        if day in self.days_off:
            parts.append(Content(PAUSE_GLYPH + " " + _("pause")))
        elif day.weekday() in self.rest_weekdays:
            parts.append(Content(REST_GLYPH + " " + _("rest day")))
        elif hours <= 0 and day >= self.today and self.planned_hours.get(day, 0.0) > 0:
            planned = format_hours(round(self.planned_hours[day], 1))
            planned_text = _("{hours} planned").format(hours=planned)
            parts.append(Content(PLANNED_GLYPH + " " + planned_text))
        title = week_title(self.planned, day - timedelta(days=day.weekday()))
        if title:
            parts.append(Content(title))
        return Content(" · ").join(parts)

    def _show_summary(self) -> None:
        if self.is_mounted:
            # One line always: no layout pass, so a key press repaints only what changed.
            self.query_one("#calendar-summary", Static).update(self._summary(), layout=False)

    def validate_selected(self, day: date) -> date:
        """Keep the cursor where the six drawn weeks exist."""
        return min(max(day, FIRST_DAY), LAST_DAY)

    def watch_selected(self, old: date, day: date) -> None:
        """Retitle the month, restate the day and tell the parent."""
        if self.is_mounted and (old.year, old.month) != (day.year, day.month):
            self.query_one("#calendar-title", Static).update(self._title(), layout=False)
        self._show_summary()
        self.post_message(self.DaySelected(self, day))

    def watch_hours_by_day(self) -> None:
        self._show_summary()

    def watch_planned(self) -> None:
        self._show_summary()

    def watch_rest_weekdays(self) -> None:
        self._show_summary()

    def watch_days_off(self) -> None:
        self._show_summary()

    def watch_planned_hours(self) -> None:
        self._show_summary()

    def watch_show_summary(self, show: bool) -> None:
        """Show or hide the day line."""
        self.set_class(show, "-summary")

    def watch_show_legend(self, show: bool) -> None:
        """Show or hide the legend line."""
        self.set_class(show, "-legend")

    def on_month_grid_clicked(self, event: MonthGrid.Clicked) -> None:
        """A click selects a day; a click on the selected day opens it."""
        event.stop()
        if event.day == self.selected:
            self.action_activate()
        else:
            self.selected = event.day

    def action_move(self, days: int) -> None:
        """Move the cursor by days (staying put at the ends of the calendar, years 1 and 9999)."""
        try:
            self.selected = self.selected + timedelta(days=days)
        except OverflowError:
            self.app.bell()

    def action_month(self, months: int) -> None:
        """Move the cursor by months, keeping the day of the month where it exists."""
        try:
            self.selected = add_months(self.selected, months)
        except ValueError:
            self.app.bell()

    def action_month_edge(self, first: bool) -> None:
        """Jump to the first or last day of the shown month."""
        day = self.selected
        last = _stdcal.monthrange(day.year, day.month)[1]
        self.selected = day.replace(day=1 if first else last)

    def action_today(self) -> None:
        """Jump to today."""
        self.selected = self.today

    def action_activate(self) -> None:
        """Open the selected day."""
        self.post_message(self.DayActivated(self, self.selected))
