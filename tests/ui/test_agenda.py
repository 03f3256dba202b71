"""Today's agenda on the main screen (issue 13.1): visible on the first screen, every
enrolled roadmap with the active one first, one key ticks an entry or checks in for it,
and ``N`` picks what fits in the minutes typed."""

from __future__ import annotations

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

from syllabus.model.progress import Enrolment, ItemState, enrol
from syllabus.model.schedule import day_agenda
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.checkin import CheckInDialog
from syllabus.tui.screens.next_pick import DEFAULT_MINUTES, NextDialog, read_minutes
from syllabus.tui.widgets.agenda import TodayAgenda


async def _agenda(pilot: object, app: SyllabusApp) -> TodayAgenda:
    screen = await open_main(pilot, app)
    agenda = screen.query_one(TodayAgenda)
    await wait_for(pilot, lambda: bool(agenda.entries))
    await pilot.pause()  # type: ignore[attr-defined]
    return agenda


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_agenda_is_on_the_first_screen(enrolled_dir: Path, size: tuple[int, int]) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=size) as pilot:
        agenda = await _agenda(pilot, app)
        text = screen_text(app)
        assert "Today" in text  # the block's title
        first = agenda.entries[0]
        assert first.text in text  # the first entry, literally, on screen
        assert agenda.region.height >= 3 and agenda.region.y < size[1] // 2


async def test_the_agenda_is_the_models(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        agenda = await _agenda(pilot, app)
        progress = app.store.progress
        assert progress is not None
        expected = day_agenda({"tiny": small_roadmap()}, progress, TODAY)
        assert list(agenda.entries) == expected


async def test_x_in_the_agenda_ticks_the_item(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        agenda = await _agenda(pilot, app)
        first = agenda.entries[0]
        agenda.focus()
        await pilot.press("x")
        await wait_for(pilot, lambda: first not in agenda.entries)
        await wait_for(pilot, lambda: not app.store.unsaved)
    assert load_progress(enrolled_dir).roadmap("tiny").state(first.item_id) is ItemState.DONE


async def test_c_in_the_agenda_checks_in_for_that_item(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        agenda = await _agenda(pilot, app)
        agenda.focus()
        await pilot.pause()
        entry = agenda.highlighted_entry
        assert entry is not None and entry == agenda.entries[0]
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInDialog))
        dialog = app.screen
        from textual.widgets import Select, SelectionList

        assert dialog.query_one("#checkin-node", Select).value == entry.node_id
        assert entry.item_id in dialog.query_one("#checkin-items", SelectionList).selected


def test_minutes_are_read_plainly_or_by_the_hours_rule() -> None:
    assert read_minutes("") == DEFAULT_MINUTES
    assert read_minutes("45") == 45
    assert read_minutes("1:30") == 90
    assert read_minutes("90m") == 90


async def test_next_picks_what_fits_and_marks_it(enrolled_dir: Path) -> None:
    from syllabus.model.schedule import pick_next

    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        agenda = await _agenda(pilot, app)
        await pilot.press("N")
        await wait_for(pilot, lambda: isinstance(app.screen, NextDialog))
        await pilot.press(*"90", "enter")
        await wait_for(pilot, lambda: bool(agenda.picked))
        expected = pick_next(agenda.entries, 90)
        assert agenda.picked == {e.item_id for e in expected}
        assert app.focused is agenda
        assert "▸" in screen_text(app)


async def test_every_enrolled_roadmap_the_active_one_first(data_dir: Path) -> None:
    write_roadmap(data_dir, small_roadmap())
    write_roadmap(data_dir, small_roadmap("other"))
    progress = enrolled("tiny")
    when = progress.roadmap("tiny").enrolled.updated  # type: ignore[union-attr]
    progress = enrol(progress, "other", Enrolment(start=TODAY, hours_per_week=9, updated=when))
    save_progress(data_dir, progress)
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await _agenda(pilot, app)
        await wait_for(pilot, lambda: {e.roadmap_id for e in agenda.entries} == {"tiny", "other"})
        active = app.store.session.roadmap_id  # type: ignore[union-attr]
        ids = [e.roadmap_id for e in agenda.entries]
        assert ids[0] == active
        assert ids == sorted(ids, key=lambda rid: rid != active)  # all of the active first
        other = "other" if active == "tiny" else "tiny"
        assert f"{other}: " in screen_text(app)  # another roadmap's rows say which
