"""What a roadmap's shape says beyond its headings: plan tables, set-aside material,
checkbox marks, stated length, alternative tracks.

Every rule here looks at one table, heading, list or line, and its words come from the
keyword tables of ``languages`` (all languages at once: a Spanish plan may have English
headings), so nothing is tuned to one document.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from syllabus.importer.lines import Line, strip_symbols

__all__ = ["strip_symbols"]
from syllabus.model.roadmap import HoursRange, Span, Unit

# --- keywords ------------------------------------------------------------------------

_EXTRA: dict[str, tuple[str, ...]] = {
    "track": (
        "track", "path", "plan", "schedule", "route", "pace", "tempo", "ritmo", "timeline",
    ),
    "examples": (
        "example", "examples", "beispiel", "beispiele", "ejemplo", "ejemplos", "exemple",
        "exemples", "exemplo", "exemplos", "esempio", "esempi", "示例", "例子", "例",
    ),
    "practice": (
        "exercise", "exercises", "practice", "übung", "übungen", "ejercicio", "ejercicios",
        "exercice", "exercices", "exercício", "exercícios", "esercizio", "esercizi", "练习",
        "習題", "練習", "演習", "praxis", "prática", "práticas",
    ),
    "schedule": (
        "schedule", "timeline", "timetable", "zeitplan", "zeitleiste", "ablaufplan",
        "cronograma", "calendario", "calendrier", "échéancier", "planning", "cronologia",
        "时间表", "时间线", "进度安排", "日程", "スケジュール", "日程表",
    ),
    "closing": (
        "congratulations", "well done", "keep learning", "what's next", "what next",
        "glückwunsch", "herzlichen glückwunsch", "wie geht es weiter", "felicidades",
        "enhorabuena", "felicitaciones", "félicitations", "et après", "parabéns",
        "congratulazioni", "complimenti", "恭喜", "祝贺", "おめでとう",
    ),
    "related": (
        "related", "related lists", "see also", "other lists", "similar lists",
        "siehe auch", "verwandte listen", "véase también", "ver también", "voir aussi",
        "veja também", "vedi anche", "相关", "相关链接", "関連", "関連リンク",
    ),
    "motivation": (
        "motivation", "motivación", "motivação", "motivazione", "动机", "モチベーション",
    ),
    "criteria": (
        "must", "should", "shall", "müssen", "muss", "sollen", "sollten", "deben", "debe",
        "deberían", "doivent", "doit", "devraient", "devem", "deve", "devono", "dovrebbero",
        "必须", "应该", "应当", "べき",
    ),
    "logistics": (
        "how to show your progress", "show your progress", "track your progress",
        "how to track your progress",
    ),
}  # fmt: skip
"""Words ``languages`` has no table for (yet): a track's own word, examples, exercises,
a schedule, closing words ("Congratulations"), related lists, motivation, the modal verb
of a criteria list ("Courses must:"), and more ways of naming logistics."""


@lru_cache(maxsize=64)
def words(name: str) -> tuple[str, ...]:
    """Lower-case words and phrases for ``name`` in every language ``languages`` knows."""
    from syllabus.importer import languages

    found = getattr(languages.all_keywords(), name, ()) or ()
    merged = (*_EXTRA.get(name, ()), *found)
    return tuple(dict.fromkeys(w.lower() for w in merged if w))


def _alternation(name: str) -> str:
    return "|".join(re.escape(w) for w in sorted(words(name), key=len, reverse=True))


@lru_cache(maxsize=64)
def word_pattern(name: str) -> re.Pattern[str]:
    """The words of ``name`` as whole words (or, for CJK words, anywhere)."""
    return re.compile(_word_source(name), re.I)


def _word_source(name: str) -> str:
    return "|".join(_word_branches(name)) or r"(?!x)x"


@lru_cache(maxsize=64)
def _word_branches(name: str) -> tuple[str, ...]:
    """The three branches of ``name``'s pattern, in order: words that start with a
    letter (whole words), with a mark ("/week"), and CJK words (anywhere)."""
    ordered = sorted(words(name), key=len, reverse=True)
    spaced = _trie([w for w in ordered if not _CJK.search(w) and w[0].isalpha()])
    marked = _trie([w for w in ordered if not _CJK.search(w) and not w[0].isalpha()])
    cjk = _trie([w for w in ordered if _CJK.search(w)])
    parts = [rf"(?<![^\W\d_])(?:{spaced})(?![^\W\d_])"] if spaced else []
    parts += [rf"(?:{marked})(?![^\W\d_])"] if marked else []  # "/week"
    parts += [f"(?:{cjk})"] if cjk else []
    return tuple(parts)


def _trie(ordered: list[str]) -> str:
    """The words, longest first, as one pattern that matches what their alternation
    matches (ignoring case): a tree of their letters, so a place in the text is tried
    against each first letter once, not against every word (a list of 76 phrases: 17
    -> 6 us a line). Each letter's branch tries the longer words on before a word that
    ends there, so the longest word that matches still wins. Two letters that differ but
    match each other ignoring case ("k" and the Kelvin sign) would each be a branch
    tried in turn, and then a shorter word could come first: such words stay a list."""
    root: dict[str, Any] = {}
    for word in ordered:
        node = root
        for char in word:
            if char not in node and any(_same_letter(char, other) for other in node if other):
                return "|".join(re.escape(w) for w in ordered)
            node = node.setdefault(char, {})
        node[""] = {}

    def source(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + source(child) for char, child in node.items() if char]
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ("|" if "" in node else "") + ")" if branches else ""

    return source(root)


def _same_letter(one: str, other: str) -> bool:
    if one.isascii() and other.isascii():  # no ASCII letter matches another but its case
        return one.lower() == other.lower()
    if all(c.lower() == c == c.upper() for c in (one, other)):  # no case: CJK, marks
        return one == other
    return re.fullmatch(re.escape(one), other, re.I) is not None


@lru_cache(maxsize=64)
def _branch_patterns(name: str) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """Each branch on its own, and whether it needs a CJK character in the text."""
    branches = _word_branches(name)
    cjk = bool(words(name)) and any(_CJK.search(w) for w in words(name))
    return tuple(
        (re.compile(branch, re.I), cjk and index == len(branches) - 1)
        for index, branch in enumerate(branches)
    )


def word_search(name: str, text: str) -> re.Match[str] | None:
    """``word_pattern(name).search(text)``, found sooner in a long text (an item's):
    each branch is searched on its own (one pattern of all three tries every branch at
    every position, a third slower) and the CJK branch only in a text with a CJK
    character; the leftmost match wins, at the same place the earlier branch, as in the
    whole pattern. An ASCII text none of whose words can start one is passed first."""
    if text.isascii() and _no_ascii_start(name, text):
        return None
    best: re.Match[str] | None = None
    for pattern, needs_cjk in _branch_patterns(name):
        if needs_cjk and not _CJK.search(text):
            continue
        found = pattern.search(text)
        if found is not None and (best is None or found.start() < best.start()):
            best = found
    return best


_LETTERS = re.compile(r"[^\W\d_]+")


def _no_ascii_start(name: str, text: str) -> bool:
    """Whether an ASCII text surely holds none of ``name``'s words: a word that starts
    with a letter matches where a whole run of the text's letters is the word's first
    run of letters (ignoring case), a word that starts with a mark only where the text
    holds it."""
    starts = _ascii_starts(name)
    if starts is None:
        return False
    runs, marked = starts
    if not runs.isdisjoint(text.encode().translate(_ASCII_LETTER_RUNS).split()):
        return False
    return not marked or not any(m in text.lower() for m in marked)


_ASCII_LETTER_RUNS = bytes(
    code + 32 if 65 <= code <= 90 else code if 97 <= code <= 122 else 32 for code in range(256)
)
"""A byte table: ASCII letters in lower case, every other byte a space (so ``split``
gives an ASCII text's runs of letters, lower-cased, twice as fast as a pattern)."""


@lru_cache(maxsize=64)
def _ascii_starts(name: str) -> tuple[frozenset[bytes], tuple[str, ...]] | None:
    """The first runs of letters of ``name``'s words, and its words that start with a
    mark; None when a letter of a word beyond ASCII matches an ASCII one ignoring case
    (the long s, the Kelvin sign), so that the lower-case text would not show it."""
    listed = [w for w in words(name) if not _CJK.search(w)]
    beyond = {char for word in listed for char in word if not char.isascii()}
    if any(_matches_ascii(char) for char in beyond):
        return None
    runs = {found.group() for w in listed if w[0].isalpha() and (found := _LETTERS.match(w))}
    marked = tuple(w for w in listed if not w[0].isalpha())
    return frozenset(run.encode() for run in runs), marked


@lru_cache(maxsize=1024)
def _matches_ascii(char: str) -> bool:
    """Whether a character beyond ASCII matches an ASCII letter ignoring case."""
    if char.lower() == char == char.upper():
        return False  # no case at all (CJK, marks): it matches only itself
    return re.search(re.escape(char), string.ascii_letters, re.I) is not None


def has_word(name: str, text: str) -> bool:
    return word_search(name, text) is not None


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_DIGIT = re.compile(r"[\d\uff10-\uff19]")

# --- numbers ---------------------------------------------------------------------------

_KEYCAP = re.compile(r"(\d)\ufe0f?\u20e3")
_FULLWIDTH = str.maketrans("０１２３４５６７８９～－–—", "0123456789~---")
_NUM = r"(\d+(?:[.,]\d+)?)"
_RANGE = re.compile(_NUM + r"(?:\s*(?:[-~〜]|to|bis|a|à)\s*" + _NUM + r")?", re.I)


def plain_numbers(text: str) -> str:
    """Keycap emoji ("1️⃣2️⃣", "🔟") as digits, fullwidth digits and dashes as ASCII ones."""
    if text.isascii():
        return text  # every character it changes is beyond ASCII
    if "\u20e3" in text:
        text = _KEYCAP.sub(r"\1", text)
    if "\U0001f51f" in text:
        text = text.replace("\U0001f51f", "10")
    return text.translate(_FULLWIDTH)


def number_range(text: str) -> tuple[float, float] | None:
    """The first "3", "1-2", "1.5", "4~6" in a text, as (low, high)."""
    match = _RANGE.search(plain_numbers(text))
    if not match:
        return None
    low = float(match.group(1).replace(",", "."))
    high = float(match.group(2).replace(",", ".")) if match.group(2) else low
    return low, max(low, high)


def unit_of(text: str) -> Unit | None:
    """The unit a text names ("weeks", "semanas", "周"), if it names one."""
    for name, unit in (("week", Unit.WEEK), ("day", Unit.DAY), ("month", Unit.MONTH)):
        if has_word(name, text):
            return unit
    return None


def _per_week(text: str) -> HoursRange | None:
    """Hours a week from "7-14 Hours/Week", "30 minutes/week", "6 h" (a week's effort)."""
    found = number_range(text)
    if found is None:
        return None
    scale = 1 / 60 if has_word("minutes", text) else 1.0
    if has_word("day", text):
        scale *= 7  # "1 hour/day" as a week's effort
    return HoursRange(low=found[0] * scale, high=found[1] * scale)


def _weeks(span: Span) -> tuple[float, float]:
    per = {Unit.DAY: 1 / 7, Unit.WEEK: 1.0, Unit.MONTH: 4.0}[span.unit]
    return span.low * per, span.high * per


# --- plan tables -----------------------------------------------------------------------

_TIMING = ("week", "day", "month", "phase", "module")
_TITLE = ("topic", "course", "activity")


def column_role(header: str) -> str | None:
    """What a plan table's column holds, from its header cell."""
    text = plain_numbers(strip_symbols(header.replace("#", " # ").strip())).lower()
    if not text.strip():
        return None
    checks = (
        ("effort", "effort"),
        ("duration", "duration"),
        ("prerequisites", "prerequisites"),
        ("status", "status"),
        ("done", "status"),  # "| Done |" over ✅ and ⬜ cells
        ("course", "title"),
        ("topic", "title"),
        ("activity", "title"),
        *((name, name) for name in _TIMING),
        ("code", "code"),
    )
    for name, role in checks:
        if has_word(name, text):
            return role
    if text.strip() == "#":
        return "code"
    return None


@dataclass
class PlanRow:
    """One row of a plan table, read."""

    title: str
    links: list[tuple[str, str]]
    code: str | None = None
    index: tuple[float, float] | None = None
    """The row's week/day/phase number(s), in the timing column's unit."""
    duration: Span | None = None
    hours: HoursRange | None = None
    marked: str | None = None
    emphasis: bool = False


@dataclass
class PlanTable:
    """A table read as a plan: its rows, and the unit of its timing column."""

    rows: list[PlanRow]
    unit: Unit | None
    """The unit of the timing column (None: phases or modules, or no timing column)."""
    timed: bool
    """Whether the rows carry their own week/day/phase: each one a node of the plan."""
    timing_column: bool = False
    """Whether the table has a week/day/month/phase/module column at all."""


def _roles(header: list[list[Line]]) -> list[str | None]:
    return [column_role(" ".join(line.text for line in cell)) for cell in header]


def plan_columns(header: list[list[Line]]) -> dict[str, int] | None:
    """The columns of a plan table by role, or None for a reference table."""
    found: dict[str, int] = {}
    for index, role in enumerate(_roles(header)):
        if role is not None and role not in found:
            found[role] = index
    timing = next((r for r in _TIMING if r in found), None)
    if "title" not in found:
        if timing is None:
            return None
        rest = [i for i, role in enumerate(_roles(header)) if role is None]
        if not rest:
            return None
        found["title"] = rest[0]  # "| Semaines | Activités |": the other column
    if timing is None and "duration" not in found and "effort" not in found:
        return None
    return found


def _cell(row: list[list[Line]], index: int | None) -> tuple[str, list[tuple[str, str]]]:
    if index is None or index >= len(row):
        return "", []
    lines = row[index]
    text = " ".join(line.text for line in lines).strip()
    return text, [link for line in lines for link in line.links]


def _unknown(text: str) -> bool:
    return not text or not any(ch.isdigit() for ch in plain_numbers(text))


def _status_mark(text: str) -> str | None:
    """ "done" for a status cell that says so ("✅ Done"), None for any other state: a
    status word wins over the emoji ("✅ En progreso" is begun, not done)."""
    if not text or has_word("todo", text) or has_word("doing", text):
        return None
    if any(mark in text for mark in _DONE_MARKS) or has_word("done", text):
        return "done"
    return None


def read_plan_table(header: list[list[Line]], rows: list[list[list[Line]]]) -> PlanTable | None:
    """A table whose columns make a plan (week/day/phase, course/topic, duration, effort)."""
    columns = plan_columns(header)
    if columns is None or not rows:
        return None
    timing = next((r for r in _TIMING if r in columns), None)
    head_text = " ".join(line.text for line in header[columns[timing]]) if timing else ""
    unit = {"week": Unit.WEEK, "day": Unit.DAY, "month": Unit.MONTH}.get(timing or "")
    unit = unit_of(head_text) if unit is None and head_text else unit
    read: list[PlanRow] = []
    for row in rows:
        title, links = _cell(row, columns["title"])
        if not title:
            continue
        plan = PlanRow(title=title, links=links)
        plan.emphasis = any(line.label_only for line in row[columns["title"]])
        code, _ = _cell(row, columns.get("code"))
        plan.code = code or None
        if timing:
            index_text, _ = _cell(row, columns[timing])
            plan.index = None if _unknown(index_text) else number_range(index_text)
        duration_text, _ = _cell(row, columns.get("duration"))
        if not _unknown(duration_text):
            found = number_range(duration_text)
            span_unit = unit_of(duration_text) or unit or Unit.WEEK
            if found:
                plan.duration = Span(low=found[0], high=found[1], unit=span_unit)
        effort_text, _ = _cell(row, columns.get("effort"))
        if plan.duration is not None and not _unknown(effort_text):
            per_week = _per_week(effort_text)
            if per_week is not None:
                low, high = _weeks(plan.duration)
                plan.hours = HoursRange(low=low * per_week.low, high=high * per_week.high)
        status_text, _ = _cell(row, columns.get("status"))
        plan.marked = _status_mark(status_text)
        read.append(plan)
    if not read:
        return None
    timed = timing is not None and sum(r.index is not None for r in read) >= len(read) / 2
    if any(r.duration is not None and (r.index is None or r.index[0] == r.index[1]) for r in read):
        unit = None  # "| 3 | Trees | 2 Weeks |": the third block of work, two weeks long
    return PlanTable(read, unit, timed, timing is not None)


# --- a matrix of alternative plans ------------------------------------------------------

_NO_MARK = frozenset(
    ("", "-", "–", "—", "no", "nein", "non", "não", "nao", "✗", "✘", "❌", ":x:", ":-1:", "n/a")
)
_YES_WORDS = frozenset(("yes", "ja", "sí", "si", "oui", "sim", "sì", "x", "是", "はい"))


@dataclass
class MatrixTrack:
    """One column of a plan matrix: an alternative plan and the rows it takes."""

    name: str
    rows: list[tuple[int, str | None]]
    """(row number, the cell's word when it says how much: "Some", "Most")."""


@dataclass
class Matrix:
    """A table of work (first column) by alternative plans (the other columns), each
    cell a mark saying whether, or how much of, that row a plan takes."""

    texts: list[tuple[str, list[tuple[str, str]]]]
    """Each row's work: its text and links."""
    tracks: list[MatrixTrack]


def _short(text: str, most: int) -> bool:
    return len(text.split()) <= most and len(text) <= 24


def read_matrix(header: list[list[Line]], rows: list[list[list[Line]]]) -> Matrix | None:
    """A table like "| | Short | Medium | Long |" whose other cells are marks (":+1:",
    "✓", "Some", "Most"): alternative plans by the rows of work each one takes."""
    names = [" ".join(line.text for line in cell).strip() for cell in header[1:]]
    if len(names) < 2 or len(rows) < 2 or not all(n and _short(n, 3) for n in names):
        return None
    corner = " ".join(line.text for line in header[0]).strip() if header else ""
    if corner and not has_word("track", corner):
        return None  # "| Piece | Value | Moves |": a reference table's header
    texts: list[tuple[str, list[tuple[str, str]]]] = []
    marks: list[list[str]] = []
    for row in rows:
        if len(row) < len(header):
            return None
        text = " ".join(line.text for line in row[0]).strip()
        cells = [" ".join(line.text for line in cell).strip() for cell in row[1 : len(header)]]
        if not text or any(line.links for cell in row[1:] for line in cell):
            return None
        if not all(_short(cell, 2) for cell in cells):
            return None
        texts.append((text, [link for line in row[0] for link in line.links]))
        marks.append(cells)
    values = [cell.lower() for cells in marks for cell in cells if cell.lower() not in _NO_MARK]
    kinds = set(values)
    if not kinds or len(kinds) > 6 or len(values) == len(kinds):
        return None  # marks repeat: a small vocabulary, not a reference table's values
    tracks = []
    for column, name in enumerate(names):
        taken = []
        for number, cells in enumerate(marks):
            mark = cells[column]
            if mark.lower() in _NO_MARK:
                continue
            letters = sum(ch.isalpha() for ch in mark)
            word = mark.lower() not in _YES_WORDS and not mark.startswith(":") and letters >= 2
            taken.append((number, mark if word else None))
        tracks.append(MatrixTrack(name, taken))
    if sum(bool(t.rows) for t in tracks) < 2:
        return None
    return Matrix(texts, tracks)


# --- set-aside material ----------------------------------------------------------------

_ASIDE_NAMES = (
    ("code_of_conduct", "code-of-conduct"),
    ("toc", "toc"),
    ("credits", "credits"),
    ("contributing", "contributing"),
    ("licence", "licence"),
    ("faq", "faq"),
    ("logistics", "logistics"),
    ("community", "community"),
)


def aside_reason(title: str) -> str | None:
    """Why a heading's section is not part of the plan ("License" → licence), if it is not.

    The heading must be about that and little else: "Team" or "Special thanks", not
    "Team projects in week 3".
    """
    text = strip_symbols(plain_numbers(title)).strip().lower().rstrip(":")
    if not text or len(text.split()) > 6:
        return None
    for name, reason in _ASIDE_NAMES:
        match = word_pattern(name).search(text)
        if match is None:
            continue
        rest = (text[: match.start()] + text[match.end() :]).strip(" &/,-–—:()：")
        short = len(rest) <= 1 if _CJK.search(text) else len(rest.split()) <= 2
        if short and not any(ch.isdigit() for ch in rest):
            return reason
    return None


def _only(name: str, title: str) -> bool:
    """A heading that names ``name``'s words and little else ("Related", "See also")."""
    text = strip_symbols(plain_numbers(title)).strip().lower().rstrip(":!.")
    if not text or len(text.split()) > 6:
        return False
    match = word_pattern(name).search(text)
    if match is None:
        return False
    rest = (text[: match.start()] + text[match.end() :]).strip(" &/,-–—:()：!.")
    return len(rest) <= 1 if _CJK.search(text) else len(rest.split()) <= 2


def no_work(title: str) -> bool:
    """A heading whose section holds no work of the plan: closing words after it
    ("Congratulations", "What's next") or links to other lists ("Related", "See also")."""
    return _only("closing", title) or _only("related", title)


def restates_plan(title: str) -> bool:
    """A heading that names a schedule ("Suggested timeline", "Cronograma sugerido"):
    after a plan that is already there, a second overview of it, not more work."""
    return _only("schedule", title)


@lru_cache(maxsize=4096)
def reference_title(title: str | None) -> bool:
    """A heading or label that names reference material and little else ("Resources",
    "Further reading", "Recursos adicionales", "推荐资源", "Further reading: caching"):
    its list is read, not ticked. Not "Week 3: Links" (a unit of the plan) nor "Tools
    and practice" (work as well)."""
    if not title:
        return False
    text = strip_symbols(plain_numbers(title)).strip().lower().rstrip(":：")
    head = re.split(r"[:：]", text, maxsplit=1)[0].strip()
    if head != text and reference_title(head):
        return True  # "Source(s) and further reading: SQL tuning"
    if not text or _DIGIT.search(text) or not has_word("resources", text):
        return False
    if has_word("practice", text) or has_word("project", text) or has_word("activity", text):
        return False
    return len(text) <= 8 if _CJK.search(text) else len(text.split()) <= 5


_DO_THIS = re.compile(
    r"^(?:install|set up|setup|configure|complete|finish|solve|practi[cs]e|make|build|"
    r"implement|write|create|instala|instalar|crea|crear|completa|completar|resuelve|"
    r"installe[rz]?|installieren|installiere|instale|crie|conclua|installa|completa|"
    r"安装|完成|实现|编写|インストール|作成)(?![^\W\d_])",
    re.I,
)


def do_this(text: str) -> bool:
    """An item that says to do something ("Install Python", "Completa el reto") or is
    labelled as practice or a project ("Praxis: Kaggle competitions", "Project: …"):
    work to tick, even in a list of reference links."""
    plain = strip_symbols(text).lstrip("*_ ")
    if _DO_THIS.match(plain):
        return True
    head, colon, _rest = plain.partition(":")
    if not colon or len(head.split()) > 3:
        return False
    return has_word("practice", head) or has_word("project", head)


def motivation(title: str) -> bool:
    """A heading about motivation ("Motivation & Preparation"): optional preparation."""
    return has_word("motivation", title)


@lru_cache(maxsize=1024)
def criteria_label(label: str) -> bool:
    """A label that ends in a modal verb ("Courses must:", "Projekte sollten:"): the
    list after it says what something must be, it is no work to do."""
    text = strip_symbols(label).strip().rstrip(":：").strip().lower()
    if not text:
        return False
    last = text.split()[-1]
    return last in words("criteria") or any(text.endswith(w) for w in _cjk_words("criteria"))


@lru_cache(maxsize=64)
def _cjk_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in words(name) if _CJK.search(w))


_NUMBERING = re.compile(r"^\d{1,3}\s*[>»›→]\s+|^\d{1,3}\s*[-–—:.)]\s+")


def item_text(text: str) -> str:
    """An item's text without decorative leading emoji and, after them, its numbering
    ("♾️ 12 > Setting up" → "Setting up"; "3 > Loops" → "Loops"); the rest as written."""
    if text[:1] in _STATUS:
        return text  # "✅ Can write structs": the mark says something, it stays
    start = 0
    while start < len(text) and _decorative_start(text[start]):
        start += 1
    rest = text[start:]
    match = _NUMBERING.match(rest)
    if match and (start or match.group(0).rstrip()[-1] in ">»›→") and rest[match.end() :]:
        rest = rest[match.end() :]
    return rest if rest.strip() else text


_STATUS = frozenset("✅✓✔☑✗✘❌⬜⬛🔲🔳⏳➖❎🟢🟡🔴🔵")


def _decorative_start(ch: str) -> bool:
    if ch.isspace() or ch in "\ufe0f\u200d":
        return True
    return unicodedata.category(ch) == "So"


def preface(title: str) -> str | None:
    """ "preface" for a heading that is only "Introduction", "About", "Vorwort"."""
    text = strip_symbols(title).strip().lower().rstrip(":")
    return "preface" if text and word_pattern("preface").fullmatch(text) else None


def anchor_link(url: str) -> bool:
    return url.startswith("#")


def is_toc_lines(lines: list[Line]) -> bool:
    """Whether list entries' first lines are in-page links only (a table of contents)."""
    links = [url for line in lines for _, url in line.links]
    return bool(links) and all(anchor_link(url) for url in links)


def image_only(line: Line) -> bool:
    """A line that is only images or badges: its text is nothing but the images' alt text."""
    if not line.links:
        return False
    if not line.source:
        return False
    source = _LIST_MARK.sub("", line.source, count=1)
    return bool(_IMAGES.fullmatch(source))


_LIST_MARK = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s+)?(?:\[.\]\s*)?")
_IMAGES = re.compile(r"(?:\s*\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*)+")


