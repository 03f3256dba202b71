"""Issue 19: the seeds' side timelines become planned work, and no saved state moves.

``tests/fixtures/bundled-ids/<id>.json`` records every node and item (id and text) of the
bundled roadmaps as they shipped before the side timelines were planned: a progress file
written against those ids must land every state and note on the same item today.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from syllabus import catalog
from syllabus.model import progress as pm
from syllabus.model.roadmap import Roadmap
from syllabus.storage.progress_file import ProgressFile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bundled-ids"
IDS = [
    "ki-12-monate",
    "ki-fahrplan-2025",
    "ml-dl-gpt-studienplan",
    "mlops-6-months",
    "ml-engineer-16-weeks",
]
T0 = datetime(2026, 11, 1, tzinfo=UTC)
STATES = (pm.ItemState.DONE, pm.ItemState.DOING, pm.ItemState.SKIPPED)


def shipped(roadmap_id: str) -> dict[str, list[list[str]]]:
    data: dict[str, list[list[str]]] = json.loads(
        (FIXTURES / f"{roadmap_id}.json").read_text(encoding="utf-8")
    )
    return data


def bundled(roadmap_id: str) -> Roadmap:
    return catalog.load_roadmap(roadmap_id, Path("/nonexistent-data-dir"))


def written_against(roadmap_id: str) -> pm.Progress:
    """Progress on every item and node the roadmap had when it shipped."""
    old = shipped(roadmap_id)
    progress = pm.enrol(
        pm.Progress(),
        roadmap_id,
        pm.Enrolment(start=date(2026, 11, 2), hours_per_week=12, updated=T0),
    )
    for number, (item_id, text) in enumerate(old["items"]):
        progress = pm.set_item_state(progress, roadmap_id, item_id, STATES[number % 3], T0)
        progress = pm.set_note(progress, roadmap_id, item_id, f"on {text}", T0)
    for node_id, title in old["nodes"]:
        progress = pm.set_note(progress, roadmap_id, node_id, f"on {title}", T0)
    return progress


@pytest.mark.parametrize("roadmap_id", IDS)
def test_a_progress_file_of_the_shipped_ids_lands_on_the_same_items(
    roadmap_id: str, tmp_path: Path
) -> None:
    ProgressFile(tmp_path).save(written_against(roadmap_id))
    loaded = ProgressFile(tmp_path).load()
    assert not loaded.problems
    rp = loaded.progress.roadmap(roadmap_id)
    roadmap = bundled(roadmap_id)
    items = {item.id: item for _, item in roadmap.items()}
    nodes = roadmap.node_index()
    old = shipped(roadmap_id)
    for number, (item_id, text) in enumerate(old["items"]):
        assert item_id in items, f"{item_id} is gone"
        assert items[item_id].text == text, f"{item_id} changed its text"
        assert rp.state(item_id) is STATES[number % 3]
        assert rp.note(item_id) == f"on {text}"
    for node_id, title in old["nodes"]:
        assert node_id in nodes and nodes[node_id].title == title, node_id
        assert rp.note(node_id) == f"on {title}"
    known = set(nodes) | set(items)
    assert pm.orphans(rp, known) == []


# --- mlops-6-months: the portfolio, the certificates and the courses are planned --------

START = date(2026, 11, 2)  # a Monday: document week N is calendar week N at the stated pace
HOUSE = "portfolio-timeline/month-3/house-price-prediction-linear-regression"
TITANIC = "portfolio-timeline/month-3/titanic-survival-classification"


def mlops_enrolment() -> pm.Enrolment:
    """What ``syllabus start mlops-6-months`` offers: its stated pace, every day a study day."""
    hours, days, rest = bundled("mlops-6-months").pace.study_week()
    assert (hours, days, rest) == (13.5, 7, [])
    return pm.Enrolment(
        start=START, hours_per_week=hours, days_per_week=days, rest_days=rest, updated=T0
    )


def test_portfolio_projects_are_due_at_the_end_of_their_month() -> None:
    from syllabus.model.schedule import build_plan

    roadmap = bundled("mlops-6-months")
    plan = build_plan(roadmap, mlops_enrolment())
    week12 = plan.nodes["month-3-4/week-12"]
    assert (week12.start, week12.end) == (date(2027, 1, 18), date(2027, 1, 24))
    # Month 3 is weeks 9-12: its projects are due with week 12's last items, and they count.
    assert plan.item_due[HOUSE] == plan.item_due[TITANIC] == week12.end
    assert {HOUSE, TITANIC} <= set(plan.tracked)
    nodes = roadmap.node_index()
    months = [nodes[f"portfolio-timeline/month-{n}"] for n in range(2, 7)]
    projects = [item for month in months for item in month.items]
    assert len(projects) == 10 and all(i.checkable and not i.optional for i in projects)
    assert {i.kind.value for i in projects} == {"project", "capstone"}
    for number, month in enumerate(months, start=2):
        assert all(plan.item_due[i.id] == START + timedelta(weeks=4 * number, days=-1)
                   for i in month.items), month.id  # fmt: skip
    # The appendix's words stay: the timeline still says how to build them.
    assert nodes["portfolio-timeline"].body == "Build these projects in order:"


def test_certificates_are_optional_items_of_their_month() -> None:
    from syllabus.model.schedule import build_plan

    roadmap = bundled("mlops-6-months")
    plan = build_plan(roadmap, mlops_enrolment())
    nodes = roadmap.node_index()
    certificates = [i for n in ("month-4", "month-5", "month-6")
                    for i in nodes[f"certifications/{n}"].items]  # fmt: skip
    assert [i.text for i in certificates] == [
        "Complete Andrew Ng's ML Certificate",
        "Kaggle ML Certificate",
        "Deep Learning Specialization Certificate",
        "TensorFlow Developer Certificate ($100)",
        "AWS ML Specialty or GCP ML Engineer ($200-300)",
    ]
    assert all(i.checkable and i.optional for i in certificates)
    assert plan.item_due[certificates[0].id] == START + timedelta(weeks=16, days=-1)
    assert not set(plan.tracked) & {i.id for i in certificates}  # never hold a month open
    # "Month 2: None (Focus on learning)" has nothing to plan.
    assert nodes["certifications/month-2"].role.value == "appendix"
    assert "certifications/month-2" not in plan.nodes


def test_courses_keep_their_hours_and_the_optional_one_is_optional() -> None:
    """Not planned yet: a course is studied over its own months, and an item has no timing
    of its own (see sources.toml); as a side track its hours would double the weeks'."""
    from syllabus.model.schedule import build_plan

    roadmap = bundled("mlops-6-months")
    plan = build_plan(roadmap, mlops_enrolment())
    courses = [i for i in roadmap.node_index()["course-sequence"].items if i.checkable]
    assert [(i.hours, i.optional) for i in courses] == [
        (3, False), (60, False), (None, False), (30, False), (20, False), (40, True)
    ]  # fmt: skip
    assert not any(i.id in plan.item_due for i in courses)


