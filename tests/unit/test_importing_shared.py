"""The import steps the CLI and the app share (``syllabus.importing``) and an imported
roadmap's own hints (``catalog.load_user_hints`` / ``save_user_hints``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from syllabus import catalog, importing
from syllabus.cli import main
from syllabus.importer.hints import Hints, NodeHint, load_sources

DOC = """# Learn Knots
## Week 1: Basics
- Tie a reef knot
- Tie a bowline
## Week 2: Hitches
- Tie a clove hitch
## Knot lore
- Sailors named them
"""


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "knots.md"
    path.write_text(DOC, "utf-8")
    return path


def _node(roadmap, title):  # type: ignore[no-untyped-def]
    return next(n for n in roadmap.walk() if n.title == title)


def test_corrections_are_node_hints_in_the_sources_format(tmp_path: Path) -> None:
    hints = importing.correct(Hints(), "Knot lore", "unscheduled")
    hints = importing.correct(hints, "Week 2: Hitches", "hours", 6.5)
    hints = importing.correct(hints, "Knot lore", "tasks")  # the same node: one hint
    assert hints.nodes == (
        NodeHint(match="Knot lore", role="appendix", kind="task"),
        NodeHint(match="Week 2: Hitches", hours=6.5),
    )
    tables = importing.hint_tables(hints)
    assert tables == [
        {"match": "Knot lore", "role": "appendix", "kind": "task"},
        {"match": "Week 2: Hitches", "hours": 6.5},
    ]
    path = catalog.save_user_hints("knots", tables, tmp_path)
    assert path == catalog.hints_path("knots", tmp_path)
    text = path.read_text("utf-8")
    assert text.count("[[roadmap.node]]") == 2 and 'id = "knots"' in text
    (read,) = load_sources(path)  # the reader of roadmaps/sources.toml reads it
    assert read.id == "knots" and read.nodes == hints.nodes
    assert catalog.load_user_hints("knots", tmp_path) == read
    assert catalog.save_user_hints("knots", [], tmp_path) is None and not path.exists()


def test_a_hint_with_a_table_is_written_inline(tmp_path: Path) -> None:
    hints = Hints(nodes=(NodeHint(match="Courses", during=(("Intro", "week-1..week-2"),)),))
    path = catalog.save_user_hints("c", importing.hint_tables(hints), tmp_path)
    assert path is not None
    assert load_sources(path)[0].nodes == hints.nodes


def test_hints_files_are_not_roadmaps(doc: Path, data_dir: Path) -> None:
    assert main(["import", str(doc)]) == 0
    catalog.save_user_hints("learn-knots", [{"match": "Knot lore", "role": "appendix"}], data_dir)
    entries, problems = catalog.scan(data_dir)
    assert problems == []
    assert [e.id for e in entries if not e.bundled] == ["learn-knots"]


def test_every_reimport_applies_the_roadmaps_own_hints(doc: Path, data_dir: Path) -> None:
    assert main(["import", str(doc)]) == 0
    first = catalog.load_roadmap("learn-knots", data_dir)
    assert _node(first, "Knot lore").role != "appendix"
    tables = [
        {"match": "Knot lore", "role": "appendix", "kind": "note"},
        {"match": "Week 1: Basics", "hours": 3.0},
    ]
    catalog.save_user_hints("learn-knots", tables, data_dir)
    for argv in (["import", str(doc)], ["import", str(doc), "--id", "learn-knots"]):
        assert main(argv) == 0
        again = catalog.load_roadmap("learn-knots", data_dir)
        lore = _node(again, "Knot lore")
        assert lore.role == "appendix" and not any(i.checkable for i in lore.items)
        hours = _node(again, "Week 1: Basics").timing.hours
        assert hours is not None and (hours.low, hours.high) == (3.0, 3.0)
    assert [e.id for e in catalog.entries(data_dir) if not e.bundled] == ["learn-knots"]


def test_prepare_is_a_new_roadmap_or_a_reimport(doc: Path, data_dir: Path) -> None:
    raw = doc.read_bytes()
    fresh = importing.prepare(raw, doc, data_dir, None)
    assert not fresh.target.replaces and fresh.result is None and fresh.change is None
    importing.save(fresh, data_dir)
    doc.write_text(DOC.replace("Tie a bowline", "Tie a running bowline"), "utf-8")
    again = importing.prepare(doc.read_bytes(), doc, data_dir, None)
    assert again.target.replaces and again.result is not None
    assert again.result.counts()["renamed"] == 1
    other = tmp = doc.with_name("knots-copy.md")
    tmp.write_text(DOC, "utf-8")
    copy = importing.prepare(other.read_bytes(), other, data_dir, None)
    assert copy.target.id == "learn-knots-2" and copy.warnings


def test_settle_restores_a_removed_item_and_takes_it_back(doc: Path, data_dir: Path) -> None:
    importing.save(importing.prepare(doc.read_bytes(), doc, data_dir, None), data_dir)
    doc.write_text(DOC.replace("- Tie a clove hitch\n", ""), "utf-8")
    prepared = importing.prepare(doc.read_bytes(), doc, data_dir, None)
    assert prepared.result is not None
    gone = [i for i in prepared.result.removed if "clove" in i]
    assert gone
    back = importing.settle(prepared, None, restored=frozenset(gone))
    assert "Tie a clove hitch" in [i.text for _n, i in back.roadmap.items()]
    assert set(importing.restorable(back, None)) >= set(gone)
    undone = importing.settle(back, None, restored=frozenset())
    assert "Tie a clove hitch" not in [i.text for _n, i in undone.roadmap.items()]
