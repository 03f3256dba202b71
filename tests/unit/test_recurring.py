"""Recurring work (issue 16.1): a weekly item gets one instance a plan week of its span,
ITEM_ID@N, each ticked on its own, counted in its week, overdue in the agenda when missed;
the importer marks such items; the CLI ticks instances; records merge and migrate."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from syllabus import catalog, cli
from syllabus.importer import import_text
from syllabus.model import progress as pm
from syllabus.model.roadmap import Roadmap
from syllabus.model.rules import node_tally
from syllabus.model.schedule import build_plan
from syllabus.model.schedule.agenda import roadmap_agenda
from syllabus.model.schedule.tracked import track
from syllabus.storage.progress_file import ProgressFile

ML = "ml-engineer-16-weeks"
DELIVERABLES = "project-deliverables"
REPO = f"{DELIVERABLES}/github-repo"
LATER = f"{DELIVERABLES}/later-dockerfile-model-card-ci-setup"
MONDAY = date(2026, 1, 5)
WHEN = datetime(2026, 1, 5, 9, tzinfo=UTC)


def seed() -> Roadmap:
    return catalog.load_roadmap(ML, Path("/nonexistent"))


def enrolment(**changes: object) -> pm.Enrolment:
    values: dict[str, object] = {
        "start": MONDAY,
        "hours_per_week": 13.0,
        "days_per_week": 6,
        "rest_days": ["sun"],
        "updated": WHEN,
    }
    values.update(changes)
    return pm.Enrolment(**values)  # type: ignore[arg-type]


def test_seed_004_has_16_weekly_instances_of_each_deliverable() -> None:
    roadmap = seed()
    node = roadmap.node_index()[DELIVERABLES]
    assert all(item.recurring == "weekly" and item.checkable for item in node.items)
    plan = build_plan(roadmap, enrolment())
    for item in node.items:
        ids = plan.instances[item.id]
        # "Later: Dockerfile, model card, CI setup" recurs over block 4 (MLOps) only:
        # weeks 13-16 (the hint's during table), the other five every week from week 1
        weeks = range(13, 17) if item.id == LATER else range(1, 17)
        assert ids == tuple(f"{item.id}@{n}" for n in weeks)
        assert item.id not in plan.checkable.ids  # the instances count, not the item
        assert set(ids) <= set(plan.checkable.ids)
    later = [plan.item_due[i] for i in plan.instances[LATER]]
    assert later == [date(2026, 4, 4), date(2026, 4, 11), date(2026, 4, 18), date(2026, 4, 25)]
    due = [plan.item_due[f"{REPO}@{n}"] for n in range(1, 17)]
    # each due on its week's last study day (Saturday: Sunday is a rest day)
    assert due == [MONDAY + timedelta(days=7 * k + 5) for k in range(16)]
    assert sum(1 for i in plan.tracked if i.startswith(DELIVERABLES)) == 5 * 16 + 4
    # no stated hours: a checkpoint on the week's work, the plan keeps its 208 hours
    assert plan.end == date(2026, 4, 25)
    assert sum(plan.week_hours.values()) == pytest.approx(208)


def test_an_instance_is_ticked_on_its_own_and_counted() -> None:
    roadmap = seed()
    plan = build_plan(roadmap, enrolment())
    p = pm.Progress()
    p = pm.set_item_state(p, ML, f"{REPO}@1", pm.ItemState.DONE, WHEN)
    rp = p.roadmap(ML)
    node = roadmap.node_index()[DELIVERABLES]
    tally = node_tally(node, rp, plan.instances)
    assert (tally.done, tally.total) == (1, 5 * 16 + 4)  # "Later": weeks 13-16 only
    assert rp.state(f"{REPO}@2") is pm.ItemState.TODO
    assert node_tally(node, rp).total == 0  # without a plan: not the template


def test_a_missed_instance_is_overdue_in_the_agenda() -> None:
    roadmap = seed()
    p = pm.Progress()
    p = pm.enrol(p, ML, enrolment())
    p = pm.set_item_state(p, ML, f"{REPO}@1", pm.ItemState.DONE, WHEN)
    today = date(2026, 1, 13)  # the Tuesday of week 2: week 1's Saturday is past
    entries = roadmap_agenda(roadmap, p, ML, today)
    overdue = {e.item_id for e in entries if e.why == "overdue"}
    assert f"{DELIVERABLES}/evaluation-metrics-or-tests@1" in overdue
    assert f"{REPO}@1" not in overdue and f"{REPO}@2" not in overdue
    entry = next(e for e in entries if e.item_id == f"{DELIVERABLES}/evaluation-metrics-or-tests@1")
    assert entry.node_id == DELIVERABLES and entry.text == "✅ Evaluation metrics or tests"
    plan = build_plan(roadmap, p.roadmap(ML).enrolled, p.roadmap(ML))  # type: ignore[arg-type]
    work = track(plan, p.roadmap(ML).items, today)
    assert f"{REPO}@1" not in work.overdue and f"{DELIVERABLES}/github-repo@2" not in work.overdue


def test_week_numbers_stay_through_a_pause() -> None:
    roadmap = seed()
    paused = enrolment(pauses=[pm.Pause(start=date(2026, 1, 12), end=date(2026, 1, 18))])
    plan = build_plan(roadmap, paused)
    ids = plan.instances[REPO]
    weeks = [pm.split_instance(i)[1] for i in ids]
    assert 2 not in weeks  # the paused week has no study day, so no instance
    assert weeks[:3] == [1, 3, 4] and len(weeks) == 16  # the plan runs a week longer
    assert plan.item_due[f"{REPO}@3"] == date(2026, 1, 24)  # week 3 stays that week


def test_a_stated_hour_figure_is_per_week_over_its_nodes_weeks() -> None:
    text = (
        "# Plan\n\n## Part 1\n\n**Every week:**\n\n- [1 hr] Review your notes\n\n"
        "### Week 1\n\n- Read chapter one\n\n### Week 2\n\n- Read chapter two\n\n"
        "## Part 2\n\n### Week 3\n\n- Read chapter three\n"
    )
    roadmap = import_text(text, "habit.md")
    review = next(i for _, i in roadmap.items() if i.text.endswith("Review your notes"))
    assert review.recurring == "weekly" and review.hours == 1.0
    assert all(i.recurring is None for _, i in roadmap.items() if i is not review)
    plan = build_plan(roadmap, enrolment(hours_per_week=6.0))
    # Part 1's weeks only (its two week sections), an hour each, added to the week
    assert plan.instances[review.id] == (f"{review.id}@1", f"{review.id}@2")
    assert all(plan.item_hours[i] == 1.0 for i in plan.instances[review.id])
    weeks = sorted(plan.week_hours.items())
    assert [round(h, 6) for _, h in weeks] == [7.0, 7.0, 6.0]
    assert plan.end == date(2026, 1, 24)  # the sequential work is not pushed back


@pytest.mark.parametrize(
    ("label", "language"),
    [("Every week", "en"), ("Weekly practice", "en"), ("Jede Woche", "de"), ("Cada semana", "es")],
)
def test_the_importer_reads_recurrence_from_a_label(label: str, language: str) -> None:
    text = f"---\nlang: {language}\n---\n# Plan\n\n## Week 1\n\n- Task one\n\n"
    text += f"**{label}:**\n\n- Log it\n"
    roadmap = import_text(text, "x.md")
    item = next(i for _, i in roadmap.items() if i.text == "Log it")
    assert item.recurring == "weekly"
    assert next(i for _, i in roadmap.items() if i.text == "Task one").recurring is None


# --- command line ----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def enrolled(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SYLLABUS_DATA_DIR", str(data_dir))
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-01-21")  # plan week 3
    assert cli.main(["start", ML, "--on", "2026-01-05"]) == 0
    return data_dir


def test_done_undone_skip_take_an_instance(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(capsys, "done", f"{REPO}@1")[1] == f"done: {REPO}@1\n"
    # a prefix of the item, and the item alone: this week's instance
    assert run(capsys, "skip", f"{DELIVERABLES}/git@2")[1] == f"skipped: {REPO}@2\n"
    assert run(capsys, "done", REPO)[1] == f"done: {REPO}@3\n"
    assert run(capsys, "undone", f"{REPO}@3")[1] == f"todo: {REPO}@3\n"
    rp = ProgressFile(enrolled).load().progress.roadmap(ML)
    assert rp.state(f"{REPO}@1") is pm.ItemState.DONE
    assert rp.state(f"{REPO}@2") is pm.ItemState.SKIPPED
    assert rp.state(f"{REPO}@3") is pm.ItemState.TODO
    assert rp.state(REPO) is pm.ItemState.TODO  # the item itself is never ticked
    code, _, err = run(capsys, "done", f"{REPO}@17")
    assert code == 2 and "1–16" in err
    code, _, err = run(capsys, "done", "block-1/week-01/basic-file-i-o@2")
    assert code == 2 and "does not recur" in err
    code, out, _ = run(capsys, "today", "--format", "json")
    assert code == 0
    overdue = [e["id"] for e in json.loads(out)["agenda"] if e["why"] == "overdue"]
    assert f"{DELIVERABLES}/evaluation-metrics-or-tests@2" in overdue
    assert f"{REPO}@1" not in overdue and f"{REPO}@2" not in overdue


def test_export_json_marks_recurring_items(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    code, out, _ = run(capsys, "export", ML, "--format", "json")
    assert code == 0
    data = json.loads(out)
    node = next(n for n in data["nodes"] if n["id"] == DELIVERABLES)
    assert [i["recurring"] for i in node["items"]] == ["weekly"] * 6
    week = next(n for n in data["nodes"] if n["id"] == "block-1")["children"][0]
    assert {i["recurring"] for i in week["items"]} == {None}


# --- merging and migrating -------------------------------------------------------------

COPY = "progress.sync-conflict-20260123-101010-ABCDEFG.toml"


def test_instances_merge_record_by_record(data_dir: Path) -> None:
    later = WHEN + timedelta(hours=1)

    def laptop(p: pm.Progress) -> pm.Progress:
        p = pm.set_item_state(p, ML, f"{REPO}@1", pm.ItemState.DONE, WHEN)
        return pm.set_item_state(p, ML, f"{REPO}@3", pm.ItemState.DONE, WHEN)

    def desktop(p: pm.Progress) -> pm.Progress:
        p = pm.set_item_state(p, ML, f"{REPO}@2", pm.ItemState.SKIPPED, later)
        return pm.set_item_state(p, ML, f"{REPO}@3", pm.ItemState.TODO, later)

    ProgressFile(data_dir).update(laptop)
    other = data_dir.parent / "desktop"
    ProgressFile(other).update(desktop)
    (data_dir / COPY).write_text((other / "progress.toml").read_text())
    merged = ProgressFile(data_dir).load().progress.roadmap(ML)
    assert merged.state(f"{REPO}@1") is pm.ItemState.DONE
    assert merged.state(f"{REPO}@2") is pm.ItemState.SKIPPED
    assert merged.state(f"{REPO}@3") is pm.ItemState.TODO  # the later change wins


SCHEMA_2 = f"""schema = 2

[roadmaps.{ML}.items]
"block-1/week-01/basic-file-i-o" = {{ state = "done", updated = 2026-01-06T10:00:00Z }}
"""


def test_a_schema_2_file_opens_and_takes_instances(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "progress.toml").write_text(SCHEMA_2)
    pf = ProgressFile(data_dir)
    pf.update(lambda p: pm.set_item_state(p, ML, f"{REPO}@4", pm.ItemState.DONE, WHEN))
    rp = pf.load().progress.roadmap(ML)
    assert rp.state("block-1/week-01/basic-file-i-o") is pm.ItemState.DONE
    assert rp.state(f"{REPO}@4") is pm.ItemState.DONE
