"""Textual's own palette commands (theme, quit, keys, screenshot) speak the interface's
language like syllabus's own."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import open_main

from syllabus import locale
from syllabus.tui.app import SyllabusApp


async def test_textuals_palette_commands_are_german_in_german(enrolled_dir: Path) -> None:
    locale.set_language("de")
    try:
        app = SyllabusApp(enrolled_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_main(pilot, app)
            commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
    finally:
        locale.set_language("en")
    assert commands["Farbschema"] == "Das Farbschema wechseln"
    assert commands["Beenden"] == "Die App so bald wie möglich beenden"
    assert "Bildschirmfoto" in commands and "Theme" not in commands and "Quit" not in commands


async def test_english_keeps_textuals_words(enrolled_dir: Path) -> None:
    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        titles = {c.title for c in app.get_system_commands(app.screen)}
    assert {"Theme", "Quit", "Keys", "Screenshot"} <= titles


async def test_the_palettes_keys_command_opens_the_help_screen(enrolled_dir: Path) -> None:
    from syllabus.tui.screens.help import HelpScreen

    app = SyllabusApp(enrolled_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_main(pilot, app)
        (keys,) = [c for c in app.get_system_commands(app.screen) if c.title == "Keys"]
        keys.callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("HelpPanel")
