"""The roadmap model: a tree of nodes holding items, with timing.

Pure data and pure logic; no I/O and nothing from the UI layer. A roadmap is what
the importer makes from a Markdown document and what ``roadmaps/<id>.toml`` stores.

The classes are frozen standard dataclasses (equality, hash and repr from
``model.by_fields``), and pydantic validates them: a roadmap
file is read with ``model.validate.roadmap`` (a pydantic ``TypeAdapter`` over these
classes, unknown keys refused). Why not ``BaseModel``: building model classes costs
pydantic more than its own import (measured: the first model class adds 40 % to
``from pydantic import BaseModel``). A file whose values already have their fields'
exact types (what syllabus writes) is built by ``model.plain.build`` through the same
``__post_init__`` rules without pydantic; anything else goes to pydantic. One-shot
commands and the app's start-up stay quick.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from syllabus.model.by_fields import ByFields
from syllabus.model.text import clean_fields

WEEKS_PER_MONTH = 4
"""A document "month" is four weeks of work (seed 003: eight weeks are months 1-2)."""

DAYS_PER_WEEK = 7

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names, Monday first, as ``Pace.weekday_hours`` keys them."""


class Role(StrEnum):
    """What a node is for, which decides how it is scheduled and shown."""

    PHASE = "phase"
    """A sequential stage of the plan."""
    SECTION = "section"
    """A week or an area inside a phase."""
    SIDE_TRACK = "side-track"
    """Work that runs alongside the phases over the whole plan."""
    HABIT = "habit"
    """An ongoing routine that recurs every week."""
    MILESTONE = "milestone"
    """A checkpoint or capstone at the end of what it closes."""
    APPENDIX = "appendix"
    """Reference material: shown, never scheduled."""


ASIDE_REASONS = (
    "toc", "credits", "community", "contributing", "licence", "code-of-conduct", "faq",
    "logistics", "badges", "preface",
)  # fmt: skip
"""Why a node is set aside from the plan: a table of contents, credits (team, instructors,
sponsors, thanks, testimonials), community, contributing, licence, code of conduct, FAQ,
how-to-take-this-course logistics, badges and images, a preface ("Introduction", "About"
before the plan)."""


class Unit(StrEnum):
    """The unit of a timing range."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @property
    def days(self) -> int:
        """Length of one unit in calendar days of work."""
        return {Unit.DAY: 1, Unit.WEEK: DAYS_PER_WEEK, Unit.MONTH: WEEKS_PER_MONTH * 7}[self]


class ItemKind(StrEnum):
    """What an item is; the kind decides whether a learner ticks it off."""

    TASK = "task"
    TOPIC = "topic"
    RESOURCE = "resource"
    PROJECT = "project"
    DELIVERABLE = "deliverable"
    SELF_CHECK = "self-check"
    CAPSTONE = "capstone"
    GOAL = "goal"
    OUTCOME = "outcome"
    RUBRIC = "rubric"
    ETHICS = "ethics"
    TIP = "tip"
    NOTE = "note"

    @property
    def checkable(self) -> bool:
        """Whether items of this kind are ticked off by default."""
        return self in CHECKABLE_KINDS


CHECKABLE_KINDS = frozenset(
    {
        ItemKind.TASK,
        ItemKind.TOPIC,
        ItemKind.RESOURCE,
        ItemKind.PROJECT,
        ItemKind.DELIVERABLE,
        ItemKind.SELF_CHECK,
        ItemKind.CAPSTONE,
    }
)


_FORBID: Any = {"extra": "forbid"}
"""pydantic's config for these classes (a plain dict: this module never imports pydantic)."""


