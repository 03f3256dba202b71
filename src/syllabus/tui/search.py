"""Search every node and item of the open roadmap from the command palette (ctrl+p).

Textual's own highlighter reads the candidate as markup, so hits are built here from
literal ``Content`` and styled at the matched offsets.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from syllabus.locale import _
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.fuzzy import Matcher

    from syllabus.tui.app import SyllabusApp

MAX_HITS = 60
"""Enough to scan; the palette shows the best first."""


def highlighted(matcher: Matcher, text: str) -> Content:
    """The text, literally, with the matched characters styled."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class RoadmapSearch(Provider):
    """Nodes and items of the open roadmap; choosing one jumps there."""

    async def startup(self) -> None:
        session = cast("SyllabusApp", self.app).store.session
        self._entries: list[tuple[str, str, str | None, str]] = []
        if session is None:
            return
        for text, node_id, item_id in session.search_entries():
            where = session.path_title(node_id)
            self._entries.append((one_line(text), node_id, item_id, one_line(where)))

    def _jump(self, node_id: str, item_id: str | None) -> None:
        from syllabus.tui.screens.main import MainScreen

        screen = self.app.screen
        if isinstance(screen, MainScreen):
            screen.jump(node_id, item_id)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        hits = []
        for text, node_id, item_id, where in self._entries:
            score = matcher.match(text)
            if score > 0:
                hits.append((score, text, node_id, item_id, where))
        hits.sort(key=lambda hit: -hit[0])
        for score, text, node_id, item_id, where in hits[:MAX_HITS]:
            yield Hit(
                score,
                highlighted(matcher, text),
                partial(self._jump, node_id, item_id),
                text=text,
                help=Content(where if item_id else _("node · {where}").format(where=where)),  # type: ignore[arg-type]  # literal: a str would be read as markup
            )

    async def discover(self) -> Hits:
        for text, node_id, item_id, _where in self._entries:
            if item_id is None:
                yield DiscoveryHit(Content(text), partial(self._jump, node_id, None), text=text)
