"""The learner's record: enrolments, item states, notes, own items and check-ins.

Every record carries an ``updated`` time so two copies of the file (two instances,
two synced machines) merge record by record, the later change winning. Deleting is
itself a change: a tombstone (``deleted = true``) that a merge cannot undo by accident.

Pure data and pure functions; reading and writing the file is ``storage``'s job.
Frozen standard dataclasses, validated by pydantic when read from disk
(``model.validate``; why not ``BaseModel``: see ``model.roadmap``), taking equality,
hash and repr from ``model.by_fields`` (why: see there). The rules a value
must meet live in ``__post_init__``, so a record made in code and one pydantic
validates from a file obey the same ones.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Literal, TypeVar

from syllabus.locale import N_
from syllabus.model.by_fields import ByFields
from syllabus.model.text import clean_fields, clean_text
from syllabus.model.units import (
    DAY_HOURS,
    WEEK_HOURS,
    check_date,
    normalise_rest_days,
    normalise_weekday_hours,
    weekday_hours_week,
)

SCHEMA_VERSION = 3
"""The progress file schema this code writes (2: review cards, a check-in's activity;
3: project scores and evidence)."""

Estimate = Literal["low", "mid", "high"]

CardState = Literal["learning", "review", "relearning"]
"""Where a review card is in the FSRS scheduler (its ``State``, by name)."""


def as_utc(moment: datetime) -> datetime:
    """A moment in UTC; a naive one (typed by hand into the file) is taken as local time."""
    if moment.tzinfo is UTC:
        return moment
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def now_utc() -> datetime:
    """The current time, in UTC, to the microsecond."""
    return datetime.now(UTC)


class ItemState(StrEnum):
    """Where a learner is with one item."""

    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    SKIPPED = "skipped"


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class _Record(ByFields):
    """A record of the progress file: merged by its ``updated`` time."""

    updated: datetime
    """When this record last changed; the later one wins a merge.

    Aware, because merge compares times from several machines; the file reader turns
    a naive time typed by hand into local time first.
    """

    def __post_init__(self) -> None:
        _check(self.updated.tzinfo is not None, "updated needs a time zone")


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class ItemRecord(_Record):
    """The state of one roadmap item (or own item)."""

    state: ItemState = ItemState.TODO
    """Current state; going back to todo is a change, not a deletion."""
    closed_at: datetime | None = None
    """When the item was first closed (done or skipped), kept apart from ``updated``:
    the schedule places finished work by it, so un-ticking and re-ticking (or an undo)
    never moves it. It stays when the item is opened again, and a later close keeps it.
    A closed record without it (a file from before the field) takes its ``updated``."""

    def __post_init__(self) -> None:
        super().__post_init__()
        state = self.state
        if type(state) is not ItemState:
            state = ItemState(state)
            object.__setattr__(self, "state", state)
        closed_at = self.closed_at
        if closed_at is None:
            if state is ItemState.DONE or state is ItemState.SKIPPED:
                object.__setattr__(self, "closed_at", self.updated)
        else:
            _check(closed_at.tzinfo is not None, "closed_at needs a time zone")

    @property
    def closed(self) -> bool:
        """Done or skipped."""
        state = self.state
        return state is ItemState.DONE or state is ItemState.SKIPPED


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Note(_Record):
    """The learner's note on an item or a node."""

    text: str = ""
    """The note, Markdown."""
    deleted: bool = False
    """Tombstone: the note was removed."""

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "text", clean_text(self.text))


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class OwnItem(_Record):
    """An item or link the learner added to a node ("My resources")."""

    id: str
    """``user/<slug>``, unique in the roadmap."""
    node: str
    """Id of the node it belongs to."""
    text: str
    """What the learner wrote."""
    url: str | None = None
    """A link, for own resources."""
    deleted: bool = False
    """Tombstone: the item was removed."""

    def __post_init__(self) -> None:
        super().__post_init__()
        clean_fields(self, "text", "url")


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class RemovedItem(_Record):
    """An item a re-import no longer found, with what the learner had on it: kept, not
    orphaned, so that it can be restored (``syllabus import FILE --id ID --restore-removed``)
    or comes back by itself when a later version of the document has it again."""

    node: str
    """Id of the node it stood in."""
    text: str
    """Its text as the roadmap had it."""
    state: ItemState = ItemState.TODO
    """Its state when it was removed."""
    closed_at: datetime | None = None
    """When it was first closed, as its state record had it."""
    note: str = ""
    """The learner's note on it, if any."""
    deleted: bool = False
    """Tombstone: restored (its records are back on an item) or given up."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if type(self.state) is not ItemState:
            object.__setattr__(self, "state", ItemState(self.state))
        clean_fields(self, "node", "text", "note")
        if self.closed_at is not None:
            _check(self.closed_at.tzinfo is not None, "closed_at needs a time zone")


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class CheckIn(_Record):
    """One study session: a day, hours, a note, what was worked on."""

    id: str
    """Random short id, stable across machines."""
    date: date
    """The study day (the day starts at ``Settings.day_start_hour``)."""
    hours: float = 0.0
    """Hours studied, 0-24."""
    note: str = ""
    """What the learner wrote about the session."""
    roadmap: str
    """Id of the roadmap worked on."""
    node: str | None = None
    """Id of the node worked on (default: the planned node)."""
    items: list[str] = field(default_factory=list)
    """Ids of items completed in the session."""
    activity: str | None = None
    """What kind of study it was: an English key (``theory``, ``practice``, ``project``,
    ``review``, ``reading``, ``other``) or a name of the learner's own; None when not said."""
    created: datetime
    """When the check-in was first made."""
    deleted: bool = False
    """Tombstone: the check-in was removed."""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check(0 <= self.hours <= DAY_HOURS, "hours must be between 0 and 24")
        check_date(self.date, N_("a check-in's date"))
        clean_fields(self, "note", "activity")
        _check(self.created.tzinfo is not None, "created needs a time zone")


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class ReviewCard(_Record):
    """One card of spaced review: what the FSRS scheduler needs to plan the next review.

    Kept under its id, which comes from its source (``ITEM_ID``, ``ITEM_ID#n`` for the
    n-th question of an item, or a node's id), so two machines make the same card and a
    merge keeps one. The scheduler's state only, never the log of every review.
    """

    node: str
    """Id of the node the card's source belongs to."""
    due: datetime
    """When the card is next due (the study day it falls on is what counts)."""
    state: CardState = "learning"
    """The scheduler's state; a card never graded is learning."""
    stability: float | None = None
    """FSRS stability (days); None before the first grade."""
    difficulty: float | None = None
    """FSRS difficulty (1-10); None before the first grade."""
    last_review: datetime | None = None
    """When the card was last graded."""
    minutes: float = 3.0
    """The time one review takes, for the day's and the week's allowance."""
    deleted: bool = False
    """Tombstone: as if never stored (an undone grade or add): a finished node's card
    is back as it was before its first grade, an added one is gone."""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check(self.due.tzinfo is not None, "due needs a time zone")
        _check(0 <= self.minutes <= DAY_HOURS * 60, "minutes must be between 0 and 1440")
        _check(self.state in ("learning", "review", "relearning"), "state must be a card state")
        last = self.last_review
        _check(last is None or last.tzinfo is not None, "last_review needs a time zone")


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Pause(ByFields):
    """Days off: a vacation or a sick week, inclusive on both ends."""

    start: date
    """First day off."""
    end: date
    """Last day off."""

    def __post_init__(self) -> None:
        check_date(self.start, N_("a pause's start"))
        check_date(self.end, N_("a pause's end"))


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Replan(ByFields):
    """The unfinished rest of the plan moved to start on a date."""

    start: date
    """The day the rest of the plan restarts."""
    made: datetime
    """When the replan was made."""

    def __post_init__(self) -> None:
        check_date(self.start, N_("a replan's start"))
        _check(self.made.tzinfo is not None, "made needs a time zone")


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Enrolment(_Record):
    """A learner's settings for one roadmap: when they started and their pace."""

    start: date
    """First day of the plan."""
    hours_per_week: float
    """Planned hours of study a week."""
    days_per_week: int = 6
    """Planned study days a week."""
    rest_days: list[str] = field(default_factory=lambda: ["sun"])
    """Weekdays off, as ``WEEKDAYS`` names."""
    weekday_hours: dict[str, float] = field(default_factory=dict)
    """Planned hours by weekday (``WEEKDAYS`` names, all seven) for a week whose days
    differ (a routine: 1.5 h on weekdays, 2.5 h at the weekend); empty: the hours a week
    spread evenly over the study days. When set they decide: ``hours_per_week`` is their
    sum and the rest days are the days with none (``units.weekday_hours_week``)."""
    estimate: Estimate = "mid"
    """Which end of the roadmap's estimates to plan with."""
    pauses: list[Pause] = field(default_factory=list)
    """Days off and vacations."""
    replans: list[Replan] = field(default_factory=list)
    """Replans, oldest first."""
    finished: date | None = None
    """When the learner marked the roadmap finished."""
    archived: bool = False
    """Hidden from the active list."""
    track: str | None = None
    """The alternative track followed, for a roadmap that offers several
    (``model.roadmap.choose_track``); None: the first, or the roadmap has none."""
    deleted: bool = False
    """Tombstone: the enrolment was undone (a merge cannot bring it back)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check(0 <= self.hours_per_week <= WEEK_HOURS, "hours per week must be between 0 and 168")
        _check(1 <= self.days_per_week <= 7, "days per week must be between 1 and 7")
        _check(self.estimate in ("low", "mid", "high"), "estimate must be low, mid or high")
        check_date(self.start, N_("the start"))
        clean_fields(self, "track")
        if self.weekday_hours:
            self._follow_weekday_hours()
        # "Sat" or "saturday" typed by hand mean "sat"; anything else is a damaged value.
        days = normalise_rest_days(self.rest_days)
        if days != self.rest_days:
            object.__setattr__(self, "rest_days", days)

    def _follow_weekday_hours(self) -> None:
        """Hours a week, study days and rest days from the hours by weekday (one rule)."""
        hours = normalise_weekday_hours(self.weekday_hours)
        per_week, rest = weekday_hours_week(hours)
        for name, value in (
            ("weekday_hours", hours),
            ("hours_per_week", per_week),
            ("rest_days", rest),
            ("days_per_week", 7 - len(rest)),
        ):
            if getattr(self, name) != value:
                object.__setattr__(self, name, value)


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Points(ByFields):
    """The points given on one criterion of a rubric."""

    criterion: str
    """The criterion, as the rubric names it ("Correctness")."""
    points: float
    """Points given, from 0 to the criterion's share."""

    def __post_init__(self) -> None:
        clean_fields(self, "criterion")
        _check(self.points >= 0, "points must not be negative")
        if type(self.points) is not float:
            object.__setattr__(self, "points", float(self.points))


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Score(_Record):
    """One self-scoring of a project against its rubric: points by criterion.

    Kept under ``NODE_ID#<random hex>``, one record per scoring, so re-scoring keeps the
    history and two machines scoring at once both keep theirs; the latest (by ``scored``)
    is the one shown. A scoring holds every criterion's points, those not named carried
    over from the last one (``model.rubric.rescored``).
    """

    node: str
    """Id of the project's node."""
    points: list[Points] = field(default_factory=list)
    """Points by criterion, in the rubric's order."""
    scored: datetime
    """When the learner gave the score."""
    deleted: bool = False
    """Tombstone: the scoring was undone."""

    def __post_init__(self) -> None:
        super().__post_init__()
        clean_fields(self, "node")
        _check(self.scored.tzinfo is not None, "scored needs a time zone")

    def by_criterion(self) -> dict[str, float]:
        """Points by criterion name."""
        return {p.criterion: p.points for p in self.points}


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Evidence(_Record):
    """What shows a project or milestone was done: links, a short write-up, the day.

    Kept under the node's id. Links are http(s) (``model.portfolio.check_url``); nothing
    is ever fetched.
    """

    repo: str | None = None
    """The repository's address."""
    demo: str | None = None
    """A live demo's address."""
    note: str = ""
    """A short write-up."""
    finished: date | None = None
    """The day the project was finished."""
    deleted: bool = False
    """Tombstone: the evidence was removed."""

    def __post_init__(self) -> None:
        super().__post_init__()
        clean_fields(self, "repo", "demo")
        object.__setattr__(self, "note", clean_text(self.note))
        if self.finished is not None:
            check_date(self.finished, N_("a project's finished day"))


