"""Burn-up data: the bright line against the work done, cumulative hours by day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from syllabus.model.schedule.status import Status
from syllabus.model.schedule.tracked import done_day


@dataclass(frozen=True, slots=True)
class BurnUp:
    """Cumulative hours by day, from the plan's start to its planned finish (or today,
    when later)."""

    days: list[date]
    planned: list[float]
    """The bright line: planned hours of the tracked items planned up to each day."""
    done: list[float]
    """Planned hours of the tracked items first closed up to each day (work closed before
    the plan's start counts on its first day); up to today only (shorter than ``days``
    while the plan runs on)."""
    logged: list[float] = field(default_factory=list)
    """Hours logged up to each day (check-ins within the enrolment); up to today only."""


def burn_up(status: Status) -> BurnUp:
    """The status's plan as a burn-up chart's data (empty without a plan)."""
    plan = status.plan
    if plan is None:
        return BurnUp([], [], [])
    first, today = plan.start, status.today
    last = max(plan.end, today)
    by_day: dict[date, float] = {}
    hours, due = plan.item_hours, plan.item_due
    for item_id in plan.tracked:
        day = max(due[item_id], first)
        by_day[day] = by_day.get(day, 0.0) + hours[item_id]
    days: list[date] = []
    planned: list[float] = []
    done: list[float] = []
    logged: list[float] = []
    line = closed = spent = 0.0
    closed_by_day = _closed_by_day(status)
    closed = sum(h for d, h in closed_by_day.items() if d < first)
    day = first
    while day <= last:
        line += by_day.get(day, 0.0)
        days.append(day)
        planned.append(line)
        if day <= today:
            closed += closed_by_day.get(day, 0.0)
            spent += status.hours_by_day.get(day, 0.0)
            done.append(closed)
            logged.append(spent)
        day += timedelta(days=1)
    return BurnUp(days, planned, done, logged)


def _closed_by_day(status: Status) -> dict[date, float]:
    """Planned hours of the tracked items by the study day they were first closed."""
    plan = status.plan
    assert plan is not None
    hours, records = plan.item_hours, status.records
    found: dict[date, float] = {}
    for item_id in plan.tracked:
        record = records.get(item_id)
        if record is not None and record.closed:
            day = done_day(record.closed_at or record.updated, status.day_start_hour)
            found[day] = found.get(day, 0.0) + hours[item_id]
    return found
