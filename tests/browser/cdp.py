"""A small client for headless Chromium over the DevTools protocol (aiohttp's websocket).

Enough to open a page, type into it, read what its terminal shows, record every request
it makes and take a screenshot. The browser is the system's ``chromium`` (Debian's
package); nothing is downloaded. The test and ``scripts/screenshots.py`` both use it.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

NAMES = ("chromium", "chromium-browser")
"""What Debian and others call the browser on PATH."""

QUIET = (
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--metrics-recording-only",
    "--mute-audio",
)
"""Headless, and none of the browser's own calls home (a closed network makes them noise)."""

CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal",
      {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) { window.__terminal = value; }
  },
});
"""
"""textual-serve keeps its xterm.js terminal in a closure (``this.terminal = new
Terminal(...)``); this catches the object as it is stored, so a test can read the
terminal's buffer: xterm.js draws on a canvas, and the text is nowhere in the DOM."""

SCREEN_TEXT = """
(() => {
  const term = window.__terminal;
  if (!term) { return ""; }
  const buffer = term.buffer.active;
  const rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
})()
"""

KEYS: dict[str, tuple[str, str, int, str]] = {
    "enter": ("Enter", "Enter", 13, "\r"),
    "escape": ("Escape", "Escape", 27, ""),
    "tab": ("Tab", "Tab", 9, "\t"),
    "down": ("ArrowDown", "ArrowDown", 40, ""),
    "up": ("ArrowUp", "ArrowUp", 38, ""),
    "left": ("ArrowLeft", "ArrowLeft", 37, ""),
    "right": ("ArrowRight", "ArrowRight", 39, ""),
    "space": (" ", "Space", 32, " "),
}
"""Named keys: DOM key, code, Windows key code (xterm.js reads it) and the text typed."""


def find_chromium() -> str | None:
    """The system's Chromium, or None."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Page:
    """One tab, driven over its own DevTools websocket."""

    socket: aiohttp.ClientWebSocketResponse
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _waiting: dict[int, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)
    _reader: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = message.json()
            if "id" in data:
                future = self._waiting.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
            else:
                self.events.append((data["method"], data.get("params", {})))
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(ConnectionError("the browser closed the page"))

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a DevTools method; its result, or an error naming it."""
        number = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[number] = future
        await self.socket.send_json({"id": number, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 15)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = await self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def screen_text(self) -> str:
        """The terminal's rows as text."""
        return str(await self.evaluate(SCREEN_TEXT) or "")

    async def wait_for_text(self, pattern: str, timeout: float = 15) -> str:
        """The screen once ``pattern`` (a regular expression) shows on it."""
        return await self.wait_for_screen(
            lambda text: re.search(pattern, text) is not None, f"{pattern!r}", timeout
        )

    async def wait_for_screen(
        self, ready: Callable[[str], bool], what: str, timeout: float = 15
    ) -> str:
        """The screen once ``ready`` says so."""
        deadline = asyncio.get_running_loop().time() + timeout
        text = ""
        while asyncio.get_running_loop().time() < deadline:
            text = await self.screen_text()
            if ready(text):
                return text
            await asyncio.sleep(0.1)
        raise AssertionError(f"the page never showed {what}; it shows:\n{text}")

    async def press(self, *keys: str) -> None:
        """Type keys into the terminal: named ones (``enter``, ``down``) or characters."""
        for key in keys:
            name, code, number, text = KEYS.get(key) or _character(key)
            common = {"key": name, "code": code, "windowsVirtualKeyCode": number}
            await self.send("Input.dispatchKeyEvent", type="keyDown", text=text, **common)
            await self.send("Input.dispatchKeyEvent", type="keyUp", **common)

    async def screenshot(self, path: Path) -> None:
        """The page as a PNG file."""
        shot = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))

    def requested(self) -> list[str]:
        """Every URL the page asked for: documents, scripts, styles, fonts, websockets."""
        urls = [p["request"]["url"] for m, p in self.events if m == "Network.requestWillBeSent"]
        urls += [p["url"] for m, p in self.events if m == "Network.webSocketCreated"]
        return urls

    def console(self) -> list[str]:
        """What the page logged as an error or a warning, the browser's reports included."""
        lines = [
            p["entry"]["text"]
            for m, p in self.events
            if m == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning")
        ]
        lines += [
            str(p.get("exceptionDetails", {}).get("text"))
            for m, p in self.events
            if m == "Runtime.exceptionThrown"
        ]
        return lines


def _character(key: str) -> tuple[str, str, int, str]:
    if len(key) != 1:
        raise ValueError(f"no such key: {key!r}")
    code = f"Key{key.upper()}" if key.isalpha() else ""
    return key, code, ord(key.upper()) if key.isalnum() else 0, key


@dataclass
class Browser:
    """A headless Chromium with an empty profile, reached on a DevTools port."""

    process: subprocess.Popen[bytes]
    endpoint: str
    session: aiohttp.ClientSession
    pages: list[Page] = field(default_factory=list)

    async def open(self, url: str, width: int = 1280, height: int = 800) -> Page:
        """A new tab on ``url``, recording its requests from the first one."""
        async with self.session.put(f"{self.endpoint}/json/new?about:blank") as reply:
            target = await reply.json()
        socket = await self.session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        page = Page(socket)
        page.start()
        self.pages.append(page)
        for domain in ("Page", "Network", "Runtime", "Log"):
            await page.send(f"{domain}.enable")
        await page.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        # A headless tab is never the focused window, and Textual's footer lists no keys
        # while the app is blurred.
        await page.send("Emulation.setFocusEmulationEnabled", enabled=True)
        await page.send("Page.addScriptToEvaluateOnNewDocument", source=CAPTURE_TERMINAL)
        await page.send("Page.navigate", url=url)
        return page


@contextlib.asynccontextmanager
async def chromium(executable: str) -> AsyncIterator[Browser]:
    """Start headless Chromium (``--no-sandbox`` as root, which it needs) and stop it."""
    with tempfile.TemporaryDirectory(prefix="syllabus-chromium-") as profile:
        flags = [*QUIET, f"--user-data-dir={profile}", "--remote-debugging-port=0"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            flags.append("--no-sandbox")
        process = subprocess.Popen(
            [executable, *flags, "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            port = await _devtools_port(Path(profile), process)
            async with aiohttp.ClientSession() as session:
                browser = Browser(process, f"http://127.0.0.1:{port}", session)
                try:
                    yield browser
                finally:
                    for page in browser.pages:
                        await page.socket.close()
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def _devtools_port(profile: Path, process: subprocess.Popen[bytes]) -> int:
    """Chromium writes the port it chose to ``DevToolsActivePort`` in the profile."""
    marker = profile / "DevToolsActivePort"
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"chromium ended at once (exit {process.returncode})")
        if marker.exists():
            first = marker.read_text().split("\n", 1)[0].strip()
            if first.isdigit():
                return int(first)
        await asyncio.sleep(0.05)
    raise RuntimeError("chromium opened no DevTools port within 15 s")
