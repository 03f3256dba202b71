"""Run a terminal program in a real pseudo-terminal and watch what it draws.

Start-up is timed from spawn to the moment a marker text shows up in the output
(escape sequences stripped), because that is what a person sees: the time a frame
is in the terminal, not the time a function returned.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

COLUMNS = 160
LINES = 45

# CSI, OSC (BEL or ST terminated), DCS/APC/PM/SOS strings, and two-byte escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b]*\x1b\\"
    r"|\x1b[@-Z\\-_]"
    r"|\x1b[ -/][0-~]"
    r"|[\x00-\x08\x0b-\x1f\x7f]"
)
# An escape sequence cut off at the end of a read: kept for the next one.
_TAIL = re.compile(r"\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*|[PX^_][^\x1b]*|[ -/])?\Z")


def strip_escapes(text: str) -> str:
    """Terminal output as plain text, so a marker can be searched for."""
    return _ESCAPES.sub("", text)


def terminal_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a program run in the benchmark terminal."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL", "PYTEST")) and key not in {"NO_COLOR", "TERM_PROGRAM"}
    }
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        COLUMNS=str(COLUMNS),
        LINES=str(LINES),
        PYTHONUNBUFFERED="1",
    )
    if extra:
        env.update(extra)
    return env


@dataclass
class PtyApp:
    """A program running in a pseudo-terminal, its output read as it comes."""

    argv: Sequence[str]
    env: Mapping[str, str]
    cwd: str | None = None
    started: float = 0.0
    process: subprocess.Popen[bytes] | None = None
    master: int = -1
    text: str = ""
    """Everything drawn so far, escapes stripped."""
    raw_bytes: int = 0
    last_output: float = 0.0
    reads: list[float] = field(default_factory=list)
    """When each read got output (``perf_counter``)."""
    _carry: str = ""
    _decoder: codecs.IncrementalDecoder = field(
        default_factory=lambda: codecs.getincrementaldecoder("utf-8")("replace")
    )

    def start(self) -> None:
        """Spawn the program on a fresh pty of COLUMNS x LINES."""
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.master = master
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(self.argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(self.env),
            cwd=self.cwd,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)

    def pump(self, timeout: float) -> bool:
        """Read what is there (waiting up to ``timeout``); False once the program is gone."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return True
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return False
        if not data:
            return False
        self.last_output = time.perf_counter()
        self.reads.append(self.last_output)
        self.raw_bytes += len(data)
        chunk = self._carry + self._decoder.decode(data)
        tail = _TAIL.search(chunk)
        if tail:
            self._carry, chunk = chunk[tail.start() :], chunk[: tail.start()]
        else:
            self._carry = ""
        self.text += strip_escapes(chunk)
        return True

    def wait_for(self, marker: str, timeout: float = 30.0, since: int = 0) -> float:
        """Seconds from spawn until ``marker`` is drawn (searching from ``since``)."""
        deadline = time.perf_counter() + timeout
        start = max(0, since - len(marker))
        while True:
            if marker in self.text[start:]:
                return self.last_output - self.started
            start = max(since, len(self.text) - len(marker))
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(self._explain(f"{marker!r} not drawn within {timeout:.0f} s"))
            if not self.pump(min(left, 0.5)):
                if marker in self.text[start:]:
                    return self.last_output - self.started
                raise RuntimeError(self._explain(f"program exited before drawing {marker!r}"))

    def drain(self, seconds: float) -> None:
        """Keep reading for a while (so the program never blocks on a full pty)."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            if not self.pump(left):
                return

    def send(self, keys: str) -> None:
        """Type bytes into the program's terminal."""
        os.write(self.master, keys.encode())

    def peak_rss_kib(self) -> int | None:
        """The program's peak resident set (VmHWM), while it still runs."""
        if self.process is None:
            return None
        try:
            with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def stop(self, sig: int = signal.SIGKILL) -> int | None:
        """End the program (it has been measured) and reap it."""
        if self.process is not None:
            if self.process.poll() is None:
                try:
                    os.killpg(self.process.pid, sig)
                except ProcessLookupError:
                    pass
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait()
            code = self.process.returncode
        else:
            code = None
        if self.master >= 0:
            try:
                self.drain(0)
            finally:
                os.close(self.master)
                self.master = -1
        return code

    def _explain(self, what: str) -> str:
        tail = " ".join(self.text[-600:].split())
        return f"{' '.join(self.argv)}: {what}; screen ends: {tail[-400:]!r}"

    def __enter__(self) -> PtyApp:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def time_to_markers(
    argv: Sequence[str],
    markers: Sequence[str],
    env: Mapping[str, str],
    timeout: float = 30.0,
    rss: bool = False,
) -> tuple[list[float], int | None]:
    """Spawn, wait for each marker in turn; seconds from spawn to each, and peak RSS if asked."""
    times: list[float] = []
    with PtyApp(argv, env) as app:
        since = 0
        for marker in markers:
            times.append(app.wait_for(marker, timeout, since))
        peak = None
        if rss:
            app.drain(0.3)
            peak = app.peak_rss_kib()
    return times, peak
