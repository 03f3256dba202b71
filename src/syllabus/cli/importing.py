"""``syllabus import FILE``: import a Markdown roadmap, or re-import one keeping progress.

The roadmap's id alone goes to stdout (``id=$(syllabus import f.md)``), a summary to
stderr; ``--format json`` prints the summary as JSON on stdout instead, ``--dry-run``
saves nothing. An import is a re-import when ``--id`` names an imported roadmap or the
file is the one recorded for it (``catalog.import_target``); then the old version's
items are matched to the new one's (``importer.reimport``) and the learner's records
follow them as one undo step (``model.rekey``), before the roadmap file is replaced.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from syllabus.cli.context import Context, FileProblem, UsageError, note
from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.catalog import ImportTarget
    from syllabus.importer.reimport import Reimport
    from syllabus.model.progress import Progress
    from syllabus.model.rekey import Rekey
    from syllabus.model.roadmap import Roadmap


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        message = _("{source}: cannot read: {why}")
        raise FileProblem(message.format(source=path, why=error.strerror or error)) from None


def _imported(args: argparse.Namespace, ctx: Context, path: Path) -> tuple[Roadmap, ImportTarget]:
    """The new roadmap, under the id it is saved as, and where it goes."""
    from syllabus.catalog import IdTaken, import_target
    from syllabus.importer import ImportProblem, import_bytes
    from syllabus.importer.hints import Hints
    from syllabus.model.slug import slugify

    raw = _read(path)
    wanted_id = slugify(args.roadmap_id) if args.roadmap_id else None
    if args.roadmap_id is not None and not wanted_id:
        message = _("--id {id} has no letters or digits to make an id of")
        raise UsageError(message.format(id=repr(args.roadmap_id)))
    try:
        roadmap = import_bytes(raw, path.name, Hints(id=wanted_id, title=args.title))
        target = import_target(roadmap.id, path, ctx.data_dir, wanted_id)
    except (ImportProblem, IdTaken) as error:
        raise UsageError(str(error)) from None
    if target.id != roadmap.id:
        roadmap = replace(roadmap, id=target.id)
    return roadmap, target


def _progress(ctx: Context) -> Progress | None:
    from syllabus.storage.paths import progress_path

    if not progress_path(ctx.data_dir).exists():
        return None
    return ctx.open_progress(writing=True)[1]


def _old_version(ctx: Context, roadmap_id: str) -> Roadmap | None:
    from syllabus import catalog

    try:
        return catalog.load_roadmap(roadmap_id, ctx.data_dir)
    except (catalog.RoadmapFileError, catalog.UnknownId) as error:
        note(_("the saved version cannot be read, so nothing is matched: {why}").format(why=error))
        return None


def _renamed(ctx: Context, roadmap_id: str) -> bool:
    """Whether the learner chose this imported roadmap's title (a re-import keeps it)."""
    from syllabus.catalog import entries

    return any(e.id == roadmap_id and e.renamed for e in entries(ctx.data_dir))


def _keep_title(ctx: Context, roadmap: Roadmap) -> Roadmap:
    from syllabus.catalog import entries

    title = next(e.title for e in entries(ctx.data_dir) if e.id == roadmap.id)
    return replace(roadmap, title=title)


def _reimport(
    roadmap: Roadmap, old: Roadmap, progress: Progress | None, restore: bool
) -> tuple[Roadmap, Reimport, Rekey]:
    """The roadmap to save (removed items put back with ``restore``), the matching and
    what it changes in the records."""
    from syllabus.importer.reimport import match, plan_rekey, restore_removed
    from syllabus.model.progress import ItemState

    rp = progress.roadmap(roadmap.id) if progress is not None else None
    aside = {k: (r.node, r.text) for k, r in rp.live_removed().items()} if rp else {}
    result = match(old, roadmap)
    if restore:
        old_items = old.item_index()
        for old_id in result.removed:
            had = rp is not None and (rp.state(old_id) is not ItemState.TODO or rp.note(old_id))
            if had:
                node, item = old_items[old_id]
                aside[old_id] = (node.id, item.text)
        roadmap, _restored = restore_removed(roadmap, aside, result.nodes)
        result = match(old, roadmap)
    return roadmap, result, plan_rekey(result, old, roadmap, aside)


def _apply(ctx: Context, roadmap_id: str, change: Rekey) -> None:
    from syllabus.model.progress import now_utc
    from syllabus.model.rekey import rekey
    from syllabus.storage.progress_file import ProgressError

    if not (change.ids or change.removed or change.returned):
        return
    file, _progress = ctx.open_progress(writing=True)
    try:
        file.update(lambda p: rekey(p, roadmap_id, change, now_utc()))
    except ProgressError as error:
        raise FileProblem(str(error)) from None


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    """Import (or re-import) a Markdown roadmap; print its id and a summary."""
    from syllabus.catalog import save_user_roadmap
    from syllabus.importer.summary import as_json, lines, summary

    path = Path(args.file).expanduser()
    roadmap, target = _imported(args, ctx, path)
    warnings: list[str] = []
    if target.taken is not None:
        message = _("another roadmap has the id {taken}: this one is {id}")
        warnings.append(message.format(taken=target.taken, id=target.id))
    result = change = None
    renamed = bool(args.title)
    if target.replaces:
        renamed = renamed or _renamed(ctx, target.id)
        if renamed and not args.title:
            roadmap = _keep_title(ctx, roadmap)
        old = _old_version(ctx, target.id)
        if old is not None:
            if old.title != roadmap.title and not renamed:
                warnings.append(
                    _("the title changed: {old} → {new}").format(old=old.title, new=roadmap.title)
                )
            roadmap, result, change = _reimport(roadmap, old, _progress(ctx), args.restore_removed)
    elif args.restore_removed:
        raise UsageError(_("--restore-removed needs a re-import: --id ID of an imported roadmap"))
    found = summary(roadmap, result, tuple(warnings), saved=not args.dry_run)
    if not args.dry_run:
        if change is not None:
            _apply(ctx, target.id, change)
        try:
            save_user_roadmap(roadmap, ctx.data_dir, path, renamed)
        except OSError as error:
            raise FileProblem(_("cannot save the roadmap: {why}").format(why=error)) from None
    if args.format == "json":
        sys.stdout.write(json.dumps(as_json(found), ensure_ascii=False, indent=2) + "\n")
        return 0
    if target.replaces:
        note(_("re-imported {id} from {path}").format(id=roadmap.id, path=path))
    for line in lines(found):
        note(line)
    sys.stdout.write(roadmap.id + "\n")
    return 0
