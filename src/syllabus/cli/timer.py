"""``syllabus timer start ID | status | stop [--note TEXT] [--discard]``: the focus timer.

The running timer is per machine (``storage.timer_state``), so the app and the command
line see the same one and it survives closing either. ``stop`` writes a check-in
(``rules.build_checkin``, one undo step) for today with the timer's minutes and node;
``--discard`` stops it without one. ``status`` is one line and exits 0 also when no
timer runs, for a prompt or a status bar.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from syllabus.cli.context import Context, FileProblem, UsageError
from syllabus.locale import N_, _

if TYPE_CHECKING:
    from datetime import datetime

    from syllabus.model.timer import Timer


def _now() -> datetime:
    from syllabus import clock

    return clock.now()


def status_line(timer: Timer | None, now: datetime) -> str:
    """The timer in one line: what runs, for how long, where a pomodoro is."""
    from syllabus.model.timer import clock_text, phase

    if timer is None:
        return _("no timer running")
    state = phase(timer, now)
    target = timer.item or timer.node
    if timer.mode == "plain":
        return _("⏱ {clock} on {id}").format(clock=clock_text(state.minutes), id=target)
    if state.on_break:
        return _("⏱ break, {left} left (round {n}) · {id}").format(
            left=clock_text(state.left), n=state.round, id=target
        )
    return _("⏱ work, {left} left (round {n}) · {id}").format(
        left=clock_text(state.left), n=state.round, id=target
    )


def _start(args: argparse.Namespace, ctx: Context) -> int:
    from syllabus.model.ids import UnknownId, resolve
    from syllabus.model.timer import Timer
    from syllabus.storage import settings, timer_state

    if not args.id:
        raise UsageError(_("timer start: name the item or node (ID)"))
    running = timer_state.read(ctx.data_dir)
    if running is not None:
        raise UsageError(
            _("a timer is running on {id}: `syllabus timer stop` first").format(
                id=running.item or running.node
            )
        )
    progress = ctx.open_progress()[1]
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    nodes = roadmap.node_index()
    items = roadmap.item_index()
    try:
        target = resolve(args.id, [*nodes, *items], N_("item or node"))
    except UnknownId as error:
        raise UsageError(str(error)) from None
    node_id, item_id = (target, None) if target in nodes else (items[target][0].id, target)
    machine = settings.read(ctx.data_dir)
    timer = Timer(
        roadmap=roadmap_id,
        node=node_id,
        item=item_id,
        started=_now(),
        mode="pomodoro" if args.pomodoro else "plain",
        work=machine.timer_work,
        rest=machine.timer_break,
    )
    try:
        timer_state.write(ctx.data_dir, timer)
    except OSError as error:
        raise FileProblem(str(error)) from None
    print(status_line(timer, timer.started))
    return 0


def _stop(args: argparse.Namespace, ctx: Context) -> int:
    from syllabus.model import rules
    from syllabus.model.timer import checkin_hours
    from syllabus.storage import timer_state
    from syllabus.storage.progress_file import ProgressError

    timer = timer_state.read(ctx.data_dir)
    if timer is None:
        raise UsageError(_("no timer running"))
    if args.discard:
        timer_state.clear(ctx.data_dir)
        print(_("timer stopped, nothing logged"))
        return 0
    pf, progress = ctx.open_progress(writing=True)
    now = _now()
    hours = checkin_hours(timer, now)
    today = ctx.today(progress.settings.day_start_hour)
    note = args.note or ""
    problem = rules.checkin_problem(
        timer.roadmap, progress.roadmap(timer.roadmap).enrolled, today, hours, note, today
    )
    if problem is not None:
        raise UsageError(problem)
    activity = _activity(args.activity)
    checkin = rules.build_checkin(
        None,
        day=today,
        hours=hours,
        note=note,
        roadmap=timer.roadmap,
        node=timer.node,
        items=[],
        when=now,
        activity=activity,
    )
    try:
        pf.update(lambda p: rules.check_in(p, checkin))
    except ProgressError as error:
        raise FileProblem(str(error)) from None
    timer_state.clear(ctx.data_dir)
    print(
        _("logged {minutes} min on {id}: check-in {checkin}").format(
            minutes=round(hours * 60), id=timer.item or timer.node, checkin=checkin.id
        )
    )
    return 0


def _activity(name: str | None) -> str | None:
    from syllabus.model.activity import activity_key

    return activity_key(name) if name else None


def cmd_timer(args: argparse.Namespace, ctx: Context) -> int:
    """Start, show or stop the focus timer."""
    from syllabus.storage import timer_state

    if args.action == "start":
        return _start(args, ctx)
    if args.action == "stop":
        return _stop(args, ctx)
    print(status_line(timer_state.read(ctx.data_dir), _now()))
    return 0
