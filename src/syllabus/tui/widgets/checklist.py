"""The items of the selected node: state marks, hours and kind, the learner's own too.

A toggle gives one row a new prompt (``OptionList.replace_option_prompt_at_index``);
that makes the list drop every row's rendered lines, so each row's prompt is a
``RowVisual`` that keeps its own and only the toggled row renders again. The checklist
does not change progress itself: it posts ``ItemStateChanged`` and the screen, which owns
progress, binds the new progress back down.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from syllabus.locale import N_, _
from syllabus.model.progress import ItemState, RoadmapProgress
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.visual import RenderOptions
    from textual.widget import Widget

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

KIND_NAMES = {
    "resource": N_("resource"),
    "project": N_("project"),
    "deliverable": N_("deliverable"),
    "self-check": N_("self-check"),
    "capstone": N_("capstone"),
    "goal": N_("goal"),
    "outcome": N_("outcome"),
    "rubric": N_("rubric"),
    "ethics": N_("ethics"),
    "tip": N_("tip"),
    "note": N_("note"),
}
"""The kinds' names as the checklist shows them (``ItemKind`` values are ids)."""


@cache
def _extra_words() -> dict[str, str]:
    """The row's extra words in the interface language, looked up once."""
    words = {kind: _(name) for kind, name in KIND_NAMES.items()}
    words.update(optional=_("optional"), mine=_("mine"), link=_("link"), due=_("due"))
    return words


@cache
def _hours_label(hours: float) -> str:
    from syllabus.locale.formats import format_number

    return _("{hours} h").format(hours=format_number(hours, 2))


DIM = Style(dim=True)
DIM_STRIKE = Style(dim=True, strike=True)
BOLD = Style(bold=True)
EXTRAS = Style(dim=True, italic=True)
"""The rows' styles, built once: a style given by name is parsed again at each render."""


def row_prompt(row: Row, state: ItemState, due: bool = False) -> Content:
    """One checklist row as literal text with its marks."""
    mark = STATE_MARKS[state] if row.checkable else READ_ONLY_MARK
    text_style: Style | None = None
    if state is ItemState.DONE or state is ItemState.SKIPPED:
        text_style = DIM_STRIKE if state is ItemState.SKIPPED else DIM
    elif row.optional or not row.checkable:
        text_style = DIM
    text = one_line(row.text)
    parts: list[Content | str | tuple[str, str | Style]] = [
        "  " * row.depth,
        (mark, BOLD) if state is ItemState.DOING else mark,
        " ",
        (text, text_style) if text_style is not None else text,
    ]
    extras = []
    words = _extra_words()
    if row.hours:
        extras.append(_hours_label(row.hours))
    if row.kind not in QUIET_KINDS:
        extras.append(words.get(row.kind, row.kind))
    if row.optional:
        extras.append(words["optional"])
    if row.week is not None:  # a recurring item: the week whose instance the row ticks
        extras.append(_("plan week {week}").format(week=row.week))
    if row.own:
        extras.append(words["mine"])
    if row.url:
        extras.append(words["link"])
    if due:
        # blanks once done, so the row keeps its width and wrapping: one row redraws
        due_word = words["due"]
        extras.append(
            due_word if state in (ItemState.TODO, ItemState.DOING) else " " * len(due_word)
        )
    if extras:
        parts.append((f"  {' · '.join(extras)}", EXTRAS))
    return Content.assemble(*parts)


def row_visual(row: Row, state: ItemState, due: bool = False) -> RowVisual:
    """One checklist row; its text wraps under itself, past its indent and mark."""
    return RowVisual(row_prompt(row, state, due), hang=2 * row.depth + 2)


