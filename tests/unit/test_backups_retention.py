"""Backups (issue 13.8): what retention keeps, and what a backup is said to hold."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from syllabus.model import progress as pm
from syllabus.storage import backups
from syllabus.storage.progress_file import ProgressFile

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def daily(day: date) -> str:
    return f"progress-{day.isoformat()}.toml"


def test_every_day_of_two_weeks_then_one_a_week_for_eight_weeks() -> None:
    today = date(2026, 11, 23)  # a Monday
    names = [daily(today - timedelta(days=n)) for n in range(100)]
    kept = set(names) - set(backups.to_drop(names, today))
    days = sorted(date.fromisoformat(n[9:19]) for n in kept)
    recent = [d for d in days if d > today - timedelta(days=14)]
    assert len(recent) == 14
    older = [d for d in days if d <= today - timedelta(days=14)]
    # one per week, each the newest (a Sunday) of its week, none older than 8 weeks
    assert older and all(d.weekday() == 6 for d in older)
    assert len({d.isocalendar()[:2] for d in older}) == len(older)
    assert min(older) >= today - timedelta(weeks=8)


def test_a_snapshot_before_a_restore_is_kept_like_a_days() -> None:
    today = date(2026, 11, 23)
    names = [
        "progress-before-restore-20261120T101500.toml",
        "progress-before-restore-20261120T101500-2.toml",
        "progress-before-restore-20260801T101500.toml",  # older than 8 weeks
        "progress-sync-conflict-20200101.toml",  # never rotated
        "progress-schema1.toml",
        "notes.toml",
    ]
    assert backups.to_drop(names, today) == ["progress-before-restore-20260801T101500.toml"]


def test_rotate_removes_only_what_retention_drops(data_dir: Path) -> None:
    folder = data_dir / "backups"
    folder.mkdir(parents=True)
    for name in (daily(date(2026, 1, 5)), daily(date(2026, 11, 22)), "progress-x.toml"):
        (folder / name).write_text("schema = 1\n")
    backups.rotate(data_dir, date(2026, 11, 23))
    assert sorted(p.name for p in folder.iterdir()) == [
        daily(date(2026, 11, 22)),
        "progress-x.toml",
    ]


def _with_history() -> pm.Progress:
    enrolment = pm.Enrolment(start=date(2026, 11, 2), hours_per_week=10, updated=T0)
    progress = pm.enrol(pm.Progress(), "tiny", enrolment)
    for item_id in ("a", "b", "c"):
        progress = pm.set_item_state(progress, "tiny", item_id, pm.ItemState.DONE, T0)
    progress = pm.set_item_state(progress, "tiny", "d", pm.ItemState.SKIPPED, T0)
    for n in (1, 2):
        checkin = pm.CheckIn(
            id=f"c{n}", date=date(2026, 11, n + 2), hours=1, roadmap="tiny", created=T0, updated=T0
        )
        progress = pm.put_checkin(progress, checkin)
    return pm.delete_checkin(progress, "c2", T0 + timedelta(hours=1))


def test_describe_says_what_a_backup_holds(data_dir: Path) -> None:
    pf = ProgressFile(data_dir)
    pf.save(_with_history())
    pf.update(lambda p: pm.set_item_state(p, "tiny", "e", pm.ItemState.DONE, T0))  # snapshot
    (name,) = [b.name for b in backups.list_backups(data_dir)]
    described = backups.describe(data_dir, name)
    assert (described.name, described.items_done, described.checkins) == (name, 3, 1)
    newest = backups.newest_restorable(data_dir)
    assert newest is not None and (newest.name, newest.items_done) == (name, 3)
    (data_dir / "backups" / "progress-zz.toml").write_bytes(b"not = [toml")
    damaged = backups.describe(data_dir, "progress-zz.toml")
    assert damaged.items_done is None and damaged.checkins is None
    with pytest.raises(OSError):
        backups.describe(data_dir, "gone.toml")


def test_restore_command() -> None:
    assert backups.restore_command("progress-2026-11-22.toml") == (
        "syllabus backups --restore progress-2026-11-22.toml"
    )
    assert backups.restore_command() == "syllabus backups --restore NAME"
