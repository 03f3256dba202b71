"""A roadmap with alternative tracks is planned on the chosen track only, never their
sum (issue 14.8): the schedule, status, agenda and ics follow ``Enrolment.track``; no
choice (or one the roadmap no longer offers) plans the first track."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from syllabus.cli import main
from syllabus.importer import import_bytes
from syllabus.model.progress import Progress
from syllabus.model.roadmap import Roadmap
from syllabus.model.schedule import build_plan, compute_status, default_enrolment

FIXTURE = Path(__file__).parents[1] / "fixtures" / "markdown" / "tracks_schedule.md"
START = date(2026, 1, 5)  # a Monday


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return import_bytes(FIXTURE.read_bytes(), FIXTURE.name)


def test_the_fixture_has_three_tracks(roadmap: Roadmap) -> None:
    assert roadmap.tracks() == ["Accelerated track", "Standard track", "Part-time track"]


@pytest.mark.parametrize(
    ("track", "prefix", "items"),
    [
        (None, "accelerated-track", 3),
        ("Accelerated track", "accelerated-track", 3),
        ("standard", "standard-track", 4),
        ("Part-time track", "part-time-track", 6),
        ("a track the re-import renamed", "accelerated-track", 3),
    ],
)
def test_only_the_chosen_track_is_planned(
    roadmap: Roadmap, track: str | None, prefix: str, items: int
) -> None:
    enrolment = replace(default_enrolment(roadmap, START), track=track)
    plan = build_plan(roadmap, enrolment)
    assert plan.nodes and all(n.split("/")[0] == prefix for n in plan.nodes)
    assert len(plan.checkable.ids) == items
    assert all(i.startswith(prefix + "/") for i in plan.item_due)


def test_tracks_are_never_summed(roadmap: Roadmap) -> None:
    """Each track's plan is as long as that track's weeks (a document week is the
    roadmap's week of hours), and the longest is the part-time one."""
    base = default_enrolment(roadmap, START)
    ends = {name: build_plan(roadmap, replace(base, track=name)).end for name in roadmap.tracks()}
    hours = {
        name: sum(build_plan(roadmap, replace(base, track=name)).item_hours.values())
        for name in roadmap.tracks()
    }
    assert ends["Accelerated track"] < ends["Standard track"] < ends["Part-time track"]
    assert hours == pytest.approx(
        {"Accelerated track": 20.0, "Standard track": 40.0, "Part-time track": 60.0}
    )


def test_status_counts_the_chosen_track(roadmap: Roadmap) -> None:
    progress = Progress()
    enrolment = replace(default_enrolment(roadmap, START), track="Standard track")
    plan = build_plan(roadmap, enrolment)
    status = compute_status(roadmap, progress, roadmap.id, START, plan)
    assert status.counts["todo"] == 4
    assert set(status.node_hours) == {n for n in plan.nodes}
    assert all(n.startswith("standard-track") for n in status.node_hours)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_cli_status_today_and_ics_follow_the_track(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "import", str(FIXTURE))
    roadmap_id = out.strip()
    assert code == 0
    assert run(capsys, "start", roadmap_id, "--on", "2026-11-23", "--track", "part-time")[0] == 0
    status = json.loads(run(capsys, "status", "--format", "json")[1])
    assert status["states"]["todo"] == 6
    today = json.loads(run(capsys, "today", "--format", "json")[1])
    assert today["agenda"] and all(e["id"].startswith("part-time-track/") for e in today["agenda"])
    code, ics = run(capsys, "ics", roadmap_id)
    uids = [line for line in ics.splitlines() if line.startswith("UID:")]
    assert code == 0 and uids
    assert all(f"UID:{roadmap_id}/part-time-track" in uid for uid in uids)
    assert "Bind a notebook for a friend" in ics
