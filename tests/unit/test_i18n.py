"""Translations: the shipped catalogs, the language setting, argparse in German, formats."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from syllabus import cli
from syllabus import locale as i18n
from syllabus.locale import formats
from syllabus.storage import settings

REPO = Path(__file__).resolve().parents[2]
LOCALE_DIR = REPO / "src" / "syllabus" / "locale"
ENV_NAMES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

SAME_IN_BOTH = {
    "{hours} h",
    "{days} {hours} h",
    "Check-in",
    "Check-ins",
    "Backup",
    "Backups",
    "Start",
    "Name",
    "Status",
    "Details",
    "Link",
    "Links",
    "Tracker",
    "Ende",
    "OK",
    "Timer",
    "Pomodoro",
    "Phase",
    "optional",
    "Link:",
    "{n} %",
    "FAQ",
    "Portfolio",
    "Repository (http/https)",
}
"""msgids whose German is the same word (reviewed)."""


def _load_script() -> object:
    spec = importlib.util.spec_from_file_location("i18n_script", REPO / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _english_after(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    yield
    i18n.set_language("en")


def _catalogs() -> list[Path]:
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/syllabus.po"))


@pytest.mark.parametrize("po", _catalogs(), ids=lambda p: p.parent.parent.name)
def test_the_shipped_mo_is_its_po_compiled(po: Path) -> None:
    # Compiled in memory with Babel, compared message by message (the header's
    # Generated-By names Babel's version, which may differ from the one that compiled it).
    script = _load_script()
    language = po.parent.parent.name
    fresh = read_mo(io.BytesIO(script.compile_po(po.read_bytes(), language)))  # type: ignore[attr-defined]
    shipped = read_mo(io.BytesIO(po.with_suffix(".mo").read_bytes()))

    def frozen(value: object) -> object:
        return tuple(value) if isinstance(value, (list, tuple)) else value

    def messages(catalog: object) -> dict[object, object]:
        return {
            (frozen(m.id), m.context): frozen(m.string)
            for m in catalog  # type: ignore[attr-defined]
            if m.id
        }

    assert messages(shipped) == messages(fresh), "run: python scripts/i18n.py compile"
    assert shipped.plural_forms == fresh.plural_forms


def test_the_german_catalog_is_complete_and_reviewed() -> None:
    with (LOCALE_DIR / "de" / "LC_MESSAGES" / "syllabus.po").open("rb") as handle:
        catalog = read_po(handle, locale="de")
    untranslated, fuzzy, same = [], [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if not all(strings):
            untranslated.append(ids[0])
        elif message.fuzzy:
            fuzzy.append(ids[0])
        elif strings[0] == ids[0] and ids[0] not in SAME_IN_BOTH:
            same.append(ids[0])
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:20]}"
    assert not same, f"msgstr == msgid (add to SAME_IN_BOTH if right): {same}"


def test_every_marked_string_of_the_source_is_in_the_catalogs() -> None:
    script = _load_script()
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in script.template() if m.id}  # type: ignore[attr-defined]
    for po in _catalogs():
        with po.open("rb") as handle:
            have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
        missing = sorted(wanted - have)
        assert not missing, f"{po.parent.parent.name}: run scripts/i18n.py all; {missing[:10]}"


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
        ({"LC_MESSAGES": "de_CH", "LANG": "C"}, "de"),
        ({"LANGUAGE": "de:en", "LC_ALL": "C"}, "de"),
        ({"LANGUAGE": "", "LC_ALL": "", "LANG": "de_DE@euro"}, "de"),
        ({"LANGUAGE": "en", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_auto_takes_the_first_non_empty_of_gettexts_variables(
    env: dict[str, str], language: str
) -> None:
    assert i18n.from_environment(env) == language


def test_the_setting_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.resolve("en") == "en"
    assert i18n.resolve("auto") == "de"
    assert i18n.resolve("xx") == "de"  # unknown: as auto
    assert {"de", "en"} <= set(i18n.available())


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as done:
            code = int(done.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_help_and_argparse_speak_german_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    code, out, _err = _run(["--help"])
    assert code == 0
    assert out.startswith("Aufruf: syllabus")
    assert "Optionen:" in out and "Fortschritt" in out
    code, _out, err = _run(["lsit"])
    assert code == 2 and "ungültige Auswahl" in err
    monkeypatch.setenv("LANG", "C")
    code, out, _err = _run(["--help"])
    assert out.startswith("usage: syllabus") and "options:" in out


def test_config_language_is_read_before_the_parser_is_built(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setenv("LANG", "C")
    code, out, err = _run(["config", "language", "de"])
    assert (code, out) == (0, "language = de\n")
    assert "next start" in err
    assert settings.read(data_dir).language == "de"
    code, out, _err = _run(["--help"])
    assert out.startswith("Aufruf:")
    code, out, _err = _run(["config"])
    assert out.splitlines() == [
        "language = de",
        "timer.work = 25",
        "timer.break = 5",
        "day_start_hour = 4",
    ]
    code, _out, err = _run(["config", "language", "fr"])
    assert code == 2 and "language" in err and "'fr'" in err
    assert _run(["config", "language", "auto"])[1] == "language = auto\n"
    assert _run(["--help"])[1].startswith("usage:")


def test_config_timer_and_day_start(data_dir: Path) -> None:
    assert _run(["config", "timer.work", "50"])[:2] == (0, "timer.work = 50\n")
    assert _run(["config", "timer.break", "10m"])[:2] == (0, "timer.break = 10\n")
    code, _out, err = _run(["config", "timer.work", "0"])
    assert code == 2 and "1" in err and "240" in err
    assert _run(["config", "day_start_hour", "6"])[:2] == (0, "day_start_hour = 6\n")
    assert _run(["config", "day_start_hour"])[1] == "6\n"
    assert "day_start_hour = 6" in (data_dir / "progress.toml").read_text()
    assert _run(["config", "day_start_hour", "24"])[0] == 2
    machine = settings.read(data_dir)
    assert (machine.timer_work, machine.timer_break) == (50, 10)


def test_a_bad_settings_file_gives_defaults_and_keeps_unknown_keys(data_dir: Path) -> None:
    path = data_dir / "local" / "settings.toml"
    path.parent.mkdir(parents=True)
    path.write_text("language = 'xx'\nmine = 1\n[timer]\nwork = 'long'\nbreak = 7\n")
    assert settings.read(data_dir) == settings.MachineSettings(timer_break=7)
    settings.change(data_dir, language="de")
    text = path.read_text()
    assert "mine = 1" in text and 'language = "de"' in text
    path.write_text("this is = = not toml")
    assert settings.read(data_dir) == settings.MachineSettings()


def test_formats_follow_the_language() -> None:
    day = date(2026, 12, 1)
    i18n.set_language("de")
    assert formats.format_date(day) == "1. Dez. 2026"
    assert formats.format_date(day, year=False) == "1. Dez."
    assert formats.format_date(day, year=False, weekday=True) == "Di., 1. Dez."
    assert formats.format_month(day) == "Dezember 2026"
    assert formats.format_hours(1.5) == "1,5 h"
    assert formats.format_hours(2) == "2 h"
    assert formats.format_number(1234.5) == "1.234,5"
    assert formats.weekday_names()[:2] == ["Mo.", "Di."]
    assert (formats.format_days(1), formats.format_days(3)) == ("1 Tag", "3 Tage")
    assert (formats.format_weeks(1), formats.format_weeks(2)) == ("1 Woche", "2 Wochen")
    i18n.set_language("en")
    assert formats.format_date(day) == "Dec 1, 2026"
    assert formats.format_hours(1.5) == "1.5 h"
    assert formats.weekday_names("wide")[0] == "Monday"
    assert formats.month_names()[11] == "December"
    assert (formats.format_days(1), formats.format_days(3)) == ("1 day", "3 days")


def test_importing_the_translation_modules_loads_neither_babel_nor_a_catalog() -> None:
    code = (
        "import sys, syllabus.locale, syllabus.locale.formats, syllabus.cli.parser;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('babel', 'locale')));"
        "print(syllabus.locale._translations)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.split("\n")[:2] == ["[]", "None"]


def test_no_system_locale_is_ever_touched() -> None:
    import re

    names = re.compile(r"strftime\([^)]*%[aAbBcxXp]")  # weekday/month names, locale forms
    for path in (REPO / "src" / "syllabus").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "setlocale" not in text, path
        assert not names.search(text), path
