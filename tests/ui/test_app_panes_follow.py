"""Every pane follows the tree at once; a burst of keys is coalesced; titles cut end in "…".

Not timed (speed targets live in benchmarks/): these check the behaviour that makes the
figures possible — no settle delay before the checklist and details show a node, a
burst of moves shows the last node (never a stale one), a key typed while the roadmap
opens is answered once it is open.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ui_helpers import enrolled, open_main, save_progress, wait_for, week, write_roadmap

from syllabus.model.roadmap import Node, Roadmap, Role
from syllabus.tui.app import SyllabusApp
from syllabus.tui.bursts import Burst
from syllabus.tui.screens.main import MainScreen
from syllabus.tui.widgets.phase_tree import PhaseTree

if TYPE_CHECKING:
    from textual.pilot import Pilot

LONG = "A very long week title that a narrow tree pane cannot hold in one line at all"


def _roadmap() -> Roadmap:
    weeks = [week(1, n) for n in range(1, 6)]
    weeks[1] = Node(id=weeks[1].id, title=LONG, items=weeks[1].items, timing=weeks[1].timing)
    phase = Node(id="phase-1", title="Phase 1", role=Role.PHASE, children=weeks)
    later = [replace(week(2, n), title=f"Later week {n}") for n in range(6, 9)]
    second = Node(id="phase-2", title="Phase 2", role=Role.PHASE, children=later)
    return Roadmap(id="tiny", title="Tiny", nodes=[phase, second])


def _data(data_dir: Path) -> Path:
    write_roadmap(data_dir, _roadmap())
    save_progress(data_dir, enrolled("tiny"))
    return data_dir


async def _tree_focused(pilot: Pilot[int], app: SyllabusApp) -> tuple[MainScreen, PhaseTree]:
    """The main screen with every pane drawn, and its tree with focus."""
    screen = await open_main(pilot, app)
    await wait_for(pilot, screen.shows_every_pane)
    tree = screen.query_one("#tree", PhaseTree)
    tree.focus()
    return screen, tree


async def test_a_tree_move_shows_the_node_in_every_pane_without_a_delay(data_dir: Path) -> None:
    app = SyllabusApp(_data(data_dir))
    async with app.run_test(size=(120, 36)) as pilot:
        screen, tree = await _tree_focused(pilot, app)
        before = screen.node_id
        await pilot.press("down")
        await pilot.pause()  # the tree's frame
        await pilot.pause()  # the panes' frame
        assert screen.node_id != before
        assert screen.node_id == tree.cursor_node.data
        await wait_for(pilot, screen.shows_every_pane, timeout=1.0)


async def test_a_burst_of_moves_shows_the_last_node(data_dir: Path) -> None:
    app = SyllabusApp(_data(data_dir))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_main(pilot, app)
        tree = screen.query_one("#tree")
        tree.focus()
        await pilot.press("home", "down", "down", "down")
        await wait_for(pilot, screen.shows_every_pane)
        assert screen.node_id == tree.cursor_node.data
        rows = screen._checklist.rows
        assert rows and all(row.id.startswith(f"{screen.node_id}/") for row in rows)


async def test_a_burst_fills_the_panes_once_after_the_keys_rest(data_dir: Path) -> None:
    """A held key: the first press shows its node at once, the rest only move the cursor,
    and the panes show where it stopped once the keys rest (tui.bursts)."""
    app = SyllabusApp(_data(data_dir))
    async with app.run_test(size=(120, 36)) as pilot:
        screen, tree = await _tree_focused(pilot, app)
        await pilot.press("home")
        await wait_for(pilot, screen.shows_every_pane)
        await pilot.pause(0.3)  # the home press is over: the next press comes alone
        shown: list[str] = []
        show_node = screen._show_node

        def recording(node_id: str, highlight: str | None = None) -> None:
            shown.append(node_id)
            show_node(node_id, highlight)

        screen._show_node = recording  # type: ignore[method-assign]
        # a wide gap: on a busy test machine the presses still make one burst
        screen._moves = Burst(screen, screen._show_pending_node, gap=1.0)
        await pilot.press("down", "down", "down", "down")
        last = tree.cursor_node.data
        assert not screen.shows_every_pane()  # the panes wait for the keys to rest
        await wait_for(pilot, screen.shows_every_pane, timeout=2.0)
        assert screen.node_id == last
        assert len(shown) <= 2 and shown[-1] == last, shown  # the first press, the last node


async def test_check_in_typed_while_the_roadmap_opens_is_answered(data_dir: Path) -> None:
    from syllabus.tui.screens.checkin import CheckInDialog

    app = SyllabusApp(_data(data_dir))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c")  # the first frame: the roadmap is still opening
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))


async def test_a_cut_tree_title_ends_with_an_ellipsis(data_dir: Path) -> None:
    app = SyllabusApp(_data(data_dir))
    async with app.run_test(size=(90, 30)) as pilot:
        screen = await open_main(pilot, app)
        tree = screen.query_one("#tree")
        await pilot.pause()
        lines = [strip.text for strip in tree.render_lines(tree.region.reset_offset)]
        cut = [line for line in lines if "A very long" in line]
        assert cut and cut[0].rstrip("│").endswith("…"), cut  # right at the border
        assert LONG not in "".join(lines)


async def test_a_closed_branch_shows_its_children_when_opened(data_dir: Path) -> None:
    app = SyllabusApp(_data(data_dir))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_main(pilot, app)
        tree = screen.query_one("#tree")
        tree.focus()
        assert "Later week 6" not in _tree_text(tree)  # phase 2 is closed
        await pilot.press("end")  # the last line: phase 2
        assert tree.cursor_node.data == "phase-2"
        await pilot.press("space")  # open it
        await pilot.pause()
        assert "Later week 6" in _tree_text(tree)
        await pilot.press("down")
        assert tree.cursor_node.data == "phase-2/week-6"
        await wait_for(pilot, lambda: screen.node_id == "phase-2/week-6")


async def test_a_jump_into_a_closed_branch_opens_the_path(data_dir: Path) -> None:
    app = SyllabusApp(_data(data_dir))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_main(pilot, app)
        tree = screen.query_one("#tree")
        screen.jump("phase-2/week-8")
        await pilot.pause()
        assert tree.cursor_node.data == "phase-2/week-8"
        assert "Later week 8" in _tree_text(tree)
        await wait_for(pilot, screen.shows_every_pane)
        assert screen.node_id == "phase-2/week-8"


def _tree_text(tree: object) -> str:
    from textual.widgets import Tree

    assert isinstance(tree, Tree)
    return "\n".join(strip.text for strip in tree.render_lines(tree.region.reset_offset))
