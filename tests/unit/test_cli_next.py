"""`syllabus next [--minutes N]` (issue 13): what fits in the time there is, from the agenda.

The history of ``test_cli_schedule`` on Wednesday 18 November 2026: the agenda is c
(overdue, 4 h) then d (today, 6 h); with c and d done, e (6 h) is next, "ahead".
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_cli_schedule import make_history, run

from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile


@pytest.fixture
def history(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_history(data_dir, monkeypatch)


def _next_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    code, out, err = run(capsys, "next", "--format", "json", *args)
    assert (code, err) == (0, "")
    return json.loads(out)


def test_next_without_minutes_is_the_first_agenda_entry(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _next_json(capsys) == [
        {
            "id": "week-1/c",
            "text": "C, with; specials",
            "hours": 4,
            "why": "overdue",
            "roadmap": "tiny",
            "node": "week-1",
        }
    ]
    code, out, _ = run(capsys, "next")
    assert out == "  1. overdue  C, with; specials  (week-1/c) · 4 h\n"


def test_next_entries_have_the_agenda_keys(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "today", "--format", "json")
    agenda = json.loads(out)["agenda"]
    picked = _next_json(capsys, "--minutes", "600")
    assert picked == agenda[: len(picked)]  # in agenda order, the same objects
    assert [e["id"] for e in picked] == ["week-1/c", "week-2/d"]  # 4 h + 6 h fit in 10 h


def test_what_fits_in_the_minutes(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert [e["id"] for e in _next_json(capsys, "--minutes", "240")] == ["week-1/c"]
    assert [e["id"] for e in _next_json(capsys, "--minutes", "599")] == ["week-1/c"]


def test_when_nothing_fits_it_says_so_and_offers_a_start(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "next", "--minutes", "45")
    assert code == 0
    assert out.splitlines() == [
        "nothing fits in 45 minutes whole; make a start on:",
        "  1. overdue  C, with; specials  (week-1/c) · 4 h",
    ]


def test_ahead_next_is_the_next_item_of_the_plan(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pf = ProgressFile(history)
    progress = pf.load().progress
    when = datetime(2026, 11, 17, 12, tzinfo=UTC)
    for item_id in ("week-1/c", "week-2/d"):
        progress = pm.set_item_state(progress, "tiny", item_id, pm.ItemState.DONE, when)
    pf.save(progress)
    (entry,) = _next_json(capsys)
    assert (entry["id"], entry["why"]) == ("week-2/e", "ahead")
    for item_id in ("week-2/e",):
        progress = pm.set_item_state(progress, "tiny", item_id, pm.ItemState.DONE, when)
    pf.save(progress)
    assert _next_json(capsys) == []
    code, out, _ = run(capsys, "next")
    assert out == "nothing left to do\n"


@pytest.mark.parametrize("minutes", ["0", "-5", "lots", "1441"])
def test_bad_minutes_are_a_one_line_usage_error(
    history: Path, capsys: pytest.CaptureFixture[str], minutes: str
) -> None:
    code, out, err = run(capsys, "next", "--minutes", minutes)
    assert code == 2 and out == "" and err.count("\n") == 1


def test_next_picks_its_roadmap_by_the_one_rule(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "next", "--roadmap", "no-such-roadmap")
    assert code == 2 and "unknown roadmap" in err
    assert _next_json(capsys, "--roadmap", "ti")[0]["roadmap"] == "tiny"
