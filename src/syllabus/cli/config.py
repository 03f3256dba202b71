"""``syllabus config [KEY [VALUE]]``: show or change a setting.

``language``, ``timer.work`` and ``timer.break`` are this machine's
(``storage.settings``, ``local/settings.toml``); ``day_start_hour`` is the learner's
and syncs with the progress file. A new language applies from the next start: the
running process translated its strings already.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from syllabus.cli.context import Context, FileProblem, UsageError
from syllabus.locale import _

KEYS = ("language", "timer.work", "timer.break", "day_start_hour")
"""Every key, in the order ``syllabus config`` lists them."""

_MACHINE_FIELDS = {"language": "language", "timer.work": "timer_work", "timer.break": "timer_break"}


def _whole(text: str, low: int, high: int, key: str) -> int:
    try:
        value = int(text.strip().removesuffix("m").removesuffix("min"))
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise UsageError(
            _("{key} must be a whole number from {low} to {high}, not {text!r}").format(
                key=key, low=low, high=high, text=text
            )
        )
    return value


def _language(text: str) -> str:
    from syllabus.locale import available

    choices = ("auto", *available())
    value = text.strip().lower()
    if value not in choices:
        raise UsageError(
            _("language must be one of {choices}, not {text!r}").format(
                choices=", ".join(choices), text=text
            )
        )
    return value


def _shown(ctx: Context) -> dict[str, str]:
    """Every key's current value, as text."""
    from syllabus.locale import resolve
    from syllabus.storage import settings

    machine = settings.read(ctx.data_dir)
    language = machine.language
    if language == "auto":
        # Translators: the language setting "auto" and the language it means now.
        language = _("auto (now {language})").format(language=resolve("auto"))
    return {
        "language": language,
        "timer.work": str(machine.timer_work),
        "timer.break": str(machine.timer_break),
        "day_start_hour": str(_day_start_hour(ctx)),
    }


def _day_start_hour(ctx: Context) -> int:
    _file, progress = ctx.open_progress()
    return progress.settings.day_start_hour


def _set_day_start_hour(ctx: Context, hour: int) -> None:
    from syllabus.clock import now
    from syllabus.storage.progress_file import ProgressError

    file, _progress = ctx.open_progress(writing=True)
    when = now()
    try:
        file.update(
            lambda p: replace(p, settings=replace(p.settings, day_start_hour=hour, updated=when))
        )
    except ProgressError as error:
        raise FileProblem(str(error)) from None


def _set_machine(ctx: Context, key: str, text: str) -> str:
    from syllabus.storage import settings
    from syllabus.storage.paths import settings_path
    from syllabus.storage.settings import TIMER_MINUTES

    value: str | int = _language(text) if key == "language" else _whole(text, *TIMER_MINUTES, key)
    try:
        settings.change(ctx.data_dir, **{_MACHINE_FIELDS[key]: value})
    except OSError as error:
        raise FileProblem(
            _("cannot save {path}: {reason}").format(
                path=settings_path(ctx.data_dir), reason=error.strerror or error
            )
        ) from None
    return str(value)


def cmd_config(args: argparse.Namespace, ctx: Context) -> int:
    """Show every setting, one, or change one."""
    if args.key is None:
        for key, value in _shown(ctx).items():
            print(f"{key} = {value}")
        return 0
    if args.value is None:
        print(_shown(ctx)[args.key])
        return 0
    if args.key == "day_start_hour":
        hour = _whole(args.value, 0, 23, args.key)
        _set_day_start_hour(ctx, hour)
        print(f"day_start_hour = {hour}")
        return 0
    value = _set_machine(ctx, args.key, args.value)
    print(f"{args.key} = {value}")
    if args.key == "language":
        from syllabus.cli.context import note

        note(_("the new language applies from the next start of syllabus"))
    return 0