def instance_id(item_id: str, week: int) -> str:
    """The id of a recurring item's instance in plan week ``week`` (from 1): ``ITEM_ID@N``."""
    return f"{item_id}@{week}"


def split_instance(record_id: str) -> tuple[str, int | None]:
    """``ITEM_ID@N`` as (item id, week); any other id as (id, None)."""
    base, at, week = record_id.rpartition("@")
    if at and base and week.isdigit() and not week.startswith("0"):
        return base, int(week)
    return record_id, None


WEEK_PROMPTS = ("worked", "blocked", "next")
"""The weekly review's prompts: what worked, what got in the way, what next."""


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class WeekAnswer(_Record):
    """The learner's answer to one prompt of a week's review.

    Kept under ``YYYY-Www/prompt`` (``2026-W49/worked``): one record per prompt, so
    answers to different prompts written on two machines both survive a merge.
    """

    text: str = ""
    """What the learner wrote."""
    deleted: bool = False
    """Tombstone: the answer was removed."""

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "text", clean_text(self.text))


def week_answer_key(week: str, prompt: str) -> str:
    """The key of a week's answer to a prompt: ``2026-W49/worked``."""
    return f"{week}/{prompt}"


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class RoadmapProgress(ByFields):
    """Everything the learner did on one roadmap."""

    enrolment: Enrolment | None = None
    """Start and pace; None for a roadmap with states but no enrolment."""
    items: dict[str, ItemRecord] = field(default_factory=dict)
    """States by item id (roadmap items and own items)."""
    notes: dict[str, Note] = field(default_factory=dict)
    """Notes by item or node id."""
    own_items: dict[str, OwnItem] = field(default_factory=dict)
    """The learner's own items and links by id."""
    removed: dict[str, RemovedItem] = field(default_factory=dict)
    """Items re-imports removed, by their old id, with what the learner had on them."""
    week_answers: dict[str, WeekAnswer] = field(default_factory=dict)
    """Answers to the weekly review's prompts, by ``YYYY-Www/prompt``."""
    cards: dict[str, ReviewCard] = field(default_factory=dict)
    """Review cards by card id (tombstones included)."""
    scores: dict[str, Score] = field(default_factory=dict)
    """Project self-scorings by ``NODE_ID#hex`` (tombstones included)."""
    evidence: dict[str, Evidence] = field(default_factory=dict)
    """Evidence of projects and milestones by node id."""

    @property
    def enrolled(self) -> Enrolment | None:
        """The live enrolment: None when there is none or it was undone."""
        enrolment = self.enrolment
        return None if enrolment is None or enrolment.deleted else enrolment

    def state(self, item_id: str) -> ItemState:
        """The state of an item, todo when never touched."""
        record = self.items.get(item_id)
        return record.state if record else ItemState.TODO

    def note(self, target_id: str) -> str | None:
        """The live note on an item or node, if any."""
        note = self.notes.get(target_id)
        return note.text if note and not note.deleted and note.text else None

    def live_removed(self) -> dict[str, RemovedItem]:
        """Removed items not restored or given up, by their old id."""
        return {key: r for key, r in self.removed.items() if not r.deleted}

    def live_own_items(self, node_id: str | None = None) -> list[OwnItem]:
        """Own items not deleted, optionally only those on one node."""
        return [
            item
            for item in self.own_items.values()
            if not item.deleted and (node_id is None or item.node == node_id)
        ]

    def week_answers_of(self, week: str) -> dict[str, str]:
        """A week's live answers by prompt (``worked``, ``blocked``, ``next``)."""
        found = {}
        for prompt in WEEK_PROMPTS:
            answer = self.week_answers.get(week_answer_key(week, prompt))
            if answer is not None and not answer.deleted and answer.text:
                found[prompt] = answer.text
        return found

    def score_history(self, node_id: str) -> list[Score]:
        """A project's live scorings, oldest first (the last one is the one shown)."""
        found = [s for s in self.scores.values() if not s.deleted and s.node == node_id]
        return sorted(found, key=lambda s: (s.scored, s.updated))

    def latest_score(self, node_id: str) -> Score | None:
        """A project's latest live scoring, None when it was never scored."""
        history = self.score_history(node_id)
        return history[-1] if history else None

    def live_evidence(self, node_id: str) -> Evidence | None:
        """The evidence given for a project or milestone, None when there is none."""
        found = self.evidence.get(node_id)
        return None if found is None or found.deleted else found


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Settings(_Record):
    """App-wide settings."""

    active_roadmap: str | None = None
    """Id of the roadmap the app opens."""
    theme: str | None = None
    """Textual theme name."""
    day_start_hour: int = 4
    """A session before this hour counts for the day before."""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check(0 <= self.day_start_hour <= 23, "day_start_hour must be between 0 and 23")


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Progress(ByFields):
    """The whole progress file."""

    schema_version: int = SCHEMA_VERSION
    """Schema of the file (``schema = 3`` in it)."""
    settings: Settings = field(default_factory=lambda: Settings(updated=_EPOCH))
    """App-wide settings."""
    roadmaps: dict[str, RoadmapProgress] = field(default_factory=dict)
    """Progress by roadmap id."""
    checkins: dict[str, CheckIn] = field(default_factory=dict)
    """Check-ins by id, tombstones included."""

    def roadmap(self, roadmap_id: str) -> RoadmapProgress:
        """Progress on one roadmap (empty when there is none)."""
        return self.roadmaps.get(roadmap_id) or RoadmapProgress()

    def live_checkins(self, roadmap_id: str | None = None) -> list[CheckIn]:
        """Check-ins not deleted, by date then creation, optionally for one roadmap."""
        found = [
            c
            for c in self.checkins.values()
            if not c.deleted and (roadmap_id is None or c.roadmap == roadmap_id)
        ]
        return sorted(found, key=lambda c: (c.date, c.created))


