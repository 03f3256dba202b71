"""The progress file's TOML, written and read from the model's own fields.

Nothing here names a record's fields. The writer and the reader walk
``dataclasses.fields()`` and the type hints from ``Progress`` down through every
record, so a field added to the model is saved and read back without a change here
(``tests/unit/test_storage_fields.py`` fills every field of every record to prove it).

Why not a generic TOML writer: the file must stay readable and quick to write at
1 MB. tomli-w or rtoml turn each of 10,000 item states into its own
``[roadmaps.x.items."a/b"]`` table (three lines each) and need a plain dump first;
this writer puts one item state on one line and writes check-ins as tables in date
order. Reading uses rtoml (measured ~10x faster than tomllib at 1 MB); tests check the
output against tomllib too, so the file is plain TOML any tool can read.

The layout follows from the types:

- a field holding a value (text, number, date, time, a list of values) is one
  ``key = value``; ``None`` is left out (TOML has no null), and so is ``false``, ``""``
  or an empty list when that is the field's default;
- a record (the settings, a roadmap's enrolment) is a ``[table]``;
- a table of records in the file's top record (``roadmaps``, ``checkins``) is a
  ``[table]`` per record; deeper (a roadmap's ``items``) one line per record;
- a list of records (pauses, replans) is an array of inline tables, one a line;
- a record's own fields come in the order they are declared, inherited ones
  (``updated``) last; the records of a table are sorted by their own dates (check-ins
  in date order), then by key; a record kept under its ``id`` does not repeat it.

For example (``schema`` first; every table optional)::

    schema = 1

    [settings]
    active_roadmap = "mlops-6-months"
    day_start_hour = 4
    updated = 2026-11-23T08:15:02.123456Z

    [roadmaps.mlops-6-months.enrolment]
    start = 2026-11-23
    hours_per_week = 12.0
    ...

    [roadmaps.mlops-6-months.items]
    "week-01/install-docker" = { state = "done", updated = 2026-11-23T08:15:02.123456Z }

    [checkins.3f9a1c2b7d]
    date = 2026-11-23
    hours = 1.5
    ...
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import MISSING, Field, fields, is_dataclass
from datetime import UTC, date, datetime, time
from enum import Enum
from operator import attrgetter
from typing import Any, Literal, NamedTuple, Union, get_args, get_origin

from syllabus.locale import _
from syllabus.model.plain import field_types
from syllabus.model.progress import Progress, as_utc

HEADER = (
    "# syllabus progress: your enrolments, item states, notes and check-ins.\n"
    "# Safe to edit by hand while syllabus is closed; keep it valid TOML. A record\n"
    "# without `updated` gets the file's modification time. Times are UTC.\n"
)

FILE_KEYS = {"schema_version": "schema"}
"""Fields whose key in the file is not their name: the file says ``schema = 1``."""

KEY_FIELD = "id"
"""A record kept in a table under its id does not repeat it; the reader fills it in."""

TIME_FIELD = "updated"
"""The time every record carries; a time missing from a record typed by hand is this one."""

_BARE = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_ML_ESCAPE = re.compile(r'[\x00-\x08\x0b-\x1f\x7f"\\]')
_ESCAPES = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"


def string(text: str) -> str:
    """A TOML basic string, on one line."""
    return f'"{_ESCAPE.sub(_escape_char, text)}"'


def text_block(text: str) -> str:
    """A TOML string for prose: multi-line when it has line breaks, so it reads as written."""
    if "\n" not in text:
        return string(text)
    return '"""\n' + _ML_ESCAPE.sub(_escape_char, text) + '"""'


def key(name: str) -> str:
    """A TOML key: bare when it can be, else quoted."""
    return name if _BARE.match(name) else string(name)


def moment(value: datetime) -> str:
    """An offset date-time in UTC, to the microsecond ("Z" for readability)."""
    # One isoformat call, which asks the zone for its offset only once: a save writes
    # ~20,000 of these, most carrying rtoml's zone, whose utcoffset is a foreign call.
    text = value.isoformat()
    if text.endswith("+00:00"):
        return text[:-6] + "Z"
    return as_utc(value).isoformat()[:-6] + "Z"


def number(value: float) -> str:
    """A TOML float (repr is exact and always valid TOML)."""
    return repr(float(value))


def _integer(value: int) -> str:
    return str(int(value))


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def _day(value: date) -> str:
    return value.isoformat()


def _any(value: Any) -> str:
    """A value whose type the hints leave open (a ``Literal``, ``Any``): by its own type."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return _boolean(value)
    if isinstance(value, int):
        return _integer(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, date):
        return _day(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_any(v) for v in value) + "]"
    if isinstance(value, dict):
        return _inline_table(f"{key(k)} = {_any(v)}" for k, v in value.items())
    raise TypeError(f"cannot write a {type(value).__name__} to TOML")


