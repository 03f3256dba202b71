"""Sections of blocks → the roadmap model: node tree, items, bodies, timing, pace.

The heading tree gives the nodes; hints (``hints.py``) reshape it where the author meant
more than the Markdown says. Inside a node, bold labels and short "…:" lines name the item
group of the list after them; label lines ("**Time**: 10-12 hours", "**Ziel:** …") fill
node fields; everything else stays in the node's Markdown ``body``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from syllabus.importer import choices, languages, rules, structure
from syllabus.importer.blocks import (
    Block,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Raw,
    Table,
    parse_blocks,
)
from syllabus.importer.exact import build_exact, is_exact
from syllabus.importer.hints import Hints, NodeHint, normal, title_matches
from syllabus.importer.lines import Line, clean_label, strip_symbols
from syllabus.importer.problems import ImportProblem
from syllabus.importer.recurring import lift_labelled_lists, recurs
from syllabus.locale import _
from syllabus.model.roadmap import (
    HoursRange,
    Item,
    ItemKind,
    Node,
    Pace,
    Roadmap,
    Role,
    Span,
    Timing,
    Unit,
)
from syllabus.model.slug import slugify


@dataclass
class Grouped:
    """The blocks under a heading that is only an item group ("### 🎓 Lernquellen:")."""

    label: str
    blocks: list[Block | Grouped]


@dataclass
class Draft:
    """A node while the tree is being shaped."""

    title: str
    level: int
    blocks: list[Block | Grouped] = field(default_factory=list)
    children: list[Draft] = field(default_factory=list)
    key: str = ""
    role: Role | None = None
    kind: ItemKind | None = None
    default_kind: ItemKind | None = None
    table_items: bool = False
    details: bool = False
    note_groups: tuple[str, ...] = ()
    under: str | None = None
    optional: bool = False
    child_role: Role | None = None
    during: NodeHint | None = None
    """The hint whose ``during`` places items alongside main-plan nodes."""
    placed: bool = False
    """A side timeline's month made a milestone (``child_role``): it keeps its position."""
    colon: bool = False
    position: Span | None = None
    duration: Span | None = None
    closing: list[Block | Grouped] = field(default_factory=list)
    """(Root only) the document's sign-off paragraphs, which go to the summary."""
    row: structure.PlanRow | None = None
    """A plan table's row that became this node: its one item."""
    aside: str | None = None
    """Why the node is set aside from the plan (``structure.aside_reason``)."""
    track: str | None = None
    """The alternative plan a matrix's column makes this node (``structure.read_matrix``)."""
    rows: list[structure.PlanRow] = field(default_factory=list)
    """A matrix's rows this track takes: its items."""
    reference: bool = False
    """Under a heading that names reference material ("Resources"): links to read."""
    written: str = ""
    """The heading as written, status mark and all ("✅ Learn Linux")."""
    choose_each: str | None = None
    """The parent's sentence offering alternatives in each sub-section ("For each topic
    below, select one course"): this node's items are alternatives."""


@dataclass(frozen=True)
class Group:
    label: str | None
    kind: ItemKind | None = None
    optional: bool = False

    @classmethod
    def of(cls, label: str | None) -> Group:
        kind, optional = rules.label_kind(label), rules.label_optional(label)
        if kind is None and label and _examples(label):
            kind = ItemKind.NOTE  # "**Sprachspezifische Beispiele:**": reference, not work
        if optional and kind in (None, ItemKind.GOAL):
            kind = ItemKind.TASK  # "Stretch goals": optional work, ticked when done
        return cls(label, kind, optional)


NO_GROUP = Group(None)


def _examples(label: str) -> bool:
    """A label of examples ("Beispiele", "Ejemplos"), not of exercises ("练习示例")."""
    return structure.has_word("examples", label) and not structure.has_word("practice", label)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML-style ``key: value`` front matter (only flat keys are read) and the rest."""
    if not text.startswith("---\n"):
        return {}, text
    lines = text.split("\n")
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, text
    data: dict[str, str] = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-", "#")):
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            data[key.strip().lower()] = value
    return data, "\n".join(lines[end + 1 :])


def clean_title(text: str) -> str:
    """A heading as a title: no emoji at the ends, no trailing colon, single spaces.

    Code spans lose their backticks as emphasis loses its stars: a title is shown, not
    written (item text keeps them, as written).
    """
    text = text.replace("`", "")
    return " ".join(clean_label(text).split()) or " ".join(text.split())


def _sections(blocks: list[Block], hints: Hints) -> Draft:
    root = Draft(title="", level=0)
    stack = [root]
    for block in blocks:
        if isinstance(block, Heading):
            title = clean_title(block.line.text)
            while stack[-1].level >= block.level:
                stack.pop()
            if not title or hints.dropped(title):
                continue  # its sub-headings stand one level up (a hint may move them)
            draft = Draft(title=title, level=block.level, written=block.line.text)
            draft.colon = strip_symbols(block.line.text).endswith(":")
            stack[-1].children.append(draft)
            stack.append(draft)
        elif isinstance(block, Paragraph) and (hints.drop or hints.closing):
            text = strip_symbols(" ".join(line.text for line in block.lines))
            if hints.closes(text):
                root.closing.append(block)
            elif not hints.dropped(text):
                stack[-1].blocks.append(block)
        else:
            stack[-1].blocks.append(block)
    return root


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _title_para(title: str) -> Paragraph:
    """A heading that became text: bold, its Markdown characters escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", title)
    source = f"**{escaped}**" if title.strip() else ""
    return Paragraph([Line(text=title, rest=title, source=source)], source)


def _is_group_heading(draft: Draft) -> bool:
    plain = rules.strip_enumeration(draft.title)[0]
    if (
        draft.children
        or rules.unit_id(plain)
        or not any(isinstance(b, ListBlock) for b in draft.blocks)
    ):
        return False
    words = -(-len(plain) // 4) if structure.is_cjk(plain) else len(plain.split())
    if not (draft.colon or words == 1):
        return False  # "### 🎓 Lernquellen:" is a group label, "## Übung: Größe" a section
    kind = rules.label_kind(plain)
    return kind is not None and words <= 3 and not rules.is_milestone_title(plain)


def _shape(parent: Draft, hints: Hints) -> None:
    """Apply node hints below ``parent``: ids, roles, flattening, groups."""
    shaped: list[Draft] = []
    for child in parent.children:
        hint = hints.node_hint(child.title)
        if hint and hint.flatten:
            _shape(child, hints)
            parent.blocks.append(_title_para(child.title))
            parent.blocks.extend(child.blocks)
            shaped.extend(child.children)
            continue
        if (hint and hint.group) or (hint is None and _is_group_heading(child)):
            parent.blocks.append(Grouped(child.title, list(child.blocks)))
            continue
        plain, number = rules.strip_enumeration(child.title)
        if hint and hint.id:
            child.key = hint.id
        elif hints.numbered and number is not None:
            child.key = f"{hints.numbered}-{number}"
        else:
            child.key = rules.unit_id(plain) or slugify(plain.rstrip(":")) or "part"
            if rules.unit_id(plain) and _holds_same_unit(child, child.key):
                child.key = slugify(plain) or "part"  # "Week 1 → Week 16 Breakdown"
        if hint:
            child.role = Role(hint.role) if hint.role else None
            child.kind = ItemKind(hint.kind) if hint.kind else None
            child.default_kind = ItemKind(hint.default_kind) if hint.default_kind else None
            child.table_items = hint.table_items
            child.details = hint.details
            child.note_groups = hint.note_groups
            child.under = hint.under
            child.optional = hint.optional
            child.child_role = Role(hint.child_role) if hint.child_role else None
            child.during = hint if hint.during else None
        if child.kind is None and child.default_kind is None:
            child.kind, child.default_kind = parent.kind, parent.default_kind  # sub-headings
        child.optional = child.optional or parent.optional
        if parent.child_role is not None and child.role is None:
            child.role, child.placed = parent.child_role, True
        _shape(child, hints)
        shaped.append(child)
    parent.children = shaped


def _holds_same_unit(draft: Draft, key: str) -> bool:
    word = key.split("-")[0]
    for child in draft.children:
        inner = rules.unit_id(rules.strip_enumeration(child.title)[0])
        if (inner and inner.split("-")[0] == word) or _holds_same_unit(child, key):
            return True
    return False


def _find(drafts: list[Draft], wanted: str) -> int | None:
    for index, draft in enumerate(drafts):
        if draft.key == wanted or title_matches(draft.title, wanted):
            return index
    return None


def _apply_blocks(parent: Draft, hints: Hints) -> None:
    for hint in hints.blocks:
        owner = _owner(parent, hint.first)
        if owner is None:
            continue
        first = _find(owner.children, hint.first)
        last = _find(owner.children, hint.last)
        if first is None or last is None or last < first:
            continue
        block = Draft(title=hint.title, level=owner.children[first].level, key=hint.id)
        block.role = Role(hint.role)
        block.children = owner.children[first : last + 1]
        owner.children[first : last + 1] = [block]


def _owner(draft: Draft, wanted: str) -> Draft | None:
    if _find(draft.children, wanted) is not None:
        return draft
    for child in draft.children:
        found = _owner(child, wanted)
        if found:
            return found
    return None


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "mär": 3, "maer": 3, "apr": 4, "may": 5, "mai": 5,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12,
    "dez": 12,
}  # fmt: skip


