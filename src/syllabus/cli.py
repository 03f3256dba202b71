"""Command line: no arguments opens the app; subcommands are for scripting.

Exit codes: 0 done; 1 a failure the user must look at (a damaged or unwritable
file); 2 a usage error (bad argument, unknown id, invalid value). Errors are one
line on stderr. Subcommands never import Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from syllabus.storage.progress_file import ProgressFile


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


@dataclass(frozen=True)
class Context:
    """What every command gets besides its own arguments."""

    data_dir: Path
    """The data directory (``--data-dir``, ``$SYLLABUS_DATA_DIR`` or the platform's)."""
    files: list[ProgressFile] = field(default_factory=list)
    """Progress files the command read or wrote; kept ready to load once it is done."""

    def opened(self, file: ProgressFile) -> ProgressFile:
        """Note a progress file the command uses; returns it."""
        self.files.append(file)
        return file

    def today(self, day_start_hour: int = 4) -> date:
        """Today's study day (``$SYLLABUS_TODAY`` wins)."""
        from syllabus.clock import today

        return today(day_start_hour)


def parse_date(text: str) -> date:
    """An ISO date for argparse, with a clear message."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def parse_hours(text: str) -> float:
    """Hours 0-24; "1,5" is accepted as 1.5."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of hours: {text!r}") from None
    if value != value or not 0 <= value <= 24:
        raise argparse.ArgumentTypeError(f"hours must be between 0 and 24, got {text!r}")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


# Handlers live in syllabus.commands.<module>:<function>, imported only when run.
_HANDLERS: dict[str, str] = {
    "list": "roadmaps:cmd_list",
    "show": "roadmaps:cmd_show",
    "export": "roadmaps:cmd_export",
    "import": "roadmaps:cmd_import",
    "start": "progress:cmd_start",
    "use": "progress:cmd_use",
    "pause": "progress:cmd_pause",
    "done": "progress:cmd_state",
    "undone": "progress:cmd_state",
    "skip": "progress:cmd_state",
    "doing": "progress:cmd_state",
    "checkin": "progress:cmd_checkin",
    "log": "progress:cmd_log",
    "note": "progress:cmd_note",
    "add": "progress:cmd_add",
    "undo": "progress:cmd_undo",
    "redo": "progress:cmd_redo",
    "backups": "progress:cmd_backups",
    "status": "schedule:cmd_status",
    "today": "schedule:cmd_today",
    "replan": "schedule:cmd_replan",
    "ics": "schedule:cmd_ics",
}


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        default=default,
        metavar="DIR",
        help="where progress and imported roadmaps live (also $SYLLABUS_DATA_DIR)",
    )


