"""Keyword tables per language, and the language of an imported roadmap told by py3langid."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import fields
from pathlib import Path

import pytest

from syllabus.importer import import_file, import_text
from syllabus.importer.hints import Hints
from syllabus.importer.languages import (
    LANGUAGES,
    Keywords,
    all_keywords,
    detect,
    keywords,
    sample,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "markdown"
REALMAPS = Path(__file__).parents[3] / "shared" / "realmaps"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_full_table_of_lower_case_words(language: str) -> None:
    table = keywords(language)
    for field in fields(Keywords):
        words = getattr(table, field.name)
        assert words, f"{language}: no words for {field.name}"
        if field.name == "work_through":  # a phrase to write, capitalised
            assert words[0] == words[0].strip() and words[0][:1] == words[0][:1].upper()
            continue
        assert all(word == word.lower().strip() and word for word in words), field.name


def test_each_language_has_its_own_table() -> None:
    tables = {language: keywords(language) for language in LANGUAGES}
    assert len({id(table) for table in tables.values()}) == len(LANGUAGES)
    assert "semana" in keywords("es").week
    assert "woche" in keywords("de").week
    assert "semaine" in keywords("fr").week
    assert "settimana" in keywords("it").week
    assert "周" in keywords("zh").week
    assert "週" in keywords("ja").week
    assert "objetivo" in keywords("es").goal
    assert "recursos" in keywords("es").resources
    assert "optional" in keywords("en").optional
    assert "code of conduct" in keywords("en").code_of_conduct


def test_a_region_or_an_unknown_language_falls_back() -> None:
    assert keywords("pt-BR") is keywords("pt")
    assert keywords("ZH_cn") is keywords("zh")
    assert keywords("ru") is keywords("en")


def test_all_keywords_is_the_union_without_repeats() -> None:
    union = all_keywords()
    for field in fields(Keywords):
        words = getattr(union, field.name)
        assert len(words) == len(set(words))
        for language in LANGUAGES:
            assert set(getattr(keywords(language), field.name)) <= set(words)
    assert set(keywords("en").not_plan()) <= set(union.not_plan())


@pytest.mark.parametrize("language", LANGUAGES)
def test_detect_tells_each_fixture(language: str) -> None:
    path = FIXTURES / f"lang-{language}.md"
    assert detect(path.read_text(encoding="utf-8")) == language
    assert import_file(path).language == language


def test_too_little_text_is_english() -> None:
    assert detect("") == "en"
    assert detect("# 1.\n- [ ] 2\n") == "en"
    assert detect("Hallo Welt") == "en"


def test_code_links_and_html_are_not_read_as_prose() -> None:
    spanish = "Este plan sirve para aprender a programar poco a poco, con práctica diaria.\n"
    code = "```python\n" + "def read_the_file_and_return_the_words(path):\n" * 200 + "```\n"
    links = "[aquí](https://example.org/the/english/words/of/a/very/long/address)\n" * 50
    text = spanish + code + links + '<div align="center"><img alt="the badge"></div>\n'
    assert "def read" not in sample(text)
    assert "example.org" not in sample(text)
    assert "align" not in sample(text)
    assert detect(text) == "es"


def test_a_long_text_is_read_in_windows_across_it() -> None:
    english = "This part of the plan is written in plain English for the reader. " * 200
    german = "Dieser Teil des Plans ist auf Deutsch geschrieben, für die Leser. " * 200
    text = english + german
    assert len(sample(text)) < 9_000
    assert "Deutsch" in sample(text) and "English" in sample(text)


def test_stated_language_wins_over_detection() -> None:
    text = "# Plan\n\nThis is a plan written in English, with enough words to tell.\n\n- a\n"
    assert import_text(text, "plan.md", Hints(language="de")).language == "de"
    front = "---\nlang: fr\n---\n" + text
    assert import_text(front, "plan.md").language == "fr"
    assert import_text(text, "plan.md").language == "en"


def test_detection_is_fast_once_loaded() -> None:
    detect("Load the model first, with a sentence of English words.")
    text = (FIXTURES / "lang-es.md").read_text(encoding="utf-8") * 3000  # 1.3 MB
    start = time.perf_counter()
    for _ in range(5):
        assert detect(text) == "es"
    assert (time.perf_counter() - start) / 5 < 0.05


def test_the_model_is_not_loaded_at_start_up() -> None:
    code = (
        "import sys, syllabus.__main__, syllabus.importer.languages, syllabus.importer.build\n"
        "assert 'py3langid' not in sys.modules and 'numpy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


_LANGUAGE_NAMES = {
    "English": "en",
    "German": "de",
    "Spanish": "es",
    "French": "fr",
    "Portuguese": "pt",
    "Italian": "it",
    "Chinese": "zh",
    "Japanese": "ja",
}


def _readme_languages() -> dict[str, str]:
    """File → language, from the realmaps README's table (| # | `file` | … | Language | …)."""
    languages: dict[str, str] = {}
    for line in (REALMAPS / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        name = re.fullmatch(r"`([^`]+\.md)`", cells[1]) if len(cells) > 5 else None
        if name:
            languages[name.group(1)] = _LANGUAGE_NAMES[cells[4].split()[0]]
    return languages


@pytest.mark.skipif(not REALMAPS.is_dir(), reason="../shared/realmaps is not on this machine")
def test_detect_gives_each_real_roadmap_its_readme_language() -> None:
    expected = _readme_languages()
    assert len(expected) == len(list(REALMAPS.glob("*.md"))) - 1  # all but the README
    found = {
        name: detect((REALMAPS / name).read_text(encoding="utf-8", errors="replace"))
        for name in expected
    }
    assert found == expected
    imported = {name: import_file(REALMAPS / name).language for name in expected}
    assert imported == expected  # the roadmap's language is the detected one
