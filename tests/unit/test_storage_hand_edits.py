"""Hand edits: keys syllabus does not know are kept and written back; a conflict copy
from a newer syllabus is set aside, not merged into an older file."""

from __future__ import annotations

import os
import shutil
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile

COPY = "progress.sync-conflict-20261123-101010-ABCDEFG.toml"

TYPED = """schema = 1
mood = "curious"

[settings]
active_roadmap = "r"
font = { name = "Iosevka", size = 12 }
updated = 2026-11-20T08:00:00Z

[roadmaps.r.enrolment]
start = 2026-11-02
hours_per_week = 6.0
pauses = [
    { start = 2026-12-24, end = 2026-12-26, why = "holidays" },
]
coach = "Ann"
updated = 2026-11-20T08:00:00Z

[roadmaps.r.items]
"week-1/a" = { state = "done", confidence = 3, updated = 2026-11-20T08:00:00Z }

[checkins.c1]
date = 2026-11-20
hours = 1.5
roadmap = "r"
place = "library"
reviewed = 2026-11-21
created = 2026-11-20T09:00:00Z
updated = 2026-11-20T09:00:00Z
"""


def _unknown(data: dict) -> dict:  # type: ignore[type-arg]
    enrolment = data["roadmaps"]["r"]["enrolment"]
    return {
        "top": data.get("mood"),
        "settings": data["settings"].get("font"),
        "enrolment": enrolment.get("coach"),
        "pause": enrolment["pauses"][0].get("why"),
        "item": data["roadmaps"]["r"]["items"]["week-1/a"].get("confidence"),
        "check-in": (data["checkins"]["c1"].get("place"), data["checkins"]["c1"].get("reviewed")),
    }


EXPECTED = {
    "top": "curious",
    "settings": {"name": "Iosevka", "size": 12},
    "enrolment": "Ann",
    "pause": "holidays",
    "item": 3,
    "check-in": ("library", date(2026, 11, 21)),
}


def test_keys_a_person_typed_survive_saves(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / "progress.toml"
    path.write_text(TYPED)
    app = ProgressFile(data_dir)
    memory = app.load().progress
    now = datetime.now(UTC)
    # The app changes the very records that carry unknown keys; a command another one.
    memory = pm.set_item_state(memory, "r", "week-1/a", pm.ItemState.SKIPPED, now)
    checkin = memory.checkins["c1"]
    memory = pm.put_checkin(memory, pm.CheckIn(**{**vars(checkin), "hours": 2.0, "updated": now}))
    app.save(memory)
    ProgressFile(data_dir).update(lambda p: pm.set_note(p, "r", "week-1/a", "hi", now))
    written = tomllib.loads(path.read_text())
    assert _unknown(written) == EXPECTED
    assert written["roadmaps"]["r"]["items"]["week-1/a"]["state"] == "skipped"
    assert written["checkins"]["c1"]["hours"] == 2.0
    reloaded = ProgressFile(data_dir).load()
    assert not reloaded.damaged and reloaded.progress.checkins["c1"].hours == 2.0


def test_a_conflict_copy_from_a_newer_syllabus_is_set_aside(data_dir: Path) -> None:
    now = datetime.now(UTC)
    ProgressFile(data_dir).update(
        lambda p: pm.set_item_state(p, "r", "laptop", pm.ItemState.DONE, now)
    )
    newer = data_dir.parent / "newer"
    ProgressFile(newer).update(
        lambda p: pm.set_item_state(p, "r", "desktop", pm.ItemState.DONE, now)
    )
    text = (
        (newer / "progress.toml")
        .read_text()
        .replace(f"\nschema = {pm.SCHEMA_VERSION}\n", f"\nschema = {pm.SCHEMA_VERSION + 1}\n")
    )
    (data_dir / COPY).write_text(text)
    loaded = ProgressFile(data_dir).load()
    (line,) = loaded.problems
    newer_schema = f"schema {pm.SCHEMA_VERSION + 1}"
    assert "newer syllabus" in line and newer_schema in line and "not merged" in line
    assert loaded.progress.roadmap("r").state("desktop") == pm.ItemState.TODO
    assert not (data_dir / COPY).exists()
    assert (data_dir / "backups" / COPY).read_text() == text
    again = ProgressFile(data_dir).load()
    assert again.problems == [] and again.progress.roadmap("r").state("laptop") == pm.ItemState.DONE


def test_a_conflict_copys_own_unknown_keys_come_along(data_dir: Path, tmp_path: Path) -> None:
    ProgressFile(data_dir).update(
        lambda p: pm.set_item_state(p, "r", "laptop", pm.ItemState.DONE, datetime.now(UTC))
    )
    other = tmp_path / "other"
    other.mkdir()
    shutil.copyfile(data_dir / "progress.toml", other / "progress.toml")
    text = (
        (other / "progress.toml")
        .read_text()
        .replace("\n[settings]\n", "\n[settings]\nfont = 'x'\n")
    )
    (data_dir / COPY).write_text(text)
    os.utime(data_dir / COPY)
    ProgressFile(data_dir).load()
    assert tomllib.loads((data_dir / "progress.toml").read_text())["settings"]["font"] == "x"
