"""The one command table: each subcommand's name, help, arguments and handler together.

``--help`` lists the commands in this order; the parser, the dispatch and the tests all
read this tuple, so nothing is kept in step by hand. A handler is named
``module:function`` in ``syllabus.cli`` and imported only when its command runs: a run
of ``syllabus list`` never loads the schedule.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from syllabus.cli import values
from syllabus.locale import N_, _

if TYPE_CHECKING:
    from syllabus.cli.context import Context

Arguments = Callable[[argparse.ArgumentParser], None]
"""Adds a command's own arguments to its subparser."""

Handler = Callable[[argparse.Namespace, "Context"], int]
"""Runs a command; returns its exit code."""

Audience = Callable[[argparse.Namespace], bool]
"""Whether a run, given its arguments, is read by a person (see ``Command.interactive``)."""


def a_person(args: argparse.Namespace) -> bool:
    """A person typed it and reads what it says."""
    return True


def a_program(args: argparse.Namespace) -> bool:
    """Its output is data for another program (a calendar, a file): nobody reads stderr."""
    return False


def text_output(args: argparse.Namespace) -> bool:
    """A person, unless ``--format json`` asks for data for a script."""
    return bool(getattr(args, "format", "text") == "text")


def not_short(args: argparse.Namespace) -> bool:
    """A person, unless ``--short`` feeds a prompt or status bar (stderr often goes nowhere)
    or ``--format json`` asks for data for a script."""
    return not getattr(args, "short", False) and text_output(args)


class Command(NamedTuple):
    """One subcommand (a NamedTuple: every command builds this table first, and
    making a dataclass class costs more than the whole table)."""

    name: str
    """What is typed: ``syllabus <name>``."""
    help: str
    """One line for ``--help`` (marked with ``N_``; the parser translates it)."""
    arguments: Arguments
    """Adds the command's arguments to its subparser."""
    handler: str
    """``module:function`` in ``syllabus.cli``, imported when the command runs."""
    interactive: Audience = a_person
    """Whether a run is read by a person: only such a run shows the notices nobody has
    seen yet (damage set aside by a status-bar run, say) and marks them seen. A status
    bar or a program reading JSON or iCalendar never does, so they stay pending."""

    def load(self) -> Handler:
        """The handler function (importing its module)."""
        module_name, function = self.handler.split(":")
        module = importlib.import_module(f"syllabus.cli.{module_name}")
        handler: Handler = getattr(module, function)
        return handler

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        """Run the command on parsed arguments; returns the exit code."""
        return self.load()(args, ctx)


# --- arguments ---------------------------------------------------------------------------


def _format(cmd: argparse.ArgumentParser, text: str | None = None) -> None:
    shown = text or _("output format: text (default) or json")
    cmd.add_argument("--format", choices=["text", "json"], default="text", help=shown)