@dataclass(frozen=True, eq=False, repr=False)
class _Range(ByFields):
    """A low-high range; ``pick`` chooses the end the learner's estimate asks for."""

    __pydantic_config__ = _FORBID

    low: float
    high: float

    def __post_init__(self) -> None:
        # Floats as pydantic would make them, so "Weeks 1-4" writes 1.0 either way.
        if type(self.low) is not float:
            object.__setattr__(self, "low", float(self.low))
        if type(self.high) is not float:
            object.__setattr__(self, "high", float(self.high))

    def pick(self, estimate: str) -> float:
        """The low, middle or high value for an estimate name."""
        if estimate == "low":
            return self.low
        if estimate == "high":
            return self.high
        return (self.low + self.high) / 2


@dataclass(frozen=True, eq=False, repr=False)
class Span(_Range):
    """A range with a unit: "Weeks 1-4" is Span(low=1, high=4, unit=week)."""

    low: float
    """Lower bound (for a position: the first unit, counted from 1)."""
    high: float
    """Upper bound (for a position: the last unit, inclusive)."""
    unit: Unit
    """The unit both bounds are in."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if type(self.unit) is not Unit:
            object.__setattr__(self, "unit", Unit(self.unit))

    def days(self, bound: float) -> float:
        """A bound of this span in days."""
        return bound * self.unit.days


@dataclass(frozen=True, eq=False, repr=False)
class HoursRange(_Range):
    """An estimate of hours of work, as a range ("10-12 hours")."""

    low: float
    """Fewest hours the document gives."""
    high: float
    """Most hours the document gives (equal to low for a single number)."""


@dataclass(frozen=True, eq=False, repr=False)
class Timing(ByFields):
    """Where a node sits in the plan and how long it takes, kept apart."""

    __pydantic_config__ = _FORBID

    position: Span | None = None
    """Where in the plan: "Weeks 1-4", "Monate 1-2", a timeline month."""
    duration: Span | None = None
    """How long: "1-2 Monate", "Week"."""
    hours: HoursRange | None = None
    """Estimated hours of work ("**Time**: 10-12 hours", "Estimated time (hours): 13")."""


@dataclass(frozen=True, eq=False, repr=False)
class Pace(ByFields):
    """The pace a roadmap states, as written and as numbers."""

    __pydantic_config__ = _FORBID

    text: str | None = None
    """The pace as the document words it ("2-3 h/Tag | 6 Tage/Woche")."""
    hours_per_week: HoursRange | None = None
    """Hours of study a week."""
    hours_per_day: HoursRange | None = None
    """Hours of study a study day, where the document says so."""
    days_per_week: int | None = None
    """Study days a week, where the document says so."""
    weekday_hours: dict[str, float] = field(default_factory=dict)
    """Hours by weekday name ("mon" ... "sun"), where the document gives a routine."""

    def __post_init__(self) -> None:
        clean_fields(self, "text")
        if any(type(hours) is not float for hours in self.weekday_hours.values()):
            hours = {day: float(value) for day, value in self.weekday_hours.items()}
            object.__setattr__(self, "weekday_hours", hours)

    def study_week(
        self, estimate: str = "mid"
    ) -> tuple[float | None, int | None, list[str] | None]:
        """Hours a week, study days and rest days this pace states, where it does.

        One answer for every place that prefills an enrolment (the CLI's ``start``, the
        welcome screen), so both offer the same defaults.
        """
        days = self.days_per_week
        rest = None
        if self.weekday_hours:
            rest = [d for d in WEEKDAY_NAMES if not self.weekday_hours.get(d)]
            days = days or 7 - len(rest)
        hours: float | None = None
        if self.hours_per_week is not None:
            hours = self.hours_per_week.pick(estimate)
        elif self.weekday_hours:
            hours = sum(self.weekday_hours.values())
        elif self.hours_per_day is not None:
            hours = self.hours_per_day.pick(estimate) * (days or 6)
        return hours, days, rest


@dataclass(frozen=True, eq=False, repr=False)
class Item(ByFields):
    """One line of a roadmap: a task to tick off, a resource, or a note to read."""

    __pydantic_config__ = _FORBID

    id: str
    """Stable id: ``<node id>/<slug>``, unique in the roadmap."""
    text: str
    """The text as written, brackets and all ("[3 hrs] Learn ...")."""
    kind: ItemKind = ItemKind.TASK
    """What the item is."""
    checkable: bool = True
    """Whether the learner ticks it off."""
    optional: bool = False
    """Stretch goals and pick-one options: not counted against progress until done."""
    url: str | None = None
    """The first link in the item, if any."""
    hours: float | None = None
    """Estimated hours for this item ("[3 hrs]")."""
    group: str | None = None
    """The label the item stands under in the document ("Deliverables", "Ressourcen")."""
    depth: int = 0
    """Nesting depth in the document's list (0 = top level)."""
    alongside: str | None = None
    """The main-plan node it is studied alongside ("month-3-4", or "first..last" for a
    run of them): due at that work's end, its hours part of that work, not added to it."""
    hours_high: float | None = None
    """The upper end when the document gives the hours as a range ("6-10 hours/week" for
    14 weeks: ``hours`` 84, ``hours_high`` 140); None for a single number."""
    marked: str | None = None
    """The state the document writes for it: "done" (``- [x]``, ``[✔️]``) or "skipped"
    (``[-]``). Offered when enrolling, never applied without the learner's word."""
    body: str = ""
    """Markdown the document writes inside the item after its first line (continuation
    paragraphs, with their links)."""
    recurring: Literal["weekly"] | None = None
    """"weekly": the item recurs every week of its node's span (seed 004's "Project
    Deliverables (Every Week)", a habit's routine): the plan makes one instance a plan
    week, ``ITEM_ID@N``, each ticked on its own; ``hours`` are per instance."""

    def __post_init__(self) -> None:
        clean_fields(self, "text", "url", "group", "marked", "body")
        if self.marked not in (None, "done", "skipped"):
            raise ValueError(f"marked must be 'done' or 'skipped', not {self.marked!r}")
        if self.recurring not in (None, "weekly"):
            raise ValueError(f"recurring must be 'weekly', not {self.recurring!r}")
        if type(self.kind) is not ItemKind:
            object.__setattr__(self, "kind", ItemKind(self.kind))
        if self.hours is not None and type(self.hours) is not float:
            object.__setattr__(self, "hours", float(self.hours))
        if self.hours_high is not None and type(self.hours_high) is not float:
            object.__setattr__(self, "hours_high", float(self.hours_high))


