"""The learner's progress as the app holds it: loading, saving and the file watcher.

One ``ProgressStore`` per app. Screens read ``progress`` and ``session``, change
progress with ``commit`` (a new ``Progress`` made with ``model.progress`` or
``model.rules`` functions) and subscribe to ``changed``, a Textual ``Signal`` owned by
the App. Everything that touches the disk runs in thread workers:

- the opening worker reads the file and indexes the active roadmap;
- the save worker (exclusive) writes *everything* pending, so a burst of ticks is one
  write and a cancelled, queued save loses nothing;
- the watcher thread notices another program's writes; a file caught half-written is
  retried for ``DAMAGE_GRACE`` seconds before the learner is told, and what the app
  holds is never replaced by a damaged file.

Workers reach the event loop only through ``app.call_from_thread``, and only while the
store is open: ``close`` shuts that gate, waits for the calls already on their way and
writes what is pending, so quitting or a hang-up never leaves a thread waiting for a
loop that has stopped.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual.signal import Signal

from syllabus.locale import _
from syllabus.tui.opening import FileDamaged, check_intact, open_session, read_view, write_view

if TYPE_CHECKING:
    from datetime import datetime

    from textual.app import App
    from textual.timer import Timer

    from syllabus.catalog import CatalogEntry
    from syllabus.model.progress import Progress
    from syllabus.storage.backups import Backup
    from syllabus.storage.notices import Notice
    from syllabus.storage.progress_file import Loaded, ProgressFile
    from syllabus.tui.session import Session

SAVE_DELAY = 0.15
"""Seconds of quiet before a save starts, so the write never competes with the next frame."""

RETRY_SECONDS = 5.0
"""How long after a failed save the store tries again."""

WATCH_SECONDS = 0.5
"""How often the watcher thread looks at the progress file's signature."""

DAMAGE_RETRY_SECONDS = 0.2
"""How often a file that failed to parse is read again (it may be mid-write)."""

DAMAGE_GRACE = 2.0
"""How long a damaged file may stay damaged before the learner is told."""

CLOSE_WAIT = 1.0
"""At most this long ``close`` waits for calls from threads already on their way."""

PERSISTENT = 365 * 24 * 3600.0
"""A notification timeout that outlasts any sitting: the notice stays until dismissed."""

Note = tuple[str, bool]
"""A line for the learner, and whether it must stay until dismissed (damage)."""

ChangeKind = Literal["loaded", "opened", "edited", "replaced", "damaged", "recovery"]


@dataclass(frozen=True)
class Recovery:
    """The progress file was found damaged at start: what to offer the learner."""

    file: str
    """The progress file."""
    problem: str
    """What was wrong with it, in a few words."""
    kept: str | None
    """Where storage kept the damaged bytes (None: they could not be moved)."""
    backup: Backup | None
    """The newest backup that can be restored, or None when there is none."""
    notice: Notice | None = None
    """The finding behind it, pending until the learner restores or starts empty: quit
    instead, and the next start offers the same again."""


@dataclass(frozen=True)
class Change:
    """What ``ProgressStore.changed`` announces; read the store for the data itself."""

    kind: ChangeKind
    """``loaded``: the progress file was read; ``opened``: a roadmap (``session``) was
    opened, or none is active (``session`` is None); ``edited``: a ``commit``;
    ``replaced``: undo, redo, a merge, a restore or another program's write;
    ``damaged``: the file on disk cannot be read (what is held stays); ``recovery``:
    the file was found damaged at start and nothing is opened until the learner
    answers ``recovery`` (``restore_backup``, ``start_empty``)."""
    why: str = ""
    """A few words for a notification ("Undone", "Changed elsewhere")."""
    origin: object | None = None
    """Who committed an edit (a screen), so it can skip redrawing what it drew itself."""


