"""Bytes → clean text: decode, repair whole-document mojibake, strip control characters.

Two of the user's documents are UTF-8 that was once decoded as Mac Roman and saved again
("üìÖ" for 📅). Repairing line by line (``ftfy.fix_text``) leaves lines broken and
straightens curly quotes in clean files, so the repair is all or nothing: the whole text
is re-encoded and must decode back exactly, else it is left alone.
"""

from __future__ import annotations

import re

from syllabus.importer.problems import ImportProblem
from syllabus.locale import _
from syllabus.model.text import CONTROL
from syllabus.model.text import clean_text as clean

MAX_BYTES = 5 * 1024 * 1024
"""Largest document accepted; real roadmaps are a few dozen kilobytes."""

# Sequences that UTF-8 emoji, dashes and quotes become when read as Mac Roman or cp1252.
_MOJIBAKE = re.compile(
    r"üì|üî|üß|üè|üí|üö|üó|‚Ä|‚ú|‚ö|‚û|‚ù|‚¨|Ô£ø|\uf8ff|√§|√∂|√º|√ü|Ã[\x80-\xbf¤¶¼]|â€"
)


def badness(text: str) -> int:
    """How many mojibake sequences the text holds."""
    return len(_MOJIBAKE.findall(text))


def _repair(text: str) -> str:
    """The whole text repaired if it is verifiably mojibake, else the text unchanged."""
    bad = badness(text)
    if not bad:
        return text
    for codec in ("mac_roman", "cp1252"):
        try:
            fixed = text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if fixed.encode("utf-8").decode(codec) == text and badness(fixed) < bad:
            return fixed
    from ftfy import fix_encoding  # heavy; only for damage the exact round trips miss

    fixed = fix_encoding(text)
    return fixed if badness(fixed) < bad else text


def _decode(raw: bytes, where: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportProblem(_("{source}: not valid UTF-16 text").format(source=where)) from None
    if b"\x00" in raw[:4096]:
        message = _("{source}: binary data, not a Markdown text file")
        raise ImportProblem(message.format(source=where))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    # Not UTF-8: a Western single-byte encoding is the only other one in common use.
    text = raw.decode("cp1252", errors="replace")
    controls = len(CONTROL.findall(text)) + text.count("\ufffd")
    if controls > max(8, len(text) // 100):
        message = _(
            "{source}: not UTF-8 text (bad byte at offset {offset}) and not readable "
            "as Latin-1 either; save it as UTF-8"
        )
        raise ImportProblem(message.format(source=where, offset=utf8_error.start))
    return text.replace("\ufffd", "")


def read_text(raw: bytes, where: str = "input") -> str:
    """Clean text of a document: decoded, repaired, LF line ends, no control characters."""
    if len(raw) > MAX_BYTES:
        from syllabus.locale.formats import format_number

        message = _("{source}: too large for a roadmap ({size} MB; at most {most} MB)")
        size = format_number(len(raw) / 1024 / 1024, 1)
        raise ImportProblem(message.format(source=where, size=size, most=MAX_BYTES // 1024 // 1024))
    return clean_text(_decode(raw, where))


def clean_text(text: str) -> str:
    """Repaired text with LF line ends and no C0/C1 controls but newline and tab, its
    HTML written as Markdown (``html``: the reader cuts bodies out of the source, so the
    source itself must be HTML-free)."""
    from syllabus.importer.html import to_markdown

    return to_markdown(clean(_repair(clean(text))))
