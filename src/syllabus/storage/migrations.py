"""Schema migrations: registered functions from one schema's plain data to the next.

``MIGRATIONS[n]`` turns schema ``n`` data into schema ``n + 1`` data. Schema 1 is the
first, so the registry starts empty; a test registers a fake schema 2 to prove the path.
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
