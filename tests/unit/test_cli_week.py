"""`syllabus week` (issue 15.4): the scripted five-week history of ``test_week_review``
through the command line (text, JSON, Markdown), the answers saved, and those answers
surviving a concurrent check-in by another process.

The roadmap states no routine, so the command shows the mix without targets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_week_review import history, the_roadmap

from syllabus import catalog, cli
from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile


@pytest.fixture
def five_weeks(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-04-01")
    monkeypatch.setenv("SYLLABUS_DATA_DIR", str(data_dir))
    catalog.save_user_roadmap(the_roadmap(), data_dir)
    ProgressFile(data_dir).save(pm.set_active(history(), "r", datetime(2026, 1, 1, tzinfo=UTC)))
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_week_json_of_the_slack_week(five_weeks: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "week", "--week", "2026-W11", "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert {"week", "nodes", "buffer", "forecast", "streak", "mix", "notes", "answers"} <= set(data)
    assert data["week"] == "2026-W11" and data["roadmap"] == "r"
    assert data["nodes"] == [
        {"id": "w2", "planned_items": 3, "done_items": 1, "planned_hours": 6.0, "hours": 4.0}
    ]
    assert data["buffer"] == {"start": 0.0, "end": -4.0}
    assert (data["forecast"]["p50_start"], data["forecast"]["p50_end"]) == (
        "2026-04-04",
        "2026-04-11",
    )
    assert data["streak"] == 0
    assert data["mix"] == [
        {"activity": "theory", "hours": 4.0, "share": 1.0, "target": None, "drift": False}
    ]


def test_week_text_of_this_week(five_weeks: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "week")
    assert code == 0, err
    assert out.splitlines() == [
        "Week 2026-W14 (Mon, Mar 30, 2026 – Sun, Apr 5, 2026) · Five weeks",
        "items done 1 of 3 planned · hours 2.5 of 6",
        "  Week 5 (w5): items 1/3 · hours 2.5/6",
        "buffer +2 d at the start → +2 d at the end",
        "forecast P50 Apr 2, 2026 → Apr 2, 2026 (unchanged); P90 now Apr 3, 2026",
        "streak 14",
        "activity mix: practice 100 %",
        "notes:",
        "  Tue, Mar 31, 2026 · 1.5 h: nearly there",
        "prompts:",
        "  What worked? morning sessions",
        "  What got in the way? `syllabus week --answer blocked TEXT`",
        "  What next? the final project",
    ]


def test_week_markdown(five_weeks: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "week", "--week", "2026-W12", "--format", "markdown")
    assert code == 0, err
    assert out.startswith("# Week 2026-W12 (Mon, Mar 16, 2026 – Sun, Mar 22, 2026) · Five weeks\n")
    assert "| Week 2 (`w2`) | 2/0 | 4/0 |" in out
    assert "| Week 3 (`w3`) | 3/3 | 8/6 |" in out
    assert "- buffer −4 d at the start → ±0 d at the end" in out
    assert "- **What worked?** —" in out


def test_answers_are_saved_changed_and_removed(
    five_weeks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "week", "--answer", "blocked", "a cold on Thursday")
    assert (code, err) == (0, "")
    assert out == "answer saved for 2026-W14: What got in the way?\n"
    code, out, _ = run(capsys, "week", "--week", "2026-W11", "--answer", "worked", "short days")
    assert code == 0
    data = json.loads(run(capsys, "week", "--format", "json")[1])
    assert data["answers"] == {
        "worked": "morning sessions",
        "blocked": "a cold on Thursday",
        "next": "the final project",
    }
    older = json.loads(run(capsys, "week", "--week", "2026-W11", "--format", "json")[1])
    assert older["answers"]["worked"] == "short days"
    assert run(capsys, "week", "--answer", "next", "")[1] == "answer removed for 2026-W14\n"
    progress = ProgressFile(five_weeks).load().progress
    assert progress.roadmap("r").week_answers_of("2026-W14") == {
        "worked": "morning sessions",
        "blocked": "a cold on Thursday",
    }
    # one undo step each
    assert run(capsys, "undo")[0] == 0
    progress = ProgressFile(five_weeks).load().progress
    assert "next" in progress.roadmap("r").week_answers_of("2026-W14")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--week", "2026-14"), "--week: not an ISO week (YYYY-Www, e.g. 2026-W49): '2026-14'"),
        (("--week", "2026-W60"), "--week: not an ISO week"),
        (("--week", "2026-W15"), "--week: 2026-W15 has not begun yet"),
        (("--answer", "why", "x"), "--answer: the prompt is one of worked, blocked, next"),
    ],
)
def test_usage_errors_are_one_line_exit_2(
    five_weeks: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "week", *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


CHECKIN = [sys.executable, "-m", "syllabus", "checkin", "--hours", "1", "--note", "from the CLI"]


def test_answers_survive_a_concurrent_cli_checkin(five_weeks: Path) -> None:
    """The app holds the file as it loaded it; meanwhile another process checks in. The
    app's answer is saved after: merged record by record, both are there. And the other
    way round: a CLI answer written while the app saves a check-in."""
    env = {**os.environ, "SYLLABUS_DATA_DIR": str(five_weeks), "SYLLABUS_TODAY": "2026-04-01"}
    app_file = ProgressFile(five_weeks)
    held = app_file.load().progress
    assert held.roadmap("r").week_answers_of("2026-W14")  # the app has the file open
    done = subprocess.run(CHECKIN, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    now = datetime.now(UTC)
    app_file.update(lambda p: pm.set_week_answer(p, "r", "2026-W14", "blocked", "the flu", now))
    # two writers at once: the CLI answers while the app checks in
    answer = subprocess.Popen(
        [sys.executable, "-m", "syllabus", "week", "--answer", "next", "rest, then w5/i3"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    checkin = pm.CheckIn(
        id="app-1",
        date=datetime(2026, 4, 1).date(),
        hours=0.5,
        roadmap="r",
        created=now,
        updated=now,
    )
    app_file.update(lambda p: pm.put_checkin(p, checkin))
    out, err = answer.communicate(timeout=60)
    assert answer.returncode == 0, err
    final = ProgressFile(five_weeks).load().progress
    assert final.roadmap("r").week_answers_of("2026-W14") == {
        "worked": "morning sessions",
        "blocked": "the flu",
        "next": "rest, then w5/i3",
    }
    notes = [c.note for c in final.live_checkins("r") if c.date == checkin.date]
    assert sorted(notes) == ["", "from the CLI"]
    assert "app-1" in final.checkins


def test_the_mix_against_a_stated_routine_says_when_it_drifts(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ml-dl-gpt-studienplan states a weekly routine: theory 10-15 h, practice 5-10 h,
    reading 2-3 h, so a target of 12.5 : 7.5 : 2.5 h = 56 % : 33 % : 11 %. A week of
    theory only (3 h + 1 h) is 100 % theory, 44 points over: drifting; practice and
    reading 0 %, 33 and 11 points under (only the first is a drift, at 20 points)."""
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-25")
    monkeypatch.setenv("SYLLABUS_DATA_DIR", str(data_dir))
    assert run(capsys, "start", "ml-dl-gpt-studienplan", "--on", "2026-11-16")[0] == 0
    for day, hours in (("2026-11-23", "3"), ("2026-11-24", "1")):
        args = ("checkin", "--hours", hours, "--activity", "theory", "--date", day)
        assert run(capsys, *args)[0] == 0
    code, out, err = run(capsys, "week", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["mix"] == [
        {"activity": "theory", "hours": 4.0, "share": 1.0, "target": 0.56, "drift": True},
        {"activity": "practice", "hours": 0.0, "share": 0.0, "target": 0.33, "drift": True},
        {"activity": "reading", "hours": 0.0, "share": 0.0, "target": 0.11, "drift": False},
    ]
    text = run(capsys, "week")[1]
    assert (
        "activity mix: theory 100 % (target 56 %) · practice 0 % (target 33 %) · "
        "reading 0 % (target 11 %)" in text
    )
    assert "  drifting: theory 100 % vs target 56 %" in text
    assert "  drifting: practice 0 % vs target 33 %" in text
