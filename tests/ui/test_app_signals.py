"""A terminal closed at any moment of start-up, load or save: the app is gone within 2 s.

The real app in a child process under its own pseudo-terminal: a change is made and
saved, then the app is started again and again and hung up at moments spread across
its first three seconds (before Python has imported Textual, while the roadmap loads,
as the first content shows, while it idles): every other time SIGHUP alone, else the
terminal closed (SIGHUP and SIGCONT from the kernel, as a closed window or an ssh drop
sends, and no terminal left to draw on). Each time the process must be gone within
two seconds, the file must still load cleanly and the change must be in it.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

from ui_helpers import drain, read_until, spawn_app, wait_gone

from syllabus.model.progress import ItemState
from syllabus.storage.progress_file import ProgressFile

W1 = "phase-1/week-1"

MOMENTS = [0.05 + n * 0.15 for n in range(20)]
"""Seconds after launch the hang-up arrives: 0.05 s to 2.9 s."""


def _loads_with_the_tick(data_dir: Path) -> None:
    loaded = ProgressFile(data_dir).load()
    assert not loaded.damaged and not loaded.problems, loaded.problems
    assert loaded.progress.roadmap("tiny").state(f"{W1}/item-1") is ItemState.DONE


def test_a_hang_up_at_any_moment_exits_within_two_seconds(enrolled_dir: Path) -> None:
    process, leader = spawn_app(enrolled_dir)
    try:
        read_until(leader, b"Task 1 of week 1", timeout=30)
        drain(leader, 0.3)
        os.write(leader, b"x")
        read_until(leader, "✓".encode(), timeout=15)
        process.send_signal(signal.SIGHUP)  # the tick is still waiting to be saved
        assert wait_gone(process, leader, 2.0), "the first hang-up did not end the app"
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    _loads_with_the_tick(enrolled_dir)

    slow: list[tuple[str, float]] = []
    for number, moment in enumerate(MOMENTS):
        process, leader = spawn_app(enrolled_dir)
        fd: int | None = leader
        how = "SIGHUP" if number % 2 else "terminal closed"
        try:
            drain(leader, moment)
            if number % 2:
                process.send_signal(signal.SIGHUP)
            else:
                os.close(leader)
                fd = None
            if not wait_gone(process, fd, 2.0):
                slow.append((how, moment))
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            if fd is not None:
                os.close(fd)
        _loads_with_the_tick(enrolled_dir)
    assert not slow, f"still running 2 s after these hang-ups (how, seconds after launch): {slow}"


def test_a_hang_up_over_a_dialog_saves_and_exits(enrolled_dir: Path) -> None:
    """The terminal closes while the check-in dialog is open: gone, the tick kept."""
    process, leader = spawn_app(enrolled_dir)
    try:
        read_until(leader, b"Task 1 of week 1", timeout=30)
        drain(leader, 0.3)
        os.write(leader, b"x")
        read_until(leader, "✓".encode(), timeout=15)
        os.write(leader, b"c")
        read_until(leader, b"Done today", timeout=15)
        drain(leader, 0.1)
    finally:
        os.close(leader)  # the window closes: SIGHUP, SIGCONT, no terminal left
    try:
        assert wait_gone(process, None, 2.0), "still running 2 s after the terminal closed"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    _loads_with_the_tick(enrolled_dir)
