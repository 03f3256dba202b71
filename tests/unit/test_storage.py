"""The progress file on disk: damage, hand edits, failures, conflicts, backups, undo."""

from __future__ import annotations

import errno
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from syllabus.model import progress as pm
from syllabus.storage import migrations
from syllabus.storage.progress_file import ProgressError, ProgressFile, SaveFailed

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def tick(item: str, state: pm.ItemState = pm.ItemState.DONE, roadmap: str = "r"):
    return lambda p: pm.set_item_state(p, roadmap, item, state, datetime.now(UTC))


def checkin(checkin_id: str, hours: float = 1.0, note: str = "") -> pm.CheckIn:
    now = datetime.now(UTC)
    return pm.CheckIn(
        id=checkin_id,
        date=date(2026, 11, 23),
        hours=hours,
        note=note,
        roadmap="r",
        created=now,
        updated=now,
    )


@pytest.fixture
def pf(data_dir: Path) -> ProgressFile:
    return ProgressFile(data_dir)


def test_missing_file_loads_empty(pf: ProgressFile) -> None:
    loaded = pf.load()
    assert loaded.progress == pm.Progress()
    assert (loaded.problems, loaded.read_only, loaded.damaged) == ([], False, False)
    assert pf.signature() is None


def test_update_then_fresh_load(pf: ProgressFile, data_dir: Path) -> None:
    pf.update(tick("week-1/a"))
    pf.update(lambda p: pm.put_checkin(p, checkin("c1", 1.5, '[3 hrs] "quoted"\nline')))
    again = ProgressFile(data_dir).load()
    assert again.progress == pf.load().progress
    assert again.progress.checkins["c1"].note == '[3 hrs] "quoted"\nline'
    assert pf.signature() is not None
    assert not list(data_dir.glob(".*.tmp"))


DAMAGED = {
    "empty": b"",
    "blank": b"\n  \n",
    "not toml": b"schema = 1\n[settings\n",
    "wrong type": b'schema = 1\n[checkins.a]\ndate = 2026-01-01\nhours = "many"\nroadmap = "r"\n',
    "impossible date": b"schema = 1\n[roadmaps.r.enrolment]\nstart = 2026-02-30\n",
    "hours out of range": b'[checkins.a]\ndate = 2026-01-01\nhours = 30.0\nroadmap = "r"\n',
    "not utf-8": "schema = 1\n# caf\u00e9\n".encode("latin-1"),
    "binary": bytes(range(256)),
    "bad schema": b'schema = "one"\n',
}


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_damaged_file_is_moved_aside_byte_for_byte(pf: ProgressFile, data_dir: Path, case: str):
    data_dir.mkdir(parents=True)
    content = DAMAGED[case]
    (data_dir / "progress.toml").write_bytes(content)
    loaded = pf.load()
    assert loaded.damaged and loaded.progress == pm.Progress()
    (line,) = loaded.problems
    assert "\n" not in line and str(data_dir / "progress.toml") in line and "moved aside" in line
    (aside,) = data_dir.glob("progress.corrupt-*.toml")
    assert aside.read_bytes() == content
    # The app goes on: the next save starts a new file and never touches the damaged copy.
    pf.update(tick("x"))
    assert aside.read_bytes() == content
    assert ProgressFile(data_dir).load().progress.roadmap("r").state("x") == pm.ItemState.DONE


def test_a_damaged_file_found_at_save_is_set_aside_not_overwritten(pf: ProgressFile, data_dir):
    pf.update(tick("x"))
    (data_dir / "progress.toml").write_bytes(b"garbage = [")
    pf.update(tick("y"))
    (aside,) = data_dir.glob("progress.corrupt-*.toml")
    assert aside.read_bytes() == b"garbage = ["


