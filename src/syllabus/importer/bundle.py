"""Rebuild ``roadmaps/<id>.toml`` from the user's seed documents and ``sources.toml``.

Run ``python -m syllabus.importer.bundle SEEDS_DIR`` after changing the importer or a
hint; a test re-imports every seed and fails when a bundled file has drifted.
"""

from __future__ import annotations

import sys
from pathlib import Path

from syllabus.catalog import SOURCES, bundled_dir, roadmap_toml
from syllabus.importer import import_file
from syllabus.importer.hints import Hints, load_sources
from syllabus.model.roadmap import Roadmap


def import_seed(seeds: Path, hints: Hints) -> Roadmap:
    """One seed imported with its hints."""
    return import_file(seeds / (hints.file or ""), hints)


def rebuild(seeds: Path, out: Path | None = None) -> list[Path]:
    """Write every bundled roadmap; returns the files written."""
    out = out or bundled_dir()
    written = []
    for hints in load_sources(out / SOURCES):
        roadmap = import_seed(seeds, hints)
        path = out / f"{roadmap.id}.toml"
        path.write_text(roadmap_toml(roadmap), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    seeds = Path(args[0]) if args else Path(__file__).resolve().parents[4] / "shared" / "seeds"
    for path in rebuild(seeds):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
