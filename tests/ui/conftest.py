"""Fixtures for the UI tests; the helpers live in ui_helpers.py and are re-exported here."""

from __future__ import annotations

from ui_helpers import (  # noqa: F401  (fixtures and helpers other test modules import)
    BRACKETS,
    TODAY,
    enrolled,
    enrolled_dir,
    load_progress,
    open_main,
    save_progress,
    screen_text,
    small_roadmap,
    wait_for,
    write_roadmap,
)
