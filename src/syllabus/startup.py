"""All interpreter tuning, in one place: the cycle collector and the fast exit.

The rest of the code base never touches ``gc`` or ``os._exit``; the entry points call
these at the moments they name.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

COMMAND_GC_THRESHOLD = 100_000
"""Young-generation threshold for a one-shot command."""

BUILD_GC_THRESHOLD = 100_000
"""Young-generation threshold while an import builds a roadmap."""

_USUAL_GC = gc.get_threshold()
_BUILDING = threading.Lock()
_builds: list[tuple[int, int, int]] = []
"""The thresholds to restore, while builds run (one entry per running build)."""


def tune_for_start() -> None:
    """The entry point's first step, before anything big is imported: the collector is
    off until ``tune_for_command`` or ``app_ready`` turn it back on.

    Start-up, the app's or a command's, makes objects that live on (Textual's, the
    model's, the records): collecting while they are made found next to nothing to
    free; ``tui.app.run`` calls this too, for an app opened without the entry point.
    Before, the app raised the young generation's threshold once Textual was
    imported: collecting during the imports cost ~7 ms of the first frame, and the
    one collection of ~100,000 young objects that came later landed in the loading
    worker. Off until content shows: first frame -13 ms, content -17 ms (8 alternated
    rounds, heavy progress). A 3-year progress file leaves ~2,600 unreachable objects
    by then; they are frozen with the rest (``app_ready``).
    """
    gc.disable()


def tune_for_command() -> None:
    """A command builds a few thousand records and is gone a moment later.

    Collecting cycles while it allocates cost ~10 % of a run (measured on a 3-year
    progress file) and found next to nothing; a high threshold keeps memory bounded
    all the same.
    """
    gc.set_threshold(COMMAND_GC_THRESHOLD, 50, 100)
    gc.enable()


def app_ready() -> None:
    """Content is on screen: what start-up built is moved out of the collector's sight
    (``gc.freeze``), so later collections walk only what the session makes, and the
    collector runs again at its usual pace."""
    gc.freeze()
    gc.set_threshold(*_USUAL_GC)
    gc.enable()


def exit_now(code: int) -> None:
    """Flush the output and end the process without tearing the interpreter down.

    Freeing every module, schema and record one by one takes 20-30 ms after a command
    on a big progress file; the system reclaims it at once. Nothing is lost: every file
    a command writes is closed (and fsynced) before the command returns, and the
    progress lock goes with its descriptor.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe (``| head``): there is no one left to read it
    os._exit(code)


@contextmanager
def building() -> Iterator[None]:
    """An import makes a record for every block, line and item of a document, and all of
    them live until the roadmap is built: the collector found nothing to free while it
    walked them again and again (a 50,000-item plan: 2.4 s of 8.2 s in 14 full
    collections, 0.15 s with this threshold). Within the block the young generation is
    collected as in a command; the thresholds in force before are restored after it
    (the app's, when its import screen imports in a worker thread)."""
    with _BUILDING:
        before = gc.get_threshold()
        _builds.append(before)
        if before[0] < BUILD_GC_THRESHOLD:
            gc.set_threshold(BUILD_GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        with _BUILDING:
            restore = _builds.pop()
            if not _builds:
                gc.set_threshold(*restore)