# --- changes -------------------------------------------------------------------------
# Each returns a new Progress; nothing is mutated.


def new_checkin_id() -> str:
    """A short random id for a check-in (40 random bits, as hex)."""
    return os.urandom(5).hex()


def _with_roadmap(progress: Progress, roadmap_id: str, rp: RoadmapProgress) -> Progress:
    return replace(progress, roadmaps={**progress.roadmaps, roadmap_id: rp})


def enrol(progress: Progress, roadmap_id: str, enrolment: Enrolment) -> Progress:
    """Enrol in a roadmap (or change the enrolment) and make it active."""
    rp = replace(progress.roadmap(roadmap_id), enrolment=enrolment)
    progress = _with_roadmap(progress, roadmap_id, rp)
    return set_active(progress, roadmap_id, enrolment.updated)


def leave(progress: Progress, roadmap_id: str, when: datetime) -> Progress:
    """Un-enrol: the enrolment becomes a tombstone (a merge with a copy that still has it
    cannot bring it back); item states, notes and check-ins stay. A roadmap left stops
    being the active one."""
    rp = progress.roadmap(roadmap_id)
    if rp.enrolled is None:
        return progress
    rp = replace(rp, enrolment=replace(rp.enrolled, deleted=True, updated=when))
    progress = _with_roadmap(progress, roadmap_id, rp)
    if progress.settings.active_roadmap == roadmap_id:
        settings = replace(progress.settings, active_roadmap=None, updated=when)
        progress = replace(progress, settings=settings)
    return progress


