"""Checking in from the main screen: the 10-key daily routine, cancel, edit, a failing save."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import TODAY, load_progress, open_main, screen_text, wait_for

from syllabus.model.progress import ItemState
from syllabus.storage.progress_file import ProgressFile, SaveFailed
from syllabus.tui import checking_in
from syllabus.tui import store as store_module
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.checkin import CheckInDialog
from syllabus.tui.screens.main import MainScreen

W1 = "phase-1/week-1"


async def test_daily_check_in_takes_at_most_ten_keys(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    keys: list[str] = []

    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)

        async def key(*names: str) -> None:
            keys.extend(names)
            await pilot.press(*names)

        async def type_text(text: str) -> None:  # typed text is not counted
            await pilot.press(*text)

        await key("x", "down", "x")
        await key("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        await type_text("1,5")
        await key("tab")
        await type_text("Read chapters 1 [and] 2")
        await key("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await key("q")
        await wait_for(pilot, lambda: app.return_code is not None)
    assert len(keys) <= 10, keys
    progress = load_progress(enrolled_dir)
    [checkin] = progress.live_checkins("tiny")
    assert checkin.date == TODAY
    assert checkin.hours == 1.5
    assert checkin.note == "Read chapters 1 [and] 2"
    assert checkin.node == W1
    assert checkin.items == [f"{W1}/item-1", f"{W1}/item-2"]
    rp = progress.roadmap("tiny")
    assert rp.state(f"{W1}/item-1") is ItemState.DONE
    assert rp.state(f"{W1}/item-2") is ItemState.DONE


async def test_cancelled_check_in_saves_nothing(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        await pilot.press(*"2", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert not app.store.unsaved
    assert load_progress(enrolled_dir).live_checkins() == []


async def test_edit_a_check_in(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("c", *"1", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and not app.store.unsaved)
        [checkin] = app.store.progress.live_checkins()
        screen.open_check_in(TODAY, checkin.id)
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        await pilot.press("ctrl+a", "ctrl+k", *"3", "ctrl+s")  # clear the hours, type 3
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and not app.store.unsaved)
    [edited] = load_progress(enrolled_dir).live_checkins()
    assert edited.id == checkin.id
    assert edited.hours == 3
    assert edited.created == checkin.created


async def test_a_failing_save_is_shown_kept_and_retried(
    enrolled_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = ProgressFile.save
    failures = {"left": 2}

    def flaky_save(self: ProgressFile, progress):  # type: ignore[no-untyped-def]
        if failures["left"]:
            failures["left"] -= 1
            raise SaveFailed(f"cannot write {self.path}: disk full")
        return real_save(self, progress)

    monkeypatch.setattr(ProgressFile, "save", flaky_save)
    monkeypatch.setattr(store_module, "RETRY_SECONDS", 0.3)
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("x")
        await wait_for(pilot, lambda: "Not saved" in screen_text(app))
        assert "disk full" in screen_text(app)
        assert app.store.unsaved
        assert screen.rp.state(f"{W1}/item-1") is ItemState.DONE  # the change is kept
        await wait_for(pilot, lambda: not app.store.unsaved)
    assert failures["left"] == 0
    assert load_progress(enrolled_dir).roadmap("tiny").state(f"{W1}/item-1") is ItemState.DONE


async def test_quit_flushes_a_pending_save(
    enrolled_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        # no background saves: only quitting writes
        monkeypatch.setattr(store_module.ProgressStore, "_save_soon", lambda self: None)
        await pilot.press("x")
        assert app.store.unsaved
        await pilot.press("q")
        await wait_for(pilot, lambda: app.return_code is not None)
    assert load_progress(enrolled_dir).roadmap("tiny").state(f"{W1}/item-1") is ItemState.DONE


async def test_another_instance_changes_are_picked_up(enrolled_dir: Path) -> None:
    from syllabus.clock import now
    from syllabus.model.progress import set_item_state

    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        other = ProgressFile(enrolled_dir)
        other.update(lambda p: set_item_state(p, "tiny", f"{W1}/item-4", ItemState.DONE, now()))
        await wait_for(pilot, lambda: screen.rp.state(f"{W1}/item-4") is ItemState.DONE)
        await pilot.pause(0.1)
        assert "✓ Task 4 of week 1" in screen_text(app)


async def test_items_done_earlier_today_are_offered(data_dir: Path) -> None:
    from datetime import datetime

    from ui_helpers import enrolled, save_progress, small_roadmap, write_roadmap

    from syllabus.model.progress import set_item_state

    write_roadmap(data_dir, small_roadmap())
    noon = datetime(2026, 11, 23, 12).astimezone()
    yesterday = datetime(2026, 11, 22, 12).astimezone()
    progress = enrolled("tiny")
    progress = set_item_state(progress, "tiny", f"{W1}/item-3", ItemState.DONE, noon)
    progress = set_item_state(progress, "tiny", f"{W1}/item-4", ItemState.DONE, yesterday)
    save_progress(data_dir, progress)
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("x")
        assert checking_in.done_on(app.store, TODAY, screen.ticked_today) == [
            f"{W1}/item-1",
            f"{W1}/item-3",
        ]


async def test_hours_typed_straight_after_c_land_in_the_dialog(enrolled_dir: Path) -> None:
    """A fast typist does not wait for the dialog: "c2,5" in one burst means 2.5 hours."""
    from textual.events import Key

    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        for character in "c2,5":  # queued together, before the dialog exists
            app.post_message(Key(character, character))
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        await pilot.pause(0.3)
        assert app.screen.query_one("#checkin-hours").value == "2,5"


async def test_a_day_before_the_enrolment_start_is_refused_with_the_command(
    enrolled_dir: Path,
) -> None:
    """The app binds the one rule (``rules.checkin_problem``) as the CLI does."""
    from textual.widgets import Input

    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_main(pilot, app)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        app.screen.query_one("#checkin-day", Input).value = "yesterday"
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        line = str(app.screen.query_one("#checkin-day-error").render())
        assert "before tiny started (2026-11-23)" in line
        assert "`syllabus start tiny --on 2026-11-22`" in line
    assert not load_progress(enrolled_dir).checkins
