"""Sync conflict copies: merged into the file first, moved to backups/ only once it is written."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile

COPY = "progress.sync-conflict-20261123-101010-ABCDEFG.toml"


def _checkin(checkin_id: str) -> pm.CheckIn:
    now = datetime.now(UTC)
    return pm.CheckIn(
        id=checkin_id, date=date(2026, 11, 23), hours=1, roadmap="r", created=now, updated=now
    )


def _tick(item: str):  # type: ignore[no-untyped-def]
    return lambda p: pm.set_item_state(p, "r", item, pm.ItemState.DONE, datetime.now(UTC))


def _two_machines(data_dir: Path, n: int = 0) -> None:
    """The laptop's file, and the desktop's beside it as a conflict copy."""
    ProgressFile(data_dir).update(_tick(f"laptop-{n}"))
    desktop = data_dir.parent / f"desktop-{n}"
    ProgressFile(desktop).update(_tick(f"desktop-{n}"))
    ProgressFile(desktop).update(lambda p: pm.put_checkin(p, _checkin(f"desk-{n}")))
    os.replace(desktop / "progress.toml", data_dir / COPY)


def _has_desktop(progress: pm.Progress, n: int = 0) -> bool:
    return (
        progress.roadmap("r").state(f"desktop-{n}") == pm.ItemState.DONE
        and f"desk-{n}" in progress.checkins
    )


def test_a_merge_that_cannot_be_written_leaves_the_copy_where_it_was(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_machines(data_dir)
    copy = (data_dir / COPY).read_bytes()
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    loaded = ProgressFile(data_dir).load()
    monkeypatch.undo()
    assert not any("merged" in line for line in loaded.problems)
    assert any("No space left on device" in line for line in loaded.problems)
    assert (data_dir / COPY).read_bytes() == copy
    assert not (data_dir / "backups" / COPY).exists()
    # Room again: the next start merges it.
    again = ProgressFile(data_dir).load()
    assert any("merged" in line for line in again.problems)
    assert _has_desktop(again.progress) and not (data_dir / COPY).exists()


KILLER = """
import os, shutil, signal, sys
from pathlib import Path
from syllabus.storage import atomic, backups
from syllabus.storage.progress_file import ProgressFile

root, at = Path(sys.argv[1]), int(sys.argv[2])
calls = [0]

def step(real):
    def wrapped(*args, **kwargs):
        calls[0] += 1
        if calls[0] == at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return wrapped

for module, name in ((os, "replace"), (os, "rename"), (os, "write"), (os, "fsync"),
                     (shutil, "copyfile"), (os, "unlink")):
    setattr(module, name, step(getattr(module, name)))
ProgressFile(root).load()
print("finished", calls[0])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_at_any_moment_of_a_merge_loses_nothing(tmp_path: Path) -> None:
    lost = []
    for at in range(1, 11):  # the 1st, 2nd, … file operation of the merge
        data_dir = tmp_path / f"run-{at}" / "data"
        _two_machines(data_dir, at)
        run = subprocess.run(
            [sys.executable, "-c", KILLER, str(data_dir), str(at)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode in (0, -signal.SIGKILL), run.stderr
        loaded = ProgressFile(data_dir).load()
        assert not loaded.damaged
        if not _has_desktop(loaded.progress, at):
            lost.append(at)
    assert lost == []
