"""``syllabus score``, ``syllabus evidence`` and ``syllabus portfolio``.

``score ID "Correctness=32" …`` scores a project against its rubric (ID: the project's
node, or any of its rubric or project items; criteria by unique prefix; points up to the
criterion's share, above is exit 2; criteria not named keep their last score). Without
points it shows the rubric and the latest score. Each scoring is a new record: the
history stays, the latest is shown. ``evidence NODE_ID --repo URL --demo URL --note
TEXT`` records links (http(s), never fetched) and a write-up. ``portfolio`` writes the
portfolio README (``--format markdown|json|html``, ``--output FILE``) in the roadmap's
language. Each change is one write, one undo step.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from syllabus.cli.context import Context, FileProblem, UsageError
from syllabus.locale import N_, _

if TYPE_CHECKING:
    from collections.abc import Callable

    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap
    from syllabus.model.rubric import Project


def _update(ctx: Context, change: Callable[[Progress], Progress]) -> Progress:
    from syllabus.storage.progress_file import ProgressError

    try:
        return ctx.progress_file().update(change)
    except ProgressError as error:
        raise FileProblem(str(error)) from None


def _resolve(wanted: str, ids: list[str], what: str) -> str:
    from syllabus.model.ids import UnknownId, resolve

    try:
        return resolve(wanted, ids, what)
    except UnknownId as error:
        raise UsageError(str(error)) from None


def find_project(roadmap: Roadmap, wanted: str) -> Project:
    """The project an id (or a unique prefix of one) names: its node or one of its items."""
    from syllabus.model.rubric import project_for, project_ids

    ids = project_ids(roadmap)
    starting = {
        found.id for i in ids if i.startswith(wanted) and (found := project_for(roadmap, i))
    }
    if wanted not in ids and len(starting) == 1:
        target = next(iter(starting))  # one project's node and items: that project
    else:
        target = _resolve(wanted, ids, N_("project"))
    project = project_for(roadmap, target)
    assert project is not None
    return project


def write_output(text: str, output: str | None) -> None:
    """Print ``text``, or write it to ``output`` (through storage, atomically)."""
    if output is None:
        print(text, end="" if text.endswith("\n") else "\n")
        return
    from pathlib import Path

    from syllabus.storage.atomic import write_atomic

    try:
        write_atomic(Path(output), text.encode("utf-8"))
    except OSError as error:
        raise FileProblem(
            _("cannot write {file}: {why}").format(file=output, why=error.strerror or error)
        ) from None


# --- score -------------------------------------------------------------------------------


def score_lines(project: Project, progress: Progress, roadmap_id: str) -> list[str]:
    """The scoring form as text: each criterion's points of its share, and the total."""
    from syllabus.model.rubric import points_text, total

    rp = progress.roadmap(roadmap_id)
    score = rp.latest_score(project.id)
    points = score.by_criterion() if score is not None else {}
    lines = [f"{project.title}  ({project.id})"]
    if not project.rubric.stated:
        lines.append(_("no rubric in the roadmap: scored overall, out of 100"))
    for criterion in project.rubric.criteria:
        given = points.get(criterion.name)
        shown = "–" if given is None else points_text(given)
        lines.append(f"  {criterion.name}  {shown}/{points_text(criterion.max_points)}")
    summed = total(project.rubric, score)
    most = points_text(project.rubric.total)
    if summed is None:
        lines.append(_("total: not scored yet (of {most})").format(most=most))
    else:
        history = len(rp.score_history(project.id))
        lines.append(
            _("total: {points}/{most} · scored {times}× · latest {day}").format(
                points=points_text(summed), most=most, times=history, day=_day(score)
            )
        )
    return lines


def _day(score: Any) -> str:
    from syllabus.cli.agenda import day_text

    return str(day_text(score.scored.astimezone().date())) if score is not None else ""


def score_json(roadmap: Roadmap, project: Project, progress: Progress) -> dict[str, Any]:
    """The scoring for scripts: the project's portfolio entry and its history."""
    from syllabus.model.portfolio import entries, entry_json

    rp = progress.roadmap(roadmap.id)
    (entry,) = [e for e in entries(roadmap, rp) if e.project.id == project.id]
    data = entry_json(entry)
    data["history"] = [
        {"scored": s.scored.isoformat(), "points": s.by_criterion()}
        for s in rp.score_history(project.id)
    ]
    return data


