"""HelpScreen: every key of the screen it opens over, generated from the bindings.

Never a hand-kept list: the keys come from the ``BINDINGS`` of the app, of the screen
beneath and of its widgets, so a new binding shows up here (and in the Footer) by itself.

Interface (what the app codes against)
--------------------------------------
``HelpScreen(beneath=None)`` — ``beneath`` is the screen whose keys are listed; by default
the screen that was on top when the help was pushed. Push it from an action bound to ``?``
and ``f1``::

    Binding("question_mark,f1", "help", "Keys"),
    def action_help(self) -> None:
        self.push_screen(HelpScreen())

Groups, in order: the keys that work right now, exactly what ``Screen.active_bindings``
reports for the screen beneath — "On this screen", "Everywhere" (the app), "In the phase
tree (focused)" — disabled actions dimmed; then one group per other focusable widget of
the screen beneath ("In the checklist", …) with that widget's own keys. System bindings
are left out. ``?``, F1 and escape close it; it dismisses with ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from syllabus.locale import N_, _

if TYPE_CHECKING:
    from textual.app import ComposeResult

KeyRow = tuple[str, str, bool]
"""(keys as shown, description, enabled)."""

WIDGET_NAMES = {
    "PhaseTree": N_("phase tree"),
    "Checklist": N_("checklist"),
    "DetailPane": N_("detail pane"),
    "CalendarWidget": N_("calendar"),
    "DayCheckIns": N_("list of the day's check-ins"),
    "Input": N_("text field"),
    "TextArea": N_("text area"),
}
"""Group names of the widgets with keys, for translation; others are named after their class."""


def class_bindings(node: DOMNode) -> list[Binding]:
    """The bindings a node's class declares, inherited ones included, one per key.

    Read from the public ``BINDINGS`` of each class in the MRO, the way Textual merges
    them. Textual keeps a class's ``inherit_bindings=False`` in a private attribute, so
    that keyword is not honoured here; only ``Static`` sets it, and nothing above it
    declares bindings, so the lists agree (``test_help_screen`` compares them with what
    Textual reports once each widget has focus).
    """
    found: dict[str, Binding] = {}
    for base in reversed(type(node).__mro__):
        if isinstance(base, type) and issubclass(base, DOMNode):
            for binding in Binding.make_bindings(vars(base).get("BINDINGS", [])):
                found[binding.key] = binding
    return list(found.values())


def describe(binding: Binding) -> str:
    """What a binding does: its description (Textual's own translated), else its action
    made readable."""
    if binding.description:
        from syllabus.tui.textual_words import TEXTUAL_DESCRIPTIONS, translated

        return translated(binding.description, TEXTUAL_DESCRIPTIONS)
    action = binding.action.split("(", 1)[0].rsplit(".", 1)[-1]
    return action.replace("_", " ").capitalize()


def friendly_name(widget: DOMNode) -> str:
    """'PhaseTree' → 'phase tree', for group headings (translated when it is known)."""
    known = WIDGET_NAMES.get(type(widget).__name__)
    if known is not None:
        return _(known)
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", type(widget).__name__)
    return words.lower()


def merge_rows(pairs: Iterable[tuple[str, Binding, bool]]) -> list[KeyRow]:
    """Join keys bound to the same action and description: '↑ k  Previous week'."""
    rows: dict[tuple[str, str], tuple[list[str], bool]] = {}
    for key_display, binding, enabled in pairs:
        slot = (binding.action, describe(binding))
        keys, was_enabled = rows.get(slot, ([], enabled))
        if key_display not in keys:
            keys.append(key_display)
        rows[slot] = (keys, was_enabled and enabled)
    return [
        (" ".join(keys), description, enabled) for (_, description), (keys, enabled) in rows.items()
    ]


class HelpScreen(ModalScreen[None]):
    """The keys of the screen beneath, grouped by where they work."""

    CSS_PATH = "../tcss/calendar.tcss"

    BINDINGS = [
        Binding("escape,question_mark,f1", "close", _("Close help")),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > #help-panel {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        padding: 0 1;
    }
    HelpScreen #help-keys {
        height: auto;
        max-height: 100%;
    }
    """

    def __init__(self, beneath: Screen[Any] | None = None) -> None:
        super().__init__()
        self._beneath = beneath

    def compose(self) -> ComposeResult:
        with Vertical(id="help-panel"):
            with VerticalScroll(id="help-keys"):
                yield Static(id="help-table")

    def on_mount(self) -> None:
        panel = self.query_one("#help-panel")
        panel.border_title = _("Keys")
        panel.border_subtitle = _("escape ? F1 close")
        self.query_one("#help-table", Static).update(self.render_keys())

    def beneath(self) -> Screen[Any]:
        """The screen whose keys are listed."""
        if self._beneath is not None:
            return self._beneath
        stack = self.app.screen_stack
        below = [screen for screen in stack if screen is not self]
        return below[-1]

    def groups(self) -> list[tuple[str, list[KeyRow]]]:
        """Key groups: the screen's, the app's, the focused widget's, then other widgets'."""
        screen = self.beneath()
        get_key_display = self.app.get_key_display
        by_node: dict[int, tuple[DOMNode, list[tuple[str, Binding, bool]]]] = {}
        for entry in screen.active_bindings.values():
            if entry.binding.system:
                continue
            _node, pairs = by_node.setdefault(id(entry.node), (entry.node, []))
            pairs.append((get_key_display(entry.binding), entry.binding, entry.enabled))

        def heading(node: DOMNode) -> str:
            if node is self.app:
                return _("Everywhere")
            if node is screen:
                return _("On this screen")
            return _("In the {widget} (focused)").format(widget=friendly_name(node))

        def rank(node: DOMNode) -> int:
            return 0 if node is screen else 1 if node is self.app else 2

        groups: list[tuple[str, list[KeyRow]]] = [
            (heading(node), merge_rows(pairs))
            for node, pairs in sorted(by_node.values(), key=lambda pair: rank(pair[0]))
        ]
        seen: set[type] = {type(node) for node, _pairs in by_node.values()}
        for widget in screen.query(Widget):
            if not widget.focusable or type(widget) in seen:
                continue
            seen.add(type(widget))
            rows = merge_rows(
                (get_key_display(binding), binding, True)
                for binding in class_bindings(widget)
                if not binding.system
            )
            if rows:
                groups.append((_("In the {widget}").format(widget=friendly_name(widget)), rows))
        return groups

    def render_keys(self) -> Content:
        """All groups as one block: headings, then keys and what they do."""
        groups = self.groups()
        width = max((len(keys) for _heading, rows in groups for keys, _d, _e in rows), default=4)
        width = min(width, 18)
        lines: list[Content] = []
        for heading, rows in groups:
            if not rows:
                continue
            if lines:
                lines.append(Content(""))
            lines.append(Content(heading).stylize("bold"))
            for keys, description, enabled in rows:
                line = Content.assemble(
                    (f"  {keys:<{width}}  ", "bold $text-accent" if enabled else "dim"),
                    (description, "" if enabled else "dim"),
                )
                lines.append(line)
        return Content("\n").join(lines)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
