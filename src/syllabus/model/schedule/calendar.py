"""The study calendar: which days are study days, counted and listed without walking them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, timedelta
from itertools import accumulate
from typing import Protocol

from syllabus.model.progress import Enrolment
from syllabus.model.units import WEEKDAYS, normalise_rest_days

ONE_DAY = timedelta(days=1)

HORIZON_DAYS = 100 * 365
"""Study days a plan or a forecast reaches. Work that would come later has no finish:
a plan puts it on the last of these days, a forecast gives none. At one study day a
week from the last date a plan may start (2200), that is still centuries short of
``date.max``, so no date arithmetic on a plan can overflow."""


def monday_of(day: date) -> date:
    """The Monday of the (Monday-Sunday) week holding ``day``."""
    return day - timedelta(days=day.weekday())


class Period(Protocol):
    """Days from ``start`` to ``end``, both inclusive (a ``Pause`` is one)."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


class StudyCalendar:
    """Which days are study days: not a rest weekday, not inside a pause; and, for a
    week whose days differ, how many hours each study weekday holds.

    Counting and finding the n-th study day are arithmetic on weekdays plus a walk
    over the (few, merged) pauses, so the cost does not grow with the plan's length.
    """

    __slots__ = (
        "_study",
        "_per_week",
        "_partial",
        "_pause_starts",
        "_pause_ends",
        "_hours",
        "_partial_hours",
    )

    def __init__(
        self,
        rest_days: Iterable[str] = (),
        pauses: Iterable[Period] = (),
        weekday_hours: Sequence[float] | None = None,
    ) -> None:
        rest = {WEEKDAYS.index(day) for day in normalise_rest_days(list(rest_days))}
        study = tuple(w not in rest for w in range(7))
        if not any(study):  # every weekday a rest day makes no plan: study every day instead
            study = (True,) * 7
        self._study = study
        self._per_week = sum(study)
        self._partial = tuple(
            tuple(sum(study[(w + k) % 7] for k in range(length)) for length in range(8))
            for w in range(7)
        )
        self._hours: tuple[float, ...] | None = None
        self._partial_hours: tuple[tuple[float, ...], ...] = ()
        if weekday_hours is not None:
            hours = tuple(float(h) if s else 0.0 for h, s in zip(weekday_hours, study, strict=True))
            if len({h for h, s in zip(hours, study, strict=True) if s}) > 1:
                self._hours = hours  # the same hours every study day: the uniform case
                self._partial_hours = tuple(
                    tuple(sum(hours[(w + k) % 7] for k in range(length)) for length in range(8))
                    for w in range(7)
                )
        merged: list[list[date]] = []
        for start, end in sorted((p.start, p.end) for p in pauses if p.start <= p.end):
            if merged and start <= merged[-1][1] + ONE_DAY:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._pause_starts = [p[0] for p in merged]
        self._pause_ends = [p[1] for p in merged]

    @property
    def days_per_week(self) -> int:
        """Study weekdays a week (pauses aside)."""
        return self._per_week

    @property
    def weekday_hours(self) -> tuple[float, ...] | None:
        """Hours by weekday (Monday first, 0 on rest days) when the study days differ;
        None when every study day holds the same hours."""
        return self._hours

    def scaled(self, hours_per_week: float) -> StudyCalendar:
        """The same calendar with its weekday hours summing to ``hours_per_week``."""
        if self._hours is None:
            return self
        total = sum(self._hours)
        if abs(total - hours_per_week) <= 1e-9:
            return self
        scaled = StudyCalendar.__new__(StudyCalendar)
        for name in self.__slots__:
            setattr(scaled, name, getattr(self, name))
        factor = hours_per_week / total
        scaled._hours = tuple(h * factor for h in self._hours)
        scaled._partial_hours = tuple(tuple(h * factor for h in row) for row in self._partial_hours)
        return scaled

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

    def _weekday_hours_between(self, first: date, last: date, hours: tuple[float, ...]) -> float:
        """Hours of the study weekdays in [first, last], pauses ignored."""
        if last < first:
            return 0.0
        full, rest = divmod((last - first).days + 1, 7)
        return full * sum(hours) + self._partial_hours[first.weekday()][rest]

    def hours(self, first: date, last: date, per_day: float) -> float:
        """The hours of the study days in [first, last]: each weekday's own, else
        ``per_day`` each."""
        hours = self._hours
        if hours is None:
            return per_day * self.count(first, last)
        if last < first:
            return 0.0
        total = self._weekday_hours_between(first, last, hours)
        starts, ends = self._pause_starts, self._pause_ends
        i = bisect_left(ends, first)
        while i < len(starts) and starts[i] <= last:
            total -= self._weekday_hours_between(max(starts[i], first), min(ends[i], last), hours)
            i += 1
        return total

    def day_hours(self, day: date, per_day: float) -> float:
        """The hours a day holds: its weekday's (else ``per_day``) on a study day, else 0."""
        if not self.is_study_day(day):
            return 0.0
        return per_day if self._hours is None else self._hours[day.weekday()]

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
                available = self._weekdays_between(pos, starts[i] - ONE_DAY)
                if index < available:
                    break
                index -= available
            pos = max(pos, ends[i] + ONE_DAY)
            i += 1
        return self._nth_weekday(pos, index)

    def _nth_weekday(self, first: date, index: int) -> date:
        study = self._study
        day = first
        while not study[day.weekday()]:
            day += ONE_DAY
        weeks, index = divmod(index, self._per_week)
        day += timedelta(days=7 * weeks)
        while index:
            day += ONE_DAY
            if study[day.weekday()]:
                index -= 1
        return day

    def first_on_or_after(self, day: date) -> date:
        """The first study day on or after ``day``."""
        return self.nth(day, 0)

    def spread_by_week(self, start: date, end: date, hours: float, weeks: dict[int, float]) -> None:
        """Add ``hours`` to ``weeks`` (keyed by the ordinal of their Monday) in proportion
        to the study days of [start, end] in each; a span without study days puts them all
        in its first week."""
        first, last = start.toordinal(), end.toordinal()
        monday = first - start.weekday()
        if last - monday < 7:  # the whole span inside one week: the common case
            weeks[monday] = weeks.get(monday, 0.0) + hours
            return
        paused = bisect_left(self._pause_ends, start) < len(self._pause_ends)
        counts: dict[int, float] = {}
        while monday <= last:
            lo, hi = max(monday, first), min(monday + 6, last)
            if self._hours is not None:  # in proportion to the days' hours
                days = self.hours(date.fromordinal(lo), date.fromordinal(hi), 0.0)
            elif paused:
                days = self.count(date.fromordinal(lo), date.fromordinal(hi))
            else:  # ordinal 1 is a Monday
                days = self._partial[(lo - 1) % 7][hi - lo + 1]
            if days:
                counts[monday] = days
            monday += 7
        total = sum(counts.values())
        if not total:
            counts, total = {first - start.weekday(): 1}, 1
        for monday, days in counts.items():
            weeks[monday] = weeks.get(monday, 0.0) + hours * days / total

    def table(self, first: date) -> DayTable:
        """The study days from ``first`` on, by index."""
        paused: set[int] = set()
        for start, end in zip(self._pause_starts, self._pause_ends, strict=True):
            if end >= first:
                paused.update(range(max(start, first).toordinal(), end.toordinal() + 1))
        # ordinal 1 is a Monday: weekday() == (ordinal - 1) % 7
        by_ordinal = tuple(self._study[(r - 1) % 7] for r in range(7))
        hours = self._hours
        capacity = None if hours is None else tuple(hours[(r - 1) % 7] for r in range(7))
        return DayTable(first, by_ordinal, paused, self._per_week, capacity)


