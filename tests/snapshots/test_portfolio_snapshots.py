"""The portfolio screen and the scoring form as SVG snapshots (issue 16): seed 004's
projects, the first scored and evidenced, the scoring form of the first with a
criterion typed over its share."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from syllabus.model import progress as pm
from syllabus.tui.app import SyllabusApp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from ui_helpers import save_progress  # noqa: E402

ML = "ml-engineer-16-weeks"
SIZE = (100, 40)
WHEN = datetime(2026, 2, 9, 12, tzinfo=UTC)


@pytest.fixture
def scored(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-01-06")
    enrolment = pm.Enrolment(start=date(2026, 1, 5), hours_per_week=13, updated=WHEN)
    progress = pm.enrol(pm.Progress(), ML, enrolment)
    progress = pm.add_score(
        progress, ML, "block-1/week-01", {"Correctness": 32.0, "Code Quality": 8.0}, WHEN
    )[0]
    evidence = pm.Evidence(
        repo="https://example.org/me/expense-tracker",
        demo="https://expenses.example.org",
        note="A CLI with [tests] and a README",
        finished=date(2026, 1, 10),
        updated=WHEN,
    )
    progress = pm.set_evidence(progress, ML, "block-1/week-01", evidence)
    for item in ("variables-data-types-loops-conditionals", "functions-error-handling"):
        progress = pm.set_item_state(
            progress, ML, f"block-1/week-01/{item}", pm.ItemState.DONE, WHEN
        )
    save_progress(data_dir, progress)
    return data_dir


async def _until(pilot: Pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "the app never got there"
        await pilot.pause(0.02)


def _portfolio(*keys: str):  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        from syllabus.tui.screens.main import MainScreen
        from syllabus.tui.screens.portfolio import PortfolioScreen

        app = pilot.app
        await _until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.session)
        await pilot.pause(0.2)
        await pilot.press("p")
        await _until(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        await pilot.pause(0.1)
        await pilot.press(*keys)
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause(0.05)

    return ready


def test_portfolio_screen(snap_compare, scored: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(SyllabusApp(scored), terminal_size=SIZE, run_before=_portfolio())


def test_scoring_form(snap_compare, scored: Path) -> None:  # type: ignore[no-untyped-def]
    # the form opens on the latest score; 45 for Correctness is over its 40
    keys = ("s", "backspace", "backspace", "4", "5", "down", "1", "8")
    assert snap_compare(SyllabusApp(scored), terminal_size=SIZE, run_before=_portfolio(*keys))
