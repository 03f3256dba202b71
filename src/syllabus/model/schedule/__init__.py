"""The schedule: roadmap + enrolment + progress → calendar dates, status, streaks, forecast.

A document's "week" or "month" is an amount of work, not a span of dates: it is
turned into hours (a document week is the roadmap's stated hours a week) and the
learner's pace turns hours into study days. So every node first gets an interval of
*work hours* from the start of the plan, then the study calendar (rest weekdays,
pauses) turns hours into dates. Replans move the unfinished rest onto a new start
date, keeping the dates of what was done before.

Pure code: no I/O, nothing from the UI layer, and fast, because the app recomputes
it on every change (indexes are built once per plan; records are slotted dataclasses).

The package, in the order the data flows: ``calendar`` (which days are study days),
``layout`` (work hours per node), ``outline`` (the date-free analysis of a roadmap,
cached), ``segments`` (work hours onto study days, replans), ``spans`` (a node's days,
and which node a day belongs to), ``plan`` (the dates), ``tracked`` (the bright line:
due, overdue, settled work and the buffer), ``forecast`` (P50 and P90 finish),
``status`` (where the learner stands), ``agenda`` (what to do today), ``burnup`` (the
line against the work done) and ``options`` (what to do when behind; the replan).
"""

from __future__ import annotations

from syllabus.model.schedule.agenda import AgendaEntry, Why, day_agenda, pick_next, roadmap_agenda
from syllabus.model.schedule.burnup import BurnUp, burn_up
from syllabus.model.schedule.calendar import (
    HORIZON_DAYS,
    StudyCalendar,
    calendar_for,
    monday_of,
)
from syllabus.model.schedule.forecast import (
    FORECAST_DAYS,
    FORECAST_HORIZON_DAYS,
    Basis,
    Forecast,
)
from syllabus.model.schedule.layout import (
    DEFAULT_HOURS_PER_WEEK,
    DEFAULT_ITEM_HOURS,
    choose_mode,
    document_week_hours,
    items_estimate,
    stated_length,
)
from syllabus.model.schedule.options import (
    PACE_STEP,
    BehindOptions,
    behind_options,
    change_pace,
    pace_to_keep,
    replan,
)
from syllabus.model.schedule.plan import (
    MIN_HOURS_PER_WEEK,
    Plan,
    build_plan,
    default_enrolment,
)
from syllabus.model.schedule.spans import NodePlan
from syllabus.model.schedule.status import Hours, Status, compute_status

__all__ = [
    "PACE_STEP",
    "AgendaEntry",
    "Basis",
    "BehindOptions",
    "BurnUp",
    "DEFAULT_HOURS_PER_WEEK",
    "DEFAULT_ITEM_HOURS",
    "FORECAST_DAYS",
    "FORECAST_HORIZON_DAYS",
    "HORIZON_DAYS",
    "MIN_HOURS_PER_WEEK",
    "Forecast",
    "Hours",
    "NodePlan",
    "Plan",
    "Status",
    "StudyCalendar",
    "Why",
    "behind_options",
    "build_plan",
    "burn_up",
    "calendar_for",
    "change_pace",
    "choose_mode",
    "compute_status",
    "day_agenda",
    "default_enrolment",
    "document_week_hours",
    "items_estimate",
    "monday_of",
    "pace_to_keep",
    "pick_next",
    "replan",
    "roadmap_agenda",
    "stated_length",
]