def test_hand_edits_are_respected(pf: ProgressFile, data_dir: Path) -> None:
    memory = pf.update(lambda p: tick("w/b")(tick("w/a")(p)))
    path = data_dir / "progress.toml"
    text = path.read_text()
    # Change a state without touching its time; drop a key; add a record with no time.
    text = text.replace('"w/a" = { state = "done"', '"w/a" = { state = "skipped"')
    lines = [
        line.split(", updated")[0] + " }" if line.startswith('"w/b" =') else line
        for line in text.splitlines()
    ]
    text = "\n".join(lines).replace(
        "[roadmaps.r.items]", '[roadmaps.r.items]\n"w/c" = { state = "doing" }'
    )
    path.write_text(text)
    later = datetime.now(UTC) + timedelta(seconds=5)
    os.utime(path, (later.timestamp(), later.timestamp()))
    rp = ProgressFile(data_dir).load().progress.roadmap("r")
    assert rp.state("w/a") == pm.ItemState.SKIPPED
    assert (
        rp.state("w/b") == pm.ItemState.DONE
        and rp.items["w/b"].updated > memory.roadmap("r").items["w/b"].updated
    )
    assert rp.state("w/c") == pm.ItemState.DOING
    # The running app saves its older copy: the hand edits win.
    merged = pf.save(memory)
    assert merged.roadmap("r").state("w/a") == pm.ItemState.SKIPPED
    assert merged.roadmap("r").state("w/c") == pm.ItemState.DOING


def test_save_merges_changes_from_another_process(pf: ProgressFile, data_dir: Path) -> None:
    app = pf.load().progress
    ProgressFile(data_dir).update(tick("from-cli"))
    app = pm.set_item_state(app, "r", "from-app", pm.ItemState.DONE, datetime.now(UTC))
    saved = pf.save(app)
    for item in ("from-cli", "from-app"):
        assert saved.roadmap("r").state(item) == pm.ItemState.DONE
    assert ProgressFile(data_dir).load().progress == saved


def test_save_without_changes_does_not_write(pf: ProgressFile) -> None:
    progress = pf.update(tick("x"))
    before = pf.signature()
    assert pf.save(progress) == progress
    assert pf.signature() == before


def test_symlinked_file_stays_a_link(pf: ProgressFile, data_dir: Path, tmp_path: Path) -> None:
    synced = tmp_path / "Sync"
    synced.mkdir()
    data_dir.mkdir(parents=True)
    (synced / "progress.toml").write_text("schema = 1\n")
    (data_dir / "progress.toml").symlink_to(synced / "progress.toml")
    pf.update(tick("x"))
    assert (data_dir / "progress.toml").is_symlink()
    assert "x" in (synced / "progress.toml").read_text()


