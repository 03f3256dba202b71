"""When behind: the numbers for three decisions, and the replan itself (pure).

With the buffer below zero the learner can study more (the hours a week that keep the
planned date), skip the optional items still open (and the hours they hold in the
plan), or accept the date at their current pace (the forecast's P50) and replan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from syllabus.model.progress import Enrolment, ItemState, Progress, Replan
from syllabus.model.roadmap import Roadmap
from syllabus.model.schedule.calendar import StudyCalendar
from syllabus.model.schedule.layout import EPS
from syllabus.model.schedule.plan import Plan, build_plan, default_enrolment
from syllabus.model.schedule.status import Status, compute_status
from syllabus.model.units import scaled_weekday_hours

_REPLAN_TRIES = 6
"""Steps the search for a replan date that keeps the finish takes at most."""

PACE_STEP = 0.5
"""The pace that keeps the planned date is offered rounded up to this many hours a week."""


@dataclass(frozen=True, slots=True)
class BehindOptions:
    """What the learner can do when behind, with numbers."""

    hours_per_week: float
    """Hours a week needed from today to keep the planned date."""
    skippable: list[str]
    """Optional items not closed whose skipping saves planned time, in document order
    (empty when skipping saves nothing: then the option is not offered)."""
    skippable_hours: float
    """Their planned hours: the time they take in the plan's weeks."""
    new_date: date
    """The finish at the current pace (the forecast's P50)."""


def behind_options(
    roadmap: Roadmap,
    progress: Progress,
    roadmap_id: str,
    today: date,
    status: Status | None = None,
) -> BehindOptions | None:
    """The three options' numbers; None unless the buffer is below zero."""
    if status is None:
        status = compute_status(roadmap, progress, roadmap_id, today)
    plan = status.plan
    if plan is None or status.buffer_days >= 0 or status.forecast is None:
        return None
    rp = progress.roadmap(roadmap_id)
    cal = plan.calendar
    remaining = status.remaining_hours
    days_left = max(cal.count(today, plan.end), 1)
    per_week = remaining / days_left * cal.days_per_week
    if cal.weekday_hours is not None:  # the days differ: in proportion to their hours
        to_come = plan.hours_between(today, plan.end)
        if to_come > EPS:
            per_week = remaining / to_come * plan.hours_per_week
    saved = _saved_hours(roadmap, plan)
    closed = (ItemState.DONE, ItemState.SKIPPED)
    skippable = [
        item_id
        for item_id, optional in zip(plan.checkable.ids, plan.checkable.optional, strict=True)
        if optional and saved.get(item_id, 0.0) > EPS and rp.state(item_id) not in closed
    ]
    return BehindOptions(
        hours_per_week=per_week,
        skippable=skippable,
        skippable_hours=sum(saved[i] for i in skippable),
        new_date=status.forecast.p50,
    )


def pace_to_keep(options: BehindOptions) -> float:
    """The pace the "keep the planned date" option sets: the hours a week needed, rounded
    up to ``PACE_STEP`` (the CLI and the TUI offer the same number)."""
    return math.ceil(options.hours_per_week / PACE_STEP - 1e-9) * PACE_STEP


def change_pace(
    progress: Progress,
    roadmap_id: str,
    today: date,
    hours_per_week: float,
    now: datetime,
) -> Progress:
    """The progress with a new pace from today on: the enrolment's hours a week change and
    the unfinished rest is replanned to start today, so nothing owed before today is
    counted against the new pace. At ``pace_to_keep`` hours the plan ends about on the
    planned date again, with a buffer of 0. (The days planned before today are drawn at
    the new pace too: an enrolment has one pace; hours by weekday keep their
    proportions.)"""
    enrolment = progress.roadmap(roadmap_id).enrolled
    if enrolment is None:
        return progress
    paced = replace(
        enrolment,
        hours_per_week=hours_per_week,
        weekday_hours=scaled_weekday_hours(enrolment.weekday_hours, hours_per_week),
    )
    return _with_replan(progress, roadmap_id, paced, max(today, enrolment.start), now)


def _saved_hours(roadmap: Roadmap, plan: Plan) -> dict[str, float]:
    """The planned time skipping each item saves: its share of its week's hours. An item
    studied alongside other work (a course the weeks follow) takes none of the plan's
    time, whatever hours it states, and an optional item without hours takes no share."""
    index = roadmap.item_index()
    return {
        item_id: 0.0 if (found := index.get(item_id)) and found[1].alongside else hours
        for item_id, hours in plan.item_hours.items()
    }


def replan(
    progress: Progress, roadmap: Roadmap, roadmap_id: str, today: date, now: datetime
) -> Progress:
    """The progress after replanning today: the unfinished rest of the plan starts again.

    Behind, it starts today (the finish moves later). On pace or ahead, it starts on the
    day that keeps the planned finish, so a replan never pushes the finish of a learner
    who is not behind (an unchanged progress when no work remains).
    """
    rp = progress.roadmap(roadmap_id)
    enrolment = rp.enrolled
    if enrolment is None:
        return progress
    plan = build_plan(roadmap, enrolment, rp)
    status = compute_status(roadmap, progress, roadmap_id, today, plan)
    if status.forecast is None:
        return progress
    start = max(today, enrolment.start)
    if status.buffer_days >= 0:
        start = _keeping(roadmap, progress, roadmap_id, plan, start, now)
    return _with_replan(progress, roadmap_id, enrolment, start, now)


def _with_replan(
    progress: Progress, roadmap_id: str, enrolment: Enrolment, start: date, now: datetime
) -> Progress:
    made = replace(enrolment, replans=[*enrolment.replans, Replan(start=start, made=now)])
    made = replace(made, updated=now)
    rp = replace(progress.roadmap(roadmap_id), enrolment=made)
    return replace(progress, roadmaps={**progress.roadmaps, roadmap_id: rp})


def _keeping(
    roadmap: Roadmap,
    progress: Progress,
    roadmap_id: str,
    plan: Plan,
    start: date,
    now: datetime,
) -> date:
    """A replan start (not before the enrolment's) whose plan ends on ``plan.end``, or the
    latest one found that ends no later."""
    rp = progress.roadmap(roadmap_id)
    enrolment = rp.enrolled or default_enrolment(roadmap, start)
    cal = plan.calendar
    best: date | None = None
    for _ in range(_REPLAN_TRIES):
        trial = _with_replan(progress, roadmap_id, enrolment, start, now)
        end = build_plan(roadmap, enrolment_of(trial, roadmap_id), trial.roadmap(roadmap_id)).end
        if end == plan.end:
            return start
        if end < plan.end:
            best = start if best is None or start > best else best
            shift = cal.count(end, plan.end) - 1
        else:
            shift = -(cal.count(plan.end, end) - 1)
        start = _moved(cal, start, shift)
        if start < enrolment.start:
            start = enrolment.start
    return best if best is not None else enrolment.start


def enrolment_of(progress: Progress, roadmap_id: str) -> Enrolment:
    """The live enrolment of a roadmap (the caller knows there is one)."""
    enrolment = progress.roadmap(roadmap_id).enrolled
    assert enrolment is not None
    return enrolment


def _moved(cal: StudyCalendar, start: date, study_days: int) -> date:
    """``start`` moved by a number of study days (negative: earlier)."""
    if study_days >= 0:
        return cal.nth(start, study_days) if study_days else start
    day = start
    left = -study_days
    while left > 0:
        day -= timedelta(days=1)
        if cal.is_study_day(day):
            left -= 1
    return day
