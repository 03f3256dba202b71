"""``syllabus remove | rename | leave``: tidying the list of roadmaps.

``remove`` takes an imported roadmap out of the list: its file goes to
``backups/removed-roadmaps/``, a copy of the progress file to ``backups/`` (restorable
with ``syllabus backups --restore``), and the enrolment ends; the records stay, so a
later import under the same id finds them again. ``rename`` gives an imported roadmap
another title, which re-imports keep. ``leave`` un-enrols from any roadmap and keeps
its progress: the enrolment becomes a tombstone that a merge cannot undo. The work is
``catalog.remove_imported``, ``catalog.rename_user_roadmap`` and
``model.progress.leave``, which the app's roadmap list calls too.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from syllabus.cli.context import Context, FileProblem, UsageError, note
from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.catalog import CatalogEntry


def _imported(ctx: Context, wanted: str) -> CatalogEntry:
    from syllabus.catalog import NotImported, UnknownId, imported_entry

    try:
        return imported_entry(wanted, ctx.data_dir)
    except (UnknownId, NotImported) as error:
        raise UsageError(str(error)) from None


def _leave(ctx: Context, roadmap_id: str) -> bool:
    """End the enrolment in a roadmap (one undo step); whether there was one."""
    from syllabus.model import progress as pm
    from syllabus.storage.paths import progress_path
    from syllabus.storage.progress_file import ProgressError

    if not progress_path(ctx.data_dir).exists():
        return False
    file, progress = ctx.open_progress(writing=True)
    if progress.roadmap(roadmap_id).enrolled is None:
        return False
    try:
        file.update(lambda p: pm.leave(p, roadmap_id, pm.now_utc()))
    except ProgressError as error:
        raise FileProblem(str(error)) from None
    return True


def cmd_remove(args: argparse.Namespace, ctx: Context) -> int:
    """Remove an imported roadmap; its file and the progress are kept in backups."""
    from syllabus.catalog import remove_imported

    entry = _imported(ctx, args.id)
    try:
        removed = remove_imported(entry, ctx.data_dir)
        _leave(ctx, entry.id)
    except OSError as error:
        message = _("cannot remove {id}: {why}")
        raise FileProblem(message.format(id=entry.id, why=error.strerror or error)) from None
    if removed.progress is not None:
        note(_("the progress file is kept as {path}").format(path=removed.progress))
    note(
        _("removed {id} ({title}); its file is kept as {path}, its progress stays").format(
            id=entry.id, title=entry.title, path=removed.roadmap
        )
    )
    return 0


def cmd_rename(args: argparse.Namespace, ctx: Context) -> int:
    """Give an imported roadmap another title."""
    from syllabus.catalog import RoadmapFileError, rename_user_roadmap
    from syllabus.model.text import clean_text

    title = " ".join(clean_text(args.title).split())
    if not title:
        raise UsageError(_("a title needs at least one letter or digit"))
    entry = _imported(ctx, args.id)
    try:
        rename_user_roadmap(entry, title, ctx.data_dir)
    except RoadmapFileError as error:
        raise FileProblem(str(error)) from None
    except OSError as error:
        raise FileProblem(_("cannot save the roadmap: {why}").format(why=error)) from None
    print(_("renamed {id}: {old} → {new}").format(id=entry.id, old=entry.title, new=title))
    return 0


def cmd_leave(args: argparse.Namespace, ctx: Context) -> int:
    """Un-enrol from a roadmap, keeping its progress."""
    progress = ctx.open_progress(writing=True)[1] if _has_progress(ctx) else None
    roadmap_id = ctx.catalog_id(args.id, progress)
    if _leave(ctx, roadmap_id):
        print(
            _("left {id}: its progress is kept (`syllabus start {id}` enrols again)").format(
                id=roadmap_id
            )
        )
        return 0
    raise UsageError(_("not enrolled in {id}").format(id=roadmap_id))


def _has_progress(ctx: Context) -> bool:
    from syllabus.storage.paths import progress_path

    return progress_path(ctx.data_dir).exists()
