"""What the store reads besides the progress itself, and the one small file it writes.

The roadmap opened and indexed (any thread); the node each roadmap was last left on
(plain JSON in ``local/``, validated on read, per machine); and whether the progress
file on disk parses, asked without moving it aside.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from syllabus.model.progress import Progress
    from syllabus.storage.progress_file import ProgressFile
    from syllabus.tui.session import Session

VIEW_FILE = "view.json"
"""Per machine, in ``local/``: the node each roadmap was last left on."""


class FileDamaged(Exception):
    """The file on disk does not parse; ``str()`` says why."""


def check_intact(file: ProgressFile) -> None:
    """Raise ``FileDamaged`` if the file on disk does not parse; never moves it.

    ``ProgressFile.load`` sets a damaged file aside and starts empty: right at start-up,
    wrong for a file another program is writing while the app holds good progress.
    """
    from syllabus.storage.progress_file import damage

    why = damage(file.path)
    if why is not None:
        raise FileDamaged(why)


def open_session(
    roadmap_id: str, data_dir: Path, progress: Progress | None, notes: list[str]
) -> Session | None:
    """A roadmap indexed with its plan and status, or None with a note why (any thread)."""
    from syllabus.catalog import load_roadmap
    from syllabus.tui.session import Session

    try:
        roadmap = load_roadmap(roadmap_id, data_dir)
    except Exception as error:  # a damaged or missing roadmap must not kill the app
        from syllabus.locale import _

        notes.append(_("Cannot open roadmap {id}: {error}").format(id=roadmap_id, error=error))
        return None
    session = Session(roadmap, roadmap_id)
    if progress is not None:
        from syllabus.clock import today

        try:
            day = today(progress.settings.day_start_hour)
            session.plan, session.status = session.schedule(progress, day)
            session.marks = session.calendar_marks(session.plan, progress.roadmap(roadmap_id))
        except Exception as error:  # the checklist is still useful without a plan
            from syllabus.locale import _

            notes.append(_("No schedule: {error}").format(error=error))
    return session


def read_view(data_dir: Path) -> dict[str, str]:
    """Roadmap id → node last shown, validated; anything unexpected reads as nothing."""
    from syllabus.storage.paths import local_dir

    try:
        data = json.loads((local_dir(data_dir) / VIEW_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def write_view(data_dir: Path, view: dict[str, str]) -> None:
    """Keep roadmap id → node last shown; a failed write only costs the next start that."""
    from syllabus.storage.atomic import write_atomic
    from syllabus.storage.paths import local_dir

    data = json.dumps(view, ensure_ascii=False, sort_keys=True).encode("utf-8")
    try:
        write_atomic(local_dir(data_dir) / VIEW_FILE, data)
    except OSError:
        pass  # the next start opens at today's node instead
