"""BurnUpChart: the bright line against the work done and the hours logged, cumulative.

The data is the model's (``schedule.burn_up``): the plan's planned hours up to each day
(the bright line the buffer is measured from), the planned hours of the items closed,
and the hours logged. Drawn with textual-plotext (a thin Textual widget over plotext,
pure Python, about 25 ms to import): this module is imported only when the calendar
screen opens, never at start-up. Each line has its own marker as well as its colour,
so the chart reads without colour.
"""

from __future__ import annotations

import math
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
    from syllabus.locale.formats import format_date

    return [float(i) for i in picked], [format_date(days[i], year=False) for i in picked]


def hour_ticks(top: float) -> tuple[list[float], list[str]]:
    """A few round hour marks from 0 to ``top``, written as the language writes numbers
    (plotext's own labels always use a decimal point)."""
    from syllabus.locale.formats import format_number

    if top <= 0:
        return [0.0], [format_number(0)]
    raw = top / (TICKS - 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    marks = [step * i for i in range(TICKS + 1) if step * i <= top * 1.05]
    digits = max(0, -math.floor(math.log10(step)))
    return marks, [format_number(m, digits) for m in marks]


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
        plt.yticks(*hour_ticks(max([*data.planned, *data.done, *data.logged], default=0.0)))
        self.refresh()
