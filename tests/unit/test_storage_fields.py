"""Every field of every progress record is written and read back: found, not listed.

The record types are found by walking the type hints from ``Progress`` (through dicts,
lists and ``X | None``), and every field of every one is filled with a value that is
not its default. A field added to the model is covered the moment it exists: if the
file loses it, this fails naming it.
"""

from __future__ import annotations

import ast
import inspect
import tomllib
import types
from dataclasses import MISSING, Field, fields, is_dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from syllabus.model import plain, validate
from syllabus.model import progress as pm
from syllabus.model.roadmap import Roadmap
from syllabus.model.units import WEEKDAYS
from syllabus.storage import toml_io


def _unwrap(hint: Any) -> Any:
    if get_origin(hint) in (Union, types.UnionType):
        (inner,) = [a for a in get_args(hint) if a is not type(None)]
        return inner
    return hint


def record_types(root: type = pm.Progress) -> list[type]:
    """Every dataclass reachable from ``root`` through its fields' type hints."""
    found: list[type] = []

    def visit(hint: Any) -> None:
        if get_origin(hint) in (list, tuple, dict, Union, types.UnionType):
            for arg in get_args(hint):
                visit(arg)
        elif isinstance(hint, type) and is_dataclass(hint) and hint not in found:
            found.append(hint)
            for inner in get_type_hints(hint).values():
                visit(inner)

    visit(root)
    return found


RECORDS = record_types()

# Values the model's own rules restrict (it refuses anything else); every other field is
# drawn from its type alone, so a new field needs no entry here unless it has a rule.
RULES: dict[tuple[type, str], st.SearchStrategy[Any]] = {
    (pm.Enrolment, "rest_days"): st.lists(
        st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True
    ),
    # hours by weekday: 0-24 each, at least one day studied (they set the rest days)
    (pm.Enrolment, "weekday_hours"): st.fixed_dictionaries(
        {day: st.sampled_from([0.0, 0.5, 1.25, 2.5, 24.0]) for day in WEEKDAYS}
    ).filter(lambda hours: any(hours.values())),
}

ZONES = st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5))])
TEXT = st.text(min_size=1, max_size=20) | st.sampled_from(['[3 hrs] "q" \\', "a\nb", '"""'])


def _default(spec: Field[Any]) -> Any:
    if spec.default is not MISSING:
        return spec.default
    if spec.default_factory is not MISSING:
        return spec.default_factory()
    return MISSING


def values(hint: Any) -> st.SearchStrategy[Any]:
    """Any valid value of a hinted type, never None."""
    hint = _unwrap(hint)
    origin, args = get_origin(hint), get_args(hint)
    if isinstance(hint, type) and is_dataclass(hint):
        return records(hint)
    if origin is dict:
        return tables(args[1])
    if origin is list:
        return st.lists(values(args[0]), min_size=1, max_size=3)
    if origin is Literal:
        return st.sampled_from(args)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return st.sampled_from(list(hint))
    simple: dict[Any, st.SearchStrategy[Any]] = {
        bool: st.booleans(),
        int: st.integers(1, 7),
        float: st.floats(0.25, 24),
        str: TEXT,
        date: st.dates(date(2000, 1, 1), date(2100, 1, 1)),
        datetime: st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=ZONES),
    }
    return simple[hint]


def tables(kind: type) -> st.SearchStrategy[dict[str, Any]]:
    """A non-empty table of records; one that has an ``id`` is kept under it."""
    keyed = any(spec.name == "id" for spec in fields(kind))
    if keyed:
        return st.lists(records(kind), min_size=1, max_size=2, unique_by=lambda r: r.id).map(
            lambda found: {r.id: r for r in found}
        )
    return st.dictionaries(TEXT, records(kind), min_size=1, max_size=2)


def _not_default(spec: Field[Any], value: Any) -> bool:
    default = _default(spec)
    return default is MISSING or value != default


@st.composite
def records(draw: st.DrawFn, kind: type) -> Any:
    """A record of ``kind`` with every field, nested ones too, off its default."""
    hints = get_type_hints(kind)
    chosen = {}
    for spec in fields(kind):
        rule = RULES.get((kind, spec.name))
        drawn = rule if rule is not None else values(hints[spec.name])
        chosen[spec.name] = draw(drawn.filter(lambda v, spec=spec: _not_default(spec, v)))
    record = kind(**chosen)
    # The record's own rules may tidy a value (clean text, weekday order): still off default.
    for spec in fields(kind):
        if not _not_default(spec, getattr(record, spec.name)):
            reject()
    return record