# --- checkbox marks --------------------------------------------------------------------

_BOX = re.compile(r"^\[([ xX✓✔☑✅\-~]|✔️|✔\ufe0f|☑️|✅️)\]\s*")


def checkbox(text: str) -> tuple[str, bool, str | None]:
    """The text without a leading box, whether there was one and the state it marks.

    ``[ ]`` is to do, ``[x]``/``[✔️]``/``[✓]`` done, ``[-]``/``[~]`` skipped.
    """
    match = _BOX.match(text)
    if not match:
        return text, False, None
    mark = match.group(1)
    state = None if mark == " " else "skipped" if mark in "-~" else "done"
    return text[match.end() :], True, state


# --- status emoji ----------------------------------------------------------------------

_DONE_MARKS = "✅✔☑✓"
_OPEN_MARKS = "⏳⌛🚧⬜🔲☐➖🔄"
"""Marks that only a progress tracker writes: begun or not begun."""
_NOT_MARKS = "❌✗✘⭕"
"""Marks for "not (yet)" that a list of dos and don'ts writes too: a status only in a
list that is a tracker already."""
_MARK_TAIL = "\ufe0f\u200d "


def _mark(text: str, at_end: bool) -> tuple[str, str] | None:
    """(the mark, the text without it) at the start or end of a text, if there is one."""
    text = text.strip()
    if at_end:
        bare = text.rstrip(_MARK_TAIL)
        if bare and bare[-1] in _DONE_MARKS + _OPEN_MARKS + _NOT_MARKS:
            return bare[-1], bare[:-1].rstrip(" (-–—:")
        return None
    if text and text[0] in _DONE_MARKS + _OPEN_MARKS + _NOT_MARKS:
        return text[0], text[1:].lstrip(_MARK_TAIL)
    return None


