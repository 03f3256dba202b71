"""WeekScreen: the weekly review — planned against done, the buffer, the forecast, the
streak, the activity mix, the week's notes and three prompts — with its charts.

The figures are the model's (``schedule.week.week_review``) and read as the CLI prints
them (``cli.week.review_lines``), so ``syllabus week`` and this screen never disagree.
The charts (hours a week planned against logged over the whole plan, the burn-up of the
bright line against the hours done, the activity mix) are mounted after the figures'
first frame, and their library is imported only then: opening the app never loads it.

Keys: ``[``/``]`` (or ←/→) the week before or after; ``1`` ``2`` ``3`` answer a prompt
(saved as the week's note, one undo step each); ``p`` changes the pace and ``r``
replans (issue 13's behind options, one change and one undo step each); escape, ``q``
or ``w`` close it. The screen follows the store, so a check-in made elsewhere shows.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, Label, Static

from syllabus.locale import _
from syllabus.tui.literal import one_line
from syllabus.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.model.schedule import Status
    from syllabus.model.schedule.week import WeekReview
    from syllabus.tui.store import Change, ProgressStore

ONE_WEEK = timedelta(days=7)


class AnswerDialog(ModalScreen[str | None]):
    """One line for a prompt's answer; dismisses with the text ("" removes it) or None."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    DEFAULT_CSS = """
    AnswerDialog {
        align: center middle;
    }
    AnswerDialog #dialog {
        width: 70;
        max-width: 100%;
        height: auto;
        border: round $primary;
        padding: 0 1;
        background: $surface;
    }
    """

    def __init__(self, prompt: str, text: str) -> None:
        super().__init__()
        self._prompt = prompt
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content.assemble((self._prompt, "bold")))
            yield Input(self._text, id="answer-text")
            yield Label(Content(_("enter saves · escape cancels · empty removes the answer")))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Leave the answer as it was."""
        self.dismiss(None)


class WeekScreen(Screen[None]):
    """One week of the open roadmap, reviewed."""

    BINDINGS = [
        Binding("escape,q,w", "close", _("Close")),
        Binding("left_square_bracket,left", "move(-1)", _("Week before")),
        Binding("right_square_bracket,right", "move(1)", _("Week after")),
        Binding("1", "answer('worked')", _("What worked")),
        Binding("2", "answer('blocked')", _("In the way")),
        Binding("3", "answer('next')", _("What next")),
        Binding("p", "decide('pace')", _("Change pace")),
        Binding("r", "decide('replan')", _("Replan")),
    ]

    DEFAULT_CSS = """
    WeekScreen #week-body {
        height: 1fr;
    }
    WeekScreen #week-figures {
        height: auto;
        padding: 0 1;
    }
    WeekScreen #week-charts {
        height: auto;
    }
    WeekScreen #week-charts > * {
        margin-top: 1;
    }
    """

    def __init__(self, store: ProgressStore, *, today: date, status: Status | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self._status = status
        self.monday = today - timedelta(days=today.weekday())
        self.review: WeekReview | None = None
        self.charts_loaded = False
        """Whether the charts are mounted and filled."""

    def compose(self) -> ComposeResult:
        # the chart library is imported here, when the review opens, never before
        from syllabus.tui.widgets.burn_up import BurnUpChart
        from syllabus.tui.widgets.charts import MixChart, WeekHoursChart

        yield Header()
        with VerticalScroll(id="week-body"):
            yield Static(Content(""), id="week-figures")
            with Vertical(id="week-charts"):
                yield WeekHoursChart(id="week-hours-chart")
                yield BurnUpChart(id="week-burn-up")
                yield MixChart(id="week-mix-chart")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("Weekly review")
        self.store.changed.subscribe(self, self._store_changed)
        self.charts_loaded = True
        self._show()

    # --- the figures -------------------------------------------------------------------

    def _compute(self) -> WeekReview | None:
        from syllabus.cli.week import review_of
        from syllabus.model.schedule.week import week_review

        progress, session = self.store.progress, self.store.session
        if progress is None or session is None or session.roadmap_id is None:
            return None
        roadmap, roadmap_id = session.roadmap, session.roadmap_id
        status = self._status
        if status is None or status.roadmap_id != roadmap_id:
            return review_of(roadmap, progress, roadmap_id, self.monday, self.today)
        from syllabus.cli.week import target_mix

        return week_review(
            roadmap, progress, roadmap_id, self.monday, self.today, target_mix(roadmap), status
        )

    def _show(self) -> None:
        from syllabus.cli.week import review_lines

        review = self._compute()
        self.review = review
        session = self.store.session
        if review is None or session is None:
            text = _("No roadmap is open.")
        else:
            text = "\n".join(review_lines(session.roadmap, review, hint=False))
            self.sub_title = one_line(session.roadmap.title)
        self.query_one("#week-figures", Static).update(Content(text))
        if self.charts_loaded:
            self._fill_charts()

    def _store_changed(self, change: Change) -> None:
        self._status = None  # today's status changed with the progress
        if self.is_mounted:
            self._show()

    # --- the charts -----------------------------------------------------------------------

    def _fill_charts(self) -> None:
        from syllabus.cli.week import activity_name
        from syllabus.model.schedule import burn_up
        from syllabus.tui.widgets.burn_up import BurnUpChart
        from syllabus.tui.widgets.charts import Mix, MixChart, WeekHours, WeekHoursChart, thinned

        review = self.review
        if review is None:
            return
        status = review.status
        weeks = sorted(status.week_hours)
        self.query_one(WeekHoursChart).data = WeekHours(
            weeks,
            [status.week_hours[w].planned for w in weeks],
            [status.week_hours[w].logged for w in weeks],
        )
        self.query_one(BurnUpChart).data = thinned(burn_up(status))
        self.query_one(MixChart).data = Mix(
            [activity_name(share.activity) for share in review.mix],
            [round(share.share * 100, 1) for share in review.mix],
            [round((share.target or 0.0) * 100, 1) for share in review.mix],
        )

    # --- actions ----------------------------------------------------------------------------

    def action_close(self) -> None:
        """Back to the main screen."""
        self.dismiss(None)

    def action_move(self, weeks: int) -> None:
        """The week before or after (not beyond this one)."""
        monday = self.monday + weeks * ONE_WEEK
        if monday > self.today:
            self.notify(_("This week is the latest one to review."), markup=False)
            return
        self.monday = monday
        self._show()

    def action_answer(self, prompt: str) -> None:
        """Answer one of the week's prompts."""
        from syllabus.cli.week import PROMPTS

        review = self.review
        if review is None or self.store.read_only:
            return
        current = review.answers.get(prompt, "")
        week = review.week

        def save(text: str | None) -> None:
            self._save_answer(week, prompt, text)

        self.app.push_screen(AnswerDialog(_(PROMPTS[prompt]), current), save)

    def _save_answer(self, week: str, prompt: str, text: str | None) -> None:
        from syllabus.clock import now
        from syllabus.model.progress import set_week_answer

        progress, session = self.store.progress, self.store.session
        if text is None or progress is None or session is None or session.roadmap_id is None:
            return
        changed = set_week_answer(progress, session.roadmap_id, week, prompt, text, now())
        if changed != progress:
            self.store.commit(changed, origin=self)

    def action_decide(self, choice: str) -> None:
        """Change the pace or replan, as the behind options do (one undo step)."""
        from syllabus.tui import deciding

        said = deciding.apply(self.store, choice, self.today, self._status)
        if said:
            self.notify(said, markup=False)
