"""The main screen's entries in the command palette: the plan's decisions, review and
the focus timer. Each calls the screen's own action, so a key and its palette entry do
the same thing."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.tui.screens.main import MainScreen


def main_screen_commands(screen: MainScreen) -> Iterable[SystemCommand]:
    """Replan, next, the behind options, review, and the timer's entries."""
    yield SystemCommand(
        _("Replan"),
        _("Start the unfinished rest of the plan again today (while ahead: same finish)"),
        screen.action_replan,
    )
    yield SystemCommand(_("Next"), _("Pick what fits in the minutes you have"), screen.action_next)
    yield SystemCommand(
        _("Behind: options"),
        _("Change the pace, skip the optional items, or replan"),
        screen.action_behind,
    )
    yield SystemCommand(
        _("Review"), _("Today's review cards, one at a time (v)"), screen.action_review
    )
    yield SystemCommand(
        _("Add to review"),
        _("Put the highlighted finished item or node into review (R)"),
        screen.action_add_review,
    )
    yield from timer_commands(screen)


def timer_commands(screen: MainScreen) -> Iterable[SystemCommand]:
    """The focus timer's palette entries: start it, or stop or discard the running one."""
    if screen.timer_text:
        yield SystemCommand(
            _("Focus timer: stop"),
            _("Stop the timer and check in its minutes (f)"),
            screen.stop_timer,
        )
        yield SystemCommand(
            _("Focus timer: discard"),
            _("Stop the timer without a check-in"),
            screen.discard_timer,
        )
        return
    yield SystemCommand(
        _("Focus timer: start"),
        _("Time the highlighted item or the node (f)"),
        partial(screen.action_focus_timer, "plain"),
    )
    yield SystemCommand(
        _("Focus timer: pomodoro"),
        _("Work and break stretches, timer.work and timer.break minutes (F)"),
        partial(screen.action_focus_timer, "pomodoro"),
    )
