"""Notices a person must see: damage set aside, a file left unread, a copy not merged.

Whichever process finds the damage reports it on stderr, but that may be a status-bar
command whose stderr goes nowhere (``today --short 2>/dev/null``). So the finding is
also kept in ``<data dir>/local/notices.json`` until a person has seen it: the app, or
an interactive command, shows ``pending`` and then calls ``acknowledge``. A marker that
cannot be read is ignored (never a crash) and replaced by the next ``record``.

Cheap to import (no model, no TOML): every interactive command looks for pending
notices when it ends.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args

from syllabus.locale import _, ngettext
from syllabus.model.text import clean_text
from syllabus.storage.paths import backups_dir, lock_path, notices_path

if TYPE_CHECKING:
    from syllabus.storage.lock import ProcessLock

Kind = Literal["damaged", "unreadable", "newer-copy", "damaged-copy"]
"""``damaged``: the progress file could not be parsed (its bytes are kept aside, or it
is left where it was when they could not be); ``unreadable``: it could not be read at
all and was left alone; ``newer-copy`` / ``damaged-copy``: a sync conflict copy that
was not merged and was moved to backups/."""

KINDS: tuple[str, ...] = get_args(Kind)

KEEP = 20
"""Pending notices kept at most (the oldest go first): the marker stays small."""

MARKER_LIMIT = 256 * 1024
"""A marker larger than this is not read (it is replaced by the next notice)."""

_RESTORE = "syllabus backups --restore"

_T = TypeVar("_T")


Once = Literal["now", "fixed", "moved"]
"""When the newest backup can be restored: now, once the file is fixed or moved away,
or once it is moved away."""

NOW: Once = "now"
FIXED: Once = "fixed"
MOVED: Once = "moved"


@dataclass(frozen=True)
class Notice:
    """One finding a person has not seen yet."""

    id: str
    """Unique; what ``acknowledge`` removes by."""
    kind: Kind
    """What was found (see ``Kind``)."""
    file: str
    """The file it was found in (the progress file, or the conflict copy)."""
    found: str
    """What was wrong, in a few words ("line 3: expected '='", "cannot be read (…)")."""
    when: datetime
    """When it was found (UTC)."""
    kept: str | None = None
    """Where the file's bytes went (None: they were left where they were)."""
    backup: str | None = None
    """The newest backup in backups/ that ``syllabus backups --restore`` accepts, then."""
    backup_time: datetime | None = None
    """When that backup was written."""
    backup_done: int | None = None
    """Items done in that backup (None: not known)."""
    backup_checkins: int | None = None
    """Check-ins in that backup (None: not known)."""
    backup_gone: bool = False
    """The backup named has been removed since (rotated out): its command would fail."""

    @property
    def message(self) -> str:
        """One line for a person: what was found, where the bytes are, how to restore."""
        when = _local(self.when)
        fields = {"file": self.file, "found": self.found, "when": when, "kept": self.kept}
        if self.kind == "newer-copy":
            line = _("conflict copy {file} (found {when}) {found}; it is kept as {kept}")
            line = line.format(**fields)
        elif self.kind == "damaged-copy":
            line = _(
                "conflict copy {file} (found {when}) was damaged ({found}) and was not merged; "
                "it is kept as {kept}"
            ).format(**fields)
        elif self.kind == "unreadable":
            line = _("{file} {found} (found {when}) and was left as it is.").format(**fields)
            line += " " + self.hint(FIXED)
        elif self.kept is not None:
            line = _(
                "{file} was damaged ({found}) when read {when}; its bytes are kept as {kept}."
            ).format(**fields)
            line += " " + self.hint()
        else:
            line = _(
                "{file} was damaged ({found}) when read {when} and could not be moved aside, "
                "so it was left as it is."
            ).format(**fields)
            line += " " + self.hint(MOVED)
        return " ".join(clean_text(line).split())

    def hint(self, once: Once = NOW) -> str:
        """How to get the progress back: the newest backup then, what it holds and the
        exact command; or that there is none, with the command's form."""
        if self.backup is not None and self.backup_gone:
            return _(
                "The newest backup then, {backup}, is gone; `syllabus backups` lists the others."
            ).format(backup=self.backup)
        return restore_hint(
            self.backup, self.backup_time, once, self.backup_done, self.backup_checkins
        )


def restore_hint(
    backup: str | None,
    when: datetime | None,
    once: Once = NOW,
    done: int | None = None,
    checkins: int | None = None,
) -> str:
    """How to get the progress back: the newest backup (its date, what it holds) and the
    exact command; with no backup, that there is none yet and the command's form."""
    if backup is None:
        return _(
            "There is no backup yet to restore (one is made each day the file changes; "
            "then `syllabus backups` lists them and `{command} NAME` restores one)."
        ).format(command=_RESTORE)
    about = [_local(when)] if when is not None else []
    if done is not None and checkins is not None:
        items = ngettext("{n} item done", "{n} items done", done).format(n=done)
        logged = ngettext("{n} check-in", "{n} check-ins", checkins).format(n=checkins)
        about.append(f"{items}, {logged}")
    made = f" ({'; '.join(about)})" if about else ""
    if once == FIXED:
        text = _(
            "Once that is fixed or it is moved away, the newest backup, {backup}{about}, "
            "can be restored with `{command}`"
        )
    elif once == MOVED:
        text = _(
            "Once it is moved away, the newest backup, {backup}{about}, can be restored "
            "with `{command}`"
        )
    else:
        text = _("The newest backup, {backup}{about}, can be restored with `{command}`")
    return text.format(backup=backup, about=made, command=f"{_RESTORE} {backup}")


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def pending(root: Path) -> list[Notice]:
    """The notices not yet acknowledged, oldest first; [] when the marker is unreadable."""
    found = _read(notices_path(root))
    if not found:
        return []
    folder = backups_dir(root)
    return [
        replace(n, backup_gone=True)
        if n.backup is not None and not (folder / n.backup).is_file()
        else n
        for n in found
    ]


