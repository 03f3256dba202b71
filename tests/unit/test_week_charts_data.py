"""The weekly review's burn-up is drawn from at most about 200 days of a long plan, with
today's figures and the plan's last day kept exactly (issue 15.5: a 3-year plan opens
within its budget)."""

from __future__ import annotations

from datetime import date, timedelta

from syllabus.model.schedule.burnup import BurnUp
from syllabus.tui.widgets.charts import MOST_POINTS, thinned


def _burn(days: int, today: int) -> BurnUp:
    first = date(2024, 1, 1)
    return BurnUp(
        [first + timedelta(days=n) for n in range(days)],
        [float(n) for n in range(days)],
        [n / 2 for n in range(today + 1)],
        [n / 3 for n in range(today + 1)],
    )


def test_a_short_plan_is_drawn_whole() -> None:
    burn = _burn(120, 50)
    assert thinned(burn) is burn


def test_three_years_are_thinned_keeping_today_and_the_end() -> None:
    burn = _burn(1095, 1000)
    thin = thinned(burn)
    assert len(thin.days) <= MOST_POINTS + 2
    assert thin.days[0] == burn.days[0] and thin.days[-1] == burn.days[-1]
    assert thin.planned[-1] == burn.planned[-1]
    assert thin.done[-1] == burn.done[-1] and thin.logged[-1] == burn.logged[-1]
    assert thin.days[len(thin.done) - 1] == burn.days[1000]  # today, where it was
    assert len(thin.done) == len(thin.logged)
