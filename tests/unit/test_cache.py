"""The per-machine cache of validated files: exact bytes or nothing, and never a stale read."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from syllabus import catalog
from syllabus.model import progress as pm
from syllabus.model import validate
from syllabus.storage import cache
from syllabus.storage.progress_file import ProgressFile

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def sample() -> pm.Progress:
    progress = pm.set_item_state(pm.Progress(), "r", "w1/a", pm.ItemState.DONE, T0)
    checkin = pm.CheckIn(
        id="c1", date=date(2026, 11, 23), hours=1.5, roadmap="r", created=T0, updated=T0
    )
    return pm.put_checkin(progress, checkin)


def test_an_entry_is_returned_only_for_the_same_bytes(data_dir: Path) -> None:
    progress = sample()
    cache.store(data_dir, "progress", b"schema = 1\nA", progress)
    assert cache.load(data_dir, "progress", b"schema = 1\nA") == progress
    assert cache.load(data_dir, "progress", b"schema = 1\nB") is None  # same length
    assert cache.load(data_dir, "progress", b"schema = 1\n") is None
    assert cache.load(data_dir, "other", b"schema = 1\nA") is None


@pytest.mark.parametrize("cut", [0, 5, 40, -3])
def test_a_damaged_entry_is_a_miss(data_dir: Path, cut: int) -> None:
    cache.store(data_dir, "progress", b"x", sample())
    entry = cache.cache_dir(data_dir) / "progress.pickle"
    entry.write_bytes(entry.read_bytes()[:cut])
    assert cache.load(data_dir, "progress", b"x") is None


def test_an_entry_naming_other_code_is_refused_not_run(data_dir: Path, tmp_path: Path) -> None:
    cache.store(data_dir, "progress", b"x", sample())
    entry = cache.cache_dir(data_dir) / "progress.pickle"
    good = entry.read_bytes()
    payload_at = good.index(b"x", len(b"syllabus cache\n") + 16 + len(cache._stamp())) + 1
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    entry.write_bytes(good[:payload_at] + pickle.dumps(Evil()))
    assert cache.load(data_dir, "progress", b"x") is None
    assert not marker.exists()


def test_an_unwritable_cache_is_silent(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "local").write_text("a file where the folder should be")
    cache.store(data_dir, "progress", b"x", sample())
    assert cache.load(data_dir, "progress", b"x") is None


def _run(code: str, data_dir: Path) -> str:
    env = {**os.environ, "SYLLABUS_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


LOAD = """
    import os, sys
    from pathlib import Path
    from syllabus.storage.progress_file import ProgressFile
    pf = ProgressFile(Path(os.environ["SYLLABUS_DATA_DIR"]))
    progress = pf.load().progress
    print(sorted(progress.roadmap("r").items), "pydantic" in sys.modules)
    pf.remember()