def set_active(progress: Progress, roadmap_id: str, when: datetime) -> Progress:
    """Make a roadmap the active one."""
    settings = replace(progress.settings, active_roadmap=roadmap_id, updated=when)
    return replace(progress, settings=settings)


def set_item_state(
    progress: Progress, roadmap_id: str, item_id: str, state: ItemState, when: datetime
) -> Progress:
    """Record a new state for an item; the time it was first closed stays (``closed_at``)."""
    rp = progress.roadmap(roadmap_id)
    old = rp.items.get(item_id)
    first = old.closed_at if old is not None else None
    items = {**rp.items, item_id: ItemRecord(state=state, updated=when, closed_at=first)}
    return _with_roadmap(progress, roadmap_id, replace(rp, items=items))


def set_note(
    progress: Progress, roadmap_id: str, target_id: str, text: str, when: datetime
) -> Progress:
    """Set the note on an item or node; an empty text deletes it (a tombstone)."""
    rp = progress.roadmap(roadmap_id)
    text = clean_text(text).strip()
    note = Note(text=text, deleted=not text, updated=when)
    notes = {**rp.notes, target_id: note}
    return _with_roadmap(progress, roadmap_id, replace(rp, notes=notes))


def add_own_item(
    progress: Progress,
    roadmap_id: str,
    node_id: str,
    text: str,
    when: datetime,
    url: str | None = None,
) -> tuple[Progress, str]:
    """Add an own item (or link, with ``url``) to a node; returns the new progress and id."""
    from syllabus.model.slug import slugify

    rp = progress.roadmap(roadmap_id)
    base = f"user/{slugify(text) or 'item'}"
    item_id, n = base, 2
    while item_id in rp.own_items:
        item_id, n = f"{base}-{n}", n + 1
    own = OwnItem(id=item_id, node=node_id, text=clean_text(text), url=url, updated=when)
    own_items = {**rp.own_items, item_id: own}
    return _with_roadmap(progress, roadmap_id, replace(rp, own_items=own_items)), (item_id)


