"""The weekly review lists the projects of finished weeks that were never scored (issue
16), worked on ml-engineer-16-weeks: enrolled Monday 5 January 2026 at 13 h a week,
Sundays off, each plan week is a calendar week; week 1's mini-project's week ends
Saturday 10 January."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from syllabus import catalog
from syllabus.model import progress as pm
from syllabus.model.rubric import projects
from syllabus.model.schedule.week import week_review
from syllabus.storage.progress_file import ProgressFile

ML = "ml-engineer-16-weeks"
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _state() -> pm.Progress:
    enrolment = pm.Enrolment(start=date(2026, 1, 5), hours_per_week=13, updated=T0)
    rp = pm.RoadmapProgress(enrolment=enrolment)
    return pm.set_active(pm.Progress(roadmaps={ML: rp}), ML, T0)


def _week1_project() -> tuple[str, str]:
    roadmap = catalog.load_roadmap(ML, Path("/nonexistent"))
    first = next(p for p in projects(roadmap) if "week-01" in p.id)
    return first.id, first.title


def test_week_1s_project_waits_in_week_2s_review_not_in_week_1s_own_midweek() -> None:
    roadmap = catalog.load_roadmap(ML, Path("/nonexistent"))
    state = _state()
    week1_id, title = _week1_project()
    # Wednesday of week 1: its week has not ended, nothing to score yet
    midweek = week_review(roadmap, state, ML, date(2026, 1, 5), date(2026, 1, 7))
    assert week1_id not in [node for node, _ in midweek.unscored]
    # week 2, reviewed on its Sunday: week 1 ended on the 10th, its project is unscored
    week2 = week_review(roadmap, state, ML, date(2026, 1, 12), date(2026, 1, 18))
    assert (week1_id, title) in week2.unscored
    assert not any("week-03" in node for node, _ in week2.unscored)


def test_a_scored_project_leaves_the_list_and_the_cli_shows_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from syllabus import cli

    ProgressFile(data_dir).save(_state())
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-01-18")
    week1_id, title = _week1_project()
    assert cli.main(["week", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"node": week1_id, "title": title} in data["unscored"]
    assert cli.main(["week"]) == 0
    text = capsys.readouterr().out
    assert "projects not scored yet:" in text and f"({week1_id})" in text
    roadmap = catalog.load_roadmap(ML, Path("/nonexistent"))
    first = next(p for p in projects(roadmap) if p.id == week1_id)
    criterion = first.rubric.criteria[0]
    assert cli.main(["score", week1_id, f"{criterion.name}=1"]) == 0
    capsys.readouterr()
    assert cli.main(["week", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert week1_id not in [entry["node"] for entry in data["unscored"]]