"""


def test_a_file_this_machine_wrote_loads_without_pydantic(data_dir: Path) -> None:
    pf = ProgressFile(data_dir)
    pf.update(lambda p: pm.set_item_state(p, "r", "w1/a", "done", T0))
    assert cache.load(data_dir, "progress", pf.path.read_bytes()) is None  # not in save
    pf.remember()
    assert _run(LOAD, data_dir) == "['w1/a'] False"


def test_remember_keeps_nothing_once_the_file_changed_again(data_dir: Path) -> None:
    pf = ProgressFile(data_dir)
    pf.update(lambda p: pm.set_item_state(p, "r", "w1/a", "done", T0))
    ProgressFile(data_dir).update(lambda p: pm.set_item_state(p, "r", "w1/b", "done", T0))
    pf.remember()
    assert cache.load(data_dir, "progress", pf.path.read_bytes()) is None


def test_a_cli_command_leaves_the_file_ready_for_the_next_start(data_dir: Path) -> None:
    from syllabus.cli import main

    def cached() -> object:
        return cache.load(data_dir, "progress", (data_dir / "progress.toml").read_bytes())

    assert main(["start", "ml-engineer-16-weeks", "--hours-per-week", "8"]) == 0
    assert main(["checkin", "--hours", "1.5"]) == 0
    assert cached() == ProgressFile(data_dir).load().progress
    for entry in cache.cache_dir(data_dir).iterdir():
        entry.unlink()  # as after a sync
    assert main(["status"]) == 0  # reading is enough
    assert cached() == ProgressFile(data_dir).load().progress


def test_a_hand_edit_is_validated_and_read(data_dir: Path) -> None:
    pf = ProgressFile(data_dir)
    pf.update(lambda p: pm.set_item_state(p, "r", "w1/a", "done", T0))
    pf.remember()
    path = data_dir / "progress.toml"
    text = path.read_text(encoding="utf-8").replace('"w1/a"', '"w1/b"')  # same size
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old mtime
    assert _run(LOAD, data_dir) == "['w1/b'] True"
    assert _run(LOAD, data_dir) == "['w1/b'] False"  # validated once, remembered since


def test_a_damaged_file_is_never_covered_by_its_cache(data_dir: Path) -> None:
    pf = ProgressFile(data_dir)
    pf.update(lambda p: pm.set_item_state(p, "r", "w1/a", "done", T0))
    pf.remember()
    path = data_dir / "progress.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[oops\n", encoding="utf-8")
    loaded = ProgressFile(data_dir).load()
    assert loaded.damaged and "not valid TOML" in loaded.problems[0]


def test_a_cached_progress_equals_a_fresh_read(data_dir: Path) -> None:
    pf = ProgressFile(data_dir)
    pf.update(lambda p: pm.put_checkin(sample(), sample().checkins["c1"]))
    pf.remember()
    raw = (data_dir / "progress.toml").read_bytes()
    cached = cache.load(data_dir, "progress", raw)
    for entry in cache.cache_dir(data_dir).iterdir():
        entry.unlink()
    assert cache.load(data_dir, "progress", raw) is None
    assert ProgressFile(data_dir).load().progress == cached == sample()


def test_a_roadmap_loads_from_the_cache_once_validated(data_dir: Path) -> None:
    first = catalog.load_roadmap("ml-engineer-16-weeks", data_dir)
    assert list(cache.cache_dir(data_dir).glob("roadmap-bundled-*.pickle"))
    code = """
        import os, sys
        from pathlib import Path
        from syllabus import catalog
        data_dir = Path(os.environ["SYLLABUS_DATA_DIR"])
        roadmap = catalog.load_roadmap("ml-engineer-16-weeks", data_dir)
        print(roadmap.counts(), "pydantic" in sys.modules)
    """
    assert _run(code, data_dir) == f"{first.counts()} False"


def test_validation_names_the_first_wrong_value() -> None:
    with pytest.raises(validate.Invalid) as caught:
        validate.progress({"checkins": {"c": {"id": "c", "date": "2026-11-23", "hours": "x"}}})
    assert caught.value.where.startswith("checkins.c")
    with pytest.raises(validate.Invalid, match="hours must be between 0 and 24"):
        validate.validate(
            pm.CheckIn,
            {
                "id": "c",
                "date": "2026-11-23",
                "hours": 30,
                "roadmap": "r",
                "created": T0,
                "updated": T0,
            },
        )
    with pytest.raises(validate.Invalid, match="needs a time zone"):
        validate.validate(pm.ItemRecord, {"updated": "2026-11-23T08:00:00"})
    with pytest.raises(validate.Invalid) as caught:
        validate.roadmap({"id": "x", "title": "t", "nodes": [{"id": "a", "title": "A", "x": 1}]})
    assert caught.value.where == "nodes.0.x"


def test_times_with_any_offset_are_kept_as_standard_zones(data_dir: Path) -> None:
    path = data_dir / "progress.toml"
    data_dir.mkdir(parents=True)
    path.write_text(
        "schema = 1\n"
        "[roadmaps.r.items]\n"
        '"w1/a" = { state = "done", updated = 2026-11-23T08:00:00+02:00 }\n'
        '"w1/b" = { state = "done", updated = "2026-11-23T09:00:00-05:30" }\n',
        encoding="utf-8",
    )
    pf = ProgressFile(data_dir)
    fresh = pf.load().progress  # validated
    pf.remember()
    cached = cache.load(data_dir, "progress", path.read_bytes())
    assert cached == fresh
    items = cached.roadmap("r").items
    assert items["w1/a"].updated == datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    assert items["w1/b"].updated == datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
    assert {type(r.updated.tzinfo) for r in items.values()} == {type(UTC)}
