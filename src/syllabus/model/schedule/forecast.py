"""The forecast: when the roadmap will be finished, P50 and P90, from the learner's own weeks.

The rest is measured in the plan's own terms: the plan's hours a study day over its
study days still to come (today included; leaves with nothing to tick and stretches
with nothing planned count like any other), less the buffer's hours (work closed ahead
of the bright line) or plus them (behind). A learner on the line at the plan's pace
therefore gets the planned date, whatever the roadmap's shape (overlapping phases, a
month with nothing to tick), and P50 moves from the planned date by the buffer.

The pace is a ratio to the plan's, from the learner's recent study weeks (the last
``FORECAST_WEEKS`` weeks with study days, the most recent weighing most; the current,
unfinished week pro rata to its study days so far, today when counting it makes the
pace faster, so a morning is no slow day and a small check-in today never slows
it): the hours logged over the plan's
hours a study day, or the planned hours of the items first closed over those the
bright line planned in the same weeks, when that is more (a learner who ticks items but
logs no hours). The plan's pace counts as ``PRIOR_WEEKS`` more weeks, and fills the
history up to ``FULL_WEEKS``, so that one week cannot swing it. Before
``MIN_HISTORY_WEEKS`` weeks of the enrolment have passed, the plan's pace is used with
a wide band. Check-ins outside the enrolment (before its start, after today) count
for nothing.

P50 is when the rest is done at that pace (today counting with the part of its hours
not yet closed); P90 at a pace slower by a band that grows with the spread of the weeks
(at least ``MIN_BAND``).

Spaced review is an allowance, not remaining work: the review cards that exist ask a
time a week (``review.weekly_minutes``); over the plan's hours a week that is the share
of the learner's study time the reviews take (at most ``REVIEW_SHARE``, so the plan
always moves on), and the rest is done at the pace less that share. The learner's
logged hours include their reviews, so the pace is measured the way it is spent; a
check-in's hours go to reviews and plan alike, so the properties above hold with
reviews on (P50 moves by the pace's change, at most 1 / (1 - REVIEW_SHARE) times the
days it would without cards); with no cards the forecast is unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
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
"""The plan's pace counts as this many more study weeks, at least."""

FULL_WEEKS = 6.0
"""With less history than this many (weighted) weeks, the plan's pace fills the rest."""

DAY_CAP = 3.0
"""A day's logged hours count up to this many planned study days (a marathon is no pace)."""

MIN_BAND = 0.15
"""P90's pace is at least this much slower than P50's."""

MAX_BAND = 0.75
PLAN_BAND = 0.4
"""The band on the plan's pace, before there is history: P90 at 60 % of the plan's pace."""

Z90 = 1.2816
"""The standard normal's 90th percentile."""

REVIEW_SHARE = 0.25
"""Reviews take at most this share of the study time: the rest of the plan moves on."""

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
    buffer_hours: float = 0.0
    """Planned hours closed minus the bright line this morning (+ ahead, - behind)."""
    line: Callable[[date, date], Mapping[date, float]] | None = None
    """Planned hours of the tracked items by their planned day, between two days (the
    bright line's steps); asked only when items were closed in the window."""
    review_hours_per_week: float = 0.0
    """The review cards' time a week (the allowance taken off the pace)."""


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
    open_hours = work.remaining + untracked_rest(plan, today)
    if open_hours <= EPS:
        return None
    remaining = rest_hours(plan, today, work.buffer_hours, open_hours)
    pace = learner_pace(plan, today, work)
    share = review_share(plan, work.review_hours_per_week)
    p50 = _finish(plan, today, remaining, pace.per_day * (1 - share), work)
    slow = pace.per_day * (1 - pace.band)
    p90 = _finish(plan, today, remaining, slow * (1 - share), work)
    return Forecast(p50, max(p50, p90), plan.end, pace.basis)


def review_share(plan: Plan, review_hours_per_week: float) -> float:
    """The share of the study time the reviews take: their hours a week over the plan's,
    at most ``REVIEW_SHARE`` (0 without cards)."""
    per_week = plan.hours_per_day * plan.calendar.days_per_week
    if review_hours_per_week <= EPS or per_week <= EPS:
        return 0.0
    return min(review_hours_per_week / per_week, REVIEW_SHARE)