def _fail_temp_files(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith(".tmp"):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


def test_read_only_folder(pf: ProgressFile, data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    progress = pf.update(tick("x"))
    before = (data_dir / "progress.toml").read_bytes()
    os.chmod(data_dir, 0o555)
    try:
        if os.access(data_dir, os.W_OK):  # root ignores modes: fail the way a read-only mount does
            _fail_temp_files(monkeypatch, errno.EROFS)
        changed = pm.set_item_state(progress, "r", "y", pm.ItemState.DONE, datetime.now(UTC))
        with pytest.raises(SaveFailed) as failure:
            pf.save(changed)
    finally:
        os.chmod(data_dir, 0o755)
    message = str(failure.value)
    assert "\n" not in message and str(data_dir / "progress.toml") in message
    assert (data_dir / "progress.toml").read_bytes() == before
    monkeypatch.undo()
    # The app keeps its change and retries: nothing is lost.
    assert pf.save(changed).roadmap("r").state("y") == pm.ItemState.DONE


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_full_disk(pf: ProgressFile, data_dir: Path, monkeypatch: pytest.MonkeyPatch, call: str):
    progress = pf.update(lambda p: pm.put_checkin(p, checkin("c1", note="x" * 5000)))
    before = (data_dir / "progress.toml").read_bytes()

    def no_space(*args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, call, no_space)
    with pytest.raises(SaveFailed, match="No space left on device"):
        pf.save(pm.delete_checkin(progress, "c1", datetime.now(UTC)))
    monkeypatch.undo()
    assert (data_dir / "progress.toml").read_bytes() == before
    assert not list(data_dir.glob(".*.tmp"))
    assert not list(data_dir.glob("backups/progress-*.toml"))  # no snapshot linked to the live file
    assert os.stat(data_dir / "progress.toml").st_nlink == 1
    assert ProgressFile(data_dir).load().progress == progress


@pytest.mark.parametrize(
    "name",
    [
        "progress.sync-conflict-20261123-101010-ABCDEFG.toml",
        "progress (conflicted copy 2026-11-23).toml",
        "progress (Ann's conflicted copy 2026-11-23).toml",
    ],
)
def test_sync_conflict_copy_is_merged_and_moved(data_dir: Path, name: str) -> None:
    ProgressFile(data_dir).update(tick("laptop"))
    other_machine = data_dir.parent / "other"
    ProgressFile(other_machine).update(tick("desktop"))
    ProgressFile(other_machine).update(lambda p: pm.put_checkin(p, checkin("c9")))
    os.replace(other_machine / "progress.toml", data_dir / name)
    loaded = ProgressFile(data_dir).load()
    assert any(name in line and "merged" in line for line in loaded.problems)
    for item in ("laptop", "desktop"):
        assert loaded.progress.roadmap("r").state(item) == pm.ItemState.DONE
    assert "c9" in loaded.progress.checkins
    assert not (data_dir / name).exists()
    assert (data_dir / "backups" / name).exists()
    assert ProgressFile(data_dir).load().progress == loaded.progress


def test_newer_schema_is_read_only(pf: ProgressFile, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    content = b'schema = 7\n[settings]\nactive_roadmap = "r"\nfuture = "thing"\n'
    (data_dir / "progress.toml").write_bytes(content)
    loaded = pf.load()
    assert loaded.read_only and not loaded.damaged
    assert "newer syllabus" in loaded.problems[0] and "\n" not in loaded.problems[0]
    assert loaded.progress.settings.active_roadmap == "r"
    with pytest.raises(ProgressError, match="newer syllabus"):
        pf.save(pm.set_active(loaded.progress, "s", datetime.now(UTC)))
    with pytest.raises(ProgressError):
        pf.update(tick("x"))
    assert (data_dir / "progress.toml").read_bytes() == content


def test_migration_to_a_second_schema(pf: ProgressFile, data_dir: Path, monkeypatch) -> None:
    pf.update(tick("x"))
    original = (data_dir / "progress.toml").read_bytes()

    def rename_theme(data: dict) -> dict:
        data.setdefault("settings", {})["theme"] = "migrated"
        return data

    old = pm.SCHEMA_VERSION
    monkeypatch.setattr(pm, "SCHEMA_VERSION", old + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, old, rename_theme)
    fresh = ProgressFile(data_dir)
    loaded = fresh.load()
    assert loaded.progress.settings.theme == "migrated"
    assert loaded.progress.roadmap("r").state("x") == pm.ItemState.DONE
    assert any(f"from schema {old} to {old + 1}" in p for p in loaded.problems)
    assert (data_dir / "backups" / f"progress-schema{old}.toml").read_bytes() == original
    fresh.save(pm.set_item_state(loaded.progress, "r", "y", pm.ItemState.DONE, datetime.now(UTC)))
    assert (data_dir / "progress.toml").read_text().count(f"\nschema = {old + 1}\n") == 1


def test_schema_1_files_read_as_they_are(pf: ProgressFile, data_dir: Path) -> None:
    """Schema 2 only added records: a schema-1 file is read without a copy or a word."""
    data_dir.mkdir(parents=True)
    (data_dir / "progress.toml").write_text(
        'schema = 1\n[roadmaps.r.items]\n"x" = { state = "done", updated = 2026-11-02T10:00:00Z }\n'
    )
    loaded = pf.load()
    assert loaded.problems == [] and not loaded.damaged
    assert loaded.progress.roadmap("r").state("x") == pm.ItemState.DONE
    assert not (data_dir / "backups" / "progress-schema1.toml").exists()
    pf.update(tick("y"))
    assert f"\nschema = {pm.SCHEMA_VERSION}\n" in (data_dir / "progress.toml").read_text()


def test_missing_migration_is_reported_as_damage(data_dir: Path, monkeypatch) -> None:
    ProgressFile(data_dir).update(tick("x"))
    old = pm.SCHEMA_VERSION
    monkeypatch.setattr(pm, "SCHEMA_VERSION", old + 2)
    monkeypatch.delitem(migrations.MIGRATIONS, old + 1, raising=False)
    loaded = ProgressFile(data_dir).load()
    assert loaded.damaged and f"no migration from schema {old}" in loaded.problems[0]


def test_daily_snapshots_keep_fourteen(pf: ProgressFile, data_dir, monkeypatch) -> None:
    for n in range(20):
        monkeypatch.setenv("SYLLABUS_TODAY", (date(2026, 11, 1) + timedelta(days=n)).isoformat())
        pf.update(tick(f"day-{n}"))
        pf.update(tick(f"day-{n}-again"))
    daily = sorted(p.name for p in (data_dir / "backups").glob("progress-2026-*.toml"))
    # every day of the last 14 (7-20 November), then the newest of each older week: the
    # week of 2-8 November has the 7th and 8th already, Sunday the 1st ends its own week
    assert len(daily) == 15
    assert daily[0] == "progress-2026-11-01.toml" and daily[1] == "progress-2026-11-07.toml"
    assert daily[-1] == "progress-2026-11-20.toml"
    # The snapshot is the file as it was before the day's first change.
    snapshot = (data_dir / "backups" / "progress-2026-11-20.toml").read_text()
    assert "\nday-18-again = " in snapshot and "\nday-19 = " not in snapshot


def test_damaged_file_never_becomes_a_snapshot(pf: ProgressFile, data_dir, monkeypatch) -> None:
    pf.update(tick("good"))
    pf.update(tick("good-too"))  # the day's snapshot of a good file
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-24")
    (data_dir / "progress.toml").write_bytes(b"broken = ")
    pf.update(tick("after"))
    backups = list((data_dir / "backups").iterdir())
    assert [b.name for b in backups] == ["progress-2026-11-23.toml"]
    assert b"broken" not in backups[0].read_bytes()


def test_restore_keeps_the_current_file(pf: ProgressFile, data_dir, monkeypatch) -> None:
    pf.update(tick("monday"))
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-24")
    pf.update(tick("tuesday"))
    current = (data_dir / "progress.toml").read_bytes()
    restored = pf.restore("progress-2026-11-24.toml")
    assert restored.roadmap("r").state("tuesday") == pm.ItemState.TODO
    (kept,) = (data_dir / "backups").glob("progress-before-restore-*.toml")
    assert kept.read_bytes() == current
    assert pf.undo() is not None  # restoring is one undoable step
    assert pf.load().progress.roadmap("r").state("tuesday") == pm.ItemState.DONE
    with pytest.raises(ProgressError):
        pf.restore("nothing.toml")


def test_undo_and_redo(pf: ProgressFile, data_dir: Path) -> None:
    assert pf.undo() is None and pf.redo() is None
    pf.update(tick("a"))
    pf.update(lambda p: pm.put_checkin(p, checkin("c1")))
    pf.update(lambda p: pm.set_note(p, "r", "a", "hello", datetime.now(UTC)))
    undone = ProgressFile(data_dir).undo()
    assert undone is not None and undone.roadmap("r").note("a") is None
    undone = ProgressFile(data_dir).undo()
    assert undone is not None and undone.checkins["c1"].deleted
    redone = pf.redo()
    assert redone is not None and not redone.checkins["c1"].deleted
    # A new change clears the redo stack.
    pf.update(tick("b"))
    assert pf.redo() is None
    assert pf.load().progress.roadmap("r").note("a") is None


def test_undo_never_discards_a_newer_change(pf: ProgressFile, data_dir: Path) -> None:
    pf.update(tick("a"))
    # Another machine's newer change to the same record arrives via sync:
    other = pm.set_item_state(
        pf.load().progress, "r", "a", pm.ItemState.SKIPPED, datetime.now(UTC) + timedelta(hours=1)
    )
    ProgressFile(data_dir)._locked(lambda p: pm.merge(p, other), journal=False)
    pf.undo()
    assert pf.load().progress.roadmap("r").state("a") == pm.ItemState.SKIPPED


def test_undo_keeps_the_last_hundred(pf: ProgressFile) -> None:
    for n in range(103):
        pf.update(tick(f"i{n}"))
    for _ in range(100):
        assert pf.undo() is not None
    assert pf.undo() is None
    rp = pf.load().progress.roadmap("r")
    assert [rp.state(f"i{n}") for n in (0, 2, 3, 102)] == [
        pm.ItemState.DONE,
        pm.ItemState.DONE,
        pm.ItemState.TODO,
        pm.ItemState.TODO,
    ]


def test_undo_of_an_enrolment_removes_it(pf: ProgressFile) -> None:
    enrolment = pm.Enrolment(start=date(2026, 11, 23), hours_per_week=5, updated=datetime.now(UTC))
    pf.update(lambda p: pm.enrol(p, "r", enrolment))
    undone = pf.undo()
    assert undone is not None and undone.roadmap("r").enrolled is None
    assert undone.settings.active_roadmap is None


def test_an_undone_enrolment_stays_undone_after_a_merge(pf: ProgressFile, data_dir: Path) -> None:
    """Issue 12.10: the undo left no tombstone, so a synced copy brought the enrolment back."""
    enrolment = pm.Enrolment(start=date(2026, 11, 23), hours_per_week=5, updated=datetime.now(UTC))
    pf.update(lambda p: pm.enrol(p, "r", enrolment))
    other_machine = (data_dir / "progress.toml").read_bytes()
    pf.undo()
    (data_dir / "progress.sync-conflict-20261123-101010-ABCDEFG.toml").write_bytes(other_machine)
    merged = ProgressFile(data_dir).load().progress
    assert not list(data_dir.glob("progress.sync-conflict-*")), "the copy was merged and moved"
    assert merged.roadmap("r").enrolled is None
    assert merged.roadmap("r").enrolment is not None and merged.roadmap("r").enrolment.deleted
    assert pm.merge(merged, ProgressFile(data_dir).load().progress).roadmap("r").enrolled is None


def test_states_for_unknown_ids_are_kept(pf: ProgressFile, data_dir: Path) -> None:
    pf.update(tick("removed-in-roadmap-v2/item"))
    pf.update(tick("still-here"))
    rp = ProgressFile(data_dir).load().progress.roadmap("r")
    assert pm.orphans(rp, {"still-here"}) == ["removed-in-roadmap-v2/item"]


def test_temp_files_of_killed_saves_are_swept(pf: ProgressFile, data_dir: Path) -> None:
    pf.update(tick("x"))
    stale = data_dir / ".progress.toml.999.abcd.tmp"
    fresh = data_dir / ".progress.toml.998.abcd.tmp"
    stale.write_text("half a file")
    fresh.write_text("being written")
    old = datetime.now(UTC).timestamp() - 3600
    os.utime(stale, (old, old))
    ProgressFile(data_dir).load()
    assert not stale.exists() and fresh.exists()


def test_a_restore_is_not_merged_away_by_the_apps_next_save(data_dir: Path, monkeypatch) -> None:
    app = ProgressFile(data_dir)
    app.load()
    memory = app.save(pm.set_item_state(pm.Progress(), "r", "a", pm.ItemState.DONE, T0))
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-24")
    memory = app.save(pm.set_item_state(memory, "r", "b", pm.ItemState.DONE, datetime.now(UTC)))
    ProgressFile(data_dir).restore("progress-2026-11-24.toml")  # the file before "b"
    memory = pm.set_item_state(memory, "r", "c", pm.ItemState.DONE, datetime.now(UTC))
    saved = app.save(memory)
    assert saved.roadmap("r").state("b") == pm.ItemState.TODO  # restored, and it stays so
    assert saved.roadmap("r").state("c") == pm.ItemState.DONE  # the app's new change is kept
