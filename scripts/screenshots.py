"""Write screenshots/*.svg (every screen of the app on a bundled roadmap with a history)
and screenshots/browser.png (the same app served to headless Chromium by `syllabus serve`).

    .venv/bin/python scripts/screenshots.py [--roadmap ml-engineer-16-weeks] [--out screenshots]
        [--only main,browser]

The learner enrolled five weeks before a fixed today (2026-11-23), ticked items off
in order, skipped one, left a note, and checked in on most study days; the app is
driven with real key presses in a headless terminal, so the pictures are what a
person sees. Nothing from the user's own data directory is read or written.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

TODAY = date(2026, 11, 23)
WEEKS = 5


def history(roadmap_id: str, data_dir: Path, weeks: int = WEEKS, seed: int = 11) -> None:
    """Enrol, tick items off in document order, skip one, note one, check in most days."""
    from syllabus.catalog import load_roadmap
    from syllabus.model.progress import (
        CheckIn,
        Enrolment,
        ItemState,
        Progress,
        enrol,
        put_checkin,
        set_item_state,
        set_note,
    )
    from syllabus.storage.progress_file import ProgressFile

    roadmap = load_roadmap(roadmap_id, data_dir)
    rng = random.Random(seed)
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    start = TODAY - timedelta(weeks=weeks)
    progress = enrol(
        Progress(), roadmap_id, Enrolment(start=start, hours_per_week=13, updated=stamp)
    )
    checkable = [
        (node, item) for node, item in roadmap.items() if item.checkable and not item.optional
    ]
    done = int(len(checkable) * 0.27)
    for n, (_, item) in enumerate(checkable[:done]):
        state = ItemState.SKIPPED if n == 7 else ItemState.DONE
        progress = set_item_state(progress, roadmap_id, item.id, state, stamp)
    node, item = checkable[done]
    progress = set_item_state(progress, roadmap_id, item.id, ItemState.DOING, stamp)
    progress = set_note(
        progress, roadmap_id, node.id, "Ask in the study group about [batch norm].", stamp
    )
    day, number = start, 0
    while day < TODAY:
        if day.weekday() != 6 and rng.random() < 0.85:
            number += 1
            progress = put_checkin(
                progress,
                CheckIn(
                    id=f"demo{number:03d}",
                    date=day,
                    hours=rng.choice([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0]),
                    note=rng.choice(["", "Reading", "Exercises", "Mini project", "Videos"]),
                    roadmap=roadmap_id,
                    created=stamp,
                    updated=stamp,
                ),
            )
        day += timedelta(days=1)
    ProgressFile(data_dir).save(progress)


async def _until(pilot: object, condition: Callable[[], object], timeout: float = 15) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise RuntimeError("the app never got there")
        await pilot.pause(0.05)  # type: ignore[attr-defined]


async def _main_ready(pilot: object) -> None:
    from syllabus.tui.screens.main import MainScreen
    from syllabus.tui.widgets.detail_pane import DetailPane

    app = pilot.app  # type: ignore[attr-defined]
    await _until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.query(DetailPane))
    screen = app.screen
    await _until(pilot, lambda: screen.query_one(DetailPane).settled and screen.shows_every_pane())
    await pilot.pause(0.4)  # type: ignore[attr-defined]


async def _shoot(
    data_dir: Path,
    out: Path,
    name: str,
    size: tuple[int, int],
    steps: Callable[[object], Awaitable[None]],
) -> None:
    from syllabus.tui.app import SyllabusApp

    app = SyllabusApp(data_dir)
    async with app.run_test(size=size) as pilot:
        await steps(pilot)
        await pilot.pause(0.3)
        svg = app.export_screenshot(title=f"syllabus — {name.replace('-', ' ')}")
    (out / f"{name}.svg").write_text(svg, encoding="utf-8")
    print(f"wrote {out / name}.svg")


async def _shots(data_dir: Path, fresh_dir: Path, out: Path, only: set[str] | None) -> None:
    from syllabus.tui.screens.calendar import CalendarScreen
    from syllabus.tui.screens.checkin import CheckInDialog
    from syllabus.tui.screens.help import HelpScreen
    from syllabus.tui.screens.welcome import WelcomeScreen

    async def welcome(pilot: object) -> None:
        app = pilot.app  # type: ignore[attr-defined]
        await _until(pilot, lambda: isinstance(app.screen, WelcomeScreen))

    async def main(pilot: object) -> None:
        await _main_ready(pilot)

    async def calendar(pilot: object) -> None:
        await _main_ready(pilot)
        await pilot.press("g")  # type: ignore[attr-defined]
        app = pilot.app  # type: ignore[attr-defined]
        await _until(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await pilot.press("left", "left")  # type: ignore[attr-defined]

    async def check_in(pilot: object) -> None:
        await _main_ready(pilot)
        await pilot.press("x", "down", "x", "c")  # type: ignore[attr-defined]
        app = pilot.app  # type: ignore[attr-defined]
        await _until(pilot, lambda: isinstance(app.screen, CheckInDialog))
        await pilot.press(*"1,5", "tab", *"Finished the NumPy drills")  # type: ignore[attr-defined]

    async def help_screen(pilot: object) -> None:
        await _main_ready(pilot)
        await pilot.press("question_mark")  # type: ignore[attr-defined]
        app = pilot.app  # type: ignore[attr-defined]
        await _until(pilot, lambda: isinstance(app.screen, HelpScreen))

    async def search(pilot: object) -> None:
        await _main_ready(pilot)
        await pilot.press("ctrl+p", *"pandas")  # type: ignore[attr-defined]
        await pilot.pause(0.6)  # type: ignore[attr-defined]

    shots: list[tuple[Path, str, tuple[int, int], Callable[[object], Awaitable[None]]]] = [
        (fresh_dir, "welcome", (110, 32), welcome),
        (data_dir, "main", (160, 45), main),
        (data_dir, "main-80x24", (80, 24), main),
        (data_dir, "calendar", (120, 36), calendar),
        (data_dir, "check-in", (110, 34), check_in),
        (data_dir, "help", (110, 40), help_screen),
        (data_dir, "search", (120, 32), search),
    ]
    for where, name, size, steps in shots:
        if only is None or name in only:
            await _shoot(where, out, name, size, steps)
    if only is None or "browser" in only:
        await _browser(data_dir, out)


async def _browser(data_dir: Path, out: Path) -> None:
    """screenshots/browser.png: ``syllabus serve`` in headless Chromium (the browser
    test's DevTools client), on the main screen."""
    import socket
    import subprocess
    import urllib.request

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
    from cdp import chromium, find_chromium

    executable = find_chromium()
    if executable is None:
        print("no chromium: screenshots/browser.png not made (apt-get install chromium)")
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "syllabus",
            "--data-dir",
            str(data_dir),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            except OSError:
                await asyncio.sleep(0.05)
        async with chromium(executable) as browser:
            page = await browser.open(url + "/", width=1280, height=800)
            await page.wait_for_text(r"Selected: ", timeout=30)
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await asyncio.sleep(9)  # start-up notifications fade (the longest stays 8 s)
            await page.screenshot(out / "browser.png")
    finally:
        server.terminate()
        server.wait(15)
    print(f"wrote {out / 'browser.png'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roadmap", default="ml-engineer-16-weeks")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "screenshots"))
    parser.add_argument(
        "--only",
        metavar="NAMES",
        help="comma-separated shots to take (main,browser,…); default all",
    )
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="syllabus-shots-") as tmp:
        data_dir, fresh_dir = Path(tmp) / "data", Path(tmp) / "fresh"
        os.environ["SYLLABUS_TODAY"] = TODAY.isoformat()
        os.environ["SYLLABUS_DATA_DIR"] = str(data_dir)
        os.environ.pop("NO_COLOR", None)
        history(args.roadmap, data_dir)
        from textual.widgets import Input, TextArea

        Input.cursor_blink._default = False  # a steady cursor: the same picture every run
        TextArea.cursor_blink._default = False
        only = set(args.only.split(",")) if args.only else None
        asyncio.run(_shots(data_dir, fresh_dir, out, only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
