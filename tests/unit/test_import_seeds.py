"""The user's five documents, imported with their hints: facts checked by reading them."""

from __future__ import annotations

from dataclasses import asdict, replace
from functools import cache
from pathlib import Path

import pytest
from test_import_helpers import SEEDS, missing, model_json, need_seeds, seed_hints

from syllabus import catalog
from syllabus.importer import import_text
from syllabus.importer.bundle import import_seed
from syllabus.importer.export import to_markdown
from syllabus.importer.reading import read_text
from syllabus.model.roadmap import ItemKind, Roadmap, Role, Unit

IDS = [
    "ki-12-monate",
    "ki-fahrplan-2025",
    "ml-dl-gpt-studienplan",
    "mlops-6-months",
    "ml-engineer-16-weeks",
]


@cache
def imported(roadmap_id: str) -> Roadmap:
    need_seeds()
    hints = next(h for h in seed_hints() if h.id == roadmap_id)
    return import_seed(SEEDS, hints)


@cache
def bundled(roadmap_id: str) -> Roadmap:
    return catalog.load_roadmap(roadmap_id, Path("/nonexistent-data-dir"))


def checkable(roadmap: Roadmap, node_id: str | None = None) -> list[str]:
    return [
        item.id
        for node, item in roadmap.items()
        if item.checkable and (node_id is None or node.id.startswith(node_id))
    ]


def test_sources_name_the_five_seeds_in_order() -> None:
    assert [h.id for h in seed_hints()] == IDS
    assert [h.file for h in seed_hints()] == [
        "000_00b9bef8320a935e.txt",
        "001_cf3e3b80d98fd190.txt",
        "002_308f9619058c4d90.txt",
        "003_66871e786a47153e.txt",
        "004_fb1b600ca95d8385.txt",
    ]


@pytest.mark.parametrize("roadmap_id", IDS)
def test_bundled_file_is_the_importers_output(roadmap_id: str) -> None:
    """Re-importing the seed with its hints gives exactly the shipped roadmap."""
    assert imported(roadmap_id) == bundled(roadmap_id)
    shipped = (catalog.bundled_dir() / f"{roadmap_id}.toml").read_text(encoding="utf-8")
    assert catalog.roadmap_toml(imported(roadmap_id)) == shipped, (
        "stale file: run python -m syllabus.importer.bundle ../shared/seeds"
    )


@pytest.mark.parametrize("roadmap_id", IDS)
def test_every_text_and_url_of_the_seed_is_in_the_model(roadmap_id: str) -> None:
    need_seeds()
    hints = next(h for h in seed_hints() if h.id == roadmap_id)
    text = read_text((SEEDS / (hints.file or "")).read_bytes())
    assert missing(text, imported(roadmap_id), hints.drop) == []


def test_the_reachability_check_notices_lost_text() -> None:
    roadmap = imported("mlops-6-months")
    node = roadmap.nodes[0].children[0]
    smaller = replace(node, **{"items": node.items[1:]})
    phase = replace(roadmap.nodes[0], **{"children": [smaller, *roadmap.nodes[0].children[1:]]})
    damaged = replace(roadmap, **{"nodes": [phase, *roadmap.nodes[1:]]})
    text = read_text((SEEDS / "003_66871e786a47153e.txt").read_bytes())
    drop = next(h for h in seed_hints() if h.id == "mlops-6-months").drop
    assert missing(text, damaged, drop) == ["[ ] Install Anaconda/Miniconda"]
    # Without the hint's chatter list the dropped heading and footer link count as lost.
    assert missing(text, roadmap) == [
        "🎯 Milestones & Checkpoints",
        "⬅️ Back to AI/ML",
        "../",
    ]


@pytest.mark.parametrize("roadmap_id", IDS)
def test_markdown_export_reimports_to_the_same_model(roadmap_id: str) -> None:
    roadmap = bundled(roadmap_id)
    again = import_text(to_markdown(roadmap), "exported.md")
    assert again == roadmap


