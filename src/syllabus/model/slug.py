"""ASCII slugs for stable ids: "Übung: Größe" → "uebung-groesse"."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

MAX_SLUG = 48
"""Longest slug, in characters."""

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
_WORD = re.compile(r"[a-z0-9]+")


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """Lowercase ASCII words joined by "-", cut at a word boundary within ``max_length``."""
    if text.isascii():
        ascii_text = text.lower()  # symbols and controls become "-" below anyway
    else:
        letters = "".join(
            ch if unicodedata.category(ch)[0] not in "SC" else " " for ch in text.translate(_GERMAN)
        )
        ascii_text = anyascii(letters).lower()
    slug = "-".join(_WORD.findall(ascii_text))  # runs of anything else become one "-"
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    if "-" in cut:
        cut = cut[: cut.rindex("-")]
    return cut[:max_length].strip("-")