def _month_span(cell: str) -> int:
    found = [_MONTHS[w[:3]] for w in re.findall(r"[a-zä]+", cell.lower()) if w[:3] in _MONTHS]
    if len(found) >= 2:
        return (found[-1] - found[0]) % 12 + 1
    return 1


def _apply_timeline(root: Draft, hints: Hints) -> None:
    """Seed 000: a month table sets the phases' positions; other rows become nodes."""
    if not hints.timeline:
        return
    index = _find(root.children, hints.timeline)
    if index is None:
        return
    timeline = root.children[index]
    table = next((b for b in timeline.blocks if isinstance(b, Table)), None)
    if table is None:
        return
    phases = {d.key: d for d in root.children}
    reach: dict[str, list[float]] = {}
    extra: list[Draft] = []
    month = 1
    for row in table.rows:
        if len(row) < 2:
            continue
        span = _month_span(" ".join(line.text for line in row[0]))
        text = " ".join(line.text for line in row[1])
        keys = [f"phase-{n}" for n in re.findall(r"phase\s+(\d+)", text, re.I)]
        keys = [key for key in keys if key in phases]
        if keys:
            for key in keys:
                low, high = reach.get(key, [month, month + span - 1])
                reach[key] = [min(low, month), max(high, month + span - 1)]
        else:
            # A row naming no phase ("Feb–Mai | Eigene Fullstack-Projekte"): a node of its
            # own, with the row's text as the one thing to tick there.
            title = clean_title(text)
            draft = Draft(title=title, level=timeline.level, key=slugify(title) or "part")
            draft.role = Role.MILESTONE if rules.is_milestone_title(title) else Role.PHASE
            draft.position = Span(low=month, high=month + span - 1, unit=Unit.MONTH)
            kind = rules.label_kind(title)
            draft.default_kind = kind if kind and kind.checkable else ItemKind.TASK
            draft.blocks.append(_one_item(row[1]))
            extra.append(draft)
        month += span
    for key, (low, high) in reach.items():
        phases[key].position = Span(low=low, high=high, unit=Unit.MONTH)
    last_phase = max(
        (i for i, d in enumerate(root.children) if d.key in reach), default=len(root.children) - 1
    )
    root.children[last_phase + 1 : last_phase + 1] = extra


def _one_item(lines: list[Line]) -> ListBlock:
    """A one-item list holding a text that the document did not write as a list item."""
    text = " ".join(line.text for line in lines).strip()
    links = [link for line in lines for link in line.links]
    line = Line(text=text, rest=text, links=links, source=f"- {text}")
    return ListBlock([ListItem([line], [], line.source)], line.source)


def _path_index(drafts: list[Draft], prefix: str = "") -> dict[str, Draft]:
    found: dict[str, Draft] = {}
    for draft in drafts:
        path = f"{prefix}{draft.key}"
        found[path] = draft
        found.update(_path_index(draft.children, path + "/"))
    return found


def _apply_moves(root: Draft) -> None:
    moves: list[tuple[Draft, Draft]] = []

    def collect(parent: Draft) -> None:
        for child in list(parent.children):
            if child.under:
                moves.append((parent, child))
            collect(child)

    collect(root)
    for parent, child in moves:
        target = _path_index(root.children).get(child.under or "")
        if target is None or target is child:
            continue
        parent.children.remove(child)
        target.children.append(child)