class ProgressStore:
    """The progress, the open roadmap, the save queue and the file watcher."""

    def __init__(self, app: App[Any], data_dir: Path) -> None:
        self.app = app
        self.data_dir = data_dir
        """Where the progress file and imported roadmaps live."""
        self.changed: Signal[Change] = Signal(app, "progress-changed")
        """Published on the event loop after every change of ``progress`` or ``session``."""
        self.progress: Progress | None = None
        """The learner's progress, ahead of the file while a save is pending."""
        self.session: Session | None = None
        """The open roadmap, indexed (None while loading or when none is active)."""
        self.read_only = False
        """The file has a newer schema than this version writes: never save."""
        self.damaged: str | None = None
        """Why the file on disk cannot be read, while it cannot (the next save sets it aside)."""
        self.recovery: Recovery | None = None
        """Set while the file found damaged at start waits for the learner's choice."""
        self._file: ProgressFile | None = None
        self._io_lock = threading.Lock()
        self._generation = 0
        self._saved_generation = 0
        self._known_signature: tuple[int, int] | None = None
        self._save_timer: Timer | None = None
        self._view: dict[str, str] = {}
        self._view_dirty = False
        self._gate = threading.Lock()
        self._closed = threading.Event()
        self._in_flight = 0

    # --- reading ---------------------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        """Whether changes are waiting to reach the file."""
        return self._saved_generation != self._generation

    @property
    def loaded(self) -> bool:
        """Whether the progress file has been read."""
        return self.progress is not None

    def last_node(self, roadmap_id: str) -> str | None:
        """The node this roadmap was last left on, on this machine."""
        return self._view.get(roadmap_id)

    def remember_node(self, roadmap_id: str, node_id: str) -> None:
        """Keep the node shown, for the next start (written at close)."""
        if self._view.get(roadmap_id) != node_id:
            self._view = {**self._view, roadmap_id: node_id}
            self._view_dirty = True

    # --- talking to the event loop -----------------------------------------------------

    def call_from_thread(self, callback: Callable[..., object], *args: Any) -> bool:
        """Run ``callback`` on the event loop and wait for it, unless the store is closed.

        The one way workers (the store's and the screens') reach the loop: once ``close``
        has begun nothing new is sent, so no thread waits on a loop that stopped. True
        when ``callback`` ran.
        """
        with self._gate:
            if self._closed.is_set():
                return False
            self._in_flight += 1
        try:
            self.app.call_from_thread(callback, *args)
        except Exception:  # the app stopped under us (or the callback failed): drop it
            return False
        finally:
            with self._gate:
                self._in_flight -= 1
        return True

    def _publish(self, kind: ChangeKind, why: str = "", origin: object | None = None) -> None:
        self.changed.publish(Change(kind, why, origin))

    def _notify(
        self, message: str, title: str = "", severity: str = "warning", timeout: float | None = None
    ) -> None:
        from syllabus.model.text import clean_text

        # Messages name files and quote what was read: cleaned like the CLI's stderr lines.
        self.app.notify(
            clean_text(message),
            title=title,
            severity=severity,  # type: ignore[arg-type]
            timeout=timeout,
            markup=False,
        )

    def _tell(self, notes: list[Note], title: str) -> None:
        """Show notes; the ones that must be seen stay, as errors, until dismissed."""
        for text, lasting in notes:
            if lasting:
                self._notify(text, title, "error", timeout=PERSISTENT)
            else:
                self._notify(text, title)

    def _unseen(self, file: ProgressFile, shown: list[Notice]) -> tuple[list[Notice], list[Note]]:
        """The notices pending in the data dir (any thread), and the lines for those not
        ``shown`` already (as problem lines of a load or a save)."""
        pending = file.pending_notices()
        seen = {notice.id for notice in shown}
        return pending, [(n.message, True) for n in pending if n.id not in seen]

    # --- opening ---------------------------------------------------------------------

    def open(self) -> None:
        """Read the progress file, then open the active roadmap (in a worker)."""
        self.app.run_worker(
            self._open, thread=True, exclusive=True, group="open", exit_on_error=False
        )

    def _open(self) -> None:
        try:
            from syllabus.storage.progress_file import ProgressFile

            file = ProgressFile(self.data_dir)
            with self._io_lock:
                loaded = file.load()
                signature = file.signature()
            self._view = read_view(self.data_dir)  # read before any roadmap opens
        except Exception as error:  # shown, never a dead app
            self.call_from_thread(
                self._notify, f"{type(error).__name__}: {error}", _("Cannot open"), "error"
            )
            return
        notes = _load_notes(loaded)
        pending, unseen = self._unseen(file, loaded.notices)
        recovery = _recovery(self.data_dir, loaded) or _unanswered(file, loaded, pending)
        if recovery is not None:  # the dialog says it: no lasting toast besides
            notes = [note for note in notes if recovery.problem not in note[0]]
            unseen = [note for note in unseen if recovery.problem not in note[0]]
            # seen once answered (``_answered``): quitting leaves it for the next start
            pending = [n for n in pending if recovery.notice is None or n.id != recovery.notice.id]
        told = self.call_from_thread(
            self._file_read, file, loaded.progress, loaded.read_only, signature, notes + unseen
        )
        if told and pending:
            file.acknowledge(pending)  # a person has them on screen now
        if recovery is not None:
            self.call_from_thread(self._offer_recovery, recovery)
        else:
            self._open_active(loaded.progress)

    def _open_active(self, progress: Progress) -> None:
        """Open the roadmap a command would act on, or say none is active (any thread)."""
        from syllabus.model.rules import choose_roadmap

        chosen = choose_roadmap(progress)
        if chosen and progress.roadmap(chosen).enrolled is not None:
            self._open_roadmap(chosen)
        else:
            self.call_from_thread(self._opened, None, [])

    # --- a file found damaged at start -----------------------------------------------

    def _offer_recovery(self, recovery: Recovery) -> None:
        self.recovery = recovery
        self._publish("recovery")

    def start_empty(self) -> None:
        """The learner's answer to ``recovery``: go on with the empty progress."""
        recovery, self.recovery = self.recovery, None
        progress = self.progress
        if progress is not None:

            def work() -> None:
                self._answered(recovery)
                self._open_active(progress)

            self._run(work, "open")

    def _answered(self, recovery: Recovery | None) -> None:
        """The learner chose: the finding behind ``recovery`` is not offered again (any
        thread)."""
        file = self._file
        if recovery is not None and recovery.notice is not None and file is not None:
            file.acknowledge([recovery.notice])

    def restore_backup(self, name: str) -> None:
        """The learner's answer to ``recovery``: restore that backup (in a worker,
        through storage; one undo step), then open the roadmap it names."""
        recovery = self.recovery
        self._run(lambda: self._restore(name, recovery), "save")

    def _run(self, work: Callable[[], None], group: str) -> None:
        self.app.run_worker(work, thread=True, exclusive=True, group=group, exit_on_error=False)

    def _restore(self, name: str, recovery: Recovery | None) -> None:
        from syllabus.storage.progress_file import ProgressError

        file = self._file
        if file is None:
            return
        with self._io_lock:
            try:
                progress = file.restore(name)
            except (ProgressError, OSError) as error:
                failure: str | None = str(error)
            else:
                failure = None
                self._known_signature = file.signature()
        if failure is not None:
            self.call_from_thread(self._restore_failed, failure)
            return
        self.call_from_thread(self._restored, progress, name)
        self._answered(recovery)
        self._open_active(progress)

    def _restored(self, progress: Progress, name: str) -> None:
        self.recovery = None
        self._set_progress(progress)
        self._publish("replaced", f"Restored {name}")
        from syllabus.locale import _

        self._notify(_("Restored {name}. ctrl+z undoes it.").format(name=name), _("Restored"))

    def _restore_failed(self, reason: str) -> None:
        from syllabus.locale import _

        self._notify(reason, _("Not restored"), "error")
        if self.recovery is not None:
            self._publish("recovery")  # ask again: restore another way, start empty or quit

    def _start_watching(self) -> None:
        self.app.run_worker(
            self._watch, thread=True, exclusive=True, group="watch", exit_on_error=False
        )

    def _file_read(
        self,
        file: ProgressFile,
        progress: Progress,
        read_only: bool,
        signature: tuple[int, int] | None,
        notes: list[Note],
    ) -> None:
        self._file, self._known_signature, self.read_only = file, signature, read_only
        self._set_progress(progress)
        self._tell(notes, _("Progress file"))
        self._publish("loaded")
        self._start_watching()

    def open_roadmap(self, roadmap_id: str) -> None:
        """Open another roadmap (in a worker); ``changed`` says ``opened`` when it is."""
        self.app.run_worker(
            lambda: self._open_roadmap(roadmap_id),
            thread=True,
            exclusive=True,
            group="open",
            exit_on_error=False,
        )

    def _open_roadmap(self, roadmap_id: str) -> None:
        notes: list[str] = []
        session = open_session(roadmap_id, self.data_dir, self.progress, notes)
        self.call_from_thread(self._opened, session, notes)

    def _opened(self, session: Session | None, notes: list[str]) -> None:
        for note in notes:
            self._notify(note, severity="error" if session is None else "warning")
        if session is None and self.session is not None:
            return  # the roadmap open stays open (the note said why the other did not)
        self.session = session
        self._publish("opened")

    def catalog(self, done: Callable[[list[CatalogEntry]], object]) -> None:
        """The roadmaps there are, handed to ``done`` on the event loop (read in a worker)."""

        def read() -> None:
            from syllabus.catalog import entries

            try:
                found = entries(self.data_dir)
            except Exception as error:  # shown, never a dead app
                self.call_from_thread(self._notify, str(error), _("No roadmaps"), "error")
                return
            self.call_from_thread(done, found)

        self.app.run_worker(read, thread=True, exclusive=True, group="catalog", exit_on_error=False)

    # --- changing and saving ---------------------------------------------------------

    def _set_progress(self, progress: Progress) -> None:
        self.progress = progress

    def commit(self, progress: Progress, origin: object | None = None) -> None:
        """Take a changed progress (on the event loop), announce it, and save it soon."""
        self._set_progress(progress)
        self._generation += 1
        self._publish("edited", origin=origin)
        self._save_soon()

    def _save_soon(self) -> None:
        """Save once the keys pause (a burst of ticks is one write)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.app.set_timer(SAVE_DELAY, self._start_save)

    def _start_save(self) -> None:
        self._save_timer = None
        if self._can_save() and self.unsaved:
            self.app.run_worker(
                self._write, thread=True, exclusive=True, group="save", exit_on_error=False
            )

    def _can_save(self) -> bool:
        return self._file is not None and not self.read_only

    def _write(self) -> bool:
        """Write everything pending (any thread); True when it reached the file.

        Never waits for the loop while it holds the file: a hang-up's last save may have
        to run while the loop is stuck.
        """
        from syllabus.storage.progress_file import ProgressError

        file = self._file
        if file is None or self.read_only:
            return False
        with self._io_lock:
            generation, progress = self._generation, self.progress
            if generation == self._saved_generation or progress is None:
                return True
            try:
                written, merged, looked = self._save_into(file, progress)
            except (ProgressError, OSError) as error:
                failure: str | None = str(error)
            else:
                failure = None
                self._known_signature = file.signature()
                self._saved_generation = max(self._saved_generation, generation)
        if failure is not None:
            self.call_from_thread(self._save_failed, failure)
            return False
        # A damaged file set aside by this save is a notice for the learner, at once.
        pending, unseen = self._unseen(file, []) if looked else ([], [])
        told = self.call_from_thread(self._saved, written if merged else None, unseen)
        if told and pending:
            file.acknowledge(pending)
        return True

    def _save_into(self, file: ProgressFile, progress: Progress) -> tuple[Progress, bool, bool]:
        """What is on disk after the save, whether another program's changes are in it,
        and whether the file had changed behind the app's back (it may have been set
        aside: look for notices)."""
        from syllabus.model.progress import merge

        if file.signature() == self._known_signature:
            return file.save(progress), False, False
        try:
            check_intact(file)
        except FileDamaged:
            # storage sets the damaged file aside; what this app holds is written whole,
            # and not as an undo step (undoing it would empty the file)
            whole = file.update(lambda disk: merge(disk, progress, prefer_a=True), journal=False)
            return whole, False, True
        return file.save(progress), True, True

    def _saved(self, on_disk: Progress | None, notes: list[Note]) -> None:
        """A save landed; ``on_disk`` is what it wrote when it merged another's changes."""
        from syllabus.model.progress import merge

        if self.damaged is not None:
            self.damaged = None
            self.app.clear_notifications()
            self._notify(_("The damaged file was set aside and your progress saved."), _("Saved"))
        self._tell(notes, _("Progress file"))
        if on_disk is not None and self.progress is not None:
            self._set_progress(merge(self.progress, on_disk))
            self._publish("replaced", "Merged changes made elsewhere")

    def _save_failed(self, reason: str) -> None:
        self._notify(
            reason
            + "\n"
            + _("Your change is kept; trying again in {seconds} s.").format(
                seconds=f"{RETRY_SECONDS:.0f}"
            ),
            _("Not saved"),
            "error",
        )
        self.app.set_timer(RETRY_SECONDS, self._start_save)

    # --- another program's writes ----------------------------------------------------

    def _watch(self) -> None:
        """Pick up another program's writes: a thread looks at the file's signature."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        broken_since: float | None = None
        told: tuple[int, int] | None = None  # the damaged file the learner was told about
        while not worker.is_cancelled and not self._closed.wait(
            DAMAGE_RETRY_SECONDS if broken_since is not None and told is None else WATCH_SECONDS
        ):
            file = self._file
            if file is None or self.unsaved:
                continue
            with self._io_lock:
                signature = file.signature()
                if signature in (self._known_signature, told):
                    continue
                try:
                    check_intact(file)
                except FileDamaged as damage:
                    damaged: str | None = str(damage)
                else:
                    damaged = None
                    loaded = file.load()
                    self._known_signature = file.signature()
            if damaged is None:
                broken_since = told = None
                self.call_from_thread(self._external, loaded.progress)
                continue
            broken_since = broken_since or time.monotonic()
            if time.monotonic() - broken_since >= DAMAGE_GRACE:
                told = signature
                self.call_from_thread(self._file_damaged, damaged)

    def _file_damaged(self, reason: str) -> None:
        self.damaged = reason
        self._notify(
            _(
                "{file} cannot be read ({reason}). Your progress here is kept; the next "
                "change saves it and sets the damaged file aside."
            ).format(file=self._file.path if self._file else _("The progress file"), reason=reason),
            _("Progress file damaged"),
            "error",
            timeout=PERSISTENT,
        )
        self._publish("damaged", reason)

    def _external(self, progress: Progress) -> None:
        from syllabus.model.progress import merge

        if self.unsaved and self.progress is not None:
            progress = merge(progress, self.progress)
        if self.damaged is not None:
            self.damaged = None
            self.app.clear_notifications()
        self._set_progress(progress)
        self._publish("replaced", "Changed elsewhere")

    # --- undo ------------------------------------------------------------------------

    def travel(self, direction: Literal["undo", "redo"]) -> None:
        """Undo this machine's last saved change, or redo the last undone (in a worker)."""
        if self._can_save():
            self.app.run_worker(
                lambda: self._travel(direction),
                thread=True,
                exclusive=True,
                group="save",
                exit_on_error=False,
            )

    def _travel(self, direction: Literal["undo", "redo"]) -> None:
        from syllabus.storage.progress_file import ProgressError

        if not self._write():
            return
        file = self._file
        assert file is not None
        with self._io_lock:
            try:
                result = file.undo() if direction == "undo" else file.redo()
            except (ProgressError, OSError) as error:
                failure: str | None = str(error)
            else:
                failure = None
                self._known_signature = file.signature()
        if failure is not None:
            title = _("Cannot undo") if direction == "undo" else _("Cannot redo")
            self.call_from_thread(self._notify, failure, title, "error")
            return
        why = _("Undone") if direction == "undo" else _("Redone")
        self.call_from_thread(self._travelled, result, why, direction)

    def _travelled(self, progress: Progress | None, why: str, direction: str) -> None:
        if progress is None:
            nothing = _("Nothing to undo.") if direction == "undo" else _("Nothing to redo.")
            self.app.notify(nothing, markup=False)
            return
        self._set_progress(progress)
        self._publish("replaced", why)
        self.app.notify(why, markup=False, timeout=2)

    # --- closing ---------------------------------------------------------------------

    async def close(self) -> bool:
        """Stop talking to the loop, let calls on their way land, write what is pending.

        True when nothing is left unsaved. Safe to call more than once.
        """
        self.shut()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + CLOSE_WAIT
        while self._in_flight and loop.time() < deadline:
            await asyncio.sleep(0.01)
        return await asyncio.to_thread(self.flush)

    def shut(self) -> None:
        """From now on no thread reaches the loop (any thread; ``close`` begins with it)."""
        with self._gate:
            self._closed.set()

    def reopen(self) -> None:
        """Back to work after a ``close`` whose save failed (the learner stays)."""
        with self._gate:
            self._closed.clear()
        if self._file is not None:
            self._start_watching()

    def flush(self) -> bool:
        """Write what is pending and the view, synchronously (any thread, also after the
        app stopped); True when nothing is left unsaved."""
        saved = not self.unsaved or self._write()
        self._write_view()
        return saved

    def _write_view(self) -> None:
        if self._view_dirty:
            self._view_dirty = False
            write_view(self.data_dir, self._view)


