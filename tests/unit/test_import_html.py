"""HTML in Markdown: what a README's HTML means reaches the model as Markdown, no tag does."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syllabus.importer import ImportProblem, import_file, import_text
from syllabus.importer.html import ELEMENTS, RESOURCE_TAGS, tag_kind, to_markdown
from syllabus.model.roadmap import ItemKind, Roadmap

FIXTURES = Path(__file__).parents[1] / "fixtures" / "markdown"
REALMAPS = Path(__file__).parents[3] / "shared" / "realmaps"

_TAG = re.compile(
    r"</?(?:" + "|".join(sorted(ELEMENTS, key=len, reverse=True)) + r")\b[^>]*>", re.I
)
_ROADMAP_SH = re.compile(r"@(?:" + "|".join(sorted(RESOURCE_TAGS)) + r")@", re.I)
_CODE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$|`[^`\n]*`", re.S | re.M)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|\n]*\|[^\n]*$", re.M)


def fixture(name: str) -> Roadmap:
    return import_file(FIXTURES / name)


def imp(text: str) -> Roadmap:
    return import_text(textwrap.dedent(text), "plan.md")


def strings(roadmap: Roadmap) -> Iterator[tuple[str, str]]:
    """Every text of the model a learner reads, with where it is."""
    yield "title", roadmap.title
    yield "summary", roadmap.summary
    for node in roadmap.walk():
        yield f"{node.id} title", node.title
        yield f"{node.id} body", node.body
        for name in ("goal", "prerequisites_text", "aside"):
            value = getattr(node, name, None)
            if value:
                yield f"{node.id} {name}", value
        for item in node.items:
            yield f"{item.id} text", item.text
            yield f"{item.id} body", item.body
            if item.group:
                yield f"{item.id} group", item.group


def leftovers(roadmap: Roadmap, table_breaks: bool = False) -> list[tuple[str, str]]:
    """HTML tags and roadmap.sh tags left in the model, outside code.

    ``table_breaks``: a ``<br>`` in a Markdown table row is allowed (the one way GFM
    breaks a line in a cell; the importer splits the cell there).
    """
    found: list[tuple[str, str]] = []
    for where, text in strings(roadmap):
        text = _CODE.sub("", text)
        for match in _TAG.finditer(text):
            tag = match.group()
            if table_breaks and re.fullmatch(r"<br\s*/?>", tag, re.I):
                head = text.rfind("\n", 0, match.start()) + 1
                tail = text.find("\n", match.end())
                if _TABLE_ROW.fullmatch(text[head : tail if tail >= 0 else len(text)]):
                    continue
            found.append((where, tag))
        found += [(where, match.group()) for match in _ROADMAP_SH.finditer(text)]
    return found


def test_title_from_an_html_h1_when_there_is_no_markdown_one() -> None:
    roadmap = fixture("html-header.md")
    assert roadmap.title == "A Free 9-Week Course"
    assert [node.title for node in roadmap.nodes] == ["Week 1: Reading", "Week 2: Writing"]
    assert leftovers(roadmap) == []


def test_a_logo_over_the_title_goes_after_it() -> None:
    text = (FIXTURES / "html-header.md").read_text(encoding="utf-8")
    start = "# A Free 9-Week Course\n\n![A reading owl](images/owl.png)"
    assert to_markdown(text).startswith(start)


def test_more_headings_in_the_titles_block_are_taglines() -> None:
    roadmap = imp(
        """\
        <div align="center">
        <h3>Owl University</h3>
        <p><h3>Archived</h3></p>
        </div>

        ## Week 1

        - Read a book
        """
    )
    assert roadmap.title == "Owl University"
    assert [node.title for node in roadmap.nodes] == ["Week 1"]
    assert "**Archived**" in roadmap.summary


def test_badges_and_images_become_their_alt_text_and_link() -> None:
    roadmap = fixture("html-header.md")
    assert "![Build passing](https://badges.example/build.svg)" in roadmap.summary
    assert "(https://example.org/ci)" in roadmap.summary
    assert "Made by **night owls**, for anyone." in roadmap.summary
    assert "align" not in roadmap.summary and "width" not in roadmap.summary
    item = imp("# Plan\n\n- <img alt='The owl book' src='owl.png'> Read it\n").nodes[0].items[0]
    assert item.text == "The owl book Read it"


def test_anchors_are_targets_and_are_dropped() -> None:
    roadmap = fixture("html-header.md")
    assert roadmap.nodes[0].title == "Week 1: Reading"
    assert roadmap.nodes[0].id == "week-01"
    text = '# Plan\n\n## Part\n\n- Go to <a name="here"></a>the <a id="x">start</a>\n'
    assert [i.text for _, i in imp(text).items()] == ["Go to the start"]


def test_a_break_splits_a_line_and_text_like_a_tag_stays_text() -> None:
    roadmap = fixture("html-header.md")
    first, _ = roadmap.nodes[0].items
    assert first.text == "Read the first chapter and take notes"
    texts = [item.text for item in roadmap.nodes[1].items]
    assert texts[0] == "Write one page about `List<T>` and Vec<T>"


def test_a_markdown_title_wins_and_html_headings_stand_under_it() -> None:
    roadmap = fixture("html-markdown-title.md")
    assert roadmap.title == "Owl School"
    sponsors = roadmap.nodes[0]
    assert sponsors.title == "Our sponsors"
    assert [child.title for child in sponsors.children] == ["The best pencils"]
    assert roadmap.nodes[1].title == "Plan"
    assert leftovers(roadmap) == []


def test_details_and_summary_are_sections() -> None:
    roadmap = fixture("html-details.md")
    assert [node.title for node in roadmap.nodes] == ["Shell basics", "Version control"]
    shell, version = roadmap.nodes
    assert [i.text for i in shell.items] == ["Move around the file system", "Read a manual page"]
    assert [child.title for child in shell.children] == ["Extra: pipes"]
    assert [i.text for i in shell.children[0].items] == ["Chain two commands"]
    assert [i.text for i in version.items] == ["Make a first commit"]
    assert "<not a tag in code>" in version.body  # code is kept as written
    assert roadmap.summary == "Legend: ✅ done · ⏳ in progress"
    assert leftovers(roadmap) == []


def test_roadmap_sh_tags_leave_the_text_and_make_the_item_a_resource() -> None:
    roadmap = fixture("roadmapsh-tags.md")
    items = {item.text: item for _, item in roadmap.items()}
    for text in ("The pencil handbook", "How pencils are made", "Graphite, explained"):
        assert items[text].kind is ItemKind.RESOURCE
        assert items[text].checkable
    assert items["How pencils are made"].url == "https://video.example/watch?v=1"
    assert leftovers(roadmap) == []
    practice = imp(
        """\
        # Pencils

        ## Practice

        - [@video@Watch a pencil being made](https://v.example/w)
        - Sharpen three pencils
        """
    )
    kinds = [(i.text, i.kind) for _, i in practice.items()]
    assert kinds == [
        ("Watch a pencil being made", ItemKind.RESOURCE),
        ("Sharpen three pencils", ItemKind.TASK),
    ]


def test_the_tag_kind_is_kept_as_the_link_title() -> None:
    assert to_markdown("- [@video@Watch](https://v.example/w)\n") == (
        '- [Watch](https://v.example/w "video")\n'
    )
    assert tag_kind("Video") == "video"
    assert tag_kind("A page title") is None


def test_code_comments_and_plain_text_are_left_as_written() -> None:
    text = textwrap.dedent(
        """\
        # Plan <!-- omit in toc -->

        Use `<div>` for boxes.

        ```html
        <div align="center"><img src="x.png"></div>
        ```

            <p>indented code</p>

        <!-- syllabus-node {"id": "x"} -->
        - a @ b @ c, mail me at owl@example.org
        """
    )
    assert to_markdown(text) == text
    plain = "# Plan\n\n- Read a book\n"
    assert to_markdown(plain) is plain


def test_the_rewrite_is_idempotent() -> None:
    for name in ("html-header.md", "html-details.md", "html-markdown-title.md"):
        once = to_markdown((FIXTURES / name).read_text(encoding="utf-8"))
        assert to_markdown(once) == once


def test_html_inside_a_list_item_stays_in_the_item() -> None:
    roadmap = imp(
        """\
        # Plan

        ## Week 1

        - Read the guide
          <p>Chapter <b>one</b> and two</p>
        - Write notes
        """
    )
    texts = [item.text for item in roadmap.nodes[0].items]
    assert texts[0].startswith("Read the guide")
    assert texts[-1] == "Write notes"
    assert leftovers(roadmap) == []


def test_a_link_around_blocks_is_one_link() -> None:
    text = textwrap.dedent(
        """\
        <div align="center">
          <a href="https://shop.example">
            <picture>
              <!-- dark -->
              <source srcset="dark.png" />
              <img src="light.png" alt="The shop" />
            </picture>
          </a>
        </div>
        """
    )
    assert to_markdown(text).strip() == "[![The shop](light.png)](https://shop.example)"


def test_a_table_cell_keeps_its_line_break() -> None:
    text = "| Week | Topic |\n|---|---|\n| 1 | Reading<br>notes |\n"
    assert to_markdown(text) == text


_INLINE_PIECES = [
    "<b>", "</b>", "<br/>", "<br >", '<a href="u">', "<a href='u' title=x>", "</a>", "<img\nsrc=x>",
    "<!-- c -->", "<!--", "-->", "<?p?>", "<!X y>", "<![CDATA[z]]>", "<https://e.org/x>",
    "<a@b.cd>", "<javascript:x>", "<T>", "< b>", "<1>", "<", ">", "a", " ", "\n", "*", "_", "&lt;",
    "&", "https://e.org", '"', "'", "=", "/",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_INLINE_PIECES), max_size=30))
def test_html_spans_are_what_the_inline_parse_finds(pieces: list[str]) -> None:
    """``html_parts`` finds the raw HTML the full inline parse finds, whether it takes
    the short way (``html_spans``: no code span, escape, link or bare URL to hide a
    ``<`` in) or parses."""
    from syllabus.importer.tokens import Tokens

    content = "".join(pieces).strip()
    tokens = Tokens("x\n\n" + content + "\n")
    inline = [t for t in tokens.tokens if t.type == "inline" and t.content == content]
    if not inline:
        return  # the pieces made a block of their own (HTML, a heading...)
    parsed = [c.content for c in tokens.children(inline[0]) if c.type == "html_inline"]
    found = [part for kind, part in tokens.html_parts(inline[0]) if kind == "html_inline"]
    assert found == parsed


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<details>",
                "<summary>",
                "</summary>",
                "</details>",
                '<img src="a" alt="b">',
                '<a href="u">',
                '<a name="n">',
                "</a>",
                "<br>",
                "<h1>",
                "</h1>",
                "<h3>",
                "<b>",
                "</b>",
                "<pre>",
                "</pre>",
                "<!--",
                "-->",
                "@video@",
                "[",
                "](u)",
                "`",
                "```",
                "\n",
                "\n\n",
                "- ",
                "# ",
                "| a |",
                "|---|",
                "text",
                " ",
                "> ",
                "    ",
                "<T>",
                "&amp;",
                "*",
            ]
        ),  # fmt: skip
        max_size=40,
    )
)
def test_random_html_never_breaks_the_import(parts: list[str]) -> None:
    text = "".join(parts)
    once = to_markdown(text)
    assert isinstance(once, str)
    try:
        import_text(text, "random.md")
    except ImportProblem:
        pass


_LINES = [
    "# Title", "## Part", "### Sub", "", "", "text <b>bold</b>", "- item <i>x</i>", "```", "~~~",
    "  ```", "<!--", "-->", "<pre>", "</pre>", "<div>", "</div>", "<h1>Big</h1>", "<h3>Mid</h3>",
    "<details>", "<summary>S</summary>", "</details>", '<img src="i.png" alt="a">', "plain",
    "| a | b<br>c |", "|---|---|", "> quote <sub>x</sub>", "    indented <b>", "[@video@v](u)",
    "[r]: https://e.org", "see [r]",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=60), st.integers(1, 200))
def test_read_in_pieces_the_rewrite_is_the_whole_texts(lines: list[str], size: int) -> None:
    text = "\n".join(lines) + "\n"
    assert to_markdown(text, size=size) == to_markdown(text, size=10**9)


def _realmaps() -> list[Path]:
    return sorted(p for p in REALMAPS.glob("*.md") if p.name != "README.md")


@pytest.mark.skipif(not REALMAPS.is_dir(), reason="../shared/realmaps is not on this machine")
@pytest.mark.parametrize("name", [p.name for p in _realmaps()])
def test_no_html_or_roadmap_sh_tag_remains_in_a_real_roadmap(name: str) -> None:
    roadmap = import_file(REALMAPS / name)
    assert leftovers(roadmap, table_breaks=True) == []
    assert "<" not in roadmap.title
