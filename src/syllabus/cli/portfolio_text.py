"""The portfolio README as Markdown, JSON or one self-contained HTML page.

Written in the roadmap's language (``model.portfolio.phrases``), since a learner
publishes it next to the projects. The HTML page has its style inline and a
Content-Security-Policy that allows nothing from anywhere: opening it makes no request
(the links to the learner's repositories and demos are only followed when clicked).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from syllabus.model.portfolio import Entry
    from syllabus.model.roadmap import Roadmap

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: str) -> str:
    """Roadmap text as literal Markdown (one line, its special characters escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _points(value: float) -> str:
    from syllabus.model.rubric import points_text

    return points_text(value)


def criteria_text(entry: Entry, words: dict[str, str]) -> list[tuple[str, str]]:
    """(criterion, "32/40") pairs of the latest score (``–`` for a criterion not scored)."""
    points = entry.score.by_criterion() if entry.score is not None else {}
    found = []
    for criterion in entry.project.rubric.criteria:
        name = (
            words.get(criterion.name, criterion.name)
            if criterion.item_id is None
            else criterion.name
        )
        given = points.get(criterion.name)
        shown = "–" if given is None else _points(given)
        found.append((name, f"{shown}/{_points(criterion.max_points)}"))
    return found


def score_text(entry: Entry, words: dict[str, str]) -> str:
    """``87/100`` or the words for not scored yet."""
    if entry.scored is None:
        return words["not_scored"]
    return f"{_points(entry.scored)}/{_points(entry.project.rubric.total)}"


def summary(entries: list[Entry], words: dict[str, str]) -> str:
    done = sum(e.state == "done" for e in entries)
    scored = sum(e.scored is not None for e in entries)
    return words["summary"].format(done=done, n=len(entries), scored=scored)


def as_markdown(roadmap: Roadmap, entries: list[Entry]) -> str:
    """The README: a heading per project with what it shows, its score and its links."""
    from syllabus.model.portfolio import phrases

    words = phrases(roadmap.language)
    out = [
        f"# {words['portfolio']}: {md(roadmap.title)}",
        words["intro"].format(title=md(roadmap.title)),
    ]
    out.append(summary(entries, words))
    for entry in entries:
        out.extend(_markdown_entry(entry, words))
    return "\n\n".join(out) + "\n"


def _markdown_entry(entry: Entry, words: dict[str, str]) -> list[str]:
    project = entry.project
    kind = words["capstone"] if project.capstone else words["project"]
    lines = [f"## {md(project.title)}"]
    lines.append(f"*{kind} · {md(project.node.title)}* · {words['state']}: {words[entry.state]}")
    if entry.skills:
        shows = "\n".join(f"- {md(s)}" for s in entry.skills)
        lines.append(f"**{words['shows']}**\n\n{shows}")
    criteria = " · ".join(f"{md(name)} {value}" for name, value in criteria_text(entry, words))
    lines.append(f"**{words['score']}**: {score_text(entry, words)} — {criteria}")
    evidence = entry.evidence
    links = []
    if evidence is not None and evidence.repo:
        links.append(f"[{words['repo']}](<{evidence.repo}>)")
    if evidence is not None and evidence.demo:
        links.append(f"[{words['demo']}](<{evidence.demo}>)")
    lines.append(f"**{words['links']}**: {' · '.join(links) if links else words['none']}")
    if evidence is not None and evidence.note:
        lines.append(f"**{words['write_up']}**: {md(evidence.note)}")
    if evidence is not None and evidence.finished:
        lines.append(f"**{words['finished']}**: {evidence.finished.isoformat()}")
    return lines


def as_json(roadmap: Roadmap, entries: list[Entry]) -> dict[str, Any]:
    """``{roadmap, title, language, projects: [...]}`` (``model.portfolio.entry_json``)."""
    from syllabus.model.portfolio import entry_json

    return {
        "roadmap": roadmap.id,
        "title": roadmap.title,
        "language": roadmap.language,
        "projects": [entry_json(e) for e in entries],
    }


_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto;
       padding: 0 1rem; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.3rem; margin-top: 2rem; }
.meta { color: #555; } .score { font-weight: 600; }
table { border-collapse: collapse; } td { padding: 0.1rem 0.8rem 0.1rem 0; }
section { border-top: 1px solid #ddd; }
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"
"""Nothing may load: no script, font, image, frame or style from anywhere."""


def _e(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)


def as_html(roadmap: Roadmap, entries: list[Entry]) -> str:
    """One HTML page, its style inline, loading nothing."""
    from syllabus.model.portfolio import phrases

    words = phrases(roadmap.language)
    title = f"{words['portfolio']}: {roadmap.title}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(roadmap.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(words['intro'].format(title=roadmap.title))}</p>",
        f'<p class="meta">{_e(summary(entries, words))}</p>',
    ]
    for entry in entries:
        parts.extend(_html_entry(entry, words))
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _html_entry(entry: Entry, words: dict[str, str]) -> list[str]:
    project = entry.project
    kind = words["capstone"] if project.capstone else words["project"]
    out = ["<section>", f"<h2>{_e(project.title)}</h2>"]
    out.append(
        f'<p class="meta">{_e(kind)} · {_e(project.node.title)} · '
        f"{_e(words['state'])}: {_e(words[entry.state])}</p>"
    )
    if entry.skills:
        out.append(f"<h3>{_e(words['shows'])}</h3>")
        out.append("<ul>" + "".join(f"<li>{_e(s)}</li>" for s in entry.skills) + "</ul>")
    out.append(f'<p class="score">{_e(words["score"])}: {_e(score_text(entry, words))}</p>')
    rows = "".join(
        f"<tr><td>{_e(name)}</td><td>{_e(value)}</td></tr>"
        for name, value in criteria_text(entry, words)
    )
    out.append(f"<table>{rows}</table>")
    evidence = entry.evidence
    links = []
    for url, label in ((evidence.repo, "repo"), (evidence.demo, "demo")) if evidence else ():
        if url:
            links.append(f'<a href="{_e(url)}" rel="noreferrer">{_e(words[label])}</a>')
    out.append(f"<p>{_e(words['links'])}: {' · '.join(links) if links else _e(words['none'])}</p>")
    if evidence is not None and evidence.note:
        out.append(f"<p>{_e(words['write_up'])}: {_e(evidence.note)}</p>")
    if evidence is not None and evidence.finished:
        out.append(f"<p>{_e(words['finished'])}: {evidence.finished.isoformat()}</p>")
    out.append("</section>")
    return out
