"""What a learner ticks in an imported roadmap, on small fixtures of our own (issue 14):
reference links are read, not ticked; a "choose one" topic's courses are alternatives;
status emoji are marks like ``[x]``; exercise levels are the day's items; a study-guide
matrix gives tracks; ``<br>`` leaves no tag behind.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import fields, is_dataclass
from typing import Any

from syllabus.importer import import_text
from syllabus.model.roadmap import ItemKind, Roadmap

_TAG = re.compile(r"<\s*/?\s*(br|div|img|details|summary|a|p|span)\b[^>]*>", re.I)


def imp(text: str) -> Roadmap:
    return import_text(textwrap.dedent(text), "plan.md")


def strings(value: Any) -> list[str]:
    """Every string the model holds, in any field of any record."""
    if isinstance(value, str):
        return [value]
    if is_dataclass(value) and not isinstance(value, type):
        return [s for f in fields(value) for s in strings(getattr(value, f.name))]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    return []


def ticks(roadmap: Roadmap) -> list[str]:
    return [item.text for _, item in roadmap.items() if item.checkable]


# --- <br> --------------------------------------------------------------------------


def test_br_in_table_cells_becomes_a_separator_and_no_tag_is_left() -> None:
    roadmap = imp(
        """\
        # Knitting
        Intro line one<br>line two.

        | Skill | What you get |
        |---|---|
        | **Weeks 1-2**<br>Casting on | A scarf<br/>and gloves |
        | Later | `keep<br>this` <BR /> |

        ## Week 1: Start
        - Cast on twenty stitches<br>then knit a row
        """
    )
    assert "| **Weeks 1-2** · Casting on | A scarf · and gloves |" in roadmap.summary
    assert "`keep<br>this`" in roadmap.summary  # code is code
    left = [s for s in strings(roadmap) if _TAG.search(s.replace("`keep<br>this`", ""))]
    assert left == []
    assert ticks(roadmap) == ["Cast on twenty stitches then knit a row"]
