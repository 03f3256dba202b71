"""Model objects → plain data (the inverse of ``model.validate``).

What a roadmap file, an export or the undo journal stores: dicts, lists, strings and
numbers, with enums as their values and dates as ISO text. Fields keep their
declaration order, so a file written twice is the same text.
"""

from __future__ import annotations

from dataclasses import MISSING, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any


def dump(
    value: Any,
    *,
    exclude_none: bool = False,
    exclude_defaults: bool = False,
    exclude: frozenset[str] | set[str] = frozenset(),
) -> Any:
    """``value`` as plain JSON-ready data.

    ``exclude_none`` and ``exclude_defaults`` leave out fields that are None or equal
    to their default, at every level; ``exclude`` names top-level fields to leave out.
    """
    return _dump(value, exclude_none, exclude_defaults, exclude)


def _dump(value: Any, none: bool, defaults: bool, exclude: frozenset[str] | set[str]) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for spec in fields(value):
            name = spec.name
            if name in exclude:
                continue
            item = getattr(value, name)
            if none and item is None:
                continue
            if defaults and _is_default(spec, item):
                continue
            out[name] = _dump(item, none, defaults, frozenset())
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dump(v, none, defaults, frozenset()) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_dump(v, none, defaults, frozenset()) for v in value]
    return value


def _is_default(spec: Any, value: Any) -> bool:
    if spec.default is not MISSING:
        return bool(value == spec.default)
    if spec.default_factory is not MISSING:
        return bool(value == spec.default_factory())
    return False
