"""`syllabus today` (issue 13): the agenda, the one on-track figure and the forecast.

The tiny roadmap of ``test_cli_schedule``, by hand: 12 h/week over six study days is 2 h
a study day from Monday 9 November 2026. Week 1 holds a, b, c (4 h each, planned for the
10th, 12th and 14th), week 2 holds d and e (6 h each, the 18th and the 21st). The
history has a and b done and 10 h logged; today is Wednesday the 18th.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from test_cli_schedule import T0, make_history, run, tiny

from syllabus import catalog
from syllabus.model import progress as pm
from syllabus.model.roadmap import HoursRange, Item, Node, Pace, Roadmap, Timing
from syllabus.model.schedule import build_plan, compute_status
from syllabus.storage.progress_file import ProgressFile


@pytest.fixture
def history(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_history(data_dir, monkeypatch)


KEYS = {"id", "text", "hours", "why"}
WHY = {"overdue", "today", "ahead", "review"}


def _today_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code, out, err = run(capsys, "today", "--format", "json", *args)
    assert code == 0, err
    assert err == ""  # machine-readable output: nothing on stderr
    return json.loads(out)


def _edit(data_dir: Path, change) -> None:
    pf = ProgressFile(data_dir)
    pf.save(change(pf.load().progress))


def _done(*item_ids: str):
    def change(progress: pm.Progress) -> pm.Progress:
        for item_id in item_ids:
            when = datetime(2026, 11, 10, 12, tzinfo=UTC)
            progress = pm.set_item_state(progress, "tiny", item_id, pm.ItemState.DONE, when)
        return progress

    return change


def test_today_json_has_the_agenda_the_buffer_and_the_forecast(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _today_json(capsys)
    assert data["today"] == "2026-11-18" and data["roadmap"] == "tiny"
    # overdue first (c, planned for the 14th), then today's (d, planned for the 18th)
    assert [(e["id"], e["why"], e["hours"]) for e in data["agenda"]] == [
        ("week-1/c", "overdue", 4),
        ("week-2/d", "today", 6),
    ]
    assert all(KEYS <= set(e) and e["why"] in WHY for e in data["agenda"])
    assert data["agenda"][0]["text"] == "C, with; specials"
    assert isinstance(data["buffer_days"], (int, float)) and data["buffer_days"] == -2
    forecast = data["forecast"]
    for key in ("p50", "p90", "planned"):
        assert date.fromisoformat(forecast[key])  # ISO YYYY-MM-DD
    assert forecast["planned"] == "2026-11-21"
    assert "2026-11-18" <= forecast["p50"] <= forecast["p90"]


def test_today_json_and_status_json_agree_with_the_model(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = _today_json(capsys)
    code, out, _ = run(capsys, "status", "--format", "json")
    status = json.loads(out)
    for key in ("agenda", "buffer_days", "forecast"):
        assert today[key] == status[key], key
    assert status["forecast"]["planned"] == status["planned_finish"]
    assert status["behind_days"] == -status["buffer_days"]
    progress = ProgressFile(history).load().progress
    roadmap = tiny()
    rp = progress.roadmap("tiny")
    assert rp.enrolled is not None
    plan = build_plan(roadmap, rp.enrolled, rp)
    model = compute_status(roadmap, progress, "tiny", date(2026, 11, 18), plan)
    assert model.forecast is not None
    assert status["buffer_days"] == round(model.buffer_days, 2)
    assert status["forecast"]["p50"] == model.forecast.p50.isoformat()
    assert status["forecast"]["p90"] == model.forecast.p90.isoformat()
    assert [row["id"] for row in status["due"]] == model.due
    assert [row["id"] for row in status["overdue"]] == model.overdue


def test_today_text_shows_the_agenda_in_order_one_figure_and_a_labelled_forecast(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "today")
    assert code == 0
    lines = out.splitlines()
    agenda = lines.index("agenda:")
    assert lines[agenda + 1] == "  1. overdue  C, with; specials  (week-1/c) · 4 h"
    assert lines[agenda + 2] == "  2. today    D, with; specials  (week-2/d) · 6 h"
    assert "buffer −2 d (behind the plan)" in lines
    (finish,) = [line for line in lines if line.startswith("finish ~ ")]
    assert finish.startswith("finish ~ P50 Nov ") and ", 2026, P90 " in finish
    assert "forecast at the plan's pace" in finish and finish.endswith("· planned Nov 21, 2026")
    assert "days behind" not in out and "ahead" not in out.replace("ahead of", "")


def test_when_behind_the_three_options_have_numbers_and_commands(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "today")
    lines = out.splitlines()
    start = lines.index("behind the plan: three ways to decide")
    one, two, three = lines[start + 1 : start + 4]
    # the rest in the plan's hours: the 4 study days 18-21 November at 2 h plus the 4 h
    # behind = 12 h: 3 h a day, 18 a week
    assert one == (
        "  1. keep the planned date: study 18 h a week (now 12)"
        "  `syllabus replan --roadmap tiny --hours-per-week 18`"
    )
    assert two == "  2. skip optional items: none would save planned time"
    assert three.startswith("  3. finish later, at your pace: Nov ")
    assert three.endswith("`syllabus replan --roadmap tiny`")
    code, out, _ = run(capsys, "status")
    assert "behind the plan: three ways to decide" in out


def test_ahead_the_agenda_shows_the_next_items_labelled_ahead(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(history, _done("week-1/c", "week-2/d"))
    data = _today_json(capsys)
    assert data["buffer_days"] > 0
    assert data["agenda"] and {e["why"] for e in data["agenda"]} == {"ahead"}
    assert data["agenda"][0]["id"] == "week-2/e"
    code, out, _ = run(capsys, "today")
    assert "(ahead of the plan)" in out and "three ways" not in out
    assert "  1. ahead  E, with; specials  (week-2/e) · 6 h" in out
    code, out, _ = run(capsys, "today", "--short")
    assert out.startswith("W2 ▸ 0 due · +")


def test_with_everything_done_the_forecast_is_null_and_the_agenda_empty(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(history, _done("week-1/c", "week-2/d", "week-2/e"))
    data = _today_json(capsys)
    assert data["agenda"] == [] and data["forecast"] is None
    code, out, _ = run(capsys, "today")
    assert "agenda: nothing left to do" in out and "finish: nothing left to do" in out


def other() -> Roadmap:
    return Roadmap(
        id="other",
        title="Other",
        pace=Pace(hours_per_week=HoursRange(low=6, high=6), days_per_week=6),
        nodes=[
            Node(
                id="only",
                title="Only",
                timing=Timing(hours=HoursRange(low=6, high=6)),
                items=[Item(id="only/x", text="X"), Item(id="only/y", text="Y")],
            )
        ],
    )


def _enrol_other(data_dir: Path, pauses: list[pm.Pause] | None = None) -> None:
    catalog.save_user_roadmap(other(), data_dir)
    enrolment = pm.Enrolment(
        start=date(2026, 11, 16),
        hours_per_week=6,
        days_per_week=6,
        rest_days=["sun"],
        pauses=pauses or [],
        updated=T0,
    )
    _edit(data_dir, lambda p: pm.enrol(p, "other", enrolment))
    _edit(data_dir, lambda p: pm.set_active(p, "tiny", T0))


def test_the_agenda_covers_every_enrolled_roadmap_the_active_one_first(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _enrol_other(history)
    data = _today_json(capsys)
    roadmaps = [e["roadmap"] for e in data["agenda"]]
    assert roadmaps[0] == "tiny" and "other" in roadmaps
    assert roadmaps == sorted(roadmaps, key=lambda r: r != "tiny")
    code, out, _ = run(capsys, "today")
    assert "(tiny: week-1/c)" in out and "(other: only/x)" in out
    # --roadmap names one (by the one rule, prefixes too): only its agenda
    named = _today_json(capsys, "--roadmap", "oth")
    assert named["roadmap"] == "other"
    assert {e["roadmap"] for e in named["agenda"]} == {"other"}


def test_a_paused_roadmap_is_left_out_of_the_days_agenda(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _enrol_other(history, [pm.Pause(start=date(2026, 11, 16), end=date(2026, 11, 29))])
    data = _today_json(capsys)
    assert {e["roadmap"] for e in data["agenda"]} == {"tiny"}


def test_json_is_never_translated(
    history: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from syllabus import locale

    english = _today_json(capsys)
    monkeypatch.setenv("LANGUAGE", "de")
    locale.set_language("de")
    try:
        german = _today_json(capsys)
    finally:
        locale.set_language("en")
    assert german == english


def test_today_short_stays_one_line_with_the_buffer(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "today", "--short")
    assert (code, err) == (0, "")
    assert out == "W2 ▸ 2 due · −2 d · 🔥2 · 4/12h\n"
