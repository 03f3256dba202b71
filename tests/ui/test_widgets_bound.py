"""The main screen's widgets take their state through data_bind, as a screen binds them.

A small host screen owns the reactives (session, progress, rows, marks) and binds them
down; the tests change the host's values and read the widgets' rendered lines.
"""

from __future__ import annotations

from datetime import UTC, datetime

from textual.app import App, ComposeResult
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static
from ui_helpers import small_roadmap, wait_for

from syllabus.model.progress import (
    ItemState,
    Progress,
    RoadmapProgress,
    add_own_item,
    set_item_state,
)
from syllabus.model.rules import counted_items, node_tally
from syllabus.tui.session import Row, Session
from syllabus.tui.widgets.checklist import Checklist
from syllabus.tui.widgets.detail_pane import PLAIN_LINES, DetailPane, plain_markdown
from syllabus.tui.widgets.phase_tree import PhaseTree

WHEN = datetime(2026, 11, 23, 9, tzinfo=UTC)
W1 = "phase-1/week-1"


class Bound(Screen[None]):
    """Owns the state; the widgets only receive it."""

    session: var[Session | None] = var(None)
    progress: var[RoadmapProgress | None] = var(None, always_update=True)
    current: var[str | None] = var(None)
    blocked: var[frozenset[str]] = var(frozenset())
    rows: var[tuple[Row, ...]] = var(())
    due: var[frozenset[str]] = var(frozenset())
    item: var[Content] = var(Content(""))
    markdown: var[str | None] = var(None)

    def compose(self) -> ComposeResult:
        yield PhaseTree().data_bind(Bound.session, Bound.progress, Bound.current, Bound.blocked)
        yield Checklist().data_bind(Bound.rows, Bound.progress, Bound.due)
        yield DetailPane().data_bind(Bound.item, Bound.markdown)

    def on_checklist_item_state_changed(self, message: Checklist.ItemStateChanged) -> None:
        """What a screen does with the request: change progress; the binding does the rest."""
        assert self.progress is not None
        self.progress = set_state(self.progress, message.item_id, message.state)


class Host(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Bound())


def _wrap(rp: RoadmapProgress) -> Progress:
    return Progress(roadmaps={"tiny": rp})


def set_state(rp: RoadmapProgress, item_id: str, state: ItemState) -> RoadmapProgress:
    return set_item_state(_wrap(rp), "tiny", item_id, state, WHEN).roadmap("tiny")


def labels(tree: PhaseTree) -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(node: object) -> None:
        for child in node.children:  # type: ignore[attr-defined]
            found[child.data] = str(child.label)
            walk(child)

    walk(tree.root)
    return found


def rendered(checklist: Checklist) -> str:
    """The checklist's lines as drawn."""
    return "\n".join(line.text for line in checklist.render_lines(checklist.region.reset_offset))


async def test_bound_progress_relabels_the_tree_and_redraws_the_row() -> None:
    roadmap = small_roadmap()
    session = Session(roadmap)
    rp = RoadmapProgress()
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, Bound)
        screen.progress = rp
        screen.current = W1
        screen.session = session
        screen.rows = tuple(session.rows(W1, rp))
        await pilot.pause()
        tree, checklist = screen.query_one(PhaseTree), screen.query_one(Checklist)
        assert "0/8" in labels(tree)["phase-1"] and "▶" in labels(tree)[W1]
        assert "○ Task 1 of week 1" in rendered(checklist)

        first = f"{W1}/item-1"
        screen.progress = set_state(rp, first, ItemState.DONE)
        await pilot.pause()
        assert "1/8" in labels(tree)["phase-1"] and "1/4" in labels(tree)[W1]
        assert "0/8" in labels(tree)["phase-2"]
        assert "✓ Task 1 of week 1" in rendered(checklist)

        checklist.focus()
        checklist.highlighted = 1
        await pilot.press("space")
        await pilot.pause()
        assert "✓ Task 2 of week 1" in rendered(checklist) and "2/4" in labels(tree)[W1]
        await pilot.press("space", "s")
        await pilot.pause()
        assert "✗ Task 2 of week 1" in rendered(checklist) and "1/3" in labels(tree)[W1]

        screen.blocked = frozenset({"phase-2"})
        screen.current = "phase-1/week-2"
        await pilot.pause()
        assert "⊘" in labels(tree)["phase-2"] and "▶" in labels(tree)["phase-1/week-2"]
        assert "▶" not in labels(tree)[W1]


