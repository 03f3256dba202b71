"""Projects and their rubrics: which nodes are projects, what each criterion is worth,
and a self-scoring checked against it.

A **project** is a node that holds a project, capstone or rubric item (seed 004's
weekly "Mini Project" and its checkpoint capstones; a portfolio milestone). Its
**rubric** is read from its rubric items, one criterion a line: ``Correctness (40%)``,
``Correctness: 40 pts``, ``Code — 10 points``, ``Ethik (10 Punkte)``. A share in
percent is of the rubric's total, which the label above the lines may state
("Rubric (100 pts)"), else 100; points are points. A line with no number shares what
the others leave. A project with no rubric is scored on one criterion, ``Overall``,
out of 100, so every project and capstone can be scored.

Pure: no I/O, no clock. The CLI, the app and the portfolio all ask here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from syllabus.locale import _
from syllabus.model.progress import RoadmapProgress, Score
from syllabus.model.roadmap import Item, ItemKind, Node, Roadmap, Role
from syllabus.model.units import InvalidEntry

PROJECT_KINDS = frozenset({ItemKind.PROJECT, ItemKind.CAPSTONE})
"""Item kinds that make their node a project."""

OVERALL = "Overall"
"""The one criterion of a project whose roadmap states no rubric."""

DEFAULT_TOTAL = 100.0
"""A rubric's total when its label states none."""

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_POINT_WORDS = r"(?:pts?|points?|punkte?|pkt|puntos?|pontos?|ptos?|分|点)"
_PERCENT = re.compile(rf"[\s(:–—-]*{_NUMBER}\s*%\s*\)?\s*$")
_POINTS = re.compile(rf"[\s(:–—-]*{_NUMBER}\s*{_POINT_WORDS}\.?\s*\)?\s*$", re.I)
_LEADING_POINTS = re.compile(rf"^\s*\(?{_NUMBER}\s*({_POINT_WORDS}|%)\)?\s*[:–—-]\s*", re.I)
_TOTAL = re.compile(rf"{_NUMBER}\s*{_POINT_WORDS}", re.I)
_LABEL = re.compile(r"^\s*[\w\s-]{1,24}?:\s+(?=\S)")


class Spanned(Protocol):
    """What ``unscored_projects`` reads of a node's plan: its last day."""

    @property
    def end(self) -> date: ...


@dataclass(frozen=True, slots=True)
class Criterion:
    """One line of a rubric."""

    name: str
    """The criterion as the rubric names it ("Correctness", "Reproducibility/README")."""
    max_points: float
    """What it is worth: its share of the rubric's total."""
    item_id: str | None
    """The rubric item it comes from (None for ``Overall``)."""


@dataclass(frozen=True, slots=True)
class Rubric:
    """What a project is scored against."""

    criteria: tuple[Criterion, ...]
    """The criteria in the rubric's order."""
    stated: bool
    """Whether the roadmap states it (False: the ``Overall`` fallback)."""

    @property
    def total(self) -> float:
        """The points there are."""
        return sum(c.max_points for c in self.criteria)


@dataclass(frozen=True, slots=True)
class Project:
    """A project or capstone of a roadmap."""

    node: Node
    """The node that holds it."""
    title: str
    """What it is called: the project item's text without its label, else the node's title."""
    rubric: Rubric
    """What it is scored against."""
    capstone: bool
    """A capstone (a checkpoint or final project) rather than a weekly project."""

    @property
    def id(self) -> str:
        """The project's id: its node's."""
        return self.node.id


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_criterion(text: str) -> tuple[str, float | None, bool]:
    """(name, number, is a percentage) of one rubric line; the number is None when the
    line states none. ``"Correctness (40%)"`` → ``("Correctness", 40.0, True)``."""
    line = " ".join(text.split()).strip().strip("*").strip()
    for pattern, percent in ((_PERCENT, True), (_POINTS, False)):
        found = pattern.search(line)
        if found and found.start() > 0:
            name = line[: found.start()].strip(" :–—-(").strip()
            return name or line, _number(found.group(1)), percent
    lead = _LEADING_POINTS.match(line)
    if lead and lead.end() < len(line):
        return line[lead.end() :].strip(), _number(lead.group(1)), lead.group(2) == "%"
    return line.strip(" :–—-"), None, False


def stated_total(label: str | None) -> float | None:
    """The total a rubric's label states: "Rubric (100 pts)" → 100."""
    found = _TOTAL.search(label or "")
    return _number(found.group(1)) if found else None


def _weights(items: list[Item]) -> list[Criterion]:
    parsed = [(item, *parse_criterion(item.text)) for item in items]
    total = stated_total(items[0].group) if items else None
    percents = any(is_percent for _i, _n, value, is_percent in parsed if value is not None)
    if total is None:
        points_only = [v for _i, _n, v, p in parsed if v is not None and not p]
        total = sum(points_only) if points_only and not percents else DEFAULT_TOTAL
    worth: list[float | None] = []
    for _item, _name, value, is_percent in parsed:
        if value is None:
            worth.append(None)
        else:
            worth.append(value * total / 100 if is_percent else value)
    unstated = worth.count(None)
    rest = max(total - sum(w for w in worth if w is not None), 0.0)
    share = rest / unstated if unstated else 0.0
    return [
        Criterion(name, round(w if w is not None else share, 4), item.id)
        for (item, name, _v, _p), w in zip(parsed, worth, strict=True)
    ]


def rubric_of(node: Node) -> Rubric:
    """The rubric a project's node states, else the ``Overall`` one."""
    items = [item for item in node.items if item.kind is ItemKind.RUBRIC]
    if items:
        criteria = _weights(items)
        if sum(c.max_points for c in criteria) > 0:
            return Rubric(tuple(criteria), stated=True)
    return Rubric((Criterion(OVERALL, DEFAULT_TOTAL, None),), stated=False)


