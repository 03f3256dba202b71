"""Import a Markdown roadmap: pick a file, see the structure it gets, fix it with keys.

Reached from the roadmap list (``i``). The file is read and imported in a worker, so a
large document never holds up the screen; the preview shows the summary the command
line prints and a tree of the nodes, each with its role, items and hours. Keys on the
tree correct a node (phase, section, appendix, not scheduled; its items tasks or notes;
its hours): each correction is a node hint, the preview is imported again with it, and
ctrl+s imports and keeps the hints beside the roadmap (``catalog.save_user_hints``), so
every re-import applies them. A re-import shows its report first
(``import_report.ReimportReport``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DirectoryTree, Footer, Header, Input, Label, Static, Tree

from syllabus.locale import _, ngettext
from syllabus.tui.literal import literal_text, one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widgets.tree import TreeNode

    from syllabus.importer.hints import Hints
    from syllabus.importing import Prepared
    from syllabus.model.roadmap import Node
    from syllabus.tui.store import ProgressStore

ROLE_LABELS = {
    "phase": _("phase"),
    "section": _("section"),
    "side-track": _("side track"),
    "habit": _("habit"),
    "milestone": _("milestone"),
    "appendix": _("appendix"),
}

ASIDE_LABELS = {
    "toc": _("contents"),
    "credits": _("credits"),
    "community": _("community"),
    "contributing": _("contributing"),
    "licence": _("licence"),
    "code-of-conduct": _("code of conduct"),
    "faq": _("FAQ"),
    "logistics": _("how to take it"),
    "badges": _("badges"),
    "preface": _("preface"),
}
"""Why a node is set aside (``model.roadmap.ASIDE_REASONS``), in words."""


def node_label(node: Node) -> Text:
    """A preview row: role, title (literal), its items and hours, why it is set aside."""
    from syllabus.locale.formats import format_number

    checkable = sum(1 for item in node.items if item.checkable)
    notes = len(node.items) - checkable
    role = str(node.role)
    width = max(map(len, ROLE_LABELS.values()))
    label = Text(f"{ROLE_LABELS.get(role, role):<{width}}  ", style="dim")
    label.append_text(literal_text(node.title, "bold" if role == "phase" else ""))
    facts = []
    if checkable:
        facts.append(ngettext("{n} task", "{n} tasks", checkable).format(n=checkable))
    if notes:
        facts.append(ngettext("{n} note", "{n} notes", notes).format(n=notes))
    hours = node.timing.hours
    if hours is not None:
        low, high = format_number(hours.low, 1), format_number(hours.high, 1)
        facts.append(_("{hours} h").format(hours=low if low == high else f"{low}–{high}"))
    if node.aside:
        why = ASIDE_LABELS.get(node.aside, node.aside)
        facts.append(_("set aside: {why}").format(why=why))
    if node.track:
        facts.append(_("track: {name}").format(name=one_line(node.track)))
    if facts:
        label.append("  · " + " · ".join(facts), style="dim")
    return label


MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".txt"})
"""Files the picker lists (folders too; hidden ones not)."""


class MarkdownFiles(DirectoryTree):
    """The file picker: folders and Markdown (or plain text) files."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.suffix.lower() in MARKDOWN_SUFFIXES or _is_dir(path))
        ]


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


class PreviewTree(Tree[str]):
    """The structure an import gets; its keys correct the highlighted node."""

    BINDINGS = [
        Binding("p", "correct('phase')", _("Phase")),
        Binding("s", "correct('section')", _("Section")),
        Binding("a", "correct('appendix')", _("Appendix")),
        Binding("u", "correct('unscheduled')", _("Not scheduled")),
        Binding("t", "correct('tasks')", _("Items: tasks")),
        Binding("o", "correct('notes')", _("Items: notes")),
        Binding("h", "hours", _("Hours")),
    ]

    def action_correct(self, what: str) -> None:
        """Say what the highlighted node is."""
        node = self.cursor_node
        if node is not None and node.data is not None:
            screen = self.screen
            if isinstance(screen, ImportScreen):
                screen.correct(node.data, what)

    def action_hours(self) -> None:
        """Type the highlighted node's hours."""
        node = self.cursor_node
        screen = self.screen
        if node is not None and node.data is not None and isinstance(screen, ImportScreen):
            screen.ask_hours(node.data)


