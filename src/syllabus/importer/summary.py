"""What an import found, in a few numbers: for ``syllabus import`` and the import screen.

``summary`` is pure over the roadmap (and the re-import's matching, when there is
one); ``lines`` words it for a person, ``as_json`` gives it to a script (keys and
values never translated). The planned length and hours are ``planned_weeks`` and
``planned_hours``, the same rules the catalog's header uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from syllabus.locale import _, ngettext

if TYPE_CHECKING:
    from syllabus.importer.reimport import Reimport
    from syllabus.model.roadmap import Node, Roadmap


def _in_appendix(roadmap: Roadmap, node_id: str) -> bool:
    from syllabus.model.roadmap import Role

    index = roadmap.node_index()
    parts = node_id.split("/")
    return any(
        index[p].role is Role.APPENDIX
        for p in ("/".join(parts[: i + 1]) for i in range(len(parts) - 1))
        if p in index
    )


def planned_weeks(roadmap: Roadmap) -> float | None:
    """Where the last scheduled node's position ends, in weeks (None: no positions)."""
    from syllabus.model.roadmap import Role, Unit

    unscheduled = (Role.APPENDIX, Role.SIDE_TRACK, Role.HABIT)
    weeks: float | None = None
    for node in roadmap.walk():
        span = node.timing.position
        if span is None or node.role in unscheduled or _in_appendix(roadmap, node.id):
            continue
        end = span.high * (4 if span.unit is Unit.MONTH else 1 / 7 if span.unit is Unit.DAY else 1)
        weeks = max(weeks or 0.0, end)
    return weeks


def planned_hours(roadmap: Roadmap) -> tuple[float, float] | None:
    """The hours the nodes state, summed (a node's own estimate wins over its children's);
    else the stated pace over the planned weeks; None when neither is known."""
    from syllabus.model.roadmap import Role

    unscheduled = (Role.APPENDIX, Role.SIDE_TRACK, Role.HABIT)

    def node_hours(nodes: list[Node]) -> tuple[float, float] | None:
        low = high = 0.0
        found = False
        for node in nodes:
            if node.role in unscheduled:
                continue
            if node.timing.hours is not None:
                low, high, found = low + node.timing.hours.low, high + node.timing.hours.high, True
            else:
                inner = node_hours(node.children)
                if inner:
                    low, high, found = low + inner[0], high + inner[1], True
        return (low, high) if found else None

    hours = node_hours(roadmap.nodes)
    weeks = planned_weeks(roadmap)
    per_week = roadmap.pace.hours_per_week
    if hours is None and weeks and per_week:
        hours = (per_week.low * weeks, per_week.high * weeks)
    return hours


@dataclass(frozen=True)
class SetAside:
    """A node kept out of the schedule (table of contents, credits, licence…)."""

    id: str
    title: str


@dataclass(frozen=True)
class ImportSummary:
    """What an import found."""

    id: str
    title: str
    language: str
    phases: int
    """Nodes with the phase role."""
    sections: int
    """Every other scheduled node."""
    items: int
    """Items in all."""
    checkable: int
    """Items a learner ticks off."""
    optional: int
    """Checkable items that are optional."""
    hours: tuple[float, float] | None
    """Hours found (low, high)."""
    weeks: float | None
    """Planned length in weeks, where positions give one."""
    pace_text: str | None
    """The pace as the document words it."""
    hours_per_week: float | None
    """The stated pace in hours a week (middle estimate)."""
    set_aside: tuple[SetAside, ...]
    """Appendix nodes: never scheduled or due."""
    warnings: tuple[str, ...] = ()
    """Lines a person should read (translated)."""
    reimport: Reimport | None = None
    """How the old version's items were found again, on a re-import."""
    saved: bool = True
    """False on ``--dry-run``."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Anything a caller adds to the JSON (never translated)."""


def summary(
    roadmap: Roadmap,
    reimport: Reimport | None = None,
    warnings: tuple[str, ...] = (),
    saved: bool = True,
) -> ImportSummary:
    """The summary of an imported roadmap (pure)."""
    from syllabus.model.roadmap import Role

    phases = sections = 0
    set_aside = []
    for node in roadmap.walk():
        if node.role is Role.APPENDIX:
            if not _in_appendix(roadmap, node.id):
                set_aside.append(SetAside(node.id, node.title))
        elif _in_appendix(roadmap, node.id):
            continue
        elif node.role is Role.PHASE:
            phases += 1
        else:
            sections += 1
    items = checkable = optional = 0
    for _node, item in roadmap.items():
        items += 1
        checkable += item.checkable
        optional += item.checkable and item.optional
    found = list(warnings)
    if not checkable:
        found.append(_("nothing to tick off: no checkable items were found"))
    if reimport is not None and reimport.ambiguous:
        found.append(
            ngettext(
                "{n} item was matched on a close call: check it below",
                "{n} items were matched on a close call: check them below",
                len(reimport.ambiguous),
            ).format(n=len(reimport.ambiguous))
        )
    hours_per_week, _days, _rest = roadmap.pace.study_week()
    return ImportSummary(
        id=roadmap.id,
        title=roadmap.title,
        language=roadmap.language,
        phases=phases,
        sections=sections,
        items=items,
        checkable=checkable,
        optional=optional,
        hours=planned_hours(roadmap),
        weeks=planned_weeks(roadmap),
        pace_text=roadmap.pace.text,
        hours_per_week=hours_per_week,
        set_aside=tuple(set_aside),
        warnings=tuple(found),
        reimport=reimport,
        saved=saved,
    )