def cmd_score(args: argparse.Namespace, ctx: Context) -> int:
    """Score a project against its rubric, or show its scoring form."""
    from syllabus.clock import now
    from syllabus.model import rubric
    from syllabus.model.progress import add_score

    progress = ctx.open_progress(writing=bool(args.points))[1]
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    project = find_project(roadmap, args.id)
    if args.points:
        given = rubric.parse_points(project.rubric, args.points)

        def change(p: Progress) -> Progress:
            last = p.roadmap(roadmap_id).latest_score(project.id)
            points = rubric.rescored(project.rubric, last, given)
            return add_score(p, roadmap_id, project.id, points, now())[0]

        progress = _update(ctx, change)
    if args.format == "json":
        print(json.dumps(score_json(roadmap, project, progress), ensure_ascii=False, indent=2))
    else:
        print("\n".join(score_lines(project, progress, roadmap_id)))
    return 0


# --- evidence ----------------------------------------------------------------------------


def evidence_targets(roadmap: Roadmap) -> list[str]:
    """The nodes evidence may be given for: every node of the plan (projects, milestones)."""
    from syllabus.model.roadmap import Role

    return [node.id for node in roadmap.walk() if node.role is not Role.APPENDIX]


def evidence_record(
    old: Any, repo: str | None, demo: str | None, note: str | None, finished: date, when: Any
) -> Any:
    """The new evidence: what was given, the rest as it was ("" clears a link or the note)."""
    from syllabus.model.portfolio import check_url
    from syllabus.model.progress import Evidence

    def link(given: str | None, before: str | None, what: str) -> str | None:
        if given is None:
            return before
        return check_url(given, what) if given.strip() else None

    return Evidence(
        repo=link(repo, old.repo if old else None, _("the repository")),
        demo=link(demo, old.demo if old else None, _("the demo")),
        note=(old.note if old else "") if note is None else note.strip(),
        finished=finished,
        updated=when,
    )


def evidence_lines(roadmap: Roadmap, node_id: str, progress: Progress) -> list[str]:
    from syllabus.cli.agenda import day_text

    node = roadmap.node_index()[node_id]
    found = progress.roadmap(roadmap.id).live_evidence(node_id)
    lines = [f"{node.title}  ({node_id})"]
    if found is None:
        lines.append(_("no evidence yet"))
        return lines
    if found.repo:
        lines.append(_("repository: {url}").format(url=found.repo))
    if found.demo:
        lines.append(_("demo: {url}").format(url=found.demo))
    if found.note:
        lines.append(_("write-up: {text}").format(text=found.note))
    if found.finished:
        lines.append(_("finished: {day}").format(day=day_text(found.finished)))
    return lines


def cmd_evidence(args: argparse.Namespace, ctx: Context) -> int:
    """Record (or show) the evidence of a project or milestone."""
    from syllabus.clock import now
    from syllabus.model.progress import set_evidence

    changing = any(v is not None for v in (args.repo, args.demo, args.note, args.finished))
    progress = ctx.open_progress(writing=changing)[1]
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    node_id = _resolve(args.node, evidence_targets(roadmap), N_("node"))
    if changing:
        today = ctx.today(progress.settings.day_start_hour)
        old = progress.roadmap(roadmap_id).live_evidence(node_id)
        finished = args.finished or (old.finished if old and old.finished else today)
        record = evidence_record(old, args.repo, args.demo, args.note, finished, now())
        progress = _update(ctx, lambda p: set_evidence(p, roadmap_id, node_id, record))
    print("\n".join(evidence_lines(roadmap, node_id, progress)))
    return 0


# --- portfolio ---------------------------------------------------------------------------


def cmd_portfolio(args: argparse.Namespace, ctx: Context) -> int:
    """The portfolio README: every project and capstone, its state, score, links."""
    from syllabus.cli import portfolio_text
    from syllabus.model.portfolio import entries

    progress = ctx.open_progress()[1]
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    found = entries(roadmap, progress.roadmap(roadmap_id))
    if args.format == "json":
        text = json.dumps(portfolio_text.as_json(roadmap, found), ensure_ascii=False, indent=2)
    elif args.format == "html":
        text = portfolio_text.as_html(roadmap, found)
    else:
        text = portfolio_text.as_markdown(roadmap, found)
    write_output(text, args.output)
    return 0
