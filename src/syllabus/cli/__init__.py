"""Command line: subcommands for scripting; the entry point opens the app without one.

Exit codes: 0 done; 1 a failure the user must look at (a damaged or unwritable
file); 2 a usage error (bad argument, unknown id, invalid value). Errors are one
line on stderr. An interactive command (``Command.interactive``) ends by printing the
notices no person has seen yet, such as damage a status-bar run set aside. Nothing
here imports Textual or Rich (an import-linter contract and a test hold it): with no
command, ``main`` calls the ``app`` it is given.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from syllabus.cli.context import CliError, Context, FileProblem, UsageError, note, show_notices
from syllabus.cli.parser import build_parser, command_in, opens_app
from syllabus.cli.table import BY_NAME, COMMANDS, Command

__all__ = [
    "COMMANDS",
    "CliError",
    "Command",
    "Context",
    "FileProblem",
    "UsageError",
    "build_parser",
    "command_in",
    "main",
    "opens_app",
]


def _check_today() -> None:
    """``$SYLLABUS_TODAY``, when set, must be a date every schedule can compute with."""
    fixed = os.environ.get("SYLLABUS_TODAY")
    if fixed:
        # units, not rules: the same parser, without loading the records for `list`.
        from syllabus.model.units import InvalidEntry, parse_date

        try:
            parse_date(fixed, "SYLLABUS_TODAY")
        except InvalidEntry as error:
            raise UsageError(f"SYLLABUS_TODAY: {error}") from None


def _data_dir_option(args: Sequence[str]) -> str | None:
    """The ``--data-dir`` the arguments give, read before the parser exists."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--data-dir" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--data-dir="):
            return arg.partition("=")[2]
    return None


def choose_language(args: Sequence[str]) -> str:
    """Set the interface language from the data dir's ``language`` setting (``auto``:
    the environment) before any string is translated; returns the language chosen.

    The parser's help texts and argparse's own strings are translated as the parser is
    built, and the app's key descriptions as its modules load, so this runs first.
    """
    from syllabus.locale import set_language
    from syllabus.storage import settings
    from syllabus.storage.paths import data_dir

    return set_language(settings.read(data_dir(_data_dir_option(args))).language)


def main(argv: Sequence[str] | None = None, app: Callable[[Path], int] | None = None) -> int:
    """Run the command line; returns the exit code.

    With no command, ``app`` is called with the data dir (the entry point passes the
    one that opens the TUI); without an ``app`` that is a usage error.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    choose_language(args_list)
    from syllabus.locale import _
    from syllabus.model.units import InvalidEntry

    try:
        parser = build_parser(command_in(args_list), commands=not opens_app(args_list))
        args = parser.parse_args(args_list)
        from syllabus.storage.paths import data_dir

        ctx = Context(data_dir=data_dir(args.data_dir))
        _check_today()
        if args.command is None:
            if app is None:
                raise UsageError(_("a command is needed (see syllabus --help)"))
            return app(ctx.data_dir)
        command = BY_NAME[args.command]
        try:
            return command.run(args, ctx)
        finally:
            if command.interactive(args):
                show_notices(ctx)
    except CliError as error:
        note(str(error))
        return error.code
    except InvalidEntry as error:
        note(str(error))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
