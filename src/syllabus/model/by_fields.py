"""Equality, hash and repr over a record's fields, written once for every model class.

``@dataclass`` compiles each method it makes from source text as its module loads:
for the progress records and the roadmap's that was ~20 ms of every command's start
and of the app's, as much as reading a 3-year progress file. So the model's classes
keep the generated ``__init__`` and frozen ``__setattr__`` and take these three from
``ByFields`` (``@dataclass(frozen=True, eq=False, repr=False)``), with the results the
generated ones give: equal when of the same class with equal fields, a hash of the
fields, ``Name(field=value, ...)`` (``tests/unit/test_progress_record_methods.py``
compares each class with a twin made by the standard ``@dataclass``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter
from typing import Any


class ByFields:
    """A dataclass's ``__eq__``, ``__hash__`` and ``__repr__``, by its fields."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _VALUES.get(self.__class__) or _field_values(self.__class__)
        return bool(values(self) == values(other))

    def __hash__(self) -> int:
        values = _VALUES.get(self.__class__) or _field_values(self.__class__)
        return hash(values(self))

    def __repr__(self) -> str:
        kind: Any = self.__class__
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(kind) if f.repr)
        return f"{kind.__qualname__}({shown})"


_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
"""Per class: its compared fields' values as a tuple, in declaration order."""


def _field_values(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    names = [f.name for f in fields(kind) if f.compare]
    values = attrgetter(*names)
    found: Callable[[Any], tuple[Any, ...]] = (
        values if len(names) > 1 else lambda record: (values(record),)
    )
    _VALUES[kind] = found
    return found
