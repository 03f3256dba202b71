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

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from syllabus.model.schedule.agenda import (
        AgendaEntry,
        Why,
        day_agenda,
        on_agenda,
        pick_next,
        roadmap_agenda,
    )
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

_HOME = {
    "PACE_STEP": "options",
    "AgendaEntry": "agenda",
    "Basis": "forecast",
    "BehindOptions": "options",
    "BurnUp": "burnup",
    "DEFAULT_HOURS_PER_WEEK": "layout",
    "DEFAULT_ITEM_HOURS": "layout",
    "FORECAST_DAYS": "forecast",
    "FORECAST_HORIZON_DAYS": "forecast",
    "HORIZON_DAYS": "calendar",
    "MIN_HOURS_PER_WEEK": "plan",
    "Forecast": "forecast",
    "Hours": "status",
    "NodePlan": "spans",
    "Plan": "plan",
    "Status": "status",
    "StudyCalendar": "calendar",
    "Why": "agenda",
    "behind_options": "options",
    "build_plan": "plan",
    "burn_up": "burnup",
    "calendar_for": "calendar",
    "change_pace": "options",
    "choose_mode": "layout",
    "compute_status": "status",
    "day_agenda": "agenda",
    "on_agenda": "agenda",
    "default_enrolment": "plan",
    "document_week_hours": "layout",
    "items_estimate": "layout",
    "monday_of": "calendar",
    "pace_to_keep": "options",
    "pick_next": "agenda",
    "replan": "options",
    "roadmap_agenda": "agenda",
    "stated_length": "layout",
}
"""The module of each name the package exports: each is imported when first asked for
(as Textual's ``widgets`` package does), so ``syllabus checkin``, which needs only the
plan, does not import the status, forecast, agenda and burn-up modules too."""


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})


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
    "on_agenda",
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
