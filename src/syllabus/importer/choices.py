"""Alternatives a roadmap offers, one to take: "choose one of the following", "elige
uno", "任选一" (the ``choose_one`` words of every language's table).

The model has no choice group: the least disruptive honest form is that the first
alternative is the one planned (it counts, its hours size the node), the others are
optional (counted once done, never holding a week open), and the author's sentence
stands before them as a note. A learner who takes another one ticks it and skips the
first.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from syllabus.importer import structure
from syllabus.model.roadmap import ItemKind

_LONGEST = 300
"""A longer paragraph is prose that may mention a choice, not a statement of one."""


def offers_choice(text: str) -> bool:
    """Whether a line or short paragraph offers alternatives ("Pick one:", "For each
    topic, select one course")."""
    return bool(text) and len(text) <= _LONGEST and structure.has_word("choose_one", text)


def take_one(
    items: list[dict[str, Any]],
    start: int,
    end: int,
    optional: bool,
    gaps: Collection[int] = (),
) -> None:
    """The checkable items ``start:end`` at their shallowest depth are alternatives: the
    first one planned, the others optional. ``optional``: the statement says the choice
    itself is optional ("Bonus: pick one"), and every alternative stays optional.

    ``gaps``: indexes of items that follow a blank line. Markdown reads two lists with
    only a blank line between them as one; the alternatives end at the first such gap
    after two of them ("Choose one: - a - b", a blank line, "- [ ] Project: …"); a list
    loose throughout (a blank line between every two entries) is one choice."""
    shown = [data for data in items[start:end] if data["checkable"]]
    if not shown:
        return
    top = min(int(data["depth"]) for data in shown)
    # only the alternatives' own entries end them, not a loose list nested in one
    at_top = (i for i in gaps if start < i < end and int(items[i]["depth"]) == top)
    first_gap = min(at_top, default=None)
    if first_gap is not None:
        before = [data for data in items[start:first_gap] if data["checkable"]]
        if len(before) >= 2:
            shown = before
    options = [data for data in shown if data["depth"] == top]
    if len(options) < 2:
        return
    for index, data in enumerate(options):
        data["optional"] = optional or index > 0


def is_note(data: dict[str, Any]) -> bool:
    return data["kind"] is ItemKind.NOTE and not data["checkable"]
