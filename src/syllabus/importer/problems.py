"""The importer's one error type."""

from __future__ import annotations


class ImportProblem(ValueError):
    """A document that cannot be imported; ``str()`` is one line saying what and where."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
