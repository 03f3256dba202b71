"""Textual's own key descriptions, as the help screen lists them, speak German too."""

from __future__ import annotations

import pytest
import textual.widgets as widgets
from textual.app import App
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets._select import SelectOverlay

from syllabus import locale
from syllabus.locale import _
from syllabus.tui.textual_words import TEXTUAL_DESCRIPTIONS

USED = (
    App,
    Screen,
    Widget,
    ScrollableContainer,
    widgets.OptionList,
    widgets.Tree,
    widgets.DirectoryTree,
    widgets.Input,
    widgets.TextArea,
    widgets.Select,
    SelectOverlay,
    widgets.SelectionList,
    widgets.Button,
)
"""The Textual classes whose bindings a syllabus screen can show (theirs and their bases')."""


def _descriptions() -> set[str]:
    found: set[str] = set()
    for kind in USED:
        for base in kind.__mro__:
            for binding in Binding.make_bindings(vars(base).get("BINDINGS", [])):
                if binding.description:
                    found.add(binding.description)
    return found


def test_every_description_textual_gives_is_in_the_table() -> None:
    assert _descriptions() - TEXTUAL_DESCRIPTIONS == set()


@pytest.fixture
def german() -> object:
    locale.set_language("de")
    yield
    locale.set_language("en")


@pytest.mark.usefixtures("german")
def test_each_has_a_german_translation() -> None:
    untranslated = sorted(d for d in TEXTUAL_DESCRIPTIONS if _(d) == d)
    assert untranslated == []
    assert _("Page Down") == "Seite runter" and _("Delete line") == "Zeile löschen"


@pytest.mark.usefixtures("german")
def test_the_help_screen_describes_textual_keys_in_german() -> None:
    from syllabus.tui.screens.help import describe

    assert describe(Binding("pagedown", "page_down", "Page Down")) == "Seite runter"
    assert describe(Binding("x", "mine", "Mine")) == "Mine"  # one of ours, as given


def test_english_words_them_in_sentence_case_as_ours_are() -> None:
    assert _("Focus Next") == "Focus next" and _("Page Down") == "Page down"
    assert _("Delete line") == "Delete line"
