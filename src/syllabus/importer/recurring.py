"""Recurring work: which items recur every week, and a preamble's weekly list made a node.

An item recurs weekly (``Item.recurring = "weekly"``, one instance a plan week: see
``model/schedule/recurring.py``) when it stands under a label that says so in the
roadmap's language ("Project Deliverables (Every Week)", "Jede Woche", "Cada semana": the
language tables' ``every_week`` words). A rate in an item's own text ("3 hrs/week") sizes
the item and does not make it recur.

A labelled list in the preamble (seed 004's "**Project Deliverables (Every Week):**"
before the first week) is no node's, so the summary would keep it as text. A node hint
whose ``match`` fits the label and which gives a ``role`` lifts it into a node of its own,
placed where the document puts it (before the plan's first scheduled part). The hint's
``during`` table makes an item of the list recur over a main-plan node's weeks only (seed
004's "Later: Dockerfile, model card, CI setup": the MLOps block, weeks 13-16).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from syllabus.importer import structure
from syllabus.importer.blocks import Block, ListBlock, Paragraph
from syllabus.importer.hints import Hints, NodeHint
from syllabus.importer.lines import strip_symbols
from syllabus.model.roadmap import Role
from syllabus.model.slug import slugify

if TYPE_CHECKING:
    from syllabus.importer.build import Draft, Grouped


def recurs(role: Role, label: str | None) -> bool:
    """Whether a checkable item of a node with ``role`` under ``label`` recurs weekly.

    A habit's items recur only when their label says so: the bundled habits ("Aktuell
    bleiben") list sources to follow, not weekly tasks, and their plans stay as shipped."""
    del role
    return bool(label) and structure.has_word("every_week", label or "")


def _label(block: Block | Grouped) -> str | None:
    """A paragraph that only labels what follows ("**Deliverables (Every Week):**")."""
    if not isinstance(block, Paragraph) or len(block.lines) != 1:
        return None
    text = strip_symbols(block.lines[0].text).strip().strip("*_ ").strip()
    if not text.endswith(":") or len(text) > 100:
        return None
    return text[:-1].strip("*_ ").strip() or None


def _hint(hints: Hints, label: str) -> NodeHint | None:
    hint = hints.node_hint(label)
    return hint if hint is not None and hint.role else None


def lift_labelled_lists(root: Draft, hints: Hints) -> None:
    """Preamble lists whose label a node hint with a role names become nodes."""
    from syllabus.importer.build import Draft

    blocks = root.blocks
    lifted: list[Draft] = []
    index = 0
    while index < len(blocks) - 1:
        label = _label(blocks[index])
        hint = _hint(hints, label) if label else None
        if label and hint and isinstance(blocks[index + 1], ListBlock):
            draft = Draft(title=label, level=1, blocks=blocks[index : index + 2])
            draft.key = hint.id or slugify(label) or "part"
            draft.role = Role(hint.role or Role.HABIT)
            draft.during = hint if hint.during else None
            lifted.append(draft)
            del blocks[index : index + 2]
            continue
        index += 1
    if lifted:
        first = next(
            (n for n, d in enumerate(root.children) if d.role is not Role.APPENDIX),
            len(root.children),
        )
        root.children[first:first] = lifted
