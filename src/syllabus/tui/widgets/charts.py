"""The weekly review's charts: hours a week planned against logged over the whole plan,
and the week's activity mix against its target (the burn-up is ``burn_up.BurnUpChart``).

Drawn with textual-plotext, as the calendar's burn-up is (the README's dependency table
says why). This module is imported only when the weekly review opens, never at start-up
(a test holds it). Every series has its own marker or fill as well as its colour and a
label in the legend, so the charts read under ``NO_COLOR`` and in monochrome themes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from textual.reactive import var
from textual_plotext import PlotextPlot

from syllabus.locale import _
from syllabus.model.schedule.burnup import BurnUp

T = TypeVar("T")

PLANNED_MARKER = "·"
"""The planned hours a week: a dotted line (as the burn-up's bright line)."""
LOGGED_MARKER = "+"
"""The hours logged a week: a line of crosses (as the burn-up's logged hours)."""
ACTUAL_MARKER = "█"
"""An activity's share this week: full bars."""
TARGET_MARKER = "░"
"""Its target share: light bars."""

TICKS = 5
"""Weeks labelled on the x axis."""


@dataclass(frozen=True, slots=True)
class WeekHours:
    """Planned and logged hours by week."""

    weeks: list[date]
    """Mondays, in order."""
    planned: list[float]
    logged: list[float]


@dataclass(frozen=True, slots=True)
class Mix:
    """Activity names (as the interface says them) with their share and target, in %."""

    names: list[str]
    actual: list[float]
    target: list[float]


def _ticks(weeks: list[date]) -> tuple[list[float], list[str]]:
    if not weeks:
        return [], []
    step = max(1, (len(weeks) - 1) // (TICKS - 1))
    picked = list(range(0, len(weeks), step))[:TICKS]
    from syllabus.locale.formats import format_numeric_date

    return [float(i) for i in picked], [format_numeric_date(weeks[i]) for i in picked]


MOST_POINTS = 200
"""A burn-up longer than this many days is drawn from every n-th day (and the last):
plotext's time grows with the points, not with what a terminal's width can show."""


def thinned(burn: BurnUp) -> BurnUp:
    """The burn-up with at most about ``MOST_POINTS`` days; today's and the last kept."""
    total = len(burn.days)
    step = -(-total // MOST_POINTS)
    if step <= 1:
        return burn
    until = len(burn.done)
    kept = sorted({*range(0, total, step), until - 1, total - 1} - {-1})

    def pick(values: list[T], within: int) -> list[T]:
        return [values[i] for i in kept if i < within]

    return BurnUp(
        pick(burn.days, total),
        pick(burn.planned, total),
        pick(burn.done, until),
        pick(burn.logged, len(burn.logged)),
    )


def _bars(
    plt: Any,
    x: Sequence[float] | Sequence[str],
    series: list[list[float]],
    labels: list[str],
    markers: list[str],
    **more: str,
) -> None:
    """Bars of several series side by side, each with its label and its own marker.

    plotext takes ``labels`` and a marker per series; the type stub textual-plotext
    ships for it knows only one of each, hence ``Any``.
    """
    plt.multiple_bar(x, series, labels=labels, marker=markers, **more)


class WeekHoursChart(PlotextPlot):
    """Hours a week over the whole plan: planned (dots) and logged (crosses)."""

    DEFAULT_CSS = """
    WeekHoursChart {
        height: 12;
    }
    """

    data: var[WeekHours | None] = var(None)
    """What to draw (None: nothing)."""

    def watch_data(self, data: WeekHours | None) -> None:
        plt = self.plt
        plt.clear_data()
        plt.title(_("Hours a week: planned · · logged +"))
        if data is None or not data.weeks:
            self.refresh()
            return
        # lines, not bars: plotext draws 156 weeks of paired bars four times slower
        x = [float(i) for i in range(len(data.weeks))]
        plt.plot(x, data.planned, marker=PLANNED_MARKER, label=_("planned"))
        plt.plot(x, data.logged, marker=LOGGED_MARKER, label=_("logged"))
        plt.xticks(*_ticks(data.weeks))
        from syllabus.tui.widgets.burn_up import hour_ticks

        plt.yticks(*hour_ticks(max([*data.planned, *data.logged], default=0.0)))
        self.refresh()


class MixChart(PlotextPlot):
    """The week's activity mix in %: this week (full bars) against the target (light)."""

    DEFAULT_CSS = """
    MixChart {
        height: 12;
    }
    """

    data: var[Mix | None] = var(None)
    """What to draw (None: nothing)."""

    def watch_data(self, data: Mix | None) -> None:
        plt = self.plt
        plt.clear_data()
        plt.title(_("Activity mix, %: this week █ · target ░"))
        if data is None or not data.names:
            self.styles.height = 6
            self.refresh()
            return
        self.styles.height = 6 + 2 * len(data.names)
        if any(data.target):
            _bars(
                plt,
                data.names,
                [data.actual, data.target],
                [_("this week"), _("target")],
                [ACTUAL_MARKER, TARGET_MARKER],
                orientation="horizontal",
            )
        else:
            plt.bar(
                data.names,
                data.actual,
                label=_("this week"),
                marker=ACTUAL_MARKER,
                orientation="horizontal",
            )
        plt.xlim(0, 100)
        self.refresh()
