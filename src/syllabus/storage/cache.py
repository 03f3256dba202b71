"""Files syllabus has validated, kept ready to load again: per machine, in ``local/cache/``.

Reading the progress file means parsing TOML and validating every record with
pydantic; at a heavy user's 350 KB that is ~50 ms, plus ~150 ms to import pydantic and
build its validators. Most starts read a file this machine wrote or read before, so
each validated result is pickled here beside the exact bytes it came from. ``load``
returns it only when the file's bytes are the same, byte for byte (compared, not
hashed), and this syllabus's model is the one that wrote it; anything else, and the
caller reads the file the long way (and stores the result once its work is done).

It is a cache: a missing, damaged or foreign entry is a miss, a failed write is
silent. Entries are unpickled with only the model's classes and ``datetime`` allowed.
"""

from __future__ import annotations

import io
import os
import pickle
import struct
from pathlib import Path
from typing import Any

from syllabus.storage.paths import local_dir

FORMAT = 1
"""Bumped when the layout of an entry changes."""

_MAGIC = b"syllabus cache\n"
_MODEL_MODULES = ("syllabus.model.progress", "syllabus.model.roadmap")
_ALLOWED = {("datetime", name) for name in ("date", "datetime", "timedelta", "timezone")}


def cache_dir(root: Path) -> Path:
    """Where entries live: never synced, safe to delete."""
    return local_dir(root) / "cache"


def _entry_path(root: Path, name: str) -> Path:
    return cache_dir(root) / f"{name}.pickle"


_STAMP: list[bytes] = []


def _stamp() -> bytes:
    """This syllabus's version, this format and its model (fields, enums, files), as bytes."""
    if not _STAMP:
        import sys
        from dataclasses import fields, is_dataclass
        from enum import Enum

        from syllabus import __version__

        parts = [__version__, str(FORMAT), str(sys.version_info[:2])]
        for module_name in _MODEL_MODULES:
            module = sys.modules.get(module_name) or __import__(module_name, fromlist=["_"])
            try:  # a changed rule in __post_init__ changes the file, if not the fields
                parts.append(str(os.stat(module.__file__ or "").st_mtime_ns))
            except OSError:
                pass
            for name, value in sorted(vars(module).items()):
                if not isinstance(value, type) or value.__module__ != module_name:
                    continue
                if is_dataclass(value):
                    parts.append(name + ",".join(f"{f.name}:{f.type}" for f in fields(value)))
                elif issubclass(value, Enum):
                    parts.append(name + ",".join(str(member.value) for member in value))
        _STAMP.append("\n".join(parts).encode("utf-8"))
    return _STAMP[0]


class _Unpickler(pickle.Unpickler):
    """Builds only the model's classes and ``datetime`` values; anything else is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if module in _MODEL_MODULES or (module, name) in _ALLOWED:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


def load(root: Path, name: str, source: bytes) -> Any | None:
    """What ``source`` was validated into, if this machine stored it; else None."""
    try:
        with open(_entry_path(root, name), "rb") as handle:
            entry = handle.read()
    except OSError:
        return None
    head = len(_MAGIC)
    if entry[:head] != _MAGIC or len(entry) < head + 16:
        return None
    stamp_size, source_size = struct.unpack_from("<QQ", entry, head)
    start = head + 16
    stamp = _stamp()
    if stamp_size != len(stamp) or source_size != len(source):
        return None
    view = memoryview(entry)
    if view[start : start + stamp_size] != stamp:
        return None
    start += stamp_size
    if view[start : start + source_size] != source:
        return None
    start += source_size
    try:
        return _Unpickler(io.BytesIO(view[start:])).load()
    except Exception:  # noqa: BLE001 — a damaged entry is only a miss
        return None


def store(root: Path, name: str, source: bytes, value: Any) -> None:
    """Remember that ``source`` is valid and reads as ``value`` (silently skipped on errors)."""
    stamp = _stamp()
    try:  # rtoml's and pydantic's zones pickle as timezone: pickle_zones_as_standard
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 — an unpicklable value is simply not cached
        return
    folder = cache_dir(root)
    target = _entry_path(root, name)
    temp = folder / f".{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(temp, "wb") as out:
            out.write(_MAGIC + struct.pack("<QQ", len(stamp), len(source)))
            out.write(stamp)
            out.write(source)
            out.write(payload)
        os.replace(temp, target)
    except OSError:
        try:
            temp.unlink()
        except OSError:
            pass
