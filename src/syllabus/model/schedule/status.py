"""Where a learner stands today: counts, due and overdue items, streaks, hours, forecast."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from syllabus.model.progress import ItemState, Progress, RoadmapProgress, study_day
from syllabus.model.roadmap import Node, Roadmap
from syllabus.model.schedule.calendar import _ONE_DAY, StudyCalendar, monday_of
from syllabus.model.schedule.forecast import FORECAST_DAYS, Forecast, _finish_at
from syllabus.model.schedule.layout import _EPS, _Leaf
from syllabus.model.schedule.plan import (
    Plan,
    _aware,
    _collector_paused,
    build_plan,
    default_enrolment,
)


@dataclass(frozen=True)
class Status:
    """Where a learner stands on a roadmap today."""

    roadmap_id: str
    today: date
    current: str | None
    """Node id planned for today (on a rest day: the next one)."""
    due: list[str]
    """Item ids due from today to Sunday, not done or skipped."""
    overdue: list[str]
    """Item ids planned before today, not done or skipped."""
    behind_days: int
    """Planned work due before today minus work done, in days at the learner's pace;
    positive = behind, negative = ahead."""
    streak: int
    """Consecutive study days with a check-in, up to today."""
    longest_streak: int
    hours_this_week: float
    target_hours_this_week: float
    hours_total: float
    projected_finish: Forecast | None
    """None until there is a pace (no check-ins and nothing done in the last four weeks)."""
    hours_by_day: dict[date, float]
    """Logged hours per study day (all check-ins of the roadmap)."""
    blocked_by: dict[str, list[str]]
    """Node id → ids of its prerequisite nodes not done (only for nodes not done)."""
    node_hours: dict[str, tuple[float, float]]
    """Node id → (estimated, logged) hours; a node's logged hours include its descendants'."""
    counts: dict[str, int]
    """todo / doing / done / skipped over checkable items (own items included)."""
    percent: float
    """done ÷ (checkable − skipped − optional not done) × 100."""
    week_hours: dict[date, tuple[float, float]] = field(default_factory=dict)
    """Week (its Monday) → (planned, logged) hours."""
    done: list[str] = field(default_factory=list)
    """Ids of done items (own items included), in document order."""
    plan: Plan | None = None
    """The plan the status was computed from."""


def node_done(roadmap_node: Node, rp: RoadmapProgress) -> tuple[int, int]:
    """(done, total) checkable items of a node and its descendants.

    ``total`` leaves out skipped items and optional ones not done, like ``percent``,
    so a node is complete when ``done == total``. The learner's own items count too.
    """
    done = total = 0
    own: dict[str, list[str]] = {}
    for own_item in rp.own_items.values():
        if not own_item.deleted:
            own.setdefault(own_item.node, []).append(own_item.id)
    for node in roadmap_node.walk():
        for item in node.items:
            if not item.checkable:
                continue
            state = rp.state(item.id)
            if state is ItemState.DONE:
                done += 1
                total += 1
            elif state is not ItemState.SKIPPED and not item.optional:
                total += 1
        for item_id in own.get(node.id, ()):
            state = rp.state(item_id)
            done += state is ItemState.DONE
            total += state is not ItemState.SKIPPED
    return done, total


def _done_day(moment: datetime, day_start_hour: int) -> date:
    """The learner's study day on which a record changed (local time)."""
    local = _aware(moment).astimezone()
    return study_day(local.replace(tzinfo=None), day_start_hour)


def _streaks(days: Sequence[date], cal: StudyCalendar, today: date) -> tuple[int, int]:
    """(current, longest) runs of check-in days; days that are no study days never break one."""
    current = longest = 0
    previous: date | None = None
    for day in days:
        if previous is not None and cal.count(previous + _ONE_DAY, day - _ONE_DAY) == 0:
            current += 1
        else:
            current = 1
        longest = max(longest, current)
        previous = day
    if previous is None:
        return 0, 0
    # today itself is not over yet: only study days strictly between break the run
    if previous < today and cal.count(previous + _ONE_DAY, today - _ONE_DAY) > 0:
        current = 0
    return current, longest


def compute_status(
    roadmap: Roadmap,
    progress: Progress,
    roadmap_id: str,
    today: date,
    plan: Plan | None = None,
) -> Status:
    """Everything the status views show, from one pass over items and check-ins."""
    with _collector_paused():
        return _compute_status(roadmap, progress, roadmap_id, today, plan)


