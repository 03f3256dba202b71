"""The catalog: bundled and imported roadmaps, listed from header lines, loaded by prefix."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from syllabus import catalog
from syllabus.importer import import_text
from syllabus.model.ids import UnknownId
from syllabus.model.roadmap import Roadmap

BUNDLED = [
    "ki-12-monate",
    "ki-fahrplan-2025",
    "ml-dl-gpt-studienplan",
    "mlops-6-months",
    "ml-engineer-16-weeks",
]


def small(roadmap_id: str = "my-plan", source: str = "plan.md") -> Roadmap:
    roadmap = import_text("# My Plan\n## Week 1: Go\n- [ ] do\n- ✅ done\n", source)
    return replace(roadmap, **{"id": roadmap_id})


def test_bundled_entries_in_seed_order(data_dir: Path) -> None:
    found = catalog.entries(data_dir)
    assert [e.id for e in found] == BUNDLED
    assert all(e.bundled and e.path.parent == catalog.bundled_dir() for e in found)
    first = found[0]
    assert (first.title, first.language, first.source) == (
        "KI-Lernplan: 12 Monate",
        "de",
        "000_00b9bef8320a935e.txt",
    )
    assert (first.items_total, first.items_checkable) == (50, 50)


def test_bundled_dir_is_the_checkout_when_not_installed() -> None:
    assert catalog.bundled_dir() == Path(__file__).resolve().parents[2] / "roadmaps"


def test_header_facts_match_the_full_roadmap(data_dir: Path) -> None:
    for entry in catalog.entries(data_dir):
        roadmap = catalog.load_roadmap(entry.id, data_dir)
        assert (entry.items_total, entry.items_checkable) == roadmap.counts()
        assert entry.title == roadmap.title


def test_prefixes_resolve_and_unknown_ids_name_the_closest(data_dir: Path) -> None:
    assert catalog.resolve_roadmap_id("ml-e", data_dir) == "ml-engineer-16-weeks"
    assert catalog.resolve_roadmap_id("mlops-6-months", data_dir) == "mlops-6-months"
    assert catalog.load_roadmap("ki-f", data_dir).id == "ki-fahrplan-2025"
    with pytest.raises(UnknownId, match="ambiguous: ml-dl-gpt-studienplan, ml-engineer-16-weeks"):
        catalog.resolve_roadmap_id("ml-", data_dir)
    with pytest.raises(UnknownId, match="closest: mlops-6-months"):
        catalog.resolve_roadmap_id("mlop-6-months", data_dir)


def test_saved_user_roadmaps_are_listed_after_bundled_ones(data_dir: Path) -> None:
    path = catalog.save_user_roadmap(small(), data_dir)
    assert path == data_dir / "roadmaps" / "my-plan.toml"
    assert path.read_text(encoding="utf-8").startswith(catalog.HEADER)
    assert sorted(p.name for p in path.parent.iterdir()) == ["my-plan.toml"]  # no temp files
    found = catalog.entries(data_dir)
    assert [e.id for e in found] == [*BUNDLED, "my-plan"]
    mine = found[-1]
    assert not mine.bundled and (mine.items_total, mine.items_checkable) == (2, 1)
    assert mine.weeks == 1
    assert catalog.load_roadmap("my", data_dir) == small()


def test_a_hand_written_file_without_header_is_still_read(data_dir: Path) -> None:
    folder = data_dir / "roadmaps"
    folder.mkdir(parents=True)
    text = catalog.roadmap_toml(small("by-hand")).split("\n", 1)[1]
    (folder / "by-hand.toml").write_text(text, encoding="utf-8")
    entry = catalog.entries(data_dir)[-1]
    assert (entry.id, entry.items_total) == ("by-hand", 2)


def test_damaged_user_file_is_reported_not_fatal(data_dir: Path) -> None:
    folder = data_dir / "roadmaps"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text("title = [unclosed\n", encoding="utf-8")
    found, problems = catalog.scan(data_dir)
    assert [e.id for e in found] == BUNDLED
    assert len(problems) == 1 and "broken.toml" in problems[0] and "\n" not in problems[0]


def test_damaged_roadmap_raises_one_line_naming_the_file(data_dir: Path) -> None:
    folder = data_dir / "roadmaps"
    folder.mkdir(parents=True)
    header = catalog.HEADER + '{"id":"bad","title":"Bad"}\n'
    (folder / "bad.toml").write_text(
        header + 'id = "bad"\ntitle = "Bad"\nnodes = 3\n', encoding="utf-8"
    )
    with pytest.raises(catalog.RoadmapFileError) as caught:
        catalog.load_roadmap("bad", data_dir)
    message = str(caught.value)
    assert "bad.toml" in message and "nodes" in message and "\n" not in message


def test_user_file_cannot_shadow_a_bundled_id(data_dir: Path) -> None:
    catalog.save_user_roadmap(small("mlops-6-months"), data_dir)
    found, problems = catalog.scan(data_dir)
    assert [e.id for e in found] == BUNDLED
    assert "already taken" in problems[0]
    assert (
        catalog.load_roadmap("mlops-6-months", data_dir).title == "6-Month AI/ML Learning Roadmap"
    )


def test_a_stated_pace_gives_the_enrolment_defaults(data_dir: Path) -> None:
    """The listing carries the pace so the welcome screen offers what `start` would."""
    from syllabus.catalog import entries, save_user_roadmap
    from syllabus.model.roadmap import HoursRange, Pace, Roadmap

    pace = Pace(hours_per_day=HoursRange(low=2, high=3), days_per_week=6)
    assert pace.study_week("low") == (12, 6, None)
    assert pace.study_week() == (15, 6, None)
    routine = Pace(weekday_hours={"mon": 1.5, "sat": 4})
    assert routine.study_week() == (5.5, 2, ["tue", "wed", "thu", "fri", "sun"])
    assert Pace().study_week() == (None, None, None)

    save_user_roadmap(Roadmap(id="paced", title="Paced", pace=routine), data_dir)
    entry = next(e for e in entries(data_dir) if e.id == "paced")
    assert entry.hours_per_week == 5.5
    assert entry.rest_days == ("tue", "wed", "thu", "fri", "sun")
