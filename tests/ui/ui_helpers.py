"""Helpers for driving the real app: small hand-made roadmaps, progress files, waits."""

from __future__ import annotations

import asyncio
import io
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from rich.console import Console
from textual.app import App

from syllabus.model.plain import dump
from syllabus.model.progress import Enrolment, Progress, enrol
from syllabus.model.roadmap import (
    HoursRange,
    Item,
    ItemKind,
    Node,
    Roadmap,
    Role,
    Span,
    Timing,
    Unit,
)

TODAY = date(2026, 11, 23)
"""tests/conftest.py fixes SYLLABUS_TODAY to this Monday."""

BRACKETS = [
    "[3 hrs] Learn the basics",
    "Review [done]",
    "todo [/]",
    "broken [/oops]",
    "[link=https://example.org]x[/link]",
    "[@click=app.quit]hi[/]",
    "[red]not red",
    "bell\x07 and \x1b[31mescape\x1b[0m here",
]
"""Item texts that would be markup, actions or escapes if treated as anything but text."""


def week(phase: int, number: int, texts: list[str] | None = None) -> Node:
    node_id = f"phase-{phase}/week-{number}"
    texts = texts or [f"Task {n} of week {number}" for n in range(1, 5)]
    items = [
        Item(id=f"{node_id}/item-{n}", text=text, hours=2 if n == 1 else None)
        for n, text in enumerate(texts, 1)
    ]
    items.append(
        Item(id=f"{node_id}/tip", text=f"Tip for week {number}", kind=ItemKind.TIP, checkable=False)
    )
    return Node(
        id=node_id,
        title=f"Week {number}: topic {number}",
        items=items,
        timing=Timing(
            position=Span(low=number, high=number, unit=Unit.WEEK),
            hours=HoursRange(low=8, high=10),
        ),
        body=f"Read [the guide](https://example.org/week-{number}) first.",
    )


def small_roadmap(roadmap_id: str = "tiny", first_week: list[str] | None = None) -> Roadmap:
    """Two phases of two weeks, four tasks and a tip each, and an appendix."""
    return Roadmap(
        id=roadmap_id,
        title=f"Tiny roadmap {roadmap_id}",
        language="en",
        nodes=[
            Node(
                id="phase-1",
                title="Phase 1: Foundations",
                role=Role.PHASE,
                goal="Learn the basics",
                children=[week(1, 1, first_week), week(1, 2)],
            ),
            Node(
                id="phase-2",
                title="Phase 2: Practice",
                role=Role.PHASE,
                children=[week(2, 3), week(2, 4)],
            ),
            Node(
                id="appendix",
                title="Appendix",
                role=Role.APPENDIX,
                items=[Item(id="appendix/read", text="Reading list", kind=ItemKind.NOTE)],
            ),
        ],
    )


def write_roadmap(data_dir: Path, roadmap: Roadmap) -> Path:
    """Store a roadmap as the learner's import, the way the catalog reads it."""
    folder = data_dir / "roadmaps"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{roadmap.id}.toml"
    data = dump(roadmap, exclude_none=True, exclude_defaults=True)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def enrolled(roadmap_id: str, start: date = TODAY) -> Progress:
    when = datetime(2026, 11, 1, 12, tzinfo=datetime.now().astimezone().tzinfo)
    enrolment = Enrolment(start=start, hours_per_week=9, updated=when)
    return enrol(Progress(), roadmap_id, enrolment)


def save_progress(data_dir: Path, progress: Progress) -> None:
    from syllabus.storage.progress_file import ProgressFile

    ProgressFile(data_dir).save(progress)


def load_progress(data_dir: Path) -> Progress:
    from syllabus.storage.progress_file import ProgressFile

    return ProgressFile(data_dir).load().progress


@pytest.fixture
def enrolled_dir(data_dir: Path) -> Path:
    """A data dir with the tiny roadmap imported and enrolled from today."""
    write_roadmap(data_dir, small_roadmap())
    save_progress(data_dir, enrolled("tiny"))
    return data_dir


async def wait_for(pilot: object, condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Let workers run until ``condition()`` holds (threads need real time, not frames)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(0.02)  # type: ignore[attr-defined]


def screen_text(app: App[object]) -> str:
    """The whole screen as plain text, the way a person reads it (as a screenshot does)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


async def open_main(pilot: object, app: App[object]) -> Any:
    """Wait for the main screen, composed and showing a node."""
    from syllabus.tui.screens.main import MainScreen
    from syllabus.tui.widgets.checklist import Checklist

    def ready() -> bool:
        screen = app.screen
        return (
            isinstance(screen, MainScreen)
            and bool(screen.query(Checklist))
            and screen.node_id is not None
        )

    await wait_for(pilot, ready)
    await pilot.pause()  # type: ignore[attr-defined]
    return app.screen


def _own_terminal() -> None:
    """In the child: the pseudo-terminal becomes its controlling terminal, so closing
    the leader end hangs it up as a closed window or an ssh drop does (SIGHUP, SIGCONT)."""
    import fcntl
    import termios

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def spawn_app(
    data_dir: Path, size: tuple[int, int] = (100, 30)
) -> tuple[subprocess.Popen[bytes], int]:
    """The real ``syllabus`` app in a child process under its own pseudo-terminal.

    Returns the process and the terminal's leader end (read the screen from it, write
    keys to it, close it to hang up); the caller makes sure the process is gone.
    """
    env = {
        **os.environ,
        "SYLLABUS_DATA_DIR": str(data_dir),
        "TERM": "xterm-256color",
        "COLUMNS": str(size[0]),
        "LINES": str(size[1]),
    }
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "syllabus"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        start_new_session=True,
        preexec_fn=_own_terminal,
    )
    os.close(follower)
    return process, leader


def read_until(fd: int, marker: bytes, timeout: float) -> bytes:
    """Read the terminal until ``marker`` shows; fails after ``timeout`` seconds."""
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"never saw {marker!r}; got {seen[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def drain(fd: int, seconds: float) -> None:
    """Read and drop what the app draws for a while (a full terminal would block it)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                return


def wait_gone(process: subprocess.Popen[bytes], fd: int | None, seconds: float) -> bool:
    """Whether the process ended within ``seconds``, reading the terminal meanwhile
    (``fd`` None: the terminal is closed)."""
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        if fd is None:
            time.sleep(0.02)
        else:
            drain(fd, 0.02)
    return process.poll() is not None
