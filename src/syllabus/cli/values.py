"""Argument types for argparse, each the model's rule for what a person types.

A value the rule refuses (``InvalidEntry``) becomes argparse's one-line usage error,
exit 2, naming the option. The rules are imported when a value is parsed, not when the
parser is built, so ``syllabus list`` never loads the model for options it lacks.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TypeVar

T = TypeVar("T")


def _entry(parse: Callable[[str], T], text: str) -> T:
    from syllabus.model.rules import InvalidEntry

    try:
        return parse(text)
    except InvalidEntry as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def day_hours(text: str) -> float:
    """Hours of one day (0-24): "2", "1,5", "1:30", "90m", "1h30"…"""
    from syllabus.model.rules import parse_hours

    return _entry(parse_hours, text)


def week_hours(text: str) -> float:
    """Hours of a week's pace (0-168), in the same forms as a day's."""
    from syllabus.model.rules import parse_hours
    from syllabus.model.units import WEEK_HOURS

    return _entry(lambda raw: parse_hours(raw, most=WEEK_HOURS), text)


def a_date(text: str) -> date:
    """An ISO date in the window every schedule can compute with (1970-2200)."""
    from syllabus.model.rules import parse_date

    return _entry(parse_date, text)


def weekday_hours(text: str) -> dict[str, float]:
    """Hours by weekday: "mon-fri=1.5,sat-sun=2.5" or "mon 1,5 sat 4" (others rest)."""
    from syllabus.model.units import parse_weekday_hours

    return _entry(parse_weekday_hours, text)


def rest_days(text: str) -> list[str]:
    """Rest weekdays: "sat,sun", "Sat Sun" or "" for none."""
    from syllabus.model.rules import parse_rest_days

    return _entry(parse_rest_days, text)
