"""Plain data read from disk → model objects, validated by pydantic.

Every file syllabus reads that it did not just write goes through here: a roadmap
file, the progress file, an undo journal entry. pydantic checks and converts each
value (types, enums, dates, nested records; unknown keys refused in a roadmap,
ignored in progress so an older syllabus reads a newer record) and calls each
dataclass's ``__post_init__``, where the model keeps its own rules.

pydantic is imported on the first call, not with the model: building its validators
takes ~0.15 s, which a command that reads no file never pays.
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


def roadmap(data: Any) -> Roadmap:
    """A roadmap file's data as a ``Roadmap``."""
    from syllabus.model.roadmap import Roadmap

    return validate(Roadmap, data)


def progress(data: Any) -> Progress:
    """A progress file's data (``schema`` already named ``schema_version``) as ``Progress``."""
    from syllabus.model.progress import Progress

    return validate(Progress, data)
