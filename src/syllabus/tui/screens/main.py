"""The main screen: phase tree, checklist, detail pane, calendar when wide, status line.

The screen owns the view state (which node, which item, today's status) and pushes
it down; the widgets post what the learner did. Progress itself belongs to the app:
the screen makes a change with a ``model.progress`` function, hands it to
``app.commit`` and redraws only the rows and labels the change touched.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from syllabus.clock import now, today
from syllabus.model.progress import (
    ItemState,
    RoadmapProgress,
    add_own_item,
    set_item_state,
    set_note,
)
from syllabus.tui.messages import ProgressReplaced
from syllabus.tui.widgets.calendar import CalendarWidget
from syllabus.tui.widgets.checklist import Checklist
from syllabus.tui.widgets.detail_pane import DetailPane, describe, describe_item
from syllabus.tui.widgets.phase_tree import PhaseTree
from syllabus.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from datetime import date

    from textual.app import ComposeResult
    from textual.events import DescendantFocus, Key, Resize
    from textual.timer import Timer

    from syllabus.model.schedule import Plan, Status
    from syllabus.tui.app import SyllabusApp
    from syllabus.tui.screens.checkin import CheckInDraft
    from syllabus.tui.session import CalendarMarks, Session

NODE_SETTLE_SECONDS = 0.15
"""How long the tree's cursor rests before the checklist shows its node."""

STATUS_DELAY = 0.1
"""Seconds of quiet before the status is recomputed (it waits for a burst of keys)."""

WIDE_COLUMNS = 140
"""From this width the calendar sits at the right."""

_URL = re.compile(r"https?://[^\s)>\]]+")


def current_node(
    session: Session, rp: RoadmapProgress, plan: Plan | None, status: Status | None, day: date
) -> str | None:
    """Today's planned node, else the first node with open work, else the first (any thread)."""
    if status is not None and status.current:
        return status.current
    if plan is not None:
        planned = plan.node_on(day)
        if planned:
            return planned
    first = None
    for node in session.roadmap.walk():
        first = first or node.id
        open_items = [
            item
            for item in node.items
            if item.checkable and rp.state(item.id) in (ItemState.TODO, ItemState.DOING)
        ]
        if open_items and session.is_scheduled(node.id):
            return node.id
    return first


