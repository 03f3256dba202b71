"""``syllabus import`` summary, ``remove``, ``rename``, ``leave`` and ``start
--accept-done/--track`` (issue 14.8, 14.9, 14.12)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from syllabus.cli import main
from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile

DOC = """# Learn Data
Study about 6 hours/week.
## Contents
- [Week 1](#week-1)
- [Week 2](#week-2)
## Week 1: Basics
- [x] Install Python
- [-] Buy a book
- [ ] Read chapter 1 (3 hours)
## Week 2: Practice
- [ ] Write a script
- [ ] Bonus: a second script (optional)
## License
MIT
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "data-plan.md"
    path.write_text(DOC, "utf-8")
    return path


def test_import_prints_the_id_alone_and_a_summary_on_stderr(
    capsys: pytest.CaptureFixture[str], doc: Path
) -> None:
    code, out, err = run(capsys, "import", str(doc))
    assert (code, out) == (0, "learn-data\n")
    lines = err.splitlines()
    assert all(line.startswith("syllabus: ") for line in lines)
    assert any("checkable items" in line and "phase" in line for line in lines), err
    assert any(line.startswith("syllabus: stated pace: ") for line in lines), err
    assert any("set aside, never scheduled: " in line for line in lines), err


def test_import_json_summary(capsys: pytest.CaptureFixture[str], doc: Path, data_dir: Path) -> None:
    code, out, err = run(capsys, "import", str(doc), "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert found["id"] == "learn-data" and found["saved"] is True
    assert found["reimport"] is None
    assert set(found) >= {"phases", "sections", "items", "hours", "weeks", "pace", "set_aside"}
    assert found["items"]["checkable"] >= 4
    assert {s["title"] for s in found["set_aside"]} >= {"License"}
    assert (data_dir / "roadmaps" / "learn-data.toml").exists()
    # A second run of the same file is a re-import and says so in the JSON.
    again = json.loads(run(capsys, "import", str(doc), "--format", "json")[1])
    assert again["reimport"]["kept"] == found["items"]["total"]


def test_dry_run_saves_nothing(
    capsys: pytest.CaptureFixture[str], doc: Path, data_dir: Path
) -> None:
    code, out, err = run(capsys, "import", str(doc), "--dry-run")
    assert (code, out) == (0, "learn-data\n") and "dry run: nothing was saved" in err
    assert not (data_dir / "roadmaps").exists()
    found = json.loads(run(capsys, "import", str(doc), "--dry-run", "--format", "json")[1])
    assert found["saved"] is False


def test_restore_removed_needs_a_reimport(capsys: pytest.CaptureFixture[str], doc: Path) -> None:
    code, _out, err = run(capsys, "import", str(doc), "--restore-removed")
    assert code == 2 and "--restore-removed" in err


def test_remove_keeps_the_file_and_progress_in_backups(
    capsys: pytest.CaptureFixture[str], doc: Path, data_dir: Path
) -> None:
    run(capsys, "import", str(doc))
    assert run(capsys, "start", "learn-data")[0] == 0
    assert run(capsys, "done", "week-01/read-chapter-1-3-hours")[0] == 0
    code, out, err = run(capsys, "remove", "learn-data")
    assert code == 0 and "removed learn-data" in err
    assert not (data_dir / "roadmaps" / "learn-data.toml").exists()
    kept = list((data_dir / "backups" / "removed-roadmaps").iterdir())
    assert len(kept) == 1 and kept[0].name.startswith("learn-data-")
    assert any(
        p.name.startswith("progress-before-remove-learn-data")
        for p in (data_dir / "backups").iterdir()
    )
    rows = json.loads(run(capsys, "list", "--format", "json")[1])
    assert "learn-data" not in [r["id"] for r in rows]
    rp = ProgressFile(data_dir).load().progress.roadmap("learn-data")
    assert rp.enrolled is None and rp.state("week-01/read-chapter-1-3-hours") is pm.ItemState.DONE
    # Importing it again finds the progress again.
    run(capsys, "import", str(doc), "--id", "learn-data")
    shown = run(capsys, "show", "learn-data", "--items")[1]
    assert "week-01/read-chapter-1-3-hours  task 3 h  done" in shown


def test_bundled_roadmaps_are_never_removed_or_renamed(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "remove", "mlops-6-months")
    assert code == 2 and "bundled" in err
    code, _out, err = run(capsys, "rename", "mlops-6-months", "Mine")
    assert code == 2 and "bundled" in err


def test_rename_is_kept_by_a_reimport(capsys: pytest.CaptureFixture[str], doc: Path) -> None:
    run(capsys, "import", str(doc))
    code, out, _err = run(capsys, "rename", "learn-data", "My data course")
    assert code == 0 and "My data course" in out
    run(capsys, "import", str(doc))
    assert run(capsys, "show", "learn-data")[1].startswith("My data course  (learn-data")


def test_two_roadmaps_of_one_title_are_told_apart(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plan.md").write_text("# Plan\n- [ ] a\n", "utf-8")
        run(capsys, "import", str(tmp_path / folder / "plan.md"))
    out = run(capsys, "list")[1]
    mine = [line for line in out.splitlines() if " Plan " in line]
    assert len(mine) == 2
    assert str(tmp_path / "x" / "plan.md") in mine[0] and str(tmp_path / "y" / "plan.md") in mine[1]


def test_leave_keeps_progress_and_a_tombstone(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert run(capsys, "start", "ki-12-monate")[0] == 0
    assert run(capsys, "done", "phase-1/python-crash")[0] == 0
    code, out, _err = run(capsys, "leave", "ki-12")
    assert code == 0 and "left ki-12-monate" in out
    rp = ProgressFile(data_dir).load().progress.roadmap("ki-12-monate")
    assert rp.enrolment is not None and rp.enrolment.deleted and rp.enrolled is None
    assert rp.state("phase-1/python-crash-course-freecodecamp") is pm.ItemState.DONE
    assert run(capsys, "leave", "ki-12-monate")[0] == 2  # not enrolled any more
    assert run(capsys, "status")[0] == 2  # no active roadmap now
    assert run(capsys, "start", "ki-12-monate")[0] == 0  # enrolling again works


def test_a_merge_does_not_bring_a_left_enrolment_back(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Two writers: one still holds the enrolment and saves another change after the other left."""
    assert run(capsys, "start", "ki-12-monate")[0] == 0
    other = ProgressFile(data_dir)
    stale = other.load().progress  # this writer saw the enrolment
    assert run(capsys, "leave", "ki-12-monate")[0] == 0
    later = stale.roadmap("ki-12-monate").enrolled
    assert later is not None
    changed = pm.set_item_state(
        stale,
        "ki-12-monate",
        "phase-1/cs50p-introduction-to-programming-with-python",
        pm.ItemState.DONE,
        pm.now_utc(),
    )
    saved = other.save(changed)
    assert saved.roadmap("ki-12-monate").enrolled is None
    assert (
        saved.roadmap("ki-12-monate").state("phase-1/cs50p-introduction-to-programming-with-python")
        is pm.ItemState.DONE
    )
    # A synced copy that still has the old enrolment merges the same way, in either order.
    left = ProgressFile(data_dir).load().progress
    for a, b in ((left, stale), (stale, left)):
        assert pm.merge(a, b).roadmap("ki-12-monate").enrolled is None
    # Only a newer enrolment (start again) wins over the tombstone.
    again = pm.enrol(stale, "ki-12-monate", pm.Enrolment(
        start=later.start, hours_per_week=5, updated=pm.now_utc() + timedelta(seconds=5)
    ))  # fmt: skip
    assert pm.merge(left, again).roadmap("ki-12-monate").enrolled is not None


def test_start_accept_done_takes_the_documents_marks(
    capsys: pytest.CaptureFixture[str], doc: Path, data_dir: Path
) -> None:
    run(capsys, "import", str(doc))
    code, _out, err = run(capsys, "start", "learn-data")
    assert code == 0 and "--accept-done" in err
    rp = ProgressFile(data_dir).load().progress.roadmap("learn-data")
    assert rp.state("week-01/install-python") is pm.ItemState.TODO  # only offered
    code, _out, err = run(capsys, "start", "learn-data", "--accept-done")
    assert code == 0 and "1 done, 1 skipped" in err
    rp = ProgressFile(data_dir).load().progress.roadmap("learn-data")
    assert rp.state("week-01/install-python") is pm.ItemState.DONE
    assert rp.state("week-01/buy-a-book") is pm.ItemState.SKIPPED


def test_start_track(capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path) -> None:
    doc = tmp_path / "tracks.md"
    doc.write_text(
        "# Tracks\n## Accelerated\n### Week 1: All of it\n- [ ] Everything\n"
        "## Part-time\n### Week 1: Half\n- [ ] Half of it\n### Week 2: Other half\n"
        "- [ ] The rest\n",
        "utf-8",
    )
    roadmap_id = run(capsys, "import", str(doc))[1].strip()
    from syllabus.catalog import load_roadmap

    tracks = load_roadmap(roadmap_id, data_dir).tracks()
    if not tracks:
        pytest.fail("the importer found no tracks in a document of alternative plans")
    code, _out, err = run(capsys, "start", roadmap_id, "--track", "nope")
    assert code == 2 and tracks[0] in err
    assert run(capsys, "start", roadmap_id, "--track", tracks[-1].upper())[0] == 0
    enrolment = ProgressFile(data_dir).load().progress.roadmap(roadmap_id).enrolled
    assert enrolment is not None and enrolment.track == tracks[-1]
    shown = run(capsys, "show", roadmap_id)[1]
    assert f"{tracks[-1]} *" in shown and "--track NAME" in shown
