"""Damage nobody saw is shown by the app, stays on screen, and is then marked seen.

A status-bar ``today --short`` that finds the progress file damaged sets it aside and
says so on a stderr that goes nowhere; the finding is kept as a notice. The app's next
start offers the recovery for it (restore the newest backup, start empty or quit) and
marks it seen once the learner answers, so the next interactive command does not
repeat it. Other findings show as lasting errors (text, never markup).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ui_helpers import screen_text, wait_for

from syllabus import cli
from syllabus.storage.progress_file import ProgressFile
from syllabus.tui.app import SyllabusApp

DAMAGED = b"schema = 2\n[roadmaps.tiny\n[red]x[/red]\n"


def _record_notifications(app: SyllabusApp) -> list[dict[str, Any]]:
    """Every ``notify`` call the app makes, with its message and options."""
    calls: list[dict[str, Any]] = []
    real = app.notify

    def notify(message: str, **options: Any) -> None:
        calls.append({"message": message, **options})
        real(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return calls


async def test_damage_a_status_bar_found_is_offered_at_the_next_start_and_then_seen(
    enrolled_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from syllabus.tui.screens.recovery import RecoveryDialog

    (enrolled_dir / "progress.toml").write_bytes(DAMAGED)
    assert cli.main(["today", "--short"]) == 1  # 2>/dev/null in a status bar
    capsys.readouterr()
    (aside,) = enrolled_dir.glob("progress.corrupt-*")
    assert len(ProgressFile(enrolled_dir).pending_notices()) == 1

    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RecoveryDialog))
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "Your progress file cannot be read" in text and aside.name in text
        assert app.store.session is None  # nothing opened empty behind it
        assert ProgressFile(enrolled_dir).pending_notices()  # shown, not answered yet
        await pilot.press("e")
        await wait_for(pilot, lambda: ProgressFile(enrolled_dir).pending_notices() == [])

    assert cli.main(["status"]) == 2  # nothing enrolled any more (the file was set aside)
    assert "damaged" not in capsys.readouterr().err  # answered in the app: not told again


async def test_a_file_it_cannot_read_says_why_it_is_read_only(data_dir: Path) -> None:
    (data_dir / "progress.toml").mkdir(parents=True)
    app = SyllabusApp(data_dir)
    calls = _record_notifications(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: app.store.loaded)
        await pilot.pause(0.3)
        messages = [c["message"] for c in calls]
        assert any("is a folder" in m for m in messages), messages
        assert not any("newer syllabus" in m for m in messages), messages
        assert app.store.read_only
