"""App-wide messages: about the progress file, which no single widget owns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from syllabus.model.progress import Progress


class ProgressSaved(Message):
    """The progress file now holds every change made up to ``generation``."""

    def __init__(self, generation: int, foreign: bool, merged: Progress | None) -> None:
        super().__init__()
        self.generation = generation
        """The change counter the save covered."""
        self.foreign = foreign
        """Whether the save merged in changes another instance had written."""
        self.merged = merged
        """The progress now on disk."""


class SaveFailed(Message):
    """A save did not reach the disk; the changes are kept and retried."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
        """One line naming the file and the cause."""


class ProgressReplaced(Message):
    """The in-memory progress was replaced wholesale (another instance, undo, redo)."""

    def __init__(self, why: str) -> None:
        super().__init__()
        self.why = why
        """What replaced it, for a notification ("Undone", "Changed elsewhere")."""
