"""status, today and replan through ``cli.main`` on a tiny roadmap with a hand-made history.

The plan, by hand: 12 h/week over six study days (Sunday off) is 2 h a study day.
Week 1 (12 h, items a, b, c of 4 h each) runs Mon 9 - Sat 14 November 2026, with a due on
the 10th, b on the 12th, c on the 14th; week 2 (12 h, d and e of 6 h) runs 16-21
November, d due on the 18th, e on the 21st; the milestone sits on Saturday the 21st.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from syllabus import catalog, cli
from syllabus.model import progress as pm
from syllabus.model.roadmap import HoursRange, Item, Node, Pace, Roadmap, Role, Timing
from syllabus.storage.progress_file import ProgressFile

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def tiny() -> Roadmap:
    def week(n: int, names: str) -> Node:
        return Node(
            id=f"week-{n}",
            title=f"Week {n}",
            timing=Timing(hours=HoursRange(low=12, high=12)),
            items=[Item(id=f"week-{n}/{c}", text=f"{c.upper()}, with; specials") for c in names],
        )

    return Roadmap(
        id="tiny",
        title="Tiny",
        pace=Pace(hours_per_week=HoursRange(low=12, high=12), days_per_week=6),
        nodes=[
            week(1, "abc"),
            week(2, "de"),
            Node(id="wrap-up", title="Wrap-up", role=Role.MILESTONE, prerequisites=["week-2"]),
        ],
    )


@pytest.fixture
def history(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_history(data_dir, monkeypatch)


def make_history(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hand-made history of the module's docstring, on Wednesday 18 November 2026."""
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-18")
    catalog.save_user_roadmap(tiny(), data_dir)
    enrolment = pm.Enrolment(
        start=date(2026, 11, 9), hours_per_week=12, days_per_week=6, rest_days=["sun"], updated=T0
    )
    progress = pm.enrol(pm.Progress(), "tiny", enrolment)
    for item_id, day in (("week-1/a", 10), ("week-1/b", 12)):
        when = datetime(2026, 11, day, 12, tzinfo=UTC)
        progress = pm.set_item_state(progress, "tiny", item_id, pm.ItemState.DONE, when)
    for day in (9, 10, 11, 16, 17):
        progress = pm.put_checkin(
            progress,
            pm.CheckIn(
                id=f"c{day}",
                date=date(2026, 11, day),
                hours=2,
                roadmap="tiny",
                created=T0,
                updated=T0,
            ),
        )
    ProgressFile(data_dir).save(progress)
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_json(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["roadmap"] == "tiny"
    assert data["states"] == {"todo": 3, "doing": 0, "done": 2, "skipped": 0}
    assert data["done"] == ["week-1/a", "week-1/b"]
    assert data["percent"] == 40.0
    assert data["hours_total"] == 10
    assert data["current"] == {"id": "week-2", "title": "Week 2"}
    # due means due by today: d is planned for the 18th (its 6 h end the plan's 9th study
    # day), e for the 21st; c was planned for the 14th and is not done
    assert data["due"] == [{"id": "week-2/d", "text": "D, with; specials", "node": "week-2"}]
    assert data["overdue"] == [{"id": "week-1/c", "text": "C, with; specials", "node": "week-1"}]
    assert [(e["id"], e["why"], e["hours"]) for e in data["agenda"]] == [
        ("week-1/c", "overdue", 4),
        ("week-2/d", "today", 6),
    ]
    # the 4 h of c behind the line, at 2 h a study day
    assert data["buffer_days"] == -2 and data["behind_days"] == 2
    assert (data["streak"], data["longest_streak"]) == (2, 3)
    assert (data["hours_this_week"], data["target_hours_this_week"]) == (4, 12)
    forecast = data["forecast"]
    assert forecast["planned"] == data["planned_finish"] == "2026-11-21"
    assert "2026-11-18" <= forecast["p50"] <= forecast["p90"]
    assert forecast["basis"] == "plan"  # less than two study weeks of history
    assert data["projected_finish"] == {
        "low": forecast["p50"],
        "high": forecast["p90"],
        "plan": forecast["planned"],
    }
    assert data["start"] == "2026-11-09"
    assert data["week"] == 2 and data["enrolled"] is True
    # check-ins without a node count for the node planned that day
    assert data["node_hours"] == {
        "week-1": {"planned": 12, "logged": 6},
        "week-2": {"planned": 12, "logged": 4},
        "wrap-up": {"planned": 0, "logged": 0},
    }
    assert data["week_hours"] == [
        {"week": "2026-11-09", "planned": 12, "logged": 6},
        {"week": "2026-11-16", "planned": 12, "logged": 4},
    ]


def test_status_text(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert "now: Week 2  (week-2) · 4/12 h logged" in out
    assert "done: 2/5 (40%)" in out
    assert "buffer −2 d (behind the plan)" in out  # the one on-track figure
    assert "days behind" not in out and "due this week" not in out
    assert "finish ~ P50 Nov " in out and "· planned Nov 21, 2026" in out
    assert "  1. overdue  C, with; specials  (week-1/c) · 4 h" in out
    assert "  2. today    D, with; specials  (week-2/d) · 6 h" in out


def test_today(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "today", "--short")
    assert code == 0
    assert out == "W2 ▸ 2 due · −2 d · 🔥2 · 4/12h\n"  # due by today: c and d
    code, out, _ = run(capsys, "today")
    assert out.startswith("Wed, Nov 18, 2026 · Tiny\ntoday: Week 2  (week-2)\n")
    assert "  2. today    D, with; specials  (week-2/d) · 6 h" in out


def test_replan(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "replan", "--from", "2026-11-23")
    assert code == 0, err
    # week 1 is unfinished (c is open): a and b keep their days, c and week 2 (16 h, 8
    # study days at 2 h) move to Monday 23 November: 23-28 and 30 November-1 December
    assert out == (
        "replanned tiny: the unfinished rest starts on Nov 23, 2026; "
        "planned finish Dec 1, 2026 (was Nov 21, 2026)\n"
    )
    code, out, _ = run(capsys, "status", "--format", "json")
    data = json.loads(out)
    assert data["planned_finish"] == "2026-12-01"
    assert data["overdue"] == [] and data["current"] == {"id": "week-1", "title": "Week 1"}
    assert data["done"] == ["week-1/a", "week-1/b"]  # what is done stays done
    saved = ProgressFile(history).load().progress.roadmap("tiny").enrolment
    assert saved is not None and [r.start for r in saved.replans] == [date(2026, 11, 23)]
    code, _, err = run(capsys, "replan", "--from", "2026-11-01")
    assert code == 2 and "plan starts on Nov 9, 2026" in err


def test_without_an_active_roadmap(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status")
    assert code == 2 and "no active roadmap" in err
    code, out, err = run(capsys, "today", "--short")
    assert (code, out, err) == (0, "", "")
    code, _, err = run(capsys, "replan", "--roadmap", "ml-engineer-16-weeks")
    assert code == 2 and "not enrolled" in err
    code, _, err = run(capsys, "status", "--roadmap", "no-such-roadmap")
    assert code == 2 and "unknown roadmap" in err


def test_status_of_a_bundled_roadmap_not_enrolled(capsys: pytest.CaptureFixture[str]) -> None:
    # planned from today (Monday 23 November 2026) at the stated 12-14 h/week
    code, out, err = run(capsys, "status", "--roadmap", "ml-engineer", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["enrolled"] is False
    assert data["start"] == "2026-11-23"
    assert data["planned_finish"] == "2027-03-13"  # 16 weeks of Mon-Sat
    assert data["current"]["id"] == "block-1/week-01"
    assert data["streak"] == 0 and data["buffer_days"] == 0
    # nothing done yet: the plan's pace, with a wide band, never null while work remains
    assert data["forecast"]["basis"] == "plan"
    assert data["forecast"]["planned"] == "2027-03-13"
    assert "2026-11-23" <= data["forecast"]["p50"] < data["forecast"]["p90"]
    assert data["agenda"] and data["agenda"][0]["why"] == "today"
    assert data["percent"] == 0.0 and data["states"]["done"] == 0


def test_damaged_progress_file_exits_1(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.toml").write_text("this is [not toml", encoding="utf-8")
    code, _, err = run(capsys, "status")
    assert code == 1 and "progress" in err


def test_today_on_a_rest_day_and_before_the_start(
    history: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-15")  # the Sunday between the weeks
    code, out, _ = run(capsys, "today")
    assert code == 0
    assert "next: Week 2  (week-2)" in out and "a rest day: your streak is safe" in out
    # 12-14 November were study days without a check-in
    assert "logged today 0 h · this week 6/12 h · streak 0" in out
    assert "buffer −2 d (behind the plan)" in out
    assert "  1. overdue  C, with; specials  (week-1/c) · 4 h" in out and "today  " not in out
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-02")
    code, out, _ = run(capsys, "today", "--short")
    assert out == "starts Nov 9, 2026 · 🔥0 · 0/0h\n"


def _tick(data_dir: Path, *item_ids: str) -> None:
    pf = ProgressFile(data_dir)
    progress = pf.load().progress
    when = datetime(2026, 11, 17, 12, tzinfo=UTC)
    for item_id in item_ids:
        progress = pm.set_item_state(progress, "tiny", item_id, pm.ItemState.DONE, when)
    pf.save(progress)


def test_replan_while_ahead_keeps_the_finish_date(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13.5: replanning while ahead pushed the finish later."""
    _tick(history, "week-1/c", "week-2/d")  # 2 h a study day ahead of the line
    code, out, _ = run(capsys, "status", "--format", "json")
    before = json.loads(out)
    assert before["buffer_days"] > 0
    code, out, err = run(capsys, "replan")
    assert code == 0, err
    assert out == (
        "replanned tiny: the unfinished rest starts on Nov 18, 2026; "
        "planned finish Nov 21, 2026 (kept)\n"
    )
    code, out, _ = run(capsys, "status", "--format", "json")
    assert json.loads(out)["planned_finish"] == before["planned_finish"] == "2026-11-21"


def test_replan_is_one_undo_step(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = ProgressFile(history).load().progress.roadmap("tiny").enrolment
    assert run(capsys, "replan", "--from", "2026-11-23")[0] == 0
    assert run(capsys, "undo")[0] == 0
    after = ProgressFile(history).load().progress.roadmap("tiny").enrolment
    assert after is not None and before is not None and after.replans == before.replans
    code, out, _ = run(capsys, "status", "--format", "json")
    assert json.loads(out)["planned_finish"] == "2026-11-21"


def test_after_a_replan_a_re_tick_moves_no_finished_work(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13.6: un-ticking and re-ticking an old item after a replan flipped 'on pace'
    to days ahead, the re-tick's new time pulling finished work into the replanned rest."""
    assert run(capsys, "replan")[0] == 0
    code, out, _ = run(capsys, "status", "--format", "json")
    replanned = json.loads(out)
    for command in ("undone", "done"):
        assert run(capsys, command, "week-1/a")[0] == 0
    code, out, _ = run(capsys, "status", "--format", "json")
    again = json.loads(out)
    for key in ("buffer_days", "agenda", "due", "overdue", "planned_finish", "current"):
        assert again[key] == replanned[key], key
    assert run(capsys, "undo")[0] == 0  # the re-tick undone: a is todo again
    assert run(capsys, "undo")[0] == 0  # the un-tick undone: a is done, as it was
    code, out, _ = run(capsys, "status", "--format", "json")
    undone = json.loads(out)
    for key in ("buffer_days", "agenda", "planned_finish"):
        assert undone[key] == replanned[key], key


def test_behind_the_skip_option_is_not_offered_when_it_saves_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # ml-engineer-16-weeks' optional items state no hours: they take no share of a
    # week, so skipping them saves no planned time and is not offered
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-25")
    assert run(capsys, "start", "ml-engineer-16-weeks", "--on", "2026-11-02")[0] == 0
    code, out, _ = run(capsys, "status")
    assert "behind the plan: three ways to decide" in out
    lines = out.splitlines()
    line = lines[lines.index("behind the plan: three ways to decide") + 2]
    assert line.startswith("  2. ") and "skip --optional" not in line
    code, _, err = run(capsys, "skip", "--optional")
    assert code == 2 and "no optional item" in err
    code, out, _ = run(capsys, "status", "--format", "json")
    assert json.loads(out)["states"]["skipped"] == 0
    code, _, err = run(capsys, "skip")
    assert code == 2 and "--optional" in err