class _Filler:
    """Reads one node's blocks into items, body, goal and timing."""

    def __init__(self, draft: Draft, role: Role, state: _State) -> None:
        self.draft = draft
        self.role = role
        self.state = state
        self.items: list[dict[str, Any]] = []
        self.body: list[str] = []
        self.goal: str | None = None
        self.hours: HoursRange | None = None
        self.duration: Span | None = None
        self.prerequisites_text: str | None = None
        self.children: list[Draft] = []
        self.entry_body: list[str] = []
        """The current list entry's further paragraphs: the item's body."""
        self.tracker = False
        """The list being read is a progress tracker's ("✅ …", "⏳ …", "⬜ …")."""
        self.reference = state.plan_tables and (
            draft.reference or structure.reference_title(draft.title)
        )
        """The node is reference material ("## Further reading"): its links are read."""
        self.choice: str | None = None
        """A sentence offering alternatives ("Pick one:"), for the next list or table."""
        self.choice_groups: list[tuple[int, int, bool]] = []
        self.gaps: set[int] = set()
        """Indexes of the items whose list entry follows a blank line."""
        """(start, end, optional) of the items that are alternatives, one to take."""
        self.for_children: str | None = None
        """A sentence offering alternatives that no list of this node took: it is about
        each sub-section ("For each topic below, select one course")."""
        self.default_kind = draft.default_kind or (
            ItemKind.NOTE if role is Role.APPENDIX else ItemKind.TASK
        )
        if draft.default_kind is None and draft.kind is None and state.plan_tables:
            named = rules.label_kind(rules.strip_enumeration(draft.title)[0])
            if named in (ItemKind.GOAL, ItemKind.OUTCOME):
                self.default_kind = named  # "## Objetivos del plan": goals, not work

    def own_rows(self) -> None:
        """The items a plan table's row or a matrix's column gave this node."""
        rows = [self.draft.row] if self.draft.row is not None else []
        for row in [*rows, *self.draft.rows]:
            self.row_item(row)
        self.draft.row, self.draft.rows = None, []

    def fill(self, blocks: list[Block | Grouped], base: Group = NO_GROUP) -> None:
        if base is NO_GROUP:
            self.own_rows()
        pending: tuple[Group, str] | None = None
        for block in blocks:
            if pending and not isinstance(block, ListBlock):
                self.body.append(pending[1])
                pending = None
            if isinstance(block, Grouped):
                self.offered(block.label, [])
                armed, start = self.arm()
                self.fill(block.blocks, Group.of(block.label))
                self.alternatives(armed, start)
            elif isinstance(block, Paragraph):
                label = self.paragraph(block)
                if label:
                    pending = (label, block.source)
            elif isinstance(block, ListBlock):
                armed, start = self.arm()
                self.read_list(block, pending[0] if pending else base, 0)
                self.alternatives(armed, start)
                pending = None
            elif isinstance(block, Table):
                self.read_table(block)
            elif isinstance(block, Raw):
                if block.source:
                    self.body.append(block.source)
                if block.kind == "code" and self.state.plan_tables:
                    self.code_rows(block.source)
        if pending:
            self.body.append(pending[1])
        if base is NO_GROUP:
            self.for_children, self.choice = self.choice, None
            self.choose_each()

    def read_table(self, block: Table) -> None:
        self.body.append(block.source)
        armed, start = self.arm()
        if self.draft.table_items:
            self.table(block)
        elif self.state.plan_tables and self.role is not Role.APPENDIX:
            self.plan_table(block)
        self.alternatives(armed, start)

    def offered(self, text: str | None, links: list[tuple[str, str]]) -> bool:
        """A sentence offering alternatives: kept as a note, and the next list or table
        read is the alternatives (``choices``)."""
        if not (text and self.state.plan_tables and choices.offers_choice(text)):
            return False
        self.add_item(text, links, NO_GROUP, 0, False, ItemKind.NOTE)
        self.choice = self.choice or text  # the first offer not yet taken stands
        return True

    def arm(self) -> tuple[str | None, int]:
        """The choice offered before the block about to be read, and where its items start."""
        armed, self.choice = self.choice, None
        return armed, len(self.items)

    def alternatives(self, armed: str | None, start: int) -> None:
        if armed is not None and len(self.items) > start:
            self.choice_groups.append((start, len(self.items), _optional_text(armed)))
        elif armed is not None and self.choice is None:
            self.choice = armed  # nothing to choose from in that block: still offered

    def choose_each(self) -> None:
        """The parent offered alternatives in each sub-section: this node's own items
        are they, its sentence stands before them."""
        offer = self.draft.choose_each
        if offer is None or self.choice_groups:
            return
        if sum(1 for data in self.items if data["checkable"]) < 2:
            return
        self.add_item(offer, [], NO_GROUP, 0, False, ItemKind.NOTE)
        self.items.insert(0, self.items.pop())
        self.choice_groups.append((1, len(self.items), _optional_text(offer)))

    def paragraph(self, para: Paragraph) -> Group | None:
        lines = para.lines
        for line in lines:
            self.state.pace_from(strip_symbols(line.text))
        if len(lines) <= 3:
            text = " ".join(line.text for line in lines)
            if self.offered(text, [link for line in lines for link in line.links]):
                return None
        if len(lines) == 1 and self.state.plan_tables:
            named = self.list_label(lines[0], para.source)
            if named:
                return Group.of(named)  # "**Exercises: Level 1**" over its list
        if all(line.label for line in lines):
            current = NO_GROUP
            for index, line in enumerate(lines):
                if line.label_only:
                    if index == len(lines) - 1:
                        return Group.of(line.label)
                    current = Group.of(line.label)
                    continue
                self.label_line(line, current)
            return None
        text = " ".join(line.text for line in lines)
        if len(lines) == 1 and text.endswith(":") and len(text) <= 100:
            return Group.of(text[:-1].strip())
        self.body.append(para.source)
        return None

    def list_label(self, line: Line, source: str) -> str | None:
        """A one-line paragraph that names the list after it: a line all in bold
        ("**Exercises: Level 1**", "**Part A: Warm-up**") that no label rule reads as
        node data or an item, or a short line of exercises ("Exercises - Level 2")."""
        text = line.text.strip().rstrip(":：").strip()
        if not text or len(text.split()) > 6:
            return None
        bold = _ALL_BOLD.fullmatch(source.strip())
        if bold and line.label and line.rest and not self.label_rule(line):
            return text
        if structure.has_word("practice", text) and not line.label:
            return text
        return None

    def label_rule(self, line: Line) -> bool:
        """Whether a label rule reads the line: a goal, prerequisites, hours, duration,
        a kind's item ("**Project:** …") or a pace."""
        label = line.label or ""
        return bool(
            rules.is_goal_label(label)
            or rules.is_prerequisite_label(label)
            or rules.label_hours(label, line.rest)
            or rules.label_duration(label, line.rest)
            or rules.label_kind(label)
            or rules.find_pace(line.text)
        )

    def label_line(self, line: Line, group: Group) -> None:
        label = line.label or ""
        if rules.is_goal_label(label) and self.goal is None:
            self.goal = line.rest
            return
        if rules.is_prerequisite_label(label):
            self.prerequisites_text = line.rest
            return
        hours = rules.label_hours(label, line.rest)
        if hours is not None:
            named = rules.unit_id(label)
            if named and named != self.draft.key:
                self.state.hours_for[named] = hours  # "Month 1-2 Total" after week 8
            else:
                self.hours = hours
            return
        duration = rules.label_duration(label, line.rest)
        if duration is not None:
            self.duration = duration[0]
            if not duration[1]:
                self.body.append((line.source or line.text).rstrip())
            return
        kind = rules.label_kind(label)
        if kind is None or rules.find_pace(line.text):
            self.body.append((line.source or line.text).rstrip())
            return
        self.add_item(line.text, line.links, Group(group.label, kind, group.optional), 0, False)
        if _hidden_links(line.text, line.links):
            self.body.append((line.source or line.text).rstrip())

    def read_list(self, block: ListBlock, group: Group, depth: int) -> None:
        if depth == 0 and _is_toc(block):
            self.body.append(block.source)  # in-page links: the document's own contents
            return
        outer = self.tracker
        self.tracker = structure.tracker_list([e.lines[0].text for e in block.items if e.lines])
        for entry in block.items:
            if entry.after_gap:
                self.gaps.add(len(self.items))
            group = self.read_entry(entry, group, depth)
        self.tracker = outer

    def entry_parts(
        self, entry: ListItem
    ) -> tuple[list[str], list[tuple[str, str]], Group | None, list[ListBlock]]:
        """An entry's further lines and links, the group a label line starts, its lists."""
        lines = entry.lines
        extra: list[str] = []
        links = list(lines[0].links) if lines else []
        next_group: Group | None = None
        for line in lines[1:]:
            if line.label_only:
                next_group = Group.of(line.label)
            else:
                extra.append(line.text)
                links.extend(line.links)
        nested: list[ListBlock] = []
        self.entry_body = []
        for inner in entry.blocks:
            if isinstance(inner, ListBlock):
                nested.append(inner)
            elif isinstance(inner, Paragraph) and self.state.plan_tables and inner.source:
                self.entry_body.append(textwrap.dedent(inner.source).strip())
            elif isinstance(inner, Paragraph):
                extra.extend(line.text for line in inner.lines)
                links.extend(link for line in inner.lines for link in line.links)
            elif isinstance(inner, (Raw, Table)) and inner.source:
                self.body.append(inner.source)
        return extra, links, next_group, nested

    def read_entry(self, entry: ListItem, group: Group, depth: int) -> Group:
        """One list entry read; returns the group of the entries after it."""
        extra, links, next_group, nested = self.entry_parts(entry)
        if self.no_item(entry, group, depth, nested):
            return group
        first = entry.lines[0]
        after = next_group or group
        text, boxed, marked = self.entry_state(" ".join([first.text, *extra]).strip())
        label = first.label
        if label and first.label_only and not extra and nested:
            sub = Group.of(label)
            if sub.kind or sub.optional:
                for inner_list in nested:
                    self.read_list(inner_list, sub, depth)
                return after
        if label and depth == 0 and not nested and self.plan_bullet(first, label, text):
            return group
        if label and not nested and not first.label_only and self.described(label, entry):
            return group
        if label and not extra and self.meta_line(label, first.rest, group):
            return after
        if not text:
            return group
        if self.offer_entry(text, links, nested, group, depth):
            return after
        item_group = _own_group(first, group, self.state.plan_tables)
        if nested and (text.endswith(":") or self.category(boxed, nested)):
            # "**Arten von ML**:" over its own bullets, or a plain line over boxed ones
            # ("Languages" over "- [x] Java"): a label, the bullets are the items.
            self.add_item(text, links, item_group, depth, boxed, ItemKind.NOTE)
        else:  # a roadmap.sh "[@video@…](…)" is a resource, whatever stands around it
            tagged = ItemKind.RESOURCE if first.tag else None
            self.add_item(text, links, item_group, depth, boxed, tagged)
        self.finish_item(marked)
        if _hidden_links(text, links):
            self.body.append(entry.source)  # an item keeps one URL; the rest stay here
        if nested and self.draft.details and not text.endswith(":"):
            self.details(nested, item_group, depth + 1)
        else:
            for inner_list in nested:
                self.read_list(inner_list, group, depth + 1)
        return after

    def offer_entry(
        self,
        text: str,
        links: list[tuple[str, str]],
        nested: list[ListBlock],
        group: Group,
        depth: int,
    ) -> bool:
        """An entry offering alternatives: a note; "- Pick one:" over its own bullets
        makes them the alternatives, else the next list or table is."""
        if not self.offered(text, links):
            return False
        if nested:
            armed, start = self.arm()
            for inner_list in nested:
                self.read_list(inner_list, group, depth + 1)
            self.alternatives(armed, start)
        return True

    def entry_state(self, text: str) -> tuple[str, bool, str | None]:
        """An entry's text without its box or tracker mark, whether it had one, and the
        state it marks: "✅ Loops" in a tracker's list reads as "- [x] Loops"."""
        text, boxed, marked = structure.checkbox(text)
        if self.tracker and not boxed:
            status = structure.status_mark(text)
            if status is not None:
                (text, marked), boxed = status, True
        return text, boxed, marked

    def category(self, boxed: bool, nested: list[ListBlock]) -> bool:
        """An unboxed line whose nested entries are all boxed: their category."""
        if boxed or not self.state.plan_tables:
            return False
        entries = [entry for block in nested for entry in block.items]
        return bool(entries) and all(
            entry.lines and structure.checkbox(entry.lines[0].text)[1] for entry in entries
        )

    def described(self, label: str, entry: ListItem) -> bool:
        """ "- **Thema:** Grundlagen": what the node is about, not one more thing to do."""
        if not self.state.plan_tables or self.items:
            return False
        if not structure.word_pattern("topic").fullmatch(label.strip().lower()):
            return False
        self.body.append(entry.source)
        return True

    def finish_item(self, marked: str | None) -> None:
        """The state a box marks and the paragraphs written under the item just added."""
        if marked and self.items[-1]["checkable"]:
            self.items[-1]["marked"] = marked
        if self.entry_body:
            self.items[-1]["body"] = "\n\n".join(self.entry_body)
            self.entry_body = []

    def no_item(self, entry: ListItem, group: Group, depth: int, nested: list[ListBlock]) -> bool:
        """An entry that is no item itself: a heading's section, a wrapper, badges."""
        if not entry.lines and entry.blocks and isinstance(entry.blocks[0], Heading):
            self.entry_sections(entry.blocks)
            return True
        if not entry.lines:
            for inner_list in nested:
                self.read_list(inner_list, group, depth)
            return True
        if not nested and all(structure.image_only(line) for line in entry.lines):
            self.body.append(entry.source)  # badges and images: shown, never ticked
            return True
        return False

    def entry_sections(self, blocks: list[Block]) -> None:
        """A list entry that starts with a heading ("- ### Arrays"): a sub-section each."""
        current: Draft | None = None
        for inner in blocks:
            if isinstance(inner, Heading):
                title = clean_title(inner.line.text)
                if not title:
                    continue
                current = Draft(title=title, level=self.draft.level + 1)
                current.key = rules.unit_id(title) or slugify(title) or "part"
                current.kind, current.default_kind = self.draft.kind, self.draft.default_kind
                current.optional = self.draft.optional
                self.children.append(current)
            elif current is not None:
                current.blocks.append(inner)

    def plan_bullet(self, first: Line, label: str, text: str) -> bool:
        """A plan as bullets ("**Monate 1–2**: ML-Grundlagen …"): a child node each."""
        key = None if first.label_only else rules.unit_id(label)
        if not key:
            return False
        child = Draft(title=text, level=self.draft.level + 1, key=key)
        child.position = rules.title_timing(label)[0]
        rest = Line(text=first.rest, rest=first.rest, links=first.links)
        child.blocks.append(_one_item([rest]))  # what to do then, as its item
        self.children.append(child)
        return True

    def details(self, nested: list[ListBlock], group: Group, depth: int) -> None:
        """An item's nested lines that describe it ("Foundation course (MUST complete)")."""
        owner = self.items[-1]
        for block in nested:
            for entry in block.items:
                text = " ".join(line.text for line in entry.lines).strip()
                links = [link for line in entry.lines for link in line.links]
                if not text:
                    continue
                if rules.label_optional(text):
                    owner["optional"] = True  # "Optional but recommended"
                self.add_item(text, links, group, depth, False, ItemKind.NOTE)
                for inner in entry.blocks:
                    if isinstance(inner, ListBlock):
                        self.details([inner], group, depth + 1)
                    elif isinstance(inner, (Paragraph, Raw, Table)) and inner.source:
                        self.body.append(inner.source)

    def meta_line(self, label: str, rest: str, group: Group) -> bool:
        """A list line that is node data, not an item ("- [ ] **Time**: 12-15 hours")."""
        label = structure.checkbox(label)[0]
        hours = rules.label_hours(label, rest)
        if hours is not None:
            self.hours = hours
            return True
        return False

    def plan_table(self, table: Table) -> None:
        """A table whose columns make a plan: a node per timed row, else an item per row."""
        plan = structure.read_plan_table(table.header, table.rows)
        if (plan is None or not plan.timed) and self.matrix(table):
            return
        if plan is None:
            return
        if plan.timing_column and self.state.unit_headings >= 2:
            return  # an overview of the plan its headings give
        if plan.timed:
            self.children.extend(row_drafts(plan, self.draft.level + 1))
            return
        for row in plan.rows:
            self.row_item(row)

    def matrix(self, table: Table) -> bool:
        """A matrix of alternative plans ("| | Short | Medium | Long |" with ":+1:" or
        "Some"/"Most" cells) in a section that speaks of tracks or timelines, or whose
        columns are lengths ("| Topic | 1 month | 3 months |"): a child node per column,
        a track the learner picks, holding the rows it takes."""
        found = structure.read_matrix(_matrix_header(table), table.rows)
        if found is None:
            return False
        names = [track.name for track in found.tracks]
        lengths = all(structure.unit_of(name) for name in names)
        if not (lengths or structure.has_word("track", self.context())):
            return False
        for track in found.tracks:
            child = Draft(title=track.name, level=self.draft.level + 1)
            child.key = slugify(track.name) or "track"
            child.track, child.role = track.name, Role.SECTION  # in-page links: no TOC
            described = self.track_description(track.name)
            if described:
                child.blocks.append(_plain_para(described))
            for number, word in track.rows:
                text, links = found.texts[number]
                text = f"{text} ({word})" if word else text
                child.rows.append(structure.PlanRow(title=text, links=links))
            self.children.append(child)
        return True

    def context(self) -> str:
        """The node's title and its own prose and list lines, as one text."""
        parts = [self.draft.title]
        for block in self.draft.blocks:
            if isinstance(block, Paragraph):
                parts += [line.text for line in block.lines]
            elif isinstance(block, ListBlock):
                parts += [line.text for entry in block.items for line in entry.lines]
            elif isinstance(block, Raw) and block.kind != "code":
                parts.append(block.source)
        return " ".join(parts)

    def track_description(self, name: str) -> str | None:
        """A list line before the matrix that starts with a track's name ("**Short
        timeline** - Aim for breadth"): it describes that track, it is no work itself."""
        wanted = name.lower()
        for index, data in enumerate(self.items):
            text = str(data["text"])
            head = text[: len(wanted)].lower()
            if head == wanted and not text[len(wanted) : len(wanted) + 1].isalnum():
                del self.items[index]
                return text
        return None

    def code_rows(self, source: str) -> None:
        """A checklist kept in a code block: a row each, done when all its boxes are."""
        for row in structure.code_checklist(source) or []:
            self.add_item(row.title, [], NO_GROUP, 0, True, ItemKind.TASK)
            self.items[-1]["body"] = f"{row.done}/{row.total}"
            if row.done == row.total:
                self.items[-1]["marked"] = "done"

    def row_item(self, row: structure.PlanRow) -> None:
        """One plan-table row as an item: its title, link, hours and state."""
        self.add_item(row.title, row.links, NO_GROUP, 0, False)
        data = self.items[-1]
        if row.hours is not None:
            data["hours"] = round(row.hours.low, 2)
            if row.hours.high > row.hours.low:
                data["hours_high"] = round(row.hours.high, 2)
        if row.marked:
            data["marked"] = row.marked
        if row.code:
            data["slug"] = row.code

    def table(self, table: Table) -> None:
        for row in table.rows:
            cells = [" ".join(line.text for line in cell).strip() for cell in row]
            links = [link for cell in row for line in cell for link in line.links]
            plain = [
                c for c, cell in zip(cells, row, strict=False) if not any(ln.links for ln in cell)
            ]
            if plain:
                self.add_item(": ".join(plain[:2]), [], Group(None, ItemKind.TOPIC), 0, False)
            for text, url in links:
                self.add_item(
                    text or url,
                    [(text, url)],
                    Group(cells[0] if cells else None, ItemKind.RESOURCE),
                    1,
                    False,
                )

    def add_item(
        self,
        text: str,
        links: list[tuple[str, str]],
        group: Group,
        depth: int,
        boxed: bool,
        force: ItemKind | None = None,
    ) -> None:
        label = group.label
        if label:
            self.state.routine(label, text)
        self.state.pace_any(text)
        kind = force or self.draft.kind or group.kind
        notes = self.draft.note_groups
        summary = bool(label and notes and any(title_matches(label, g) for g in notes))
        if label and force is None and self.state.plan_tables:
            summary = summary or structure.criteria_label(label)  # "Courses must:"
        if summary:
            kind = ItemKind.NOTE  # a summary of work tracked elsewhere: never ticked twice
        elif force is None and self.draft.kind is None and kind is not None:
            kind = rules.text_kind(text, kind)
        if kind is None and _DONE_MARK.match(text):
            kind = ItemKind.OUTCOME
        if kind is None:
            kind = (
                ItemKind.SELF_CHECK if boxed and self.role is Role.APPENDIX else self.default_kind
            )
        # The kind decides: a task, resource, project or capstone is ticked off wherever it
        # stands (an appendix's course list too); notes, tips and outcomes never are.
        checkable = kind.checkable
        reading = None if boxed else self.to_read(text, label, force, summary)
        if reading:
            kind, checkable = ItemKind.RESOURCE, False  # a link to read, not work to tick
        elif reading is False and kind is ItemKind.RESOURCE:
            kind = ItemKind.TASK  # "Install the app" among the tools: work
        optional = group.optional or self.draft.optional or _optional_text(text)
        written = text
        if self.state.plan_tables:
            text = structure.item_text(text)  # "♾️ 2 > Setting up" → "Setting up"
        if boxed and not checkable and force is None and not summary:
            # A line the author boxed ("- [ ]") is ticked off: advice such as "Ethics & Best
            # Practices" is a check on one's own work then, optional: it never holds a week
            # open. (The kind still decides: a self-check is ticked.)
            kind, checkable, optional = ItemKind.SELF_CHECK, True, True
        self.items.append(
            {
                "text": text,
                "kind": kind,
                "checkable": checkable,
                "optional": optional,
                "url": links[0][1] if links else None,
                "hours": rules.item_hours(text) or self.state.item_hours(text),
                "group": label,
                "depth": depth,
            }
        )
        if checkable and recurs(self.role, label):
            self.items[-1]["recurring"] = "weekly"
        if text != written:
            self.items[-1]["slug"] = written  # its id as before: the number kept there

    def to_read(
        self, text: str, label: str | None, force: ItemKind | None, summary: bool
    ) -> bool | None:
        """For an item of a reference list ("**Resources:**", "## Further reading"): True,
        material to read; False, it says to do something ("Install Python"). None for any
        other item. (A box the author drew, "- [ ] …", is ticked all the same: the caller
        does not ask.)"""
        if summary or force not in (None, ItemKind.RESOURCE) or not self.state.plan_tables:
            return None
        if self.draft.kind is not None:
            return None  # a hint names the kind of every item here
        if not (self.reference or structure.reference_title(label)):
            return None
        return not structure.do_this(text) and rules.text_kind(text, ItemKind.RESOURCE) is (
            ItemKind.RESOURCE
        )


