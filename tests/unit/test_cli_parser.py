"""The command line builds only the chosen subcommand's parser: same results as the full one."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from syllabus import cli


def _parse(argv: list[str], only: str | None) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = ("ok", vars(cli.build_parser(only).parse_args(argv)))
        except SystemExit as done:
            result = ("exit", done.code)
        except cli.UsageError as error:
            result = ("usage", str(error))
    return result, out.getvalue(), err.getvalue()


def test_every_handler_has_a_parser() -> None:
    assert list(cli._COMMANDS) == list(cli._HANDLERS)


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
