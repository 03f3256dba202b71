"""The focus timer (issue 15.2) and hours by activity (15.3): the model with a fixed
clock, the per-machine state, ``syllabus timer`` and ``checkin --activity``, the target
mix read from a roadmap's stated routine."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_review import enrolled, roadmap

from syllabus import catalog, cli, clock
from syllabus.model import activity
from syllabus.model.timer import Timer, checkin_hours, clock_text, phase
from syllabus.storage import timer_state
from syllabus.storage.progress_file import ProgressFile

START = datetime(2026, 11, 6, 9, 0, tzinfo=UTC)


def test_a_plain_timer_counts_every_minute() -> None:
    timer = Timer(roadmap="rev", node="week-1", item="week-1/a", started=START)
    assert phase(timer, START + timedelta(minutes=42)).minutes == 42
    assert checkin_hours(timer, START + timedelta(minutes=90, seconds=20)) == 1.5
    assert clock_text(62.5) == "1:02:30" and clock_text(5.25) == "5:15"


def test_a_pomodoro_counts_only_the_work_stretches() -> None:
    timer = Timer(roadmap="r", node="n", item=None, started=START, mode="pomodoro")
    at = phase(timer, START + timedelta(minutes=27))
    assert (at.on_break, at.minutes, at.left, at.round) == (True, 25, 3, 1)
    at = phase(timer, START + timedelta(minutes=40))
    assert (at.on_break, at.minutes, at.left, at.round) == (False, 35, 15, 2)


def test_the_state_survives_and_a_damaged_file_is_no_timer(data_dir: Path) -> None:
    timer = Timer(roadmap="rev", node="week-1", item="week-1/a", started=START, mode="pomodoro")
    timer_state.write(data_dir, timer)
    assert timer_state.read(data_dir) == timer
    timer_state.timer_path(data_dir).write_text("started = [")
    assert timer_state.read(data_dir) is None
    timer_state.clear(data_dir)
    timer_state.clear(data_dir)
    assert timer_state.read(data_dir) is None


@pytest.fixture
def history(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-06")
    catalog.save_user_roadmap(roadmap(), data_dir)
    ProgressFile(data_dir).save(enrolled())
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_timer_start_status_stop_writes_the_check_in(
    history: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "timer", "status") == (0, "no timer running\n", "")
    monkeypatch.setattr(clock, "now", lambda: START)
    code, out, err = run(capsys, "timer", "start", "week-1/b")
    assert code == 0, err
    code, out, err = run(capsys, "timer", "start", "week-1/a")
    assert code == 2 and "timer stop" in err
    monkeypatch.setattr(clock, "now", lambda: START + timedelta(minutes=47, seconds=10))
    assert run(capsys, "timer", "status")[1] == "⏱ 47:10 on week-1/b\n"
    assert run(capsys, "today", "--short")[1].endswith(" · ⏱ 47:10\n")
    code, out, err = run(capsys, "timer", "stop", "--note", "exercises", "--activity", "practice")
    assert code == 0, err
    assert out.startswith("logged 47 min on week-1/b: check-in ")
    (checkin,) = ProgressFile(history).load().progress.live_checkins()
    assert (checkin.hours, checkin.node, checkin.note, checkin.activity) == (
        47 / 60,
        "week-1",
        "exercises",
        "practice",
    )
    assert timer_state.read(history) is None
    assert run(capsys, "undo")[0] == 0
    assert ProgressFile(history).load().progress.live_checkins() == []


def test_timer_stop_discard_logs_nothing(history: Path, capsys) -> None:
    assert run(capsys, "timer", "start", "week-1")[0] == 0
    assert run(capsys, "timer", "stop", "--discard")[0] == 0
    assert ProgressFile(history).load().progress.live_checkins() == []
    assert run(capsys, "timer", "stop")[0] == 2


def test_checkin_activity_takes_the_key_the_localised_name_or_an_own_one(
    history: Path, capsys
) -> None:
    for typed in ("Theory", "reading", "Pairing with Ana"):
        assert run(capsys, "checkin", "--hours", "1", "--activity", typed)[0] == 0
    code, out, _ = run(capsys, "log", "--format", "json")
    assert [c["activity"] for c in json.loads(out)] == ["theory", "reading", "Pairing with Ana"]


def test_the_localised_name_reads_as_its_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(activity, "_", lambda text: {"practice": "Praxis"}.get(text, text))
    assert activity.activity_key("praxis") == "practice"
    assert activity.activity_name("practice") == "Praxis"
    assert activity.activity_name("own") == "own"


def test_the_stated_routine_is_a_target_mix() -> None:
    routine = catalog.load_roadmap("ml-dl-gpt-studienplan", Path("/nonexistent"))
    mix = activity.target_mix(routine)
    assert mix == {
        "theory": activity.Target(10, 15),
        "practice": activity.Target(5, 10),
        "reading": activity.Target(2, 3),
    }
    assert activity.shares(mix) == pytest.approx(
        {"theory": 0.5556, "practice": 0.3333, "reading": 0.1111}, abs=1e-3
    )
    assert activity.target_mix(roadmap()) == {}
