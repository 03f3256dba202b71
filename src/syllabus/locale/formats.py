"""Dates, hours and counts for the interface's language, from CLDR data.

Never the system locale (these machines have only C and POSIX) and never ``strftime``
names. The data (names, date patterns, number symbols) is Babel's, taken at build time
by ``scripts/i18n.py compile`` into ``locale/<lang>/formats.json`` — as the ``.mo``
catalogs are — and read here once per language on first use: importing Babel and
loading its locale data would cost ~30 ms on every command that prints a date. The
small interpreter below covers the CLDR pattern fields those patterns use; a test
checks that it gives exactly what Babel gives.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Literal

from syllabus.locale import DEFAULT, LOCALE_DIR, _, current, ngettext

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal
    from typing import TypedDict

    Names = dict[str, dict[str, list[str]]]
    """Context (``format``/``stand-alone``) → width → names."""

    class Numbers(TypedDict):
        decimal: str
        group: str
        percent: str

    class Data(TypedDict):
        language: str
        months: Names
        days: Names
        dates: dict[str, str]
        numbers: Numbers


Width = Literal["wide", "abbreviated", "short", "narrow"]
"""How long a weekday or month name is: ``Montag``/``Mo.``/``Mo.``/``M``."""

FORMATS = "formats.json"


@cache
def _load(language: str) -> Data:
    import json

    path = LOCALE_DIR / language / FORMATS
    if not path.exists():
        path = LOCALE_DIR / DEFAULT / FORMATS
    data: Data = json.loads(path.read_text(encoding="utf-8"))
    return data


def _data() -> Data:
    """The formatting data of the interface language."""
    return _load(current())


_WIDTHS = {3: "abbreviated", 4: "wide", 5: "narrow", 6: "short"}


def _quoted(pattern: str, start: int) -> tuple[str, int]:
    """The literal text of the quote opening at ``start`` (``''`` is a quote) and the
    index after it."""
    if pattern.startswith("''", start):
        return "'", start + 2
    text, i = [], start + 1
    while i < len(pattern):
        if pattern.startswith("''", i):
            text.append("'")
            i += 2
        elif pattern[i] == "'":
            return "".join(text), i + 1
        else:
            text.append(pattern[i])
            i += 1
    return "".join(text), i


@cache
def _tokens(pattern: str) -> tuple[tuple[bool, str], ...]:
    """A CLDR pattern as (is a field, text): runs of one ASCII letter are fields,
    ``'…'`` is literal text, anything else is itself."""
    tokens: list[tuple[bool, str]] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "'":
            text, i = _quoted(pattern, i)
            tokens.append((False, text))
        elif char.isascii() and char.isalpha():
            end = i
            while end < len(pattern) and pattern[end] == char:
                end += 1
            tokens.append((True, pattern[i:end]))
            i = end
        else:
            tokens.append((False, char))
            i += 1
    return tuple(tokens)


def _name(names: Names, context: str, count: int, index: int) -> str:
    return names[context][_WIDTHS[count]][index]


def _field(field: str, day: date, data: Data) -> str:
    letter, count = field[0], len(field)
    if letter == "y":
        year = str(day.year)
        return (year[-2:] if count == 2 else year).zfill(count)
    if letter in "ML":
        context = "format" if letter == "M" else "stand-alone"
        if count <= 2:
            return str(day.month).zfill(count)
        return _name(data["months"], context, count, day.month - 1)
    if letter == "d" and count <= 2:
        return str(day.day).zfill(count)
    if letter == "E" or (letter == "c" and count >= 3):
        context = "format" if letter == "E" else "stand-alone"
        return _name(data["days"], context, max(count, 3), day.weekday())
    raise ValueError(f"unsupported date field {field!r}")


def format_pattern(pattern: str, day: date, data: Data | None = None) -> str:
    """``day`` in a CLDR date pattern (``d. MMM y``, ``E, MMM d, y``, ``dd.MM.yy``)."""
    data = data or _data()
    return "".join(_field(text, day, data) if field else text for field, text in _tokens(pattern))


def format_date(day: date, *, year: bool = True, weekday: bool = False) -> str:
    """``1. Dez. 2026`` / ``Dec 1, 2026``; without the year ``1. Dez.`` / ``Dec 1``;
    with the weekday ``Di., 1. Dez.`` / ``Tue, Dec 1``."""
    skeleton = ("y" if year else "") + "MMM" + ("Ed" if weekday else "d")
    data = _data()
    return format_pattern(data["dates"][skeleton], day, data)


def format_numeric_date(day: date) -> str:
    """The short all-digit form: ``01.12.26`` / ``12/1/26``."""
    data = _data()
    return format_pattern(data["dates"]["short"], day, data)


def format_month(day: date) -> str:
    """The month and year, as a calendar's title: ``Dezember 2026`` / ``December 2026``."""
    data = _data()
    return format_pattern(data["dates"]["yMMMM"], day, data)


def weekday_names(width: Width = "abbreviated") -> list[str]:
    """The seven weekday names, Monday first (weeks start on Monday in every language)."""
    return list(_data()["days"]["format"][width])


def month_names(width: Width = "wide") -> list[str]:
    """The twelve month names, January first."""
    return list(_data()["months"]["format"][width])


def _grouped(digits: str, group: str) -> str:
    """``1234567`` → ``1.234.567`` (groups of three, as ``#,##0`` says)."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return group.join(parts)


def _decimal(number: Decimal, low: int, high: int, numbers: Numbers) -> tuple[bool, str]:
    """The sign and the digits of ``number`` with ``low`` to ``high`` decimals, rounded
    half to even (as Babel does, from the float's shortest repr)."""
    from decimal import Decimal

    negative = number.is_signed()
    rounded = abs(number).normalize().quantize(Decimal(10) ** -high)
    whole, _dot, fraction = f"{rounded:f}".partition(".")
    fraction = (fraction or "0").ljust(low, "0")
    if high == 0 or (low == 0 and int(fraction) == 0):
        fraction = ""
    else:
        fraction = numbers["decimal"] + fraction[:low] + fraction[low:].rstrip("0")
    return negative, _grouped(whole, numbers["group"]) + fraction


def format_number(value: float, digits: int = 1, *, fixed: bool = False) -> str:
    """A number with at most ``digits`` decimals (exactly ``digits`` when ``fixed``) and
    the language's separators: ``1,5`` / ``1.5``, ``1.234`` / ``1,234``, fixed ``2,0``."""
    from decimal import Decimal

    low = digits if fixed else 0
    negative, number = _decimal(Decimal(str(value)), low, digits, _data()["numbers"])
    return "-" + number if negative else number


def _unquote(text: str) -> str:
    """Affix text with its quotes resolved (``'%'`` → ``%``, ``''`` → ``'``)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "'":
            part, i = _quoted(text, i)
        else:
            part, i = text[i], i + 1
        out.append(part)
    return "".join(out)


def format_percent(value: float) -> str:
    """A share of 100 as the language writes it, no decimals: ``42%`` / ``42 %``."""
    from decimal import Decimal

    numbers = _data()["numbers"]
    pattern = numbers["percent"].split(";")[0]
    places = [i for i, char in enumerate(pattern) if char in "#0,."]
    if not places:
        raise ValueError(f"no number in the percent pattern {pattern!r}")
    prefix, suffix = pattern[: places[0]], pattern[places[-1] + 1 :]
    share = Decimal(str(round(value) / 100)).scaleb(2)
    negative, number = _decimal(share, 0, 0, numbers)
    return _unquote(("-" if negative else "") + prefix + number + suffix)


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
