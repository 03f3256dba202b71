"""Today's agenda: ``today`` and ``next``, and the figures ``status`` shows the same way.

The agenda comes from ``model.schedule`` (``day_agenda`` over every enrolled roadmap,
the active one first; ``roadmap_agenda`` for the one ``--roadmap`` names), ``next``
picks from it with ``pick_next``. The one on-track figure is the buffer (``+3 d`` ahead,
``−2 d`` behind, in study days); the forecast is shown as one (P50 and P90) with the
planned date apart. JSON keys and values (``why``) are never translated and its dates
are ISO; the text views show dates and numbers the language's way (``locale.formats``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from syllabus.cli.context import CliError, Context, note
from syllabus.locale import N_, _, ngettext

if TYPE_CHECKING:
    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap
    from syllabus.model.schedule import AgendaEntry, BehindOptions, Status

WHY: dict[str, str] = {
    "overdue": N_("overdue"),
    "today": N_("today"),
    "ahead": N_("ahead"),
    "review": N_("review"),
}
"""How each ``why`` reads in the text views (JSON keeps the key)."""

BASIS: dict[str, str] = {
    "history": N_("forecast from your recent study weeks"),
    "items": N_("forecast from the items you close each week"),
    "plan": N_("forecast at the plan's pace, a wide band until two weeks of history"),
}
"""What a forecast is based on, as the text views say it."""


def hours_text(value: float) -> str:
    """Hours for people, in the interface's language: 6.5, 13, 0.3 (``6,5`` in German)."""
    from syllabus.locale.formats import format_number

    return format_number(round(value, 1), 1)


def number_text(value: float) -> str:
    """A number with one decimal, in the interface's language: ``12.5`` / ``12,5``."""
    from syllabus.locale.formats import format_number

    return format_number(value, 1)


def day_text(day: date, *, weekday: bool = False) -> str:
    """A date for people, in the interface's language: ``Dec 1, 2026`` / ``1. Dez. 2026``
    (JSON keeps ISO)."""
    from syllabus.locale.formats import format_date

    return format_date(day, weekday=weekday)


def num(value: float) -> float:
    """A number for JSON: two decimals."""
    return round(value, 2)


# --- the figures ---------------------------------------------------------------------------


def buffer_text(days: float) -> str:
    """The one on-track figure: ``+3 d`` ahead, ``−2 d`` behind, ``±0 d`` on pace."""
    n = round(days)
    if n > 0:
        return _("+{n} d").format(n=n)
    if n < 0:
        return _("−{n} d").format(n=-n)
    return _("±0 d")


def buffer_line(days: float) -> str:
    """The buffer with what it means, for the text views."""
    n = round(days)
    if n > 0:
        meaning = _("ahead of the plan")
    elif n < 0:
        meaning = _("behind the plan")
    else:
        meaning = _("on pace")
    return _("buffer {figure} ({meaning})").format(figure=buffer_text(days), meaning=meaning)


def forecast_json(status: Status) -> dict[str, str] | None:
    """``{p50, p90, planned}`` as ISO dates (and its ``basis``); None once no work remains."""
    forecast = status.forecast
    if forecast is None:
        return None
    return {
        "p50": forecast.p50.isoformat(),
        "p90": forecast.p90.isoformat(),
        "planned": forecast.planned.isoformat(),
        "basis": forecast.basis,
    }


def forecast_line(status: Status) -> str:
    """``finish ~ P50 …, P90 … (what it is based on) · planned …``."""
    plan = status.plan
    assert plan is not None
    planned = _("planned {day}").format(day=day_text(plan.end))
    forecast = status.forecast
    if forecast is None:
        return _("finish: nothing left to do · {planned}").format(planned=planned)
    return _("finish ~ P50 {p50}, P90 {p90} ({basis}) · {planned}").format(
        p50=day_text(forecast.p50),
        p90=day_text(forecast.p90),
        basis=_(BASIS.get(forecast.basis, forecast.basis)),
        planned=planned,
    )


def entry_json(entry: AgendaEntry) -> dict[str, Any]:
    """An agenda entry for scripts: ``{id, text, hours, why}`` and where it belongs."""
    return {
        "id": entry.item_id,
        "text": entry.text,
        "hours": num(entry.hours),
        "why": entry.why,
        "roadmap": entry.roadmap_id,
        "node": entry.node_id,
    }


LISTED = 10
"""Agenda entries the text views show before "and N more"."""


