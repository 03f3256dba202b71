"""A small realistic roadmap, a few weeks of history, and the snapshot fixtures."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import tomli_w
from textual.widgets import Input, TextArea

from syllabus.model.plain import dump
from syllabus.model.progress import (
    CheckIn,
    Enrolment,
    ItemState,
    Progress,
    enrol,
    put_checkin,
    set_item_state,
    set_note,
)
from syllabus.model.roadmap import (
    HoursRange,
    Item,
    ItemKind,
    Node,
    Pace,
    Roadmap,
    Role,
    Span,
    Timing,
    Unit,
)

TODAY = date(2026, 11, 23)
ROADMAP_ID = "data-science-basics"


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots differ from run to run."""
    monkeypatch.setattr(Input.cursor_blink, "_default", False)
    monkeypatch.setattr(TextArea.cursor_blink, "_default", False)


def _week(phase: int, number: int, topic: str, tasks: list[str], body: str = "") -> Node:
    node_id = f"phase-{phase}/week-{number:02d}"
    items = [
        Item(id=f"{node_id}/task-{n}", text=text, hours=2.0 if text.startswith("[2 hrs]") else None)
        for n, text in enumerate(tasks, 1)
    ]
    items.append(
        Item(
            id=f"{node_id}/docs",
            text=f"{topic} – official docs",
            kind=ItemKind.RESOURCE,
            url=f"https://example.org/{topic.lower().replace(' ', '-')}",
        )
    )
    items.append(
        Item(id=f"{node_id}/stretch", text=f"Stretch: a second {topic} exercise", optional=True)
    )
    return Node(
        id=node_id,
        title=f"Week {number}: {topic}",
        items=items,
        timing=Timing(
            position=Span(low=number, high=number, unit=Unit.WEEK),
            hours=HoursRange(low=8, high=10),
        ),
        body=body,
    )


def snapshot_roadmap() -> Roadmap:
    """Eight weeks in two phases, a milestone and an appendix, with brackets in the text."""
    table = "| Day | Focus |\n|---|---|\n| Mon | reading |\n| Wed | exercises |\n| Sat | project |"
    phase_1 = [
        _week(1, 1, "Python", ["[2 hrs] Install Python and Jupyter", "Variables and loops",
                               "Functions [and] modules", "Mini project: a CLI quiz"], table),
        _week(1, 2, "NumPy", ["Arrays and indexing", "[2 hrs] Broadcasting", "Linear algebra",
                              "Project: matrix ops from scratch"]),
        _week(1, 3, "Pandas", ["DataFrames and Series", "Reading CSV [and] JSON",
                               "Group by and aggregate", "Project: sales analysis"]),
        _week(1, 4, "Plotting", ["Matplotlib basics", "Seaborn", "Dashboards [optional]",
                                 "Project: an EDA report"]),
    ]  # fmt: skip
    phase_2 = [
        _week(2, 5, "Regression", ["Linear regression", "Regularisation", "Cross-validation",
                                   "Project: house prices"]),
        _week(2, 6, "Classification", ["Logistic regression", "Trees and forests",
                                       "Metrics [precision/recall]", "Project: churn model"]),
        _week(2, 7, "Clustering", ["k-means", "DBSCAN", "PCA", "Project: customer segments"]),
        _week(2, 8, "Pipelines", ["scikit-learn pipelines", "Feature engineering",
                                  "Model selection", "Project: an end-to-end pipeline"]),
    ]  # fmt: skip
    milestone = Node(
        id="capstone",
        title="Capstone: a portfolio project",
        role=Role.MILESTONE,
        prerequisites=["phase-2"],
        items=[
            Item(id="capstone/repo", text="Repository with a README", kind=ItemKind.DELIVERABLE),
            Item(id="capstone/talk", text="A 5-minute talk", kind=ItemKind.DELIVERABLE),
        ],
    )
    appendix = Node(
        id="resources",
        title="Resources",
        role=Role.APPENDIX,
        items=[Item(id="resources/book", text="Python for Data Analysis", kind=ItemKind.NOTE)],
    )
    return Roadmap(
        id=ROADMAP_ID,
        title="Data Science Basics: 8 Weeks",
        language="en",
        pace=Pace(text="about 9 hours a week", hours_per_week=HoursRange(low=8, high=10)),
        nodes=[
            Node(
                id="phase-1",
                title="Phase 1: Python and data",
                role=Role.PHASE,
                goal="Load, clean and plot a dataset on your own.",
                children=phase_1,
            ),
            Node(
                id="phase-2",
                title="Phase 2: Classical machine learning",
                role=Role.PHASE,
                goal="Train, evaluate and compare models.",
                prerequisites=["phase-1"],
                children=phase_2,
            ),
            milestone,
            appendix,
        ],
    )


def history(roadmap: Roadmap, weeks: int = 4, seed: int = 6) -> Progress:
    """Enrolled ``weeks`` weeks ago, daily check-ins on most study days, items done in order."""
    rng = random.Random(seed)
    start = TODAY - timedelta(weeks=weeks)
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    progress = enrol(
        Progress(),
        roadmap.id,
        Enrolment(start=start, hours_per_week=9, updated=stamp),
    )
    checkable = [item for _, item in roadmap.items() if item.checkable and not item.optional]
    done_until = int(len(checkable) * weeks / 9.5)
    for n, item in enumerate(checkable[:done_until]):
        state = ItemState.SKIPPED if n == 5 else ItemState.DONE
        progress = set_item_state(progress, roadmap.id, item.id, state, stamp)
    progress = set_item_state(
        progress, roadmap.id, checkable[done_until].id, ItemState.DOING, stamp
    )
    progress = set_note(
        progress, roadmap.id, "phase-1/week-03", "Group by clicked [finally].", stamp
    )
    day = start
    number = 0
    while day < TODAY:
        if day.weekday() != 6 and rng.random() < 0.8:
            number += 1
            hours = rng.choice([0.5, 1.0, 1.5, 2.0, 2.5, 3.5])
            progress = put_checkin(
                progress,
                CheckIn(
                    id=f"c{number:03d}",
                    date=day,
                    hours=hours,
                    note=rng.choice(["", "Reading", "Exercises", "Project work"]),
                    roadmap=roadmap.id,
                    created=stamp,
                    updated=stamp,
                ),
            )
        day += timedelta(days=1)
    return progress


def install(data_dir: Path, roadmap: Roadmap, progress: Progress | None) -> None:
    """Write the roadmap as an import and, if given, the progress file."""
    folder = data_dir / "roadmaps"
    folder.mkdir(parents=True, exist_ok=True)
    data = dump(roadmap, exclude_none=True, exclude_defaults=True)
    (folder / f"{roadmap.id}.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    if progress is not None:
        from syllabus.storage.progress_file import ProgressFile

        ProgressFile(data_dir).save(progress)


@pytest.fixture
def only_imported(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The welcome list without the bundled roadmaps, whose numbers change as they improve."""
    import syllabus.catalog as catalog

    real = catalog.entries
    monkeypatch.setattr(catalog, "entries", lambda d: [e for e in real(d) if not e.bundled])
    yield
