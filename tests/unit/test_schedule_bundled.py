"""Every bundled roadmap with a realistic history, through ``syllabus status --format json``.

Plans worked out by hand from the documents (starting on a Monday, Sundays off):
- ml-engineer-16-weeks: 16 weeks of 13 h at 13 h/week: each document week is Mon-Sat;
  from 5 Jan 2026 the plan ends Sat 25 Apr; on Sat 14 Mar (study day 60) it is week 10.
- mlops-6-months is scheduled by position (its roadmap says so): document week N is
  calendar week N, Mon-Sat; from 5 Jan 2026 week 24 ends Sat 20 Jun 2026, and on Sat 14 Mar
  (study day 60) it is week 10.
- ki-12-monate: its timeline wins; a document month is 4 weeks of 15 h (2-3 h × 6 days, mid);
  at 15 h/week a month is four calendar weeks. From 1 Jun 2026 the milestone closing month 13
  sits on Sat 29 May 2027; on Sat 8 Aug (month 3) phases 2 and 3 overlap, phase 2 ends first.
- ml-dl-gpt-studienplan: untimed levels sized by items, stretched to the "Dauer: 6–12
  Monate" of its month plan: 9 months = 36 weeks at 22.5 h/week, ending Sat 12 Sep 2026.
  Its 97 checkable items then take 8.35 h each: study day 60 (hour 225) is item 27, in the
  third area of level 1 (16 + 9 items; labels such as "Arten von ML:" are notes, not items).
- ki-fahrplan-2025: no timing at all: 3 h an item, 53 items of levels 1-7 at 10 h/week is
  159 h = 96 study days, ending Sat 25 Apr 2026; study day 60 (hour 100) is in level 5,
  as levels 1-4 hold 9, 7, 8 and 6 items (90 h).
Histories: check-ins of the planned hours on every study day up to "today" and every
item ticked on its due day (on pace), at 0.6× or 1.5× that speed (behind, ahead), or on
pace with two weeks without anything (a gap; the same fortnight as a pause instead).
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from syllabus import catalog, cli
from syllabus.model import progress as pm
from syllabus.model.schedule import build_plan
from syllabus.storage.progress_file import ProgressFile

T0 = datetime(2025, 1, 1, tzinfo=UTC)
JAN_GAP = (date(2026, 2, 16), date(2026, 3, 1))

# id, start, hours a week, estimate, today, gap, planned end, node planned today
CASES = {
    "ml-engineer-16-weeks": (
        date(2026, 1, 5), 13, "mid", date(2026, 3, 14), JAN_GAP,
        date(2026, 4, 25), "block-3/week-10",
    ),
    "mlops-6-months": (
        date(2026, 1, 5), 12, "low", date(2026, 3, 14), JAN_GAP,
        date(2026, 6, 20), "month-3-4/week-10",
    ),
    "ki-12-monate": (
        date(2026, 6, 1), 15, "mid", date(2026, 8, 8), (date(2026, 7, 13), date(2026, 7, 26)),
        date(2027, 5, 29), "phase-2",
    ),
    "ml-dl-gpt-studienplan": (
        date(2026, 1, 5), 22.5, "mid", date(2026, 3, 14), JAN_GAP,
        date(2026, 9, 12), "level-1/kontext-von-gpt",
    ),
    "ki-fahrplan-2025": (
        date(2026, 1, 5), 10, "mid", date(2026, 3, 14), JAN_GAP,
        date(2026, 4, 25), "level-5",
    ),
}  # fmt: skip


def history(
    roadmap_id: str,
    enrolment: pm.Enrolment,
    today: date,
    speed: float = 1.0,
    gap: tuple[date, date] | None = None,
) -> pm.Progress:
    """A learner who works the planned hours × ``speed`` and ticks items as fast."""
    roadmap = catalog.load_roadmap(roadmap_id, Path("/nonexistent"))
    plan = build_plan(roadmap, enrolment)
    items: dict[str, pm.ItemRecord] = {}
    for item_id in plan.tracked:
        due = plan.item_due[item_id]
        day = enrolment.start + timedelta(days=math.ceil((due - enrolment.start).days / speed))
        if gap is not None and day >= gap[0]:
            day += gap[1] - gap[0] + timedelta(days=1)
        if day <= today:
            noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            items[item_id] = pm.ItemRecord(state=pm.ItemState.DONE, updated=noon)
    checkins = {}
    day = enrolment.start
    while day <= today:
        idle = gap is not None and gap[0] <= day <= gap[1]
        if plan.is_study_day(day) and not idle:
            checkins[f"c{day}"] = pm.CheckIn(
                id=f"c{day}",
                date=day,
                hours=round(plan.hours_per_day * speed, 2),
                roadmap=roadmap_id,
                created=T0,
                updated=T0,
            )
        day += timedelta(days=1)
    rp = pm.RoadmapProgress(enrolment=enrolment, items=items)
    progress = pm.Progress(roadmaps={roadmap_id: rp}, checkins=checkins)
    return pm.set_active(progress, roadmap_id, T0)


def status(
    roadmap_id: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    scenario: str,
) -> dict[str, Any]:
    start, per_week, estimate, today, gap, _, _ = CASES[roadmap_id]
    pauses = [pm.Pause(start=gap[0], end=gap[1])] if scenario == "pause" else []
    enrolment = pm.Enrolment(
        start=start, hours_per_week=per_week, estimate=estimate, pauses=pauses, updated=T0
    )
    speed = {"behind": 0.6, "ahead": 1.5}.get(scenario, 1.0)
    idle = gap if scenario == "gap" else None
    folder = data_dir / scenario
    ProgressFile(folder).save(history(roadmap_id, enrolment, today, speed, idle))
    monkeypatch.setenv("SYLLABUS_DATA_DIR", str(folder))
    monkeypatch.setenv("SYLLABUS_TODAY", today.isoformat())
    assert cli.main(["status", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def days(a: str, b: date) -> int:
    return (date.fromisoformat(a) - b).days


@pytest.mark.parametrize("roadmap_id", sorted(CASES))
def test_on_pace(
    roadmap_id: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = status(roadmap_id, data_dir, monkeypatch, capsys, "pace")
    _, per_week, _, _, _, end, current = CASES[roadmap_id]
    assert data["planned_finish"] == end.isoformat()
    assert data["current"]["id"] == current
    # what is due today is already done: up to an item ahead (002's items are 9.8 h, 3 days)
    assert -4 <= data["behind_days"] <= 0
    assert data["overdue"] == []
    assert (data["streak"], data["longest_streak"]) == (60, 60)  # ten weeks of six days
    assert data["hours_this_week"] == pytest.approx(per_week, abs=0.1)
    assert data["target_hours_this_week"] == pytest.approx(per_week)
    assert data["hours_total"] == pytest.approx(per_week * 10, abs=0.6)
    forecast = data["projected_finish"]
    assert forecast["plan"] == end.isoformat()
    # ml-engineer's finished nodes have review cards whose time the forecast takes off
    # the pace: 11 study days later (worked out in test_guidance_bundled: 6 May)
    late = 11 if roadmap_id == "ml-engineer-16-weeks" else 0
    assert days(forecast["low"], end) <= 4 + late and days(forecast["high"], end) >= -4
    assert 0 < data["percent"] < 100


@pytest.mark.parametrize("roadmap_id", sorted(CASES))
def test_behind(
    roadmap_id: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = status(roadmap_id, data_dir, monkeypatch, capsys, "behind")
    end = CASES[roadmap_id][5]
    # ten weeks in at 0.6× the pace: about four weeks of work behind (less the item steps)
    assert 20 <= data["behind_days"] <= 46
    assert data["overdue"]
    assert data["hours_this_week"] < data["target_hours_this_week"]
    assert data["streak"] == 60  # slow, but every study day
    assert days(data["projected_finish"]["low"], end) > 30


@pytest.mark.parametrize("roadmap_id", sorted(CASES))
def test_ahead(
    roadmap_id: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = status(roadmap_id, data_dir, monkeypatch, capsys, "ahead")
    end = CASES[roadmap_id][5]
    assert -46 <= data["behind_days"] <= -25  # 1.5×: five weeks of work ahead, less steps
    assert data["overdue"] == []
    forecast = data["projected_finish"]  # compatibility: low P50, high P90
    assert days(forecast["low"], end) < -14
    # ki-12-monate's phases overlap and its items close in lumps: a wide band
    if roadmap_id != "ki-12-monate":
        assert days(forecast["high"], end) < -14
    assert forecast["low"] <= forecast["high"]


@pytest.mark.parametrize("roadmap_id", sorted(CASES))
def test_a_fortnight_off(
    roadmap_id: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    end = CASES[roadmap_id][5]
    gap = status(roadmap_id, data_dir, monkeypatch, capsys, "gap")
    # 6 weeks of check-ins, two weeks of nothing, then the last two weeks: 12 study days
    assert (gap["streak"], gap["longest_streak"]) == (12, 36)
    assert 10 <= gap["behind_days"] <= 30  # two weeks of work, give or take the steps
    assert gap["planned_finish"] == end.isoformat()
    paused = status(roadmap_id, data_dir, monkeypatch, capsys, "pause")
    # the same fortnight entered as a pause: the streak holds, the plan moves two weeks
    assert (paused["streak"], paused["longest_streak"]) == (48, 48)
    assert paused["planned_finish"] == (end + timedelta(days=14)).isoformat()
    assert -4 <= paused["behind_days"] <= 0 and paused["overdue"] == []
