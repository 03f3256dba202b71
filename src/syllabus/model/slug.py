"""ASCII slugs for stable ids: "Übung: Größe" → "uebung-groesse"."""

from __future__ import annotations

import unicodedata

from anyascii import anyascii

MAX_SLUG = 48
"""Longest slug, in characters."""

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
_SLUG_BYTES = bytes(
    code + 32 if 65 <= code <= 90 else code if 97 <= code <= 122 or 48 <= code <= 57 else 32
    for code in range(256)
)
"""A byte table: ASCII letters in lower case, digits kept, every other byte a space (the
runs of ``[a-z0-9]`` come out of ``split``, twice as fast as a pattern)."""


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """Lowercase ASCII words joined by "-", cut at a word boundary within ``max_length``."""
    if text.isascii():
        ascii_text = text  # symbols and controls become "-" below anyway
    else:
        letters = "".join(
            ch if unicodedata.category(ch)[0] not in "SC" else " " for ch in text.translate(_GERMAN)
        )
        ascii_text = anyascii(letters).lower()
    words = ascii_text.encode().translate(_SLUG_BYTES).split()
    slug = b"-".join(words).decode("ascii")  # runs of anything else become one "-"
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    if "-" in cut:
        cut = cut[: cut.rindex("-")]
    return cut[:max_length].strip("-")
