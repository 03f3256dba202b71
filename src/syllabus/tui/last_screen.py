"""The main screen as last seen, kept per machine so the next start paints it at once.

Opening a roadmap imports the models, reads the progress file and the roadmap and
builds the schedule and the main screen: a tenth of a second or more before the
first frame of content. What that frame shows (the visible tree labels, the
checklist rows, the status line) is saved here as plain JSON in ``<data dir>/local/``
whenever the app opens a roadmap or saves (``first_screen`` builds it from the same
functions the widgets draw with), and read at the next start with nothing but
``json``: the preview screen paints it while the real data loads behind it.

A saved screen is only ever shown when nothing it depends on changed: the progress
file (mtime and size, as ``ProgressFile.signature``), the roadmap file and both
roadmap folders, this format and syllabus's version; and it must hold a view for
today's study day. Anything else, and it is ignored.
It is a cache: a failed write is silent, and a damaged file is as good as none.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.style import Style
from rich.text import Span as TextSpan
from rich.text import Text
from textual.content import Content, Span

FORMAT = 2
"""Bumped whenever what is saved, or how the screen draws it, changes."""

FILE_NAME = "last-screen.json"


def file_path(data_dir: Path) -> Path:
    """Where the saved screen lives: per machine, never synced (``local/``)."""
    return data_dir / "local" / FILE_NAME


def signature(path: Path) -> list[int] | None:
    """[mtime_ns, size] of a file or folder; None when it is absent."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size]


def encode_text(text: Text) -> dict[str, Any]:
    """A rich ``Text`` (a tree label) as JSON: plain text, base style and spans."""
    return {
        "plain": text.plain,
        "style": str(text.style),
        "spans": [[s.start, s.end, str(s.style)] for s in text.spans],
    }


def decode_text(data: dict[str, Any]) -> Text:
    """The ``Text`` back; styles are re-parsed, the text is never read as markup."""
    return Text(
        str(data["plain"]),
        style=str(data["style"]),
        spans=[TextSpan(int(a), int(b), Style.parse(str(s))) for a, b, s in data["spans"]],
    )


def encode_content(content: Content) -> dict[str, Any] | None:
    """A ``Content`` (a checklist row, the status) as JSON; None if a style is not a name."""
    spans = []
    for span in content.spans:
        if not isinstance(span.style, str):
            return None
        spans.append([span.start, span.end, span.style])
    return {"plain": content.plain, "spans": spans}


def decode_content(data: dict[str, Any]) -> Content:
    """The ``Content`` back, literal text with its styles."""
    spans = [Span(int(a), int(b), str(s)) for a, b, s in data["spans"]]
    return Content(str(data["plain"]), spans=spans)


@dataclass(frozen=True)
class LastScreen:
    """What the preview draws; built only from a saved file that is still valid."""

    roadmap_id: str
    sub_title: str
    theme: str
    tree: list[dict[str, Any]]
    """The tree's visible lines: {depth, icon, label (encoded Text), cursor}."""
    rows: list[dict[str, Any]]
    """The checklist's rows, as encoded ``Content``."""
    highlighted: int | None
    item: dict[str, Any]
    """The detail pane's highlighted item, as encoded ``Content``."""
    status: dict[str, Any]
    """The status line, as encoded ``Content``."""
    text: str
    """The file as read, to tell whether a new save would change it."""


def read(data_dir: Path) -> LastScreen | None:
    """The saved screen if every input it was drawn from is unchanged, else None."""
    from syllabus import __version__
    from syllabus.clock import today

    try:
        text = file_path(data_dir).read_text(encoding="utf-8")
        raw = json.loads(text)
        if raw.get("format") != FORMAT:
            return None
        if raw["version"] != __version__:
            return None
        if raw["progress"] != signature(data_dir / "progress.toml") or raw["progress"] is None:
            return None
        view = raw["days"].get(today(int(raw["day_start_hour"])).isoformat())
        if view is None:
            return None
        for path, expected in raw["files"]:
            if signature(Path(path)) != expected:
                return None
        return LastScreen(
            roadmap_id=str(raw["roadmap_id"]),
            sub_title=str(raw["sub_title"]),
            theme=str(raw["theme"]),
            tree=list(view["tree"]),
            rows=list(view["rows"]),
            highlighted=view["highlighted"],
            item=dict(view["item"]),
            status=dict(view["status"]),
            text=text,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def dumps(saved: dict[str, Any]) -> str:
    """The file's text for a saved screen."""
    return json.dumps(saved, ensure_ascii=False)


def write(data_dir: Path, text: str) -> None:
    """Save a screen (any thread): temp file and rename, so a reader never sees half."""
    target = file_path(data_dir)
    temporary = target.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