def _inline_table(parts: Iterable[str]) -> str:
    text = ", ".join(parts)
    return "{ " + text + " }" if text else "{}"


# --- the shape of each record, from its type hints --------------------------------------

Render = Callable[[Any], str]

_SCALARS: dict[object, Render] = {
    bool: _boolean,
    int: _integer,
    float: number,
    str: string,
    datetime: moment,
    date: _day,
}


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """``X`` from ``X | None``, and whether None was allowed."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


def _renderer(hint: Any) -> Render:
    """How to write a value of a hinted type on one line."""
    hint, _optional = _unwrap(hint)
    if hint in _SCALARS:
        return _SCALARS[hint]
    origin, args = get_origin(hint), get_args(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        written = {member: _any(member.value) for member in hint}
        return lambda value: written.get(value) or _any(value)
    if origin in (list, tuple) and len(args) == 1:
        item = _renderer(args[0])
        return lambda values: "[" + ", ".join(item(v) for v in values) + "]"
    if origin is dict and len(args) == 2:
        entry = _renderer(args[1])
        return lambda table: _inline_table(f"{key(k)} = {entry(v)}" for k, v in table.items())
    if origin is Literal or hint is Any:
        return _any
    raise TypeError(f"no TOML form for {hint!r}")


VALUE, RECORD, RECORDS, TABLE = "value", "record", "records", "table"
"""What a field holds: a value, a record, a list of records, records by key."""


class Slot(NamedTuple):
    """One field of a record type, as the file holds it."""

    name: str
    """The field's name in the model."""
    key: str
    """Its key in the file, quoted when it must be."""
    role: str
    """VALUE, RECORD, RECORDS or TABLE."""
    record: type | None
    """The record type held, for every role but VALUE."""
    inline: Render
    """A VALUE on one line."""
    block: Render
    """A VALUE in a ``[table]``: text may span lines there."""
    omit_empty: bool
    """The default is ``false``, ``""``, ``[]`` or ``{}``: such a value is left out."""
    required: bool
    """The field has no default."""
    is_time: bool
    """A ``datetime`` field (the reader fills in and fixes times typed by hand)."""
    is_key: bool
    """The ``id`` field: left out of a record kept under it."""


class Shape(NamedTuple):
    """A record type as the file holds it."""

    slots: tuple[Slot, ...]
    """Every field, own ones first in declaration order, then inherited ones."""
    nested: tuple[Slot, ...]
    """The slots holding records."""
    sort_by: tuple[str, ...]
    """Required own date fields: a table of these records is written in their order."""
    keyed: bool
    """The record has an ``id``: in a table its key is that id."""
    renamed: tuple[tuple[str, str], ...]
    """(key in the file, field name) where the two differ."""
    names: frozenset[str]
    """Every field's name: any other key in the file is one syllabus does not know."""
    inline_values: tuple[Written, ...]
    """How each VALUE slot is written on one line (all slots, when ``nested`` is empty)."""
    block_values: tuple[Written, ...]
    """How each VALUE slot is written as a line of a ``[table]``."""
    listed: bool
    """A slot holds a list of records: written among the values, not after them."""
    time_fields: tuple[tuple[str, bool], ...]
    """(field name, required) of the ``datetime`` slots, for the reader's inner loop."""