def _fmt(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--format", choices=["text", "json"], default="text")


def _roadmap_opt(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--roadmap", metavar="ID", help="roadmap id (default: the active one)")


def _id_arg(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID")


def _no_args(cmd: argparse.ArgumentParser) -> None:
    pass


def _show(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID")
    cmd.add_argument("--items", action="store_true", help="list every item too")
    _fmt(cmd)


def _export(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID")
    cmd.add_argument("--format", choices=["json", "toml", "markdown"], required=True)


def _import(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("file", metavar="FILE")
    cmd.add_argument("--id", dest="roadmap_id", metavar="ID")
    cmd.add_argument("--title", metavar="TITLE")


def _start(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID")
    cmd.add_argument("--on", type=parse_date, metavar="DATE", help="start date (default today)")
    cmd.add_argument("--hours-per-week", type=parse_hours, metavar="H")
    cmd.add_argument("--days-per-week", type=int, metavar="N")
    cmd.add_argument("--rest-days", metavar="DAYS", help="e.g. sat,sun")
    cmd.add_argument("--estimate", choices=["low", "mid", "high"])


def _pause(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--from", dest="start", type=parse_date, metavar="DATE")
    cmd.add_argument("--until", dest="end", type=parse_date, metavar="DATE")
    _roadmap_opt(cmd)


def _item_state(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("item_ids", nargs="+", metavar="ITEM_ID")
    _roadmap_opt(cmd)


def _checkin(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--hours", type=parse_hours, metavar="H")
    cmd.add_argument("--note", metavar="TEXT")
    cmd.add_argument("--date", dest="day", type=parse_date, metavar="DATE")
    cmd.add_argument("--item", dest="items", action="append", default=[], metavar="ITEM_ID")
    cmd.add_argument("--node", metavar="NODE_ID")
    cmd.add_argument("--replace", metavar="CHECKIN_ID")
    cmd.add_argument("--delete", metavar="CHECKIN_ID")
    _roadmap_opt(cmd)


def _log(cmd: argparse.ArgumentParser) -> None:
    _fmt(cmd)
    _roadmap_opt(cmd)
    cmd.add_argument("--from", dest="start", type=parse_date, metavar="DATE")
    cmd.add_argument("--to", dest="end", type=parse_date, metavar="DATE")


def _note(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("target", metavar="ITEM_OR_NODE_ID")
    cmd.add_argument("text", metavar="TEXT")
    _roadmap_opt(cmd)


def _add(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("node", metavar="NODE_ID")
    cmd.add_argument("text", metavar="TEXT")
    cmd.add_argument("--url", metavar="URL")
    _roadmap_opt(cmd)


def _backups(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--restore", metavar="NAME")


def _status(cmd: argparse.ArgumentParser) -> None:
    _roadmap_opt(cmd)
    _fmt(cmd)


def _today(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--short", action="store_true", help="one line for a prompt or status bar")
    _roadmap_opt(cmd)


def _replan(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--from", dest="start", type=parse_date, metavar="DATE")
    _roadmap_opt(cmd)


# Every subcommand, in the order ``--help`` lists them: (help text, arguments).
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "list": ("list bundled and imported roadmaps", _fmt),
    "show": ("show a roadmap's outline", _show),
    "export": ("export a roadmap", _export),
    "import": ("import a Markdown roadmap", _import),
    "start": ("enrol in a roadmap and make it active", _start),
    "use": ("switch the active roadmap", _id_arg),
    "pause": ("add days off", _pause),
    "done": ("mark items done", _item_state),
    "undone": ("mark items todo again", _item_state),
    "skip": ("mark items skipped", _item_state),
    "doing": ("mark items in progress", _item_state),
    "checkin": ("log a study session", _checkin),
    "log": ("list check-ins", _log),
    "note": ("set the note on an item or node (empty text removes it)", _note),
    "add": ("add an own item or link to a node", _add),
    "undo": ("undo this machine's last change", _no_args),
    "redo": ("redo the last undone change", _no_args),
    "backups": ("list backups, or restore one", _backups),
    "status": ("progress, schedule and forecast", _status),
    "today": ("today's summary", _today),
    "replan": ("move the unfinished rest of the plan to start on a date", _replan),
    "ics": ("the plan as iCalendar, on stdout", _id_arg),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``only``, just that subcommand's parser is built.

    Each subparser costs about a millisecond (argparse looks up its messages with
    gettext), and a command run needs one of them: ``main`` passes the command it
    found in the arguments, ``--help`` and anything unusual get every subcommand.
    """
    parser = _Parser(
        prog="syllabus",
        description="Plan and track a self-study learning roadmap. No command opens the app.",
    )
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (help_text, arguments) in _COMMANDS.items():
        if only is None or name == only:
            cmd = sub.add_parser(name, help=help_text, description=help_text)
            _global_options(cmd, suppress=True)
            arguments(cmd)
    return parser


def command_in(args: Sequence[str]) -> str | None:
    """The subcommand when the arguments name one plainly, else None (build every parser).

    Only ``--data-dir DIR`` / ``--data-dir=DIR`` may come before it: anything else there
    (``-h``, an abbreviated option, a typo) is left to the full parser, so help and
    error messages stay exactly what they were.
    """
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--data-dir":
            i += 2
        elif arg.startswith("--data-dir="):
            i += 1
        else:
            return arg if arg in _COMMANDS else None
    return None


def _handler(command: str) -> Callable[[argparse.Namespace, Context], int | None]:
    module_name, func = _HANDLERS[command].split(":")
    module = importlib.import_module(f"syllabus.commands.{module_name}")
    return getattr(module, func)  # type: ignore[no-any-return]


def _remember(ctx: Context) -> None:
    """After the output: keep the files read ready for the next start (``storage.cache``)."""
    if ctx.files:
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass
        for file in ctx.files:
            file.remember()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser(command_in(args_list)).parse_args(args_list)
        from syllabus.storage.paths import data_dir

        ctx = Context(data_dir=data_dir(args.data_dir))
        if os.environ.get("SYLLABUS_TODAY"):
            try:
                date.fromisoformat(os.environ["SYLLABUS_TODAY"])
            except ValueError:
                raise UsageError(
                    f"SYLLABUS_TODAY is not a date (YYYY-MM-DD): {os.environ['SYLLABUS_TODAY']!r}"
                ) from None
        if args.command is None:
            from syllabus.tui.app import run

            return run(ctx.data_dir)
        code = _handler(args.command)(args, ctx) or 0
        _remember(ctx)
        return code
    except CliError as error:
        print(f"syllabus: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
