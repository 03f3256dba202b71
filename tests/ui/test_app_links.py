"""``o`` opens a web link at once and asks first for any other scheme (issue 12.10).

A roadmap is a document from anywhere: a ``file:`` link or a custom scheme that starts
another program is handed to the system's opener only when the learner says yes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from ui_helpers import (
    enrolled,
    open_main,
    save_progress,
    screen_text,
    small_roadmap,
    wait_for,
    write_roadmap,
)

from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.main import MainScreen
from syllabus.tui.screens.open_link import OpenLinkDialog
from syllabus.tui.widgets.checklist import Checklist

FILE_LINK = "file:///etc/passwd"
WEB_LINK = "https://example.org/docs"


@pytest.fixture
def linked_dir(data_dir: Path) -> Path:
    """Week 1's first task links a local file, its second a web page."""
    roadmap = small_roadmap()
    phase = roadmap.nodes[0]
    week = phase.children[0]
    items = list(week.items)
    items[0] = dataclasses.replace(items[0], url=FILE_LINK)
    items[1] = dataclasses.replace(items[1], url=WEB_LINK)
    week = dataclasses.replace(week, items=items)
    phase = dataclasses.replace(phase, children=[week, *phase.children[1:]])
    write_roadmap(data_dir, dataclasses.replace(roadmap, nodes=[phase, *roadmap.nodes[1:]]))
    save_progress(data_dir, enrolled("tiny"))
    return data_dir


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(SyllabusApp, "open_url", lambda self, url, **_: calls.append(url))
    return calls


async def test_a_file_link_asks_first_and_no_opens_nothing(
    linked_dir: Path, opened: list[str]
) -> None:
    app = SyllabusApp(linked_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        row = screen.query_one(Checklist).highlighted_row
        assert row is not None and row.url == FILE_LINK
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OpenLinkDialog))
        await pilot.pause()
        shown = screen_text(app)
        assert "Open it anyway?" in shown and FILE_LINK in shown
        assert opened == []  # nothing handed to the opener while it asks
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.pause()
        assert opened == []
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OpenLinkDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert opened == [FILE_LINK]  # opened only once the learner said yes


async def test_a_web_link_opens_at_once(linked_dir: Path, opened: list[str]) -> None:
    app = SyllabusApp(linked_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("down")
        checklist = screen.query_one(Checklist)
        await wait_for(pilot, lambda: getattr(checklist.highlighted_row, "url", None) == WEB_LINK)
        await pilot.press("o")
        await pilot.pause()
        assert opened == [WEB_LINK]
        assert isinstance(app.screen, MainScreen)  # no question asked