@pytest.mark.parametrize("roadmap_id", IDS)
def test_ids_are_unique_ascii_paths(roadmap_id: str) -> None:
    roadmap = bundled(roadmap_id)
    node_ids = [node.id for node in roadmap.walk()]
    item_ids = [item.id for _, item in roadmap.items()]
    assert len(set(node_ids)) == len(node_ids)
    assert len(set(item_ids)) == len(item_ids)
    for node, item in roadmap.items():
        assert item.id.rsplit("/", 1)[0] == node.id
    for some_id in node_ids + item_ids:
        assert some_id.isascii() and some_id == some_id.lower() and " " not in some_id
        assert all(0 < len(part) <= 48 for part in some_id.split("/"))


@pytest.mark.parametrize("roadmap_id", IDS)
def test_no_mojibake_or_control_characters(roadmap_id: str) -> None:
    dumped = model_json(bundled(roadmap_id))
    for bad in ("üìÖ", "‚Äì", "‚úÖ", "\uf8ff", "\x1b", "Ã"):
        assert bad not in dumped


def test_000_phases_timeline_and_side_track() -> None:
    roadmap = bundled("ki-12-monate")
    assert roadmap.title == "KI-Lernplan: 12 Monate"
    assert roadmap.language == "de"
    assert roadmap.schedule_by == "position"
    assert roadmap.pace.text == "Zeitrahmen: 12 Monate | 2–3 h/Tag | 6 Tage/Woche"
    assert (roadmap.pace.hours_per_day.low, roadmap.pace.hours_per_day.high) == (2, 3)
    assert roadmap.pace.days_per_week == 6
    assert (roadmap.pace.hours_per_week.low, roadmap.pace.hours_per_week.high) == (12, 18)
    nodes = roadmap.node_index()
    assert [n.id for n in roadmap.nodes] == [
        "phase-1",
        "phase-2",
        "phase-3",
        "phase-4",
        "phase-5",
        "eigene-fullstack-projekte-optimierung",
        "abschluss-bewerbung-auf-ai-stellen",
        "zusatzfaehigkeiten",
        "timeline",
    ]
    # The timeline (Juni … Juni) wins: months, not the phases' own 1–2 … 3–6 months.
    positions = {
        key: (nodes[key].timing.position.low, nodes[key].timing.position.high)
        for key in ("phase-1", "phase-2", "phase-3", "phase-4", "phase-5")
    }
    assert positions == {
        "phase-1": (1, 1),
        "phase-2": (2, 3),
        "phase-3": (3, 5),
        "phase-4": (6, 7),
        "phase-5": (8, 8),
    }
    assert asdict(nodes["phase-3"].timing.duration) == {
        "low": 2,
        "high": 4,
        "unit": Unit.MONTH,
    }
    assert nodes["eigene-fullstack-projekte-optimierung"].timing.position.high == 12
    assert nodes["abschluss-bewerbung-auf-ai-stellen"].role is Role.MILESTONE
    assert nodes["zusatzfaehigkeiten"].role is Role.SIDE_TRACK
    assert nodes["timeline"].role is Role.APPENDIX
    assert "| Feb–Mai| Eigene Fullstack-Projekte + Optimierung  |" in nodes["timeline"].body
    assert nodes["phase-1"].goal == "Python, Git, NumPy, pandas, Matplotlib sicher beherrschen"
    first = nodes["phase-1"].items[0]
    assert first.id == "phase-1/python-crash-course-freecodecamp"
    assert first.kind is ItemKind.RESOURCE and first.group == "Lernquellen"
    assert first.url == "https://www.youtube.com/watch?v=rfscVS0vtbw"
    assert roadmap.counts() == (50, 50)
    assert sum(1 for _, item in roadmap.items() if item.url) == 29  # 21 in lists, 8 in the table
    assert "zusatzfaehigkeiten/git-kollaboration-versionierung" in roadmap.item_index()


