"""The 16 real roadmaps in ../shared/realmaps import with the structure their README
describes, roughly: counts of checkable items in ranges, phases named, hours, pace and
length, what is set aside (issue 14). The files are read, never copied here.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import pytest

from syllabus.importer import import_bytes, import_file
from syllabus.model.roadmap import Roadmap, Role, Span, Unit

REALMAPS = Path(__file__).resolve().parents[3] / "shared" / "realmaps"

FILES = {
    "30-days-of-python.md": "en",
    "90daysofdevops-2022-ja.md": "ja",
    "bootdev-tracker.md": "en",
    "cs-video-courses.md": "en",
    "de-12-wochen-kurs.md": "de",
    "es-plan-de-estudio.md": "es",
    "es-temario-semanas.md": "es",
    "fr-feuille-de-route.md": "fr",
    "ja-daily-goals-checklist.md": "ja",
    "ossu-bioinformatics.md": "en",
    "ossu-math.md": "en",
    "pt-roteiro-de-estudos.md": "pt",
    "software-design-roadmap.md": "en",
    "swe-6monthgoal.md": "en",
    "system-design-primer.md": "en",
    "zh-python-plan.md": "zh",
}


@cache
def imported(name: str) -> Roadmap:
    path = REALMAPS / name
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    return import_file(path)


def checkable(roadmap: Roadmap) -> list[str]:
    return [item.text for _, item in roadmap.items() if item.checkable]


def asides(roadmap: Roadmap) -> set[str]:
    return {node.aside for node in roadmap.walk() if node.aside}


def titles(nodes: list) -> list[str]:  # type: ignore[type-arg]
    return [node.title for node in nodes]


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_real_roadmap_imports_in_its_language_with_nothing_set_aside_to_tick(
    name: str,
) -> None:
    roadmap = imported(name)
    assert roadmap.language == FILES[name]
    assert checkable(roadmap)
    for node in roadmap.walk():
        if node.aside:
            assert node.role is Role.APPENDIX
            for child in node.walk():
                assert not any(item.checkable for item in child.items)
    for _, item in roadmap.items():
        assert item.hours is None or item.hours >= 0


def test_ossu_bioinformatics_courses_are_table_rows_by_year_with_hours() -> None:
    roadmap = imported("ossu-bioinformatics.md")
    curriculum = next(n for n in roadmap.nodes if n.title == "Curriculum")
    assert titles(curriculum.children) == [
        "1st Year", "2nd Year", "3rd Year", "4th Year", "Extra Year",
    ]  # fmt: skip
    courses = [i for child in curriculum.children for i in child.items if i.checkable]
    assert 38 <= len(courses) <= 45  # 41 rows
    items = roadmap.item_index()
    biology = items["curriculum/1st-year/bio-1311"][1]  # the Code column is the id
    assert (biology.text, biology.hours, biology.hours_high) == (
        "Fundamentals of Biology", 84.0, 168.0,  # 12 weeks x 7-14 hours/week
    )  # fmt: skip
    assert items["curriculum/3rd-year/bio-3312"][1].hours is None  # "- Weeks": unknown
    assert sum(i.hours or 0 for i in courses) > 1500
    assert {"toc", "credits", "community", "code-of-conduct", "contributing"} <= asides(roadmap)
    assert roadmap.pace.hours_per_day is not None and roadmap.pace.hours_per_day.high == 2
    motivation = next(n for n in roadmap.nodes if n.title.startswith("Motivation"))
    assert motivation.items and all(item.optional for item in motivation.items)


def test_ossu_math_plans_about_two_years_of_courses() -> None:
    roadmap = imported("ossu-math.md")
    curriculum = next(n for n in roadmap.nodes if n.title == "Curriculum")
    assert titles(curriculum.children)[:2] == ["Core Mathematics", "Advanced Topics"]
    items = {item.text: item for _, item in roadmap.items()}
    assert items["LaTeX"].hours == 0.5  # 1 week x 30 minutes/week
    assert (
        items["Calculus 1A: Differentiation"].hours,
        items["Calculus 1A: Differentiation"].hours_high,
    ) == (78, 130)
    assert items["Essence of Linear Algebra"].hours is None
    assert 20 <= len(checkable(roadmap)) <= 45
    week = roadmap.pace.hours_per_week
    assert week is not None and (week.low, week.high) == (18, 22)
    assert roadmap.length == Span(low=24, high=24, unit=Unit.MONTH)
    course_hours = sum(i.hours or 0 for i in items.values())
    assert course_hours / week.high > 52  # two years of work, not three weeks
    assert {"toc", "community", "code-of-conduct", "licence", "logistics"} <= asides(roadmap)
    assert roadmap.title == "Open Source Society University"  # the H1 under the logo
    summary = next(n for n in roadmap.nodes if n.title == "Summary")
    assert not any(item.checkable for item in summary.items)  # "Courses must:" criteria
    closing = next(n for n in curriculum.children if n.title == "Congratulations")
    assert closing.role is Role.APPENDIX
    assert not any(item.checkable for item in closing.items)


def test_thirty_days_of_python_has_a_day_each_and_no_heading_from_code() -> None:
    roadmap = imported("30-days-of-python.md")
    days = [n for n in roadmap.nodes if n.id.startswith("day-") and len(n.items) == 1]
    assert len(days) == 30  # the table's rows; "Day 1" after them is that day's lesson
    assert days[0].items[0].text == "Introduction"
    assert days[-1].timing.position == Span(low=30, high=30, unit=Unit.DAY)
    assert 30 <= len(checkable(roadmap)) <= 90
    assert roadmap.length == Span(low=30, high=30, unit=Unit.DAY)
    assert not any("30DaysOfPython Challenge" in n.title for n in roadmap.walk())
    assert "credits" in asides(roadmap)  # the sponsors


def test_ninety_days_of_devops_offers_its_ticked_days_as_done() -> None:
    roadmap = imported("90daysofdevops-2022-ja.md")
    days = [item for _, item in roadmap.items() if item.checkable]
    assert len(days) == 90
    assert all(item.marked == "done" for item in days)
    assert len(roadmap.nodes[0].children) == 13
    per_day = roadmap.pace.hours_per_day
    assert per_day is not None and per_day.low == 1
    assert roadmap.length == Span(low=90, high=90, unit=Unit.DAY)
    assert "licence" in asides(roadmap)
    assert days[0].text == "はじめに"  # no "♾️ 1 >" before it
    assert not any(item.text[:1].isdigit() or not item.text[:1].isalnum() for item in days)


def test_german_twelve_weeks_and_no_week_from_a_code_fence() -> None:
    roadmap = imported("de-12-wochen-kurs.md")
    weeks = [n for n in roadmap.walk() if n.id.split("/")[-1].startswith("week-")]
    assert [n.id.split("/")[-1] for n in weeks] == [f"week-{n:02d}" for n in range(1, 13)]
    assert roadmap.length == Span(low=12, high=12, unit=Unit.WEEK)
    assert 36 <= len(checkable(roadmap)) <= 110


def test_spanish_phases_take_their_durations_from_their_headings() -> None:
    roadmap = imported("es-plan-de-estudio.md")
    phases = [n for n in roadmap.walk() if n.title.startswith("FASE")]
    assert [n.timing.duration for n in phases[:3]] == [
        Span(low=4, high=6, unit=Unit.WEEK),
        Span(low=6, high=8, unit=Unit.WEEK),
        Span(low=8, high=10, unit=Unit.WEEK),
    ]
    assert len(checkable(roadmap)) >= 27
    timeline = next(n for n in roadmap.nodes if n.title == "Cronograma Sugerido")
    assert timeline.role is Role.APPENDIX  # a second timeline of the same plan
    goals = [n for n in roadmap.nodes if n.title.startswith("Metas")]
    assert len(goals) == 2 and all(n.role is Role.APPENDIX for n in goals)
    per_day = roadmap.pace.hours_per_day
    assert per_day is not None and (per_day.low, per_day.high) == (1, 2)


def test_spanish_five_h1_weeks_of_four_items() -> None:
    roadmap = imported("es-temario-semanas.md")
    assert [n.id for n in roadmap.nodes] == [f"week-{n:02d}" for n in range(1, 6)]
    assert [len(n.items) for n in roadmap.nodes] == [4, 4, 4, 4, 4]
    assert checkable(roadmap)[-1].startswith("Proyecto final")


def test_french_week_table_without_front_matter_or_shortcodes() -> None:
    roadmap = imported("fr-feuille-de-route.md")
    weeks = [n for n in roadmap.walk() if n.timing.position is not None]
    assert len(weeks) == 15
    assert all(len(n.items) == 1 for n in weeks)
    week = roadmap.pace.hours_per_week
    assert week is not None and week.low == 9
    texts = " ".join(checkable(roadmap)) + roadmap.summary
    assert "weight:" not in texts


def test_japanese_checklist_keeps_its_hours_and_ticks() -> None:
    roadmap = imported("ja-daily-goals-checklist.md")
    assert sum(item.hours or 0 for _, item in roadmap.items()) == 940
    assert sum(1 for _, item in roadmap.items() if item.marked == "done") == 3
    skills = {item.text: item for _, item in roadmap.items()}
    assert not skills["プログラミング言語"].checkable  # the category over its boxes
    assert skills["JavaScript"].checkable


def test_portuguese_weeks_inside_modules_are_lengths_not_positions() -> None:
    roadmap = imported("pt-roteiro-de-estudos.md")
    modules = [n for n in roadmap.walk() if n.title[:3] in {f"M0{k}" for k in range(1, 8)}]
    assert len(modules) == 7
    for module in modules:
        assert all(child.timing.position is None for child in module.children)
        assert all(child.timing.duration is not None for child in module.children)
    assert "logistics" in asides(roadmap)  # Avaliação e Certificação
    assert roadmap.length == Span(low=6, high=6, unit=Unit.MONTH)


def test_chinese_weeks_and_a_late_appendix() -> None:
    roadmap = imported("zh-python-plan.md")
    ids = [n.id for n in roadmap.nodes]
    assert ids[1:6] == ["week-01", "week-02", "week-03", "week-04", "week-05-06"]
    assert roadmap.nodes[-1].role is Role.APPENDIX  # 附录
    assert roadmap.length == Span(low=4, high=6, unit=Unit.WEEK)


def test_cs_video_courses_subsections_from_list_headings_quickly() -> None:
    roadmap = imported("cs-video-courses.md")
    assert len(checkable(roadmap)) > 1200
    assert "Operating Systems" in titles(list(roadmap.walk()))
    assert not any(text.startswith("#") for text in checkable(roadmap))
    assert "preface" in asides(roadmap)
    related = next(n for n in roadmap.walk() if n.title == "Related")
    assert related.role is Role.APPENDIX and not any(i.checkable for i in related.items)
    raw = (REALMAPS / "cs-video-courses.md").read_bytes()
    took = []
    for _ in range(3):
        start = time.perf_counter()
        import_bytes(raw, "cs-video-courses.md")
        took.append(time.perf_counter() - start)
    assert min(took) < 1.0


def test_system_design_primer_does_not_explode() -> None:
    roadmap = imported("system-design-primer.md")
    assert 100 <= len(checkable(roadmap)) <= 1000
    assert {"contributing", "credits", "licence", "toc"} <= asides(roadmap)
    assert roadmap.tracks() == ["Short", "Medium", "Long"]  # the study guide's matrix
    from syllabus.model.roadmap import choose_track

    short = [i.text for _, i in choose_track(roadmap, "Short").items() if i.checkable]
    assert sum("(Some)" in text for text in short) == 3
    assert not any("(Most)" in text for text in short)


def test_software_design_phases_from_a_week_range_table() -> None:
    roadmap = imported("software-design-roadmap.md")
    rows = [n for n in roadmap.walk() if n.timing.position is not None]
    assert len(rows) == 7
    assert rows[-1].timing.position == Span(low=23, high=26, unit=Unit.WEEK)
    assert roadmap.title == "Software Engineering Expert Roadmap"
    assert roadmap.length == Span(low=26, high=26, unit=Unit.WEEK)


def test_bootdev_courses_from_details_and_chapters_from_code_blocks() -> None:
    roadmap = imported("bootdev-tracker.md")
    assert len(roadmap.nodes) == 29
    assert len(checkable(roadmap)) >= 150
    assert sum(1 for _, item in roadmap.items() if item.marked == "done") >= 50


def test_six_month_goal_rows_are_blocks_of_their_durations() -> None:
    roadmap = imported("swe-6monthgoal.md")
    rows = [n for n in roadmap.walk() if n.timing.duration is not None]
    assert len(rows) == 12
    assert sum(n.timing.duration.low for n in rows if n.timing.duration) == 21
    assert all(n.timing.position is None for n in rows)


@pytest.mark.parametrize(
    ("name", "weeks"),
    [
        ("ossu-math.md", (80, 130)),  # "about 2 years" at its 18-22 hours/week
        ("90daysofdevops-2022-ja.md", (12, 14)),  # 90 days
        ("30-days-of-python.md", (4, 7)),
        ("software-design-roadmap.md", (24, 28)),  # "26 Weeks"
        ("fr-feuille-de-route.md", (14, 16)),  # fifteen weeks
        ("swe-6monthgoal.md", (19, 23)),  # blocks summing to 21 weeks
        ("zh-python-plan.md", (4, 7)),  # 4~6 weeks
        ("es-plan-de-estudio.md", (18, 26)),  # its phases' 18-24 weeks, no second timeline
        ("de-12-wochen-kurs.md", (11, 15)),  # twelve weeks
    ],
)
def test_the_schedule_is_as_long_as_the_plan_says(name: str, weeks: tuple[int, int]) -> None:
    from datetime import date

    from syllabus.model.schedule.plan import build_plan, default_enrolment

    roadmap = imported(name)
    plan = build_plan(roadmap, default_enrolment(roadmap, date(2026, 1, 5)))
    planned = ((plan.end - plan.start).days + 1) / 7
    assert weeks[0] <= planned <= weeks[1]


def test_what_a_learner_ticks_reference_links_choices_and_status_marks() -> None:
    """Reference lists are read, "choose one" courses are alternatives, status emoji are
    marks (the patterns of tests/unit/test_import_study_material.py, on the real files)."""
    from syllabus.importer import structure

    zh = imported("zh-python-plan.md")
    week = zh.node_index()["week-01"]
    assert [i.checkable for i in week.items if i.group == "推荐资源"] == [False] * 3
    assert all(i.checkable for i in week.children[0].items)  # 每日任务建议
    math = imported("ossu-math.md")
    geometry = next(n for n in math.walk() if n.title == "Geometry and Topology")
    courses = [i for i in geometry.items if i.checkable]
    assert [i.optional for i in courses] == [False, True, True, True]  # one per topic
    assert not geometry.items[0].checkable  # the author's sentence, a note
    es = imported("es-plan-de-estudio.md")
    assert not any(i.checkable for _, i in es.items() if i.group == "Recursos Adicionales")
    primer = imported("system-design-primer.md")
    for node in primer.walk():
        if structure.reference_title(node.title):
            assert not any(i.checkable for inner in node.walk() for i in inner.items)
    goal = imported("swe-6monthgoal.md")
    assert not any(i.marked for _, i in goal.items())  # "🚀 In Progress", "⬜ Not Started"
