"""Parent side of the key-latency benchmark: type keys into a real pty, read the timings back.

Keys go in at least ``MIN_GAP`` apart and never before the previous key's frame is on
screen (plus a short quiet spell), so each press is timed on its own rather than
queued behind the last. The timings come from inside the app (see key_harness.py).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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


def move_plan(lines: int, presses: int) -> list[str]:
    """Down then up over the visible lines, so every press moves the cursor."""
    span = max(1, min(20, lines - 1))
    cycle = ["down"] * span + ["up"] * span
    return (cycle * (presses // len(cycle) + 1))[:presses]


def latencies(
    arrivals: Sequence[Sequence[float | str]], frames: Sequence[Sequence[float]]
) -> KeyTimes:
    """For each key, the end of the first frame handed to the terminal after it arrived."""
    found: list[float] = []
    unanswered = 0
    begins = sorted(frames)
    times = [float(a[0]) for a in arrivals]
    for n, arrived in enumerate(times):
        following = times[n + 1] if n + 1 < len(times) else float("inf")
        frame = next((f for f in begins if f[0] >= arrived), None)
        if frame is None or frame[0] >= following:
            unanswered += 1
            continue
        found.append(frame[1] - arrived)
    return KeyTimes(found, unanswered, "")


def session(
    target: Sequence[str],
    env: Mapping[str, str],
    focus: str,
    presses: int,
    workdir: Path,
    plan: str = "move",
    timeout: float = 90.0,
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
        app.drain(0.5)
        keys = move_plan(int(info["lines"]), presses) if plan == "move" else [plan] * presses
        sent = 0.0
        for key in keys:
            while True:
                now = time.perf_counter()
                if now - sent >= MIN_GAP and now - app.last_output >= QUIET:
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
    result = latencies(data["arrivals"], data["frames"])
    result.widget = str(info.get("widget", ""))
    return result
