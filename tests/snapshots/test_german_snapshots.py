"""The interface in German as SVG snapshots: main, calendar, check-in and help.

The app resolves its language once, before the TUI's modules are imported (BINDINGS
descriptions and a few constants are translated as the classes are built, as Textual
merges bindings when a class is created), and ``tests/conftest.py`` pins the session to
English. So the ``german`` fixture imports the TUI afresh under German: it sets the
language with ``syllabus.locale.set_language``, takes every ``syllabus.tui`` module out
of ``sys.modules`` for the test (the English ones are kept aside), imports the app
again, and afterwards puts the English modules back and English with them. Nothing
else is reloaded: the model, storage and the catalog module translate only when called.

Not a subprocess: ``snap_compare`` drives the app in this process (its pilot, the SVG
comparison and ``--snapshot-update``). Not lazy descriptions either: a ``Binding``'s
description is a plain ``str`` that Textual's footer and our help screen read as is, and
the app itself never changes language while it runs (a change applies on restart).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from snapshot_data import history, install, snapshot_roadmap
from textual.pilot import Pilot

from syllabus import locale


def _tui_modules() -> dict[str, ModuleType]:
    return {
        name: module
        for name, module in sys.modules.items()
        if name == "syllabus.tui" or name.startswith("syllabus.tui.")
    }


@pytest.fixture
def german() -> Iterator[type]:
    """The app class, imported afresh with the interface in German."""
    english = _tui_modules()
    for name in english:
        del sys.modules[name]
    locale.set_language("de")
    try:
        from syllabus.tui.app import SyllabusApp

        yield SyllabusApp
    finally:
        for name in _tui_modules():
            del sys.modules[name]
        sys.modules.update(english)
        locale.set_language("en")


@pytest.fixture
def enrolled(data_dir: Path) -> Path:
    roadmap = snapshot_roadmap()
    install(data_dir, roadmap, history(roadmap))
    return data_dir


async def _until(pilot: Pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "the app never got there"
        await pilot.pause(0.02)


def _screen_named(pilot: Pilot, name: str) -> bool:
    """Whether the current screen is ``name`` (by class name: the classes here are the
    German import's, not the ones this module could import at its top)."""
    return type(pilot.app.screen).__name__ == name


async def _main_ready(pilot: Pilot) -> None:
    app = pilot.app
    await _until(
        pilot, lambda: _screen_named(pilot, "MainScreen") and bool(app.screen.query("DetailPane"))
    )
    screen = app.screen
    detail = screen.query_one("DetailPane")
    await _until(pilot, lambda: detail.settled and screen.shows_every_pane())  # type: ignore[attr-defined]
    await pilot.pause(0.3)
    app.clear_notifications()
    await pilot.pause(0.05)


def test_the_german_import_speaks_german(german: type) -> None:
    """The fixture's premise: bindings of the fresh import are German, and English is
    back afterwards for every other test (checked by the next test's English app)."""
    from syllabus.tui.screens.main import MainScreen

    descriptions = {b.action: b.description for b in MainScreen.BINDINGS}  # type: ignore[union-attr]
    assert descriptions["calendar"] == "Kalender"
    assert german.__module__ == "syllabus.tui.app"


def test_english_again_after_the_german_import() -> None:
    from syllabus.tui.screens.main import MainScreen

    descriptions = {b.action: b.description for b in MainScreen.BINDINGS}  # type: ignore[union-attr]
    assert descriptions["calendar"] == "Calendar"
    assert locale.current() == "en"


def test_german_main(snap_compare, german: type, enrolled: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(german(enrolled), terminal_size=(160, 45), run_before=_main_ready)


def test_german_calendar(snap_compare, german: type, enrolled: Path) -> None:  # type: ignore[no-untyped-def]
    async def calendar(pilot: Pilot) -> None:
        await _main_ready(pilot)
        await pilot.press("g")
        await _until(pilot, lambda: _screen_named(pilot, "CalendarScreen"))
        await pilot.pause(0.2)

    # 33 rows: below the burn-up chart's 34, because plotext places the axis labels one
    # cell apart depending on what it drew before in the process; the German axis labels
    # are checked in tests/unit/test_chart_ticks.py, the chart in the English snapshot
    assert snap_compare(german(enrolled), terminal_size=(120, 33), run_before=calendar)


def test_german_check_in(snap_compare, german: type, enrolled: Path) -> None:  # type: ignore[no-untyped-def]
    async def check_in(pilot: Pilot) -> None:
        await _main_ready(pilot)
        await pilot.press("x", "c")
        await _until(pilot, lambda: _screen_named(pilot, "CheckInDialog"))
        await pilot.press(*"1,5", "tab", *"Broadcasting [endlich] verstanden")
        await pilot.pause(0.2)

    assert snap_compare(german(enrolled), terminal_size=(100, 32), run_before=check_in)


def test_german_help(snap_compare, german: type, enrolled: Path) -> None:  # type: ignore[no-untyped-def]
    async def help_screen(pilot: Pilot) -> None:
        await _main_ready(pilot)
        await pilot.press("question_mark")
        await _until(pilot, lambda: _screen_named(pilot, "HelpScreen"))
        await pilot.pause(0.2)

    assert snap_compare(german(enrolled), terminal_size=(100, 36), run_before=help_screen)
