"""The focus timer and spaced review in the app, for the main screen's keys and palette.

The timer is the command line's (``model.timer``, kept per machine by
``storage.timer_state``), so ``syllabus timer status`` sees the one the app started
and the app shows the one ``syllabus timer start`` started; it survives closing the
app. Stopping it opens the check-in dialog with the minutes counted, the timer's node
and, under the cursor but not ticked, its item: a focus session does not finish an
item (``syllabus timer stop`` records none either), the learner ticks it if it did.

Adding to review (``R``) goes through ``model.review`` as ``syllabus review --add``
does: a finished item or node, first due the next study day, one undo step.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from syllabus import clock
from syllabus.locale import _

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from syllabus.model.schedule import Plan
    from syllabus.model.timer import Mode, Timer
    from syllabus.tui.screens.checkin import CheckInDialog
    from syllabus.tui.store import ProgressStore


def running(data_dir: Path) -> Timer | None:
    """The timer running on this machine, if any (a missing file costs one failed open)."""
    from syllabus.storage import timer_state

    return timer_state.read(data_dir)


def start(data_dir: Path, roadmap_id: str, node_id: str, item_id: str | None, mode: Mode) -> Timer:
    """Start a timer now, with this machine's lengths (``timer.work``, ``timer.break``);
    raises OSError when it cannot be kept."""
    from syllabus.model.timer import Timer
    from syllabus.storage import settings, timer_state

    machine = settings.read(data_dir)
    timer = Timer(
        roadmap=roadmap_id,
        node=node_id,
        item=item_id,
        started=clock.now(),
        mode=mode,
        work=machine.timer_work,
        rest=machine.timer_break,
    )
    timer_state.write(data_dir, timer)
    return timer


def clear(data_dir: Path) -> None:
    """No timer runs any more."""
    from syllabus.storage import timer_state

    timer_state.clear(data_dir)


def stop_dialog(
    store: ProgressStore, timer: Timer, day: date, plan: Plan | None, ticked: list[str]
) -> CheckInDialog | None:
    """The check-in dialog for the timer stopped now: its minutes, its node, the cursor
    on its item (not ticked). None when its roadmap is not the one open."""
    from syllabus.model.timer import checkin_hours
    from syllabus.tui import checking_in

    session = store.session
    if session is None or session.roadmap_id != timer.roadmap:
        return None
    return checking_in.dialog(
        store,
        day,
        plan=plan,
        ticked=ticked,
        node_id=timer.node,
        hours=checkin_hours(timer, clock.now()),
        highlight=timer.item,
    )


def add_to_review(store: ProgressStore, target_id: str, today: date) -> str:
    """Put a finished item or node into review (one commit); what to tell the learner."""
    progress, session = store.progress, store.session
    if progress is None or session is None:
        return ""
    from syllabus.locale.formats import format_date
    from syllabus.model import review
    from syllabus.model.schedule.calendar import StudyCalendar, calendar_for

    rp = progress.roadmap(session.roadmap_id)
    try:
        made = review.addable(session.roadmap, rp, target_id)
    except review.NotFinished:
        return _("Only a finished item or node goes into review.")
    except KeyError:  # an own item: the roadmap's text has no card for it
        return _("Only the roadmap's items and nodes go into review.")
    if not made:
        return _("Nothing to review there.")
    calendar = calendar_for(rp.enrolled) if rp.enrolled is not None else StudyCalendar()
    first = calendar.first_on_or_after(today + timedelta(days=1))
    store.commit(review.add_cards(progress, session.roadmap_id, made, first, clock.now()))
    return _("In review, first due {day}.").format(day=format_date(first, year=False))
