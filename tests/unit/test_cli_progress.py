"""The progress subcommands, run in-process through ``cli.main`` on a small roadmap."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import replace
from datetime import UTC
from pathlib import Path

import pytest
import tomli_w

from syllabus import cli
from syllabus.model import validate
from syllabus.model.plain import dump
from syllabus.model.progress import ItemState
from syllabus.model.roadmap import HoursRange, Item, ItemKind, Node, Pace, Roadmap, Role
from syllabus.storage.progress_file import ProgressFile


def small_roadmap() -> Roadmap:
    weeks = [
        Node(
            id=f"phase-1/week-0{n}",
            title=f"Week {n}",
            items=[
                Item(id=f"phase-1/week-0{n}/read-[{n}]-chapter", text=f"[3 hrs] Read chapter {n}"),
                Item(id=f"phase-1/week-0{n}/build-a-thing", text="Build a thing"),
                Item(
                    id=f"phase-1/week-0{n}/goal",
                    text="Understand",
                    kind=ItemKind.GOAL,
                    checkable=False,
                ),
            ],
        )
        for n in (1, 2)
    ]
    return Roadmap(
        id="tiny-plan",
        title="Tiny plan",
        pace=Pace(hours_per_week=HoursRange(low=10, high=14), days_per_week=5),
        nodes=[Node(id="phase-1", title="Phase 1", role=Role.PHASE, children=weeks)],
    )


def _install_catalog_stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until ``syllabus.catalog`` exists: the contract's three functions over user files."""
    try:
        import syllabus.catalog  # noqa: F401

        return
    except ImportError:
        pass
    import tomllib

    from syllabus.model.ids import resolve

    def ids(data_dir: Path) -> list[str]:
        return sorted(p.stem for p in (data_dir / "roadmaps").glob("*.toml"))

    def resolve_roadmap_id(wanted: str, data_dir: Path) -> str:
        return resolve(wanted, ids(data_dir), "roadmap")

    def load_roadmap(roadmap_id: str, data_dir: Path) -> Roadmap:
        found = resolve_roadmap_id(roadmap_id, data_dir)
        text = (data_dir / "roadmaps" / f"{found}.toml").read_bytes()
        return validate.roadmap(tomllib.loads(text.decode()))

    stand_in = types.ModuleType("syllabus.catalog")
    stand_in.resolve_roadmap_id = resolve_roadmap_id  # type: ignore[attr-defined]
    stand_in.load_roadmap = load_roadmap  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "syllabus.catalog", stand_in)
    import syllabus

    monkeypatch.setattr(syllabus, "catalog", stand_in, raising=False)


