"""Child side of the key-latency benchmark: runs a real app in the pty, timestamps inside.

Pilot's wall time (``press`` + ``pause``) adds ~80 ms of its own, so keys are typed
into a real terminal by the parent and timed here, in the app's process:

- a key *arrives* when Textual's input thread has parsed it (``Driver.process_message``);
- it is *handled* when a binding ran its action (``App._check_bindings`` returned True);
- the *screen write* is the end of the first ``App._display`` call that began after
  the key was handled: that frame holds the key's effect, handed to the terminal.

Usage (from run.py): ``python key_harness.py OUT.json ready.json --focus tree|checklist|drawn
(syllabus DATA_DIR | tree ROADMAP.toml | minimal)``. It writes ``ready.json`` once the
widget to drive has content and focus (``drawn``: once a frame showed one node in every
pane, with that frame's end), and ``OUT.json`` on SIGUSR1. Every frame is logged with
whether it showed one node in every pane (``MainScreen.shows_every_pane``).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.driver import Driver
from textual.widget import Widget
from textual.widgets import Tree

ARRIVALS: list[tuple[float, str]] = []
HANDLED: list[tuple[float, str]] = []
FRAMES: list[tuple[float, float, bool]] = []
"""(begin, end, every pane agrees): see ``_every_pane``."""
APPS: list[App[Any]] = []
PROFILER: list[Any] = []
"""A pyinstrument profiler over the key presses, when $BENCH_PROFILE names an output file."""


def _install_hooks() -> None:
    process_message = Driver.process_message
    display = App._display
    init = App.__init__
    check_bindings = App._check_bindings

    def timed_process_message(self: Driver, message: Any) -> None:
        if isinstance(message, events.Key):
            ARRIVALS.append((time.perf_counter(), message.key))
            if os.environ.get("BENCH_PROFILE") and not PROFILER:
                APPS[0].call_from_thread(_start_profiler)
        process_message(self, message)

    def timed_display(self: App[Any], screen: Any, renderable: Any) -> None:
        begin = time.perf_counter()
        agree = renderable is not None and _every_pane(self)
        display(self, screen, renderable)
        if renderable is not None and not self._batch_count:
            end = time.perf_counter()
            FRAMES.append((begin, end, agree))
            if agree and DRAWN_FILE and not DRAWN:
                DRAWN.append(end)
                _write_atomically(DRAWN_FILE[0], {"drawn": end})

    async def timed_check_bindings(self: App[Any], key: str, priority: bool = False) -> bool:
        handled = await check_bindings(self, key, priority)
        if handled:
            HANDLED.append((time.perf_counter(), key))
        return handled

    def remembered_init(self: App[Any], *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        APPS.append(self)

    Driver.process_message = timed_process_message  # type: ignore[method-assign]
    App._display = timed_display  # type: ignore[method-assign]
    App.__init__ = remembered_init  # type: ignore[method-assign]
    App._check_bindings = timed_check_bindings  # type: ignore[method-assign]


DRAWN_FILE: list[Path] = []
"""With ``--focus drawn``: where the end of the first fully drawn frame is written."""
DRAWN: list[float] = []


def _every_pane(app: App[Any]) -> bool:
    """Whether the frame about to be written shows one node in every pane.

    Checked as the frame is handed to the terminal (it was composed in the same call,
    with no await between): the tree's cursor is on the node the checklist lists, the
    detail pane's Markdown of that node is rendered (mounted, not waiting), and the
    status line has today's status with no recomputation pending. Only for syllabus.
    """
    screen = app.screen
    every = getattr(screen, "shows_every_pane", None)
    return bool(every()) if every is not None else False


def _start_profiler() -> None:
    """Profile the event loop's thread from the first key on (benchmark debugging only)."""
    from pyinstrument import Profiler

    PROFILER.append(Profiler(interval=0.001, async_mode="disabled"))
    PROFILER[0].start()


def _checklist(app: App[Any]) -> Widget | None:
    """The widget that holds the selected node's items: focused at start, else an OptionList."""
    from textual.widgets import OptionList

    focused = app.focused
    if (
        focused is not None
        and not isinstance(focused, Tree)
        and getattr(focused, "option_count", 0) > 0
    ):
        return focused
    for widget in app.screen.query(OptionList):
        if widget.option_count:
            return widget
    return None


def _prepare(app: App[Any], focus: str, ready_file: Path) -> bool:
    """Focus the widget to drive once it has content; True when done."""
    try:
        screen = app.screen
    except Exception:
        return False
    info: dict[str, Any] = {}
    if focus == "tree":
        trees = [tree for tree in screen.query(Tree) if tree.last_line >= 2]
        if not trees:
            return False
        tree = max(trees, key=lambda t: t.last_line)
        tree.focus()
        # Moves start where the app put the cursor (today's node, inside its open phase),
        # which is where a learner moves about.
        info["lines"] = tree.last_line + 1
        info["cursor"] = max(0, tree.cursor_line)
        tree_or_list: Widget = tree
    else:
        widget = _checklist(app)
        if widget is None:
            return False
        widget.focus()
        row = getattr(widget, "highlighted_row", None)
        if row is not None and not getattr(row, "checkable", True):
            rows = getattr(widget, "_rows", [])
            checkable = [n for n, r in enumerate(rows) if getattr(r, "checkable", False)]
            if checkable:
                widget.highlighted = checkable[0]  # type: ignore[attr-defined]
        info["lines"] = getattr(widget, "option_count", 0)
        tree_or_list = widget
    info["widget"] = type(tree_or_list).__name__
    _write_atomically(ready_file, info)
    return True


def _write_atomically(path: Path, data: Any) -> None:
    """Write JSON so the parent, polling for the file, never reads half of it."""
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data), encoding="utf-8")
    os.replace(partial, path)


def _watch(focus: str, ready_file: Path) -> None:
    """Until the app has content, ask it (on its own loop) to get ready for the keys."""
    done = threading.Event()
    while not done.is_set():
        time.sleep(0.05)
        if not APPS or not APPS[0].is_running:
            continue
        app = APPS[0]

        def attempt(app: App[Any] = app) -> None:
            if not done.is_set() and _prepare(app, focus, ready_file):
                done.set()

        try:
            app.call_from_thread(attempt)
        except Exception:
            continue


def main(argv: list[str]) -> int:
    out, ready, _, focus, kind, *rest = argv
    out_file, ready_file = Path(out), Path(ready)
    if focus == "drawn":
        DRAWN_FILE.append(ready_file)

    def dump(*_: Any) -> None:
        if PROFILER:
            PROFILER[0].stop()
            every = bool(os.environ.get("BENCH_PROFILE_ALL"))
            text = PROFILER[0].output_text(unicode=True, show_all=every)
            Path(os.environ["BENCH_PROFILE"]).write_text(text, encoding="utf-8")
        _write_atomically(out_file, {"arrivals": ARRIVALS, "handled": HANDLED, "frames": FRAMES})

    signal.signal(signal.SIGUSR1, dump)
    _install_hooks()
    if focus != "drawn":
        threading.Thread(target=_watch, args=(focus, ready_file), daemon=True).start()
    if kind == "syllabus":
        from syllabus.tui.app import run

        return run(Path(rest[0]))
    sys.path.insert(0, os.fspath(Path(__file__).parent))
    if kind == "tree":
        from tree_app import TreeApp

        TreeApp(Path(rest[0])).run()
        return 0
    from minimal_app import MinimalApp

    MinimalApp().run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
