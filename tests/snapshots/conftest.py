"""Fixtures for the snapshot tests; the roadmap and history live in snapshot_data.py."""

from __future__ import annotations

from snapshot_data import _no_cursor_blink, only_imported  # noqa: F401  (fixtures)
