"""``syllabus list | show | export | import`` as scripts use them."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from test_import_helpers import SEEDS, need_seeds

from syllabus.cli import main
from syllabus.importer import import_text
from syllabus.importer.export import from_json
from syllabus.model import validate


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_progress(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "progress.toml").write_text(
        "schema = 1\n\n"
        "[roadmaps.mlops-6-months.enrolment]\n"
        "start = 2026-11-02\nhours_per_week = 12.0\nupdated = 2026-11-20T10:00:00Z\n\n"
        "[roadmaps.mlops-6-months.items]\n"
        '"month-1-2/week-01/install-anaconda-miniconda" = '
        '{ state = "done", updated = 2026-11-20T10:00:00Z }\n',
        encoding="utf-8",
    )


def test_list_json(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    write_progress(data_dir)
    code, out, err = run(capsys, "list", "--format", "json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [
        "ki-12-monate",
        "ki-fahrplan-2025",
        "ml-dl-gpt-studienplan",
        "mlops-6-months",
        "ml-engineer-16-weeks",
    ]
    mlops = rows[3]
    assert {k: mlops[k] for k in ("id", "source", "language", "bundled", "enrolled", "items")} == {
        "id": "mlops-6-months",
        "source": "003_66871e786a47153e.txt",
        "language": "en",
        "bundled": True,
        "enrolled": True,
        "items": {"total": 177, "checkable": 129},
    }
    assert mlops["title"] == "6-Month AI/ML Learning Roadmap"
    assert [r["enrolled"] for r in rows].count(True) == 1


def test_list_text_and_a_damaged_progress_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.toml").write_text("not [ toml", encoding="utf-8")
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 5
    assert lines[3].startswith("  mlops-6-months ") and "6-Month AI/ML Learning Roadmap" in lines[3]


def test_show_outline_and_items(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    write_progress(data_dir)
    code, out, _ = run(capsys, "show", "mlops")
    assert code == 0
    assert (
        "month-1-2/week-01  [section]  Week 1: Python for ML Setup  "
        "(at week 1, for 1 week, 10–12 h)  1/5" in out
    )
    assert "install-anaconda" not in out
    code, out, _ = run(capsys, "show", "mlops", "--items")
    assert (
        "- month-1-2/week-01/install-anaconda-miniconda  task  done  Install Anaconda/Miniconda"
        in out
    )
    code, out, _ = run(capsys, "show", "ml-engineer", "--items", "--format", "json")
    tree = json.loads(out)
    week = tree["nodes"][2]["children"][0]  # after the overview and the weekly deliverables
    assert week["id"] == "block-1/week-01" and week["role"] == "section"
    install = week["items"][4]
    assert install["text"] == "[2 hrs] Install Python via Anaconda or use Google Colab"
    assert (install["kind"], install["hours"], install["state"]) == ("task", 2, "todo")


def test_export_json_toml_and_markdown(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "export", "ml-engineer-16-weeks", "--format", "json")
    model = json.loads(out)
    checkable = []

    def walk(nodes: list[dict]) -> None:
        for node in nodes:
            checkable.extend(i for i in node["items"] if i["checkable"] is True)
            walk(node["children"])

    walk(model["nodes"])
    assert len(checkable) == 421 and all(i["id"] and i["text"] for i in checkable)
    code, out, _ = run(capsys, "export", "ml-engineer", "--format", "toml")
    assert validate.roadmap(tomllib.loads(out)) == validate.roadmap(from_json(model))
    code, out, _ = run(capsys, "export", "ki-12", "--format", "markdown")
    assert code == 0 and out.startswith("---\ntitle: ")
    assert import_text(out, "k.md") == validate.roadmap(
        from_json(json.loads(run(capsys, "export", "ki-12", "--format", "json")[1]))
    )
    # An item's hours are a range or null (issue 14.9).
    hours = [i["hours"] for i in checkable]
    assert None in hours and any(h is not None for h in hours)
    assert all(h is None or (set(h) == {"low", "high"} and h["low"] <= h["high"]) for h in hours)
    assert all("hours_high" not in i for i in checkable)


def test_import_markdown_then_reimport_keeps_ids(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    doc = tmp_path / "my plan.md"
    doc.write_text("# Mein Plan\n## Woche 1: Start\n- [ ] Übung\n- [3 hrs] Lesen\n", "utf-8")
    code, out, err = run(capsys, "import", str(doc))
    assert (code, out) == (0, "mein-plan\n") and "2 checkable items" in err
    saved = data_dir / "roadmaps" / "mein-plan.toml"
    first = saved.read_text("utf-8")
    code, out, _ = run(capsys, "import", str(doc))
    assert out == "mein-plan\n" and saved.read_text("utf-8") == first
    code, out, _ = run(capsys, "show", "mein", "--items")
    assert "week-01/uebung  task  todo  Übung" in out
    assert "week-01/lesen  task 3 h  todo  [3 hrs] Lesen" in out
    rows = json.loads(run(capsys, "list", "--format", "json")[1])
    assert rows[-1]["id"] == "mein-plan" and rows[-1]["bundled"] is False


def test_import_with_id_and_title(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text("# Plan\n- a\n", "utf-8")
    assert run(capsys, "import", str(doc), "--id", "Mein Ding", "--title", "Mein Ding")[1] == (
        "mein-ding\n"
    )
    code, _, err = run(capsys, "import", str(doc), "--id", "mlops-6-months")
    assert code == 2 and "bundled" in err and err.count("\n") == 1


def test_an_export_reimports_to_the_same_structure_and_ids(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    out = run(capsys, "export", "ml-dl", "--format", "markdown")[1]
    doc = tmp_path / "exported.md"
    doc.write_text(out, "utf-8")
    code, new_id, _ = run(capsys, "import", str(doc), "--id", "copy")
    assert (code, new_id) == (0, "copy\n")
    copy = json.loads(run(capsys, "export", "copy", "--format", "json")[1])
    original = json.loads(run(capsys, "export", "ml-dl-gpt-studienplan", "--format", "json")[1])
    assert copy["nodes"] == original["nodes"]


def test_import_of_a_seed_with_mojibake(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    need_seeds()
    code, out, _ = run(capsys, "import", str(SEEDS / "004_fb1b600ca95d8385.txt"))
    assert code == 0
    text = (data_dir / "roadmaps" / f"{out.strip()}.toml").read_text("utf-8")
    assert "üìÖ" not in text and "🚀" not in text.split("\n", 1)[0]


def test_errors_exit_codes_and_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "show", "mlop-6-months")
    assert (code, out) == (2, "")
    assert err == "syllabus: unknown roadmap 'mlop-6-months'; closest: mlops-6-months\n"
    code, _, err = run(capsys, "export", "ml", "--format", "json")
    assert code == 2 and "ambiguous" in err
    code, _, err = run(capsys, "import", str(tmp_path / "missing.md"))
    assert code == 1 and "missing.md: cannot read" in err and err.count("\n") == 1
    binary = tmp_path / "pic.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, _, err = run(capsys, "import", str(binary))
    assert code == 2 and err == "syllabus: pic.md: binary data, not a Markdown text file\n"
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", "utf-8")
    assert run(capsys, "import", str(empty))[0] == 2


def test_damaged_user_roadmap_is_exit_1(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    folder = data_dir / "roadmaps"
    folder.mkdir(parents=True)
    (folder / "bad.toml").write_text(
        '# syllabus-roadmap {"id":"bad","title":"Bad"}\nid = "bad"\ntitle = 3\n', "utf-8"
    )
    code, _, err = run(capsys, "show", "bad")
    assert code == 1 and "bad.toml" in err and err.count("\n") == 1


def test_list_loads_neither_textual_nor_pydantic_nor_markdown_it(data_dir: Path) -> None:
    script = (
        "import sys\n"
        "from syllabus.cli import main\n"
        "assert main(['list']) == 0\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich', 'pydantic', 'markdown_it', 'ftfy')]\n"
        "print(heavy, file=sys.stderr)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_reimporting_an_edited_file_keeps_its_roadmap_id(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text("# First Title\n## Week 1: A\n- [ ] task one\n", "utf-8")
    assert run(capsys, "import", str(doc))[1] == "first-title\n"
    doc.write_text("# Better Title\n## Week 1: A\n- [ ] task one\n- [ ] task two\n", "utf-8")
    assert run(capsys, "import", str(doc))[1] == "first-title\n"
    out = run(capsys, "show", "first-title", "--items")[1]
    assert out.startswith("Better Title  (first-title")
    assert "week-01/task-one" in out and "week-01/task-two" in out
    assert sorted(p.name for p in (data_dir / "roadmaps").iterdir()) == ["first-title.toml"]


def test_a_namesake_from_another_folder_is_a_new_roadmap(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    """Issue 12.5: y/plan.md after x/plan.md once replaced x's roadmap and orphaned its progress."""
    first, second = tmp_path / "x" / "plan.md", tmp_path / "y" / "plan.md"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text("# Plan\n## Week 1: A\n- [ ] read x\n", "utf-8")
    second.write_text("# Plan\n## Week 1: B\n- [ ] read y\n", "utf-8")
    assert run(capsys, "import", str(first))[:2] == (0, "plan\n")
    saved = data_dir / "roadmaps" / "plan.toml"
    before = saved.read_text("utf-8")
    code, out, err = run(capsys, "import", str(second))
    assert (code, out) == (0, "plan-2\n") and "another roadmap has the id plan" in err
    assert saved.read_text("utf-8") == before
    assert "read-y" in (data_dir / "roadmaps" / "plan-2.toml").read_text("utf-8")
    # The same file again, even by another spelling of its path, re-imports over its own roadmap.
    again = tmp_path / "x" / ".." / "y" / "plan.md"
    code, out, err = run(capsys, "import", str(again))
    assert (code, out) == (0, "plan-2\n") and "re-imported plan-2" in err
    # --id names the roadmap to re-import over, whatever file it came from.
    code, out, err = run(capsys, "import", str(second), "--id", "plan")
    assert (code, out) == (0, "plan\n") and "re-imported plan" in err
    assert "read-y" in saved.read_text("utf-8")
    assert sorted(p.name for p in (data_dir / "roadmaps").iterdir()) == ["plan-2.toml", "plan.toml"]


