"""``syllabus serve``: the same app in a browser tab, one app process per tab.

The handler checks the address and builds the command each tab runs; the server itself
(``syllabus.web``, textual-serve and aiohttp) is imported only when the command runs,
and it never imports Textual: the app runs in the tab's own process.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from syllabus.cli.context import UsageError, note
from syllabus.locale import _

if TYPE_CHECKING:
    from syllabus.cli.context import Context

LOCAL_HOST = "127.0.0.1"
"""The default address: this machine only, and the literal the page's own URLs use."""


def tab_command(data_dir: Path) -> str:
    """What each tab runs: this interpreter, on this data directory, quoted for the
    shell textual-serve starts it through."""
    return shlex.join([sys.executable, "-m", "syllabus", "--data-dir", str(data_dir.absolute())])


def public_url_of(host: str, port: int, public_url: str | None) -> str:
    """The address browsers use; another host than ``127.0.0.1`` must name it."""
    if not 1 <= port <= 65535:
        raise UsageError(_("--port {port}: a port is 1 to 65535").format(port=port))
    if public_url is None:
        if host != LOCAL_HOST:
            raise UsageError(
                _(
                    "--host {host} needs --public-url, the address browsers reach it at "
                    "(such as http://my-machine:{port})"
                ).format(host=host, port=port)
            )
        return f"http://{LOCAL_HOST}:{port}"
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise UsageError(
            _("--public-url {url}: an http:// or https:// address such as {example}").format(
                url=public_url, example=f"http://my-machine:{port}"
            )
        )
    return public_url.rstrip("/")


def cmd_serve(args: argparse.Namespace, ctx: Context) -> int:
    """Serve the app until ctrl+c."""
    url = public_url_of(args.host, args.port, args.public_url)
    if args.host != LOCAL_HOST:
        note(
            _(
                "anyone who can reach {host} port {port} can use the app and change your "
                "progress: there is no login (see SECURITY.md)"
            ).format(host=args.host, port=args.port)
        )
    from syllabus.web import serve

    try:
        serve(tab_command(ctx.data_dir), args.host, args.port, url)
    except OSError as error:
        raise UsageError(
            _("cannot serve on {host} port {port}: {reason}").format(
                host=args.host, port=args.port, reason=error.strerror or error
            )
        ) from None
    return 0
