"""KeyFooter: Textual's Footer, built once with the screen and rebuilt only when the keys
it shows change.

Textual's Footer composes empty, then rebuilds all its keys after each
``bindings_updated`` signal, and a screen sends several while it opens (focus moves,
the screen resumes): on the weekly review that was four rebuilds, some 20-30 ms each
under load. Every key also restyled itself twice on mounting (its ``compact`` flag
starts true, then the binding to the footer's sets it false). This footer draws the
same keys as the stock one, from the same BINDINGS: it composes them with the screen,
gives each key the footer's ``compact`` before it mounts, skips a rebuild whose keys,
descriptions and enabled states are those already shown, and leaves a footer alone while
its screen is not the one on top (a screen resuming signals its bindings again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.reactive import Reactive
from textual.widgets import Footer

if TYPE_CHECKING:
    from collections.abc import Hashable

    from textual.app import ComposeResult


class KeyFooter(Footer):
    """The stock Footer without its redundant rebuilds (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Hashable = None
        # composes its keys at once, not after the first bindings signal; the bindings
        # are the screen's, which exist before any of its widgets mount
        self.set_reactive(Footer._bindings_ready, True)

    def _keys(self) -> Hashable:
        """What the footer would show: for each action its first shown binding (the one
        the footer labels), with its text, state and group; and the palette key's state."""
        active = self.screen.active_bindings
        first: dict[str, Hashable] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (
                    binding.key,
                    binding.description,
                    enabled,
                    tooltip,
                    binding.group,
                )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return tuple(first.items()), palette is not None and palette[2]

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        for widget in super().compose():
            compact = getattr(type(widget), "compact", None)
            if isinstance(compact, Reactive) and not widget.has_class("-command-palette"):
                # a key bound to the footer's compact starts as the footer is, so the
                # binding sets nothing new (the palette's key is not bound: left as it is)
                widget.set_reactive(compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    async def recompose(self) -> None:
        if not self.is_attached or self.screen is not self.app.screen:
            # hidden, or under a dialog: its screen's resuming signals the keys again
            return
        if self._keys() != self._shown:
            await super().recompose()
