"""Findings a person must see are kept in local/notices.json until acknowledged."""

from __future__ import annotations

import errno
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from syllabus.model import progress as pm
from syllabus.storage import notices
from syllabus.storage.progress_file import ProgressFile

COPY = "progress.sync-conflict-20261123-090000-ABCDEFG.toml"


def _tick(item: str):  # type: ignore[no-untyped-def]
    return lambda p: pm.set_item_state(p, "r", item, pm.ItemState.DONE, datetime.now(UTC))


def _with_backup(data_dir: Path) -> str:
    """A progress file saved twice: the second save keeps the first as today's backup."""
    ProgressFile(data_dir).update(_tick("x"))
    ProgressFile(data_dir).update(_tick("y"))
    (backup,) = (data_dir / "backups").iterdir()
    return backup.name


def _marker(data_dir: Path) -> Path:
    return data_dir / "local" / "notices.json"


def test_damage_set_aside_is_kept_with_the_newest_backup_and_its_command(data_dir: Path) -> None:
    backup = _with_backup(data_dir)
    (data_dir / "progress.toml").write_bytes(b"garbage = [")
    loaded = ProgressFile(data_dir).load()
    (aside,) = data_dir.glob("progress.corrupt-*.toml")
    (notice,) = loaded.notices
    assert ProgressFile(data_dir).pending_notices() == [notice]  # kept for the next process
    assert notice.kind == "damaged" and notice.kept == str(aside) and notice.backup == backup
    message = notice.message
    assert "\n" not in message and str(data_dir / "progress.toml") in message
    assert str(aside) in message and f"`syllabus backups --restore {backup}`" in message
    # the line the finding process printed says the same way back
    assert f"`syllabus backups --restore {backup}`" in loaded.problems[0]
    on_disk = json.loads(_marker(data_dir).read_text("utf-8"))
    assert on_disk["notices"][0]["kept"] == str(aside)
    assert on_disk["notices"][0]["backup"] == backup


def test_the_backup_offered_is_one_restore_accepts(data_dir: Path) -> None:
    good = _with_backup(data_dir)
    folder = data_dir / "backups"
    later = time.time() + 60
    for name, content in (
        ("progress-zz-damaged.toml", b"not = [toml"),
        ("progress-zz-newer.toml", b"schema = 99\n"),
    ):
        (folder / name).write_bytes(content)
        os.utime(folder / name, (later, later))
    (data_dir / "progress.toml").write_bytes(b"garbage = [")
    (notice,) = ProgressFile(data_dir).load().notices
    assert notice.backup == good


