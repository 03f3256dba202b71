"""Cleaning text as it enters the model: the one rule for what may reach a terminal.

Kept apart from ``rules`` because the records themselves call it while they are
built, and ``rules`` builds on the records.
"""

from __future__ import annotations

import re

CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"  # C0/C1 controls but tab and newline; surrogates
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\u200b\u2060\ufeff]"  # zero-width space, word joiner, stray byte order mark
)
"""What ``clean_text`` removes."""

_needs_cleaning = CONTROL.search
"""Whether a text has anything ``clean_text`` changes: a carriage return (``\\r``, which
it turns into ``\\n``) is one of ``CONTROL``'s characters too."""


def clean_text(text: str) -> str:
    """Text without control characters, bidi overrides or invisible joiners.

    Newlines are normalised to ``\\n``; tabs stay. Lone surrogates (undecodable
    command-line bytes) go too, since they cannot be written as UTF-8. The joiners
    emoji need (ZWJ, U+FE0F, U+20E3 for keycaps) are kept.
    """
    if _needs_cleaning(text) is None:  # most text is clean already: the same string back
        return text
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_fields(record: object, *names: str) -> None:
    """Clean the named text fields of a frozen record in place, while it is being built.

    For ``__post_init__``: a roadmap or progress file made by hand, or synced from
    elsewhere, reaches the terminal only through these.
    """
    fields = record.__dict__  # a frozen dataclass reads its fields from there
    for name in names:
        value = fields[name]
        if value is None:
            continue
        if isinstance(value, str):
            if _needs_cleaning(value) is not None:  # else nothing to change
                object.__setattr__(record, name, clean_text(value))
        elif isinstance(value, list) and any(isinstance(v, str) for v in value):
            object.__setattr__(record, name, [clean_text(v) for v in value])
