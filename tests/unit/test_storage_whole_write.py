"""A save that meets a file damaged behind its back writes everything it holds.

``ProgressFile.save`` writes the records the caller changed since it last read the
file. When another program has broken the file meanwhile, that diff is all that would
be left: the save sets the wreck aside and writes the caller's whole progress, without
an undo step that would empty the file. ``damage`` asks whether a file parses without
moving it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile, damage

BROKEN = b'schema = 2\n[roadmaps.r.items]\n"x" = '


def _tick(progress: pm.Progress, item: str) -> pm.Progress:
    return pm.set_item_state(progress, "r", item, pm.ItemState.DONE, datetime.now(UTC))


def _held(data_dir: Path) -> tuple[ProgressFile, pm.Progress]:
    """A file with two items done, loaded by a caller that then ticks a third."""
    ProgressFile(data_dir).update(lambda p: _tick(_tick(p, "a"), "b"))
    pf = ProgressFile(data_dir)
    return pf, _tick(pf.load().progress, "c")


def _done(data_dir: Path) -> list[str]:
    rp = ProgressFile(data_dir).load().progress.roadmap("r")
    return [i for i in ("a", "b", "c") if rp.state(i) is pm.ItemState.DONE]


def test_a_save_over_a_file_damaged_since_it_was_read_writes_the_whole_progress(
    data_dir: Path,
) -> None:
    pf, held = _held(data_dir)
    (data_dir / "progress.toml").write_bytes(BROKEN)
    pf.save(held)
    assert _done(data_dir) == ["a", "b", "c"]  # not just "c", the change since the load
    [aside] = data_dir.glob("progress.corrupt-*")
    assert aside.read_bytes() == BROKEN


def test_the_whole_write_after_a_set_aside_is_no_undo_step(data_dir: Path) -> None:
    pf, held = _held(data_dir)
    (data_dir / "progress.toml").write_bytes(BROKEN)
    pf.save(held)
    pf.undo()  # the step before the damage (ticking a and b), never "empty the file"
    assert _done(data_dir) == ["c"]


def test_update_without_journal_writes_and_leaves_no_undo_step(data_dir: Path) -> None:
    pf = ProgressFile(data_dir)
    pf.update(lambda p: _tick(p, "a"))
    (data_dir / "progress.toml").write_bytes(BROKEN)
    whole = _tick(_tick(pm.Progress(), "a"), "b")
    pf.update(lambda disk: pm.merge(disk, whole, prefer_a=True), journal=False)
    assert _done(data_dir) == ["a", "b"]
    pf.undo()  # undoes ticking a; the unjournaled write is not a step of its own
    assert _done(data_dir) == ["b"]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty"),
        (b"  \n", "blank"),
        (b"\xff\xfe", "UTF-8"),
        (BROKEN, ""),
        (b"schema = 0\n", "schema"),
    ],
)
def test_damage_says_why_and_never_moves_the_file(data_dir: Path, content: bytes, why: str) -> None:
    ProgressFile(data_dir).update(lambda p: _tick(p, "a"))
    path = data_dir / "progress.toml"
    path.write_bytes(content)
    found = damage(path)
    assert found is not None and why in found
    assert path.read_bytes() == content
    assert not list(data_dir.glob("progress.corrupt-*"))
    assert ProgressFile(data_dir).pending_notices() == []  # nothing recorded either


def test_damage_is_none_for_a_good_a_missing_and_a_newer_file(data_dir: Path) -> None:
    path = data_dir / "progress.toml"
    assert damage(path) is None
    ProgressFile(data_dir).update(lambda p: _tick(p, "a"))
    assert damage(path) is None
    path.write_text("schema = 999\n", encoding="utf-8")
    assert damage(path) is None  # read-only at load, not damaged
