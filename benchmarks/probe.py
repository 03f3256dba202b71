"""Child side of the in-process figures: one fresh process, modules loaded, one timed call.

A fresh process per sample times the first call a user's command or the app makes
(no warm caches, no memoised results), with import time left out: every module the
figure needs is imported before the clock starts.

Usage: ``python probe.py FIGURE ARG...``; prints ``{"seconds": ..., "cpu": ...}`` as JSON
(wall time and the CPU time of the timed call).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def load_modules(*extra: str) -> None:
    """Import what the figures use (models, storage, catalog, TOML libraries) before timing.

    Import time is the start-up figures' business; here a call is timed as the app or a
    command makes it once running: first call, no warm caches, modules loaded.
    """
    import importlib
    import pkgutil

    import syllabus.model
    import syllabus.storage

    names = ["syllabus.catalog", "pydantic", "rtoml", "tomli_w", "tomllib", *extra]
    for package in (syllabus.model, syllabus.storage):
        # walked: a package that imports its modules on first use (model.schedule) has
        # them loaded here too, not inside the timed call
        prefix = f"{package.__name__}."
        names += [m.name for m in pkgutil.walk_packages(package.__path__, prefix)]
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    try:  # pydantic's validators, built once per process like the model classes once were
        from syllabus.model import validate
        from syllabus.model.progress import Progress
        from syllabus.model.roadmap import Roadmap

        validate._adapter(Progress)
        validate._adapter(Roadmap)
    except ImportError:
        pass


CPU: list[float] = []
"""CPU seconds of the timed call (wall time minus waiting: for a noisy machine's reader)."""


def _timed(call: Callable[[], Any]) -> float:
    cpu = time.process_time()
    start = time.perf_counter()
    call()
    wall = time.perf_counter() - start
    CPU.append(time.process_time() - cpu)
    return wall


def seeds(seed_dir: str) -> float:
    """Import all five seeds with their import hints (as the bundled roadmaps are made)."""
    from syllabus.catalog import SOURCES, bundled_dir
    from syllabus.importer.bundle import import_seed
    from syllabus.importer.hints import load_sources

    load_modules(
        "syllabus.importer.build",
        "syllabus.importer.blocks",
        "syllabus.importer.reading",
        "markdown_it",
        "linkify_it",
        "ftfy",
    )
    every = load_sources(bundled_dir() / SOURCES)
    seeds = Path(seed_dir)
    assert len(every) == 5, f"{len(every)} seeds in sources.toml"
    return _timed(lambda: [import_seed(seeds, hints) for hints in every])


def load_roadmap(roadmap_id: str, data_dir: str) -> float:
    """Load one roadmap through the catalog: read, parse, validate (there is no cache)."""
    from syllabus import catalog

    return _timed(lambda: catalog.load_roadmap(roadmap_id, Path(data_dir)))


def progress_load(data_dir: str) -> float:
    """Load the progress file: read, parse and validate (there is no cache)."""
    from syllabus.storage.progress_file import ProgressFile

    return _timed(ProgressFile(Path(data_dir)).load)


def progress_save(data_dir: str) -> float:
    """Save after one toggle, as the app does: lock, re-read, merge, write, fsync, journal."""
    from syllabus.clock import now
    from syllabus.model.progress import ItemState, set_item_state
    from syllabus.storage.progress_file import ProgressFile

    store = ProgressFile(Path(data_dir))
    progress = store.load().progress
    roadmap_id = progress.settings.active_roadmap or next(iter(progress.roadmaps))
    rp = progress.roadmap(roadmap_id)
    item_id = next(iter(rp.items), "bench/toggled")
    state = ItemState.TODO if rp.state(item_id) is ItemState.DONE else ItemState.DONE
    changed = set_item_state(progress, roadmap_id, item_id, state, now())
    return _timed(lambda: store.save(changed))


def schedule(kind: str, roadmap_id: str, data_dir: str, today: str) -> float:
    """Full schedule and status: ``bundled`` (a generated 3-year history) or ``file``."""
    from syllabus import catalog
    from syllabus.model.schedule import build_plan, compute_status
    from syllabus.storage.progress_file import ProgressFile

    roadmap = catalog.load_roadmap(roadmap_id, Path(data_dir))
    if kind == "bundled":
        from benchmarks.generate import history

        progress = history(roadmap, years=3, states=1500, today=date.fromisoformat(today))
    else:
        progress = ProgressFile(Path(data_dir)).load().progress
    rp = progress.roadmap(roadmap.id)
    assert rp.enrolment is not None
    day = date.fromisoformat(today)

    def run() -> None:
        plan = build_plan(roadmap, rp.enrolment, rp)  # type: ignore[arg-type]
        compute_status(roadmap, progress, roadmap.id, day, plan)

    return _timed(run)


def import_file(path: str) -> float:
    """Import one Markdown plan (read, tokenise, build, validate), importer modules loaded."""
    from syllabus.importer import import_file as read_plan

    load_modules(
        "syllabus.importer.build",
        "syllabus.importer.blocks",
        "syllabus.importer.reading",
        "markdown_it",
        "linkify_it",
        "ftfy",
    )
    return _timed(lambda: read_plan(Path(path)))


from benchmarks.week_open import week_open  # noqa: E402

FIGURES: dict[str, Callable[..., float]] = {
    "import_file": import_file,
    "seeds": seeds,
    "load_roadmap": load_roadmap,
    "progress_load": progress_load,
    "progress_save": progress_save,
    "schedule": schedule,
    "week_open": week_open,
}

if __name__ == "__main__":
    name, *args = sys.argv[1:]
    from syllabus import startup

    startup.tune_for_command()  # the collector as a command runs with it (the app: off)
    load_modules()
    seconds = FIGURES[name](*args)
    print(json.dumps({"seconds": seconds, "cpu": CPU[-1] if CPU else None}))
