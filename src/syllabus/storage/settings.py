"""This machine's settings: the interface language and the practice timer's lengths.

They live in ``local/settings.toml``, not in ``progress.toml``: the language must be
known before anything else at start (the app's key descriptions are translated as its
modules load), so it is one small file read in well under a millisecond, with no merge,
lock or schema; and both are about the machine and the person at it (a terminal whose
locale is German, a timer on a work laptop), not about the learning record that
syncs. ``day_start_hour`` stays in ``progress.toml`` because it decides which day a
check-in counts for, and every machine must agree on that.

A missing file, an unreadable one or a value out of range gives the default: a typo
in a hand edit never stops the app. Keys this version does not know are kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from syllabus.storage.paths import settings_path

TIMER_MINUTES = (1, 240)
"""The range a timer length may take, in minutes."""


class MachineSettings(NamedTuple):
    """What ``local/settings.toml`` holds.

    A NamedTuple, not a dataclass: every command reads it first, and building a
    dataclass costs more than reading the file.
    """

    language: str = "auto"
    """``auto`` (from the environment) or a language with a catalog (``de``, ``en``)."""
    timer_work: int = 25
    """Minutes of a practice timer's work stretch."""
    timer_break: int = 5
    """Minutes of a practice timer's break."""


def _raw(root: Path) -> dict[str, Any]:
    """The file's table; empty when it is missing or not TOML."""
    try:
        text = settings_path(root).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    import rtoml

    try:
        data = rtoml.loads(text)
    except (rtoml.TomlParsingError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _minutes(value: object, default: int) -> int:
    low, high = TIMER_MINUTES
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return default


def _language(value: object) -> str:
    from syllabus.locale import available

    return value if isinstance(value, str) and value in ("auto", *available()) else "auto"


def read(root: Path) -> MachineSettings:
    """The settings of the data dir ``root`` (defaults for anything missing or invalid).

    No file, the usual case, costs one failed open."""
    data = _raw(root)
    if not data:
        return MachineSettings()
    timer = data.get("timer")
    timer = timer if isinstance(timer, dict) else {}
    defaults = MachineSettings()
    return MachineSettings(
        language=_language(data.get("language")),
        timer_work=_minutes(timer.get("work"), defaults.timer_work),
        timer_break=_minutes(timer.get("break"), defaults.timer_break),
    )


def write(root: Path, settings: MachineSettings) -> None:
    """Save ``settings`` atomically, keeping keys this version does not know.

    Raises OSError when the file cannot be written (the old one stays)."""
    import tomli_w

    from syllabus.storage.atomic import write_atomic

    data = _raw(root)
    data["language"] = settings.language
    timer = data.get("timer")
    timer = dict(timer) if isinstance(timer, dict) else {}
    timer.update(work=settings.timer_work, **{"break": settings.timer_break})
    data["timer"] = timer
    write_atomic(settings_path(root), tomli_w.dumps(data).encode("utf-8"))


def change(root: Path, **fields: str | int) -> MachineSettings:
    """Read, replace ``fields`` (``language``, ``timer_work``, ``timer_break``), save;
    returns what was saved. Raises OSError when the file cannot be written."""
    updated = read(root)._replace(**fields)  # type: ignore[arg-type]
    write(root, updated)
    return updated
