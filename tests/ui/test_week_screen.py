"""The weekly review in the real app (issue 15.4/15.5): `w` opens it on this week with
the CLI's figures, `[`/`]` move by a week, 1/2/3 answer the prompts (saved, one undo
step), `p` changes the pace when behind, and the charts are mounted only once it opens:
the chart library is not imported by the app or its main screen.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ui_helpers import load_progress, open_main, save_progress, screen_text, wait_for, write_roadmap

from syllabus.model import progress as pm
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.main import MainScreen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from test_week_review import history, the_roadmap  # noqa: E402

SIZE = (100, 60)


@pytest.fixture
def five_weeks(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-04-01")
    write_roadmap(data_dir, the_roadmap())
    save_progress(data_dir, pm.set_active(history(), "r", datetime(2026, 1, 1, tzinfo=UTC)))
    return data_dir


async def _open_week(pilot, app):  # type: ignore[no-untyped-def]
    from syllabus.tui.screens.week import WeekScreen

    await open_main(pilot, app)
    await pilot.press("w")
    await wait_for(pilot, lambda: isinstance(app.screen, WeekScreen) and app.screen.charts_loaded)
    await pilot.pause()
    return app.screen


async def test_w_opens_this_week_with_the_cli_figures(five_weeks: Path) -> None:
    from syllabus.cli.week import review_lines

    app = SyllabusApp(five_weeks)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_week(pilot, app)
        text = screen_text(app)
        assert screen.review.week == "2026-W14"
        for line in review_lines(the_roadmap(), screen.review, hint=False):
            assert line.strip() in text
        assert "What got in the way? —" in text
        assert "Hours a week" in text and "Burn-up" in text and "Activity mix" in text
        await pilot.press("[")
        await pilot.pause()
        assert screen.review.week == "2026-W13"
        assert "buffer ±0 d at the start → +2 d at the end" in screen_text(app)
        await pilot.press("]", "]")  # not past this week
        await pilot.pause()
        assert screen.review.week == "2026-W14"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_answers_are_saved_and_undone(five_weeks: Path) -> None:
    from syllabus.tui.screens.week import AnswerDialog, WeekScreen

    app = SyllabusApp(five_weeks)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_week(pilot, app)
        await pilot.press("[", "2")
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerDialog))
        await pilot.press(*"a [red] cold", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WeekScreen))
        await wait_for(pilot, lambda: not app.store.unsaved)
        saved = load_progress(five_weeks).roadmap("r").week_answers_of("2026-W13")
        assert saved == {"blocked": "a [red] cold"}
        await pilot.pause()
        assert "What got in the way? a [red] cold" in screen_text(app)  # shown literally
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: "blocked" not in screen.review.answers)
        await wait_for(pilot, lambda: not app.store.unsaved)
        assert load_progress(five_weeks).roadmap("r").week_answers_of("2026-W13") == {}


async def test_p_changes_the_pace_when_behind(data_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the slack week's end: Monday 16 March, 4 study days behind
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-03-16")
    write_roadmap(data_dir, the_roadmap())
    from syllabus.model.schedule.week import as_of

    then = as_of(history(), "r", datetime(2026, 3, 16).date())
    save_progress(data_dir, pm.set_active(then, "r", datetime(2026, 1, 1, tzinfo=UTC)))
    app = SyllabusApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _open_week(pilot, app)
        await pilot.press("p")
        await wait_for(pilot, lambda: not app.store.unsaved)
        enrolment = load_progress(data_dir).roadmap("r").enrolled
        assert enrolment is not None and enrolment.hours_per_week > 6


def test_the_app_and_its_main_screen_do_not_import_the_chart_library() -> None:
    code = (
        "import sys\n"
        "import syllabus.tui.app, syllabus.tui.screens.main\n"
        "bad = [m for m in sys.modules if m.startswith(('textual_plotext', 'plotext',"
        " 'syllabus.tui.widgets.charts', 'syllabus.tui.widgets.burn_up',"
        " 'syllabus.tui.screens.week'))]\n"
        "print(bad)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


OPEN_MAIN = """
import asyncio, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from ui_helpers import open_main
from syllabus.tui.app import SyllabusApp

async def main():
    app = SyllabusApp(Path(sys.argv[1]))
    async with app.run_test(size=(100, 40)) as pilot:
        await open_main(pilot, app)
        await pilot.pause(0.3)
        print(sorted(m for m in sys.modules if m.startswith(CHARTS)))

CHARTS = ("textual_plotext", "plotext", "syllabus.tui.widgets.charts",
          "syllabus.tui.widgets.burn_up", "syllabus.tui.screens.week")
asyncio.run(main())
"""


def test_opening_the_main_screen_does_not_import_the_chart_library(five_weeks: Path) -> None:
    here = str(Path(__file__).resolve().parent)
    done = subprocess.run(
        [sys.executable, "-c", OPEN_MAIN, str(five_weeks), here],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
