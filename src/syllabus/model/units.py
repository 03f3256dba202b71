"""What a learner types: hours, weekdays, dates. One parser each, for the CLI and the app.

The records check their own values with these too, so a file edited by hand obeys the
same rules as a value typed at the prompt. ``model.rules`` re-exports them.
"""

from __future__ import annotations

import re
from datetime import date

from syllabus.locale import N_, _

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names, Monday first, as stored in ``rest_days``."""

_LABELS = dict(
    zip(
        WEEKDAYS,
        (N_("mon"), N_("tue"), N_("wed"), N_("thu"), N_("fri"), N_("sat"), N_("sun")),
        strict=True,
    )
)
"""How a form or a command shows a stored weekday, in the interface language."""

_GERMAN = {
    **dict.fromkeys(("mo",), "mon"),
    **dict.fromkeys(("di", "die"), "tue"),
    **dict.fromkeys(("mi", "mit"), "wed"),
    **dict.fromkeys(("do", "don"), "thu"),
    **dict.fromkeys(("fr", "fre"), "fri"),
    **dict.fromkeys(("sa", "sam"), "sat"),
    **dict.fromkeys(("so", "son"), "sun"),
}
"""German weekdays by their first letters ("Di", "Dienstag"; "Montag" is "mon" already):
read in either interface language, as the English names are."""

DAY_HOURS = 24.0
"""Most hours a check-in can hold."""

WEEK_HOURS = 168.0
"""Most hours a week's pace can hold."""

EARLIEST = date(1970, 1, 1)
"""The first date a plan, a pause or a check-in may have."""

LATEST = date(2200, 12, 31)
"""The last such date: far enough for any plan, near enough that dates never overflow."""

DATE = N_("the date")
"""How a message names a date the caller does not name (``check_date``'s ``what``)."""


class InvalidEntry(ValueError):
    """A value a person typed that cannot be used; the message is shown as it is."""


_CLOCK = re.compile(r"(\d+):([0-5]\d)")
# "2h", "1h30", "1h 30m", "90m": minutes need their "m" unless they follow hours.
_DURATION = re.compile(
    r"(?:(?P<h>\d+(?:[.,]\d+)?)\s*h(?:\s*(?P<hm>\d+)\s*(?:m(?:in)?)?)?)"
    r"|(?:(?P<m>\d+)\s*m(?:in)?)"
)


def _hours_value(raw: str) -> float | None:
    if clock := _CLOCK.fullmatch(raw):
        return int(clock[1]) + int(clock[2]) / 60
    duration = _DURATION.fullmatch(raw)
    if duration:
        minutes = int(duration["m"] or duration["hm"] or 0)
        return float((duration["h"] or "0").replace(",", ".")) + minutes / 60
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return None
    return None if value != value else value  # NaN is no number of hours


def parse_hours(text: str, most: float = DAY_HOURS) -> float:
    """Hours from "2", "1,5", "1.5", "1:30", "90m", "2h", "1h30" or "1h 30m", to 0.01 h.

    ``most`` is the upper bound: a day's 24 for a check-in, a week's 168 for a pace.
    """
    raw = text.strip().lower()
    if not raw:
        raise InvalidEntry(_("enter a number of hours, e.g. 1,5 or 1:30"))
    hours = _hours_value(raw)
    if hours is None:
        raise InvalidEntry(
            _("{text} is not a number of hours (try 1,5 or 1:30)").format(text=repr(text.strip()))
        )
    if hours < 0:
        raise InvalidEntry(_("hours cannot be negative"))
    if hours > most:
        raise InvalidEntry(
            _("hours must be at most {most}, got {text}").format(
                most=f"{most:g}", text=repr(text.strip())
            )
        )
    return round(hours, 2)


def weekday(name: str) -> str:
    """The stored name of a weekday: "Sat", "saturday", "sa" and "Samstag" are "sat"."""
    short = name.strip().lower().rstrip(".")[:3]
    short = _GERMAN.get(short, short)
    if short not in WEEKDAYS:
        raise InvalidEntry(
            _("not a weekday: {name} (use mon, tue, … sun)").format(name=repr(name.strip()))
        )
    return short


def weekday_label(day: str) -> str:
    """A stored weekday as the interface names it in a form: "sun", in German "So"
    (``weekday`` reads it back)."""
    return _(_LABELS[day])


def weekdays_text(days: list[str] | tuple[str, ...], separator: str = ", ") -> str:
    """Stored weekdays as the interface names them: "sat, sun", in German "Sa, So"."""
    return separator.join(weekday_label(day) for day in days)


def normalise_rest_days(names: list[str]) -> list[str]:
    """Weekday names as stored: each once, Monday first.

    Seven rest days are kept as written (the schedule then studies every day); only
    ``parse_rest_days``, for what a person types, refuses them.
    """
    days = {weekday(name) for name in names}
    return [day for day in WEEKDAYS if day in days]


def parse_rest_days(text: str) -> list[str]:
    """Rest days from "sat,sun", "Sat Sun" or "" (none); at least one study day must remain."""
    days = normalise_rest_days([part for part in re.split(r"[\s,;]+", text) if part])
    if len(days) > 6:
        raise InvalidEntry(_("keep at least one study day a week"))
    return days


