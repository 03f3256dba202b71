"""The command line and the app show the same facts: one rule per concept, seen from both ends.

Each test runs the real ``syllabus`` command (a subprocess on the test's data dir) and the
real app (``SyllabusApp`` under Pilot) on the same data, and compares what each of them
shows: the CLI's output against the app's rendered screen, never the shared function.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from ui_helpers import load_progress, open_main, save_progress, screen_text, wait_for

from syllabus.clock import now
from syllabus.tui.app import SyllabusApp

ROADMAP = "ki-12-monate"
DONE = "phase-1/python-crash-course-freecodecamp"
SKIPPED = "phase-1/cs50p-introduction-to-programming-with-python"
SIZE = (160, 50)
"""Wide enough for the whole tree pane; the titles are still cut there, so they match by prefix."""

_TREE_ROW = re.compile(r"^│[▰▱·]{5}\s+(?:(\d+)/(\d+))?\s+(?:[▶⊘↔↻◆§] )?(.*?)\s*│")
_WEEK_HOURS = re.compile(r"today (\d+(?:\.\d+)?) h")
"""Today's hours in the status line (always shown); the only check-in is today's."""


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command line on a data dir (today comes from $SYLLABUS_TODAY, set for tests)."""
    return subprocess.run(
        [sys.executable, "-m", "syllabus", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def ok(data_dir: Path, *args: str) -> str:
    """The output of a command that must succeed."""
    result = cli(data_dir, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def cli_counts(data_dir: Path) -> dict[str, tuple[int, int]]:
    """Top-level title → (done, total), as ``syllabus show`` prints them."""
    counts = {}
    for line in ok(data_dir, "show", ROADMAP).splitlines():
        parts = re.split(r"\s{2,}", line.strip())
        if len(parts) >= 3 and parts[1].startswith("[") and not line.startswith(" "):
            found = re.fullmatch(r"(\d+)/(\d+)", parts[-1])
            counts[parts[2]] = (int(found[1]), int(found[2])) if found else (0, 0)
    return counts


def tree_counts(app: App[object]) -> dict[str, tuple[int, int]]:
    """Title as shown (cut to the pane) → (done, total), read off the rendered tree pane."""
    counts = {}
    for line in screen_text(app).splitlines():
        row = _TREE_ROW.match(line)
        if row and row[3]:
            counts[row[3]] = (int(row[1]), int(row[2])) if row[1] else (0, 0)
    return counts


def week_hours_shown(app: App[object]) -> float | None:
    """Today's hours in the status line, as the screen shows them."""
    found = _WEEK_HOURS.search(screen_text(app))
    return float(found[1]) if found else None


def found(pattern: str, text: str) -> str:
    """The first group of a pattern that must be in the text."""
    match = re.search(pattern, text)
    assert match is not None, f"{pattern!r} not in {text!r}"
    return match[1]


def enrol_by_cli(data_dir: Path, *options: str) -> str:
    return ok(data_dir, "start", ROADMAP, *options)


async def test_done_total_one_done_one_skipped(data_dir: Path) -> None:
    enrol_by_cli(data_dir)
    ok(data_dir, "done", DONE)
    ok(data_dir, "skip", SKIPPED)
    shown_by_cli = cli_counts(data_dir)
    assert shown_by_cli["Phase 1 – Fundament schaffen (1–2 Monate)"] == (1, 6)

    app = SyllabusApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot, app)
        shown_by_tree = tree_counts(app)
    assert len(shown_by_tree) == len(shown_by_cli) >= 8
    for cut_title, counts in shown_by_tree.items():
        title = next(t for t in shown_by_cli if t.startswith(cut_title.removesuffix("…")))
        assert counts == shown_by_cli[title], title


async def test_done_total_after_a_toggle_in_the_app(data_dir: Path) -> None:
    """The other way round: the app marks an item done, the CLI counts what it saved."""
    enrol_by_cli(data_dir)
    app = SyllabusApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot, app)
        await pilot.press("x")
        await wait_for(pilot, lambda: (1, 7) in tree_counts(app).values())
        shown_by_tree = tree_counts(app)
        await app.action_quit()
    shown_by_cli = cli_counts(data_dir)
    for cut_title, counts in shown_by_tree.items():
        title = next(t for t in shown_by_cli if t.startswith(cut_title.removesuffix("…")))
        assert counts == shown_by_cli[title], title


async def test_hours_typed_as_clock_time(tmp_path: Path) -> None:
    by_cli, by_app = tmp_path / "cli", tmp_path / "app"
    for data_dir in (by_cli, by_app):
        enrol_by_cli(data_dir)
    ok(by_cli, "checkin", "--hours", "1:30")
    cli_hours = float(found(r"this week: (\d+(?:\.\d+)?)/", ok(by_cli, "status")))

    app = SyllabusApp(by_app)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot, app)
        assert week_hours_shown(app) == 0.0
        await pilot.press("c", "1", "colon", "3", "0", "ctrl+s")
        await wait_for(pilot, lambda: week_hours_shown(app) not in (None, 0.0))
        app_hours = week_hours_shown(app)
        await app.action_quit()
    assert app_hours == cli_hours == 1.5
    # and each reads what the other wrote the same way
    logged = json.loads(ok(by_app, "log", "--format", "json"))
    assert [entry["hours"] for entry in logged] == [1.5]


