"""The check-in dialog, driven through a small host app: the rules' parsing, cancel, save,
literal text."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Label, Select, SelectionList

from syllabus.model.progress import Enrolment
from syllabus.model.rules import InvalidEntry, checkin_problem
from syllabus.tui.screens.checkin import CheckInDialog, CheckInDraft, parse_day

TODAY = date(2026, 11, 23)
NODES = [("p1/w1", "Week 1 [done] basics"), ("p1/w2", "Week 2 [@click=app.quit]x[/]")]
ITEMS = {
    "p1/w1": [("p1/w1/a", "Read [3 hrs] chapter 1"), ("p1/w1/b", "todo [/] exercises")],
    "p1/w2": [("p1/w2/a", "[link=x]Project[/link]"), ("p1/w2/b", "[red]Slides")],
}
_UNSET = object()


class Host(App[None]):
    """Pushes one dialog and keeps what it was dismissed with."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__()
        self.dialog_args = kwargs
        self.result: object = _UNSET

    def compose(self) -> ComposeResult:
        yield Label("main")

    def on_mount(self) -> None:
        args: dict[str, object] = {
            "day": TODAY,
            "nodes": NODES,
            "node_id": "p1/w1",
            "items_for": ITEMS.__getitem__,
        }
        args.update(self.dialog_args)
        self.push_screen(CheckInDialog(**args), self._done)  # type: ignore[arg-type]

    def _done(self, result: CheckInDraft | None) -> None:
        self.result = result


