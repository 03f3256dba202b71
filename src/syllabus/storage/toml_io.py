"""The progress file's TOML: written by hand-rolled code, read with rtoml.

Why not a generic writer: the file must stay readable and quick to write at 1 MB.
A generic writer (tomli-w, rtoml) turns each of 10,000 item states into its own
``[roadmaps.x.items."a/b"]`` table (three lines each) and needs a plain dump first;
this writer puts one item state on one line as an inline table, writes check-ins as
readable tables in date order, and reads the model's attributes directly. Reading
uses rtoml (measured ~10x faster than tomllib at 1 MB); tests check the output
against tomllib too, so the file is plain TOML any tool can read.

Layout (``schema`` first; every table optional)::

    schema = 1

    [settings]
    active_roadmap = "mlops-6-months"
    day_start_hour = 4
    updated = 2026-11-23T08:15:02.123456Z

    [roadmaps.mlops-6-months.enrolment]
    start = 2026-11-23
    hours_per_week = 12.0
    ...

    [roadmaps.mlops-6-months.items]
    "week-01/install-docker" = { state = "done", updated = 2026-11-23T08:15:02.123456Z }

    [checkins.3f9a1c2b7d]
    date = 2026-11-23
    hours = 1.5
    ...
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timezone
from typing import Any

from syllabus.model.progress import (
    CheckIn,
    Enrolment,
    ItemRecord,
    Note,
    OwnItem,
    Progress,
    RoadmapProgress,
    Settings,
    as_utc,
    pickle_zones_as_standard,
)

HEADER = (
    "# syllabus progress: your enrolments, item states, notes and check-ins.\n"
    "# Safe to edit by hand while syllabus is closed; keep it valid TOML. A record\n"
    "# without `updated` gets the file's modification time. Times are UTC.\n"
)

_BARE = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_ESCAPES = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"


def string(text: str) -> str:
    """A TOML basic string, on one line."""
    return f'"{_ESCAPE.sub(_escape_char, text)}"'


_ML_ESCAPE = re.compile(r'[\x00-\x08\x0b-\x1f\x7f"\\]')


def text_block(text: str) -> str:
    """A TOML string for prose: multi-line when it has line breaks, so it reads as written."""
    if "\n" not in text:
        return string(text)
    return '"""\n' + _ML_ESCAPE.sub(_escape_char, text) + '"""'


def key(name: str) -> str:
    """A TOML key: bare when it can be, else quoted."""
    return name if _BARE.match(name) else string(name)


def moment(value: datetime) -> str:
    """An offset date-time in UTC, to the microsecond ("Z" for readability)."""
    # One isoformat call, which asks the zone for its offset only once: a save writes
    # ~4,000 of these, most carrying rtoml's zone, whose utcoffset is a foreign call.
    text = value.isoformat()
    if text.endswith("+00:00"):
        return text[:-6] + "Z"
    return as_utc(value).isoformat()[:-6] + "Z"


def number(value: float) -> str:
    """A TOML float (repr is exact and always valid TOML)."""
    return repr(float(value))


def _array(values: list[Any], render: Callable[[Any], str]) -> str:
    return "[" + ", ".join(render(v) for v in values) + "]"


def _item_line(item_id: str, record: ItemRecord) -> str:
    return (
        f'{key(item_id)} = {{ state = "{record.state.value}", updated = {moment(record.updated)} }}'
    )


def _note_line(target: str, note: Note) -> str:
    deleted = ", deleted = true" if note.deleted else ""
    return (
        f"{key(target)} = {{ text = {string(note.text)}{deleted}, "
        f"updated = {moment(note.updated)} }}"
    )


def _own_line(own_id: str, own: OwnItem) -> str:
    parts = [f"node = {string(own.node)}", f"text = {string(own.text)}"]
    if own.url is not None:
        parts.append(f"url = {string(own.url)}")
    if own.deleted:
        parts.append("deleted = true")
    parts.append(f"updated = {moment(own.updated)}")
    return f"{key(own_id)} = {{ {', '.join(parts)} }}"


def _settings(settings: Settings, out: list[str]) -> None:
    out.append("[settings]")
    if settings.active_roadmap is not None:
        out.append(f"active_roadmap = {string(settings.active_roadmap)}")
    if settings.theme is not None:
        out.append(f"theme = {string(settings.theme)}")
    out.append(f"day_start_hour = {int(settings.day_start_hour)}")
    out.append(f"updated = {moment(settings.updated)}")
    out.append("")


def _enrolment(prefix: str, enrolment: Enrolment, out: list[str]) -> None:
    out.append(f"[{prefix}.enrolment]")
    out.append(f"start = {enrolment.start.isoformat()}")
    out.append(f"hours_per_week = {number(enrolment.hours_per_week)}")
    out.append(f"days_per_week = {int(enrolment.days_per_week)}")
    out.append(f"rest_days = {_array(enrolment.rest_days, string)}")
    out.append(f'estimate = "{enrolment.estimate}"')
    if enrolment.pauses:
        pauses = [
            f"{{ start = {p.start.isoformat()}, end = {p.end.isoformat()} }}"
            for p in enrolment.pauses
        ]
        out.append("pauses = [\n    " + ",\n    ".join(pauses) + ",\n]")
    if enrolment.replans:
        replans = [
            f"{{ start = {r.start.isoformat()}, made = {moment(r.made)} }}"
            for r in enrolment.replans
        ]
        out.append("replans = [\n    " + ",\n    ".join(replans) + ",\n]")
    if enrolment.finished is not None:
        out.append(f"finished = {enrolment.finished.isoformat()}")
    if enrolment.archived:
        out.append("archived = true")
    out.append(f"updated = {moment(enrolment.updated)}")
    out.append("")


def _roadmap(roadmap_id: str, rp: RoadmapProgress, out: list[str]) -> None:
    prefix = f"roadmaps.{key(roadmap_id)}"
    if rp.enrolment is None and not rp.items and not rp.notes and not rp.own_items:
        out.append(f"[{prefix}]")
        out.append("")
        return
    if rp.enrolment is not None:
        _enrolment(prefix, rp.enrolment, out)
    for table, line in (("items", _item_line), ("notes", _note_line), ("own_items", _own_line)):
        records = getattr(rp, table)
        if records:
            out.append(f"[{prefix}.{table}]")
            out.extend(line(name, records[name]) for name in sorted(records))  # type: ignore[operator]
            out.append("")


def _checkin(checkin: CheckIn, out: list[str]) -> None:
    out.append(f"[checkins.{key(checkin.id)}]")
    out.append(f"date = {checkin.date.isoformat()}")
    out.append(f"hours = {number(checkin.hours)}")
    out.append(f"roadmap = {string(checkin.roadmap)}")
    if checkin.node is not None:
        out.append(f"node = {string(checkin.node)}")
    if checkin.items:
        out.append(f"items = {_array(checkin.items, string)}")
    if checkin.note:
        out.append(f"note = {text_block(checkin.note)}")
    if checkin.deleted:
        out.append("deleted = true")
    out.append(f"created = {moment(checkin.created)}")
    out.append(f"updated = {moment(checkin.updated)}")
    out.append("")


def dumps(progress: Progress) -> str:
    """The whole progress as the file's text."""
    with no_gc():
        return _dumps(progress)