def _matrix_header(table: Table) -> list[list[Line]]:
    """A matrix's header with a topic corner ("| Topic | Short | Long |") read as the
    empty corner it stands for, when no cell holds a number (a plan's durations do)."""
    header = table.header
    if not header:
        return header
    corner = " ".join(line.text for line in header[0])
    if structure.column_role(corner) != "title":
        return header
    cells = (
        _EMOJI_CODE.sub("", line.text) for row in table.rows for cell in row[1:] for line in cell
    )
    if any(ch.isdigit() for text in cells for ch in text):
        return header
    return [[], *header[1:]]


_EMOJI_CODE = re.compile(r":[a-z0-9_+-]+:")
"""A GitHub emoji code (":+1:"), a mark, not a number."""


def _own_group(first: Line, group: Group, plain_labels: bool = False) -> Group:
    """The group of an entry whose own label names a kind ("- **Project:** …").

    ``plain_labels``: a plain prefix naming a piece of work counts too ("- [ ] Project: a
    word counter", "Capstone: …", "Mini-project: …"), so projects can be scored."""
    label = first.label
    if label and not first.label_only:
        own = rules.label_kind(label)
        if own is not None:
            return Group(group.label, own, group.optional or rules.label_optional(label))
    elif plain_labels and label is None and group.kind is None:
        match = _PLAIN_LABEL.match(first.text)
        named = rules.label_kind(match.group(1)) if match else None
        if named in _WORK_KINDS:
            return Group(group.label, named, group.optional)
    return group


