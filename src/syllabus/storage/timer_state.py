"""The running focus timer, kept per machine in ``local/timer.toml``.

A timer is about the person at this machine, like the language (``storage.settings``):
it does not sync, merge or take part in undo. Written atomically; a missing or damaged
file is no timer (a typo in a hand edit never stops the app).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from syllabus.storage.paths import local_dir

if TYPE_CHECKING:
    from syllabus.model.timer import Timer


def timer_path(root: Path) -> Path:
    """Where the running timer is kept."""
    return local_dir(root) / "timer.toml"


def read(root: Path) -> Timer | None:
    """The running timer of data dir ``root``, None when none runs (or the file is bad)."""
    try:
        text = timer_path(root).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    import rtoml

    from syllabus.model.timer import Timer  # only for a timer that runs: the app's start

    try:
        data: dict[str, Any] = rtoml.loads(text)
        started = data["started"]
        if not isinstance(started, datetime) or started.tzinfo is None:
            return None
        mode = data.get("mode", "plain")
        return Timer(
            roadmap=str(data["roadmap"]),
            node=str(data["node"]),
            item=str(data["item"]) if data.get("item") else None,
            started=started,
            mode=mode if mode in ("plain", "pomodoro") else "plain",
            work=int(data.get("work", 25)),
            rest=int(data.get("break", 5)),
        )
    except (rtoml.TomlParsingError, ValueError, KeyError, TypeError):
        return None


def write(root: Path, timer: Timer) -> None:
    """Keep ``timer`` as the running one; raises OSError when it cannot be written."""
    import tomli_w

    from syllabus.storage.atomic import write_atomic

    data: dict[str, Any] = {
        "roadmap": timer.roadmap,
        "node": timer.node,
        "started": timer.started,
        "mode": timer.mode,
        "work": timer.work,
        "break": timer.rest,
    }
    if timer.item:
        data["item"] = timer.item
    write_atomic(timer_path(root), tomli_w.dumps(data).encode("utf-8"))


def clear(root: Path) -> None:
    """No timer runs any more."""
    try:
        timer_path(root).unlink()
    except FileNotFoundError:
        pass
