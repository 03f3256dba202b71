"""Import hints: the few facts about a document's structure its Markdown cannot say.

``roadmaps/sources.toml`` holds them for the bundled roadmaps; a user's own import has
none and gets the defaults. The vocabulary is small on purpose:

- ``title``, ``language``, ``id``, ``pace``, ``schedule_by``: roadmap fields that win over
  what the document says.
- ``drop``: paragraphs or headings that start with these words are chatter, not content
  (a heading dropped this way is only a title: its sub-headings stay and may be moved).
- ``closing``: paragraphs that start with these words close the whole document (a sign-off
  after the appendix): they go to the roadmap's summary, not to the last node.
- ``numbered``: numbered headings ("### **1. …**") get ids ``<numbered>-1``, ….
- ``timeline``: the heading whose month table sets the phases' positions.
- ``[[node]]``: for headings matching ``match``: ``id``, ``role``, ``kind`` (the kind of
  every item, whatever its label says), ``default_kind`` (the kind of items no label gives
  one), ``flatten`` (lift its children, keep its text in the parent), ``group`` (its lists
  are an item group of the parent), ``under`` (move below another node id),
  ``table_items`` (table rows become items), ``details`` (a list nested under an item
  describes it: its lines are notes, "optional" there makes the item optional),
  ``note_groups`` (item groups that only sum up work tracked elsewhere: notes, never
  ticked twice), ``optional`` (its items are optional: counted once done, never holding
  a week open), ``child_role`` (the role of its sub-headings: a side timeline's "Month 3"
  becomes a milestone that keeps the month its title states, so what it lists is due at
  the end of that month), ``during`` (a table: items whose text starts with a key are
  studied alongside the main-plan node its value names, "month-3-4" or "first..last"
  for a run of nodes: due at the end of that work, their hours part of it, not added;
  ids stay, the item stays where the document lists it), ``hours`` (the node's hours of
  work). ``kind``, ``default_kind`` and ``optional`` hold for the node's sub-headings too.
- ``[[block]]``: make a node ``id`` titled ``title`` around the sibling nodes from
  ``first`` to ``last`` (ids or titles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from syllabus.importer.problems import ImportProblem
from syllabus.locale import _


@lru_cache(maxsize=4096)
def normal(text: str) -> str:
    """Lowercase words separated by single spaces, for matching titles."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def title_matches(title: str, pattern: str) -> bool:
    """The title equals the pattern, or starts with it followed by a word break."""
    have, want = normal(title), normal(pattern)
    return bool(want) and (have == want or have.startswith(want + " "))


@dataclass(frozen=True)
class NodeHint:
    match: str
    id: str | None = None
    role: str | None = None
    kind: str | None = None
    flatten: bool = False
    group: bool = False
    under: str | None = None
    table_items: bool = False
    default_kind: str | None = None
    details: bool = False
    note_groups: tuple[str, ...] = ()
    optional: bool = False
    child_role: str | None = None
    during: tuple[tuple[str, str], ...] = ()
    """(item text prefix, node id or "first..last") pairs, from the hint's table."""
    hours: float | None = None
    """The node's hours of work, as the learner corrected them on the import screen
    (applied after the build by ``syllabus.importing.apply_hours``)."""

    def alongside(self, text: str) -> str | None:
        """The main-plan nodes an item with this text is studied alongside, if any."""
        for prefix, nodes in self.during:
            if title_matches(text, prefix):
                return nodes
        return None


@dataclass(frozen=True)
class BlockHint:
    id: str
    title: str
    first: str
    last: str
    role: str = "phase"


@dataclass(frozen=True)
class Hints:
    file: str | None = None
    id: str | None = None
    title: str | None = None
    language: str | None = None
    pace: str | None = None
    schedule_by: str | None = None
    numbered: str | None = None
    timeline: str | None = None
    drop: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    nodes: tuple[NodeHint, ...] = field(default_factory=tuple)
    blocks: tuple[BlockHint, ...] = field(default_factory=tuple)

    def node_hint(self, title: str) -> NodeHint | None:
        """The first node hint whose ``match`` fits the title."""
        for hint in self.nodes:
            if title_matches(title, hint.match):
                return hint
        return None

    def dropped(self, text: str) -> bool:
        """Whether a paragraph or heading is chatter to leave out."""
        have = normal(text)
        return any(have.startswith(normal(prefix)) for prefix in self.drop)

    def closes(self, text: str) -> bool:
        """Whether a paragraph is the document's sign-off, which belongs to its summary."""
        have = normal(text)
        return any(have.startswith(normal(prefix)) for prefix in self.closing)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "hints") -> Hints:
        """Hints from a TOML table; unknown keys are an error, so typos do not pass."""
        try:
            nodes = tuple(NodeHint(**_node_fields(node)) for node in data.get("node", []))
            blocks = tuple(BlockHint(**block) for block in data.get("block", []))
            plain = _tuples(data, "drop", "closing")
            plain.pop("node", None)
            plain.pop("block", None)
            return cls(nodes=nodes, blocks=blocks, **plain)
        except TypeError as error:
            message = _("{source}: bad import hints: {why}")
            raise ImportProblem(message.format(source=where, why=error)) from None


def _tuples(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The table with its list values under ``keys`` as tuples (hints are frozen)."""
    return {k: tuple(v) if k in keys and isinstance(v, list) else v for k, v in data.items()}


def _node_fields(data: dict[str, Any]) -> dict[str, Any]:
    """A node hint's table with its lists as tuples and ``during`` as pairs."""
    fields = _tuples(data, "note_groups")
    during = fields.get("during")
    if isinstance(during, dict):
        fields["during"] = tuple((str(k), str(v)) for k, v in during.items())
    return fields


def load_sources(path: Path) -> list[Hints]:
    """The ``[[roadmap]]`` entries of a ``sources.toml``, as hints."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        message = _("{source}: cannot read import hints: {why}")
        raise ImportProblem(message.format(source=path, why=error)) from None
    return [Hints.from_dict(entry, f"{path}") for entry in data.get("roadmap", [])]
