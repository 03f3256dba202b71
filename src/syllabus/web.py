"""The app in a browser tab: textual-serve's server, made to load nothing from elsewhere.

Every tab that connects starts its own app process (the command ``syllabus serve``
builds), so tabs and terminals on one data directory share it as two terminals do,
through the progress file's lock and merge. This process runs no app: it imports
textual-serve (whose log uses Rich) and aiohttp, never Textual or the TUI.

textual-serve's page asks a font service on the internet for its font. The page is
rewritten on its way out instead: links to other hosts are dropped and an
``@font-face`` names the font files textual-serve ships under ``/static/fonts/``. A
Content-Security-Policy header keeps the browser from fetching anything that is not
this server, and the websocket that drives a session refuses pages from another
origin, so a web site open in the same browser cannot start a session (websockets are
not held to the same-origin rule).
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from syllabus.locale import _

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

FONT_FAMILY = "Roboto Mono"
"""The family textual-serve's page and terminal ask for."""

LOOPBACK = "127.0.0.1"

QUIT_SECONDS = 10.0
"""How long stopping waits for the tabs' apps to write what they hold and exit."""

_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-cased, as a browser sends it in ``Origin``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_own(url: str, public_url: str) -> bool:
    """Whether a link in the page points at this server (a relative link always does)."""
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return True
    return origin_of(url) == origin_of(public_url)


def font_faces(fonts: Path, static_url: str) -> str:
    """``@font-face`` rules for the font files textual-serve ships (a variable font,
    upright and italic), under the URLs its static route serves them from."""
    rules = []
    for font in sorted(fonts.glob("*.ttf")):
        style = "italic" if "italic" in font.stem.lower() else "normal"
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: {style}; '
            f'font-weight: 100 700; src: url("{static_url}fonts/{font.name}") '
            'format("truetype"); }'
        )
    return "\n".join(rules)


def offline_page(html: str, public_url: str, faces: str) -> str:
    """The page without links to other hosts, with the local fonts declared instead."""

    def keep_own(match: re.Match[str]) -> str:
        href = _HREF.search(match.group(0))
        return match.group(0) if href is None or is_own(href.group(1), public_url) else ""

    html = _LINK.sub(keep_own, html)
    if faces:
        html = _HEAD_END.sub(lambda end: f"<style>\n{faces}\n</style>\n{end.group(0)}", html, 1)
    return html


def content_policy(public_url: str) -> str:
    """Only this server may be fetched from or connected to."""
    origin = origin_of(public_url)
    socket = ("wss" if origin.startswith("https") else "ws") + origin[origin.index(":") :]
    own = f"'self' {origin}"
    # The page's own script and the terminal's injected styles are inline.
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src {own} 'unsafe-inline'",
            f"style-src {own} 'unsafe-inline'",
            f"img-src {own} data: blob:",
            f"font-src {own}",
            f"connect-src {own} {socket}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


class OfflineServer(Server):
    """textual-serve's server whose page and sessions stay on this machine."""

    def __init__(self, command: str, host: str, port: int, public_url: str) -> None:
        super().__init__(command, host=host, port=port, title="syllabus", public_url=public_url)
        static_url = f"{self.public_url.rstrip('/')}/static/"
        self.faces = font_faces(self.statics_path / "fonts", static_url)
        self.policy = content_policy(self.public_url)
        self.origins = {origin_of(self.public_url)}
        if urlsplit(self.public_url).hostname == LOOPBACK:
            # "localhost" names this machine too, and no other site can be it.
            self.origins.add(origin_of(self.public_url.replace(LOOPBACK, "localhost", 1)))
        self.sessions: set[asyncio.Task[object]] = set()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.same_origin)
        app.middlewares.append(self.local_page)
        app.router.add_get("/favicon.ico", self.no_icon)
        return app

    async def no_icon(self, request: web.Request) -> web.Response:
        """Browsers ask for an icon; "none" is an answer, a 404 is an error in their log."""
        return web.Response(status=204)

    @web.middleware
    async def same_origin(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """A browser sends the page's origin when it opens a websocket: only ours may."""
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and origin.lower() not in self.origins:
            raise web.HTTPForbidden(text=_("Sessions start only from this server's own page."))
        return await handler(request)

    @web.middleware
    async def local_page(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Rewrite the page to load only from here; every response carries the policy."""
        response = await handler(request)
        if (
            isinstance(response, web.Response)
            and response.content_type == "text/html"
            and response.text is not None
        ):
            response.text = offline_page(response.text, self.public_url, self.faces)
        response.headers["Content-Security-Policy"] = self.policy
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab's session (its own app process), remembered so shutdown can end it."""
        session = asyncio.current_task()
        if session is not None:
            self.sessions.add(session)
        try:
            return await super().handle_websocket(request)
        finally:
            if session is not None:
                self.sessions.discard(session)

    async def on_shutdown(self, app: web.Application) -> None:
        """Stopping ends every session at once: each app is told to quit, writes what it
        has pending and exits (otherwise a tab would hold the server until the browser
        closes it)."""
        sessions = list(self.sessions)
        for session in sessions:
            session.cancel()
        if sessions:
            await asyncio.wait(sessions, timeout=QUIT_SECONDS)

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve's banner is not shown: ``listening`` says where the app is."""

    def listening(self, message: object) -> None:
        """The socket is bound (aiohttp's "running on"): where browsers find the app."""
        print(_("syllabus in the browser: {url}  (ctrl+c stops it)").format(url=self.public_url))
        sys.stdout.flush()

    def serve(self, debug: bool = False) -> None:
        """Serve until ctrl+c or SIGTERM; sessions still open are told to quit."""
        self.debug = debug
        self.initialize_logging()
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            print=self.listening,
            shutdown_timeout=QUIT_SECONDS,
        )


def serve(command: str, host: str, port: int, public_url: str) -> None:
    """Serve the app until ctrl+c; each tab runs ``command`` (a shell command line)."""
    OfflineServer(command, host, port, public_url).serve()