_PLAIN_LABEL = re.compile(r"(?:\[[^\]]{0,12}\]\s*){0,3}([^\W\d_][\w -]{0,24}):\s+\S")
"""A short plain prefix before a colon, after the box and hours ("[ ] Project: …",
"[ ] [4 hrs] Mini-project: …")."""
_WORK_KINDS = (ItemKind.PROJECT, ItemKind.CAPSTONE, ItemKind.DELIVERABLE)


_ALL_BOLD = re.compile(r"(\*\*|__)[^*_\n]+\1:?")
"""A line that is bold from end to end ("**Exercises: Level 1**")."""
_DONE_MARK = re.compile(r"^[✅✓✔☑]")
_OPTIONAL_TEXT = re.compile(r"\(optional\)|^optional\b", re.I)


def _optional_text(text: str) -> bool:
    """ "(optional)", "Optional: …", "Bonus: …", "(stretch)" in any language."""
    if (not text.isascii() or "optional" in text.lower()) and _OPTIONAL_TEXT.search(text):
        return True  # (an ASCII text matches the pattern only where it holds the word)
    match = structure.word_search("optional", text[:80])
    if match is None:
        return False
    before, after = text[: match.start()].rstrip(), text[match.end() :].lstrip()
    return (before.endswith(("(", "[")) and after.startswith((")", "]"))) or (
        not strip_symbols(before).strip("*_ ") and after.startswith((":", ")", "-", "–", "—"))
    )


def row_drafts(plan: structure.PlanTable, level: int) -> list[Draft]:
    """The timed rows of a plan table as nodes ("| 3 | Loops |" → week 3), one item each."""
    drafts: list[Draft] = []
    word = {Unit.WEEK: "week", Unit.DAY: "day", Unit.MONTH: "month"}
    for number, row in enumerate(plan.rows, start=1):
        low, high = row.index or (number, number)
        stem = word.get(plan.unit, "part") if plan.unit else "part"
        width = 2 if stem in ("week", "day") else 1
        key = f"{stem}-{int(low):0{width}d}"
        if high > low:
            key += f"-{int(high):0{width}d}"
        draft = Draft(title=row.title, level=level, key=key, row=row)
        if plan.unit is not None and row.index is not None:
            draft.position = Span(low=low, high=high, unit=plan.unit)
        draft.duration = row.duration
        drafts.append(draft)
    return drafts


_ROUTINE = re.compile(r"routine", re.I)
_DAILY = re.compile(r"daily|täglich|tages", re.I)
_WEEKLY = re.compile(r"wöchentlich|weekly|woche|week", re.I)


def _plain_para(text: str) -> Paragraph:
    """A paragraph holding a text that was read from elsewhere (its Markdown escaped)."""
    source = _MD_SPECIAL.sub(r"\\\1", text)
    return Paragraph([Line(text=text, rest=text, source=source)], source)


def _hidden_links(text: str, links: list[tuple[str, str]]) -> bool:
    """Whether an item has more link targets than its one ``url`` and its text show."""
    if len(links) < 2:
        return False
    urls = list(dict.fromkeys(url for _, url in links))
    return len(urls) > 1 and any(url not in text for url in urls[1:])