def entry_lines(entries: Sequence[AgendaEntry], limit: int | None = LISTED) -> list[str]:
    """The agenda in order, one line each (the first ``limit``, then how many more); the
    roadmap is named when there are several."""
    several = len({e.roadmap_id for e in entries}) > 1
    shown = entries if limit is None else entries[:limit]
    width = max((len(_(WHY[e.why])) for e in shown if e.why in WHY), default=0)
    lines = []
    for n, entry in enumerate(shown, 1):
        why = _(WHY[entry.why]) if entry.why in WHY else entry.why
        where = f"{entry.roadmap_id}: {entry.item_id}" if several else entry.item_id
        lines.append(
            f"  {n}. {why:<{width}}  {entry.text}  ({where}) · "
            + _("{hours} h").format(hours=hours_text(entry.hours))
        )
    if len(shown) < len(entries):
        more = len(entries) - len(shown)
        lines.append("  " + ngettext("… and {n} more", "… and {n} more", more).format(n=more))
    return lines


def behind_lines(
    options: BehindOptions | None, roadmap_id: str, hours_per_week: float
) -> list[str]:
    """When behind: the three ways to decide, with their numbers and the command for each."""
    if options is None:
        return []
    from syllabus.model.schedule import pace_to_keep

    needed = pace_to_keep(options)
    lines = [_("behind the plan: three ways to decide")]
    lines.append(
        "  1. "
        + _("keep the planned date: study {needed} h a week (now {now})").format(
            needed=hours_text(needed), now=hours_text(hours_per_week)
        )
        + f"  `syllabus replan --roadmap {roadmap_id} --hours-per-week {needed:g}`"
    )
    if options.skippable:
        count = len(options.skippable)
        skip = ngettext(
            "skip {n} optional item, saving {hours} h",
            "skip {n} optional items, saving {hours} h",
            count,
        ).format(n=count, hours=hours_text(options.skippable_hours))
        lines.append(f"  2. {skip}  `syllabus skip --optional --roadmap {roadmap_id}`")
    else:
        lines.append("  2. " + _("skip optional items: none would save planned time"))
    lines.append(
        "  3. "
        + _("finish later, at your pace: {day}").format(day=day_text(options.new_date))
        + f"  `syllabus replan --roadmap {roadmap_id}`"
    )
    return lines


# --- computing -----------------------------------------------------------------------------


def today_of(ctx: Context, progress: Progress) -> date:
    """Today's study day, by the learner's day-start hour."""
    return ctx.today(progress.settings.day_start_hour)


def compute(roadmap: Roadmap, progress: Progress, roadmap_id: str, today: date) -> Status:
    """The status of one roadmap today (planned from today when not enrolled)."""
    from syllabus.model.schedule import build_plan, compute_status, default_enrolment

    rp = progress.roadmap(roadmap_id)
    enrolment = rp.enrolled or default_enrolment(roadmap, today)
    plan = build_plan(roadmap, enrolment, rp)
    return compute_status(roadmap, progress, roadmap_id, today, plan)


def behind(roadmap: Roadmap, progress: Progress, status: Status) -> BehindOptions | None:
    """The behind options of an enrolled roadmap (None unless the buffer is below zero)."""
    from syllabus.model.schedule import behind_options

    if progress.roadmap(status.roadmap_id).enrolled is None:
        return None
    return behind_options(roadmap, progress, status.roadmap_id, status.today, status)


def agenda(
    ctx: Context, progress: Progress, chosen: Roadmap, status: Status, named: bool
) -> list[AgendaEntry]:
    """The day's agenda: of the roadmap ``--roadmap`` named, else of every enrolled one
    (the active one first; one whose roadmap cannot be read is noted and left out)."""
    from syllabus.model.schedule import day_agenda, on_agenda, roadmap_agenda

    roadmap_id, today = status.roadmap_id, status.today
    if named or progress.roadmap(roadmap_id).enrolled is None:
        return roadmap_agenda(chosen, progress, roadmap_id, today, status.plan)
    roadmaps: dict[str, Roadmap] = {roadmap_id: chosen}
    for other, rp in progress.roadmaps.items():
        if other in roadmaps or not on_agenda(rp.enrolled, today):
            continue  # a finished or paused roadmap adds nothing: its file is not read
        try:
            roadmaps[other] = ctx.roadmap(other)
        except CliError as error:
            note(str(error))
    return day_agenda(roadmaps, progress, today)


# --- the commands --------------------------------------------------------------------------


def short_line(status: Status) -> str:
    """One line for a shell prompt or a status bar: "W5 ▸ 3 due · +2 d · 🔥12 · 6.5/13h"."""
    plan = status.plan
    assert plan is not None
    hours = f"{hours_text(status.hours_this_week)}/{hours_text(status.target_hours_this_week)}h"
    parts: list[str] = []
    if status.today < plan.start:
        head = _("starts {day}").format(day=day_text(plan.start))
    elif status.percent >= 100 and status.counts["done"]:
        head = _("✓ done")
    else:
        due = len(status.due) + len(status.overdue)
        head = _("W{week} ▸ {n} due").format(week=plan.week_number(status.today), n=due)
        parts.append(buffer_text(status.buffer_days))
    parts += [f"🔥{status.streak}", hours]
    return " · ".join([head, *parts])