def test_001_levels_from_numbered_bold_headings() -> None:
    roadmap = bundled("ki-fahrplan-2025")
    assert roadmap.title == "Moderner KI-Lernfahrplan 2025"  # from the front matter
    assert roadmap.language == "de"
    assert [n.id for n in roadmap.nodes] == [f"level-{n}" for n in range(1, 9)] + [
        "abschliessender-weg"
    ]
    nodes = roadmap.node_index()
    assert nodes["level-1"].title == "1. Mathematische und Programmiergrundlagen"
    assert nodes["level-8"].role is Role.HABIT
    assert nodes["abschliessender-weg"].role is Role.APPENDIX
    assert [i.group for i in nodes["level-1"].items].count("Themen") == 5
    assert all(n.timing.position is None and n.timing.duration is None for n in roadmap.walk())
    nested = [i for i in nodes["level-8"].items if i.depth == 1]
    assert [i.text for i in nested][
        0
    ] == "Effiziente Inferenz (FlashAttention-3, spekulative Decodierung)"
    assert roadmap.counts() == (66, 58)
    dumped = model_json(roadmap)
    assert "Hätten Sie das gerne" not in dumped and "Falls Sie möchten" not in dumped
    assert "Fast.ai Practical Deep Learning for Coders" in [i.text for i in nodes["level-1"].items]


def test_002_levels_areas_and_appendix() -> None:
    roadmap = bundled("ml-dl-gpt-studienplan")
    assert [n.id for n in roadmap.nodes] == [
        "level-1",
        "level-2",
        "level-3",
        "anwendungen-und-trends",
        "lernplan",
        "tools-und-plattformen",
        "hinweise",
    ]
    nodes = roadmap.node_index()
    for level in ("level-1", "level-2", "level-3"):
        assert nodes[level].role is Role.PHASE
        assert len(nodes[level].children) == 3
    assert [c.id for c in nodes["level-1"].children] == [
        "level-1/grundlagen-des-machine-learning",
        "level-1/einfuehrung-in-deep-learning",
        "level-1/kontext-von-gpt",
    ]
    assert nodes["anwendungen-und-trends/auf-dem-laufenden-bleiben"].role is Role.HABIT
    for key in ("lernplan", "tools-und-plattformen", "hinweise"):
        assert nodes[key].role is Role.APPENDIX
    months = [c for c in nodes["lernplan"].children]
    assert [c.id for c in months] == [
        "lernplan/month-1-2",
        "lernplan/month-3-4",
        "lernplan/month-5-6",
        "lernplan/month-7-9",
        "lernplan/month-10-12",
    ]
    assert asdict(months[3].timing.position) == {"low": 7, "high": 9, "unit": Unit.MONTH}
    assert asdict(nodes["lernplan"].timing.duration) == {
        "low": 6,
        "high": 12,
        "unit": Unit.MONTH,
    }
    # Weekly routine: 10–15 + 5–10 + 2–3 hours.
    assert (roadmap.pace.hours_per_week.low, roadmap.pace.hours_per_week.high) == (17, 28)
    # Nested bold-labelled bullets: "Themen" is a group, "Arten von ML:" labels sub-items.
    area = nodes["level-1/grundlagen-des-machine-learning"]
    arten = next(i for i in area.items if i.text == "Arten von ML:")
    assert arten.group == "Themen" and arten.kind is ItemKind.NOTE and arten.depth == 0
    assert [i.text for i in area.items if i.depth == 1][:3] == [
        "Überwachtes Lernen (z.B. Regression, Klassifikation)",
        "Unüberwachtes Lernen (z.B. Clustering, Dimensionsreduktion)",
        "Bestärkendes Lernen (z.B. Q-Learning, Policy Gradients)",
    ]
    # The chart data is a code block in the body, never items.
    tools = nodes["tools-und-plattformen"]
    assert "```chartjs" in tools.body and '"borderColor": "#4CAF50"' in tools.body
    assert not any("borderColor" in i.text for _, i in roadmap.items())
    assert roadmap.counts() == (121, 101)


