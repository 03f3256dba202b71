"""The status line fits its width: whole fields are dropped by a fixed priority, only the
node's title is shortened (with "…"), and the node, the buffer, today's hours and the
streak always show at 80 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from ui_helpers import open_main, wait_for

from syllabus.tui.app import SyllabusApp
from syllabus.tui.widgets.status_line import (
    PRIORITY,
    Field,
    StatusLine,
    buffer_text,
    fit,
)

FIELDS = [
    Field("buffer", Content("buffer −2 d")),
    Field("today", Content("today 1.5 h")),
    Field("streak", Content("streak 12 d")),
    Field("overdue", Content("overdue 3")),
    Field("due", Content("due 2")),
    Field("week", Content("week 6.5/9 h")),
    Field("percent", Content("42%")),
    Field("forecast", Content("finish ~ P50 Mar 12, P90 Apr 2")),
]
TITLE = "Week 3: Linear algebra, calculus and the probability you need"


def test_buffer_reads_plus_and_a_real_minus() -> None:
    assert buffer_text(3.4) == "+3 d"
    assert buffer_text(-2.0) == "\u22122 d"
    assert buffer_text(0.2) == "0 d"


def test_wide_enough_everything_shows_in_order() -> None:
    line = fit(TITLE, FIELDS, 400).plain
    assert line == "▶ " + TITLE + "  " + " · ".join(f.text.plain for f in FIELDS)


@pytest.mark.parametrize("width", range(40, 200, 3))
def test_every_width_fits_and_cuts_nothing_but_the_title(width: int) -> None:
    line = fit(TITLE, FIELDS, width).plain
    assert len(line) <= width or width < 64  # below that only the kept fields remain
    head, _, tail = line.partition("  ")
    assert head.startswith("▶ ")
    title = head[2:]
    assert title == TITLE or (title.endswith("…") and TITLE.startswith(title[:-1]))
    shown = tail.split(" · ")
    texts = [f.text.plain for f in FIELDS]
    assert all(part in texts for part in shown), shown  # no field cut mid-word
    for kept in ("buffer −2 d", "today 1.5 h", "streak 12 d"):
        assert kept in shown
    # what is dropped goes by priority: a shown field outranks every dropped one
    ranks = {f.text.plain: PRIORITY.index(f.name) for f in FIELDS}
    dropped = [t for t in texts if t not in shown]
    if dropped:
        assert max(ranks[t] for t in shown) < min(ranks[t] for t in dropped)


def test_at_80_columns_the_title_stays_readable() -> None:
    line = fit(TITLE, FIELDS, 78).plain  # 80 minus the line's padding
    title = line.partition("  ")[0][2:]
    assert len(title) >= 30


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_app_status_line_fits(enrolled_dir: Path, size: tuple[int, int]) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=size) as pilot:
        screen = await open_main(pilot, app)
        line = screen.query_one(StatusLine)
        await wait_for(pilot, lambda: line.status is not None)
        await pilot.pause()
        text = line.render().plain
        assert len(text) <= size[0] - 2
        assert text.startswith("▶ Week 1: topic 1")
        assert "buffer " in text and "today 0 h" in text and "streak 0 d" in text
        if size[0] >= 120:
            assert "finish ~ P50 " in text
