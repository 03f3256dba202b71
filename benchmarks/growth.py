"""How import, `status`, start-up and save grow: 1k, 10k, 50k items; 1, 3, 10 years.

Inputs are made once per code version next to run.py's (``generate.cache_root()``):
the generated roadmap Markdown at three sizes (phases × 20 weeks × 10 items), each
imported into a data dir with three years of daily check-ins (a state for half the
items), and the 10,000-item roadmap with 1, 3 and 10 years. Each figure is timed at
every size; the table prints, for each step, the growth factor scaled to a 5× step
(``(t2 / t1) ** (ln 5 / ln(n2 / n1))``): 5.0 is linear, below it is better.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import generate  # noqa: E402

ITEMS = (1_000, 10_000, 50_000)
"""Roadmap sizes, in items (phases × 20 weeks × 10 items)."""
YEARS = (1, 3, 10)
"""Years of daily check-ins, on the 10,000-item roadmap."""
ITEMS_YEARS = 3
"""The history of the items axis."""
YEARS_ITEMS = 10_000
"""The roadmap of the years axis."""
LINEAR_PER_5X = 5.0
"""A figure that grows linearly grows 5× per 5× size."""


@dataclass
class Point:
    """One input: its size on its axis, its data dir and roadmap id (and Markdown)."""

    axis: str
    size: int
    data_dir: Path
    roadmap_id: str
    markdown: Path | None = None

    @property
    def label(self) -> str:
        if self.axis == "items":
            return f"{self.size // 1000}k items, {ITEMS_YEARS} years"
        return f"{YEARS_ITEMS // 1000}k items, {self.size} years"


def _roadmap_id(items: int) -> str:
    return f"scale-{items // 1000}k"


def _make(root: Path, items: int, years: int, markdown: Path) -> Path:
    """A data dir: the Markdown imported, ``years`` of history with a state for half."""
    from syllabus import catalog
    from syllabus.importer import import_file

    data = root / f"items-{items}-years-{years}"
    if (data / "progress.toml").exists():
        return data
    roadmap_id = _roadmap_id(items)
    imported = replace(import_file(markdown), **{"id": roadmap_id})
    catalog.save_user_roadmap(imported, data)
    roadmap = catalog.load_roadmap(roadmap_id, data)
    progress = generate.history(roadmap, years=years, states=items // 2)
    generate._save(progress, data)
    return data


def prepare(root: Path | None = None) -> list[Point]:
    """Make (or reuse) every input; both axes, in order of size."""
    root = root or generate.cache_root() / generate._fingerprint() / "growth"
    root.mkdir(parents=True, exist_ok=True)
    stamp = root / "complete.json"
    if stamp.exists():
        return [
            Point(p["axis"], p["size"], Path(p["data_dir"]), p["roadmap_id"], _path(p["markdown"]))
            for p in json.loads(stamp.read_text(encoding="utf-8"))
        ]
    points = []
    for items in ITEMS:
        markdown = root / f"scale-{items // 1000}k.md"
        if not markdown.exists():
            phases = items // (20 * 10)
            markdown.write_text(generate.roadmap_markdown(phases=phases), encoding="utf-8")
        data = _make(root, items, ITEMS_YEARS, markdown)
        points.append(Point("items", items, data, _roadmap_id(items), markdown))
    markdown = root / f"scale-{YEARS_ITEMS // 1000}k.md"
    for years in YEARS:
        data = _make(root, YEARS_ITEMS, years, markdown)
        points.append(Point("years", years, data, _roadmap_id(YEARS_ITEMS)))
    saved = [
        {**p.__dict__, "data_dir": str(p.data_dir), "markdown": str(p.markdown or "")}
        for p in points
    ]
    stamp.write_text(json.dumps(saved, indent=2), encoding="utf-8")
    return points


def _path(value: str) -> Path | None:
    return Path(value) if value else None


def per_5x(sizes: Sequence[int], medians: Sequence[float]) -> list[float | None]:
    """The growth factor of each step scaled to a 5× step (None for the first size)."""
    found: list[float | None] = [None]
    for n in range(1, len(sizes)):
        step = sizes[n] / sizes[n - 1]
        ratio = medians[n] / medians[n - 1] if medians[n - 1] > 0 else math.inf
        found.append(ratio ** (math.log(5) / math.log(step)))
    return found


def status_seconds(argv: Sequence[str], data_dir: Path, today: str) -> float:
    """Wall time of one `syllabus status` on a data dir, the whole process."""
    import time

    env = {**os.environ, "SYLLABUS_DATA_DIR": str(data_dir), "SYLLABUS_TODAY": today}
    start = time.perf_counter()
    done = subprocess.run([*argv, "status"], env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode:
        tail = (done.stderr.decode(errors="replace").strip().splitlines() or ["?"])[-1]
        raise RuntimeError(f"syllabus status: {tail}")
    return seconds


def medians(samples: dict[int, list[float]]) -> list[float]:
    return [statistics.median(samples[size]) for size in sorted(samples)]


def copy(point: Point, scratch: Path) -> Path:
    return generate.copy_data_dir(point.data_dir, scratch)


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


Measure = Callable[[Point], float]


if __name__ == "__main__":
    for point in prepare():
        print(point.axis, point.size, point.data_dir, file=sys.stderr)
