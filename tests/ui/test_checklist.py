"""What a toggle costs and shows: one row rendered again, the rest from their kept lines.

The checklist is an OptionList; replacing one prompt makes the list drop the rendered
lines of every row, so the rows keep their own (``RowVisual``). These tests count the
rows that render after a toggle and read the drawn lines.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.strip import Strip
from ui_helpers import small_roadmap

from syllabus.model.progress import Progress, RoadmapProgress, set_item_state
from syllabus.tui.session import Session
from syllabus.tui.widgets.checklist import Checklist, RowVisual

WHEN = datetime(2026, 11, 23, 9, tzinfo=UTC)
W1 = "phase-1/week-1"
LONG = "A long task " + "that goes on " * 12 + "until the end"


class Host(App[None]):
    """Owns the progress, as the main screen does: a request changes it, the list follows."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.rp = RoadmapProgress()

    def compose(self) -> ComposeResult:
        yield Checklist(id="checklist")

    def on_mount(self) -> None:
        checklist = self.query_one(Checklist)
        checklist.show(self.session.rows(W1, self.rp), self.rp)
        checklist.focus()

    def on_checklist_item_state_changed(self, message: Checklist.ItemStateChanged) -> None:
        progress = Progress(roadmaps={"tiny": self.rp})
        changed = set_item_state(progress, "tiny", message.item_id, message.state, WHEN)
        self.rp = changed.roadmap("tiny")
        message.checklist.update_row(message.item_id, message.state)
        message.checklist.progress = self.rp


def drawn(checklist: Checklist) -> list[str]:
    return [line.text for line in checklist.render_lines(checklist.region.reset_offset)]


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every row that renders its lines (not served from its kept ones)."""
    seen: list[str] = []
    render = RowVisual.render_strips

    def counted(self: RowVisual, *args: object, **kwargs: object) -> list[Strip]:
        seen.append(self.content.plain)
        return render(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RowVisual, "render_strips", counted)
    return seen


async def test_a_toggle_renders_only_the_toggled_row(renders: list[str]) -> None:
    app = Host(Session(small_roadmap()))
    async with app.run_test(size=(80, 20)) as pilot:
        checklist = app.query_one(Checklist)
        await pilot.pause()
        assert any("○ Task 1 of week 1" in line for line in drawn(checklist))
        renders.clear()
        await pilot.press("space")
        await pilot.pause()
        lines = drawn(checklist)
        assert any("✓ Task 1 of week 1" in line for line in lines)
        assert any("○ Task 2 of week 1" in line for line in lines)
        assert renders and all("Task 1 of week 1" in text for text in renders), renders
        renders.clear()
        await pilot.press("down")  # the highlight moves: two rows in new styles, no more
        await pilot.pause()
        assert {text.split()[1] for text in renders} <= {"Task"} and len(renders) <= 2


async def test_a_row_too_long_for_the_width_wraps() -> None:
    app = Host(Session(small_roadmap(first_week=["Short one", LONG])))
    async with app.run_test(size=(60, 20)) as pilot:
        checklist = app.query_one(Checklist)
        await pilot.pause()
        lines = drawn(checklist)
        first = next(n for n, line in enumerate(lines) if "Short one" in line)
        assert "A long task" in lines[first + 1] and "until the end" not in lines[first + 1]
        assert any("until the end" in line for line in lines[first + 2 :])
        assert any("Tip for week 1" in line for line in lines)


def test_row_height_is_what_the_text_takes() -> None:
    rules: dict[str, object] = {}
    short, long = Content("○ Short one"), Content(LONG)
    assert RowVisual(short).get_height(rules, 40) == short.get_height(rules, 40) == 1  # type: ignore[arg-type]
    assert RowVisual(long).get_height(rules, 40) == long.get_height(rules, 40) > 1  # type: ignore[arg-type]
    assert RowVisual(Content("")).get_height(rules, 40) == 1  # type: ignore[arg-type]


def test_a_long_row_wraps_under_its_text_not_under_its_mark() -> None:
    """The nesting and the mark stand alone on the left; every later line starts where
    the text does. A pane too narrow for that wraps the row as it comes."""
    from textual.style import Style
    from textual.visual import RenderOptions

    rules: dict[str, object] = {}
    row = RowVisual(Content("  ○ " + LONG), hang=4)
    lines = row.render_strips(30, None, Style(), RenderOptions(lambda _: Style(), rules))  # type: ignore[arg-type]
    texts = [line.text for line in lines]
    assert texts[0].startswith("  ○ A long task")
    assert len(texts) > 2 and all(text.startswith("    ") and text[4] != " " for text in texts[1:])
    assert " ".join(text.strip() for text in texts).removeprefix("○ ").split() == LONG.split()
    assert row.get_height(rules, 30) == len(lines)  # type: ignore[arg-type]
    narrow = RowVisual(Content("  ○ " + LONG), hang=4)
    assert narrow.get_height(rules, 14) == Content("  ○ " + LONG).get_height(rules, 14)  # type: ignore[arg-type]