class ImportScreen(Screen[str | None]):
    """Dismisses with the id of the roadmap imported, or None."""

    DEFAULT_CSS = """
    ImportScreen #import-body { height: 1fr; }
    ImportScreen #import-files { width: 1fr; }
    ImportScreen #import-right { width: 2fr; }
    ImportScreen #import-summary { height: auto; max-height: 9; padding: 0 1; }
    ImportScreen #import-preview { height: 1fr; }
    ImportScreen #import-hours { display: none; }
    ImportScreen #import-hours.-asking { display: block; }
    ImportScreen .problem { color: $error; }
    """

    BINDINGS = [
        Binding("ctrl+s", "import", _("Import")),
        Binding("escape", "back", _("Back")),
    ]

    def __init__(self, store: ProgressStore, start: Path | None = None) -> None:
        super().__init__()
        self._store = store
        self._start = start or Path.cwd()
        self._path: Path | None = None
        self._hints: Hints | None = None
        """The corrections, on top of the roadmap's own hints (None: none made yet)."""
        self.prepared: Prepared | None = None
        """The import as the preview shows it."""
        self._hours_for: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(
            Content(_("Pick a Markdown file, check the structure it gets, fix it, ctrl+s.")),
            id="import-title",
        )
        yield Input(placeholder=_("path/to/plan.md (enter previews it)"), id="import-path")
        with Horizontal(id="import-body"):
            yield MarkdownFiles(self._start, id="import-files")
            with Vertical(id="import-right"):
                yield Static(Content(_("No file picked yet.")), id="import-summary")
                yield PreviewTree(Text(_("Structure")), id="import-preview")
        yield Input(placeholder=_("hours (empty: as the document says)"), id="import-hours")
        yield Label(Content(""), id="import-problem", classes="problem")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-preview", PreviewTree).show_root = False
        self.query_one("#import-path", Input).focus()

    # --- picking a file --------------------------------------------------------------

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#import-path", Input).value = str(event.path)
        self.pick(event.path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "import-hours":
            self._hours_given(event.value)
        elif event.value.strip():
            self.pick(Path(event.value.strip()).expanduser())

    def pick(self, path: Path) -> None:
        """Preview the import of ``path`` with the roadmap's own hints."""
        self._path = path
        self._hints = None
        self._preview()

    # --- the preview -----------------------------------------------------------------

    def _preview(self) -> None:
        if self._path is not None:
            self.query_one("#import-summary", Static).update(Content(_("Reading…")))
            self._prepare(self._path, self._hints)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import-preview")
    def _prepare(self, path: Path, hints: Hints | None) -> None:
        from syllabus import importing

        try:
            raw = path.read_bytes()
            prepared = importing.prepare(
                raw, path, self._store.data_dir, self._store.progress, hints=hints
            )
        except (OSError, importing.ImportRefused) as error:
            why = error.strerror if isinstance(error, OSError) and error.strerror else error
            self._store.call_from_thread(self._failed, f"{path}: {why}")
            return
        self._store.call_from_thread(self._show, prepared)

    def _failed(self, message: str) -> None:
        self.prepared = None
        self.query_one("#import-summary", Static).update(Content(_("Nothing to import.")))
        self.query_one("#import-problem", Label).update(Content(one_line(message)))
        self.query_one("#import-preview", PreviewTree).clear()

    def _show(self, prepared: Prepared) -> None:
        from syllabus.importer.summary import lines

        self.prepared = prepared
        if self._hints is None:
            self._hints = prepared.hints
        head = [one_line(prepared.roadmap.title) + f"  ({prepared.roadmap.id})"]
        if prepared.target.replaces:
            head.append(
                _("a re-import of {id}: its report comes before saving").format(
                    id=prepared.target.id
                )
            )
        body = [*head, *lines(prepared.summary(saved=False))[:-1]]  # not "dry run"
        self.query_one("#import-summary", Static).update(Content("\n".join(body)))
        self.query_one("#import-problem", Label).update(Content(""))
        tree = self.query_one("#import-preview", PreviewTree)
        line = tree.cursor_line
        tree.clear()
        _fill(tree.root, prepared.roadmap.nodes)
        tree.root.expand_all()
        tree.move_cursor_to_line(max(0, min(line, tree.last_line)))

    # --- corrections -----------------------------------------------------------------

    def correct(self, title: str, what: str, hours: float | None = None) -> None:
        """One correction for the node titled ``title``, and the preview again."""
        from syllabus import importing

        if self._hints is None or self._path is None:
            return
        self._hints = importing.correct(self._hints, title, what, hours)
        self._preview()

    def ask_hours(self, title: str) -> None:
        """Show the hours line for the node titled ``title``."""
        self._hours_for = title
        entry = self.query_one("#import-hours", Input)
        entry.add_class("-asking")
        entry.value = ""
        entry.focus()

    def _hours_given(self, text: str) -> None:
        from syllabus.model.rules import InvalidEntry, parse_hours

        title = self._hours_for
        entry = self.query_one("#import-hours", Input)
        hours: float | None = None
        if text.strip():
            try:
                hours = parse_hours(text, most=10_000)
            except InvalidEntry as problem:
                self.query_one("#import-problem", Label).update(Content(str(problem)))
                return
        entry.remove_class("-asking")
        self._hours_for = None
        self.query_one("#import-preview", PreviewTree).focus()
        if title is not None:
            self.correct(title, "hours", hours)

    # --- importing -------------------------------------------------------------------

    def action_import(self) -> None:
        """Import the file as the preview shows it (a re-import: its report first)."""
        prepared = self.prepared
        if prepared is None:
            self.query_one("#import-problem", Label).update(
                Content(_("Pick a file to import first."))
            )
            return
        if prepared.target.replaces and prepared.result is not None:
            from syllabus.tui.screens.import_report import ReimportReport

            self.app.push_screen(ReimportReport(self._store, prepared), self._reported)
            return
        self._save(prepared)

    def _reported(self, settled: Prepared | None) -> None:
        if settled is not None:
            self._save(settled)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import-save")
    def _save(self, prepared: Prepared) -> None:
        from syllabus import catalog, importing

        hints = self._hints or prepared.hints
        try:
            importing.save(prepared, self._store.data_dir)
            tables = importing.hint_tables(replace(hints, id=None, title=None))
            catalog.save_user_hints(prepared.roadmap.id, tables, self._store.data_dir)
        except OSError as error:
            message = _("cannot save the roadmap: {why}").format(why=error.strerror or error)
            self._store.call_from_thread(self._failed, message)
            return
        self._store.call_from_thread(self._saved, prepared)

    def _saved(self, prepared: Prepared) -> None:
        from syllabus import importing
        from syllabus.clock import now
        from syllabus.model.rekey import rekey

        store = self._store
        roadmap_id = prepared.roadmap.id
        if importing.has_changes(prepared.change) and store.progress is not None:
            assert prepared.change is not None
            store.commit(rekey(store.progress, roadmap_id, prepared.change, now()))
        if store.session is not None and store.session.roadmap_id == roadmap_id:
            store.open_roadmap(roadmap_id)  # the open roadmap is the one re-imported
        self.app.notify(
            _("Imported {title} as {id}.").format(
                title=one_line(prepared.roadmap.title), id=roadmap_id
            ),
            markup=False,
        )
        self.dismiss(roadmap_id)

    def action_back(self) -> None:
        """Back to the roadmap list (or out of the hours line)."""
        entry = self.query_one("#import-hours", Input)
        if entry.has_class("-asking"):
            entry.remove_class("-asking")
            self._hours_for = None
            self.query_one("#import-preview", PreviewTree).focus()
            return
        self.dismiss(None)


def _fill(parent: TreeNode[str], nodes: Iterable[Node]) -> None:
    for node in nodes:
        if node.children:
            branch = parent.add(node_label(node), data=node.title)
            _fill(branch, node.children)
        else:
            parent.add_leaf(node_label(node), data=node.title)
