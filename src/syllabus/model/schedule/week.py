"""The weekly review's figures: one ISO week of a roadmap, planned against done.

Everything comes from the schedule's own functions: the buffer, the forecast and the
streak are ``compute_status`` at the week's start (Monday morning) and at its end (the
next Monday morning, or now while the week runs), each on the record as it stood then
(``as_of``: items first closed before that day, check-ins dated before it, replans made
before it), so a review of an old week does not change when later weeks are studied.
The planned items and hours are the plan's as it stood on the Monday; the hours are the
check-ins of the week, by the node each names (else the node planned that day, as
``status`` counts them); the activity mix is their hours by ``CheckIn.activity``
against the roadmap's target mix, if it has one.

Pure code, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from syllabus.model.progress import CheckIn, ItemRecord, ItemState, Progress
from syllabus.model.roadmap import Roadmap
from syllabus.model.schedule.calendar import monday_of
from syllabus.model.schedule.forecast import Forecast
from syllabus.model.schedule.plan import PlacedLeaf, Plan, build_plan, default_enrolment
from syllabus.model.schedule.status import Status, compute_status
from syllabus.model.schedule.tracked import done_day

DRIFT_POINTS = 20.0
"""An activity's share this many percentage points or more off its target is a drift."""

ONE_WEEK = timedelta(days=7)


class BadWeek(ValueError):
    """Not an ISO week (``YYYY-Www``)."""


def week_key(day: date) -> str:
    """The ISO week holding a day: ``2026-W49``."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str) -> date:
    """The Monday of an ISO week written ``YYYY-Www`` (``2026-W49``, ``2026w49``)."""
    cleaned = text.strip().upper()
    year, sep, week = cleaned.partition("-W") if "-W" in cleaned else cleaned.partition("W")
    if not sep or not year.isdigit() or not week.isdigit() or len(year) != 4:
        raise BadWeek(text)
    try:
        return date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise BadWeek(text) from None


@dataclass(frozen=True, slots=True)
class NodeWeek:
    """One node's week."""

    node_id: str
    planned_items: int
    """Tracked items planned for a day of the week."""
    done_items: int
    """Items (own ones included) first closed as done during the week."""
    planned_hours: float
    """The node's planned hours that fall in the week."""
    hours: float
    """Hours logged on it during the week."""


@dataclass(frozen=True, slots=True)
class MixShare:
    """One activity's part of the week's hours."""

    activity: str
    """An English key (``theory``) or the learner's own name."""
    hours: float
    share: float
    """Of the week's hours that name an activity, 0-1."""
    target: float | None
    """The roadmap's target share, 0-1, if it states one for this activity."""

    @property
    def drift(self) -> bool:
        """The share is ``DRIFT_POINTS`` or more off its target."""
        return self.target is not None and abs(self.share - self.target) * 100 >= DRIFT_POINTS


@dataclass(frozen=True, slots=True)
class WeekNoteLine:
    """A check-in's note of the week."""

    day: date
    hours: float
    activity: str | None
    text: str


@dataclass(frozen=True)
class WeekReview:
    """One week of one roadmap, reviewed."""

    roadmap_id: str
    week: str
    """``YYYY-Www``."""
    monday: date
    through: date
    """The last day counted: the Sunday, or today while the week runs."""
    nodes: list[NodeWeek]
    """The nodes with something planned, done or logged in the week, in document order."""
    buffer_start: float
    """The buffer on Monday morning, in study days."""
    buffer_end: float
    """The buffer after the week (now, while it runs)."""
    forecast_start: Forecast | None
    forecast_end: Forecast | None
    streak: int
    """The streak at the end of the week."""
    mix: list[MixShare]
    """Hours by activity, the most first (then targets not studied at all)."""
    untagged_hours: float
    """Hours of check-ins that name no activity."""
    notes: list[WeekNoteLine]
    answers: dict[str, str]
    """The learner's answers by prompt (``worked``, ``blocked``, ``next``)."""
    status: Status = field(repr=False, compare=False)
    """The status at the end of the week (for the charts)."""
    unscored: list[tuple[str, str]] = field(default_factory=list)
    """(node id, title) of the projects whose week had finished by the end of this one
    and that were never scored (``model.rubric.unscored_projects``)."""

    @property
    def planned_items(self) -> int:
        return sum(n.planned_items for n in self.nodes)

    @property
    def done_items(self) -> int:
        return sum(n.done_items for n in self.nodes)

    @property
    def planned_hours(self) -> float:
        return sum(n.planned_hours for n in self.nodes)

    @property
    def hours(self) -> float:
        return sum(n.hours for n in self.nodes)

    @property
    def drifts(self) -> list[MixShare]:
        """The activities off their target."""
        return [share for share in self.mix if share.drift]


