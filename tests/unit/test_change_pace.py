"""The "keep the planned date" option: a new pace from today, one number in CLI and TUI.

Worked on ``ml-engineer-16-weeks`` a week behind (``test_guidance_bundled``): the plan
ends Saturday 25 April; from Monday 16 March its 36 study days hold 78 h, and 13 h are
owed, so keeping the date takes 91 h / 36 days x 6 = 15.17 h a week, offered as 15.5.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from test_guidance_bundled import ML, TODAY, _behind, deliverables, enrol, learner, setup

from syllabus.model.schedule import (
    behind_options,
    build_plan,
    change_pace,
    compute_status,
    pace_to_keep,
)
from syllabus.storage.progress_file import ProgressFile


def _behind_state():  # type: ignore[no-untyped-def]
    roadmap, plan = setup(ML)
    return roadmap, learner(ML, enrol(ML), _behind(plan), TODAY)


def test_the_pace_offered_is_the_hours_needed_rounded_up_to_half_an_hour() -> None:
    roadmap, state = _behind_state()
    options = behind_options(roadmap, state, ML, TODAY)
    assert options is not None
    assert options.hours_per_week == pytest.approx(91 / 6)
    assert pace_to_keep(options) == 15.5


def test_changing_pace_keeps_the_planned_date_and_owes_nothing() -> None:
    roadmap, state = _behind_state()
    planned = build_plan(roadmap, state.roadmap(ML).enrolled).end
    assert planned == date(2026, 4, 25)
    options = behind_options(roadmap, state, ML, TODAY)
    assert options is not None
    when = datetime(2026, 3, 16, 8, tzinfo=UTC)
    paced = change_pace(state, ML, TODAY, pace_to_keep(options), when)
    enrolment = paced.roadmap(ML).enrolled
    assert enrolment is not None and enrolment.hours_per_week == 15.5
    assert enrolment.start == date(2026, 1, 5)  # the start stays: done work keeps its days
    # 91 h at 15.5 / 6 = 2.58 h a study day: 35.2 -> 36 study days from 16 March = 25 April
    status = compute_status(roadmap, paced, ML, TODAY)
    assert status.plan is not None and status.plan.end == planned
    assert status.buffer_days == pytest.approx(0, abs=0.5)
    # only plan week 10's five deliverables, due on its last study day (Saturday 14
    # March): an instance keeps its calendar week whatever the pace
    assert status.overdue == deliverables(10)
    # week 10, owed before, is the first work of the new run: due from today on
    week10 = [i for i in status.plan.tracked if i.startswith("block-3/week-10/")]
    assert week10 and all(status.plan.item_due[i] >= TODAY for i in week10)


def test_the_cli_offers_and_applies_the_same_pace(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from syllabus import cli

    _, state = _behind_state()
    ProgressFile(data_dir).save(state)
    monkeypatch.setenv("SYLLABUS_TODAY", TODAY.isoformat())
    assert cli.main(["status"]) == 0
    out = capsys.readouterr().out
    command = f"syllabus replan --roadmap {ML} --hours-per-week 15.5"
    assert command in out
    assert cli.main(command.split()[1:]) == 0
    capsys.readouterr()
    assert cli.main(["status", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["planned_finish"] == "2026-04-25"
    assert abs(data["buffer_days"]) < 0.5
    # one undo step puts the old pace back
    assert cli.main(["undo"]) == 0
    enrolment = ProgressFile(data_dir).load().progress.roadmap(ML).enrolled
    assert enrolment is not None and enrolment.hours_per_week == 13
