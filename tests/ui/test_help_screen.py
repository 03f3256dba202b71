"""The help screen lists keys generated from the bindings of the app and the screen beneath."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Tree

from syllabus.tui.screens.help import HelpScreen, class_bindings


class PhaseTree(Tree[str]):
    BINDINGS = [
        Binding("x,space", "toggle_done", "Toggle done"),
        Binding("s", "skip", "Skip [done] item"),
    ]


class Checklist(Label, can_focus=True):
    BINDINGS = [Binding("i", "doing", "Mark doing")]


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("g", "calendar", "Calendar"),
        Binding("c", "check_in", "Check in", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield PhaseTree("root")
        yield Checklist("items")
        yield Input()
        yield Footer()


class Host(App[None]):
    BINDINGS = [Binding("question_mark,f1", "help", "Keys"), Binding("r", "roadmaps", "Roadmaps")]

    def on_mount(self) -> None:
        self.push_screen(MainScreen())

    def action_help(self) -> None:
        self.push_screen(HelpScreen())


def screen_text(app: App[None]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def help_text(app: App[None]) -> str:
    assert isinstance(app.screen, HelpScreen)
    return app.screen.render_keys().plain


async def test_help_lists_bindings_of_app_screen_and_focused_widget() -> None:
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app)
        for expected in ("Calendar", "Check in", "Roadmaps", "Keys", "Toggle done", "Mark doing"):
            assert expected in text
        assert "On this screen" in text and "Everywhere" in text
        assert "In the phase tree (focused)" in text
        assert "In the checklist" in text
        # Both keys of one binding are merged on one row; description text is literal.
        assert "space x" in text or "x space" in text
        assert "Skip [done] item" in text
        assert "Skip [done] item" in screen_text(app)
        # System bindings stay out.
        assert "Help quit" not in text


async def test_help_follows_the_bindings_not_a_list() -> None:
    class More(MainScreen):
        BINDINGS = [Binding("z", "zap", "Zap everything")]

    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(More())
        await pilot.press("f1")
        await pilot.pause()
        assert "Zap everything" in help_text(app)


async def test_help_closes_with_escape_question_mark_and_f1() -> None:
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        for key in ("escape", "question_mark", "f1"):
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)


async def test_help_at_80x24_scrolls() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "Keys" in screen_text(app)
        await pilot.press("pagedown", "end")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_class_bindings_expand_and_inherit() -> None:
    keys = {binding.key for binding in class_bindings(PhaseTree("x"))}
    assert {"x", "space", "s", "enter"} <= keys


class EveryWidget(Screen[None]):
    """The app's focusable widgets and the Textual ones its dialogs use."""

    def compose(self) -> ComposeResult:
        from textual.widgets import Button, OptionList, Select, SelectionList, TextArea

        from syllabus.tui.widgets.calendar import CalendarWidget
        from syllabus.tui.widgets.checklist import Checklist as RealChecklist
        from syllabus.tui.widgets.phase_tree import PhaseTree as RealTree

        yield RealTree()
        yield RealChecklist()
        yield CalendarWidget()
        yield Input()
        yield TextArea()
        yield OptionList("a")
        yield SelectionList[str](("a", "a"))
        yield Select([("a", "a")])
        yield Button("b")
        yield Checklist("items")


async def test_class_bindings_agree_with_textual_for_every_focusable_widget() -> None:
    """Pins the one thing read without Textual's help: each class's own keys, as Textual
    merges them (``inherit_bindings`` included) and reports them once the widget has focus."""
    from textual.widget import Widget

    app = Host()
    async with app.run_test(size=(100, 60)) as pilot:
        screen = EveryWidget()
        await app.push_screen(screen)
        await pilot.pause()
        widgets = [w for w in screen.query(Widget) if w.focusable]
        compared = 0
        for widget in widgets:
            widget.focus()
            await pilot.pause()
            if app.focused is not widget:  # a compound widget hands focus to a part
                continue
            reported = {
                key
                for key, active in screen.active_bindings.items()
                if active.node is widget and not active.binding.system
            }
            declared = {b.key for b in class_bindings(widget) if not b.system}
            assert reported <= declared, type(widget).__name__
            assert declared - reported <= disabled_keys(widget), type(widget).__name__
            compared += 1
        assert compared >= 9


def disabled_keys(widget: object) -> set[str]:
    """Keys whose action the widget's ``check_action`` hides right now (not listed by Textual)."""
    from textual.widget import Widget

    assert isinstance(widget, Widget)
    return {
        b.key
        for b in class_bindings(widget)
        if widget.check_action(b.action.split("(")[0], ()) is False
    }
