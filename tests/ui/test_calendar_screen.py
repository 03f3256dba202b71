"""The calendar screen in a small host app: it asks the app to add, edit, delete check-ins."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Label

from syllabus.model.progress import CheckIn
from syllabus.tui.screens.calendar import CalendarScreen, DayCheckIns
from syllabus.tui.widgets.calendar import CalendarWidget

TODAY = date(2026, 11, 23)
WHEN = datetime(2026, 11, 1, tzinfo=UTC)


def checkin(checkin_id: str, day: date, hours: float, note: str, node: str) -> CheckIn:
    return CheckIn(
        id=checkin_id,
        date=day,
        hours=hours,
        note=note,
        roadmap="r",
        node=node,
        created=WHEN,
        updated=WHEN,
    )


CHECKINS = (
    checkin("a1", date(2026, 11, 20), 1.5, "Read [done] chapter\nsecond line", "w3"),
    checkin("a2", date(2026, 11, 20), 0.5, "[@click=app.quit]x[/]", "w4"),
    checkin("b1", date(2026, 12, 31), 2.0, "New year's eve", "w3"),
)


class Host(App[None]):
    def __init__(self, **kwargs: object) -> None:
        super().__init__()
        self.kwargs = kwargs
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield Label("main")

    def on_mount(self) -> None:
        args: dict[str, object] = {
            "today": TODAY,
            "selected": date(2026, 11, 20),
            "hours_by_day": {date(2026, 11, 20): 2.0, date(2026, 12, 31): 2.0},
            "planned": {date(2026, 11, 16): "Week 3 [3 hrs]", date(2026, 11, 23): "Week 4 [/]"},
            "rest_weekdays": frozenset({6}),
            "checkins": CHECKINS,
            "node_titles": {"w3": "Week 3 [3 hrs]", "w4": "Week 4 [/]"},
            "title": "Roadmap [red]x",
        }
        args.update(self.kwargs)
        self.push_screen(CalendarScreen(**args))  # type: ignore[arg-type]

    def on_calendar_screen_check_in_requested(self, m: CalendarScreen.CheckInRequested) -> None:
        self.messages.append(m)

    def on_calendar_screen_check_in_edit_requested(
        self, m: CalendarScreen.CheckInEditRequested
    ) -> None:
        self.messages.append(m)

    def on_calendar_screen_check_in_delete_requested(
        self, m: CalendarScreen.CheckInDeleteRequested
    ) -> None:
        self.messages.append(m)


def screen_text(app: App[None]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_lists_the_day_and_plan_literally() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Friday 20 November 2026 · 2h" in text
        assert "Read [done] chapter" in text and "second line" not in text
        assert "[@click=app.quit]x[/]" in text
        assert "Week 3 [3 hrs]" in text and "Week 4 [/]" in text
        assert "Add a check-in" in text
        assert "Roadmap [red]x" in text


async def test_enter_lists_then_edits_and_deletes() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        await pilot.press("enter")
        assert isinstance(app.focused, DayCheckIns)
        await pilot.press("enter")
        await pilot.pause()
        edit = app.messages[-1]
        assert isinstance(edit, CalendarScreen.CheckInEditRequested)
        assert edit.checkin_id == "a1" and edit.control is screen
        await pilot.press("down", "d")
        await pilot.pause()
        delete = app.messages[-1]
        assert isinstance(delete, CalendarScreen.CheckInDeleteRequested)
        assert delete.checkin_id == "a2"
        await pilot.press("down", "enter")
        await pilot.pause()
        add = app.messages[-1]
        assert isinstance(add, CalendarScreen.CheckInRequested) and add.day == date(2026, 11, 20)
        await pilot.press("escape")
        assert isinstance(app.focused, CalendarWidget)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CalendarScreen)


async def test_enter_on_an_empty_day_asks_for_a_check_in_and_never_in_the_future() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("left", "enter")
        await pilot.pause()
        add = app.messages[-1]
        assert isinstance(add, CalendarScreen.CheckInRequested)
        assert add.day == date(2026, 11, 19)
        count = len(app.messages)
        await pilot.press("t", "right", "enter", "c")
        await pilot.pause()
        assert len(app.messages) == count
        await pilot.press("t", "c")
        await pilot.pause()
        assert app.messages[-1].day == TODAY  # type: ignore[attr-defined]


async def test_new_data_from_the_app_shows() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        screen.checkins = (*CHECKINS, checkin("n1", date(2026, 11, 20), 3, "fresh", "w3"))
        screen.hours_by_day = {date(2026, 11, 20): 5.0}
        await pilot.pause()
        text = screen_text(app)
        assert "fresh" in text
        assert "█" in text  # the only day with hours is now over 3 h
        assert "Friday 20 November 2026 · 5h" in text


async def test_year_end_on_the_screen_and_close_keys() -> None:
    for close in ("g", "q", "escape"):
        app = Host(selected=date(2026, 12, 31), today=date(2027, 1, 5))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Thursday 31 December 2026" in screen_text(app)
            await pilot.press("right")
            await pilot.pause()
            text = screen_text(app)
            assert "January 2027" in text and "Friday 1 January 2027" in text
            await pilot.press("left")
            await pilot.pause()
            assert "New year's eve" in screen_text(app)
            await pilot.press(close)
            await pilot.pause()
            assert not isinstance(app.screen, CalendarScreen)


async def test_narrow_terminal_stacks_the_list_under_the_month() -> None:
    app = Host()
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow")
        month = app.screen.query_one(CalendarWidget).region
        side = app.screen.query_one("#calendar-side").region
        assert side.y >= month.bottom
