"""Backups: daily snapshots (the last 14), merged conflict copies, files set aside.

Everything lives in ``<data dir>/backups/`` as ordinary TOML files a learner can open.
Only a file that loaded cleanly becomes a daily snapshot, so a damaged file never
rotates a good backup out; damaged files are kept beside the progress file as
``progress.corrupt-<time>.toml`` and are never rotated.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from syllabus.storage.atomic import write_atomic
from syllabus.storage.paths import backups_dir

KEEP_DAILY = 14
"""Daily snapshots kept."""

_DAILY = re.compile(r"progress-\d{4}-\d{2}-\d{2}\.toml\Z")


def stamp(moment: datetime | None = None) -> str:
    """A time for file names, sortable, no characters any file system refuses."""
    return (moment or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")


def free_name(folder: Path, stem: str, suffix: str = ".toml") -> Path:
    """``folder/stem.suffix``, or with ``-2``, ``-3`` … when that is taken."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def start_daily_snapshot(root: Path, source: Path, today: date) -> Path | None:
    """Keep ``source`` as today's snapshot, once a day, just before it is replaced.

    A hard link costs nothing however big the file is: the save then replaces the
    file with a new one (``os.replace``), and the old contents live on under
    backups/ alone. Where links are refused, the bytes are copied. Returns the
    snapshot made, or None (already made today, or it could not be made: a missing
    snapshot never stops a save).
    """
    folder = backups_dir(root)
    target = folder / f"progress-{today.isoformat()}.toml"
    if target.exists():
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            write_atomic(target, source.read_bytes())
    except OSError:
        return None
    return target


def drop_snapshot(snapshot: Path) -> None:
    """Undo ``start_daily_snapshot`` after a failed save (the file was not replaced)."""
    try:
        snapshot.unlink()
    except OSError:
        pass


def rotate(root: Path) -> None:
    """Drop the oldest daily snapshots beyond 14."""
    folder = backups_dir(root)
    try:
        daily = sorted(p for p in folder.iterdir() if _DAILY.match(p.name))
        for old in daily[:-KEEP_DAILY]:
            old.unlink()
    except OSError:
        pass


def keep(root: Path, file: Path, name: str | None = None) -> Path:
    """Move a file into backups/ (under ``name`` if given), byte for byte; returns where."""
    folder = backups_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = Path(name or file.name)
    target = free_name(folder, wanted.stem, wanted.suffix)
    try:
        os.replace(file, target)
    except OSError:
        # Another file system (a backups/ symlink): copy, make it durable, then remove.
        shutil.copyfile(file, target)
        os.unlink(file)
    return target


def copy_in(root: Path, file: Path, stem: str) -> Path:
    """Copy a file into backups/ as ``<stem>.toml`` (a free variant), byte for byte."""
    folder = backups_dir(root)
    target = free_name(folder, stem)
    write_atomic(target, file.read_bytes())
    return target


@dataclass(frozen=True)
class Backup:
    """One file in backups/."""

    name: str
    path: Path
    size: int
    modified: datetime


def list_backups(root: Path) -> list[Backup]:
    """Every backup, newest first."""
    folder = backups_dir(root)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if path.is_file() and path.suffix == ".toml":
            st = path.stat()
            found.append(
                Backup(path.name, path, st.st_size, datetime.fromtimestamp(st.st_mtime, UTC))
            )
    return sorted(found, key=lambda b: (b.modified, b.name), reverse=True)
