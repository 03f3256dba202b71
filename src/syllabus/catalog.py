"""Bundled and user-imported roadmaps: list them fast, load one, save an import.

A roadmap file is TOML whose first line is a one-line JSON header
(``# syllabus-roadmap {...}``) with what a listing needs, so ``syllabus list`` and the
app's start screen read a line per file instead of parsing and validating whole roadmaps.
A file without the header (written by hand) is still read, just more slowly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import syllabus
from syllabus.locale import N_, _
from syllabus.model.ids import UnknownId, resolve
from syllabus.model.text import clean_fields
from syllabus.storage.atomic import write_atomic

if TYPE_CHECKING:
    from syllabus.importer.hints import Hints
    from syllabus.model.roadmap import Roadmap

HEADER = "# syllabus-roadmap "
"""Start of the first line of a roadmap file; a JSON object follows."""

SOURCES = "sources.toml"
"""The import hints file beside the bundled roadmaps; not a roadmap."""

HINTS_SUFFIX = ".hints.toml"
"""An imported roadmap's own import hints, ``roadmaps/<id>.hints.toml`` beside it (the
corrections made on the app's import screen); not a roadmap."""


class RoadmapFileError(Exception):
    """A roadmap file that cannot be read; ``str()`` is one line naming the file."""


class IdTaken(ValueError):
    """An import asked for the id of a bundled roadmap; ``str()`` says so in one line."""


@dataclass(frozen=True)
class CatalogEntry:
    """What a listing shows about one roadmap, without loading it."""

    id: str
    title: str
    source: str
    language: str
    bundled: bool
    path: Path
    items_total: int
    items_checkable: int
    weeks: float | None
    """Planned length in weeks at the stated pace, if known."""
    hours: tuple[float, float] | None
    """Total hours estimate (low, high), if known."""
    hours_per_week: float | None = None
    """The pace the roadmap states, at the middle estimate, if it states one."""
    rest_days: tuple[str, ...] | None = None
    """Rest weekdays the roadmap's routine implies, if it gives one (empty: none)."""
    weekday_hours: tuple[tuple[str, float], ...] | None = None
    """The routine's hours by weekday ("mon" … "sun"), if the roadmap gives one."""
    origin: str | None = None
    """For an imported roadmap, the resolved path of the file it was imported from."""
    renamed: bool = False
    """The learner gave it its title (``syllabus rename``): a re-import keeps that title."""
    tracks: tuple[str, ...] = ()
    """The alternative tracks it offers (``Roadmap.tracks``), picked at enrolment."""

    def __post_init__(self) -> None:
        # The header line is read without the model's validation: clean it the same way.
        clean_fields(self, "id", "title", "source", "language")


def bundled_dir() -> Path:
    """Where the bundled roadmaps are: inside the installed package, else the checkout."""
    packaged = Path(syllabus.__file__).parent / "roadmaps"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "roadmaps"


def user_dir(data_dir: Path) -> Path:
    """Where imported roadmaps are saved."""
    return data_dir / "roadmaps"


def summarize(roadmap: Roadmap) -> dict[str, Any]:
    """The header facts of a roadmap: counts, planned weeks and hours."""
    from syllabus.importer.summary import planned_hours, planned_weeks

    total, checkable = roadmap.counts()
    hours = planned_hours(roadmap)
    stated_hours, _days, stated_rest = roadmap.pace.study_week()
    tracks = roadmap.tracks()
    facts = {
        "id": roadmap.id,
        "title": roadmap.title,
        "source": roadmap.source,
        "language": roadmap.language,
        "items_total": total,
        "items_checkable": checkable,
        "weeks": planned_weeks(roadmap),
        "hours": list(hours) if hours else None,
        "hours_per_week": stated_hours,
        "rest_days": stated_rest,
        "weekday_hours": dict(roadmap.pace.weekday_hours) or None,
    }
    if tracks:  # only then: the bundled files' headers stay as they are
        facts["tracks"] = tracks
    return facts