def screen_text(app: App[None]) -> str:
    """Everything on the screen, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("1,5", 1.5),
        ("1.5", 1.5),
        ("2", 2.0),
        ("1:30", 1.5),
        ("90m", 1.5),
        ("1h 30m", 1.5),
        ("1h30", 1.5),
        ("0", 0.0),
        ("24", 24.0),
        (" 2h ", 2.0),
    ],
)
async def test_hours_typed_are_read_by_the_rule(typed: str, hours: float) -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#checkin-hours", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert isinstance(app.result, CheckInDraft) and app.result.hours == hours


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Is not a number of hours"),
        ("-3", "Hours cannot be negative"),
        ("25", "Hours must be at most 24"),
        ("", "Enter a number of hours"),
        ("nan", "Is not a number of hours"),
        ("1:75", "Is not a number of hours"),
    ],
)
async def test_hours_the_rule_refuses_are_explained(typed: str, message: str) -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#checkin-hours", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        assert message.lower() in screen_text(app).lower()
    assert app.result is _UNSET


def test_parse_day() -> None:
    assert parse_day("2026-11-20", TODAY) == date(2026, 11, 20)
    assert parse_day("today", TODAY) == TODAY
    assert parse_day("yesterday", TODAY) == date(2026, 11, 22)
    assert parse_day("-3", TODAY) == date(2026, 11, 20)
    # the date rule (future, before the start) is the one acceptance rule's: see below
    assert parse_day("2026-11-24", TODAY) == date(2026, 11, 24)
    with pytest.raises(InvalidEntry, match="not a date"):
        parse_day("2026-02-30", TODAY)
    with pytest.raises(InvalidEntry, match="between"):
        parse_day("-999", date(1970, 1, 2))


async def test_few_keys_check_in_saves_a_draft() -> None:
    app = Host(ticked={"p1/w1/a"})
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.focused, Input) and app.focused.id == "checkin-hours"
        await pilot.press("1", "comma", "5", "tab", *"Read ch 1", "ctrl+s")
        await pilot.pause()
    assert app.result == CheckInDraft(
        day=TODAY,
        hours=1.5,
        note="Read ch 1",
        node_id="p1/w1",
        item_ids=("p1/w1/a",),
        checkin_id=None,
    )


async def test_invalid_hours_explained_inline_and_not_saved() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        for typed, message in (("abc", "not a number"), ("-3", "negative"), ("25", "at most 24")):
            hours = app.screen.query_one("#checkin-hours", Input)
            hours.value = ""
            await pilot.press(*typed, "ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, CheckInDialog)
            assert message in screen_text(app)
            assert app.result is _UNSET
        await pilot.press("backspace", "backspace", "2")
        await pilot.pause()
        assert "at most 24" not in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert isinstance(app.result, CheckInDraft) and app.result.hours == 2.0


async def test_escape_cancels_with_none() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, CheckInDialog)
    assert app.result is None


async def test_editing_keeps_the_id_and_prefills() -> None:
    app = Host(
        hours=2.5,
        note="old note",
        checkin_id="abc123",
        ticked={"p1/w1/b"},
        day=date(2026, 11, 20),
        today=TODAY,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one("#checkin-hours", Input).value == "2.5"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == CheckInDraft(
        day=date(2026, 11, 20),
        hours=2.5,
        note="old note",
        node_id="p1/w1",
        item_ids=("p1/w1/b",),
        checkin_id="abc123",
    )


def _the_rule(day: date, hours: float, note: str) -> str | None:
    """``rules.checkin_problem`` as the app binds it: enrolled from 2026-11-02."""
    enrolment = Enrolment(start=date(2026, 11, 2), hours_per_week=9, updated=datetime.now(UTC))
    return checkin_problem("tiny", enrolment, day, hours, note, TODAY)


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ("2026-12-01", "A check-in cannot be dated in the future: 2026-12-01 is after today"),
        ("2026-11-01", "2026-11-01 is before tiny started (2026-11-02); to log it"),
    ],
)
async def test_a_day_the_rule_refuses_is_one_line_under_the_date(day: str, says: str) -> None:
    app = Host(check=_the_rule)
    async with app.run_test(size=(100, 24)) as pilot:
        app.screen.query_one("#checkin-day", Input).value = day
        await pilot.press("1", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        error = app.screen.query_one("#checkin-day-error")
        assert str(error.render()).startswith(says)
        assert error.has_class("-shown")
    assert app.result is _UNSET


async def test_zero_hours_need_a_note_by_the_same_rule() -> None:
    app = Host(check=_the_rule)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("0", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        assert "needs a note" in str(app.screen.query_one("#checkin-hours-error").render())
        await pilot.press("tab", *"read the paper", "ctrl+s")
        await pilot.pause()
    assert isinstance(app.result, CheckInDraft) and app.result.hours == 0


async def test_bracket_text_shows_literally_and_node_switch_lists_its_items() -> None:
    app = Host(node_id="p1/w2")
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app)
        assert "Week 2 [@click=app.quit]x[/]" in text
        assert "[link=x]Project[/link]" in text
        assert "[red]Slides" in text
        select = app.screen.query_one("#checkin-node", Select)
        select.value = "p1/w1"
        await pilot.pause()
        text = screen_text(app)
        assert "Read [3 hrs] chapter 1" in text
        assert "todo [/] exercises" in text
        items = app.screen.query_one("#checkin-items", SelectionList)
        items.select("p1/w1/b")
        await pilot.press("1", "ctrl+s")
        await pilot.pause()
    assert isinstance(app.result, CheckInDraft)
    assert app.result.node_id == "p1/w1" and app.result.item_ids == ("p1/w1/b",)


async def test_no_nodes_no_items() -> None:
    app = Host(nodes=[], node_id=None, items_for=None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query_one("#checkin-items", SelectionList).display
        await pilot.press("1", "enter")
        await pilot.pause()
    assert isinstance(app.result, CheckInDraft)
    assert app.result.node_id is None and app.result.item_ids == ()


async def test_ticks_survive_switching_nodes() -> None:
    app = Host(ticked={"p1/w1/a"})
    async with app.run_test(size=(80, 24)) as pilot:
        items = app.screen.query_one("#checkin-items", SelectionList)
        items.select("p1/w1/b")
        select = app.screen.query_one("#checkin-node", Select)
        select.value = "p1/w2"
        await pilot.pause()
        assert items.selected == []
        select.value = "p1/w1"
        await pilot.pause()
        assert set(items.selected) == {"p1/w1/a", "p1/w1/b"}
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
    assert isinstance(app.result, CheckInDraft)
    assert app.result.item_ids == ("p1/w1/a", "p1/w1/b")


async def test_done_today_marks_read_without_colour() -> None:
    """The toggle's own glyph is the same X for both states; a mark tells them apart."""
    app = Host(ticked={"p1/w1/a"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "✓ Read [3 hrs] chapter 1" in text and "○ todo [/] exercises" in text
        app.screen.query_one("#checkin-items", SelectionList).select("p1/w1/b")
        await pilot.pause()
        assert "✓ todo [/] exercises" in screen_text(app)
