"""The importer's markdown-it gives every link the href and text stock markdown-it gives
it: the shortcuts for URLs that need no normalising (``tokens._normalize_link``,
``_normalize_link_text``) change none."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from syllabus.importer.tokens import parser

_STOCK = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])

_label = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=63)
_path = st.text(string.ascii_letters + string.digits + "._~!$&'()*+,;=:@/-%?#[] ", max_size=60)
_simple = st.builds(
    lambda scheme, labels, path: f"{scheme}://{'.'.join(labels)}{path}",
    st.sampled_from(["http", "https", "HTTP", "ftp", "mailto"]),
    st.lists(_label, min_size=1, max_size=5),
    st.one_of(st.just(""), _path.map(lambda p: "/" + p)),
)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_simple, st.text(max_size=40)))
def test_normalize_link_is_stock_markdown_its(url: str) -> None:
    assert parser().normalizeLink(url) == _STOCK.normalizeLink(url)
    assert parser().normalizeLinkText(url) == _STOCK.normalizeLinkText(url)


def test_urls_that_need_normalising_still_are() -> None:
    for url in (
        "https://Example.ORG/a",
        "https://bücher.de/x",
        "https://e.org/a b",
        "https://e.org/%zz",
        "https://e.org/ä",
        "https://user:pw@e.org/",
        "http://" + "a" * 64 + ".org/",
        "https://" + ".".join(["abcdefgh"] * 40),
        "https://xn--bcher-kva.de/x",
        "https://e.org/%C3%A4",
    ):
        assert parser().normalizeLink(url) == _STOCK.normalizeLink(url)
        assert parser().normalizeLinkText(url) == _STOCK.normalizeLinkText(url)


def test_a_document_links_as_stock_markdown_it_links_it() -> None:
    text = (
        "- [a](https://e.org/x) [b](https://E.org/Y) https://e.org/z <https://e.org/ä>"
        " https://xn--bcher-kva.de/b\n"
    )
    ours = [(t.type, t.attrs, t.content) for t in parser().parse(text)[3].children or []]
    stock = [(t.type, t.attrs, t.content) for t in _STOCK.parse(text)[3].children or []]
    assert ours == stock and sum(1 for t in ours if t[0] == "link_open") == 5
