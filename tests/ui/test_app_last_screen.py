"""The saved first screen: painted at the next start, replaced by the live one, never stale."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from ui_helpers import (
    TODAY,
    load_progress,
    open_main,
    save_progress,
    screen_text,
    wait_for,
)

import syllabus.tui.app as shell
from syllabus.model.progress import ItemState, set_item_state
from syllabus.tui.app import SyllabusApp
from syllabus.tui.last_screen import file_path
from syllabus.tui.screens.preview import PreviewScreen

W1 = "phase-1/week-1"


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold the loading worker until the test opens the gate (the slow load, made slower)."""
    opened = threading.Event()
    read = shell.Opening.read

    def held(self: shell.Opening) -> None:
        opened.wait(10)
        read(self)

    monkeypatch.setattr(shell.Opening, "read", held)
    yield opened
    opened.set()


async def _first_run(data_dir: Path, then_quit: bool = False) -> None:
    """Open the roadmap once, so the first screen is saved (the week's too with ``then_quit``)."""
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        await wait_for(pilot, file_path(data_dir).exists)
        if then_quit:
            await pilot.press("q")
            await wait_for(pilot, lambda: not app.is_running)


async def _shown_while_loading(data_dir: Path, gate: threading.Event) -> type:
    """The screen on top while the load is held."""
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        shown = type(app.screen)
        gate.set()
        await open_main(pilot, app)
    return shown


async def test_the_next_start_paints_the_saved_screen_then_the_live_one(
    enrolled_dir: Path, gate: threading.Event
) -> None:
    gate.set()
    await _first_run(enrolled_dir)
    gate.clear()
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PreviewScreen))
        await pilot.pause()
        text = screen_text(app)
        assert "Week 1: topic 1" in text  # today's node, in the tree and the status line
        assert "○ Task 1 of week 1" in text
        assert "opening…" in text
        assert app.progress is None  # nothing loaded: the preview holds no data
        gate.set()
        screen = await open_main(pilot, app)
        assert screen.node_id == W1
        assert not app.query(PreviewScreen)
        assert "opening…" not in screen_text(app)


async def test_keys_typed_on_the_saved_screen_act_on_the_live_one(
    enrolled_dir: Path, gate: threading.Event
) -> None:
    gate.set()
    await _first_run(enrolled_dir)
    gate.clear()
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PreviewScreen))
        await pilot.press("x", "down", "i")  # done on the first item, doing on the second
        assert isinstance(app.screen, PreviewScreen)
        gate.set()
        screen = await open_main(pilot, app)
        await wait_for(pilot, lambda: screen.rp.state(f"{W1}/item-2") is ItemState.DOING)
        await wait_for(pilot, lambda: not app.unsaved)
    rp = load_progress(enrolled_dir).roadmap("tiny")
    assert rp.state(f"{W1}/item-1") is ItemState.DONE
    assert rp.state(f"{W1}/item-2") is ItemState.DOING


async def test_a_saved_screen_follows_a_change(enrolled_dir: Path, gate: threading.Event) -> None:
    gate.set()
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        await pilot.press("x")
        await wait_for(pilot, lambda: not app.unsaved)
        await wait_for(pilot, lambda: "✓ Task 1" in file_path(enrolled_dir).read_text("utf-8"))
    gate.clear()
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PreviewScreen))
        await pilot.pause()
        assert "✓ Task 1 of week 1" in screen_text(app)
        gate.set()
        await open_main(pilot, app)


async def test_a_saved_screen_is_ignored_once_progress_changed_elsewhere(
    enrolled_dir: Path, gate: threading.Event
) -> None:
    gate.set()
    await _first_run(enrolled_dir)
    progress = load_progress(enrolled_dir)
    from syllabus.clock import now

    save_progress(
        enrolled_dir, set_item_state(progress, "tiny", f"{W1}/item-1", ItemState.DONE, now())
    )
    gate.clear()
    assert await _shown_while_loading(enrolled_dir, gate) is not PreviewScreen


async def test_a_saved_screen_is_ignored_on_another_day(
    enrolled_dir: Path, gate: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate.set()
    await _first_run(enrolled_dir, then_quit=True)
    monkeypatch.setenv("SYLLABUS_TODAY", (TODAY + timedelta(days=7)).isoformat())
    gate.clear()
    assert await _shown_while_loading(enrolled_dir, gate) is not PreviewScreen


async def test_quitting_saves_the_coming_days_too(
    enrolled_dir: Path, gate: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What quitting saves, not how fast: a busy machine must not run out of WEEK_BUDGET.
    monkeypatch.setattr(shell, "WEEK_BUDGET", 10.0)
    gate.set()
    await _first_run(enrolled_dir)
    monkeypatch.setenv("SYLLABUS_TODAY", (TODAY + timedelta(days=1)).isoformat())
    gate.clear()
    assert await _shown_while_loading(enrolled_dir, gate) is not PreviewScreen  # today's only
    monkeypatch.setenv("SYLLABUS_TODAY", TODAY.isoformat())
    gate.set()
    await _first_run(enrolled_dir, then_quit=True)
    monkeypatch.setenv("SYLLABUS_TODAY", (TODAY + timedelta(days=6)).isoformat())
    gate.clear()
    assert await _shown_while_loading(enrolled_dir, gate) is PreviewScreen


async def test_the_palette_opened_on_the_saved_screen_gives_way_to_the_live_one(
    enrolled_dir: Path, gate: threading.Event
) -> None:
    gate.set()
    await _first_run(enrolled_dir)
    gate.clear()
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PreviewScreen))
        await pilot.press("ctrl+p")
        await pilot.pause()
        gate.set()
        screen = await open_main(pilot, app)
        assert screen.node_id == W1
        assert not any(isinstance(s, PreviewScreen) for s in app.screen_stack)


async def test_a_saved_screen_is_ignored_once_the_roadmap_file_changed(
    enrolled_dir: Path, gate: threading.Event
) -> None:
    gate.set()
    await _first_run(enrolled_dir)
    roadmap = enrolled_dir / "roadmaps" / "tiny.toml"
    stat = roadmap.stat()
    os.utime(roadmap, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    gate.clear()
    assert await _shown_while_loading(enrolled_dir, gate) is not PreviewScreen


async def test_a_damaged_saved_screen_is_ignored(enrolled_dir: Path, gate: threading.Event) -> None:
    gate.set()
    await _first_run(enrolled_dir)
    file_path(enrolled_dir).write_text('{"format": 1, "tree": [', encoding="utf-8")
    gate.clear()
    assert await _shown_while_loading(enrolled_dir, gate) is not PreviewScreen