def rest_hours(plan: Plan, today: date, buffer_hours: float, open_hours: float) -> float:
    """The rest of the plan in its own hours: its hours a study day over the study days
    still to come (today included), less the buffer's hours; while work remains, at
    least that work or a study day's hours, whichever is less."""
    first = max(today, plan.start)
    to_come = plan.hours_between(first, plan.end)
    return max(to_come - buffer_hours, min(open_hours, plan.hours_per_day))


def _finish(plan: Plan, today: date, remaining: float, per_day: float, work: RecentWork) -> date:
    """The day the remaining hours are done at ``per_day`` hours a study day. Today counts
    with what is left of its hours once the work closed today is taken off (so closing an
    item never moves the finish later); before the start, the plan's first day is whole.
    With hours by weekday, ``per_day`` is the average day's: each day does its own
    hours in that proportion."""
    cal = plan.calendar
    if cal.weekday_hours is not None:
        return _finish_by_weekday(plan, today, remaining, per_day / plan.hours_per_day, work)
    if today < plan.start:
        return _finish_at(cal, plan.start, remaining / per_day)
    if cal.is_study_day(today):
        left_today = per_day - work.closed_by_day.get(today, 0.0)
        if remaining <= left_today + EPS:
            return today
        remaining -= max(left_today, 0.0)
    return _finish_at(cal, today + ONE_DAY, remaining / per_day)


def _finish_by_weekday(
    plan: Plan, today: date, remaining: float, ratio: float, work: RecentWork
) -> date:
    """``_finish`` for a week whose days differ: the day on which the days' hours, at
    ``ratio`` of the plan's, reach the remaining hours."""
    if today < plan.start:
        origin = plan.start
    else:
        origin = today + ONE_DAY
        if plan.is_study_day(today):
            left_today = ratio * plan.day_hours(today) - work.closed_by_day.get(today, 0.0)
            if remaining <= left_today + EPS:
                return today
            remaining -= max(left_today, 0.0)
    needed = remaining / ratio if ratio > EPS else math.inf
    if not needed / plan.hours_per_day <= FORECAST_HORIZON_DAYS:  # also NaN
        return _finish_at(plan.calendar, origin, FORECAST_HORIZON_DAYS)
    table = plan.calendar.table(origin)
    return table.get(table.reach(0, needed, end=True))


class _Week(NamedTuple):
    days: int
    """Study days of the week within the enrolment, up to today."""
    share: float
    """Those days over a full week's study days."""
    logged: float
    closed: float
    first: date
    last: date
    planned: float
    """The plan's hours of those days."""


def _weeks(plan: Plan, today: date, work: RecentWork, until: date) -> list[_Week]:
    """The recent study weeks up to ``until`` (today or yesterday), the current one first."""
    cal, start, per_day = plan.calendar, plan.start, plan.hours_per_day
    cap = DAY_CAP * per_day
    weeks: list[_Week] = []
    monday = monday_of(today)
    for _ in range(LOOKBACK_WEEKS):
        first, last = max(monday, start), min(monday + timedelta(days=6), until)
        if monday + timedelta(days=6) < start:
            break
        days = cal.count(first, last)
        if days:
            logged = closed = 0.0
            day = first
            while day <= last:
                logged += min(work.hours_by_day.get(day, 0.0), cap)
                closed += work.closed_by_day.get(day, 0.0)
                day += ONE_DAY
            planned = plan.hours_between(first, last)
            weeks.append(
                _Week(days, days / cal.days_per_week, logged, closed, first, last, planned)
            )
            if len(weeks) == FORECAST_WEEKS:
                break
        monday -= timedelta(days=7)
    return weeks


