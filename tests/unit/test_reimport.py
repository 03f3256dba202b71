"""Re-import keeps progress (issue 14.11): rename, move, renumber, split, delete, reorder.

Each case imports a small plan, ticks and notes items through the CLI, re-imports an
edited version of the same file and checks the states, notes and check-in links that
followed, and the report the import printed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from syllabus.cli import main
from syllabus.importer import import_text
from syllabus.importer.reimport import match, plan_rekey
from syllabus.model import progress as pm
from syllabus.model.rekey import rekey
from syllabus.storage.progress_file import ProgressFile

PLAN = """# Plan
## Week 1: Basics
- [ ] Install Python and an editor
- [ ] Read the tutorial chapter on lists
- [ ] Write a small script
## Week 2: Data
- [ ] Learn pandas DataFrames
- [ ] Clean a CSV file
- [ ] Plot a histogram
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    doc = tmp_path / "plan.md"
    doc.write_text(PLAN, "utf-8")
    assert run(capsys, "import", str(doc))[:2] == (0, "plan\n")
    assert run(capsys, "start", "plan")[0] == 0
    for item in ("week-01/install-python-and-an-editor", "week-02/plot-a-histogram"):
        assert run(capsys, "done", item)[0] == 0
    assert run(capsys, "skip", "week-02/clean-a-csv-file")[0] == 0
    assert run(capsys, "note", "week-01/write-a-small-script", "ask Ana")[0] == 0
    assert run(capsys, "note", "week-02", "hard week")[0] == 0
    code = run(capsys, "checkin", "--hours", "1", "--item", "week-02/plot-a-histogram")[0]
    assert code == 0
    return doc


def reimport(capsys: pytest.CaptureFixture[str], doc: Path, text: str) -> dict[str, object]:
    doc.write_text(text, "utf-8")
    code, out, _err = run(capsys, "import", str(doc), "--format", "json")
    assert code == 0
    report = json.loads(out)["reimport"]
    assert isinstance(report, dict)
    return report


def states(data_dir: Path) -> dict[str, str]:
    rp = ProgressFile(data_dir).load().progress.roadmap("plan")
    return {k: r.state.value for k, r in rp.items.items() if r.state is not pm.ItemState.TODO}


def notes(data_dir: Path) -> dict[str, str]:
    rp = ProgressFile(data_dir).load().progress.roadmap("plan")
    return {k: n.text for k, n in rp.notes.items() if not n.deleted}


def counts(report: dict[str, object]) -> tuple[object, ...]:
    return tuple(report[k] for k in ("kept", "renamed", "moved", "split", "new", "removed"))


