"""The focus timer: what runs, for how long, and what it amounts to when stopped.

Pure: the running timer is kept per machine by ``storage.timer_state``; every function
takes the moment ``now`` (UTC) so a test can fix the clock. A plain timer counts every
minute since it started; a pomodoro timer alternates work and break stretches
(``timer.work``, ``timer.break``: 25 and 5 minutes by default) and counts only the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from syllabus.model.units import DAY_HOURS

Mode = Literal["plain", "pomodoro"]


@dataclass(frozen=True, slots=True)
class Timer:
    """A running focus timer."""

    roadmap: str
    """The roadmap worked on."""
    node: str
    """The node worked on (the item's node for an item)."""
    item: str | None
    """The item worked on; None for a timer on a node."""
    started: datetime
    """When it started (aware)."""
    mode: Mode = "plain"
    """Plain, or pomodoro work and break stretches."""
    work: int = 25
    """Minutes of a work stretch (pomodoro)."""
    rest: int = 5
    """Minutes of a break (pomodoro)."""


@dataclass(frozen=True, slots=True)
class Phase:
    """Where a timer is now."""

    minutes: float
    """The study minutes counted so far (a pomodoro's breaks left out)."""
    on_break: bool
    """In a pomodoro break."""
    left: float
    """Minutes left in the current pomodoro stretch; the elapsed minutes for a plain one."""
    round: int
    """The pomodoro round (1 for the first work stretch)."""


def phase(timer: Timer, now: datetime) -> Phase:
    """The timer's state at ``now``."""
    elapsed = max(0.0, (now - timer.started).total_seconds() / 60)
    if timer.mode == "plain" or timer.work <= 0:
        return Phase(elapsed, False, elapsed, 1)
    cycle = timer.work + max(timer.rest, 0)
    rounds, into = divmod(elapsed, cycle)
    if into < timer.work:
        return Phase(rounds * timer.work + into, False, timer.work - into, int(rounds) + 1)
    return Phase((rounds + 1) * timer.work, True, cycle - into, int(rounds) + 1)


def checkin_hours(timer: Timer, now: datetime) -> float:
    """The hours a check-in for the timer records: its study minutes, to the minute, at
    most a day's."""
    minutes = round(phase(timer, now).minutes)
    return min(minutes / 60, DAY_HOURS)


def clock_text(minutes: float) -> str:
    """``12:05`` (minutes:seconds) under an hour, ``1:02:05`` past it."""
    seconds = int(minutes * 60)
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02}:{secs:02}" if hours else f"{mins}:{secs:02}"