@pytest.fixture
def roadmap(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Roadmap:
    _install_catalog_stand_in(monkeypatch)
    plan = small_roadmap()
    folder = data_dir / "roadmaps"
    folder.mkdir(parents=True)
    data = dump(plan, exclude_none=True, exclude_defaults=True)
    (folder / f"{plan.id}.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    return plan


def run(*argv: str) -> int:
    return cli.main(list(argv))


def test_start_defaults_to_the_roadmaps_pace_and_today(roadmap: Roadmap, data_dir: Path, capsys):
    assert run("start", "tiny") == 0
    out = capsys.readouterr().out
    assert "enrolled in tiny-plan: from 2026-11-23, 12 h/week, 5 days/week, rest sat,sun" in out
    progress = ProgressFile(data_dir).load().progress
    enrolment = progress.roadmap("tiny-plan").enrolment
    assert enrolment is not None and enrolment.hours_per_week == 12
    assert progress.settings.active_roadmap == "tiny-plan"
    text = (data_dir / "progress.toml").read_text()
    assert "start = 2026-11-23\n" in text  # a TOML date, not a string


def test_start_with_options(roadmap: Roadmap, data_dir: Path):
    argv = ["start", "tiny-plan", "--on", "2026-12-01", "--hours-per-week", "7,5"]
    assert run(*argv, "--rest-days", "Sat,sun", "--estimate", "high") == 0
    enrolment = ProgressFile(data_dir).load().progress.roadmap("tiny-plan").enrolment
    assert enrolment is not None
    assert (enrolment.start.isoformat(), enrolment.hours_per_week) == ("2026-12-01", 7.5)
    assert (enrolment.rest_days, enrolment.days_per_week, enrolment.estimate) == (
        ["sat", "sun"],
        5,
        "high",
    )


def test_unknown_roadmap_exits_2_naming_the_closest(roadmap: Roadmap, capsys):
    assert run("start", "tinyplan") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "tiny-plan" in err


def test_states_by_unique_prefix(roadmap: Roadmap, data_dir: Path, capsys):
    run("start", "tiny-plan")
    assert run("done", "phase-1/week-01/read", "phase-1/week-02/b") == 0
    assert run("skip", "phase-1/week-01/build") == 0
    assert run("doing", "phase-1/week-02/read") == 0
    assert run("undone", "phase-1/week-02/b") == 0
    rp = ProgressFile(data_dir).load().progress.roadmap("tiny-plan")
    assert rp.state("phase-1/week-01/read-[1]-chapter") == ItemState.DONE
    assert rp.state("phase-1/week-01/build-a-thing") == ItemState.SKIPPED
    assert rp.state("phase-1/week-02/read-[2]-chapter") == ItemState.DOING
    assert rp.items["phase-1/week-02/build-a-thing"].state == ItemState.TODO  # kept, timestamped
    capsys.readouterr()
    assert run("done", "phase-1/week") == 2  # ambiguous
    assert "ambiguous" in capsys.readouterr().err
    assert run("done", "phase-1/week-01/goal") == 2  # not checkable
    assert run("done", "nothing-like-it") == 2


def test_no_active_roadmap_is_a_usage_error(roadmap: Roadmap, capsys):
    assert run("done", "phase-1/week-01/read") == 2
    assert "syllabus start" in capsys.readouterr().err


def test_checkin_prints_id_and_log_lists_it(roadmap: Roadmap, data_dir: Path, capsys):
    run("start", "tiny-plan")
    capsys.readouterr()
    argv = ["checkin", "--hours", "1,5", "--note", "Attention [done] \x1b[31mred", "--item"]
    assert run(*argv, "phase-1/week-01/read", "--node", "phase-1/week-01") == 0
    checkin_id = capsys.readouterr().out.strip()
    assert len(checkin_id) == 10
    assert run("log", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "id": checkin_id,
            "date": "2026-11-23",
            "hours": 1.5,
            "note": "Attention [done] [31mred",
            "roadmap": "tiny-plan",
            "node": "phase-1/week-01",
            "items": ["phase-1/week-01/read-[1]-chapter"],
            "activity": None,
        }
    ]
    rp = ProgressFile(data_dir).load().progress.roadmap("tiny-plan")
    assert rp.state("phase-1/week-01/read-[1]-chapter") == ItemState.DONE
    assert run("log") == 0
    assert "1 check-in, 1.5 hours" in capsys.readouterr().out


@pytest.mark.parametrize("hours", ["abc", "-3", "25", "nan"])
def test_checkin_rejects_bad_hours(roadmap: Roadmap, hours: str, capsys):
    run("start", "tiny-plan")
    capsys.readouterr()
    assert run("checkin", "--hours", hours) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "hours" in err


def test_checkin_replace_and_delete(roadmap: Roadmap, data_dir: Path, capsys):
    run("start", "tiny-plan", "--on", "2026-11-16")
    run("checkin", "--hours", "2", "--date", "2026-11-20")
    run("checkin", "--hours", "1")
    capsys.readouterr()
    first, second = (c.id for c in ProgressFile(data_dir).load().progress.live_checkins())
    assert run("checkin", "--replace", first[:6], "--hours", "3", "--note", "more") == 0
    assert capsys.readouterr().out.strip() == first
    changed = ProgressFile(data_dir).load().progress.checkins[first]
    assert (changed.hours, changed.note, changed.date.isoformat()) == (3.0, "more", "2026-11-20")
    assert run("checkin", "--delete", second) == 0
    progress = ProgressFile(data_dir).load().progress
    assert progress.checkins[second].deleted  # a tombstone, so a merge cannot revive it
    capsys.readouterr()
    assert run("log", "--format", "json", "--from", "2026-11-21") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert run("checkin", "--delete", "zzzz") == 2


def test_note_and_own_items(roadmap: Roadmap, data_dir: Path, capsys):
    run("start", "tiny-plan")
    assert run("note", "phase-1/week-02", "Tricky\tweek\x07") == 0
    assert run("add", "phase-1/week-01", "Watch the [bonus] video", "--url", "https://e.org/v") == 0
    own_id = capsys.readouterr().out.splitlines()[-1]
    assert own_id == "user/watch-the-bonus-video"
    assert run("done", "user/watch") == 0
    rp = ProgressFile(data_dir).load().progress.roadmap("tiny-plan")
    assert rp.note("phase-1/week-02") == "Tricky\tweek"
    assert rp.own_items[own_id].url == "https://e.org/v"
    assert rp.state(own_id) == ItemState.DONE
    assert run("note", "phase-1/week-02", "") == 0
    assert (
        ProgressFile(data_dir).load().progress.roadmap("tiny-plan").note("phase-1/week-02") is None
    )


def test_pause_and_use(roadmap: Roadmap, data_dir: Path, capsys):
    run("start", "tiny-plan")
    assert run("pause", "--from", "2026-12-24", "--until", "2027-01-01") == 0
    assert "9 days off" in capsys.readouterr().out
    assert run("pause", "--from", "2026-12-24", "--until", "2026-12-01") == 2
    enrolment = ProgressFile(data_dir).load().progress.roadmap("tiny-plan").enrolment
    assert enrolment is not None and len(enrolment.pauses) == 1
    assert run("use", "tiny") == 0
    assert "active roadmap: tiny-plan" in capsys.readouterr().out


def test_undo_redo_from_the_command_line(roadmap: Roadmap, data_dir: Path, capsys):
    run("start", "tiny-plan")
    run("done", "phase-1/week-01/read")
    assert run("undo") == 0
    rp = ProgressFile(data_dir).load().progress.roadmap("tiny-plan")
    assert rp.state("phase-1/week-01/read-[1]-chapter") == ItemState.TODO
    assert run("redo") == 0
    rp = ProgressFile(data_dir).load().progress.roadmap("tiny-plan")
    assert rp.state("phase-1/week-01/read-[1]-chapter") == ItemState.DONE
    capsys.readouterr()
    assert run("redo") == 0
    assert "nothing to redo" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content",
    [b"", b"not = [toml", b'schema = 1\n[settings]\nday_start_hour = "x"\n', b"\xff\xfe\x00"],
)
def test_damaged_file_exits_1_and_is_moved_aside(
    roadmap: Roadmap, data_dir: Path, content: bytes, capsys
):
    data_dir.mkdir(exist_ok=True)
    (data_dir / "progress.toml").write_bytes(content)
    assert run("done", "phase-1/week-01/read") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(data_dir / "progress.toml") in err
    (aside,) = data_dir.glob("progress.corrupt-*.toml")
    assert aside.read_bytes() == content
    assert not (data_dir / "progress.toml").exists()