def record(
    root: Path,
    kind: Kind,
    file: Path | str,
    found: str,
    kept: Path | str | None = None,
    lock: ProcessLock | None = None,
) -> Notice:
    """Keep a notice until someone acknowledges it; returns it.

    The same finding still pending (a status bar seeing the same unreadable file each
    minute) is not added twice: that notice is returned. A marker that cannot be
    written is not an error here: the finding was reported on stderr as well.

    ``lock`` is the data dir's lock as the caller holds it (``ProgressFile`` passes its
    own, which is re-entrant); None takes it here. Never pass None while holding it.
    """
    import secrets

    notice = Notice(
        id=f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}",
        kind=kind,
        file=clean_text(str(file)),
        found=" ".join(clean_text(found).split()),
        when=datetime.now(UTC),
        kept=None if kept is None else clean_text(str(kept)),
    )
    key = _key(notice)
    path = notices_path(root)

    def add() -> Notice:
        current = _read(path)
        same = next((n for n in current if _key(n) == key), None)
        if same is not None:
            return same
        added = notice
        if kind in ("damaged", "unreadable"):
            from syllabus.storage.backups import newest_restorable

            newest = newest_restorable(root)
            if newest is not None:
                added = replace(
                    notice,
                    backup=newest.name,
                    backup_time=newest.modified,
                    backup_done=newest.items_done,
                    backup_checkins=newest.checkins,
                )
        try:
            _write(path, [*current, added][-KEEP:])
        except OSError:
            pass  # the finding was reported on stderr too; a full disk must not stop a load
        return added

    return _with_lock(root, lock, add)


def acknowledge(root: Path, notices: list[Notice], lock: ProcessLock | None = None) -> None:
    """Drop these notices from the marker (a person has seen them); others stay.

    ``lock`` as for ``record``: a finding recorded meanwhile by another process is kept.
    """
    if not notices:
        return
    seen = {n.id for n in notices}
    path = notices_path(root)

    def drop() -> None:
        current = _read(path)
        left = [n for n in current if n.id not in seen]
        if len(left) == len(current):
            return
        try:
            if left:
                _write(path, left)
            else:
                path.unlink()
        except OSError:
            pass  # shown again next time: better twice than never

    _with_lock(root, lock, drop)


# --- the marker on disk ----------------------------------------------------------------


def _key(notice: Notice) -> tuple[str, str, str, str | None]:
    return notice.kind, notice.file, notice.found, notice.kept


def _with_lock(root: Path, lock: ProcessLock | None, action: Callable[[], _T]) -> _T:
    """``action()`` under ``lock`` (None: the data dir's lock, taken here), or without
    it when it cannot be had (a read-only ``local/``: the write then fails too, and
    ``action`` says what that means)."""
    if lock is None:
        from syllabus.storage.lock import ProcessLock

        lock = ProcessLock(lock_path(root))
    try:
        lock.__enter__()
    except OSError:
        return action()
    try:
        return action()
    finally:
        lock.__exit__(None, None, None)


def _read(path: Path) -> list[Notice]:
    try:
        with path.open("rb") as marker:
            raw = marker.read(MARKER_LIMIT + 1)
    except OSError:  # missing (the usual case), a folder, no permission
        return []
    if len(raw) > MARKER_LIMIT:
        return []
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return []
    entries = data.get("notices") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    return [n for n in map(_from_json, entries) if n is not None]


def _write(path: Path, notices: list[Notice]) -> None:
    from syllabus.storage.atomic import write_atomic

    data = {"version": 1, "notices": [_to_json(n) for n in notices]}
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def _to_json(notice: Notice) -> dict[str, Any]:
    return {
        "id": notice.id,
        "kind": notice.kind,
        "file": notice.file,
        "found": notice.found,
        "when": notice.when.isoformat(),
        "kept": notice.kept,
        "backup": notice.backup,
        "backup_time": None if notice.backup_time is None else notice.backup_time.isoformat(),
        "backup_done": notice.backup_done,
        "backup_checkins": notice.backup_checkins,
    }


def _from_json(entry: object) -> Notice | None:
    """A notice from the marker, or None for an entry that is not one (skipped)."""
    if not isinstance(entry, dict):
        return None
    texts = [entry.get(name) for name in ("id", "kind", "file", "found")]
    optional = [entry.get(name) for name in ("kept", "backup")]
    if not all(isinstance(t, str) for t in texts) or entry.get("kind") not in KINDS:
        return None
    if not all(o is None or isinstance(o, str) for o in optional):
        return None
    when = _time(entry.get("when"))
    if when is None:
        return None
    backup = optional[1]
    if backup is not None and (not backup or Path(backup).name != backup):
        backup = None  # only a plain name in backups/ is ever offered to restore
    return Notice(
        id=entry["id"],
        kind=entry["kind"],
        file=clean_text(entry["file"]),
        found=clean_text(entry["found"]),
        when=when,
        kept=None if optional[0] is None else clean_text(optional[0]),
        backup=None if backup is None else clean_text(backup),
        backup_time=_time(entry.get("backup_time")) if backup is not None else None,
        backup_done=_count(entry.get("backup_done")) if backup is not None else None,
        backup_checkins=_count(entry.get("backup_checkins")) if backup is not None else None,
    )


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