def _compute_status(
    roadmap: Roadmap, progress: Progress, roadmap_id: str, today: date, plan: Plan | None
) -> Status:
    rp = progress.roadmap(roadmap_id)
    if plan is None:
        enrolment = rp.enrolment or default_enrolment(roadmap, today)
        plan = build_plan(roadmap, enrolment, rp)
    cal = plan.calendar
    day_start = progress.settings.day_start_hour
    records = rp.items

    # item states
    todo, doing, done, skipped = (
        ItemState.TODO,
        ItemState.DOING,
        ItemState.DONE,
        ItemState.SKIPPED,
    )
    n_todo = n_doing = n_skipped = 0
    done_ids: list[str] = []
    optional_open = 0
    for item_id, optional in plan.checkable:
        record = records.get(item_id)
        state = todo if record is None else record.state
        # identity tests, not a dict keyed by state: hashing an enum runs Python code
        if state is done:
            done_ids.append(item_id)
            continue
        if state is todo:
            n_todo += 1
        elif state is doing:
            n_doing += 1
        else:
            n_skipped += 1
            continue
        if optional:
            optional_open += 1
    counts = {"todo": n_todo, "doing": n_doing, "done": len(done_ids), "skipped": n_skipped}
    for own in rp.own_items.values():
        if own.deleted:
            continue
        record = records.get(own.id)
        state = record.state if record is not None else ItemState.TODO
        counts[state.value] += 1
        if state is ItemState.DONE:
            done_ids.append(own.id)
    checkable = sum(counts.values())
    denominator = checkable - counts["skipped"] - optional_open
    if denominator > 0:
        percent = counts["done"] / denominator * 100
    else:
        percent = 100.0 if checkable else 0.0

    # due, overdue, behind, the items pace; item days are worked out only for the leaves
    # around this week: a leaf over before today has all its items due before today
    sunday = monday_of(today) + timedelta(days=6)
    window_first = today - timedelta(days=FORECAST_DAYS - 1)
    window_soon = window_first.toordinal() - 2
    last_day = -3
    due: list[str] = []
    overdue: list[str] = []
    planned_before = settled_hours = remaining = done_in_window = 0.0
    last_changed: datetime | None = None
    tracked = 0
    per_day = plan.hours_per_day
    ceil = math.ceil
    table = plan._table
    for unit in plan._units:
        head = unit[0]
        if isinstance(head, _Leaf):
            piece, node_plan, at, offset = unit
            size = piece.end - piece.start
            if node_plan.end < today:
                where = -1
            elif node_plan.start > sunday:
                where = 1
            else:
                where = 0
                base_units, units = (piece.start - offset) / per_day, size / per_day
            entries: Sequence[tuple[Any, ...]] = piece.items
        else:
            where = 2
            entries = unit
        for entry in entries:
            if entry[3]:  # optional
                continue
            tracked += 1
            item_id = entry[0]
            if where == 2:
                day, hours = entry[1], entry[2]
                before = day < today
                this_week = not before and day <= sunday
            else:
                hours = size * entry[2]
                if where:
                    before, this_week = where < 0, False
                else:
                    if size <= _EPS:
                        day = node_plan.end
                    else:
                        index = ceil(base_units + units * entry[1] - _EPS) - 1
                        day = table.get(at + (index if index > 0 else 0))  # type: ignore[union-attr]
                    before = day < today
                    this_week = not before and day <= sunday
            if before:
                planned_before += hours
            record = records.get(item_id)
            state = record.state if record is not None else todo
            if state is done or state is skipped:
                settled_hours += hours
                if record is not None:
                    # a record older than the window (by more than any time zone) is
                    # skipped without the costly conversion to the learner's study day
                    changed = record.updated
                    day_number = changed.toordinal()
                    if day_number >= window_soon:
                        done_day = _done_day(changed, day_start)
                        if window_first <= done_day <= today:
                            done_in_window += hours
                    # days more than two apart decide without calling the tzinfo objects
                    if day_number > last_day + 2 or (
                        day_number >= last_day - 2
                        and (last_changed is None or changed > last_changed)
                    ):
                        last_changed, last_day = changed, day_number
                continue
            remaining += hours
            if before:
                overdue.append(item_id)
            elif this_week:
                due.append(item_id)
    per_calendar_day = plan.hours_per_week / 7
    behind = (planned_before - settled_hours) / per_calendar_day
    behind_days = int(math.copysign(math.floor(abs(behind) + 0.5), behind))

    # check-ins
    hours_by_day: dict[date, float] = {}
    logged: dict[str, float] = {}
    node_index = plan.nodes
    parents = plan.parents
    first_checkin: date | None = None
    for checkin in progress.checkins.values():
        if checkin.deleted or checkin.roadmap != roadmap_id:
            continue
        day = checkin.date
        hours_by_day[day] = hours_by_day.get(day, 0.0) + checkin.hours
        if first_checkin is None or day < first_checkin:
            first_checkin = day
        node_id = checkin.node if checkin.node in parents else plan.node_at_or_after(day)
        while node_id is not None:
            logged[node_id] = logged.get(node_id, 0.0) + checkin.hours
            node_id = parents.get(node_id)
    hours_by_day = dict(sorted(hours_by_day.items()))
    hours_total = sum(hours_by_day.values(), 0.0)
    streak, longest = _streaks([d for d in hours_by_day if d <= today], cal, today)

    monday = monday_of(today)
    hours_this_week = sum(hours_by_day.get(monday + timedelta(days=i), 0.0) for i in range(7))
    target_days = cal.count(max(monday, plan.start), min(sunday, plan.end))
    target_hours = plan.hours_per_day * target_days

    # forecast from the last four weeks
    forecast: Forecast | None = None
    for leaf in plan.untracked:
        if leaf.end > today:
            later = cal.count(max(leaf.start, today + _ONE_DAY), leaf.end)
            remaining += leaf.hours * later / max(cal.count(leaf.start, leaf.end), 1)
    if remaining <= _EPS and tracked:
        finish = _done_day(last_changed, day_start) if last_changed else today
        forecast = Forecast(finish, finish, plan.end)
    else:
        opened = min(plan.start, first_checkin) if first_checkin else plan.start
        first = max(window_first, opened)
        study_days = max(cal.count(first, today), 1)
        logged_in_window = sum(h for d, h in hours_by_day.items() if first <= d <= today)
        projected = [
            _finish_at(cal, today, remaining, rate / study_days)
            for rate in (logged_in_window, done_in_window)
            if rate > _EPS and first <= today
        ]
        finishes = [day for day in projected if day is not None]
        if finishes:
            forecast = Forecast(min(finishes), max(finishes), plan.end)

    # per node and per week
    node_hours = {
        node_id: (node_plan.hours, logged.get(node_id, 0.0))
        for node_id, node_plan in node_index.items()
    }
    week_hours: dict[date, tuple[float, float]] = {
        week: (hours, 0.0) for week, hours in plan.week_hours.items()
    }
    for day, hours in hours_by_day.items():
        week = monday_of(day)
        planned, got = week_hours.get(week, (0.0, 0.0))
        week_hours[week] = (planned, got + hours)
    week_hours = dict(sorted(week_hours.items()))

    return Status(
        roadmap_id=roadmap_id,
        today=today,
        current=plan.node_at_or_after(today),
        due=due,
        overdue=overdue,
        behind_days=behind_days,
        streak=streak,
        longest_streak=longest,
        hours_this_week=hours_this_week,
        target_hours_this_week=target_hours,
        hours_total=hours_total,
        projected_finish=forecast,
        hours_by_day=hours_by_day,
        blocked_by=_blocked_by(roadmap, rp),
        node_hours=node_hours,
        counts=counts,
        percent=percent,
        week_hours=week_hours,
        done=done_ids,
        plan=plan,
    )


def _blocked_by(roadmap: Roadmap, rp: RoadmapProgress) -> dict[str, list[str]]:
    """Nodes not done whose prerequisite nodes are not done, in document order."""
    wanted = [n for n in roadmap.walk() if n.prerequisites]
    if not wanted:
        return {}
    index = roadmap.node_index()
    complete: dict[str, bool] = {}

    def is_complete(node_id: str) -> bool:
        if node_id not in complete:
            done, total = node_done(index[node_id], rp)
            complete[node_id] = done >= total
        return complete[node_id]

    blocked: dict[str, list[str]] = {}
    for node in wanted:
        if is_complete(node.id):
            continue
        missing = [p for p in node.prerequisites if p in index and not is_complete(p)]
        if missing:
            blocked[node.id] = missing
    return blocked