def roadmap_toml(roadmap: Roadmap, origin: Path | None = None, renamed: bool = False) -> str:
    """A roadmap as the text of its TOML file, header line first (with ``origin``, the
    file it was imported from, so a later import can tell the same file from a namesake;
    ``renamed`` when the learner chose its title)."""
    import tomli_w

    from syllabus.model.plain import dump

    data = dump(roadmap, exclude_none=True, exclude_defaults=True)
    facts = summarize(roadmap)
    if origin is not None:
        facts["origin"] = str(origin)
    if renamed:
        facts["renamed"] = True
    header = json.dumps(facts, ensure_ascii=False, separators=(",", ":"))
    return f"{HEADER}{header}\n{tomli_w.dumps(data)}"


def _entry(path: Path, bundled: bool) -> CatalogEntry:
    try:
        with path.open("r", encoding="utf-8") as handle:
            first = handle.readline()
    except (OSError, UnicodeDecodeError) as error:
        raise RoadmapFileError(
            _("{path}: cannot read: {error}").format(path=path, error=error)
        ) from None
    facts: dict[str, Any] | None = None
    if first.startswith(HEADER):
        try:
            facts = json.loads(first[len(HEADER) :])
        except ValueError:
            facts = None
    if not isinstance(facts, dict) or "id" not in facts:
        facts = summarize(_load_path(path))
    hours = facts.get("hours")
    return CatalogEntry(
        id=str(facts["id"]),
        title=str(facts.get("title", facts["id"])),
        source=str(facts.get("source", "")),
        language=str(facts.get("language", "en")),
        bundled=bundled,
        path=path,
        items_total=int(facts.get("items_total", 0)),
        items_checkable=int(facts.get("items_checkable", 0)),
        weeks=float(facts["weeks"]) if facts.get("weeks") is not None else None,
        hours=(float(hours[0]), float(hours[1])) if hours else None,
        hours_per_week=_float_or_none(facts.get("hours_per_week")),
        rest_days=_rest_days(facts.get("rest_days")),
        weekday_hours=_weekday_hours(facts.get("weekday_hours")),
        origin=str(facts["origin"]) if facts.get("origin") and not bundled else None,
        renamed=facts.get("renamed") is True and not bundled,
        tracks=tuple(map(str, t)) if isinstance(t := facts.get("tracks"), list) else (),
    )


