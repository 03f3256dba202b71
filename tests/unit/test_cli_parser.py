"""The command line builds only the chosen subcommand's parser: same results as the full one."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from syllabus import cli


def _parse(argv: list[str], only: str | None, commands: bool = True) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            parser = cli.build_parser(only, commands=commands)
            result: object = ("ok", vars(parser.parse_args(argv)))
        except SystemExit as done:
            result = ("exit", done.code)
        except cli.UsageError as error:
            result = ("usage", str(error))
    return result, out.getvalue(), err.getvalue()


def test_the_table_is_the_help_and_every_handler_resolves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one line per command
    monkeypatch.setenv("PYTHON_COLORS", "0")
    names = [command.name for command in cli.COMMANDS]
    assert len(set(names)) == len(names)
    help_text = cli.build_parser().format_help()
    rows = [line.split(None, 1) for line in help_text.splitlines() if line.startswith("    ")]
    listed = [(row[0], row[1].strip()) for row in rows if len(row) == 2]
    assert listed == [(c.name, c.help) for c in cli.COMMANDS]  # --help is the table, in order
    for command in cli.COMMANDS:
        assert callable(command.load()), command.handler


def test_building_the_parser_imports_no_handler() -> None:
    script = (
        "import sys\n"
        "from syllabus import cli\n"
        "cli.build_parser().parse_args(['checkin', '--hours', '1:30'])\n"
        "loaded = [m for m in sys.modules if m.split('.')[:2] == ['syllabus', 'cli']]\n"
        "print(sorted(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = eval(done.stdout)  # a printed list of module names
    assert not {"syllabus.cli.progress", "syllabus.cli.roadmaps", "syllabus.cli.schedule"} & set(
        loaded
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["status"], "status"),
        (["--data-dir", "list", "status"], "status"),
        (["--data-dir=/d", "checkin", "--hours", "1"], "checkin"),
        (["-h", "status"], None),
        (["--data", "/d", "status"], None),
        (["bogus"], None),
        ([], None),
    ],
)
def test_command_found_only_when_plain(argv: list[str], expected: str | None) -> None:
    assert cli.command_in(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["status", "--help"],
        ["--data-dir", "/d", "status", "--format", "json"],
        ["status", "--data-dir", "/d", "--roadmap", "x"],
        ["status", "--format", "xml"],
        ["status", "--bogus"],
        ["checkin", "--hours", "1,5", "--note", "n", "--item", "a", "--item", "b"],
        ["checkin", "--hours", "99"],
        ["done", "a/b", "c/d", "--roadmap", "r"],
        ["done"],
        ["show", "x", "--items"],
        ["undo", "extra"],
        ["--data-dir=/q", "list", "--format", "json"],
    ],
)
def test_one_subparser_parses_like_all(argv: list[str]) -> None:
    assert _parse(argv, cli.command_in(argv)) == _parse(argv, None)


@pytest.mark.parametrize(
    ("argv", "opens"),
    [
        ([], True),
        (["--data-dir", "/d"], True),
        (["--data-dir=/d"], True),
        (["--data-dir", "/a", "--data-dir=/b"], True),
        (["--data-dir"], False),
        (["-h"], False),
        (["--data", "/d"], False),
        (["status"], False),
        (["--data-dir", "/d", "bogus"], False),
    ],
)
def test_opening_the_app_parses_like_every_subcommand(argv: list[str], opens: bool) -> None:
    """Opening the app builds no subparser (~10 ms before its first frame); the arguments
    that open it read the same as with the full parser, and only those."""
    assert cli.opens_app(argv) is opens
    if opens:
        assert _parse(argv, None, commands=False) == _parse(argv, None)


def _run(*args: str, data_dir: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "syllabus", "--data-dir", data_dir, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_a_command_run_ends_with_all_its_output_and_its_code(tmp_path: Path) -> None:
    """``__main__`` ends a command with ``os._exit``: output flushed, exit code kept."""
    data = str(tmp_path / "data")
    listed = _run("list", "--format", "json", data_dir=data)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)  # the whole JSON document arrived
    started = _run("start", "ml-engineer-16-weeks", data_dir=data)
    assert started.returncode == 0, started.stderr
    checked = _run("checkin", "--hours", "1.5", "--note", "flushed", data_dir=data)
    assert checked.returncode == 0, checked.stderr
    logged = _run("log", "--format", "json", data_dir=data)
    assert [c["note"] for c in json.loads(logged.stdout)] == ["flushed"]
    wrong = _run("status", "--format", "xml", data_dir=data)
    assert wrong.returncode == 2
    assert wrong.stdout == "" and len(wrong.stderr.strip().splitlines()) == 1


def test_no_command_calls_the_app_with_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []

    def app(data_dir: Path) -> int:
        opened.append(data_dir)
        return 7

    assert cli.main(["--data-dir", str(tmp_path / "given")], app=app) == 7
    monkeypatch.setenv("SYLLABUS_DATA_DIR", str(tmp_path / "env"))
    assert cli.main([], app=app) == 7
    assert opened == [tmp_path / "given", tmp_path / "env"]
    assert cli.main([]) == 2  # the command line alone has no app to open


def test_the_entry_point_opens_the_app_without_a_command(tmp_path: Path) -> None:
    """``__main__`` decides: no command runs ``syllabus.tui.app.run`` (stood in for here)."""
    script = (
        "import sys, types\n"
        "stand_in = types.ModuleType('syllabus.tui.app')\n"
        "stand_in.run = lambda data_dir: print('app on', data_dir) or 0\n"
        "sys.modules['syllabus.tui.app'] = stand_in\n"
        "from syllabus.__main__ import main\n"
        "sys.argv = ['syllabus', *sys.argv[1:]]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"app on {tmp_path}\n", "")
    helped = subprocess.run(
        [sys.executable, "-m", "syllabus", "--help"], capture_output=True, text=True, timeout=60
    )
    assert helped.returncode == 0 and "No command opens the app." in helped.stdout


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (found,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found.choices)


def test_every_option_and_positional_of_every_command_has_help() -> None:
    subparsers = _subparsers(cli.build_parser())
    assert sorted(subparsers) == sorted(command.name for command in cli.COMMANDS)
    missing = [
        f"{name} {action.option_strings[0] if action.option_strings else action.metavar}"
        for name, parser in subparsers.items()
        for action in parser._actions
        if not action.help or not action.help.strip()
    ]
    assert missing == []


def test_start_help_speaks_german_with_a_german_locale() -> None:
    env = {
        **os.environ,
        "LANGUAGE": "",
        "LC_ALL": "",
        "LC_MESSAGES": "",
        "LANG": "de_DE.UTF-8",
        "COLUMNS": "200",  # one line per option
    }
    done = subprocess.run(
        [sys.executable, "-m", "syllabus", "start", "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = {line.split(None, 1)[0]: line for line in done.stdout.splitlines() if line.strip()}
    assert lines["--hours-per-week"].split(None, 2)[2] == (
        "Stunden pro Woche, an jedem Lerntag gleich viele (Standard: die des Lernplans)"
    )
    assert "Optionen:" in done.stdout
    assert "hours a week" not in done.stdout
