"""Opening: the real main screen at once, loading; back at the node last shown; quitting
while the roadmap still loads."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from ui_helpers import open_main, save_progress, screen_text, small_roadmap, wait_for, write_roadmap

from syllabus.model.progress import Enrolment, Progress, enrol, set_active
from syllabus.tui import opening
from syllabus.tui import store as store_module
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.main import PANES, MainScreen
from syllabus.tui.screens.welcome import WelcomeScreen

W1, W2 = "phase-1/week-1", "phase-1/week-2"


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold the roadmap's opening until the test sets the event."""
    event = threading.Event()
    real = store_module.open_session

    def slow_open(*args, **kwargs):  # type: ignore[no-untyped-def]
        event.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(store_module, "open_session", slow_open)
    yield event
    event.set()  # never leave the worker thread waiting


async def test_the_main_screen_shows_at_once_while_the_roadmap_loads(
    enrolled_dir: Path, gate: threading.Event
) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.session is None
        # the tree's and the checklist's frames say it; the other panes come with them
        assert [pane.id for pane in screen.query(".pane-loading")] == ["tree", "checklist"]
        text = screen_text(app)
        assert text.count("Loading…") == 2
        assert "Roadmap" in text and "Checklist" in text and "Quit" in text
        assert "Task 1 of week 1" not in text
        gate.set()
        await open_main(pilot, app)
        assert not screen.query(".pane-loading")
        assert not any(screen.query_one(pane).loading for pane in PANES)
        assert "Task 1 of week 1" in screen_text(app)


async def test_quit_while_the_roadmap_loads(enrolled_dir: Path, gate: threading.Event) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("q")
        await wait_for(pilot, lambda: app.return_code is not None, timeout=2)
    assert app.return_code == 0


async def test_reopens_at_the_node_last_shown(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        assert screen.node_id == W1  # today's
        screen.jump(W2)
        await pilot.press("q")
        await wait_for(pilot, lambda: app.return_code is not None)
    view = enrolled_dir / "local" / opening.VIEW_FILE
    assert json.loads(view.read_text(encoding="utf-8")) == {"tiny": W2}

    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        assert screen.node_id == W2
        node = screen.query_one("#tree").cursor_node  # type: ignore[attr-defined]
        assert node is not None and node.data == W2
        assert "Task 1 of week 2" in screen_text(app)


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not json",
        b'["tiny", "phase-1/week-2"]',
        b'{"tiny": 42}',
        b'{"tiny": "no/such/node"}',
        b'{"tiny": "[@click=app.quit]x"}',
    ],
)
async def test_a_view_file_that_makes_no_sense_opens_at_today(
    enrolled_dir: Path, content: bytes
) -> None:
    view = enrolled_dir / "local" / opening.VIEW_FILE
    view.parent.mkdir(parents=True, exist_ok=True)
    view.write_bytes(content)
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        assert screen.node_id == W1
        assert app.return_code is None


async def test_a_roadmap_that_cannot_open_leaves_the_open_one_open(enrolled_dir: Path) -> None:
    from ui_helpers import small_roadmap, write_roadmap

    from syllabus.tui.screens.welcome import WelcomeScreen

    path = write_roadmap(enrolled_dir, small_roadmap("second"))
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.pause()
        roadmaps = app.screen.query_one("#roadmaps")
        ids = [option.id for option in roadmaps.options]  # type: ignore[attr-defined]
        roadmaps.highlighted = ids.index("second")  # type: ignore[attr-defined]
        path.write_text("this is [not a roadmap", encoding="utf-8")  # broken meanwhile
        await pilot.press("enter", "ctrl+s")
        await wait_for(pilot, lambda: "Cannot open roadmap second" in screen_text(app))
        assert app.screen is screen
        assert app.store.session is not None and app.store.session.roadmap_id == "tiny"
        assert "Task 1 of week 1" in screen_text(app)


async def test_the_side_calendar_follows_the_width(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        assert not screen.query("#calendar")
        assert not screen.query_one("#side").display
        await pilot.resize_terminal(160, 40)
        await wait_for(pilot, lambda: bool(screen.query("#calendar")))
        await pilot.pause()
        assert screen.query_one("#side").display
        assert "November 2026" in screen_text(app)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not screen.query_one("#side").display


async def test_an_undone_enrolment_opens_no_roadmap(data_dir: Path) -> None:
    """An enrolment undone is a tombstone (``deleted``): the app offers the roadmaps."""
    write_roadmap(data_dir, small_roadmap())
    when = datetime(2026, 11, 1, 12).astimezone()
    undone = Enrolment(start=date(2026, 11, 23), hours_per_week=9, updated=when, deleted=True)
    save_progress(data_dir, set_active(enrol(Progress(), "tiny", undone), "tiny", when))
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.pause()
        assert app.store.session is None