def test_show_leaves_skipped_items_out_of_the_total(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Issue 11: with one item done and one skipped, `show` said 1/7 where the tree says 1/6."""
    assert main(["start", "ki-12-monate"]) == 0
    assert main(["done", "phase-1/python-crash"]) == 0
    assert main(["skip", "phase-1/cs50p"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "show", "ki-12-monate")
    assert code == 0
    assert "Phase 1 – Fundament schaffen (1–2 Monate)  (at month 1, for 1–2 months)  1/6\n" in out
    code, out, _ = run(capsys, "show", "ki-12-monate", "--format", "json")
    assert json.loads(out)["nodes"][0]["counts"] == {"done": 1, "total": 6}


def test_file_names_in_messages_carry_no_escape_sequences(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    """Issue 12.6: a file name is shown cleaned, like any text that reaches the terminal."""
    code, out, err = run(capsys, "import", str(tmp_path / "x\x1b]0;owned\x07\u202e.md"))
    assert (code, out) == (1, "")
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "]0;owned" in err and err.count("\n") == 1
    named = tmp_path / "plan\x1b[31m.md"
    named.write_text("# Plan\n- a\n", "utf-8")
    assert run(capsys, "import", str(named))[0] == 0
    code, _, err = run(capsys, "import", str(named))
    assert code == 0 and "re-imported plan" in err and "\x1b" not in err
