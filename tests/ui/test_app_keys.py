"""Links, roadmap switching, themes, NO_COLOR, and a SIGTERM that must not lose a tick."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from ui_helpers import (
    TODAY,
    drain,
    load_progress,
    open_main,
    read_until,
    screen_text,
    small_roadmap,
    spawn_app,
    wait_for,
    wait_gone,
    write_roadmap,
)

from syllabus.model.progress import ItemState
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.main import MainScreen
from syllabus.tui.screens.welcome import WelcomeScreen
from syllabus.tui.widgets.checklist import Checklist

W1 = "phase-1/week-1"


async def test_open_and_copy_links(enrolled_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(SyllabusApp, "open_url", lambda self, url, **_: opened.append(url))
    monkeypatch.setattr(SyllabusApp, "copy_to_clipboard", lambda self, text: copied.append(text))
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("o", "y")  # no link on the item: the node's first link
        assert opened == ["https://example.org/week-1"]
        assert copied == ["https://example.org/week-1"]
        await pilot.press("l", *"Docs", "enter", *"https://example.org/docs", "enter")
        await wait_for(pilot, lambda: screen.query_one(Checklist).highlighted_row.url is not None)
        await pilot.press("o", "y")
        assert opened[-1] == copied[-1] == "https://example.org/docs"


def choose(app: SyllabusApp, roadmap_id: str) -> None:
    roadmaps = app.screen.query_one("#roadmaps")
    roadmaps.highlighted = [option.id for option in roadmaps.options].index(roadmap_id)


async def test_switch_roadmap_and_back(enrolled_dir: Path) -> None:
    write_roadmap(enrolled_dir, small_roadmap("second"))
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        await pilot.press("x")
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("escape")  # back, nothing changed
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.store.session.roadmap_id == "tiny"
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.pause()
        choose(app, "second")
        await pilot.press("enter", "ctrl+s")  # not enrolled yet: to the form, enrol
        await wait_for(
            pilot,
            lambda: app.store.session is not None and app.store.session.roadmap_id == "second",
        )
        await open_main(pilot, app)
        assert "Tiny roadmap second" in screen_text(app)
        await pilot.press("r")  # back to the first: enrolled, so enter opens it as it is
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.pause()
        choose(app, "tiny")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.store.session.roadmap_id == "tiny")
        screen = await open_main(pilot, app)
        assert screen.rp.state(f"{W1}/item-1") is ItemState.DONE
        await wait_for(pilot, lambda: not app.store.unsaved)
    progress = load_progress(enrolled_dir)
    assert progress.settings.active_roadmap == "tiny"
    assert progress.roadmap("second").enrolment.start == TODAY


async def test_every_built_in_theme_renders(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_main(pilot, app)
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause()
            assert "Task 1 of week 1" in screen_text(app), name
        app.theme = "nord"
        await wait_for(
            pilot, lambda: app.store.progress.settings.theme == "nord" and not app.store.unsaved
        )
    assert load_progress(enrolled_dir).settings.theme == "nord"
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        assert app.theme == "nord"


async def test_no_color_keeps_the_marks(
    enrolled_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = SyllabusApp(enrolled_dir)
    assert app.no_color
    async with app.run_test(size=(120, 36)) as pilot:
        await open_main(pilot, app)
        await pilot.press("x", "down", "i", "down", "s")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "✓ Task 1 of week 1" in text
        assert "◐ Task 2 of week 1" in text
        assert "✗ Task 3 of week 1" in text
        assert "○ Task 4 of week 1" in text


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_flushes_the_pending_save(enrolled_dir: Path, signum: int) -> None:
    """The tick waits 0.15 s to be saved; a signal right after it must still write it."""
    process, leader = spawn_app(enrolled_dir)
    try:
        read_until(leader, b"Task 1 of week 1", timeout=30)
        drain(leader, 0.3)
        os.write(leader, b"x")
        # Wait for the tick on screen: a key still unread when the signal lands is no change.
        read_until(leader, "✓".encode(), timeout=15)
        process.send_signal(signum)
        assert wait_gone(process, leader, 10.0), "the app did not quit"  # 2 s: test_app_signals
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    assert load_progress(enrolled_dir).roadmap("tiny").state(f"{W1}/item-1") is ItemState.DONE
