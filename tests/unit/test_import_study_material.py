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


# --- reference links -----------------------------------------------------------------


def test_reference_lists_are_read_and_the_work_beside_them_is_ticked() -> None:
    roadmap = imp(
        """\
        # Bread baking
        ## Week 1: Starter
        - Feed the starter twice a day
        - Bake a first loaf

        **Resources:**
        - [Starter guide](https://bread.example/starter)
        - [Video: folding](https://bread.example/fold)

        ### Further reading
        - [The science of gluten](https://bread.example/gluten)
        - [Flour types](https://bread.example/flour)

        ## Week 2: Shaping
        📚 **Recursos adicionales:**
        - [Shaping basics](https://bread.example/shape)

        ## Week 3: Tools
        **Tools**
        - [Dough scraper](https://bread.example/scraper)
        - Install the timer app
        - [ ] [Read the oven manual](https://bread.example/oven)

        ## Recursos de estudio
        - [Bread forum](https://bread.example/forum)
        - [Baking tables](https://bread.example/tables)
        """
    )
    index = roadmap.node_index()
    items = {item.text: item for _, item in roadmap.items()}
    for text in ("Starter guide", "Video: folding", "The science of gluten", "Shaping basics"):
        assert (items[text].kind, items[text].checkable) == (ItemKind.RESOURCE, False)
        assert items[text].url  # the link is kept, to open
    assert index["week-01/further-reading"].role.value == "appendix"  # never scheduled
    assert [i.text for i in index["week-01"].items if i.checkable] == [
        "Feed the starter twice a day",
        "Bake a first loaf",
    ]
    # A week of links alone still has one thing to tick: the week itself.
    assert [i.text for i in index["week-02"].items if i.checkable] == [
        "Work through: Week 2: Shaping"
    ]
    # "Do this" items and boxes the author drew stay work.
    assert [i.text for i in index["week-03"].items if i.checkable] == [
        "Install the timer app",
        "Read the oven manual",
    ]
    assert items["Install the timer app"].kind is ItemKind.TASK
    resources = index["recursos-de-estudio"]
    assert resources.role.value == "appendix" and not any(i.checkable for i in resources.items)
    assert {i.text for i in resources.items} == {"Bread forum", "Baking tables"}


def test_a_list_of_courses_under_a_subject_is_still_the_work() -> None:
    roadmap = imp(
        """\
        # Courses
        ## Computer Science
        ### Algorithms
        - [Algorithms I](https://c.example/a1) | [Lecture Videos](https://c.example/v)
        - [Algorithms II](https://c.example/a2)
        ### Links
        - [Other lists](https://c.example/other)
        """
    )
    assert ticks(roadmap) == [
        "Algorithms I | Lecture Videos",
        "Algorithms II",
    ]
