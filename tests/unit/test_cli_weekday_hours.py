"""Issue 19: a roadmap's routine becomes the enrolment's hours by weekday.

`syllabus start mlops-6-months` without a pace takes the routine its document states
(30-45 min before work and 45-60 after, 4-6 h at weekends: 1.5 h Monday to Friday,
2.5 h on Saturday and Sunday); a typed pace makes the week uniform. The hours by
weekday go through the progress file and a merge like every other field.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from syllabus import cli
from syllabus.model.progress import Enrolment, Progress, RoadmapProgress, merge
from syllabus.storage import toml_io
from syllabus.storage.progress_file import ProgressFile

ROUTINE = {"mon": 1.5, "tue": 1.5, "wed": 1.5, "thu": 1.5, "fri": 1.5, "sat": 2.5, "sun": 2.5}
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def run(*argv: str) -> int:
    return cli.main(list(argv))


def enrolment_in(data_dir: Path) -> Enrolment:
    found = ProgressFile(data_dir).load().progress.roadmap("mlops-6-months").enrolment
    assert found is not None
    return found


def test_start_takes_the_routine_of_mlops(data_dir: Path, capsys: pytest.CaptureFixture[str]):
    assert run("start", "mlops-6-months") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "enrolled in mlops-6-months: from 2026-11-23, 12.5 h/week, 7 days/week, rest none, "
        "estimate mid; now active"
    )
    assert out[1] == "hours by weekday: mon-fri 1.5, sat-sun 2.5"
    enrolment = enrolment_in(data_dir)
    assert enrolment.weekday_hours == ROUTINE
    assert (enrolment.hours_per_week, enrolment.rest_days) == (12.5, [])
    text = (data_dir / "progress.toml").read_text()
    line = (
        "weekday_hours = { mon = 1.5, tue = 1.5, wed = 1.5, thu = 1.5, fri = 1.5, "
        "sat = 2.5, sun = 2.5 }"
    )
    assert line in text
    # a restart that types no pace keeps the hours by weekday; the status shows them
    assert run("start", "mlops-6-months", "--estimate", "high") == 0
    assert enrolment_in(data_dir).weekday_hours == ROUTINE
    capsys.readouterr()
    assert run("status") == 0
    shown = capsys.readouterr().out
    assert "pace: 12.5 h a week, by weekday mon-fri 1.5, sat-sun 2.5" in shown
    assert "this week: 0/" in shown
    assert run("status", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hours_per_week"] == 12.5 and data["weekday_hours"] == ROUTINE


def test_a_typed_pace_makes_the_week_uniform(data_dir: Path, capsys: pytest.CaptureFixture[str]):
    assert run("start", "mlops-6-months", "--hours-per-week", "10") == 0
    enrolment = enrolment_in(data_dir)
    assert enrolment.weekday_hours == {}
    assert (enrolment.hours_per_week, enrolment.days_per_week, enrolment.rest_days) == (
        10.0,
        7,
        [],
    )
    assert run("start", "mlops-6-months", "--days-per-week", "5") == 0
    enrolment = enrolment_in(data_dir)
    assert enrolment.weekday_hours == {} and enrolment.rest_days == ["sat", "sun"]
    capsys.readouterr()
    assert run("status", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["weekday_hours"] is None


def test_weekday_hours_typed(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("start", "mlops-6-months", "--weekday-hours", "mon-fri=1,sat=5") == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .endswith("10 h/week, 6 days/week, rest sun, estimate mid; now active")
    )
    enrolment = enrolment_in(data_dir)
    assert enrolment.weekday_hours["sat"] == 5.0 and enrolment.weekday_hours["sun"] == 0.0
    assert run("start", "mlops", "--weekday-hours", "mon=2", "--hours-per-week", "3") == 2
    assert "--weekday-hours sets the hours a week" in capsys.readouterr().err
    assert run("start", "mlops", "--weekday-hours", "mon=30") == 2
    assert "hours must be at most 24" in capsys.readouterr().err
    assert enrolment_in(data_dir).weekday_hours["sat"] == 5.0  # refused: nothing changed


def test_hours_by_weekday_round_trip_and_merge() -> None:
    base = Enrolment(start=date(2026, 11, 2), hours_per_week=0, weekday_hours=ROUTINE, updated=T0)
    progress = Progress(roadmaps={"r": RoadmapProgress(enrolment=base)})
    read = toml_io.to_progress(toml_io.parse(toml_io.dumps(progress)), T0)
    assert read.roadmap("r").enrolment == base
    # the later change wins, whole: a uniform pace set later clears the hours by weekday
    later = Enrolment(start=base.start, hours_per_week=9, rest_days=[], updated=T0.replace(day=5))
    other = Progress(roadmaps={"r": RoadmapProgress(enrolment=later)})
    assert merge(progress, other).roadmap("r").enrolment == later
    assert merge(other, progress).roadmap("r").enrolment == later
    newer = replace(base, weekday_hours={"sat": 4.0}, updated=T0.replace(day=9))
    merged = merge(other, Progress(roadmaps={"r": RoadmapProgress(enrolment=newer)}))
    enrolment = merged.roadmap("r").enrolment
    assert enrolment is not None and enrolment.hours_per_week == 4.0
    assert enrolment.rest_days == ["mon", "tue", "wed", "thu", "fri", "sun"]


def test_an_older_file_loads_unchanged_and_a_hand_edit_obeys_the_rule(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / "progress.toml"
    older = (
        "schema = 3\n\n"
        "[roadmaps.mlops-6-months.enrolment]\n"
        "start = 2026-11-02\nhours_per_week = 12.0\ndays_per_week = 6\n"
        'rest_days = ["sun"]\nupdated = 2026-11-02T08:00:00Z\n'
    )
    path.write_text(older, encoding="utf-8")
    enrolment = enrolment_in(data_dir)
    assert enrolment.weekday_hours == {}
    assert (enrolment.hours_per_week, enrolment.rest_days) == (12.0, ["sun"])
    # typed by hand: the days named decide the week, the others rest
    path.write_text(older + "weekday_hours = { Mon = 2, sat = 3.5 }\n", encoding="utf-8")
    enrolment = enrolment_in(data_dir)
    assert enrolment.weekday_hours["mon"] == 2.0 and enrolment.weekday_hours["tue"] == 0.0
    assert enrolment.hours_per_week == 5.5
    assert enrolment.rest_days == ["tue", "wed", "thu", "fri", "sun"]
    path.write_text(older + "weekday_hours = { mon = 30 }\n", encoding="utf-8")
    loaded = ProgressFile(data_dir).load()
    assert loaded.damaged
    where = "wrong value at roadmaps.mlops-6-months.enrolment: hours a day must be between"
    assert f"{where} 0 and 24, got 30" in loaded.problems[0]