def test_003_six_months_24_weeks() -> None:
    roadmap = bundled("mlops-6-months")
    assert roadmap.title == "6-Month AI/ML Learning Roadmap"
    nodes = roadmap.node_index()
    phases = [n for n in roadmap.nodes if n.role is Role.PHASE]
    assert [p.id for p in phases] == [
        "month-1-2",
        "month-3-4",
        "month-5",
        "month-6",
        "portfolio-timeline",  # side timelines, planned by month (issue 19)
        "certifications",
    ]
    for timeline in ("portfolio-timeline", "certifications"):
        months = nodes[timeline].children
        assert all(m.timing.position.unit is Unit.MONTH for m in months)
        assert [m.role for m in months if m.items] == [Role.MILESTONE] * len(
            [m for m in months if m.items]
        )
    # each course beside the months that study it (issue 19), the notes kept
    assert nodes["course-sequence"].role is Role.SIDE_TRACK
    courses = [i for i in nodes["course-sequence"].items if i.checkable]
    assert [i.alongside for i in courses] == [
        "month-1-2", "month-3-4", "month-3-4", "month-5", "month-6", "month-6"
    ]  # fmt: skip
    weeks = [n for n in roadmap.walk() if n.id.rsplit("/", 1)[-1].startswith("week-")]
    assert len(weeks) == 24
    assert weeks[0].id == "month-1-2/week-01" and weeks[-1].id == "month-6/week-24"
    assert [w.timing.position.low for w in weeks] == list(range(1, 25))
    assert asdict(nodes["month-1-2"].timing.position) == {
        "low": 1,
        "high": 8,
        "unit": Unit.WEEK,
    }
    assert asdict(nodes["month-1-2"].timing.hours) == {"low": 75, "high": 85}
    assert asdict(nodes["month-1-2/week-05"].timing.hours) == {"low": 8, "high": 10}
    # Week 19 writes its time as a checkbox: that is hours, not a task.
    week19 = nodes["month-5/week-19"]
    assert asdict(week19.timing.hours) == {"low": 12, "high": 15}
    assert not any("Time" in i.text for i in week19.items)
    assert [i.kind for i in week19.items].count(ItemKind.PROJECT) == 1
    assert roadmap.schedule_by == "position"
    capstone = nodes["month-6/week-24"].items[-1]
    assert capstone.text == "Capstone: End-to-end MLOps system"
    assert capstone.kind is ItemKind.CAPSTONE and capstone.checkable
    # "After Month N" milestones close their phase; their bullets are outcomes.
    after = nodes["month-1-2/after-month-2"]
    assert after.role is Role.MILESTONE and nodes["month-1-2"].children[-1] is after
    assert all(i.kind is ItemKind.OUTCOME and not i.checkable for i in after.items)
    # "✅" bullets are outcomes, never done; progress checkboxes stay todo self-checks.
    accelerate = [i for i in nodes["tips"].items if i.group == "Accelerate Learning"]
    assert len(accelerate) == 5 and all(not i.checkable for i in accelerate)
    progress = nodes["progress-tracking"].items
    assert len(progress) == 8 and all(
        i.kind is ItemKind.SELF_CHECK and i.checkable for i in progress
    )
    assert (
        "| **Total** | **6 Months** | **12-15 avg** | **275-335 hours** |"
        in nodes["total-time"].body
    )
    assert (roadmap.pace.hours_per_week.low, roadmap.pace.hours_per_week.high) == (12, 15)
    # Daily routine: 30-45 + 45-60 minutes on workdays, 4-6 hours over the weekend.
    assert roadmap.pace.weekday_hours == {
        "mon": 1.5, "tue": 1.5, "wed": 1.5, "thu": 1.5, "fri": 1.5, "sat": 2.5, "sun": 2.5
    }  # fmt: skip
    week_tasks = [i for w in weeks for i in w.items if i.checkable]
    assert len(week_tasks) == 100  # 95 checkboxes (week 19's time is none) + 5 resources
    assert roadmap.counts() == (177, 129)


