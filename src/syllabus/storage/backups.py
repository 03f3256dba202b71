"""Backups: daily snapshots, one before each restore, merged conflict copies, files set aside.

Everything lives in ``<data dir>/backups/`` as ordinary TOML files a learner can open.
Only a file that loaded cleanly becomes a daily snapshot, so a damaged file never
rotates a good backup out; damaged files are kept beside the progress file as
``progress.corrupt-<time>.toml`` and are never rotated.

Retention (``rotate``): one snapshot per day the file changed (``progress-DATE.toml``)
and one before any restore (``progress-before-restore-TIME.toml``); every one of the
last 14 days is kept, then the newest of each week for 8 weeks; older ones go. Conflict
copies and schema copies are never rotated.

``describe`` says what a backup holds (items done, check-ins) and ``newest_restorable``
finds the backup a damaged file is best restored from; the command line's damage
message and the app's recovery dialog both use them.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from syllabus.storage.atomic import write_atomic
from syllabus.storage.paths import backups_dir

KEEP_DAYS = 14
"""Every snapshot of these last days is kept."""

KEEP_WEEKS = 8
"""Before that, the newest snapshot of each week is kept for these weeks."""

RESTORE_COMMAND = "syllabus backups --restore"
"""The command that restores a backup by name (never translated)."""

_DAILY = re.compile(r"progress-(\d{4}-\d{2}-\d{2})\.toml\Z")
_BEFORE_RESTORE = re.compile(r"progress-before-restore-(\d{8})T\d{6}(?:-\d+)?\.toml\Z")


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


def snapshot_day(name: str) -> date | None:
    """The day a rotated snapshot was made (its name says), or None for any other file."""
    try:
        if daily := _DAILY.match(name):
            return date.fromisoformat(daily[1])
        if before := _BEFORE_RESTORE.match(name):
            raw = before[1]
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    except ValueError:
        return None
    return None


def to_drop(names: list[str], today: date) -> list[str]:
    """The snapshots retention removes: older than ``KEEP_DAYS``, unless the newest of
    their week within ``KEEP_WEEKS``. Files that are no rotated snapshot never go."""
    dated = sorted(
        ((day, name) for name in names if (day := snapshot_day(name)) is not None),
        reverse=True,
    )
    recent = today - timedelta(days=KEEP_DAYS - 1)
    oldest = today - timedelta(weeks=KEEP_WEEKS)
    kept_weeks: set[tuple[int, int]] = set()
    drop = []
    for day, name in dated:  # newest first: the first of a week seen is its newest
        week = day.isocalendar()[:2]
        if day >= recent:
            kept_weeks.add(week)
        elif day >= oldest and week not in kept_weeks:
            kept_weeks.add(week)
        else:
            drop.append(name)
    return drop


def rotate(root: Path, today: date | None = None) -> None:
    """Drop the snapshots retention no longer keeps (see the module's docstring)."""
    if today is None:
        from syllabus.clock import today as study_day

        today = study_day()
    folder = backups_dir(root)
    try:
        for name in to_drop([p.name for p in folder.iterdir()], today):
            (folder / name).unlink()
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
        import shutil  # here: every save imports this module, few ever copy

        shutil.copyfile(file, target)
        os.unlink(file)
    return target


REMOVED_ROADMAPS = "removed-roadmaps"
"""The folder in backups/ that keeps the files of removed roadmaps (never rotated)."""


def keep_roadmap(root: Path, file: Path, roadmap_id: str) -> Path:
    """Move a removed roadmap's file to ``backups/removed-roadmaps/<id>-<time>.toml``
    (byte for byte, never rotated, not listed as a progress backup); returns where."""
    folder = backups_dir(root) / REMOVED_ROADMAPS
    folder.mkdir(parents=True, exist_ok=True)
    target = free_name(folder, f"{roadmap_id}-{stamp()}")
    try:
        os.replace(file, target)
    except OSError:
        import shutil

        shutil.copyfile(file, target)
        os.unlink(file)
    return target


def copy_in(root: Path, file: Path, stem: str) -> Path:
    """Copy a file into backups/ as ``<stem>.toml`` (a free variant), byte for byte."""
    folder = backups_dir(root)
    target = free_name(folder, stem)
    write_atomic(target, file.read_bytes())
    return target


class Backup(NamedTuple):
    """One file in backups/ (a NamedTuple: every save imports this module, and building
    a dataclass costs more than the rest of it)."""

    name: str
    path: Path
    size: int
    modified: datetime
    """When its contents were written (UTC)."""
    items_done: int | None = None
    """Items done in it, over every roadmap (None: not read, or not progress)."""
    checkins: int | None = None
    """Check-ins in it, deleted ones not counted (None: not read, or not progress)."""


def list_backups(root: Path) -> list[Backup]:
    """Every backup, newest first."""
    folder = backups_dir(root)
    if not folder.is_dir():
        return []
    found = [
        _backup(path) for path in folder.iterdir() if path.is_file() and path.suffix == ".toml"
    ]
    return sorted(found, key=lambda b: (b.modified, b.name), reverse=True)


def _backup(path: Path) -> Backup:
    st = path.stat()
    return Backup(path.name, path, st.st_size, datetime.fromtimestamp(st.st_mtime, UTC))


def _holdings(path: Path) -> tuple[int, int] | None:
    """(items done, live check-ins) of a backup ``restore`` would take, else None
    (damaged, from a newer syllabus, not progress at all)."""
    from syllabus.model.progress import SCHEMA_VERSION, ItemState
    from syllabus.storage import toml_io

    try:
        raw = path.read_bytes()
        data = toml_io.parse(raw.decode("utf-8-sig"))
        schema = data.get("schema", 1)
        if isinstance(schema, int) and schema > SCHEMA_VERSION:
            return None
        progress = toml_io.to_progress(data, toml_io.file_time(os.stat(path).st_mtime_ns))
    except (OSError, UnicodeDecodeError, toml_io.FormatError):
        return None
    done = sum(
        1
        for rp in progress.roadmaps.values()
        for record in rp.items.values()
        if record.state is ItemState.DONE
    )
    return done, len(progress.live_checkins())


def describe(root: Path, name: str) -> Backup:
    """The backup ``name`` in backups/: its date and what it holds (the counts are None
    when it does not read as progress). A missing file raises ``OSError``."""
    found = _backup(backups_dir(root) / Path(name).name)
    holds = _holdings(found.path)
    if holds is None:
        return found
    return found._replace(items_done=holds[0], checkins=holds[1])


def newest_restorable(root: Path) -> Backup | None:
    """The newest backup ``ProgressFile.restore`` would take, with what it holds; None
    when there is none."""
    try:
        candidates = list_backups(root)
    except OSError:
        return None
    for backup in candidates:
        holds = _holdings(backup.path)
        if holds is not None:
            return backup._replace(items_done=holds[0], checkins=holds[1])
    return None


def restore_command(name: str | None = None) -> str:
    """The exact command that restores a backup; without a name, its form."""
    return f"{RESTORE_COMMAND} {name or 'NAME'}"