def test_newer_schema_refuses_to_write(roadmap: Roadmap, data_dir: Path, capsys):
    data_dir.mkdir(exist_ok=True)
    original = b'schema = 99\n[settings]\nactive_roadmap = "tiny-plan"\n'
    (data_dir / "progress.toml").write_bytes(original)
    assert run("done", "phase-1/week-01/read") == 1
    assert "newer syllabus" in capsys.readouterr().err
    assert (data_dir / "progress.toml").read_bytes() == original
    assert run("log") == 0


def test_backups_list_and_restore(roadmap: Roadmap, data_dir: Path, capsys, monkeypatch):
    run("start", "tiny-plan")
    run("done", "phase-1/week-01/read")  # first write of the day: snapshot of the file before
    capsys.readouterr()
    assert run("backups") == 0
    listing = capsys.readouterr().out
    assert "progress-2026-11-23.toml" in listing
    assert run("backups", "--restore", "progress-2026") == 0
    rp = ProgressFile(data_dir).load().progress.roadmap("tiny-plan")
    assert rp.state("phase-1/week-01/read-[1]-chapter") == ItemState.TODO
    assert list((data_dir / "backups").glob("progress-before-restore-*.toml"))
    assert run("backups", "--restore", "nope") == 2


@pytest.mark.parametrize(
    ("typed", "hours"),
    [("1:30", 1.5), ("90m", 1.5), ("1h30", 1.5), ("1h 30m", 1.5), ("1,5", 1.5), ("2h", 2.0)],
)
def test_checkin_takes_hours_as_the_app_does(
    roadmap: Roadmap, data_dir: Path, typed: str, hours: float, capsys
):
    """Issue 11: the dialog took 1:30 and 90m while `checkin --hours 1:30` exited 2."""
    run("start", "tiny-plan")
    assert run("checkin", "--hours", typed) == 0, capsys.readouterr().err
    (checkin,) = ProgressFile(data_dir).load().progress.live_checkins()
    assert checkin.hours == hours


