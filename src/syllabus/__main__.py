"""Entry point for ``python -m syllabus`` and the ``syllabus`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    from syllabus import startup
    from syllabus.cli import command_in
    from syllabus.cli import main as cli_main

    args = sys.argv[1:]
    if command_in(args) is None:
        # The app, --help or a usage error: an ordinary run and exit.
        sys.exit(cli_main(args))
    startup.tune_for_command()
    startup.exit_now(cli_main(args))


if __name__ == "__main__":
    main()
