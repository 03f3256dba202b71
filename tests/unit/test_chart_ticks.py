"""The charts' axis labels are written as the interface's language writes dates and
numbers (plotext's own labels are English dates and decimal points)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from syllabus import locale
from syllabus.tui.widgets.burn_up import _ticks, hour_ticks


@pytest.fixture
def german() -> Iterator[None]:
    locale.set_language("de")
    yield
    locale.set_language("en")


def test_hour_marks_are_round_and_cover_the_top() -> None:
    assert hour_ticks(208) == ([0.0, 100.0, 200.0], ["0", "100", "200"])
    assert hour_ticks(13)[0] == [0.0, 5.0, 10.0]
    assert hour_ticks(0.5) == ([0.0, 0.2, 0.4], ["0", "0.2", "0.4"])
    assert hour_ticks(0) == ([0.0], ["0"])


def test_german_numbers_and_dates(german: None) -> None:
    assert hour_ticks(1234)[1] == ["0", "500", "1.000"]
    assert hour_ticks(0.5)[1] == ["0", "0,2", "0,4"]
    days = [date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 4)]
    assert _ticks(days)[1][0] == "1. Dez."
