"""Helpers for the seed tests (no tests here): every text a seed's Markdown tokens hold."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from syllabus.importer.build import split_front_matter
from syllabus.importer.hints import Hints, load_sources
from syllabus.importer.tokens import parser
from syllabus.model.plain import dump
from syllabus.model.roadmap import Roadmap

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TIMING_LINE = re.compile(
    r"^(\[ \] )?(estimated time \(hours\)|time|month [\d-]+ total)\s*:?\s*[\d\s–-]+(hours)?$",
    re.I,
)


_FIELDS = {"ziel", "goal", "prerequisites"}
"""Labels whose value is a node field (goal, prerequisites) rather than text."""


def squash(text: str) -> str:
    """Lowercase letters and digits only: what must survive, whatever the formatting."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def token_lines(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(text lines of every inline token, every (link URL, its line)) of a cleaned document."""
    _, body = split_front_matter(text)
    lines: list[str] = []
    urls: list[tuple[str, str]] = []
    for token in parser().parse(body):
        if token.type != "inline":
            continue
        current: list[str] = []
        pending: list[str] = []
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak") or (
                child.type == "html_inline" and child.content.lower().startswith("<br")
            ):
                lines.append("".join(current))
                urls += [(url, lines[-1].strip()) for url in pending]
                current, pending = [], []
            elif child.type in ("text", "code_inline"):
                current.append(child.content)
            elif child.type == "link_open":
                pending.append(str(child.attrs["href"]))
        lines.append("".join(current))
        urls += [(url, lines[-1].strip()) for url in pending]
    return [line.strip() for line in lines if squash(line)], urls


def haystack(roadmap: Roadmap) -> str:
    """Every text the model holds, squashed, bodies with and without link targets."""
    parts = [roadmap.title, roadmap.summary, _LINK_TARGET.sub("]", roadmap.summary)]
    parts.append(roadmap.pace.text or "")
    for node in roadmap.walk():
        parts += [node.title, node.goal or "", node.prerequisites_text or ""]
        parts += [node.body, _LINK_TARGET.sub("]", node.body)]
        for item in node.items:
            parts += [item.text, item.group or "", item.url or ""]
    return "\n".join(squash(part) for part in parts)


def raw_haystack(roadmap: Roadmap) -> str:
    """Every URL-bearing text of the model, as is."""
    parts = [roadmap.summary]
    for node in roadmap.walk():
        parts.append(node.body)
        parts += [item.url or "" for item in node.items]
        parts += [item.text for item in node.items]
    return "\n".join(parts)


def missing(text: str, roadmap: Roadmap, dropped: tuple[str, ...] = ()) -> list[str]:
    """Lines and URLs of the document that the model does not hold anywhere."""
    lines, urls = token_lines(text)
    hay = haystack(roadmap)
    raw = raw_haystack(roadmap)
    lost = []

    def chatter(line: str) -> bool:
        return any(squash(line).startswith(squash(d)) for d in dropped)

    for line in lines:
        if _TIMING_LINE.match(line) or chatter(line):
            continue
        if squash(line) in hay:
            continue
        label, _, rest = line.partition(":")
        if rest and squash(rest) in hay and (squash(label) in hay or squash(label) in _FIELDS):
            continue
        lost.append(line)
    lost += [url for url, line in urls if url not in raw and not chatter(line)]
    return lost


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
"""The user's documents beside the checkout; tests using them skip when absent."""

SOURCES = Path(__file__).resolve().parents[2] / "roadmaps" / "sources.toml"


def seed_hints() -> list[Hints]:
    """The bundled roadmaps' import hints, in seed order."""
    return load_sources(SOURCES)


def need_seeds() -> None:
    """Skip the calling test when the seed documents are not beside the checkout."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")


def model_json(value: Any) -> str:
    """A model object as JSON text, for "this text is nowhere in it" checks."""
    return json.dumps(dump(value), ensure_ascii=False)
