"""A stateful hypothesis test: whatever the app, a second process and reloads do, in
whatever order, the file on disk always equals the merge of everything saved."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from syllabus.model import progress as pm
from syllabus.storage.progress_file import ProgressFile

ITEMS = st.sampled_from(["week-1/a", "week-1/b [x]", "week-2/c", 'q"uote'])
STATES = st.sampled_from(list(pm.ItemState))
NOTES = st.text(max_size=30)


class ProgressMachine(RuleBasedStateMachine):
    """``memory`` is the app's copy; ``expected`` what the file must hold."""

    @initialize()
    def setup(self) -> None:
        self.root = Path(tempfile.mkdtemp())
        self.app = ProgressFile(self.root)
        self.memory = self.app.load().progress
        self.expected = pm.Progress()
        self.clock = datetime(2026, 11, 23, 8, tzinfo=UTC)
        self.ids = 0

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def tick_clock(self) -> datetime:
        self.clock += timedelta(microseconds=7)
        return self.clock

    @rule(item=ITEMS, state=STATES)
    def set_state(self, item: str, state: pm.ItemState) -> None:
        self.memory = pm.set_item_state(self.memory, "r", item, state, self.tick_clock())

    @rule(hours=st.floats(0, 24), note=NOTES)
    def check_in(self, hours: float, note: str) -> None:
        self.ids += 1
        when = self.tick_clock()
        checkin = pm.CheckIn(
            id=f"c{self.ids}",
            date=date(2026, 11, 23),
            hours=hours,
            note=note,
            roadmap="r",
            created=when,
            updated=when,
        )
        self.memory = pm.put_checkin(self.memory, checkin)

    @precondition(lambda self: any(not c.deleted for c in self.memory.checkins.values()))
    @rule(data=st.data(), hours=st.floats(0, 24))
    def edit_checkin(self, data: st.DataObject, hours: float) -> None:
        live = sorted(c.id for c in self.memory.checkins.values() if not c.deleted)
        old = self.memory.checkins[data.draw(st.sampled_from(live))]
        changed = replace(old, **{"hours": hours, "updated": self.tick_clock()})
        self.memory = pm.put_checkin(self.memory, changed)

    @precondition(lambda self: any(not c.deleted for c in self.memory.checkins.values()))
    @rule(data=st.data())
    def delete_checkin(self, data: st.DataObject) -> None:
        live = sorted(c.id for c in self.memory.checkins.values() if not c.deleted)
        self.memory = pm.delete_checkin(
            self.memory, data.draw(st.sampled_from(live)), self.tick_clock()
        )

    @rule(target_id=ITEMS, text=NOTES)
    def note(self, target_id: str, text: str) -> None:
        self.memory = pm.set_note(self.memory, "r", target_id, text, self.tick_clock())

    @rule()
    def save(self) -> None:
        self.expected = pm.merge(self.expected, self.memory)
        self.memory = self.app.save(self.memory)
        assert self.memory == self.expected

    @rule(item=ITEMS, state=STATES)
    def another_process_changes(self, item: str, state: pm.ItemState) -> None:
        when = self.tick_clock()
        other = ProgressFile(self.root)
        result = other.update(lambda p: pm.set_item_state(p, "r", item, state, when))
        self.expected = pm.merge(self.expected, result)

    @rule()
    def reload(self) -> None:
        # The app drops unsaved changes and reads the file again.
        self.memory = self.app.load().progress

    @invariant()
    def disk_equals_model(self) -> None:
        if hasattr(self, "root"):
            assert ProgressFile(self.root).load().progress == self.expected


ProgressMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
TestProgressMachine = ProgressMachine.TestCase