async def test_new_rows_keep_the_cursor_on_its_item() -> None:
    session = Session(small_roadmap())
    rp = RoadmapProgress()
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, Bound)
        screen.progress = rp
        screen.rows = tuple(session.rows(W1, rp))
        await pilot.pause()
        checklist = screen.query_one(Checklist)
        checklist.focus()
        await pilot.press("down", "down")
        assert checklist.highlighted_row is not None
        on = checklist.highlighted_row.id
        progress, own_id = add_own_item(_wrap(rp), "tiny", W1, "My [own] item", WHEN)
        rp = progress.roadmap("tiny")
        screen.progress = rp
        screen.rows = tuple(session.rows(W1, rp))
        await pilot.pause()
        assert checklist.highlighted_row is not None and checklist.highlighted_row.id == on
        screen.rows = screen.rows[::-1]
        await pilot.pause()
        assert checklist.highlighted_row is not None and checklist.highlighted_row.id == on
        assert "My [own] item" in rendered(checklist)
        # the own item counts, as the rule says
        assert session.tally(W1, rp) == node_tally(session.nodes[W1], rp)
        assert own_id in {item_id for item_id, _ in session.counted_items(W1, rp)}


async def test_the_pane_loads_markdown_by_itself() -> None:
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, Bound)
        screen.item = Content("Selected: [not markup]")
        screen.markdown = "## Week [1]\n\nRead *this*."
        pane = screen.query_one(DetailPane)
        await wait_for(pilot, lambda: pane.settled)
        await pilot.pause()
        text = "\n".join(line.text for line in app.screen._compositor.render_strips())
        assert "Selected: [not markup]" in text
        assert "Week [1]" in text and "Read this." in text
        assert "## Week" not in text and "*this*" not in text  # the plain text is gone


async def test_the_first_node_shows_as_plain_text_until_markdown_renders() -> None:
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, Bound)
        pane = screen.query_one(DetailPane)
        pane.show("## Week [1]\n\nRead *this*.")
        # at once, before any frame: the parser's import waits for that frame
        assert not pane.settled
        node = pane.query_one("#detail-node", Static)
        assert str(node.render()) == "Week [1]\n\nRead *this*."
        await wait_for(pilot, lambda: pane.settled)
        pane.show("## Week [2]\n\nThen *that*.")
        assert pane.settled  # drawn at once from now on
        await pilot.pause()
        text = "\n".join(line.text for line in app.screen._compositor.render_strips())
        assert "Week [2]" in text and "Then that." in text and "Week [1]" not in text


def test_prose_is_literal_markdown_in_one_content() -> None:
    from syllabus.tui.widgets.prose import prose

    shown = prose(
        "Read **[this]** and `code` at [the guide](https://example.org).\n\n"
        "- one [x]\n- two\n\n| A | Bee |\n|---|---|\n| 1 | [b]2[/b] |\n\n"
        "```\nprint(1)\n```"
    )
    lines = shown.plain.split("\n")
    assert lines[0] == "Read [this] and code at the guide."
    assert "• one [x]" in lines and "• two" in lines
    assert "A │ Bee     " in lines and "1 │ [b]2[/b]" in lines  # aligned, never markup
    assert "print(1)" in lines
    links = [span.style for span in shown.spans if getattr(span.style, "link", None)]
    assert [style.link for style in links] == ["https://example.org"]  # type: ignore[union-attr]


def test_plain_markdown_is_literal_with_headings_in_bold() -> None:
    content = plain_markdown("## Week [1]\n**Goal:** [b]x[/b]\n#tag\n" + "line\n" * 100)
    lines = content.plain.split("\n")
    assert lines[:3] == ["Week [1]", "**Goal:** [b]x[/b]", "#tag"]
    assert len(lines) == PLAIN_LINES
    assert [(span.start, span.end) for span in content.spans] == [(0, len("Week [1]"))]


def test_session_counts_the_items_the_rule_counts() -> None:
    session = Session(small_roadmap())
    progress, own_id = add_own_item(_wrap(RoadmapProgress()), "tiny", W1, "mine", WHEN)
    rp = progress.roadmap("tiny")
    for node_id, node in session.nodes.items():
        assert sorted(session.counted_items(node_id, rp)) == sorted(counted_items(node, rp))
    assert (own_id, False) in set(session.counted_items("phase-1", rp))
