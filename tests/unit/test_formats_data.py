"""The CLDR data the interface formats with ships as ``locale/<lang>/formats.json``
(written from Babel by ``scripts/i18n.py compile``) and is formatted without Babel:
the shipped files are what Babel gives now, every function of ``formats`` gives
exactly what Babel gives, and a command that prints dates never imports Babel."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from babel.core import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_format_percent
from hypothesis import given
from hypothesis import strategies as st
from test_cli_schedule import make_history

from syllabus import locale as i18n
from syllabus.locale import formats

REPO = Path(__file__).resolve().parents[2]
LOCALE_DIR = REPO / "src" / "syllabus" / "locale"
LANGUAGES = ("de", "en")

days = st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31))
numbers = st.one_of(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(10**12), max_value=10**12).map(float),
    st.integers(min_value=-100_000, max_value=100_000).map(lambda n: n / 1000),
)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_script", REPO / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.set_language("en")


def test_every_catalog_language_ships_its_formats() -> None:
    languages = {po.parent.parent.name for po in LOCALE_DIR.glob("*/LC_MESSAGES/syllabus.po")}
    assert set(LANGUAGES) <= languages
    assert {path.parent.name for path in LOCALE_DIR.glob("*/formats.json")} == languages


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_formats_are_what_babel_gives_now(language: str) -> None:
    # Content, not file times: run `scripts/i18n.py compile` when Babel's data changes.
    shipped = json.loads((LOCALE_DIR / language / "formats.json").read_text(encoding="utf-8"))
    script = _script()
    assert shipped == script.formats_data(language)
    assert json.loads(script.formats_json(language)) == shipped


@pytest.mark.parametrize("language", LANGUAGES)
def test_names_are_babels(language: str) -> None:
    i18n.set_language(language)
    locale = Locale.parse(language)
    for width in ("wide", "abbreviated", "short", "narrow"):
        days_ = locale.days["format"][width]
        assert formats.weekday_names(width) == [days_[i] for i in range(7)]
    month_widths: tuple[formats.Width, ...] = ("wide", "abbreviated", "narrow")
    for width in month_widths:
        months = locale.months["format"][width]
        assert formats.month_names(width) == [months[i] for i in range(1, 13)]


@pytest.mark.parametrize("language", LANGUAGES)
@given(day=days)
def test_dates_are_babels(language: str, day: date) -> None:
    i18n.set_language(language)
    locale = Locale.parse(language)
    for year in (True, False):
        for weekday in (True, False):
            skeleton = ("y" if year else "") + "MMM" + ("Ed" if weekday else "d")
            expected = format_skeleton(skeleton, day, locale=locale)
            assert formats.format_date(day, year=year, weekday=weekday) == expected
    assert formats.format_month(day) == format_skeleton("yMMMM", day, locale=locale)
    assert formats.format_numeric_date(day) == babel_format_date(day, "short", locale=locale)


@pytest.mark.parametrize("language", LANGUAGES)
@given(value=numbers, digits=st.integers(min_value=0, max_value=3), fixed=st.booleans())
def test_numbers_are_babels(language: str, value: float, digits: int, fixed: bool) -> None:
    i18n.set_language(language)
    pattern = "#,##0" + ("." + ("0" if fixed else "#") * digits if digits > 0 else "")
    expected = format_decimal(value, pattern, locale=language)
    assert formats.format_number(value, digits, fixed=fixed) == expected


@pytest.mark.parametrize("language", LANGUAGES)
@given(value=numbers)
def test_percents_are_babels(language: str, value: float) -> None:
    i18n.set_language(language)
    expected = babel_format_percent(round(value) / 100, locale=language)
    assert formats.format_percent(value) == expected


def test_known_forms() -> None:
    i18n.set_language("de")
    assert formats.format_number(1234567.25, 1) == "1.234.567,2"
    assert formats.format_number(-0.04, 1) == "-0"  # as Babel: the sign of the value
    assert formats.format_number(2, 1, fixed=True) == "2,0"
    assert formats.format_percent(42.4) == "42\u00a0%"
    assert formats.format_numeric_date(date(2026, 12, 1)) == "01.12.26"
    i18n.set_language("en")
    assert formats.format_number(1234567.25, 2) == "1,234,567.25"
    assert formats.format_percent(1234) == "1,234%"
    assert formats.format_numeric_date(date(2026, 12, 1)) == "12/1/26"


def test_the_pattern_interpreter_reads_quotes_and_stand_alone_forms() -> None:
    data = formats._load("de")
    day = date(2026, 12, 1)
    assert formats.format_pattern("'Tag' d 'o''clock' ''", day, data) == "Tag 1 o'clock '"
    assert (
        formats.format_pattern("LLLL yyyy, cccc, EEEEE", day, data) == "Dezember 2026, Dienstag, D"
    )
    assert formats.format_pattern("yy/M/dd", date(2005, 3, 7), data) == "05/3/07"
    with pytest.raises(ValueError, match="unsupported"):
        formats.format_pattern("HH:mm", day, data)


@pytest.mark.parametrize(("lang", "shown"), [("de_DE.UTF-8", "Nov. 2026"), ("C", "Nov 21, 2026")])
def test_status_prints_dates_without_importing_babel(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, lang: str, shown: str
) -> None:
    history = make_history(data_dir, monkeypatch)
    env = {
        **os.environ,
        "LANGUAGE": "",
        "LC_ALL": "",
        "LC_MESSAGES": "",
        "LANG": lang,
        "SYLLABUS_DATA_DIR": str(history),
        "SYLLABUS_TODAY": "2026-11-18",
    }
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "syllabus", "status"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shown in done.stdout and "%" in done.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert imported and not [name for name in imported if name.split(".")[0] == "babel"]
