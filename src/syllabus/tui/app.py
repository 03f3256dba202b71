"""The app shell: first frame at once, then the roadmap and progress from a worker.

Only Textual's shell is imported here, so the first frame costs what a minimal
Textual app costs; the models, the catalog, the schedule and the screens load in a
thread after mount. The app owns the in-memory progress and the progress file:
screens change progress with ``commit`` and the app saves off the event loop, one
exclusive worker writing everything pending, retrying after a failure, flushing
before it exits, and picking up what another instance writes.
"""

from __future__ import annotations

import gc
import signal
import threading
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, ComposeResult, get_system_commands_provider
from textual.binding import Binding
from textual.widgets import Footer, Header, Label

from syllabus.tui.messages import ProgressReplaced, ProgressSaved, SaveFailed

if TYPE_CHECKING:
    from textual.timer import Timer

    from syllabus.catalog import CatalogEntry
    from syllabus.model.progress import Progress
    from syllabus.model.schedule import Plan, Status
    from syllabus.storage.progress_file import Loaded, ProgressFile
    from syllabus.tui.last_screen import LastScreen
    from syllabus.tui.session import Session

_USUAL_GC = gc.get_threshold()
"""The cycle collector's thresholds, restored once start-up is over."""

RETRY_SECONDS = 5.0
"""How long after a failed save the app tries again."""

SAVE_DELAY = 0.15
"""Seconds of quiet before a save starts, so the write never competes with the next frame."""

WATCH_SECONDS = 0.5
"""How often the watcher thread looks at the progress file's signature."""

STARTUP_GC_THRESHOLD = 100_000
"""Allocations between young-generation collections until the first screen of content."""

STARTUP_SECONDS = 5.0
"""The collector's usual pace comes back by then even if no content showed."""

FOOTER_TRIES = 20
"""Refreshes to wait for the footer's keys before loading anyway."""

REMEMBER_DELAY = 1.0
"""Seconds after content shows before the first screen is saved for the next start
(computing it while the screen is drawn would delay that frame)."""

WEEK_BUDGET = 0.15
"""Seconds quitting may spend saving the coming week's first screens."""


def _search_provider() -> type:
    """The roadmap search, imported when the palette first opens."""
    from syllabus.tui.search import RoadmapSearch

    return RoadmapSearch


def open_session(
    roadmap_id: str,
    data_dir: Path,
    progress: Progress | None,
    notes: list[tuple[str, str, str]],
) -> Session | None:
    """A roadmap indexed with its plan and status, or None with a note why (any thread)."""
    from syllabus.catalog import load_roadmap
    from syllabus.tui.screens.main import MainScreen  # noqa: F401  (warm the import)
    from syllabus.tui.session import Session

    try:
        roadmap = load_roadmap(roadmap_id, data_dir)
    except Exception as error:  # a damaged or missing roadmap must not kill the app
        notes.append((f"Cannot open roadmap {roadmap_id}: {error}", "", "error"))
        return None
    session = Session(roadmap, roadmap_id)
    if progress is not None:
        from syllabus.clock import today

        try:
            day = today(progress.settings.day_start_hour)
            session.plan, session.status = session.schedule(progress, day)
            session.marks = session.calendar_marks(session.plan, progress.roadmap(roadmap_id))
        except Exception as error:  # the checklist is still useful without a plan
            notes.append((f"No schedule: {error}", "", "warning"))
    return session


