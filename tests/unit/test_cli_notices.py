"""Damage a status-bar run found is told by the next interactive command, once (issue 12.8).

``today --short`` runs in a prompt or status bar with stderr going nowhere; JSON and
iCalendar output is read by programs. Neither may mark a notice seen.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from syllabus import catalog, cli
from syllabus.cli.table import BY_NAME
from syllabus.model import progress as pm
from syllabus.model.roadmap import HoursRange, Item, Node, Pace, Roadmap, Timing
from syllabus.storage.progress_file import ProgressFile

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)
DAMAGED = b"schema = 1\n[roadmaps.tiny\n"


def _roadmap() -> Roadmap:
    return Roadmap(
        id="tiny",
        title="Tiny",
        pace=Pace(hours_per_week=HoursRange(low=6, high=6), days_per_week=6),
        nodes=[
            Node(
                id="week-1",
                title="Week 1",
                timing=Timing(hours=HoursRange(low=6, high=6)),
                items=[Item(id="week-1/a", text="A"), Item(id="week-1/b", text="B")],
            )
        ],
    )


@pytest.fixture
def enrolled(data_dir: Path) -> Path:
    """Enrolled in ``tiny``, then item a done: today's backup holds the enrolment alone."""
    catalog.save_user_roadmap(_roadmap(), data_dir)
    enrolment = pm.Enrolment(start=date(2026, 11, 16), hours_per_week=6, updated=T0)
    ProgressFile(data_dir).update(lambda p: pm.enrol(p, "tiny", enrolment))
    ProgressFile(data_dir).update(
        lambda p: pm.set_item_state(p, "tiny", "week-1/a", pm.ItemState.DONE, T0)
    )
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _restore_command(err: str) -> list[str]:
    found = re.search(r"`syllabus (backups --restore \S+)`", err)
    assert found, err
    return found.group(1).split()


def test_damage_found_by_today_short_is_told_by_the_next_status_and_not_after(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (enrolled / "progress.toml").write_bytes(DAMAGED)
    code, out, err = run(capsys, "today", "--short")  # 2>/dev/null in a status bar
    assert code == 1 and out == ""
    (aside,) = enrolled.glob("progress.corrupt-*.toml")

    code, _, err = run(capsys, "status")
    assert code == 2  # nothing enrolled any more: the usage error follows the notice
    notice, error = err.splitlines()
    assert str(enrolled / "progress.toml") in notice and "damaged" in notice
    assert str(aside) in notice
    assert "no active roadmap" in error

    code, _, err = run(capsys, "status")
    assert "damaged" not in err and err.count("\n") == 1

    # The command the notice gave brings the progress back.
    code, out, err = run(capsys, *_restore_command(notice))
    assert code == 0, err
    code, out, err = run(capsys, "status", "--format", "json")
    assert code == 0 and json.loads(out)["enrolled"]  # as it was before the last save


def test_json_and_ics_output_do_not_consume_a_notice(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (enrolled / "progress.toml").write_bytes(DAMAGED)
    assert run(capsys, "today", "--short")[0] == 1
    for args in (
        ("status", "--format", "json"),
        ("log", "--format", "json"),
        ("list", "--format", "json"),
        ("ics", "tiny"),
        ("export", "tiny", "--format", "json"),
        ("today", "--short"),
    ):
        _, _, err = run(capsys, *args)
        assert "damaged" not in err, args
    assert len(ProgressFile(enrolled).pending_notices()) == 1
    code, out, err = run(capsys, "log")
    assert code == 0 and "damaged" in err and "syllabus backups --restore" in err
    assert ProgressFile(enrolled).pending_notices() == []


def test_an_interactive_command_that_finds_the_damage_says_it_once(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (enrolled / "progress.toml").write_bytes(DAMAGED)
    code, _, err = run(capsys, "status")
    assert code == 1 and err.count("\n") == 1 and "moved aside" in err
    assert "syllabus backups --restore" in err  # the way back, at once
    assert ProgressFile(enrolled).pending_notices() == []  # seen: not told again
    assert run(capsys, "status")[2].count("damaged") == 0


def test_damage_a_save_set_aside_is_told_when_the_command_ends(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pf = ProgressFile(enrolled)
    pf.load()
    (enrolled / "progress.toml").write_bytes(DAMAGED)
    pf.update(lambda p: p)  # another process's save: the damage goes aside silently
    code, _, err = run(capsys, "backups")
    assert code == 0 and "damaged" in err and "progress.corrupt-" in err


@pytest.mark.parametrize("content", [b"{broken", b'{"notices": [{"kind": 7}]}', b"\x00" * 64])
def test_a_damaged_marker_is_ignored_and_replaced(
    enrolled: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    marker = enrolled / "local" / "notices.json"
    marker.write_bytes(content)
    code, out, err = run(capsys, "status")
    assert code == 0 and "Tiny (tiny)" in out and err == ""
    (enrolled / "progress.toml").write_bytes(DAMAGED)
    assert run(capsys, "today", "--short")[0] == 1
    assert json.loads(marker.read_text("utf-8"))["notices"][0]["kind"] == "damaged"
    code, _, err = run(capsys, "log")
    assert "damaged" in err and "syllabus backups --restore" in err


def test_interactive_is_decided_by_the_command_table() -> None:
    parser = cli.build_parser()

    def interactive(*argv: str) -> bool:
        args = parser.parse_args(list(argv))
        return BY_NAME[args.command].interactive(args)

    assert interactive("today") and not interactive("today", "--short")
    assert interactive("status") and not interactive("status", "--format", "json")
    assert interactive("log") and not interactive("log", "--format", "json")
    assert interactive("list") and not interactive("list", "--format", "json")
    assert interactive("show", "x") and not interactive("show", "x", "--format", "json")
    assert not interactive("ics", "x") and not interactive("export", "x", "--format", "toml")
    for argv in (["start", "x"], ["done", "x"], ["checkin"], ["undo"], ["backups"], ["replan"]):
        assert interactive(*argv), argv
