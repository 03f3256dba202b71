"""``syllabus import FILE``: import a Markdown roadmap, or re-import one keeping progress.

The roadmap's id alone goes to stdout (``id=$(syllabus import f.md)``), a summary to
stderr; ``--format json`` prints the summary as JSON on stdout instead, ``--dry-run``
saves nothing. An import is a re-import when ``--id`` names an imported roadmap or the
file is the one recorded for it (``catalog.import_target``); then the old version's
items are matched to the new one's (``importer.reimport``) and the learner's records
follow them as one undo step (``model.rekey``), before the roadmap file is replaced.
The steps are ``syllabus.importing``'s, shared with the app's import screen (so the
roadmap's own hints, the corrections made there, are applied here too).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from syllabus.cli.context import Context, FileProblem, UsageError, note
from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.importing import Prepared
    from syllabus.model.progress import Progress
    from syllabus.model.rekey import Rekey


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        message = _("{source}: cannot read: {why}")
        raise FileProblem(message.format(source=path, why=error.strerror or error)) from None


def _progress(ctx: Context) -> Progress | None:
    from syllabus.storage.paths import progress_path

    if not progress_path(ctx.data_dir).exists():
        return None
    return ctx.open_progress(writing=True)[1]


def _prepared(args: argparse.Namespace, ctx: Context, path: Path) -> Prepared:
    """The import worked out by the steps the app shares (``syllabus.importing``)."""
    from syllabus import importing
    from syllabus.model.slug import slugify

    raw = _read(path)
    wanted_id = slugify(args.roadmap_id) if args.roadmap_id else None
    if args.roadmap_id is not None and not wanted_id:
        message = _("--id {id} has no letters or digits to make an id of")
        raise UsageError(message.format(id=repr(args.roadmap_id)))
    progress = _progress(ctx)
    try:
        prepared = importing.prepare(raw, path, ctx.data_dir, progress, wanted_id, args.title)
    except importing.ImportRefused as error:
        raise UsageError(str(error)) from None
    if args.restore_removed:
        if not prepared.target.replaces:
            message = _("--restore-removed needs a re-import: --id ID of an imported roadmap")
            raise UsageError(message)
        back = importing.with_records(prepared, progress)
        prepared = importing.settle(prepared, progress, restored=back)
    return prepared


def _apply(ctx: Context, roadmap_id: str, change: Rekey) -> None:
    from syllabus.model.progress import now_utc
    from syllabus.model.rekey import rekey
    from syllabus.storage.progress_file import ProgressError

    file, _progress = ctx.open_progress(writing=True)
    try:
        file.update(lambda p: rekey(p, roadmap_id, change, now_utc()))
    except ProgressError as error:
        raise FileProblem(str(error)) from None


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    """Import (or re-import) a Markdown roadmap; print its id and a summary."""
    from syllabus import importing
    from syllabus.importer.summary import as_json, lines

    path = Path(args.file).expanduser()
    prepared = _prepared(args, ctx, path)
    roadmap = prepared.roadmap
    found = prepared.summary(saved=not args.dry_run)
    if not args.dry_run:
        if prepared.change is not None and importing.has_changes(prepared.change):
            _apply(ctx, roadmap.id, prepared.change)
        try:
            importing.save(prepared, ctx.data_dir)
        except OSError as error:
            raise FileProblem(_("cannot save the roadmap: {why}").format(why=error)) from None
    if args.format == "json":
        sys.stdout.write(json.dumps(as_json(found), ensure_ascii=False, indent=2) + "\n")
        return 0
    if prepared.target.replaces:
        note(_("re-imported {id} from {path}").format(id=roadmap.id, path=path))
    for line in lines(found):
        note(line)
    sys.stdout.write(roadmap.id + "\n")
    return 0
