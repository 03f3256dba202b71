"""The forecast: when the roadmap will be finished, P50 and P90, from the learner's own weeks.

The pace is the mean of the learner's recent study weeks (the last ``FORECAST_WEEKS``
weeks with study days, the most recent weighing most; the current, unfinished week pro
rata to its study days so far), each week's hours per study day. A week's work is the
hours logged, or the planned hours of the items first closed in it when that is more
(a learner who ticks items but logs no hours). The plan's pace counts as
``PRIOR_WEEKS`` more weeks, so that one week cannot swing it. Before
``MIN_HISTORY_WEEKS`` weeks of the enrolment have passed, the plan's pace is used with
a wide band. Check-ins outside the enrolment (before its start, after today) count
for nothing.

P50 is when the remaining planned hours are done at that pace; P90 at a pace slower by
a band that grows with the spread of the weeks (at least ``MIN_BAND``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, NamedTuple

from syllabus.model.schedule.calendar import HORIZON_DAYS, ONE_DAY, StudyCalendar, monday_of
from syllabus.model.schedule.layout import EPS
from syllabus.model.schedule.plan import Plan

FORECAST_WEEKS = 8
"""Study weeks the pace is taken from (the current one included)."""

LOOKBACK_WEEKS = 16
"""Calendar weeks searched for them (pauses and rest weeks are passed over)."""

FORECAST_DAYS = 7 * LOOKBACK_WEEKS
"""Days back from this week's Sunday that the forecast looks at."""

FORECAST_HORIZON_DAYS = HORIZON_DAYS
"""Study days beyond which a forecast is put on the horizon's last day."""

MIN_HISTORY_WEEKS = 2
"""Weeks of study days the enrolment needs before the learner's own pace is used."""

DECAY = 0.85
"""Weight of a study week relative to the one after it."""

PRIOR_WEEKS = 1.0
"""The plan's pace counts as this many more study weeks."""

DAY_CAP = 3.0
"""A day's logged hours count up to this many planned study days (a marathon is no pace)."""

MIN_BAND = 0.15
"""P90's pace is at least this much slower than P50's."""

MAX_BAND = 0.75
PLAN_BAND = 0.4
"""The band on the plan's pace, before there is history: P90 at 60 % of the plan's pace."""

Z90 = 1.2816
"""The standard normal's 90th percentile."""

Basis = Literal["history", "items", "plan"]


@dataclass(frozen=True, slots=True)
class Forecast:
    """When the roadmap will be finished."""

    p50: date
    """As likely earlier as later, at the learner's pace."""
    p90: date
    """Nine times in ten by then."""
    planned: date
    """The planned finish."""
    basis: Basis
    """What the pace comes from: the learner's logged hours ("history"), the planned hours
    of the items they closed ("items"), or the plan itself ("plan", a wide band)."""

    @property
    def low(self) -> date:
        """Compatibility: P50."""
        return self.p50

    @property
    def high(self) -> date:
        """Compatibility: P90."""
        return self.p90

    @property
    def plan(self) -> date:
        """Compatibility: the planned finish."""
        return self.planned


@dataclass(frozen=True, slots=True)
class RecentWork:
    """What the forecast needs to know of the learner's work."""

    remaining: float
    """Planned hours of the tracked items not settled."""
    hours_by_day: Mapping[date, float]
    """Logged hours by day (any day: those outside the enrolment are ignored here)."""
    closed_by_day: Mapping[date, float]
    """Planned hours of the tracked items first closed, by study day (the window at least)."""


class Pace(NamedTuple):
    """Hours a study day, and the band P90 takes off it."""

    per_day: float
    band: float
    basis: Basis


def window_start(today: date) -> date:
    """The first day the forecast looks at."""
    return monday_of(today) - timedelta(days=7 * (LOOKBACK_WEEKS - 1))


