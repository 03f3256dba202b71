"""Model objects ↔ plain data.

``dump``: what a roadmap file, an export or the undo journal stores: dicts, lists,
strings and numbers, with enums as their values and dates as ISO text. Fields keep
their declaration order, so a file written twice is the same text.

``build``: parsed data whose values already have their fields' exact types (a file
syllabus wrote) → model objects, each made by its own constructor so the model's rules
run, with no pydantic. Building pydantic's validators takes ~0.1 s in every process,
more than a command's whole budget above the reference; ``model.validate`` tries
``build`` first and lets pydantic convert or reject anything else.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import MISSING, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from types import UnionType
from typing import Any, Literal, NoReturn, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


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


# --- the types of a record's fields -----------------------------------------------------

_FIELD_TYPES: dict[type, dict[str, Any]] = {}
_EVALUATED: dict[tuple[str, str], Any] = {}
"""Each annotation text evaluated so far, by (module, text)."""


def field_types(kind: type) -> dict[str, Any]:
    """What ``typing.get_type_hints(kind)`` gives, each distinct annotation evaluated once.

    Every annotation in the model is a string (``from __future__ import annotations``)
    and ``get_type_hints`` compiles each one afresh for every class it is asked about:
    reading a progress file (``build`` here, the file's layout in ``storage.toml_io``)
    asks for all sixteen record types twice, and a few dozen texts ("str", "datetime |
    None") over some two hundred fields cost ~4 ms of compiling per process. A text is
    evaluated in its module's namespace, where ``get_type_hints`` looks first; one that
    needs anything else goes to ``get_type_hints`` itself.
    """
    found = _FIELD_TYPES.get(kind)
    if found is None:
        found = _FIELD_TYPES[kind] = _evaluated_hints(kind)
    return found


def _evaluated_hints(kind: type) -> dict[str, Any]:
    hints: dict[str, Any] = {}
    for base in reversed(kind.__mro__):
        annotations = base.__dict__.get("__annotations__") or {}
        module = sys.modules.get(base.__module__)
        for name, text in annotations.items():
            key = (base.__module__, text)
            if key not in _EVALUATED:
                if not isinstance(text, str) or module is None:
                    return get_type_hints(kind)
                try:
                    value = eval(text, vars(module))
                except NameError:  # a name of the class's own namespace
                    return get_type_hints(kind)
                _EVALUATED[key] = type(None) if value is None else value
            hints[name] = _EVALUATED[key]
    return hints


# --- plain data → model objects, without pydantic -----------------------------------


class NotPlain(ValueError):
    """The data is not exactly what ``build`` takes; ``model.validate`` decides on it."""


Build = Callable[[Any], Any]


def build(kind: type[T], data: Any) -> T:
    """``data`` as a ``kind`` object when every value already has its field's exact type.

    What a parser gives for a file syllabus wrote: dicts, lists, strings, numbers
    (an int where a float is declared), booleans, ``date`` and aware ``datetime``
    objects, enum values. Each record is made by its own constructor, so its rules
    (``__post_init__``: ranges, dates, clean text) run as they do under pydantic.
    Anything else (a missing field, a string for a number, an unknown key where the
    class forbids them, a value its rules refuse) raises ``NotPlain``, and the caller
    lets pydantic convert or name the wrong value.
    """
    result: T = _builder(kind)(data)
    return result


_BUILDERS: dict[Any, Build] = {}


def _builder(hint: Any) -> Build:
    found = _BUILDERS.get(hint)
    if found is None:
        found = _BUILDERS[hint] = _make(hint)
    return found


def _refuse(value: Any, what: str) -> NoReturn:
    raise NotPlain(f"{type(value).__name__} where {what} is declared")


def _exactly(kind: type) -> Build:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            _refuse(value, kind.__name__)
        return value

    return check


def _real(value: Any) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    _refuse(value, "float")


def _moment(value: Any) -> datetime:
    if type(value) is not datetime or value.tzinfo is None:
        _refuse(value, "aware datetime")
    return value


_SIMPLE: dict[Any, Build] = {
    str: _exactly(str),
    bool: _exactly(bool),
    int: _exactly(int),
    date: _exactly(date),
    float: _real,
    datetime: _moment,
    Any: lambda value: value,
}


def _make(hint: Any) -> Build:
    if hint in _SIMPLE:
        return _SIMPLE[hint]
    if isinstance(hint, type) and is_dataclass(hint):
        return _record(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        return _optional(hint, args)
    if origin is Literal:
        return _literal(args)
    if origin is list and len(args) == 1:
        return _list(args[0])
    if origin is dict and len(args) == 2 and args[0] is str:
        return _dict(args[1])
    return _never(hint)


def _never(hint: Any) -> Build:
    """A type ``build`` does not make (a union, a tuple, ...): pydantic's job."""

    def refuse(value: Any) -> Any:
        raise NotPlain(f"build does not make a {hint!r}")

    return refuse


def _optional(hint: Any, args: tuple[Any, ...]) -> Build:
    inner = [a for a in args if a is not type(None)]
    if len(inner) != 1 or len(args) != 2:
        return _never(hint)
    of = inner[0]
    simple = _SIMPLE.get(of)
    if simple is not None:  # ``datetime | None`` and the like: the inner check bound once

        def optional_simple(value: Any) -> Any:
            return None if value is None else simple(value)

        return optional_simple

    def optional(value: Any) -> Any:  # a record: found when used, records may nest
        return None if value is None else _builder(of)(value)

    return optional


def _enum(kind: type[Enum]) -> Build:
    members = {member.value: member for member in kind}

    def member(value: Any) -> Any:
        if type(value) is kind:
            return value
        found = members.get(value) if type(value) in (str, int) else None
        if found is None:
            _refuse(value, kind.__name__)
        return found

    return member


def _literal(args: tuple[Any, ...]) -> Build:
    allowed = {(type(a), a) for a in args}

    def literal(value: Any) -> Any:
        if (type(value), value) not in allowed:
            _refuse(value, f"one of {args!r}")
        return value

    return literal


def _list(of: Any) -> Build:
    def items(value: Any) -> list[Any]:
        if type(value) is not list:
            _refuse(value, "list")
        make = _builder(of)
        return [make(v) for v in value]

    return items


def _dict(of: Any) -> Build:
    def table(value: Any) -> dict[str, Any]:
        if type(value) is not dict:
            _refuse(value, "table")
        make = _builder(of)
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                _refuse(key, "str key")
            out[key] = make(item)
        return out

    return table


def _record(kind: type) -> Build:
    if "__slots__" in vars(kind) or not all(spec.init for spec in fields(kind)):
        return _never(kind)  # made field by field below: every field must be an argument
    hints = field_types(kind)
    specs = list(fields(kind))
    names = frozenset(spec.name for spec in specs)
    required = frozenset(
        spec.name for spec in specs if spec.default is MISSING and spec.default_factory is MISSING
    )
    defaults = {spec.name: spec.default for spec in specs if spec.default is not MISSING}
    factories = [
        (spec.name, spec.default_factory) for spec in specs if spec.default_factory is not MISSING
    ]
    config = getattr(kind, "__pydantic_config__", None) or {}
    forbid = config.get("extra") == "forbid"
    after = getattr(kind, "__post_init__", None)
    makers: dict[str, Build] = {}  # filled on first use: records may nest themselves

    def record(value: Any) -> Any:
        if type(value) is not dict:
            _refuse(value, kind.__name__)
        if not names.issuperset(value):
            if forbid:
                raise NotPlain(f"unknown key in {kind.__name__}: {sorted(set(value) - names)}")
            value = {k: v for k, v in value.items() if k in names}
        if not required.issubset(value):
            raise NotPlain(f"{kind.__name__} lacks {sorted(required - set(value))}")
        if not makers:
            makers.update((spec.name, _builder(hints[spec.name])) for spec in specs)
        made = dict(defaults)
        for name, item in value.items():
            made[name] = makers[name](item)
        for name, factory in factories:
            if name not in made:
                made[name] = factory()
        # As pydantic makes a dataclass: every field set at once, then the record's rules.
        result: Any = object.__new__(kind)
        object.__setattr__(result, "__dict__", made)
        if after is not None:
            try:
                after(result)
            except (TypeError, ValueError, OverflowError) as error:
                raise NotPlain(f"{kind.__name__}: {error}") from None
        return result

    return record