Written = tuple[str, str, Render, bool, bool]
"""A VALUE slot as the writer's inner loop takes it: (field name, ``key = ``, renderer,
omit an empty default, is the ``id`` field)."""


def _is_record(hint: Any) -> bool:
    return isinstance(hint, type) and is_dataclass(hint)


def _role(hint: Any) -> tuple[str, type | None]:
    hint, _optional = _unwrap(hint)
    if _is_record(hint):
        return RECORD, hint
    origin, args = get_origin(hint), get_args(hint)
    if origin in (list, tuple) and args and _is_record(args[0]):
        return RECORDS, args[0]
    if origin is dict and len(args) == 2 and _is_record(args[1]):
        return TABLE, args[1]
    return VALUE, None


def _omit_empty(spec: Field[Any]) -> bool:
    if spec.default is not MISSING:
        return spec.default is False or spec.default == ""
    if spec.default_factory is not MISSING:
        made = spec.default_factory()
        return isinstance(made, (list, dict, tuple)) and not made
    return False


def _value_renderers(hint: Any) -> tuple[Render, Render]:
    inline = _renderer(hint)
    block = text_block if _unwrap(hint)[0] is str else inline
    return inline, block


def _slot(spec: Field[Any], hint: Any) -> Slot:
    role, record = _role(hint)
    inline, block = _value_renderers(hint) if role == VALUE else (_any, _any)
    return Slot(
        name=spec.name,
        key=key(FILE_KEYS.get(spec.name, spec.name)),
        role=role,
        record=record,
        inline=inline,
        block=block,
        omit_empty=_omit_empty(spec),
        required=spec.default is MISSING and spec.default_factory is MISSING,
        is_time=_unwrap(hint)[0] is datetime,
        is_key=spec.name == KEY_FIELD,
    )


_SHAPES: dict[type, Shape] = {}


def shape(kind: type) -> Shape:
    """The file's view of a record type, worked out once from its fields and hints."""
    found = _SHAPES.get(kind)
    if found is None:
        found = _SHAPES[kind] = _shape(kind)
    return found


def _shape(kind: type) -> Shape:
    hints = field_types(kind)
    inherited = {
        spec.name for base in kind.__mro__[1:] if is_dataclass(base) for spec in fields(base)
    }
    specs = fields(kind)
    ordered = [s for s in specs if s.name not in inherited] + [
        s for s in specs if s.name in inherited
    ]
    slots = tuple(_slot(spec, hints[spec.name]) for spec in ordered)
    return Shape(
        slots=slots,
        nested=tuple(s for s in slots if s.role != VALUE),
        sort_by=tuple(
            s.name
            for s in slots
            if s.required
            and s.name not in inherited
            and _unwrap(hints[s.name])[0] in (date, datetime)
        ),
        keyed=any(s.name == KEY_FIELD for s in slots),
        renamed=tuple((FILE_KEYS[s.name], s.name) for s in slots if s.name in FILE_KEYS),
        names=frozenset(s.name for s in slots),
        inline_values=tuple(_written_as(s, s.inline) for s in slots if s.role == VALUE),
        block_values=tuple(_written_as(s, s.block) for s in slots if s.role == VALUE),
        listed=any(s.role == RECORDS for s in slots),
        time_fields=tuple((s.name, s.required) for s in slots if s.is_time),
    )


def _written_as(slot: Slot, render: Render) -> Written:
    return slot.name, f"{slot.key} = ", render, slot.omit_empty, slot.is_key


# --- writing ------------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    """``false``, ``""``, ``[]`` or ``{}``: left out where that is the default."""
    return value is False or (not value and isinstance(value, (str, list, dict)))


def _entries(kind: type, table: dict[str, Any]) -> list[tuple[str, Any]]:
    """A table's records in the order they are written."""
    order = shape(kind).sort_by
    if not order:
        return sorted(table.items())
    by = attrgetter(*order)  # one date, or a tuple of them: the same order either way
    return sorted(table.items(), key=lambda kv: (by(kv[1]), kv[0]))