@dataclass(frozen=True, eq=False, repr=False)
class Node(ByFields):
    """A phase, week, section, track, habit, milestone or appendix of a roadmap."""

    __pydantic_config__ = _FORBID

    id: str
    """Stable id: the node's path of slugs ("phase-2/week-05")."""
    title: str
    """Heading text, cleaned of Markdown emphasis."""
    role: Role = Role.SECTION
    """What the node is for."""
    goal: str | None = None
    """The node's stated goal ("Ziel"), if any."""
    prerequisites: list[str] = field(default_factory=list)
    """Ids of nodes that should be done first."""
    prerequisites_text: str | None = None
    """The prerequisites as written ("Weeks 1-4", "None")."""
    body: str = ""
    """Markdown for prose, tables and code the node holds, in document order."""
    timing: Timing = field(default_factory=Timing)
    """Position, duration and hours."""
    children: list[Node] = field(default_factory=list)
    """Child nodes in document order."""
    items: list[Item] = field(default_factory=list)
    """Items in document order."""
    aside: str | None = None
    """Why the importer set this node aside from the plan (an appendix never scheduled):
    one of ``ASIDE_REASONS``; None for the plan itself and for a hint's appendix."""
    track: str | None = None
    """The alternative track this node belongs to ("Accelerated", "Part-time"); the
    learner picks one track at enrolment and the others are left out (``choose_track``)."""

    def __post_init__(self) -> None:
        clean_fields(self, "title", "goal", "prerequisites_text", "body", "aside", "track")
        if self.aside is not None and self.aside not in ASIDE_REASONS:
            raise ValueError(f"aside must be one of {', '.join(ASIDE_REASONS)}, not {self.aside!r}")
        if type(self.role) is not Role:
            object.__setattr__(self, "role", Role(self.role))

    def walk(self) -> Iterator[Node]:
        """This node and every descendant, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, eq=False, repr=False)
class Roadmap(ByFields):
    """A whole learning roadmap."""

    __pydantic_config__ = _FORBID

    id: str
    """Stable id, an ASCII slug ("ml-engineer-16-weeks")."""
    title: str
    """The roadmap's title."""
    source: str = ""
    """File name it was imported from."""
    language: str = "en"
    """Language code of the text ("de", "en")."""
    summary: str = ""
    """Markdown preamble: what the roadmap is about, overview tables."""
    pace: Pace = field(default_factory=Pace)
    """The pace the document states."""
    schedule_by: str = "auto"
    """Which timing wins when sizing: "position", "duration", "hours" or "auto"."""
    nodes: list[Node] = field(default_factory=list)
    """Top-level nodes in document order."""
    length: Span | None = None
    """The whole plan's length as the document states it ("about 2 years", "A 9-Week
    Course", "90日間"): a check on the schedule, which should not plan it much shorter."""

    def __post_init__(self) -> None:
        clean_fields(self, "title", "source", "language", "summary", "schedule_by")

    def walk(self) -> Iterator[Node]:
        """Every node, depth first, in document order."""
        for node in self.nodes:
            yield from node.walk()

    def items(self) -> Iterator[tuple[Node, Item]]:
        """Every item with the node holding it, in document order."""
        for node in self.walk():
            for item in node.items:
                yield node, item

    def node_index(self) -> dict[str, Node]:
        """Nodes by id."""
        return {node.id: node for node in self.walk()}

    def item_index(self) -> dict[str, tuple[Node, Item]]:
        """Items, with their node, by id."""
        return {item.id: (node, item) for node, item in self.items()}

    def tracks(self) -> list[str]:
        """The names of the alternative tracks, in document order (none: one plan)."""
        return list(dict.fromkeys(node.track for node in self.walk() if node.track))

    def counts(self) -> tuple[int, int]:
        """(all items, checkable items)."""
        total = checkable = 0
        for _, item in self.items():
            total += 1
            checkable += item.checkable
        return total, checkable


