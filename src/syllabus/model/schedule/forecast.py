"""The forecast: when the roadmap will be finished at the learner's recent pace.

Two paces are extrapolated over the last ``FORECAST_DAYS`` days: the hours logged and
the planned hours of the items settled. The faster and the slower give a range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from syllabus.model.schedule.calendar import HORIZON_DAYS, ONE_DAY, StudyCalendar
from syllabus.model.schedule.layout import EPS
from syllabus.model.schedule.plan import Plan

FORECAST_DAYS = 28
"""The forecast extrapolates the pace of this many days (four weeks) up to today."""

FORECAST_HORIZON_DAYS = HORIZON_DAYS
"""Study days beyond which a pace projects no finish at all (and no date overflows)."""


@dataclass(frozen=True, slots=True)
class Forecast:
    """When the roadmap will be finished."""

    low: date
    """Earliest projected finish (the faster of the hours pace and the items pace)."""
    high: date
    """Latest projected finish."""
    plan: date
    """The planned finish."""


@dataclass(frozen=True, slots=True)
class RecentWork:
    """What the forecast needs to know of the learner's work."""

    remaining: float
    """Planned hours of the tracked items not settled."""
    tracked: int
    """Tracked items (checkable, not optional, scheduled)."""
    finished_on: date | None
    """Study day of the last change to a settled item."""
    settled_recently: float
    """Planned hours of the items settled within the window."""
    hours_by_day: dict[date, float]
    """Logged hours by day."""
    first_checkin: date | None


def window_start(today: date) -> date:
    """The first day of the window whose pace is extrapolated."""
    return today - timedelta(days=FORECAST_DAYS - 1)


def forecast(plan: Plan, today: date, work: RecentWork) -> Forecast | None:
    """When the rest will be done; None without a pace, or when there is no finish (the
    plan runs past the calendar's horizon, or the pace takes longer than that)."""
    if not plan.finishes:
        return None
    cal = plan.calendar
    remaining = work.remaining + _untracked_rest(plan, today)
    if remaining <= EPS and work.tracked:
        finish = work.finished_on or today
        return Forecast(finish, finish, plan.end)
    opened = min(plan.start, work.first_checkin) if work.first_checkin else plan.start
    first = max(window_start(today), opened)
    if first > today:
        return None
    study_days = max(cal.count(first, today), 1)
    logged = sum(h for d, h in work.hours_by_day.items() if first <= d <= today)
    finishes = [
        day
        for rate in (logged, work.settled_recently)
        if rate > EPS and (day := _finish_at(cal, today, remaining, rate / study_days))
    ]
    return Forecast(min(finishes), max(finishes), plan.end) if finishes else None


def _untracked_rest(plan: Plan, today: date) -> float:
    """Hours still to come of the leaves with nothing to tick, by their study days left."""
    cal = plan.calendar
    rest = 0.0
    for leaf in plan.untracked:
        if leaf.end > today:
            later = cal.count(max(leaf.start, today + ONE_DAY), leaf.end)
            rest += leaf.hours * later / max(cal.count(leaf.start, leaf.end), 1)
    return rest


def _finish_at(cal: StudyCalendar, today: date, remaining: float, rate: float) -> date | None:
    """The study day the remaining hours are done at ``rate`` hours a study day, from tomorrow.

    None when that is more than a lifetime away: a few minutes of work so far is no pace.
    """
    days = remaining / rate - EPS
    if not days <= FORECAST_HORIZON_DAYS:  # also NaN
        return None
    return cal.nth(today + ONE_DAY, max(math.ceil(days), 1) - 1)