def test_004_sixteen_weeks_in_four_blocks_plus_final_capstone() -> None:
    roadmap = bundled("ml-engineer-16-weeks")
    assert roadmap.title == "16-Week Master Plan: From Zero to AI/ML Engineer"
    assert "quen-3" not in model_json(roadmap)
    assert (roadmap.pace.hours_per_week.low, roadmap.pace.hours_per_week.high) == (12, 14)
    assert [n.id for n in roadmap.nodes] == [
        "overview",
        "project-deliverables",  # the preamble's weekly deliverables (issue 16.1)
        "block-1",
        "block-2",
        "block-3",
        "block-4",
        "final-capstone",
        "machine-readable-summary",
    ]
    nodes = roadmap.node_index()
    for number in range(1, 5):
        block = nodes[f"block-{number}"]
        assert block.role is Role.PHASE
        first = 4 * number - 3
        assert asdict(block.timing.position) == {
            "low": first,
            "high": first + 3,
            "unit": Unit.WEEK,
        }
        expected = [f"block-{number}/week-{w:02d}" for w in range(first, first + 4)]
        if number < 4:
            expected.append(f"block-{number}/checkpoint-capstone")
        assert [c.id for c in block.children] == expected
    weeks = [n for n in roadmap.walk() if "/week-" in n.id]
    assert len(weeks) == 16
    assert all(asdict(w.timing.hours) == {"low": 13, "high": 13} for w in weeks)
    assert nodes["final-capstone"].role is Role.MILESTONE
    week1 = nodes["block-1/week-01"]
    install = week1.items[4]
    assert install.id == "block-1/week-01/install-python-via-anaconda-or-use-google-colab"
    assert install.text == "[2 hrs] Install Python via Anaconda or use Google Colab"
    assert install.hours == 2 and install.url == "https://www.anaconda.com/products/distribution"
    assert sum(i.hours or 0 for i in week1.items) == 13
    kinds = {i.group: i.kind for i in week1.items}
    assert kinds["Rubric (100 pts)"] is ItemKind.RUBRIC
    assert kinds["Ethics & Best Practices"] is ItemKind.SELF_CHECK  # boxed: ticked
    assert kinds["Weekly Outcomes"] is ItemKind.OUTCOME
    assert kinds["Deliverables"] is ItemKind.DELIVERABLE
    stretch = [i for i in week1.items if i.group == "Stretch goals / Next steps"]
    assert len(stretch) == 2 and all(i.optional and i.checkable for i in stretch)
    # "- [ ]" ethics lines: ticked when done, never holding the week open (issue 19)
    ethics = [i for i in week1.items if i.group == "Ethics & Best Practices"]
    assert len(ethics) == 4 and all(i.optional and i.checkable for i in ethics)
    assert week1.prerequisites_text == "None" and week1.prerequisites == []
    assert nodes["block-1/week-04"].prerequisites == [
        "block-1/week-01",
        "block-1/week-02",
        "block-1/week-03",
    ]
    assert len(nodes["block-4/week-13"].prerequisites) == 12
    # "Code (10%)" repeats: ids stay unique with -2, -3 within a node and by path across.
    code = [i.id for _, i in roadmap.items() if i.text == "Code (10%)"]
    assert len(code) == 11 and len(set(code)) == 11
    # The options of capstone 3 are optional; the label after them starts deliverables.
    capstone3 = nodes["block-3/checkpoint-capstone"]
    options = [i for i in capstone3.items if i.group == "Options"]
    assert [i.text for i in options] == [
        "Image classifier with FastAPI endpoint",
        "Sentiment analyzer with web UI (Gradio)",
    ]
    assert all(i.optional for i in options)
    assert [i.group for i in capstone3.items].count("Deliverables") == 4
    # "[ ]" in the text stays literal where it is text; the JSON summary stays code.
    assert "```json" in nodes["machine-readable-summary"].body
    assert '"week": 16' in nodes["machine-readable-summary"].body
    interview = [i for i in nodes["final-capstone"].items if i.kind is ItemKind.SELF_CHECK]
    assert len(interview) == 25
    assert sum(1 for _, i in roadmap.items() if i.hours) == 65
    assert sum(1 for _, i in roadmap.items() if i.url) == 45
    assert roadmap.summary.count("](https://") == 3  # the compute platform links
    assert roadmap.counts() == (585, 421)  # 365 + the 50 ethics checkboxes + 6 deliverables
    recurring = [i.id for _, i in roadmap.items() if i.recurring == "weekly"]
    assert recurring == [i.id for i in nodes["project-deliverables"].items]
    assert len(recurring) == 6 and "Every Week" not in roadmap.summary


def test_catalog_summaries_of_the_bundled_roadmaps() -> None:
    found = {e.id: e for e in catalog.entries(Path("/nonexistent-data-dir"))}
    assert list(found) == IDS
    assert found["mlops-6-months"].weeks == 24
    assert found["mlops-6-months"].hours == (275, 335)
    assert found["ml-engineer-16-weeks"].weeks == 16
    assert found["ml-engineer-16-weeks"].hours == (208, 208)
    assert found["ki-12-monate"].weeks == 52  # 13 document months of 4 weeks, Juni … Juni
    assert found["ki-fahrplan-2025"].weeks is None