def _word_state(text: str) -> str | None:
    """The status a text's words state: "todo", "doing", "done", or None."""
    for name in ("todo", "doing", "done"):
        if has_word(name, text):
            return name
    return None


def tracker_list(texts: list[str]) -> bool:
    """Whether a list's entries are a progress tracker's: one of them starts or ends with
    a mark only trackers write ("⏳", "🚧", "⬜"), or with a status mark followed by a
    status word ("✅ Done", "❌ Not started"). A list of "✅ Can knit" alone is outcomes."""
    for text in texts:
        for at_end in (False, True):
            found = _mark(text, at_end)
            if found is None:
                continue
            mark, rest = found
            if mark in _OPEN_MARKS:
                return True
            state = _subject_and_state(rest) if len(rest.split()) <= 6 else None
            if state is not None and (mark not in _NOT_MARKS or state == "todo"):
                return True  # "✅ Loops (done)", "❌ Loops: not started"
    return False


def _subject_and_state(text: str) -> str | None:
    """The state a status word names, when the text also says what it is said of
    ("Slices (in progress)": "doing"; "done" alone: None)."""
    for name in ("todo", "doing", "done"):
        match = word_pattern(name).search(text)
        if match is not None:
            rest = text[: match.start()] + text[match.end() :]
            return name if any(ch.isalnum() for ch in rest) else None
    return None


