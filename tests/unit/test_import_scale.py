"""The Markdown import grows linearly with the document, and its shortcuts change nothing.

Nothing here is timed: growth is told by a deterministic count of the Python lines the
import runs (its own and markdown-it's) and by tracemalloc's peak, each for a document
and one twice its size, of every shape in ``benchmarks/markdown_inputs.py``.
"""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syllabus.importer import import_text
from syllabus.importer.blocks import parse_blocks
from syllabus.importer.tokens import Tokens, parser, sections

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.markdown_inputs import SHAPES  # noqa: E402

SIZE = 60_000
"""Bytes of the smaller document: a few hundred to a thousand items of each shape."""

COUNTED = ("/syllabus/", "/markdown_it/", "/linkify_it/")
"""Whose lines are counted: the importer and model, and the parser it drives."""


def lines_run(call: Callable[[], Any]) -> int:
    """How many Python lines of the counted packages ``call`` runs (deterministic)."""
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: object) -> Any:
        name = frame.f_code.co_filename
        return local if any(part in name for part in COUNTED) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


def peak_bytes(call: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _importer(shape: str, size: int) -> Callable[[], Any]:
    text = SHAPES[shape](size)
    return lambda: import_text(text, f"{shape}.md")


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly(shape: str) -> None:
    """Twice the document, at most ~twice the lines run (a quadratic step would show)."""
    _importer(shape, 2_000)()  # modules loaded, caches built: not part of the count
    small = lines_run(_importer(shape, SIZE))
    large = lines_run(_importer(shape, 2 * SIZE))
    assert small > 10_000
    assert large / small < 2.2, f"{shape}: {small:,} → {large:,} lines for twice the text"


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_memory_grows_linearly(shape: str) -> None:
    """Twice the document, less than 2.6 times the peak memory of the import."""
    _importer(shape, 2_000)()
    small = peak_bytes(_importer(shape, SIZE))
    large = peak_bytes(_importer(shape, 2 * SIZE))
    assert large / small < 2.6, f"{shape}: peak {small:,} → {large:,} bytes"


def _shape(tokens: list[Any]) -> list[tuple[Any, ...]]:
    """Everything a token says, its children's too (``children`` compared in full)."""
    return [
        (
            t.type,
            t.tag,
            t.nesting,
            dict(t.attrs),
            t.map,
            t.level,
            t.content,
            t.markup,
            t.info,
            dict(t.meta),
            t.block,
            t.hidden,
            _shape(t.children) if t.children is not None else None,
        )
        for t in tokens
    ]


def _compare(text: str) -> None:
    full = parser().parse(text)
    ours = Tokens(text)
    assert len(ours.tokens) == len(full)
    for mine, theirs in zip(ours.tokens, full, strict=True):
        if mine.type != "inline":
            assert _shape([mine]) == _shape([theirs])
            continue
        children = ours.children(mine)
        assert mine.children is None  # not kept: inline tokens are made and dropped
        assert _shape(children) == _shape(theirs.children or [])
        if ours.plain(mine.content):
            assert _shape(children) == _shape(theirs.children or [])
            assert [(c.type, c.content) for c in children] == (
                [("text", mine.content)] if mine.content else []
            )


_PIECES = [
    "a", "Task 3", " ", "  ", "\n", "\n\n", "- ", "1. ", "[ ] ", "[x] ", "[", "]", "(", ")",
    "](", "[a](http://x.org)", "[ref]", "[ref][]", "![i](p.png)", "!", "*", "**", "_", "__",
    "`", "``", "<", ">", "<b>", "<br>", "<!-- c -->", "&", "&amp;", "&#58;", "\\", "\\*",
    ":", "//", "://", "http://x.org", "https://a.b/c", "HTTPS://A.B", "mailto:a@b.c",
    "ftp://f.org", "www.x.com", "a@b.c", "~", "~~", "|", "| a | b |\n|---|---|\n", "#",
    "## ", "---", "> ", "    ", "\t", "=", "+", "^", "{", "}", "$", "%", "[2 hrs]", "`c`",
    "**Label**: ", "ſ", "K", "📌", "\n---\n", "\n===", "- - -", "***", "___", "* * *\n",
    "--", "==", "\n    code\n", "```\n", "~~~", "\n> ", ">", "\n<div>\n", "\n# ", "]:",
    "[ref]: /u", "\n\t", "\n  ", "|", "-|-", "\n|---|\n",
]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_inline_tokens_one_at_a_time_are_the_full_parse(pieces: list[str]) -> None:
    """Per-token inline parsing, and both shortcuts, give markdown-it's very tokens."""
    _compare("".join(pieces))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_the_shortcuts_hold_with_link_references(pieces: list[str]) -> None:
    """A document defining references reads ``[ref]`` as a link: no shortcut then."""
    _compare("[ref]: http://r.org\n\n" + "".join(pieces))


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_generated_documents_tokenise_as_the_full_parse(shape: str) -> None:
    _compare(SHAPES[shape](20_000))


def _compare_sections(text: str, size: int) -> None:
    """The pieces, tokenised one by one, give the whole text's tokens (lines shifted)."""
    pieces = sections(text, size)
    assert "".join(pieces) == text
    tokens = []
    offset = 0
    for piece in pieces:
        for token in parser().parse(piece):
            if token.map:
                token.map = [token.map[0] + offset, token.map[1] + offset]
            tokens.append(token)
        offset += piece.count("\n")
    assert _shape(tokens) == _shape(parser().parse(text))


_HEADINGS = ["\n# h\n", "\n## h ##\n", "\n#\n", "\n###### x", "\n#x\n", "\n####### x\n"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES + _HEADINGS * 4), max_size=40), st.integers(1, 30))
def test_sections_tokenise_as_the_whole_text(pieces: list[str], size: int) -> None:
    """Cut before its top-level headings, a text reads as it does whole."""
    _compare_sections("".join(pieces), size)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_generated_documents_read_the_same_in_sections(shape: str) -> None:
    text = SHAPES[shape](60_000)
    if not shape.startswith(("one-", "pathological")):  # (a fence mark: kept whole)
        assert len(sections(text, 5_000)) > 1
    _compare_sections(text, 5_000)
    assert parse_blocks(text) == [b for piece in sections(text, 5_000) for b in parse_blocks(piece)]


def test_the_inline_marks_pattern_finds_every_mark_a_rule_needs() -> None:
    from syllabus.importer.tokens import _INLINE_NEEDS, _MARKS

    needed = {mark for _, marks in _INLINE_NEEDS for mark in marks}
    assert set(_MARKS.findall("".join(sorted(needed)))) == needed
    assert set(_MARKS.findall(" x ".join(sorted(needed)))) == needed
