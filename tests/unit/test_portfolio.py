"""Issue 16: rubrics read from their lines, self-scoring, evidence, the portfolio README
(Markdown, JSON, one self-contained HTML page), the progress report and its re-import,
and the new records merging and migrating like the rest of the progress file."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from syllabus import catalog, cli
from syllabus.importer import import_file, import_text
from syllabus.model import progress as pm
from syllabus.model import rubric
from syllabus.model.portfolio import entries
from syllabus.storage.progress_file import ProgressFile

FIXTURES = Path(__file__).parent.parent / "fixtures" / "markdown"
ML = "ml-engineer-16-weeks"

# The seed's rubrics, week by week, as it states them (all out of 100).
SEED_RUBRICS = {
    "block-1/week-01": [("Correctness", 40), ("Reproducibility/README", 20),
                        ("Evaluation/Test", 20), ("Ethics/Discussion", 10), ("Code Quality", 10)],
    "block-1/week-02": [("Correctness", 40), ("README", 20), ("Evaluation", 20), ("Ethics", 10),
                        ("Code Quality", 10)],
    "block-1/week-03": [("Correctness", 40), ("Visualization/README", 20), ("Explanation", 20),
                        ("Ethics", 10), ("Code/Test", 10)],
    "block-1/week-04": [("Insightfulness", 40), ("Visualization/README", 20),
                        ("Data Cleaning", 20), ("Ethics", 10), ("Code Quality", 10)],
    "block-2/week-05": [("Correctness", 40), ("README", 20), ("Evaluation", 20), ("Ethics", 10),
                        ("Code Quality", 10)],
    "block-2/week-06": [("Correctness", 40), ("Metrics", 20), ("Ethics Discussion", 20),
                        ("README", 10), ("Code", 10)],
    "block-2/week-07": [("CV Setup", 40), ("Tuning", 20), ("Interpretation", 20), ("Ethics", 10),
                        ("Code", 10)],
    "block-2/week-08": [("Clustering Quality", 40), ("PCA Use", 20), ("Interpretation", 20),
                        ("Ethics", 10), ("Code", 10)],
    "block-3/week-09": [("Correctness", 40), ("Training Curve", 20), ("Comparison", 20),
                        ("Ethics", 10), ("Code", 10)],
    "block-3/week-10": [("Accuracy", 40), ("Architecture", 20), ("Ethics", 20), ("README", 10),
                        ("Code", 10)],
    "block-3/week-11": [("Accuracy", 40), ("Preprocessing", 20), ("Ethics", 20), ("README", 10),
                        ("Code", 10)],
    "block-3/week-12": [("Performance", 40), ("Model Card", 20), ("Ethics", 20), ("README", 10),
                        ("Code", 10)],
    "block-4/week-13": [("DVC Setup", 30), ("MLflow Logging", 30), ("Reproducibility", 20),
                        ("Ethics", 10), ("Code", 10)],
    "block-4/week-14": [("Docker", 30), ("API", 30), ("Deployment", 20), ("README", 10),
                        ("Code", 10)],
    "block-4/week-15": [("CI Setup", 40), ("Logging", 20), ("Drift Detection", 20),
                        ("README", 10), ("Code", 10)],
    "block-4/week-16": [("Completeness", 40), ("Documentation", 20), ("Deployment", 20),
                        ("Ethics", 10), ("Code", 10)],
}  # fmt: skip
SEED_CAPSTONES = [
    "block-1/checkpoint-capstone",
    "block-2/checkpoint-capstone",
    "block-3/checkpoint-capstone",
]


def bundled() -> object:
    return catalog.load_roadmap(ML, Path("/nonexistent"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def enrolled(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SYLLABUS_DATA_DIR", str(data_dir))
    monkeypatch.setenv("SYLLABUS_TODAY", "2026-02-11")
    assert cli.main(["start", ML, "--on", "2026-01-05"]) == 0
    return data_dir


# --- rubrics ------------------------------------------------------------------------


def test_every_project_of_seed_004_has_the_rubric_the_seed_states() -> None:
    roadmap = bundled()
    found = {p.id: p for p in rubric.projects(roadmap)}  # type: ignore[arg-type]
    for node_id, criteria in SEED_RUBRICS.items():
        project = found[node_id]
        assert project.rubric.stated and not project.capstone
        assert [(c.name, c.max_points) for c in project.rubric.criteria] == criteria
        assert project.rubric.total == 100
    # the capstones state no rubric: each is scored overall, out of 100
    for node_id in SEED_CAPSTONES:
        project = found[node_id]
        assert project.capstone and not project.rubric.stated
        assert [(c.name, c.max_points) for c in project.rubric.criteria] == [("Overall", 100)]
    assert set(found) == set(SEED_RUBRICS) | set(SEED_CAPSTONES)
    assert found["block-1/week-01"].title == "Personal Expense Tracker CLI"


def test_rubric_lines_in_points_percent_and_unstated() -> None:
    roadmap = import_file(FIXTURES / "rubric_weights.md")
    found = {p.id: p for p in rubric.projects(roadmap)}
    # "Rubric (50 pts)": points are points, the line without a number takes the rest
    assert [(c.name, c.max_points) for c in found["week-01"].rubric.criteria] == [
        ("Robustness", 20), ("Tests", 15), ("Docs", 10), ("Style", 5)
    ]  # fmt: skip
    assert found["week-01"].rubric.total == 50
    assert [(c.name, c.max_points) for c in found["week-02"].rubric.criteria] == [
        ("Feature Engineering", 35), ("Validation", 25), ("Reporting", 25), ("Fairness", 15)
    ]  # fmt: skip
    assert not found["week-03"].rubric.stated


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("Correctness (40%)", ("Correctness", 40.0, True)),
        ("Code Quality: 10 pts", ("Code Quality", 10.0, False)),
        ("Ethik (10 Punkte)", ("Ethik", 10.0, False)),
        ("Tests — 12.5 points", ("Tests", 12.5, False)),
        ("20 pts: Documentation", ("Documentation", 20.0, False)),
        ("Style", ("Style", None, False)),
    ],
)
def test_one_rubric_line(line: str, parsed: tuple[str, float | None, bool]) -> None:
    assert rubric.parse_criterion(line) == parsed


def test_export_json_gives_rubric_items_their_max_points(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "export", ML, "--format", "json")
    assert code == 0
    data = json.loads(out)

    def items(nodes: list[dict[str, object]]) -> list[dict[str, object]]:
        found = []
        for node in nodes:
            found += node.get("items", [])  # type: ignore[operator]
            found += items(node.get("children", []))  # type: ignore[arg-type]
        return found

    rubrics = [i for i in items(data["nodes"]) if i["kind"] == "rubric"]
    assert len(rubrics) == 16 * 5
    week_01 = [i["max_points"] for i in rubrics if str(i["id"]).startswith("block-1/week-01/")]
    assert week_01 == [40, 20, 20, 10, 10]


# --- score ---------------------------------------------------------------------------


def test_score_by_prefix_keeps_what_is_not_named_and_the_history(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "score", "block-1/week-01", "Correctness=32", "Code=8")
    assert code == 0 and err == ""
    assert "  Correctness  32/40" in out and "  Code Quality  8/10" in out
    assert "total: 40/100" in out
    # a rubric item names its project too; a criterion not named keeps its last score
    code, out, _err = run(capsys, "score", "block-1/week-01/reproducibility", "Repro=15")
    assert code == 0 and "total: 55/100 · scored 2×" in out
    code, out, _err = run(capsys, "score", "block-1/week-01", "--format", "json")
    data = json.loads(out)
    assert data["score"] == 55 and data["max_score"] == 100 and data["times_scored"] == 2
    assert data["rubric"][0] == {"criterion": "Correctness", "max_points": 40.0, "points": 32.0}
    assert [h["points"] for h in data["history"]] == [
        {"Correctness": 32.0, "Code Quality": 8.0},
        {"Correctness": 32.0, "Reproducibility/README": 15.0, "Code Quality": 8.0},
    ]
    # one undo step takes the last scoring back: the one before shows again
    assert run(capsys, "undo")[0] == 0
    code, out, _err = run(capsys, "score", "block-1/week-01")
    assert "total: 40/100 · scored 1×" in out


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (["Correctness=41"], "Correctness takes 0 to 40 points, got 41"),
        (["Correctness=-1"], "Correctness takes 0 to 40 points"),
        (["E=5"], "ambiguous"),  # Evaluation/Test, Ethics/Discussion
        (["Speed=5"], "no criterion 'Speed'"),
        (["Correctness"], "NAME=POINTS"),
        (["Correctness=lots"], "not a number"),
    ],
)
def test_score_refuses_with_exit_2(
    enrolled: Path, capsys: pytest.CaptureFixture[str], pairs: list[str], message: str
) -> None:
    code, out, err = run(capsys, "score", "block-1/week-01", *pairs)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1
    assert ProgressFile(enrolled).load().progress.roadmap(ML).scores == {}


def test_a_capstone_is_scored_overall(enrolled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "score", "block-2/checkpoint", "overall=81.5")
    assert code == 0 and "Overall  81.5/100" in out and "total: 81.5/100" in out


def test_status_lists_the_unscored_projects_of_finished_weeks(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 2026-02-11 is in week 6: weeks 1-4, the first capstone and week 5 are over
    assert run(capsys, "score", "block-1/week-01", "Correctness=30")[0] == 0
    data = json.loads(run(capsys, "status", "--format", "json")[1])
    assert [u["node"] for u in data["unscored"]] == [
        "block-1/week-02", "block-1/week-03", "block-1/week-04",
        "block-1/checkpoint-capstone", "block-2/week-05",
    ]  # fmt: skip
    assert data["unscored"][0] == {
        "node": "block-1/week-02",
        "title": "Titanic Survival Data Analysis",
    }
    text = run(capsys, "status")[1]
    assert "not scored yet: Titanic Survival Data Analysis (block-1/week-02)" in text


# --- evidence ------------------------------------------------------------------------


def test_evidence_links_are_checked_and_kept(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "evidence", "block-1/week-01", "--repo", "ftp://example.org/x")
    assert code == 2 and "http:// or https://" in err
    code, _out, err = run(capsys, "evidence", "block-1/week-01", "--demo", "javascript:alert(1)")
    assert code == 2
    code, out, _err = run(
        capsys, "evidence", "block-1/week-01", "--repo", "https://example.org/me/expenses",
        "--note", "A CLI with tests",
    )  # fmt: skip
    assert code == 0 and "repository: https://example.org/me/expenses" in out
    assert "finished: Feb 11, 2026" in out or "finished:" in out
    # a later call changes what it names, the rest stays
    code, out, _err = run(capsys, "evidence", "block-1/week-01", "--demo", "http://demo.example")
    record = ProgressFile(enrolled).load().progress.roadmap(ML).evidence["block-1/week-01"]
    assert record.repo == "https://example.org/me/expenses"
    assert record.demo == "http://demo.example" and record.note == "A CLI with tests"
    assert record.finished == date(2026, 2, 11)


# --- the portfolio -------------------------------------------------------------------


def _scored_portfolio(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "score", "block-1/week-01", "Correctness=32", "Code=8")[0] == 0
    run(capsys, "evidence", "block-1/week-01", "--repo", "https://example.org/me/x",
        "--demo", "https://x.example/app", "--note", "Tracks <expenses> & *totals*")  # fmt: skip


def test_portfolio_markdown_renders(enrolled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _scored_portfolio(capsys)
    code, out, err = run(capsys, "portfolio")
    assert code == 0 and err == ""
    tokens = MarkdownIt("commonmark").parse(out)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Portfolio: 16-Week Master Plan: From Zero to AI/ML Engineer"
    assert len(headings) == 1 + 19 and "Personal Expense Tracker CLI" in headings
    html = MarkdownIt("commonmark").render(out)
    assert "Correctness 32/40" in html and "40/100" in html
    assert '<a href="https://example.org/me/x">Repository</a>' in html
    assert "Tracks &lt;expenses&gt; &amp; *totals*" in html  # literal, never markup
    assert "Can write basic Python scripts" in html


def test_portfolio_in_the_roadmaps_language(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SYLLABUS_DATA_DIR", str(data_dir))
    assert cli.main(["start", "ki-12-monate"]) == 0
    capsys.readouterr()
    code, out, _err = run(capsys, "portfolio")
    assert code == 0 and out.startswith("# Portfolio: KI-Lernplan") and "Bewertung" in out
    assert "noch nicht bewertet" in out


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[tuple[str, str, str]] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "srcset", "href", "poster", "data", "action") and value:
                if tag == "a":
                    self.anchors.append(value)
                else:
                    self.loads.append((tag, name, value))


def test_portfolio_html_is_one_file_that_loads_nothing(
    enrolled: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _scored_portfolio(capsys)
    target = tmp_path / "portfolio.html"
    code, out, _err = run(capsys, "portfolio", "--format", "html", "--output", str(target))
    assert code == 0 and out == ""
    page = target.read_text(encoding="utf-8")
    links = _Links()
    links.feed(page)
    assert links.loads == []  # no script, style sheet, image, font or frame from anywhere
    assert "url(" not in page and "@import" not in page and "<script" not in page
    assert "default-src 'none'" in page  # and the page forbids loading anything
    assert links.anchors == ["https://example.org/me/x", "https://x.example/app"]
    assert "Tracks &lt;expenses&gt; &amp; *totals*" in page
    assert re.search(r"<td>Correctness</td><td>32/40</td>", page)


def test_portfolio_json(enrolled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _scored_portfolio(capsys)
    data = json.loads(run(capsys, "portfolio", "--format", "json")[1])
    first = data["projects"][0]
    assert first["node"] == "block-1/week-01" and first["score"] == 40
    assert first["evidence"]["repo"] == "https://example.org/me/x"
    assert len(data["projects"]) == 19


# --- the report ----------------------------------------------------------------------


def test_report_reimports_as_the_same_roadmap(
    enrolled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ["done", "block-1/week-01/variables-data-types-loops-conditionals"],
        ["skip", "block-1/week-01/basic-file-i-o"],
        ["note", "block-1/week-01/functions-error-handling", "hard one\n\nsecond [line]"],
        ["note", "block-1/week-02", "a node's note"],
        ["add", "block-1/week-01", "My extra task"],
        ["checkin", "--hours", "2", "--note", "good day", "--date", "2026-01-06"],
    ):
        assert cli.main(args) == 0
    capsys.readouterr()
    code, out, _err = run(capsys, "report")
    assert code == 0
    assert "+ [x] Variables, data types" in out and "+ [-] Basic file I/O" in out
    assert "> hard one" in out and "- [ ] My extra task" in out
    assert "| 2026-01-05 | 13 | 2 |" in out and "2026-01-06 · 2 h" in out
    MarkdownIt("commonmark").parse(out)
    back = import_text(out, "report.md")
    roadmap = bundled()

    def shape(r: object) -> list[tuple[str, str, list[str]]]:
        return [(n.id, n.role.value, [i.id for i in n.items]) for n in r.walk()]  # type: ignore[attr-defined]

    assert shape(back) == shape(roadmap)
    week_01 = back.node_index()["block-1/week-01"]
    assert "My extra task" in week_01.body and "hard one" in week_01.body


def test_report_json_and_csv(enrolled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(
        ["checkin", "--hours", "1:30", "--note", 'said "hi", then left', "--date", "2026-01-07"]
    )
    cli.main(["checkin", "--hours", "2", "--date", "2026-01-08"])
    capsys.readouterr()
    code, out, _err = run(capsys, "report", "--format", "csv")
    rows = out.splitlines()
    assert code == 0 and rows[0] == "date,hours,node,node_title,items,activity,note,id"
    assert len(rows) == 3 and rows[1].startswith("2026-01-07,1.5,")
    assert '"said ""hi"", then left"' in rows[1]
    data = json.loads(run(capsys, "report", "--format", "json")[1])
    assert data["weeks"][0] == {"week": "2026-01-05", "planned": 13.0, "logged": 3.5}
    assert len(data["checkins"]) == 2


# --- merging and migrating ------------------------------------------------------------

COPY = "progress.sync-conflict-20261123-101010-ABCDEFG.toml"


def test_scores_evidence_and_instances_merge_record_by_record(data_dir: Path) -> None:
    when = datetime(2026, 2, 1, 10, tzinfo=UTC)
    later = datetime(2026, 2, 1, 11, tzinfo=UTC)
    ev = pm.Evidence(repo="https://a.example/r", updated=when)

    def laptop(p: pm.Progress) -> pm.Progress:
        p = pm.add_score(p, ML, "block-1/week-01", {"Correctness": 30.0}, when)[0]
        p = pm.set_evidence(p, ML, "block-1/week-01", ev)
        return pm.set_item_state(p, ML, "x/deliverables@1", pm.ItemState.DONE, when)

    def desktop(p: pm.Progress) -> pm.Progress:
        p = pm.add_score(p, ML, "block-1/week-01", {"Correctness": 35.0}, later)[0]
        other = pm.Evidence(demo="https://b.example/d", updated=later)
        p = pm.set_evidence(p, ML, "block-1/week-02", other)
        return pm.set_item_state(p, ML, "x/deliverables@2", pm.ItemState.DONE, later)

    ProgressFile(data_dir).update(laptop)
    other_dir = data_dir.parent / "desktop"
    ProgressFile(other_dir).update(desktop)
    (data_dir / COPY).write_text((other_dir / "progress.toml").read_text())
    merged = ProgressFile(data_dir).load().progress.roadmap(ML)
    assert [s.by_criterion() for s in merged.score_history("block-1/week-01")] == [
        {"Correctness": 30.0},
        {"Correctness": 35.0},
    ]
    assert merged.latest_score("block-1/week-01").by_criterion() == {"Correctness": 35.0}  # type: ignore[union-attr]
    assert set(merged.evidence) == {"block-1/week-01", "block-1/week-02"}
    assert merged.state("x/deliverables@1") is pm.ItemState.DONE
    assert merged.state("x/deliverables@2") is pm.ItemState.DONE


SCHEMA_2 = """schema = 2