Path = tuple[str | int, ...]
"""Where a record is in the file: ``("roadmaps", "r", "items", "week-1/a")``; ``()`` is the top."""

Extras = dict[Path, dict[str, Any]]
"""Keys a person typed that the model does not know, by the record they were in."""


def _kept(value: Any) -> str:
    """An unknown key's value, written back as it was read (times keep their zone or none)."""
    if isinstance(value, (datetime, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_kept(v) for v in value) + "]"
    if isinstance(value, dict):
        return _inline_table(f"{key(k)} = {_kept(v)}" for k, v in value.items())
    return _any(value)


def _value_lines(plan: tuple[Written, ...], record: Any, name: str | None, out: list[str]) -> None:
    """Append ``key = value`` for each value a record's file form holds (no None, no
    empty default, not the key it is filed under): the writer's inner loop, run for
    every item state and check-in of the file, so the rules of ``_written`` are spelled
    out over plain tuples here."""
    for field_name, prefix, render, omit, is_key in plan:
        value = getattr(record, field_name)
        if value is None or (omit and _empty(value)) or (is_key and value == name):
            continue
        out.append(prefix + render(value))


def _written(record: Any, name: str | None) -> Iterator[tuple[Slot, Any]]:
    """The slots of a record that the file holds, with their values: no None, no empty
    default, and not the key the record is already filed under."""
    for slot in shape(type(record)).slots:
        value = getattr(record, slot.name)
        if value is None or (slot.omit_empty and _empty(value)) or (slot.is_key and value == name):
            continue
        yield slot, value


def _written_nested(form: Shape, record: Any) -> Iterator[tuple[Slot, Any]]:
    """``_written`` for the slots holding records (none of them is the ``id``)."""
    for slot in form.nested:
        value = getattr(record, slot.name)
        if value is None or (slot.omit_empty and _empty(value)):
            continue
        yield slot, value


class _Writer:
    # Plain classes here and below, not dataclasses: every command imports this module.
    def __init__(self, extras: Extras) -> None:
        self.extras = extras

    def unknown(self, path: Path | None) -> list[str]:
        """The lines (``key = value``) of the unknown keys kept for a record."""
        found = self.extras.get(path) if path is not None else None
        return [f"{key(k)} = {_kept(v)}" for k, v in found.items()] if found else []

    def within(self, path: Path | None, *more: str | int) -> Path | None:
        """A nested path, worked out only when there are unknown keys to place."""
        return (*path, *more) if self.extras and path is not None else None

    def inline(self, record: Any, name: str | None = None, path: Path | None = None) -> str:
        """A record as an inline table on one line."""
        form = shape(type(record))
        if not form.nested and path is None:  # an item state: the common case
            parts: list[str] = []
            _value_lines(form.inline_values, record, name, parts)
            return "{ " + ", ".join(parts) + " }" if parts else "{}"
        parts = []
        for slot, value in _written(record, name):
            if slot.role == VALUE:
                parts.append(f"{slot.key} = {slot.inline(value)}")
                continue
            here = self.within(path, slot.name)
            if slot.role == RECORD:
                parts.append(f"{slot.key} = {self.inline(value, None, here)}")
            elif slot.role == RECORDS:
                inner = (self.inline(v, None, self.within(here, i)) for i, v in enumerate(value))
                parts.append(f"{slot.key} = [{', '.join(inner)}]")
            else:
                entries = _entries(slot.record, value)  # type: ignore[arg-type]
                inner = (
                    f"{key(k)} = {self.inline(v, k, self.within(here, k))}" for k, v in entries
                )
                parts.append(f"{slot.key} = " + _inline_table(inner))
        if path is not None:
            parts.extend(self.unknown(path))
        return _inline_table(parts)

    def section(
        self,
        record: Any,
        prefix: str,
        depth: int,
        out: list[str],
        name: str | None = None,
        path: Path | None = (),
    ) -> None:
        """A record as a ``[prefix]`` table, followed by the tables of the records it holds."""
        lines: list[str] = []
        later: list[tuple[Slot, Any]] = []
        form = shape(type(record))
        if form.listed:  # lists of records go between the values, in declaration order
            for slot, value in _written(record, name):
                if slot.role == VALUE:
                    lines.append(f"{slot.key} = {slot.block(value)}")
                elif slot.role == RECORDS:
                    here = self.within(path, slot.name)
                    inner = [
                        self.inline(v, None, self.within(here, i)) for i, v in enumerate(value)
                    ]
                    lines.append(f"{slot.key} = [\n    " + ",\n    ".join(inner) + ",\n]")
                else:
                    later.append((slot, value))
        else:  # a check-in, the settings: values, then the tables that follow
            _value_lines(form.block_values, record, name, lines)
            if form.nested:
                later.extend(_written_nested(form, record))
        if path is not None and path in self.extras:
            lines.extend(self.unknown(path))
        if lines or not later:  # a record with nothing in it still shows that it is there
            if prefix:
                out.append(f"[{prefix}]")
            out.extend(lines)
            out.append("")
        for slot, value in later:
            self.held(slot, value, f"{prefix}.{slot.key}" if prefix else slot.key, depth, out, path)

    def held(
        self, slot: Slot, value: Any, where: str, depth: int, out: list[str], path: Path | None
    ) -> None:
        """The tables of a record or a table of records held by a section."""
        here = self.within(path, slot.name)
        if slot.role == RECORD:
            self.section(value, where, depth + 1, out, None, here)
            return
        entries = _entries(slot.record, value)  # type: ignore[arg-type]
        if depth == 0:
            for entry_id, entry in entries:
                entry_path = self.within(here, entry_id)
                self.section(
                    entry, f"{where}.{key(entry_id)}", depth + 1, out, entry_id, entry_path
                )
            return
        out.append(f"[{where}]")
        form = shape(slot.record)  # type: ignore[arg-type]
        if here is None and not form.nested:  # item states: the common case, 10,000 lines
            plan = form.inline_values
            for k, entry in entries:
                parts: list[str] = []
                _value_lines(plan, entry, k, parts)
                out.append(f"{key(k)} = {{ {', '.join(parts)} }}" if parts else f"{key(k)} = {{}}")
        elif here is None:
            out.extend(f"{key(k)} = {self.inline(entry, k)}" for k, entry in entries)
        else:
            out.extend(f"{key(k)} = {self.inline(e, k, (*here, k))}" for k, e in entries)
        out.append("")


def dumps(progress: Progress, extras: Extras | None = None) -> str:
    """The whole progress as the file's text, with the unknown keys read from it kept."""
    out = [HEADER]
    _Writer(extras or {}).section(progress, "", 0, out)
    return "\n".join(out)


# --- reading ------------------------------------------------------------------------------


class FormatError(ValueError):
    """The text is not a progress file this code can read; the message says why."""


def parse(text: str) -> dict[str, Any]:
    """TOML text → plain data (dates stay dates)."""
    import rtoml

    try:
        data = rtoml.loads(text)
    except rtoml.TomlParsingError as error:
        message = _("not valid TOML ({why})").format(why=_one_line(error))
        raise FormatError(message) from None
    if not data:
        raise FormatError(_("it is empty"))
    return data


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]


