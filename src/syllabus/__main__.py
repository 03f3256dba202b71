"""Entry point for ``python -m syllabus`` and the ``syllabus`` console script.

No command opens the app; a command runs and ends at once. This is the one place that
knows both: the command line never imports the TUI, it calls ``_open_app`` when there
is nothing else to do.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _open_app(data_dir: Path) -> int:
    from syllabus.tui.app import run

    return run(data_dir)


def main() -> None:
    from syllabus import startup

    startup.tune_for_start()
    from syllabus.cli import command_in
    from syllabus.cli import main as cli_main

    args = sys.argv[1:]
    if command_in(args) is None:
        # The app, --help or a usage error: an ordinary run and exit.
        sys.exit(cli_main(args, app=_open_app))
    startup.tune_for_command()
    startup.exit_now(cli_main(args))


if __name__ == "__main__":
    main()
