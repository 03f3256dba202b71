"""No escape sequence or bidi override in a roadmap file reaches the terminal.

A roadmap TOML can be written by hand or synced from another machine, so it is cleaned
when it is read, by the same rule as the Markdown importer and the progress file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from syllabus.model import validate
from syllabus.model.text import clean_text

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;ZWNobyBoaQ==\x07"
BIDI = "\u202e\u2066"
HOSTILE = f"Evil {OSC_TITLE}map{OSC_CLIPBOARD}{BIDI}\u200b"


def hostile_roadmap(roadmap_id: str = "evil") -> str:
    header = (
        '# syllabus-roadmap {"id":"' + roadmap_id + '","title":"Evil \\u001b]0;pwned\\u0007map",'
        '"source":"a\\u001b[31m.md","language":"en","items_total":1,"items_checkable":1,'
        '"weeks":null,"hours":null,"hours_per_week":null,"rest_days":null}\n'
    )
    body = (
        f'id = "{roadmap_id}"\n'
        f'title = "Evil \\u001b]0;pwned\\u0007map\\u202e"\n'
        'source = "a.md"\n'
        "[[nodes]]\n"
        'id = "week-1"\n'
        'title = "Week \\u001b]52;c;ZWNobyBoaQ==\\u0007one\\u2066"\n'
        "[[nodes.items]]\n"
        'id = "week-1/read"\n'
        'text = "Read [3 hrs] \\u001b[2J\\u200b"\n'
    )
    return header + body


def test_clean_text_keeps_emoji_joiners() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    keycap = "1\ufe0f\u20e3"
    assert clean_text(f"{family} {keycap} Woche") == f"{family} {keycap} Woche"
    assert clean_text(HOSTILE) == "Evil ]0;pwnedmap]52;c;ZWNobyBoaQ=="
    assert clean_text("\ufeffBOM\r\nline\ttab") == "BOM\nline\ttab"


def test_clean_text_gives_clean_text_back_as_it_is() -> None:
    clean = "Woche 3: [3 hrs] Lineare Algebra \U0001f468\u200d\U0001f469\ttab\nline"
    assert clean_text(clean) is clean
    assert clean_text("a\rb") == "a\nb"  # a lone carriage return is not clean
    assert clean_text("a\r\nb\x85") == "a\nb"


def test_a_validated_roadmap_holds_no_control_characters() -> None:
    data = {
        "id": "evil",
        "title": HOSTILE,
        "summary": f"intro {OSC_TITLE}",
        "pace": {"text": f"2 h{BIDI}"},
        "nodes": [
            {
                "id": "n",
                "title": f"N{OSC_CLIPBOARD}",
                "goal": f"g{BIDI}",
                "body": "a\x1b[31mb",
                "items": [{"id": "n/i", "text": f"i{OSC_TITLE}", "url": "https://x\x1b"}],
            }
        ],
    }
    roadmap = validate.roadmap(data)
    texts = [roadmap.title, roadmap.summary, roadmap.pace.text or ""]
    for node in roadmap.walk():
        texts += [node.title, node.goal or "", node.body]
        texts += [t for item in node.items for t in (item.text, item.url or "")]
    for text in texts:
        assert not any(ch in text for ch in "\x1b\x07\u202e\u2066\u200b"), repr(text)


@pytest.mark.parametrize("command", [["list"], ["show", "evil"], ["show", "evil", "--items"]])
def test_cli_output_from_a_hostile_roadmap_file_is_clean(
    tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "roadmaps"
    folder.mkdir()
    (folder / "evil.toml").write_text(hostile_roadmap(), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "syllabus", *command, "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "map" in done.stdout
    for ch in "\x1b\x07\u202e\u2066\u200b":
        assert ch not in done.stdout + done.stderr
