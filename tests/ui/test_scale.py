"""The app opens and works on a 10,000-item roadmap with five years of history (not timed).

The roadmap is the benchmarks' generated Markdown (50 phases x 20 weeks x 10 items),
imported with ``syllabus import`` when the importer is there, else built from the
model with the same shape; the progress is the benchmarks' extreme learner.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ui_helpers import load_progress, save_progress, screen_text, wait_for, write_roadmap

from syllabus.model.progress import ItemState
from syllabus.model.roadmap import Item, Node, Roadmap, Role

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.generate import SCALE_ID, history, roadmap_markdown  # noqa: E402

PHASES, WEEKS, ITEMS = 50, 20, 10


def _model_roadmap() -> Roadmap:
    """The generated roadmap's shape, straight from the model (no importer needed)."""
    phases = []
    for p in range(1, PHASES + 1):
        weeks = []
        for w in range(1, WEEKS + 1):
            node_id = f"phase-{p}/week-{w}"
            items = [
                Item(id=f"{node_id}/task-{i}", text=f"[{i % 4 + 1} hrs] Task {i} [done]")
                for i in range(ITEMS)
            ]
            weeks.append(Node(id=node_id, title=f"Week {w} of phase {p}", items=items))
        phases.append(Node(id=f"phase-{p}", title=f"Phase {p}", role=Role.PHASE, children=weeks))
    return Roadmap(id=SCALE_ID, title="Scale Test: 10,000 Items", nodes=phases)


def _import(data_dir: Path, tmp_path: Path) -> Roadmap:
    """Import the generated Markdown with the real CLI, or fall back to the model."""
    try:
        import syllabus.cli.roadmaps  # noqa: F401
        from syllabus import catalog
        from syllabus.cli import main
    except ImportError:
        roadmap = _model_roadmap()
        write_roadmap(data_dir, roadmap)
        return roadmap
    source = tmp_path / "scale-10k.md"
    source.write_text(roadmap_markdown(PHASES, WEEKS, ITEMS), encoding="utf-8")
    assert main(["import", str(source), "--id", SCALE_ID]) == 0
    return catalog.load_roadmap(SCALE_ID, data_dir)


async def test_app_opens_and_works_on_10000_items(data_dir: Path, tmp_path: Path) -> None:
    from syllabus.tui.app import SyllabusApp
    from syllabus.tui.screens.main import MainScreen
    from syllabus.tui.widgets.checklist import Checklist
    from syllabus.tui.widgets.phase_tree import PhaseTree

    roadmap = _import(data_dir, tmp_path)
    total, checkable = roadmap.counts()
    assert checkable >= PHASES * WEEKS * ITEMS
    save_progress(data_dir, history(roadmap, years=5, states=PHASES * WEEKS * ITEMS))

    app = SyllabusApp(data_dir)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)  # at once, its panes loading
        await wait_for(pilot, lambda: screen.session is not None, timeout=15)
        await pilot.pause()
        tree = screen.query_one(PhaseTree)
        assert len(tree.root.children) >= PHASES
        assert "Scale Test" in screen_text(app)

        tree.focus()
        await pilot.pause()
        before = screen.node_id
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.node_id != before)

        checklist = screen.query_one(Checklist)
        checklist.focus()
        await wait_for(pilot, lambda: checklist.option_count > 0)
        row = checklist.highlighted_row
        assert row is not None and row.checkable
        was = app.store.progress.roadmap(SCALE_ID).state(row.id)  # type: ignore[union-attr]
        await pilot.press("x")
        want = ItemState.TODO if was is ItemState.DONE else ItemState.DONE
        await wait_for(pilot, lambda: app.store.progress.roadmap(SCALE_ID).state(row.id) is want)  # type: ignore[union-attr]
        await wait_for(pilot, lambda: not app.store.unsaved, timeout=10)
    assert load_progress(data_dir).roadmap(SCALE_ID).state(row.id) is want
