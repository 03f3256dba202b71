"""Spaced review of what was learned: cards, when they are due, and grading them.

A card asks one thing a finished node taught: a question or outcome line of the node
("Can …", "Explain …", an "Interview Prep" question), or — added by the learner — any
finished item or node. Its id comes from its source (``ITEM_ID``, ``ITEM_ID#n`` for the
n-th question of one item, a node's id), so two machines make the same card.

The cards of a finished node exist from the moment it is finished (every item that
counts closed) and are first due the next study day; nothing is stored for them until
they are graded. Grading goes through the FSRS scheduler (the ``fsrs`` package, imported
only when a card is graded), in days: no learning steps, no fuzzing, the review time noon
UTC of the study day, so a graded card is never due the same day and "again" brings it
back the next study day. Rest days and pauses move a due card to the next study day; a
study day takes at most ``DAILY_REVIEWS`` cards, the rest is the backlog, spread over
the days after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from syllabus.model.progress import ItemState, Progress, ReviewCard, RoadmapProgress, put_record
from syllabus.model.roadmap import ItemKind, Node, Roadmap
from syllabus.model.rules import node_tally, tally

if TYPE_CHECKING:
    from syllabus.model.roadmap import Item
    from syllabus.model.schedule.calendar import StudyCalendar

Grade = Literal["again", "hard", "good", "easy"]
GRADES: tuple[Grade, ...] = ("again", "hard", "good", "easy")
"""The grades, in the order of the FSRS ratings (1-4)."""

REVIEW_MINUTES = 3.0
"""A card's review time unless it says otherwise."""

DAILY_REVIEWS = 10
"""Cards a study day takes at most; more due ones wait as the backlog."""

_QUESTION_GROUPS = re.compile(r"interview|question|frage|quiz|self.?check|selbsttest", re.I)
_QUESTION_WORDS = ("can", "explain", "kann", "kannst", "erkläre", "erklären")
_QUESTION_STARTS = re.compile(rf"({'|'.join(_QUESTION_WORDS)})\b", re.I)
"""Words that make a line a question to recall: a self-check ("Can you …", "Kann …") or
a call to explain ("Explain …", "Erkläre …"). Other question words start tasks as often
as questions ("Compare with baseline", "How-to: set up …") and count only with a ``?``."""
_ASKS = re.compile(r"\?(?:\s|$)")
"""A question mark that ends a sentence (not one inside a link's query)."""
_QUOTES = "\"'“”„‚‘’«»"
_SPACE_QUOTES = _QUOTES + " \t\n\r\f\v"
_STARTS = frozenset(word[0] for word in _QUESTION_WORDS)
"""First letters of ``_QUESTION_STARTS``' words."""
_SENTENCE = re.compile(r"[^?]*\?")


@dataclass(frozen=True, slots=True)
class Card:
    """A review card as the learner sees it."""

    id: str
    """``ITEM_ID``, ``ITEM_ID#n`` or a node's id."""
    node_id: str
    """The node the card's source is in (the node itself for a node's card)."""
    prompt: str
    """What to recall: the question, or the topic (roadmap text, shown literally)."""
    recall: tuple[str, ...]
    """What to check the answer against: the node's title and resources."""
    due: date
    """The study day it is due (rest days and pauses moved past)."""
    minutes: float
    """Its review time."""
    record: ReviewCard | None
    """Its stored state; None for a card of a finished node never graded yet."""


# --- where cards come from ---------------------------------------------------------------


def questions(text: str) -> list[str]:
    """The questions one item's text asks: each sentence ending in ``?`` when there are
    several, else the whole text (quotes around it dropped)."""
    bare = text.strip().strip(_QUOTES).strip()
    found = [q.strip().strip(_QUOTES).strip() for q in _SENTENCE.findall(bare)]
    found = [q for q in found if q]
    return found if len(found) > 1 else [bare or text]


def is_question(item: Item) -> bool:
    """Whether an item is a question or an outcome to review: an outcome, an item under a
    questions heading ("Interview Prep"), or a line that asks: a sentence ending in ``?``
    ("What is ML? Supervised vs unsupervised"), a self-check ("Can …") or a call to
    explain ("Explain …"). A task that only starts with a question word ("Compare with
    baseline", "Describe the data in a notebook") is no card."""
    if item.kind is ItemKind.OUTCOME:
        return True
    if item.group and _QUESTION_GROUPS.search(item.group):
        return True
    text = item.text
    if "?" not in text and text.lstrip(_SPACE_QUOTES)[:1].lower() not in _STARTS:
        return False  # most lines: neither asks nor starts with a question word
    bare = text.strip().strip(_QUOTES).strip()
    return bool(_ASKS.search(bare) or _QUESTION_STARTS.match(bare))