def test_without_a_backup_the_notice_says_so(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.toml").write_bytes(b"garbage = [")
    (notice,) = ProgressFile(data_dir).load().notices
    assert notice.backup is None and "There is no backup yet to restore" in notice.message


def test_damage_found_by_a_save_is_kept_though_no_line_was_printed(data_dir: Path) -> None:
    pf = ProgressFile(data_dir)
    pf.update(_tick("x"))
    (data_dir / "progress.toml").write_bytes(b"garbage = [")
    pf.update(_tick("y"))  # sets the damage aside; the caller gets only the new progress
    (aside,) = data_dir.glob("progress.corrupt-*.toml")
    (notice,) = ProgressFile(data_dir).pending_notices()
    assert notice.kept == str(aside)


def test_acknowledged_notices_go_and_later_ones_stay(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.toml").write_bytes(b"garbage = [")
    pf = ProgressFile(data_dir)
    pf.load()
    seen = pf.pending_notices()
    (data_dir / "progress.toml").write_bytes(b"more = [")  # found while the first was shown
    ProgressFile(data_dir).load()
    pf.acknowledge(seen)
    (left,) = pf.pending_notices()
    assert left.id != seen[0].id
    pf.acknowledge([left])
    assert pf.pending_notices() == [] and not _marker(data_dir).exists()


def test_the_same_unreadable_file_is_one_notice_however_often_it_is_seen(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ProgressFile(data_dir).update(_tick("x"))
    path = data_dir / "progress.toml"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    first = ProgressFile(data_dir).load().notices
    again = ProgressFile(data_dir).load().notices
    assert first == again and len(first) == 1
    (notice,) = ProgressFile(data_dir).pending_notices()
    assert notice.kind == "unreadable" and notice.kept is None
    assert "Permission denied" in notice.message and "left as it is" in notice.message


def test_a_conflict_copy_from_a_newer_syllabus_leaves_a_notice(data_dir: Path) -> None:
    ProgressFile(data_dir).update(_tick("x"))
    text = (
        (data_dir / "progress.toml")
        .read_text()
        .replace(f"\nschema = {pm.SCHEMA_VERSION}\n", f"\nschema = {pm.SCHEMA_VERSION + 1}\n")
    )
    (data_dir / COPY).write_text(text)
    ProgressFile(data_dir).load()
    (notice,) = ProgressFile(data_dir).pending_notices()
    assert notice.kind == "newer-copy" and notice.kept == str(data_dir / "backups" / COPY)
    assert "newer syllabus" in notice.message and "restore" not in notice.message


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"notices": 3}',
        b"[" * 100_000,
        b'{"notices": [{"id": 1}, "x", {"kind": "damaged"}]}',
    ],
)
def test_a_damaged_marker_is_ignored_and_replaced(data_dir: Path, content: bytes) -> None:
    _marker(data_dir).parent.mkdir(parents=True)
    _marker(data_dir).write_bytes(content)
    pf = ProgressFile(data_dir)
    assert pf.pending_notices() == []
    pf.acknowledge([])
    (data_dir / "progress.toml").write_bytes(b"garbage = [")
    (notice,) = ProgressFile(data_dir).load().notices
    assert ProgressFile(data_dir).pending_notices() == [notice]
    assert json.loads(_marker(data_dir).read_text("utf-8"))["notices"][0]["id"] == notice.id


def test_a_marker_that_is_a_folder_never_stops_a_load(data_dir: Path) -> None:
    _marker(data_dir).mkdir(parents=True)
    (data_dir / "progress.toml").write_bytes(b"garbage = [")
    loaded = ProgressFile(data_dir).load()
    assert loaded.damaged and len(loaded.notices) == 1  # reported, though not kept
    assert ProgressFile(data_dir).pending_notices() == []


def test_good_entries_survive_beside_bad_ones_and_text_is_cleaned(data_dir: Path) -> None:
    good = {
        "id": "a",
        "kind": "damaged",
        "file": "/d/progress.toml\x1b]0;owned\x07",
        "found": "it is empty\u202e",
        "when": "2026-11-23T08:00:00+00:00",
        "kept": "/d/progress.corrupt-1.toml",
        "backup": "../../etc/passwd",
    }
    entries = [
        good,
        {**good, "id": "b", "when": "yesterday"},
        {**good, "id": "c", "kind": "unknown"},
        {**good, "id": "d", "when": "2026-11-23T08:00:00"},  # no time zone
    ]
    _marker(data_dir).parent.mkdir(parents=True)
    _marker(data_dir).write_text(json.dumps({"version": 1, "notices": entries}))
    (notice,) = notices.pending(data_dir)
    assert notice.id == "a" and notice.backup is None  # only a plain file name is offered
    assert "\x1b" not in notice.message and "\u202e" not in notice.message
    assert "\x07" not in notice.message


def test_a_removed_backup_is_not_offered_as_the_way_back(data_dir: Path) -> None:
    backup = _with_backup(data_dir)
    (data_dir / "progress.toml").write_bytes(b"garbage = [")
    ProgressFile(data_dir).load()
    (data_dir / "backups" / backup).unlink()
    (notice,) = ProgressFile(data_dir).pending_notices()
    assert "--restore" not in notice.message and "is gone" in notice.message
