"""The undo journal: this machine's last 100 changes, shared by every process.

``<data dir>/local/journal.jsonl`` is append-only JSON lines, written under the
progress lock: a ``step`` line holds the records one save changed (before and after),
``undo`` / ``redo`` lines name a step, a ``void`` line a step whose save failed.
Replaying the lines gives the undo and redo stacks, so ``syllabus undo`` in a shell
undoes what the app just did and the other way round. A step is written before the
file it describes, so a kill between the two never loses it (a kill before the file
is written leaves a step whose undo finds nothing to change). Each step carries the
machine that made it: with ``local/`` synced, a machine undoes only its own changes.
Losing the journal loses only undo history, never progress.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from syllabus.locale import _, ngettext
from syllabus.model import progress as pm
from syllabus.model.plain import dump
from syllabus.model.progress import Progress, RecordPath, get_record
from syllabus.model.validate import validate
from syllabus.storage.atomic import write_atomic

LIMIT = 100
"""Changes that can be undone."""

COMPACT_BYTES = 2_000_000
"""Rewrite the journal with only what is still reachable once it grows past this."""


class Change(NamedTuple):
    """One record before and after a step (None: absent).

    This and ``Step`` are NamedTuples: every save imports this module, and building a
    dataclass costs more than the rest of it."""

    path: RecordPath
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def machine_name() -> str:
    """This machine, as journal steps name it: ``$SYLLABUS_MACHINE``, else its host name."""
    named = os.environ.get("SYLLABUS_MACHINE")
    if named:
        return named
    if hasattr(os, "uname"):  # what platform.node() reads there, without importing it
        return os.uname().nodename or "unknown"
    import platform

    return platform.node() or "unknown"


class Step(NamedTuple):
    """The records one save changed."""

    id: str
    at: str
    changes: list[Change]
    machine: str | None = None
    """The machine that made it (None: a step from before steps named one)."""

    def describe(self) -> str:
        """A short account of the step for "undid …" messages."""
        names = {
            "items": _("state of {id}"),
            "notes": _("note on {id}"),
            "own_items": _("own item {id}"),
            "removed": _("removed item {id}"),
            "week_answers": _("week's answer {id}"),
            "cards": _("review card {id}"),
            "scores": _("score of {id}"),
            "evidence": _("evidence of {id}"),
        }
        parts = []
        for change in self.changes[:3]:
            path = change.path
            if path[0] == "settings":
                parts.append(_("settings"))
            elif path[0] == "checkins":
                parts.append(_("check-in {id}").format(id=path[1]))
            elif path[2] == "enrolment":
                parts.append(_("enrolment in {id}").format(id=path[1]))
            else:
                parts.append(names[path[2]].format(id=path[3]))
        more = len(self.changes) - len(parts)
        rest = ngettext(" and {n} more", " and {n} more", more).format(n=more) if more > 0 else ""
        return ", ".join(parts) + rest

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.id,
            "at": self.at,
            "machine": self.machine,
            "changes": [[list(c.path), c.before, c.after] for c in self.changes],
        }

    @classmethod
    def from_json(cls, line: dict[str, Any]) -> Step:
        changes = [Change(tuple(p), b, a) for p, b, a in line["changes"]]
        machine = line.get("machine")
        return cls(line["step"], line.get("at", ""), changes, machine if machine else None)


def _dump(record: Any) -> dict[str, Any] | None:
    return None if record is None else dump(record)


class Journal:
    """Undo and redo stacks kept in a file; callers hold the progress lock."""

    def __init__(self, path: Path, machine: str | None = None) -> None:
        self.path = path
        self.machine = machine or machine_name()
        """Whose steps ``stacks`` returns."""

    def record(self, before: Progress, after: Progress, paths: list[RecordPath]) -> str:
        """Append one step: the records at ``paths`` as they were and as they will be.

        Called before the file is written; returns the step's id, for ``void``.
        """
        step = Step(
            os.urandom(6).hex(),
            datetime.now(UTC).isoformat(),
            [Change(p, _dump(get_record(before, p)), _dump(get_record(after, p))) for p in paths],
            self.machine,
        )
        self._append(step.to_json())
        return step.id

    def void(self, step_id: str) -> None:
        """The save a step was written for failed: drop the step."""
        self._append({"void": step_id})

    def mark(self, kind: str, step: Step) -> None:
        """Append an ``undo`` or ``redo`` line for a step."""
        self._append({kind: step.id})

    def stacks(self) -> tuple[list[Step], list[Step]]:
        """(undo stack, redo stack), each with the next step to take last."""
        done: list[Step] = []
        undone: list[Step] = []
        try:
            text = self.path.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            return done, undone
        for raw in text.splitlines():
            try:
                line = json.loads(raw)
                if "step" in line:
                    step = Step.from_json(line)
                    if step.machine not in (None, self.machine):
                        continue  # another machine's change, with local/ synced
                    done.append(step)
                    del done[:-LIMIT]
                    undone.clear()
                elif "void" in line:
                    done[:] = [s for s in done if s.id != line["void"]]
                elif "undo" in line and done and done[-1].id == line["undo"]:
                    undone.append(done.pop())
                elif "redo" in line and undone and undone[-1].id == line["redo"]:
                    done.append(undone.pop())
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a crash: skip it
        return done[-LIMIT:], undone[-LIMIT:]

    def _append(self, line: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        with open(self.path, "ab") as out:
            out.write(data)
            out.flush()
            size = out.tell()
        if size > COMPACT_BYTES:
            self.compact()

    def compact(self) -> None:
        """Rewrite the journal with only the steps still reachable."""
        done, undone = self.stacks()
        lines = [s.to_json() for s in done + undone[::-1]]
        lines += [{"undo": s.id} for s in undone]
        text = "".join(
            json.dumps(x, ensure_ascii=False, separators=(",", ":")) + "\n" for x in lines
        )
        write_atomic(self.path, text.encode())


_BOOKKEEPING = frozenset({"updated", "closed_at"})
"""Fields that say when, not what: a record re-ticked since a step is still the same."""


def _content(record: object | None) -> object:
    if record is None:
        return None
    return dump(record, exclude=_BOOKKEEPING)


def apply_step(progress: Progress, step: Step, backwards: bool) -> Progress:
    """Undo (``backwards``) or redo a step with fresh times, so merges respect it.

    A record changed again since the step (here or on a synced machine) is left alone:
    undo never throws away a newer change.
    """
    from syllabus.clock import now

    when = now()
    for change in step.changes:
        path: RecordPath = change.path
        kind = pm.record_type(path)
        was = validate(kind, change.before) if change.before is not None else None
        became = validate(kind, change.after) if change.after is not None else None
        source, target = (became, was) if backwards else (was, became)
        current = pm.get_record(progress, path)
        if backwards:
            expected = _content(source)
        else:
            expected = _content(
                pm.removed_version(path, became, when) if was is None and became else was
            )
        if _content(current) != expected:
            continue
        replacement: pm._Record | None
        if target is not None:
            replacement = replace(target, updated=when)
        elif source is not None:
            replacement = pm.removed_version(path, source, when)
        else:
            continue
        progress = pm.put_record(progress, path, replacement)
    return progress
