"""The key-latency reference: a bare Textual Tree holding a roadmap's node titles.

It reads the roadmap TOML with tomllib (plain dicts, no syllabus code), so moving the
cursor costs exactly what Textual's Tree costs, nothing more.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Tree
from textual.widgets.tree import TreeNode


def _add(parent: TreeNode[str], nodes: list[dict[str, Any]]) -> None:
    for node in nodes:
        children = node.get("children", [])
        label = Text(str(node.get("title", node.get("id", "?"))))
        if children:
            branch = parent.add(label, data=node.get("id"), expand=True)
            _add(branch, children)
        else:
            parent.add_leaf(label, data=node.get("id"))


class TreeApp(App[None]):
    """Header, a fully expanded Tree of the roadmap's nodes, Footer."""

    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, roadmap_file: Path) -> None:
        super().__init__()
        self.roadmap_file = roadmap_file

    def compose(self) -> ComposeResult:
        data = tomllib.loads(self.roadmap_file.read_text(encoding="utf-8"))
        yield Header()
        tree: Tree[str] = Tree(Text(str(data.get("title", "roadmap"))))
        tree.root.expand()
        _add(tree.root, data.get("nodes", []))
        yield tree
        yield Footer()


if __name__ == "__main__":
    TreeApp(Path(sys.argv[1])).run()