def today_json(status: Status, entries: Sequence[AgendaEntry]) -> dict[str, Any]:
    """The ``today --format json`` object."""
    plan = status.plan
    assert plan is not None
    return {
        "today": status.today.isoformat(),
        "roadmap": status.roadmap_id,
        "current": status.current,
        "study_day": plan.is_study_day(status.today),
        "agenda": [entry_json(e) for e in entries],
        "buffer_days": num(status.buffer_days),
        "forecast": forecast_json(status),
        "hours_today": num(status.hours_by_day.get(status.today, 0.0)),
        "hours_this_week": num(status.hours_this_week),
        "target_hours_this_week": num(status.target_hours_this_week),
        "streak": status.streak,
    }


def _today_text(
    roadmap: Roadmap,
    status: Status,
    entries: Sequence[AgendaEntry],
    options: BehindOptions | None,
) -> list[str]:
    plan = status.plan
    assert plan is not None
    today = status.today
    nodes = roadmap.node_index()
    lines = [f"{day_text(today, weekday=True)} · {roadmap.title}"]
    if status.current is not None:
        when = _("today") if plan.node_on(today) == status.current else _("next")
        lines.append(f"{when}: {nodes[status.current].title}  ({status.current})")
    elif today > plan.end:
        lines.append(_("the plan ended on {day}").format(day=day_text(plan.end)))
    if not plan.is_study_day(today):
        lines.append(_("a rest day: your streak is safe"))
    if entries:
        lines.append(_("agenda:"))
        lines += entry_lines(entries)
    else:
        lines.append(_("agenda: nothing left to do"))
    logged = status.hours_by_day.get(today, 0.0)
    lines.append(
        _("logged today {today} h · this week {week}/{target} h · streak {streak}").format(
            today=hours_text(logged),
            week=hours_text(status.hours_this_week),
            target=hours_text(status.target_hours_this_week),
            streak=status.streak,
        )
    )
    lines.append(buffer_line(status.buffer_days))
    lines.append(forecast_line(status))
    lines += behind_lines(options, roadmap.id, plan.hours_per_week)
    return lines


def _chosen(ctx: Context, progress: Progress, args: argparse.Namespace) -> tuple[Roadmap, Status]:
    roadmap_id = ctx.roadmap_id(progress, args.roadmap)
    roadmap = ctx.roadmap(roadmap_id)
    return roadmap, compute(roadmap, progress, roadmap_id, today_of(ctx, progress))


def _timer_part(ctx: Context) -> str:
    """`` · ⏱ 12:05`` while a focus timer runs on this machine, else nothing."""
    from syllabus.storage import timer_state

    timer = timer_state.read(ctx.data_dir)
    if timer is None:
        return ""
    from syllabus import clock
    from syllabus.model.timer import clock_text, phase

    return " · ⏱ " + clock_text(phase(timer, clock.now()).minutes)


def cmd_today(args: argparse.Namespace, ctx: Context) -> int:
    """Today's agenda, the buffer and the forecast; ``--short`` prints one line and stays
    quiet without a roadmap."""
    from syllabus.model.rules import choose_roadmap

    progress = ctx.open_progress()[1]
    if args.short and not args.roadmap and choose_roadmap(progress) is None:
        return 0
    roadmap, status = _chosen(ctx, progress, args)
    if args.short:
        print(short_line(status) + _timer_part(ctx))
        return 0
    entries = agenda(ctx, progress, roadmap, status, named=bool(args.roadmap))
    if args.format == "json":
        print(json.dumps(today_json(status, entries), ensure_ascii=False, indent=2))
        return 0
    options = behind(roadmap, progress, status)
    print("\n".join(_today_text(roadmap, status, entries, options)))
    return 0


def cmd_next(args: argparse.Namespace, ctx: Context) -> int:
    """What to do next: the agenda's entries that fit in ``--minutes`` (else the first)."""
    from syllabus.model.schedule import pick_next

    progress = ctx.open_progress()[1]
    roadmap, status = _chosen(ctx, progress, args)
    entries = agenda(ctx, progress, roadmap, status, named=bool(args.roadmap))
    picked = pick_next(entries, args.minutes)
    if args.format == "json":
        print(json.dumps([entry_json(e) for e in picked], ensure_ascii=False, indent=2))
        return 0
    if not picked:
        print(_("nothing left to do"))
        return 0
    first = picked[0]
    if args.minutes is not None and first.hours * 60 > args.minutes + 1e-6:
        print(
            _("nothing fits in {minutes} minutes whole; make a start on:").format(
                minutes=hours_text(args.minutes)
            )
        )
    print("\n".join(entry_lines(picked, limit=None)))
    return 0
