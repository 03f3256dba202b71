"""The items of the selected node: state marks, hours and kind, the learner's own too.

A toggle redraws one row. The checklist does not change progress itself: it posts
``ItemStateChanged`` and the screen, which owns progress, pushes the new state back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from syllabus.model.progress import ItemState
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from syllabus.model.progress import RoadmapProgress
    from syllabus.tui.session import Row

STATE_MARKS = {
    ItemState.TODO: "○",
    ItemState.DOING: "◐",
    ItemState.DONE: "✓",
    ItemState.SKIPPED: "✗",
}
"""Marks, not colour, tell the states apart (NO_COLOR, colour-blind users)."""

READ_ONLY_MARK = "•"
"""Notes, tips and goals: read, not ticked."""

QUIET_KINDS = frozenset({"task", "topic"})
"""Kinds common enough that naming them is noise."""


def row_prompt(row: Row, state: ItemState, due: bool = False) -> Content:
    """One checklist row as literal text with its marks."""
    mark = STATE_MARKS[state] if row.checkable else READ_ONLY_MARK
    text_style = ""
    if state is ItemState.DONE or state is ItemState.SKIPPED:
        text_style = "dim strike" if state is ItemState.SKIPPED else "dim"
    elif row.optional or not row.checkable:
        text_style = "dim"
    parts: list[Content | str | tuple[str, str]] = [
        "  " * row.depth,
        (mark, "bold") if state is ItemState.DOING else mark,
        " ",
        Content(one_line(row.text)).stylize(text_style) if text_style else one_line(row.text),
    ]
    extras = []
    if row.hours:
        extras.append(f"{row.hours:g} h")
    if row.kind not in QUIET_KINDS:
        extras.append(row.kind)
    if row.optional:
        extras.append("optional")
    if row.own:
        extras.append("mine")
    if row.url:
        extras.append("link")
    if due:
        # blanks once done, so the row keeps its width and wrapping: one row redraws
        extras.append("due" if state in (ItemState.TODO, ItemState.DOING) else "   ")
    if extras:
        parts.append((f"  {' · '.join(extras)}", "dim italic"))
    return Content.assemble(*parts)


class Checklist(OptionList):
    """Rows of the node chosen in the tree; keys change the highlighted row's state."""

    BINDINGS = [
        Binding("space", "toggle_done", "Done"),
        Binding("x", "toggle_done", "Done", show=False),
        Binding("s", "skip", "Skip"),
        Binding("i", "doing", "Doing"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class ItemStateChanged(Message):
        """The learner asked for a new state for an item."""

        def __init__(self, checklist: Checklist, item_id: str, state: ItemState) -> None:
            super().__init__()
            self.checklist = checklist
            self.item_id = item_id
            """The item's id."""
            self.state = state
            """The state asked for."""

        @property
        def control(self) -> Checklist:
            return self.checklist

    class ItemHighlighted(Message):
        """The cursor is on another row (or on none)."""

        def __init__(self, checklist: Checklist, item_id: str | None) -> None:
            super().__init__()
            self.checklist = checklist
            self.item_id = item_id
            """The highlighted item's id, None when the list is empty."""

        @property
        def control(self) -> Checklist:
            return self.checklist

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, markup=False)
        self._rows: list[Row] = []
        self._index: dict[str, int] = {}
        self._states: dict[str, ItemState] = {}
        self._due: frozenset[str] = frozenset()

    @property
    def highlighted_row(self) -> Row | None:
        """The row under the cursor."""
        if self.highlighted is None or not self._rows:
            return None
        return self._rows[self.highlighted]

    def show(
        self,
        rows: list[Row],
        rp: RoadmapProgress,
        due: frozenset[str] = frozenset(),
        highlight: str | None = None,
    ) -> None:
        """Show a node's rows, the cursor on ``highlight`` or the first open item."""
        self._rows = rows
        self._index = {row.id: n for n, row in enumerate(rows)}
        self._states = {row.id: rp.state(row.id) for row in rows}
        self._due = due
        self.set_options(
            Option(row_prompt(row, self._states[row.id], row.id in due), id=row.id) for row in rows
        )
        if not rows:
            self.post_message(self.ItemHighlighted(self, None))
            return
        if highlight not in self._index:
            open_rows = [
                n
                for n, row in enumerate(rows)
                if row.checkable and self._states[row.id] in (ItemState.TODO, ItemState.DOING)
            ]
            highlight = rows[open_rows[0] if open_rows else 0].id
        self.highlighted = self._index[highlight]

    def update_row(self, item_id: str, state: ItemState) -> None:
        """Redraw one row with a new state."""
        index = self._index.get(item_id)
        if index is None:
            return
        self._states[item_id] = state
        row = self._rows[index]
        self._replace_prompt(index, row_prompt(row, state, item_id in self._due))

    def _replace_prompt(self, index: int, prompt: Content) -> None:
        """Redraw one row, keeping the other rows' rendered lines.

        OptionList's own replace re-renders every row; on a long node that is most
        of a toggle's time. This evicts only the changed option from the render
        cache, and falls back to the full replace when the row's height changes.
        """
        option = self.get_option_at_index(index)
        old_height = self._line_cache.heights.get(index)
        option._set_prompt(prompt)
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        new_height = self._get_visual(option).get_height(self.styles, width - padding.width)  # type: ignore[arg-type]  # as OptionList itself does
        if old_height is None or new_height != old_height:
            self.replace_option_prompt_at_index(index, prompt)
            return
        for key in [key for key in self._option_render_cache.keys() if key[0] is option]:
            self._option_render_cache.discard(key)
        first_line = self._line_cache.index_to_line.get(index)
        if first_line is None:
            self.refresh()
            return
        top = first_line - self.scroll_offset.y
        self.refresh(Region(0, top, self.size.width, new_height))

    def _ask(self, toggled: ItemState) -> None:
        row = self.highlighted_row
        if row is None or not row.checkable:
            self.app.bell()
            return
        current = self._states.get(row.id, ItemState.TODO)
        state = ItemState.TODO if current is toggled else toggled
        self.post_message(self.ItemStateChanged(self, row.id, state))

    def action_toggle_done(self) -> None:
        """Done, or back to todo."""
        self._ask(ItemState.DONE)

    def action_skip(self) -> None:
        """Skipped, or back to todo."""
        self._ask(ItemState.SKIPPED)

    def action_doing(self) -> None:
        """In progress, or back to todo."""
        self._ask(ItemState.DOING)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.ItemHighlighted(self, event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