def set_week_answer(
    progress: Progress, roadmap_id: str, week: str, prompt: str, text: str, when: datetime
) -> Progress:
    """Answer one prompt of a week's review; an empty text removes the answer (a tombstone)."""
    _check(prompt in WEEK_PROMPTS, "prompt must be worked, blocked or next")
    rp = progress.roadmap(roadmap_id)
    text = clean_text(text).strip()
    answer = WeekAnswer(text=text, deleted=not text, updated=when)
    answers = {**rp.week_answers, week_answer_key(week, prompt): answer}
    return _with_roadmap(progress, roadmap_id, replace(rp, week_answers=answers))


def add_score(
    progress: Progress, roadmap_id: str, node_id: str, points: dict[str, float], when: datetime
) -> tuple[Progress, str]:
    """Add a scoring of a project (a new record: the history stays); returns the key."""
    rp = progress.roadmap(roadmap_id)
    key = f"{node_id}#{os.urandom(4).hex()}"
    while key in rp.scores:
        key = f"{node_id}#{os.urandom(4).hex()}"
    given = [Points(criterion=name, points=value) for name, value in points.items()]
    score = Score(node=node_id, points=given, scored=when, updated=when)
    scores = {**rp.scores, key: score}
    return _with_roadmap(progress, roadmap_id, replace(rp, scores=scores)), key


