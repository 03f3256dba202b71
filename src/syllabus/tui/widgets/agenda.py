"""TodayAgenda: what to do now, in order — overdue, today's items, then what comes next.

The entries come from the model (``schedule.day_agenda``: every enrolled, unpaused
roadmap, the active one first) and are bound down by the screen. Each row says why it
is listed with a mark and a word (``!`` overdue, ``•`` today, ``»`` ahead), so colour is
never the only signal; the roadmap's id leads a row of another roadmap. The list does
not change progress: ``x``/space posts ``EntryToggled``, enter ``EntryChosen``, and the
screen's ``c`` asks for the highlighted entry (``highlighted_entry``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from syllabus.locale import N_, _, current
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from syllabus.model.schedule import AgendaEntry

WHY_MARKS = {
    "overdue": ("!", N_("overdue")),
    "today": ("•", N_("today")),
    "ahead": ("»", N_("ahead")),
    "review": ("↻", N_("review")),
}
"""Mark and word per reason an entry is listed."""

PICKED_MARK = "▸"
"""Leads the entries ``next`` picked."""


@cache
def _why_width() -> int:
    """The widest reason word in the interface language (the column lines up)."""
    return max(7, *(len(_(word)) for _mark, word in WHY_MARKS.values()))


def _hours(hours: float) -> str:
    return _hours_in(round(hours, 1), current())


@cache
def _hours_in(hours: float, language: str) -> str:
    """Hours as the language writes them, worked out once a value (Babel takes ~0.3 ms a
    number: 56 rows cost a toggle ~20 ms)."""
    from syllabus.locale.formats import format_hours

    return format_hours(hours)


def entry_prompt(entry: AgendaEntry, active: str | None, picked: bool = False) -> Content:
    """One row: why, its hours, its roadmap if another, and the item's text (literally)."""
    mark, word = WHY_MARKS.get(entry.why, ("•", entry.why))
    lead = PICKED_MARK if picked else " "
    parts: list[Content | str | tuple[str, str]] = [
        (f"{lead}{mark} ", "bold" if entry.why == "overdue" else ""),
        (_(word).ljust(_why_width()) + " ", "dim"),
        (_hours(entry.hours).rjust(6) + "  ", "dim"),
    ]
    if entry.roadmap_id != active:
        parts.append((f"{entry.roadmap_id}: ", "italic"))
    parts.append(Content(one_line(entry.text)))
    return Content.assemble(*parts)


class TodayAgenda(OptionList):
    """Today's work across the enrolled roadmaps, one row per item."""

    BINDINGS = [
        Binding("x,space", "tick", _("Done"), show=False),
        Binding("enter", "choose", _("Show item"), show=False),
    ]

    DEFAULT_CSS = """
    TodayAgenda {
        height: auto;
        max-height: 7;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    entries: var[tuple[AgendaEntry, ...]] = var(tuple, always_update=True)
    """What to do now, in order."""
    active: var[str | None] = var(None)
    """The open roadmap: its rows carry no roadmap id."""
    picked: var[frozenset[str]] = var(frozenset)
    """Item ids ``next`` picked, marked ``▸``."""
    _filled: tuple[tuple[AgendaEntry, ...], str | None, frozenset[str]] | None = None
    """What the rows show now (entries, active roadmap, picked)."""

    class EntryToggled(Message):
        """``x`` or space on an entry: mark it done."""

        def __init__(self, agenda: TodayAgenda, entry: AgendaEntry) -> None:
            super().__init__()
            self.agenda = agenda
            self.entry = entry
            """The entry (roadmap, item and node ids)."""

        @property
        def control(self) -> TodayAgenda:
            return self.agenda

    class EntryChosen(Message):
        """Enter on an entry: show its item."""

        def __init__(self, agenda: TodayAgenda, entry: AgendaEntry) -> None:
            super().__init__()
            self.agenda = agenda
            self.entry = entry
            """The entry (roadmap, item and node ids)."""

        @property
        def control(self) -> TodayAgenda:
            return self.agenda

    def watch_entries(self) -> None:
        self._fill()

    def watch_picked(self) -> None:
        self._fill()

    def _fill(self) -> None:
        shown: Sequence[AgendaEntry] = self.entries
        filled = (tuple(shown), self.active, self.picked)
        if filled == self._filled:
            return  # worked out again after a tick elsewhere, the same: nothing to draw
        self._filled = filled
        keep = self.highlighted_entry
        if not shown:
            self.set_options([Option(Content(_("Nothing left to do: all done.")), disabled=True)])
            return
        self.set_options(
            [
                Option(entry_prompt(e, self.active, e.item_id in self.picked), id=_key(e))
                for e in shown
            ]
        )
        ids = [_key(e) for e in shown]
        if keep is not None and _key(keep) in ids:
            self.highlighted = ids.index(_key(keep))
        elif self.picked:
            first = next(i for i, e in enumerate(shown) if e.item_id in self.picked)
            self.highlighted = first
        else:
            self.highlighted = 0

    @property
    def highlighted_entry(self) -> AgendaEntry | None:
        """The entry under the cursor, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.entries):
            return None
        return self.entries[index]

    def action_tick(self) -> None:
        """Mark the highlighted entry done."""
        entry = self.highlighted_entry
        if entry is not None:
            self.post_message(self.EntryToggled(self, entry))

    def action_choose(self) -> None:
        """Show the highlighted entry's item."""
        entry = self.highlighted_entry
        if entry is not None:
            self.post_message(self.EntryChosen(self, entry))


def _key(entry: AgendaEntry) -> str:
    return f"{entry.roadmap_id}\x1f{entry.item_id}"
