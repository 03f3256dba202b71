"""The argument parser, built from the command table.

argparse looks its own strings (``usage:``, ``options``, its error messages) up with
the module-level ``argparse._`` and ``argparse.ngettext``; they are routed to the
interface's catalog here, so ``--help`` and usage errors read in the chosen language
(``scripts/i18n.py`` extracts argparse's strings with ours). The language is set by
``cli.main`` from the setting before the parser is built.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from syllabus.cli.context import UsageError
from syllabus.cli.table import BY_NAME, COMMANDS
from syllabus.locale import _, ngettext

argparse._ = _  # type: ignore[attr-defined]
argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` gives it (``$COLUMNS``, else
    the terminal of stdout, else 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout at the terminal's width, found without ``shutil``.

    argparse makes a formatter for every argument added and, given no width, imports
    shutil (and the compression modules shutil imports) to ask for it: ~2 ms of every
    command for a layout only ``--help`` and usage errors print.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns() - 2)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line, exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    parser.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS if suppress else None,
        metavar="DIR",
        help=_("where progress and imported roadmaps live (also $SYLLABUS_DATA_DIR)"),
    )


def build_parser(only: str | None = None, *, commands: bool = True) -> argparse.ArgumentParser:
    """The argument parser; with ``only``, just that subcommand's parser is built, and
    with ``commands`` false none of them.

    Each subparser costs about a millisecond (argparse looks up its messages with
    gettext), and a command run needs one of them: ``main`` passes the command it
    found in the arguments, and opening the app (``opens_app``) needs none (all 35
    cost ~10 ms before its first frame); ``--help`` and anything unusual get every
    subcommand.
    """
    parser = _Parser(
        prog="syllabus",
        description=_("Plan and track a self-study learning roadmap. No command opens the app."),
    )
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS if commands else ():
        if only is None or command.name == only:
            shown = _(command.help)
            cmd = sub.add_parser(command.name, help=shown, description=shown)
            _global_options(cmd, suppress=True)
            command.arguments(cmd)
    return parser


def command_in(args: Sequence[str]) -> str | None:
    """The subcommand when the arguments name one plainly, else None (build every parser).

    Only ``--data-dir DIR`` / ``--data-dir=DIR`` may come before it: anything else there
    (``-h``, an abbreviated option, a typo) is left to the full parser, so help and
    error messages stay exactly what they were.
    """
    i = _past_data_dir(args)
    return args[i] if i < len(args) and args[i] in BY_NAME else None


def opens_app(args: Sequence[str]) -> bool:
    """True when the arguments are ``--data-dir`` options at most: they open the app."""
    return _past_data_dir(args) == len(args)


def _past_data_dir(args: Sequence[str]) -> int:
    """Where the leading ``--data-dir DIR`` / ``--data-dir=DIR`` options end."""
    i = 0
    while i < len(args):
        if args[i] == "--data-dir" and i + 1 < len(args):
            i += 2
        elif args[i].startswith("--data-dir="):
            i += 1
        else:
            break
    return i
