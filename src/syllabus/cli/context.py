"""What every command handler shares: the errors it raises and the context it runs in.

The context opens the progress file, names the roadmap a command acts on (by
``rules.choose_roadmap``, the same rule as the app's) and loads roadmaps, turning each
failure into the one-line error and exit code the command line promises.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from syllabus.locale import N_, _

if TYPE_CHECKING:
    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap
    from syllabus.storage.progress_file import Loaded, ProgressFile

NO_ROADMAP = N_("no active roadmap: run `syllabus start ID` first, or pass --roadmap ID")
"""The usage error when no roadmap is named and ``choose_roadmap`` leaves a choice
(marked with ``N_``; translated where it is raised)."""


class CliError(Exception):
    """An error to report as one line on stderr with an exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class UsageError(CliError):
    """Bad argument, unknown id or invalid value: exit 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, 2)


class FileProblem(CliError):
    """A damaged or unwritable file: exit 1."""

    def __init__(self, message: str) -> None:
        super().__init__(message, 1)


def note(line: str) -> None:
    """A line for the person at the terminal, on stderr beside the output.

    Cleaned like every text that reaches the terminal: a file name or a value quoted in
    a message cannot carry an escape sequence, and the line stays one line.
    """
    from syllabus.model.text import clean_text

    print(f"syllabus: {clean_text(line).replace(chr(10), ' ')}", file=sys.stderr)


class Context:
    """What every command gets besides its own arguments.

    A plain class (every command makes one; building a dataclass costs more than the
    rest of this module)."""

    __slots__ = ("data_dir", "shown")

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        """The data directory (``--data-dir``, ``$SYLLABUS_DATA_DIR`` or the platform's)."""
        self.shown: set[str] = set()
        """Ids of the notices this run has reported already, as the load's problem lines."""

    def today(self, day_start_hour: int = 4) -> date:
        """Today's study day (``$SYLLABUS_TODAY`` wins)."""
        from syllabus.clock import today

        return today(day_start_hour)

    def progress_file(self) -> ProgressFile:
        """The data dir's progress file."""
        from syllabus.storage.progress_file import ProgressFile

        return ProgressFile(self.data_dir)

    def load_progress(self, file: ProgressFile | None = None) -> Loaded:
        """Load the progress file; the caller reports ``problems`` (notices among them
        are then not printed again when the command ends)."""
        loaded = (file or self.progress_file()).load()
        self.shown.update(notice.id for notice in loaded.notices)
        return loaded

    def open_progress(self, writing: bool = False) -> tuple[ProgressFile, Progress]:
        """The progress file and what it holds.

        A damaged file (moved aside by the load, or left unread) stops the command with
        exit 1, as does a file from a newer syllabus when the command means to write;
        every problem the load reports (a merged conflict copy) is noted on stderr.
        """
        file = self.progress_file()
        loaded = self.load_progress(file)
        problems = loaded.problems
        fatal = loaded.damaged or (loaded.read_only and writing)
        for problem in problems[:-1] if fatal else problems:
            note(problem)
        if fatal:
            raise FileProblem(problems[-1])
        return file, loaded.progress

    def catalog_id(self, wanted: str, progress: Progress | None = None) -> str:
        """The roadmap id ``wanted`` names (unique prefixes too), else one the progress knows."""
        from syllabus.catalog import resolve_roadmap_id
        from syllabus.model.ids import UnknownId

        try:
            return resolve_roadmap_id(wanted, self.data_dir)
        except UnknownId as error:
            if progress is not None and wanted in progress.roadmaps:
                return wanted
            raise UsageError(str(error)) from None

    def roadmap_id(self, progress: Progress, wanted: str | None) -> str:
        """The roadmap a command acts on: ``wanted`` (``--roadmap`` or a positional id),
        else the active one, else the only one enrolled in (``rules.choose_roadmap``)."""
        from syllabus.model.rules import choose_roadmap

        named = self.catalog_id(wanted, progress) if wanted else None
        chosen = choose_roadmap(progress, named)
        if chosen is None:
            raise UsageError(_(NO_ROADMAP))
        return chosen

    def roadmap(self, roadmap_id: str) -> Roadmap:
        """The roadmap with this id; unknown → exit 2, an unreadable file → exit 1."""
        from syllabus import catalog
        from syllabus.model.ids import UnknownId

        try:
            return catalog.load_roadmap(roadmap_id, self.data_dir)
        except UnknownId as error:
            raise UsageError(str(error)) from None
        except (catalog.RoadmapFileError, OSError, ValueError) as error:
            raise FileProblem(str(error)) from None


def show_notices(ctx: Context) -> None:
    """Print what no person has seen yet (one line each), then mark it seen.

    Called when an interactive command ends (``Command.interactive``): damage a
    status-bar run set aside is told here, once. Notices this run already reported
    as problem lines are marked seen without a second line.
    """
    from syllabus.storage.paths import notices_path

    if not notices_path(ctx.data_dir).exists():
        return  # the usual case: one stat, nothing imported
    from syllabus.storage import notices

    pending = notices.pending(ctx.data_dir)
    try:
        for notice in pending:
            if notice.id not in ctx.shown:
                note(notice.message)
        sys.stderr.flush()
    except OSError:
        return  # stderr is gone: nobody saw them
    notices.acknowledge(ctx.data_dir, pending)
