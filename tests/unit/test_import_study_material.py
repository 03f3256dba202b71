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

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syllabus.importer import ImportProblem, import_text
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

        ### Further reading: gluten
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
    assert index["week-01/further-reading-gluten"].role.value == "appendix"  # not scheduled
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


# --- choose one --------------------------------------------------------------------


def options(roadmap: Roadmap, node_id: str) -> list[tuple[str, bool, bool]]:
    """(text, checkable, optional) of a node's items."""
    node = roadmap.node_index()[node_id]
    return [(i.text, i.checkable, i.optional) for i in node.items]


def test_alternatives_after_a_choose_one_sentence_count_once() -> None:
    roadmap = imp(
        """\
        # Pottery
        ## Week 1: Clay
        - Wedge the clay

        Pick one of the following:
        - Throw a bowl
        - Throw a cup
        - Throw a plate

        ## Week 2: Glazes
        Choose one course:

        | Course | Duration | Effort |
        |---|---|---|
        | Glaze chemistry | 4 weeks | 2 hours/week |
        | Glaze by eye | 2 weeks | 2 hours/week |

        ## Week 3: Kilns
        - Choose one:
          - Gas kiln firing
          - Electric kiln firing
        - Clean the studio

        ## Week 4: Extra
        **Bonus: pick one**
        - Raku
        - Pit firing
        """
    )
    assert options(roadmap, "week-01") == [
        ("Wedge the clay", True, False),
        ("Pick one of the following:", False, False),  # the author's words, a note
        ("Throw a bowl", True, False),  # the one planned
        ("Throw a cup", True, True),  # the others count once done
        ("Throw a plate", True, True),
    ]
    assert [(t, c, o) for t, c, o in options(roadmap, "week-02")][1:] == [
        ("Glaze chemistry", True, False),
        ("Glaze by eye", True, True),
    ]
    assert options(roadmap, "week-03") == [
        ("Choose one:", False, False),
        ("Gas kiln firing", True, False),
        ("Electric kiln firing", True, True),
        ("Clean the studio", True, False),
    ]
    assert [o for _, c, o in options(roadmap, "week-04") if c] == [True, True]


def test_alternatives_end_where_the_author_left_a_blank_line() -> None:
    """Markdown reads two lists with a blank line between as one: the alternatives are
    the first run of entries; a list loose throughout is one choice."""
    roadmap = imp(
        """\
        # Pottery
        ## Week 1: Clay
        Choose one of the following:
        - Throw a bowl
        - Throw a cup

        - [ ] Project: a tea set
        - [ ] Clean the wheel

        ## Week 2: Glazes
        Pick one:

        - Glaze chemistry

        - Glaze by eye

        - Glaze history
        """
    )
    assert options(roadmap, "week-01")[1:] == [
        ("Throw a bowl", True, False),
        ("Throw a cup", True, True),
        ("Project: a tea set", True, False),  # work after the choice, not an alternative
        ("Clean the wheel", True, False),
    ]
    assert [o for _, c, o in options(roadmap, "week-02") if c] == [False, True, True]


def test_choose_one_in_each_topic_below_and_in_other_languages() -> None:
    roadmap = imp(
        """\
        # Curriculum
        ## Electives
        - **Breadth:** For each topic below, select one course.
        ### Glass
        | Courses | Duration | Effort |
        |---|---|---|
        | Glass I | 10 weeks | 3 hours/week |
        | Glass II | 8 weeks | 3 hours/week |
        ### Metal
        | Courses | Duration | Effort |
        |---|---|---|
        | Forging | 6 weeks | 4 hours/week |
        ## Semana 1: Cerámica

        Elige uno:
        - Torno
        - Modelado a mano
        ## 第 2 周：陶艺

        以下任选其一：
        - 拉坯
        - 手捏
        """
    )
    assert options(roadmap, "electives") == [
        ("Breadth: For each topic below, select one course.", False, False)
    ]
    assert options(roadmap, "electives/glass") == [
        ("Breadth: For each topic below, select one course.", False, False),
        ("Glass I", True, False),
        ("Glass II", True, True),
    ]
    assert options(roadmap, "electives/metal") == [("Forging", True, False)]
    assert [o for _, c, o in options(roadmap, "week-01") if c] == [False, True]
    assert [o for _, c, o in options(roadmap, "week-02") if c] == [False, True]
    # The node's size is the one planned: an optional alternative holds no week open.
    from syllabus.model.schedule.layout import items_estimate

    assert items_estimate(roadmap.node_index()["electives/glass"]) == 30.0


# --- exercise levels ---------------------------------------------------------------


