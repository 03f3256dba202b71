"""The focus timer in the app (issue 15.2), with a fixed clock: ``f`` on an item starts
it (shown in the status line, updated each second), it survives closing the app, and
``f`` again stops it into the check-in dialog with the minutes, the node and the item
under the cursor but not ticked (a focus session does not finish an item; the command
line's ``timer stop`` records none either). Escape keeps it running; ``F`` is a
pomodoro with this machine's ``timer.work``/``timer.break``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList
from ui_helpers import TODAY, load_progress, open_main, wait_for

from syllabus import clock
from syllabus.storage import settings, timer_state
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.checkin import CheckInDialog
from syllabus.tui.widgets.status_line import StatusLine

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ITEM = "phase-1/week-1/item-2"


class FixedClock:
    """``clock.now`` under the test's hand."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.moment = START
        monkeypatch.setattr(clock, "now", lambda: self.moment)

    def forward(self, minutes: float) -> None:
        self.moment += timedelta(minutes=minutes)


async def _on_item(pilot: object, app: SyllabusApp) -> object:
    main = await open_main(pilot, app)
    main.jump("phase-1/week-1", ITEM)
    await pilot.pause()  # type: ignore[attr-defined]
    return main


def _status(app: SyllabusApp) -> str:
    return app.screen.query_one(StatusLine).render().plain


async def test_start_close_reopen_stop_checks_in_the_minutes(
    enrolled_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixed = FixedClock(monkeypatch)
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _on_item(pilot, app)
        await pilot.press("f")
        await pilot.pause()
        assert _status(app).startswith("▶ Week 1: topic 1  ⏱ 0:00")
    running = timer_state.read(enrolled_dir)
    assert running is not None and running.item == ITEM and running.started == START

    fixed.forward(25)
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        await wait_for(pilot, lambda: "⏱ 25:00" in _status(app))
        fixed.forward(0.5)  # the interval redraws it once a second
        await wait_for(pilot, lambda: "⏱ 25:30" in _status(app), timeout=3)
        fixed.forward(1.5)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        dialog = app.screen
        assert dialog.query_one("#checkin-hours", Input).value == "27m"
        items = dialog.query_one("#checkin-items", SelectionList)
        assert items.get_option_at_index(items.highlighted or 0).value == ITEM
        assert ITEM not in items.selected  # prefilled under the cursor; the learner decides
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.store.unsaved)
        await wait_for(pilot, lambda: "⏱" not in _status(app))
    assert timer_state.read(enrolled_dir) is None
    (checkin,) = load_progress(enrolled_dir).checkins.values()
    assert checkin.date == TODAY and checkin.node == "phase-1/week-1"
    assert checkin.hours == pytest.approx(27 / 60) and checkin.items == []


async def test_escape_keeps_the_timer_and_the_palette_discards_it(
    enrolled_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixed = FixedClock(monkeypatch)
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await _on_item(pilot, app)
        await pilot.press("f")
        fixed.forward(10)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        await pilot.press("escape")
        await pilot.pause()
        assert timer_state.read(enrolled_dir) is not None
        await wait_for(pilot, lambda: "⏱ 10:00" in _status(app), timeout=3)
        main.discard_timer()  # the palette's "Focus timer: discard"
        await pilot.pause()
        assert timer_state.read(enrolled_dir) is None and "⏱" not in _status(app)
    assert not load_progress(enrolled_dir).checkins


async def test_pomodoro_counts_the_work_stretches_only(
    enrolled_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.change(enrolled_dir, timer_work=20, timer_break=5)
    fixed = FixedClock(monkeypatch)
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _on_item(pilot, app)
        await pilot.press("F")
        fixed.forward(22)
        await wait_for(pilot, lambda: "⏱ break 3:00 left (1)" in _status(app), timeout=3)
        fixed.forward(8)  # 30 min: 20 work, 5 break, 5 work
        await wait_for(pilot, lambda: "⏱ work 15:00 left (2)" in _status(app), timeout=3)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        assert app.screen.query_one("#checkin-hours", Input).value == "25m"
