"""The portfolio screen (issue 16): scoring a project and giving its evidence by key,
each one change the store saves, read back from the file."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from textual.pilot import Pilot

from syllabus.tui.app import SyllabusApp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "snapshots"))
from test_portfolio_snapshots import ML, scored  # noqa: E402, F401  (fixture)
from ui_helpers import load_progress  # noqa: E402


async def _until(pilot: Pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "the app never got there"
        await pilot.pause(0.02)


async def test_score_and_evidence_by_key(scored: Path) -> None:  # noqa: F811
    from syllabus.tui.screens.main import MainScreen
    from syllabus.tui.screens.portfolio import PortfolioScreen
    from syllabus.tui.screens.score import EvidenceDialog, ScoreDialog

    app = SyllabusApp(scored)
    async with app.run_test(size=(100, 40)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.session)
        await pilot.press("p")
        await _until(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        await pilot.press("s")
        await _until(pilot, lambda: isinstance(app.screen, ScoreDialog))
        # over the share: the form stays open and says why
        await pilot.press("backspace", "backspace", "4", "5", "ctrl+s")
        assert isinstance(app.screen, ScoreDialog)
        await pilot.press("backspace", "backspace", "3", "8", "down", "1", "5", "ctrl+s")
        await _until(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        await pilot.press("e")
        await _until(pilot, lambda: isinstance(app.screen, EvidenceDialog))
        await pilot.press("ctrl+a", *"https://example.org/new", "down", "ctrl+s")
        await pilot.pause(0.1)
        assert app.store.flush()
    rp = load_progress(scored).roadmap(ML)
    latest = rp.latest_score("block-1/week-01")
    assert latest is not None and latest.by_criterion() == {
        "Correctness": 38.0, "Reproducibility/README": 15.0, "Code Quality": 8.0,
    }  # fmt: skip
    assert len(rp.score_history("block-1/week-01")) == 2
    assert rp.evidence["block-1/week-01"].note == "A CLI with [tests] and a README"
