"""Small rules for reading one piece of text: kinds from labels, timing, hours and pace.

Each rule looks at a single heading, label or line — never at the document's lines — so
the structure always comes from the Markdown tokens.
"""

from __future__ import annotations

import re
from functools import lru_cache

from syllabus.model.roadmap import HoursRange, ItemKind, Pace, Role, Span, Unit

_NUM = r"(\d+(?:[.,]\d+)?)"
_RANGE = _NUM + r"(?:\s*(?:[-–—]|to|bis)\s*" + _NUM + r")?"

# Order matters: "Capstone Project" is a capstone, "Portfolio Tip" a tip, "Project
# Deliverables" deliverables.
_KINDS: list[tuple[re.Pattern[str], ItemKind]] = [
    (re.compile(r"capstone|abschlussprojekt", re.I), ItemKind.CAPSTONE),
    (re.compile(r"deliverable|abgabe", re.I), ItemKind.DELIVERABLE),
    (
        re.compile(r"self.?assess|checklist|checkliste|interview|selbsttest", re.I),
        ItemKind.SELF_CHECK,
    ),
    (re.compile(r"rubric|bewertungs", re.I), ItemKind.RUBRIC),
    (re.compile(r"ethic|ethik", re.I), ItemKind.ETHICS),
    (re.compile(r"outcome|ergebnisse|you will have|lernergebnis", re.I), ItemKind.OUTCOME),
    (re.compile(r"\btips?\b|tipps?\b|hinweis|mistake|routine", re.I), ItemKind.TIP),
    (re.compile(r"\bziele?\b|\bgoals?\b|objective", re.I), ItemKind.GOAL),
    (re.compile(r"project|projekt|praxis|portfolio|hands.on|übung", re.I), ItemKind.PROJECT),
    (
        re.compile(
            r"resource|ressource|lernquelle|quellen|\btools?\b|tutorial|empfohlen|reading|"
            r"lektüre|\bcourses?\b|\bkurse?\b",
            re.I,
        ),
        ItemKind.RESOURCE,
    ),
    (
        re.compile(
            r"topic|themen|\bthema\b|konzept|concept|studien|schlüssel|key idea|sequenz", re.I
        ),
        ItemKind.TOPIC,
    ),
    (
        re.compile(r"\btasks?\b|aufgaben?\b|gewohnheit|\bhabits?\b|\bsteps?\b|\bschritte\b", re.I),
        ItemKind.TASK,
    ),
    (re.compile(r"dataset|datensatz|\bnotes?\b|notiz", re.I), ItemKind.NOTE),
]