def _float_or_none(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _rest_days(value: Any) -> tuple[str, ...] | None:
    """A header's rest days: a routine of seven study days has none (an empty list)."""
    return tuple(map(str, value)) if isinstance(value, list) else None


def _weekday_hours(value: Any) -> tuple[tuple[str, float], ...] | None:
    if not isinstance(value, dict) or not value:
        return None
    hours = ((str(day), _float_or_none(h)) for day, h in value.items())
    return tuple((day, h) for day, h in hours if h is not None) or None


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(
            p
            for p in folder.glob("*.toml")
            if p.name != SOURCES and not p.name.endswith(HINTS_SUFFIX)
        )
    except OSError:
        return []


def scan(data_dir: Path) -> tuple[list[CatalogEntry], list[str]]:
    """All entries, and one line per roadmap file that could not be read."""
    problems: list[str] = []
    bundled: list[CatalogEntry] = []
    for path in _files(bundled_dir()):
        try:
            bundled.append(_entry(path, True))
        except RoadmapFileError as error:
            problems.append(str(error))
    bundled.sort(key=lambda e: (e.source, e.id))
    taken = {e.id for e in bundled}
    users: list[CatalogEntry] = []
    for path in _files(user_dir(data_dir)):
        try:
            entry = _entry(path, False)
        except RoadmapFileError as error:
            problems.append(str(error))
            continue
        if entry.id in taken:
            problems.append(f"{path}: id {entry.id!r} is already taken; file ignored")
            continue
        taken.add(entry.id)
        users.append(entry)
    users.sort(key=lambda e: e.id)
    return bundled + users, problems


def entries(data_dir: Path) -> list[CatalogEntry]:
    """Every roadmap: bundled ones first (in source order), then the user's (by id)."""
    return scan(data_dir)[0]


def resolve_roadmap_id(wanted: str, data_dir: Path) -> str:
    """The roadmap id ``wanted`` names exactly or by unique prefix; else ``UnknownId``."""
    return resolve(wanted, [e.id for e in entries(data_dir)], N_("roadmap"))


@dataclass(frozen=True)
class ImportTarget:
    """Where an import goes."""

    id: str
    """The roadmap id the import is saved under."""
    replaces: bool
    """True when it re-imports over an imported roadmap rather than adding one."""
    taken: str | None = None
    """The id the document proposed, when another roadmap has it (``id`` is then
    ``taken-2`` or the first free one)."""


def import_target(
    proposed: str, origin: Path, data_dir: Path, wanted: str | None = None
) -> ImportTarget:
    """The id an import is saved under: no import replaces a roadmap by accident.

    ``wanted`` (``--id``) re-imports over the imported roadmap of that id, or makes it;
    else a file whose resolved path is the one recorded for an imported roadmap
    re-imports over that one; anything else is a new roadmap, ``proposed`` or the first
    free of ``proposed-2``, ``proposed-3``… (another ``plan.md`` is another roadmap).
    """
    found = {e.id: e for e in entries(data_dir)}
    if wanted is not None:
        entry = found.get(wanted)
        if entry is not None and entry.bundled:
            raise IdTaken(
                _("id {id!r} belongs to a bundled roadmap; choose another").format(id=wanted)
            )
        return ImportTarget(wanted, entry is not None)
    resolved = str(origin.resolve())
    for entry in found.values():
        if not entry.bundled and entry.origin == resolved:
            return ImportTarget(entry.id, True)
    chosen, number = proposed, 2
    while chosen in found:
        chosen, number = f"{proposed}-{number}", number + 1
    return ImportTarget(chosen, False, proposed if chosen != proposed else None)


def _load_path(path: Path) -> Roadmap:
    """Read and validate a roadmap file (every time: roadmaps load in milliseconds)."""
    import rtoml

    from syllabus.model import validate

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RoadmapFileError(
            _("{path}: cannot read: {error}").format(path=path, error=error)
        ) from None
    try:
        data = rtoml.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise RoadmapFileError(
            _("{path}: cannot read: {error}").format(path=path, error=error)
        ) from None
    except rtoml.TomlParsingError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else _("bad TOML")
        raise RoadmapFileError(
            _("{path}: damaged roadmap file: {reason}").format(path=path, reason=first)
        ) from None
    try:
        roadmap = validate.roadmap(data)
    except validate.Invalid as error:
        raise RoadmapFileError(
            _("{path}: invalid roadmap at {where}: {problem}").format(
                path=path, where=error.where or _("top level"), problem=error.problem
            )
        ) from None
    return roadmap


def load_roadmap(roadmap_id: str, data_dir: Path) -> Roadmap:
    """The roadmap with this id (or unique id prefix); ``UnknownId`` if there is none."""
    found = entries(data_dir)
    wanted = resolve(roadmap_id, [e.id for e in found], N_("roadmap"))
    entry = next(e for e in found if e.id == wanted)
    return _load_path(entry.path)


def save_user_roadmap(
    roadmap: Roadmap, data_dir: Path, origin: Path | None = None, renamed: bool = False
) -> Path:
    """Write an imported roadmap to ``<data dir>/roadmaps/<id>.toml`` atomically;
    ``origin`` is the file it came from (recorded resolved, for ``import_target``),
    ``renamed`` says the learner chose its title."""
    folder = user_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{roadmap.id}.toml"
    text = roadmap_toml(roadmap, origin.resolve() if origin is not None else None, renamed)
    write_atomic(target, text.encode("utf-8"))
    return target


class NotImported(ValueError):
    """A command for imported roadmaps named a bundled one; ``str()`` says so in one line."""


def imported_entry(roadmap_id: str, data_dir: Path) -> CatalogEntry:
    """The imported roadmap with this id (or unique prefix): ``UnknownId`` when there is
    none, ``NotImported`` for a bundled one (its file ships with syllabus)."""
    found = entries(data_dir)
    wanted = resolve(roadmap_id, [e.id for e in found], N_("roadmap"))
    entry = next(e for e in found if e.id == wanted)
    if entry.bundled:
        raise NotImported(
            _("{id} is a bundled roadmap: only imported ones can be removed or renamed").format(
                id=wanted
            )
        )
    return entry


def remove_user_roadmap(entry: CatalogEntry, data_dir: Path) -> Path:
    """Move an imported roadmap's file to backups (``backups.keep_roadmap``); returns where."""
    from syllabus.storage.backups import keep_roadmap

    return keep_roadmap(data_dir, entry.path, entry.id)


def rename_user_roadmap(entry: CatalogEntry, title: str, data_dir: Path) -> Roadmap:
    """Give an imported roadmap another title (kept by later re-imports); returns it."""
    from dataclasses import replace

    roadmap = replace(_load_path(entry.path), title=title)
    origin = Path(entry.origin) if entry.origin else None
    save_user_roadmap(roadmap, data_dir, origin, renamed=True)
    return roadmap


def hints_path(roadmap_id: str, data_dir: Path) -> Path:
    """Where an imported roadmap's import hints are kept."""
    return user_dir(data_dir) / f"{roadmap_id}{HINTS_SUFFIX}"


def load_user_hints(roadmap_id: str, data_dir: Path) -> Hints | None:
    """The import hints saved for an imported roadmap (None: it has none); a damaged
    file is an ``ImportProblem`` naming it."""
    from syllabus.importer.hints import load_sources

    path = hints_path(roadmap_id, data_dir)
    if not path.exists():
        return None
    found = load_sources(path)
    return found[0] if found else None


def save_user_hints(roadmap_id: str, nodes: list[dict[str, Any]], data_dir: Path) -> Path | None:
    """Keep an imported roadmap's node hints (``[[roadmap.node]]`` tables, the format of
    ``roadmaps/sources.toml``), read again by every re-import; none removes the file."""
    import tomli_w

    path = hints_path(roadmap_id, data_dir)
    if not nodes:
        if path.exists():
            path.unlink()
        return None
    parts = [
        "# Import hints for this roadmap (the app's import screen writes them; the format\n"
        "# of roadmaps/sources.toml). Every re-import applies them.\n",
        "[[roadmap]]\n" + tomli_w.dumps({"id": roadmap_id}),
    ]
    for node in nodes:
        flat = {k: v for k, v in node.items() if not isinstance(v, dict)}
        lines = [tomli_w.dumps(flat)]
        for key, table in node.items():
            if isinstance(table, dict):  # a hint's table (``during``), written inline
                pairs = ", ".join(
                    f"{json.dumps(str(k))} = {json.dumps(str(v))}" for k, v in table.items()
                )
                lines.append(f"{key} = {{ {pairs} }}\n")
        parts.append("\n[[roadmap.node]]\n" + "".join(lines))
    text = "".join(parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
    return path


def origin_id(origin: Path, data_dir: Path) -> str | None:
    """The imported roadmap recorded as coming from this file, if any."""
    resolved = str(origin.resolve())
    return next((e.id for e in entries(data_dir) if not e.bundled and e.origin == resolved), None)


@dataclass(frozen=True)
class Removed:
    """Where a removed roadmap's file and the progress before it went."""

    roadmap: Path
    progress: Path | None


def remove_imported(entry: CatalogEntry, data_dir: Path) -> Removed:
    """Take an imported roadmap out of the list: a copy of the progress file to
    ``backups/`` first (restorable), then its file to ``backups/removed-roadmaps/``. The
    enrolment is ended by the caller (a progress change: ``model.progress.leave``); the
    records stay, so a later import under the same id finds them again."""
    from syllabus.storage import backups
    from syllabus.storage.atomic import real_path
    from syllabus.storage.paths import progress_path

    saved = progress_path(data_dir)
    copy = None
    if saved.exists():
        stem = f"progress-before-remove-{entry.id}-{backups.stamp()}"
        copy = backups.copy_in(data_dir, real_path(saved), stem)
    return Removed(remove_user_roadmap(entry, data_dir), copy)


__all__ = [
    "HINTS_SUFFIX",
    "CatalogEntry",
    "IdTaken",
    "ImportTarget",
    "NotImported",
    "Removed",
    "RoadmapFileError",
    "UnknownId",
    "bundled_dir",
    "entries",
    "hints_path",
    "load_user_hints",
    "origin_id",
    "remove_imported",
    "save_user_hints",
    "import_target",
    "imported_entry",
    "load_roadmap",
    "remove_user_roadmap",
    "rename_user_roadmap",
    "resolve_roadmap_id",
    "roadmap_toml",
    "save_user_roadmap",
    "scan",
    "summarize",
]