def set_evidence(progress: Progress, roadmap_id: str, node_id: str, evidence: Evidence) -> Progress:
    """Record the evidence of a project or milestone (replacing what it had)."""
    rp = progress.roadmap(roadmap_id)
    table = {**rp.evidence, node_id: evidence}
    return _with_roadmap(progress, roadmap_id, replace(rp, evidence=table))


def delete_own_item(progress: Progress, roadmap_id: str, item_id: str, when: datetime) -> Progress:
    """Remove an own item, leaving a tombstone."""
    rp = progress.roadmap(roadmap_id)
    own = replace(rp.own_items[item_id], deleted=True, updated=when)
    own_items = {**rp.own_items, item_id: own}
    return _with_roadmap(progress, roadmap_id, replace(rp, own_items=own_items))


def put_checkin(progress: Progress, checkin: CheckIn) -> Progress:
    """Add or replace a check-in (by id)."""
    return replace(progress, checkins={**progress.checkins, checkin.id: checkin})


def delete_checkin(progress: Progress, checkin_id: str, when: datetime) -> Progress:
    """Remove a check-in, leaving a tombstone so a merge cannot revive it."""
    old = progress.checkins[checkin_id]
    return put_checkin(progress, replace(old, deleted=True, updated=when))


# --- merge ---------------------------------------------------------------------------

R = TypeVar("R", bound=_Record)
T = TypeVar("T")


def _later(a: R | None, b: R | None, tie_a: bool = False) -> R | None:
    """The record changed last; on a tie, ``a`` if ``tie_a``, else a stable choice."""
    if a is None or a is b:
        return b
    if b is None:
        return a
    ta, tb = a.updated, b.updated
    if ta != tb:
        return a if ta > tb else b
    if tie_a or a == b:
        return a
    return a if _tie_key(a) >= _tie_key(b) else b


def _tie_key(record: _Record) -> str:
    """The content without the time, with every moment in UTC: equal records, equal keys."""
    import json

    def plain(value: object) -> str:
        if isinstance(value, datetime):
            return as_utc(value).isoformat()
        if isinstance(value, date):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    data = asdict(record)
    del data["updated"]
    return json.dumps(data, sort_keys=True, default=plain)