def _dumps(progress: Progress) -> str:
    out = [HEADER, f"schema = {int(progress.schema_version)}", ""]
    _settings(progress.settings, out)
    for roadmap_id in sorted(progress.roadmaps):
        _roadmap(roadmap_id, progress.roadmaps[roadmap_id], out)
    for checkin in sorted(progress.checkins.values(), key=lambda c: (c.date, c.created, c.id)):
        _checkin(checkin, out)
    return "\n".join(out)


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cycle collector while ~100,000 short-lived objects are made.

    Nothing here makes cycles; without the pause, the collector walks the growing
    heap over and over (measured: ~10-15 % of a 1 MB load).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- reading ---------------------------------------------------------------------------


_ZONE_KNOWN: list[bool] = []


class FormatError(ValueError):
    """The text is not a progress file this code can read; the message says why."""


def parse(text: str) -> dict[str, Any]:
    """TOML text → plain data (dates stay dates)."""
    import rtoml

    if not _ZONE_KNOWN:
        _ZONE_KNOWN.append(True)
        zone = rtoml.loads("t = 2000-01-01T00:00:00Z")["t"].tzinfo
        if zone is not None and not isinstance(zone, timezone):
            pickle_zones_as_standard(type(zone))
    try:
        with no_gc():
            data = rtoml.loads(text)
    except rtoml.TomlParsingError as error:
        raise FormatError(f"not valid TOML ({_one_line(error)})") from None
    if not data:
        raise FormatError("it is empty")
    return data  # type: ignore[no-any-return]


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]


