"""Guard rails for the TUI's shape: a small shell, no routing between screens, public
Textual only, one way from a worker to the loop."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import syllabus.tui

TUI = Path(syllabus.tui.__file__).parent
SOURCES = sorted(TUI.rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def test_the_app_module_stays_small() -> None:
    lines = (TUI / "app.py").read_text(encoding="utf-8").count("\n")
    assert lines < 300, f"app.py has {lines} lines"


def test_the_app_handles_no_screen_messages() -> None:
    """Screens act through the store; the App routes nothing between them."""
    app = next(
        node
        for node in ast.walk(_tree(TUI / "app.py"))
        if isinstance(node, ast.ClassDef) and node.name == "SyllabusApp"
    )
    handlers = [
        item.name
        for item in app.body
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
        and item.name.startswith("on_")
        and item.name not in ("on_mount", "on_ready", "on_unmount")  # its own lifecycle
    ]
    assert handlers == []


def test_only_public_textual_modules() -> None:
    private = re.compile(r"(^|\.)_[a-z]")
    found = []
    for path in SOURCES:
        for node in ast.walk(_tree(path)):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found += [
                f"{path.name}: {name}"
                for name in names
                if name.startswith("textual") and private.search(name)
            ]
    assert found == []


def test_workers_reach_the_loop_only_through_the_store() -> None:
    """``store.call_from_thread`` refuses once quitting began; ``app.call_from_thread``
    would wait for a loop that may have stopped."""
    calls = [
        f"{path.relative_to(TUI)}"
        for path in SOURCES
        if path.name != "store.py"
        and re.search(r"\bapp\.call_from_thread\(", path.read_text(encoding="utf-8"))
    ]
    assert calls == []