def test_exercise_levels_under_a_day_are_its_items_with_their_level() -> None:
    roadmap = imp(
        """\
        # 30 days of knots
        ## Day 1: Basics
        Some lesson text about knots.

        **Exercises: Level 1**

        1. Tie a square knot
        2. Tie a bowline
           - with the left hand

        **Exercises: Level 2**

        1. Tie a sheet bend

        ### Exercises: Level 3
        1. Splice a rope

        ## Day 2: Hitches
        Exercises - Level 1

        1. Tie a clove hitch

        **Project: Hang a hammock**

        **Part A: Warm-up**
        - Stretch the rope
        """
    )
    day1 = roadmap.node_index()["day-01"]
    assert [(i.text, i.group, i.depth, i.checkable) for i in day1.items] == [
        ("Tie a square knot", "Exercises: Level 1", 0, True),
        ("Tie a bowline", "Exercises: Level 1", 0, True),
        ("with the left hand", "Exercises: Level 1", 1, True),  # a subtask
        ("Tie a sheet bend", "Exercises: Level 2", 0, True),
    ]
    assert day1.body == "Some lesson text about knots."  # the labels are the items' groups
    level3 = roadmap.node_index()["day-01/exercises-level-3"]
    assert [i.text for i in level3.items] == ["Splice a rope"]
    day2 = roadmap.node_index()["day-02"]
    assert [(i.text, i.group, i.kind) for i in day2.items] == [
        ("Tie a clove hitch", "Exercises - Level 1", ItemKind.TASK),
        ("Project: Hang a hammock", None, ItemKind.PROJECT),  # a label rule still reads it
        ("Stretch the rope", "Part A: Warm-up", ItemKind.TASK),
    ]


# --- a study-guide matrix ------------------------------------------------------------


def test_a_study_guide_matrix_gives_tracks_of_the_marked_topics() -> None:
    from syllabus.model.roadmap import choose_track

    roadmap = imp(
        """\
        # Interview prep
        ## Study guide
        Pick the timeline you have.

        | Topic | Short | Medium | Long |
        |---|---|---|---|
        | Basics | :+1: | :+1: | :+1: |
        | Caching | | ✓ | ✓ |
        | Sharding | | | x |
        """
    )
    assert roadmap.tracks() == ["Short", "Medium", "Long"]
    assert ticks(choose_track(roadmap, "short")) == ["Basics"]
    assert ticks(choose_track(roadmap, "Medium")) == ["Basics", "Caching"]
    assert ticks(choose_track(roadmap, "long")) == ["Basics", "Caching", "Sharding"]
    # Columns that are lengths are tracks without a word about them.
    drills = imp(
        """\
        # Drills
        ## Practice
        | Topic | 1 month | 3 months |
        |---|---|---|
        | Warm-ups | ✓ | ✓ |
        | Mock interviews | | 👍 |
        """
    )
    assert drills.tracks() == ["1 month", "3 months"]
    assert ticks(choose_track(drills, "3 months")) == ["Warm-ups", "Mock interviews"]
    # A course table with numbers in its cells is a plan, not a matrix.
    plan = imp(
        """\
        # Math
        ## Calculus
        | Courses | Duration | Effort |
        |---|---|---|
        | Calculus 1 | 13 weeks | 6 hours/week |
        | Calculus 2 | 13 weeks | 5 hours/week |
        """
    )
    assert plan.tracks() == [] and ticks(plan) == ["Calculus 1", "Calculus 2"]


def test_status_marks_on_a_trackers_headings_mark_their_items() -> None:
    roadmap = imp(
        """\
        # Web tracker
        ## ✅ Week 1: HTML
        - Tags
        - Forms
        ## ⏳ Week 2: CSS
        - Selectors
        - [x] Flexbox
        ## ⬜ Week 3: JS
        Prose only.
        """
    )
    assert [n.title for n in roadmap.nodes] == ["Week 1: HTML", "Week 2: CSS", "Week 3: JS"]
    assert {i.text: i.marked for _, i in roadmap.items()} == {
        "Tags": "done",
        "Forms": "done",
        "Selectors": None,
        "Flexbox": "done",
        "Work through: Week 3: JS": None,
    }
    folded = imp(
        """\
        <details>
        <summary><strong>✅ Shell</strong></summary>

        - Move around
        </details>

        <details>
        <summary><strong>➖ Git</strong></summary>

        - Commit
        </details>
        """
    )
    assert {i.text: i.marked for _, i in folded.items()} == {"Move around": "done", "Commit": None}
    # One ✅ heading among plain ones is a heading's decoration, no tracker.
    plain = imp("# P\n## ✅ Checklist\n- Tags\n## Week 2\n- Forms\n")
    assert not any(i.marked for _, i in plain.items())


# --- a user's corrections ----------------------------------------------------------


def test_a_correction_from_the_import_screen_keeps_every_other_rule() -> None:
    from syllabus.importer.hints import Hints, NodeHint

    text = textwrap.dedent(
        """\
        # Math in 2 years
        ## Core courses
        | Courses | Duration | Effort |
        |---|---|---|
        | Calculus | 10 weeks | 4 hours/week |
        | Algebra | 8 weeks | 5 hours/week |

        **Resources:**
        - [Notes](https://m.example/notes)
        ## Community
        - Say hello on the forum
        """
    )
    plain = import_text(text, "plan.md")
    corrected = import_text(
        text, "plan.md", Hints(nodes=(NodeHint(match="Community", role="appendix", kind="note"),))
    )
    assert ticks(corrected) == ticks(plain) == ["Calculus", "Algebra"]
    assert corrected.length == plain.length is not None  # "in 2 years"
    assert corrected.node_index()["community"].role.value == "appendix"


