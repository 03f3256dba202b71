"""The study calendar: which days are study days, counted and listed without walking them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from datetime import date, timedelta

from syllabus.model.progress import Enrolment
from syllabus.model.units import WEEKDAYS

_LAST_ORDINAL = date.max.toordinal()
_ONE_DAY = timedelta(days=1)


def monday_of(day: date) -> date:
    """The Monday of the (Monday-Sunday) week holding ``day``."""
    return day - timedelta(days=day.weekday())


# --- study calendar ------------------------------------------------------------------


class StudyCalendar:
    """Which days are study days: not a rest weekday, not inside a pause.

    Counting and finding the n-th study day are arithmetic on weekdays plus a walk
    over the (few, merged) pauses, so the cost does not grow with the plan's length.
    """

    __slots__ = ("_study", "_per_week", "_partial", "_pause_starts", "_pause_ends")

    def __init__(self, rest_days: Iterable[str] = (), pauses: Iterable[tuple[date, date]] = ()):
        rest = {WEEKDAYS.index(d.strip().lower()[:3]) for d in rest_days if _weekday_ok(d)}
        study = tuple(w not in rest for w in range(7))
        if not any(study):  # every weekday a rest day makes no plan: study every day instead
            study = (True,) * 7
        self._study = study
        self._per_week = sum(study)
        self._partial = tuple(
            tuple(sum(study[(w + k) % 7] for k in range(rest)) for rest in range(7))
            for w in range(7)
        )
        merged: list[list[date]] = []
        for start, end in sorted(p for p in pauses if p[0] <= p[1]):
            if merged and start <= merged[-1][1] + _ONE_DAY:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._pause_starts = [p[0] for p in merged]
        self._pause_ends = [p[1] for p in merged]

    @property
    def days_per_week(self) -> int:
        """Study weekdays a week (pauses aside)."""
        return self._per_week

    def is_study_weekday(self, day: date) -> bool:
        """Whether ``day``'s weekday is not a rest day."""
        return self._study[day.weekday()]

    def in_pause(self, day: date) -> bool:
        """Whether ``day`` falls in a pause or a day off."""
        i = bisect_left(self._pause_ends, day)
        return i < len(self._pause_starts) and self._pause_starts[i] <= day

    def is_study_day(self, day: date) -> bool:
        """Not a rest weekday, not a pause, not a day off."""
        return self._study[day.weekday()] and not self.in_pause(day)

    def _weekdays_between(self, first: date, last: date) -> int:
        """Study weekdays in [first, last], pauses ignored."""
        if last < first:
            return 0
        full, rest = divmod((last - first).days + 1, 7)
        return full * self._per_week + self._partial[first.weekday()][rest]

    def count(self, first: date, last: date) -> int:
        """Study days in [first, last], both inclusive."""
        if last < first:
            return 0
        count = self._weekdays_between(first, last)
        starts, ends = self._pause_starts, self._pause_ends
        i = bisect_left(ends, first)
        while i < len(starts) and starts[i] <= last:
            count -= self._weekdays_between(max(starts[i], first), min(ends[i], last))
            i += 1
        return count

    def nth(self, first: date, index: int) -> date:
        """The ``index``-th (0-based) study day counted from the first one on or after ``first``."""
        index = max(index, 0)
        pos = first
        starts, ends = self._pause_starts, self._pause_ends
        i = bisect_left(ends, first)
        while i < len(starts):
            if starts[i] > pos:
                available = self._weekdays_between(pos, starts[i] - _ONE_DAY)
                if index < available:
                    break
                index -= available
            pos = max(pos, ends[i] + _ONE_DAY)
            i += 1
        return self._nth_weekday(pos, index)

    def _nth_weekday(self, first: date, index: int) -> date:
        study = self._study
        day = first
        while not study[day.weekday()]:
            day += _ONE_DAY
        weeks, index = divmod(index, self._per_week)
        day += timedelta(days=7 * weeks)
        while index:
            day += _ONE_DAY
            if study[day.weekday()]:
                index -= 1
        return day

    def first_on_or_after(self, day: date) -> date:
        """The first study day on or after ``day``."""
        return self.nth(day, 0)


def _weekday_ok(name: str) -> bool:
    return name.strip().lower()[:3] in WEEKDAYS


def calendar_for(enrolment: Enrolment) -> StudyCalendar:
    """The study calendar of an enrolment: its rest weekdays and pauses."""
    return StudyCalendar(enrolment.rest_days, [(p.start, p.end) for p in enrolment.pauses])


class _DayTable:
    """The study days from a first day on, listed as far as asked: index → date in O(1).

    One table serves the whole plan; a replan's segment starts at an index into it.
    Days are listed by a comprehension over day ordinals, weeks at a time.
    """

    __slots__ = ("_study", "_paused", "_per_week", "days", "_next", "first")

    def __init__(self, cal: StudyCalendar, first: date) -> None:
        # ordinal 1 is a Monday: ordinal % 7 == 1 on Mondays
        self._study = tuple(cal._study[(r - 1) % 7] for r in range(7))
        paused: set[int] = set()
        for start, end in zip(cal._pause_starts, cal._pause_ends, strict=True):
            if end >= first:
                paused.update(range(max(start, first).toordinal(), end.toordinal() + 1))
        self._paused = paused
        self._per_week = cal.days_per_week
        self.days: list[date] = []
        self.first = first
        self._next = first.toordinal()

    def get(self, index: int) -> date:
        days = self.days
        if index >= len(days):
            self._extend(max(index + 1, 2 * len(days), 64))
        return days[index]

    def _extend(self, size: int) -> None:
        days, study, paused = self.days, self._study, self._paused
        fromordinal = date.fromordinal
        while len(days) < size:
            first = self._next
            if first > _LAST_ORDINAL:  # a plan past the year 9999: the calendar ends there
                days.extend([date.max] * (size - len(days)))
                return
            last = min(first + (size - len(days)) * 7 // self._per_week + 7, _LAST_ORDINAL + 1)
            days.extend(
                [fromordinal(o) for o in range(first, last) if study[o % 7] and o not in paused]
            )
            self._next = last
