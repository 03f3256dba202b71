"""Parent side of the key-latency benchmark: type keys into a real pty, read the timings back.

Keys go in at least ``MIN_GAP`` apart and never before the previous key's frame is on
screen (plus a short quiet spell), so each press is timed on its own rather than
queued behind the last. The timings come from inside the app (see key_harness.py).
"""

from __future__ import annotations

import bisect
import json
import os
import signal
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.pty_session import PtyApp

HERE = Path(__file__).resolve().parent
MIN_GAP = 0.05
"""Seconds between presses, at least (the brief asks for >= 30 ms)."""
QUIET = 0.02
"""Seconds without output before the next press."""

KEYS = {"down": "\x1b[B", "up": "\x1b[A", "space": " ", "x": "x"}


@dataclass
class KeyTimes:
    """Latencies of one session, in seconds, and what could not be matched."""

    latencies: list[float]
    unanswered: int
    widget: str
    settled: list[float] = field(default_factory=list)
    """Per key: to the end of the last frame before the next key (all its effects drawn)."""
    every: list[float] = field(default_factory=list)
    """Per key: to the end of the first frame, begun after its action ran, that showed one
    node in every pane (tree cursor, checklist, detail pane, status line); a key after
    which no such frame came before the next key is timed to the next key's arrival."""
    late: int = 0
    """Keys whose panes had not all caught up when the next key arrived."""


def move_plan(lines: int, cursor: int, presses: int) -> list[str]:
    """Down and back up from the cursor (or up and back), so every press moves it."""
    below, above = lines - 1 - cursor, cursor
    if below >= min(10, above) and below > 0:
        span = min(20, below)
        cycle = ["down"] * span + ["up"] * span
    else:
        span = max(1, min(20, above))
        cycle = ["up"] * span + ["down"] * span
    return (cycle * (presses // len(cycle) + 1))[:presses]


def latencies(
    arrivals: Sequence[Sequence[float | str]],
    handled: Sequence[Sequence[float | str]],
    frames: Sequence[Sequence[float]],
) -> KeyTimes:
    """Per key: from its arrival to the end of the first frame begun after its action ran.

    Keys are paired with handled bindings in order (every key sent is bound); a key
    whose action never ran, or after which no frame began, is counted as unanswered.
    """
    found: list[float] = []
    settled: list[float] = []
    every: list[float] = []
    late = 0
    unanswered = 0
    begins = sorted((float(f[0]), float(f[1]), bool(f[2]) if len(f) > 2 else False) for f in frames)
    starts = [f[0] for f in begins]
    for n, arrival in enumerate(arrivals):
        if n >= len(handled):
            unanswered += 1
            continue
        at = bisect.bisect_left(starts, float(handled[n][0]))
        if at == len(begins):
            unanswered += 1
            continue
        found.append(begins[at][1] - float(arrival[0]))
        following = float(arrivals[n + 1][0]) if n + 1 < len(arrivals) else float("inf")
        last = bisect.bisect_left(starts, following) - 1
        settled.append(begins[max(at, last)][1] - float(arrival[0]))
        agreeing = next((f for f in begins[at:] if f[2]), None)
        if agreeing is None or agreeing[0] >= following:
            late += 1
            agreed_at = following if following != float("inf") else begins[-1][1]
        else:
            agreed_at = agreeing[1]
        every.append(agreed_at - float(arrival[0]))
    return KeyTimes(found, unanswered, "", settled, every, late)


def drawn_session(
    target: Sequence[str], env: Mapping[str, str], workdir: Path, timeout: float = 60.0
) -> float:
    """Seconds from spawn until the app's first frame showing one node in every pane
    reached the terminal.

    The app reports when it handed that frame to its writer (``perf_counter``: the
    system's monotonic clock, the same in both processes); the frame is on screen at the
    first output read here after that moment, as the other start-up figures are timed.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    out, ready = workdir / "frames.json", workdir / "drawn.json"
    for path in (out, ready):
        path.unlink(missing_ok=True)
    argv = [sys.executable, str(HERE / "key_harness.py"), str(out), str(ready), "--focus", "drawn"]
    with PtyApp([*argv, *target], env) as app:
        deadline = time.perf_counter() + timeout
        while not ready.exists():
            if time.perf_counter() > deadline or not app.pump(0.01):
                raise RuntimeError(app._explain("never showed one node in every pane"))
        drawn = float(json.loads(ready.read_text(encoding="utf-8"))["drawn"])
        deadline = time.perf_counter() + 5.0
        while not any(read >= drawn for read in app.reads):
            if time.perf_counter() > deadline or not app.pump(0.01):
                raise RuntimeError(app._explain("the fully drawn frame never arrived"))
        return next(read for read in app.reads if read >= drawn) - app.started


def session(
    target: Sequence[str],
    env: Mapping[str, str],
    focus: str,
    presses: int,
    workdir: Path,
    plan: str = "move",
    timeout: float = 90.0,
    gap: float = MIN_GAP,
) -> KeyTimes:
    """Run one app under the harness, press ``presses`` keys, return the latencies.

    ``target`` is ``["syllabus", DATA_DIR]``, ``["tree", ROADMAP_TOML]`` or ``["minimal"]``.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    out, ready = workdir / "keys.json", workdir / "ready.json"
    for path in (out, ready):
        path.unlink(missing_ok=True)
    argv = [sys.executable, str(HERE / "key_harness.py"), str(out), str(ready), "--focus", focus]
    with PtyApp([*argv, *target], env) as app:
        deadline = time.perf_counter() + timeout
        while not ready.exists():
            if time.perf_counter() > deadline or not app.pump(0.05):
                raise RuntimeError(app._explain(f"{focus} never got content"))
        info = json.loads(ready.read_text(encoding="utf-8"))
        app.drain(1.0)  # let the app's own settle timers (details, status) run out first
        if plan == "move":
            keys = move_plan(int(info["lines"]), int(info.get("cursor", 0)), presses)
        else:
            keys = [plan] * presses
        sent = 0.0
        for key in keys:
            while True:
                now = time.perf_counter()
                if now - sent >= gap and now - app.last_output >= QUIET:
                    break
                app.pump(0.003)
            app.send(KEYS[key])
            sent = time.perf_counter()
            answer_by = sent + 1.0
            while app.last_output < sent and (left := answer_by - time.perf_counter()) > 0:
                app.pump(left)
        app.drain(0.3)
        assert app.process is not None
        os.kill(app.process.pid, signal.SIGUSR1)
        deadline = time.perf_counter() + 10
        while not out.exists() and time.perf_counter() < deadline:
            app.pump(0.02)
        data = json.loads(out.read_text(encoding="utf-8"))
    result = latencies(data["arrivals"], data["handled"], data["frames"])
    result.widget = str(info.get("widget", ""))
    return result