# --- nothing breaks ----------------------------------------------------------------

_PIECES = [
    "# ", "## ", "### ", "- ", "1. ", "  - ", "- [ ] ", "- [x] ", "\n", "\n\n", "**", ":",
    "✅ ", "⏳ ", "⬜ ", "❌ ", "🚧", " ✔️", "(in progress)", "Pick one of the following:",
    "For each topic below, select one course.", "Elige uno:", "任选其一", "Bonus: pick one",
    "**Resources:**", "Further reading", "Recursos", "推荐资源", "[x](https://e.example)",
    "Install it", "**Exercises: Level 1**", "Exercises - Level 2", "<br>", "<br/>", "`a<br>b`",
    "| Topic | Short | Long |\n|---|---|---|\n", "| A | :+1: | ✓ |\n", "| B | | x |\n",
    "| Week | Topic | Status |\n|---|---|---|\n| 1 | A | ✅ Done |\n", "Week 1", "text",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_random_study_markdown_imports_or_says_why(pieces: list[str]) -> None:
    try:
        roadmap = import_text("".join(pieces), "random.md")
    except ImportProblem:
        return
    assert not [s for s in strings(roadmap) if _TAG.search(s.replace("a<br>b", ""))]  # code
    for _, item in roadmap.items():
        assert item.marked in (None, "done", "skipped")


def test_practice_and_projects_in_a_resources_list_stay_work() -> None:
    roadmap = imp(
        """\
        # ML
        ## Week 1: Basics
        - Linear regression

        **Ressourcen:**
        - Buch: An Introduction to Statistical Learning
        - Praxis: Kaggle's intro course
        - Project: Predict house prices
        """
    )
    assert ticks(roadmap) == [
        "Linear regression",
        "Praxis: Kaggle's intro course",
        "Project: Predict house prices",
    ]


@pytest.mark.parametrize(
    ("label", "reference"),
    [
        ("Weiterführende Literatur", True),
        ("🎓 Lernquellen:", True),
        ("📚 Ressources", True),
        ("Referências", True),
        ("Risorse utili", True),
        ("参考資料", True),
        ("Enlaces de interés", True),
        ("Source(s) and further reading: caching", True),
        ("Week 3: Links", False),  # a unit of the plan
        ("Tools and practice", False),  # work as well
        ("Courses", False),  # the work itself
    ],
)
def test_reference_headings_in_every_language(label: str, reference: bool) -> None:
    from syllabus.importer import structure

    assert structure.reference_title(label) is reference


@pytest.mark.parametrize(
    "sentence",
    [
        "Wähle einen der folgenden Kurse:",
        "Choisissez un des cours suivants :",
        "Escolha um dos cursos:",
        "Scegli uno dei seguenti corsi:",
        "次のいずれかを選んでください",
        "Elige una opción:",
    ],
)
def test_choose_one_in_every_language(sentence: str) -> None:
    roadmap = imp(f"# P\n## Week 1: A\n\n{sentence}\n\n- Uno\n- Dos\n- Tres\n")
    assert [(i.checkable, i.optional) for i in roadmap.nodes[0].items] == [
        (False, False),
        (True, False),
        (True, True),
        (True, True),
    ]


def test_sub_sections_offered_as_alternatives() -> None:
    from syllabus.model.roadmap import choose_track

    roadmap = imp(
        """\
        # Apps
        ## Basics
        - Git
        ## Paths
        Choose one of the following paths:
        ### Web
        - HTML
        - CSS
        ### Mobile
        - Swift
        #### Deeper
        - UIKit
        """
    )
    assert [(i.text, i.optional) for _, i in roadmap.items() if i.checkable] == [
        ("Git", False),
        ("HTML", False),
        ("CSS", False),
        ("Swift", True),  # another path: counted once done
        ("UIKit", True),
    ]
    # Offered before the whole plan, the paths are tracks: the learner picks one.
    whole = imp(
        """\
        # Apps
        Choose one of the following paths.
        ## Web
        - HTML
        ## Mobile
        - Swift
        ## License
        MIT
        """
    )
    assert whole.tracks() == ["Web", "Mobile"]
    assert ticks(choose_track(whole, "mobile")) == ["Swift"]


def test_a_plain_project_prefix_makes_a_project() -> None:
    """ "Project: …" written plainly (no bold label) is a project to score, as
    "**Project:** …" is; a prefix naming no work leaves the item a task."""
    roadmap = imp(
        """\
        # Rust
        ## Week 1: Basics
        - [ ] Project: a word counter CLI (4 hrs)
        - [ ] [3 hrs] Mini-project: a todo list
        - [ ] Capstone: a web server
        - [ ] Chapter 3: ownership
        - [ ] Read the book
        """
    )
    node = roadmap.node_index()["week-01"]
    assert [i.kind for i in node.items] == [
        ItemKind.PROJECT,
        ItemKind.PROJECT,
        ItemKind.CAPSTONE,
        ItemKind.TASK,
        ItemKind.TASK,
    ]
    assert all(i.checkable for i in node.items)
