"""Bursts of keys: the slow work behind a key is done at once for a single press and
once, after the last, for presses that come in quick succession (a held arrow key).

A learner stepping through the tree reads each node: a single move shows every pane in
the next frame, with no delay. Holding a key sends a press every few tens of
milliseconds; filling the checklist and the detail pane for each of them would put a
long frame in front of every next press, so the cursor would lag. Within a burst the
cursor moves at once and the panes follow when the keys rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer

BURST_GAP = 0.1
"""Seconds: a press this soon after the one before belongs to its burst. Key repeat
comes every 25–50 ms; stepping and reading is several hundred."""


class Burst:
    """Tells a single press from one inside a burst, and runs deferred work at its end.

    ``press()`` returns True when the work should be done now (the press came alone);
    False when it came inside a burst, and then ``run`` is called once the presses have
    rested for ``gap`` seconds (not for every press).
    """

    def __init__(self, owner: MessagePump, run: Callable[[], object], gap: float = BURST_GAP):
        self._owner = owner
        self._run = run
        self._gap = gap
        self._last = float("-inf")
        self._timer: Timer | None = None

    @property
    def waiting(self) -> bool:
        """Whether work is deferred to the end of a burst."""
        return self._timer is not None

    def press(self) -> bool:
        """Note a press; True when it came alone and its work should be done now."""
        now = time.monotonic()
        in_burst = now - self._last < self._gap
        self._last = now
        if not in_burst:
            return True
        if self._timer is None:
            self._timer = self._owner.set_timer(self._gap, self._rested)
        return False

    def _rested(self) -> None:
        left = self._last + self._gap - time.monotonic()
        if left > 0:  # another press came meanwhile: wait for the rest after it
            self._timer = self._owner.set_timer(left, self._rested)
            return
        self._timer = None
        self._run()