class MainScreen(Screen[None]):
    """Today's work on the open roadmap."""

    BINDINGS = [
        # priority: the dialog opens at once, so what is typed right after `c` lands in it
        Binding("c", "check_in", "Check in", priority=True),
        Binding("n", "note", "Note"),
        Binding("a", "add_item", "Add item", show=False),
        Binding("l", "add_link", "Add link", show=False),
        Binding("o", "open_link", "Open link", show=False),
        Binding("y", "copy_link", "Copy link", show=False),
        Binding("t", "today", "Today"),
        Binding("g", "calendar", "Calendar"),
        Binding("r", "app.roadmaps", "Roadmaps"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.node_id: str | None = None
        """The node whose checklist is shown."""
        self.item_id: str | None = None
        """The highlighted checklist row."""
        self.plan: Plan | None = self.session.plan
        """The current plan (rebuilt in a worker after every change)."""
        self.status: Status | None = self.session.status
        """Today's status (recomputed in a worker after every change)."""
        self.ticked_today: list[str] = []
        """Items the learner marked done in this sitting, offered to the check-in."""
        self._marks: CalendarMarks | None = None
        self._status_timer: Timer | None = None
        self._node_timer: Timer | None = None
        self._stale_labels: set[str] = set()

    @property
    def syllabus(self) -> SyllabusApp:
        return cast("SyllabusApp", self.app)

    @property
    def session(self) -> Session:
        session = cast("SyllabusApp", self.app).session
        assert session is not None
        return session

    @property
    def rp(self) -> RoadmapProgress:
        progress = self.syllabus.progress
        assert progress is not None
        return progress.roadmap(self.session.roadmap_id)

    @property
    def today(self) -> date:
        progress = self.syllabus.progress
        return today(progress.settings.day_start_hour if progress else 4)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield PhaseTree(id="tree")
            with Vertical(id="center"):
                yield Checklist(id="checklist")
                yield DetailPane(id="detail")
            yield Vertical(id="side")  # the calendar joins once the roadmap is on screen
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#tree").border_title = "Roadmap"
        self.query_one("#checklist").border_title = "Checklist"
        self.query_one("#detail").border_title = "Details"
        tree = self.query_one(PhaseTree)
        current = self._current_node()
        blocked = self.status.blocked_by if self.status else {}
        tree.load(self.session, self.rp, current, blocked)
        status_line = self.query_one(StatusLine)
        status_line.today = self.today.isoformat()
        if current is not None:
            self._show_node(current)
            tree.reveal(current)
        self.query_one(Checklist).focus()
        self._status_ready(self.plan, self.status, self.session.marks)

    def on_key(self, event: Key) -> None:
        """While keys come, the slow panes wait: they render once the keys rest."""
        if self._node_timer is not None:
            self._node_timer.reset()
        self.query_one(DetailPane).postpone()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Moving to the checklist shows the tree's node at once: its keys act on it."""
        if isinstance(event.widget, Checklist):
            self._settle_now()

    def on_resize(self, event: Resize) -> None:
        wide = event.size.width >= WIDE_COLUMNS
        self.set_class(wide, "-wide")
        if wide:
            self.call_after_refresh(self._mount_calendar)

    def _mount_calendar(self) -> None:
        """The side calendar, mounted after the first frame of content (it is extra)."""
        if self.query(CalendarWidget):
            return
        calendar = CalendarWidget(today=self.today, show_legend=True, id="calendar")
        self.query_one("#side").mount(calendar)
        self._feed_calendar(calendar)

    def _feed_calendar(self, calendar: CalendarWidget) -> None:
        marks, status = self._marks, self.status
        if marks is None:
            return
        calendar.hours_by_day = dict(status.hours_by_day) if status else {}
        calendar.planned = marks.planned
        calendar.rest_weekdays = marks.rest_weekdays
        calendar.days_off = marks.days_off

    def _current_node(self) -> str | None:
        """Today's planned node, else the first node with open work, else the first."""
        return current_node(self.session, self.rp, self.plan, self.status, self.today)

    # --- showing ---------------------------------------------------------------------

    def _show_node(self, node_id: str, highlight: str | None = None) -> None:
        if self._node_timer is not None:
            self._node_timer.stop()
            self._node_timer = None
        self.node_id = node_id
        due = frozenset(self.status.due) if self.status else frozenset()
        checklist = self.query_one(Checklist)
        checklist.show(self.session.rows(node_id, self.rp), self.rp, due, highlight)
        if checklist.highlighted_row is None:
            self.item_id = None
            self._show_item()
        self._show_detail(at_once=True)

    def _show_detail(self, at_once: bool = False) -> None:
        if self.node_id is None:
            return
        status = self.status
        markdown = describe(
            self.session,
            self.node_id,
            self.rp,
            blocked_by=status.blocked_by.get(self.node_id) if status else None,
            hours=status.node_hours.get(self.node_id) if status else None,
        )
        self.query_one(DetailPane).show(markdown, at_once=at_once)

    def _show_item(self) -> None:
        row = self.query_one(Checklist).highlighted_row
        self.query_one(DetailPane).show_item(describe_item(row, self.rp))

    def _show_status(self) -> None:
        line = self.query_one(StatusLine)
        current = self._current_node()
        line.current_title = self.session.nodes[current].title if current else None
        line.status = self.status

    @on(PhaseTree.CursorMoved)
    def _node_moved(self, message: PhaseTree.CursorMoved) -> None:
        """The checklist follows the tree's cursor once it rests, so moving stays instant."""
        if self._node_timer is not None:
            self._node_timer.stop()
            self._node_timer = None
        if message.node_id != self.node_id:
            self._node_timer = self.set_timer(
                NODE_SETTLE_SECONDS, partial(self._show_node, message.node_id)
            )

    def _settle_now(self) -> None:
        """Show the tree's node now if it is still waiting: an action is about to use it."""
        timer = self._node_timer
        if timer is None:
            return
        tree = self.query_one(PhaseTree)
        node = tree.cursor_node
        if node is not None and node.data is not None and node.data != self.node_id:
            self._show_node(node.data)
        elif self._node_timer is not None:
            self._node_timer.stop()
            self._node_timer = None

    @on(Checklist.ItemHighlighted)
    def _item_moved(self, message: Checklist.ItemHighlighted) -> None:
        self.item_id = message.item_id
        self._show_item()

    # --- changing --------------------------------------------------------------------

    @on(Checklist.ItemStateChanged)
    def _state_changed(self, message: Checklist.ItemStateChanged) -> None:
        progress = self.syllabus.progress
        assert progress is not None
        roadmap_id = self.session.roadmap_id
        self.syllabus.commit(
            set_item_state(progress, roadmap_id, message.item_id, message.state, now())
        )
        self.query_one(Checklist).update_row(message.item_id, message.state)
        node_id = self.session.node_of(message.item_id, self.rp)
        if node_id is not None:
            # the tree's counts follow once the keys rest, with the status: the row
            # itself is the key's answer, and a frame with one row in it is fast
            self._stale_labels.update(self.session.ancestors(node_id))
        if message.state is ItemState.DONE:
            if message.item_id not in self.ticked_today:
                self.ticked_today.append(message.item_id)
        elif message.item_id in self.ticked_today:
            self.ticked_today.remove(message.item_id)
        self._refresh_status()

    def on_progress_replaced(self, message: ProgressReplaced) -> None:
        """Undo, redo or another instance changed progress."""
        self.redraw()

    def redraw(self) -> None:
        """Redraw every label and the shown node from progress, keeping the places."""
        self.query_one(PhaseTree).update_all(self.rp)
        if self.node_id is not None:
            self._show_node(self.node_id, self.item_id)
        self._refresh_status()

    def _refresh_status(self) -> None:
        """Recompute the status once the keys pause, off the event loop."""
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(STATUS_DELAY, self._compute_status)

    @work(thread=True, exclusive=True, exit_on_error=False, group="status")
    def _compute_status(self) -> None:
        # the token first: a change landing between the two reads then reads as stale
        version, progress = self.syllabus.status_version(), self.syllabus.progress
        if progress is None:
            return
        plan, status = self.session.schedule(progress, self.today)
        marks = self.session.calendar_marks(plan, progress.roadmap(self.session.roadmap_id))
        self.app.call_from_thread(self._status_ready, plan, status, marks, version)

    def _status_ready(
        self,
        plan: Plan | None,
        status: Status | None,
        marks: CalendarMarks | None = None,
        version: int | None = None,
    ) -> None:
        self.plan, self.status = plan, status
        if version is not None:
            self.syllabus.status_computed(version)
        if marks is not None:
            self._marks = marks
        if self._stale_labels:
            self.query_one(PhaseTree).update_nodes(sorted(self._stale_labels), self.rp)
            self._stale_labels = set()
        self._show_status()
        self._update_calendar_screens()
        for calendar in self.query(CalendarWidget):
            self._feed_calendar(calendar)
        self.query_one(PhaseTree).set_marks(
            self._current_node(), status.blocked_by if status else ()
        )
        self._show_detail()

    # --- actions ---------------------------------------------------------------------

    def _note_target(self) -> tuple[str, str]:
        """The highlighted item when the checklist has focus, else the node."""
        row = self.query_one(Checklist).highlighted_row
        if row is not None and self.focused is self.query_one(Checklist):
            return row.id, row.text
        assert self.node_id is not None
        return self.node_id, self.session.nodes[self.node_id].title

    def action_note(self) -> None:
        """Write a note on the highlighted item or the node."""
        self._settle_now()
        if self.node_id is None:
            return
        from syllabus.tui.screens.note import NoteDialog

        target, title = self._note_target()

        def done(text: str | None) -> None:
            if text is None:
                return
            progress = self.syllabus.progress
            assert progress is not None
            self.syllabus.commit(set_note(progress, self.session.roadmap_id, target, text, now()))
            self._show_item()
            self._show_detail(at_once=True)

        self.app.push_screen(NoteDialog(title, self.rp.note(target) or ""), done)

    def action_add_item(self) -> None:
        """Add an own item to the node."""
        self._add_own(with_link=False)

    def action_add_link(self) -> None:
        """Add an own link to the node."""
        self._add_own(with_link=True)

    def _add_own(self, with_link: bool) -> None:
        self._settle_now()
        if self.node_id is None:
            return
        from syllabus.tui.screens.own_item import OwnItemDialog

        node_id = self.node_id

        def done(result: tuple[str, str | None] | None) -> None:
            if result is None:
                return
            text, url = result
            progress = self.syllabus.progress
            assert progress is not None
            progress, item_id = add_own_item(
                progress, self.session.roadmap_id, node_id, text, now(), url=url
            )
            self.syllabus.commit(progress)
            self._show_node(node_id, highlight=item_id)
            self.query_one(Checklist).focus()

        title = self.session.nodes[node_id].title
        self.app.push_screen(OwnItemDialog(title, with_link=with_link), done)

    def _link(self) -> str | None:
        """The highlighted item's link, else the first link of the node."""
        self._settle_now()
        row = self.query_one(Checklist).highlighted_row
        if row is not None and row.url:
            return row.url
        if self.node_id is None:
            return None
        node = self.session.nodes[self.node_id]
        for text in [node.body, *(item.text for item in node.items)]:
            found = _URL.search(text)
            if found:
                return found.group(0)
        return None

    def action_open_link(self) -> None:
        """Open the link in the browser."""
        url = self._link()
        if url is None:
            self.notify("No link here.", markup=False, timeout=2)
            return
        self.app.open_url(url)

    def action_copy_link(self) -> None:
        """Copy the link to the clipboard (OSC 52: works over SSH)."""
        url = self._link()
        if url is None:
            self.notify("No link here.", markup=False, timeout=2)
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}", markup=False, timeout=2)

    def action_today(self) -> None:
        """Jump to today's planned node."""
        current = self._current_node()
        if current is not None:
            self.jump(current)

    def jump(self, node_id: str, item_id: str | None = None) -> None:
        """Show a node (and an item in it): from search, today, the calendar."""
        if node_id not in self.session.nodes:
            return
        self._show_node(node_id, highlight=item_id)
        self.query_one(PhaseTree).reveal(node_id)
        self.query_one(Checklist).focus()

    def action_check_in(self) -> None:
        """Log today's session: hours, a note, what was done."""
        self._settle_now()
        self.open_check_in(self.today)

    def open_check_in(self, day: date, checkin_id: str | None = None) -> None:
        """The check-in dialog for a new session on ``day``, or to edit one."""
        from syllabus.tui.screens.checkin import CheckInDialog

        progress = self.syllabus.progress
        assert progress is not None
        session = self.session
        existing = progress.checkins.get(checkin_id) if checkin_id else None
        nodes = [(node.id, node.title) for node in session.roadmap.walk()]
        if existing is not None:
            node_id, ticked = existing.node, list(existing.items)
            hours, note = existing.hours, existing.note
        else:
            node_id = self.plan.node_on(day) if self.plan is not None else None
            node_id = node_id or self._current_node()
            ticked, hours, note = self._done_on(day), None, ""
        if node_id not in session.nodes:
            node_id = nodes[0][0] if nodes else None

        def items_for(node: str) -> list[tuple[str, str]]:
            return [(row.id, row.text) for row in session.rows(node, self.rp) if row.checkable]

        dialog = CheckInDialog(
            day=day if existing is None else existing.date,
            nodes=nodes,
            node_id=node_id,
            items_for=items_for,
            ticked=ticked,
            hours=hours,
            note=note,
            checkin_id=checkin_id,
            today=max(day, self.today),
        )
        self.app.push_screen(dialog, self._checked_in)

    def _done_on(self, day: date) -> list[str]:
        """Items marked done on ``day``: in this sitting, or earlier that study day."""
        from syllabus.model.progress import study_day

        rp = self.rp
        progress = self.syllabus.progress
        hour = progress.settings.day_start_hour if progress else 4
        found = [i for i in self.ticked_today if day == self.today]
        for item_id, record in rp.items.items():
            if (
                record.state is ItemState.DONE
                and item_id not in found
                and study_day(record.updated.astimezone(), hour) == day
            ):
                found.append(item_id)
        return [i for i in found if rp.state(i) is ItemState.DONE]

    def _checked_in(self, draft: CheckInDraft | None) -> None:
        if draft is None:
            return
        from syllabus.model.progress import CheckIn, new_checkin_id, put_checkin

        progress = self.syllabus.progress
        assert progress is not None
        when = now()
        old = progress.checkins.get(draft.checkin_id) if draft.checkin_id else None
        checkin = CheckIn(
            id=old.id if old else new_checkin_id(),
            date=draft.day,
            hours=draft.hours,
            note=draft.note,
            roadmap=self.session.roadmap_id,
            node=draft.node_id,
            items=list(draft.item_ids),
            created=old.created if old else when,
            updated=when,
        )
        progress = put_checkin(progress, checkin)
        rp = progress.roadmap(self.session.roadmap_id)
        for item_id in draft.item_ids:
            if rp.state(item_id) is not ItemState.DONE:
                progress = set_item_state(
                    progress, self.session.roadmap_id, item_id, ItemState.DONE, when
                )
        self.syllabus.commit(progress)
        self.notify(f"Checked in {draft.hours:g} h on {draft.day.isoformat()}.", markup=False)
        self.redraw()
        self._update_calendar_screens()

    def action_calendar(self) -> None:
        """The month calendar, heat-shaded by hours."""
        self.open_calendar(self.today)

    def open_calendar(self, day: date) -> None:
        """The calendar screen, on a day."""
        from syllabus.tui.screens.calendar import CalendarScreen

        progress = self.syllabus.progress
        assert progress is not None
        marks = self._marks
        screen = CalendarScreen(
            today=self.today,
            selected=day,
            hours_by_day=dict(self.status.hours_by_day) if self.status else {},
            planned=marks.planned if marks else {},
            rest_weekdays=marks.rest_weekdays if marks else frozenset(),
            days_off=marks.days_off if marks else frozenset(),
            checkins=tuple(progress.live_checkins(self.session.roadmap_id)),
            node_titles={node_id: node.title for node_id, node in self.session.nodes.items()},
            title=self.session.roadmap.title,
        )
        self.app.push_screen(screen)

    def _update_calendar_screens(self) -> None:
        """Hand the open calendar screen the new check-ins and hours."""
        from syllabus.tui.screens.calendar import CalendarScreen

        progress = self.syllabus.progress
        if progress is None:
            return
        for screen in self.app.screen_stack:
            if isinstance(screen, CalendarScreen):
                screen.checkins = tuple(progress.live_checkins(self.session.roadmap_id))
                if self.status is not None:
                    screen.hours_by_day = dict(self.status.hours_by_day)

    def delete_check_in(self, checkin_id: str) -> None:
        """Remove a check-in (a tombstone, so another copy cannot revive it)."""
        from syllabus.model.progress import delete_checkin

        progress = self.syllabus.progress
        assert progress is not None
        if checkin_id not in progress.checkins:
            return
        self.syllabus.commit(delete_checkin(progress, checkin_id, now()))
        self.notify("Check-in deleted. ctrl+z brings it back.", markup=False, timeout=3)
        self.redraw()
        self._update_calendar_screens()

    def on_calendar_widget_day_activated(self, message: CalendarWidget.DayActivated) -> None:
        message.stop()
        self.open_calendar(message.day)
