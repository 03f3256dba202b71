"""A roadmap's portfolio: every project and capstone with its state, its latest score,
its evidence and the skills its week teaches; and the rule for evidence links.

Pure: the CLI writes it as Markdown, JSON or HTML (``cli.portfolio``), the app shows it
(``tui.screens.portfolio``). The README a learner publishes is in the *roadmap's*
language, not the interface's: ``PHRASES`` holds its few words per language (others
fall back to English).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from syllabus.locale import _
from syllabus.model.progress import Evidence, RoadmapProgress, Score
from syllabus.model.roadmap import ItemKind, Node, Roadmap
from syllabus.model.rubric import Project, projects, total
from syllabus.model.rules import node_tally, opens_without_asking
from syllabus.model.units import InvalidEntry

SKILL_KINDS = (ItemKind.OUTCOME, ItemKind.GOAL, ItemKind.SELF_CHECK)
"""What a project shows, in the order looked for: its week's outcomes, else its goals,
else its self-assessment lines."""


def check_url(url: str, what: str) -> str:
    """An evidence link as given, if it is an http(s) address (never fetched)."""
    url = url.strip()
    host = url.partition("://")[2].split("/", 1)[0]
    if not opens_without_asking(url) or not host or any(c.isspace() for c in url):
        message = _("{what} must be an http:// or https:// address, got {url!r}")
        raise InvalidEntry(message.format(what=what, url=url))
    return url


@dataclass(frozen=True, slots=True)
class Entry:
    """One project of the portfolio, with what the learner has on it."""

    project: Project
    """The project, its node and rubric."""
    state: str
    """``done``, ``doing`` (something ticked) or ``todo``, by the counting rule."""
    done: int
    """Items of its node done."""
    total: int
    """Items of its node that count."""
    score: Score | None
    """The latest scoring, None when never scored."""
    scored: float | None
    """Its weighted total."""
    history: int
    """How many times it was scored."""
    evidence: Evidence | None
    """Its links and write-up."""
    skills: tuple[str, ...]
    """What its week teaches (outcomes, goals or self-checks)."""


def skills_of(node: Node, parents: dict[str, Node]) -> tuple[str, ...]:
    """The skills or outcomes of a project's week: its own lines, else its parent's."""
    for holder in (node, parents.get(node.id)):
        if holder is None:
            continue
        for kind in SKILL_KINDS:
            found = tuple(" ".join(i.text.split()) for i in holder.items if i.kind is kind)
            if found:
                return found
        if holder.goal:
            return (holder.goal,)
    return ()


def _parents(roadmap: Roadmap) -> dict[str, Node]:
    found = {}
    for node in roadmap.walk():
        for child in node.children:
            found[child.id] = node
    return found


def entries(roadmap: Roadmap, rp: RoadmapProgress) -> list[Entry]:
    """The portfolio, in document order."""
    parents = _parents(roadmap)
    found = []
    for project in projects(roadmap):
        tally = node_tally(project.node, rp)
        if tally.total and tally.complete:
            state = "done"
        elif tally.done or any(rp.state(i.id).value == "doing" for i in project.node.items):
            state = "doing"
        else:
            state = "todo"
        score = rp.latest_score(project.id)
        found.append(
            Entry(
                project=project,
                state=state,
                done=tally.done,
                total=tally.total,
                score=score,
                scored=total(project.rubric, score),
                history=len(rp.score_history(project.id)),
                evidence=rp.live_evidence(project.id),
                skills=skills_of(project.node, parents),
            )
        )
    return found


def entry_json(entry: Entry) -> dict[str, object]:
    """An entry for scripts (keys and values never translated)."""
    rubric = entry.project.rubric
    points = entry.score.by_criterion() if entry.score is not None else {}
    evidence = entry.evidence
    return {
        "node": entry.project.id,
        "title": entry.project.title,
        "week": entry.project.node.title,
        "capstone": entry.project.capstone,
        "state": entry.state,
        "done": entry.done,
        "total": entry.total,
        "rubric": [
            {"criterion": c.name, "max_points": c.max_points, "points": points.get(c.name)}
            for c in rubric.criteria
        ],
        "rubric_stated": rubric.stated,
        "score": None if entry.scored is None else round(entry.scored, 2),
        "max_score": rubric.total,
        "scored_at": _iso(entry.score.scored) if entry.score is not None else None,
        "times_scored": entry.history,
        "evidence": None
        if evidence is None
        else {
            "repo": evidence.repo,
            "demo": evidence.demo,
            "note": evidence.note or None,
            "finished": evidence.finished.isoformat() if evidence.finished else None,
        },
        "skills": list(entry.skills),
    }


def _iso(moment: datetime | date) -> str:
    return moment.isoformat()


# --- the README's words, in the roadmap's language ------------------------------------

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "portfolio": "Portfolio",
        "intro": "Projects built while following “{title}”.",
        "shows": "What it shows",
        "score": "Score",
        "links": "Links",
        "repo": "Repository",
        "demo": "Live demo",
        "finished": "Finished",
        "state": "State",
        "done": "done",
        "doing": "in progress",
        "todo": "not started",
        "not_scored": "not scored yet",
        "capstone": "Capstone",
        "project": "Project",
        "summary": "{done} of {n} projects done · {scored} scored",
        "Overall": "Overall",
        "write_up": "Write-up",
        "none": "none yet",
    },
    "de": {
        "portfolio": "Portfolio",
        "intro": "Projekte, entstanden mit „{title}“.",
        "shows": "Was es zeigt",
        "score": "Bewertung",
        "links": "Links",
        "repo": "Repository",
        "demo": "Live-Demo",
        "finished": "Fertig am",
        "state": "Stand",
        "done": "fertig",
        "doing": "in Arbeit",
        "todo": "nicht begonnen",
        "not_scored": "noch nicht bewertet",
        "capstone": "Abschlussprojekt",
        "project": "Projekt",
        "summary": "{done} von {n} Projekten fertig · {scored} bewertet",
        "Overall": "Gesamt",
        "write_up": "Bericht",
        "none": "noch keine",
    },
}
"""The portfolio README's words by roadmap language; a language not here reads English."""


def phrases(language: str) -> dict[str, str]:
    """The README's words for a roadmap's language (``de-AT`` → ``de``; else English)."""
    base = language.lower().replace("_", "-").split("-", 1)[0]
    return PHRASES.get(base, PHRASES["en"])
