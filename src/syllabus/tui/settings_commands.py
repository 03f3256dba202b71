"""Settings in the command palette (ctrl+p): the interface language.

The language is fixed when the app starts (its key descriptions are translated as its
modules load), so a change is saved to this machine's settings (``storage.settings``)
and applies on the next start; the notification says so.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.tui.app import SyllabusApp


def _choices() -> list[tuple[str, str]]:
    """(setting value, what the palette shows), the language names in their own tongue."""
    return [
        ("de", _("Settings: interface language Deutsch")),
        ("en", _("Settings: interface language English")),
        ("auto", _("Settings: interface language from the system (LANG)")),
    ]


class SettingsCommands(Provider):
    """Palette entries that change a setting."""

    def _choose(self, value: str) -> None:
        app = cast("SyllabusApp", self.app)
        app.run_worker(
            partial(self._save, app, value), thread=True, exit_on_error=False, group="settings"
        )

    @staticmethod
    def _save(app: SyllabusApp, value: str) -> None:
        from syllabus.storage import settings

        try:
            settings.change(app.data_dir, language=value)
        except OSError as error:
            message = _("The setting could not be saved: {reason}").format(
                reason=error.strerror or error
            )
            app.store.call_from_thread(partial(app.notify, message, severity="error", markup=False))
            return
        message = _("Language saved: it applies the next time syllabus starts.")
        app.store.call_from_thread(partial(app.notify, message, markup=False))

    async def search(self, query: str) -> Hits:
        from syllabus.tui.search import highlighted

        matcher = self.matcher(query)
        for value, text in _choices():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, highlighted(matcher, text), partial(self._choose, value), text=text
                )

    async def discover(self) -> Hits:
        for value, text in _choices():
            yield DiscoveryHit(Content(text), partial(self._choose, value), text=text)
