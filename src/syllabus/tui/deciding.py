"""The behind options and the replan, applied: each is one change through the store, so
one save and one undo step. The numbers and the replan itself are the model's
(``schedule.behind_options``, ``schedule.replan``); this only turns a choice into a new
``Progress`` and a line for the learner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from syllabus.locale import _, ngettext

if TYPE_CHECKING:
    from datetime import date

    from syllabus.model.schedule import BehindOptions, Status
    from syllabus.tui.store import ProgressStore


def pace_needed(options: BehindOptions) -> float:
    """The pace the ``pace`` option sets (the model's rule, the number the CLI offers)."""
    from syllabus.model.schedule import pace_to_keep

    return pace_to_keep(options)


def apply(store: ProgressStore, choice: str, today: date, status: Status | None) -> str | None:
    """Apply ``pace``, ``skip`` or ``replan`` to the open roadmap; the line to show."""
    from syllabus.clock import now
    from syllabus.model.progress import ItemState, set_item_state
    from syllabus.model.schedule import behind_options, change_pace, replan

    progress, session = store.progress, store.session
    if progress is None or session is None:
        return None
    roadmap, roadmap_id = session.roadmap, session.roadmap_id
    enrolment = progress.roadmap(roadmap_id).enrolled
    if enrolment is None:
        return None
    when = now()
    if choice == "replan":
        changed = replan(progress, roadmap, roadmap_id, today, when)
        if changed == progress:
            return _("Nothing to replan: no work remains.")
        store.commit(changed)
        return _("Replanned from today. ctrl+z undoes it.")
    options = behind_options(roadmap, progress, roadmap_id, today, status)
    if options is None:
        return _("You are not behind: nothing to change.")
    if choice == "pace":
        hours = pace_needed(options)
        store.commit(change_pace(progress, roadmap_id, today, hours, when))
        from syllabus.locale.formats import format_number

        return _("Pace set to {hours} h a week. ctrl+z undoes it.").format(
            hours=format_number(hours)
        )
    if choice == "skip" and options.skippable:
        for item_id in options.skippable:
            progress = set_item_state(progress, roadmap_id, item_id, ItemState.SKIPPED, when)
        store.commit(progress)
        n = len(options.skippable)
        return ngettext(
            "Skipped {n} optional item. ctrl+z undoes it.",
            "Skipped {n} optional items. ctrl+z undoes it.",
            n,
        ).format(n=n)
    return None
