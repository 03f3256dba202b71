"""Fixtures for the UI tests; the helpers they use live in ui_helpers.py."""

from __future__ import annotations

from ui_helpers import _catalog, enrolled_dir  # noqa: F401  (fixtures)
