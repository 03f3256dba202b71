"""KeyFooter (the weekly review's footer) shows the keys the stock Footer shows, composes
them with the screen rather than rebuilding them, and keeps them through a dialog."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Footer
from ui_helpers import open_main, save_progress, wait_for, write_roadmap

from syllabus.model import progress as pm
from syllabus.tui.app import SyllabusApp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from test_week_review import history, the_roadmap  # noqa: E402


@pytest.fixture
def five_weeks(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-04-01")
    write_roadmap(data_dir, the_roadmap())
    save_progress(data_dir, pm.set_active(history(), "r", datetime(2026, 1, 1, tzinfo=UTC)))
    return data_dir


def _keys(footer: Footer) -> list[tuple[str, str, bool]]:
    return [
        (key.key, key.description, key.has_class("-compact"))
        for key in footer.query("FooterKey")
        if hasattr(key, "description")
    ]


async def test_the_keys_are_the_stock_footers_and_built_once(five_weeks: Path) -> None:
    from syllabus.tui.screens.week import WeekScreen
    from syllabus.tui.widgets.footer import KeyFooter

    app = SyllabusApp(five_weeks)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_main(pilot, app)
        await pilot.press("w")
        await wait_for(
            pilot, lambda: isinstance(app.screen, WeekScreen) and app.screen.charts_loaded
        )
        await pilot.pause()
        screen = app.screen
        footer = screen.query_one(KeyFooter)
        shown = _keys(footer)
        first = list(footer.query("FooterKey"))
        assert ("escape", "Close", False) in shown
        assert ("left_square_bracket", "Week before", False) in shown
        assert shown[-1][2], "the palette's key keeps its compact look, as in the stock Footer"
        # the stock Footer, mounted on the same screen, shows the same keys the same way
        stock = Footer()
        await screen.mount(stock)
        screen.refresh_bindings()  # the stock one waits for a bindings signal
        await pilot.pause()
        await wait_for(pilot, lambda: len(_keys(stock)) == len(shown))
        assert _keys(stock) == shown
        await stock.remove()
        # a dialog over it and back: the same key widgets, not rebuilt
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert list(footer.query("FooterKey")) == first
        assert _keys(footer) == shown