def _merge_dict(a: dict[str, R], b: dict[str, R], tie_a: bool) -> dict[str, R]:
    if a is b or not b:
        return a
    if not a:
        return b
    merged = dict(a)
    # Inlined _later: this loop runs for every record of a 10,000-record file on each save.
    for key, theirs in b.items():
        ours = merged.get(key)
        if ours is theirs:
            continue
        if ours is None:
            merged[key] = theirs
            continue
        mine, other = ours.updated, theirs.updated
        if other > mine:
            merged[key] = theirs
        elif other == mine and not tie_a and ours != theirs:
            if _tie_key(theirs) > _tie_key(ours):
                merged[key] = theirs
    return merged


def _merge_roadmap(a: RoadmapProgress, b: RoadmapProgress, tie_a: bool) -> RoadmapProgress:
    if a is b:
        return a
    # Both sides are validated already: construct without validating again.
    return RoadmapProgress(
        enrolment=_later(a.enrolment, b.enrolment, tie_a),
        items=_merge_dict(a.items, b.items, tie_a),
        notes=_merge_dict(a.notes, b.notes, tie_a),
        own_items=_merge_dict(a.own_items, b.own_items, tie_a),
        removed=_merge_dict(a.removed, b.removed, tie_a),
        week_answers=_merge_dict(a.week_answers, b.week_answers, tie_a),
        cards=_merge_dict(a.cards, b.cards, tie_a),
        scores=_merge_dict(a.scores, b.scores, tie_a),
        evidence=_merge_dict(a.evidence, b.evidence, tie_a),
    )


def merge(a: Progress, b: Progress, prefer_a: bool = False) -> Progress:
    """Merge two copies record by record, the later change winning.

    Commutative unless ``prefer_a``: then a tie (same ``updated``, different content) goes
    to ``a``. Storage passes the file as ``a``, because only a hand edit changes a record
    without changing its time, and a hand edit is meant.
    """
    if a is b:
        return a
    roadmaps = {
        key: _merge_roadmap(a.roadmap(key), b.roadmap(key), prefer_a)
        for key in sorted(a.roadmaps.keys() | b.roadmaps.keys())
    }
    settings = _later(a.settings, b.settings, prefer_a)
    assert settings is not None
    return Progress(
        schema_version=max(a.schema_version, b.schema_version),
        settings=settings,
        roadmaps=roadmaps,
        checkins=_merge_dict(a.checkins, b.checkins, prefer_a),
    )


def study_day(moment: datetime, day_start_hour: int = 4) -> date:
    """The study day a moment (local time) belongs to: 01:30 counts for the day before."""
    from datetime import timedelta

    return (moment - timedelta(hours=day_start_hour)).date()


# --- records by path -------------------------------------------------------------------
# The undo journal stores changes record by record; a path names one record:
# ("settings",), ("checkins", id), ("roadmaps", roadmap id, "enrolment"),
# ("roadmaps", roadmap id, "items" | "notes" | "own_items" | "removed" | "week_answers"
# | "cards" | "scores" | "evidence", id).

RecordPath = tuple[str, ...]

ROADMAP_TABLES = (
    "items", "notes", "own_items", "removed", "week_answers", "cards", "scores", "evidence",
)  # fmt: skip
"""The tables of records a roadmap's progress holds, by field name."""

_KINDS: dict[str, type[_Record]] = {
    "settings": Settings,
    "checkins": CheckIn,
    "enrolment": Enrolment,
    "items": ItemRecord,
    "notes": Note,
    "own_items": OwnItem,
    "removed": RemovedItem,
    "week_answers": WeekAnswer,
    "cards": ReviewCard,
    "scores": Score,
    "evidence": Evidence,
}


def record_type(path: RecordPath) -> type[_Record]:
    """The model class of the record a path names."""
    return _KINDS[path[0] if len(path) <= 2 else path[2]]


def get_record(progress: Progress, path: RecordPath) -> _Record | None:
    """The record at a path, None when there is none."""
    if path[0] == "settings":
        return progress.settings
    if path[0] == "checkins":
        return progress.checkins.get(path[1])
    rp = progress.roadmaps.get(path[1])
    if rp is None:
        return None
    if path[2] == "enrolment":
        return rp.enrolment
    table: dict[str, _Record] = getattr(rp, path[2])
    return table.get(path[3])


