"""The forecast: when the roadmap will be finished at the learner's recent pace."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from syllabus.model.schedule.calendar import _ONE_DAY, StudyCalendar
from syllabus.model.schedule.layout import _EPS

FORECAST_DAYS = 28
"""The forecast extrapolates the pace of this many days (four weeks) up to today."""


@dataclass(frozen=True, slots=True)
class Forecast:
    """When the roadmap will be finished."""

    low: date
    """Earliest projected finish (the faster of the hours pace and the items pace)."""
    high: date
    """Latest projected finish."""
    plan: date
    """The planned finish."""


FORECAST_HORIZON_DAYS = 100 * 365
"""Study days beyond which a pace projects no finish at all (and no date overflows)."""


def _finish_at(cal: StudyCalendar, today: date, remaining: float, rate: float) -> date | None:
    """The study day the remaining hours are done at ``rate`` hours a study day, from tomorrow.

    None when that is more than a lifetime away: a few minutes of work so far is no pace.
    """
    days = max(math.ceil(remaining / rate - _EPS), 1)
    if days > FORECAST_HORIZON_DAYS:
        return None
    return cal.nth(today + _ONE_DAY, days - 1)
