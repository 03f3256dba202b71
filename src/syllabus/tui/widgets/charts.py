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
from typing import Any

from textual.reactive import var
from textual_plotext import PlotextPlot

from syllabus.locale import _

PLANNED_MARKER = "░"
"""The planned hours a week: light bars."""
LOGGED_MARKER = "█"
"""The hours logged a week: full bars."""
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
    """Hours a week over the whole plan: planned (light bars) and logged (full bars)."""

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
        plt.title(_("Hours a week: planned ░ · logged █"))
        if data is None or not data.weeks:
            self.refresh()
            return
        x = [float(i) for i in range(len(data.weeks))]
        _bars(
            plt,
            x,
            [data.planned, data.logged],
            [_("planned"), _("logged")],
            [PLANNED_MARKER, LOGGED_MARKER],
        )
        plt.xticks(*_ticks(data.weeks))
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
