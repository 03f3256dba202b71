"""The undo journal: each machine undoes only its own changes, and a kill keeps the step."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile


def _tick(item: str):  # type: ignore[no-untyped-def]
    return lambda p: pm.set_item_state(p, "r", item, pm.ItemState.DONE, datetime.now(UTC))


def _state(data_dir: Path, item: str) -> pm.ItemState:
    return ProgressFile(data_dir).load().progress.roadmap("r").state(item)


def test_with_local_synced_undo_leaves_the_other_machines_change(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One data dir, local/ included, shared by two machines (a synced folder).
    monkeypatch.setenv("SYLLABUS_MACHINE", "laptop")
    ProgressFile(data_dir).update(_tick("on-laptop"))
    monkeypatch.setenv("SYLLABUS_MACHINE", "desktop")
    ProgressFile(data_dir).update(_tick("on-desktop"))
    monkeypatch.setenv("SYLLABUS_MACHINE", "laptop")
    laptop = ProgressFile(data_dir)
    assert laptop.undo() is not None
    assert _state(data_dir, "on-laptop") == pm.ItemState.TODO
    assert _state(data_dir, "on-desktop") == pm.ItemState.DONE
    assert laptop.undo() is None  # nothing else of the laptop's to undo
    monkeypatch.setenv("SYLLABUS_MACHINE", "desktop")
    assert ProgressFile(data_dir).undo() is not None
    assert _state(data_dir, "on-desktop") == pm.ItemState.TODO


KILL_AFTER_WRITE = """
import os, signal, sys
from datetime import UTC, datetime
from pathlib import Path
from syllabus.model import progress as pm
from syllabus.storage import progress_file

real = progress_file.write_atomic

def write_then_die(path, data):
    real(path, data)
    if path.name == "progress.toml":
        os.kill(os.getpid(), signal.SIGKILL)

progress_file.write_atomic = write_then_die
progress_file.ProgressFile(Path(sys.argv[1])).update(
    lambda p: pm.set_item_state(p, "r", "x", pm.ItemState.DONE, datetime.now(UTC)))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_just_after_the_file_is_written_keeps_the_undo_step(data_dir: Path) -> None:
    ProgressFile(data_dir).update(_tick("before"))
    run = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_WRITE, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert _state(data_dir, "x") == pm.ItemState.DONE
    undone = ProgressFile(data_dir).undo()
    assert undone is not None and undone.roadmap("r").state("x") == pm.ItemState.TODO
    assert undone.roadmap("r").state("before") == pm.ItemState.DONE


def test_a_save_that_fails_leaves_no_undo_step(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from syllabus.storage import progress_file

    pf = ProgressFile(data_dir)
    pf.update(_tick("kept"))

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(progress_file, "write_atomic", full)
    with pytest.raises(progress_file.SaveFailed):
        pf.update(_tick("never-saved"))
    monkeypatch.undo()
    undone = ProgressFile(data_dir).undo()  # undoes "kept", not the save that failed
    assert undone is not None and undone.roadmap("r").state("kept") == pm.ItemState.TODO


KILL_AFTER_RESTORE = """
import os, signal, sys
from pathlib import Path
from syllabus.storage import progress_file

real = progress_file.write_atomic

def write_then_die(path, data):
    real(path, data)
    if path.name == "progress.toml":
        os.kill(os.getpid(), signal.SIGKILL)

progress_file.write_atomic = write_then_die
progress_file.ProgressFile(Path(sys.argv[1])).restore(sys.argv[2])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_just_after_a_restore_is_written_keeps_its_undo_step(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ProgressFile(data_dir).update(_tick("monday"))
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-24")
    ProgressFile(data_dir).update(_tick("tuesday"))  # today's snapshot holds monday only
    run = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_RESTORE, str(data_dir), "progress-2026-11-24.toml"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert _state(data_dir, "tuesday") == pm.ItemState.TODO
    assert ProgressFile(data_dir).undo() is not None
    assert _state(data_dir, "tuesday") == pm.ItemState.DONE
