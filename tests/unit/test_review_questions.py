"""Which lines make review cards (issue 15.1): real questions only — a sentence ending in
``?``, a self-check ("Can …"), a call to explain ("Explain …"), an item under a
questions heading, an outcome; never a task that merely starts with a question word."""

from __future__ import annotations

import pytest

from syllabus.model.review import is_question, item_cards
from syllabus.model.roadmap import Item, ItemKind


def _item(text: str, group: str | None = None, kind: ItemKind = ItemKind.TASK) -> Item:
    return Item(id="w/x", text=text, group=group, kind=kind)


@pytest.mark.parametrize(
    "text",
    [
        "Why does the learning rate matter?",
        '"What is overfitting?"',
        "What is ML? Supervised vs unsupervised",  # a question, then its topics
        "Can implement linear regression from scratch",
        "Can you explain the bias-variance trade-off",
        "Explain limitations of clustering",
        "Kann eine Pipeline mit scikit-learn bauen",
        "Erkläre den Unterschied zwischen L1 und L2",
    ],
)
def test_questions_self_checks_and_calls_to_explain_are_cards(text: str) -> None:
    assert is_question(_item(text))


@pytest.mark.parametrize(
    "text",
    [
        "Compare with baseline (mean predictor)",
        "Describe the dataset in a notebook",
        "How-to: set up a virtual environment",
        "What to read next: the scikit-learn user guide",
        "When done, push the notebook to GitHub",
        "Why Python: a short history",
        "Read https://example.org/search?q=pandas first",  # a link's query is no question
        "Candidate models: ridge and lasso",  # 'Can' only as a word
        "Wie man Daten lädt",
    ],
)
def test_tasks_starting_with_a_question_word_are_not(text: str) -> None:
    assert not is_question(_item(text))


def test_a_questions_heading_or_an_outcome_makes_any_line_a_card() -> None:
    assert is_question(_item("Bias vs variance", group="Interview Prep"))
    assert is_question(_item("Gradient descent", group="Self-check"))
    assert is_question(_item("Vectorised a loop with NumPy", kind=ItemKind.OUTCOME))
    assert not is_question(_item("Compare with baseline", group="Stretch goals / Next steps"))


def test_several_questions_in_one_line_are_one_card_each() -> None:
    item = _item("What is a tensor? Why does its shape matter?")
    assert item_cards(item) == [
        ("w/x#1", "What is a tensor?"),
        ("w/x#2", "Why does its shape matter?"),
    ]
