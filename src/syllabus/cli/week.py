"""The weekly review: ``syllabus week [--week YYYY-Www] [--format text|json|markdown]``,
and its three prompts answered with ``--answer worked|blocked|next TEXT``.

The figures are the model's (``schedule.week.week_review``). The text lines here are
also what the app's weekly-review screen shows, so the two never disagree. JSON keys,
their values and ids are never translated; its dates are ISO.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from syllabus.cli.agenda import buffer_text, day_text, hours_text, num, today_of
from syllabus.cli.context import Context, UsageError
from syllabus.locale import N_, _, ngettext

if TYPE_CHECKING:
    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap
    from syllabus.model.schedule.week import MixShare, WeekReview

PROMPTS: dict[str, str] = {
    "worked": N_("What worked?"),
    "blocked": N_("What got in the way?"),
    "next": N_("What next?"),
}
"""The three prompts, by the key ``--answer`` and the JSON use."""


def activity_name(activity: str) -> str:
    """An activity as the interface says it (an own name as the learner wrote it)."""
    from syllabus.model.activity import activity_name as name

    return name(activity)


def percent_text(share: float) -> str:
    """A share as a whole percentage: ``80 %``."""
    from syllabus.locale.formats import format_number

    return _("{n} %").format(n=format_number(round(share * 100), 0))


def target_mix(roadmap: Roadmap) -> dict[str, float]:
    """The roadmap's target activity mix (activity → share), empty when it states none:
    its stated routine, by the middle of each range (``model.activity``)."""
    from syllabus.model.activity import shares
    from syllabus.model.activity import target_mix as stated

    return shares(stated(roadmap))


def review_of(
    roadmap: Roadmap, progress: Progress, roadmap_id: str, monday: date, today: date
) -> WeekReview:
    """The review of a week, with the roadmap's target mix."""
    from syllabus.model.schedule.week import week_review

    return week_review(roadmap, progress, roadmap_id, monday, today, target_mix(roadmap))


# --- the text ---------------------------------------------------------------------------------


def head_line(roadmap: Roadmap, review: WeekReview) -> str:
    sunday = review.monday + timedelta(days=6)
    return _("Week {week} ({first} – {last}) · {title}").format(
        week=review.week,
        first=day_text(review.monday, weekday=True),
        last=day_text(sunday, weekday=True),
        title=roadmap.title,
    )


def totals_line(review: WeekReview) -> str:
    return _("items done {done} of {planned} planned · hours {hours} of {planned_hours}").format(
        done=review.done_items,
        planned=review.planned_items,
        hours=hours_text(review.hours),
        planned_hours=hours_text(review.planned_hours),
    )


def node_lines(roadmap: Roadmap, review: WeekReview) -> list[str]:
    nodes = roadmap.node_index()
    lines = []
    for row in review.nodes:
        title = nodes[row.node_id].title if row.node_id in nodes else row.node_id
        lines.append(
            "  "
            + _("{title} ({id}): items {done}/{planned} · hours {hours}/{planned_hours}").format(
                title=title,
                id=row.node_id,
                done=row.done_items,
                planned=row.planned_items,
                hours=hours_text(row.hours),
                planned_hours=hours_text(row.planned_hours),
            )
        )
    return lines or ["  " + _("nothing planned, done or logged this week")]


def buffer_change_line(review: WeekReview) -> str:
    return _("buffer {start} at the start → {end} at the end").format(
        start=buffer_text(review.buffer_start), end=buffer_text(review.buffer_end)
    )


def forecast_change_line(review: WeekReview) -> str:
    start, end = review.forecast_start, review.forecast_end
    if start is None or end is None:
        if end is None:
            return _("forecast: nothing left to do")
        return _("forecast: P50 {p50}, P90 {p90}").format(
            p50=day_text(end.p50), p90=day_text(end.p90)
        )
    moved = (end.p50 - start.p50).days
    if moved > 0:
        change = ngettext("{n} day later", "{n} days later", moved).format(n=moved)
    elif moved < 0:
        change = ngettext("{n} day earlier", "{n} days earlier", -moved).format(n=-moved)
    else:
        change = _("unchanged")
    return _("forecast P50 {start} → {end} ({change}); P90 now {p90}").format(
        start=day_text(start.p50), end=day_text(end.p50), change=change, p90=day_text(end.p90)
    )


