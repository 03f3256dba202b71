"""What kind of study a check-in was, and the mix a roadmap asks for.

Six activities have English keys kept in the file (``theory``, ``practice``,
``project``, ``review``, ``reading``, ``other``) and names in the interface's language;
a learner's own name is kept as typed. A roadmap's stated routine ("Wöchentliche
Routine: 10–15 Stunden: Theorie …; 5–10 Stunden: Programmierpraxis …") is read as a
target mix from its own text: the pace line, else the items under a routine heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from syllabus.locale import N_, _
from syllabus.model.roadmap import Roadmap
from syllabus.model.text import clean_text

ACTIVITIES: dict[str, str] = {
    "theory": N_("theory"),
    "practice": N_("practice"),
    "project": N_("project"),
    "review": N_("review"),
    "reading": N_("reading"),
    "other": N_("other"),
}
"""The activities by key, with their names (marked for translation)."""


def activity_key(name: str) -> str:
    """The key an activity typed by a learner names: an English key or a localised name
    (any case), else the learner's own name, cleaned."""
    typed = clean_text(name).strip()
    folded = typed.casefold()
    for key, label in ACTIVITIES.items():
        if folded in (key, _(label).casefold()):
            return key
    return typed


def activity_name(key: str) -> str:
    """An activity as the interface shows it: the localised name, or the own name."""
    label = ACTIVITIES.get(key)
    return _(label) if label else key


# --- a roadmap's routine ------------------------------------------------------------------

_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("project", re.compile(r"projekt|project|portfolio|capstone", re.I)),
    ("review", re.compile(r"wiederhol|review|revis|recap|spaced", re.I)),
    ("practice", re.compile(r"praxis|practi|übung|exercis|coding|kaggle|hands.?on|leetcode", re.I)),
    ("reading", re.compile(r"lesen|reading|auf dem laufenden|up to date|news|arxiv|blog", re.I)),
    ("theory", re.compile(r"theor|lecture|vorlesung|bücher|books|kurs|course|stud", re.I)),
)
_HOURS = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(?:[–—-]\s*(\d+(?:[.,]\d+)?))?\s*(?:stunden|std\.?|hours?|hrs?|h)\b",
    re.I,
)
_ROUTINE = re.compile(r"routine|wochenplan|weekly plan|week plan", re.I)


@dataclass(frozen=True, slots=True)
class Target:
    """The hours a week the routine gives one activity."""

    low: float
    high: float

    @property
    def mid(self) -> float:
        """The middle of the range."""
        return (self.low + self.high) / 2


def classify(text: str) -> str:
    """The activity a routine line names, ``other`` when no keyword says."""
    for key, pattern in _KEYWORDS:
        if pattern.search(text):
            return key
    return "other"


def _parts(text: str) -> list[str]:
    return [p for p in re.split(r"[;\n•]|(?<=\))\s*,", text) if p.strip()]


def _read(lines: list[str]) -> dict[str, Target]:
    mix: dict[str, Target] = {}
    for line in lines:
        found = _HOURS.search(line)
        if found is None:
            continue
        low = float(found.group(1).replace(",", "."))
        high = float(found.group(2).replace(",", ".")) if found.group(2) else low
        key = classify(line[found.end() :] or line)
        old = mix.get(key)
        mix[key] = Target(low + old.low, high + old.high) if old else Target(low, high)
    return mix


def target_mix(roadmap: Roadmap) -> dict[str, Target]:
    """The weekly mix a roadmap states, by activity (empty when it states none): the
    routine of its pace line, else its items under a routine heading."""
    pace = roadmap.pace.text or ""
    if _ROUTINE.search(pace):
        mix = _read(_parts(pace.split(":", 1)[1] if ":" in pace else pace))
        if len(mix) > 1:
            return mix
    lines = [
        item.text
        for node in roadmap.walk()
        for item in node.items
        if item.group and _ROUTINE.search(item.group)
    ]
    mix = _read(lines)
    return mix if len(mix) > 1 else {}


def shares(mix: dict[str, Target]) -> dict[str, float]:
    """Each activity's share of the mix (by the middle of its range), summing to 1."""
    total = sum(t.mid for t in mix.values())
    return {key: t.mid / total for key, t in mix.items()} if total else {}