def _in_lower_case(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without ignoring case, to search an ASCII text lower-cased (twice as
    fast): a pattern of lower-case letters that ignores case matches an ASCII text where
    so it matches the text in lower case, since its letters beyond ASCII match no ASCII
    one; None where that does not hold (upper case, the dotless i and the long s)."""
    source = pattern.pattern
    if not pattern.flags & re.I or source != source.lower() or "ı" in source or "ſ" in source:
        return None
    return re.compile(source, pattern.flags & ~re.I)


_KINDS_ASCII = [(_in_lower_case(pattern), pattern, kind) for pattern, kind in _KINDS]
_OPTIONAL = re.compile(r"stretch|optional|bonus|next steps|\boptions\b|wahlweise|pick one", re.I)
_GOAL_LABEL = re.compile(r"^(ziel|goal|objective|lernziel)s?$", re.I)
_PREREQ_LABEL = re.compile(r"prerequisite|voraussetzung", re.I)
_HOURS_LABEL = re.compile(r"time|zeit|hours|stunden|total|aufwand|gesamt", re.I)
_DURATION_LABEL = re.compile(r"dauer|duration|length|zeitrahmen|timeframe", re.I)
_HOURS_VALUE = re.compile(r"^~?\s*" + _RANGE + r"\s*(?:hours?|hrs?\.?|h|stunden|std\.?)?\s*$", re.I)
_ITEM_HOURS = re.compile(
    r"^\[\s*" + _NUM + r"\s*(hours?|hrs?|h|std\.?|stunden|mins?|minutes?|minuten)\s*\]\s*", re.I
)
_CHECKBOX = re.compile(r"^\[( |x|X)\]\s+")
_UNIT_WORDS = {
    "day": Unit.DAY, "days": Unit.DAY, "tag": Unit.DAY, "tage": Unit.DAY, "tagen": Unit.DAY,
    "week": Unit.WEEK, "weeks": Unit.WEEK, "woche": Unit.WEEK, "wochen": Unit.WEEK,
    "month": Unit.MONTH, "months": Unit.MONTH, "monat": Unit.MONTH, "monate": Unit.MONTH,
    "monaten": Unit.MONTH,
}  # fmt: skip
_UNIT = r"(days?|tage?n?|weeks?|wochen?|months?|monate?n?|monat)"
_POSITION = re.compile(r"\b" + _UNIT + r"\s+" + _RANGE + r"\b", re.I)
_DURATION = re.compile(r"^\(?\s*" + _RANGE + r"\s*" + _UNIT + r"\b", re.I)
_DURATION_PAREN = re.compile(r"\(\s*" + _RANGE + r"\s*" + _UNIT + r"\s*\)", re.I)
_ID_WORDS = {
    "phase": "phase", "level": "level", "stufe": "level", "ebene": "level", "block": "block",
    "week": "week", "weeks": "week", "woche": "week", "wochen": "week",
    "month": "month", "months": "month", "monat": "month", "monate": "month",
    "day": "day", "days": "day", "tag": "day", "tage": "day",
    "module": "module", "modul": "module", "step": "step", "schritt": "step",
    "part": "part", "teil": "part", "chapter": "chapter", "kapitel": "chapter",
    "unit": "unit", "lesson": "lesson", "lektion": "lesson", "sprint": "sprint",
    "stage": "stage",
}  # fmt: skip
_ID_HEAD = re.compile(
    r"^(" + "|".join(_ID_WORDS) + r")\s+(\d+)(?:\s*(?:[-–—]|to|bis)\s*(\d+))?(?=$|[^\w.])", re.I
)
_ENUM = re.compile(r"^(\d+)[.)]\s+")
_MILESTONE = re.compile(
    r"checkpoint|capstone|milestone|meilenstein|\bafter (month|week)|\bnach (monat|woche)|"
    r"\babschluss",
    re.I,
)
_APPENDIX = re.compile(
    r"^(appendix|anhang|tips|tipps|resources|ressourcen|tools|certification|zertifi|"
    r"course sequence|total|notes|hinweise|zusätzliche hinweise|summary|zusammenfassung|"
    r"overview|übersicht|beyond|progress tracking|glossar|faq|further reading|"
    r".*\btimeline\b)",
    re.I,
)
_HABIT = re.compile(r"stay(ing)? current|auf dem laufenden|\bhabits?\b|gewohnheit", re.I)
_SIDE = re.compile(r"nebenbei|alongside|side.?skills|zusatzfähigkeit", re.I)
_PER_DAY = re.compile(
    _RANGE + r"\s*(?:h|hrs?|hours?|std\.?|stunden)\s*(?:/|pro|per|a|each)\s*(?:tag|day)\b", re.I
)
_PER_WEEK = re.compile(
    _RANGE + r"\s*(?:h|hrs?|hours?|std\.?|stunden)\s*(?:/|pro|per|a|each)\s*(?:woche|week|wk)\b",
    re.I,
)
_DAYS_WEEK = re.compile(r"(\d)\s*(?:tage|days)\s*(?:/|pro|per|a)\s*(?:woche|week)\b", re.I)
_ROUTINE_HOURS = re.compile(r"^" + _RANGE + r"\s*(?:h|hrs?|hours?|std\.?|stunden)\b", re.I)


def _num(text: str | None) -> float | None:
    return None if text is None else float(text.replace(",", "."))


def _span(low: str, high: str | None, unit_word: str) -> Span:
    a = _num(low) or 0.0
    b = _num(high) if high else a
    return Span(low=a, high=max(a, b or a), unit=_UNIT_WORDS[unit_word.lower()])


def label_kind(label: str | None) -> ItemKind | None:
    """The item kind a group or item label names ("Tasks" → task), if any."""
    if not label:
        return None
    if label.isascii():
        lower = label.lower()
        for lowered, pattern, kind in _KINDS_ASCII:
            if lowered.search(lower) if lowered else pattern.search(label):
                return kind
    else:
        for pattern, kind in _KINDS:
            if pattern.search(label):
                return kind
    return _any_label_kind(label)


_ANY_KINDS = (
    ("goal", ItemKind.GOAL),
    ("project", ItemKind.PROJECT),
    ("resources", ItemKind.RESOURCE),
)


def _any_label_kind(label: str) -> ItemKind | None:
    """The kind a label names in any language ("Objetivos", "推荐资源", "Projet")."""
    from syllabus.importer import structure

    for name, kind in _ANY_KINDS:
        if structure.has_word(name, label):
            return kind
    return None


_DOING = re.compile(
    r"^(?:(?:implementieren|bauen|erstellen|schreiben|trainieren|entwickeln|programmieren)"
    r"\s+sie|implement|build|create|write|train|develop|deploy|code)\b(?!-)",
    re.I,
)  # imperatives only: "Building Machine Learning Pipelines" is still a book
_READING = re.compile(r"^(lesen sie|lies|read|watch|schauen sie)\b", re.I)


def text_kind(text: str, kind: ItemKind) -> ItemKind:
    """The kind an item's own words give it inside its group.

    Under "Empfohlener Weg" (resources) "Implementieren Sie … von Grund auf" is an exercise,
    a task; under "Projekte" "Lesen Sie „Attention Is All You Need“" is a reading, a resource.
    """
    if kind is ItemKind.RESOURCE and _DOING.match(text):
        return ItemKind.TASK
    if kind is ItemKind.PROJECT and _READING.match(text):
        return ItemKind.RESOURCE
    return kind


def label_optional(label: str | None) -> bool:
    """Whether a label marks optional work ("Stretch goals", "Options")."""
    return bool(label and _OPTIONAL.search(label))


def is_goal_label(label: str) -> bool:
    return bool(_GOAL_LABEL.match(label))


def is_prerequisite_label(label: str) -> bool:
    return bool(_PREREQ_LABEL.search(label))


def label_hours(label: str, value: str) -> HoursRange | None:
    """Hours from "**Time**: 10-12 hours" or "Estimated time (hours): 13"."""
    if not _HOURS_LABEL.search(label):
        return None
    match = _HOURS_VALUE.match(value)
    if not match:
        return None
    low = _num(match.group(1)) or 0.0
    high = _num(match.group(2)) if match.group(2) else low
    return HoursRange(low=low, high=max(low, high or low))


def label_duration(label: str, value: str) -> tuple[Span, bool] | None:
    """Duration from "**Dauer**: 6–12 Monate, …"; the flag says the value was all of it."""
    if not _DURATION_LABEL.search(label):
        return None
    match = _DURATION.match(value)
    if not match:
        return None
    span = _span(match.group(1), match.group(2), match.group(3))
    return span, match.end() >= len(value.rstrip(" ."))


_TRAILING_HOURS = re.compile(
    r"\(\s*(?:[^()]*?,\s*)?" + _NUM + r"\s*(hours?|hrs?|h|std\.?|stunden)\s*\)\s*$", re.I
)


def item_hours(text: str) -> float | None:
    """Hours from a leading "[3 hrs]"/"[30 min]" or a closing "(Coursera, 60 hours)".

    The text itself keeps the brackets.
    """
    match = _ITEM_HOURS.match(text)
    if not match:
        trailing = _TRAILING_HOURS.search(text)
        return _num(trailing.group(1)) if trailing else None
    value = _num(match.group(1)) or 0.0
    return value / 60 if match.group(2).lower().startswith("min") else value


def strip_checkbox(text: str) -> tuple[str, bool]:
    """The text without a leading "[ ]"/"[x]", and whether there was one."""
    match = _CHECKBOX.match(text)
    return (text[match.end() :], True) if match else (text, False)


def slug_text(text: str) -> str:
    """The part of an item's text its id is made from: no "[3 hrs]" prefix."""
    return _ITEM_HOURS.sub("", text)


def routine_hours(text: str) -> HoursRange | None:
    """Weekly routine line "10–15 Stunden: Theorie" → 10–15."""
    match = _ROUTINE_HOURS.match(text)
    if not match:
        return None
    low = _num(match.group(1)) or 0.0
    high = _num(match.group(2)) if match.group(2) else low
    return HoursRange(low=low, high=max(low, high or low))


def strip_enumeration(title: str) -> tuple[str, int | None]:
    """ "1. Grundlagen" → ("Grundlagen", 1)."""
    match = _ENUM.match(title)
    if not match:
        return title, None
    return title[match.end() :], int(match.group(1))


_UNIT_NAMES = ("week", "day", "month", "module", "phase")


@lru_cache(maxsize=1)
def _any_id_heads() -> tuple[re.Pattern[str], ...]:
    """ "Semana 3", "Semaine 3", "第 3 周", "第3週" in any language ``languages`` knows."""
    from syllabus.importer import structure

    named = "|".join(f"(?P<{n}>{structure.word_pattern(n).pattern})" for n in _UNIT_NAMES)
    number = r"(?P<low>\d+)(?:\s*(?:[-–—~〜]|to|bis|a|à)\s*(?P<high>\d+))?"
    return (
        re.compile(rf"^(?:{named})\s*{number}(?=$|[^\w.])", re.I),
        re.compile(rf"^第\s*{number}\s*(?:{named})", re.I),
    )


def _any_unit(title: str) -> tuple[str, str, str | None] | None:
    from syllabus.importer import structure

    text = structure.plain_numbers(title)
    for pattern in _any_id_heads():
        match = pattern.match(text)
        if match:
            word = next(n for n in _UNIT_NAMES if match.group(n))
            return word, match.group("low"), match.group("high")
    return None


def unit_id(title: str) -> str | None:
    """ "Week 3: …" → "week-03", "Month 1-2: …" → "month-1-2", "Phase 2 – …" → "phase-2"."""
    plain = strip_enumeration(title)[0]
    match = _ID_HEAD.match(plain)
    if not match:
        found = _any_unit(plain)
        if found is None:
            return None
        word, low_text, high_text = found
        width = 2 if word in ("week", "day") else 1
        low = f"{int(low_text):0{width}d}"
        return f"{word}-{low}-{int(high_text):0{width}d}" if high_text else f"{word}-{low}"
    word = _ID_WORDS[match.group(1).lower()]
    width = 2 if word in ("week", "day") else 1
    low = f"{int(match.group(2)):0{width}d}"
    if match.group(3):
        return f"{word}-{low}-{int(match.group(3)):0{width}d}"
    return f"{word}-{low}"


def title_timing(title: str) -> tuple[Span | None, Span | None]:
    """(position, duration) a heading states: "Month 1-2 … (Weeks 1-8)", "(1–2 Monate)"."""
    duration = None
    match = _DURATION_PAREN.search(title)
    if match:
        duration = _span(match.group(1), match.group(2), match.group(3))
        title = title[: match.start()] + title[match.end() :]
    spans = [_span(m.group(2), m.group(3), m.group(1)) for m in _POSITION.finditer(title)]
    position = next((s for s in spans if s.unit is Unit.WEEK), spans[0] if spans else None)
    if position is None and duration is None:
        position, duration = _any_timing(title)
    if position is not None and duration is None and position.low == position.high:
        if unit_id(title) and position.unit is Unit.WEEK:
            duration = Span(low=1, high=1, unit=Unit.WEEK)
    return position, duration


_UNITS_BY_NAME = {"week": Unit.WEEK, "day": Unit.DAY, "month": Unit.MONTH}
_PARENS = re.compile(r"[(（]([^()（）]{1,40})[)）]")


def _any_timing(title: str) -> tuple[Span | None, Span | None]:
    """Timing in any language: "Semana 3" (a position), "(4-6 semanas)" (a duration)."""
    from syllabus.importer import structure

    duration = None
    for match in _PARENS.finditer(title):
        inner = structure.plain_numbers(match.group(1)).strip().lstrip("~≈ca. ")
        found, unit = structure.number_range(inner), structure.unit_of(inner)
        if found and unit and inner[:1].isdigit():
            duration = Span(low=found[0], high=found[1], unit=unit)
            title = title[: match.start()] + title[match.end() :]
            break
    head = _any_unit(strip_enumeration(title)[0])
    position = None
    if head and head[0] in _UNITS_BY_NAME:
        low = float(head[1])
        high = float(head[2]) if head[2] else low
        position = Span(low=low, high=max(low, high), unit=_UNITS_BY_NAME[head[0]])
        if duration is None and low == high and position.unit is Unit.WEEK:
            duration = Span(low=1, high=1, unit=Unit.WEEK)
    return position, duration


def auto_role(title: str, top_level: bool, parent: Role | None) -> Role:
    """A node's role from its heading when no hint says otherwise."""
    if parent in (Role.APPENDIX, Role.SIDE_TRACK, Role.HABIT):
        return parent
    plain = strip_enumeration(title)[0]
    if unit_id(plain):
        return Role.PHASE if top_level else Role.SECTION
    if _MILESTONE.search(plain):
        return Role.MILESTONE
    if _SIDE.search(plain):
        return Role.SIDE_TRACK
    if _HABIT.search(plain):
        return Role.HABIT
    if top_level and (_APPENDIX.search(plain) or _any_appendix(plain)):
        return Role.APPENDIX
    return Role.PHASE if top_level else Role.SECTION


def _any_appendix(title: str) -> bool:
    """ "附录：…", "Anexo A", "Annexe" in any language: a heading that starts so."""
    from syllabus.importer import structure

    match = structure.word_pattern("appendix").match(structure.strip_symbols(title))
    return match is not None


def is_milestone_title(title: str) -> bool:
    return bool(_MILESTONE.search(title))


def find_pace(text: str) -> Pace | None:
    """The pace a line states: "2–3 h/Tag | 6 Tage/Woche", "(12–14 hrs/week)"."""
    per_day = _PER_DAY.search(text)
    per_week = _PER_WEEK.search(text)
    days = _DAYS_WEEK.search(text)
    if not (per_day or per_week):
        return None
    hours_per_day = hours_per_week = None
    days_per_week = int(days.group(1)) if days else None
    if per_day:
        low = _num(per_day.group(1)) or 0.0
        high = _num(per_day.group(2)) if per_day.group(2) else low
        hours_per_day = HoursRange(low=low, high=max(low, high or low))
    if per_week:
        low = _num(per_week.group(1)) or 0.0
        high = _num(per_week.group(2)) if per_week.group(2) else low
        hours_per_week = HoursRange(low=low, high=max(low, high or low))
    elif hours_per_day and days_per_week:
        hours_per_week = HoursRange(
            low=hours_per_day.low * days_per_week, high=hours_per_day.high * days_per_week
        )
    inner = re.search(r"\(([^()]*(?:/|pro|per)[^()]*)\)", text)
    shown = (
        inner.group(1)
        if inner and (_PER_WEEK.search(inner.group(1)) or _PER_DAY.search(inner.group(1)))
        else text
    )
    return Pace(
        text=shown.strip(),
        hours_per_week=hours_per_week,
        hours_per_day=hours_per_day,
        days_per_week=days_per_week,
    )
