"""Behind the plan (issue 13.5): ``b`` offers three options with the model's numbers,
each applied with one key as one undo step; ``P`` replans from the main screen (``R``
adds to review since issue 15)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from ui_helpers import (
    TODAY,
    enrolled,
    load_progress,
    open_main,
    save_progress,
    screen_text,
    small_roadmap,
    wait_for,
    write_roadmap,
)

from syllabus.model.progress import ItemState
from syllabus.model.schedule import behind_options
from syllabus.tui.app import SyllabusApp
from syllabus.tui.deciding import pace_needed
from syllabus.tui.screens.behind import BehindDialog
from syllabus.tui.widgets.status_line import short_date


@pytest.fixture
def behind_dir(data_dir: Path) -> Path:
    """Enrolled three weeks ago, nothing done: well behind."""
    write_roadmap(data_dir, small_roadmap())
    save_progress(data_dir, enrolled("tiny", start=TODAY - timedelta(days=21)))
    return data_dir


async def _dialog(pilot: object, app: SyllabusApp) -> BehindDialog:
    screen = await open_main(pilot, app)
    await wait_for(pilot, lambda: screen.status is not None)
    await pilot.press("b")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, BehindDialog))
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, BehindDialog)
    return app.screen


async def test_the_dialog_shows_the_models_three_numbers(behind_dir: Path) -> None:
    app = SyllabusApp(behind_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _dialog(pilot, app)
        progress = app.store.progress
        assert progress is not None
        options = behind_options(small_roadmap(), progress, "tiny", TODAY, dialog.status)
        assert options is not None and options == dialog.options
        text = screen_text(app)
        assert f"study {pace_needed(options):g} h a week" in text
        assert f"finish ~ {short_date(options.new_date, TODAY)}" in text
        assert "behind the plan. What now?" in text


async def test_p_changes_the_pace_in_one_undo_step(behind_dir: Path) -> None:
    app = SyllabusApp(behind_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _dialog(pilot, app)
        wanted = pace_needed(dialog.options)
        await pilot.press("p")
        await wait_for(pilot, lambda: not app.store.unsaved)
        assert load_progress(behind_dir).roadmap("tiny").enrolled.hours_per_week == wanted  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        await wait_for(
            pilot,
            lambda: load_progress(behind_dir).roadmap("tiny").enrolled.hours_per_week == 9,  # type: ignore[union-attr]
        )


async def test_s_skips_the_optional_items_in_one_undo_step(data_dir: Path) -> None:
    from dataclasses import replace

    from syllabus.model.roadmap import Item

    roadmap = small_roadmap()
    week1 = roadmap.nodes[0].children[0]
    extra = Item(id=f"{week1.id}/stretch", text="Stretch goal", hours=3, optional=True)
    week1 = replace(week1, items=[*week1.items, extra])
    phase1 = replace(roadmap.nodes[0], children=[week1, roadmap.nodes[0].children[1]])
    write_roadmap(data_dir, replace(roadmap, nodes=[phase1, *roadmap.nodes[1:]]))
    save_progress(data_dir, enrolled("tiny", start=TODAY - timedelta(days=21)))
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _dialog(pilot, app)
        assert dialog.options.skippable == [extra.id]
        assert "skip the 1 optional item still open" in screen_text(app)
        await pilot.press("s")
        await wait_for(pilot, lambda: not app.store.unsaved)
        assert load_progress(data_dir).roadmap("tiny").state(extra.id) is ItemState.SKIPPED
        await pilot.press("ctrl+z")
        await wait_for(
            pilot,
            lambda: load_progress(data_dir).roadmap("tiny").state(extra.id) is ItemState.TODO,
        )


async def test_r_replans_and_capital_p_replans_from_the_main_screen(behind_dir: Path) -> None:
    app = SyllabusApp(behind_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _dialog(pilot, app)
        await pilot.press("r")
        await wait_for(pilot, lambda: not app.store.unsaved)
        replans = load_progress(behind_dir).roadmap("tiny").enrolled.replans  # type: ignore[union-attr]
        assert replans and replans[-1].start == TODAY
        await pilot.press("ctrl+z")
        await wait_for(
            pilot,
            lambda: not load_progress(behind_dir).roadmap("tiny").enrolled.replans,  # type: ignore[union-attr]
        )
        await pilot.press("P")
        await wait_for(
            pilot,
            lambda: bool(load_progress(behind_dir).roadmap("tiny").enrolled.replans),  # type: ignore[union-attr]
        )


async def test_not_behind_b_says_so(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_main(pilot, app)
        await wait_for(pilot, lambda: screen.status is not None)
        await pilot.press("b")
        await pilot.pause(0.1)
        assert not isinstance(app.screen, BehindDialog)
        assert "You are not behind" in screen_text(app)


async def test_replan_from_the_command_palette(behind_dir: Path) -> None:
    app = SyllabusApp(behind_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        await wait_for(pilot, lambda: screen.status is not None)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"Replan")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: bool(load_progress(behind_dir).roadmap("tiny").enrolled.replans),  # type: ignore[union-attr]
        )
