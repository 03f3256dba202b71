"""``syllabus report``: the roadmap with the learner's progress in it.

``--format markdown`` (the default) is the roadmap as ``export --format markdown``
writes it, each item's box filled (``[x]`` done, ``[-]`` skipped, ``[~]`` doing), the
learner's notes as quotes under their item or node and their own items in a list of
their own, and before it the hours a week (planned against logged) and the check-ins.
It re-imports as the same roadmap: the metadata comments give every roadmap item and
node its id back, and what the report adds comes back as body text. ``--format json``
holds the same facts for scripts; ``--format csv`` is one row per check-in.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import TYPE_CHECKING, Any

from syllabus.cli.context import Context
from syllabus.cli.portfolio import write_output
from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.model.progress import CheckIn, Progress, RoadmapProgress
    from syllabus.model.roadmap import Item, Node, Roadmap
    from syllabus.model.schedule import Status

BOXES = {"done": "[x] ", "skipped": "[-] ", "doing": "[~] ", "todo": "[ ] "}
"""The box each state writes in the Markdown report."""


def _md(text: str) -> str:
    from syllabus.cli.portfolio_text import md

    return md(text)


class _Notes:
    """``export.Annotations`` for one learner's progress."""

    def __init__(self, rp: RoadmapProgress) -> None:
        self.rp = rp
        self.own: dict[str, list[Any]] = {}
        for own in rp.live_own_items():
            self.own.setdefault(own.node, []).append(own)

    def box(self, item: Item) -> str:
        if not item.checkable:
            return ""
        return BOXES[self.rp.state(item.id).value]

    def _quote(self, about: str, text: str) -> str:
        lines = text.strip().splitlines() or [""]
        head = f"> **{_md(about)}**"
        return "\n".join([head, ">", *(f"> {line}" if line else ">" for line in lines)])

    def after(self, target: Item | Node) -> list[str]:
        from syllabus.model.roadmap import Item

        blocks = []
        note = self.rp.note(target.id)
        if note:
            blocks.append(self._quote(_("Note"), note))
        if isinstance(target, Item):
            return blocks
        own = self.own.get(target.id, [])
        if own:
            heading = _("My items")
            lines = [f"**{_md(heading)}**", ""]
            for item in own:
                text = _md(item.text) + (f" (<{item.url}>)" if item.url else "")
                lines.append(f"- {BOXES[self.rp.state(item.id).value]}{text}")
            blocks.append("\n".join(lines))
        return blocks


def _status(roadmap: Roadmap, progress: Progress, roadmap_id: str, ctx: Context) -> Status:
    from syllabus.model.schedule import compute_status

    today = ctx.today(progress.settings.day_start_hour)
    return compute_status(roadmap, progress, roadmap_id, today)


def _hours(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def week_rows(status: Status) -> list[tuple[str, float, float]]:
    """(week's Monday ISO, planned, logged), in order."""
    return [
        (monday.isoformat(), h.planned, h.logged) for monday, h in sorted(status.week_hours.items())
    ]


def _preamble(status: Status, checkins: list[CheckIn], nodes: dict[str, Node]) -> list[str]:
    week, planned, logged = _("Week"), _("Planned h"), _("Logged h")
    rows = [f"| {week} | {planned} | {logged} |", "|---|---:|---:|"]
    rows += [f"| {w} | {_hours(p)} | {_hours(lg)} |" for w, p, lg in week_rows(status)]
    hours_a_week, check_ins = _("Hours a week"), _("Check-ins")
    blocks = [f"**{_md(hours_a_week)}**", "\n".join(rows)]
    blocks.append(f"**{_md(check_ins)}**")
    if checkins:
        lines = []
        for c in checkins:
            where = nodes[c.node].title if c.node in nodes else (c.node or "")
            text = f"- {c.date.isoformat()} · {_hours(c.hours)} h"
            text += f" · {_md(where)}" if where else ""
            text += f" — {_md(c.note)}" if c.note else ""
            lines.append(text)
        blocks.append("\n".join(lines))
    else:
        blocks.append(_md(_("no check-ins yet")))
    return blocks


def as_markdown(roadmap: Roadmap, progress: Progress, roadmap_id: str, status: Status) -> str:
    """The report as Markdown that re-imports as the roadmap."""
    from syllabus.importer.export import to_markdown

    rp = progress.roadmap(roadmap_id)
    checkins = progress.live_checkins(roadmap_id)
    preamble = _preamble(status, checkins, roadmap.node_index())
    return to_markdown(roadmap, _Notes(rp), preamble)


def checkin_json(c: CheckIn) -> dict[str, Any]:
    return {
        "id": c.id,
        "date": c.date.isoformat(),
        "hours": c.hours,
        "node": c.node,
        "items": list(c.items),
        "activity": c.activity,
        "note": c.note,
    }


def as_json(
    roadmap: Roadmap, progress: Progress, roadmap_id: str, status: Status
) -> dict[str, Any]:
    """The report for scripts: items with states and notes, own items, weeks, check-ins."""
    rp = progress.roadmap(roadmap_id)
    nodes = []
    for node in roadmap.walk():
        nodes.append(
            {
                "id": node.id,
                "title": node.title,
                "note": rp.note(node.id),
                "items": [
                    {
                        "id": item.id,
                        "text": item.text,
                        "checkable": item.checkable,
                        "state": rp.state(item.id).value if item.checkable else None,
                        "note": rp.note(item.id),
                    }
                    for item in node.items
                ],
                "own_items": [
                    {"id": o.id, "text": o.text, "url": o.url, "state": rp.state(o.id).value}
                    for o in rp.live_own_items(node.id)
                ],
            }
        )
    return {
        "roadmap": roadmap_id,
        "title": roadmap.title,
        "today": status.today.isoformat(),
        "states": dict(status.counts),
        "nodes": nodes,
        "weeks": [{"week": w, "planned": p, "logged": lg} for w, p, lg in week_rows(status)],
        "checkins": [checkin_json(c) for c in progress.live_checkins(roadmap_id)],
    }


CSV_COLUMNS = ("date", "hours", "node", "node_title", "items", "activity", "note", "id")


def as_csv(roadmap: Roadmap, progress: Progress, roadmap_id: str) -> str:
    """One row per check-in (the header names the columns; items joined by spaces)."""
    nodes = roadmap.node_index()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in progress.live_checkins(roadmap_id):
        title = nodes[c.node].title if c.node in nodes else ""
        writer.writerow(
            [c.date.isoformat(), c.hours, c.node or "", title, " ".join(c.items),
             c.activity or "", c.note, c.id]
        )  # fmt: skip
    return out.getvalue()


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    """The progress report, on stdout or in ``--output``."""
    progress = ctx.open_progress()[1]
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    if args.format == "csv":
        text = as_csv(roadmap, progress, roadmap_id)
    else:
        status = _status(roadmap, progress, roadmap_id, ctx)
        if args.format == "json":
            data = as_json(roadmap, progress, roadmap_id, status)
            text = json.dumps(data, ensure_ascii=False, indent=2)
        else:
            text = as_markdown(roadmap, progress, roadmap_id, status)
    write_output(text, args.output)
    return 0
