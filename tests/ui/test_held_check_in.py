"""A check-in typed while the roadmap opens: its dialog comes first, the panes behind it.

Not timed (benchmarks/ times it): the dialog needs the roadmap and its plan, not the
panes, so it is drawn as soon as the roadmap is open; the panes compose behind it and
are all there when it closes.
"""

from __future__ import annotations

from pathlib import Path

from ui_helpers import enrolled, save_progress, wait_for, week, write_roadmap

from syllabus.model.roadmap import Node, Roadmap, Role
from syllabus.tui.app import SyllabusApp


def _data(data_dir: Path) -> Path:
    phase = Node(
        id="phase-1", title="Phase 1", role=Role.PHASE, children=[week(1, n) for n in (1, 2, 3)]
    )
    write_roadmap(data_dir, Roadmap(id="tiny", title="Tiny", nodes=[phase]))
    save_progress(data_dir, enrolled("tiny"))
    return data_dir


async def test_the_dialog_comes_first_and_the_panes_compose_behind_it(data_dir: Path) -> None:
    from syllabus.tui.screens.checkin import CheckInDialog
    from syllabus.tui.screens.main import MainScreen

    app = SyllabusApp(_data(data_dir))
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("c")  # the first frame: the roadmap is still opening
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        dialog = app.screen
        assert isinstance(dialog, CheckInDialog)
        # the node planned today is offered, as when `c` is typed on the open screen
        assert dialog._start_node == "phase-1/week-1"
        # nothing but "Loading…" behind it: it covers the screen rather than dimming it
        assert dialog.has_class("-opaque") and dialog.styles.background.a == 1
        await wait_for(pilot, main.shows_every_pane)  # composed behind the dialog
        assert app.screen is dialog
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main)
        assert main.shows_every_pane()
        assert app.focused is not None and app.focused.id == "checklist"
        await pilot.press("c")  # on the open screen: the dialog dims the panes behind it
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        again = app.screen
        assert not again.has_class("-opaque") and again.styles.background.a < 1
