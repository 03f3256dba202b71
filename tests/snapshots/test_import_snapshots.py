"""The import screen (a file picked, one correction made) and a re-import's report as
SVG snapshots (issue 14: "Snapshot of the import screen and of a re-import report")."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot

from syllabus.cli import main
from syllabus.tui.app import SyllabusApp

FILES = Path(__file__).parent / "import_files"
SIZE = (110, 34)

EDITED = """# Pottery in Six Weeks

Study about 4 hours/week.

## Week 1: Clay

- [ ] Wedge a kilo of clay well
- [ ] Pinch a small bowl (2 hours)

## Week 2: Wheel

- [ ] Throw a cylinder (optional)
- [ ] Trim a foot ring

## Studio rules

- Wipe the wheel after use
- Keep the kiln room closed
"""


async def _until(pilot: Pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "the app never got there"
        await pilot.pause(0.02)


def test_import_screen(  # type: ignore[no-untyped-def]
    snap_compare, data_dir: Path, only_imported: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FILES.parent)  # the tree and the path show as "import_files/…"

    async def ready(pilot: Pilot) -> None:
        from syllabus.tui.screens.import_screen import ImportScreen, PreviewTree
        from syllabus.tui.screens.welcome import WelcomeScreen

        app = pilot.app
        await _until(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.pause(0.2)
        screen = ImportScreen(app.store, Path("import_files"))  # type: ignore[attr-defined]
        app.push_screen(screen)
        await _until(pilot, lambda: app.screen is screen and bool(screen.query("#import-path")))
        await pilot.pause(0.2)
        screen.query_one("#import-path").value = "import_files/pottery.md"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await _until(pilot, lambda: screen.prepared is not None)
        tree = screen.query_one("#import-preview", PreviewTree)
        tree.focus()
        line = next(
            k
            for k in range(tree.last_line + 1)
            if (node := tree.get_node_at_line(k)) is not None and node.data == "Studio rules"
        )
        tree.move_cursor_to_line(line)
        before = screen.prepared
        await pilot.press("u")  # not scheduled
        await _until(pilot, lambda: screen.prepared is not before)
        await pilot.pause(0.3)

    assert snap_compare(SyllabusApp(data_dir), terminal_size=SIZE, run_before=ready)


def test_reimport_report(  # type: ignore[no-untyped-def]
    snap_compare, data_dir: Path, only_imported: None, tmp_path: Path
) -> None:
    assert main(["import", str(FILES / "pottery.md")]) == 0
    roadmap_id = "pottery-in-six-weeks"
    assert main(["start", roadmap_id, "--accept-done"]) == 0
    edited = tmp_path / "pottery-v2.md"
    edited.write_text(EDITED, "utf-8")

    async def ready(pilot: Pilot) -> None:
        from syllabus import importing
        from syllabus.tui.screens.import_report import ReimportReport

        app = pilot.app
        store = app.store  # type: ignore[attr-defined]
        await _until(pilot, lambda: store.session is not None)
        await pilot.pause(0.2)
        prepared = importing.prepare(
            edited.read_bytes(), edited, data_dir, store.progress, wanted_id=roadmap_id
        )
        screen = ReimportReport(store, prepared)
        app.push_screen(screen)
        await _until(pilot, lambda: app.screen is screen and bool(screen.query("#report-rows")))
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause(0.05)

    assert snap_compare(SyllabusApp(data_dir), terminal_size=SIZE, run_before=ready)