class _State:
    """What a whole document gathers: the pace, and a weekly routine's hours."""

    def __init__(self, hints: Hints) -> None:
        self.pace: Pace | None = rules.find_pace(hints.pace) if hints.pace else None
        if self.pace is None and hints.pace:
            self.pace = Pace(text=hints.pace)
        self.routine_low = 0.0
        self.routine_high = 0.0
        self.routine_label: str | None = None
        self.routine_lines: list[str] = []
        self.hours_for: dict[str, HoursRange] = {}
        self.weekday = 0.0
        self.weekend = 0.0
        self.plan_tables = hints.file is None and not hints.timeline
        """The structure rules for any document (plan tables become items, reference
        lists, choices, trackers…): off for the bundled roadmaps' own hints (sources.toml
        names their file), on for a user's import, corrected on the import screen or not."""
        self.unit_headings = 0
        self.done_nodes: set[str] = set()
        """Nodes a tracker's heading marks done ("## ✅ Week 1" among "## ⏳ Week 2")."""
        """How many headings name a week, day or month: then a timed table is an overview."""

    def pace_from(self, text: str) -> None:
        if self.pace is None:
            self.pace = rules.find_pace(text)
        self.pace_any(text)

    def item_hours(self, text: str) -> float | None:
        """An item's hours in any language's brackets, for a document without hints."""
        return structure.item_hours(text) if self.plan_tables else None

    def pace_any(self, text: str) -> None:
        """The pace in any language, for a document without hints (a list line too)."""
        if self.pace is None and self.plan_tables:
            found = structure.find_pace(text)
            if found is not None:
                words, per_week, per_day = found
                self.pace = Pace(text=words, hours_per_week=per_week, hours_per_day=per_day)

    def routine(self, label: str | None, text: str) -> bool:
        if not label or not _ROUTINE.search(label):
            return False
        if _DAILY.search(label):
            return self.daily(text)
        if not _WEEKLY.search(label):
            return False
        hours = rules.routine_hours(text)
        if hours is None:
            return False
        self.routine_low += hours.low
        self.routine_high += hours.high
        self.routine_label = label
        self.routine_lines.append(text)
        return True

    def daily(self, text: str) -> bool:
        """A daily routine line: "Before work: 30-45 mins", "Weekends: 4-6 hours"."""
        match = _ROUTINE_SPAN.search(text)
        if not match:
            return False
        low = float(match.group(1))
        high = float(match.group(2) or low)
        hours = (low + high) / 2 / (60 if match.group(3).lower().startswith("min") else 1)
        if re.search(r"weekend|wochenende", text, re.I):
            self.weekend += hours / 2  # the weekend's hours, shared by its two days
        else:
            self.weekday += hours
        return True

    def weekday_hours(self) -> dict[str, float]:
        if not (self.weekday or self.weekend):
            return {}
        days = dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), round(self.weekday, 2))
        days.update(dict.fromkeys(("sat", "sun"), round(self.weekend, 2)))
        return days

    def final_pace(self) -> Pace:
        if self.pace is not None:
            weekdays = self.weekday_hours()
            if weekdays and not self.pace.weekday_hours:
                return replace(self.pace, weekday_hours=weekdays)
            return self.pace
        if self.routine_label:
            # The routine in the document's own words; the hours a week are its sum.
            low, high = self.routine_low, self.routine_high
            text = f"{self.routine_label}: {'; '.join(self.routine_lines)}"
            return Pace(
                text=text,
                hours_per_week=HoursRange(low=low, high=high),
                weekday_hours=self.weekday_hours(),
            )
        if self.weekday or self.weekend:
            return Pace(weekday_hours=self.weekday_hours())
        return Pace()


_ROUTINE_SPAN = re.compile(
    r"(\d+)(?:\s*[-–]\s*(\d+))?\s*(mins?|minutes|minuten|h|hrs?|hours?|stunden)\b", re.I
)


def _unique(key: str, taken: set[str]) -> str:
    candidate, number = key, 2
    while candidate in taken:
        candidate = f"{key}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _tracks(nodes: list[Node]) -> list[Node]:
    """Sibling headings naming alternative plans ("Accelerated track", "Part-time
    track") are tracks: the learner follows one, never all of them one after another."""
    named = [(index, structure.track_name(node.title)) for index, node in enumerate(nodes)]
    found = [(index, name) for index, name in named if name]
    if len(found) < 2 or len({structure.track_word(name) for _, name in found}) < 2:
        return nodes
    out = list(nodes)
    for index, name in found:
        out[index] = replace(out[index], track=name)
    return out


def _to_nodes(
    drafts: list[Draft], prefix: str, parent_role: Role | None, state: _State
) -> list[Node]:
    nodes: list[Node] = []
    taken: set[str] = set()
    tracker = state.plan_tables and structure.tracker_list([d.written for d in drafts])
    for draft in drafts:
        role = draft.role or rules.auto_role(draft.title, parent_role is None, parent_role)
        aside = None
        if draft.role is None and parent_role is not Role.APPENDIX:
            aside = structure.aside_reason(draft.title) or _toc_only(draft)
            first = parent_role is None and draft.row is None and not any(n.items for n in nodes)
            if aside is None and first:
                aside = structure.preface(draft.title)  # "## Introduction" before the plan
            role = Role.APPENDIX if aside else role
        if aside is None and draft.role is None and state.plan_tables:
            role = _beside_plan(draft, role, nodes)
        node_id = prefix + _unique(draft.key or "part", taken)
        if tracker and (structure.status_mark(draft.written) or ("", None))[1] == "done":
            state.done_nodes.add(node_id)  # "## ✅ Week 1" among "## ⏳ Week 2": all done
        state.pace_from(draft.title)
        position, duration = rules.title_timing(draft.title)
        if role is Role.MILESTONE and not draft.placed:
            position = None
        filler = _Filler(draft, role, state)
        filler.fill(draft.blocks)
        if state.plan_tables and _goals_only(draft, role, filler):
            role = Role.APPENDIX  # "Short-term goals (1 month)": a horizon, no more work
        if filler.reference and not any(data["checkable"] for data in filler.items):
            role = Role.APPENDIX  # "## Recursos": links to read, never scheduled
        for start, end, optional in filler.choice_groups:
            choices.take_one(filler.items, start, end, optional, filler.gaps)
        offer = filler.for_children
        if offer is not None and not structure.has_word("each", offer):
            _alternative_drafts(draft.children + filler.children)
            offer = None  # "Choose one of the following paths:" over its sub-sections
        for child in draft.children + filler.children:
            child.reference = child.reference or filler.reference
            child.choose_each = child.choose_each or offer
        items: list[Item] = []
        item_ids: set[str] = set()
        for data in filler.items:
            slug = slugify(data.pop("slug", None) or rules.slug_text(strip_symbols(data["text"])))
            slug = slug or "item"
            if draft.during is not None and data["checkable"]:
                data["alongside"] = draft.during.alongside(data["text"])
            items.append(Item(id=f"{node_id}/{_unique(slug, item_ids)}", **data))
        child_role = role if role in (Role.APPENDIX, Role.SIDE_TRACK, Role.HABIT) else Role.PHASE
        children = _to_nodes(draft.children + filler.children, node_id + "/", child_role, state)
        timing = Timing(
            position=draft.position or position,
            duration=filler.duration or draft.duration or duration,
            hours=filler.hours or state.hours_for.pop(draft.key, None),
        )
        nodes.append(
            Node(
                id=node_id,
                title=draft.title,
                role=role,
                goal=filler.goal,
                prerequisites_text=filler.prerequisites_text,
                body="\n\n".join(part for part in filler.body if part.strip()),
                timing=timing,
                items=items,
                children=children,
                aside=aside,
                track=draft.track,
            )
        )
    return _tracks(nodes) if state.plan_tables else nodes


def _offered_plans(nodes: list[Node], preamble: list[Block | Grouped]) -> list[Node]:
    """A preamble that offers the plans after it as alternatives ("Choose one of the
    following paths:", not "for each…"): each planned top-level node is a track, the
    one the learner picks at enrolment (unless the headings named tracks already)."""
    offers = [
        text
        for text in _paragraph_texts(preamble)
        if choices.offers_choice(text) and not structure.has_word("each", text)
    ]
    planned = [n for n in nodes if n.role in _PLANNED and n.aside is None]
    if not offers or len(planned) < 2 or any(n.track for n in nodes):
        return nodes
    return [replace(n, track=n.title) if n in planned else n for n in nodes]


