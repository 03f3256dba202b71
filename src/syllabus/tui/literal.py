"""Roadmap and user text as display objects that are never read as markup.

Textual parses markup in plain strings handed to most widgets and to ``notify``;
roadmaps are full of brackets ("[3 hrs]", "[ ]"). Everything a user or a document
wrote goes through here, and control characters are dropped so no escape sequence
reaches the terminal even if a damaged file slipped past the model's cleaning.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from syllabus.model.text import clean_text


def one_line(text: str) -> str:
    """The text cleaned and folded onto one line, for labels and list rows."""
    return " ".join(clean_text(text).split())


def literal(text: str) -> Content:
    """Content showing ``text`` exactly, brackets and all."""
    return Content(clean_text(text))


def literal_text(text: str, style: str = "") -> Text:
    """A rich ``Text`` showing ``text`` exactly (for ``Tree`` labels)."""
    return Text(clean_text(text), style=style)
