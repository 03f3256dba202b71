"""The rules the CLI, the app and the schedule share: one function per concept.

Nothing here reads a file or a clock; callers pass the time in. A rule that two
places need lives here once, so the two can never disagree (``show`` once said 1/7
where the tree said 1/6).

Counting: an item counts toward a node's progress when it is checkable; a skipped
item leaves the total; an optional item counts only once it is done; the learner's
own items count like the roadmap's. A node is complete when ``done == total``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from syllabus.locale import _
from syllabus.model.progress import (
    CheckIn,
    Enrolment,
    ItemState,
    Progress,
    RoadmapProgress,
    new_checkin_id,
    put_checkin,
    set_item_state,
)
from syllabus.model.roadmap import Node
from syllabus.model.text import clean_text
from syllabus.model.units import (
    InvalidEntry,
    check_date,
    default_rest_days,
    normalise_rest_days,
    normalise_weekday_hours,
    parse_date,
    parse_hours,
    parse_rest_days,
    parse_weekday_hours,
    weekday,
    weekday_hours_text,
    weekday_hours_week,
    weekday_label,
    weekday_runs,
    weekdays_text,
)

__all__ = [
    "Tally",
    "InvalidEntry",
    "check_date",
    "build_checkin",
    "check_in",
    "checkin_problem",
    "choose_roadmap",
    "clean_text",
    "counted_items",
    "default_rest_days",
    "normalise_rest_days",
    "normalise_weekday_hours",
    "opens_without_asking",
    "node_tally",
    "parse_date",
    "parse_hours",
    "parse_rest_days",
    "parse_weekday_hours",
    "tally",
    "weekday",
    "weekday_hours_text",
    "weekday_hours_week",
    "weekday_label",
    "weekday_runs",
    "weekdays_text",
]


@dataclass(frozen=True, slots=True)
class Tally:
    """Progress on a node: items done out of items that count."""

    done: int = 0
    """Items done."""
    total: int = 0
    """Items that count toward completion (see the module's counting rule)."""

    @property
    def complete(self) -> bool:
        """Everything that counts is done (an empty node is complete)."""
        return self.done == self.total

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.done + other.done, self.total + other.total)


def tally(entries: Iterable[tuple[ItemState, bool]]) -> Tally:
    """Count (state, optional) pairs of checkable items by the one counting rule."""
    done = total = 0
    done_state, skipped = ItemState.DONE, ItemState.SKIPPED  # looked up once: the schedule
    for state, optional in entries:  # counts 10,000 items on every status
        if state is done_state:
            done += 1
            total += 1
        elif state is not skipped and not optional:
            total += 1
    return Tally(done, total)


def counted_items(
    node: Node, rp: RoadmapProgress, instances: Mapping[str, Sequence[str]] | None = None
) -> Iterator[tuple[str, bool]]:
    """(item id, optional) of every checkable item under a node, own items included.

    A recurring item counts as its instances, ``ITEM_ID@N`` (``Plan.instances``), never
    as itself: without a plan to say its weeks it is not counted."""
    own: dict[str, list[str]] = {}
    for own_item in rp.live_own_items():
        own.setdefault(own_item.node, []).append(own_item.id)
    weekly = instances or {}
    for inner in node.walk():
        for item in inner.items:
            if not item.checkable:
                continue
            if item.recurring:
                for instance in weekly.get(item.id, ()):
                    yield instance, item.optional
            else:
                yield item.id, item.optional
        for item_id in own.get(inner.id, ()):
            yield item_id, False


def node_tally(
    node: Node, rp: RoadmapProgress, instances: Mapping[str, Sequence[str]] | None = None
) -> Tally:
    """Done and total of a node and its descendants (recurring items: their instances)."""
    counted = counted_items(node, rp, instances)
    return tally((rp.state(item_id), optional) for item_id, optional in counted)


WEB_SCHEMES = ("http", "https")
"""Link schemes the app opens without asking."""


def opens_without_asking(url: str) -> bool:
    """Whether a link is a web page; anything else (``file:``, a custom scheme that starts
    a program) is opened only after the learner confirms."""
    scheme, colon, rest = url.strip().partition(":")
    return bool(colon) and scheme.lower() in WEB_SCHEMES and rest.startswith("//")


def choose_roadmap(progress: Progress, wanted: str | None = None) -> str | None:
    """The roadmap a command acts on: the one named, else the active one, else the only one
    enrolled in; None when that leaves a choice to make."""
    if wanted:
        return wanted
    if progress.settings.active_roadmap:
        return progress.settings.active_roadmap
    enrolled = [rid for rid, rp in progress.roadmaps.items() if rp.enrolled is not None]
    return enrolled[0] if len(enrolled) == 1 else None


def build_checkin(
    old: CheckIn | None,
    *,
    day: date,
    hours: float,
    note: str,
    roadmap: str,
    node: str | None,
    items: Iterable[str],
    when: datetime,
    activity: str | None = None,
) -> CheckIn:
    """A new check-in, or ``old`` edited: same id and creation time, the note cleaned;
    ``activity`` is a key of ``model.activity`` (or an own name), None when not said."""
    return CheckIn(
        id=old.id if old else new_checkin_id(),
        date=check_date(day, "a check-in's date"),
        hours=hours,
        note=clean_text(note).strip(),
        roadmap=roadmap,
        node=node,
        items=list(dict.fromkeys(items)),
        activity=activity,
        created=old.created if old else when,
        updated=when,
    )


def check_in(progress: Progress, checkin: CheckIn) -> Progress:
    """Save a check-in and mark the items it names done (those not done already)."""
    progress = put_checkin(progress, checkin)
    rp = progress.roadmap(checkin.roadmap)
    for item_id in checkin.items:
        if rp.state(item_id) is not ItemState.DONE:
            progress = set_item_state(
                progress, checkin.roadmap, item_id, ItemState.DONE, checkin.updated
            )
    return progress


def checkin_problem(
    roadmap_id: str,
    enrolment: Enrolment | None,
    day: date,
    hours: float,
    note: str,
    today: date,
    *,
    kept_date: date | None = None,
) -> str | None:
    """Why a check-in cannot be saved as typed, in one line; None when it can.

    The one acceptance rule for the CLI's ``checkin`` and the app's dialog: no date
    after ``today`` (the study day), none before the enrolment's start (the line names
    the command that moves the start, after which backfilling works), and 0 hours only
    with a note saying what was done. ``kept_date`` is the date of the check-in being
    edited: keeping it is never refused, so an old record stays editable.
    """
    if day != kept_date:
        if day > today:
            return _(
                "a check-in cannot be dated in the future: {day} is after today ({today})"
            ).format(day=day.isoformat(), today=today.isoformat())
        if enrolment is not None and day < enrolment.start:
            return _(
                "{day} is before {roadmap} started ({start}); to log it, move the start "
                "first: `syllabus start {roadmap} --on {day}`"
            ).format(day=day.isoformat(), roadmap=roadmap_id, start=enrolment.start.isoformat())
    if hours <= 0 and not clean_text(note).strip():
        return _("a check-in of 0 hours needs a note saying what you did")
    return None
