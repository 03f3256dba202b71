"""Issue 19: the welcome screen offers a roadmap's routine (weekday and weekend hours)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList
from ui_helpers import load_progress, open_main, wait_for

from syllabus.tui.app import SyllabusApp
from syllabus.tui.screens.welcome import WelcomeScreen, routine_text


def test_routine_text_groups_days_with_the_same_hours() -> None:
    week = {"mon": 1.5, "tue": 1.5, "wed": 1.5, "thu": 1.5, "fri": 1.5, "sat": 2.5, "sun": 2.5}
    assert routine_text(week) == "Routine: Mon–Fri 1.5 h · Sat–Sun 2.5 h (12.5 h a week)"
    assert routine_text({"mon": 2, "wed": 2, "sat": 4}) == (
        "Routine: Mon 2 h · Wed 2 h · Sat 4 h (8 h a week)"
    )
    assert routine_text({}) == ""


ROUTINE = {"mon": 1.5, "tue": 1.5, "wed": 1.5, "thu": 1.5, "fri": 1.5, "sat": 2.5, "sun": 2.5}


async def _on_mlops(pilot: Pilot, app: SyllabusApp) -> WelcomeScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
    screen = app.screen
    assert isinstance(screen, WelcomeScreen)
    await pilot.press("down", "down", "down")  # the fourth bundled roadmap
    await pilot.pause()
    assert screen.query_one("#roadmaps", OptionList).highlighted_option.id == "mlops-6-months"
    return screen


async def test_mlops_is_prefilled_with_its_daily_routine(data_dir: Path) -> None:
    """30-45 min before work, 45-60 after, 4-6 h at weekends: every day is a study day,
    1.5 h on weekdays and 2.5 h at the weekend; the pace offered is that routine."""
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _on_mlops(pilot, app)
        routine = screen.query_one("#welcome-routine")
        hours, rest = screen.query_one("#hours", Input), screen.query_one("#rest", Input)
        assert routine.display and screen.query_one("#weekday-row").display
        assert str(routine.render()) == "Routine: Mon–Fri 1.5 h · Sat–Sun 2.5 h (12.5 h a week)"
        assert screen.query_one("#weekday-hours", Input).value == "mon-fri 1.5, sat-sun 2.5"
        assert hours.value == "12.5" and hours.disabled  # the routine's week, not typed
        assert rest.value == "" and rest.disabled  # the routine studies every day
        assert rest.placeholder == "none"
        await pilot.press("down")  # a roadmap without a routine hides the line
        await pilot.pause()
        assert not routine.display and not screen.query_one("#weekday-row").display
        assert rest.value == "sun" and not rest.disabled and not hours.disabled
        assert rest.placeholder == "e.g. sat, sun"
        await pilot.press("up", "enter", "ctrl+s")
        await open_main(pilot, app)
        await wait_for(pilot, lambda: not app.store.unsaved)
    enrolment = load_progress(data_dir).roadmap("mlops-6-months").enrolment
    assert enrolment is not None
    assert enrolment.weekday_hours == ROUTINE
    assert (enrolment.hours_per_week, enrolment.days_per_week, enrolment.rest_days) == (
        12.5,
        7,
        [],
    )


async def test_the_routine_can_be_changed_or_left_for_hours_a_week(data_dir: Path) -> None:
    """Edited, the hours by weekday set the week; emptied, the hours a week are typed."""
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _on_mlops(pilot, app)
        weekdays = screen.query_one("#weekday-hours", Input)
        hours, rest = screen.query_one("#hours", Input), screen.query_one("#rest", Input)
        weekdays.value = "mon-fri 2, sat 4"
        await pilot.pause()
        assert (hours.value, rest.value) == ("14", "sun")
        weekdays.value = ""
        await pilot.pause()
        assert not hours.disabled and not rest.disabled
        hours.value = "10"
        rest.value = "sat, sun"
        weekdays.focus()
        await pilot.press("ctrl+s")
        await open_main(pilot, app)
        await wait_for(pilot, lambda: not app.store.unsaved)
    enrolment = load_progress(data_dir).roadmap("mlops-6-months").enrolment
    assert enrolment is not None
    assert enrolment.weekday_hours == {}
    assert (enrolment.hours_per_week, enrolment.rest_days) == (10.0, ["sat", "sun"])


async def test_a_wrong_day_is_explained_and_nothing_is_enrolled(data_dir: Path) -> None:
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _on_mlops(pilot, app)
        weekdays = screen.query_one("#weekday-hours", Input)
        weekdays.value = "funday 2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        error = str(screen.query_one("#welcome-error", Label).render())
        assert error == "Not a weekday: 'funday' (use mon, tue, … sun)."
        assert screen.focused is weekdays
