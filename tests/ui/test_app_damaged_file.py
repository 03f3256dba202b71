"""Another program caught mid-write: the open app never trades its progress for a wreck.

``cp backup.toml progress.toml``, ``git checkout`` or a sync client that writes in place
leave the file half-written for a moment. The app retries a file that fails to parse
for about two seconds; if it stays damaged a notice stays on screen, the app keeps what
it holds, and the next save moves the damaged bytes aside and writes everything.
"""

from __future__ import annotations

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
from syllabus.tui import store as store_module
from syllabus.tui.app import SyllabusApp

W1 = "phase-1/week-1"


@pytest.fixture
def busy_dir(data_dir: Path) -> Path:
    """Enrolled, two items done and a check-in: plenty to lose."""
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
    return data_dir


def _half_write(path: Path) -> bytes:
    """Overwrite the file in place with its first half, as a copy still running does."""
    whole = path.read_bytes()
    half = whole[: len(whole) // 2]
    half = half[: half.rfind(b"=") + 1]  # cut in the middle of a line: not TOML
    with path.open("wb") as out:
        out.write(half)
    return half


def _set_aside(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("progress.corrupt-*"))


async def test_a_file_left_damaged_is_reported_kept_and_set_aside_on_save(
    busy_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "WATCH_SECONDS", 0.1)
    app = SyllabusApp(busy_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_main(pilot, app)
        held = app.store.progress
        damaged = _half_write(busy_dir / "progress.toml")
        await pilot.pause(1.0)  # within the grace: nothing said, nothing replaced
        assert app.store.progress is held
        assert "Progress file damaged" not in screen_text(app)
        await wait_for(pilot, lambda: "Progress file damaged" in screen_text(app), timeout=4)
        assert app.store.progress is held  # what the app holds is kept
        assert app.store.damaged is not None
        await pilot.pause(0.5)
        assert "✓ Task 1 of week 1" in screen_text(app)
        assert "Progress file damaged" in screen_text(app)  # the notice stays

        await pilot.press("x")  # tick Task 3 (the cursor starts on the first open item)
        await wait_for(pilot, lambda: not app.store.unsaved and app.store.damaged is None)
        assert screen.rp.state(f"{W1}/item-3") is ItemState.DONE
    [aside] = _set_aside(busy_dir)
    assert aside.read_bytes() == damaged  # the damaged bytes, moved aside untouched
    saved = load_progress(busy_dir)
    rp = saved.roadmap("tiny")
    assert rp.enrolment is not None
    assert [rp.state(f"{W1}/item-{n}") for n in (1, 2, 3)] == [ItemState.DONE] * 3
    assert [c.note for c in saved.live_checkins()] == ["kept"]


async def test_a_file_finished_within_the_grace_is_picked_up_quietly(
    busy_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "WATCH_SECONDS", 0.1)
    path = busy_dir / "progress.toml"
    finished = load_progress(busy_dir)
    finished = set_item_state(finished, "tiny", f"{W1}/item-4", ItemState.DONE, now())
    elsewhere = tmp_path / "elsewhere"
    save_progress(elsewhere, finished)
    whole = (elsewhere / "progress.toml").read_bytes()
    app = SyllabusApp(busy_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_main(pilot, app)
        _half_write(path)
        await pilot.pause(0.8)
        path.write_bytes(whole)  # the copy completes
        await wait_for(pilot, lambda: screen.rp.state(f"{W1}/item-4") is ItemState.DONE)
        await pilot.pause(2.0)
        assert "Progress file damaged" not in screen_text(app)
        assert app.store.damaged is None
        assert screen.rp.state(f"{W1}/item-1") is ItemState.DONE
    assert not _set_aside(busy_dir)


async def test_undo_right_after_the_recovery_save_keeps_the_progress(
    busy_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole write after a set-aside is no undo step: undoing it would empty the file."""
    from syllabus.storage.paths import local_dir
    from syllabus.storage.progress_file import ProgressFile

    (local_dir(busy_dir) / "journal.jsonl").unlink()  # no earlier step to undo
    monkeypatch.setattr(store_module, "WATCH_SECONDS", 0.1)
    app = SyllabusApp(busy_dir)
    told: list[str] = []
    real_notify = app.notify

    def notify(message: str, **options: object) -> None:
        told.append(message)
        real_notify(message, **options)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_main(pilot, app)
        _half_write(busy_dir / "progress.toml")
        await wait_for(pilot, lambda: app.store.damaged is not None, timeout=4)
        await pilot.press("x")
        await wait_for(pilot, lambda: not app.store.unsaved and app.store.damaged is None)
        [aside] = _set_aside(busy_dir)
        await wait_for(pilot, lambda: any(aside.name in message for message in told))
        # shown, then acknowledged by the save worker
        await wait_for(pilot, lambda: ProgressFile(busy_dir).pending_notices() == [])
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: "Nothing to undo" in screen_text(app))
    rp = load_progress(busy_dir).roadmap("tiny")
    assert rp.enrolled is not None
    assert [rp.state(f"{W1}/item-{n}") for n in (1, 2, 3)] == [ItemState.DONE] * 3
