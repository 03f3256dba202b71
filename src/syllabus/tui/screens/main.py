"""The main screen: phase tree, checklist, detail pane, calendar when wide, status line.

It shows from the app's first frame: the frames of its panes, loading, until the store
announces the roadmap; then the real panes replace them (``_replace_panes``). The pane
widgets are imported only then, so the first frame costs little more than Textual's
own. The screen owns the view state as reactives (the open roadmap, the node and
item shown, today's plan and status, the calendar's marks) and binds it down to the
status line and the side calendar; the widgets post what the learner did. Progress
belongs to the store: the screen makes a change with a ``model`` function, hands it to
``store.commit``, redraws only the rows the change touched, and redraws everything when
the store says progress was replaced (undo, another program, another screen).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, cast

from textual import work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Static

from syllabus.locale import _
from syllabus.tui.bursts import Burst
from syllabus.tui.today import AgendaSource
from syllabus.tui.widgets.footer import KeyFooter
from syllabus.tui.widgets.status_line import StatusLine

LOADING = Content.styled(_("Loading…"), "dim italic")
"""What each pane shows until the roadmap is open."""

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import ComposeResult
    from textual.events import DescendantFocus, Resize
    from textual.timer import Timer as TextualTimer
    from textual.widget import Widget

    from syllabus.model.progress import RoadmapProgress
    from syllabus.model.schedule import AgendaEntry, Plan, Status
    from syllabus.model.timer import Mode, Timer
    from syllabus.tui.screens.checkin import CheckInDraft
    from syllabus.tui.session import CalendarMarks, Session
    from syllabus.tui.store import Change, ProgressStore
    from syllabus.tui.widgets.agenda import TodayAgenda
    from syllabus.tui.widgets.calendar import CalendarWidget
    from syllabus.tui.widgets.checklist import Checklist
    from syllabus.tui.widgets.detail_pane import DetailPane
    from syllabus.tui.widgets.phase_tree import PhaseTree

# The pane widgets, the model's change functions and the check-in flow are imported
# where first used: none is needed for the first frame (see the module docstring).

WIDE_COLUMNS = 140
"""From this width the calendar sits at the right."""

PANES = ("#tree", "#agenda", "#checklist", "#detail")
"""What shows a loading indicator until the roadmap is open."""

_URL = re.compile(r"https?://[^\s)>\]]+")


class MainScreen(Screen[None]):
    """Today's work on the open roadmap."""

    BINDINGS = [
        # priority: the dialog opens at once, so what is typed right after `c` lands in it
        Binding("c", "check_in", _("Check in"), priority=True),
        Binding("n", "note", _("Note")),
        Binding("a", "add_item", _("Add item"), show=False),
        Binding("l", "add_link", _("Add link"), show=False),
        Binding("o", "open_link", _("Open link"), show=False),
        Binding("y", "copy_link", _("Copy link"), show=False),
        Binding("t", "today", _("Today")),
        Binding("g", "calendar", _("Calendar")),
        Binding("w", "weekly_review", _("Week"), show=False),
        Binding("p", "portfolio", _("Portfolio"), show=False),
        Binding("r", "app.roadmaps", _("Roadmaps")),
        Binding("N", "next", _("Next")),
        Binding("b", "behind", _("Behind: options"), show=False),
        # R adds to review (issue 15); replanning moved to P and the palette's "Replan"
        Binding("P", "replan", _("Replan"), show=False),
        Binding("R", "add_review", _("Add to review"), show=False),
        Binding("v", "review", _("Review"), show=False),
        Binding("f", "focus_timer('plain')", _("Focus timer")),
        Binding("F", "focus_timer('pomodoro')", _("Pomodoro"), show=False),
    ]

    session: var[Session | None] = var(None, init=False)
    """The open roadmap, indexed (None while it loads)."""
    node_id: var[str | None] = var(None, init=False)
    """The node whose checklist is shown."""
    item_id: var[str | None] = var(None, init=False)
    """The highlighted checklist row."""
    plan: var[Plan | None] = var(None, init=False)
    """The current plan (rebuilt in a worker after every change)."""
    status: var[Status | None] = var(None, always_update=True, init=False)
    """Today's status (recomputed in a worker after every change)."""
    roadmap_progress: var[RoadmapProgress | None] = var(None, always_update=True)
    """The open roadmap's progress as the store holds it, for the checklist's marks."""
    due: var[frozenset[str]] = var(frozenset())
    """Items due today, marked in the checklist."""
    detail_item: var[Content] = var(Content(""))
    """The highlighted item, its link and note, at the top of the detail pane."""
    current_title: var[str | None] = var(None)
    """Title of today's planned node, for the status line."""
    today_text: var[str] = var("")
    """Today's study day, ISO, for the status line."""
    hours_by_day: var[dict[date, float]] = var(dict)
    """Logged hours per day, for the side calendar."""
    planned: var[dict[date, str]] = var(dict)
    """Monday → title of the node planned that week."""
    rest_weekdays: var[frozenset[int]] = var(frozenset)
    """Weekdays off, 0 = Monday."""
    days_off: var[frozenset[date]] = var(frozenset)
    """Days in pauses."""
    planned_hours: var[dict[date, float]] = var(dict)
    """Study day of the plan → hours planned that day."""
    agenda: var[tuple[AgendaEntry, ...]] = var(tuple, always_update=True)
    """Today's agenda over every enrolled roadmap (worked out in a worker)."""
    agenda_active: var[str | None] = var(None)
    """The open roadmap's id, for the agenda's rows."""
    picked: var[frozenset[str]] = var(frozenset)
    """The agenda's items ``next`` picked."""
    due_by_day: var[dict[date, tuple[str, ...]]] = var(dict)
    """Day → the items planned for it."""
    timer_text: var[str] = var("")
    """The running focus timer as the status line shows it ("" when none runs)."""

    def __init__(self, store: ProgressStore) -> None:
        super().__init__()
        self.store = store
        """The learner's progress and the open roadmap."""
        self.ticked_today: list[str] = []
        """Items the learner marked done in this sitting, offered to the check-in."""
        self._status_running = False
        self._status_again = False
        self._pending_node: str | None = None
        self._moves = Burst(self, self._show_pending_node)
        """Tree moves: the panes follow a single one at once, a burst once it rests."""
        self._ticks = Burst(self, self._refresh_status)
        """Ticks and un-ticks: the status follows a single one at once, a burst once it
        rests (its recomputation would slow down the next row's frame)."""
        self._held_action: str | None = None
        self._stale_labels: set[str] = set()
        self._shown_once = False
        self._composing: Session | None = None
        self._agenda_source = AgendaSource(store.data_dir)
        self._told_behind = False
        self._replacing: Session | None = None
        self._timer: Timer | None = None
        self._timer_ticks: TextualTimer | None = None

    @property
    def rp(self) -> RoadmapProgress:
        """The open roadmap's progress."""
        progress, session = self.store.progress, self.session
        if progress is None or session is None:
            from syllabus.model.progress import RoadmapProgress

            return RoadmapProgress()
        return progress.roadmap(session.roadmap_id)

    @property
    def today(self) -> date:
        """Today's study day."""
        from syllabus.tui.checking_in import study_today

        return study_today(self.store)

    @property
    def _tree(self) -> PhaseTree:
        return cast("PhaseTree", self.query_one("#tree"))

    @property
    def _checklist(self) -> Checklist:
        return cast("Checklist", self.query_one("#checklist"))

    @property
    def _detail(self) -> DetailPane:
        return cast("DetailPane", self.query_one("#detail"))

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            # the tree's and the checklist's frames, "Loading…" in each, until a roadmap
            # opens (_compose_panes); a frame for every pane cost 6-10 ms to content
            yield Static(LOADING, id="tree", classes="pane-loading")
            with Vertical(id="center"):
                yield Static(LOADING, id="checklist", classes="pane-loading")
            # the calendar joins once the roadmap is on screen; shown from the first
            # layout when the terminal is wide (a second layout cost the frame ~30 ms)
            wide = self.app.size.width >= WIDE_COLUMNS
            yield Vertical(id="side", classes="-shown" if wide else "")
        yield StatusLine(id="status").data_bind(
            MainScreen.status,
            MainScreen.current_title,
            today=MainScreen.today_text,
            timer=MainScreen.timer_text,
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self._frame_panes()
        self.store.changed.subscribe(self, self._store_changed)
        if self.store.session is not None:
            self._open(self.store.session)
        self.call_after_refresh(self._find_timer)  # one small file: after the first frame

    def _frame_panes(self) -> None:
        """Titles on the panes (while the roadmap loads, each says so).

        A still "Loading…" rather than Textual's animated indicator: the animation asks
        for frames while the progress file is read and cost ~5 % of the time to content.
        """
        titles = (_("Roadmap"), _("Today"), _("Checklist"), _("Details"))
        for pane, title in zip(PANES, titles, strict=True):
            for found in self.query(pane):  # while loading, only the tree and checklist
                found.border_title = title

    def _store_changed(self, change: Change) -> None:
        if change.kind == "opened":
            if self.store.session is not None:
                self._open(self.store.session)
            return
        self.roadmap_progress = self.rp
        if change.kind == "replaced" or (change.kind == "edited" and change.origin is not self):
            self.redraw()

    def _open(self, session: Session) -> None:
        """Compose the panes for a roadmap, now or once this screen shows again (a screen
        under another one composes nothing)."""
        self._composing = session
        if self.is_current:
            if self._held_action == "check_in":  # typed while it opened: answered first
                self.call_next(self._answer_held_check_in, session)
                return
            # on this screen's queue, not in a worker: the panes bind to this screen
            self.call_next(self._compose_panes, session)

    def _answer_held_check_in(self, session: Session) -> None:
        """The check-in typed while the roadmap opened, as soon as the roadmap is there.

        Its dialog needs the roadmap and the plan, not the panes: it is drawn first and
        the panes compose behind it after its frame (they cost the key ~100 ms before;
        issue 18). Behind it is nothing yet but "Loading…": the dialog covers the screen
        (a see-through one drew the loading screen under it again, ~40 ms).
        """
        if self._held_action == "check_in" and self.store.session is session:
            self._held_action = None
            self.plan = session.plan
            self.open_check_in(self.today, opaque=True)
        self.call_after_refresh(self._compose_panes, session)

    def on_screen_resume(self) -> None:
        if self._composing is not None and self._composing is not self.session:
            self.call_next(self._compose_panes, self._composing)

    async def _compose_panes(self, session: Session) -> None:
        """``session`` is set once the panes are there."""
        if session is not self._composing or session in (self.session, self._replacing):
            return  # another roadmap came meanwhile, or this one is (being) composed
        self._replacing = session
        self.session = None  # the old panes go: nothing may draw into them meanwhile
        try:
            await self._replace_panes()
        finally:
            self._replacing = None
        self._frame_panes()
        self.session = session
        if self.size.width >= WIDE_COLUMNS:
            self.call_after_refresh(self._mount_calendar)

    async def _replace_panes(self) -> None:
        """New tree, checklist, details and agenda in the body; the header, the calendar's
        column, the status line and the footer stay (building them again cost ~20 ms)."""
        from syllabus.tui.widgets.phase_tree import PhaseTree

        body = self.query_one("#body")
        with self.app.batch_update():  # no frame between the old panes and the new
            await body.remove_children([body.query_one("#tree"), body.query_one("#center")])
            await body.mount_all([PhaseTree(id="tree"), self._center()], before="#side")

    def _center(self) -> Vertical:
        """The checklist, the detail pane and the agenda, bound to this screen."""
        from syllabus.tui.widgets.agenda import TodayAgenda
        from syllabus.tui.widgets.checklist import Checklist
        from syllabus.tui.widgets.detail_pane import DetailPane

        return Vertical(
            Checklist(id="checklist").data_bind(
                MainScreen.due, progress=MainScreen.roadmap_progress
            ),
            DetailPane(id="detail").data_bind(item=MainScreen.detail_item),
            # docked on top of the checklist (tcss), last in the tab order
            TodayAgenda(id="agenda").data_bind(
                entries=MainScreen.agenda,
                active=MainScreen.agenda_active,
                picked=MainScreen.picked,
            ),
            id="center",
        )

    def watch_session(self, session: Session | None) -> None:
        """A roadmap opened: build the tree, show the node it was left on (or today's)."""
        if session is None:
            return
        self.ticked_today = []
        self.plan, self.status = session.plan, session.status
        self.today_text = self.today.isoformat()
        rp = self.rp
        current = self._current_node()
        tree = self._tree
        tree.load(session, rp, current, self.status.blocked_by if self.status else {})
        last = self.store.last_node(session.roadmap_id)
        start = last if last in session.nodes else current
        self.node_id = None
        if start is not None:
            self._show_node(start)
            tree.reveal(start)
        self._checklist.focus()
        self._status_ready(self.plan, self.status, session.marks)
        if not self._shown_once:
            self._shown_once = True
            self.call_after_refresh(self._content_shown)
        if self._held_action is not None:  # answered now: its frame is the first of content
            action, self._held_action = self._held_action, None
            self.call_next(self.run_action, action)

    def _held(self, action: str) -> bool:
        """While the roadmap opens, a key that needs it is kept and answered once it is
        open (the last such key), instead of doing nothing. True when it was kept."""
        if self.session is not None:
            return False
        self._held_action = action
        return True

    def _content_shown(self) -> None:
        from syllabus.startup import app_ready

        app_ready()
        self._warm_imports()

    @work(thread=True, exclusive=True, exit_on_error=False, group="warm")
    def _warm_imports(self) -> None:
        """Import the dialogs once content shows.

        They are not needed for the first screen of content; imported later on the
        event loop they would stall a key press. Imports only: the thread never waits
        for the loop, so it can never hold up quitting. (Nothing highlights code any
        more: the details draw prose as literal text, so no lexer is loaded.)
        """
        import syllabus.tui.screens.checkin  # noqa: F401
        import syllabus.tui.screens.note  # noqa: F401
        import syllabus.tui.screens.own_item  # noqa: F401

    def watch_node_id(self, node_id: str | None) -> None:
        if node_id is not None and self.session is not None:
            self.store.remember_node(self.session.roadmap_id, node_id)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Moving to the checklist shows the tree's node at once: its keys act on it."""
        if event.widget.id == "checklist":
            self._settle_now()

    def on_resize(self, event: Resize) -> None:
        wide = event.size.width >= WIDE_COLUMNS
        self.query_one("#side").set_class(wide, "-shown")
        if wide:
            self.call_after_refresh(self._mount_calendar)

    def _mount_calendar(self) -> None:
        """The side calendar, mounted after the first frame of content (it is extra)."""
        side = self.query_one("#side")
        if self.session is None or not side.is_attached or self.query("#calendar"):
            return  # still loading, leaving, or there already
        from syllabus.tui.widgets.calendar import CalendarWidget

        calendar = CalendarWidget(today=self.today, show_legend=True, id="calendar")
        side.mount(
            calendar.data_bind(
                MainScreen.hours_by_day,
                MainScreen.planned,
                MainScreen.rest_weekdays,
                MainScreen.days_off,
                MainScreen.planned_hours,
            )
        )

    def _current_node(self) -> str | None:
        """Today's planned node, else the first node with open work, else the first."""
        if self.session is None:
            return None
        from syllabus.tui.checking_in import current_node

        return current_node(self.session, self.rp, self.plan, self.status, self.today)

    # --- showing ---------------------------------------------------------------------

    def _show_node(self, node_id: str, highlight: str | None = None) -> None:
        self._pending_node = None
        if self.session is None:
            return
        self.node_id = node_id
        checklist = self._checklist
        checklist.show(self.session.rows(node_id, self.rp), self.rp, self.due, highlight)
        if checklist.highlighted_row is None:
            self.item_id = None
            self._show_item()
        self._show_detail()

    def _show_detail(self) -> None:
        if self.node_id is None or self.session is None:
            return
        from syllabus.tui.widgets.detail_pane import describe

        status = self.status
        markdown = describe(
            self.session,
            self.node_id,
            self.rp,
            blocked_by=status.blocked_by.get(self.node_id) if status else None,
            hours=status.node_hours.get(self.node_id) if status else None,
        )
        self._detail.show(markdown)

    def _show_item(self) -> None:
        from syllabus.tui.widgets.detail_pane import describe_item

        self.detail_item = describe_item(self._checklist.highlighted_row, self.rp)

    def on_phase_tree_cursor_moved(self, message: PhaseTree.CursorMoved) -> None:
        """The panes follow the tree's cursor right after the frame that moved it.

        No delay for a single move: the tree's frame goes out first, the checklist and
        details come in the next one. Moves in a burst (a held key, ``tui.bursts``) only
        change which node is pending: the panes show the last one, once the keys rest.
        """
        if message.node_id == self.node_id and self._pending_node is None:
            return
        first = self._pending_node is None
        self._pending_node = message.node_id
        if self._moves.press() and first:
            self._after_frame(message.tree, self._show_pending_node)

    def _after_frame(self, changed: Widget, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the frame with ``changed``'s new look is out.

        Textual tells the screen about a widget's repaint only when that widget idles,
        which may be after a callback queued now has run (then the slow work would go
        into the same frame as the key's answer): the repaint is handed over first.
        """
        changed._check_refresh()
        self.call_after_refresh(callback)

    def _show_pending_node(self) -> None:
        node_id = self._pending_node
        if node_id is not None:
            if node_id == self.node_id:
                self._pending_node = None
            else:
                self._show_node(node_id)

    def _settle_now(self) -> None:
        """Show the tree's pending node now: an action is about to use it."""
        self._show_pending_node()

    def shows_every_pane(self) -> bool:
        """Whether every pane shows the node under the tree's cursor, nothing pending.

        The checklist lists it, the detail pane has rendered its Markdown and the status
        line has the status of the progress held (no recomputation running or due).
        """
        if self.session is None or self.node_id is None or self._pending_node is not None:
            return False
        node = self._tree.cursor_node
        if node is None or node.data != self.node_id:
            return False
        if self._status_running or self._status_again or self._ticks.waiting:
            return False
        if self.status is None:
            return False
        return self._detail.settled

    def on_checklist_item_highlighted(self, message: Checklist.ItemHighlighted) -> None:
        self.item_id = message.item_id
        self._show_item()

    # --- changing --------------------------------------------------------------------

    def on_checklist_item_state_changed(self, message: Checklist.ItemStateChanged) -> None:
        progress, session = self.store.progress, self.session
        if progress is None or session is None:
            return
        from syllabus.clock import now
        from syllabus.model.progress import ItemState, set_item_state

        changed = set_item_state(
            progress, session.roadmap_id, message.item_id, message.state, now()
        )
        self.store.commit(changed, origin=self)
        checklist = self._checklist
        checklist.update_row(message.item_id, message.state)
        node_id = session.node_of(message.item_id, self.rp)
        if node_id is not None:
            # the tree's counts follow once the keys rest, with the status: the row
            # itself is the key's answer, and a frame with one row in it is fast
            self._stale_labels.update(session.ancestors(node_id))
        if message.state is ItemState.DONE:
            if message.item_id not in self.ticked_today:
                self.ticked_today.append(message.item_id)
        elif message.item_id in self.ticked_today:
            self.ticked_today.remove(message.item_id)
        # after the row's frame: the recomputation's thread would slow that frame down
        if self._ticks.press():
            self._after_frame(checklist, self._refresh_status)

    def redraw(self) -> None:
        """Redraw every label and the shown node from progress, keeping the places."""
        if self.session is None:
            return
        self._tree.update_all(self.rp)
        if self.node_id is not None:
            self._show_node(self.node_id, self.item_id)
        self._refresh_status()

    def _refresh_status(self) -> None:
        """Recompute the status now, off the event loop; a burst of changes while it runs
        is one more recomputation after it, from the latest progress."""
        if self._status_running:
            self._status_again = True
            return
        self._status_running, self._status_again = True, False
        self._work_out_status()

    @work(thread=True, exclusive=True, exit_on_error=False, group="status")
    def _work_out_status(self) -> None:
        progress, session = self.store.progress, self.session
        if progress is None or session is None:
            self.store.call_from_thread(self._status_computed, None, None, None, None)
            return
        plan, status = session.schedule(progress, self.today)
        marks = session.calendar_marks(plan, progress.roadmap(session.roadmap_id))
        self.store.call_from_thread(self._status_computed, session, plan, status, marks)

    def _status_computed(
        self,
        session: Session | None,
        plan: Plan | None,
        status: Status | None,
        marks: CalendarMarks | None,
    ) -> None:
        self._status_running = False
        if self._status_again:
            self._refresh_status()  # the progress changed meanwhile: this one is stale
        elif session is not None and session is self.session:  # else a roadmap opened
            self._status_ready(plan, status, marks)

    def _status_ready(
        self, plan: Plan | None, status: Status | None, marks: CalendarMarks | None
    ) -> None:
        self.plan, self.status = plan, status
        self.due = frozenset(status.due) if status else frozenset()
        self.hours_by_day = dict(status.hours_by_day) if status else {}
        if marks is not None:
            self.planned = marks.planned
            self.rest_weekdays = marks.rest_weekdays
            self.days_off = marks.days_off
            self.planned_hours = marks.planned_hours
            self.due_by_day = marks.due_by_day
        tree = self._tree
        if self._stale_labels:
            tree.update_nodes(sorted(self._stale_labels), self.rp)
            self._stale_labels = set()
        current = self._current_node()
        assert self.session is not None
        self.current_title = self.session.nodes[current].title if current else None
        tree.set_marks(current, status.blocked_by if status else ())
        self._show_detail()
        # after the frame with the status: its thread would slow that frame down (at
        # start, the agenda reads the other enrolled roadmaps)
        self.call_after_refresh(self._work_out_agenda)
        self._tell_if_behind(status)

    # --- actions ---------------------------------------------------------------------

    def _note_target(self) -> tuple[str, str]:
        """The highlighted item when the checklist has focus, else the node."""
        checklist = self._checklist
        row = checklist.highlighted_row
        if row is not None and self.focused is checklist:
            return row.id, row.text
        assert self.node_id is not None and self.session is not None
        return self.node_id, self.session.nodes[self.node_id].title

    def action_note(self) -> None:
        """Write a note on the highlighted item or the node."""
        self._settle_now()
        if self.node_id is None or self.session is None:
            return
        from syllabus.clock import now
        from syllabus.model.progress import set_note
        from syllabus.tui.screens.note import NoteDialog

        target, title = self._note_target()
        roadmap_id = self.session.roadmap_id

        def done(text: str | None) -> None:
            progress = self.store.progress
            if text is None or progress is None:
                return
            self.store.commit(set_note(progress, roadmap_id, target, text, now()), origin=self)
            self._show_item()
            self._show_detail()

        self.app.push_screen(NoteDialog(title, self.rp.note(target) or ""), done)

    def action_add_item(self) -> None:
        """Add an own item to the node."""
        self._add_own(with_link=False)

    def action_add_link(self) -> None:
        """Add an own link to the node."""
        self._add_own(with_link=True)

    def _add_own(self, with_link: bool) -> None:
        self._settle_now()
        if self.node_id is None or self.session is None:
            return
        from syllabus.clock import now
        from syllabus.model.progress import add_own_item
        from syllabus.tui.screens.own_item import OwnItemDialog

        node_id, roadmap_id = self.node_id, self.session.roadmap_id

        def done(result: tuple[str, str | None] | None) -> None:
            progress = self.store.progress
            if result is None or progress is None:
                return
            text, url = result
            progress, item_id = add_own_item(progress, roadmap_id, node_id, text, now(), url=url)
            self.store.commit(progress, origin=self)
            self._show_node(node_id, highlight=item_id)
            self._checklist.focus()

        title = self.session.nodes[node_id].title
        self.app.push_screen(OwnItemDialog(title, with_link=with_link), done)

    def _link(self) -> str | None:
        """The highlighted item's link, else the first link of the node."""
        self._settle_now()
        if self.session is None:
            return None
        row = self._checklist.highlighted_row
        if row is not None and row.url:
            return row.url
        if self.node_id is None or self.session is None:
            return None
        node = self.session.nodes[self.node_id]
        for text in [node.body, *(item.text for item in node.items)]:
            found = _URL.search(text)
            if found:
                return found.group(0)
        return None

    def action_open_link(self) -> None:
        """Open the link in the browser (after asking, when it is not a web page)."""
        from syllabus.model.rules import opens_without_asking

        url = self._link()
        if url is None:
            self.notify(_("No link here."), markup=False, timeout=2)
            return
        if opens_without_asking(url):
            self.app.open_url(url)
            return
        from syllabus.tui.screens.open_link import OpenLinkDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.open_url(url)

        self.app.push_screen(OpenLinkDialog(url), answered)

    def action_copy_link(self) -> None:
        """Copy the link to the clipboard (OSC 52: works over SSH)."""
        url = self._link()
        if url is None:
            self.notify(_("No link here."), markup=False, timeout=2)
            return
        self.app.copy_to_clipboard(url)
        self.notify(_("Copied {url}").format(url=url), markup=False, timeout=2)

    def action_today(self) -> None:
        """Jump to today's planned node."""
        current = self._current_node()
        if current is not None:
            self.jump(current)

    def jump(self, node_id: str, item_id: str | None = None) -> None:
        """Show a node (and an item in it): from search, today, the calendar."""
        if self.session is None or node_id not in self.session.nodes:
            return
        self._show_node(node_id, highlight=item_id)
        self._tree.reveal(node_id)
        self._checklist.focus()

    def action_check_in(self) -> None:
        """Log today's session: hours, a note, what was done (in the agenda: its item)."""
        if self._held("check_in"):
            return
        self._settle_now()
        entry = self._agenda_entry()
        if entry is not None and self.session and entry.roadmap_id == self.session.roadmap_id:
            if entry.why == "review":  # a card is no item to tick: the time was reviewing
                self.open_check_in(self.today, node_id=entry.node_id, activity="review")
                return
            self.open_check_in(self.today, node_id=entry.node_id, tick=[entry.item_id])
            return
        self.open_check_in(self.today)

    def open_check_in(
        self,
        day: date,
        checkin_id: str | None = None,
        *,
        node_id: str | None = None,
        tick: list[str] | None = None,
        activity: str | None = None,
        opaque: bool = False,
    ) -> None:
        """The check-in dialog for a new session on ``day`` (on a node, items ticked), or
        to edit one; ``opaque``: it covers this screen instead of dimming it."""
        from syllabus.tui import checking_in

        dialog = checking_in.dialog(
            self.store,
            day,
            checkin_id=checkin_id,
            plan=self.plan,
            ticked=self.ticked_today,
            node_id=node_id,
            tick=tick or (),
            activity=activity,
        )
        if dialog is not None:
            dialog.set_class(opaque, "-opaque")
            self.app.push_screen(dialog, self._checked_in)

    def _checked_in(self, draft: CheckInDraft | None) -> None:
        from syllabus.tui import checking_in

        if draft is not None and checking_in.save(self.store, draft):
            self.notify(checking_in.checked_in_text(draft.hours, draft.day), markup=False)

    def action_weekly_review(self) -> None:
        """The weekly review: planned against done, buffer, forecast, mix, prompts, charts."""
        if self.session is None:
            return
        from syllabus.tui.screens.week import WeekScreen

        self.app.push_screen(WeekScreen(self.store, today=self.today, status=self.status))

    def action_portfolio(self) -> None:
        """The portfolio: every project with its state, score and evidence; s scores, e
        gives evidence."""
        if self.session is None:
            return
        from syllabus.tui.screens.portfolio import PortfolioScreen

        self.app.push_screen(PortfolioScreen(self.store))

    def action_calendar(self) -> None:
        """The month calendar, heat-shaded by hours."""
        self.open_calendar(self.today)

    def open_calendar(self, day: date) -> None:
        """The calendar screen, on a day."""
        if self.session is None:
            return
        from syllabus.tui.screens.calendar import CalendarScreen

        screen = CalendarScreen(
            self.store,
            today=self.today,
            selected=day,
            plan=self.plan,
            planned=self.planned,
            rest_weekdays=self.rest_weekdays,
            days_off=self.days_off,
            planned_hours=self.planned_hours,
            due_by_day=self.due_by_day,
            status=self.status,
        )
        self.app.push_screen(screen)

    def on_calendar_widget_day_activated(self, message: CalendarWidget.DayActivated) -> None:
        message.stop()
        self.open_calendar(message.day)

    # --- today's agenda, next, when behind, replan -------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="agenda")
    def _work_out_agenda(self) -> None:
        progress, session = self.store.progress, self.session
        if progress is None or session is None:
            return
        entries = tuple(self._agenda_source.agenda(session, progress, self.today))
        self.store.call_from_thread(self._agenda_computed, session, entries)

    def _agenda_computed(self, session: Session, entries: tuple[AgendaEntry, ...]) -> None:
        if session is self.session:  # else a roadmap opened meanwhile
            self.agenda_active = session.roadmap_id
            self.picked = frozenset(e.item_id for e in entries) & self.picked
            self.agenda = entries

    def _agenda_entry(self) -> AgendaEntry | None:
        """The agenda's highlighted entry while the agenda has focus."""
        from syllabus.tui.widgets.agenda import TodayAgenda

        focused = self.focused
        return focused.highlighted_entry if isinstance(focused, TodayAgenda) else None

    def on_today_agenda_entry_toggled(self, message: TodayAgenda.EntryToggled) -> None:
        """x on an agenda entry: the item is done (in whichever roadmap it is)."""
        from syllabus.model.progress import ItemState

        entry, progress, session = message.entry, self.store.progress, self.session
        if progress is None or session is None:
            return
        if entry.why == "review":  # a card is graded, not ticked
            self._open_review_entry(entry)
            return
        if entry.roadmap_id == session.roadmap_id:
            from syllabus.tui.widgets.checklist import Checklist

            # the checklist's own path: the row, the tree's counts, the status follow
            self.post_message(
                Checklist.ItemStateChanged(self._checklist, entry.item_id, ItemState.DONE)
            )
            return
        from syllabus.clock import now
        from syllabus.model.progress import set_item_state

        changed = set_item_state(progress, entry.roadmap_id, entry.item_id, ItemState.DONE, now())
        self.store.commit(changed, origin=self)
        self._work_out_agenda()

    def on_today_agenda_entry_chosen(self, message: TodayAgenda.EntryChosen) -> None:
        """Enter on an agenda entry: show its item in the checklist."""
        entry, session = message.entry, self.session
        if entry.why == "review":
            self._open_review_entry(entry)
        elif session is not None and entry.roadmap_id == session.roadmap_id:
            self.jump(entry.node_id, entry.item_id)
        else:
            from syllabus.locale import _

            self.notify(
                _("That item is in {roadmap}: r switches roadmap.").format(
                    roadmap=entry.roadmap_id
                ),
                markup=False,
            )

    def action_next(self) -> None:
        """What fits in the minutes you have, picked from the agenda."""
        from syllabus.tui.screens.next_pick import NextDialog

        self.app.push_screen(NextDialog(), self._picked_next)

    def _picked_next(self, minutes: float | None) -> None:
        from syllabus.locale import _, ngettext
        from syllabus.model.schedule import pick_next

        if minutes is None:
            return
        picked = pick_next(self.agenda, minutes)
        if not picked:
            self.notify(_("Nothing left to do."), markup=False)
            return
        self.picked = frozenset(e.item_id for e in picked)
        hours = sum(e.hours for e in picked)
        from syllabus.locale.formats import format_hours, format_number

        line = ngettext(
            "For {minutes} min: {n} item, {hours} (marked ▸).",
            "For {minutes} min: {n} items, {hours} (marked ▸).",
            len(picked),
        )
        shown = line.format(
            minutes=format_number(minutes), n=len(picked), hours=format_hours(round(hours, 1))
        )
        self.notify(shown, markup=False)
        self.query_one("#agenda").focus()

    def _tell_if_behind(self, status: Status | None) -> None:
        """Once a sitting, behind: say that ``b`` offers a decision."""
        if status is None or status.buffer_days > -0.5 or self._told_behind:
            return
        from syllabus.locale import _
        from syllabus.tui.widgets.status_line import buffer_text

        self._told_behind = True
        self.notify(
            _("You are {days} behind the plan: b shows three ways to decide.").format(
                days=buffer_text(status.buffer_days).lstrip("\u2212")
            ),
            markup=False,
            timeout=8,
        )

    def action_behind(self) -> None:
        """When behind: change the pace, skip the optional items, or replan."""
        from syllabus.locale import _

        progress, session, status = self.store.progress, self.session, self.status
        if progress is None or session is None or status is None:
            return
        from syllabus.model.schedule import behind_options
        from syllabus.tui.screens.behind import BehindDialog

        options = behind_options(session.roadmap, progress, session.roadmap_id, self.today, status)
        if options is None:
            self.notify(_("You are not behind: nothing to decide."), markup=False)
            return
        self.app.push_screen(BehindDialog(options, status), self._behind_chosen)

    def _behind_chosen(self, choice: str | None) -> None:
        from syllabus.tui import deciding

        if choice is not None:
            said = deciding.apply(self.store, choice, self.today, self.status)
            if said:
                self.notify(said, markup=False)

    def action_replan(self) -> None:
        """Start the unfinished rest of the plan again today (while ahead: keeps the finish)."""
        from syllabus.tui import deciding

        said = deciding.apply(self.store, "replan", self.today, self.status)
        if said:
            self.notify(said, markup=False)

    # --- spaced review and the focus timer (issue 15) ----------------------------------

    def action_review(self, first: str | None = None) -> None:
        """Today's review cards, one at a time (``first`` shown first)."""
        if self.session is None:
            return
        from syllabus.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.store, today=self.today, first=first))

    def _open_review_entry(self, entry: AgendaEntry) -> None:
        if self.session is not None and entry.roadmap_id == self.session.roadmap_id:
            self.action_review(entry.item_id)
            return
        from syllabus.locale import _

        self.notify(
            _("That review is in {roadmap}: r switches roadmap.").format(roadmap=entry.roadmap_id),
            markup=False,
        )

    def action_add_review(self) -> None:
        """Put the highlighted finished item (or the node) into review."""
        self._settle_now()
        if self.node_id is None or self.session is None:
            return
        from syllabus.tui.focusing import add_to_review

        said = add_to_review(self.store, self._note_target()[0], self.today)
        if said:
            self.notify(said, markup=False)

    def _find_timer(self) -> None:
        from syllabus.tui.focusing import running

        self._show_timer(running(self.store.data_dir))

    def _show_timer(self, timer: Timer | None) -> None:
        """Keep ``timer`` as the running one and show it, once a second while it runs."""
        self._timer = timer
        if timer is None:
            if self._timer_ticks is not None:
                self._timer_ticks.stop()
                self._timer_ticks = None
        elif self._timer_ticks is None:
            self._timer_ticks = self.set_interval(1.0, self._tick_timer)
        self._tick_timer()

    def _tick_timer(self) -> None:
        from syllabus import clock
        from syllabus.tui.widgets.status_line import timer_text

        self.timer_text = timer_text(self._timer, clock.now())

    def _timer_target(self) -> tuple[str, str | None] | None:
        """(node, item) the timer is for: the agenda's entry, the checklist's item or the
        node shown."""
        session = self.session
        if session is None or self.node_id is None:
            return None
        entry = self._agenda_entry()
        if entry is not None and entry.why != "review":
            if entry.roadmap_id == session.roadmap_id:
                return entry.node_id, entry.item_id
        target = self._note_target()[0]
        if target in session.nodes:
            return target, None
        return session.node_of(target, self.rp) or self.node_id, target

    def action_focus_timer(self, mode: Mode = "plain") -> None:
        """Start a focus timer on the item or node (``f`` plain, ``F`` pomodoro); while one
        runs, stop it into the check-in dialog."""
        self._settle_now()
        if self._timer is not None:
            self.stop_timer()
            return
        target, session = self._timer_target(), self.session
        if target is None or session is None:
            return
        from syllabus.locale import _
        from syllabus.tui.focusing import start

        try:
            timer = start(self.store.data_dir, session.roadmap_id, *target, mode)
        except OSError as error:
            self.notify(str(error), title=_("Timer not started"), severity="error", markup=False)
            return
        self._show_timer(timer)

    def stop_timer(self) -> None:
        """Stop the running timer: the check-in dialog with its minutes, node and item;
        escape keeps the timer running."""
        timer = self._timer
        if timer is None:
            return
        from syllabus.locale import _
        from syllabus.tui.focusing import stop_dialog

        dialog = stop_dialog(self.store, timer, self.today, self.plan, self.ticked_today)
        if dialog is None:
            self.notify(
                _("The timer runs in {roadmap}: r switches roadmap.").format(roadmap=timer.roadmap),
                markup=False,
            )
            return

        def answered(draft: CheckInDraft | None) -> None:
            if draft is None:
                self.notify(_("The timer is still running."), markup=False, timeout=3)
                return
            self._checked_in(draft)
            self.discard_timer()

        self.app.push_screen(dialog, answered)

    def discard_timer(self) -> None:
        """Stop the running timer without a check-in."""
        from syllabus.tui.focusing import clear

        try:
            clear(self.store.data_dir)
        except OSError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._show_timer(None)
