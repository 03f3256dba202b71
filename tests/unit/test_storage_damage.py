"""A progress file that cannot be read is reported and left alone; a link is written through."""

from __future__ import annotations

import errno
from datetime import UTC, datetime
from pathlib import Path

import pytest

from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile, SaveFailed


def _tick(item: str):  # type: ignore[no-untyped-def]
    return lambda p: pm.set_item_state(p, "r", item, pm.ItemState.DONE, datetime.now(UTC))


def _refuse_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_a_file_it_may_not_read_is_reported_and_left_alone(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ProgressFile(data_dir).update(_tick("x"))
    path = data_dir / "progress.toml"
    content = path.read_bytes()
    _refuse_reading(monkeypatch, path)
    pf = ProgressFile(data_dir)
    loaded = pf.load()
    (line,) = loaded.problems
    assert loaded.damaged and "Permission denied" in line and "\n" not in line
    assert "moved aside" not in line and "left as it is" in line
    # Read-only, so that no caller (the app) tries to save its empty progress over it.
    assert loaded.read_only and pf.read_only and loaded.progress == pm.Progress()
    assert loaded.read_only_reason is not None and "Permission denied" in loaded.read_only_reason
    with pytest.raises(SaveFailed, match="Permission denied"):
        pf.update(_tick("y"))
    monkeypatch.undo()
    assert path.read_bytes() == content
    assert not list(data_dir.glob("progress.corrupt-*"))
    assert ProgressFile(data_dir).load().progress.roadmap("r").state("x") == pm.ItemState.DONE


def test_a_folder_named_progress_toml_is_reported_and_left_alone(data_dir: Path) -> None:
    folder = data_dir / "progress.toml"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("mine")
    pf = ProgressFile(data_dir)
    loaded = pf.load()
    (line,) = loaded.problems
    assert loaded.damaged and "is a folder" in line and "left as it is" in line
    assert loaded.read_only and "is a folder" in (loaded.read_only_reason or "")
    with pytest.raises(SaveFailed, match="is a folder"):
        pf.update(_tick("y"))
    assert (folder / "notes.txt").read_text() == "mine"
    assert not list(data_dir.glob("progress.corrupt-*"))


def test_a_damaged_file_that_cannot_be_moved_aside_loads_read_only(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / "progress.toml"
    path.write_bytes(b"garbage = [")

    def rename(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(source))

    monkeypatch.setattr("syllabus.storage.progress_file.os.rename", rename)
    loaded = ProgressFile(data_dir).load()
    assert loaded.damaged and loaded.read_only
    assert "could not be moved aside" in (loaded.read_only_reason or "")
    monkeypatch.undo()
    assert path.read_bytes() == b"garbage = ["


def test_a_file_from_a_newer_syllabus_says_why_it_is_read_only(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.toml").write_bytes(b"schema = 99\n")
    loaded = ProgressFile(data_dir).load()
    assert loaded.read_only and not loaded.damaged
    assert "newer syllabus" in (loaded.read_only_reason or "")


def test_a_damaged_file_behind_a_link_is_copied_aside_and_written_through_the_link(
    data_dir: Path, tmp_path: Path
) -> None:
    synced = tmp_path / "Sync"
    synced.mkdir()
    target = synced / "progress.toml"
    target.write_bytes(b"schema = 1\n[settings\n")
    data_dir.mkdir(parents=True)
    link = data_dir / "progress.toml"
    link.symlink_to(target)
    pf = ProgressFile(data_dir)
    loaded = pf.load()
    assert loaded.damaged and "damaged" in loaded.problems[0]
    (aside,) = data_dir.glob("progress.corrupt-*.toml")
    assert aside.read_bytes() == b"schema = 1\n[settings\n"
    assert sorted(p.name for p in synced.iterdir()) == ["progress.toml"]  # never renamed
    ProgressFile(data_dir).load()  # seen again: no second copy of the same bytes
    assert len(list(data_dir.glob("progress.corrupt-*.toml"))) == 1
    pf.update(_tick("x"))
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert sorted(p.name for p in synced.iterdir()) == ["progress.toml"]
    assert ProgressFile(data_dir).load().progress.roadmap("r").state("x") == pm.ItemState.DONE


def test_values_the_model_refuses_never_get_in(data_dir: Path) -> None:
    """What the pickle cache once let through: NaN hours are damage, escapes are cleaned."""
    data_dir.mkdir(parents=True)
    path = data_dir / "progress.toml"
    path.write_text(
        '[checkins.c1]\ndate = 2026-11-20\nhours = nan\nroadmap = "r"\n'
        "updated = 2026-11-20T09:00:00Z\n"
    )
    loaded = ProgressFile(data_dir).load()
    assert loaded.damaged and "checkins.c1" in loaded.problems[0]
    path.write_text(
        '[checkins.c1]\ndate = 2026-11-20\nhours = 1.0\nroadmap = "r"\n'
        'note = "a\\u001b]52;c;cGF5bG9hZA==\\u0007b"\nupdated = 2026-11-20T09:00:00Z\n'
    )
    progress = ProgressFile(data_dir).load().progress
    assert progress.checkins["c1"].note == "a]52;c;cGF5bG9hZA==b"
