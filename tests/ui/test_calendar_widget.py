"""The month calendar widget in a small host app: navigation, shading, glyphs, messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.message import Message

import syllabus.tui.widgets.calendar as calendar_module
from syllabus.tui.widgets.calendar import (
    CalendarWidget,
    MonthGrid,
    add_months,
    heat_level,
)

TCSS = Path(calendar_module.__file__).parents[1] / "tcss" / "calendar.tcss"
TODAY = date(2026, 11, 23)
HOURS = {
    date(2026, 11, 2): 0.0,
    date(2026, 11, 3): 0.5,
    date(2026, 11, 4): 1.5,
    date(2026, 11, 5): 2.5,
    date(2026, 11, 6): 4.0,
}


class Host(App[None]):
    """A 40-column side panel holding the calendar, recording its messages."""

    CSS_PATH = TCSS
    CSS = "#side { width: 40; height: auto; border: round $primary; }"

    def __init__(self, selected: date | None = None) -> None:
        super().__init__()
        self.selected = selected
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="side"):
            yield CalendarWidget(today=TODAY, selected=self.selected, show_legend=True)

    def on_mount(self) -> None:
        calendar = self.query_one(CalendarWidget)
        calendar.hours_by_day = dict(HOURS)
        calendar.planned = {date(2026, 11, 16): "Week 3 [done]"}
        calendar.rest_weekdays = frozenset({6})
        calendar.focus()

    def on_calendar_widget_day_selected(self, message: CalendarWidget.DaySelected) -> None:
        self.messages.append(message)

    def on_calendar_widget_day_activated(self, message: CalendarWidget.DayActivated) -> None:
        self.messages.append(message)


def screen_lines(app: App[None]) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def style_at(app: App[None], needle: str) -> Style:
    """The style of the first character of ``needle`` on the screen."""
    for strip in app.screen._compositor.render_strips():
        column = strip.text.find(needle)
        if column < 0:
            continue
        x = 0
        for segment in strip:
            if x <= column < x + len(segment.text):
                return segment.style or Style()
            x += len(segment.text)
    raise AssertionError(f"{needle!r} not on screen")


def title(app: App[None]) -> str:
    return str(app.query_one("#calendar-title").render())


@pytest.mark.parametrize(
    ("hours", "level"),
    [(0, 0), (-1, 0), (0.1, 1), (0.99, 1), (1, 2), (1.99, 2), (2, 3), (3, 3), (3.01, 4), (9, 4)],
)
def test_heat_buckets(hours: float, level: int) -> None:
    assert heat_level(hours) == level


def test_add_months_clamps_and_crosses_years() -> None:
    assert add_months(date(2026, 12, 31), 1) == date(2027, 1, 31)
    assert add_months(date(2027, 1, 31), -1) == date(2026, 12, 31)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 15), -15) == date(2024, 12, 15)


async def test_year_end_by_day_week_and_month() -> None:
    app = Host(selected=date(2026, 12, 31))
    async with app.run_test(size=(60, 16)) as pilot:
        calendar = app.query_one(CalendarWidget)
        assert "December 2026" in title(app)
        await pilot.press("right")
        assert calendar.selected == date(2027, 1, 1)
        assert "January 2027" in title(app)
        await pilot.press("left")
        assert calendar.selected == date(2026, 12, 31)
        assert "December 2026" in title(app)
        await pilot.press("down")
        assert calendar.selected == date(2027, 1, 7)
        await pilot.press("up", "pagedown")
        assert calendar.selected == date(2027, 1, 31)
        await pilot.press("pageup", "pageup")
        assert calendar.selected == date(2026, 11, 30)
        await pilot.press("t")
        assert calendar.selected == TODAY
        lines = "\n".join(screen_lines(app))
        assert "November 2026" in lines


async def test_leap_february_2028() -> None:
    app = Host(selected=date(2028, 1, 31))
    async with app.run_test(size=(60, 16)) as pilot:
        calendar = app.query_one(CalendarWidget)
        await pilot.press("pagedown")
        assert calendar.selected == date(2028, 2, 29)
        assert "February 2028" in title(app)
        text = "\n".join(screen_lines(app))
        assert "29" in text
        await pilot.press("right")
        assert calendar.selected == date(2028, 3, 1)
        await pilot.press("left", "end")
        assert calendar.selected == date(2028, 2, 29)
        await pilot.press("home")
        assert calendar.selected == date(2028, 2, 1)


async def test_each_bucket_has_its_glyph_and_shade_on_screen() -> None:
    app = Host()
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        for cell in (" 2 ", " 3░", " 4▒", " 5▓", " 6█"):
            assert cell in text, cell
        backgrounds = [style_at(app, cell).bgcolor for cell in (" 2 ", "3░", "4▒", "5▓", "6█")]
        assert len(set(backgrounds)) == 5, backgrounds
        # The legend names every bucket.
        for label in ("░ ", "<1h", "1–2h", "2–3h", ">3h"):
            assert label in text


async def test_fits_a_40_column_panel() -> None:
    app = Host()
    async with app.run_test(size=(140, 16)) as pilot:
        await pilot.pause()
        calendar = app.query_one(CalendarWidget)
        assert calendar.region.width <= 38
        assert app.query_one(MonthGrid).region.height == 7
        text = "\n".join(screen_lines(app))
        for day in range(1, 31):
            assert f"{day:>2}" in text


async def test_today_selected_and_rest_days_read_without_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = Host(selected=date(2026, 11, 4))
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        assert app.no_color
        text = "\n".join(screen_lines(app))
        for glyph_cell in ("3░", "4▒", "5▓", "6█"):
            assert glyph_cell in text
        assert style_at(app, "4▒").reverse  # the cursor, without colour
        today = style_at(app, "23")
        assert today.bold and today.underline
        assert not style_at(app, "22").reverse
        # Colour is reduced to greys: every colour on screen has r == g == b.
        for strip in app.screen._compositor.render_strips():
            for segment in strip:
                style = segment.style
                for color in (style.color, style.bgcolor) if style else ():
                    if color is not None and color.triplet is not None:
                        red, green, blue = color.triplet
                        assert red == green == blue


async def test_messages_and_clicks() -> None:
    app = Host()
    async with app.run_test(size=(60, 16)) as pilot:
        calendar = app.query_one(CalendarWidget)
        await pilot.press("right", "enter")
        await pilot.pause()
        selected, activated = app.messages[-2:]
        assert isinstance(selected, CalendarWidget.DaySelected)
        assert selected.day == date(2026, 11, 24) and selected.control is calendar
        assert isinstance(activated, CalendarWidget.DayActivated)
        assert activated.day == date(2026, 11, 24) and activated.control is calendar
        # Set in code without a message.
        count = len(app.messages)
        with calendar.prevent(CalendarWidget.DaySelected):
            calendar.selected = date(2026, 11, 10)
        await pilot.pause()
        assert len(app.messages) == count
        # Click the 12th: selects; click again: activates.
        grid = app.query_one(MonthGrid)
        row = next(n for n, line in enumerate(grid.plain_lines()) if "12" in line)
        column = grid.plain_lines()[row].index("12")
        await pilot.click(MonthGrid, offset=(column, row))
        await pilot.pause()
        assert calendar.selected == date(2026, 11, 12)
        await pilot.click(MonthGrid, offset=(column, row))
        await pilot.pause()
        assert isinstance(app.messages[-1], CalendarWidget.DayActivated)
        assert app.messages[-1].day == date(2026, 11, 12)


async def test_renders_large() -> None:
    class Big(Host):
        CSS = "#side { width: 1fr; height: 1fr; }"

        def compose(self) -> ComposeResult:
            with Vertical(id="side"):
                yield CalendarWidget(today=TODAY, classes="expand")

    app = Big()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Wednesday" in text
        assert "2.5h" in text and "4h" in text
        assert app.query_one(MonthGrid).region.height > 30


async def test_summary_names_the_day_and_the_week_literally() -> None:
    app = Host(selected=date(2026, 11, 18))
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Wed 18 Nov · Week 3 [done]" in text
        await pilot.press("pageup")
        await pilot.pause()
        assert "Sun 18 Oct · – rest day" in "\n".join(screen_lines(app))
        calendar = app.query_one(CalendarWidget)
        calendar.planned = {date(2026, 10, 14): "[@click=app.quit]x[/]"}  # a Wednesday key
        await pilot.press("left", "left", "left", "left")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "[@click=app.quit]x[/]" in text
        assert "42•" in text


async def test_the_ends_of_time_do_not_crash() -> None:
    app = Host(selected=date(9999, 11, 30))
    async with app.run_test(size=(60, 16)) as pilot:
        calendar = app.query_one(CalendarWidget)
        await pilot.press("pagedown", "right", "down")
        await pilot.pause()
        assert calendar.selected == date(9999, 11, 30)
        calendar.selected = date(1, 1, 1)
        await pilot.press("pageup", "left", "up")
        await pilot.pause()
        assert calendar.selected == date(1, 2, 1)
        assert "February 1" in title(app)


async def test_every_builtin_theme_shades_each_bucket_apart() -> None:
    app = Host()
    async with app.run_test(size=(60, 16)) as pilot:
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            cells = (" 2 ", "3░", "4▒", "5▓", "6█")
            backgrounds = {style_at(app, cell).bgcolor for cell in cells}
            # ANSI themes have no blending: one green for all; the glyphs tell them apart.
            assert len(backgrounds) == (2 if theme.startswith("ansi") else 5), theme
            text = "\n".join(screen_lines(app))
            assert all(cell in text for cell in cells), theme