def test_in_month_3_the_projects_are_due(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On pace (everything planned before today done), on the last day of month 3."""
    from syllabus import cli
    from syllabus.model.schedule import build_plan

    roadmap = bundled("mlops-6-months")
    enrolment = mlops_enrolment()
    plan = build_plan(roadmap, enrolment)
    today = plan.item_due[HOUSE]
    progress = pm.enrol(pm.Progress(), "mlops-6-months", enrolment)
    for item_id in plan.tracked:
        if plan.item_due[item_id] < today:
            progress = pm.set_item_state(progress, "mlops-6-months", item_id, STATES[0], T0)
    ProgressFile(data_dir).save(progress)
    monkeypatch.setenv("SYLLABUS_TODAY", today.isoformat())
    assert cli.main(["status", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["behind_days"] <= 0
    listed = {entry["id"] for entry in data["due"]} | {e["id"] for e in data.get("agenda", [])}
    assert {HOUSE, TITANIC} <= listed


def test_ics_has_events_for_the_portfolio_and_the_certificates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import icalendar

    from syllabus import cli

    assert cli.main(["ics", "mlops-6-months"]) == 0
    calendar = icalendar.Calendar.from_ical(capsys.readouterr().out)
    found = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    roadmap = bundled("mlops-6-months")
    nodes = roadmap.node_index()
    for timeline, title, months in (
        ("portfolio-timeline", "Project Portfolio Timeline", range(2, 7)),
        ("certifications", "Certification Timeline", range(4, 7)),
    ):
        for month in months:
            event = found[f"Month {month} · {title}"]
            assert event["DTSTART"].dt == event["DTEND"].dt - timedelta(days=1)  # one day
            description = str(event["DESCRIPTION"])
            for item in nodes[f"{timeline}/month-{month}"].items:
                assert f"[ ] {item.text}" in description
    assert str(found["Month 3 · Project Portfolio Timeline"]["CATEGORIES"].cats[0]) == "milestone"


# --- ml-engineer-16-weeks: the ethics checkboxes ----------------------------------------


def test_ethics_checkboxes_are_optional_items_to_tick() -> None:
    from syllabus.model.rules import node_tally

    roadmap = bundled("ml-engineer-16-weeks")
    ethics = [(n, i) for n, i in roadmap.items() if i.group == "Ethics & Best Practices"]
    assert len(ethics) == 50
    assert all(i.kind.value == "self-check" and i.checkable and i.optional for _, i in ethics)
    # A week whose other items are done is complete with its ethics lines open.
    week = roadmap.node_index()["block-1/week-01"]
    others = [i for i in week.items if i.checkable and not i.optional]
    rp = pm.RoadmapProgress(
        items={i.id: pm.ItemRecord(state=pm.ItemState.DONE, updated=T0) for i in others}
    )
    assert node_tally(week, rp).complete