def _local(value: date) -> datetime:
    """A time typed without a zone, or a bare date, means local time."""
    if type(value) is date:
        value = datetime(value.year, value.month, value.day)
    return as_utc(value)  # type: ignore[arg-type]


class _Reader:
    def __init__(self, mtime: datetime, extras: Extras) -> None:
        self.mtime = mtime
        self.extras = extras

    def prepare(self, kind: type, record: dict[str, Any], name: str | None, path: Path) -> None:
        """Fill in what a record typed by hand may lack, in place, before it is validated
        (``_fill``), then the records it holds."""
        form = shape(kind)
        unknown = _fill(form, record, name, self.mtime)
        if unknown is not None:
            self.extras[path] = unknown
        for slot in form.nested:
            self.nested(slot, record.get(slot.name), (*path, slot.name))

    def nested(self, slot: Slot, value: Any, path: Path) -> None:
        kind: type = slot.record  # type: ignore[assignment]
        if slot.role == RECORD:
            if type(value) is dict:
                self.prepare(kind, value, None, path)
        elif slot.role == RECORDS:
            if type(value) is list:
                for index, entry in enumerate(value):
                    if type(entry) is dict:
                        self.prepare(kind, entry, None, (*path, index))
        elif type(value) is dict:
            form = shape(kind)
            if form.nested:
                for entry_id, entry in value.items():
                    if type(entry) is dict:
                        self.prepare(kind, entry, entry_id, (*path, entry_id))
                return
            # Records that hold none (10,000 item states, the check-ins): one loop, the
            # shape looked up once, a record's path made only for its unknown keys.
            mtime = self.mtime
            for entry_id, entry in value.items():
                if type(entry) is dict:
                    unknown = _fill(form, entry, entry_id, mtime)
                    if unknown is not None:
                        self.extras[(*path, entry_id)] = unknown