def forecast(plan: Plan, today: date, work: RecentWork) -> Forecast | None:
    """When the rest will be done; None when no work remains, or when the plan itself
    has no finish (it runs past the calendar's horizon)."""
    if not plan.finishes:
        return None
    remaining = work.remaining + untracked_rest(plan, today)
    if remaining <= EPS:
        return None
    pace = learner_pace(plan, today, work)
    origin = max(today, plan.start)
    cal = plan.calendar
    p50 = _finish_at(cal, origin, remaining / pace.per_day)
    p90 = _finish_at(cal, origin, remaining / (pace.per_day * (1 - pace.band)))
    return Forecast(p50, max(p50, p90), plan.end, pace.basis)


class _Week(NamedTuple):
    days: int
    """Study days of the week within the enrolment, up to today."""
    logged: float
    closed: float


def _weeks(plan: Plan, today: date, work: RecentWork) -> list[_Week]:
    """The recent study weeks, the current one first."""
    cal, start, per_day = plan.calendar, plan.start, plan.hours_per_day
    cap = DAY_CAP * per_day
    weeks: list[_Week] = []
    monday = monday_of(today)
    for _ in range(LOOKBACK_WEEKS):
        first, last = max(monday, start), min(monday + timedelta(days=6), today)
        if last < first:
            break
        days = cal.count(first, last)
        if days:
            logged = closed = 0.0
            day = first
            while day <= last:
                logged += min(work.hours_by_day.get(day, 0.0), cap)
                closed += work.closed_by_day.get(day, 0.0)
                day += ONE_DAY
            weeks.append(_Week(days, logged, closed))
            if len(weeks) == FORECAST_WEEKS:
                break
        monday -= timedelta(days=7)
    return weeks


def learner_pace(plan: Plan, today: date, work: RecentWork) -> Pace:
    """The pace the forecast extrapolates (see the module's doc)."""
    planned = plan.hours_per_day
    cal = plan.calendar
    per_week = cal.days_per_week
    if today < plan.start or cal.count(plan.start, today) < MIN_HISTORY_WEEKS * per_week:
        return Pace(planned, PLAN_BAND, "plan")
    weeks = _weeks(plan, today, work)
    weights = rates = 0.0
    squares = 0.0
    weight = 1.0
    for week in weeks:
        w = weight * week.days / per_week
        rate = max(week.logged, week.closed) / week.days
        weights += w
        rates += w * rate
        squares += w * rate * rate
        weight *= DECAY
    if weights <= EPS:
        return Pace(planned, PLAN_BAND, "plan")
    mean = rates / weights
    spread = math.sqrt(max(squares / weights - mean * mean, 0.0))
    per_day = (rates + PRIOR_WEEKS * planned) / (weights + PRIOR_WEEKS)
    cv = spread / mean if mean > EPS else 1.0
    band = min(MAX_BAND, MIN_BAND + Z90 * cv / math.sqrt(weights + PRIOR_WEEKS))
    logged = any(week.logged > EPS for week in weeks)
    closed = any(week.closed > EPS for week in weeks)
    basis: Basis = "items" if closed and not logged else "history"
    return Pace(per_day, band, basis)


def untracked_rest(plan: Plan, today: date) -> float:
    """Hours still to come of the leaves with nothing to tick, by their study days left."""
    cal = plan.calendar
    rest = 0.0
    for leaf in plan.untracked:
        if leaf.end >= today:
            later = cal.count(max(leaf.start, today), leaf.end)
            rest += leaf.hours * later / max(cal.count(leaf.start, leaf.end), 1)
    return rest


def _finish_at(cal: StudyCalendar, origin: date, days: float) -> date:
    """The study day on which ``days`` study days of work from ``origin`` (itself
    included) are done; the horizon's last day at most."""
    count = days - EPS
    if not count <= FORECAST_HORIZON_DAYS:  # also NaN
        count = FORECAST_HORIZON_DAYS
    return cal.nth(origin, max(math.ceil(count), 1) - 1)