def mix_share_text(share: MixShare) -> str:
    text = f"{activity_name(share.activity)} {percent_text(share.share)}"
    if share.target is not None:
        text += " " + _("(target {target})").format(target=percent_text(share.target))
    return text


def mix_lines(review: WeekReview) -> list[str]:
    if not review.mix:
        line = _("activity mix: no check-in named an activity")
        return [line]
    lines = [_("activity mix: {shares}").format(shares=" · ".join(map(mix_share_text, review.mix)))]
    for share in review.drifts:
        assert share.target is not None
        lines.append(
            "  "
            + _("drifting: {activity} {share} vs target {target}").format(
                activity=activity_name(share.activity),
                share=percent_text(share.share),
                target=percent_text(share.target),
            )
        )
    if review.untagged_hours > 0:
        lines.append(
            "  " + _("{hours} h named no activity").format(hours=hours_text(review.untagged_hours))
        )
    return lines


def note_lines(review: WeekReview) -> list[str]:
    lines = []
    for line in review.notes:
        when = day_text(line.day, weekday=True)
        lines.append(f"  {when} · {hours_text(line.hours)} h: {' '.join(line.text.split())}")
    return lines


def answer_lines(review: WeekReview, hint: bool = True) -> list[str]:
    lines = []
    for key, prompt in PROMPTS.items():
        answer = review.answers.get(key)
        if answer is None:
            shown = f"`syllabus week --answer {key} TEXT`" if hint else "—"
        else:
            shown = " ".join(answer.split())
        lines.append(f"  {_(prompt)} {shown}")
    return lines


def review_lines(roadmap: Roadmap, review: WeekReview, hint: bool = True) -> list[str]:
    """The whole review as text lines (the CLI's text and the app's screen)."""
    lines = [head_line(roadmap, review), totals_line(review), *node_lines(roadmap, review)]
    lines += [buffer_change_line(review), forecast_change_line(review)]
    lines.append(_("streak {n}").format(n=review.streak))
    lines += mix_lines(review)
    notes = note_lines(review)
    if notes:
        lines += [_("notes:"), *notes]
    lines += unscored_lines(review, hint)
    lines += [_("prompts:"), *answer_lines(review, hint)]
    return lines


def unscored_lines(review: WeekReview, hint: bool = True) -> list[str]:
    """The projects of finished weeks still waiting for their rubric score."""
    if not review.unscored:
        return []
    lines = [_("projects not scored yet:")]
    for node_id, title in review.unscored:
        how = f"  `syllabus score {node_id} NAME=POINTS …`" if hint else ""
        lines.append(f"  {' '.join(title.split())} ({node_id}){how}")
    return lines


def _cell(text: str) -> str:
    """Text in a Markdown table cell: one line, no bar."""
    return " ".join(text.split()).replace("|", "\\|")


def review_markdown(roadmap: Roadmap, review: WeekReview) -> str:
    """The review as Markdown, for a journal or a note-taking app."""
    nodes = roadmap.node_index()
    out = [f"# {head_line(roadmap, review)}", "", totals_line(review), ""]
    if review.nodes:
        out += [
            "| " + " | ".join([_("node"), _("items"), _("hours")]) + " |",
            "|---|---|---|",
        ]
        for row in review.nodes:
            title = nodes[row.node_id].title if row.node_id in nodes else row.node_id
            out.append(
                f"| {_cell(title)} (`{row.node_id}`) | {row.done_items}/{row.planned_items} | "
                f"{hours_text(row.hours)}/{hours_text(row.planned_hours)} |"
            )
        out.append("")
    streak = _("streak {n}").format(n=review.streak)
    out += [f"- {buffer_change_line(review)}", f"- {forecast_change_line(review)}", f"- {streak}"]
    out += [f"- {line.strip()}" for line in mix_lines(review)]
    if review.notes:
        out += ["", "## " + _("Notes"), ""]
        out += [f"- {line.strip()}" for line in note_lines(review)]
    if review.unscored:
        out += ["", "## " + _("Projects not scored yet"), ""]
        out += [f"- {_cell(title)} (`{node_id}`)" for node_id, title in review.unscored]
    out += ["", "## " + _("Prompts"), ""]
    for key, prompt in PROMPTS.items():
        answer = review.answers.get(key)
        out.append(f"- **{_(prompt)}** {' '.join(answer.split()) if answer else '—'}")
    return "\n".join(out) + "\n"


