"""One line: current week, due, overdue, streak, hours this week and the forecast."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from syllabus.model.schedule import Status


def status_text(status: Status | None, current_title: str | None, today: str) -> Content:
    """The status as literal content; the most useful facts first, for narrow screens."""
    parts: list[Content | str | tuple[str, str]] = []
    if current_title:
        parts += [("▶ ", "bold"), Content(one_line(current_title)).stylize("bold")]
    if status is None:
        parts.append(f"  {today}")
        return Content.assemble(*parts)
    facts = [f"{status.percent:.0f}%"]
    if status.due:
        facts.append(f"due {len(status.due)}")
    if status.overdue:
        facts.append(f"overdue {len(status.overdue)}")
    if status.behind_days > 0:
        facts.append(f"{status.behind_days} d behind")
    elif status.behind_days < 0:
        facts.append(f"{-status.behind_days} d ahead")
    facts.append(f"streak {status.streak} d")
    facts.append(f"{status.hours_this_week:.1f}/{status.target_hours_this_week:.0f} h this week")
    if status.projected_finish is not None:
        facts.append(f"finish ~{status.projected_finish.plan.isoformat()}")
    parts.append(("  " + " · ".join(facts), ""))
    return Content.assemble(*parts)


class StatusLine(Widget):
    """Where the learner stands today, in one line."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    status: reactive[Status | None] = reactive(None, always_update=True)
    """The latest computed status (None until the schedule has run)."""
    current_title: reactive[str | None] = reactive(None)
    """Title of today's planned node."""
    today: reactive[str] = reactive("")
    """Today's date, ISO."""

    def render(self) -> Content:
        return status_text(self.status, self.current_title, self.today)