class RowVisual(Visual):
    """A row's prompt that keeps its rendered lines.

    Any prompt change makes the OptionList drop every row's rendered lines; the rows
    that did not change answer from here, so a toggle renders one row, not a screenful.
    A row too long for the pane wraps with a hanging indent: its first ``hang`` cells
    (the nesting and the mark) stand alone on the left.
    """

    def __init__(self, content: Content, hang: int = 0) -> None:
        self.content = content
        """What the row shows."""
        self.hang = hang
        """Cells of its start that later lines leave blank (the nesting and the mark)."""
        self._strips: dict[tuple[object, ...], list[Strip]] = {}
        self._parts: tuple[Content, Content] | None = None

    def __str__(self) -> str:
        return self.content.plain

    @classmethod
    def to_strips(
        cls,
        widget: Widget,
        visual: Visual,
        width: int,
        height: int | None,
        style: Style,
        *,
        apply_selection: bool = True,
        pad: bool = False,
        post_style: Style | None = None,
    ) -> list[Strip]:
        """The row's lines, kept per width and style, unless text is being selected."""
        if not isinstance(visual, RowVisual) or widget.text_selection is not None:
            return super().to_strips(
                widget,
                visual,
                width,
                height,
                style,
                apply_selection=apply_selection,
                pad=pad,
                post_style=post_style,
            )
        key = (width, height, style, pad, post_style, widget.styles.content_align)
        strips = visual._strips.get(key)
        if strips is None:
            strips = super().to_strips(
                widget, visual, width, height, style, pad=pad, post_style=post_style
            )
            # padded as the list pads them: it then gets these same strips back, and the
            # lines it makes of them come from the strips' own caches too
            rich_style = style.rich_style
            strips = [strip.extend_cell_length(width, rich_style) for strip in strips]
            if len(visual._strips) >= 4:  # a few styles: plain, highlighted, focused
                visual._strips.clear()
            visual._strips[key] = strips
        return strips

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        hang = self._hang(width)
        if not hang:
            return self.content.render_strips(width, height, style, options)
        start, rest = self._split()
        lead = start.render_strips(hang, 1, style, options)
        body = rest.render_strips(width - hang, height, style, options)
        blank = Strip.blank(hang, style.rich_style)
        return [Strip.join([lead[0] if n == 0 else blank, line]) for n, line in enumerate(body)]

    def _split(self) -> tuple[Content, Content]:
        """The row's start (nesting and mark) and the rest, cut once."""
        if self._parts is None:
            self._parts = (self.content[: self.hang], self.content[self.hang :])
        return self._parts

    def _hang(self, width: int) -> int:
        """The hanging indent at this width: none when the row fits on one line or the
        pane is too narrow to leave room beside it."""
        if self.content.cell_length <= width or width - self.hang < 12:
            return 0
        return self.hang

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        # a row is one line of text (``one_line``): when it fits it takes one line, and
        # the list measures every row whenever one changes
        if 0 < self.content.cell_length <= width - 2 * rules.get("line_pad", 0):
            return 1
        if not self._hang(width):
            return self.content.get_height(rules, width)
        return self._split()[1].get_height(rules, width - self.hang)


