"""A recurring node counted alike by ``syllabus show`` and the app's tree (issue 16.1), and
the checklist's row of a recurring item is this week's instance, ``ITEM_ID@N``.

Seed 004 (``ml-engineer-16-weeks``) started on Monday 9 November 2026, today Monday 23
November (``SYLLABUS_TODAY``): plan week 3. Its "Project Deliverables (Every Week)" node
holds five items of 16 instances each and "Later: ..." with 4 (weeks 13-16): 84.
"""

from __future__ import annotations

from pathlib import Path

from test_cli_tui_agree import SIZE, ok, tree_counts
from ui_helpers import load_progress, open_main, screen_text, wait_for

from syllabus.model.progress import ItemState
from syllabus.tui.app import SyllabusApp
from syllabus.tui.widgets.checklist import Checklist

ML = "ml-engineer-16-weeks"
NODE = "project-deliverables"
TITLE = "Project Deliverables (Every Week)"
REPO = f"{NODE}/github-repo"


def show_count(data_dir: Path) -> tuple[int, int]:
    for line in ok(data_dir, "show", ML).splitlines():
        if line.startswith(NODE + "  "):
            done, total = line.rsplit("  ", 1)[1].split("/")
            return int(done), int(total)
    raise AssertionError(f"{NODE} not shown")


async def test_a_recurring_node_counts_alike_and_its_row_ticks_this_week(
    data_dir: Path,
) -> None:
    ok(data_dir, "start", ML, "--on", "2026-11-09")
    ok(data_dir, "done", f"{REPO}@1")
    assert show_count(data_dir) == (1, 5 * 16 + 4)
    app = SyllabusApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_main(pilot, app)
        counts = tree_counts(app)
        shown = next(c for t, c in counts.items() if TITLE.startswith(t.removesuffix("…")))
        assert shown == (1, 84)
        screen.jump(NODE)
        checklist = screen.query_one(Checklist)
        await wait_for(pilot, lambda: bool(checklist.rows) and checklist.rows[0].week == 3)
        assert checklist.rows[0].id == f"{REPO}@3"
        assert "plan week 3" in screen_text(app)
        checklist.focus()
        checklist.highlighted = 0
        await pilot.press("x")
        await wait_for(pilot, lambda: (2, 84) in tree_counts(app).values())
        await app.action_quit()
    rp = load_progress(data_dir).roadmap(ML)
    assert rp.state(f"{REPO}@3") is ItemState.DONE
    assert rp.state(f"{REPO}@2") is ItemState.TODO
    assert show_count(data_dir) == (2, 84)
