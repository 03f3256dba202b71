"""Textual's own key descriptions, in the interface language where syllabus shows them.

The help screen lists the focused widget's bindings, Textual's included (a list's
``Page Down``, a text field's ``Delete line``); Textual writes those in English. Each
one the widgets syllabus uses can show is named here once, so the catalog translates it
(``tests/unit/test_textual_words.py`` checks the list against Textual's classes).
"""

from __future__ import annotations

from syllabus.locale import N_, _

TEXTUAL_DESCRIPTIONS = frozenset(
    {
        # App, Screen
        N_("Quit"),
        N_("Focus Next"),
        N_("Focus Previous"),
        N_("Copy selected text"),
        # scrolling containers
        N_("Scroll Up"),
        N_("Scroll Down"),
        N_("Scroll Left"),
        N_("Scroll Right"),
        N_("Scroll Home"),
        N_("Scroll End"),
        N_("Page Up"),
        N_("Page Down"),
        N_("Page Left"),
        N_("Page Right"),
        # lists and trees
        N_("Up"),
        N_("Down"),
        N_("First"),
        N_("Last"),
        N_("Select"),
        N_("Toggle"),
        N_("Toggle option"),
        N_("Expand or collapse all"),
        N_("Cursor Up"),
        N_("Cursor Down"),
        N_("Cursor to parent"),
        N_("Cursor to next ancestor"),
        N_("Cursor to previous sibling"),
        N_("Cursor to next sibling"),
        N_("Show menu"),
        N_("Dismiss menu"),
        N_("Press button"),
        # one-line fields
        N_("Move cursor left"),
        N_("Move cursor left and select"),
        N_("Move cursor left a word"),
        N_("Move cursor left a word and select"),
        N_("Move cursor right or accept the completion suggestion"),
        N_("Move cursor right and select"),
        N_("Move cursor right a word"),
        N_("Move cursor right a word and select"),
        N_("Delete character left"),
        N_("Delete character right"),
        N_("Delete left to start of word"),
        N_("Delete right to start of word"),
        N_("Delete all to the left"),
        N_("Delete all to the right"),
        N_("Select all"),
        N_("Go to start"),
        N_("Go to end"),
        N_("Select line start"),
        N_("Select line end"),
        N_("Submit"),
        N_("Cut selected text"),
        N_("Paste text from the clipboard"),
        # the note field (a text area)
        N_("Cursor up"),
        N_("Cursor down"),
        N_("Cursor left"),
        N_("Cursor right"),
        N_("Cursor word left"),
        N_("Cursor word right"),
        N_("Cursor line start"),
        N_("Cursor line end"),
        N_("Cursor page up"),
        N_("Cursor page down"),
        N_("Cursor left word select"),
        N_("Cursor right word select"),
        N_("Cursor line start select"),
        N_("Cursor line end select"),
        N_("Cursor up select"),
        N_("Cursor down select"),
        N_("Cursor left select"),
        N_("Cursor right select"),
        N_("Select line"),
        N_("Cut"),
        N_("Copy"),
        N_("Paste"),
        N_("Delete to line start"),
        N_("Delete to line end"),
        N_("Delete line"),
        N_("Undo"),
        N_("Redo"),
    }
)
"""Every description Textual gives the bindings of the widgets syllabus uses."""

TEXTUAL_COMMANDS = frozenset(
    {
        N_("Theme"),
        N_("Change the current theme"),
        N_("Quit"),
        N_("Quit the application as soon as possible"),
        N_("Keys"),
        N_("Hide the keys and widget help panel"),
        N_("Show help for the focused widget and a summary of available keys"),
        N_("Minimize"),
        N_("Minimize the widget and restore to normal size"),
        N_("Maximize"),
        N_("Maximize the focused widget"),
        N_("Screenshot"),
        N_("Save an SVG 'screenshot' of the current screen"),
    }
)
"""The titles and help lines of Textual's own palette commands."""


def translated(text: str, known: frozenset[str]) -> str:
    """``text`` in the interface language when it is one of Textual's ``known`` words."""
    return _(text) if text in known else text
