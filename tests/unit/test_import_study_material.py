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


# --- status emoji ------------------------------------------------------------------


def test_status_emoji_in_a_tracker_list_read_like_boxes() -> None:
    roadmap = imp(
        """\
        # Go tracker
        ## Week 1: Basics
        - ✅ Variables
        - ⏳ Loops
        - ⬜ Functions
        - Structs ✔️
        - ❌ Channels
        - ✅ Slices (in progress)
        """
    )
    items = roadmap.nodes[0].items
    assert [(i.text, i.marked, i.checkable) for i in items] == [
        ("Variables", "done", True),
        ("⏳ Loops", None, True),  # begun: the mark stays to be seen, the state is todo
        ("Functions", None, True),
        ("Structs", "done", True),
        ("Channels", None, True),
        ("Slices (in progress)", None, True),  # the words win over the emoji
    ]
    assert all(i.kind is ItemKind.TASK for i in items)
    from syllabus.model.marks import marked
    from syllabus.model.progress import ItemState

    # offered at enrolment as "- [x]" is (start --accept-done, the TUI's question)
    assert marked(roadmap) == {
        "week-01/variables": ItemState.DONE,
        "week-01/structs": ItemState.DONE,
    }


def test_a_list_of_ticks_alone_is_outcomes_and_dos_and_donts_stay_as_written() -> None:
    roadmap = imp(
        """\
        # Plan
        ## Week 1: Done by then
        - ✅ Can write structs
        - ✅ Can use maps
        ## Week 2: Habits
        - ❌ Skipping tests
        - ✅ Writing tests first
        """
    )
    first, second = roadmap.nodes
    assert [(i.kind, i.checkable, i.marked) for i in first.items[:2]] == [
        (ItemKind.OUTCOME, False, None),
        (ItemKind.OUTCOME, False, None),
    ]
    assert [i.text for i in second.items] == ["❌ Skipping tests", "✅ Writing tests first"]
    assert not any(i.marked for i in second.items)


def test_status_cells_say_done_only_when_their_words_agree() -> None:
    roadmap = imp(
        """\
        # Knitting
        ## Plan
        | Week | Topic | Status |
        |---|---|---|
        | 1 | Casting on | ✅ Done |
        | 2 | Purl | 🚧 In progress |
        | 3 | Cables | ❌ Not started |
        | 4 | Lace | ✅ En curso |

        ## Later
        | Topic | Duration | Done |
        |---|---|---|
        | Socks | 2 weeks | ✅ |
        | Hats | 1 week | ⬜ |
        """
    )
    marks = {item.text: item.marked for _, item in roadmap.items()}
    assert marks == {
        "Casting on": "done",
        "Purl": None,
        "Cables": None,
        "Lace": None,
        "Socks": "done",
        "Hats": None,
    }