def learner_pace(plan: Plan, today: date, work: RecentWork) -> Pace:
    """The pace the forecast extrapolates (see the module's doc): the weeks up to
    yesterday, or up to today when something was logged or closed today and that is no
    slower (today's figures only ever add to the pace)."""
    planned = plan.hours_per_day
    cal = plan.calendar
    per_week = cal.days_per_week
    if today < plan.start or cal.count(plan.start, today) < MIN_HISTORY_WEEKS * per_week:
        return Pace(planned, PLAN_BAND, "plan")
    pace = _pace_until(plan, today, work, today - ONE_DAY)
    busy = work.hours_by_day.get(today, 0.0) > EPS or work.closed_by_day.get(today, 0.0) > EPS
    if busy:
        with_today = _pace_until(plan, today, work, today)
        if with_today.per_day >= pace.per_day - EPS:  # a tie: today's weeks, more history
            return with_today
    return pace


def _pace_until(plan: Plan, today: date, work: RecentWork, until: date) -> Pace:
    planned = plan.hours_per_day
    weeks = _weeks(plan, today, work, until)
    logged = _Mean.of(weeks, lambda week: week.logged / week.planned)
    if logged.weights <= EPS:
        return Pace(planned, PLAN_BAND, "plan")
    closed = _items_ratio(plan, weeks, work)
    basis: Basis = "history"
    chosen = logged
    if closed.mean > logged.mean + EPS:
        chosen = closed
        basis = "items" if logged.mean <= EPS else "history"
    weights = logged.weights
    prior = max(PRIOR_WEEKS, FULL_WEEKS - weights)
    ratio = (chosen.mean * weights + prior) / (weights + prior)
    cv = chosen.spread / chosen.mean if chosen.mean > EPS else 1.0
    band = min(MAX_BAND, MIN_BAND + Z90 * cv / math.sqrt(weights + prior))
    return Pace(ratio * planned, band, basis)


def _items_ratio(plan: Plan, weeks: list[_Week], work: RecentWork) -> _Mean:
    """The planned hours of the items closed over those the bright line planned, week by
    week (the weeks' weights as for the logged hours, each also in proportion to the
    line's hours, so the mean is the ratio of the weighted sums). Days after the plan's
    end plan its hours a study day: catching up is measured against the plan's pace."""
    if not weeks or work.line is None or sum(week.closed for week in weeks) <= EPS:
        return _Mean(0.0, 0.0, 0.0)
    end = plan.end
    line = work.line(weeks[-1].first, min(weeks[0].last, end))
    total = weighted = squares = 0.0
    weight = 1.0
    for week in weeks:
        planned = sum(line.get(week.first + timedelta(days=k), 0.0) for k in range(7))
        if week.last > end:
            planned += plan.hours_between(max(week.first, end + ONE_DAY), week.last)
        if planned > EPS:
            w = weight * week.share * planned
            rate = week.closed / planned
            total += w
            weighted += w * rate
            squares += w * rate * rate
        # a week the line planned nothing in (a replan moved it, a stretch with nothing
        # to tick) tells nothing of the items' pace: the logged hours speak for it
        weight *= DECAY
    if total <= EPS:
        return _Mean(0.0, 0.0, 0.0)
    mean = weighted / total
    return _Mean(mean, math.sqrt(max(squares / total - mean * mean, 0.0)), total)


class _Mean(NamedTuple):
    """The weighted mean and spread of the weeks' figures (ratios to the plan's pace)."""

    mean: float
    spread: float
    weights: float
    """Sum of the weights: the recent study weeks the mean stands for."""

    @classmethod
    def of(cls, weeks: list[_Week], hours: Callable[[_Week], float]) -> _Mean:
        """The most recent week first: each weighs ``DECAY`` times the one after it, and
        in proportion to its study days (the current week pro rata); ``rate`` is the
        week's figure (hours a study day, or a ratio to the plan's)."""
        total = weighted = squares = 0.0
        weight = 1.0
        for week in weeks:
            w = weight * week.share
            rate = hours(week)
            total += w
            weighted += w * rate
            squares += w * rate * rate
            weight *= DECAY
        if total <= EPS:
            return cls(0.0, 0.0, 0.0)
        mean = weighted / total
        return cls(mean, math.sqrt(max(squares / total - mean * mean, 0.0)), total)


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
