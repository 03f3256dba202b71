"""``syllabus status`` and ``today`` speak the environment's language: German with
``LANG=de_DE.UTF-8``, English with ``LANG=C`` — words, plural forms, dates and numbers
(Babel's CLDR data, never the system locale). The real entry point runs in a
subprocess, so the language is resolved as a person's shell would have it.

The history is test_cli_schedule's: Wednesday 18 November 2026, 2 of 5 items done.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli_schedule import make_history


@pytest.fixture
def history(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_history(data_dir, monkeypatch)


def _syllabus(data_dir: Path, lang: str, *args: str) -> str:
    env = {
        **os.environ,
        "LANGUAGE": "",
        "LC_ALL": "",
        "LC_MESSAGES": "",
        "LANG": lang,
        "SYLLABUS_DATA_DIR": str(data_dir),
        "SYLLABUS_TODAY": "2026-11-18",
    }
    done = subprocess.run(
        [sys.executable, "-m", "syllabus", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_status_prints_german_with_a_german_locale(history: Path) -> None:
    out = _syllabus(history, "de_DE.UTF-8", "status")
    assert "Woche 2 des Plans (9. Nov. 2026 – 21. Nov. 2026)" in out
    assert "erledigt: 2/5 (40 %)" in out
    assert "· geplant 21. Nov. 2026" in out
    assert "Agenda:" in out
    for english in ("week 2 of the plan", "done:", "planned", "agenda:", "Nov 21"):
        assert english not in out


def test_today_prints_german_with_a_german_locale(history: Path) -> None:
    out = _syllabus(history, "de_DE.UTF-8", "today")
    assert out.startswith("Mi., 18. Nov. 2026 · Tiny\nheute: Week 2  (week-2)\n")
    assert "überfällig" in out
    assert "· 4 h" in out
    for english in ("today:", "logged today", "overdue", "buffer"):
        assert english not in out


def test_the_same_commands_print_english_with_lang_c(history: Path) -> None:
    status = _syllabus(history, "C", "status")
    assert "week 2 of the plan (Nov 9, 2026 – Nov 21, 2026)" in status
    assert "done: 2/5 (40%)" in status
    today = _syllabus(history, "C", "today")
    assert today.startswith("Wed, Nov 18, 2026 · Tiny\ntoday: Week 2  (week-2)\n")


def test_json_stays_iso_and_untranslated_in_german(history: Path) -> None:
    import json

    german = json.loads(_syllabus(history, "de_DE.UTF-8", "status", "--format", "json"))
    english = json.loads(_syllabus(history, "C", "status", "--format", "json"))
    assert german == english
    assert english["planned_finish"] == "2026-11-21"


def test_an_enrolment_names_its_weekdays_and_estimate_in_german(history: Path) -> None:
    """Weekdays typed in German are read; the line names them (and the estimate) as the
    interface does, and the English words stay what the options are called."""
    roadmap = _roadmap_id(history)
    out = _syllabus(history, "de_DE.UTF-8", "start", roadmap, "--rest-days", "Samstag, So")
    assert "Ruhetage Sa,So, Schätzung mittel; jetzt aktiv" in out
    out = _syllabus(history, "C", "start", roadmap, "--rest-days", "sat,sun")
    assert "rest sat,sun, estimate mid; now active" in out


def _roadmap_id(data_dir: Path) -> str:
    from syllabus.storage.progress_file import ProgressFile

    active = ProgressFile(data_dir).load().progress.settings.active_roadmap
    assert active is not None
    return active
