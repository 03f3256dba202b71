"""Issue 19: the seeds' side timelines become planned work, and no saved state moves.

``tests/fixtures/bundled-ids/<id>.json`` records every node and item (id and text) of the
bundled roadmaps as they shipped before the side timelines were planned: a progress file
written against those ids must land every state and note on the same item today.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from syllabus import catalog
from syllabus.model import progress as pm
from syllabus.model.roadmap import Roadmap
from syllabus.storage.progress_file import ProgressFile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bundled-ids"
IDS = [
    "ki-12-monate",
    "ki-fahrplan-2025",
    "ml-dl-gpt-studienplan",
    "mlops-6-months",
    "ml-engineer-16-weeks",
]
T0 = datetime(2026, 11, 1, tzinfo=UTC)
STATES = (pm.ItemState.DONE, pm.ItemState.DOING, pm.ItemState.SKIPPED)


def shipped(roadmap_id: str) -> dict[str, list[list[str]]]:
    data: dict[str, list[list[str]]] = json.loads(
        (FIXTURES / f"{roadmap_id}.json").read_text(encoding="utf-8")
    )
    return data


def bundled(roadmap_id: str) -> Roadmap:
    return catalog.load_roadmap(roadmap_id, Path("/nonexistent-data-dir"))


def written_against(roadmap_id: str) -> pm.Progress:
    """Progress on every item and node the roadmap had when it shipped."""
    old = shipped(roadmap_id)
    progress = pm.enrol(
        pm.Progress(),
        roadmap_id,
        pm.Enrolment(start=date(2026, 11, 2), hours_per_week=12, updated=T0),
    )
    for number, (item_id, text) in enumerate(old["items"]):
        progress = pm.set_item_state(progress, roadmap_id, item_id, STATES[number % 3], T0)
        progress = pm.set_note(progress, roadmap_id, item_id, f"on {text}", T0)
    for node_id, title in old["nodes"]:
        progress = pm.set_note(progress, roadmap_id, node_id, f"on {title}", T0)
    return progress


@pytest.mark.parametrize("roadmap_id", IDS)
def test_a_progress_file_of_the_shipped_ids_lands_on_the_same_items(
    roadmap_id: str, tmp_path: Path
) -> None:
    ProgressFile(tmp_path).save(written_against(roadmap_id))
    loaded = ProgressFile(tmp_path).load()
    assert not loaded.problems
    rp = loaded.progress.roadmap(roadmap_id)
    roadmap = bundled(roadmap_id)
    items = {item.id: item for _, item in roadmap.items()}
    nodes = roadmap.node_index()
    old = shipped(roadmap_id)
    for number, (item_id, text) in enumerate(old["items"]):
        assert item_id in items, f"{item_id} is gone"
        assert items[item_id].text == text, f"{item_id} changed its text"
        assert rp.state(item_id) is STATES[number % 3]
        assert rp.note(item_id) == f"on {text}"
    for node_id, title in old["nodes"]:
        assert node_id in nodes and nodes[node_id].title == title, node_id
        assert rp.note(node_id) == f"on {title}"
    known = set(nodes) | set(items)
    assert pm.orphans(rp, known) == []
