"""The check-in dialog's activity (issue 15.3): one of the six (its localised name, any
case) or the learner's own, kept in ``CheckIn.activity`` through ``rules.build_checkin``;
an edit shows it again; ``c`` on a review entry of the agenda says "review"."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input
from ui_helpers import load_progress, open_main, wait_for

from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.checkin import CheckInDialog


async def _check_in(pilot: object, app: SyllabusApp, activity: str) -> None:
    await open_main(pilot, app)
    await pilot.press("c", "1")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
    app.screen.query_one("#checkin-activity", Input).value = activity
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: not isinstance(app.screen, CheckInDialog))
    await wait_for(pilot, lambda: not app.store.unsaved)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Practice", "practice"),
        ("reading", "reading"),
        ("pair programming", "pair programming"),
        ("", None),
    ],
)
async def test_the_activity_is_kept(enrolled_dir: Path, typed: str, kept: str | None) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _check_in(pilot, app, typed)
    (checkin,) = load_progress(enrolled_dir).checkins.values()
    assert checkin.activity == kept and checkin.hours == 1


async def test_an_edit_shows_the_activity_by_its_name(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _check_in(pilot, app, "theory")
        (checkin,) = app.store.progress.checkins.values()  # type: ignore[union-attr]
        main = app.screen
        main.call_next(main.open_check_in, checkin.date, checkin.id)  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        assert app.screen.query_one("#checkin-activity", Input).value == "theory"


def test_german_names_are_read_back() -> None:
    from syllabus.locale import set_language
    from syllabus.model.activity import activity_key, activity_name

    set_language("de")
    try:
        name = activity_name("practice")
        assert name != "practice" and activity_key(name.upper()) == "practice"
    finally:
        set_language("en")