def item_cards(item: Item) -> list[tuple[str, str]]:
    """(card id, prompt) of every question an item asks."""
    asked = questions(item.text)
    if len(asked) == 1:
        return [(item.id, asked[0])]
    return [(f"{item.id}#{n}", q) for n, q in enumerate(asked, start=1)]


def node_sources(node: Node) -> list[tuple[str, str]]:
    """(card id, prompt) of the question and outcome lines of one node (its own items)."""
    found: list[tuple[str, str]] = []
    for item in node.items:
        if is_question(item):
            found += item_cards(item)
    return found


def _own_by_node(rp: RoadmapProgress) -> dict[str, list[str]]:
    own: dict[str, list[str]] = {}
    for own_item in rp.live_own_items():
        own.setdefault(own_item.node, []).append(own_item.id)
    return own


def finished_at(node: Node, rp: RoadmapProgress, own: dict[str, list[str]]) -> datetime | None:
    """The moment a node was finished (every item that counts closed, at least one, by
    the counting rule of ``rules.tally``: the last of them first closed); None if not."""
    counted = [(i.id, i.optional) for inner in node.walk() for i in inner.items if i.checkable]
    counted += [(i, False) for inner in node.walk() for i in own.get(inner.id, ())]
    records = rp.items
    # an item that counts and was never touched is open: no need to count the rest
    if any(not optional and i not in records for i, optional in counted):
        return None
    total = tally((rp.state(i), optional) for i, optional in counted)
    if not total.total or not total.complete:
        return None
    moments = [r.closed_at for i, _ in counted if (r := records.get(i)) and r.closed_at]
    return max(moments, default=None)


def _item_finished(rp: RoadmapProgress, item_id: str) -> bool:
    state = rp.state(item_id)
    return state is ItemState.DONE or state is ItemState.SKIPPED


# --- the cards there are -----------------------------------------------------------------


def _due_day(moment: datetime) -> date:
    """The study day a stored due time names (due times are noon UTC of a day)."""
    return moment.astimezone(UTC).date()


def review_time(day: date) -> datetime:
    """The moment a review on a study day is given to FSRS: noon UTC, so a day's reviews
    fall on that day whatever the zone, and the next interval starts the day after."""
    return datetime.combine(day, time(12), UTC)


def _finished_day(moment: datetime, day_start_hour: int) -> date:
    from syllabus.model.schedule.tracked import done_day

    return done_day(moment, day_start_hour)


@dataclass(frozen=True, slots=True)
class _Source:
    """Where a card's question comes from: its node and the prompt found there."""

    node: Node
    prompt: str


@dataclass(slots=True)
class _Index:
    """What a roadmap's text gives for review, read once per roadmap."""

    roadmap: Roadmap
    asking: tuple[tuple[Node, tuple[tuple[str, str], ...]], ...]
    """The nodes with question or outcome lines, with those cards (``node_sources``):
    the only nodes whose finishing makes cards."""
    nodes: dict[str, Node] | None = None
    """Nodes by id, once a stored card asked for its source."""
    items: dict[str, tuple[Node, Item]] | None = None
    """Items, with their node, by id, once a stored card asked for its source."""

    def node(self, node_id: str) -> Node | None:
        """The node of that id, if the roadmap has one."""
        if self.nodes is None:
            self.nodes = self.roadmap.node_index()
        return self.nodes.get(node_id)

    def source(self, card_id: str) -> _Source | None:
        """The node and prompt of a card id the text gives (a node's id, ``ITEM_ID``,
        ``ITEM_ID#n``); None for one it does not give. Only the item a card names is
        split into its questions."""
        if self.items is None:
            self.items = self.roadmap.item_index()
        node = self.node(card_id)
        if node is not None:
            return _Source(node, node.title)
        for item_id in (card_id, card_id.rpartition("#")[0]):
            found = self.items.get(item_id)
            if found is not None:
                prompt = dict(item_cards(found[1])).get(card_id)
                if prompt is not None:
                    return _Source(found[0], prompt)
        return None


