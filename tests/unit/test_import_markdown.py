"""Markdown → model on small documents: each rule the importer follows, and bad input."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import_helpers import model_json

from syllabus.importer import ImportProblem, import_bytes, import_file, import_text
from syllabus.importer.export import to_markdown
from syllabus.importer.hints import Hints, NodeHint
from syllabus.model.plain import dump
from syllabus.model.roadmap import ItemKind, Roadmap, Role, Unit
from syllabus.model.slug import slugify


def imp(text: str, hints: Hints | None = None) -> Roadmap:
    return import_text(textwrap.dedent(text), "plan.md", hints)


def items(roadmap: Roadmap) -> list[tuple[str, str, str]]:
    return [(i.id, i.kind.value, i.text) for _, i in roadmap.items()]


def test_front_matter_gives_title_and_language() -> None:
    roadmap = imp(
        """\
        ---
        title: "Mein Plan: Teil 1"
        lang: de
        layout: post
        ---

        Einleitung.

        ## Phase 1 – Anfang
        - [ ] Übung
        """
    )
    assert roadmap.title == "Mein Plan: Teil 1"
    assert roadmap.id == "mein-plan-teil-1"
    assert roadmap.language == "de"
    assert roadmap.summary == "Einleitung."
    assert roadmap.nodes[0].id == "phase-1"


def test_first_h1_is_the_title_and_setext_headings_nest() -> None:
    roadmap = imp(
        """\
        The Plan
        ========

        Phase One
        ---------

        - a
        """
    )
    assert roadmap.title == "The Plan"
    assert [n.title for n in roadmap.nodes] == ["Phase One"]


def test_a_first_line_that_is_not_the_title_can_be_dropped() -> None:
    text = "# quen-3\n\n# Real Title\n\n## Week 1: Go\n- x\n"
    assert imp(text, Hints(drop=("quen-3",))).title == "Real Title"


def test_numbered_bold_headings_and_ids() -> None:
    roadmap = imp("### **1. Grundlagen**\n- a\n### **2. Weiter**\n- b\n", Hints(numbered="level"))
    assert [(n.id, n.title) for n in roadmap.nodes] == [
        ("level-1", "1. Grundlagen"),
        ("level-2", "2. Weiter"),
    ]
    without = imp("### **1. Grundlagen**\n- a\n")
    assert without.nodes[0].id == "grundlagen"


def test_unit_headings_get_short_ids_and_timing() -> None:
    roadmap = imp(
        """\
        ## 📅 Month 1-2: Foundations (Weeks 1-8)
        ### **Week 3: Pandas**
        - x
        ## 🔹 Phase 2 – ML (2–3 Monate)
        - y
        """
    )
    month, phase = roadmap.nodes
    assert month.id == "month-1-2"
    assert asdict(month.timing.position) == {"low": 1, "high": 8, "unit": Unit.WEEK}
    week = month.children[0]
    assert week.id == "month-1-2/week-03" and week.role is Role.SECTION
    assert asdict(week.timing.duration) == {"low": 1, "high": 1, "unit": Unit.WEEK}
    assert phase.id == "phase-2" and phase.title == "Phase 2 – ML (2–3 Monate)"
    assert asdict(phase.timing.duration) == {"low": 2, "high": 3, "unit": Unit.MONTH}


def test_checkbox_forms_and_nested_lists() -> None:
    roadmap = imp(
        """\
        # T
        ## A
        - [ ] dash box
        * [ ] star box
        1. [ ] numbered box
        - [x] ticked in the text
          - nested child
        """
    )
    texts = [(i.text, i.depth) for _, i in roadmap.items()]
    assert texts == [
        ("dash box", 0),
        ("star box", 0),
        ("numbered box", 0),
        ("ticked in the text", 0),
        ("nested child", 1),
    ]
    assert all(i.checkable for _, i in roadmap.items())


def test_bracket_text_is_kept_literally_and_hours_read() -> None:
    roadmap = imp(
        "# T\n## W\n**Tasks**\n- [3 hrs] Install Python via [Anaconda](https://a.example)\n"
    )
    item = roadmap.nodes[0].items[0]
    assert item.text == "[3 hrs] Install Python via Anaconda"
    assert item.hours == 3 and item.url == "https://a.example"
    assert item.id == "w/install-python-via-anaconda"
    assert item.group == "Tasks"
    minutes = imp("# T\n## W\n- [30 min] Read\n").nodes[0].items[0]
    assert minutes.hours == 0.5


def test_time_lines_are_node_hours_even_as_checkboxes() -> None:
    roadmap = imp(
        """\
        # T
        ## Week 1: A
        - [ ] Do it
        - [ ] **Time**: 12-15 hours
        ## Week 2: B
        **Estimated time (hours):** 13
        - x
        """
    )
    one, two = roadmap.nodes
    assert asdict(one.timing.hours) == {"low": 12, "high": 15}
    assert [i.text for i in one.items] == ["Do it"]
    assert asdict(two.timing.hours) == {"low": 13, "high": 13}


def test_labels_make_groups_kinds_goal_and_prerequisites() -> None:
    roadmap = imp(
        """\
        # T
        ## Week 1: A
        **Ziel:** Verstehen.

        **Themen**:
        - Vektoren

        **Mini Project**  
        **Project:** Tracker  
        **Dataset:** [Kaggle](https://k.example)  
        **Deliverables:**
        - repo

        **Rubric:**
        - Code (10%)
        - Code (10%)

        **Ethics & Best Practices**
        - [ ] Cite sources

        **Stretch goals / Next steps**
        - Add CSV

        **Prerequisites:** None
        ## Week 2: B
        **Prerequisites:** Week 1 (basics)
        - y
        """
    )
    week = roadmap.nodes[0]
    assert week.goal == "Verstehen."
    got = [(i.kind, i.group, i.checkable, i.optional) for i in week.items]
    assert got == [
        (ItemKind.TOPIC, "Themen", True, False),
        (ItemKind.PROJECT, "Mini Project", True, False),
        (ItemKind.NOTE, "Mini Project", False, False),
        (ItemKind.DELIVERABLE, "Deliverables", True, False),
        (ItemKind.RUBRIC, "Rubric", False, False),
        (ItemKind.RUBRIC, "Rubric", False, False),
        (ItemKind.SELF_CHECK, "Ethics & Best Practices", True, True),  # boxed: optional
        (ItemKind.TASK, "Stretch goals / Next steps", True, True),
    ]
    assert [i.id for i in week.items if i.kind is ItemKind.RUBRIC] == [
        "week-01/code-10",
        "week-01/code-10-2",
    ]
    assert week.items[2].url == "https://k.example"
    assert roadmap.nodes[1].prerequisites == ["week-01"]
    assert roadmap.nodes[1].prerequisites_text == "Week 1 (basics)"


def test_a_label_written_right_after_a_list_starts_a_new_group() -> None:
    roadmap = imp("# T\n## C\n**Options:**\n- one\n- two\n**Deliverables:**\n- repo\n")
    got = [(i.text, i.group, i.optional) for i in roadmap.nodes[0].items]
    assert got == [
        ("one", "Options", True),
        ("two", "Options", True),
        ("repo", "Deliverables", False),
    ]


def test_outcome_bullets_are_never_done_items() -> None:
    roadmap = imp("# T\n## A\n- ✅ Built things\n- ✓ Learned\n")
    assert [(i.kind, i.checkable) for i in roadmap.nodes[0].items] == [
        (ItemKind.OUTCOME, False),
        (ItemKind.OUTCOME, False),
    ]


def test_tables_code_and_comments() -> None:
    roadmap = imp(
        """\
        # T
        ## A
        <!-- a private note -->
        | Month | Focus |
        |---|---|
        | 1<br>x | [Docs](https://d.example) |

        ```json
        - not an item
        ```
        - real item <!-- inline comment -->
        """
    )
    node = roadmap.nodes[0]
    assert "| 1 · x | [Docs](https://d.example) |" in node.body
    assert "```json\n- not an item\n```" in node.body
    assert "private note" not in model_json(roadmap)
    assert [i.text for i in node.items] == ["real item"]


def test_table_rows_can_become_items() -> None:
    hints = Hints(nodes=(NodeHint(match="Skills", table_items=True, role="side-track"),))
    table = (
        "| Area | Why | Links |\n|---|---|---|\n"
        "| **Git** | teamwork | [Docs](https://g.example), [Book](https://b.example) |\n"
    )
    roadmap = imp("# T\n## Skills\n" + table, hints)
    node = roadmap.nodes[0]
    assert node.role is Role.SIDE_TRACK
    assert [(i.text, i.kind, i.url) for i in node.items] == [
        ("Git: teamwork", ItemKind.TOPIC, None),
        ("Docs", ItemKind.RESOURCE, "https://g.example"),
        ("Book", ItemKind.RESOURCE, "https://b.example"),
    ]


def test_linkify_without_fuzzy_links() -> None:
    roadmap = imp("# T\n## A\n- Fast.ai course and https://x.example/api\n")
    item = roadmap.nodes[0].items[0]
    assert item.text == "Fast.ai course and https://x.example/api"
    assert item.url == "https://x.example/api"


def test_no_headings_is_one_phase() -> None:
    roadmap = import_text("Some intro.\n\n- [ ] first\n- second\n", "notes.md")
    assert roadmap.title == "notes"
    assert [n.id for n in roadmap.nodes] == ["notes"]
    assert [i.text for i in roadmap.nodes[0].items] == ["first", "second"]
    assert roadmap.nodes[0].body == "Some intro."


def test_chatter_is_dropped_by_hint() -> None:
    roadmap = imp("# T\n## A\n- x\n\nWould you like more?\n", Hints(drop=("Would you like",)))
    assert "Would you like" not in model_json(roadmap)


def test_unclear_text_stays_in_the_nearest_node() -> None:
    roadmap = imp(
        "# T\n## A\nSome prose **with** bold.\n\n> a quote\n\nBuild these in order:\n\n## B\n"
    )
    assert (
        roadmap.nodes[0].body == "Some prose **with** bold.\n\n> a quote\n\nBuild these in order:"
    )


def test_same_text_gives_the_same_ids() -> None:
    text = "# T\n## Übung: Größe\n- Straße bauen\n- Straße bauen\n"
    first, second = imp(text), imp(text)
    assert first == second
    assert items(first) == [
        ("uebung-groesse/strasse-bauen", "task", "Straße bauen"),
        ("uebung-groesse/strasse-bauen-2", "task", "Straße bauen"),
    ]


def test_slugs_are_ascii_and_short() -> None:
    assert slugify("Übung: Größe – «Café» 日本") == "uebung-groesse-cafe-riben"
    long = slugify("word " * 40)
    assert len(long) <= 48 and not long.endswith("-")


def test_front_matter_hint_title_and_id_win() -> None:
    roadmap = imp("---\ntitle: A\n---\n# B\n- x\n", Hints(id="mine", title="Mine"))
    assert (roadmap.id, roadmap.title) == ("mine", "Mine")


def test_exported_markdown_reimports_exactly() -> None:
    roadmap = imp(
        """\
        # Plan
        ## Week 1: A -- B
        **Tasks**
        - [2 hrs] do `x --> y`
        - ✅ seen
        | a | b |
        |---|---|
        | 1 | 2 |
        """
    )
    markdown = to_markdown(roadmap)
    assert import_text(markdown, "again.md") == roadmap
    assert import_text(markdown, "again.md", Hints(id="other")).id == "other"


def test_damaged_export_metadata_is_one_line() -> None:
    with pytest.raises(ImportProblem) as caught:
        import_text("---\nsyllabus: {broken\n---\n# A\n", "x.md")
    assert "x.md" in str(caught.value) and "\n" not in str(caught.value)


_MARKDOWN = st.lists(
    st.sampled_from(
        [
            "# ",
            "## ",
            "### ",
            "- ",
            "* ",
            "1. ",
            "- [ ] ",
            "- [x] ",
            "**",
            "*",
            "`",
            "```\n",
            "| a | b |\n|---|---|\n",
            "<br>",
            "<!-- ",
            " -->",
            "[3 hrs] ",
            "**Time**: 10-12 hours",
            "Week 3",
            "Phase 1",
            "Monate 1–2",
            "(1–2 Monate)",
            "✅ ",
            ":",
            "\n",
            "\n\n",
            "  ",
            "[x](http://e.example)",
            "https://e.example",
            "---\n",
            "title: t\n",
            "> ",
            "\t",
            "Ziel",
            "Tasks",
            "Rubric",
            "Options",
            "Prerequisites: Weeks 1–3",
            "\x1b",
            "ü",
            "üìÖ",
        ]  # fmt: skip
    )
    | st.text(max_size=12),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWN)
def test_random_markdown_imports_or_fails_cleanly(text: str) -> None:
    try:
        roadmap = import_text(text, "random.md")
    except ImportProblem as error:
        assert "\n" not in str(error)
        return
    ids = [n.id for n in roadmap.walk()] + [i.id for _, i in roadmap.items()]
    assert len(ids) == len(set(ids))
    assert import_text(to_markdown(roadmap), "again.md") == roadmap


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_import_or_fail_cleanly(raw: bytes) -> None:
    try:
        import_bytes(raw, "random.bin")
    except ImportProblem as error:
        assert str(error).startswith("random.bin") and "\n" not in str(error)


def test_an_item_with_several_links_keeps_the_others_in_the_body() -> None:
    roadmap = imp("# T\n## A\n- [Docs](https://d.example) and [Book](https://b.example)\n")
    node = roadmap.nodes[0]
    assert node.items[0].url == "https://d.example"
    assert "[Book](https://b.example)" in node.body


def test_a_stray_first_heading_is_not_the_title_even_without_hints() -> None:
    roadmap = imp(
        "# quen-3\n\n# 🚀 Master Plan\n\n## Week 1 → Week 2 Breakdown\n### Week 1: A\n- x\n"
        "## Extras\n- y\n"
    )
    assert roadmap.title == "Master Plan"
    assert roadmap.summary == "**quen-3**"
    wrapper = roadmap.nodes[0]
    assert wrapper.id == "week-1-week-2-breakdown"  # a wrapper of weeks is not week 1
    assert wrapper.children[0].id == "week-1-week-2-breakdown/week-01"


def test_comments_inside_prose_and_tables_are_dropped_too() -> None:
    roadmap = imp(
        "# T\n## A\nSee <!-- hidden --> this.\n\n| a <!-- x --> | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "hidden" not in model_json(roadmap) and "x -->" not in roadmap.nodes[0].body
    assert roadmap.nodes[0].body.startswith("See  this.")


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "markdown"


def test_a_users_own_roadmap_as_a_whole_model() -> None:
    """BOM, CRLF, front matter, comment, phases by "Wochen", a table, code: checked by reading."""
    roadmap = import_file(FIXTURES / "user_plan.md")
    expected = json.loads((FIXTURES / "user_plan.expected.json").read_text("utf-8"))
    assert dump(roadmap, exclude_defaults=True, exclude_none=True) == expected