def _fill(
    form: Shape, record: dict[str, Any], name: str | None, mtime: datetime
) -> dict[str, Any] | None:
    """What a record typed by hand may lack, filled in place; its unknown keys taken out.

    Its key in the file is its ``id``; a missing time is its ``updated`` time, else the
    file's modification time; a time without a zone, or a date, is local time. Keys the
    model does not know are taken out and returned (None: there are none).
    """
    for file_key, field_name in form.renamed:
        if file_key in record:
            record[field_name] = record.pop(file_key)
    if form.keyed and name is not None:
        record[KEY_FIELD] = name
    unknown = None
    names = form.names
    if not names.issuperset(record):
        unknown = {k: record.pop(k) for k in list(record) if k not in names}
    missing = None
    for field_name, required in form.time_fields:
        value = record.get(field_name)
        if value is None:
            if required:
                missing = [*(missing or ()), field_name]
        elif type(value) is date or (type(value) is datetime and value.tzinfo is None):
            record[field_name] = _local(value)
    for field_name in missing or ():
        record[field_name] = mtime if field_name == TIME_FIELD else record.get(TIME_FIELD, mtime)
    return unknown


def _prepare(kind: type, record: dict[str, Any], mtime: datetime, name: str | None) -> Extras:
    """``_Reader.prepare`` on a whole file's data; returns the unknown keys it took out."""
    extras: Extras = {}
    _Reader(mtime, extras).prepare(kind, record, name, ())
    return extras


def to_progress(data: dict[str, Any], mtime: datetime, extras: Extras | None = None) -> Progress:
    """Plain data → Progress; raises FormatError naming the first wrong value.

    Keys the model does not know are left out of the progress; with ``extras``, they
    are put there, by record, for ``dumps`` to write back.
    """
    from syllabus.model import validate

    try:
        found = _prepare(Progress, data, mtime, None)
        if extras is not None:
            extras.update(found)
        return validate.progress(data)
    except validate.Invalid as error:
        where = _file_path(error.where)
        if where:
            message = _("wrong value at {where}: {why}").format(where=where, why=error.problem)
            raise FormatError(message) from None
        raise FormatError(_("wrong value: {why}").format(why=error.problem)) from None
    except (TypeError, ValueError, AttributeError, OverflowError) as error:
        raise FormatError(_("wrong value: {why}").format(why=_one_line(error))) from None


def _file_path(where: str) -> str:
    """A dotted path to a value with the file's keys, as a person finds it in the file."""
    return ".".join(FILE_KEYS.get(part, part) for part in where.split(".")) if where else ""


def file_time(mtime_ns: int) -> datetime:
    """A file's modification time as an aware datetime."""
    return datetime.fromtimestamp(mtime_ns / 1e9, UTC)
