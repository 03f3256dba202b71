"""Entry point for ``python -m syllabus`` and the ``syllabus`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    from syllabus.cli import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
