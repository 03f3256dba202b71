"""``syllabus ics``: the plan as iCalendar, parsed back with the icalendar library."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest

from syllabus import catalog, cli
from syllabus.cli.ics import _fold, ics_text
from syllabus.model import progress as pm
from syllabus.model.roadmap import HoursRange, Item, Node, Pace, Roadmap, Role, Timing
from syllabus.model.schedule import build_plan
from syllabus.storage.progress_file import ProgressFile

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def events(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def test_bundled_sixteen_weeks_not_enrolled(capsys: pytest.CaptureFixture[str]) -> None:
    # planned from today, Monday 23 November 2026, at 13 h/week over Monday-Saturday
    assert cli.main(["ics", "ml-engineer"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    found = events(text)
    weeks = [e for e in found if str(e["SUMMARY"]).startswith("Week ")]
    capstones = [e for e in found if "Capstone" in str(e["SUMMARY"])]
    assert len(weeks) == 16 and len(capstones) == 4 and len(found) == 20
    first = weeks[0]
    assert str(first["SUMMARY"]).startswith("Week 1: Introduction to Python Programming")
    assert first["DTSTART"].dt == date(2026, 11, 23)
    assert first["DTEND"].dt == date(2026, 11, 29)  # exclusive: the last day is Saturday
    week5 = weeks[4]
    assert week5["DTSTART"].dt == date(2026, 12, 21)
    last = weeks[15]
    assert (last["DTSTART"].dt, last["DTEND"].dt) == (date(2027, 3, 8), date(2027, 3, 14))
    final = capstones[-1]
    assert str(final["SUMMARY"]) == "Final Capstone: Portfolio & Job Readiness"
    assert (final["DTSTART"].dt, final["DTEND"].dt) == (date(2027, 3, 13), date(2027, 3, 14))
    description = str(first["DESCRIPTION"])
    assert "Planned: 13 h" in description
    assert "[ ] [2 hrs] Install Python via Anaconda or use Google Colab" in description
    assert len({str(e["UID"]) for e in found}) == 20


def test_enrolled_plan_marks_done_items(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roadmap = Roadmap(
        id="tiny",
        title="Tiny, a; test",
        pace=Pace(hours_per_week=HoursRange(low=12, high=12)),
        nodes=[
            Node(
                id="phase",
                title="Phase",
                role=Role.PHASE,
                children=[
                    Node(
                        id="phase/week-1",
                        title="Week 1",
                        timing=Timing(hours=HoursRange(low=12, high=12)),
                        items=[
                            Item(id="phase/week-1/a", text="A, with; specials\\ and a long " * 4),
                            Item(id="phase/week-1/b", text="B 📅 ✅"),
                        ],
                    )
                ],
            ),
            Node(
                id="side", title="Side", role=Role.SIDE_TRACK, items=[Item(id="side/x", text="x")]
            ),
            Node(id="refs", title="Refs", role=Role.APPENDIX, items=[Item(id="refs/y", text="y")]),
        ],
    )
    catalog.save_user_roadmap(roadmap, data_dir)
    enrolment = pm.Enrolment(
        start=date(2027, 12, 27), hours_per_week=6, rest_days=["sat", "sun"], updated=T0
    )
    progress = pm.enrol(pm.Progress(), "tiny", enrolment)
    progress = pm.set_item_state(progress, "tiny", "phase/week-1/b", pm.ItemState.DONE, T0)
    ProgressFile(data_dir).save(progress)
    assert cli.main(["ics", "tiny"]) == 0
    found = events(capsys.readouterr().out)
    assert len(found) == 1  # the week; the phase, the side track and the appendix are not events
    week = found[0]
    assert str(week["SUMMARY"]) == "Week 1 · Phase"
    # 12 h at 6 h/week over five weekdays: 1.2 h a day, 10 days over the year end
    assert week["DTSTART"].dt == date(2027, 12, 27)
    assert week["DTEND"].dt == date(2028, 1, 8)  # last day Friday 7 January 2028
    description = str(week["DESCRIPTION"])
    assert "[ ] " + "A, with; specials\\ and a long " * 4 in description
    assert "[x] B 📅 ✅" in description


def test_fold_never_splits_a_character() -> None:
    line = "DESCRIPTION:" + "é📅" * 40
    folded = _fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(p.encode()) <= 75 for p in parts[:1])
    assert all(len(p.encode()) <= 74 for p in parts[1:])


def test_ics_text_is_pure() -> None:
    roadmap = Roadmap(
        id="r", title="R", nodes=[Node(id="n", title="N", items=[Item(id="n/a", text="a")])]
    )
    enrolment = pm.Enrolment(start=date(2026, 1, 5), hours_per_week=6, updated=T0)
    plan = build_plan(roadmap, enrolment)
    text = ics_text(roadmap, plan, datetime(2026, 1, 1, 8, 30, tzinfo=UTC))
    assert "DTSTAMP:20260101T083000Z\r\n" in text
    (event,) = events(text)
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (date(2026, 1, 5), date(2026, 1, 8))