def _fill(record: Any, when: datetime, *names: str) -> Any:
    """A record typed by hand may lack its times (the file's modification time is used)
    or give them without a zone or as a date (local time is meant)."""
    if type(record) is dict:
        for name in names:
            value = record.get(name)
            if value is None:
                record[name] = record.get("updated", when) if name == "created" else when
            elif type(value) is datetime and value.tzinfo is None or type(value) is date:
                record[name] = _local(value)
    return record


def _local(value: date) -> datetime:
    if type(value) is date:
        value = datetime(value.year, value.month, value.day)
    return as_utc(value)  # type: ignore[arg-type]


def to_progress(data: dict[str, Any], mtime: datetime) -> Progress:
    """Plain data → Progress; raises FormatError naming the first wrong value."""
    from syllabus.model import validate

    try:
        if "schema" in data:
            data["schema_version"] = data.pop("schema")
        settings = data.get("settings")
        if isinstance(settings, dict):
            _fill(settings, mtime, "updated")
        roadmaps = data.get("roadmaps")
        if isinstance(roadmaps, dict):
            for rp in roadmaps.values():
                if not isinstance(rp, dict):
                    continue
                enrolment = _fill(rp.get("enrolment"), mtime, "updated")
                if type(enrolment) is dict and type(enrolment.get("replans")) is list:
                    for replan in enrolment["replans"]:
                        _fill(replan, mtime, "made")
                for table in ("items", "notes", "own_items"):
                    records = rp.get(table)
                    if type(records) is not dict:
                        continue
                    for record_id, record in records.items():  # inlined: 10,000 records
                        if type(record) is dict:
                            updated = record.get("updated")
                            if updated is None:
                                record["updated"] = mtime
                            elif type(updated) is not datetime or updated.tzinfo is None:
                                record["updated"] = (
                                    _local(updated) if isinstance(updated, date) else updated
                                )
                            if table == "own_items":
                                record["id"] = record_id
        checkins = data.get("checkins")
        if isinstance(checkins, dict):
            for checkin_id, checkin in checkins.items():
                _fill(checkin, mtime, "created", "updated")
                if isinstance(checkin, dict):
                    checkin["id"] = checkin_id
        with no_gc():
            return validate.progress(data)
    except validate.Invalid as error:
        where = error.where.replace("schema_version", "schema")
        if where:
            raise FormatError(f"wrong value at {where}: {error.problem}") from None
        raise FormatError(f"wrong value: {error.problem}") from None
    except (TypeError, ValueError, AttributeError, OverflowError) as error:
        raise FormatError(f"wrong value: {_one_line(error)}") from None


def file_time(mtime_ns: int) -> datetime:
    """A file's modification time as an aware datetime."""
    return datetime.fromtimestamp(mtime_ns / 1e9, UTC)
