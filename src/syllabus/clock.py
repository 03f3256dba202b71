"""Today's date, overridable with ``SYLLABUS_TODAY`` so tests and screenshots are stable."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta


def today(day_start_hour: int = 4) -> date:
    """The study day now: ``$SYLLABUS_TODAY`` if set, else local time less the day-start hour."""
    fixed = os.environ.get("SYLLABUS_TODAY")
    if fixed:
        return date.fromisoformat(fixed)
    return (datetime.now() - timedelta(hours=day_start_hour)).date()


def now() -> datetime:
    """The real time now, in UTC: record timestamps order changes, so they are never faked."""
    return datetime.now(UTC)
