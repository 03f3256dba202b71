"""The options of ``syllabus start`` that come from the document itself: the track to
follow (``--track NAME``) and the items it marks done or skipped (``--accept-done``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from syllabus.cli.context import UsageError, note
from syllabus.locale import _, ngettext

if TYPE_CHECKING:
    from syllabus.model.progress import Enrolment, Progress
    from syllabus.model.roadmap import Roadmap


def track(args: argparse.Namespace, roadmap: Roadmap, old: Enrolment | None) -> str | None:
    """The track to follow: the one named, else the enrolment's, else the first (None
    for a roadmap with one plan). An unknown name is a usage error listing the tracks."""
    names = roadmap.tracks()
    wanted = getattr(args, "track", None)
    if wanted is None:
        kept = old.track if old is not None else None
        return kept if kept in names else (names[0] if names else None)
    if not names:
        raise UsageError(_("{id} has no alternative tracks").format(id=roadmap.id))
    from syllabus.model.roadmap import find_track

    chosen = find_track(names, wanted)
    if chosen is None:
        message = _("no track {name} in {id}; the tracks are: {names}")
        raise UsageError(message.format(name=repr(wanted), id=roadmap.id, names=", ".join(names)))
    return chosen


def accept(args: argparse.Namespace, progress: Progress, roadmap: Roadmap) -> Progress:
    """With ``--accept-done``, the document's marks taken as states (where none is set)."""
    if not getattr(args, "accept_done", False):
        return progress
    from syllabus.model.marks import accept_marked
    from syllabus.model.progress import now_utc

    return accept_marked(progress, roadmap, now_utc())[0]


def report(args: argparse.Namespace, before: Progress, after: Progress, roadmap: Roadmap) -> None:
    """Say what ``--accept-done`` took, or what it would take when not given."""
    from syllabus.model.marks import marked
    from syllabus.model.progress import ItemState

    marks = marked(roadmap)
    if not marks:
        return
    rp_before, rp_after = before.roadmap(roadmap.id), after.roadmap(roadmap.id)
    if getattr(args, "accept_done", False):
        taken = [i for i in marks if rp_before.state(i) is not rp_after.state(i)]
        done = sum(1 for i in taken if marks[i] is ItemState.DONE)
        note(
            _("from the document: {done} done, {skipped} skipped").format(
                done=done, skipped=len(taken) - done
            )
        )
        return
    open_marks = [i for i in marks if rp_after.state(i) is ItemState.TODO]
    if open_marks:
        note(
            ngettext(
                "the document marks {n} item done or skipped: `syllabus start {id} "
                "--accept-done` takes it",
                "the document marks {n} items done or skipped: `syllabus start {id} "
                "--accept-done` takes them",
                len(open_marks),
            ).format(n=len(open_marks), id=roadmap.id)
        )
