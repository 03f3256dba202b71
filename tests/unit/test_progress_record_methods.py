"""The model's equality, hash and repr are the ones ``@dataclass`` would make.

Progress records and roadmap classes take the three methods from one base
(``model.by_fields.ByFields``) instead of compiling them per class at import; here each
class is compared with a twin made by the standard ``@dataclass`` with the same fields:
progress records with every field filled (the strategy of ``test_storage_fields``,
which reaches every record type), and every object of the bundled roadmaps.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_storage_fields import RECORDS, records

from syllabus import catalog
from syllabus.model import progress as pm

_TWINS: dict[type, type] = {}


def twin(kind: type) -> type:
    """A standard ``@dataclass(frozen=True, kw_only=True)`` with ``kind``'s fields."""
    found = _TWINS.get(kind)
    if found is None:
        namespace: dict[str, Any] = {"__annotations__": {}}
        for spec in fields(kind):
            namespace["__annotations__"][spec.name] = spec.type
            if spec.default is not MISSING:
                namespace[spec.name] = field(default=spec.default)
            elif spec.default_factory is not MISSING:
                namespace[spec.name] = field(default_factory=spec.default_factory)
        made = type(kind.__name__, (), namespace)
        made.__qualname__ = kind.__qualname__
        found = _TWINS[kind] = dataclass(frozen=True, kw_only=True)(made)
    return found


def as_twin(record: Any) -> Any:
    return twin(type(record))(**{spec.name: getattr(record, spec.name) for spec in fields(record)})


def _hash(value: Any) -> int | str:
    try:
        return hash(value)
    except TypeError as error:  # a record holding a list or a dict, as with @dataclass
        return str(error)


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Any, Any]:
    """Two records of one type: unrelated, or the second a copy with one field changed."""
    kind = draw(st.sampled_from(RECORDS))
    first = draw(records(kind))
    if draw(st.booleans()):
        return first, draw(records(kind))
    spec = draw(st.sampled_from(fields(kind)))
    other = getattr(draw(records(kind)), spec.name)
    return first, replace(first, **{spec.name: other})


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(pairs())
def test_equality_hash_and_repr_match_the_generated_ones(pair: tuple[Any, Any]) -> None:
    a, b = pair
    ta, tb = as_twin(a), as_twin(b)
    assert repr(a) == repr(ta)
    assert (a == b) == (ta == tb)
    assert (a != b) == (ta != tb)
    assert a == replace(a)
    assert _hash(a) == _hash(ta)
    if a == b and isinstance(_hash(a), int):
        assert hash(a) == hash(b)


def test_a_record_is_never_equal_to_another_type() -> None:
    when = datetime(2026, 11, 23, 8, tzinfo=UTC)
    note = pm.Note(text="x", updated=when)
    answer = pm.WeekAnswer(text="x", updated=when)  # the same fields and values
    assert note != answer
    assert note != as_twin(note)
    assert note.__eq__(object()) is NotImplemented
    assert {pm.ItemRecord(updated=when), pm.ItemRecord(updated=when)} == {
        pm.ItemRecord(updated=when)
    }


def _objects(value: Any) -> list[Any]:
    """Every dataclass object in a roadmap, the roadmap first."""
    if hasattr(value, "__dataclass_fields__"):
        return [value, *(o for spec in fields(value) for o in _objects(getattr(value, spec.name)))]
    if isinstance(value, (list, tuple)):
        return [o for inner in value for o in _objects(inner)]
    if isinstance(value, dict):
        return [o for inner in value.values() for o in _objects(inner)]
    return []


def test_roadmap_objects_compare_hash_and_show_as_generated() -> None:
    kinds: set[type] = set()
    for path in sorted(catalog.bundled_dir().glob("*.toml")):
        if path.stem == "sources":
            continue
        found = _objects(catalog.load_roadmap(path.stem, path.parent))
        for a, b in zip(found, found[1:] + found[:1], strict=True):
            kinds.add(type(a))
            ta, tb = as_twin(a), as_twin(b)
            assert repr(a) == repr(ta)
            assert (a == b) == (ta == tb)
            assert a == replace(a)
            assert _hash(a) == _hash(ta)
    assert {"Roadmap", "Node", "Item", "Pace"} <= {kind.__name__ for kind in kinds}
