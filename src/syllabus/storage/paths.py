"""Where syllabus keeps its files: one place decides, every entry point may override."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "syllabus"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: ``override``, else ``$SYLLABUS_DATA_DIR``, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("SYLLABUS_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def progress_path(root: Path) -> Path:
    """The learner's progress file."""
    return root / "progress.toml"


def local_dir(root: Path) -> Path:
    """Per-machine state that need not be synced: last position, undo journal, lock."""
    return root / "local"


def lock_path(root: Path) -> Path:
    """The lock every writer of the progress file and of ``local/`` markers holds."""
    return local_dir(root) / "lock"


def notices_path(root: Path) -> Path:
    """Findings no person has seen yet (``storage.notices``): per machine, like the journal."""
    return local_dir(root) / "notices.json"


def backups_dir(root: Path) -> Path:
    """Daily snapshots and conflict copies that were merged in."""
    return root / "backups"


def settings_path(root: Path) -> Path:
    """This machine's settings (interface language, timer lengths; ``storage.settings``)."""
    return local_dir(root) / "settings.toml"