# --- the record as it stood on a day ------------------------------------------------------


def _closed_before(record: ItemRecord, day: date, day_start: int) -> bool:
    """Closed now, and first closed on a study day before ``day``."""
    if not record.closed:
        return False
    moment: datetime = record.closed_at or record.updated
    number, wanted = moment.toordinal(), day.toordinal()
    if number < wanted - 1:  # a day apart is more than any time zone and day start
        return True
    if number > wanted + 1:
        return False
    return done_day(moment, day_start) < day


def as_of(progress: Progress, roadmap_id: str, day: date) -> Progress:
    """The roadmap's record as it stood on the morning of ``day``: the items first closed
    before it, the check-ins dated before it, the replans made before it."""
    day_start = progress.settings.day_start_hour
    rp = progress.roadmap(roadmap_id)
    items = {k: r for k, r in rp.items.items() if _closed_before(r, day, day_start)}
    enrolment = rp.enrolment
    if enrolment is not None and enrolment.replans:
        kept = [r for r in enrolment.replans if done_day(r.made, day_start) < day]
        if len(kept) != len(enrolment.replans):
            enrolment = replace(enrolment, replans=kept)
    checkins = {
        k: c for k, c in progress.checkins.items() if c.roadmap != roadmap_id or c.date < day
    }
    rp = replace(rp, items=items, enrolment=enrolment)
    return replace(progress, roadmaps={**progress.roadmaps, roadmap_id: rp}, checkins=checkins)


def _plan_of(roadmap: Roadmap, progress: Progress, roadmap_id: str, today: date) -> Plan:
    rp = progress.roadmap(roadmap_id)
    return build_plan(roadmap, rp.enrolled or default_enrolment(roadmap, today), rp)


def _status_on(roadmap: Roadmap, progress: Progress, roadmap_id: str, day: date) -> Status:
    """The status on the morning of ``day``, from the record as it stood then."""
    then = as_of(progress, roadmap_id, day)
    return compute_status(roadmap, then, roadmap_id, day, _plan_of(roadmap, then, roadmap_id, day))


# --- the week -------------------------------------------------------------------------------


def week_review(
    roadmap: Roadmap,
    progress: Progress,
    roadmap_id: str,
    monday: date,
    today: date,
    target: Mapping[str, float] | None = None,
    now: Status | None = None,
) -> WeekReview:
    """The review of the week starting ``monday`` (any day of it will do) as of ``today``.

    ``target`` is the roadmap's target mix (activity → share, summing to 1), if any;
    ``now`` today's status when the caller has it (the end of a week still running).
    """
    monday = monday_of(monday)
    sunday = monday + timedelta(days=6)
    running = monday <= today <= sunday
    through = today if running else sunday
    start = _status_on(roadmap, progress, roadmap_id, monday)
    if running:
        end = now if now is not None else compute_status(roadmap, progress, roadmap_id, today)
    else:
        end = _status_on(roadmap, progress, roadmap_id, sunday + timedelta(days=1))
    assert start.plan is not None
    checkins = [
        c
        for c in progress.live_checkins(roadmap_id)
        if monday <= c.date <= through and c.date <= today
    ]
    week = week_key(monday)
    mix, untagged = _mix(checkins, target or {})
    return WeekReview(
        roadmap_id=roadmap_id,
        week=week,
        monday=monday,
        through=through,
        nodes=_nodes(roadmap, progress, roadmap_id, start.plan, monday, checkins),
        buffer_start=start.buffer_days,
        buffer_end=end.buffer_days,
        forecast_start=start.forecast,
        forecast_end=end.forecast,
        streak=end.streak,
        mix=mix,
        untagged_hours=untagged,
        notes=[
            WeekNoteLine(c.date, c.hours, c.activity, c.note) for c in checkins if c.note.strip()
        ],
        answers=progress.roadmap(roadmap_id).week_answers_of(week),
        status=end,
        unscored=_unscored(roadmap, progress, roadmap_id, end, through),
    )


