"""A re-import's report, before anything is saved: what was kept, renamed, moved, what
is new and what was removed; close calls are asked about, removed items can be put back.

Enter on a close call lists its candidates (``Reimport.choose`` takes the answer); space
or enter on a removed item marks it to be restored (``importing.settle`` puts it back
into its node). ctrl+s imports with the answers, escape goes back without importing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList
from textual.widgets.option_list import Option

from syllabus.locale import _
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.importer.reimport import Reimport
    from syllabus.importing import Prepared
    from syllabus.tui.store import ProgressStore

SHOWN = 200
"""Rows shown per kind of change; the count says how many there are."""


STATES = {"done": _("done"), "doing": _("doing"), "skipped": _("skipped")}


def _row(mark: str, text: str, detail: str = "") -> Content:
    return Content.assemble((mark, "bold"), " ", one_line(text), (detail, "dim"))


class ReimportReport(Screen["Prepared | None"]):
    """Dismisses with the re-import settled with the learner's answers, or None."""

    DEFAULT_CSS = """
    ReimportReport #report { height: 1fr; }
    ReimportReport #report-counts { padding: 0 1; text-style: bold; }
    ReimportReport #report-rows { height: 1fr; }
    """

    BINDINGS = [
        Binding("ctrl+s", "apply", _("Import")),
        Binding("space", "restore", _("Restore"), show=False),
        Binding("escape", "back", _("Back")),
    ]

    def __init__(self, store: ProgressStore, prepared: Prepared) -> None:
        super().__init__()
        self._store = store
        self.prepared = prepared
        """The re-import with the answers given so far."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="report"):
            yield Label(Content(""), id="report-counts")
            yield Label(
                Content(
                    _(
                        "enter on a close call: pick its match · space on a removed item: "
                        "restore it · ctrl+s imports"
                    )
                ),
                classes="hint",
            )
            yield OptionList(id="report-rows", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#report-rows", OptionList).focus()

    def _show(self) -> None:
        from syllabus.importer.summary import reimport_lines

        result = self.prepared.result
        if result is None:
            return
        self.query_one("#report-counts", Label).update(Content(reimport_lines(result)[0]))
        rows = self.query_one("#report-rows", OptionList)
        line = rows.highlighted
        rows.clear_options()
        rows.add_options(self._options(result))
        if rows.option_count:
            rows.highlighted = min(line or 0, rows.option_count - 1)

    def _options(self, result: Reimport) -> list[Option]:
        from syllabus import importing

        texts = result.texts
        new_index = self.prepared.roadmap.item_index()
        out: list[Option] = []
        progress = self._store.progress
        rp = progress.roadmap(self.prepared.target.id) if progress is not None else None

        def held(old_id: str) -> str:
            """What the learner's record of an old item says, if anything."""
            if rp is None:
                return ""
            state = rp.state(old_id)
            return "" if state.value == "todo" else f"  ({STATES.get(state.value, state.value)})"

        def head(title: str, count: int) -> None:
            out.append(Option(Content(f"{title} ({count})").stylize("bold"), disabled=True))

        head(_("Close calls"), len(result.ambiguous))
        for a in result.ambiguous:
            chosen = new_index[a.chosen][1].text if a.chosen in new_index else a.chosen
            out.append(Option(_row("?", a.text, f"  → {one_line(chosen)}"), id=f"close:{a.old}"))
        for how, title in (("renamed", _("Renamed")), ("moved", _("Moved"))):
            matches = [m for m in result.matches if m.how == how]
            head(title, len(matches))
            for m in matches[:SHOWN]:
                text = new_index[m.new][1].text if m.new in new_index else m.new
                arrow = f"  → {one_line(text)}{held(m.old)}"
                out.append(Option(_row("~", texts.get(m.old, m.old), arrow)))
        head(_("New"), len(result.new))
        for new_id in result.new[:SHOWN]:
            text = new_index[new_id][1].text if new_id in new_index else new_id
            out.append(Option(_row("+", text)))
        back = importing.restorable(self.prepared, self._store.progress)
        head(_("Removed (space restores)"), len(back))
        for old_id, text in list(back.items())[:SHOWN]:
            mark = "↺" if old_id in self.prepared.restored else "−"
            detail = held(old_id)
            if old_id in self.prepared.restored:
                detail += "  " + _("(restored)")
            out.append(Option(_row(mark, text, detail), id=f"removed:{old_id}"))
        kept = result.count("kept")
        head(_("Kept"), kept)
        return out

    # --- answers ---------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if key.startswith("close:"):
            self._ask(key.removeprefix("close:"))
        elif key.startswith("removed:"):
            self._toggle(key.removeprefix("removed:"))

    def action_restore(self) -> None:
        """Restore the highlighted removed item (or keep it removed)."""
        option = self.query_one("#report-rows", OptionList).highlighted_option
        if option is not None and (option.id or "").startswith("removed:"):
            self._toggle((option.id or "").removeprefix("removed:"))

    def _toggle(self, old_id: str) -> None:
        restored = set(self.prepared.restored)
        restored.symmetric_difference_update({old_id})
        self._settle(self.prepared.choices, frozenset(restored))

    def _ask(self, old_id: str) -> None:
        from syllabus.tui.screens.import_dialogs import ChooseDialog

        result = self.prepared.result
        found = next((a for a in result.ambiguous if a.old == old_id), None) if result else None
        if found is None:
            return
        options = [
            (c.id, Content.assemble(one_line(c.text), (f"  {c.score:.0f}", "dim")))
            for c in found.candidates
        ]
        question = Content.assemble(_("Which is it now?"), " ", (one_line(found.text), "bold"))

        def chosen(new_id: str | None) -> None:
            if new_id is not None:
                choices = (*(c for c in self.prepared.choices if c[0] != old_id), (old_id, new_id))
                self._settle(choices, self.prepared.restored)

        self.app.push_screen(ChooseDialog(question, options), chosen)

    def _settle(self, choices: tuple[tuple[str, str], ...], restored: frozenset[str]) -> None:
        self._run_settle(self.prepared, choices, restored)

    @work(thread=True, exclusive=True, exit_on_error=False, group="reimport-settle")
    def _run_settle(
        self, prepared: Prepared, choices: tuple[tuple[str, str], ...], restored: frozenset[str]
    ) -> None:
        from syllabus import importing

        settled = importing.settle(prepared, self._store.progress, choices, restored)
        self._store.call_from_thread(self._settled, settled)

    def _settled(self, settled: Prepared) -> None:
        self.prepared = settled
        self._show()

    def action_apply(self) -> None:
        """Import with these answers."""
        self.dismiss(self.prepared)

    def action_back(self) -> None:
        """Back to the import screen, nothing imported."""
        self.dismiss(None)
