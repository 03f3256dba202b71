"""A roadmap full of brackets and escape sequences shows literally and never acts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ui_helpers import (
    BRACKETS,
    enrolled,
    open_main,
    save_progress,
    screen_text,
    small_roadmap,
    write_roadmap,
)

from syllabus.model.roadmap import Node, Roadmap
from syllabus.tui.app import SyllabusApp
from syllabus.tui.widgets.checklist import Checklist

SHOWN = [
    "[3 hrs] Learn the basics",
    "Review [done]",
    "todo [/]",
    "broken [/oops]",
    "[link=https://example.org]x[/link]",
    "[@click=app.quit]hi[/]",
    "[red]not red",
    "bell and [31mescape[0m here",
]
"""What a person sees: the same text, control characters dropped."""


def bracket_roadmap() -> Roadmap:
    roadmap = small_roadmap("brackets", first_week=BRACKETS)
    phase = roadmap.nodes[0]
    week = replace(
        phase.children[0],
        **{
            "title": "Week [1] [/] [@click=app.quit]go[/]",
            "goal": "Goal [b]not bold[/b] \x1b]0;title\x07",
        },
    )
    phase = replace(phase, **{"title": "Phase [red]1[/red]", "children": [week]})
    nodes: list[Node] = [phase, *roadmap.nodes[1:]]
    return replace(roadmap, **{"title": "Roadmap [/oops] \x1b[2J", "nodes": nodes})


async def test_brackets_and_escapes_show_literally(data_dir: Path) -> None:
    write_roadmap(data_dir, bracket_roadmap())
    save_progress(data_dir, enrolled("brackets"))
    app = SyllabusApp(data_dir)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await open_main(pilot, app)
        await pilot.pause(0.3)
        text = screen_text(app)
        for shown in SHOWN:
            assert shown in text, shown
        assert "Phase [red]1[/red]" in text
        assert "Week [1] [/] [@click=app.quit]go[/]" in text
        assert "\x1b" not in text and "\x07" not in text

        # the detail pane renders the highlighted item: move to the action-looking one
        checklist = app.screen.query_one(Checklist)
        checklist.highlighted = 5
        await pilot.pause(0.3)
        assert "[@click=app.quit]hi[/]" in screen_text(app)
        for widget_id in ("#checklist", "#detail", "#tree"):
            await pilot.click(widget_id, offset=(4, 2))
            await pilot.click(widget_id, offset=(10, 6))
        await pilot.pause(0.1)
        assert app.is_running and app.return_code is None

        # search shows hits literally too
        await pilot.press("ctrl+p", *"oops")
        await pilot.pause(0.5)
        assert "broken [/oops]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert checklist.highlighted_row.text == "broken [/oops]"

        # a note and an own item with markup stay text, in the pane and the list
        await pilot.press("n", *"[b]mine[/b] [/]", "ctrl+s")
        await pilot.press("a", *"[@click=app.quit]own[/]", "enter")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "[@click=app.quit]own[/]" in text
        assert app.return_code is None
