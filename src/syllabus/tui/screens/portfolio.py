"""PortfolioScreen: every project and capstone of the open roadmap — its state, latest
score, evidence and the skills its week teaches — with the scoring and evidence forms.

The rows are the model's (``model.portfolio.entries``), the same as ``syllabus
portfolio``. Keys: ↑ ↓ choose a project; ``s`` scores it against its rubric, ``e``
gives its evidence (one change, one undo step each); escape or ``q`` closes. The
screen follows the store, so a change made elsewhere shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from syllabus.locale import _
from syllabus.locale.formats import format_date
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.model.portfolio import Entry
    from syllabus.tui.store import Change, ProgressStore

STATE_MARKS = {"done": "✓", "doing": "◐", "todo": "○"}


def _points(value: float) -> str:
    from syllabus.model.rubric import points_text

    return points_text(value)


def row(entry: Entry) -> Content:
    """One project in the list: state mark, title, score."""
    score = (
        f"{_points(entry.scored)}/{_points(entry.project.rubric.total)}"
        if entry.scored is not None
        else "–"
    )
    kind = _("capstone") if entry.project.capstone else ""
    return Content.assemble(
        STATE_MARKS[entry.state],
        " ",
        (f"{score:>7}", "bold"),
        "  ",
        (one_line(entry.project.title), "bold" if entry.project.capstone else ""),
        "  ",
        (kind, "italic"),
        "  " if kind else "",
        (one_line(entry.project.node.title), "dim"),
    )


def detail(entry: Entry) -> Content:
    """The chosen project: its rubric with the latest points, evidence, skills."""
    from datetime import datetime

    points = entry.score.by_criterion() if entry.score is not None else {}
    states = {"done": _("done"), "doing": _("in progress"), "todo": _("not started")}
    parts: list[str | tuple[str, str] | Content] = [
        (one_line(entry.project.title), "bold"),
        "\n",
        _("{state} · {done}/{total} items").format(
            state=states[entry.state], done=entry.done, total=entry.total
        ),
        "\n\n",
        (_("Score"), "bold underline"),
        "\n",
    ]
    for criterion in entry.project.rubric.criteria:
        given = points.get(criterion.name)
        shown = "–" if given is None else _points(given)
        parts += [f"  {one_line(criterion.name)} {shown}/{_points(criterion.max_points)}\n"]
    if entry.scored is None:
        parts.append(_("not scored yet: s scores it"))
    else:
        when: datetime = entry.score.scored  # type: ignore[union-attr]
        parts.append(
            _("total {points}/{most} · scored {times}× · latest {day}").format(
                points=_points(entry.scored),
                most=_points(entry.project.rubric.total),
                times=entry.history,
                day=format_date(when.astimezone().date()),
            )
        )
    parts += ["\n\n", (_("Evidence"), "bold underline"), "\n"]
    ev = entry.evidence
    if ev is None:
        parts.append(_("none yet: e adds links and a write-up"))
    else:
        for label, value in (
            (_("repository"), ev.repo),
            (_("demo"), ev.demo),
            (_("write-up"), ev.note),
            (_("finished"), format_date(ev.finished) if ev.finished else None),
        ):
            if value:
                parts.append(f"  {label}: {one_line(value)}\n")
    if entry.skills:
        parts += ["\n", (_("What it shows"), "bold underline"), "\n"]
        parts += [f"  • {one_line(skill)}\n" for skill in entry.skills]
    return Content.assemble(*parts)


class PortfolioScreen(Screen[None]):
    """The open roadmap's projects, scored and evidenced."""

    BINDINGS = [
        Binding("escape,q", "close", _("Close")),
        Binding("s", "score", _("Score")),
        Binding("e", "evidence", _("Evidence")),
    ]

    DEFAULT_CSS = """
    PortfolioScreen #portfolio-list {
        height: 1fr;
        min-height: 5;
    }
    PortfolioScreen #portfolio-detail {
        height: 1fr;
        padding: 0 1;
        border-top: solid $primary;
    }
    """

    def __init__(self, store: ProgressStore) -> None:
        super().__init__()
        self.store = store
        self.entries: list[Entry] = []
        """The rows shown, in document order."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="portfolio-list")
        with VerticalScroll(id="portfolio-detail"):
            yield Static(Content(""), id="portfolio-text")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Portfolio")
        self.store.changed.subscribe(self, self._store_changed)
        self._show()
        self.query_one(OptionList).focus()

    def _compute(self) -> list[Entry]:
        from syllabus.model.portfolio import entries

        progress, session = self.store.progress, self.store.session
        if progress is None or session is None or session.roadmap_id is None:
            return []
        self.sub_title = one_line(session.roadmap.title)
        return entries(session.roadmap, progress.roadmap(session.roadmap_id))

    def _show(self) -> None:
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        self.entries = self._compute()
        listing.clear_options()
        listing.add_options([Option(row(e), id=e.project.id) for e in self.entries])
        if not self.entries:
            self.query_one("#portfolio-text", Static).update(
                Content(_("This roadmap has no projects."))
            )
            return
        listing.highlighted = min(keep or 0, len(self.entries) - 1)
        self._show_detail()

    def _show_detail(self) -> None:
        entry = self.chosen
        if entry is not None:
            self.query_one("#portfolio-text", Static).update(detail(entry))

    @property
    def chosen(self) -> Entry | None:
        """The highlighted project."""
        index = self.query_one(OptionList).highlighted
        return self.entries[index] if index is not None and index < len(self.entries) else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_score()

    def _store_changed(self, change: Change) -> None:
        if self.is_mounted:
            self._show()

    # --- actions ------------------------------------------------------------------------

    def action_close(self) -> None:
        """Back to the main screen."""
        self.dismiss(None)

    def action_score(self) -> None:
        """The scoring form of the chosen project."""
        from syllabus.tui.screens.score import ScoreDialog

        entry = self.chosen
        if entry is None or self.store.read_only:
            return
        project = entry.project

        def save(points: dict[str, float] | None) -> None:
            self._save_score(project.id, points)

        self.app.push_screen(ScoreDialog(project, entry.score), save)

    def _save_score(self, node_id: str, points: dict[str, float] | None) -> None:
        from syllabus.clock import now
        from syllabus.model.progress import add_score
        from syllabus.model.rubric import project_for, rescored

        progress, session = self.store.progress, self.store.session
        if not points or progress is None or session is None or session.roadmap_id is None:
            return
        project = project_for(session.roadmap, node_id)
        if project is None:
            return
        rid = session.roadmap_id
        given = rescored(project.rubric, progress.roadmap(rid).latest_score(node_id), points)
        changed = add_score(progress, rid, node_id, given, now())[0]
        self.store.commit(changed, origin=self)

    def action_evidence(self) -> None:
        """The evidence form of the chosen project."""
        from syllabus.tui.screens.score import EvidenceDialog

        entry = self.chosen
        if entry is None or self.store.read_only:
            return
        node_id = entry.project.id

        def save(given: tuple[str, str, str] | None) -> None:
            self._save_evidence(node_id, given)

        self.app.push_screen(EvidenceDialog(entry.project.title, entry.evidence), save)

    def _save_evidence(self, node_id: str, given: tuple[str, str, str] | None) -> None:
        from syllabus.clock import now, today
        from syllabus.model.progress import Evidence, set_evidence

        progress, session = self.store.progress, self.store.session
        if given is None or progress is None or session is None or session.roadmap_id is None:
            return
        rid = session.roadmap_id
        old = progress.roadmap(rid).live_evidence(node_id)
        repo, demo, note = given
        finished = old.finished if old and old.finished else today()
        record = Evidence(
            repo=repo or None, demo=demo or None, note=note, finished=finished, updated=now()
        )
        self.store.commit(set_evidence(progress, rid, node_id, record), origin=self)