_INDEXES: dict[int, tuple[Roadmap, _Index]] = {}
_KEEP = 8


def _index(roadmap: Roadmap) -> _Index:
    """The roadmap's review index, kept for the last few roadmaps (a roadmap is never
    changed in place: a re-import or an edit makes a new one)."""
    kept = _INDEXES.get(id(roadmap))
    if kept is not None and kept[0] is roadmap:
        return kept[1]
    asking: list[tuple[Node, tuple[tuple[str, str], ...]]] = []
    for node in roadmap.walk():
        asked = node_sources(node)
        if asked:
            asking.append((node, tuple(asked)))
    index = _Index(roadmap, tuple(asking))
    if len(_INDEXES) >= _KEEP:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[id(roadmap)] = (roadmap, index)
    return index


def _recall(node: Node) -> tuple[str, ...]:
    lines = [node.title]
    if node.goal:
        lines.append(node.goal)
    for item in node.items:
        if item.kind is ItemKind.RESOURCE:
            lines.append(f"{item.text} {item.url}" if item.url else item.text)
    return tuple(lines)


def cards(
    roadmap: Roadmap,
    rp: RoadmapProgress,
    calendar: StudyCalendar,
    day_start_hour: int = 4,
) -> list[Card]:
    """Every live card of a roadmap, by due day then id: the stored ones and those of
    finished nodes never graded (first due the study day after the node was finished).

    Only the nodes with question or outcome lines are looked at (read once per
    roadmap), and nothing at all before a card is stored or an item closed."""
    if not rp.cards and not rp.items:
        return []
    index = _index(roadmap)
    found: list[Card] = []
    for card_id, record in rp.cards.items():
        if record.deleted:
            continue
        source = index.source(card_id)
        node = source.node if source else index.node(record.node)
        prompt = source.prompt if source else card_id
        found.append(
            Card(
                card_id,
                record.node,
                prompt,
                _recall(node) if node else (),
                calendar.first_on_or_after(_due_day(record.due)),
                record.minutes,
                record,
            )
        )
    own = _own_by_node(rp) if rp.items else {}
    for node, asked in index.asking if rp.items else ():
        new = [(c, p) for c, p in asked if (s := rp.cards.get(c)) is None or s.deleted]
        moment = finished_at(node, rp, own) if new else None
        if moment is None:
            continue
        finished = _finished_day(moment, day_start_hour)
        first = calendar.first_on_or_after(finished + timedelta(1))
        recall = _recall(node)
        for card_id, prompt in new:
            found.append(Card(card_id, node.id, prompt, recall, first, REVIEW_MINUTES, None))
    found.sort(key=lambda c: (c.due, c.id))
    return found


def spread(
    found: Iterable[Card], calendar: StudyCalendar, today: date, days: int = 1
) -> dict[date, list[Card]]:
    """The cards due by today and in the ``days`` days from today, by the study day
    they are reviewed on: at most ``DAILY_REVIEWS`` a day, the oldest first, the rest
    carried to the next study day."""
    waiting = sorted((c for c in found), key=lambda c: (c.due, c.id))
    out: dict[date, list[Card]] = {}
    carried: list[Card] = []
    day = today
    i = 0
    for _ in range(days):
        while i < len(waiting) and waiting[i].due <= day:
            carried.append(waiting[i])
            i += 1
        if calendar.is_study_day(day):
            out[day], carried = carried[:DAILY_REVIEWS], carried[DAILY_REVIEWS:]
        day += timedelta(1)
    return out


@dataclass(frozen=True, slots=True)
class Queue:
    """Today's reviews and what waits behind them."""

    due: list[Card]
    """The cards to review today (none on a rest or pause day)."""
    backlog: int
    """Cards due by today that today does not take: they come on the next study days."""


def queue(found: Iterable[Card], calendar: StudyCalendar, today: date) -> Queue:
    """Today's share of the cards due by today, and the count left for the days after."""
    due_now = [c for c in found if c.due <= today]
    taken = spread(due_now, calendar, today).get(today, [])
    return Queue(taken, len(due_now) - len(taken))


def weekly_minutes(found: Iterable[Card], days_per_week: int = 7) -> float:
    """The review time a week asks of the cards there are: each card once per interval
    (its stability in days, one week before its first grade), at most once a study day."""
    total = 0.0
    for card in found:
        stability = card.record.stability if card.record else None
        interval = max(1.0, stability) if stability is not None else 7.0
        total += card.minutes * min(float(days_per_week), 7.0 / interval)
    return total


