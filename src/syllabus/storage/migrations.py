"""Schema migrations: registered functions from one schema's plain data to the next.

``MIGRATIONS[n]`` turns schema ``n`` data into schema ``n + 1`` data. Schema 2 added
records a schema-1 file has none of (review cards, a check-in's activity, and the other
new tables of a roadmap's progress): the step from 1 changes no data; the number goes up
so an older syllabus opens a newer file read-only instead of dropping what it does not
know. Schema 3 added project scores and evidence, in the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from syllabus.locale import _

Data = dict[str, Any]

MIGRATIONS: dict[int, Callable[[Data], Data]] = {}
"""Schema n → n + 1, by n."""


def register(from_schema: int) -> Callable[[Callable[[Data], Data]], Callable[[Data], Data]]:
    """Decorator: register the migration from ``from_schema`` to the next schema."""

    def add(func: Callable[[Data], Data]) -> Callable[[Data], Data]:
        MIGRATIONS[from_schema] = func
        return func

    return add


QUIET: set[Callable[[Data], Data]] = set()
"""Steps that change no data: a file they bring up reads as it was, so it needs no copy
of the old file and no word to the learner."""


@register(1)
def _new_records(data: Data) -> Data:
    """Schema 1 → 2: nothing to change (the new records and fields are optional)."""
    return data


QUIET.add(_new_records)


@register(2)
def _project_records(data: Data) -> Data:
    """Schema 2 → 3: nothing to change (project scores and evidence are new, optional
    tables; a recurring item's instances are item states under ``ITEM_ID@N``)."""
    return data


QUIET.add(_project_records)


def changes_data(from_schema: int, to_schema: int) -> bool:
    """Whether bringing a file from one schema to the other changes what it holds."""
    return any(MIGRATIONS.get(v) not in QUIET for v in range(from_schema, to_schema))


class MigrationMissing(ValueError):
    """No registered way from the file's schema to this code's."""


def migrate(data: Data, from_schema: int, to_schema: int) -> Data:
    """Data of ``from_schema`` brought up to ``to_schema``, one registered step at a time."""
    for version in range(from_schema, to_schema):
        step = MIGRATIONS.get(version)
        if step is None:
            message = _("no migration from schema {old} to {new}")
            raise MigrationMissing(message.format(old=version, new=version + 1))
        data = step(data)
        data["schema"] = version + 1
    return data
