"""The review screen and the focus timer as SVG snapshots (issue 15): a due card with its
prompt, the same card with its recall shown after space, and the timer in the status
line under a fixed clock (so its minutes never move)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from snapshot_data import ROADMAP_ID, history, install, snapshot_roadmap
from textual.pilot import Pilot

from syllabus import clock
from syllabus.model.roadmap import Item, ItemKind, Roadmap
from syllabus.model.timer import Timer
from syllabus.storage import timer_state
from syllabus.tui.app import SyllabusApp

STARTED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
NOW = STARTED + timedelta(minutes=25, seconds=30)


def _with_questions() -> Roadmap:
    """The snapshot roadmap with week 1 asking two things back: an interview question
    (brackets in it, shown literally) and an outcome. History finishes week 1 weeks
    ago, so both cards are due today."""
    roadmap = snapshot_roadmap()
    phase = roadmap.nodes[0]
    week = phase.children[0]
    asked = [
        Item(
            id=f"{week.id}/why-functions",
            text="Why does a function [with defaults] beat copied code?",
            group="Interview questions",
        ),
        Item(
            id=f"{week.id}/can-loop",
            text="Can write a loop over a dict's items",
            kind=ItemKind.OUTCOME,
        ),
    ]
    week = replace(week, items=[*week.items[:4], *asked, *week.items[4:]])
    phase = replace(phase, children=[week, *phase.children[1:]])
    return replace(roadmap, nodes=[phase, *roadmap.nodes[1:]])


async def _until(pilot: Pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "the app never got there"
        await pilot.pause(0.02)


async def _main_ready(pilot: Pilot) -> None:
    from syllabus.tui.screens.main import MainScreen
    from syllabus.tui.widgets.detail_pane import DetailPane

    app = pilot.app
    await _until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.query(DetailPane))
    screen = app.screen
    await _until(pilot, lambda: screen.query_one(DetailPane).settled and screen.shows_every_pane())
    await pilot.pause(0.3)
    app.clear_notifications()
    await pilot.pause(0.05)


@pytest.fixture
def with_cards(data_dir: Path) -> Path:
    roadmap = _with_questions()
    install(data_dir, roadmap, history(roadmap))
    return data_dir


def _review(*keys: str):  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        from syllabus.tui.screens.review import ReviewScreen

        await _main_ready(pilot)
        await pilot.press("v")
        await _until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
        await pilot.press(*keys)
        await pilot.pause(0.2)

    return ready


def test_review_prompt(snap_compare, with_cards: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(SyllabusApp(with_cards), terminal_size=(100, 24), run_before=_review())


def test_review_revealed(snap_compare, with_cards: Path) -> None:  # type: ignore[no-untyped-def]
    app = SyllabusApp(with_cards)
    assert snap_compare(app, terminal_size=(100, 24), run_before=_review("space"))


def test_timer_in_the_status_line(  # type: ignore[no-untyped-def]
    snap_compare, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roadmap = snapshot_roadmap()
    install(data_dir, roadmap, history(roadmap))
    node = "phase-1/week-04"
    timer_state.write(data_dir, Timer(ROADMAP_ID, node, f"{node}/task-2", STARTED))
    monkeypatch.setattr(clock, "now", lambda: NOW)

    async def ready(pilot: Pilot) -> None:
        from syllabus.tui.widgets.status_line import StatusLine

        await _main_ready(pilot)
        status = pilot.app.screen.query_one(StatusLine)
        await _until(pilot, lambda: "⏱ 25:30" in status.render().plain)
        await pilot.pause(0.1)

    assert snap_compare(SyllabusApp(data_dir), terminal_size=(100, 24), run_before=ready)
