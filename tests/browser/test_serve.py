"""``syllabus serve`` in a real browser: headless Chromium on the page, keys typed into it.

Two tabs on one data directory, each its own app process: the first ticks an item, the
second (started after) sees it and ticks the next, the first picks that up through its
file watcher, then opens the calendar. Both ticks must be in ``progress.toml``, and
every request either page made must have gone to the server on 127.0.0.1: the page
loads nothing from anywhere else (fonts included).

Chromium is the system's (Debian's ``chromium``; ``.ci/run`` installs it). Under CI a
missing browser fails the run; on a developer's machine without one the test skips.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from cdp import Page, chromium, find_chromium

from syllabus.catalog import load_roadmap
from syllabus.cli import main as cli_main

ROADMAP = "ml-engineer-16-weeks"
TODAYS_NODE = "block-1/week-04"
"""Today (2026-11-23, the tests' fixed day) is in week 4 of a start on 2026-11-02."""


def a_browser() -> str:
    """The system's Chromium; without one the test fails under CI and skips elsewhere."""
    found = find_chromium()
    if found is None:
        message = "chromium is not installed (.ci/run installs it: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def tabs_on(data_dir: Path) -> list[int]:
    """Process ids of the app processes (the tabs) running on this data directory."""
    wanted = ["-m", "syllabus", "--data-dir", str(data_dir)]
    found: list[int] = []
    if not Path("/proc").is_dir():
        return found  # Linux only: elsewhere the left-over check is not made
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
            if any(argv[i : i + 4] == wanted for i in range(len(argv))) and "serve" not in argv:
                found.append(int(entry.name))
    return found


@contextlib.contextmanager
def serving(
    data_dir: Path, *extra: str, port: int | None = None
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``syllabus serve`` on a free port, until the block ends (then no tab may be left)."""
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"
    command = [sys.executable, "-m", "syllabus", "--data-dir", str(data_dir)]
    server = subprocess.Popen(
        [*command, "serve", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            assert server.poll() is None, server.communicate()
            with contextlib.suppress(OSError):
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            time.sleep(0.05)
        yield url, server
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    deadline = time.monotonic() + 10
    while tabs_on(data_dir) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = tabs_on(data_dir)
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, 9)
    assert not left, "an app process outlived the server"


def item_states(data_dir: Path) -> dict[str, str]:
    with contextlib.suppress(FileNotFoundError, tomllib.TOMLDecodeError):
        text = (data_dir / "progress.toml").read_text(encoding="utf-8")
        items = tomllib.loads(text)["roadmaps"][ROADMAP].get("items", {})
        return {item_id: record["state"] for item_id, record in items.items()}
    return {}


async def wait_for_file(data_dir: Path, done: set[str], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = item_states(data_dir)
        if all(states.get(item_id) == "done" for item_id in done):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"progress.toml never had {sorted(done)} done: {item_states(data_dir)}")


async def focused(page: Page, selected: str) -> Page:
    """The main screen is up on today's node with ``selected`` under the cursor; keys
    typed from here go to the terminal."""
    await page.wait_for_text(r"syllabus — 16-Week Master Plan", timeout=20)
    await page.wait_for_text("Selected: " + re.escape(selected))
    await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
    return page


def assert_local(page: Page, url: str) -> None:
    requested = page.requested()
    assert any(r.startswith(f"{url}/static/fonts/RobotoMono") for r in requested), requested
    websocket = "ws" + url.removeprefix("http")
    elsewhere = [
        r for r in requested if not (r.startswith(url + "/") or r.startswith(websocket + "/"))
    ]
    assert not elsewhere, f"the page reached outside {url}: {elsewhere}"
    refused = [line for line in page.console() if "Content Security Policy" in line]
    assert not refused, refused


async def test_two_tabs_tick_items_and_open_the_calendar(data_dir: Path) -> None:
    browser = a_browser()
    assert cli_main(["start", ROADMAP, "--on", "2026-11-02"]) == 0
    node = load_roadmap(ROADMAP, data_dir).node_index()[TODAYS_NODE]
    first, second = [item for item in node.items if item.checkable][:2]

    with serving(data_dir) as (url, _server):
        async with chromium(browser) as chrome:
            one = await focused(await chrome.open(url + "/"), first.text)
            await one.press("x")
            await wait_for_file(data_dir, {first.id})
            await one.wait_for_text("✓ " + re.escape(first.text))

            two = await focused(await chrome.open(url + "/"), second.text)
            await two.wait_for_text("✓ " + re.escape(first.text))
            await two.press("x")
            await wait_for_file(data_dir, {first.id, second.id})

            await one.wait_for_text(
                "✓ " + re.escape(second.text)
            )  # its file watcher merged tab two's
            await one.press("g")
            calendar = await one.wait_for_text(r"Calendar — 16-Week Master Plan")
            assert "November 2026" in calendar
            assert "Monday" in calendar

            assert len(tabs_on(data_dir)) == 2
            for page in (one, two):
                assert_local(page, url)


async def test_a_page_from_another_origin_cannot_start_a_session(data_dir: Path) -> None:
    with serving(data_dir) as (url, _server):
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(
                    url.replace("http", "ws") + "/ws", origin="http://evil.test"
                )
            assert refused.value.status == 403
            local = url.replace("127.0.0.1", "localhost")
            async with session.ws_connect(url.replace("http", "ws") + "/ws", origin=local) as ws:
                assert not ws.closed  # "localhost" is this machine too: a session starts
            async with session.get(url + "/") as page:
                html = await page.text()
                policy = page.headers["Content-Security-Policy"]
    assert "googleapis" not in html and "@font-face" in html
    assert "default-src 'none'" in policy
    assert not tabs_on(data_dir)


def test_the_server_process_imports_no_textual_and_no_app() -> None:
    """Each tab is its own app process; the server only relays (textual-serve, aiohttp)."""
    script = (
        "import sys, syllabus.web, syllabus.cli.serve\n"
        "ui = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'\n"
        "            or m.startswith('syllabus.tui'))\n"
        "print(ui[:5], file=sys.stderr)\n"
        "sys.exit(1 if ui else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["--host", "0.0.0.0"], "needs --public-url"),
        (["--public-url", "ftp://here"], "an http:// or https:// address"),
        (["--port", "70000"], "a port is 1 to 65535"),
    ],
)
def test_an_address_browsers_cannot_use_is_a_usage_error(
    arguments: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["serve", *arguments]) == 2
    assert says in capsys.readouterr().err


def test_another_host_warns_that_there_is_no_login(data_dir: Path) -> None:
    port = free_port()
    public = ["--host", "0.0.0.0", "--public-url", f"http://localhost:{port}"]
    with serving(data_dir, *public, port=port) as (_url, server):
        pass
    assert server.stderr is not None
    assert "there is no login" in server.stderr.read()
