"""The roadmap's phases, tracks, milestones and appendices as a tree with progress.

Built as it is opened: the top level and the branches on the path to the current node
at first, the children of any other branch when it is first expanded, so a roadmap of
thousands of nodes costs the first frame only the lines it can show. Afterwards only the
labels of nodes whose numbers or marks changed are redrawn, so a toggle on a large
roadmap costs a few labels, not a tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from syllabus.locale import _
from syllabus.model.progress import RoadmapProgress
from syllabus.tui.literal import literal_text, one_line

if TYPE_CHECKING:
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
    most = max((session.tally(node_id, rp).total for node_id in session.nodes), default=0)
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
    counted = session.tally(node_id, rp)
    done, total = counted.done, counted.total
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


def changed_nodes(session: Session, old: RoadmapProgress, new: RoadmapProgress) -> set[str]:
    """The nodes whose counts may differ between two versions of progress.

    Progress is changed by copying, so a record that did not change is the same
    object in both: comparing identities finds the changed items without reading them.
    """
    nodes: set[str] = set()
    for before, after in ((old.items, new.items), (old.own_items, new.own_items)):
        if before is after:
            continue
        for item_id in before.keys() | after.keys():
            if before.get(item_id) is not after.get(item_id):
                node_id = session.node_of(item_id, new) or session.node_of(item_id, old)
                if node_id is not None:
                    nodes.update(session.ancestors(node_id))
    return nodes


class PhaseTree(Tree[str]):
    """Nodes of the open roadmap; each label shows done/total, a bar and its marks.

    Bind the four reactives from the screen (``data_bind``): a new ``session`` builds
    the tree, new ``progress`` relabels only the nodes whose counts changed, and
    ``current`` and ``blocked`` move the marks.
    """

    BINDINGS = [
        # worded as Textual words the arrows, so the help lists them on one row
        Binding("j", "cursor_down", _("Cursor Down"), show=False),
        Binding("k", "cursor_up", _("Cursor Up"), show=False),
    ]

    DEFAULT_CSS = """
    PhaseTree { width: 1fr; }
    """

    session: var[Session | None] = var(None, init=False)
    """The open roadmap, indexed; a new one builds the tree again."""
    progress: var[RoadmapProgress | None] = var(None, init=False, always_update=True)
    """The learner's progress on it; the labels count from it (compared by identity)."""
    current: var[str | None] = var(None, init=False)
    """Today's planned node, marked ▶ (its path opens when the tree is built)."""
    blocked: var[frozenset[str]] = var(frozenset(), init=False)
    """Nodes whose prerequisites are not done, marked ⊘."""

    class CursorMoved(Message):
        """The tree's cursor moved to another roadmap node."""

        def __init__(self, tree: PhaseTree, node_id: str) -> None:
            super().__init__()
            self.tree = tree
            """The tree that sent the message."""
            self.node_id = node_id
            """Id of the roadmap node under the cursor."""

        @property
        def control(self) -> PhaseTree:
            """The tree that sent the message (for ``@on``)."""
            return self.tree

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__("roadmap", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._by_id: dict[str, TreeNode[str]] = {}
        self._count_width = 0

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """The label, its title ending with "…" when the pane is too narrow for it."""
        text = super().render_label(node, base_style, style)
        # the guides: guide_depth cells a level, the root's level only when it is shown
        levels, parent = 0 if self.show_root else -1, node.parent
        while parent is not None:
            levels, parent = levels + 1, parent.parent
        room = self.scrollable_content_region.width - self.guide_depth * max(0, levels)
        if 1 < room < text.cell_len:
            text.truncate(room, overflow="ellipsis")
        return text

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
        """Set all four reactives at once and build the tree (for a screen that pushes)."""
        self.set_reactive(PhaseTree.progress, rp)
        self.set_reactive(PhaseTree.current, current)
        self.set_reactive(PhaseTree.blocked, frozenset(blocked))
        if session is self.session:
            self.watch_session(session)  # the same roadmap again: build anew all the same
        self.session = session

    def watch_session(self, session: Session | None) -> None:
        """Build the tree for a roadmap: the top level, and the path to the current node open."""
        self.clear()
        self._by_id = {}
        if session is None:
            return
        self._count_width = count_width(session, self._progress())
        self._add_nodes(self.root, [top.id for top in session.roadmap.nodes])
        if self.current in session.nodes:
            self._build_path(self.current)

    def _add_nodes(self, parent: TreeNode[str], node_ids: Iterable[str]) -> None:
        """Add these nodes under ``parent``; a branch gets its own children when opened."""
        assert self.session is not None
        for node_id in node_ids:
            if self.session.nodes[node_id].children:
                branch = parent.add(self._label(node_id), data=node_id, allow_expand=True)
                self._by_id[node_id] = branch
            else:
                self._by_id[node_id] = parent.add_leaf(self._label(node_id), data=node_id)

    def _build_branch(self, branch: TreeNode[str]) -> None:
        """The branch's children, the first time they are needed."""
        if self.session is None or branch.data is None or branch.children:
            return
        children = self.session.nodes[branch.data].children
        self._add_nodes(branch, [child.id for child in children])

    def _build_path(self, node_id: str) -> TreeNode[str] | None:
        """Build and open the branches down to a node; its tree node."""
        assert self.session is not None
        path = list(reversed(self.session.ancestors(node_id)))
        for ancestor in path[:-1]:
            branch = self._by_id.get(ancestor)
            if branch is None:
                return None
            self._build_branch(branch)
            branch.expand()
        return self._by_id.get(node_id)

    def _toggle_node(self, node: TreeNode[str]) -> None:
        """Opening a branch by key or click: its children are there in the same frame."""
        if not node.is_expanded:
            self._build_branch(node)
        super()._toggle_node(node)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        """Any other opening (``expand_all``): the children follow."""
        self._build_branch(event.node)

    def watch_progress(self, old: RoadmapProgress | None, new: RoadmapProgress | None) -> None:
        """Relabel the nodes whose items changed (all of them for a first or unrelated value)."""
        if old is new or self.session is None:
            return
        if old is None or new is None:
            self._relabel(self._by_id)
        else:
            self._relabel(changed_nodes(self.session, old, new))

    def watch_current(self, old: str | None, new: str | None) -> None:
        """Move the ▶ mark."""
        self._relabel([node for node in (old, new) if node])

    def watch_blocked(self, old: frozenset[str], new: frozenset[str]) -> None:
        """Move the ⊘ marks."""
        self._relabel(old ^ new)

    def _progress(self) -> RoadmapProgress:
        return self.progress if self.progress is not None else RoadmapProgress()

    def _label(self, node_id: str) -> Text:
        assert self.session is not None
        return node_label(
            self.session, self._progress(), node_id, self.current, self.blocked, self._count_width
        )

    def _relabel(self, node_ids: Iterable[str]) -> None:
        for node_id in node_ids:
            branch = self._by_id.get(node_id)
            if branch is not None:
                branch.set_label(self._label(node_id))

    def update_nodes(self, node_ids: Iterable[str], rp: RoadmapProgress) -> None:
        """New progress, relabelling at least these nodes (for a screen that pushes)."""
        self.progress = rp
        self._relabel(node_ids)

    def update_all(self, rp: RoadmapProgress) -> None:
        """New progress, every label redrawn (for a screen that pushes)."""
        self.update_nodes(list(self._by_id), rp)

    def set_marks(self, current: str | None, blocked: Iterable[str]) -> None:
        """Move the current and blocked marks (for a screen that pushes)."""
        self.current = current
        self.blocked = frozenset(blocked)

    def reveal(self, node_id: str) -> None:
        """Expand the path to a node and put the cursor on it."""
        if self.session is None or node_id not in self.session.nodes:
            return
        branch = self._build_path(node_id)
        if branch is None:
            return
        self.get_node_at_line(0)  # lays out the lines, so the expanded branch has its line
        self.move_cursor(branch)
        self.scroll_to_node(branch, animate=False)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.CursorMoved(self, event.node.data))
