"""The progress file: load, save (lock, re-read, merge, atomic write), undo and redo.

One TOML file, ``<data dir>/progress.toml``, is the learner's record; see ``toml_io``
for its layout. Every write goes through ``_commit`` under an inter-process lock: the
file is re-read, the caller's progress merged in record by record (the later
``updated`` wins, tombstones included), written atomically, and the records that
changed are journaled as one undo step in ``<data dir>/local/``.

The app calls ``save(progress)`` from a worker thread with its whole in-memory
progress; CLI commands call ``update(change)``. What a person must see (damage set
aside, a file left unread, a conflict copy not merged) is also kept as a notice
(``storage.notices``) until the app or an interactive command acknowledges it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from syllabus.locale import _
from syllabus.model import progress as model
from syllabus.model.progress import Progress, RecordPath, merge
from syllabus.storage import toml_io
from syllabus.storage.atomic import real_path, write_atomic
from syllabus.storage.lock import ProcessLock
from syllabus.storage.paths import backups_dir, local_dir, lock_path, progress_path

if TYPE_CHECKING:
    from syllabus.storage.journal import Journal
    from syllabus.storage.notices import Kind, Notice, Once

# backups and journal are imported where used: reading the file (every CLI command,
# the app's start) needs neither.


def _file_key(st: os.stat_result) -> tuple[int, int, int]:
    """(inode, mtime_ns, size): the file as this process last read or wrote it, or not."""
    return st.st_ino, st.st_mtime_ns, st.st_size


class ProgressError(Exception):
    """A problem with the progress file; ``str()`` is one line naming the file."""


class SaveFailed(ProgressError):
    """The file could not be written (read-only folder, full disk, …); the old one is intact."""


class Loaded(NamedTuple):
    """What ``load`` found (a NamedTuple: every command and the app's start import
    this module, and building a dataclass costs more than the rest of it)."""

    progress: Progress
    """The learner's progress (empty when the file was missing or damaged)."""
    problems: list[str]
    """One-line messages: damaged file moved aside, conflict copy merged, newer schema, …"""
    read_only: bool
    """Show the progress, never write it: the file is from a newer syllabus, or it is
    there but cannot be read or moved aside (``read_only_reason`` says which)."""
    damaged: bool
    """The file was damaged (moved aside, or left unread): a CLI command stops with exit 1."""
    read_only_reason: str | None
    """Why ``read_only``: one line naming the file, for a notice."""
    notices: list[Notice]
    """The findings among ``problems`` also kept in ``local/`` until a person has seen
    them (see ``ProgressFile.pending_notices``): whoever shows ``problems`` to a person
    acknowledges these."""


class _Damaged(Exception):
    """The file on disk cannot be read as progress; the message says why."""


class _NewerCopy(Exception):
    """A conflict copy written by a newer syllabus: never merged into this one's file."""


class _Unreadable(Exception):
    """The file cannot be read at all (permissions, a folder in its place): left alone."""

    def __init__(self, message: str, why: str) -> None:
        super().__init__(message)
        self.why = why


_CONFLICT_MARKERS = ("sync-conflict", "conflicted copy", "conflict")


def _is_conflict_copy(name: str) -> bool:
    """Copies Syncthing, Dropbox, Nextcloud and friends leave beside a file edited twice."""
    lower = name.lower()
    return (
        lower.startswith("progress")
        and lower.endswith(".toml")
        and lower != "progress.toml"
        and any(marker in lower for marker in _CONFLICT_MARKERS)
    )


