"""Issue 19: the welcome screen offers a roadmap's routine (weekday and weekend hours)."""

from __future__ import annotations

from pathlib import Path

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


async def test_mlops_is_prefilled_with_its_daily_routine(data_dir: Path) -> None:
    """30-45 min before work, 45-60 after, 4-6 h at weekends: every day is a study day."""
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        screen = app.screen
        routine = screen.query_one("#welcome-routine")
        await pilot.press("down", "down", "down")  # the fourth bundled roadmap
        await pilot.pause()
        assert screen.query_one("#roadmaps").highlighted_option.id == "mlops-6-months"
        assert routine.display
        assert str(routine.render()) == "Routine: Mon–Fri 1.5 h · Sat–Sun 2.5 h (12.5 h a week)"
        assert screen.query_one("#hours").value == "13.5"  # "12-15 hrs/week", the middle
        assert screen.query_one("#rest").value == ""  # the routine studies every day
        await pilot.press("down")  # a roadmap without a routine hides the line
        await pilot.pause()
        assert not routine.display
        assert screen.query_one("#rest").value == "sun"
        await pilot.press("up", "enter", "ctrl+s")
        await open_main(pilot, app)
        await wait_for(pilot, lambda: not app.store.unsaved)
    enrolment = load_progress(data_dir).roadmap("mlops-6-months").enrolment
    assert enrolment is not None
    assert (enrolment.hours_per_week, enrolment.days_per_week, enrolment.rest_days) == (
        13.5,
        7,
        [],
    )