# --- JSON -------------------------------------------------------------------------------------


def review_json(review: WeekReview) -> dict[str, Any]:
    """The ``week --format json`` object."""
    start, end = review.forecast_start, review.forecast_end
    return {
        "week": review.week,
        "roadmap": review.roadmap_id,
        "monday": review.monday.isoformat(),
        "through": review.through.isoformat(),
        "nodes": [
            {
                "id": row.node_id,
                "planned_items": row.planned_items,
                "done_items": row.done_items,
                "planned_hours": num(row.planned_hours),
                "hours": num(row.hours),
            }
            for row in review.nodes
        ],
        "planned_items": review.planned_items,
        "done_items": review.done_items,
        "planned_hours": num(review.planned_hours),
        "hours": num(review.hours),
        "buffer": {"start": num(review.buffer_start), "end": num(review.buffer_end)},
        "forecast": {
            "p50_start": start.p50.isoformat() if start else None,
            "p50_end": end.p50.isoformat() if end else None,
            "p90_start": start.p90.isoformat() if start else None,
            "p90_end": end.p90.isoformat() if end else None,
        },
        "streak": review.streak,
        "mix": [
            {
                "activity": share.activity,
                "hours": num(share.hours),
                "share": num(share.share),
                "target": None if share.target is None else num(share.target),
                "drift": share.drift,
            }
            for share in review.mix
        ],
        "untagged_hours": num(review.untagged_hours),
        "notes": [
            {
                "date": line.day.isoformat(),
                "hours": num(line.hours),
                "activity": line.activity,
                "text": line.text,
            }
            for line in review.notes
        ],
        "answers": {key: review.answers.get(key) for key in PROMPTS},
        "unscored": [{"node": node_id, "title": title} for node_id, title in review.unscored],
    }


# --- the command ------------------------------------------------------------------------------


def week_monday(text: str | None, today: date) -> date:
    """The Monday of ``--week`` (``YYYY-Www``), else of this week; a week to come is refused."""
    from syllabus.model.schedule.calendar import monday_of
    from syllabus.model.schedule.week import BadWeek, parse_week

    if text is None:
        return monday_of(today)
    try:
        monday = parse_week(text)
    except BadWeek:
        raise UsageError(
            _("--week: not an ISO week (YYYY-Www, e.g. 2026-W49): {text!r}").format(text=text)
        ) from None
    if monday > today:
        raise UsageError(_("--week: {week} has not begun yet").format(week=text))
    return monday


def cmd_week(args: argparse.Namespace, ctx: Context) -> int:
    """The weekly review; ``--answer PROMPT TEXT`` saves an answer to one of its prompts."""
    if args.answer:
        return _answer(args, ctx)
    progress = ctx.open_progress()[1]
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    today = today_of(ctx, progress)
    review = review_of(roadmap, progress, roadmap_id, week_monday(args.week, today), today)
    if args.format == "json":
        print(json.dumps(review_json(review), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(review_markdown(roadmap, review), end="")
    else:
        print("\n".join(review_lines(roadmap, review)))
    return 0


def _answer(args: argparse.Namespace, ctx: Context) -> int:
    from syllabus.cli.progress import _now, _update
    from syllabus.model import progress as pm
    from syllabus.model.schedule.week import week_key

    prompt, text = args.answer
    if prompt not in PROMPTS:
        raise UsageError(
            _("--answer: the prompt is one of {choices}, got {prompt!r}").format(
                choices=", ".join(PROMPTS), prompt=prompt
            )
        )
    pf, progress = ctx.open_progress(writing=True)
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    week = week_key(week_monday(args.week, today_of(ctx, progress)))
    _update(pf, lambda p: pm.set_week_answer(p, roadmap_id, week, prompt, text, _now()))
    cleaned = text.strip()
    line = _("answer saved for {week}: {prompt}") if cleaned else _("answer removed for {week}")
    print(line.format(week=week, prompt=_(PROMPTS[prompt])))
    return 0
