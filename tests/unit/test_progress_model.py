"""The progress model and its TOML: any progress round-trips exactly; merge is a lattice."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syllabus.model import progress as pm
from syllabus.model.units import WEEKDAYS
from syllabus.storage import toml_io

ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))]
)
MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=ZONES
)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
LONG_TEXT = st.builds(  # very long notes, cheaply: a random piece repeated
    lambda piece, times: piece * times,
    st.text(min_size=1, max_size=12) | st.sampled_from(['[3 hrs] "q" \\ ', "a\nb", '"""']),
    st.integers(200, 800),
)
TEXT = st.text(max_size=40) | LONG_TEXT
KEYS = st.text(min_size=1, max_size=30)

item_records = st.builds(pm.ItemRecord, state=st.sampled_from(list(pm.ItemState)), updated=MOMENTS)
notes = st.builds(pm.Note, text=TEXT, deleted=st.booleans(), updated=MOMENTS)
enrolments = st.builds(
    pm.Enrolment,
    start=DAYS,
    hours_per_week=st.floats(0, 168),
    days_per_week=st.integers(1, 7),
    rest_days=st.lists(st.sampled_from(WEEKDAYS), unique=True, max_size=3),
    estimate=st.sampled_from(["low", "mid", "high"]),
    pauses=st.lists(st.builds(pm.Pause, start=DAYS, end=DAYS), max_size=2),
    replans=st.lists(st.builds(pm.Replan, start=DAYS, made=MOMENTS), max_size=2),
    finished=st.none() | DAYS,
    archived=st.booleans(),
    updated=MOMENTS,
)


@st.composite
def own_items(draw: st.DrawFn) -> dict[str, pm.OwnItem]:
    ids = draw(st.lists(KEYS, max_size=3, unique=True))
    return {
        i: pm.OwnItem(
            id=i,
            node=draw(KEYS),
            text=draw(TEXT),
            url=draw(st.none() | st.text(max_size=30)),
            deleted=draw(st.booleans()),
            updated=draw(MOMENTS),
        )
        for i in ids
    }


@st.composite
def checkins(draw: st.DrawFn) -> dict[str, pm.CheckIn]:
    ids = draw(st.lists(KEYS, max_size=4, unique=True))
    return {
        i: pm.CheckIn(
            id=i,
            date=draw(DAYS),
            hours=draw(st.floats(0, 24)),
            note=draw(TEXT),
            roadmap=draw(KEYS),
            node=draw(st.none() | KEYS),
            items=draw(st.lists(KEYS, max_size=3)),
            created=draw(MOMENTS),
            deleted=draw(st.booleans()),
            updated=draw(MOMENTS),
        )
        for i in ids
    }


roadmap_progress = st.builds(
    pm.RoadmapProgress,
    enrolment=st.none() | enrolments,
    items=st.dictionaries(KEYS, item_records, max_size=4),
    notes=st.dictionaries(KEYS, notes, max_size=2),
    own_items=own_items(),
)
progresses = st.builds(
    pm.Progress,
    settings=st.builds(
        pm.Settings,
        active_roadmap=st.none() | KEYS,
        theme=st.none() | st.text(max_size=10),
        day_start_hour=st.integers(0, 23),
        updated=MOMENTS,
    ),
    roadmaps=st.dictionaries(KEYS, roadmap_progress, max_size=3),
    checkins=checkins(),
)


# For merges: few keys and few times, so copies share records and tie.
FEW_KEYS = st.sampled_from(["a", "b", "c/d"])
FEW_MOMENTS = st.sampled_from(
    [datetime(2026, 11, 23, h, tzinfo=UTC) for h in (1, 2, 3)]
    + [datetime(2026, 11, 23, 3, tzinfo=timezone(timedelta(hours=2)))]
)
small_roadmap_progress = st.builds(
    pm.RoadmapProgress,
    enrolment=st.none()
    | st.builds(
        pm.Enrolment, start=DAYS, hours_per_week=st.sampled_from([5, 10]), updated=FEW_MOMENTS
    ),
    items=st.dictionaries(
        FEW_KEYS,
        st.builds(pm.ItemRecord, state=st.sampled_from(list(pm.ItemState)), updated=FEW_MOMENTS),
    ),
    notes=st.dictionaries(
        FEW_KEYS,
        st.builds(
            pm.Note, text=st.sampled_from(["x", "y"]), deleted=st.booleans(), updated=FEW_MOMENTS
        ),
    ),
)
small_progresses = st.builds(
    pm.Progress,
    settings=st.builds(pm.Settings, active_roadmap=st.none() | FEW_KEYS, updated=FEW_MOMENTS),
    roadmaps=st.dictionaries(FEW_KEYS, small_roadmap_progress, max_size=2),
    checkins=st.dictionaries(
        FEW_KEYS,
        st.builds(
            pm.CheckIn,
            id=st.just("k"),
            date=st.just(date(2026, 11, 23)),
            hours=st.sampled_from([1.0, 2.0]),
            roadmap=FEW_KEYS,
            created=FEW_MOMENTS,
            deleted=st.booleans(),
            updated=FEW_MOMENTS,
        ),
    ),
)


def round_trip(progress: pm.Progress) -> pm.Progress:
    text = toml_io.dumps(progress)
    return toml_io.to_progress(toml_io.parse(text), datetime.now(UTC))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(progresses)
