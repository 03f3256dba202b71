"""Recurring items: one instance a plan week of their node's span.

An item marked ``recurring = "weekly"`` (seed 004's "Project Deliverables (Every Week)",
a habit's routine, a side track's weekly practice) is never ticked as one: the plan makes
an instance ``ITEM_ID@N`` for each plan week ``N`` its node's span reaches (week 1 is the
week the enrolment starts in, Monday first, so a number names the same calendar week
through every pause and replan; a replan that moves the work later adds weeks at the end).
Each instance is due on the last study day of its week within the span; a week with no
study day there (a pause) has none. An instance's planned hours are the item's stated
hours (a figure per week: "[1 hr] weekly review" is an hour every week, added to that
week's planned hours like a habit's), else none: the document's weeks already hold their
work (seed 004's 13 hours a week include the week's project and its deliverables), so an
unstated deliverable is a checkpoint on that work, as an item studied alongside is, and
the plan keeps the length the document gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

from syllabus.model.progress import instance_id
from syllabus.model.schedule.calendar import StudyCalendar, monday_of
from syllabus.model.schedule.outline import Recurring
from syllabus.model.schedule.spans import NodePlan


class Instance(NamedTuple):
    """One week's instance of a recurring item."""

    item_id: str
    """The instance's id, ``ITEM_ID@N``."""
    week: int
    """Its plan week (from 1)."""
    day: date
    """The day it is due: its week's last study day within its node's span."""
    hours: float
    optional: bool


def week_of(start: date, day: date) -> int:
    """The plan week holding ``day`` for a plan starting ``start`` (1 for its first week)."""
    return (monday_of(day) - monday_of(start)).days // 7 + 1


def instances(
    item: Recurring, span: NodePlan, start: date, calendar: StudyCalendar
) -> Iterator[Instance]:
    """The instances of a recurring item over its node's planned span, week by week."""
    first_monday = monday_of(start)
    for week in range(week_of(start, span.start), week_of(start, span.end) + 1):
        monday = first_monday + timedelta(days=7 * (week - 1))
        low = max(monday, span.start, start)
        day = min(monday + timedelta(days=6), span.end)
        while day >= low and not calendar.is_study_day(day):
            day -= timedelta(days=1)
        if day >= low:
            yield Instance(instance_id(item.item_id, week), week, day, item.hours, item.optional)