async def test_hours_refused_alike(data_dir: Path) -> None:
    enrol_by_cli(data_dir)
    refused = cli(data_dir, "checkin", "--hours", "25")
    assert refused.returncode == 2
    app = SyllabusApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot, app)
        await pilot.press("c", "2", "5", "ctrl+s")
        await pilot.pause()
        shown = " ".join(screen_text(app).split()).lower()
    assert "hours must be at most 24" in refused.stderr
    assert "hours must be at most 24" in shown


def _rest_days_row(app: App[object]) -> list[str]:
    """The rest days the welcome form shows for the highlighted roadmap."""
    for line in screen_text(app).splitlines():
        found = re.search(r"Rest days\W+([a-z, ]*?)\s*[▊▎│▏▕]", line)
        if found:
            return [day for day in re.split(r"[ ,]+", found[1]) if day]
    raise AssertionError("no rest days row on screen")


async def _enrol_in_app(app: App[object], pilot: Pilot[object], rest: str) -> None:
    """First run: pick the first roadmap (ki-12-monate), type the rest days, start."""
    from syllabus.tui.screens.welcome import WelcomeScreen

    await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
    await wait_for(pilot, lambda: "KI-Lernplan: 12 Monate" in screen_text(app))
    # enter moves to the hours; tab to the rest days, where ctrl+u clears what is prefilled
    await pilot.press("home", "enter", "tab", "end", "ctrl+u", *rest, "ctrl+s")
    await pilot.pause()


async def test_rest_days_parsed_alike(tmp_path: Path) -> None:
    by_cli, by_app = tmp_path / "cli", tmp_path / "app"
    typed = "Saturday mon"
    cli_rest = found(r"rest (\S+),", enrol_by_cli(by_cli, "--rest-days", typed)).split(",")

    app = SyllabusApp(by_app)
    async with app.run_test(size=SIZE) as pilot:
        await _enrol_in_app(app, pilot, typed)
        await open_main(pilot, app)
        await wait_for(pilot, lambda: "syllabus — KI-Lernplan" in screen_text(app))
        await pilot.press("r")
        await wait_for(pilot, lambda: "Rest days" in screen_text(app))
        await pilot.pause(0.2)
        app_rest = _rest_days_row(app)
    assert app_rest == cli_rest == ["mon", "sat"]


async def test_rest_days_refused_alike(data_dir: Path) -> None:
    every_day = "mon tue wed thu fri sat sun"
    refused = cli(data_dir, "start", ROADMAP, "--rest-days", every_day)
    assert refused.returncode == 2
    app = SyllabusApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _enrol_in_app(app, pilot, every_day)
        shown = " ".join(screen_text(app).split()).lower()
    assert "keep at least one study day" in refused.stderr
    assert "keep at least one study day" in shown


def _enrolled_in(data_dir: Path, *roadmaps: str, active: str | None) -> None:
    for roadmap in roadmaps:
        ok(data_dir, "start", roadmap)
    progress = load_progress(data_dir)
    # a later time than the CLI's, or the save's merge keeps the file's settings
    settings = replace(progress.settings, active_roadmap=active, updated=now())
    save_progress(data_dir, replace(progress, settings=settings))
    assert load_progress(data_dir).settings.active_roadmap == active


def _cli_roadmap_title(data_dir: Path) -> str:
    return ok(data_dir, "status").splitlines()[0].rsplit(" (", 1)[0]


async def _app_roadmap_title(data_dir: Path) -> str:
    """The roadmap title in the app's header, or what the app shows instead of a roadmap."""
    from syllabus.tui.screens.main import MainScreen
    from syllabus.tui.screens.welcome import WelcomeScreen

    app = SyllabusApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:

        def settled() -> bool:
            screen = app.screen
            return isinstance(screen, WelcomeScreen) or (
                isinstance(screen, MainScreen) and " — " in screen_text(app).splitlines()[0]
            )

        await wait_for(pilot, settled)
        await pilot.pause()
        if isinstance(app.screen, WelcomeScreen):
            return "the welcome screen, no roadmap chosen"
        header = screen_text(app).splitlines()[0]
    return header.split("syllabus — ", 1)[1].strip()


async def test_roadmap_chosen_alike_the_active_one(data_dir: Path) -> None:
    _enrolled_in(data_dir, ROADMAP, "mlops-6-months", active=ROADMAP)
    assert await _app_roadmap_title(data_dir) == _cli_roadmap_title(data_dir)


async def test_roadmap_chosen_alike_the_only_one_enrolled(data_dir: Path) -> None:
    """No active roadmap, one enrolment: both act on it (``rules.choose_roadmap``)."""
    _enrolled_in(data_dir, "mlops-6-months", active=None)
    assert await _app_roadmap_title(data_dir) == _cli_roadmap_title(data_dir)