def _recovery(root: Path, loaded: Loaded) -> Recovery | None:
    """What to offer when the file was found damaged and its bytes were kept aside
    (any thread: reads the newest backup to say what it holds)."""
    if not loaded.damaged or loaded.read_only:
        return None
    notice = next((n for n in loaded.notices if n.kind == "damaged"), None)
    return None if notice is None else _recovery_from(root, notice)


def _recovery_from(root: Path, notice: Notice) -> Recovery:
    backup = None
    if notice.backup is not None and notice.backup_time is not None:
        backup = _describe_backup(root, notice.backup, notice.backup_time)
    return Recovery(
        file=notice.file, problem=notice.found, kept=notice.kept, backup=backup, notice=notice
    )


def _unanswered(file: ProgressFile, loaded: Loaded, pending: list[Notice]) -> Recovery | None:
    """The recovery offered at an earlier start and left by quitting (any thread): the
    progress file is still missing and the damaged bytes are still where they were kept.
    Without this the next start was an empty one, its backup offered nowhere."""
    if loaded.damaged or loaded.read_only or file.path.exists():
        return None
    for notice in reversed(pending):  # the newest finding first
        if notice.kind == "damaged" and notice.kept and Path(notice.kept).exists():
            if Path(notice.file) == file.path:
                return _recovery_from(file.root, notice)
    return None


def _describe_backup(root: Path, name: str, modified: datetime) -> Backup:
    """The backup's name, date and what it holds (storage reads it)."""
    from syllabus.storage.backups import Backup, describe

    try:
        return describe(root, name)
    except OSError:  # gone since: still named, its command would say so
        return Backup(name, root / name, 0, modified)


def _load_notes(loaded: Loaded) -> list[Note]:
    """What a load found, for the learner: damage and findings kept as notices stay on
    screen; why the file is read-only is said unless a problem line says it already."""
    lasting = loaded.damaged or bool(loaded.notices)
    notes = [(problem, lasting) for problem in loaded.problems]
    reason = loaded.read_only_reason
    if loaded.read_only and reason and not any(reason in problem for problem in loaded.problems):
        notes.append((_("Nothing is saved: {reason}").format(reason=reason), True))
    return notes