def calendar_for(enrolment: Enrolment) -> StudyCalendar:
    """The study calendar of an enrolment: its rest weekdays, pauses and hours by weekday."""
    hours = enrolment.weekday_hours
    by_weekday = [hours.get(day, 0.0) for day in WEEKDAYS] if hours else None
    return StudyCalendar(enrolment.rest_days, enrolment.pauses, by_weekday)


class DayTable:
    """The study days from a first day on, listed as far as asked: index → date in O(1).

    One table serves the whole plan; a replan's segment starts at an index into it.
    Days are listed by a comprehension over day ordinals, weeks at a time. The table
    ends after ``HORIZON_DAYS`` study days: a later index gives the last of them and
    marks the table ``overrun``.
    """

    __slots__ = (
        "_study",
        "_paused",
        "_per_week",
        "days",
        "_next",
        "first",
        "overrun",
        "capacity",
        "_through",
    )

    def __init__(
        self,
        first: date,
        study: tuple[bool, ...],
        paused: AbstractSet[int],
        per_week: int,
        capacity: tuple[float, ...] | None = None,
    ) -> None:
        self.first = first
        self._study = study
        """Whether a day is a study weekday, by its ordinal modulo 7."""
        self._paused = paused
        self._per_week = per_week
        self.days: list[date] = []
        self._next = first.toordinal()
        self.overrun = False
        """Whether an index past the horizon was asked for: the plan has no finish."""
        self.capacity = capacity
        """Hours a study day holds, by its ordinal modulo 7, when the days differ; None:
        every study day holds the same (the plan's hours a day)."""
        self._through: list[float] = []
        """With ``capacity``: the hours of the listed days up to and including each."""

    def reach(self, at: int, hours: float, end: bool) -> int:
        """With ``capacity``: the index of the day on which ``hours`` of work, counted from
        the start of day ``at``, end (``end``), else the day the next hour starts on."""
        if not hours < HORIZON_DAYS * 24:  # also NaN: no day at all
            return at + HORIZON_DAYS
        hours = max(hours, 0.0)
        through = self._through
        if at > len(through):
            self.get(at - 1)
        target = (through[at - 1] if at else 0.0) + hours
        while (not through or through[-1] < target) and len(self.days) < HORIZON_DAYS:
            self._extend(min(len(self.days) + max(64, len(self.days)), HORIZON_DAYS))
        eps = 1e-7 * max(1.0, target)
        if end:
            index = bisect_left(through, target - eps)
        else:
            index = bisect_right(through, target + eps)
        if index >= len(through):
            return at + HORIZON_DAYS
        return max(index, at)

    def get(self, index: int) -> date:
        """The ``index``-th study day (0-based, from the first study day on or after ``first``)."""
        days = self.days
        if index < len(days):
            return days[index]
        if index >= HORIZON_DAYS:
            self.overrun = True
            index = HORIZON_DAYS - 1
        if index >= len(days):
            self._extend(min(max(index + 1, 2 * len(days), 64), HORIZON_DAYS))
        return days[index]

    def _extend(self, size: int) -> None:
        days, study, paused = self.days, self._study, self._paused
        fromordinal = date.fromordinal
        while len(days) < size:
            first = self._next
            last = first + (size - len(days)) * 7 // self._per_week + 7
            days.extend(
                [fromordinal(o) for o in range(first, last) if study[o % 7] and o not in paused]
            )
            self._next = last
        del days[HORIZON_DAYS:]
        capacity = self.capacity
        if capacity is not None:
            through = self._through
            start = through[-1] if through else 0.0
            added = [capacity[d.toordinal() % 7] for d in days[len(through) :]]
            through.extend(list(accumulate(added, initial=start))[1:])
