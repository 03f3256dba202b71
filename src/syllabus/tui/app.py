"""The app shell: the main screen at once, the roadmap loading behind it.

The main screen shows from the first frame with its panes loading; the progress
store (``store.ProgressStore``) reads the file and the active roadmap in a worker and
announces them on its signal. The App owns the store and the signal, shows the welcome
screen when no roadmap is active, keeps the theme in the settings, and on quit or a
hang-up closes the store (everything pending is written) before it exits. It routes
no messages between screens: each screen acts through the store.
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, get_system_commands_provider
from textual.binding import Binding

from syllabus.locale import _
from syllabus.tui.store import Change, ProgressStore

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import SystemCommand
    from textual.screen import Screen
    from textual.theme import Theme

    from syllabus.catalog import CatalogEntry

STARTUP_SECONDS = 5.0
"""The collector's usual pace comes back by then even if no content showed."""

HANG_UP_GRACE = 1.5
"""Seconds after SIGHUP or SIGTERM by which the process has ended, saved, whatever happens."""


def _search_provider() -> type:
    """The roadmap search, imported when the palette first opens."""
    from syllabus.tui.search import RoadmapSearch

    return RoadmapSearch


def _settings_provider() -> type:
    """The settings entries (language), imported when the palette first opens."""
    from syllabus.tui.settings_commands import SettingsCommands

    return SettingsCommands


def _content_shown() -> None:
    from syllabus.startup import app_ready

    app_ready()