class Opening:
    """What opening needs: the progress file read and the active roadmap indexed.

    Built in the app's loading worker, after the first frame. (Read before the app
    starts, it overlaps Textual's own start-up, but under the GIL that only trades a
    slower first frame for no earlier content: measured, both ratios got worse.)
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.file: ProgressFile | None = None
        self.loaded: Loaded | None = None
        self.signature: tuple[int, int] | None = None
        self.session: Session | None = None
        self.notes: list[tuple[str, str, str]] = []
        """(message, title, severity) to notify once the app runs."""
        self.error: Exception | None = None

    def read(self) -> None:
        """Read everything; an error is kept in ``error``, never raised."""
        try:
            from syllabus.storage.progress_file import ProgressFile

            self.file = ProgressFile(self.data_dir)
            self.loaded = loaded = self.file.load()
            self.signature = self.file.signature()
            for problem in loaded.problems:
                self.notes.append((problem, "Progress file", "warning"))
            if loaded.read_only:
                newer = "This progress file was written by a newer syllabus; nothing is saved."
                self.notes.append((newer, "", "warning"))
            active = loaded.progress.settings.active_roadmap
            if active and loaded.progress.roadmap(active).enrolment is not None:
                self.session = open_session(active, self.data_dir, loaded.progress, self.notes)
        except Exception as error:  # reported by the app, never a dead app
            self.error = error


class SyllabusApp(App[int]):
    """Plan and track a self-study roadmap from the keyboard."""

    CSS_PATH = ["tcss/app.tcss", "tcss/calendar.tcss"]
    TITLE = "syllabus"
    COMMANDS = {get_system_commands_provider, _search_provider}
    COMMAND_PALETTE_DISPLAY = "ctrl+p"

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("ctrl+y", "redo", "Redo", show=False),
    ]

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        """Where the progress file and imported roadmaps live."""
        self._progress: Progress | None = None
        self._progress_version = 0
        self._status_version = -1
        self.session: Session | None = None
        """The open roadmap, indexed."""
        self.read_only = False
        """The file has a newer schema than this version writes: never save."""
        self._file: ProgressFile | None = None
        self._io_lock = threading.Lock()
        self._generation = 0
        self._saved_generation = 0
        self._known_signature: tuple[int, int] | None = None
        self._quitting = False
        self._save_timer: Timer | None = None
        self._last_screen_text: str | None = None
        self._merge_pending = False

    @property
    def progress(self) -> Progress | None:
        """The learner's progress as the app holds it, ahead of the file while saving."""
        return self._progress

    @progress.setter
    def progress(self, progress: Progress | None) -> None:
        self._progress = progress
        self._progress_version += 1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Opening your roadmap…", id="loading")
        yield Footer()

    def on_mount(self) -> None:
        self.set_timer(STARTUP_SECONDS, _started)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._install_signal_handlers()
        # after the first frame: the loading thread would otherwise slow it down
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        """Paint the last screen of this roadmap if nothing changed since, then load."""
        from syllabus.tui.last_screen import read

        saved = read(self.data_dir)
        if saved is None:
            self._open()
            return
        self._last_screen_text = saved.text
        self._show_preview(saved)

    def _show_preview(self, saved: LastScreen, tries: int = 0) -> None:
        """The saved screen, once the footer's keys are on screen, then the load behind it.

        Covered before its keys arrive, the first frame would never show them.
        """
        if tries < FOOTER_TRIES and not self.screen.query_one(Footer).children:
            self.call_after_refresh(self._show_preview, saved, tries + 1)
            return
        if tries < FOOTER_TRIES:  # the keys are mounted: one more refresh paints them
            self.call_after_refresh(self._show_preview, saved, FOOTER_TRIES)
            return
        from syllabus.tui.screens.preview import PreviewScreen

        self.sub_title = saved.sub_title
        if saved.theme:
            self._apply_theme(saved.theme)
        self.push_screen(PreviewScreen(saved))
        # once the preview is on screen: the loading thread would slow its frame down
        self.call_after_refresh(lambda: self.call_after_refresh(self._open))

    def _install_signal_handlers(self) -> None:
        """SIGTERM and SIGHUP quit like `q`: the pending save is written first."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(signum, self._on_signal)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass

    def _on_signal(self) -> None:
        self.call_next(self._flush_and_exit)

    # --- opening ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _open(self) -> None:
        """Load progress, then the active roadmap or the welcome list, off the loop."""
        try:
            self._open_now()
        except Exception as error:  # shown, never a dead app
            self.call_from_thread(self._cannot_open, f"{type(error).__name__}: {error}")

    def _cannot_open(self, reason: str) -> None:
        from textual.content import Content

        self._leave_preview()
        self.query_one("#loading", Label).update(Content(f"Cannot open: {reason}"))
        self.notify(reason, title="Cannot open", severity="error", markup=False)

    def _open_now(self) -> None:
        opening = Opening(self.data_dir)
        opening.read()
        if opening.error is not None:
            raise opening.error
        loaded, session = opening.loaded, opening.session
        assert loaded is not None and opening.file is not None
        self._file = opening.file
        self._known_signature = opening.signature
        self.progress = loaded.progress
        self.read_only = loaded.read_only
        for message, title, severity in opening.notes:
            self.notify(message, title=title, severity=severity, markup=False)  # type: ignore[arg-type]
        if loaded.progress.settings.theme:
            self.call_from_thread(self._apply_theme, loaded.progress.settings.theme)
        if session is None:
            self.call_from_thread(self._show_welcome, self._entries(), False)
        else:
            self.call_from_thread(self._show_main, session)
            if self._last_screen_text is None:  # a valid saved screen is this one already
                opened = partial(self._remember_opened, self._progress_version, session.status)
                self.call_from_thread(self.set_timer, REMEMBER_DELAY, opened)
        self.call_from_thread(self._watch_file)

    def _load_session(self, roadmap_id: str) -> Session | None:
        """The roadmap indexed, or None with a notification (runs in a thread)."""
        notes: list[tuple[str, str, str]] = []
        session = open_session(roadmap_id, self.data_dir, self.progress, notes)
        for message, title, severity in notes:
            self.notify(message, title=title, severity=severity, markup=False)  # type: ignore[arg-type]
        return session

    @work(thread=True, exclusive=True, exit_on_error=False, group="warm")
    def _warm_imports(self) -> None:
        """Import the Markdown view, the highlighter and the dialogs once content shows.

        They are not needed for the first screen of content; imported later on the
        event loop they would stall a key press.
        """
        import textual.highlight  # noqa: F401
        import textual.widgets._markdown  # noqa: F401
        from pygments.lexers import get_lexer_by_name

        for language in ("json", "python", "bash", "text"):
            get_lexer_by_name(language)
        import syllabus.tui.screens.checkin  # noqa: F401
        import syllabus.tui.screens.note  # noqa: F401
        import syllabus.tui.screens.own_item  # noqa: F401

        self.call_from_thread(self._markdown_ready)

    def _markdown_ready(self) -> None:
        from syllabus.tui.widgets.detail_pane import DetailPane

        for screen in self.screen_stack:
            for pane in screen.query(DetailPane):
                pane.enable_markdown()

    def _entries(self) -> list[CatalogEntry]:
        from syllabus.catalog import entries
        from syllabus.tui.screens.welcome import WelcomeScreen  # noqa: F401  (warm the import)

        return entries(self.data_dir)

    def _show_welcome(self, catalog: list[CatalogEntry], cancellable: bool) -> None:
        from syllabus.tui.screens.welcome import WelcomeScreen

        assert self.progress is not None
        screen = WelcomeScreen(catalog, self.progress, cancellable=cancellable)
        typed = self._leave_preview()
        self.push_screen(screen, self._chosen)
        self._replay(typed)

    def _show_main(self, session: Session) -> None:
        from syllabus.tui.screens.main import MainScreen

        self.session = session
        from syllabus.tui.literal import one_line

        self.sub_title = one_line(session.roadmap.title)
        typed = self._leave_preview()
        if isinstance(self.screen, MainScreen):
            self.switch_screen(MainScreen())
        else:
            self.push_screen(MainScreen())
        self._replay(typed)
        self.call_after_refresh(self._warm_imports)
        self.call_after_refresh(_started)

    def _leave_preview(self) -> list[Any]:
        """Take the preview down, if it shows; the keys typed on it, to replay."""
        from syllabus.tui.screens.preview import PreviewScreen

        previews = [s for s in self.screen_stack if isinstance(s, PreviewScreen)]
        if not previews:
            return []
        # a palette opened (ctrl+p) over the preview goes with it: it searched nothing
        while previews[0] in self.screen_stack and len(self.screen_stack) > 1:
            self.pop_screen()  # takes the screen off the stack at once
        return previews[0].typed

    def _replay(self, typed: list[Any]) -> None:
        """Hand keys typed on the preview to the screen that replaced it, in order."""
        if not typed:
            return
        from textual.events import Key

        def replay() -> None:
            for key in typed:
                self.post_message(Key(key.key, key.character))

        # after the new screen has mounted (and so has focus): its keys act on it
        self.call_after_refresh(replay)

    def status_version(self) -> int:
        """A token for the progress now held; the main screen hands it back with the status
        it computes from that progress (``status_computed``)."""
        return self._progress_version

    def status_computed(self, version: int) -> None:
        """The main screen's status is now that of progress ``version``: save its first
        screen when that is the progress the file holds (now, or once the save lands)."""
        self._status_version = version
        self._remember()

    def _remember_opened(self, version: int, status: Status | None) -> None:
        """Save the first screen as opened, if nothing changed since (else a save does)."""
        main = self._main_screen()
        if main is not None and main.status is status and version == self._progress_version:
            self.status_computed(version)

    def _fresh_status(self) -> tuple[Plan | None, Status | None] | None:
        """The main screen's plan and status if computed from the progress held now.

        Taken from the screen, never kept here: a second plan of a large roadmap kept
        alive while the screen computes the next would double its memory.
        """
        main = self._main_screen()
        if main is None or self._status_version != self._progress_version:
            return None
        return main.plan, main.status

    def _remember(self) -> None:
        """Save today's first screen for the next start, once memory and the file agree.

        On the event loop, once the keys rest (after a save): a few milliseconds of pure
        Python and a small write. A thread of its own cost more: each new thread that
        allocates takes a malloc arena, which showed as +15 MB peak on 10,000 items.
        """
        fresh = self._fresh_status()
        if fresh is None or not self._agreed():
            return
        assert self.session is not None and self.progress is not None
        self._save_last_screen(
            self.session, self.progress, self._known_signature, budget=0.0, opened=fresh
        )

    def _agreed(self) -> bool:
        """Whether the progress in memory is exactly the file's (so a saved screen is true)."""
        return (
            self.session is not None
            and self.progress is not None
            and not self.unsaved
            and not self._merge_pending
            and self._known_signature is not None
        )

    def _save_week(self) -> None:
        """At quit: the coming week's first screens too, so each day's first start is quick."""
        from syllabus.tui.first_screen import WEEK_ITEMS

        session = self.session
        if session is not None and len(session.item_node) > WEEK_ITEMS:
            return  # today's view was saved when the last change landed; no more days
        if self._agreed():
            assert self.session is not None and self.progress is not None
            today_status = self._fresh_status()
            self._save_last_screen(
                self.session,
                self.progress,
                self._known_signature,
                budget=WEEK_BUDGET,
                today_status=today_status,
            )

    def _save_last_screen(
        self,
        session: Session,
        progress: Progress,
        signature: tuple[int, int] | None,
        budget: float,
        opened: tuple[Plan | None, Status | None] | None = None,
        today_status: tuple[Plan | None, Status | None] | None = None,
    ) -> None:
        """Write the saved first screen(s) if they changed (any thread; a cache: never fails).

        ``opened``: today's plan and status, already computed; else the week's are.
        """
        from syllabus.tui.first_screen import day_view, saved_screen, week_views
        from syllabus.tui.last_screen import dumps, write

        try:
            if opened is not None:
                from syllabus.clock import today

                day = today(progress.settings.day_start_hour)
                view = day_view(session, progress, *opened, day)
                views = {day: view} if view is not None else {}
            else:
                views = week_views(session, progress, budget, today_status)
            saved = saved_screen(session, progress, signature, self.data_dir, views)
            if saved is None:
                return
            text = dumps(saved)
            if text != self._last_screen_text:
                write(self.data_dir, text)
                self._last_screen_text = text
        except Exception:  # the next start is just slower
            return

    def _chosen(self, choice: tuple[str, Any] | None) -> None:
        """The welcome screen's answer: (roadmap id, Enrolment or None to just switch)."""
        if choice is None:
            return
        from syllabus.clock import now
        from syllabus.model.progress import enrol, set_active

        roadmap_id, enrolment = choice
        assert self.progress is not None
        if enrolment is None:
            self.commit(set_active(self.progress, roadmap_id, now()))
        else:
            self.commit(enrol(self.progress, roadmap_id, enrolment))
        self._switch_roadmap(roadmap_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _switch_roadmap(self, roadmap_id: str) -> None:
        session = self._load_session(roadmap_id)
        if session is not None:
            self.call_from_thread(self._show_main, session)

    def action_roadmaps(self) -> None:
        """Switch roadmap or enrol in another."""
        self._list_roadmaps()

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _list_roadmaps(self) -> None:
        self.call_from_thread(self._show_welcome, self._entries(), True)

    # --- the theme is a setting, kept in the progress file ----------------------------

    def _apply_theme(self, name: str) -> None:
        if name in self.available_themes and name != self.theme:
            self.theme = name

    def _theme_changed(self, theme: Any) -> None:
        progress = self.progress
        if progress is None or progress.settings.theme == theme.name:
            return
        from syllabus.clock import now

        settings = replace(progress.settings, theme=theme.name, updated=now())
        self.commit(replace(progress, settings=settings))

    # --- changing and saving ---------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        """Whether changes are waiting to reach the file."""
        return self._saved_generation != self._generation

    def commit(self, progress: Progress) -> None:
        """Take a changed progress (made with ``model.progress`` functions) and save it."""
        self.progress = progress
        self._generation += 1
        self.save()

    def save(self) -> None:
        """Save everything pending once the keys pause (a burst of ticks is one write)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._start_save)

    def _start_save(self) -> None:
        self._save_timer = None
        if not self.read_only and self._file is not None and self.unsaved:
            self._save()

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self) -> None:
        self._write()

    def _write(self) -> bool:
        """Write the current progress (any thread); True when it reached the file."""
        from syllabus.storage.progress_file import ProgressError

        assert self._file is not None
        with self._io_lock:
            generation, progress = self._generation, self.progress
            if generation == self._saved_generation or progress is None:
                return True
            foreign = self._file.signature() != self._known_signature
            self._merge_pending = self._merge_pending or foreign
            try:
                merged = self._file.save(progress)
            except (ProgressError, OSError) as error:
                self.post_message(SaveFailed(str(error)))
                return False
            self._known_signature = self._file.signature()
        self.post_message(ProgressSaved(generation, foreign, merged))
        return True

    def on_progress_saved(self, message: ProgressSaved) -> None:
        self._saved_generation = max(self._saved_generation, message.generation)
        if message.foreign and message.merged is not None:
            from syllabus.model.progress import merge

            assert self.progress is not None
            self.progress = merge(self.progress, message.merged)
            self._merge_pending = False
            self._replaced("Merged changes made elsewhere")
        elif not self.unsaved:
            self._remember()

    def on_save_failed(self, message: SaveFailed) -> None:
        self.notify(
            f"{message.reason}\nYour change is kept; trying again in {RETRY_SECONDS:.0f} s.",
            title="Not saved",
            severity="error",
            markup=False,
        )
        self.set_timer(RETRY_SECONDS, self._start_save)

    def _replaced(self, why: str) -> None:
        """Tell every screen the progress changed under it."""
        for screen in self.screen_stack:
            screen.post_message(ProgressReplaced(why))

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch")
    def _watch_file(self) -> None:
        """Pick up another instance's writes: a thread looks at the file's signature."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        stop = threading.Event()
        while not worker.is_cancelled and not stop.wait(WATCH_SECONDS):
            if self._file is None or self.unsaved:
                continue
            with self._io_lock:
                signature = self._file.signature()
                if signature == self._known_signature:
                    continue
                try:
                    loaded = self._file.load()
                except Exception:  # a half-written file from a foreign tool: try next time
                    continue
                self._known_signature = signature
            self.call_from_thread(self._external, loaded.progress)

    def _external(self, progress: Progress) -> None:
        from syllabus.model.progress import merge

        if self.unsaved and self.progress is not None:
            progress = merge(progress, self.progress)
        self.progress = progress
        self._replaced("Changed elsewhere")
        self._remember()

    # --- undo ------------------------------------------------------------------------

    def action_undo(self) -> None:
        """Undo this machine's last saved change."""
        if self._file is not None and not self.read_only:
            self._history("undo")

    def action_redo(self) -> None:
        """Redo the last undone change."""
        if self._file is not None and not self.read_only:
            self._history("redo")

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _history(self, which: str) -> None:
        from syllabus.storage.progress_file import ProgressError

        if not self._write():
            return
        assert self._file is not None
        with self._io_lock:
            try:
                result = self._file.undo() if which == "undo" else self._file.redo()
            except (ProgressError, OSError) as error:
                self.notify(str(error), title=f"Cannot {which}", severity="error", markup=False)
                return
            self._known_signature = self._file.signature()
        if result is None:
            self.notify(f"Nothing to {which}.", markup=False)
            return
        self.call_from_thread(self._history_done, result, "Undone" if which == "undo" else "Redone")

    def _history_done(self, progress: Progress, why: str) -> None:
        self.progress = progress
        self._replaced(why)
        self.notify(why, markup=False, timeout=2)
        self._remember()

    # --- the calendar screen asks; the main screen does -------------------------------

    def _main_screen(self) -> Any | None:
        from syllabus.tui.screens.main import MainScreen

        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def on_calendar_screen_check_in_requested(self, message: Any) -> None:
        main = self._main_screen()
        if main is not None:
            main.open_check_in(message.day)

    def on_calendar_screen_check_in_edit_requested(self, message: Any) -> None:
        main = self._main_screen()
        if main is not None and self.progress is not None:
            checkin = self.progress.checkins.get(message.checkin_id)
            if checkin is not None:
                main.open_check_in(checkin.date, checkin.id)

    def on_calendar_screen_check_in_delete_requested(self, message: Any) -> None:
        main = self._main_screen()
        if main is not None:
            main.delete_check_in(message.checkin_id)

    # --- help and quitting -----------------------------------------------------------

    def action_help(self) -> None:
        """Every key of the current screen, from the bindings."""
        try:
            from syllabus.tui.screens.help import HelpScreen
        except ImportError:
            self.action_show_help_panel()
            return
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit once everything is saved; a second quit leaves even if a save fails."""
        if self.unsaved and not self.read_only and not self._quitting:
            import asyncio

            self._quitting = True
            if not await asyncio.to_thread(self._write):
                self.notify("Press q again to quit without saving.", severity="error")
                return
        await self._save_week_then_exit()

    async def _save_week_then_exit(self) -> None:
        self._save_week()  # on the loop: the app is leaving, and no thread is started
        self._keep_loadable()
        self.exit(0)

    def _keep_loadable(self) -> None:
        """Keep the file as last saved ready for the next start (see ``storage.cache``)."""
        if self._file is not None:
            with self._io_lock:
                self._file.remember()

    async def _flush_and_exit(self) -> None:
        if self.unsaved and not self.read_only and self._file is not None:
            import asyncio

            await asyncio.to_thread(self._write)
        await self._save_week_then_exit()

    def flush(self) -> None:
        """Write anything still pending, synchronously (after the app has stopped)."""
        if self.unsaved and not self.read_only and self._file is not None:
            self._write()


def _started() -> None:
    """Content is on screen: the cycle collector back to its usual pace."""
    gc.set_threshold(*_USUAL_GC)


def run(data_dir: Path) -> int:
    """Open the app on a data directory; returns the exit code."""
    # Start-up makes a few hundred thousand objects that live on (Textual's, the
    # roadmap's): the cycle collector walking them again and again was ~8 % of the
    # time to content (measured, cold start). It runs as usual once content shows.
    gc.set_threshold(STARTUP_GC_THRESHOLD, 50, 100)
    app = SyllabusApp(data_dir)
    result = app.run()
    app.flush()
    app._keep_loadable()
    return result or 0