def find_track(names: list[str], wanted: str) -> str | None:
    """The track ``wanted`` names: the whole name, else the one name that starts with it
    ("standard" for "Standard track (6 months)"), case-insensitively; None if none or many."""
    key = " ".join(wanted.casefold().split())
    if not key:
        return None
    for exact in names:
        if exact.casefold() == key:
            return exact
    starting = [n for n in names if n.casefold().startswith(key)]
    return starting[0] if len(starting) == 1 else None


def choose_track(roadmap: Roadmap, name: str | None) -> Roadmap:
    """The roadmap as a learner on track ``name`` follows it: the nodes of every other
    track left out (``None``: the first track). A roadmap without tracks is returned as is.

    ``name`` is matched by ``find_track``; an unknown name is a ``ValueError`` naming
    the tracks there are.
    """
    from dataclasses import replace

    names = roadmap.tracks()
    if not names:
        return roadmap
    chosen = names[0] if name is None else find_track(names, name)
    if chosen is None:
        raise ValueError(f"no track {name!r}; the tracks are: {', '.join(names)}")

    def keep(nodes: list[Node]) -> list[Node]:
        kept = []
        for node in nodes:
            if node.track and node.track != chosen:
                continue
            children = keep(node.children)
            same = len(children) == len(node.children)
            kept.append(node if same else replace(node, children=children))
        return kept

    return replace(roadmap, nodes=keep(roadmap.nodes))
