"""One line: today's node, the buffer, today's hours, the streak, due, the forecast.

The line always fits its width: fields are dropped whole, least important first (a
fixed priority, ``PRIORITY``), and only the node's title is ever shortened (with "…").
At 80 columns the node, the buffer, today's hours and the streak always show.

The buffer is the one on-track figure (``Status.buffer_days``: + ahead, − behind, in
study days); the finish is the forecast, labelled so ("finish ~ P50 …, P90 …"), never
the planned date (the calendar screen shows that apart).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from syllabus.locale import _
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from datetime import datetime

    from syllabus.model.schedule import Status
    from syllabus.model.timer import Timer

SEPARATOR = " · "
MIN_TITLE = 32
"""Up to this many columns of the node's title come before the droppable fields."""


@dataclass(frozen=True)
class Field:
    """One fact of the line."""

    name: str
    """What it is (``buffer``, ``today``, …): tests and the priority name it."""
    text: Content


PRIORITY = ("buffer", "today", "streak", "forecast", "overdue", "due", "week", "percent")
"""Kept first to last: the line drops from the end of this list while it does not fit.
The node comes before all of them; the first three always stay."""

KEPT = 3
"""``PRIORITY[:KEPT]`` are never dropped."""


def buffer_text(days: float) -> str:
    """``+3 d`` ahead, ``−2 d`` behind (a real minus sign), ``0 d`` on the line."""
    whole = round(days)
    if whole > 0:
        return _("+{n} d").format(n=whole)
    if whole < 0:
        return _("\u2212{n} d").format(n=-whole)
    # Translators: a buffer of zero study days in the status line.
    return _("0 d")


def _number(hours: float) -> str:
    """Hours as ``:g`` wrote them, with the language's decimal mark (``1.5`` / ``1,5``)."""
    from syllabus.locale.formats import format_number

    return format_number(round(hours, 2), 2)


def short_date(day: date, today: date | None = None) -> str:
    """A date in the interface language, without its year when it is ``today``'s year
    (``Mar 12``, ``Apr 30, 2029``)."""
    from syllabus.locale.formats import format_date

    return format_date(day, year=today is None or day.year != today.year)


def forecast_text(status: Status) -> str | None:
    """``finish ~ P50 Mar 12, P90 Apr 2``; None when no work remains."""
    forecast = status.forecast
    if forecast is None:
        return None
    return _("finish ~ P50 {p50}, P90 {p90}").format(
        p50=short_date(forecast.p50, status.today), p90=short_date(forecast.p90, status.today)
    )


def status_fields(status: Status) -> list[Field]:
    """The facts in the order shown; ``fit`` drops them by ``PRIORITY``."""
    fields = [
        Field("buffer", Content(_("buffer {days}").format(days=buffer_text(status.buffer_days)))),
        Field(
            "today",
            Content(
                _("today {hours} h").format(
                    hours=_number(status.hours_by_day.get(status.today, 0.0))
                )
            ),
        ),
        Field("streak", Content(_("streak {n} d").format(n=status.streak))),
    ]
    if status.overdue:
        fields.append(Field("overdue", Content(_("overdue {n}").format(n=len(status.overdue)))))
    if status.due:
        fields.append(Field("due", Content(_("due {n}").format(n=len(status.due)))))
    from syllabus.locale.formats import format_number, format_percent

    week = _("week {done}/{target} h").format(
        done=format_number(status.hours_this_week, 1, fixed=True),
        target=format_number(status.target_hours_this_week, 0),
    )
    fields.append(Field("week", Content(week)))
    fields.append(Field("percent", Content(format_percent(status.percent))))
    finish = forecast_text(status)
    if finish is not None:
        fields.append(Field("forecast", Content(finish)))
    return fields


def _shorten(title: str, width: int) -> str:
    """The title in ``width`` columns, ending with "…" when cut (at a space if one is near)."""
    if len(title) <= width:
        return title
    if width <= 1:
        return "…"[:width]
    cut = title[: width - 1]
    space = cut.rfind(" ")
    if space >= width * 2 // 3:
        cut = cut[:space]
    return cut.rstrip() + "…"


def fit(title: str | None, fields: list[Field], width: int) -> Content:
    """The line in ``width`` columns: the node, then the fields that fit by priority."""
    kept = list(fields)
    lead = 2 if title else 0  # "▶ "

    def length(shown: list[Field]) -> int:
        return sum(f.text.cell_length for f in shown) + len(SEPARATOR) * max(0, len(shown) - 1)

    def room_for_title(shown: list[Field]) -> int:
        return width - lead - (2 if shown else 0) - length(shown)

    wanted = min(len(title), MIN_TITLE) if title else 0
    for name in reversed(PRIORITY[KEPT:]):
        if room_for_title(kept) >= wanted:
            break
        kept = [f for f in kept if f.name != name]
    parts: list[Content | str | tuple[str, str]] = []
    if title:
        shown = _shorten(title, max(1, room_for_title(kept)))
        parts += [("▶ ", "bold"), Content(shown).stylize("bold")]
        if kept:
            parts.append("  ")
    parts.append(Content(SEPARATOR).join(f.text for f in kept))
    return Content.assemble(*parts)


def timer_text(timer: Timer | None, now: datetime) -> str:
    """The running focus timer, short: ``⏱ 12:05`` (plain), ``⏱ work 20:15 left (2)`` or
    ``⏱ break 3:10 left (2)`` (pomodoro, the round); "" when none runs."""
    if timer is None:
        return ""
    from syllabus.model.timer import clock_text, phase

    state = phase(timer, now)
    if timer.mode == "plain":
        return f"⏱ {clock_text(state.minutes)}"
    text = _("⏱ break {left} left ({n})") if state.on_break else _("⏱ work {left} left ({n})")
    return text.format(left=clock_text(state.left), n=state.round)


def status_text(
    status: Status | None,
    current_title: str | None,
    today: str,
    width: int = 10_000,
    timer: str = "",
) -> Content:
    """The status as literal content, fitted to ``width`` columns; a running timer
    (``timer_text``) comes first and is never dropped."""
    title = one_line(current_title) if current_title else None
    lead = [Field("timer", Content.styled(timer, "bold"))] if timer else []
    if status is None:
        return fit(title, lead + ([Field("date", Content(today))] if today else []), width)
    return fit(title, lead + status_fields(status), width)


class StatusLine(Widget):
    """Where the learner stands today, in one line that fits."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    status: reactive[Status | None] = reactive(None, always_update=True)
    """The latest computed status (None until the schedule has run)."""
    current_title: reactive[str | None] = reactive(None)
    """Title of today's planned node."""
    today: reactive[str] = reactive("")
    """Today's date, ISO."""
    timer: reactive[str] = reactive("")
    """The running focus timer (``timer_text``), "" when none runs."""

    def render(self) -> Content:
        width = self.content_size.width or self.size.width
        return status_text(self.status, self.current_title, self.today, width, self.timer)
