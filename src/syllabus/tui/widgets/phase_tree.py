"""The roadmap's phases, tracks, milestones and appendices as a tree with progress.

Built once per roadmap; afterwards only the labels of nodes whose numbers or marks
changed are redrawn, so a toggle on a large roadmap costs a few labels, not a tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from syllabus.tui.literal import literal_text, one_line

if TYPE_CHECKING:
    from syllabus.model.progress import RoadmapProgress
    from syllabus.tui.session import Session

BAR_CELLS = 5

ROLE_MARKS = {
    "side-track": "↔ ",
    "habit": "↻ ",
    "milestone": "◆ ",
    "appendix": "§ ",
}
"""A glyph per role so roles read without colour."""


def progress_bar(done: int, total: int) -> str:
    """A small bar of filled and empty cells."""
    if total <= 0:
        return "·" * BAR_CELLS
    filled = round(BAR_CELLS * done / total)
    return "▰" * filled + "▱" * (BAR_CELLS - filled)


def count_width(session: Session, rp: RoadmapProgress) -> int:
    """Width of the counts column: the roadmap's largest count fits."""
    most = max((session.done_total(node_id, rp)[1] for node_id in session.nodes), default=0)
    return len(f"{most}/{most}") if most else 0


def node_label(
    session: Session,
    rp: RoadmapProgress,
    node_id: str,
    current: str | None,
    blocked: frozenset[str],
    width: int,
) -> Text:
    """A node's label: bar, done/total, its mark and title (pure, any thread)."""
    node = session.nodes[node_id]
    done, total = session.done_total(node_id, rp)
    style = ""
    mark = ROLE_MARKS.get(str(node.role), "")
    if node_id == current:
        mark, style = "▶ ", "bold"
    elif node_id in blocked:
        mark, style = "⊘ ", "dim"
    elif total and done == total:
        style = "dim"
    # numbers before the title: a narrow tree cuts long titles, never the counts
    counts = f"{done}/{total}" if total else ""
    label = Text(f"{progress_bar(done, total)} {counts:>{max(width, len(counts))}} ", style="dim")
    label.append(mark)
    label.append_text(literal_text(one_line(node.title), style=style))
    return label


class PhaseTree(Tree[str]):
    """Nodes of the open roadmap; each label shows done/total, a bar and its marks."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    DEFAULT_CSS = """
    PhaseTree { width: 1fr; }
    """

    class CursorMoved(Message):
        """The tree's cursor is on another roadmap node."""

        def __init__(self, tree: PhaseTree, node_id: str) -> None:
            super().__init__()
            self.tree = tree
            self.node_id = node_id
            """Id of the roadmap node under the cursor."""

        @property
        def control(self) -> PhaseTree:
            return self.tree

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__("roadmap", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._session: Session | None = None
        self._by_id: dict[str, TreeNode[str]] = {}
        self._current: str | None = None
        self._blocked: frozenset[str] = frozenset()
        self._rp: RoadmapProgress | None = None
        self._count_width = 0

    def process_label(self, label: str | Text) -> Text:
        """Plain strings are text, never markup."""
        text = label if isinstance(label, Text) else literal_text(one_line(label))
        return text.split()[0] if "\n" in text.plain else text

    def load(
        self,
        session: Session,
        rp: RoadmapProgress,
        current: str | None,
        blocked: Iterable[str] = (),
    ) -> None:
        """Build the tree for a roadmap, with the path to ``current`` expanded."""
        self._session, self._rp = session, rp
        self._current, self._blocked = current, frozenset(blocked)
        self._count_width = count_width(session, rp)
        self.clear()
        self._by_id = {}
        open_path = set(session.ancestors(current)) if current else set()

        def add(parent: TreeNode[str], node_id: str) -> None:
            node = session.nodes[node_id]
            if node.children:
                branch = parent.add(self._label(node_id), data=node_id, expand=node_id in open_path)
                self._by_id[node_id] = branch
                for child in node.children:
                    add(branch, child.id)
            else:
                self._by_id[node_id] = parent.add_leaf(self._label(node_id), data=node_id)

        for top in session.roadmap.nodes:
            add(self.root, top.id)

    def _label(self, node_id: str) -> Text:
        assert self._session is not None and self._rp is not None
        return node_label(
            self._session, self._rp, node_id, self._current, self._blocked, self._count_width
        )

    def update_nodes(self, node_ids: Iterable[str], rp: RoadmapProgress) -> None:
        """Redraw the labels of these nodes only (after a change to their items)."""
        self._rp = rp
        for node_id in node_ids:
            branch = self._by_id.get(node_id)
            if branch is not None:
                branch.set_label(self._label(node_id))

    def update_all(self, rp: RoadmapProgress) -> None:
        """Redraw every label (progress replaced by undo or another instance)."""
        self.update_nodes(list(self._by_id), rp)

    def set_marks(self, current: str | None, blocked: Iterable[str]) -> None:
        """Move the current and blocked marks, redrawing only what changed."""
        blocked = frozenset(blocked)
        changed = (self._blocked ^ blocked) | {self._current, current}
        self._current, self._blocked = current, blocked
        if self._rp is not None:
            self.update_nodes([n for n in changed if n], self._rp)

    def reveal(self, node_id: str) -> None:
        """Expand the path to a node and put the cursor on it."""
        branch = self._by_id.get(node_id)
        if branch is None:
            return
        parent = branch.parent
        while parent is not None and not parent.is_root:
            parent.expand()
            parent = parent.parent
        self.get_node_at_line(0)  # lays out the lines, so the expanded branch has its line
        self.move_cursor(branch)
        self.scroll_to_node(branch, animate=False)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.CursorMoved(self, event.node.data))
