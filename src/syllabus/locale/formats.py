"""Dates, hours and counts for the interface's language, from Babel's CLDR data.

Never the system locale (these machines have only C and POSIX) and never ``strftime``
names. Babel costs ~10 ms to import and ~10 ms to read a locale's data, so it is
imported on the first call here, not with this module: a command that prints no date
never pays for it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Literal

from syllabus.locale import _, current, ngettext

if TYPE_CHECKING:
    from datetime import date

    from babel.core import Locale

Width = Literal["wide", "abbreviated", "short", "narrow"]
"""How long a weekday or month name is: ``Montag``/``Mo.``/``Mo.``/``M``."""


@cache
def _locale(language: str) -> Locale:
    from babel.core import Locale

    return Locale.parse(language)


def babel_locale() -> Locale:
    """Babel's locale of the interface language."""
    return _locale(current())


def format_date(day: date, *, year: bool = True, weekday: bool = False) -> str:
    """``1. Dez. 2026`` / ``Dec 1, 2026``; without the year ``1. Dez.`` / ``Dec 1``;
    with the weekday ``Di., 1. Dez.`` / ``Tue, Dec 1``."""
    from babel.dates import format_skeleton

    skeleton = ("y" if year else "") + "MMM" + ("Ed" if weekday else "d")
    return format_skeleton(skeleton, day, locale=babel_locale())


def format_numeric_date(day: date) -> str:
    """The short all-digit form: ``01.12.26`` / ``12/1/26``."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, "short", locale=babel_locale())


def format_month(day: date) -> str:
    """The month and year, as a calendar's title: ``Dezember 2026`` / ``December 2026``."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=babel_locale())


def weekday_names(width: Width = "abbreviated") -> list[str]:
    """The seven weekday names, Monday first (weeks start on Monday in every language)."""
    names = babel_locale().days["format"][width]
    return [names[i] for i in range(7)]


def month_names(width: Width = "wide") -> list[str]:
    """The twelve month names, January first."""
    names = babel_locale().months["format"][width]
    return [names[i] for i in range(1, 13)]


def format_number(value: float, digits: int = 1, *, fixed: bool = False) -> str:
    """A number with at most ``digits`` decimals (exactly ``digits`` when ``fixed``) and
    the language's separators: ``1,5`` / ``1.5``, ``1.234`` / ``1,234``, fixed ``2,0``."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + ("0" if fixed else "#") * digits if digits > 0 else "")
    return format_decimal(value, pattern, locale=babel_locale())


def format_percent(value: float) -> str:
    """A share of 100 as the language writes it, no decimals: ``42%`` / ``42 %``."""
    from babel.numbers import format_percent as babel_format_percent

    return babel_format_percent(round(value) / 100, locale=babel_locale())


def format_hours(hours: float) -> str:
    """Hours to one decimal: ``1,5 h`` / ``1.5 h`` (``h`` reads the same in both)."""
    # Translators: hours with their unit; {hours} is the number, already formatted.
    return _("{hours} h").format(hours=format_number(hours, 1))


def format_days(n: int) -> str:
    """``1 Tag`` / ``3 Tage``; ``1 day`` / ``3 days``."""
    return ngettext("{n} day", "{n} days", n).format(n=n)


def format_weeks(n: int) -> str:
    """``1 Woche`` / ``3 Wochen``; ``1 week`` / ``3 weeks``."""
    return ngettext("{n} week", "{n} weeks", n).format(n=n)
