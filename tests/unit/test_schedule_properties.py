"""Properties of any plan: hypothesis builds roadmaps, enrolments and histories."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syllabus.model.progress import (
    CheckIn,
    Enrolment,
    ItemRecord,
    ItemState,
    Pause,
    Progress,
    Replan,
    RoadmapProgress,
)
from syllabus.model.roadmap import HoursRange, Item, Node, Pace, Roadmap, Span, Timing
from syllabus.model.schedule import build_plan, compute_status
from syllabus.model.units import WEEKDAYS

T0 = datetime(2026, 1, 1, tzinfo=UTC)
START = date(2026, 1, 1)

spans = st.builds(
    lambda low, extra, unit: Span(low=low, high=low + extra, unit=unit),
    st.integers(1, 6),
    st.integers(0, 3),
    st.sampled_from(["day", "week", "month"]),
)
hour_ranges = st.builds(
    lambda low, extra: HoursRange(low=low, high=low + extra),
    st.floats(0, 30, allow_nan=False),
    st.floats(0, 10, allow_nan=False),
)
timings = st.builds(
    Timing,
    position=st.none() | spans,
    duration=st.none() | spans,
    hours=st.none() | hour_ranges,
)
roles = st.sampled_from(["phase", "section", "side-track", "habit", "milestone", "appendix"])


@st.composite
def trees(draw: st.DrawFn, prefix: str = "n", depth: int = 0) -> list[Node]:
    count = draw(st.integers(0 if depth else 1, 4))
    nodes = []
    for n in range(count):
        node_id = f"{prefix}{n}"
        items = [
            Item(
                id=f"{node_id}/i{k}",
                text=f"item {k}",
                checkable=draw(st.booleans()) or k == 0,
                optional=draw(st.booleans()),
                hours=draw(st.none() | st.floats(0, 8, allow_nan=False)),
            )
            for k in range(draw(st.integers(0, 4)))
        ]
        children = draw(trees(prefix=f"{node_id}-", depth=depth + 1)) if depth < 2 else []
        nodes.append(
            Node(
                id=node_id,
                title=node_id,
                role=draw(roles),
                timing=draw(timings),
                items=items,
                children=children,
                prerequisites=[f"n{k}" for k in range(n)][: draw(st.integers(0, 2))],
            )
        )
    return nodes


weekday_hours = st.just({}) | st.fixed_dictionaries(
    {day: st.sampled_from([0.0, 0.5, 1.5, 2.5, 8.0]) for day in WEEKDAYS}
).filter(lambda hours: any(hours.values()))
"""Hours by weekday (they set the hours a week and the rest days), or none."""


@st.composite
def cases(draw: st.DrawFn) -> tuple[Roadmap, Progress, date]:
    roadmap = Roadmap(
        id="r",
        title="R",
        nodes=draw(trees()),
        schedule_by=draw(st.sampled_from(["auto", "hours", "duration", "position", "items"])),
        pace=Pace(hours_per_week=draw(st.none() | hour_ranges)),
    )
    pauses = []
    for _ in range(draw(st.integers(0, 3))):
        first = START + timedelta(days=draw(st.integers(-10, 200)))
        pauses.append(Pause(start=first, end=first + timedelta(days=draw(st.integers(0, 30)))))
    replans = [
        Replan(
            start=START + timedelta(days=draw(st.integers(0, 200))),
            made=T0 + timedelta(days=draw(st.integers(0, 200))),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    enrolment = Enrolment(
        start=START,
        hours_per_week=draw(st.floats(0, 60, allow_nan=False)),
        rest_days=draw(st.lists(st.sampled_from(WEEKDAYS), max_size=7, unique=True)),
        estimate=draw(st.sampled_from(["low", "mid", "high"])),
        pauses=pauses,
        replans=replans,
        weekday_hours=draw(weekday_hours),
        updated=T0,
    )
    ids = [item.id for _, item in roadmap.items()]
    states = (
        {
            item_id: ItemRecord(
                state=draw(st.sampled_from(list(ItemState))),
                updated=T0
                + timedelta(days=draw(st.integers(0, 300)), hours=draw(st.integers(0, 23))),
            )
            for item_id in draw(st.lists(st.sampled_from(ids), unique=True))
            if ids
        }
        if ids
        else {}
    )
    checkins = {
        f"c{n}": CheckIn(
            id=f"c{n}",
            date=START + timedelta(days=day),
            hours=draw(st.floats(0, 24, allow_nan=False)),
            roadmap="r",
            node=draw(st.none() | st.sampled_from(["n0", "gone", "n0-0"])),
            created=T0,
            updated=T0,
        )
        for n, day in enumerate(draw(st.lists(st.integers(-30, 400), max_size=40)))
    }
    progress = Progress(
        roadmaps={"r": RoadmapProgress(enrolment=enrolment, items=states)}, checkins=checkins
    )
    return roadmap, progress, START + timedelta(days=draw(st.integers(-20, 500)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_any_roadmap_plans_and_reports(case: tuple[Roadmap, Progress, date]) -> None:
    roadmap, progress, today = case
    rp = progress.roadmap("r")
    assert rp.enrolment is not None
    plan = build_plan(roadmap, rp.enrolment, rp)
    scheduled = {n.id for n in roadmap.walk()} - _appendix_subtrees(roadmap)
    assert set(plan.nodes) <= scheduled
    for node_plan in plan.nodes.values():
        assert node_plan.start <= node_plan.end
        assert node_plan.start >= START
        assert node_plan.end <= plan.end
        assert node_plan.hours >= 0
    for item_id in plan.tracked:
        assert START <= plan.item_due[item_id] <= plan.end
    if rp.enrolment.replans:
        # what was finished before the first replan keeps the dates it had without replans
        first_made = min(r.made for r in rp.enrolment.replans)
        plain = build_plan(roadmap, replace(rp.enrolment, **{"replans": []}), rp)
        index = roadmap.node_index()
        for node_id, node_plan in plan.nodes.items():
            node = index[node_id]
            wanted = [i.id for i in node.items if i.checkable and not i.optional]
            records = [rp.items.get(i) for i in wanted]
            if (
                wanted
                and not any(c.id in plan.nodes for c in node.children)
                and node_id not in plan.background
                and all(r is not None and r.state in ("done", "skipped") for r in records)
                and all(r is not None and r.updated <= first_made for r in records)
            ):
                assert (node_plan.start, node_plan.end) == (
                    plain.nodes[node_id].start,
                    plain.nodes[node_id].end,
                )
    status = compute_status(roadmap, progress, "r", today, plan)
    assert sum(status.counts.values()) == len(plan.checkable.ids)
    assert 0 <= status.percent <= 100
    assert 0 <= status.streak <= status.longest_streak or status.longest_streak == 0
    assert set(status.due).isdisjoint(status.overdue)
    if status.projected_finish is not None:
        assert status.projected_finish.low <= status.projected_finish.high
    assert status.current is None or status.current in plan.nodes


def _appendix_subtrees(roadmap: Roadmap) -> set[str]:
    found: set[str] = set()
    for node in roadmap.walk():
        if node.role == "appendix":
            found |= {n.id for n in node.walk()}
    return found
