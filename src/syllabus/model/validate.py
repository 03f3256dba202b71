"""Plain data read from disk → model objects, validated.

Every file syllabus reads that it did not just write goes through here: a roadmap
file, the progress file, an undo journal entry. Each record is made by its own
constructor, so the model's rules (``__post_init__``) run on every path.

A file as syllabus writes it (every value already of its field's type) is built by
``model.plain.build``, with no pydantic: building pydantic's validators costs ~0.1 s
in each process, on top of its import, which a one-shot command cannot afford. Any
other data (typed by hand, from an older or newer syllabus, damaged) goes to
pydantic, which converts each value or names the first wrong one (unknown keys
refused in a roadmap, ignored in progress so an older syllabus reads a newer
record). Both paths give equal objects (``tests/unit/test_storage_plain.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap

T = TypeVar("T")


class Invalid(ValueError):
    """The data does not make a valid model object; the message says where and why."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        """Dotted path to the first wrong value ("checkins.3f9a.hours"), or ""."""
        self.problem = problem
        """What is wrong with it."""


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(kind: type[T]) -> TypeAdapter[T]:
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def validate(kind: type[T], data: Any) -> T:
    """``data`` as a ``kind`` object, or ``Invalid`` naming the first wrong value."""
    from pydantic import ValidationError

    try:
        return _adapter(kind).validate_python(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        problem = first["msg"].removeprefix("Value error, ")
        raise Invalid(where, problem) from None


def checked(kind: type[T], data: Any) -> T:
    """``validate``, without pydantic when the data is exactly what the fields declare."""
    from syllabus.model.plain import NotPlain, build

    try:
        return build(kind, data)
    except NotPlain:
        return validate(kind, data)


def roadmap(data: Any) -> Roadmap:
    """A roadmap file's data as a ``Roadmap``."""
    from syllabus.model.roadmap import Roadmap

    return checked(Roadmap, data)


def progress(data: Any) -> Progress:
    """A progress file's data (``schema`` already named ``schema_version``) as ``Progress``."""
    from syllabus.model.progress import Progress

    return checked(Progress, data)