def test_an_unchanged_file_changes_nothing(
    plan: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    before = states(data_dir)
    report = reimport(capsys, plan, PLAN)
    assert counts(report) == (6, 0, 0, 0, 0, 0) and report["matches"] == []
    assert states(data_dir) == before


def test_rename(plan: Path, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    text = PLAN.replace("Install Python and an editor", "Install Python and a code editor")
    text = text.replace("Write a small script", "Write a small Python script")
    report = reimport(capsys, plan, text)
    assert counts(report) == (4, 2, 0, 0, 0, 0)
    assert states(data_dir) == {
        "week-01/install-python-and-a-code-editor": "done",
        "week-02/clean-a-csv-file": "skipped",
        "week-02/plot-a-histogram": "done",
    }
    assert notes(data_dir) == {
        "week-01/write-a-small-python-script": "ask Ana",
        "week-02": "hard week",
    }
    out = run(capsys, "show", "plan", "--items")[1]
    assert "week-01/install-python-and-a-code-editor  task  done" in out


def test_move(plan: Path, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    text = PLAN.replace("- [ ] Plot a histogram\n", "").replace(
        "- [ ] Write a small script\n", "- [ ] Write a small script\n- [ ] Plot a histogram\n"
    )
    report = reimport(capsys, plan, text)
    assert counts(report) == (5, 0, 1, 0, 0, 0)
    assert report["matches"] == [
        {"old": "week-02/plot-a-histogram", "new": "week-01/plot-a-histogram", "how": "moved",
         "score": 100.0}
    ]  # fmt: skip
    assert states(data_dir)["week-01/plot-a-histogram"] == "done"
    assert "week-02/plot-a-histogram" not in states(data_dir)
    # The check-in's link followed the item.
    log = json.loads(run(capsys, "log", "--format", "json")[1])
    assert log[0]["items"] == ["week-01/plot-a-histogram"]


def test_renumbered_weeks(plan: Path, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    text = PLAN.replace("## Week 2: Data", "## Week 3: Data").replace(
        "## Week 1: Basics", "## Week 1: Setup\n- [ ] Install git\n## Week 2: Basics"
    )
    report = reimport(capsys, plan, text)
    assert counts(report) == (6, 0, 0, 0, 1, 0)
    assert report["new_items"] == ["week-01/install-git"]
    assert states(data_dir) == {
        "week-02/install-python-and-an-editor": "done",
        "week-03/clean-a-csv-file": "skipped",
        "week-03/plot-a-histogram": "done",
    }
    # Node notes follow the renumbered node, item notes their item.
    assert notes(data_dir) == {"week-02/write-a-small-script": "ask Ana", "week-03": "hard week"}
    log = json.loads(run(capsys, "log", "--format", "json")[1])
    assert log[0]["items"] == ["week-03/plot-a-histogram"]


def test_split(plan: Path, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    text = PLAN.replace(
        "- [ ] Install Python and an editor\n", "- [ ] Install Python\n- [ ] Install an editor\n"
    )
    report = reimport(capsys, plan, text)
    assert counts(report) == (5, 1, 0, 1, 0, 0)
    done = states(data_dir)
    assert done["week-01/install-python"] == "done" and done["week-01/install-an-editor"] == "done"


def test_delete_keeps_the_records_aside_and_restores_them(
    plan: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    text = PLAN.replace("- [ ] Write a small script\n", "").replace("- [ ] Plot a histogram\n", "")
    doc = plan
    doc.write_text(text, "utf-8")
    code, out, err = run(capsys, "import", str(doc))
    assert (code, out) == (0, "plan\n")
    assert "re-import: 4 kept, 0 renamed, 0 moved, 0 split parts, 0 new, 2 removed" in err
    assert "removed: week-02/plot-a-histogram (Plot a histogram)" in err
    rp = ProgressFile(data_dir).load().progress.roadmap("plan")
    aside = rp.live_removed()
    assert set(aside) == {"week-01/write-a-small-script", "week-02/plot-a-histogram"}
    assert aside["week-02/plot-a-histogram"].state is pm.ItemState.DONE
    assert aside["week-01/write-a-small-script"].note == "ask Ana"
    assert "week-02/plot-a-histogram" not in states(data_dir)
    # --restore-removed puts them back into their nodes, with their progress.
    code, out, err = run(capsys, "import", str(doc), "--id", "plan", "--restore-removed")
    assert code == 0
    assert states(data_dir)["week-02/plot-a-histogram"] == "done"
    assert notes(data_dir)["week-01/write-a-small-script"] == "ask Ana"
    assert ProgressFile(data_dir).load().progress.roadmap("plan").live_removed() == {}
    shown = run(capsys, "show", "plan", "--items")[1]
    assert "week-02/plot-a-histogram  task  done  Plot a histogram" in shown


def test_an_item_that_comes_back_takes_its_records_again(
    plan: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    reimport(capsys, plan, PLAN.replace("- [ ] Plot a histogram\n", ""))
    assert "week-02/plot-a-histogram" not in states(data_dir)
    report = reimport(capsys, plan, PLAN)
    assert report["new"] == 1
    assert states(data_dir)["week-02/plot-a-histogram"] == "done"


def test_reorder(plan: Path, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    before = states(data_dir)
    week_1, week_2 = PLAN.split("## Week 2: Data\n")
    items = week_2.splitlines(keepends=True)
    text = week_1.replace("## Week 1", "## Week 2") + "## Week 1: Data\n" + "".join(items[::-1])
    report = reimport(capsys, plan, text)
    assert (report["renamed"], report["new"], report["removed"]) == (0, 0, 0)
    assert sorted(states(data_dir).values()) == sorted(before.values())
    assert notes(data_dir)["week-01"] == "hard week"  # the Data week is week-01 now


def test_the_reimport_is_one_undo_step(
    plan: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    before = states(data_dir)
    reimport(capsys, plan, PLAN.replace("## Week 2: Data", "## Week 3: Data"))
    assert states(data_dir) != before
    assert run(capsys, "undo")[0] == 0
    assert states(data_dir) == before


def test_dry_run_saves_nothing(
    plan: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    saved = (data_dir / "roadmaps" / "plan.toml").read_text("utf-8")
    before = (data_dir / "progress.toml").read_text("utf-8")
    plan.write_text(PLAN.replace("Week 2", "Week 3"), "utf-8")
    code, out, err = run(capsys, "import", str(plan), "--dry-run")
    assert (code, out) == (0, "plan\n") and "dry run: nothing was saved" in err
    assert (data_dir / "roadmaps" / "plan.toml").read_text("utf-8") == saved
    assert (data_dir / "progress.toml").read_text("utf-8") == before


def test_ambiguous_matches_are_listed_and_can_be_chosen() -> None:
    old = import_text("# P\n## A\n- [ ] Read chapter 1 of the book\n", "p.md")
    new = import_text(
        "# P\n## A\n- [ ] Read chapter 2 of the book\n- [ ] Read chapter 3 of the book\n", "p.md"
    )
    result = match(old, new)
    assert [a.old for a in result.ambiguous] == ["a/read-chapter-1-of-the-book"]
    (asked,) = result.ambiguous
    assert [c.id for c in asked.candidates] == [
        "a/read-chapter-2-of-the-book",
        "a/read-chapter-3-of-the-book",
    ]
    assert asked.chosen == "a/read-chapter-2-of-the-book"  # nearest in position on a tie
    answered = result.choose(asked.old, "a/read-chapter-3-of-the-book", new)
    assert answered.item_ids() == {"a/read-chapter-1-of-the-book": ["a/read-chapter-3-of-the-book"]}
    assert answered.new == ("a/read-chapter-2-of-the-book",) and answered.ambiguous == ()


def test_rekey_is_pure_and_swaps_ids_without_losing_either() -> None:
    """Two items that trade places by id: each record lands on its own item."""
    old = import_text("# P\n## A\n- [ ] one\n## B\n- [ ] two\n", "p.md")
    new = import_text("# P\n## A\n- [ ] two\n## B\n- [ ] one\n", "p.md")
    result = match(old, new)
    when = pm.now_utc()
    progress = pm.set_item_state(pm.Progress(), "p", "a/one", pm.ItemState.DONE, when)
    moved = rekey(progress, "p", plan_rekey(result, old, new), when)
    rp = moved.roadmap("p")
    assert rp.state("b/one") is pm.ItemState.DONE and rp.state("a/one") is pm.ItemState.TODO
    assert progress.roadmap("p").state("a/one") is pm.ItemState.DONE  # the input is untouched


def test_a_big_roadmap_matches_in_seconds() -> None:
    import time

    weeks = [
        f"## Week {w}: Topic {w}\n"
        + "".join(f"- [ ] Study part {i} of topic {w} with exercises\n" for i in range(40))
        for w in range(1, 301)
    ]
    old = import_text("# Big\n" + "".join(weeks), "big.md")
    edited = [w.replace("exercises", "worked exercises") for w in weeks[::-1]]
    new = import_text("# Big\n## Week 0: Intro\n- [ ] Start\n" + "".join(edited), "big.md")
    started = time.perf_counter()
    result = match(old, new)
    assert time.perf_counter() - started < 5
    assert len(result.matches) == 12_000 and result.removed == ()