def _range(low: float, high: float) -> str:
    from syllabus.locale.formats import format_number

    if low == high:
        return format_number(low, 1)
    return f"{format_number(low, 1)}–{format_number(high, 1)}"


def lines(found: ImportSummary) -> list[str]:
    """The summary for a person, a line each (translated; roadmap text as it is)."""
    from syllabus.locale.formats import format_number

    out = [
        ", ".join(
            (
                ngettext("{n} phase", "{n} phases", found.phases).format(n=found.phases),
                ngettext("{n} section", "{n} sections", found.sections).format(n=found.sections),
                ngettext("{n} checkable item", "{n} checkable items", found.checkable).format(
                    n=found.checkable
                )
                + " "
                + _("({n} in all, {optional} optional)").format(
                    n=found.items, optional=found.optional
                ),
            )
        )
    ]
    length = []
    if found.hours is not None:
        length.append(_("{hours} h found").format(hours=_range(*found.hours)))
    else:
        length.append(_("no hours found"))
    if found.weeks:
        length.append(
            ngettext(
                "planned over {n} week", "planned over {n} weeks", max(2, int(found.weeks))
            ).format(n=format_number(found.weeks, 1))
        )
    out.append(", ".join(length))
    if found.pace_text or found.hours_per_week:
        stated = found.pace_text or _("{hours} h/week").format(
            hours=format_number(found.hours_per_week or 0, 1)
        )
        out.append(_("stated pace: {pace}").format(pace=stated))
    else:
        out.append(_("no pace stated"))
    if found.set_aside:
        titles = "; ".join(s.title for s in found.set_aside[:6])
        more = len(found.set_aside) - 6
        if more > 0:
            titles += " " + _("and {n} more").format(n=more)
        out.append(_("set aside, never scheduled: {titles}").format(titles=titles))
    if found.reimport is not None:
        out.extend(reimport_lines(found.reimport))
    out.extend(_("warning: {line}").format(line=line) for line in found.warnings)
    if not found.saved:
        out.append(_("dry run: nothing was saved"))
    return out


def reimport_lines(result: Reimport) -> list[str]:
    """A re-import's report: the counts, then each close call and each removed item."""
    counts = result.counts()
    out = [
        _(
            "re-import: {kept} kept, {renamed} renamed, {moved} moved, {split} split parts, "
            "{new} new, {removed} removed"
        ).format(**counts)
    ]
    for ambiguity in result.ambiguous:
        options = " | ".join(f"{c.id} ({c.score:.0f})" for c in ambiguity.candidates)
        out.append(
            _("close call: {old} ({text}) → {chosen}; candidates: {options}").format(
                old=ambiguity.old, text=ambiguity.text, chosen=ambiguity.chosen, options=options
            )
        )
    for old in result.removed[:20]:
        out.append(_("removed: {id} ({text})").format(id=old, text=result.texts.get(old, "")))
    if len(result.removed) > 20:
        out.append(_("and {n} more").format(n=len(result.removed) - 20))
    return out


def as_json(found: ImportSummary) -> dict[str, Any]:
    """The summary for scripts: keys and values never translated (warnings are lines)."""
    data: dict[str, Any] = {
        "id": found.id,
        "title": found.title,
        "language": found.language,
        "saved": found.saved,
        "phases": found.phases,
        "sections": found.sections,
        "items": {"total": found.items, "checkable": found.checkable, "optional": found.optional},
        "hours": {"low": found.hours[0], "high": found.hours[1]} if found.hours else None,
        "weeks": found.weeks,
        "pace": (
            {"text": found.pace_text, "hours_per_week": found.hours_per_week}
            if found.pace_text or found.hours_per_week
            else None
        ),
        "set_aside": [{"id": s.id, "title": s.title} for s in found.set_aside],
        "warnings": list(found.warnings),
        "reimport": reimport_json(found.reimport) if found.reimport is not None else None,
    }
    data.update(found.extra)
    return data


def reimport_json(result: Reimport) -> dict[str, Any]:
    """A re-import's report for scripts."""
    return {
        **result.counts(),
        "matches": [
            {"old": m.old, "new": m.new, "how": m.how, "score": m.score}
            for m in result.matches
            if m.how != "kept" or m.old != m.new
        ],
        "new_items": list(result.new),
        "removed_items": [{"id": i, "text": result.texts.get(i, "")} for i in result.removed],
        "ambiguous": [
            {
                "old": a.old,
                "text": a.text,
                "chosen": a.chosen,
                "candidates": [
                    {"id": c.id, "text": c.text, "score": c.score} for c in a.candidates
                ],
            }
            for a in result.ambiguous
        ],
    }
