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
and which node a day belongs to), ``plan`` (the dates), ``tracked`` (due, overdue and
settled work), ``status`` (where the learner stands) and ``forecast`` (when they will
finish).
"""

from __future__ import annotations

from syllabus.model.schedule.calendar import (
    HORIZON_DAYS,
    StudyCalendar,
    calendar_for,
    monday_of,
)
from syllabus.model.schedule.forecast import (
    FORECAST_DAYS,
    FORECAST_HORIZON_DAYS,
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
from syllabus.model.schedule.plan import (
    MIN_HOURS_PER_WEEK,
    Plan,
    build_plan,
    default_enrolment,
)
from syllabus.model.schedule.spans import NodePlan
from syllabus.model.schedule.status import Hours, Status, compute_status

__all__ = [
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
    "build_plan",
    "calendar_for",
    "choose_mode",
    "compute_status",
    "default_enrolment",
    "document_week_hours",
    "items_estimate",
    "monday_of",
    "stated_length",
]
