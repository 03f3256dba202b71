"""The calendar shows the plan (issue 13.10): days to come carry the planned glyph and
hours, rest and pause days their own glyphs (named in the legend), and the chosen day
lists the node and the items planned for it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ui_helpers import TODAY, open_main, screen_text, wait_for

from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.calendar import CalendarScreen
from syllabus.tui.widgets.calendar import (
    PAUSE_GLYPH,
    PLANNED_GLYPH,
    REST_GLYPH,
    CalendarWidget,
    HeatLegend,
    MonthGrid,
    day_glyph,
)


def test_one_glyph_a_day_logged_hours_first() -> None:
    def glyph(day: date, **kw: object) -> str:
        args: dict[str, object] = {
            "logged": 0.0,
            "today": TODAY,
            "planned": 1.5,
            "rest": False,
            "paused": False,
        }
        args.update(kw)
        return day_glyph(day, **args)  # type: ignore[arg-type]

    tomorrow = TODAY + timedelta(days=1)
    assert glyph(tomorrow) == PLANNED_GLYPH
    assert glyph(TODAY) == PLANNED_GLYPH  # today's work is still to come
    assert glyph(TODAY - timedelta(days=1)) == " "  # a past day planned but not done
    assert glyph(tomorrow, rest=True) == REST_GLYPH
    assert glyph(tomorrow, paused=True, rest=True) == PAUSE_GLYPH
    assert glyph(TODAY, logged=2.5) == "▓"
    assert glyph(tomorrow, planned=0.0) == " "


async def _calendar(pilot: object, app: SyllabusApp) -> CalendarScreen:
    await open_main(pilot, app)
    await pilot.press("g")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, CalendarScreen)
    return app.screen


async def test_days_to_come_show_the_planned_glyph_and_hours(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _calendar(pilot, app)
        grid = screen.query_one(MonthGrid)
        text = "\n".join(grid.plain_lines())
        # 9 h a week over the default study days: every weekday to come has work
        hours = screen.planned_hours[TODAY]
        assert hours > 0
        assert f"{PLANNED_GLYPH}" in text
        assert f"{round(hours, 2):g}h" in text
        legend = str(screen.query_one(HeatLegend).render())
        for glyph, word in (
            (PLANNED_GLYPH, "planned"),
            (REST_GLYPH, "rest day"),
            (PAUSE_GLYPH, "pause"),
        ):
            assert f"{glyph}  {word}" in legend


async def test_the_chosen_day_lists_the_node_and_its_items(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _calendar(pilot, app)
        plan = str(screen.query_one("#calendar-plan").render())
        assert plan.startswith(f"{PLANNED_GLYPH} 1.5h  Week 1: topic 1")
        calendar = screen.query_one(CalendarWidget)
        # Task 1 (2 h) is due the day the plan reaches its 2 hours: the second study day
        second = min(d for d in screen.planned_hours if d > TODAY)
        calendar.selected = second
        await pilot.pause()
        plan = str(screen.query_one("#calendar-plan").render())
        assert "  ○ Task 1 of week 1" in plan.splitlines()
        rest = next(
            TODAY + timedelta(days=n)
            for n in range(1, 8)
            if (TODAY + timedelta(days=n)).weekday() in screen.rest_weekdays
        )
        calendar.selected = rest
        await pilot.pause()
        assert "A rest day: nothing is planned." in str(screen.query_one("#calendar-plan").render())
        assert REST_GLYPH in screen_text(app)


async def test_the_burn_up_chart_is_the_models(enrolled_dir: Path) -> None:
    from syllabus.model.schedule import burn_up
    from syllabus.tui.widgets.burn_up import BurnUpChart

    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _calendar(pilot, app)
        chart = screen.query_one(BurnUpChart)
        assert chart.display and chart.region.height > 0
        assert screen._status is not None
        assert chart.data == burn_up(screen._status)
        assert "planned finish " in screen_text(app) and "forecast P50 " in screen_text(app)


def test_the_chart_library_loads_only_with_the_calendar(enrolled_dir: Path) -> None:
    """Start-up never imports textual-plotext; opening the calendar does."""
    import subprocess
    import sys

    code = f"""
import asyncio, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from ui_helpers import open_main, wait_for
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.calendar import CalendarScreen

async def main():
    app = SyllabusApp(__import__("pathlib").Path({str(enrolled_dir)!r}))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_main(pilot, app)
        await pilot.pause(0.5)
        print("main", "textual_plotext" in sys.modules)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        print("calendar", "textual_plotext" in sys.modules)

asyncio.run(main())
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["main", "False", "calendar", "True"]