def _alternative_drafts(drafts: list[Draft]) -> None:
    """Sub-sections offered as alternatives: the first one planned, the work of the
    others optional (counted once done, holding no week open)."""
    stack = list(drafts[1:]) if len(drafts) >= 2 else []
    while stack:
        draft = stack.pop()
        draft.optional = True
        stack.extend(draft.children)


def _beside_plan(draft: Draft, role: Role, before: list[Node]) -> Role:
    """The role of a section that is beside the plan, though not set aside for a reason
    of ``ASIDE_REASONS``: closing words and related lists are notes in an appendix; a
    schedule restating the plan that came before it is an appendix (its weeks are not
    more weeks); motivation is optional preparation."""
    if structure.no_work(draft.title):
        draft.kind = ItemKind.NOTE
        return Role.APPENDIX
    if structure.restates_plan(draft.title) and _has_plan(before) and _timeline(draft):
        draft.kind = ItemKind.NOTE
        return Role.APPENDIX
    if structure.motivation(draft.title):
        draft.optional = True
    return role


def _has_plan(nodes: list[Node]) -> bool:
    """Whether planned nodes with work to tick are among ``nodes``."""
    return any(
        inner.role in _PLANNED and inner.aside is None and any(i.checkable for i in inner.items)
        for node in nodes
        if node.role in _PLANNED
        for inner in node.walk()
    )


def _timeline(draft: Draft) -> bool:
    """A section laid out in time: weeks, days or months as its sub-headings, or a table."""
    units = sum(1 for child in draft.children if rules.unit_id(child.title))
    return units >= 2 or any(isinstance(block, Table) for block in draft.blocks)


def _goals_only(draft: Draft, role: Role, filler: _Filler) -> bool:
    """A planned leaf named for goals ("Metas a corto plazo (1 mes)") that lists goals
    and nothing to do: what to reach by then, not more work (nor more weeks)."""
    if role not in _PLANNED or draft.children or filler.children:
        return False
    if rules.label_kind(rules.strip_enumeration(draft.title)[0]) is not ItemKind.GOAL:
        return False
    goals = [data for data in filler.items if data["kind"] is ItemKind.GOAL]
    return bool(goals) and not any(data["checkable"] for data in goals)


def _check_alongside(nodes: list[Node]) -> None:
    """Every node an item is studied alongside exists (a hint's typo is an error)."""
    known: set[str] = set()
    wanted: list[tuple[str, str]] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        known.add(node.id)
        wanted += [(i.id, i.alongside) for i in node.items if i.alongside]
        stack += node.children
    for item_id, alongside in wanted:
        for node_id in alongside.split(".."):
            if node_id.strip() not in known:
                message = _("{id}: 'during' names no node {node}")
                raise ImportProblem(message.format(id=item_id, node=repr(node_id.strip())))


_WEEK_REF = re.compile(r"\bweeks?\s+(\d+)(?:\s*[-–—]\s*(\d+))?", re.I)
_WEEK_ID = re.compile(r"(?:^|/)week-(\d+)$")


def _link_prerequisites(nodes: list[Node]) -> list[Node]:
    weeks: dict[int, str] = {}

    def index(ns: list[Node]) -> None:
        for node in ns:
            match = _WEEK_ID.search(node.id)
            if match:
                weeks.setdefault(int(match.group(1)), node.id)
            index(node.children)

    index(nodes)

    def link(ns: list[Node]) -> list[Node]:
        out = []
        for node in ns:
            children = link(node.children)
            if not node.prerequisites_text and all(
                new is old for new, old in zip(children, node.children, strict=True)
            ):
                out.append(node)  # nothing to link below: the node as it is
                continue
            update: dict[str, Any] = {"children": children}
            if node.prerequisites_text:
                found: list[str] = []
                for match in _WEEK_REF.finditer(node.prerequisites_text):
                    low = int(match.group(1))
                    high = int(match.group(2) or low)
                    found.extend(weeks[n] for n in range(low, high + 1) if n in weeks)
                update["prerequisites"] = [p for p in dict.fromkeys(found) if p != node.id]
            out.append(replace(node, **update))
        return out

    return link(nodes)


def _source_markdown(blocks: list[Block | Grouped]) -> list[str]:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Grouped):
            parts.append(f"**{block.label}**")
            parts.extend(_source_markdown(block.blocks))
        elif not isinstance(block, Heading) and block.source:
            parts.append(block.source)
    return parts


def _is_toc(block: ListBlock) -> bool:
    """A list of in-page "#anchor" links: a table of contents, not work to do (every
    entry, nested ones too, links and only in-page; told at the first that does not)."""
    entries = 0
    lists = [block]
    while lists:
        for entry in lists.pop().items:
            urls = [url for line in entry.lines for _, url in line.links]
            if not urls or not all(structure.anchor_link(url) for url in urls):
                return False
            entries += 1
            lists += [inner for inner in entry.blocks if isinstance(inner, ListBlock)]
    return entries >= 2


def _toc_only(draft: Draft) -> str | None:
    """ "toc" for a node that holds nothing but a table of contents."""
    lists = [b for b in draft.blocks if isinstance(b, ListBlock)]
    if not lists or draft.children or not all(_is_toc(b) for b in lists):
        return None
    return "toc"


_PLANNED = (Role.PHASE, Role.SECTION, Role.MILESTONE)


def _length_as_duration(nodes: list[Node], length: Span | None) -> list[Node]:
    """A stated length sizes a plan that times nothing else: "90 days" of one list of
    days is 90 days, not the items' default estimate (the one plan node gets it)."""
    plan = [i for i, n in enumerate(nodes) if n.role in (Role.PHASE, Role.SECTION)]
    if length is None or len(plan) != 1:
        return nodes
    for node in nodes:
        for inner in node.walk():
            timing = inner.timing
            if timing.position or timing.duration or timing.hours:
                return nodes
            if any(item.hours for item in inner.items if item.checkable):
                return nodes
    out = list(nodes)
    only = out[plan[0]]
    out[plan[0]] = replace(only, timing=replace(only.timing, duration=length))
    return out


def _quiet_asides(nodes: list[Node], aside: bool = False) -> list[Node]:
    """Nothing set aside is ticked: a rubric's boxes under "Evaluation" are read, not done."""
    out = []
    for node in nodes:
        inside = aside or node.aside is not None
        children = _quiet_asides(node.children, inside)
        items = node.items
        if inside and any(item.checkable for item in items):
            items = [replace(item, checkable=False) if item.checkable else item for item in items]
        same = items is node.items and all(
            a is b for a, b in zip(children, node.children, strict=True)
        )
        out.append(node if same else replace(node, items=items, children=children))
    return out


def _relative_positions(nodes: list[Node]) -> list[Node]:
    """Weeks counted inside each module ("Semana 1-2" under M01, again under M02) are
    lengths, not places in the whole plan: their positions become durations."""
    restart: set[int] = set()
    last: dict[int, tuple[str, float]] = {}

    def scan(ns: list[Node], parent: str, depth: int) -> None:
        for node in ns:
            span = node.timing.position
            if span is not None and depth > 0:
                seen = last.get(depth)
                if seen and seen[0] != parent and span.low <= seen[1]:
                    restart.add(depth)
                last[depth] = (parent, span.high)
            scan(node.children, node.id, depth + 1)

    scan(nodes, "", 0)
    if not restart:
        return nodes

    def fix(ns: list[Node], depth: int) -> list[Node]:
        out = []
        for node in ns:
            update: dict[str, Any] = {"children": fix(node.children, depth + 1)}
            span = node.timing.position
            if depth in restart and span is not None:
                length = span.high - span.low + 1
                update["timing"] = replace(
                    node.timing,
                    position=None,
                    duration=Span(low=length, high=length, unit=span.unit),
                )
            out.append(replace(node, **update))
        return out

    return fix(nodes, 0)


def _work_through(language: str) -> str:
    """The words of a prose-only node's one item, in the roadmap's language."""
    words = getattr(languages.keywords(language), "work_through", None)
    if isinstance(words, str) and words:
        return words
    if words:
        return str(words[0])
    return "Work through"


