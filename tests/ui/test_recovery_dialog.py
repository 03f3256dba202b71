"""A progress file found damaged at start opens a dialog: restore the newest backup,
start empty, or quit — instead of "starting empty" behind a toast that vanishes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from ui_helpers import (
    enrolled,
    load_progress,
    open_main,
    save_progress,
    screen_text,
    small_roadmap,
    wait_for,
    write_roadmap,
)

from syllabus.clock import now
from syllabus.model.progress import ItemState, set_item_state
from syllabus.model.rules import build_checkin, check_in
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.recovery import RecoveryDialog

W1 = "phase-1/week-1"


@pytest.fixture
def damaged_dir(data_dir: Path) -> Path:
    """Two items done and a check-in, kept as a backup; then the file is wrecked."""
    write_roadmap(data_dir, small_roadmap())
    progress = enrolled("tiny")
    for n in (1, 2):
        progress = set_item_state(progress, "tiny", f"{W1}/item-{n}", ItemState.DONE, now())
    checkin = build_checkin(
        None,
        day=date(2026, 11, 22),
        hours=2,
        note="kept",
        roadmap="tiny",
        node=W1,
        items=(),
        when=now(),
    )
    save_progress(data_dir, check_in(progress, checkin))
    (data_dir / "backups").mkdir()
    shutil.copy(data_dir / "progress.toml", data_dir / "backups" / "progress-2026-11-22.toml")
    (data_dir / "progress.toml").write_text("schema = 3\n[roadmaps.tiny\nbroken =", "utf-8")
    return data_dir


async def _dialog(pilot: object, app: SyllabusApp) -> RecoveryDialog:
    await wait_for(pilot, lambda: isinstance(app.screen, RecoveryDialog))
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, RecoveryDialog)
    return app.screen


async def _answer(data_dir: Path, key: str, done: Callable[[SyllabusApp], bool]) -> SyllabusApp:
    """Start the app, answer its recovery dialog with ``key``, wait until ``done``."""
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _dialog(pilot, app)
        await pilot.press(key)
        await wait_for(pilot, lambda: done(app))
    return app


def _welcome(app: SyllabusApp) -> bool:
    from syllabus.tui.screens.welcome import WelcomeScreen

    return isinstance(app.screen, WelcomeScreen)


async def test_the_dialog_names_the_newest_backup_and_what_it_holds(damaged_dir: Path) -> None:
    app = SyllabusApp(damaged_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _dialog(pilot, app)
        text = screen_text(app)
        assert "Your progress file cannot be read" in text
        assert "progress-2026-11-22.toml" in text
        line = str(dialog.query_one("#recovery-backup").render())
        assert line.startswith("Newest backup: progress-2026-11-22.toml (")
        assert line.endswith("): 2 items done, 1 check-in")
        assert "kept beside it as progress.corrupt-" in text  # where the damaged bytes went
        assert "r restores that backup" in text
        # nothing opened behind the dialog: no welcome screen, no empty roadmap
        assert app.store.session is None


async def test_r_restores_the_backup_through_storage_and_opens_the_roadmap(
    damaged_dir: Path,
) -> None:
    app = SyllabusApp(damaged_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _dialog(pilot, app)
        await pilot.press("r")
        await open_main(pilot, app)
        assert app.store.session is not None and app.store.session.roadmap_id == "tiny"
        rp = app.store.progress.roadmap("tiny")  # type: ignore[union-attr]
        assert rp.state(f"{W1}/item-1") is ItemState.DONE
    on_disk = load_progress(damaged_dir).roadmap("tiny")
    assert on_disk.state(f"{W1}/item-2") is ItemState.DONE
    assert sorted(damaged_dir.glob("progress.corrupt-*"))  # the wreck is still kept


async def test_e_starts_empty_and_the_welcome_screen_follows(damaged_dir: Path) -> None:
    app = await _answer(damaged_dir, "e", _welcome)
    assert app.store.recovery is None


async def test_q_quits_and_changes_nothing(damaged_dir: Path) -> None:
    await _answer(damaged_dir, "q", lambda app: not app.is_running)
    assert not (damaged_dir / "progress.toml").exists()  # nothing written over the wreck
    assert (damaged_dir / "backups" / "progress-2026-11-22.toml").exists()


async def test_without_a_backup_it_says_so_and_r_does_nothing(damaged_dir: Path) -> None:
    shutil.rmtree(damaged_dir / "backups")
    app = SyllabusApp(damaged_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _dialog(pilot, app)
        assert "There is no backup to restore yet." in screen_text(app)
        await pilot.press("r")
        await pilot.pause(0.1)
        assert app.screen is dialog


async def test_quitting_leaves_the_offer_for_the_next_start(damaged_dir: Path) -> None:
    """q changes nothing, the choice included: the next start offers the same backup
    instead of starting empty; once restored, it is not asked again."""
    await _answer(damaged_dir, "q", lambda app: not app.is_running)
    again = SyllabusApp(damaged_dir)
    async with again.run_test(size=(100, 30)) as pilot:
        dialog = await _dialog(pilot, again)
        line = str(dialog.query_one("#recovery-backup").render())
        assert line.startswith("Newest backup: progress-2026-11-22.toml (")
        assert "kept beside it as progress.corrupt-" in screen_text(again)
        await pilot.press("r")
        await open_main(pilot, again)
    assert load_progress(damaged_dir).roadmap("tiny").state(f"{W1}/item-1") is ItemState.DONE
    third = SyllabusApp(damaged_dir)
    async with third.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, third)
        assert third.store.recovery is None


async def test_starting_empty_is_the_answer_for_good(damaged_dir: Path) -> None:
    await _answer(damaged_dir, "e", _welcome)
    again = SyllabusApp(damaged_dir)
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: _welcome(again))
        await pilot.pause(0.2)  # its header is drawn before the app leaves
        assert again.store.recovery is None
        assert "cannot be read" not in screen_text(again)
