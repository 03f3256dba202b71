"""Issue 14.10-14.12 in the app: the import screen (pick a file, preview, corrections kept
as hints and re-applied), the re-import report (close calls, restoring), housekeeping in
the roadmap list (remove, rename, leave) and the document's marks offered at enrolment."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import load_progress, screen_text, wait_for

from syllabus import catalog
from syllabus.cli import main
from syllabus.model.progress import ItemState
from syllabus.model.roadmap import Node, Roadmap
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.import_report import ReimportReport
from syllabus.tui.screens.import_screen import ImportScreen, PreviewTree
from syllabus.tui.screens.welcome import WelcomeScreen

DOC = """# Learn Glassblowing
Study about 5 hours/week.
## Week 1: Safety
- [x] Read the safety sheet
- [-] Buy goggles
- [ ] Light the torch (2 hours)
## Week 2: Beads
- [ ] Wind a first bead
- [ ] Wind a striped bead
## Studio notes
- Keep the window open
- Sweep the floor
"""

EDITED = """# Learn Glassblowing
Study about 5 hours/week.
## Week 1: Safety
- [ ] Read the safety sheet twice
- [ ] Light the torch (2 hours)
## Week 2: Beads
- [ ] Wind a first bead
- [ ] Wind a striped bead
## Studio notes
- Keep the window open
- Sweep the floor
"""


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "glass.md"
    path.write_text(DOC, "utf-8")
    return path


async def _welcome(pilot: object, app: SyllabusApp, enrolled: bool = False) -> WelcomeScreen:
    if enrolled:
        await wait_for(pilot, lambda: app.store.session is not None)
        app.action_roadmaps()
    await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, WelcomeScreen)
    return screen


async def _import_screen(
    pilot: object, app: SyllabusApp, doc: Path, enrolled: bool = False
) -> ImportScreen:
    await _welcome(pilot, app, enrolled)
    await pilot.press("i")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, ImportScreen))
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    await wait_for(pilot, lambda: bool(screen.query("#import-path")))
    await pilot.pause()  # type: ignore[attr-defined]
    screen.query_one("#import-path").value = str(doc)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: screen.prepared is not None)
    return screen


def _node(roadmap: Roadmap, title: str) -> Node:
    return next(n for n in roadmap.walk() if n.title == title)


def _row(tree: PreviewTree, title: str) -> int:
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        if node is not None and node.data == title:
            return line
    raise AssertionError(f"no row {title!r}")


async def test_import_screen_previews_corrects_and_keeps_the_hints(
    data_dir: Path, doc: Path
) -> None:
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _import_screen(pilot, app, doc)
        text = screen_text(app)
        assert "Learn Glassblowing" in text and "Week 1: Safety" in text
        assert "checkable items" in text and "Studio notes" in text
        assert screen.prepared is not None and not screen.prepared.target.replaces
        tree = screen.query_one("#import-preview", PreviewTree)
        tree.focus()
        tree.move_cursor_to_line(_row(tree, "Studio notes"))
        before = screen.prepared
        await pilot.press("u")  # not scheduled: an appendix of notes
        await wait_for(pilot, lambda: screen.prepared is not before)
        notes = _node(screen.prepared.roadmap, "Studio notes")
        assert notes.role == "appendix" and not any(i.checkable for i in notes.items)
        tree.move_cursor_to_line(_row(tree, "Week 2: Beads"))
        before = screen.prepared
        await pilot.press("h", "7", "enter")
        await wait_for(pilot, lambda: screen.prepared is not before)
        beads = _node(screen.prepared.roadmap, "Week 2: Beads")
        assert beads.timing.hours is not None and beads.timing.hours.low == 7
        assert "7 h" in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        roadmap_id = "learn-glassblowing"
        await wait_for(
            pilot,
            lambda: roadmap_id in [o.id for o in app.screen.query_one("#roadmaps").options],
        )
    hints = catalog.load_user_hints(roadmap_id, data_dir)
    assert hints is not None
    assert {(h.match, h.role, h.kind, h.hours) for h in hints.nodes} == {
        ("Studio notes", "appendix", "note", None),
        ("Week 2: Beads", None, None, 7.0),
    }
    text = catalog.hints_path(roadmap_id, data_dir).read_text("utf-8")
    assert "[[roadmap.node]]" in text and 'match = "Studio notes"' in text
    saved = catalog.load_roadmap(roadmap_id, data_dir)
    assert _node(saved, "Studio notes").role == "appendix"
    # a re-import from the command line applies them again
    assert main(["import", str(doc)]) == 0
    again = catalog.load_roadmap(roadmap_id, data_dir)
    assert _node(again, "Studio notes").role == "appendix"
    week = _node(again, "Week 2: Beads").timing.hours
    assert week is not None and week.low == 7
    assert [e.id for e in catalog.entries(data_dir) if not e.bundled] == [roadmap_id]


async def test_reimport_report_asks_and_restores(data_dir: Path, doc: Path) -> None:
    assert main(["import", str(doc)]) == 0
    roadmap_id = "learn-glassblowing"
    assert main(["start", roadmap_id, "--accept-done"]) == 0
    progress = load_progress(data_dir)
    old_ids = set(progress.roadmap(roadmap_id).items)
    assert len(old_ids) == 2  # read (done) and goggles (skipped)
    doc.write_text(EDITED, "utf-8")
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _import_screen(pilot, app, doc, enrolled=True)
        assert screen.prepared is not None and screen.prepared.target.replaces
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReimportReport))
        report = app.screen
        assert isinstance(report, ReimportReport)
        text = screen_text(app)
        assert "Renamed (1)" in text and "Removed (space restores) (1)" in text
        assert "Buy goggles" in text
        rows = report.query_one("#report-rows")
        removed = next(k for k, o in enumerate(rows.options) if (o.id or "").startswith("removed:"))
        rows.highlighted = removed
        before = report.prepared
        await pilot.press("space")
        await wait_for(pilot, lambda: report.prepared is not before)
        assert report.prepared.restored == {"week-01/buy-goggles"}
        assert "(restored)" in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.pause(0.3)
    saved = catalog.load_roadmap(roadmap_id, data_dir)
    texts = [i.text for _n, i in saved.items()]
    assert "Buy goggles" in texts and "Read the safety sheet twice" in texts
    rp = load_progress(data_dir).roadmap(roadmap_id)
    renamed = next(i.id for _n, i in saved.items() if i.text == "Read the safety sheet twice")
    assert rp.state(renamed) is ItemState.DONE
    goggles = next(i.id for _n, i in saved.items() if i.text == "Buy goggles")
    assert rp.state(goggles) is ItemState.SKIPPED


async def test_roadmap_list_rename_leave_remove(data_dir: Path, doc: Path) -> None:
    assert main(["import", str(doc)]) == 0
    roadmap_id = "learn-glassblowing"
    assert main(["start", roadmap_id]) == 0
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _welcome(pilot, app, enrolled=True)
        rows = screen.query_one("#roadmaps")
        ids = [o.id for o in rows.options]
        rows.highlighted = 0  # a bundled one cannot be renamed
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        rows.highlighted = ids.index(roadmap_id)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#text-answer").value = "Glass, my way"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Glass, my way" in screen_text(app))
        assert [e.title for e in catalog.entries(data_dir) if e.id == roadmap_id] == [
            "Glass, my way"
        ]
        await pilot.press("l", "y")
        await wait_for(pilot, lambda: app.store.progress.roadmap(roadmap_id).enrolled is None)
        await pilot.press("d", "y")
        await wait_for(
            pilot,
            lambda: roadmap_id not in [o.id for o in screen.query_one("#roadmaps").options],
        )
        await pilot.press("escape")  # the open roadmap is gone: no way back to it
        await pilot.pause()
        assert app.screen is screen
        await pilot.pause(0.3)
    assert roadmap_id not in [e.id for e in catalog.entries(data_dir)]
    assert list((data_dir / "backups" / "removed-roadmaps").glob(f"{roadmap_id}-*.toml"))
    assert list((data_dir / "backups").glob(f"progress-before-remove-{roadmap_id}-*.toml"))


@pytest.mark.parametrize("answer", ["y", "n"])
async def test_enrolling_offers_the_documents_marks(data_dir: Path, doc: Path, answer: str) -> None:
    assert main(["import", str(doc)]) == 0
    roadmap_id = "learn-glassblowing"
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _welcome(pilot, app)
        rows = screen.query_one("#roadmaps")
        rows.highlighted = [o.id for o in rows.options].index(roadmap_id)
        await pilot.press("enter", "ctrl+s")
        await wait_for(pilot, lambda: "1 item done and 1 skipped" in screen_text(app))
        await pilot.press(answer)
        await wait_for(pilot, lambda: app.store.session is not None)
        await pilot.pause(0.3)
    rp = load_progress(data_dir).roadmap(roadmap_id)
    assert rp.enrolled is not None
    states = {k: r.state for k, r in rp.items.items()}
    if answer == "y":
        assert sorted(s.value for s in states.values()) == ["done", "skipped"]
    else:
        assert not states


async def test_a_close_call_is_asked_and_the_answer_keeps_the_state(
    data_dir: Path, tmp_path: Path
) -> None:
    doc = tmp_path / "book.md"
    doc.write_text("# Book Club\n## A\n- [x] Read chapter 1 of the book\n", "utf-8")
    assert main(["import", str(doc)]) == 0
    assert main(["start", "book-club", "--accept-done"]) == 0
    doc.write_text(
        "# Book Club\n## A\n- [ ] Read chapter 2 of the book\n- [ ] Read chapter 3 of the book\n",
        "utf-8",
    )
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _import_screen(pilot, app, doc, enrolled=True)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReimportReport))
        report = app.screen
        assert isinstance(report, ReimportReport)
        await pilot.pause()
        assert "Close calls (1)" in screen_text(app)
        rows = report.query_one("#report-rows")
        rows.highlighted = next(
            k for k, o in enumerate(rows.options) if (o.id or "").startswith("close:")
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.screen.query("#choose-options")))
        choose = app.screen.query_one("#choose-options")
        assert [o.id for o in choose.options] == [
            "a/read-chapter-2-of-the-book",
            "a/read-chapter-3-of-the-book",
        ]
        before = report.prepared
        choose.highlighted = 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: report.prepared is not before)
        assert report.prepared.result is not None and not report.prepared.result.ambiguous
        assert "Close calls (0)" in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.pause(0.3)
    rp = load_progress(data_dir).roadmap("book-club")
    assert rp.state("a/read-chapter-3-of-the-book") is ItemState.DONE
    assert rp.state("a/read-chapter-2-of-the-book") is ItemState.TODO
    assert screen is not None


async def test_enrolling_picks_a_track_and_the_plan_follows_it(data_dir: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "markdown" / "tracks_schedule.md"
    assert main(["import", str(fixture)]) == 0
    roadmap_id = "learn-bookbinding"
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _welcome(pilot, app)
        rows = screen.query_one("#roadmaps")
        rows.highlighted = [o.id for o in rows.options].index(roadmap_id)
        await pilot.pause()
        assert screen.query_one("#track-row").display
        select = screen.query_one("#track")
        assert select.value == "Accelerated track"  # the first, unless another is picked
        select.value = "Part-time track"
        await pilot.press("enter", "ctrl+s")
        await wait_for(pilot, lambda: app.store.session is not None)
        session = app.store.session
        await wait_for(pilot, lambda: session.plan is not None)
        assert session.plan is not None
        assert all(n.startswith("part-time-track") for n in session.plan.nodes)
        await pilot.pause(0.3)
    enrolment = load_progress(data_dir).roadmap(roadmap_id).enrolled
    assert enrolment is not None and enrolment.track == "Part-time track"


async def test_the_file_tree_lists_markdown_and_picks_a_file(data_dir: Path, doc: Path) -> None:
    (doc.parent / "photo.png").write_bytes(b"\x89PNG")
    (doc.parent / ".hidden.md").write_text("# no", "utf-8")
    (doc.parent / "notes").mkdir()
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        await _welcome(pilot, app)
        screen = ImportScreen(app.store, doc.parent)
        app.push_screen(screen)
        await wait_for(pilot, lambda: bool(screen.query("#import-files")))
        files = screen.query_one("#import-files")
        await wait_for(pilot, lambda: len(files.root.children) >= 2)
        await pilot.pause(0.2)
        names = sorted(str(child.label) for child in files.root.children)
        assert names == ["glass.md", "notes"]
        files.focus()
        line = next(
            k
            for k in range(files.last_line + 1)
            if (node := files.get_node_at_line(k)) is not None and str(node.label) == "glass.md"
        )
        files.move_cursor_to_line(line)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.prepared is not None)
        assert screen.query_one("#import-path").value == str(doc)
        assert screen.prepared.roadmap.title == "Learn Glassblowing"


def test_namesakes_are_told_apart_in_the_list(data_dir: Path, doc: Path, tmp_path: Path) -> None:
    from syllabus.tui.screens.welcome import entry_prompt

    other = tmp_path / "other" / "glass.md"
    other.parent.mkdir()
    other.write_text(DOC, "utf-8")
    assert main(["import", str(doc)]) == 0 and main(["import", str(other)]) == 0
    found = [e for e in catalog.entries(data_dir) if not e.bundled]
    assert [e.id for e in found] == ["learn-glassblowing", "learn-glassblowing-2"]
    rows = [entry_prompt(e, False, namesake=True).plain for e in found]
    assert "learn-glassblowing, glass.md" in rows[0]
    assert "learn-glassblowing-2, glass.md" in rows[1]
    assert "learn-glassblowing" not in entry_prompt(found[0], False).plain
