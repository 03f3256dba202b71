"""The command palette's settings entry saves the language for the next start."""

from __future__ import annotations

from pathlib import Path

from syllabus.storage import settings
from syllabus.tui.app import SyllabusApp


async def test_choosing_deutsch_in_the_palette_saves_it_and_says_when_it_applies(
    data_dir: Path,
) -> None:
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "language deutsch":
            await pilot.press("space" if key == " " else key)
        await pilot.pause(0.3)
        await pilot.press("enter")
        for _attempt in range(40):
            await pilot.pause(0.05)
            if settings.read(data_dir).language == "de":
                break
        await pilot.pause()
        assert settings.read(data_dir).language == "de"
        messages = [str(n.message) for n in app._notifications]
        assert any("next time syllabus starts" in m for m in messages), messages
