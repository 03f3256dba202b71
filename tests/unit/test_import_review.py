"""The findings of reading the bundled roadmaps against their documents, line by line.

Each test checks one finding on the real seed (through the bundled file, which
``test_import_seeds`` keeps equal to a fresh import) and, where the fix is a general
importer rule, on a small document of its own.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from test_import_helpers import SEEDS, model_json, need_seeds

from syllabus import catalog
from syllabus.importer import import_text
from syllabus.importer.hints import Hints
from syllabus.importer.reading import read_text
from syllabus.model import progress as pm
from syllabus.model.roadmap import CHECKABLE_KINDS, ItemKind, Roadmap, Role
from syllabus.model.schedule import build_plan

NOWHERE = Path("/nonexistent-data-dir")
IDS = [
    "ki-12-monate",
    "ki-fahrplan-2025",
    "ml-dl-gpt-studienplan",
    "mlops-6-months",
    "ml-engineer-16-weeks",
]


def bundled(roadmap_id: str) -> Roadmap:
    return catalog.load_roadmap(roadmap_id, NOWHERE)


# 1. 003: document week N is planned in calendar week N.


def test_003_weeks_are_scheduled_by_their_numbers() -> None:
    roadmap = bundled("mlops-6-months")
    assert roadmap.schedule_by == "position"
    start = date(2026, 1, 5)  # a Monday
    enrolment = pm.Enrolment(
        start=start, hours_per_week=12, estimate="low", updated=datetime(2025, 1, 1, tzinfo=UTC)
    )
    plan = build_plan(roadmap, enrolment)
    weeks = [n for n in roadmap.walk() if n.id.rsplit("/", 1)[-1].startswith("week-")]
    assert len(weeks) == 24
    for number, week in enumerate(weeks, 1):
        planned = plan.nodes[week.id]
        assert (planned.start - start).days // 7 == number - 1, week.id
        assert (planned.end - start).days // 7 == number - 1, week.id
    assert (plan.end - start).days // 7 == 23  # the 24th calendar week


# 2. 003 course sequence: courses are checkable resources, their lines are notes.


def test_003_courses_are_checkable_with_hours_and_description_notes() -> None:
    roadmap = bundled("mlops-6-months")
    node = roadmap.node_index()["course-sequence"]
    courses = [i for i in node.items if i.depth == 0]
    notes = [i for i in node.items if i.depth == 1]
    assert [c.text for c in courses] == [
        "Kaggle Learn: Intro to ML (Free, 3 hours)",
        "Andrew Ng: Machine Learning (Coursera, 60 hours)",
        "Hands-On ML Book (Self-paced)",
        "Fast.ai: Practical Deep Learning (Free, 30 hours)",
        "Full Stack Deep Learning (Free, 20 hours)",
        "MLOps Specialization (Coursera, 40 hours)",
    ]
    assert all(c.kind is ItemKind.RESOURCE and c.checkable for c in courses)
    assert [c.hours for c in courses] == [3, 60, None, 30, 20, 40]
    assert [c.optional for c in courses] == [False] * 5 + [True]
    assert [n.text for n in notes][:2] == [
        "Quick start before Andrew Ng",
        "Foundation course (MUST complete)",
    ]
    assert all(n.kind is ItemKind.NOTE and not n.checkable for n in notes)
    # ids kept from the first version: the description lines are still there, as notes
    assert courses[1].id == "course-sequence/andrew-ng-machine-learning-coursera-60-hours"
    assert notes[0].id == "course-sequence/quick-start-before-andrew-ng"


def test_details_hint_and_trailing_hours_on_a_small_document() -> None:
    text = (
        "# Plan\n\n## Courses\n\n1. **Intro** (Free, 3 hours)\n   - Warm-up\n"
        "2. **Deep dive** (Coursera, 12.5 hrs)\n   - Optional, if time allows\n"
    )
    hints = Hints.from_dict({"node": [{"match": "Courses", "kind": "resource", "details": True}]})
    node = import_text(text, "plan.md", hints).nodes[0]
    assert [(i.text, i.kind, i.checkable, i.hours, i.optional) for i in node.items] == [
        ("Intro (Free, 3 hours)", ItemKind.RESOURCE, True, 3, False),
        ("Warm-up", ItemKind.NOTE, False, None, False),
        ("Deep dive (Coursera, 12.5 hrs)", ItemKind.RESOURCE, True, 12.5, True),
        ("Optional, if time allows", ItemKind.NOTE, False, None, True),
    ]


# 3. Kinds decide checkability; 003's portfolio projects and certificates are ticked.


def test_no_checkable_kind_is_ever_unticked_and_no_note_is_ticked() -> None:
    for roadmap_id in IDS:
        for _, item in bundled(roadmap_id).items():
            assert item.checkable == (item.kind in CHECKABLE_KINDS), item.id


def test_003_portfolio_projects_and_certifications_are_checkable() -> None:
    roadmap = bundled("mlops-6-months")
    projects = [i for n in roadmap.walk() if n.id.startswith("portfolio-timeline") for i in n.items]
    assert len(projects) == 10 and all(i.checkable for i in projects)
    assert [i.kind for i in projects] == [ItemKind.PROJECT] * 9 + [ItemKind.CAPSTONE]
    assert projects[-1].id == "portfolio-timeline/month-6/capstone-production-ml-system"
    certificates = [i for n in roadmap.walk() if n.id.startswith("certifications") for i in n.items]
    assert [i.text for i in certificates][0] == "Complete Andrew Ng's ML Certificate"
    assert len(certificates) == 5
    assert all(i.kind is ItemKind.TASK and i.checkable for i in certificates)


def test_an_appendix_keeps_kinds_a_label_gives() -> None:
    text = "# Plan\n\n## Appendix\n\n**Projects**:\n- Build a thing\n\n**Notes**:\n- Read me\n"
    hints = Hints.from_dict({"node": [{"match": "Appendix", "role": "appendix"}]})
    node = import_text(text, "plan.md", hints).nodes[0]
    assert node.role is Role.APPENDIX
    assert [(i.kind, i.checkable) for i in node.items] == [
        (ItemKind.PROJECT, True),
        (ItemKind.NOTE, False),
    ]


# 4. 004: the final capstone's portfolio list sums up weekly projects: not ticked twice.


def test_004_final_capstone_portfolio_list_is_notes() -> None:
    roadmap = bundled("ml-engineer-16-weeks")
    node = roadmap.node_index()["final-capstone"]
    portfolio = [i for i in node.items if i.group == "Portfolio Projects (8–10)"]
    assert len(portfolio) == 10
    assert portfolio[0].id == "final-capstone/expense-tracker-week-1"
    assert all(i.kind is ItemKind.NOTE and not i.checkable for i in portfolio)
    interview = [i for i in node.items if i.kind is ItemKind.SELF_CHECK]
    assert len(interview) == 25 and all(i.checkable for i in interview)


# 5. A list item ending with ":" over its own bullets is a label, not a thing to tick.


def test_list_labels_over_nested_bullets_are_notes() -> None:
    gpt = bundled("ml-dl-gpt-studienplan").item_index()
    for key in ("arten-von-ml", "wichtige-algorithmen", "evaluierungsmetriken"):
        _, item = gpt[f"level-1/grundlagen-des-machine-learning/{key}"]
        assert item.kind is ItemKind.NOTE and not item.checkable and item.text.endswith(":")
    _, child = gpt["level-1/grundlagen-des-machine-learning/support-vector-machines-svm"]
    assert child.kind is ItemKind.TOPIC and child.checkable and child.depth == 1
    fahrplan = bundled("ki-fahrplan-2025").item_index()
    _, papers = fahrplan["level-8/lesen-sie-papers-zu-themen-wie"]
    assert papers.kind is ItemKind.NOTE and not papers.checkable
    _, topic = fahrplan["level-8/agent-alignment-evaluation"]
    assert topic.checkable and topic.depth == 1


def test_list_label_rule_on_a_small_document() -> None:
    text = (
        "# Plan\n\n## Week 1\n\n- **Kinds**:\n  - One\n  - Two\n- Three:\n- Read these:\n  - Four\n"
    )
    node = import_text(text, "plan.md").nodes[0]
    assert [(i.text, i.checkable, i.depth) for i in node.items] == [
        ("Kinds:", False, 0),
        ("One", True, 1),
        ("Two", True, 1),
        ("Three:", True, 0),  # no bullets of its own: still a thing to do
        ("Read these:", False, 0),
        ("Four", True, 1),
    ]


# 6. 000: timeline rows naming no phase get their text as an item to tick.


def test_000_timeline_rows_without_a_phase_have_an_item() -> None:
    nodes = bundled("ki-12-monate").node_index()
    own = nodes["eigene-fullstack-projekte-optimierung"].items
    assert [(i.text, i.kind, i.checkable) for i in own] == [
        ("Eigene Fullstack-Projekte + Optimierung", ItemKind.PROJECT, True)
    ]
    last = nodes["abschluss-bewerbung-auf-ai-stellen"]
    assert last.role is Role.MILESTONE
    assert [(i.text, i.kind, i.checkable) for i in last.items] == [
        ("Abschluss & Bewerbung auf AI-Stellen 💼", ItemKind.TASK, True)
    ]


# 7. Kinds from the item's own words and from hints.


def test_kinds_the_review_corrected() -> None:
    fahrplan = bundled("ki-fahrplan-2025").item_index()
    assert fahrplan["level-1/implementieren-sie-logistische-regression"][1].kind is ItemKind.TASK
    reading = fahrplan["level-4/lesen-sie-attention-is-all-you-need-2017"][1]
    assert reading.kind is ItemKind.RESOURCE and reading.checkable
    # the projects beside it stay projects
    assert fahrplan["level-4/implementieren-sie-ein-cnn-fuer"][1].kind is ItemKind.PROJECT
    gpt = bundled("ml-dl-gpt-studienplan")
    nodes = gpt.node_index()
    applications = nodes["anwendungen-und-trends/anwendungen"].items
    assert [i.kind for i in applications] == [ItemKind.TOPIC] * 5 + [ItemKind.PROJECT] * 3
    trends = nodes["anwendungen-und-trends/trends"].items
    assert len(trends) == 5 and all(i.kind is ItemKind.TOPIC and i.checkable for i in trends)
    tools = nodes["tools-und-plattformen"].items
    assert len(tools) == 6
    assert {(i.kind, i.checkable) for i in tools} == {(ItemKind.NOTE, False)}


# 8. 002: the pace quotes the routine; the month plan's nodes hold their text.


def test_002_pace_quotes_the_weekly_routine() -> None:
    pace = bundled("ml-dl-gpt-studienplan").pace
    assert pace.text == (
        "Wöchentliche Routine: 10–15 Stunden: Theorie studieren (Bücher, Papers); "
        "5–10 Stunden: Programmierpraxis (Kaggle, GitHub); "
        "2–3 Stunden: Auf dem Laufenden bleiben (arXiv, X-Posts)"
    )
    assert pace.hours_per_week is not None
    assert (pace.hours_per_week.low, pace.hours_per_week.high) == (17, 28)


def test_002_month_plan_nodes_hold_their_bullet() -> None:
    nodes = bundled("ml-dl-gpt-studienplan").node_index()
    months = nodes["lernplan"].children
    assert len(months) == 5
    assert all(len(m.items) == 1 for m in months)
    assert months[0].items[0].text == (
        "ML-Grundlagen beherrschen (Scikit-learn, überwachtes/unüberwachtes Lernen)"
    )
    assert months[0].title.startswith("Monate 1–2: ML-Grundlagen")


# 9. 003: no empty milestones shell, no footer link.


def test_003_no_empty_shell_and_no_footer_link() -> None:
    roadmap = bundled("mlops-6-months")
    assert "milestones" not in roadmap.node_index()
    assert "Back to AI/ML" not in model_json(roadmap)
    # "Month 2: None (Focus on learning)" says all in its title; nothing else is empty.
    empty = [n.id for n in roadmap.walk() if not (n.items or n.children or n.body.strip())]
    assert empty == ["certifications/month-2"]
    after = [n.id for n in roadmap.walk() if n.title.startswith("After Month")]
    assert after == [
        "month-1-2/after-month-2",
        "month-3-4/after-month-4",
        "month-5/after-month-5",
        "month-6/after-month-6",
    ]


# 10. Titles lose backticks; the sign-off goes to the summary; every URL stays.


def test_titles_lose_backticks_items_keep_them() -> None:
    text = "# Plan\n\n## Week 1: Install `uv`\n\n- Run `uv sync`\n"
    node = import_text(text, "plan.md").nodes[0]
    assert node.title == "Week 1: Install uv"
    assert node.items[0].text == "Run `uv sync`"


def test_004_sign_off_is_in_the_summary_not_the_json_appendix() -> None:
    roadmap = bundled("ml-engineer-16-weeks")
    appendix = roadmap.node_index()["machine-readable-summary"]
    assert "ready to begin" not in appendix.body
    assert appendix.body.startswith("```json") and appendix.body.endswith("```")
    assert roadmap.summary.endswith(
        "✅ **You're now ready to begin.**  \nClone this plan, start Week 1, and commit daily."
        "  \n**In 16 weeks, you’ll be job-ready.**"
    )


def test_every_url_of_a_line_with_several_stays_reachable() -> None:
    need_seeds()
    from test_import_helpers import token_lines

    files = sorted(p.name for p in SEEDS.glob("00*.txt"))
    for roadmap_id, name in zip(IDS, files, strict=True):
        roadmap = bundled(roadmap_id)
        dumped = model_json(roadmap)
        _, urls = token_lines(read_text((SEEDS / name).read_bytes()))
        for url, line in urls:
            if "Back to AI/ML" not in line:
                assert url in dumped, (roadmap_id, url)
    gpt = bundled("ml-dl-gpt-studienplan").node_index()
    tools = gpt["anwendungen-und-trends/auf-dem-laufenden-bleiben"]
    item = next(i for i in tools.items if i.text.startswith("Tools:"))
    assert item.url == "https://x.ai/grok" and "https://x.ai/api" in item.text


def test_an_items_own_words_refine_its_groups_kind() -> None:
    from syllabus.importer.rules import text_kind

    resource, project = ItemKind.RESOURCE, ItemKind.PROJECT
    assert text_kind("Implementieren Sie logistische Regression", resource) is ItemKind.TASK
    assert text_kind("Build a CLI from scratch", resource) is ItemKind.TASK
    assert text_kind("Building Machine Learning Pipelines (book)", resource) is resource
    assert text_kind("Training Data for Beginners", resource) is resource
    assert text_kind("Lesen Sie „Attention Is All You Need“", project) is resource
    assert text_kind("Read the BERT paper", project) is resource
    assert text_kind("Reader app for papers", project) is project
    assert text_kind("Lesen Sie das Paper", ItemKind.TASK) is ItemKind.TASK
