"""What the main screen shows first, as plain data for ``last_screen`` (any thread).

Built from the same pure functions the widgets draw with (tree labels, checklist
rows, the item line, the status line), so the preview at the next start shows what
the main screen will show: the day's node revealed in the tree, its checklist with
the first open item highlighted. One view per study day: today's when a roadmap
opens or a save lands, the coming week's too when the app quits.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from syllabus import __version__
from syllabus.clock import today
from syllabus.model.progress import ItemState
from syllabus.tui.last_screen import FORMAT, encode_content, encode_text, signature
from syllabus.tui.literal import one_line
from syllabus.tui.screens.main import current_node
from syllabus.tui.widgets.checklist import row_prompt
from syllabus.tui.widgets.detail_pane import describe_item
from syllabus.tui.widgets.phase_tree import count_width, node_label
from syllabus.tui.widgets.status_line import status_text

DAYS_AHEAD = 6
"""Days after today saved too, so the first start of the next days is quick as well."""

WEEK_ITEMS = 2000
"""Above this many items the coming days are not saved at quit (the largest bundled
roadmap has a few hundred items): each day is a schedule as large as the roadmap."""

if TYPE_CHECKING:
    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Node
    from syllabus.model.schedule import Plan, Status
    from syllabus.tui.session import Session


def roadmap_files(data_dir: Path) -> list[list[Any]]:
    """[path, signature] of both roadmap folders and every roadmap file in them.

    Which file an id names depends on all of them (bundled first, then the user's).
    """
    from syllabus.catalog import bundled_dir, user_dir

    found: list[list[Any]] = []
    for folder in (bundled_dir(), user_dir(data_dir)):
        found.append([str(folder), signature(folder)])
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            files = []
        found.extend([str(path), signature(path)] for path in files)
    return found


def day_view(
    session: Session,
    progress: Progress,
    plan: Plan | None,
    status: Status | None,
    day: date,
) -> dict[str, Any] | None:
    """What the main screen first shows on ``day`` (``status`` is that day's); None if it
    cannot be saved."""
    if status is None:
        return None
    rp = progress.roadmap(session.roadmap_id)
    current = current_node(session, rp, plan, status, day)
    blocked = frozenset(status.blocked_by)
    width = count_width(session, rp)
    open_path = set(session.ancestors(current)) if current else set()
    tree: list[dict[str, Any]] = []

    def visit(node: Node, depth: int) -> None:
        expanded = bool(node.children) and node.id in open_path
        label = node_label(session, rp, node.id, current, blocked, width)
        tree.append(
            {
                "depth": depth,
                "icon": ("▼ " if expanded else "▶ ") if node.children else "",
                "label": encode_text(label),
                "cursor": node.id == current,
            }
        )
        if expanded:
            for child in node.children:
                visit(child, depth + 1)

    for top in session.roadmap.nodes:
        visit(top, 0)
    rows = session.rows(current, rp) if current else []
    due = frozenset(status.due)
    prompts = [encode_content(row_prompt(row, rp.state(row.id), row.id in due)) for row in rows]
    opened = [
        n
        for n, row in enumerate(rows)
        if row.checkable and rp.state(row.id) in (ItemState.TODO, ItemState.DOING)
    ]
    highlighted = (opened[0] if opened else 0) if rows else None
    item = encode_content(describe_item(rows[highlighted] if highlighted is not None else None, rp))
    title = session.nodes[current].title if current else None
    line = encode_content(status_text(status, title, day.isoformat()))
    if line is None or item is None or any(prompt is None for prompt in prompts):
        return None
    return {"tree": tree, "rows": prompts, "highlighted": highlighted, "item": item, "status": line}


def saved_screen(
    session: Session,
    progress: Progress,
    progress_signature: tuple[int, int] | None,
    data_dir: Path,
    views: dict[date, dict[str, Any]],
) -> dict[str, Any] | None:
    """The file's content: what the views depend on, and a view per study day."""
    if progress_signature is None or not views:
        return None
    if progress.settings.active_roadmap != session.roadmap_id:  # switching: never save a mix
        return None
    return {
        "format": FORMAT,
        "version": __version__,
        "roadmap_id": session.roadmap_id,
        "sub_title": one_line(session.roadmap.title),
        "theme": progress.settings.theme or "",
        "day_start_hour": progress.settings.day_start_hour,
        "progress": list(progress_signature),
        "files": roadmap_files(data_dir),
        "days": {day.isoformat(): view for day, view in views.items()},
    }


def week_views(
    session: Session,
    progress: Progress,
    budget: float,
    today_status: tuple[Plan | None, Status | None] | None = None,
) -> dict[date, dict[str, Any]]:
    """Views for today and the next six study days, as far as ``budget`` seconds allow.

    Status is a pure function of the file and the day, so tomorrow's view is what the
    app will show tomorrow if the file does not change meanwhile. A roadmap of more than
    ``WEEK_ITEMS`` items gets today's view only (from ``today_status`` when given): each
    extra day is a schedule as large as the roadmap, in time and memory.
    """
    start = time.perf_counter()
    first = today(progress.settings.day_start_hour)
    days = DAYS_AHEAD + 1 if len(session.item_node) <= WEEK_ITEMS else 1
    views: dict[date, dict[str, Any]] = {}
    for offset in range(days):
        if offset and time.perf_counter() - start > budget:
            break
        day = first + timedelta(days=offset)
        if offset == 0 and today_status is not None:
            plan, status = today_status
        else:
            plan, status = session.schedule(progress, day)
        view = day_view(session, progress, plan, status, day)
        if view is not None:
            views[day] = view
    return views