def minutes_by_day(
    found: Iterable[Card], calendar: StudyCalendar, today: date, days: int
) -> dict[date, float]:
    """Review minutes on the days from today (``days`` of them) the cards are reviewed
    on, as ``spread`` puts them (rest days and pauses moved past, a day's share at most
    ``DAILY_REVIEWS`` cards): for the calendar's day detail and the agenda."""
    return {
        day: sum(card.minutes for card in taken)
        for day, taken in spread(found, calendar, today, days).items()
        if taken
    }


# --- changes -----------------------------------------------------------------------------


def _path(roadmap_id: str, card_id: str) -> tuple[str, ...]:
    return ("roadmaps", roadmap_id, "cards", card_id)


def grade(card: Card, how: Grade, today: date, when: datetime) -> ReviewCard:
    """The card's new state after a review today, by FSRS; ``when`` is the record time.

    The card is created for FSRS with its explicit due (noon UTC of its due day); the
    next due is at least the day after today, and "again" brings it back then.
    """
    import fsrs

    scheduler = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    record = card.record
    states = {"learning": fsrs.State.Learning, "review": fsrs.State.Review}
    state = states.get(record.state, fsrs.State.Relearning) if record else fsrs.State.Learning
    before = fsrs.Card(
        card_id=0,
        state=state,
        step=0 if state is not fsrs.State.Review else None,
        stability=record.stability if record else None,
        difficulty=record.difficulty if record else None,
        due=record.due if record else review_time(card.due),
        last_review=record.last_review if record else None,
    )
    moment = review_time(today)
    after, _log = scheduler.review_card(before, fsrs.Rating(GRADES.index(how) + 1), moment)
    next_day = moment + timedelta(days=1)
    due = next_day if how == "again" else max(after.due.astimezone(UTC), next_day)
    names = {fsrs.State.Learning: "learning", fsrs.State.Review: "review"}
    return ReviewCard(
        node=card.node_id,
        due=due,
        state=names.get(after.state, "relearning"),  # type: ignore[arg-type]
        stability=after.stability,
        difficulty=after.difficulty,
        last_review=moment,
        minutes=card.minutes,
        updated=when,
    )


def put_card(progress: Progress, roadmap_id: str, card_id: str, card: ReviewCard) -> Progress:
    """Save a card's state."""
    return put_record(progress, _path(roadmap_id, card_id), card)


def graded(
    progress: Progress, roadmap_id: str, card: Card, how: Grade, today: date, when: datetime
) -> Progress:
    """``progress`` with one card graded today."""
    return put_card(progress, roadmap_id, card.id, grade(card, how, today, when))


class NotFinished(ValueError):
    """Only a finished item or node can be added to review."""


def addable(roadmap: Roadmap, rp: RoadmapProgress, target_id: str) -> list[tuple[str, str]]:
    """(card id, node id) of the cards adding an item or a node makes; raises
    ``NotFinished`` when it is not finished and ``KeyError`` when there is no such id."""
    nodes = roadmap.node_index()
    if target_id in nodes:
        node = nodes[target_id]
        tally = node_tally(node, rp)
        if tally.total == 0 or not tally.complete:
            raise NotFinished(target_id)
        return [(target_id, target_id)]
    node, item = roadmap.item_index()[target_id]
    if item.checkable and not _item_finished(rp, item.id):
        raise NotFinished(target_id)
    return [(card_id, node.id) for card_id, _prompt in item_cards(item)]


def add_cards(
    progress: Progress,
    roadmap_id: str,
    made: Iterable[tuple[str, str]],
    first: date,
    when: datetime,
) -> Progress:
    """Add cards (card id, node id) first due on ``first``; a live card stays as it is,
    a removed one comes back."""
    rp = progress.roadmap(roadmap_id)
    for card_id, node_id in made:
        old = rp.cards.get(card_id)
        if old is not None and not old.deleted:
            continue
        card = ReviewCard(node=node_id, due=review_time(first), updated=when)
        progress = put_card(progress, roadmap_id, card_id, card)
    return progress


def find(found: Iterable[Card], card_id: str) -> Card | None:
    """The card with an id, if it is live."""
    return next((c for c in found if c.id == card_id), None)
