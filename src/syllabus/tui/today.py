"""Today's agenda for the main screen, worked out in a worker thread.

The model's ``schedule.day_agenda`` wants every enrolled roadmap; the app holds only the
open one, so the others are read from the catalog the first time they are needed and
kept (a roadmap file does not change while the app runs; one that cannot be read is
left out of the agenda rather than stopping it). Pure Python; nothing here touches
Textual.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap
    from syllabus.model.schedule import AgendaEntry
    from syllabus.tui.session import Session


class AgendaSource:
    """The roadmaps the agenda spans, and the agenda itself (any thread)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._roadmaps: dict[str, Roadmap | None] = {}
        self._lock = threading.Lock()

    def _roadmap(self, roadmap_id: str) -> Roadmap | None:
        with self._lock:
            if roadmap_id not in self._roadmaps:
                from syllabus.catalog import load_roadmap

                try:
                    self._roadmaps[roadmap_id] = load_roadmap(roadmap_id, self.data_dir)
                except Exception:  # a broken roadmap file: the others' agendas still show
                    self._roadmaps[roadmap_id] = None
            return self._roadmaps[roadmap_id]

    def agenda(self, session: Session, progress: Progress, today: date) -> list[AgendaEntry]:
        """Every enrolled, unpaused roadmap's agenda, the active one first."""
        from syllabus.model.schedule import day_agenda, on_agenda

        roadmaps = {session.roadmap_id: session.roadmap}
        for roadmap_id, rp in progress.roadmaps.items():
            if roadmap_id in roadmaps or not on_agenda(rp.enrolled, today):
                continue  # finished, archived or paused: its file is not read
            roadmap = self._roadmap(roadmap_id)
            if roadmap is not None:
                roadmaps[roadmap_id] = roadmap
        return day_agenda(roadmaps, progress, today)
