"""``syllabus review``: the review cards due today, grading one, adding one.

``review`` lists today's cards (``--format json``: ``{"due": [{id, prompt, node, due,
minutes}], "backlog": N}``); ``review CARD_ID --grade again|hard|good|easy`` grades one
through FSRS (``model.review``); ``review --add ID`` puts a finished item or node into
review, first due the next study day. Each change is one write, one undo step.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from syllabus.cli.context import Context, FileProblem, UsageError
from syllabus.locale import N_, _, ngettext

if TYPE_CHECKING:
    from datetime import date

    from syllabus.model.progress import Progress
    from syllabus.model.review import Card
    from syllabus.model.roadmap import Roadmap
    from syllabus.model.schedule.calendar import StudyCalendar


def _calendar(progress: Progress, roadmap_id: str) -> StudyCalendar:
    from syllabus.model.schedule.calendar import StudyCalendar, calendar_for

    enrolment = progress.roadmap(roadmap_id).enrolled
    return calendar_for(enrolment) if enrolment is not None else StudyCalendar()


def _cards(roadmap: Roadmap, progress: Progress, roadmap_id: str) -> list[Card]:
    from syllabus.model import review

    calendar = _calendar(progress, roadmap_id)
    rp = progress.roadmap(roadmap_id)
    return review.cards(roadmap, rp, calendar, progress.settings.day_start_hour)


def card_json(card: Card) -> dict[str, Any]:
    """A card for scripts: ``{id, prompt, node, due, minutes}`` (``due`` ISO)."""
    return {
        "id": card.id,
        "prompt": card.prompt,
        "node": card.node_id,
        "due": card.due.isoformat(),
        "minutes": round(card.minutes, 2),
    }


def _minutes_text(minutes: float) -> str:
    from syllabus.locale.formats import format_number

    return _("{n} min").format(n=format_number(round(minutes, 1), 1))


def _list(
    ctx: Context, args: argparse.Namespace, roadmap: Roadmap, progress: Progress, today: date
) -> int:
    from syllabus.model import review

    roadmap_id = roadmap.id
    found = _cards(roadmap, progress, roadmap_id)
    queue = review.queue(found, _calendar(progress, roadmap_id), today)
    if args.format == "json":
        data = {"due": [card_json(c) for c in queue.due], "backlog": queue.backlog}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if not queue.due:
        print(_("no review due today"))
    for n, card in enumerate(queue.due, 1):
        print(f"  {n}. {card.prompt}  ({card.id}) · {_minutes_text(card.minutes)}")
    if queue.backlog:
        print(
            ngettext(
                "backlog: {n} more card due, spread over the next study days",
                "backlog: {n} more cards due, spread over the next study days",
                queue.backlog,
            ).format(n=queue.backlog)
        )
    if queue.due:
        print(_("grade one: `syllabus review CARD_ID --grade again|hard|good|easy`"))
    return 0


def _update(ctx: Context, change: Any) -> Progress:
    from syllabus.storage.progress_file import ProgressError

    pf = ctx.progress_file()
    try:
        return pf.update(change)
    except ProgressError as error:
        raise FileProblem(str(error)) from None


def _now() -> Any:
    from syllabus.clock import now

    return now()


def _grade(
    ctx: Context, args: argparse.Namespace, roadmap: Roadmap, progress: Progress, today: date
) -> int:
    from syllabus.model import review
    from syllabus.model.ids import UnknownId, resolve

    roadmap_id = roadmap.id
    found = _cards(roadmap, progress, roadmap_id)
    try:
        card_id = resolve(args.card, [c.id for c in found], N_("review card"))
    except UnknownId as error:
        raise UsageError(str(error)) from None

    def change(p: Progress) -> Progress:
        card = review.find(_cards(roadmap, p, roadmap_id), card_id)
        if card is None:
            raise UsageError(_("review card {id} is gone").format(id=card_id))
        return review.graded(p, roadmap_id, card, args.grade, today, _now())

    progress = _update(ctx, change)
    record = progress.roadmap(roadmap_id).cards[card_id]
    due = review.find(_cards(roadmap, progress, roadmap_id), card_id)
    day = due.due if due is not None else record.due.date()
    from syllabus.cli.agenda import day_text

    print(
        _("{grade}: {id}, next due {day}").format(
            grade=args.grade, id=card_id, day=day_text(day, weekday=True)
        )
    )
    return 0


def _add(
    ctx: Context, args: argparse.Namespace, roadmap: Roadmap, progress: Progress, today: date
) -> int:
    from datetime import timedelta

    from syllabus.model import review
    from syllabus.model.ids import UnknownId, resolve

    roadmap_id = roadmap.id
    pool = list(roadmap.node_index()) + [item.id for _node, item in roadmap.items()]
    try:
        target = resolve(args.add, pool, N_("item or node"))
    except UnknownId as error:
        raise UsageError(str(error)) from None
    try:
        made = review.addable(roadmap, progress.roadmap(roadmap_id), target)
    except review.NotFinished:
        raise UsageError(
            _("{id} is not finished yet: only finished items and nodes go into review").format(
                id=target
            )
        ) from None
    first = _calendar(progress, roadmap_id).first_on_or_after(today + timedelta(days=1))
    _update(ctx, lambda p: review.add_cards(p, roadmap_id, made, first, _now()))
    from syllabus.cli.agenda import day_text

    for card_id, _node in made:
        print(_("in review: {id}, first due {day}").format(id=card_id, day=day_text(first)))
    return 0


def cmd_review(args: argparse.Namespace, ctx: Context) -> int:
    """List today's reviews, grade one (``CARD_ID --grade``) or add one (``--add ID``)."""
    if args.card and not args.grade:
        raise UsageError(_("review {id}: say how it went with --grade again|hard|good|easy"))
    if args.grade and not args.card:
        raise UsageError(_("review --grade: name the card (CARD_ID)"))
    if args.add and args.card:
        raise UsageError(_("review: --add and CARD_ID cannot be used together"))
    progress = ctx.open_progress(writing=bool(args.card or args.add))[1]
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    today = ctx.today(progress.settings.day_start_hour)
    if args.add:
        return _add(ctx, args, roadmap, progress, today)
    if args.card:
        return _grade(ctx, args, roadmap, progress, today)
    return _list(ctx, args, roadmap, progress, today)
