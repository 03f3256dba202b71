"""The real app, driven by keys: enrol, tick, persist, check in, undo, notes, own items."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ui_helpers import (
    TODAY,
    load_progress,
    open_main,
    screen_text,
    small_roadmap,
    wait_for,
    write_roadmap,
)

from syllabus.model.progress import ItemState
from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.main import MainScreen
from syllabus.tui.screens.welcome import WelcomeScreen
from syllabus.tui.widgets.checklist import Checklist
from syllabus.tui.widgets.phase_tree import PhaseTree

W1 = "phase-1/week-1"


async def test_first_run_enrols_and_opens_the_current_week(data_dir: Path) -> None:
    write_roadmap(data_dir, small_roadmap())
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.pause()
        assert "Tiny roadmap tiny" in screen_text(app)
        await pilot.press("end", "enter")  # the learner's own roadmap, after the bundled ones
        hours = app.screen.query_one("#hours")
        assert app.focused is hours
        await pilot.press(*"7,5", "ctrl+s")  # the prefilled value is selected
        screen = await open_main(pilot, app)
        assert screen.node_id == W1
        assert isinstance(app.focused, Checklist)
        await wait_for(pilot, lambda: not app.store.unsaved)
    enrolment = load_progress(data_dir).roadmap("tiny").enrolment
    assert enrolment is not None
    assert enrolment.hours_per_week == 7.5
    assert enrolment.start == TODAY
    assert load_progress(data_dir).settings.active_roadmap == "tiny"


async def test_welcome_explains_bad_input_inline(data_dir: Path) -> None:
    write_roadmap(data_dir, small_roadmap())
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("end", "enter", *"lots", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "'lots' is not a number of hours" in screen_text(app)


async def test_toggle_persists_across_a_restart(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        await pilot.press("x", "down", "i", "down", "s")
        await wait_for(pilot, lambda: not app.store.unsaved)
        tree = app.screen.query_one(PhaseTree)
        week = tree.root.children[0].children[0]
        # done 1 of 3 counted (skipped does not count), once the keys rest
        await wait_for(pilot, lambda: "1/3" in str(week.label))
    rp = load_progress(enrolled_dir).roadmap("tiny")
    assert rp.state(f"{W1}/item-1") is ItemState.DONE
    assert rp.state(f"{W1}/item-2") is ItemState.DOING
    assert rp.state(f"{W1}/item-3") is ItemState.SKIPPED

    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        text = screen_text(app)
        assert "✓ Task 1 of week 1" in text
        assert "◐ Task 2 of week 1" in text
        assert "✗ Task 3 of week 1" in text
        assert screen.query_one(Checklist).highlighted_row.id == f"{W1}/item-2"
        await pilot.press("x")  # doing → done; again → todo
        await pilot.press("x")
        await wait_for(pilot, lambda: not app.store.unsaved)
    assert load_progress(enrolled_dir).roadmap("tiny").state(f"{W1}/item-2") is ItemState.TODO


async def test_undo_and_redo(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("x")
        await wait_for(pilot, lambda: not app.store.unsaved)
        assert screen.rp.state(f"{W1}/item-1") is ItemState.DONE
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: screen.rp.state(f"{W1}/item-1") is ItemState.TODO)
        await pilot.pause()
        assert "○ Task 1 of week 1" in screen_text(app)
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: screen.rp.state(f"{W1}/item-1") is ItemState.DONE)
        await pilot.pause()
        assert "✓ Task 1 of week 1" in screen_text(app)
    assert load_progress(enrolled_dir).roadmap("tiny").state(f"{W1}/item-1") is ItemState.DONE


async def test_note_and_own_item(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("n")
        await pilot.press(*"Chapter 2 [is] hard", "ctrl+s")
        await wait_for(pilot, lambda: not app.store.unsaved)
        assert screen.rp.note(f"{W1}/item-1") == "Chapter 2 [is] hard"
        await pilot.press("escape")  # nothing open: harmless
        await pilot.press("a")
        await pilot.press(*"My [own] exercise", "enter")
        await wait_for(pilot, lambda: not app.store.unsaved)
        own = screen.rp.live_own_items(W1)
        assert [o.text for o in own] == ["My [own] exercise"]
        assert screen.query_one(Checklist).highlighted_row.id == own[0].id
        await pilot.press("x")
        await pilot.press("l")
        await pilot.press(*"Docs", "enter", *"https://example.org/docs", "enter")
        await wait_for(
            pilot, lambda: len(screen.rp.live_own_items(W1)) == 2 and not app.store.unsaved
        )
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "My [own] exercise" in text
        assert "Docs" in text
    rp = load_progress(enrolled_dir).roadmap("tiny")
    assert rp.note(f"{W1}/item-1") == "Chapter 2 [is] hard"
    assert {o.url for o in rp.live_own_items(W1)} == {None, "https://example.org/docs"}
    assert rp.state(own[0].id) is ItemState.DONE


async def test_note_cancel_keeps_nothing(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("n", *"draft", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert screen.rp.note(f"{W1}/item-1") is None
        assert not app.store.unsaved


async def test_search_jumps_to_an_item(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*"task 3 of week 4")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.node_id == "phase-2/week-4")
        await pilot.pause(0.1)
        assert screen.query_one(Checklist).highlighted_row.id == "phase-2/week-4/item-3"
        assert screen.query_one(PhaseTree).cursor_node.data == "phase-2/week-4"
        await pilot.press("t")
        await wait_for(pilot, lambda: screen.node_id == W1)


async def test_an_action_right_after_a_move_uses_the_new_node(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        await pilot.press("shift+tab", "shift+tab")  # past today's agenda to the tree, week 1
        assert isinstance(app.focused, PhaseTree)
        await pilot.press("down", "a")  # week 2, before the checklist has followed
        await pilot.press(*"Extra reading", "enter")
        await wait_for(pilot, lambda: screen.rp.live_own_items())
        [own] = screen.rp.live_own_items()
        assert own.node == "phase-1/week-2"


async def test_tab_to_the_checklist_right_after_a_move_shows_the_new_node(
    enrolled_dir: Path,
) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_main(pilot, app)
        # the tree, and back to the checklist past today's agenda (it sits above the list)
        await pilot.press("shift+tab", "shift+tab", "down", "tab", "tab", "x")
        await wait_for(pilot, lambda: not app.store.unsaved)
        assert screen.rp.state("phase-1/week-2/item-1") is ItemState.DONE
        assert screen.rp.state(f"{W1}/item-1") is ItemState.TODO


async def test_welcome_prefills_the_pace_the_roadmap_states(data_dir: Path) -> None:
    """An imported plan saying "8 hrs/week" is offered at 8 h, as `syllabus start` would."""
    from syllabus.catalog import save_user_roadmap
    from syllabus.model.roadmap import HoursRange, Pace

    paced = replace(
        small_roadmap(),
        **{
            "pace": Pace(
                text="Pace: 8 hrs/week",
                hours_per_week=HoursRange(low=8, high=8),
                weekday_hours={"mon": 2, "tue": 2, "wed": 2, "sat": 2},
            )
        },
    )
    save_user_roadmap(paced, data_dir)
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("end")
        await pilot.pause()
        assert app.screen.query_one("#hours").value == "8"
        assert app.screen.query_one("#rest").value == "thu, fri, sun"
