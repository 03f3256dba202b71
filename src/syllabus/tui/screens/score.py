"""The scoring form (a project's rubric, one field a criterion, the weighted total as
you type) and the evidence form (repository, demo, write-up).

Both check what is typed with the model's rules (``model.rubric.check_points``,
``model.portfolio.check_url``), the same ones ``syllabus score`` and ``syllabus
evidence`` use, and dismiss with what to save; the portfolio screen makes the change
(one undo step each).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from syllabus.locale import _
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.model.progress import Evidence, Score
    from syllabus.model.rubric import Project

_FORM_CSS = """
{name} {{
    align: center middle;
}}
{name} #dialog {{
    width: 76;
    max-width: 100%;
    height: auto;
    border: round $primary;
    padding: 0 1;
    background: $surface;
}}
{name} .row {{
    height: 1;
}}
{name} .row Label {{
    width: 34;
}}
{name} .row Input {{
    width: 1fr;
    border: none;
    height: 1;
    padding: 0 1;
}}
{name} #form-problem {{
    color: $error;
}}
"""


class ScoreDialog(ModalScreen["dict[str, float] | None"]):
    """Points per criterion; dismisses with the points typed (criteria left empty keep
    their last score), or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save")),
        Binding("escape", "cancel", _("Cancel")),
        Binding("down", "app.focus_next", _("Next field"), show=False),
        Binding("up", "app.focus_previous", _("Previous field"), show=False),
    ]

    DEFAULT_CSS = _FORM_CSS.format(name="ScoreDialog")

    def __init__(self, project: Project, last: Score | None) -> None:
        super().__init__()
        self.project = project
        self.last = last

    def compose(self) -> ComposeResult:
        from syllabus.model.rubric import points_text

        rubric = self.project.rubric
        before = self.last.by_criterion() if self.last is not None else {}
        with Vertical(id="dialog"):
            yield Label(Content.assemble((_("Score"), "bold"), " ", one_line(self.project.title)))
            if not rubric.stated:
                yield Label(Content(_("no rubric in the roadmap: scored overall, out of 100")))
            for n, criterion in enumerate(rubric.criteria):
                most = points_text(criterion.max_points)
                given = before.get(criterion.name)
                with Horizontal(classes="row"):
                    label = _("{name} (of {most})").format(name=criterion.name, most=most)
                    yield Label(Content(one_line(label)))
                    yield Input(
                        "" if given is None else points_text(given),
                        placeholder="–",
                        id=f"points-{n}",
                    )
            yield Label(Content(""), id="form-total")
            yield Label(Content(""), id="form-problem")
            yield Label(Content(_("ctrl+s saves · escape cancels · ↑ ↓ move")), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#points-0", Input).focus()
        self._show_total()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_total()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def _typed(self) -> tuple[dict[str, float], str | None]:
        """The points typed by criterion name, and the first problem (None: all fine)."""
        from syllabus.model.rubric import check_points
        from syllabus.model.units import InvalidEntry

        points: dict[str, float] = {}
        problem = None
        for n, criterion in enumerate(self.project.rubric.criteria):
            raw = self.query_one(f"#points-{n}", Input).value.strip()
            if not raw:
                continue
            try:
                points[criterion.name] = check_points(criterion, raw)
            except InvalidEntry as error:
                problem = problem or str(error)
        return points, problem

    def _show_total(self) -> None:
        from syllabus.model.rubric import points_text

        points, problem = self._typed()
        summed = sum(points.values())
        most = points_text(self.project.rubric.total)
        text = _("total: {points}/{most}").format(points=points_text(summed), most=most)
        self.query_one("#form-total", Label).update(Content.styled(text, "bold"))
        self.query_one("#form-problem", Label).update(Content(problem or ""))

    def action_save(self) -> None:
        """Save the points typed, if each lies within its criterion's share."""
        points, problem = self._typed()
        if problem is not None:
            self.query_one("#form-problem", Label).update(Content(problem))
            return
        self.dismiss(points)

    def action_cancel(self) -> None:
        """Leave the score as it was."""
        self.dismiss(None)


class EvidenceDialog(ModalScreen["tuple[str, str, str] | None"]):
    """Repository, demo and write-up; dismisses with the three (empty clears one), or
    None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save")),
        Binding("escape", "cancel", _("Cancel")),
        Binding("down", "app.focus_next", _("Next field"), show=False),
        Binding("up", "app.focus_previous", _("Previous field"), show=False),
    ]

    DEFAULT_CSS = _FORM_CSS.format(name="EvidenceDialog")

    def __init__(self, title: str, evidence: Evidence | None) -> None:
        super().__init__()
        self._title = title
        self._evidence = evidence

    def compose(self) -> ComposeResult:
        ev = self._evidence
        with Vertical(id="dialog"):
            yield Label(Content.assemble((_("Evidence"), "bold"), " ", one_line(self._title)))
            fields = (
                ("repo", _("Repository (http/https)"), ev.repo if ev else None),
                ("demo", _("Live demo (http/https)"), ev.demo if ev else None),
                ("note", _("Short write-up"), ev.note if ev else None),
            )
            for key, label, value in fields:
                with Horizontal(classes="row"):
                    yield Label(Content(label))
                    yield Input(value or "", id=f"evidence-{key}")
            yield Label(Content(""), id="form-problem")
            yield Label(Content(_("ctrl+s saves · escape cancels · nothing is fetched")))

    def on_mount(self) -> None:
        self.query_one("#evidence-repo", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Save, if each link is an http(s) address."""
        from syllabus.model.portfolio import check_url
        from syllabus.model.units import InvalidEntry

        repo = self.query_one("#evidence-repo", Input).value.strip()
        demo = self.query_one("#evidence-demo", Input).value.strip()
        note = self.query_one("#evidence-note", Input).value.strip()
        try:
            for url, what in ((repo, _("the repository")), (demo, _("the demo"))):
                if url:
                    check_url(url, what)
        except InvalidEntry as error:
            self.query_one("#form-problem", Label).update(Content(str(error)))
            return
        self.dismiss((repo, demo, note))

    def action_cancel(self) -> None:
        """Leave the evidence as it was."""
        self.dismiss(None)
