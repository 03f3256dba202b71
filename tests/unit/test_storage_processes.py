"""Several processes on one progress file: concurrent writers, SIGKILL, shared undo."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile

WRITER = """
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile

root, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
pf = ProgressFile(root)
for i in range(count):
    if i % 2:
        pf.update(lambda p: pm.set_item_state(
            p, "r", f"{name}/item-{i}", pm.ItemState.DONE, datetime.now(UTC)))
    else:
        now = datetime.now(UTC)
        c = pm.CheckIn(id=f"{name}-{i}", date=date(2026, 11, 23), hours=1, roadmap="r",
                       note="x" * 200, created=now, updated=now)
        pf.update(lambda p: pm.put_checkin(p, c))
    print(i, flush=True)
"""


def _writer(root: Path, name: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), name, str(count)],
        stdout=subprocess.PIPE,
        text=True,
    )


def _has(progress: pm.Progress, name: str, i: int) -> bool:
    if i % 2:
        return progress.roadmap("r").state(f"{name}/item-{i}") == pm.ItemState.DONE
    return f"{name}-{i}" in progress.checkins


def test_two_processes_writing_at_once_lose_nothing(data_dir: Path) -> None:
    writers = [_writer(data_dir, name, 30) for name in ("one", "two")]
    for writer in writers:
        writer.communicate(timeout=60)
        assert writer.returncode == 0
    progress = ProgressFile(data_dir).load().progress
    for name in ("one", "two"):
        assert all(_has(progress, name, i) for i in range(30))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_saving_leaves_every_finished_change(data_dir: Path) -> None:
    rnd = random.Random(4)
    finished: list[tuple[str, int]] = []
    for round_ in range(4):
        name = f"round{round_}"
        writer = _writer(data_dir, name, 100_000)
        assert writer.stdout is not None
        first = writer.stdout.readline()  # started writing
        time.sleep(rnd.uniform(0.02, 0.3))
        os.kill(writer.pid, signal.SIGKILL)
        rest, _ = writer.communicate(timeout=30)
        done = [int(line) for line in (first + rest).split()]
        assert done, "the writer finished nothing before the kill"
        finished += [(name, i) for i in done]
        loaded = ProgressFile(data_dir).load()
        assert not loaded.damaged and not loaded.problems
        missing = [(n, i) for n, i in finished if not _has(loaded.progress, n, i)]
        assert missing == []


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "syllabus", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_undo_and_redo_across_processes(data_dir: Path) -> None:
    app = ProgressFile(data_dir)
    app.update(lambda p: pm.set_item_state(p, "r", "a", pm.ItemState.DONE, datetime.now(UTC)))
    result = _cli(data_dir, "undo")
    assert result.returncode == 0, result.stderr
    assert app.load().progress.roadmap("r").state("a") == pm.ItemState.TODO
    assert _cli(data_dir, "redo").returncode == 0
    assert app.load().progress.roadmap("r").state("a") == pm.ItemState.DONE
    # And the other way: a change from a process, undone by the app.
    writer = _writer(data_dir, "cli", 1)
    writer.communicate(timeout=60)
    assert "cli-0" in app.load().progress.checkins
    undone = app.undo()
    assert undone is not None and undone.checkins["cli-0"].deleted