class Checklist(OptionList):
    """Rows of the node chosen in the tree; keys ask for a new state of the highlighted row.

    Bind ``rows``, ``progress`` and ``due`` from the screen (``data_bind``): new rows
    rebuild the list, new progress or due items redraw only the rows whose marks changed.
    """

    BINDINGS = [
        Binding("space", "toggle_done", _("Done")),
        Binding("x", "toggle_done", _("Done"), show=False),
        Binding("s", "skip", _("Skip")),
        Binding("i", "doing", _("Doing")),
        Binding("j", "cursor_down", _("Down"), show=False),
        Binding("k", "cursor_up", _("Up"), show=False),
    ]

    rows: var[tuple[Row, ...]] = var((), init=False)
    """The shown node's rows: the roadmap's, then the learner's own."""
    progress: var[RoadmapProgress | None] = var(None, init=False, always_update=True)
    """The learner's progress, where the rows' states come from (compared by identity)."""
    due: var[frozenset[str]] = var(frozenset(), init=False)
    """Items due today, marked "due" until done."""

    class ItemStateChanged(Message):
        """The learner asked for a new state for an item (the screen changes progress)."""

        def __init__(self, checklist: Checklist, item_id: str, state: ItemState) -> None:
            super().__init__()
            self.checklist = checklist
            """The checklist that sent the message."""
            self.item_id = item_id
            """The item's id."""
            self.state = state
            """The state asked for."""

        @property
        def control(self) -> Checklist:
            """The checklist that sent the message (for ``@on``)."""
            return self.checklist

    class ItemHighlighted(Message):
        """The cursor moved to another row (or the list emptied)."""

        def __init__(self, checklist: Checklist, item_id: str | None) -> None:
            super().__init__()
            self.checklist = checklist
            """The checklist that sent the message."""
            self.item_id = item_id
            """The highlighted item's id, None when the list is empty."""

        @property
        def control(self) -> Checklist:
            """The checklist that sent the message (for ``@on``)."""
            return self.checklist

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, markup=False)
        self._index: dict[str, int] = {}
        self._drawn: dict[str, tuple[ItemState, bool]] = {}
        self._wanted: str | None = None

    @property
    def highlighted_row(self) -> Row | None:
        """The row under the cursor."""
        if self.highlighted is None or not self.rows:
            return None
        return self.rows[self.highlighted]

    def show(
        self,
        rows: list[Row],
        rp: RoadmapProgress,
        due: frozenset[str] = frozenset(),
        highlight: str | None = None,
    ) -> None:
        """Set the three reactives at once, the cursor on ``highlight`` or the first open item."""
        self._wanted = highlight
        self.set_reactive(Checklist.progress, rp)
        self.set_reactive(Checklist.due, due)
        if tuple(rows) == self.rows:
            self.watch_rows()  # the same node again: drawn from the new progress
        self.rows = tuple(rows)

    def _state(self, item_id: str) -> ItemState:
        return self.progress.state(item_id) if self.progress is not None else ItemState.TODO

    def _visual(self, row: Row) -> RowVisual:
        state, due = self._state(row.id), row.id in self.due
        self._drawn[row.id] = (state, due)
        return row_visual(row, state, due)

    def watch_rows(self) -> None:
        """List the rows; the cursor stays on its item, else goes to the first open one."""
        rows = self.rows
        shown = self.highlighted_option  # still the old rows' option
        wanted = self._wanted or (shown.id if shown is not None else None)
        self._wanted = None
        self._index = {row.id: n for n, row in enumerate(rows)}
        self._drawn = {}
        self.set_options(Option(self._visual(row), id=row.id) for row in rows)
        if not rows:
            self.post_message(self.ItemHighlighted(self, None))
            return
        if wanted not in self._index:
            open_rows = [
                n
                for n, row in enumerate(rows)
                if row.checkable and self._state(row.id) in (ItemState.TODO, ItemState.DOING)
            ]
            wanted = rows[open_rows[0] if open_rows else 0].id
        self.highlighted = self._index[wanted]

    def watch_progress(self) -> None:
        """Redraw the rows whose state changed."""
        self._redraw_changed()

    def watch_due(self) -> None:
        """Redraw the rows whose due mark changed."""
        self._redraw_changed()

    def _redraw_changed(self) -> None:
        for index, row in enumerate(self.rows):
            if self._drawn.get(row.id) != (self._state(row.id), row.id in self.due):
                self.replace_option_prompt_at_index(index, self._visual(row))

    def update_row(self, item_id: str, state: ItemState) -> None:
        """Draw one row in a new state now, before the new progress arrives."""
        index = self._index.get(item_id)
        if index is None:
            return
        row = self.rows[index]
        due = item_id in self.due
        if self._drawn.get(item_id) != (state, due):
            self._drawn[item_id] = (state, due)
            self.replace_option_prompt_at_index(index, row_visual(row, state, due))

    def _ask(self, toggled: ItemState) -> None:
        row = self.highlighted_row
        if row is None or not row.checkable:
            self.app.bell()
            return
        current = self._drawn.get(row.id, (ItemState.TODO, False))[0]
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