def _unscored(
    roadmap: Roadmap, progress: Progress, roadmap_id: str, end: Status, through: date
) -> list[tuple[str, str]]:
    """The projects of weeks finished by ``through`` that were never scored."""
    from syllabus.model.rubric import unscored_projects

    if end.plan is None:
        return []
    rp = progress.roadmap(roadmap_id)
    found = unscored_projects(roadmap, rp, end.plan.nodes, through + timedelta(days=1))
    return [(project.id, project.title) for project in found]


def _nodes(
    roadmap: Roadmap,
    progress: Progress,
    roadmap_id: str,
    plan: Plan,
    monday: date,
    checkins: list[CheckIn],
) -> list[NodeWeek]:
    sunday = monday + timedelta(days=6)
    rp = progress.roadmap(roadmap_id)
    item_node = {item.id: node.id for node, item in roadmap.items()}
    item_node.update((own.id, own.node) for own in rp.live_own_items())
    planned_items: dict[str, int] = {}
    due = plan.item_due
    for item_id in plan.tracked:
        if monday <= due[item_id] <= sunday and item_id in item_node:
            node_id = item_node[item_id]
            planned_items[node_id] = planned_items.get(node_id, 0) + 1
    planned_hours = _planned_hours(plan, monday)
    done_items: dict[str, int] = {}
    day_start = progress.settings.day_start_hour
    for item_id, record in rp.items.items():
        if record.state is not ItemState.DONE or item_id not in item_node:
            continue
        closed = done_day(record.closed_at or record.updated, day_start)
        if monday <= closed <= sunday:
            node_id = item_node[item_id]
            done_items[node_id] = done_items.get(node_id, 0) + 1
    hours: dict[str, float] = {}
    for checkin in checkins:
        node = checkin.node if checkin.node in plan.parents else plan.node_at_or_after(checkin.date)
        if node is not None:
            hours[node] = hours.get(node, 0.0) + checkin.hours
    wanted = planned_items.keys() | planned_hours.keys() | done_items.keys() | hours.keys()
    order = [node.id for node in roadmap.walk() if node.id in wanted]
    return [
        NodeWeek(
            node_id,
            planned_items.get(node_id, 0),
            done_items.get(node_id, 0),
            planned_hours.get(node_id, 0.0),
            hours.get(node_id, 0.0),
        )
        for node_id in order
    ]


def _planned_hours(plan: Plan, monday: date) -> dict[str, float]:
    """Each leaf's planned hours in the week, spread over its study days as
    ``Plan.week_hours`` spreads them (so they add up to the week's)."""
    sunday = monday + timedelta(days=6)
    key = monday.toordinal()
    found: dict[str, float] = {}
    for unit in plan.units:
        if not isinstance(unit, PlacedLeaf):
            continue
        node_plan = unit.plan
        if node_plan.end < monday or node_plan.start > sunday or node_plan.hours <= 1e-9:
            continue
        weeks: dict[int, float] = {}
        plan.calendar.spread_by_week(node_plan.start, node_plan.end, node_plan.hours, weeks)
        hours = weeks.get(key, 0.0)
        if hours > 1e-9:
            found[node_plan.node_id] = found.get(node_plan.node_id, 0.0) + hours
    return found


def _mix(checkins: list[CheckIn], target: Mapping[str, float]) -> tuple[list[MixShare], float]:
    """Hours by activity against the target shares; and the hours that name none."""
    by_activity: dict[str, float] = {}
    untagged = 0.0
    for checkin in checkins:
        if checkin.activity:
            by_activity[checkin.activity] = by_activity.get(checkin.activity, 0.0) + checkin.hours
        else:
            untagged += checkin.hours
    tagged = sum(by_activity.values())
    shares = [
        MixShare(name, hours, hours / tagged if tagged > 0 else 0.0, target.get(name))
        for name, hours in sorted(by_activity.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    if tagged > 0:
        shares += [
            MixShare(name, 0.0, 0.0, share)
            for name, share in target.items()
            if name not in by_activity
        ]
    return shares, untagged