def max_points(node: Node, item: Item) -> float | None:
    """What a rubric item is worth (``export --format json``'s ``max_points``)."""
    if item.kind is not ItemKind.RUBRIC:
        return None
    for criterion in rubric_of(node).criteria:
        if criterion.item_id == item.id:
            return criterion.max_points
    return None


def is_project(node: Node) -> bool:
    """Whether a node holds a project: a project, capstone or rubric item, outside the
    appendices."""
    if node.role is Role.APPENDIX:
        return False
    return any(item.kind in PROJECT_KINDS or item.kind is ItemKind.RUBRIC for item in node.items)


def project_title(node: Node) -> str:
    """The project's name: its first project or capstone item without a short label
    ("Project: ", "Capstone Project: "), else the node's title."""
    for item in node.items:
        if item.kind in PROJECT_KINDS:
            text = " ".join(item.text.split())
            label = _LABEL.match(text)
            return text[label.end() :] if label else text
    return node.title


def projects(roadmap: Roadmap) -> list[Project]:
    """Every project and capstone of a roadmap, in document order."""
    found = []
    for node in roadmap.walk():
        if is_project(node):
            capstone = any(item.kind is ItemKind.CAPSTONE for item in node.items)
            found.append(Project(node, project_title(node), rubric_of(node), capstone))
    return found


def project_for(roadmap: Roadmap, target_id: str) -> Project | None:
    """The project a node id, or the id of one of its items (a rubric line), names."""
    for project in projects(roadmap):
        if target_id == project.id or any(i.id == target_id for i in project.node.items):
            return project
    return None


def project_ids(roadmap: Roadmap) -> list[str]:
    """The ids ``score`` takes: each project's node and its rubric and project items."""
    ids = []
    for project in projects(roadmap):
        ids.append(project.id)
        ids.extend(
            item.id
            for item in project.node.items
            if item.kind is ItemKind.RUBRIC or item.kind in PROJECT_KINDS
        )
    return ids


def find_criterion(rubric: Rubric, wanted: str) -> Criterion:
    """The criterion a name, or a unique start of one, names (case does not matter)."""
    key = " ".join(wanted.split()).casefold()
    names = [c for c in rubric.criteria if c.name.casefold() == key]
    if not names:
        names = [c for c in rubric.criteria if c.name.casefold().startswith(key)]
    if len(names) == 1 and key:
        return names[0]
    known = ", ".join(c.name for c in rubric.criteria)
    if names:
        message = _("criterion {name!r} is ambiguous: {names}")
        raise InvalidEntry(message.format(name=wanted, names=", ".join(c.name for c in names)))
    raise InvalidEntry(_("no criterion {name!r}; the rubric has: {names}").format(
        name=wanted, names=known
    ))  # fmt: skip


def parse_points(rubric: Rubric, given: Iterable[str]) -> dict[str, float]:
    """``"Correctness=32"`` pairs as points by criterion name, each checked against the
    criterion's share (above it, below 0 or not a number is an ``InvalidEntry``)."""
    points: dict[str, float] = {}
    for pair in given:
        name, equals, raw = pair.rpartition("=")
        if not equals or not name.strip():
            message = _('say the points as NAME=POINTS ("Correctness=32"), got {text!r}')
            raise InvalidEntry(message.format(text=pair))
        criterion = find_criterion(rubric, name)
        points[criterion.name] = check_points(criterion, raw)
    return points


def check_points(criterion: Criterion, raw: str) -> float:
    """Points typed for a criterion: a number from 0 to its share."""
    try:
        value = _number(raw.strip())
    except ValueError:
        message = _("not a number of points for {name}: {text!r}")
        raise InvalidEntry(message.format(name=criterion.name, text=raw)) from None
    if not 0 <= value <= criterion.max_points:
        message = _("{name} takes 0 to {most} points, got {text}")
        raise InvalidEntry(
            message.format(name=criterion.name, most=points_text(criterion.max_points), text=raw)
        )
    return value


def rescored(rubric: Rubric, last: Score | None, given: dict[str, float]) -> dict[str, float]:
    """A new scoring's points: those given, the other criteria keeping their last score."""
    before = last.by_criterion() if last is not None else {}
    points = {}
    for criterion in rubric.criteria:
        if criterion.name in given:
            points[criterion.name] = given[criterion.name]
        elif criterion.name in before:
            points[criterion.name] = before[criterion.name]
    return points


def total(rubric: Rubric, score: Score | None) -> float | None:
    """The weighted total of a scoring (the points of the rubric's criteria), None
    when there is none."""
    if score is None:
        return None
    points = score.by_criterion()
    return sum(min(points.get(c.name, 0.0), c.max_points) for c in rubric.criteria)


def points_text(value: float) -> str:
    """Points as written: ``32``, ``7.5``."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def unscored(roadmap: Roadmap, rp: RoadmapProgress, finished: Iterable[str]) -> list[Project]:
    """The projects among ``finished`` node ids (the weeks the plan has passed) never scored."""
    done = set(finished)
    return [p for p in projects(roadmap) if p.id in done and rp.latest_score(p.id) is None]


def unscored_projects(
    roadmap: Roadmap, rp: RoadmapProgress, planned: Mapping[str, Spanned], today: date
) -> list[Project]:
    """The projects never scored whose week is finished: planned to end before today,
    or every item that counts done (``planned``: the plan's nodes by id)."""
    from syllabus.model.rules import node_tally

    found = []
    for project in projects(roadmap):
        if rp.latest_score(project.id) is not None:
            continue
        span = planned.get(project.id)
        tally = node_tally(project.node, rp)
        if (span is not None and span.end < today) or (tally.total and tally.complete):
            found.append(project)
    return found