def test_a_weeks_pace_may_exceed_a_days_hours(roadmap: Roadmap, data_dir: Path, capsys):
    """Issue 12.10: `start --hours-per-week 30` was refused by the 0-24 check for a day."""
    assert run("start", "tiny-plan", "--hours-per-week", "30") == 0
    enrolment = ProgressFile(data_dir).load().progress.roadmap("tiny-plan").enrolment
    assert enrolment is not None and enrolment.hours_per_week == 30
    capsys.readouterr()
    assert run("start", "tiny-plan", "--hours-per-week", "169") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "168" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["start", "tiny-plan", "--on", "0001-01-01"],
        ["pause", "--from", "0001-01-01", "--until", "9999-12-31"],
        ["pause", "--until", "2201-01-01"],
        ["checkin", "--hours", "1", "--date", "1969-12-31"],
        ["replan", "--from", "9999-12-31"],
        ["start", "tiny-plan", "--rest-days", "mon,tue,wed,thu,fri,sat,sun"],
        ["start", "tiny-plan", "--rest-days", "caturday"],
    ],
)
def test_values_the_rules_refuse_are_one_line_usage_errors(
    roadmap: Roadmap, data_dir: Path, argv: list[str], capsys
):
    """Issue 12.7: dates like 0001-01-01 were accepted, then every schedule command died."""
    run("start", "tiny-plan")
    before = (data_dir / "progress.toml").read_bytes()
    capsys.readouterr()
    assert run(*argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("syllabus")
    assert (data_dir / "progress.toml").read_bytes() == before
    assert run("status") == 0


def test_rest_days_as_the_app_takes_them(roadmap: Roadmap, data_dir: Path):
    assert run("start", "tiny-plan", "--rest-days", "Sun Saturday") == 0
    enrolment = ProgressFile(data_dir).load().progress.roadmap("tiny-plan").enrolment
    assert enrolment is not None
    assert (enrolment.rest_days, enrolment.days_per_week) == (["sat", "sun"], 5)


def test_every_command_acts_on_the_only_enrolment_without_an_active_roadmap(
    roadmap: Roadmap, data_dir: Path, capsys
):
    """Issue 11: `status` worked without an active roadmap when one was enrolled; `done` failed."""
    run("start", "tiny-plan")
    pf = ProgressFile(data_dir)
    pf.update(lambda p: replace(p, settings=replace(p.settings, active_roadmap=None)))
    assert ProgressFile(data_dir).load().progress.settings.active_roadmap is None
    capsys.readouterr()
    assert run("status") == 0
    assert run("done", "phase-1/week-01/read") == 0
    assert run("note", "phase-1/week-01", "fine") == 0
    assert run("checkin", "--hours", "1") == 0
    assert run("pause", "--from", "2026-12-24") == 0
    assert run("today", "--short") == 0
    out = capsys.readouterr().out
    assert "done: phase-1/week-01/read-[1]-chapter" in out and "1 day off" in out
    rp = ProgressFile(data_dir).load().progress.roadmap("tiny-plan")
    assert rp.state("phase-1/week-01/read-[1]-chapter") == ItemState.DONE


def test_editing_a_checkin_keeps_its_id_and_creation(roadmap: Roadmap, data_dir: Path, capsys):
    run("start", "tiny-plan")
    run("checkin", "--hours", "1", "--note", "first", "--item", "phase-1/week-01/read")
    (first,) = ProgressFile(data_dir).load().progress.live_checkins()
    capsys.readouterr()
    assert run("checkin", "--replace", first.id, "--hours", "0:45") == 0
    assert capsys.readouterr().out.strip() == first.id
    (edited,) = ProgressFile(data_dir).load().progress.live_checkins()
    assert (edited.id, edited.created, edited.note, edited.items) == (
        first.id,
        first.created,
        "first",
        first.items,
    )
    assert edited.hours == 0.75 and edited.updated > first.updated


# --- issue 13.7: the one acceptance rule for a check-in ------------------------------


def test_a_checkin_dated_in_the_future_is_refused(roadmap: Roadmap, data_dir: Path, capsys):
    run("start", "tiny-plan", "--on", "2026-11-16")
    before = (data_dir / "progress.toml").read_bytes()
    capsys.readouterr()
    assert run("checkin", "--hours", "1", "--date", "2026-11-24") == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert "future" in err and "2026-11-24" in err
    assert (data_dir / "progress.toml").read_bytes() == before


def test_a_checkin_before_the_start_offers_the_command_that_moves_it(
    roadmap: Roadmap, data_dir: Path, capsys
):
    """Issue 13: a check-in dated 1999 was accepted and pushed the forecast to 2036."""
    run("start", "tiny-plan", "--on", "2026-11-16")
    capsys.readouterr()
    assert run("checkin", "--hours", "1", "--date", "1999-01-04") == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    command = "syllabus start tiny-plan --on 1999-01-04"
    assert f"`{command}`" in err
    assert not ProgressFile(data_dir).load().progress.live_checkins()
    # the offered command works, and then backfilling does
    assert run(*command.split()[1:]) == 0
    assert run("checkin", "--hours", "1", "--date", "1999-01-04") == 0
    (checkin,) = ProgressFile(data_dir).load().progress.live_checkins()
    assert checkin.date.isoformat() == "1999-01-04"


def test_zero_hours_only_with_a_note(roadmap: Roadmap, data_dir: Path, capsys):
    run("start", "tiny-plan")
    capsys.readouterr()
    assert run("checkin", "--hours", "0") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "note" in err
    assert run("checkin", "--hours", "0:00", "--note", "   ") == 2
    assert run("checkin", "--hours", "0m", "--note", "planned the week") == 0
    (checkin,) = ProgressFile(data_dir).load().progress.live_checkins()
    assert (checkin.hours, checkin.note) == (0.0, "planned the week")


def test_editing_keeps_an_old_date_the_rule_would_now_refuse(
    roadmap: Roadmap, data_dir: Path, capsys
):
    """A record made before the rule (or before the start was moved) stays editable."""
    run("start", "tiny-plan", "--on", "2026-11-02")
    run("checkin", "--hours", "1", "--date", "2026-11-03")
    run("start", "tiny-plan", "--on", "2026-11-16")
    capsys.readouterr()
    (old,) = ProgressFile(data_dir).load().progress.live_checkins()
    assert run("checkin", "--replace", old.id, "--note", "fixed the note") == 0
    assert run("checkin", "--replace", old.id, "--date", "2026-11-04") == 2
    assert "--on 2026-11-04" in capsys.readouterr().err


def test_the_dialog_and_the_command_line_share_the_rule():
    """The app's check-in dialog calls ``rules.checkin_problem`` too: the same lines."""
    from datetime import date, datetime

    from syllabus.model import progress as pm
    from syllabus.model.rules import checkin_problem

    when = datetime(2026, 11, 1, tzinfo=UTC)
    enrolment = pm.Enrolment(start=date(2026, 11, 16), hours_per_week=10, updated=when)
    today = date(2026, 11, 23)
    ok = checkin_problem("tiny-plan", enrolment, today, 1.5, "", today)
    assert ok is None
    assert checkin_problem("tiny-plan", enrolment, date(2026, 11, 16), 1, "", today) is None
    future = checkin_problem("tiny-plan", enrolment, date(2026, 11, 24), 1, "", today)
    assert future is not None and "future" in future
    early = checkin_problem("tiny-plan", enrolment, date(2026, 11, 15), 1, "", today)
    assert early is not None and "syllabus start tiny-plan --on 2026-11-15" in early
    assert checkin_problem("tiny-plan", None, date(1999, 1, 4), 1, "", today) is None
    assert checkin_problem("tiny-plan", enrolment, today, 0, "", today) is not None
    assert checkin_problem("tiny-plan", enrolment, today, 0, "read", today) is None
    kept = date(2026, 11, 2)
    assert checkin_problem("tiny-plan", enrolment, kept, 1, "", today, kept_date=kept) is None


# --- issue 13.8: a damaged file names the way back -----------------------------------


def test_a_damaged_file_names_the_newest_backup_what_it_holds_and_the_command(
    roadmap: Roadmap, data_dir: Path, capsys, monkeypatch
):
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-22")
    run("start", "tiny-plan", "--on", "2026-11-16")
    run("done", "phase-1/week-01/read")
    run("checkin", "--hours", "1")
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-11-23")
    run("done", "phase-1/week-01/build")  # the day's snapshot: 1 item done, 1 check-in
    (data_dir / "progress.toml").write_bytes(b"not = [toml")
    capsys.readouterr()
    assert run("status") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    name = "progress-2026-11-23.toml"
    assert f"newest backup, {name} (" in err and "1 item done, 1 check-in)" in err
    assert f"`syllabus backups --restore {name}`" in err
    assert run("backups", "--restore", name) == 0
    rp = ProgressFile(data_dir).load().progress.roadmap("tiny-plan")
    assert rp.state("phase-1/week-01/read-[1]-chapter") is ItemState.DONE


def test_a_damaged_file_without_a_backup_says_so_and_shows_the_command_form(
    roadmap: Roadmap, data_dir: Path, capsys
):
    data_dir.mkdir(exist_ok=True)
    (data_dir / "progress.toml").write_bytes(b"not = [toml")
    assert run("status") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no backup yet" in err and "`syllabus backups --restore NAME`" in err
