"""ReviewScreen: today's review cards, one at a time — the prompt, the recall, a grade.

The cards and their order are the model's (``model.review``: ``cards`` and ``queue``, as
``syllabus review`` lists them), so the screen and the command line never disagree. A
card shows its prompt (the question, or the topic); space or enter shows the recall (the
node's title, goal and resources, roadmap text shown literally); then ``1`` ``2`` ``3``
``4`` grade it again, hard, good or easy through FSRS (``review.graded``), one change
through the store and one undo step each. The screen follows the store: an undo brings
the card back, a grade made by ``syllabus review`` elsewhere takes it away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from syllabus.locale import _, ngettext
from syllabus.tui.literal import literal

if TYPE_CHECKING:
    from datetime import date

    from textual.app import ComposeResult

    from syllabus.model.review import Card, Grade, Queue
    from syllabus.tui.store import Change, ProgressStore


def review_queue(store: ProgressStore, today: date) -> Queue | None:
    """Today's cards of the open roadmap, as ``syllabus review`` lists them (None while
    nothing is open)."""
    progress, session = store.progress, store.session
    if progress is None or session is None:
        return None
    from syllabus.model import review
    from syllabus.model.schedule.calendar import StudyCalendar, calendar_for

    rp = progress.roadmap(session.roadmap_id)
    calendar = calendar_for(rp.enrolled) if rp.enrolled is not None else StudyCalendar()
    found = review.cards(session.roadmap, rp, calendar, progress.settings.day_start_hour)
    return review.queue(found, calendar, today)


class ReviewScreen(Screen[None]):
    """Today's reviews of the open roadmap."""

    BINDINGS = [
        Binding("space,enter", "reveal", _("Show the answer")),
        Binding("1", "grade('again')", _("Again")),
        Binding("2", "grade('hard')", _("Hard")),
        Binding("3", "grade('good')", _("Good")),
        Binding("4", "grade('easy')", _("Easy")),
        Binding("escape,q,v", "close", _("Close")),
    ]

    DEFAULT_CSS = """
    ReviewScreen #review-card {
        height: auto;
        border: round $primary;
        padding: 0 1;
        margin: 1 2;
    }
    ReviewScreen #review-count {
        color: $text-muted;
        margin: 0 2;
    }
    ReviewScreen #review-prompt {
        text-style: bold;
        margin-bottom: 1;
    }
    ReviewScreen #review-recall {
        height: auto;
        display: none;
    }
    ReviewScreen #review-recall.-shown {
        display: block;
    }
    ReviewScreen #review-hint {
        color: $text-muted;
        margin: 0 2;
    }
    """

    def __init__(self, store: ProgressStore, *, today: date, first: str | None = None) -> None:
        super().__init__()
        self.store = store
        """The learner's progress and the open roadmap."""
        self.today = today
        """Today's study day."""
        self._first = first
        self._cards: list[Card] = []
        self._backlog = 0
        self._revealed = False
        self._graded = 0

    @property
    def card(self) -> Card | None:
        """The card shown, None when none is left today."""
        return self._cards[0] if self._cards else None

    @property
    def revealed(self) -> bool:
        """Whether the recall of the card shown is on screen."""
        return self._revealed

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="review-count")
        with Vertical(id="review-card"):
            yield Static("", id="review-prompt")
            yield Static("", id="review-recall")
        yield Static("", id="review-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-card").border_title = _("Review")
        self.store.changed.subscribe(self, self._store_changed)
        self._load()

    def _store_changed(self, change: Change) -> None:
        if change.origin is not self:
            self._load()

    def _load(self) -> None:
        """Today's cards from the progress held: a card that came back (an undo) first,
        else the card shown while it is still due."""
        before = {c.id for c in self._cards}
        queue = review_queue(self.store, self.today)
        cards = list(queue.due) if queue else []
        self._backlog = queue.backlog if queue else 0
        ids = [c.id for c in cards]
        back = [i for i in ids if i not in before] if before and not self._first else []
        shown = back[0] if back else self.card.id if self.card else self._first
        self._first = None
        if shown in ids:
            cards.insert(0, cards.pop(ids.index(shown)))
        else:
            self._revealed = False
        self._cards = cards
        self._show()

    def _show(self) -> None:
        card = self.card
        count = self.query_one("#review-count", Static)
        prompt = self.query_one("#review-prompt", Static)
        recall = self.query_one("#review-recall", Static)
        hint = self.query_one("#review-hint", Static)
        if card is None:
            prompt.update(Content(_("No review due today.")))
            recall.update(Content(""))
            recall.set_class(False, "-shown")
            count.update(Content(self._backlog_text()))
            hint.update(Content(_("escape goes back")))
            self.refresh_bindings()
            return
        line = ngettext("{n} card to review today", "{n} cards to review today", len(self._cards))
        said = [line.format(n=len(self._cards)), self._backlog_text()]
        count.update(Content(" · ".join(filter(None, said))))
        prompt.update(literal(card.prompt))
        recall.update(Content("\n").join(literal(text) for text in card.recall))
        recall.set_class(self._revealed, "-shown")
        if self._revealed:
            hint.update(Content(_("1 again · 2 hard · 3 good · 4 easy")))
        else:
            hint.update(Content(_("Recall it, then space shows the answer.")))
        self.refresh_bindings()

    def _backlog_text(self) -> str:
        if not self._backlog:
            return ""
        return ngettext(
            "backlog: {n} more card, on the next study days",
            "backlog: {n} more cards, on the next study days",
            self._backlog,
        ).format(n=self._backlog)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grades only once the answer shows; showing it only while there is a card."""
        if action == "grade":
            return self._revealed and self.card is not None
        if action == "reveal":
            return self.card is not None and not self._revealed
        return True

    def action_reveal(self) -> None:
        """Show what to check the answer against."""
        if self.card is not None:
            self._revealed = True
            self._show()

    def action_grade(self, how: Grade) -> None:
        """Grade the card shown (FSRS), save it, and show the next one."""
        card, progress, session = self.card, self.store.progress, self.store.session
        if card is None or progress is None or session is None or not self._revealed:
            return
        from syllabus import clock
        from syllabus.model import review

        changed = review.graded(progress, session.roadmap_id, card, how, self.today, clock.now())
        self._graded += 1
        self._revealed = False
        self.store.commit(changed, origin=self)
        self._cards = self._cards[1:]
        self._load()

    def action_close(self) -> None:
        """Back to where the review was opened."""
        self.dismiss(None)