def _tickable(nodes: list[Node], phrase: str, top: bool = True) -> list[Node]:
    """Every planned leaf gets something to tick: prose-only weeks and days, and a
    section of prose among sections with items, get one item "<phrase>: <title>"
    (a top-level section of prose, "About", is an introduction, not work)."""
    siblings_have_items = not top and any(
        not n.children and any(i.checkable for i in n.items) for n in nodes
    )
    out: list[Node] = []
    for node in nodes:
        if node.children:
            children = _tickable(node.children, phrase, top=False)
            same = all(a is b for a, b in zip(children, node.children, strict=True))
            out.append(node if same else replace(node, children=children))
            continue
        planned = node.role in _PLANNED and node.aside is None
        empty = not any(item.checkable for item in node.items)
        unit = rules.unit_id(node.title) is not None or node.timing.position is not None
        if planned and empty and (unit or siblings_have_items):
            text = f"{phrase}: {node.title}"
            item = Item(id=f"{node.id}/work-through", text=text, kind=ItemKind.TASK)
            node = replace(node, items=[*node.items, item])
        out.append(node)
    return out


def _done_nodes(nodes: list[Node], done: set[str], inside: bool = False) -> list[Node]:
    """The items of a node a tracker's heading marks done, and of the nodes below it,
    marked done where the document marks nothing else (offered at enrolment)."""
    if not done and not inside:
        return nodes
    out = []
    for node in nodes:
        mark = inside or node.id in done
        children = _done_nodes(node.children, done, mark)
        items = node.items
        if mark:
            items = [
                replace(item, marked="done") if item.checkable and item.marked is None else item
                for item in items
            ]
        out.append(replace(node, items=items, children=children))
    return out


def _paragraph_texts(blocks: list[Block | Grouped]) -> list[str]:
    return [
        strip_symbols(line.text)
        for block in blocks
        if isinstance(block, Paragraph)
        for line in block.lines
    ]


def _summary_texts(title: str, root: Draft) -> list[str]:
    """The title, the preamble and the prose of top-level summaries and introductions:
    where a document states its length and pace, not the plan's own prose."""
    texts = [title, *_paragraph_texts(root.blocks)]
    for draft in root.children:
        about = structure.preface(draft.title) or structure.aside_reason(draft.title)
        if about or rules.auto_role(draft.title, True, None) is Role.APPENDIX:
            texts += _paragraph_texts(draft.blocks)
    return texts


def _stated_length(texts: list[str]) -> Span | None:
    """The whole plan's length as the summary texts state it ("A 9-Week Course", "about
    2 years", "(4~6 周)")."""
    for text in texts:
        found = structure.stated_length(text)
        if found is not None:
            return found
    return None


def _hours_per_part(nodes: list[Node], texts: list[str]) -> list[Node]:
    """ "100-200 Lernstunden pro Thema": the hours of every planned leaf that has none."""
    hours = next((h for h in map(structure.hours_per_part, texts) if h is not None), None)
    if hours is None:
        return nodes

    def fill(ns: list[Node]) -> list[Node]:
        out = []
        for node in ns:
            if node.children:
                out.append(replace(node, children=fill(node.children)))
            elif node.role in _PLANNED and node.aside is None and node.timing.hours is None:
                out.append(replace(node, timing=replace(node.timing, hours=hours)))
            else:
                out.append(node)
        return out

    return fill(nodes)


def _preamble_plan(root: Draft, state: _State) -> list[Draft]:
    """A plan table before the first heading ("| Day | Topics |"): its rows are phases."""
    for block in root.blocks:
        if not isinstance(block, Table):
            continue
        plan = structure.read_plan_table(block.header, block.rows)
        if plan is not None and plan.timed and state.unit_headings < 2:
            return row_drafts(plan, 1)
    return []


def _one_of_units(first: Draft, siblings: list[Draft]) -> bool:
    """Whether the first heading is a week or day among others of its kind."""
    key = rules.unit_id(first.title)
    if not key:
        return False
    word = key.split("-")[0]
    same = [d for d in siblings if (rules.unit_id(d.title) or "").split("-")[0] == word]
    return len(same) >= 2


def _only_images(blocks: list[Block | Grouped]) -> bool:
    """No blocks, or only a logo or badges over the first heading."""
    return all(
        isinstance(block, Paragraph) and all(structure.image_only(line) for line in block.lines)
        for block in blocks
    )


def _take_title(root: Draft, title: str | None) -> str | None:
    """The title the headings give (the first H1, or a lone wrapper), taken out of the
    tree; its text joins the preamble."""
    if (
        len(root.children) >= 2
        and root.children[0].level == root.children[1].level == 1
        and not root.children[0].blocks
        and not root.children[0].children
        and not root.blocks
    ):
        # "# quen-3" then "# 16-Week Master Plan": a stray first line, not the title.
        root.blocks.append(_title_para(root.children.pop(0).title))
        stray = True
    else:
        stray = False
    first = root.children[0] if root.children else None
    if first is not None and _one_of_units(first, root.children):
        first = None  # "# Semana 1" … "# Semana 5": the plan itself, not a title
    if first is not None and first.level == 1 and (stray or _only_images(root.blocks)):
        if (
            title is None
            or normal(first.title) == normal(title)
            or title_matches(first.title, title)
        ):
            title = title or first.title
            root.blocks.extend(first.blocks)
            root.children[0:1] = first.children
    if len(root.children) == 1 and root.children[0].children:
        wrapper = root.children[0]
        if not any(isinstance(b, ListBlock) for b in wrapper.blocks):
            if title is None or normal(wrapper.title) != normal(title):
                root.blocks.append(_title_para(wrapper.title))
            title = title or wrapper.title
            root.blocks.extend(wrapper.blocks)
            root.children = wrapper.children
    return title


def build_roadmap(text: str, source: str, hints: Hints) -> Roadmap:
    """The roadmap a cleaned Markdown text describes."""
    front, body = split_front_matter(text)
    stated = hints.language or front.get("lang") or front.get("language")
    if not stated:
        languages.warm()  # loads while the text is parsed; detect() below waits for it
    if is_exact(front):
        roadmap = build_exact(front, body, PurePath(source).name)
        return replace(roadmap, id=hints.id or roadmap.id, title=hints.title or roadmap.title)
    blocks = parse_blocks(body)
    root = _sections(blocks, hints)
    title = hints.title or front.get("title") or None
    title = _take_title(root, title)
    if not title:
        title = PurePath(source).stem or "Imported roadmap"
    _shape(root, hints)
    _apply_blocks(root, hints)
    _apply_timeline(root, hints)
    _apply_moves(root)
    lift_labelled_lists(root, hints)
    state = _State(hints)
    state.unit_headings = sum(
        1 for block in blocks if isinstance(block, Heading) and rules.unit_id(block.line.text)
    )
    if state.plan_tables:
        root.children[0:0] = _preamble_plan(root, state)
    for block in root.blocks:
        if isinstance(block, Paragraph):
            for line in block.lines:
                state.pace_from(strip_symbols(line.text))
    nodes = _to_nodes(root.children, "", None, state)
    if state.plan_tables:
        nodes = _offered_plans(nodes, root.blocks)
    summary_parts = _source_markdown(root.blocks)
    summary_parts += _source_markdown(root.closing)
    if not nodes:
        # A document without headings: one phase holding everything.
        everything: list[Block | Grouped] = [*root.blocks, *root.closing]
        draft = Draft(title=title, level=1, blocks=everything, key=slugify(title) or "part")
        nodes = _to_nodes([draft], "", None, state)
        summary_parts = []
    nodes = _link_prerequisites(nodes)
    _check_alongside(nodes)
    language = stated or languages.detect(body)
    length = None
    if state.plan_tables:
        nodes = _quiet_asides(nodes)
        nodes = _relative_positions(nodes)
        nodes = _tickable(nodes, _work_through(language))
        nodes = _done_nodes(nodes, state.done_nodes)
        texts = _summary_texts(title, root)
        length = _stated_length(texts)
        nodes = _length_as_duration(nodes, length)
        nodes = _hours_per_part(nodes, texts)
    return Roadmap(
        id=hints.id or slugify(title) or "roadmap",
        title=clean_title(title),
        source=PurePath(source).name,
        language=language[:2].lower() if language else "en",
        summary="\n\n".join(summary_parts),
        pace=state.final_pace(),
        schedule_by=hints.schedule_by or "auto",
        nodes=nodes,
        length=length,
    )
