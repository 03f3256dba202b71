"""Clocks that disagree: a change to a record the writer has seen wins over that record.

A machine whose clock runs fast stamps its records in the future; one whose clock runs
behind stamps them in the past. Either way, a change made after seeing a record must
not lose to it, in the app's save, in a command, in undo, or later in a sync merge.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile

HOUR = timedelta(hours=1)
COPY = "progress.sync-conflict-20261123-101010-ABCDEFG.toml"


def _tick(item: str, state: pm.ItemState, when: datetime):  # type: ignore[no-untyped-def]
    return lambda p: pm.set_item_state(p, "r", item, state, when)


def _checkin(checkin_id: str, when: datetime) -> pm.CheckIn:
    return pm.CheckIn(
        id=checkin_id, date=date(2026, 11, 23), hours=1, roadmap="r", created=when, updated=when
    )


def _sync(source: Path, target: Path, name: str = "progress.toml") -> None:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "progress.toml", target / name)


def test_the_app_saves_a_change_to_a_record_stamped_in_the_future(data_dir: Path) -> None:
    fast = datetime.now(UTC) + HOUR  # written by a machine whose clock is an hour ahead
    ProgressFile(data_dir).update(_tick("x", pm.ItemState.DONE, fast))
    app = ProgressFile(data_dir)
    memory = app.load().progress
    memory = pm.set_item_state(memory, "r", "x", pm.ItemState.TODO, datetime.now(UTC))
    saved = app.save(memory)
    assert saved.roadmap("r").state("x") == pm.ItemState.TODO
    on_disk = ProgressFile(data_dir).load().progress.roadmap("r")
    assert on_disk.state("x") == pm.ItemState.TODO
    assert on_disk.items["x"].updated > fast


def test_a_command_after_a_fast_clock_wins_the_next_sync(data_dir: Path, tmp_path: Path) -> None:
    fast = datetime.now(UTC) + HOUR
    other = tmp_path / "other"
    ProgressFile(other).update(_tick("x", pm.ItemState.DONE, fast))
    ProgressFile(other).update(lambda p: pm.put_checkin(p, _checkin("c1", fast)))
    _sync(other, data_dir)
    here = ProgressFile(data_dir)
    here.update(_tick("x", pm.ItemState.TODO, datetime.now(UTC)))
    here.update(lambda p: pm.delete_checkin(p, "c1", datetime.now(UTC)))
    # The other machine's copy (still holding its fast-clock records) comes back as a conflict.
    _sync(other, data_dir, COPY)
    merged = ProgressFile(data_dir).load().progress
    assert merged.roadmap("r").state("x") == pm.ItemState.TODO
    assert merged.checkins["c1"].deleted


def test_a_machine_an_hour_behind_keeps_its_untick_and_deletion(
    data_dir: Path, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    laptop = ProgressFile(data_dir)
    laptop.update(_tick("x", pm.ItemState.DONE, now))
    laptop.update(lambda p: pm.put_checkin(p, _checkin("c1", now)))
    desktop_dir = tmp_path / "desktop"
    _sync(data_dir, desktop_dir)
    behind = now + timedelta(minutes=5) - HOUR  # the desktop's clock, five minutes later
    desktop = ProgressFile(desktop_dir)
    desktop.update(_tick("x", pm.ItemState.TODO, behind))
    desktop.update(lambda p: pm.delete_checkin(p, "c1", behind))
    _sync(desktop_dir, data_dir, COPY)
    merged = ProgressFile(data_dir).load().progress
    assert merged.roadmap("r").state("x") == pm.ItemState.TODO
    assert merged.checkins["c1"].deleted


def test_undo_after_a_fast_clock_sticks(data_dir: Path) -> None:
    fast = datetime.now(UTC) + HOUR
    pf = ProgressFile(data_dir)
    pf.update(_tick("x", pm.ItemState.DONE, fast))
    undone = pf.undo()
    assert undone is not None and undone.roadmap("r").state("x") == pm.ItemState.TODO
    assert undone.roadmap("r").items["x"].updated > fast


def test_a_change_the_app_has_not_seen_is_still_decided_by_time(data_dir: Path) -> None:
    app = ProgressFile(data_dir)
    app.update(_tick("x", pm.ItemState.DOING, datetime.now(UTC)))
    memory = app.load().progress
    # Another process changes the record after the app read it, later than the app will.
    later = datetime.now(UTC) + timedelta(seconds=30)
    ProgressFile(data_dir).update(_tick("x", pm.ItemState.SKIPPED, later))
    memory = pm.set_item_state(memory, "r", "x", pm.ItemState.DONE, datetime.now(UTC))
    assert app.save(memory).roadmap("r").state("x") == pm.ItemState.SKIPPED