[roadmaps.ml-engineer-16-weeks.items]
"block-1/week-01/basic-file-i-o" = { state = "done", updated = 2026-01-06T10:00:00Z }
"""


def test_a_schema_2_file_opens_and_takes_the_new_records(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "progress.toml").write_text(SCHEMA_2)
    loaded = ProgressFile(data_dir).load()
    assert loaded.problems == [] and not loaded.read_only
    rp = loaded.progress.roadmap(ML)
    assert rp.state("block-1/week-01/basic-file-i-o") is pm.ItemState.DONE
    when = datetime(2026, 2, 1, tzinfo=UTC)
    ProgressFile(data_dir).update(
        lambda p: pm.add_score(p, ML, "block-1/week-01", {"Correctness": 20.0}, when)[0]
    )
    text = (data_dir / "progress.toml").read_text()
    assert f"schema = {pm.SCHEMA_VERSION}\n" in text and pm.SCHEMA_VERSION == 3
    again = ProgressFile(data_dir).load().progress.roadmap(ML)
    assert again.latest_score("block-1/week-01").by_criterion() == {"Correctness": 20.0}  # type: ignore[union-attr]
    assert again.state("block-1/week-01/basic-file-i-o") is pm.ItemState.DONE


def test_portfolio_entries_follow_the_counting_rule() -> None:
    roadmap = bundled()
    when = datetime(2026, 2, 1, tzinfo=UTC)
    progress = pm.Progress()
    node = roadmap.node_index()["block-1/week-01"]  # type: ignore[attr-defined]
    for item in node.items:
        if item.checkable and not item.optional:
            progress = pm.set_item_state(progress, ML, item.id, pm.ItemState.DONE, when)
    found = {e.project.id: e for e in entries(roadmap, progress.roadmap(ML))}  # type: ignore[arg-type]
    assert found["block-1/week-01"].state == "done"
    assert found["block-1/week-02"].state == "todo"
