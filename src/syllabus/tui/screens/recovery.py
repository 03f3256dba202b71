"""RecoveryDialog: the progress file was found damaged at start — what now?

Instead of "starting empty" behind a toast that vanishes, the learner chooses: restore
the newest backup (named, with its date and what it holds), start empty, or quit. The
damaged bytes are already kept aside by storage; the dialog says where. Nothing here
touches storage: the dialog dismisses with the choice and the store acts on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from syllabus.locale import _, ngettext
from syllabus.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from syllabus.tui.store import Recovery

Choice = Literal["restore", "empty", "quit"]


def backup_line(recovery: Recovery) -> str:
    """The newest backup: its name, its date and what it holds."""
    backup = recovery.backup
    if backup is None:
        return _("There is no backup to restore yet.")
    when = backup.modified.astimezone().strftime("%Y-%m-%d %H:%M")
    holds = []
    if backup.items_done is not None:
        holds.append(
            ngettext("{n} item done", "{n} items done", backup.items_done).format(
                n=backup.items_done
            )
        )
    if backup.checkins is not None:
        holds.append(
            ngettext("{n} check-in", "{n} check-ins", backup.checkins).format(n=backup.checkins)
        )
    line = _("Newest backup: {name} ({when})").format(name=backup.name, when=when)
    return f"{line}: {', '.join(holds)}" if holds else line


class RecoveryDialog(ModalScreen[Choice]):
    """Dismisses with ``restore``, ``empty`` or ``quit``."""

    BINDINGS = [
        Binding("r", "choose('restore')", _("Restore backup")),
        Binding("e", "choose('empty')", _("Start empty")),
        Binding("q,escape", "choose('quit')", _("Quit")),
    ]

    def __init__(self, recovery: Recovery) -> None:
        super().__init__()
        self.recovery = recovery
        """What was found and the newest backup."""

    def compose(self) -> ComposeResult:
        recovery = self.recovery
        with Vertical(id="dialog"):
            yield Label(
                Content(_("Your progress file cannot be read")).stylize("bold"), classes="title"
            )
            file = Path(recovery.file)
            problem = f"{file.name}: {recovery.problem}"
            yield Label(Content(one_line(problem)), id="recovery-problem")
            if recovery.kept is not None:
                kept = Path(recovery.kept)
                if kept.parent == file.parent:
                    line = _("Its bytes are kept beside it as {name}.").format(name=kept.name)
                else:
                    line = _("Its bytes are kept as {path}.").format(path=kept)
                yield Label(Content(one_line(line)), classes="hint", id="recovery-kept")

            yield Label(Content(one_line(backup_line(recovery))), id="recovery-backup")
            keys = [_("e starts empty"), _("q quits (nothing is changed)")]
            if recovery.backup is not None:
                keys.insert(0, _("r restores that backup"))
            yield Label(Content(" · ".join(keys)), classes="hint", id="recovery-keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Restore only when there is a backup to restore."""
        if action == "choose" and parameters == ("restore",):
            return self.recovery.backup is not None
        return True

    def action_choose(self, choice: Choice) -> None:
        """Answer with the learner's choice."""
        self.dismiss(choice)
