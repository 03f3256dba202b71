"""BurnUpChart: the bright line against the work done and the hours logged, cumulative.

The data is the model's (``schedule.burn_up``): the plan's planned hours up to each day
(the bright line the buffer is measured from), the planned hours of the items closed,
and the hours logged. Drawn with textual-plotext (a thin Textual widget over plotext,
pure Python, about 25 ms to import): this module is imported only when the calendar
screen opens, never at start-up. Each line has its own marker as well as its colour,
so the chart reads without colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.reactive import var
from textual_plotext import PlotextPlot

from syllabus.locale import _

if TYPE_CHECKING:
    from datetime import date

    from syllabus.model.schedule import BurnUp

TICKS = 4
"""Dates labelled on the x axis."""


def _ticks(days: list[date]) -> tuple[list[float], list[str]]:
    """A few days along the axis, and their dates."""
    if not days:
        return [], []
    step = max(1, (len(days) - 1) // (TICKS - 1))
    picked = list(range(0, len(days), step))[:TICKS]
    return [float(i) for i in picked], [f"{days[i]:%d %b}" for i in picked]


class BurnUpChart(PlotextPlot):
    """Cumulative hours: planned (the bright line), closed and logged."""

    DEFAULT_CSS = """
    BurnUpChart {
        height: 12;
    }
    """

    data: var[BurnUp | None] = var(None)
    """The model's burn-up data (None: nothing to draw)."""

    def watch_data(self, data: BurnUp | None) -> None:
        plt = self.plt
        plt.clear_data()
        plt.title(_("Burn-up: hours"))
        if data is None or not data.days:
            self.refresh()
            return
        x = [float(i) for i in range(len(data.days))]
        plt.plot(x, data.planned, label=_("planned"), marker="·")
        if data.done:
            plt.plot(x[: len(data.done)], data.done, label=_("closed"), marker="•")
        if data.logged:
            plt.plot(x[: len(data.logged)], data.logged, label=_("logged"), marker="+")
        positions, labels = _ticks(data.days)
        plt.xticks(positions, labels)
        self.refresh()
