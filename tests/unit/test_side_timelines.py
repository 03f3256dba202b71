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


ANDREW_NG = "course-sequence/andrew-ng-machine-learning-coursera-60-hours"
COURSE_MONTHS = {  # each course and the main-plan months that study it (sources.toml)
    "course-sequence/kaggle-learn-intro-to-ml-free-3-hours": "month-1-2",
    ANDREW_NG: "month-3-4",
    "course-sequence/hands-on-ml-book-self-paced": "month-3-4",
    "course-sequence/fast-ai-practical-deep-learning-free-30-hours": "month-5",
    "course-sequence/full-stack-deep-learning-free-20-hours": "month-6",
    "course-sequence/mlops-specialization-coursera-40-hours": "month-6",
}


def test_courses_are_due_at_the_end_of_the_months_that_study_them() -> None:
    """Each course is due on the last day of its months; its hours are the weeks' own
    (the plan ends on the same day, the line holds the weeks' hours and no more)."""
    from dataclasses import replace

    from syllabus.model.roadmap import Role
    from syllabus.model.schedule import build_plan

    roadmap = bundled("mlops-6-months")
    plan = build_plan(roadmap, mlops_enrolment())
    node = roadmap.node_index()["course-sequence"]
    courses = [i for i in node.items if i.checkable]
    assert [(i.hours, i.optional) for i in courses] == [
        (3, False), (60, False), (None, False), (30, False), (20, False), (40, True)
    ]  # fmt: skip
    assert {i.id: i.alongside for i in courses} == COURSE_MONTHS
    assert any(not i.checkable for i in node.items)  # the notes keep the appendix's text
    for item_id, months in COURSE_MONTHS.items():
        assert plan.item_due[item_id] == plan.nodes[months].end
        assert plan.studied[item_id].start == plan.nodes[months].start
    tracked = set(plan.tracked)
    assert ANDREW_NG in tracked
    assert "course-sequence/mlops-specialization-coursera-40-hours" not in tracked  # optional
    assert plan.item_hours[ANDREW_NG] == 0  # inside the weeks' hours, not on top
    # The same plan with the course list as reference ends on the same day, and the
    # line (the tracked items' hours) is the weeks' hours in both.
    nodes = [
        replace(n, role=Role.APPENDIX) if n.id == "course-sequence" else n for n in roadmap.nodes
    ]
    without = build_plan(replace(roadmap, nodes=nodes), mlops_enrolment())
    assert plan.end == without.end
    line = sum(plan.item_hours[i] for i in plan.tracked)
    assert line == pytest.approx(sum(without.item_hours[i] for i in without.tracked))
    assert not any(i in without.item_due for i in COURSE_MONTHS)


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_andrew_ng_is_due_in_month_4_not_before(
    offset: int,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """On pace, with everything planned before today done: the day before the end of
    months 3-4 the course is not in the agenda, on that day it is due, after it overdue."""
    from syllabus import cli
    from syllabus.model.schedule import build_plan

    roadmap = bundled("mlops-6-months")
    enrolment = mlops_enrolment()
    plan = build_plan(roadmap, enrolment)
    due = plan.item_due[ANDREW_NG]
    assert plan.nodes["month-3-4"].start < due - timedelta(days=1)
    today = due + timedelta(days=offset)
    progress = pm.enrol(pm.Progress(), "mlops-6-months", enrolment)
    for item_id in plan.tracked:
        if plan.item_due[item_id] < today and item_id != ANDREW_NG:
            progress = pm.set_item_state(progress, "mlops-6-months", item_id, STATES[0], T0)
    ProgressFile(data_dir).save(progress)
    monkeypatch.setenv("SYLLABUS_TODAY", today.isoformat())
    assert cli.main(["today", "--format", "json"]) == 0
    agenda = {e["id"]: e["why"] for e in json.loads(capsys.readouterr().out)["agenda"]}
    assert agenda.get(ANDREW_NG) == {-1: None, 0: "today", 1: "overdue"}[offset]
    assert cli.main(["status", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (ANDREW_NG in {e["id"] for e in data["due"]}) == (offset == 0)
    assert (ANDREW_NG in {e["id"] for e in data["overdue"]}) == (offset == 1)


def test_ics_has_the_courses_over_their_months(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import icalendar

    from syllabus import cli
    from syllabus.model.schedule import build_plan, default_enrolment

    monkeypatch.setenv("SYLLABUS_TODAY", START.isoformat())
    assert cli.main(["ics", "mlops-6-months"]) == 0
    calendar = icalendar.Calendar.from_ical(capsys.readouterr().out)
    found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    roadmap = bundled("mlops-6-months")
    items = roadmap.item_index()
    event = found[f"mlops-6-months/{ANDREW_NG}@syllabus"]
    assert str(event["SUMMARY"]) == f"{items[ANDREW_NG][1].text} · Course Sequence"
    plan = build_plan(roadmap, default_enrolment(roadmap, START))
    for item_id, months in COURSE_MONTHS.items():
        event = found[f"mlops-6-months/{item_id}@syllabus"]
        assert event["DTSTART"].dt == plan.nodes[months].start
        assert event["DTEND"].dt == plan.nodes[months].end + timedelta(days=1)


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


def test_optional_lines_without_hours_take_no_share_of_their_week() -> None:
    """Week 1's "[2 hrs]"/"[3 hrs]" tasks hold its hours by what they state; its ethics
    self-checks (optional, no hours) are extra: due with the item before them, 0 h."""
    from syllabus.model.schedule import build_plan

    roadmap = bundled("ml-engineer-16-weeks")
    enrolment = pm.Enrolment(start=START, hours_per_week=13, updated=T0)
    plan = build_plan(roadmap, enrolment)
    week = roadmap.node_index()["block-1/week-01"]
    stated = {i.id: i.hours for i in week.items if i.checkable and i.hours is not None}
    assert stated["block-1/week-01/install-python-via-anaconda-or-use-google-colab"] == 2
    ethics = [i.id for i in week.items if i.group == "Ethics & Best Practices"]
    assert ethics and all(plan.item_hours[i] == 0 for i in ethics)
    ratio = {i: plan.item_hours[i] / h for i, h in stated.items()}
    assert max(ratio.values()) == pytest.approx(min(ratio.values()))  # by stated hours


def test_a_during_hint_naming_no_node_is_an_error() -> None:
    from syllabus.importer.build import build_roadmap
    from syllabus.importer.hints import Hints
    from syllabus.importer.problems import ImportProblem

    text = "# Plan\n\n## Week 1\n\n- [ ] Read\n- [ ] Course A (10 hours)\n"

    def hints(during: str) -> Hints:
        return Hints.from_dict({"node": [{"match": "Week 1", "during": {"Course A": during}}]})

    with pytest.raises(ImportProblem, match="week-09"):
        build_roadmap(text, "plan.md", hints("week-09"))
    roadmap = build_roadmap(text, "plan.md", hints("week-01"))
    assert [i.alongside for _, i in roadmap.items()] == [None, "week-01"]