class ProgressFile:
    """The progress file in a data dir, and this machine's undo journal."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.path = progress_path(self.root)
        """The progress file (may be a symlink; the link survives saves)."""
        self.read_only = False
        """Set by ``load``: the file is from a newer syllabus, or cannot be read or moved."""
        self._lock = ProcessLock(lock_path(self.root))
        self._opened_journal: Journal | None = None
        self._damaged = False
        self._base: Progress | None = None
        """The progress last handed to the caller: what ``save`` diffs against."""
        self.last_step: str | None = None
        """What the last ``undo``/``redo`` changed, in a few words."""
        self._known: tuple[tuple[int, int, int], Progress, toml_io.Extras] | None = None
        """(inode, mtime_ns, size) of the file, what it held and its unknown keys: skips
        re-reading our own save."""
        self._extras: toml_io.Extras = {}
        """Keys in the file as last read that the model does not know, written back on save."""
        self._refusal: str | None = None
        """Set by ``_read``: why the file on disk must not be written (it is left as is)."""
        self._noticed: list[Notice] = []
        """Notices recorded since ``load`` began: handed back in ``Loaded.notices``."""

    @property
    def _journal(self) -> Journal:
        """This machine's undo journal, opened on first use."""
        if self._opened_journal is None:
            from syllabus.storage.journal import Journal

            self._opened_journal = Journal(local_dir(self.root) / "journal.jsonl")
        return self._opened_journal

    # --- reading -----------------------------------------------------------------------

    def signature(self) -> tuple[int, int] | None:
        """(mtime_ns, size) of the file, to notice another process's change; None if absent."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def load(self) -> Loaded:
        """Read the file; a damaged one is moved aside and reported, never overwritten.

        A file that is there but cannot be read, or cannot be moved aside, loads empty
        and read-only, so that no caller saves over it.
        """
        problems: list[str] = []
        self._damaged = False
        self._refusal = None
        self._noticed = []
        progress, read_only = self._read(problems)
        damaged = self._damaged
        reason = self._refusal
        if read_only and reason is None:
            reason = problems[-1]
        read_only = reason is not None
        self.read_only = read_only
        if not read_only:
            copies = self._conflict_copies()
            if copies:
                progress = self._merge_copies(copies, problems)
        self._base = progress
        return Loaded(progress, problems, read_only, damaged, reason, list(self._noticed))

    # --- notices a person must see -------------------------------------------------------

    def pending_notices(self) -> list[Notice]:
        """Findings (damage set aside, a file left unread, a copy not merged) that no
        person has seen yet, oldest first: the app and interactive commands show each
        ``message`` and then ``acknowledge`` them; status-bar and machine-readable output
        never do. Reads one small file; [] when there is none (or it is unreadable)."""
        from syllabus.storage import notices

        return notices.pending(self.root)

    def acknowledge(self, seen: list[Notice]) -> None:
        """A person has seen these notices: they are not pending any more."""
        from syllabus.storage import notices

        notices.acknowledge(self.root, seen, self._lock)

    def _notice(
        self, kind: Kind, found: str, file: Path | None = None, kept: Path | None = None
    ) -> Notice:
        from syllabus.storage import notices

        notice = notices.record(self.root, kind, file or self.path, found, kept, self._lock)
        self._noticed.append(notice)
        return notice

    def _unread(self, unreadable: _Unreadable) -> str:
        """Report a file that cannot be read: kept as a notice; the problem line."""
        self._damaged = True
        self._refusal = str(unreadable)
        notice = self._notice("unreadable", unreadable.why)
        hint = notice.hint("fixed")
        return f"{unreadable}. {hint}"

    def _read(self, problems: list[str]) -> tuple[Progress, bool]:
        """The file's progress and whether it is read-only; damaged → moved aside, empty.

        A file that cannot be read at all is reported and left as it is: nothing is
        renamed, and every save fails until a person fixes it.
        """
        try:
            return self._parse_disk(problems)
        except _Damaged:
            pass
        except _Unreadable as unreadable:
            problems.append(self._unread(unreadable))
            return Progress(), False
        # Look again under the lock: another process may have just replaced the file.
        try:
            with self._lock:
                return self._parse_or_set_aside(problems)
        except OSError:
            return self._parse_or_set_aside(problems)

    def _parse_or_set_aside(self, problems: list[str]) -> tuple[Progress, bool]:
        try:
            return self._parse_disk(problems)
        except _Damaged as damaged:
            line, safe = self._set_aside(str(damaged))
            if not safe:
                self._refusal = line
            problems.append(line)
            return Progress(), False
        except _Unreadable as unreadable:
            problems.append(self._unread(unreadable))
            return Progress(), False

    def _unreadable(self, why: str) -> _Unreadable:
        return _Unreadable(
            _(
                "{path} {why}; it is left as it is and nothing is saved over it until that is fixed"
            ).format(path=self.path, why=why),
            why,
        )

    def _parse_disk(self, problems: list[str]) -> tuple[Progress, bool]:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self._known = None
            self._extras = {}
            return Progress(), False
        except OSError as error:
            raise self._unreadable(_cannot_read(error)) from None
        if stat.S_ISDIR(st.st_mode):
            raise self._unreadable(_("is a folder, not a file"))
        key = _file_key(st)
        if self._known is not None and self._known[0] == key:
            self._extras = self._known[2]
            return self._known[1], False
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            raise self._unreadable(_cannot_read(error)) from None
        data, schema = _table(raw)
        current = model.SCHEMA_VERSION
        mtime = toml_io.file_time(st.st_mtime_ns)
        if schema > current:
            problems.append(
                _(
                    "{path} was written by a newer syllabus (schema {schema}; this one reads "
                    "{current}): opened read-only, update syllabus to change it"
                ).format(path=self.path, schema=schema, current=current)
            )
            try:
                return toml_io.to_progress(data, mtime), True
            except toml_io.FormatError:
                return Progress(), True
        if schema < current:
            data = self._migrate(data, schema, current, problems)
        extras: toml_io.Extras = {}
        try:
            progress = toml_io.to_progress(data, mtime, extras)
        except toml_io.FormatError as error:
            raise _Damaged(str(error)) from None
        if schema == current:
            self._known = (key, progress, extras)
        self._extras = extras
        return progress, False

    def _migrate(
        self, data: dict[str, Any], schema: int, current: int, problems: list[str]
    ) -> dict[str, Any]:
        from syllabus.storage import backups
        from syllabus.storage.migrations import changes_data

        data = _migrated(data, schema, current)
        if not changes_data(schema, current):
            return data
        try:
            kept = backups.copy_in(self.root, real_path(self.path), f"progress-schema{schema}")
            where = _("; the old file is kept as {kept}").format(kept=kept)
        except OSError:
            where = ""
        line = _("{path} was updated from schema {schema} to {current}{where}")
        problems.append(line.format(path=self.path, schema=schema, current=current, where=where))
        return data

    def _set_aside(self, reason: str) -> tuple[str, bool]:
        """Keep a damaged file's bytes aside; the problem line, and whether they are safe.

        The file is renamed beside itself. Behind a symlink the target (perhaps outside
        the data dir, in a synced folder) is never renamed: its bytes are copied into
        the data dir instead, and the next save replaces them through the link. Either
        way the finding is kept as a notice until a person has seen it.
        """
        from syllabus.storage import backups

        self._damaged = True
        self._known = None
        if self.path.is_symlink():
            line, kept = self._copy_aside(reason)
        else:
            aside = backups.free_name(self.root, f"{self.path.stem}.corrupt-{backups.stamp()}")
            try:
                os.rename(self.path, aside)
            except FileNotFoundError:
                line = _("{path} was damaged ({reason}) and is gone now")
                return line.format(path=self.path, reason=reason), True
            except OSError as error:
                kept = None
                line = _(
                    "{path} is damaged ({reason}) and could not be moved aside "
                    "({why}); it will not be saved over"
                ).format(path=self.path, reason=reason, why=error.strerror)
            else:
                kept = aside
                line = _("{path} is damaged ({reason}): moved aside to {aside}; starting empty")
                line = line.format(path=self.path, reason=reason, aside=aside)
        return self._damage_line(line, reason, kept), kept is not None

    def _damage_line(self, line: str, reason: str, kept: Path | None) -> str:
        """Keep the finding as a notice; the problem line with the way back added."""
        notice = self._notice("damaged", reason, kept=kept)
        once: Once = "now" if kept is not None else "moved"
        return f"{line}. {notice.hint(once)}"

    def _copy_aside(self, reason: str) -> tuple[str, Path | None]:
        """Copy a damaged link target's bytes into the data dir; the line and the copy."""
        from syllabus.storage import backups

        target = real_path(self.path)
        try:
            raw = target.read_bytes()
            kept = next(
                (p for p in self.root.glob(f"{self.path.stem}.corrupt-*") if p.read_bytes() == raw),
                None,
            )
            if kept is None:
                kept = backups.free_name(self.root, f"{self.path.stem}.corrupt-{backups.stamp()}")
                write_atomic(kept, raw)
        except OSError as error:
            return _(
                "{path} (a link to {target}) is damaged ({reason}) and could not be "
                "copied aside ({why}); it will not be saved over"
            ).format(path=self.path, target=target, reason=reason, why=error.strerror), None
        return _(
            "{path} (a link to {target}) is damaged ({reason}): a copy is kept as "
            "{kept}; starting empty, the next save writes through the link"
        ).format(path=self.path, target=target, reason=reason, kept=kept), kept

    def _conflict_copies(self) -> list[Path]:
        """Conflict copies beside the file; also sweeps temp files a killed save left."""
        folder = real_path(self.path).parent
        try:
            names = os.listdir(folder)
        except OSError:
            return []
        _sweep_temp_files(folder, [n for n in names if n.endswith(".tmp")])
        return sorted(folder / name for name in names if _is_conflict_copy(name))

    def _merge_copies(self, copies: list[Path], problems: list[str]) -> Progress:
        """Merge sync conflict copies into the file, then move them to backups/.

        The merge is written first; a copy is moved, and reported merged, only once
        the file holding its changes is on disk. A failed write leaves every copy
        where it was, for the next start; a kill after the write merges a copy twice,
        which changes nothing. A copy from a newer syllabus is set aside unmerged.
        """
        read: list[Path] = []
        refused: list[tuple[Path, str, bool]] = []
        """(copy, why, from a newer syllabus) for each copy not merged."""
        try:
            with self._lock:
                disk = self._read_for_write(problems)
                merged, grew = disk, False
                self._extras = {path: dict(keys) for path, keys in self._extras.items()}
                for copy in copies:
                    try:
                        other, extras = self._read_copy(copy)
                    except _NewerCopy as newer:
                        refused.append((copy, str(newer), True))
                        continue
                    except (OSError, UnicodeDecodeError, toml_io.FormatError) as error:
                        refused.append((copy, _reason(error), False))
                        continue
                    merged = merge(merged, other)
                    grew = self._take_unknown_keys(extras) or grew
                    read.append(copy)
                result = self._commit(disk, merged, journal=False, write=grew)
        except (OSError, ProgressError) as error:
            problems.append(
                _(
                    "could not merge conflict copies into {path}: {why}; they stay where they are"
                ).format(path=self.path, why=_reason(error))
            )
            return self._read([])[0]
        for copy in read:
            where = self._put_away(copy)
            line = _("merged sync conflict copy {copy} into {path}; {where}")
            problems.append(line.format(copy=copy.name, path=self.path, where=where))
        for copy, why, from_newer in refused:
            where, kept = self._put_away_at(copy)
            if kept is not None:  # a copy left where it was is found again next time
                self._notice("newer-copy" if from_newer else "damaged-copy", why, copy, kept)
            if from_newer:
                line = _("conflict copy {copy} {why}; {where}")
            else:
                line = _("conflict copy {copy} is damaged ({why}); {where}")
            problems.append(line.format(copy=copy, why=why, where=where))
        return result

    def _take_unknown_keys(self, extras: toml_io.Extras) -> bool:
        """Add a copy's unknown keys the file lacks (its own win); whether any were new."""
        grew = False
        for path, keys in extras.items():
            mine = self._extras.setdefault(path, {})
            for name, value in keys.items():
                if name not in mine:
                    mine[name] = value
                    grew = True
        return grew

    def _read_copy(self, copy: Path) -> tuple[Progress, toml_io.Extras]:
        text = copy.read_bytes().decode("utf-8-sig")
        mtime = toml_io.file_time(copy.stat().st_mtime_ns)
        data = toml_io.parse(text)
        schema = data.get("schema", 1)
        if isinstance(schema, int) and schema > model.SCHEMA_VERSION:
            raise _NewerCopy(
                _(
                    "is from a newer syllabus (schema {schema}; this one reads {current}): "
                    "not merged, open it with that syllabus"
                ).format(schema=schema, current=model.SCHEMA_VERSION)
            )
        extras: toml_io.Extras = {}
        return toml_io.to_progress(data, mtime, extras), extras

    def _put_away(self, copy: Path) -> str:
        """Move a conflict copy dealt with to backups/; says where it went (or why not)."""
        return self._put_away_at(copy)[0]

    def _put_away_at(self, copy: Path) -> tuple[str, Path | None]:
        """``_put_away``, and where the copy is now (None: it stayed where it was)."""
        from syllabus.storage import backups

        try:
            kept = backups.keep(self.root, copy)
        except OSError as error:
            return _("the copy could not be moved to backups ({why})").format(
                why=_reason(error)
            ), None
        return _("the copy is now {kept}").format(kept=kept), kept

    def _read_for_write(self, problems: list[str] | None = None) -> Progress:
        """The file as it is now, for a change; refuses a newer schema or an immovable wreck."""
        return self._disk_for_write(problems)[0]

    def _disk_for_write(self, problems: list[str] | None = None) -> tuple[Progress, bool]:
        """``_read_for_write``, and whether a damaged file was just set aside (the
        progress is then empty: nothing on disk is left to merge with)."""
        found: list[str] = [] if problems is None else problems
        try:
            progress, read_only = self._parse_disk(found)
        except _Damaged as damaged:
            line, safe = self._set_aside(str(damaged))
            if not safe:
                raise SaveFailed(line) from None
            found.append(line)
            return Progress(), True
        except _Unreadable as unreadable:
            raise SaveFailed(str(unreadable)) from None
        if read_only:
            self.read_only = True
            raise ProgressError(found[-1])
        return progress, False

    # --- writing -----------------------------------------------------------------------

    def save(self, progress: Progress) -> Progress:
        """Merge ``progress`` into the file; returns what is on disk now.

        Records changed on disk meanwhile (another process, a synced machine, a hand
        edit) are kept where they are newer; only what this save changed becomes the
        undo step. A file found damaged here (another program broke it since it was
        read) is set aside and ``progress`` is written whole, not journaled: the diff
        alone would lose every record the caller did not change.
        """
        base = self._base

        def change(disk: Progress) -> Progress:
            if base is None:
                return merge(disk, progress, prefer_a=True)
            # Only the records the caller changed since it last got progress from here
            # need merging: every other record on disk is as new or newer (a restore
            # from a backup therefore sticks instead of being merged away). A record
            # still as the caller saw it takes the change, whatever the clocks say; one
            # changed meanwhile by someone else goes to the later change.
            mine: dict[RecordPath, model._Record | None] = {}
            for path in model.changed_paths(base, progress):
                ours = model.get_record(progress, path)
                theirs = model.get_record(disk, path)
                if ours is None:
                    continue
                if theirs is None or theirs == model.get_record(base, path):
                    mine[path] = ours
                elif ours.updated > theirs.updated:
                    mine[path] = ours
            return after_seen(disk, model.put_records(disk, mine)) if mine else disk

        return self._locked(change, whole=progress)

    def update(self, change: Callable[[Progress], Progress], *, journal: bool = True) -> Progress:
        """Apply ``change`` to the file's current progress under the lock; returns the result.

        ``change`` sees the records on disk, so every record it changes wins over them.
        ``journal=False`` writes without an undo step: for writing a whole progress
        after a damaged file was set aside, whose undo would empty the file.
        """
        return self._locked(lambda disk: after_seen(disk, change(disk)), journal)

    def _locked(
        self,
        change: Callable[[Progress], Progress],
        journal: bool = True,
        whole: Progress | None = None,
    ) -> Progress:
        """Commit ``change`` of the file under the lock; ``whole`` is written instead,
        unjournaled, when the file turns out damaged and is set aside."""
        try:
            with self._lock:
                disk, set_aside = self._disk_for_write()
                if set_aside and whole is not None:
                    self._base = self._commit(disk, whole, journal=False, write=True)
                else:
                    self._base = self._commit(disk, change(disk), journal)
                return self._base
        except OSError as error:
            message = _("could not save {path}: {why}; the file on disk is unchanged")
            raise SaveFailed(message.format(path=self.path, why=_reason(error))) from None

    def _commit(
        self, disk: Progress, new: Progress, journal: bool = True, write: bool = False
    ) -> Progress:
        """Write ``new`` (if it differs from ``disk``, or ``write``) and journal the difference."""
        from syllabus.storage import backups

        paths = model.changed_paths(disk, new)
        exists = self.path.exists()
        if not paths and exists and not write:
            return disk
        new = replace(new, schema_version=model.SCHEMA_VERSION)
        data = toml_io.dumps(new, self._extras).encode("utf-8", "replace")
        snapshot = None
        if exists and self._known is not None:  # only a file that loaded cleanly
            from syllabus.clock import today

            snapshot = backups.start_daily_snapshot(self.root, real_path(self.path), today())
        step = self._journal_step(disk, new, paths) if journal and paths else None
        try:
            write_atomic(self.path, data)
        except BaseException:
            if snapshot is not None:
                backups.drop_snapshot(snapshot)
            if step is not None:
                self._void(step)
            raise
        if snapshot is not None:
            backups.rotate(self.root)
        st = os.stat(self.path)
        self._known = (_file_key(st), new, self._extras)
        return new

    def _journal_step(self, disk: Progress, new: Progress, paths: list[RecordPath]) -> str | None:
        """Journal a change before it is written, so a kill after the write keeps it."""
        try:
            return self._journal.record(disk, new, paths)
        except OSError:
            return None  # undo history is a convenience; the change itself is what counts

    def _void(self, step: str) -> None:
        try:
            self._journal.void(step)
        except OSError:
            pass  # a step whose save failed: its undo finds nothing to change

    # --- undo, redo, restore -----------------------------------------------------------

    def undo(self) -> Progress | None:
        """Undo this machine's last change (in any process); None when there is none."""
        return self._travel("undo")

    def redo(self) -> Progress | None:
        """Redo the change last undone; None when there is none."""
        return self._travel("redo")

    def _travel(self, direction: str) -> Progress | None:
        from syllabus.storage.journal import apply_step

        try:
            with self._lock:
                done, undone = self._journal.stacks()
                stack = done if direction == "undo" else undone
                if not stack:
                    return None
                step = stack[-1]
                disk = self._read_for_write()
                new = after_seen(disk, apply_step(disk, step, backwards=direction == "undo"))
                new = self._commit(disk, new, journal=False)
                self._journal.mark(direction, step)
                self.last_step = step.describe()
                self._base = new
                return new
        except OSError as error:
            if direction == "undo":
                message = _("could not undo in {path}: {why}; the file on disk is unchanged")
            else:
                message = _("could not redo in {path}: {why}; the file on disk is unchanged")
            raise SaveFailed(message.format(path=self.path, why=_reason(error))) from None

    def restore(self, name: str) -> Progress:
        """Replace the file with a backup; the current file becomes a backup first."""
        from syllabus.storage import backups

        source = backups_dir(self.root) / name
        try:
            raw = source.read_bytes()
            restored = toml_io.to_progress(
                toml_io.parse(raw.decode("utf-8-sig")), toml_io.file_time(source.stat().st_mtime_ns)
            )
        except FileNotFoundError:
            raise ProgressError(_("no backup {path}").format(path=source)) from None
        except (OSError, UnicodeDecodeError, toml_io.FormatError) as error:
            message = _("backup {path} cannot be restored: {why}")
            raise ProgressError(message.format(path=source, why=_reason(error))) from None
        try:
            with self._lock:
                disk = self._read_for_write()
                if self.path.exists():
                    backups.copy_in(
                        self.root,
                        real_path(self.path),
                        f"progress-before-restore-{backups.stamp()}",
                    )
                paths = model.changed_paths(disk, restored)
                step = self._journal_step(disk, restored, paths) if paths else None
                try:
                    write_atomic(self.path, raw)
                except BaseException:
                    if step is not None:
                        self._void(step)
                    raise
                self._known = None
                now, _read_only = self._parse_disk([])
                self._base = now
                return now
        except _Damaged as damaged:
            raise ProgressError(f"{self.path}: {damaged}") from None
        except _Unreadable as unreadable:
            raise ProgressError(str(unreadable)) from None
        except OSError as error:
            message = _("could not restore {path}: {why}")
            raise SaveFailed(message.format(path=source, why=_reason(error))) from None