def test_any_progress_round_trips_exactly(progress: pm.Progress) -> None:
    assert round_trip(progress) == progress
    # Plain TOML: the standard library reads the same thing.
    text = toml_io.dumps(progress)
    assert toml_io.to_progress(tomllib.loads(text), datetime.now(UTC)) == progress


def test_layout_is_readable_toml_with_dates() -> None:
    when = datetime(2026, 11, 23, 8, 15, 2, 123456, tzinfo=UTC)
    progress = pm.enrol(
        pm.Progress(),
        "mlops-6-months",
        pm.Enrolment(start=date(2026, 11, 23), hours_per_week=12, updated=when),
    )
    progress = pm.set_item_state(progress, "mlops-6-months", "week-01/a", pm.ItemState.DONE, when)
    text = toml_io.dumps(progress)
    assert f"schema = {pm.SCHEMA_VERSION}\n" in text
    assert "[roadmaps.mlops-6-months.enrolment]\nstart = 2026-11-23\n" in text
    assert (
        '"week-01/a" = { state = "done", closed_at = 2026-11-23T08:15:02.123456Z,'
        " updated = 2026-11-23T08:15:02.123456Z }" in text
    )


def test_text_is_cleaned_of_control_characters() -> None:
    note = pm.Note(text="a\x1b[31mb\x00c\u0085d\ud800\te\r\nf", updated=datetime.now(UTC))
    assert note.text == "a[31mbcd\te\nf"


def test_naive_times_typed_by_hand_become_aware() -> None:
    text = (
        "schema = 1\n[roadmaps.r.items]\n"
        '"a" = { state = "done", updated = 2026-01-01T12:00:00 }\n'
        '"b" = { state = "done", updated = 2026-01-02 }\n'
        "[roadmaps.r.enrolment]\nstart = 2026-01-01\nhours_per_week = 5.0\n"
        "replans = [{ start = 2026-02-01, made = 2026-01-20T08:00:00 }]\n"
        '[checkins.c]\ndate = 2026-01-01\nroadmap = "r"\ncreated = 2026-01-01T09:00:00\n'
    )
    mtime = datetime(2026, 3, 1, tzinfo=UTC)
    progress = toml_io.to_progress(toml_io.parse(text), mtime)
    rp = progress.roadmap("r")
    for moment in (rp.items["a"].updated, rp.items["b"].updated, progress.checkins["c"].created):
        assert moment.tzinfo is not None
    assert rp.enrolment is not None and rp.enrolment.replans[0].made.tzinfo is not None
    assert progress.checkins["c"].updated == mtime  # no time given: the file's own
    # In code a naive time is a mistake (merge compares times): refused, not guessed.
    with pytest.raises(ValueError):
        pm.ItemRecord(updated=datetime(2026, 1, 1, 12, 0))


@settings(max_examples=100, deadline=None)
@given(small_progresses, small_progresses)
def test_merge_is_commutative_and_idempotent(a: pm.Progress, b: pm.Progress) -> None:
    assert pm.merge(a, b) == pm.merge(b, a)
    assert pm.merge(a, a) == a
    assert pm.merge(pm.merge(a, b), b) == pm.merge(a, b)


@settings(max_examples=60, deadline=None)
@given(small_progresses, small_progresses, small_progresses)
def test_merge_is_associative(a: pm.Progress, b: pm.Progress, c: pm.Progress) -> None:
    assert pm.merge(pm.merge(a, b), c) == pm.merge(a, pm.merge(b, c))


def test_merge_takes_the_later_record_tombstones_included() -> None:
    t = datetime(2026, 11, 23, tzinfo=UTC)
    checkin = pm.CheckIn(id="c1", date=t.date(), hours=1, roadmap="r", created=t, updated=t)
    a = pm.put_checkin(pm.Progress(), checkin)
    b = pm.delete_checkin(a, "c1", t + timedelta(seconds=1))
    a = pm.set_item_state(a, "r", "x", pm.ItemState.DONE, t + timedelta(seconds=2))
    b = pm.set_item_state(b, "r", "x", pm.ItemState.TODO, t + timedelta(seconds=3))
    merged = pm.merge(a, b)
    assert merged.checkins["c1"].deleted
    assert merged.roadmap("r").state("x") == pm.ItemState.TODO


def test_prefer_a_breaks_ties_for_hand_edits() -> None:
    t = datetime(2026, 11, 23, tzinfo=UTC)
    disk = pm.set_item_state(pm.Progress(), "r", "x", pm.ItemState.SKIPPED, t)
    memory = pm.set_item_state(pm.Progress(), "r", "x", pm.ItemState.DONE, t)
    assert pm.merge(disk, memory, prefer_a=True).roadmap("r").state("x") == pm.ItemState.SKIPPED


def test_changed_paths_and_orphans() -> None:
    t = datetime(2026, 11, 23, tzinfo=UTC)
    a = pm.set_item_state(pm.Progress(), "r", "gone/item", pm.ItemState.DONE, t)
    b = pm.set_note(a, "r", "week-1", "hi", t)
    assert pm.changed_paths(a, b) == [("roadmaps", "r", "notes", "week-1")]
    assert pm.orphans(b.roadmap("r"), {"week-1"}) == ["gone/item"]
