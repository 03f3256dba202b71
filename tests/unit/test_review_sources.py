"""A stored card shows the prompt its source gives, looked up only for that card.

The review index no longer splits every item of a roadmap into its questions when it
opens (issue 18): a stored card's id is looked up when the card is listed. These are
the ids there are: a question of an item asking several (``ITEM#n``), a whole item,
a node, and an id the roadmap no longer has (its own id as prompt, its stored node).
"""

from __future__ import annotations

from datetime import UTC, datetime

from test_review import FINISHED, enrolled, enrolment, finished, roadmap

from syllabus.model import progress as pm
from syllabus.model import review
from syllabus.model.schedule.calendar import calendar_for

DUE = datetime(2026, 11, 9, 12, tzinfo=UTC)


def stored(node: str) -> pm.ReviewCard:
    return pm.ReviewCard(node=node, due=DUE, updated=FINISHED)


def test_stored_cards_show_their_source_s_prompt_and_node() -> None:
    progress = finished(enrolled())
    ids = {"week-1/two#2": "week-1", "week-1/a": "week-1", "week-1": "week-1", "gone/x": "week-2"}
    for card_id, node in ids.items():
        progress = review.put_card(progress, "rev", card_id, stored(node))
    found = review.cards(roadmap(), progress.roadmap("rev"), calendar_for(enrolment()))
    by_id = {card.id: card for card in found if card.record is not None}
    assert {i: c.prompt for i, c in by_id.items()} == {
        "week-1/two#2": "What is variance?",
        "week-1/a": "Read the intro",
        "week-1": "Week 1",
        "gone/x": "gone/x",
    }
    assert by_id["gone/x"].recall[0] == "Week 2"  # the stored node's title and resources
    assert by_id["week-1/two#2"].recall[0] == "Week 1"
    # the cards of the finished node never graded are there beside them
    assert {c.id for c in found if c.record is None} == {"week-1/can", "week-1/q", "week-1/two#1"}