def status_mark(text: str) -> tuple[str, str | None] | None:
    """A tracker entry's text without its leading or closing status mark, and the state it
    marks: "done" (✅, unless its words say begun or not begun), else None (to do). An
    entry a begun mark ("⏳") starts keeps it (the model marks done or skipped only), so
    it still shows. None when the text has no mark."""
    for at_end in (False, True):
        found = _mark(text, at_end)
        if found is None:
            continue
        mark, rest = found
        words = _word_state(rest[-24:] if at_end else rest[:24])
        if mark in "⏳⌛🚧🔄":
            return text.strip(), None
        if words == "doing":  # "✅ Slices (in progress)": begun, the words say it
            return rest or text.strip(), None
        done = mark in _DONE_MARKS and words in (None, "done")
        return (rest or text.strip()), "done" if done else None
    return None


# --- stated length ---------------------------------------------------------------------

_LENGTH_UNITS = (("year", 52.0), ("month", 4.0), ("week", 1.0), ("day", 1 / 7))


@lru_cache(maxsize=1)
def _length_pattern() -> re.Pattern[str]:
    units = "|".join(f"(?P<{name}>{_word_source(name)})" for name, _ in _LENGTH_UNITS)
    return re.compile(
        _NUM + r"(?:\s*(?:[-~〜]|to|bis|a|à)\s*" + _NUM + r")?\s*-?\s*(?:" + units + r")",
        re.I,
    )


