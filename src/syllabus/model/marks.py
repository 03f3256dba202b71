"""What a document marks done (``- [x]``, ``[✔️]``) or skipped (``[-]``), offered at
enrolment: ``syllabus start ID --accept-done`` takes it, the TUI asks first.

Pure: the items and the change to the learner's records; an item the learner has a
state for already keeps it.
"""

from __future__ import annotations

from datetime import datetime

from syllabus.model.progress import ItemState, Progress, set_item_state
from syllabus.model.roadmap import Roadmap

_STATES = {"done": ItemState.DONE, "skipped": ItemState.SKIPPED}


def marked(roadmap: Roadmap) -> dict[str, ItemState]:
    """Checkable items the document marks, by id: done or skipped."""
    found: dict[str, ItemState] = {}
    for _node, item in roadmap.items():
        state = _STATES.get(item.marked or "")
        if state is not None and item.checkable:
            found[item.id] = state
    return found


def accept_marked(
    progress: Progress, roadmap: Roadmap, when: datetime
) -> tuple[Progress, dict[str, ItemState]]:
    """Take the document's marks as states, where the learner has none yet; returns the
    new progress and the states it set."""
    rp = progress.roadmap(roadmap.id)
    taken = {
        item_id: state
        for item_id, state in marked(roadmap).items()
        if rp.state(item_id) is ItemState.TODO
    }
    for item_id, state in taken.items():
        progress = set_item_state(progress, roadmap.id, item_id, state, when)
    return progress, taken