def _roadmap(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--roadmap", metavar="ID", help=_("roadmap id (default: the active one)"))


def _id(cmd: argparse.ArgumentParser, text: str | None = None) -> None:
    shown = text or _("roadmap id, as `list` shows it (a unique prefix will do)")
    cmd.add_argument("id", metavar="ID", help=shown)


def _remove(cmd: argparse.ArgumentParser) -> None:
    _id(cmd, _("an imported roadmap's id (bundled ones cannot be removed)"))


def _leave(cmd: argparse.ArgumentParser) -> None:
    _id(cmd, _("the roadmap to un-enrol from (its progress is kept)"))


def _use(cmd: argparse.ArgumentParser) -> None:
    _id(cmd, _("the roadmap to make active, as `list` shows it"))


def _ics(cmd: argparse.ArgumentParser) -> None:
    _id(cmd, _("roadmap id (one you are not enrolled in is planned from today)"))


def _nothing(cmd: argparse.ArgumentParser) -> None:
    pass


def _show(cmd: argparse.ArgumentParser) -> None:
    _id(cmd)
    cmd.add_argument("--items", action="store_true", help=_("list every item too"))
    _format(cmd)


def _export(cmd: argparse.ArgumentParser) -> None:
    _id(cmd)
    cmd.add_argument(
        "--format",
        choices=["json", "toml", "markdown"],
        required=True,
        help=_("json (the whole model), toml (the roadmap file) or markdown"),
    )


def _import(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("file", metavar="FILE", help=_("the Markdown file to import (or re-import)"))
    cmd.add_argument(
        "--id", dest="roadmap_id", metavar="ID", help=_("the id to save under or re-import over")
    )
    cmd.add_argument(
        "--title", metavar="TITLE", help=_("a title instead of the document's (re-imports keep it)")
    )
    _format(cmd, _("text (default): the id, the summary on stderr; json: the summary"))
    cmd.add_argument("--dry-run", action="store_true", help=_("show the summary, save nothing"))
    cmd.add_argument(
        "--restore-removed",
        action="store_true",
        help=_("put back the items earlier re-imports removed, with their progress"),
    )


def _rename(cmd: argparse.ArgumentParser) -> None:
    _id(cmd, _("an imported roadmap's id (bundled ones keep their title)"))
    cmd.add_argument("title", metavar="TITLE", help=_("the new title (re-imports keep it)"))


def _start(cmd: argparse.ArgumentParser) -> None:
    _id(cmd)
    cmd.add_argument(
        "--on", type=values.a_date, metavar="DATE", help=_("start date (default today)")
    )
    cmd.add_argument(
        "--hours-per-week",
        type=values.week_hours,
        metavar="H",
        help=_("hours a week, the same every study day (default: the roadmap's)"),
    )
    cmd.add_argument(
        "--days-per-week",
        type=int,
        metavar="N",
        help=_("study days a week, 1 to 7; the last weekdays rest (default: the roadmap's)"),
    )
    cmd.add_argument("--rest-days", type=values.rest_days, metavar="DAYS", help=_("e.g. sat,sun"))
    cmd.add_argument(
        "--weekday-hours",
        type=values.weekday_hours,
        metavar="DAYS=H,…",
        help=_(
            "hours by weekday, e.g. mon-fri=1.5,sat-sun=2.5 (days not named rest); "
            "default: the roadmap's routine"
        ),
    )
    cmd.add_argument(
        "--estimate",
        choices=["low", "mid", "high"],
        help=_("which end of the roadmap's ranges to plan with (default: mid)"),
    )
    cmd.add_argument(
        "--accept-done",
        action="store_true",
        help=_("take the items the document marks done [x] or skipped [-]"),
    )
    cmd.add_argument(
        "--track", metavar="NAME", help=_("the alternative track to follow (see `show`)")
    )


def _pause(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--from",
        dest="start",
        type=values.a_date,
        metavar="DATE",
        help=_("first day off, YYYY-MM-DD (default: today)"),
    )
    cmd.add_argument(
        "--until",
        dest="end",
        type=values.a_date,
        metavar="DATE",
        help=_("last day off (default: the --from day)"),
    )
    _roadmap(cmd)


def _item_state(state: str) -> Arguments:
    """Arguments of done, undone, skip and doing: item ids, and the state they set."""

    def arguments(cmd: argparse.ArgumentParser) -> None:
        shown = _("item ids, as `show ID --items` lists them (unique prefixes will do)")
        if state == "skipped":
            cmd.add_argument("item_ids", nargs="*", metavar="ITEM_ID", help=shown)
            cmd.add_argument(
                "--optional",
                action="store_true",
                help=_("when behind the plan: skip the optional items not done yet"),
            )
        else:
            cmd.add_argument("item_ids", nargs="+", metavar="ITEM_ID", help=shown)
        _roadmap(cmd)
        cmd.set_defaults(state=state)

    return arguments


def _checkin(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--hours", type=values.day_hours, metavar="H", help=_("e.g. 1,5 or 1:30 or 90m")
    )
    cmd.add_argument("--note", metavar="TEXT", help=_("what you did (needed when the hours are 0)"))
    cmd.add_argument(
        "--date",
        dest="day",
        type=values.a_date,
        metavar="DATE",
        help=_("the day you studied, YYYY-MM-DD (default: today)"),
    )
    cmd.add_argument(
        "--item",
        dest="items",
        action="append",
        default=[],
        metavar="ITEM_ID",
        help=_("an item you finished: it is marked done (repeat for more)"),
    )
    cmd.add_argument(
        "--node", metavar="NODE_ID", help=_("the node studied (default: the plan's for that day)")
    )
    cmd.add_argument(
        "--activity",
        metavar="NAME",
        help=_("theory, practice, project, review, reading, other, or your own"),
    )
    cmd.add_argument(
        "--replace",
        metavar="CHECKIN_ID",
        help=_("edit that check-in (id from `log`): what you give replaces, the rest stays"),
    )
    cmd.add_argument(
        "--delete",
        metavar="CHECKIN_ID",
        help=_("delete that check-in (id from `log`); `undo` brings it back"),
    )
    _roadmap(cmd)


def _log(cmd: argparse.ArgumentParser) -> None:
    _format(cmd)
    _roadmap(cmd)
    cmd.add_argument(
        "--from",
        dest="start",
        type=values.a_date,
        metavar="DATE",
        help=_("only check-ins on or after DATE, YYYY-MM-DD"),
    )
    cmd.add_argument(
        "--to",
        dest="end",
        type=values.a_date,
        metavar="DATE",
        help=_("only check-ins on or before DATE"),
    )


def _note(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "target",
        metavar="ITEM_OR_NODE_ID",
        help=_("an item or node id, as `show ID --items` lists them"),
    )
    cmd.add_argument(
        "text", metavar="TEXT", help=_('the note, replacing the old one ("" removes it)')
    )
    _roadmap(cmd)


def _add(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("node", metavar="NODE_ID", help=_("the node to add to, as `show` lists it"))
    cmd.add_argument(
        "text", metavar="TEXT", help=_("the item's text (with --url: the link's title)")
    )
    cmd.add_argument("--url", metavar="URL", help=_("make it a link to URL"))
    _roadmap(cmd)


def _backups(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--restore",
        metavar="NAME",
        help=_("restore the backup NAME (as listed); the current file is kept as one"),
    )


def _status(cmd: argparse.ArgumentParser) -> None:
    _roadmap(cmd)
    _format(cmd)


def _today(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--short", action="store_true", help=_("one line for a prompt or status bar"))
    _roadmap(cmd)
    _format(cmd)


def _minutes(text: str) -> float:
    """Minutes for ``next --minutes``: a number above 0, at most a day's."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a number of minutes: {text!r}").format(text=text)
        ) from None
    if not 0 < value <= 24 * 60:
        raise argparse.ArgumentTypeError(
            _("minutes must lie above 0 and at most 1440, got {text!r}").format(text=text)
        )
    return value


def _next(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--minutes",
        type=_minutes,
        metavar="N",
        help=_("the minutes you have (default: just the next item)"),
    )
    _roadmap(cmd)
    _format(cmd)


def _review(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("card", nargs="?", metavar="CARD_ID", help=_("the card to grade"))
    cmd.add_argument(
        "--grade",
        choices=["again", "hard", "good", "easy"],
        help=_("how recalling CARD_ID went; it sets the next due day"),
    )
    cmd.add_argument("--add", metavar="ID", help=_("put a finished item or node into review"))
    _roadmap(cmd)
    _format(cmd)


def _timer(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "action",
        choices=["start", "status", "stop"],
        help=_("start on ID, show the running one, or stop it into a check-in"),
    )
    cmd.add_argument("id", nargs="?", metavar="ID", help=_("the item or node (timer start)"))
    cmd.add_argument(
        "--pomodoro", action="store_true", help=_("work and break stretches (timer.work/break)")
    )
    cmd.add_argument("--note", metavar="TEXT", help=_("the check-in's note (timer stop)"))
    cmd.add_argument(
        "--activity",
        metavar="NAME",
        help=_("theory, practice, project, review, reading, other, or your own"),
    )
    cmd.add_argument("--discard", action="store_true", help=_("stop without a check-in"))
    _roadmap(cmd)


def _replan(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--from",
        dest="start",
        type=values.a_date,
        metavar="DATE",
        help=_("the day the unfinished rest starts, YYYY-MM-DD (default: today)"),
    )
    cmd.add_argument(
        "--hours-per-week",
        type=values.week_hours,
        metavar="H",
        help=_("a new pace from that day on (the done work keeps its days)"),
    )
    _roadmap(cmd)


def _week(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--week", metavar="YYYY-Www", help=_("the ISO week (default: this one)"))
    cmd.add_argument(
        "--format",
        choices=["text", "json", "markdown"],
        default="text",
        help=_("output format: text (default), json or markdown"),
    )
    cmd.add_argument(
        "--answer",
        nargs=2,
        metavar=("PROMPT", "TEXT"),
        help=_("answer a prompt: worked, blocked or next (empty text removes it)"),
    )
    _roadmap(cmd)


def _score(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID", help=_("the project's node, or one of its rubric items"))
    cmd.add_argument(
        "points", nargs="*", metavar="NAME=POINTS", help=_('e.g. "Correctness=32" (unique prefix)')
    )
    _roadmap(cmd)
    _format(cmd)


def _evidence(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "node",
        metavar="NODE_ID",
        help=_("the project's or milestone's node (no option: show its evidence)"),
    )
    cmd.add_argument("--repo", metavar="URL", help=_("the repository (http or https)"))
    cmd.add_argument("--demo", metavar="URL", help=_("a live demo (http or https)"))
    cmd.add_argument("--note", metavar="TEXT", help=_("a short write-up"))
    cmd.add_argument(
        "--finished", type=values.a_date, metavar="DATE", help=_("the day it was finished")
    )
    _roadmap(cmd)


def _output(cmd: argparse.ArgumentParser, formats: list[str], text: str) -> None:
    cmd.add_argument("--format", choices=formats, default=formats[0], help=text)
    cmd.add_argument("--output", metavar="FILE", help=_("write to FILE instead of stdout"))
    _roadmap(cmd)


def _portfolio(cmd: argparse.ArgumentParser) -> None:
    _output(cmd, ["markdown", "json", "html"], _("output format: markdown (default), json or html"))


def _report(cmd: argparse.ArgumentParser) -> None:
    _output(
        cmd,
        ["markdown", "json", "csv"],
        _("output format: markdown (default), json or csv (the check-ins)"),
    )


def _serve(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)")
    )
    cmd.add_argument(
        "--port", type=int, default=8000, metavar="PORT", help=_("port to listen on (default 8000)")
    )
    cmd.add_argument(
        "--public-url", metavar="URL", help=_("the address browsers use (another host)")
    )


def _config(cmd: argparse.ArgumentParser) -> None:
    from syllabus.cli.config import KEYS

    cmd.add_argument("key", nargs="?", choices=KEYS, metavar="KEY", help=", ".join(KEYS))
    cmd.add_argument("value", nargs="?", metavar="VALUE", help=_("the new value"))


# --- the table ---------------------------------------------------------------------------

COMMANDS: tuple[Command, ...] = (
    Command(
        "list", N_("list bundled and imported roadmaps"), _format, "roadmaps:cmd_list", text_output
    ),
    Command("show", N_("show a roadmap's outline"), _show, "roadmaps:cmd_show", text_output),
    Command("export", N_("export a roadmap"), _export, "roadmaps:cmd_export", a_program),
    Command(
        "import", N_("import a Markdown roadmap"), _import, "importing:cmd_import", text_output
    ),
    Command(
        "remove",
        N_("remove an imported roadmap (its progress is kept in a backup)"),
        _remove,
        "housekeeping:cmd_remove",
    ),
    Command(
        "rename", N_("give an imported roadmap another title"), _rename, "housekeeping:cmd_rename"
    ),
    Command(
        "leave",
        N_("leave a roadmap: un-enrol, keeping its progress"),
        _leave,
        "housekeeping:cmd_leave",
    ),
    Command("start", N_("enrol in a roadmap and make it active"), _start, "progress:cmd_start"),
    Command("use", N_("switch the active roadmap"), _use, "progress:cmd_use"),
    Command("pause", N_("add days off"), _pause, "progress:cmd_pause"),
    Command("done", N_("mark items done"), _item_state("done"), "progress:cmd_state"),
    Command("undone", N_("mark items todo again"), _item_state("todo"), "progress:cmd_state"),
    Command("skip", N_("mark items skipped"), _item_state("skipped"), "progress:cmd_state"),
    Command("doing", N_("mark items in progress"), _item_state("doing"), "progress:cmd_state"),
    Command("checkin", N_("log a study session"), _checkin, "progress:cmd_checkin"),
    Command("log", N_("list check-ins"), _log, "progress:cmd_log", text_output),
    Command(
        "note",
        N_("set the note on an item or node (empty text removes it)"),
        _note,
        "progress:cmd_note",
    ),
    Command("add", N_("add an own item or link to a node"), _add, "progress:cmd_add"),
    Command("undo", N_("undo this machine's last change"), _nothing, "progress:cmd_undo"),
    Command("redo", N_("redo the last undone change"), _nothing, "progress:cmd_redo"),
    Command("backups", N_("list backups, or restore one"), _backups, "progress:cmd_backups"),
    Command(
        "status", N_("progress, schedule and forecast"), _status, "schedule:cmd_status", text_output
    ),
    Command(
        "today", N_("today's agenda, buffer and forecast"), _today, "agenda:cmd_today", not_short
    ),
    Command("next", N_("what fits in the minutes you have"), _next, "agenda:cmd_next", text_output),
    Command(
        "replan",
        N_("move the unfinished rest of the plan to start on a date"),
        _replan,
        "schedule:cmd_replan",
    ),
    Command(
        "review",
        N_("spaced review: the cards due today, grade one, add one"),
        _review,
        "review:cmd_review",
        text_output,
    ),
    Command(
        "week",
        N_("the weekly review: planned against done, buffer, forecast, mix, prompts"),
        _week,
        "week:cmd_week",
        text_output,
    ),
    Command("timer", N_("a focus timer: start, status, stop"), _timer, "timer:cmd_timer"),
    Command(
        "score",
        N_("score a project against its rubric, or show its scoring form"),
        _score,
        "portfolio:cmd_score",
        text_output,
    ),
    Command(
        "evidence",
        N_("links and a write-up showing a project or milestone done"),
        _evidence,
        "portfolio:cmd_evidence",
    ),
    Command(
        "portfolio",
        N_("the portfolio README: projects, scores, evidence"),
        _portfolio,
        "portfolio:cmd_portfolio",
        a_program,
    ),
    Command(
        "report",
        N_("a progress report: checklist, notes, hours a week, check-ins"),
        _report,
        "report:cmd_report",
        a_program,
    ),
    Command("ics", N_("the plan as iCalendar, on stdout"), _ics, "ics:cmd_ics", a_program),
    Command(
        "config",
        N_("show or change a setting (language, timer, day start)"),
        _config,
        "config:cmd_config",
    ),
    Command("serve", N_("open the app in a browser tab"), _serve, "serve:cmd_serve"),
)
"""Every subcommand, in the order ``--help`` lists them."""

BY_NAME: dict[str, Command] = {command.name: command for command in COMMANDS}
"""The table by command name."""