_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def stated_length(text: str) -> Span | None:
    """The length a title or sentence gives the whole plan ("about 2 years", "9-Week")."""
    if not _DIGIT.search(text):
        return None
    text = plain_numbers(text)
    match = _length_pattern().search(text)
    if not match:
        return None
    if re.match(r"\s*(?:/|per|pro|a\b|each|\d)", text[match.end() :], re.I):
        return None  # "20 hours/week", "1日1時間": a pace, not a length
    if _per_unit_before(text, match.start()):
        return None
    low = float(match.group(1).replace(",", "."))
    high = float(match.group(2).replace(",", ".")) if match.group(2) else low
    name = next(n for n, _ in _LENGTH_UNITS if match.group(n))
    if name == "year":
        return Span(low=low * 12, high=max(low, high) * 12, unit=Unit.MONTH)
    unit = {"month": Unit.MONTH, "week": Unit.WEEK, "day": Unit.DAY}[name]
    return Span(low=low, high=max(low, high), unit=unit)


def _per_unit_before(text: str, start: int) -> bool:
    return bool(re.search(r"(?:/|per|pro|every)\s*$", text[:start], re.I))


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def normal_title(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


# --- alternative tracks ----------------------------------------------------------------


def track_name(title: str) -> str | None:
    """The track a heading names ("Accelerated track", "Part-time (2 years)"), if any:
    a track word among its first two words, and no more than six words in all."""
    text = strip_symbols(title).strip()
    if not text or len(text.split()) > 6:
        return None
    match = word_pattern("track_name").search(text)
    if match is None or len(text[: match.start()].split()) > 1:
        return None
    bare = re.sub(r"[(（][^)）]*[)）]", " ", text[: match.start()] + text[match.end() :])
    if bare.strip(" -–—:*_") and not has_word("track", bare):
        return None  # "Standard library": a track word, but no track
    return text


def track_word(name: str) -> str:
    """The track word a track's name holds ("Accelerated track" → "accelerated")."""
    match = word_pattern("track_name").search(name)
    return match.group(0).lower() if match else name.lower()


# --- stated pace -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _pace_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    hours = _word_source("hours")
    number = _NUM + r"(?:\s*(?:[-~〜]|to|bis|a|à)\s*" + _NUM + r")?"
    gap = r"\s*(?:[^\W\d_]+\s+){0,3}?"  # "9 heures de travail par semaine"
    week = _word_source("every_week")
    day = _word_source("every_day")
    return (
        re.compile(rf"{number}\s*(?:{hours}){gap}\s*(?:{week})", re.I),
        re.compile(rf"{number}\s*(?:{hours}){gap}\s*(?:{day})", re.I),
        re.compile(rf"(?:{day})\s*{number}\s*(?:{hours})", re.I),  # "1日1時間", "每天2小时"
    )


def find_pace(text: str) -> tuple[str, HoursRange | None, HoursRange | None] | None:
    """(the words, hours a week, hours a day) a sentence states in any language."""
    if not _DIGIT.search(text):
        return None  # no number, no pace (most lines: told without the long patterns)
    text = plain_numbers(text)
    if not (has_word("every_week", text) or has_word("every_day", text)):
        return None  # each pattern needs a week's or a day's word (and an hours word)
    per_week, per_day, day_first = _pace_patterns()
    for pattern, weekly in ((per_week, True), (per_day, False), (day_first, False)):
        match = pattern.search(text)
        if match is None:
            continue
        low = float(match.group(1).replace(",", "."))
        high = float(match.group(2).replace(",", ".")) if match.group(2) else low
        if not 0 < low <= (168 if weekly else 24):
            continue
        hours = HoursRange(low=low, high=max(low, high))
        shown = match.group(0).strip()
        return (shown, hours, None) if weekly else (shown, None, hours)
    return None


@lru_cache(maxsize=1)
def _item_hours_pattern() -> re.Pattern[str]:
    hours = _word_source("hours")
    minutes = _word_source("minutes")
    return re.compile(rf"[(（]\s*{_NUM}\s*(?:(?P<h>{hours})|(?P<m>{minutes}))\s*[)）]", re.I)


def item_hours(text: str) -> float | None:
    """Hours an item states in brackets anywhere: "(95H)", "（1 小时）", "(30 min)"."""
    if not _DIGIT.search(text) or ("(" not in text and "（" not in text):
        return None
    match = _item_hours_pattern().search(plain_numbers(text))
    if match is None:
        return None
    value = float(match.group(1).replace(",", "."))
    return value / 60 if match.group("m") else value


# --- a checklist inside a code block ---------------------------------------------------

_BOXES = re.compile(r"\[(✔️|✔\ufe0f?|✓|☑️?|✅|x|X| )\]")


@dataclass
class CodeRow:
    """A row of a checklist kept in a code block ("Variables  [✔️] [✔️] [ ]")."""

    title: str
    done: int
    total: int


def code_checklist(source: str) -> list[CodeRow] | None:
    """The rows of a fenced block that is a checklist: every line a title and boxes, or
    boxes alone that continue the row above. None for any other code."""
    rows: list[CodeRow] = []
    for line in source.split("\n"):
        if not line.strip() or line.lstrip().startswith(("```", "~~~")):
            continue
        boxes = _BOXES.findall(line)
        if not boxes:
            return None
        title = _BOXES.sub("", line).strip()
        done = sum(mark != " " for mark in boxes)
        if title and not line[:1].isspace():
            rows.append(CodeRow(title, done, len(boxes)))
        elif rows and not title:
            rows[-1].done += done
            rows[-1].total += len(boxes)
        else:
            return None
    return rows if len(rows) >= 2 else None


@lru_cache(maxsize=1)
def _per_part_pattern() -> re.Pattern[str]:
    hours = _word_source("hours")
    parts = "|".join(f"(?:{_word_source(name)})" for name in ("topic", "module", "course"))
    per = r"(?:pro|per|por|par|je|each|every|cada|ogni|chaque|/|每个|每)"
    number = _NUM + r"(?:\s*(?:[-~〜]|to|bis|a|à)\s*" + _NUM + r")?"
    return re.compile(rf"{number}\s*(?:[^\W\d_]*?(?:{hours}))\s*{per}\s*(?:{parts})", re.I)


def hours_per_part(text: str) -> HoursRange | None:
    """Hours a sentence gives each topic, module or course ("100-200 Lernstunden pro
    Thema", "40 hours per module"), if it does."""
    if not _DIGIT.search(text):
        return None
    match = _per_part_pattern().search(plain_numbers(text))
    if match is None:
        return None
    low = float(match.group(1).replace(",", "."))
    high = float(match.group(2).replace(",", ".")) if match.group(2) else low
    return HoursRange(low=low, high=max(low, high))