def differences(written: Any, read: Any, where: str) -> list[str]:
    """The fields (as ``Type.field at path``) whose value did not come back."""
    if is_dataclass(written) and not isinstance(written, type):
        if type(read) is not type(written):
            return [f"{where}: {type(written).__name__} read back as {type(read).__name__}"]
        found = []
        for spec in fields(written):
            here = f"{type(written).__name__}.{spec.name} at {where}"
            found += differences(getattr(written, spec.name), getattr(read, spec.name), here)
        return found
    if isinstance(written, dict) and isinstance(read, dict):
        if written.keys() != read.keys():
            return [f"{where}: keys {sorted(written)} read back as {sorted(read)}"]
        return [x for k in written for x in differences(written[k], read[k], f"{where}[{k!r}]")]
    if isinstance(written, list) and isinstance(read, list) and len(written) == len(read):
        found = []
        for i, (a, b) in enumerate(zip(written, read, strict=True)):
            found += differences(a, b, f"{where}[{i}]")
        return found
    return [] if written == read else [f"{where}: {written!r} read back as {read!r}"]


def test_the_walk_finds_every_kind_of_record() -> None:
    # Not a list to keep in step: only proof that the walk goes through dicts, lists and
    # optional fields (a record of each sort is reached).
    assert {pm.Settings, pm.Enrolment, pm.Pause, pm.ItemRecord, pm.CheckIn} <= set(RECORDS)
    assert len(RECORDS) == len(set(RECORDS))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(records(pm.Progress))
def test_every_field_of_every_record_is_read_back(progress: pm.Progress) -> None:
    text = toml_io.dumps(progress)
    for parsed in (toml_io.parse(text), tomllib.loads(text)):
        read = toml_io.to_progress(parsed, datetime.now(UTC))
        assert differences(progress, read, "progress") == []
        assert read == progress


def test_every_record_type_is_filled_by_the_round_trip() -> None:
    """The strategy really reaches every record type the walk found (none left empty)."""
    seen: set[type] = set()

    def collect(value: Any) -> None:
        if is_dataclass(value) and not isinstance(value, type):
            seen.add(type(value))
            for spec in fields(value):
                collect(getattr(value, spec.name))
        elif isinstance(value, dict):
            for inner in value.values():
                collect(inner)
        elif isinstance(value, list):
            for inner in value:
                collect(inner)

    @settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
    @given(records(pm.Progress))
    def one(progress: pm.Progress) -> None:
        collect(progress)

    one()
    assert seen == set(RECORDS)


def test_the_file_code_names_no_field() -> None:
    """Storage writes and reads from the fields: no string in it names one of them.

    The three conventions it does name are each a single rule: a record in a table is
    kept under its ``id``, a missing time is its ``updated`` time, and the file says
    ``schema`` for ``schema_version``.
    """
    names = {spec.name for kind in RECORDS for spec in fields(kind)}
    conventions = {toml_io.KEY_FIELD, toml_io.TIME_FIELD, *toml_io.FILE_KEYS}
    source = ast.parse(inspect.getsource(toml_io))
    strings = {
        node.value
        for node in ast.walk(source)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert strings & names <= conventions


# --- the fast path: a file as syllabus writes it is built without pydantic ----------------


def _prepared(progress: pm.Progress) -> dict[str, Any]:
    data = toml_io.parse(toml_io.dumps(progress))
    toml_io._prepare(pm.Progress, data, datetime.now(UTC), None)
    return data


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _leaves(v, (*path, k))] + [path]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _leaves(v, (*path, i))] + [path]
    return [path]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _set(data[path[0]], path[1:], value)
    return copy


ODD_VALUES = st.sampled_from(
    [
        None,
        "",
        "x",
        "\x1b]0;title\x07",
        0,
        1,
        -1,
        30,
        1.5,
        float("nan"),
        True,
        [],
        {},
        date(2026, 1, 1),
        datetime(2026, 1, 1),
        datetime(2026, 1, 1, tzinfo=UTC),
        "2026-01-01",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(records(pm.Progress), st.data())
def test_the_fast_path_agrees_with_pydantic(progress: pm.Progress, data: st.DataObject) -> None:
    prepared = _prepared(progress)
    assert plain.build(pm.Progress, prepared) == progress
    assert validate.validate(pm.Progress, prepared) == progress
    # Any value swapped for an odd one: the fast path refuses it or agrees with pydantic.
    path = data.draw(st.sampled_from(_leaves(prepared)))
    odd = _set(prepared, path, data.draw(ODD_VALUES))
    try:
        expected: Any = validate.validate(pm.Progress, odd)
    except validate.Invalid:
        expected = validate.Invalid
    try:
        fast: Any = plain.build(pm.Progress, odd)
    except plain.NotPlain:
        return
    assert fast == expected, f"{path} set to {odd!r}"


def test_bundled_roadmaps_take_the_fast_path() -> None:
    import rtoml

    from syllabus.catalog import bundled_dir, entries

    for entry in entries(bundled_dir()):
        if not entry.bundled:
            continue
        data = rtoml.loads(entry.path.read_text(encoding="utf-8"))
        assert plain.build(Roadmap, data) == validate.validate(Roadmap, data)