class SyllabusApp(App[int]):
    """Plan and track a self-study roadmap from the keyboard."""

    CSS_PATH = ["tcss/app.tcss", "tcss/calendar.tcss"]
    TITLE = "syllabus"
    COMMANDS = {get_system_commands_provider, _search_provider, _settings_provider}
    COMMAND_PALETTE_DISPLAY = "ctrl+p"

    BINDINGS = [
        Binding("q", "quit", _("Quit")),
        Binding("ctrl+q", "quit", _("Quit"), show=False, priority=True),
        Binding("question_mark", "help", _("Help")),
        Binding("f1", "help", _("Help"), show=False),
        Binding("ctrl+z", "undo", _("Undo"), show=False),
        Binding("ctrl+y", "redo", _("Redo"), show=False),
        # Textual's own palette binding, with its footer word and tooltip translated
        Binding(
            "ctrl+p",
            "command_palette",
            _("palette"),
            show=False,
            key_display="ctrl+p",
            priority=True,
            tooltip=_("Open the command palette"),
        ),
    ]

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        """Where the progress file and imported roadmaps live."""
        self.store = ProgressStore(self, data_dir)
        """The learner's progress, the open roadmap, saving and the file watcher."""
        self._leaving = False
        self._hung_up = False
        self._usual_handlers: dict[int, Any] = {}

    def get_default_screen(self) -> Screen[Any]:
        from syllabus.tui.screens.main import MainScreen

        return MainScreen(self.store)

    def on_mount(self) -> None:
        self.store.changed.subscribe(self, self._store_changed)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._install_signal_handlers()
        self.set_timer(STARTUP_SECONDS, _content_shown)

    def on_ready(self) -> None:
        """The first frame is on screen: the roadmap loads now (a loading thread started
        before it slowed that frame; one started after the next refresh waited ~30 ms,
        most of it for a frame tick, issue 18)."""
        self.store.open()

    def _install_signal_handlers(self) -> None:
        """SIGTERM and SIGHUP quit like `q`: everything pending is written first.

        Plain ``signal.signal`` handlers, not the loop's: they run even while the main
        thread waits on the terminal. A closed terminal also sends SIGCONT, and Textual
        then resumes its output on the dead terminal and can wait on it for ever, so a
        hang-up is answered twice: the usual quit on the loop and, should that not be
        over within ``HANG_UP_GRACE`` seconds, a thread that saves and ends the process.
        """
        loop = asyncio.get_running_loop()

        def on_signal(signum: int, frame: object) -> None:
            self._leaving = True  # no one is left to answer a question
            if not self._hung_up:
                self._hung_up = True
                threading.Thread(target=self._leave_anyway, daemon=True).start()
            try:
                loop.call_soon_threadsafe(self.call_next, self.action_quit)
            except RuntimeError:  # the loop is gone: the app is leaving already
                pass

        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                self._usual_handlers[signum] = signal.signal(signum, on_signal)
            except (ValueError, OSError):  # not the main thread, or no such signal
                pass

    def _leave_anyway(self) -> None:
        time.sleep(HANG_UP_GRACE)
        from syllabus.startup import exit_now

        self.store.shut()  # the loop may be stuck: a save must not wait for it
        self.store.flush()
        exit_now(0)

    def _store_changed(self, change: Change) -> None:
        store = self.store
        if change.kind == "loaded" and store.progress is not None:
            name = store.progress.settings.theme
            if name and name in self.available_themes and name != self.theme:
                self.theme = name
        elif change.kind == "recovery" and store.recovery is not None:
            from syllabus.tui.screens.recovery import RecoveryDialog

            self.push_screen(RecoveryDialog(store.recovery), self._recovery_chosen)
            self.call_after_refresh(_content_shown)
        elif change.kind == "opened":
            if store.session is None:
                store.catalog(partial(self._show_welcome, cancellable=False))
            else:
                from syllabus.tui.literal import one_line

                self.sub_title = one_line(store.session.roadmap.title)

    def _recovery_chosen(self, choice: str | None) -> None:
        """The answer to the damaged file found at start."""
        store = self.store
        if choice == "restore" and store.recovery and store.recovery.backup:
            store.restore_backup(store.recovery.backup.name)
        elif choice == "empty":
            store.start_empty()
        else:
            self.exit(0)  # nothing was changed: the damaged bytes are kept aside

    # --- choosing a roadmap ----------------------------------------------------------

    def action_roadmaps(self) -> None:
        """Switch roadmap or enrol in another."""
        if self.store.loaded:
            self.store.catalog(partial(self._show_welcome, cancellable=True))

    def _show_welcome(self, catalog: list[CatalogEntry], cancellable: bool) -> None:
        from syllabus.tui.screens.welcome import WelcomeScreen

        progress = self.store.progress
        if progress is None or isinstance(self.screen, WelcomeScreen):
            return
        self.push_screen(WelcomeScreen(catalog, progress, cancellable=cancellable), self._chosen)
        self.call_after_refresh(_content_shown)

    def _chosen(self, choice: tuple[str, Any] | None) -> None:
        """The welcome screen's answer: (roadmap id, Enrolment or None to just switch)."""
        progress = self.store.progress
        if choice is None or progress is None:
            return
        from syllabus.clock import now
        from syllabus.model.progress import enrol, set_active

        roadmap_id, enrolment = choice
        if enrolment is None:
            self.store.commit(set_active(progress, roadmap_id, now()))
        else:
            self.store.commit(enrol(progress, roadmap_id, enrolment))
        self.store.open_roadmap(roadmap_id)

    # --- the theme is a setting, kept in the progress file ----------------------------

    def _theme_changed(self, theme: Theme) -> None:
        progress = self.store.progress
        if progress is None or progress.settings.theme == theme.name:
            return
        from dataclasses import replace

        from syllabus.clock import now

        settings = replace(progress.settings, theme=theme.name, updated=now())
        self.store.commit(replace(progress, settings=settings))

    # --- undo, help and quitting -----------------------------------------------------

    def action_undo(self) -> None:
        """Undo this machine's last saved change."""
        self.store.travel("undo")

    def action_redo(self) -> None:
        """Redo the last undone change."""
        self.store.travel("redo")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's commands: Textual's (in the interface language), and on the main
        screen the plan's decisions."""
        from syllabus.tui.textual_words import TEXTUAL_COMMANDS, translated

        for command in super().get_system_commands(screen):
            yield command._replace(
                title=translated(command.title, TEXTUAL_COMMANDS),
                help=translated(command.help, TEXTUAL_COMMANDS),
            )
        from syllabus.tui.screens.main import MainScreen

        if isinstance(screen, MainScreen):
            from syllabus.tui.commands import main_screen_commands

            yield from main_screen_commands(screen)

    def action_help(self) -> None:
        """Every key of the current screen, from the bindings."""
        from syllabus.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_show_help_panel(self) -> None:
        """The palette's "Keys" opens the help screen: one list of keys, in the interface
        language (Textual's own panel words them in English)."""
        self.action_help()

    async def action_quit(self) -> None:
        """Quit once everything is saved; a second quit leaves even if a save fails."""
        if not await self.store.close() and not self._leaving:
            self._leaving = True
            self.store.reopen()
            self.notify(_("Press q again to quit without saving."), severity="error")
            return
        self.exit(0)

    async def on_unmount(self) -> None:
        """However the app ends, no worker is left waiting for the loop."""
        for signum, handler in self._usual_handlers.items():
            signal.signal(signum, handler)
        await self.store.close()


def run(data_dir: Path) -> int:
    """Open the app on a data directory; returns the exit code."""
    from syllabus.startup import tune_for_start

    tune_for_start()  # also for an app opened without the entry point
    app = SyllabusApp(data_dir)
    result = app.run()
    app.store.shut()
    app.store.flush()  # anything a last worker left pending, after the app stopped
    return result or 0