def normalise_weekday_hours(hours: dict[str, float]) -> dict[str, float]:
    """Hours by weekday as stored: every weekday once, Monday first, a day not named
    with 0 h; each between 0 and 24, at least one above 0 (empty stays empty: the same
    hours every study day)."""
    if not hours:
        return {}
    found = dict.fromkeys(WEEKDAYS, 0.0)
    for name, value in hours.items():
        value = float(value)
        if not 0 <= value <= DAY_HOURS:  # also NaN
            raise InvalidEntry(
                _("hours a day must be between 0 and 24, got {hours}").format(hours=f"{value:g}")
            )
        found[weekday(name)] = value
    if not any(found.values()):
        raise InvalidEntry(_("keep at least one study day a week"))
    return found


def weekday_hours_week(hours: dict[str, float]) -> tuple[float, list[str]]:
    """The hours a week and the rest days of a week given day by day: their sum and the
    days with none. The one rule an enrolment with hours by weekday keeps."""
    return round(sum(hours.values()), 2), [day for day in WEEKDAYS if not hours.get(day)]


def scaled_weekday_hours(hours: dict[str, float], hours_per_week: float) -> dict[str, float]:
    """Hours by weekday in the same proportions, summing to ``hours_per_week`` (to 0.01 h:
    the last study day takes the rounding); empty stays empty."""
    total = sum(hours.values())
    if not hours or total <= 0:
        return dict(hours)
    factor = hours_per_week / total
    scaled = {day: round(value * factor, 2) for day, value in hours.items()}
    last = [day for day, value in scaled.items() if value][-1]
    scaled[last] = round(scaled[last] + hours_per_week - sum(scaled.values()), 2)
    return scaled


# Pattern sources, compiled (and kept by ``re``) on first use: every command imports this
# module, few read hours by weekday.
_DAY_ENTRY = r"(?P<first>[^\W\d_]+)(?:\s*[-–]\s*(?P<last>[^\W\d_]+))?\s*[=:]?\s*(?P<hours>\d.*)"
_DAY_SPLIT = (
    # a comma or semicolon before a letter starts the next day ("1,5" stays one number),
    # so does a space before a day and its hours ("mon 1 tue 2")
    r"[,;]\s*(?=[^\W\d_])|\s+(?=[^\W\d_]+(?:\s*[-–]\s*[^\W\d_]+)?\s*[=:]?\s*\d)"
)


def parse_weekday_hours(text: str) -> dict[str, float]:
    """Hours by weekday from "mon-fri 1.5, sat-sun 2.5" or "mon=1,5 tue=2 sat=4" (a day
    not named rests); each day's hours as ``parse_hours`` reads them. Empty: {}."""
    found: dict[str, float] = {}
    for part in re.split(_DAY_SPLIT, text.strip()):
        part = part.strip()
        if not part:
            continue
        entry = re.fullmatch(_DAY_ENTRY, part)
        if entry is None:
            raise InvalidEntry(
                _("{text} is not a day and its hours (try mon-fri 1.5, sat-sun 2.5)").format(
                    text=repr(part)
                )
            )
        first = WEEKDAYS.index(weekday(entry["first"]))
        last = WEEKDAYS.index(weekday(entry["last"])) if entry["last"] else first
        hours = parse_hours(entry["hours"])
        for offset in range((last - first) % 7 + 1):
            found[WEEKDAYS[(first + offset) % 7]] = hours
    return normalise_weekday_hours(found)


def weekday_runs(hours: dict[str, float]) -> list[tuple[str, str, float]]:
    """Hours by weekday as runs of days with the same hours, Monday first: (first day,
    last day, hours); rest days left out."""
    runs: list[tuple[str, str, float]] = []
    for day in WEEKDAYS:
        value = hours.get(day, 0.0)
        if runs and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], day, value)
        else:
            runs.append((day, day, value))
    return [run for run in runs if run[2] > 0]


def weekday_hours_text(hours: dict[str, float]) -> str:
    """Hours by weekday as ``parse_weekday_hours`` reads them back: "mon-fri 1.5, sat-sun
    2.5" (in German "Mo-Fr 1.5, Sa-So 2.5"); runs of equal days joined, rest days left
    out."""
    parts = []
    for first, last, value in weekday_runs(hours):
        days = weekday_label(first)
        if last != first:
            days = f"{days}-{weekday_label(last)}"
        parts.append(f"{days} {value:g}")
    return ", ".join(parts)


def default_rest_days(days_per_week: int) -> list[str]:
    """Rest on the last weekdays: 6 study days rest on Sunday, 5 on the weekend, 4 from Friday."""
    days = min(max(days_per_week, 1), 7)
    return list(WEEKDAYS[days:])


def check_date(day: date, what: str = DATE) -> date:
    """The date, if it lies in the window every schedule can compute with.

    ``what`` names the date in the message: a noun marked with ``N_``, translated here."""
    if not EARLIEST <= day <= LATEST:
        raise InvalidEntry(
            # Translators: {what} is a date's name, e.g. "the start"; dates are ISO.
            _("{what} must lie between {earliest} and {latest}, got {day}").format(
                what=_(what), earliest=EARLIEST, latest=LATEST, day=day
            )
        )
    return day


_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(text: str, what: str = DATE) -> date:
    """A date typed as ISO (2026-11-23) or the German way (23.11.2026), in the window."""
    raw = text.strip()
    try:
        if dotted := _DOTTED.fullmatch(raw):
            day = date(int(dotted[3]), int(dotted[2]), int(dotted[1]))
        else:
            day = date.fromisoformat(raw)
    except ValueError:
        raise InvalidEntry(
            _("not a date (YYYY-MM-DD or DD.MM.YYYY): {text}").format(text=repr(raw))
        ) from None
    return check_date(day, what)