def put_record(progress: Progress, path: RecordPath, record: _Record | None) -> Progress:
    """A copy of ``progress`` with the record at a path replaced (None removes it)."""
    if path[0] == "settings":
        assert isinstance(record, Settings)
        return replace(progress, settings=record)
    if path[0] == "checkins":
        checkins = dict(progress.checkins)
        if record is None:
            checkins.pop(path[1], None)
        else:
            checkins[path[1]] = record  # type: ignore[assignment]
        return replace(progress, checkins=checkins)
    rp = progress.roadmap(path[1])
    if path[2] == "enrolment":
        rp = replace(rp, enrolment=record)  # type: ignore[arg-type]
    else:
        table = dict(getattr(rp, path[2]))
        if record is None:
            table.pop(path[3], None)
        else:
            table[path[3]] = record
        rp = _replaced(rp, path[2], table)
    return _with_roadmap(progress, path[1], rp)


def _replaced(record: T, name: str, value: Any) -> T:
    """A copy of a record with the field named at run time set to ``value``."""
    return replace(record, **{name: value})  # type: ignore[type-var]


def put_records(progress: Progress, records: dict[RecordPath, _Record | None]) -> Progress:
    """``put_record`` for many paths, copying each table once."""
    tables: dict[RecordPath, dict[str, _Record | None]] = {}
    for path, record in records.items():
        if path[0] == "settings" or (len(path) == 3 and path[2] == "enrolment"):
            progress = put_record(progress, path, record)
        else:
            tables.setdefault(path[:-1], {})[path[-1]] = record
    for prefix, changes in tables.items():
        if prefix == ("checkins",):
            table: dict[str, _Record] = dict(progress.checkins)
        else:
            table = dict(getattr(progress.roadmap(prefix[1]), prefix[2]))
        for key, record in changes.items():
            if record is None:
                table.pop(key, None)
            else:
                table[key] = record
        if prefix == ("checkins",):
            progress = _replaced(progress, "checkins", table)
        else:
            rp = _replaced(progress.roadmap(prefix[1]), prefix[2], table)
            progress = _with_roadmap(progress, prefix[1], rp)
    return progress


def _diff_table(
    prefix: RecordPath, old: dict[str, _Record], new: dict[str, _Record]
) -> list[RecordPath]:
    if old is new:
        return []
    found = []
    for key, record in new.items():
        before = old.get(key)
        if before is not record and before != record:
            found.append((*prefix, key))
    found.extend((*prefix, key) for key in old.keys() - new.keys())
    return found


def changed_paths(old: Progress, new: Progress) -> list[RecordPath]:
    """The records that differ between two copies, in a stable order."""
    found: list[RecordPath] = []
    if old.settings != new.settings:
        found.append(("settings",))
    for rid in sorted(old.roadmaps.keys() | new.roadmaps.keys()):
        a, b = old.roadmap(rid), new.roadmap(rid)
        if a is b:
            continue
        if a.enrolment != b.enrolment:
            found.append(("roadmaps", rid, "enrolment"))
        for table in ROADMAP_TABLES:
            found.extend(
                _diff_table(("roadmaps", rid, table), getattr(a, table), getattr(b, table))
            )
    found.extend(_diff_table(("checkins",), old.checkins, new.checkins))  # type: ignore[arg-type]
    return found


def removed_version(path: RecordPath, record: _Record, when: datetime) -> _Record | None:
    """What a record becomes when the change that created it is undone.

    Records that have tombstones get one (so a merge cannot bring them back); an item
    state goes back to todo.
    """
    if isinstance(record, ItemRecord):
        return ItemRecord(state=ItemState.TODO, updated=when)
    if isinstance(
        record,
        (Note, OwnItem, CheckIn, Enrolment, RemovedItem, WeekAnswer, ReviewCard, Score, Evidence),
    ):
        return replace(record, deleted=True, updated=when)
    if isinstance(record, Settings):
        return Settings(updated=when)
    return None


def orphans(rp: RoadmapProgress, known_ids: set[str]) -> list[str]:
    """Ids with a state or note that the roadmap no longer has (kept, only reported).

    ``known_ids`` holds the roadmap's item and node ids; own items count as known.
    """
    own = set(rp.own_items)
    found = {i for i, r in rp.items.items() if r.state != ItemState.TODO}
    found |= {i for i, n in rp.notes.items() if not n.deleted}
    return sorted(found - known_ids - own)
