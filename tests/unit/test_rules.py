"""The shared rules (model/rules.py, units.py, text.py): one test per concept.

The CLI and the app both call these, so each is pinned here on its own: what a person may
type for hours, rest days and dates; how done/total is counted; which roadmap a command
acts on; how a check-in is built and saved; what text may reach a terminal.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from syllabus.model import progress as pm
from syllabus.model import rules
from syllabus.model.progress import ItemState
from syllabus.model.roadmap import Item, Node
from syllabus.model.text import CONTROL
from syllabus.model.units import WEEK_HOURS

T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)

# --- hours -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("2", 2.0),
        ("1,5", 1.5),
        ("1.5", 1.5),
        ("1:30", 1.5),
        ("0:45", 0.75),
        ("90m", 1.5),
        ("45 min", 0.75),
        ("2h", 2.0),
        ("1.5h", 1.5),
        ("1h30", 1.5),
        ("1h 30m", 1.5),
        ("1H30M", 1.5),
        ("  2  ", 2.0),
        ("0", 0.0),
        ("24", 24.0),
        ("0:20", 0.33),  # to 0.01 h
    ],
)
def test_hours_in_every_form_a_person_types(typed: str, hours: float) -> None:
    assert rules.parse_hours(typed) == hours


@pytest.mark.parametrize(
    "typed", ["", "  ", "abc", "-1", "25", "24:01", "1:75", "nan", "h", "m", "1h30h", "1,5,5"]
)
def test_hours_that_are_refused(typed: str) -> None:
    with pytest.raises(rules.InvalidEntry):
        rules.parse_hours(typed)


def test_hours_bound_is_a_day_unless_a_week_is_asked_for() -> None:
    with pytest.raises(rules.InvalidEntry, match="at most 24"):
        rules.parse_hours("30")
    assert rules.parse_hours("30", most=WEEK_HOURS) == 30.0  # issue 12.10: a week's pace
    assert rules.parse_hours("168", most=WEEK_HOURS) == 168.0
    with pytest.raises(rules.InvalidEntry, match="at most 168"):
        rules.parse_hours("169", most=WEEK_HOURS)


@given(st.text(max_size=12))
def test_hours_from_any_text_are_in_bounds_or_refused(text: str) -> None:
    try:
        hours = rules.parse_hours(text)
    except rules.InvalidEntry:
        return
    assert 0 <= hours <= 24


# --- rest days -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("sat,sun", ["sat", "sun"]),
        ("Sun Sat", ["sat", "sun"]),
        ("saturday; sunday", ["sat", "sun"]),
        ("sa", ["sat"]),
        ("fri,fri, FRI", ["fri"]),
        ("", []),
        ("mon tue wed thu fri sat", ["mon", "tue", "wed", "thu", "fri", "sat"]),
        # German, whatever the interface language: abbreviated, with a dot, or whole
        ("Sa, So", ["sat", "sun"]),
        ("Mo. Di. Mi. Do. Fr.", ["mon", "tue", "wed", "thu", "fri"]),
        ("Samstag Sonntag", ["sat", "sun"]),
        ("dienstag, Mittwoch; DONNERSTAG freitag", ["tue", "wed", "thu", "fri"]),
    ],
)
def test_rest_days_as_typed(typed: str, days: list[str]) -> None:
    assert rules.parse_rest_days(typed) == days


def test_weekdays_are_shown_in_the_interface_language_and_read_back() -> None:
    from syllabus import locale

    routine = rules.parse_weekday_hours("mon-fri 1.5, sat-sun 2.5")
    assert rules.weekdays_text(["sat", "sun"]) == "sat, sun"
    assert rules.weekday_hours_text(routine) == "mon-fri 1.5, sat-sun 2.5"
    locale.set_language("de")
    try:
        assert rules.weekdays_text(["sat", "sun"]) == "Sa, So"
        shown = rules.weekday_hours_text(routine)
        assert shown == "Mo-Fr 1.5, Sa-So 2.5"
        assert rules.parse_weekday_hours(shown) == routine
        assert rules.parse_rest_days(rules.weekdays_text(["tue", "sun"])) == ["tue", "sun"]
    finally:
        locale.set_language("en")


def test_rest_days_keep_a_study_day_and_know_their_weekdays() -> None:
    with pytest.raises(rules.InvalidEntry, match="study day"):
        rules.parse_rest_days("mon,tue,wed,thu,fri,sat,sun")
    with pytest.raises(rules.InvalidEntry, match="weekday"):
        rules.parse_rest_days("sat,caturday")


def test_stored_rest_days_are_normalised_but_seven_are_kept() -> None:
    assert rules.normalise_rest_days(["Sun", "saturday", "sat"]) == ["sat", "sun"]
    every = ["sun", "sat", "fri", "thu", "wed", "tue", "mon"]
    assert rules.normalise_rest_days(every) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@pytest.mark.parametrize(
    ("study_days", "rest"),
    [
        (7, []),
        (6, ["sun"]),
        (5, ["sat", "sun"]),
        (4, ["fri", "sat", "sun"]),
        (0, ["tue", "wed", "thu", "fri", "sat", "sun"]),  # at least one study day
    ],
)
def test_default_rest_days_are_the_last_of_the_week(study_days: int, rest: list[str]) -> None:
    assert rules.default_rest_days(study_days) == rest


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["1970-01-01", "2026-11-23", " 2200-12-31 "])
def test_dates_in_the_window(typed: str) -> None:
    assert rules.parse_date(typed) == date.fromisoformat(typed.strip())


@pytest.mark.parametrize(
    ("typed", "day"), [("23.11.2026", date(2026, 11, 23)), (" 1.2.2027", date(2027, 2, 1))]
)
def test_dates_typed_the_german_way(typed: str, day: date) -> None:
    assert rules.parse_date(typed) == day


@pytest.mark.parametrize(
    "typed",
    ["0001-01-01", "1969-12-31", "2201-01-01", "9999-12-31", "31.02.2026", "1.1.1900", "", "today"],
)
def test_dates_outside_the_window_or_not_dates(typed: str) -> None:
    """Issue 12.7: 0001-01-01 and 9999-12-31 made every schedule command overflow."""
    with pytest.raises(rules.InvalidEntry):
        rules.parse_date(typed)


def test_check_date_names_what_it_checks() -> None:
    assert rules.check_date(date(2026, 1, 1)) == date(2026, 1, 1)
    with pytest.raises(rules.InvalidEntry, match="the start must lie between 1970-01-01"):
        rules.check_date(date(1, 1, 1), "the start")


# --- counting done / total -------------------------------------------------------------


def test_tally_counts_by_the_one_rule() -> None:
    entries = [
        (ItemState.DONE, False),  # done: counts, done
        (ItemState.TODO, False),  # todo: counts
        (ItemState.DOING, False),  # doing: counts
        (ItemState.SKIPPED, False),  # skipped: leaves the total
        (ItemState.TODO, True),  # optional, not done: does not count
        (ItemState.DONE, True),  # optional, done: counts, done
        (ItemState.SKIPPED, True),
    ]
    assert rules.tally(entries) == rules.Tally(done=2, total=4)
    assert rules.tally([]) == rules.Tally(0, 0) and rules.Tally().complete
    assert rules.Tally(1, 2) + rules.Tally(2, 2) == rules.Tally(3, 4)
    assert rules.Tally(3, 3).complete and not rules.Tally(2, 3).complete


def _node() -> Node:
    week = Node(
        id="p/w1",
        title="Week 1",
        items=[
            Item(id="p/w1/a", text="a"),
            Item(id="p/w1/b", text="b"),
            Item(id="p/w1/stretch", text="stretch", optional=True),
            Item(id="p/w1/goal", text="goal", checkable=False),
        ],
    )
    return Node(id="p", title="Phase", items=[Item(id="p/c", text="c")], children=[week])


def test_node_tally_walks_descendants_and_own_items() -> None:
    progress = pm.Progress()
    progress, own = pm.add_own_item(progress, "r", "p/w1", "my extra", T0)
    for item_id, state in (("p/w1/a", "done"), ("p/w1/b", "skipped"), (own, "done")):
        progress = pm.set_item_state(progress, "r", item_id, ItemState(state), T0)
    rp = progress.roadmap("r")
    node = _node()
    assert [i for i, _ in rules.counted_items(node, rp)] == [
        "p/c",
        "p/w1/a",
        "p/w1/b",
        "p/w1/stretch",
        own,
    ]
    # c todo, a done, b skipped (out), stretch optional (out), own item done: 2 of 3.
    assert rules.node_tally(node, rp) == rules.Tally(done=2, total=3)
    assert rules.node_tally(node.children[0], rp) == rules.Tally(done=2, total=2)
    progress = pm.set_item_state(progress, "r", "p/w1/stretch", ItemState.DONE, T0)
    assert rules.node_tally(node, progress.roadmap("r")) == rules.Tally(done=3, total=4)
    progress = pm.delete_own_item(progress, "r", own, T0 + timedelta(seconds=1))
    assert rules.node_tally(node, progress.roadmap("r")) == rules.Tally(done=2, total=3)


# --- the roadmap a command acts on -------------------------------------------------------


def _enrolment() -> pm.Enrolment:
    return pm.Enrolment(start=date(2026, 11, 2), hours_per_week=10, updated=T0)


def _inactive(progress: pm.Progress) -> pm.Progress:
    """``enrol`` makes the roadmap active; undo that, as a hand edit or a merge might."""
    return replace(progress, settings=replace(progress.settings, active_roadmap=None))


def test_choose_roadmap_named_then_active_then_the_only_enrolment() -> None:
    empty = pm.Progress()
    assert rules.choose_roadmap(empty) is None
    assert rules.choose_roadmap(empty, "named") == "named"
    one = _inactive(pm.enrol(empty, "only", _enrolment()))
    assert rules.choose_roadmap(one) == "only"
    two = _inactive(pm.enrol(one, "other", _enrolment()))
    assert rules.choose_roadmap(two) is None  # a choice to make
    active = pm.set_active(two, "other", T0)
    assert rules.choose_roadmap(active) == "other"
    assert rules.choose_roadmap(active, "only") == "only"
    states_only = pm.set_item_state(empty, "r", "x", ItemState.DONE, T0)
    assert rules.choose_roadmap(states_only) is None  # states are no enrolment


# --- check-ins -------------------------------------------------------------------------


def test_build_checkin_new_and_edited() -> None:
    made = rules.build_checkin(
        None,
        day=date(2026, 11, 20),
        hours=1.5,
        note="  read \x1b[31mchapter\u202e  ",
        roadmap="r",
        node="p/w1",
        items=["p/w1/a", "p/w1/b", "p/w1/a"],
        when=T0,
    )
    assert len(made.id) == 10 and made.created == made.updated == T0
    assert (made.note, made.items) == ("read [31mchapter", ["p/w1/a", "p/w1/b"])
    later = T0 + timedelta(hours=2)
    edited = rules.build_checkin(
        made,
        day=date(2026, 11, 21),
        hours=2,
        note="more",
        roadmap="r",
        node=None,
        items=[],
        when=later,
    )
    assert (edited.id, edited.created, edited.updated) == (made.id, T0, later)
    assert (edited.date, edited.hours, edited.note, edited.node) == (
        date(2026, 11, 21),
        2,
        "more",
        None,
    )


def test_build_checkin_refuses_a_date_outside_the_window() -> None:
    with pytest.raises(rules.InvalidEntry):
        rules.build_checkin(
            None, day=date(1, 1, 1), hours=1, note="", roadmap="r", node=None, items=[], when=T0
        )


def test_check_in_saves_and_marks_only_items_not_done_yet() -> None:
    earlier = T0 - timedelta(days=1)
    progress = pm.set_item_state(pm.Progress(), "r", "p/w1/a", ItemState.DONE, earlier)
    checkin = rules.build_checkin(
        None,
        day=date(2026, 11, 1),
        hours=1,
        note="",
        roadmap="r",
        node=None,
        items=["p/w1/a", "p/w1/b"],
        when=T0,
    )
    saved = rules.check_in(progress, checkin)
    assert saved.checkins == {checkin.id: checkin}
    rp = saved.roadmap("r")
    assert rp.state("p/w1/b") is ItemState.DONE and rp.items["p/w1/b"].updated == T0
    assert rp.items["p/w1/a"].updated == earlier  # already done: left as it was


# --- text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b]0;pwned\x07title", "]0;pwnedtitle"),  # OSC 0 loses its ESC and BEL
        ("\x1b]52;c;ZXZpbA==\x07", "]52;c;ZXZpbA=="),  # OSC 52 (clipboard)
        ("red \x1b[31mtext\x9b", "red [31mtext"),  # CSI, C1 CSI
        ("abc\u202edef\u202a\u202b\u202c\u202d", "abcdef"),  # bidi embeddings and overrides
        ("\u2066iso\u2067late\u2068d\u2069", "isolated"),  # bidi isolates
        ("zero\u200bwidth\u2060joined", "zerowidthjoined"),
        ("\ufeffstray bom", "stray bom"),
        ("tab\tand\r\nlines\rtoo", "tab\tand\nlines\ntoo"),
        ("nul\x00 del\x7f", "nul del"),
    ],
)
def test_clean_text_removes_what_must_not_reach_a_terminal(raw: str, clean: str) -> None:
    assert rules.clean_text(raw) == clean


@pytest.mark.parametrize(
    "emoji",
    [
        "1\ufe0f\u20e3 Woche",  # keycap: digit, VS16, combining enclosing keycap
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 family",  # ZWJ sequence
        "\u2764\ufe0f heart",  # emoji presentation selector
        "\U0001f3f3\ufe0f\u200d\U0001f308 flag",
    ],
)
def test_clean_text_keeps_emoji_sequences(emoji: str) -> None:
    assert rules.clean_text(emoji) == emoji


@given(st.text())
def test_clean_text_leaves_nothing_to_clean(text: str) -> None:
    once = rules.clean_text(text)
    assert not CONTROL.search(once) and "\r" not in once
    assert rules.clean_text(once) == once


# --- links -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["https://example.org/a", "HTTP://example.org", " http://x.y "])
def test_web_links_open_without_asking(url: str) -> None:
    assert rules.opens_without_asking(url)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "javascript:alert(1)", "vscode://open?x", "ssh://host", "http:x", "x"],
)
def test_other_links_ask_first(url: str) -> None:
    assert not rules.opens_without_asking(url)
