"""Issue 15.4, the weekly review's figures on a scripted five-week history, by hand.

The roadmap: five nodes w1..w5 of 6 h, each of three 2 h items; 6 h a week on six study
days (Sundays off), 1 h a study day, from Monday 2 March 2026 (ISO week 10). Node wN
fills week N; its items are planned on the Tuesday, Thursday and Saturday (the days the
node's work reaches 2, 4 and 6 h). The planned finish is Saturday 4 April.

The history (every check-in names its node and an activity):

- week 1 (W10, 2-8 Mar), on pace: 1 h Mon-Sat (theory Mon/Wed/Fri, practice
  Tue/Thu/Sat); w1's items closed on their days; a note on Tuesday.
- week 2 (W11), a slack week: 2 h theory on Tue 10 and Thu 12; only w2/i1 closed (Thu).
- week 3 (W12), catching up: 2 h Mon-Sat (practice on w2 Mon/Tue, project on w3
  Wed/Thu, theory on w3 Fri/Sat); w2/i2 Mon, w2/i3 Tue, w3/i1 Wed, w3/i2 Thu, w3/i3 Sat.
- week 4 (W13), ahead: 1 h theory Mon-Fri on w4, 1 h Sat on w5; w4's items Mon-Wed,
  w5/i1 Sat 28.
- week 5 (W14), running (today Wednesday 1 April): 1 h practice Mon 30 on w5 (w5/i2
  closed), 1.5 h practice Tue 31 with a note; answers to two prompts.

The target mix is theory 50 %, practice 50 %. The forecast's arithmetic (the module
``schedule.forecast``: weeks weigh 0.85 of the one after them, the plan's pace fills up
to six weeks, a morning with nothing on it does not count) is written out per test.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from syllabus.model import progress as pm
from syllabus.model.roadmap import HoursRange, Item, Node, Roadmap, Timing
from syllabus.model.schedule.week import as_of, parse_week, week_key, week_review

T0 = datetime(2026, 1, 1, tzinfo=UTC)
START = date(2026, 3, 2)
TODAY = date(2026, 4, 1)
TARGET = {"theory": 0.5, "practice": 0.5}


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def the_roadmap() -> Roadmap:
    nodes = [
        Node(
            id=f"w{n}",
            title=f"Week {n}",
            timing=Timing(hours=HoursRange(low=6, high=6)),
            items=[Item(id=f"w{n}/i{k}", text=f"Item {n}.{k}") for k in (1, 2, 3)],
        )
        for n in range(1, 6)
    ]
    return Roadmap(id="r", title="Five weeks", nodes=nodes)


def d(month: int, day: int) -> date:
    return date(2026, month, day)


# (day, hours, node, activity, note)
CHECKINS = [
    (d(3, 2), 1.0, "w1", "theory", ""),
    (d(3, 3), 1.0, "w1", "practice", "setup went fine"),
    (d(3, 4), 1.0, "w1", "theory", ""),
    (d(3, 5), 1.0, "w1", "practice", ""),
    (d(3, 6), 1.0, "w1", "theory", ""),
    (d(3, 7), 1.0, "w1", "practice", ""),
    (d(3, 10), 2.0, "w2", "theory", ""),
    (d(3, 12), 2.0, "w2", "theory", "tired, a short week"),
    (d(3, 16), 2.0, "w2", "practice", ""),
    (d(3, 17), 2.0, "w2", "practice", ""),
    (d(3, 18), 2.0, "w3", "project", ""),
    (d(3, 19), 2.0, "w3", "project", ""),
    (d(3, 20), 2.0, "w3", "theory", ""),
    (d(3, 21), 2.0, "w3", "theory", ""),
    *[(d(3, day), 1.0, "w4", "theory", "") for day in (23, 24, 25, 26, 27)],
    (d(3, 28), 1.0, "w5", "theory", ""),
    (d(3, 30), 1.0, "w5", "practice", ""),
    (d(3, 31), 1.5, "w5", "practice", "nearly there"),
]

DONE = {
    "w1/i1": d(3, 3),
    "w1/i2": d(3, 5),
    "w1/i3": d(3, 7),
    "w2/i1": d(3, 12),
    "w2/i2": d(3, 16),
    "w2/i3": d(3, 17),
    "w3/i1": d(3, 18),
    "w3/i2": d(3, 19),
    "w3/i3": d(3, 21),
    "w4/i1": d(3, 23),
    "w4/i2": d(3, 24),
    "w4/i3": d(3, 25),
    "w5/i1": d(3, 28),
    "w5/i2": d(3, 30),
}


def history() -> pm.Progress:
    enrolment = pm.Enrolment(start=START, hours_per_week=6, days_per_week=6, updated=T0)
    items = {
        item_id: pm.ItemRecord(state=pm.ItemState.DONE, updated=noon(day))
        for item_id, day in DONE.items()
    }
    progress = pm.Progress(
        roadmaps={"r": pm.RoadmapProgress(enrolment=enrolment, items=items)},
    )
    for n, (day, hours, node, activity, note) in enumerate(CHECKINS):
        checkin = pm.CheckIn(
            id=f"c{n:02d}",
            date=day,
            hours=hours,
            note=note,
            roadmap="r",
            node=node,
            activity=activity,
            created=noon(day),
            updated=noon(day),
        )
        progress = pm.put_checkin(progress, checkin)
    progress = pm.set_week_answer(progress, "r", "2026-W14", "worked", "morning sessions", T0)
    return pm.set_week_answer(progress, "r", "2026-W14", "next", "the final project", T0)


def review(week: str):  # type: ignore[no-untyped-def]
    return week_review(the_roadmap(), history(), "r", parse_week(week), TODAY, TARGET)


def rows(found) -> list[tuple[str, int, int, float, float]]:  # type: ignore[no-untyped-def]
    return [
        (n.node_id, n.planned_items, n.done_items, round(n.planned_hours, 6), n.hours)
        for n in found.nodes
    ]


def mix(found) -> list[tuple[str, float, float, float | None, bool]]:  # type: ignore[no-untyped-def]
    return [(m.activity, m.hours, round(m.share, 4), m.target, m.drift) for m in found.mix]


def test_iso_weeks() -> None:
    assert week_key(d(3, 2)) == "2026-W10" and week_key(d(4, 5)) == "2026-W14"
    assert parse_week("2026-W10") == d(3, 2) and parse_week("2026w14") == d(3, 30)
    assert week_key(date(2027, 1, 1)) == "2026-W53"


def test_week_1_on_pace() -> None:
    found = review("2026-W10")
    assert found.week == "2026-W10" and found.through == d(3, 8)
    assert rows(found) == [("w1", 3, 3, 6.0, 6.0)]
    # Monday morning: nothing done, nothing planned before it; Monday 9: 6 h closed,
    # 6 h planned before it
    assert (found.buffer_start, found.buffer_end) == (0.0, 0.0)
    # the plan's pace (fewer than two weeks of history): 30 study days of 1 h from
    # Monday 2 March end on Saturday 4 April; on Monday 9, 24 days from then, the same
    assert found.forecast_start is not None and found.forecast_end is not None
    assert found.forecast_start.p50 == d(4, 4) and found.forecast_end.p50 == d(4, 4)
    assert found.forecast_start.basis == "plan" == found.forecast_end.basis
    assert found.streak == 6  # Mon-Sat; Sunday is no study day
    assert mix(found) == [("practice", 3.0, 0.5, 0.5, False), ("theory", 3.0, 0.5, 0.5, False)]
    assert [(n.day, n.text) for n in found.notes] == [(d(3, 3), "setup went fine")]
    assert found.answers == {}


def test_week_2_slack() -> None:
    found = review("2026-W11")
    assert rows(found) == [("w2", 3, 1, 6.0, 4.0)]
    # Monday 16: planned before it w1 + w2 = 12 h, closed 8 h: 4 h behind = -4 study days
    assert (found.buffer_start, found.buffer_end) == (0.0, -4.0)
    # Monday 16, from history (13 study days since the start): weeks 2 and 1 logged
    # 4 h and 6 h over 6 planned, weighing 1 and 0.85: mean (4/6 + 0.85) / 1.85; the
    # items closed (2 h and 6 h of 6) say less. The plan fills 6 - 1.85 = 4.15 weeks:
    # pace (4/6 + 0.85 + 4.15) / 6 = 0.9444 h a study day. The rest: 18 study days to
    # come plus 4 h behind = 22 h; Monday takes 0.9444 of it, 21.0556 / 0.9444 = 22.3
    # -> 23 study days from Tuesday 17: Saturday 11 April.
    assert found.forecast_end is not None and found.forecast_end.basis == "history"
    assert found.forecast_end.p50 == d(4, 11)
    # Sat 7 -> Tue 10 skips Monday 9, Thu 12 -> Monday 16 skips Fri and Sat
    assert found.streak == 0
    assert mix(found) == [("theory", 4.0, 1.0, 0.5, True), ("practice", 0.0, 0.0, 0.5, True)]
    assert [n.text for n in found.notes] == ["tired, a short week"]


def test_week_3_catching_up() -> None:
    found = review("2026-W12")
    assert rows(found) == [("w2", 0, 2, 0.0, 4.0), ("w3", 3, 3, 6.0, 8.0)]
    assert (found.buffer_start, found.buffer_end) == (-4.0, 0.0)
    # Monday 23: weeks 3, 2, 1 logged 12, 4, 6 h (rates 2, 2/3, 1; weights 1, 0.85,
    # 0.7225): 3.289167 over 2.5725; the plan fills 3.4275 weeks: pace
    # (3.289167 + 3.4275) / 6 = 1.119444. The rest: 12 h; Monday takes 1.119444,
    # 10.880556 / 1.119444 = 9.72 -> 10 study days from Tuesday 24: Friday 3 April.
    assert found.forecast_start is not None and found.forecast_end is not None
    assert (found.forecast_start.p50, found.forecast_end.p50) == (d(4, 11), d(4, 3))
    assert found.streak == 6
    third = round(1 / 3, 4)
    assert mix(found) == [
        ("practice", 4.0, third, 0.5, False),
        ("project", 4.0, third, None, False),
        ("theory", 4.0, third, 0.5, False),
    ]
    assert found.notes == []


def test_week_4_ahead() -> None:
    found = review("2026-W13")
    assert rows(found) == [("w4", 3, 3, 6.0, 5.0), ("w5", 0, 1, 0.0, 1.0)]
    # Monday 30: 26 h closed against 24 planned: 2 study days ahead
    assert (found.buffer_start, found.buffer_end) == (0.0, 2.0)
    # weeks 4..1 logged 6, 12, 4, 6 h (weights 1, 0.85, 0.7225, 0.614125): 3.795792 over
    # 3.186625, the plan 2.813375 weeks: pace 6.609167 / 6 = 1.101528. The rest: 6 h
    # less 2 ahead = 4 h; Monday takes 1.101528, 2.898472 / 1.101528 = 2.63 -> 3 study
    # days from Tuesday 31: Thursday 2 April.
    assert found.forecast_end is not None and found.forecast_end.p50 == d(4, 2)
    assert found.streak == 12
    assert mix(found) == [("theory", 6.0, 1.0, 0.5, True), ("practice", 0.0, 0.0, 0.5, True)]


def test_week_5_running() -> None:
    found = review("2026-W14")
    assert found.through == TODAY
    assert rows(found) == [("w5", 3, 1, 6.0, 2.5)]
    # now: w5/i1 (Tue 31) planned before today, 28 h closed against 26: still +2 d
    assert (found.buffer_start, found.buffer_end) == (2.0, 2.0)
    # Wednesday, nothing on it yet: this week counts Mon-Tue (2 of 6 days, 2.5 h, rate
    # 1.25), weights 1/3, 0.85, 0.7225, 0.614125, 0.522006: 3.643090 over 3.041964;
    # the plan 2.958036 weeks: pace 6.601126 / 6 = 1.100188. The rest: 4 h less 2 ahead
    # = 2 h; Wednesday takes 1.100188, 0.899812 / 1.100188 = 0.82 -> Thursday 2 April.
    assert found.forecast_start is not None and found.forecast_end is not None
    assert (found.forecast_start.p50, found.forecast_end.p50) == (d(4, 2), d(4, 2))
    assert found.streak == 14
    assert mix(found) == [("practice", 2.5, 1.0, 0.5, True), ("theory", 0.0, 0.0, 0.5, True)]
    assert [(n.day, n.hours, n.text) for n in found.notes] == [(d(3, 31), 1.5, "nearly there")]
    assert found.answers == {"worked": "morning sessions", "next": "the final project"}


def test_the_record_as_it_stood() -> None:
    then = as_of(history(), "r", d(3, 16))
    rp = then.roadmap("r")
    assert sorted(rp.items) == ["w1/i1", "w1/i2", "w1/i3", "w2/i1"]
    assert max(c.date for c in then.checkins.values()) == d(3, 12)


def test_a_week_before_the_start_is_empty_and_on_the_plan() -> None:
    found = review("2026-W09")
    assert found.nodes == [] and found.mix == [] and found.streak == 0
    assert found.buffer_start == 0.0 == found.buffer_end


def test_json_and_text_of_the_cli_hold_the_same_figures() -> None:
    from syllabus.cli.week import review_json, review_lines

    found = review("2026-W11")
    data = json.loads(json.dumps(review_json(found)))
    assert data["week"] == "2026-W11"
    assert data["nodes"] == [
        {"id": "w2", "planned_items": 3, "done_items": 1, "planned_hours": 6.0, "hours": 4.0}
    ]
    assert data["buffer"] == {"start": 0.0, "end": -4.0}
    assert data["forecast"]["p50_start"] == "2026-04-04"
    assert data["forecast"]["p50_end"] == "2026-04-11"
    assert data["streak"] == 0
    assert data["mix"][0] == {
        "activity": "theory",
        "hours": 4.0,
        "share": 1.0,
        "target": 0.5,
        "drift": True,
    }
    assert data["notes"] == [
        {"date": "2026-03-12", "hours": 2.0, "activity": "theory", "text": "tired, a short week"}
    ]
    assert data["answers"] == {"worked": None, "blocked": None, "next": None}
    text = "\n".join(review_lines(the_roadmap(), found))
    assert "Week 2026-W11 (Mon, Mar 9, 2026 – Sun, Mar 15, 2026) · Five weeks" in text
    assert "items done 1 of 3 planned · hours 4 of 6" in text
    assert "Week 2 (w2): items 1/3 · hours 4/6" in text
    assert "buffer ±0 d at the start → −4 d at the end" in text
    assert "forecast P50 Apr 4, 2026 → Apr 11, 2026 (7 days later)" in text
    assert "streak 0" in text
    assert "activity mix: theory 100 % (target 50 %) · practice 0 % (target 50 %)" in text
    assert "drifting: theory 100 % vs target 50 %" in text
    assert "Thu, Mar 12, 2026 · 2 h: tired, a short week" in text


def test_answers_merge_record_by_record() -> None:
    """Two machines answer the same week: different prompts both survive, the same
    prompt goes to the later answer, and a removed answer stays removed."""
    base = history()
    t1, t2 = datetime(2026, 4, 1, 18, tzinfo=UTC), datetime(2026, 4, 1, 19, tzinfo=UTC)
    laptop = pm.set_week_answer(base, "r", "2026-W14", "blocked", "the flu", t1)
    desktop = pm.set_week_answer(base, "r", "2026-W14", "next", "rest first", t2)
    merged = pm.merge(laptop, desktop)
    assert merged == pm.merge(desktop, laptop)
    assert merged.roadmap("r").week_answers_of("2026-W14") == {
        "worked": "morning sessions",
        "blocked": "the flu",
        "next": "rest first",
    }
    removed = pm.set_week_answer(laptop, "r", "2026-W14", "blocked", "", t2)
    again = pm.merge(removed, laptop)
    assert "blocked" not in again.roadmap("r").week_answers_of("2026-W14")
    assert again.roadmap("r").week_answers["2026-W14/blocked"].deleted
    assert pm.changed_paths(laptop, removed) == [
        ("roadmaps", "r", "week_answers", "2026-W14/blocked")
    ]
