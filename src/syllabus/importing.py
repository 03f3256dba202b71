"""Importing a Markdown file into the catalog: the steps ``syllabus import`` and the app's
import screen share.

``prepare`` reads nothing but the catalog: it imports the file's bytes with the
roadmap's own hints (``catalog.load_user_hints``: the corrections made on the import
screen, re-applied on every re-import), decides where it goes
(``catalog.import_target``) and, for a re-import, matches the old version's items to
the new one's and works out what that changes in the learner's records. ``settle``
redoes the matching with the learner's answers (an ambiguity resolved, removed items
put back); ``save`` writes the roadmap file. The records change through
``model.rekey.rekey``, applied by the caller: the CLI through the progress file, the
app through its store, each one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.catalog import ImportTarget
    from syllabus.importer.hints import Hints
    from syllabus.importer.reimport import Reimport
    from syllabus.importer.summary import ImportSummary
    from syllabus.model.progress import Progress
    from syllabus.model.rekey import Rekey
    from syllabus.model.roadmap import Roadmap


class ImportRefused(ValueError):
    """The file cannot be imported as asked; ``str()`` says why in one line."""


@dataclass(frozen=True)
class Prepared:
    """An import worked out, nothing saved yet."""

    roadmap: Roadmap
    """The roadmap to save, under the id it is saved as."""
    target: ImportTarget
    path: Path
    """The file it comes from."""
    hints: Hints
    """The hints it was imported with (the roadmap's own, if it has any)."""
    renamed: bool = False
    """The learner chose its title: the file keeps it."""
    warnings: tuple[str, ...] = ()
    old: Roadmap | None = None
    """The version a re-import replaces (None for a new roadmap)."""
    fresh: Roadmap | None = None
    """The new version as imported, before removed items were put back."""
    result: Reimport | None = None
    """How the old version's items map onto the new one's."""
    change: Rekey | None = None
    """What the re-import changes in the learner's records."""
    choices: tuple[tuple[str, str], ...] = ()
    """The learner's answers to ambiguities: (old item id, new item id)."""
    restored: frozenset[str] = field(default_factory=frozenset)
    """Old item ids put back into the roadmap."""

    def summary(self, saved: bool = True) -> ImportSummary:
        """The import summary (``importer.summary``) of this import."""
        from syllabus.importer.summary import summary

        return summary(self.roadmap, self.result, self.warnings, saved=saved)


def apply_hours(roadmap: Roadmap, hints: Hints) -> Roadmap:
    """The roadmap with the hours its node hints give (``NodeHint.hours``)."""
    if not any(h.hours is not None for h in hints.nodes):
        return roadmap
    from syllabus.model.roadmap import HoursRange, Node

    def fix(nodes: list[Node]) -> list[Node]:
        out = []
        for node in nodes:
            hint = hints.node_hint(node.title)
            if hint is not None and hint.hours is not None:
                hours = HoursRange(hint.hours, hint.hours)
                node = replace(node, timing=replace(node.timing, hours=hours))
            out.append(replace(node, children=fix(node.children)) if node.children else node)
        return out

    return replace(roadmap, nodes=fix(roadmap.nodes))


def _hints(path: Path, data_dir: Path, wanted_id: str | None, title: str | None) -> Hints:
    """The roadmap's own hints (for the id asked for, else the one this file became)."""
    from syllabus import catalog
    from syllabus.importer.hints import Hints

    known = wanted_id or catalog.origin_id(path, data_dir)
    own = catalog.load_user_hints(known, data_dir) if known else None
    return replace(own or Hints(), id=wanted_id, title=title)


def prepare(
    raw: bytes,
    path: Path,
    data_dir: Path,
    progress: Progress | None,
    wanted_id: str | None = None,
    title: str | None = None,
    hints: Hints | None = None,
) -> Prepared:
    """Import ``raw`` (the bytes of ``path``) and work out where it goes and, for a
    re-import, what it keeps; ``hints`` instead of the roadmap's own (the import screen's
    corrections). ``ImportRefused`` for a document or an id that cannot be imported."""
    from syllabus import catalog
    from syllabus.importer import ImportProblem, import_bytes

    use = hints if hints is not None else _hints(path, data_dir, wanted_id, title)
    use = replace(use, id=wanted_id or use.id, title=title or use.title)
    try:
        roadmap = apply_hours(import_bytes(raw, path.name, use), use)
        target = catalog.import_target(roadmap.id, path, data_dir, wanted_id)
    except (ImportProblem, catalog.IdTaken) as error:
        raise ImportRefused(str(error)) from None
    if target.id != roadmap.id:
        roadmap = replace(roadmap, id=target.id)
    warnings: list[str] = []
    if target.taken is not None:
        message = _("another roadmap has the id {taken}: this one is {id}")
        warnings.append(message.format(taken=target.taken, id=target.id))
    prepared = Prepared(roadmap, target, path, use, renamed=bool(title))
    if not target.replaces:
        return replace(prepared, warnings=tuple(warnings))
    entry = next((e for e in catalog.entries(data_dir) if e.id == target.id), None)
    renamed = bool(title) or (entry is not None and entry.renamed)
    if renamed and not title and entry is not None:
        roadmap = replace(roadmap, title=entry.title)
    old = _old_version(target.id, data_dir, warnings)
    if old is not None and old.title != roadmap.title and not renamed:
        warnings.append(
            _("the title changed: {old} → {new}").format(old=old.title, new=roadmap.title)
        )
    prepared = replace(
        prepared, roadmap=roadmap, renamed=renamed, old=old, fresh=roadmap, warnings=()
    )
    return replace(settle(prepared, progress), warnings=tuple(warnings))


def _old_version(roadmap_id: str, data_dir: Path, warnings: list[str]) -> Roadmap | None:
    from syllabus import catalog

    try:
        return catalog.load_roadmap(roadmap_id, data_dir)
    except (catalog.RoadmapFileError, catalog.UnknownId) as error:
        message = _("the saved version cannot be read, so nothing is matched: {why}")
        warnings.append(message.format(why=error))
        return None


def kept_aside(progress: Progress | None, roadmap_id: str) -> dict[str, tuple[str, str]]:
    """Items earlier re-imports removed, still restorable: old id → (node, text)."""
    if progress is None:
        return {}
    rp = progress.roadmap(roadmap_id)
    return {k: (r.node, r.text) for k, r in rp.live_removed().items()}


def settle(
    prepared: Prepared,
    progress: Progress | None,
    choices: tuple[tuple[str, str], ...] | None = None,
    restored: frozenset[str] | None = None,
) -> Prepared:
    """The re-import matched again with the learner's answers: ``choices`` (old item is
    new item, ``Reimport.choose``) and ``restored`` (removed old items, or items kept
    aside by an earlier re-import, put back into the roadmap)."""
    from syllabus.importer.reimport import match, plan_rekey, restore_removed

    old, fresh = prepared.old, prepared.fresh
    if old is None or fresh is None:
        return prepared
    choices = prepared.choices if choices is None else choices
    restored = prepared.restored if restored is None else restored
    aside = kept_aside(progress, prepared.target.id)
    roadmap, result = fresh, match(old, fresh)
    if restored:
        old_items = old.item_index()
        back = {k: v for k, v in aside.items() if k in restored}
        for old_id in restored & set(result.removed):
            node, item = old_items[old_id]
            back[old_id] = (node.id, item.text)
        roadmap = restore_removed(fresh, back, result.nodes)[0]
        aside = {**aside, **back}
        result = match(old, roadmap)
    index = roadmap.item_index()
    for old_id, new_id in choices:
        if new_id in index:
            result = result.choose(old_id, new_id, roadmap)
    change = plan_rekey(result, old, roadmap, aside)
    return replace(
        prepared, roadmap=roadmap, result=result, change=change, choices=choices, restored=restored
    )


def restorable(prepared: Prepared, progress: Progress | None) -> dict[str, str]:
    """Old item id → text of what a re-import can put back: the items it removes,
    those earlier re-imports kept aside, and those already put back (to take back)."""
    found: dict[str, str] = {}
    if prepared.result is not None:
        for old_id in prepared.result.removed:
            found[old_id] = prepared.result.texts.get(old_id, "")
    for old_id, (_node, text) in kept_aside(progress, prepared.target.id).items():
        found.setdefault(old_id, text)
    old_items = prepared.old.item_index() if prepared.old is not None else {}
    for old_id in sorted(prepared.restored - found.keys()):  # put back: listed to undo
        found[old_id] = old_items[old_id][1].text if old_id in old_items else old_id
    return found


def save(prepared: Prepared, data_dir: Path) -> Path:
    """Write the roadmap file (``catalog.save_user_roadmap``); returns where."""
    from syllabus.catalog import save_user_roadmap

    return save_user_roadmap(prepared.roadmap, data_dir, prepared.path, prepared.renamed)


def has_changes(change: Rekey | None) -> bool:
    """Whether a re-import changes the learner's records at all."""
    return change is not None and bool(change.ids or change.removed or change.returned)


def with_records(prepared: Prepared, progress: Progress | None) -> frozenset[str]:
    """What ``--restore-removed`` puts back: the items kept aside, and the removed
    items the learner has a state or a note for."""
    from syllabus.model.progress import ItemState

    found = set(kept_aside(progress, prepared.target.id))
    if progress is not None and prepared.result is not None:
        rp = progress.roadmap(prepared.target.id)
        for old_id in prepared.result.removed:
            if rp.state(old_id) is not ItemState.TODO or rp.note(old_id):
                found.add(old_id)
    return frozenset(found)


# --- corrections from the import screen, kept as node hints ---------------------------

CORRECTIONS = ("phase", "section", "appendix", "unscheduled", "tasks", "notes")
"""What the import screen can say about a node: its role, or what its lists' items are
("unscheduled": set aside, its items notes, so nothing of it is ticked or due)."""

_FIELDS = {
    "phase": {"role": "phase"},
    "section": {"role": "section"},
    "appendix": {"role": "appendix"},
    "unscheduled": {"role": "appendix", "kind": "note"},
    "tasks": {"kind": "task"},
    "notes": {"kind": "note"},
}


def correct(hints: Hints, title: str, what: str, hours: float | None = None) -> Hints:
    """``hints`` with one correction for the node titled ``title``: one of
    ``CORRECTIONS``, or ``"hours"`` with ``hours`` (None: as the document says)."""
    from syllabus.importer.hints import NodeHint, normal

    changes: dict[str, object] = {"hours": hours} if what == "hours" else dict(_FIELDS[what])
    nodes = list(hints.nodes)
    for k, hint in enumerate(nodes):
        if normal(hint.match) == normal(title):
            nodes[k] = replace(hint, **changes)  # type: ignore[arg-type]
            break
    else:
        nodes.append(replace(NodeHint(match=title), **changes))  # type: ignore[arg-type]
    return replace(hints, nodes=tuple(nodes))


def hint_tables(hints: Hints) -> list[dict[str, object]]:
    """The node hints as ``[[roadmap.node]]`` tables: the fields that are set."""
    from dataclasses import fields

    tables = []
    for hint in hints.nodes:
        table: dict[str, object] = {}
        for f in fields(hint):
            value = getattr(hint, f.name)
            if value == f.default or value in ((), None, False):
                continue
            table[f.name] = dict(value) if f.name == "during" else value
        tables.append(table)
    return tables
