"""Markdown → Roadmap: ``reading`` cleans bytes, ``tokens`` runs markdown-it, ``blocks``
reads its tokens, ``build`` shapes.

Only :class:`ImportProblem` ever leaves this package as an error: one line saying what
went wrong and where.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from syllabus.importer.problems import ImportProblem
from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.importer.hints import Hints
    from syllabus.model.roadmap import Roadmap

__all__ = ["ImportProblem", "import_bytes", "import_file", "import_text"]


def import_text(text: str, source: str = "input.md", hints: Hints | None = None) -> Roadmap:
    """A roadmap from Markdown text (cleaned here too: controls, mojibake, line ends)."""
    from syllabus.importer.reading import clean_text

    return _import_clean(clean_text(text), source, hints)


def import_bytes(raw: bytes, source: str = "input.md", hints: Hints | None = None) -> Roadmap:
    """A roadmap from a file's bytes: decoded, repaired and imported."""
    from syllabus.importer.reading import read_text

    return _import_clean(read_text(raw, source), source, hints)


def _import_clean(cleaned: str, source: str, hints: Hints | None) -> Roadmap:
    """A roadmap from text ``reading`` has cleaned once (a second pass of its HTML rewrite
    over its own output was a third of a big document's import)."""
    from syllabus import startup
    from syllabus.importer.build import build_roadmap
    from syllabus.importer.hints import Hints

    if not cleaned.strip():
        raise ImportProblem(_("{source}: the document is empty").format(source=source))
    try:
        with startup.building():  # every record made lives on: no collections meanwhile
            return build_roadmap(cleaned, source, hints or Hints())
    except ImportProblem:
        raise
    except RecursionError:
        message = _("{source}: nested too deeply to read as a roadmap")
        raise ImportProblem(message.format(source=source)) from None
    except (ValueError, TypeError, KeyError, IndexError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        message = _("{source}: cannot read as a roadmap: {why}")
        raise ImportProblem(message.format(source=source, why=first)) from None


def import_file(path: Path, hints: Hints | None = None) -> Roadmap:
    """A roadmap from a Markdown file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        message = _("{source}: cannot read: {why}")
        raise ImportProblem(message.format(source=path, why=error.strerror or error)) from None
    return import_bytes(raw, str(path), hints)