def damage(path: Path) -> str | None:
    """Why the progress file at ``path`` does not read as progress, or None when it
    does (or is not there). Never moves, writes or records anything: for a file that
    another program may be writing while the caller holds good progress.

    A file from a newer syllabus reads (``load`` opens it read-only); one that cannot
    be read at all says why.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        return _cannot_read(error)
    try:
        data, schema = _table(raw)
        if schema > model.SCHEMA_VERSION:
            return None
        if schema < model.SCHEMA_VERSION:
            data = _migrated(data, schema, model.SCHEMA_VERSION)
        toml_io.to_progress(data, toml_io.file_time(0))
    except _Damaged as damaged:
        return str(damaged)
    except toml_io.FormatError as error:
        return str(error)
    return None


def _cannot_read(error: OSError) -> str:
    """Why a file cannot be read, as the rest of a line after its path."""
    return _("cannot be read ({why})").format(why=error.strerror)


def _table(raw: bytes) -> tuple[dict[str, Any], int]:
    """A progress file's bytes as a TOML table, and its schema; raises ``_Damaged``."""
    if not raw.strip():
        raise _Damaged(_("it is empty") if not raw else _("it holds only blank space"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Damaged(_("it is not UTF-8 text")) from None
    try:
        data = toml_io.parse(text)
    except toml_io.FormatError as error:
        raise _Damaged(str(error)) from None
    schema = data.get("schema", 1)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise _Damaged(_("wrong value at schema: {value}").format(value=repr(schema)))
    return data, schema


def _migrated(data: dict[str, Any], schema: int, current: int) -> dict[str, Any]:
    """``data`` brought from ``schema`` to ``current`` (pure); raises ``_Damaged``."""
    from syllabus.storage.migrations import MigrationMissing, migrate

    try:
        return migrate(data, schema, current)
    except MigrationMissing as error:
        raise _Damaged(str(error)) from None
    except (KeyError, TypeError, ValueError) as error:
        message = _("could not update it from schema {schema}: {why}")
        raise _Damaged(message.format(schema=schema, why=error)) from None


ONE_TICK = timedelta(microseconds=1)
"""How much later than the version it replaces a change is stamped, at least."""


def after_seen(seen: Progress, new: Progress) -> Progress:
    """``new`` with each record it changed stamped later than the version in ``seen``.

    The writer has seen that version, so its change is meant to win over it, in this
    save and in every later merge, however the clocks disagree: a record stamped in the
    future by a machine whose clock runs fast, or a change made on a machine whose
    clock runs behind. The stamp is ``max(now, seen.updated + 1 µs)``, ``now`` being
    the time the change carries already.
    """
    late: dict[RecordPath, model._Record | None] = {}
    for path in model.changed_paths(seen, new):
        record, before = model.get_record(new, path), model.get_record(seen, path)
        if record is not None and before is not None and record.updated <= before.updated:
            late[path] = replace(record, updated=before.updated + ONE_TICK)
    return model.put_records(new, late) if late else new


STALE_TEMP_SECONDS = 600
"""A save writes its temp file in milliseconds: an older one is from a killed process."""


def _sweep_temp_files(folder: Path, names: list[str]) -> None:
    import time

    for name in names:
        if not (name.startswith(".progress.toml.") or name.startswith(".progress-")):
            continue
        try:
            path = folder / name
            if time.time() - path.stat().st_mtime > STALE_TEMP_SECONDS:
                path.unlink()
        except OSError:
            pass


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return " ".join(str(error).split())
