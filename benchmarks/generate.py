"""Large, deterministic inputs for the benchmarks: a 10,000-item roadmap and long histories.

- ``roadmap_markdown()``: 50 phases x 20 weeks x 10 items, with links, tables and bracket
  text ("[3 hrs]", "[done]") - the kind of document a user imports.
- ``heavy_progress()``: a heavy real user - 3 years of daily check-ins over the bundled
  roadmaps, 1,500 item states, notes and own items; the active roadmap mid-plan.
- ``history()``: years of daily check-ins and N item states on ONE roadmap (the extreme
  user: 10,000 items, 5 years), with the pauses and replans such a learner makes.

Progress is built with the model's constructors and written with storage's
``ProgressFile.save``, so the files are exactly what the app reads. ``prepare()`` makes
every data dir once per code version in a cache dir (nothing is committed) and says
which inputs could not be made yet.

Run ``python benchmarks/generate.py`` to (re)build the inputs and print where they are.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from syllabus.model.progress import Progress
    from syllabus.model.roadmap import Roadmap

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)
"""The benchmarks' fixed today (``SYLLABUS_TODAY``), so every run plans the same days."""
SCALE_ID = "scale-10k"
HEAVY_ACTIVE = "ml-engineer-16-weeks"
SEED = 20261123

_TOPICS = (
    "linear algebra", "probability", "gradient descent", "tokenizers", "attention",
    "data pipelines", "feature stores", "model serving", "monitoring", "evaluation",
    "distributed training", "quantization", "retrieval", "prompting", "vector search",
    "experiment tracking", "CI for models", "containers", "Kubernetes", "privacy",
)  # fmt: skip
_VERBS = ("Learn", "Read", "Build", "Review", "Practise", "Write up", "Watch", "Implement")
_NOTES = (
    "", "", "", "", "", "Good session.", "Hard going, came back to it after a break.",
    "Finished the exercises [2/3] - the last one needs [more] time.",
    "Read the docs; the [link] in the notes was broken.",
    "Pairing call, mostly debugging.", "Short one before work.",
    "Notebook: plots for the loss curves, todo [/] compare runs.",
)  # fmt: skip


# --- the 10,000-item roadmap ----------------------------------------------------------


def roadmap_markdown(phases: int = 50, weeks: int = 20, items: int = 10, seed: int = SEED) -> str:
    """A Markdown roadmap of phases x weeks x items checkable items, deterministic."""
    rng = random.Random(seed)
    out = [
        "---",
        f'title: "Scale Test: {phases * weeks * items:,} Items"',
        "lang: en",
        "---",
        "",
        f"# Scale Test: {phases * weeks * items:,} Items",
        "",
        "A generated roadmap for the benchmarks. Pace: **10-12 hrs/week**, 6 days a week.",
        "",
        "| Phase | Weeks | Focus |",
        "|---|---|---|",
    ]
    for p in range(1, phases + 1):
        first = (p - 1) * weeks + 1
        out.append(f"| {p} | {first}-{first + weeks - 1} | {_TOPICS[p % len(_TOPICS)]} |")
    out.append("")
    week_no = 0
    for p in range(1, phases + 1):
        first = (p - 1) * weeks + 1
        topic = _TOPICS[p % len(_TOPICS)]
        out += [
            f"## Phase {p}: {topic.title()} in depth (Weeks {first}-{first + weeks - 1})",
            "",
            f"**Goal**: be able to explain and use {topic} [level {p % 5 + 1}].",
            "",
            "| Resource | Link | Hours |",
            "|---|---|---|",
            f"| {topic.title()} notes [free] | [notes](https://example.org/p{p}/notes) | 3 |",
            f"| Video course | <https://example.org/p{p}/video> | {rng.randint(4, 12)} |",
            "",
        ]
        for _ in range(weeks):
            week_no += 1
            sub = _TOPICS[rng.randrange(len(_TOPICS))]
            out += [
                f"### Week {week_no}: {topic.title()} - {sub}",
                "",
                f"Estimated time (hours): {rng.randint(9, 14)}",
                "",
            ]
            for i in range(items):
                verb = _VERBS[(week_no + i) % len(_VERBS)]
                hours = rng.randint(1, 4)
                thing = _TOPICS[rng.randrange(len(_TOPICS))]
                match i % 5:
                    case 0:
                        text = f"[{hours} hrs] {verb} {thing}"
                    case 1:
                        text = f"{verb} [the guide](https://example.org/w{week_no}/{i})"
                    case 2:
                        text = f"{verb} {thing} [done]"
                    case 3:
                        text = f"Chapter {i}: https://example.com/b/{week_no}"
                    case _:
                        text = f"Project: {thing} [{hours} hrs] [/]"
                out.append(f"- [ ] {text}")
            out.append("")
    return "\n".join(out) + "\n"


# --- progress -------------------------------------------------------------------------


def _id(rng: random.Random) -> str:
    return f"{rng.getrandbits(40):010x}"


def _at(day: date, rng: random.Random) -> datetime:
    evening = datetime.combine(day, day_time(17, 0), tzinfo=UTC)
    return evening + timedelta(minutes=rng.randrange(300))


def _checkable(roadmap: Roadmap) -> list[str]:
    return [item.id for _, item in roadmap.items() if item.checkable]


def _checkins(
    rng: random.Random, days: list[tuple[date, str, list[str]]], hours: tuple[float, float]
) -> dict[str, Any]:
    """One check-in a day: (day, roadmap id, item ids it may name)."""
    from syllabus.model.progress import CheckIn

    found: dict[str, Any] = {}
    for day, roadmap_id, ids in days:
        when = _at(day, rng)
        done = rng.sample(ids, k=min(len(ids), rng.choice((0, 0, 0, 1, 2)))) if ids else []
        checkin = CheckIn(
            id=_id(rng),
            date=day,
            hours=round(rng.uniform(*hours) * 4) / 4,
            note=rng.choice(_NOTES),
            roadmap=roadmap_id,
            items=done,
            created=when,
            updated=when,
        )
        found[checkin.id] = checkin
    return found


def history(
    roadmap: Roadmap,
    *,
    years: int,
    states: int,
    today: date = TODAY,
    seed: int = SEED,
) -> Progress:
    """``years`` of daily check-ins on one roadmap and ``states`` item states.

    The learner started ``years`` ago, paused for two weeks each summer and replanned
    each January - the history a long-running plan really has.
    """
    from syllabus.model.progress import (
        Enrolment,
        ItemRecord,
        ItemState,
        Note,
        OwnItem,
        Pause,
        Progress,
        Replan,
        RoadmapProgress,
        Settings,
    )

    rng = random.Random(seed)
    start = today - timedelta(days=365 * years)
    ids = _checkable(roadmap)
    records: dict[str, Any] = {}
    for n, item_id in enumerate(ids[:states]):
        state = ItemState.DONE if n < states * 0.8 else rng.choice(list(ItemState))
        records[item_id] = ItemRecord(state=state, updated=_at(start + timedelta(n % 1800), rng))
    for n in range(len(records), states):  # more states than items: an item list that shrank
        records[f"retired/item-{n:05d}"] = ItemRecord(state=ItemState.DONE, updated=_at(start, rng))
    pauses = [
        Pause(start=date(y, 8, 1), end=date(y, 8, 14))
        for y in range(start.year, today.year + 1)
        if start < date(y, 8, 1) < today
    ]
    replans = [
        Replan(start=date(y, 1, 5), made=_at(date(y, 1, 4), rng))
        for y in range(start.year + 1, today.year + 1)
    ]
    enrolment = Enrolment(
        start=start,
        hours_per_week=10.0,
        days_per_week=6,
        rest_days=["sun"],
        pauses=pauses,
        replans=replans,
        updated=_at(start, rng),
    )
    nodes = [node.id for node in roadmap.walk()]
    notes = {
        target: Note(text=f"{rng.choice(_NOTES) or 'Remember'} ({n})", updated=_at(start, rng))
        for n, target in enumerate(rng.sample(nodes + ids, k=min(len(nodes + ids), states // 50)))
    }
    own = {}
    for n in range(max(5, states // 200)):
        own_id = f"user/own-resource-{n}"
        own[own_id] = OwnItem(
            id=own_id,
            node=rng.choice(nodes),
            text=f"My resource {n} [video]",
            url=f"https://example.net/{n}",
            updated=_at(start, rng),
        )
    days = [
        (start + timedelta(n), roadmap.id, ids[: max(1, len(ids) * n // (365 * years))][-20:])
        for n in range(365 * years)
    ]
    return Progress(
        settings=Settings(active_roadmap=roadmap.id, updated=_at(start, rng)),
        roadmaps={
            roadmap.id: RoadmapProgress(
                enrolment=enrolment, items=records, notes=notes, own_items=own
            )
        },
        checkins=_checkins(rng, days, (0.5, 3.0)),
    )


def heavy_progress(
    roadmaps: list[Roadmap],
    active: str,
    *,
    years: int = 3,
    states: int = 1500,
    today: date = TODAY,
    seed: int = SEED,
) -> Progress:
    """A heavy real user: worked through the other roadmaps, now weeks into ``active``.

    Daily check-ins for ``years`` (each on the roadmap of its time), ``states`` item
    states, notes and own items; the active roadmap started five weeks ago.
    """
    from syllabus.model.progress import (
        Enrolment,
        ItemRecord,
        ItemState,
        Note,
        OwnItem,
        Progress,
        RoadmapProgress,
        Settings,
    )

    rng = random.Random(seed)
    first = today - timedelta(days=365 * years)
    active_start = today - timedelta(weeks=5)
    ordered = [r for r in roadmaps if r.id != active] + [r for r in roadmaps if r.id == active]
    earlier = ordered[:-1]
    span = (active_start - first) / max(1, len(earlier))
    starts = {r.id: first + span * n for n, r in enumerate(earlier)}
    starts[active] = active_start
    active_ids = _checkable(next(r for r in ordered if r.id == active))
    budget = states - len(active_ids) // 4
    progress_by_id: dict[str, Any] = {}
    days: list[tuple[date, str, list[str]]] = []
    for n, roadmap in enumerate(ordered):
        ids = _checkable(roadmap)
        begin = starts[roadmap.id]
        end = starts[ordered[n + 1].id] if n + 1 < len(ordered) else today
        is_active = roadmap.id == active
        if is_active:
            take = ids[: len(ids) // 4]
        else:
            take = ids[: max(0, budget)]
            budget -= len(take)
        records = {}
        for k, item_id in enumerate(take):
            state = ItemState.SKIPPED if k % 17 == 5 else ItemState.DONE
            when = _at(begin + (end - begin) * k / max(1, len(take)), rng)
            records[item_id] = ItemRecord(state=state, updated=when)
        nodes = [node.id for node in roadmap.walk()]
        notes = {
            target: Note(text=f"{rng.choice(_NOTES) or 'Note'} #{k}", updated=_at(begin, rng))
            for k, target in enumerate(rng.sample(nodes + ids, k=min(12, len(nodes + ids))))
        }
        own = {
            f"user/my-link-{k}": OwnItem(
                id=f"user/my-link-{k}",
                node=rng.choice(nodes),
                text=f"My link {k} [pdf]",
                url=f"https://example.net/{roadmap.id}/{k}",
                updated=_at(begin, rng),
            )
            for k in range(3)
        }
        pace = roadmap.pace.hours_per_week
        enrolment = Enrolment(
            start=begin,
            hours_per_week=pace.pick("mid") if pace else 10.0,
            finished=None if is_active else end,
            updated=_at(begin, rng),
        )
        progress_by_id[roadmap.id] = RoadmapProgress(
            enrolment=enrolment, items=records, notes=notes, own_items=own
        )
        for k in range((end - begin).days):
            day = begin + timedelta(k)
            if first <= day < today:
                days.append((day, roadmap.id, take[max(0, k // 2 - 2) : k // 2 + 1]))
    leftover = states - sum(len(rp.items) for rp in progress_by_id.values())
    if leftover > 0:  # a course the user imported, finished and deleted: its states stay
        progress_by_id["old-course"] = RoadmapProgress(
            items={
                f"week-{k // 10:02d}/task-{k % 10}": ItemRecord(
                    state=ItemState.DONE, updated=_at(first, rng)
                )
                for k in range(leftover)
            }
        )
    return Progress(
        settings=Settings(active_roadmap=active, updated=_at(active_start, rng)),
        roadmaps=progress_by_id,
        checkins=_checkins(rng, days, (0.5, 3.5)),
    )


# --- prepared data dirs ---------------------------------------------------------------


@dataclass
class Inputs:
    """Where the generated inputs are, and what could not be made (module not built yet)."""

    root: Path
    markdown: Path
    heavy: Path | None = None
    """Data dir: heavy user, active ``ml-engineer-16-weeks``."""
    heavy_largest: Path | None = None
    """Data dir: heavy user, active the largest bundled roadmap (key latency there)."""
    extreme: Path | None = None
    """Data dir: the 10,000-item roadmap imported, 5 years, 10,000 states, active."""
    largest: str | None = None
    """Id of the largest bundled roadmap (most items)."""
    missing: dict[str, str] = field(default_factory=dict)
    """Input name -> why it could not be made."""


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(
        [Path(__file__), *(REPO / "src").rglob("*.py"), *(REPO / "roadmaps").glob("*.toml")]
    ):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    """The per-user cache of generated inputs (never committed)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "syllabus-bench"


def _save(progress: Progress, data_dir: Path) -> None:
    from syllabus.storage.progress_file import ProgressFile

    data_dir.mkdir(parents=True, exist_ok=True)
    ProgressFile(data_dir).save(progress)
    # The generation is one giant undo step: not what a learner's machine holds.
    shutil.rmtree(data_dir / "local", ignore_errors=True)


def _bundled(data_dir: Path) -> list[Roadmap]:
    from syllabus import catalog

    return [
        catalog.load_roadmap(entry.id, data_dir)
        for entry in catalog.entries(data_dir)
        if entry.bundled
    ]


def _largest(data_dir: Path) -> str:
    from syllabus import catalog

    bundled = [entry for entry in catalog.entries(data_dir) if entry.bundled]
    return max(bundled, key=lambda e: (e.items_total, e.id)).id


def _why(error: BaseException) -> str:
    if isinstance(error, ImportError):
        named = re.search(r"cannot import name '(\w+)' from '([\w.]+)'", str(error))
        return f"{named[2]}.{named[1]} not built" if named else f"{error.name} not built"
    last = traceback.extract_tb(error.__traceback__)[-1]
    return f"{type(error).__name__}: {error} ({Path(last.filename).name}:{last.lineno})"


def prepare(force: bool = False, root: Path | None = None) -> Inputs:
    """Make (or reuse) every input; each one that cannot be made yet is listed in ``missing``."""
    if root is None:
        root = cache_root() / _fingerprint()
        stale = time.time() - 2 * 3600
        for old in root.parent.glob("*"):  # inputs of older code versions, not in use
            if old != root and old.is_dir() and old.stat().st_mtime < stale:
                shutil.rmtree(old, ignore_errors=True)
    stamp = root / "complete"
    if force and root.exists():
        shutil.rmtree(root)
    inputs = Inputs(root=root, markdown=root / "scale-10k.md")
    if stamp.exists():
        os.utime(root)
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        for name in ("heavy", "heavy_largest", "extreme"):
            setattr(inputs, name, Path(manifest[name]) if manifest[name] else None)
        inputs.largest = manifest["largest"]
        inputs.missing = manifest["missing"]
        return inputs
    root.mkdir(parents=True, exist_ok=True)
    inputs.markdown.write_text(roadmap_markdown(), encoding="utf-8")
    empty = Path(tempfile.mkdtemp(prefix="bench-empty-"))
    try:
        inputs.largest = _largest(empty)
    except BaseException as error:
        inputs.missing["catalog"] = _why(error)
    try:
        bundled = _bundled(empty)
        ids = {r.id for r in bundled}
        active = HEAVY_ACTIVE if HEAVY_ACTIVE in ids else sorted(ids)[0]
        _save(heavy_progress(bundled, active), root / "heavy")
        inputs.heavy = root / "heavy"
        if inputs.largest and inputs.largest != active:
            _save(heavy_progress(bundled, inputs.largest), root / "heavy_largest")
            inputs.heavy_largest = root / "heavy_largest"
        else:
            inputs.heavy_largest = inputs.heavy
    except BaseException as error:
        inputs.missing["heavy"] = _why(error)
    try:
        from syllabus import catalog
        from syllabus.importer import import_file

        extreme = root / "extreme"
        imported = replace(import_file(inputs.markdown), **{"id": SCALE_ID})
        catalog.save_user_roadmap(imported, extreme)
        roadmap = catalog.load_roadmap(SCALE_ID, extreme)
        _save(history(roadmap, years=5, states=10_000), extreme)
        inputs.extreme = extreme
    except BaseException as error:
        inputs.missing["extreme"] = _why(error)
    shutil.rmtree(empty, ignore_errors=True)
    manifest = {
        name: str(getattr(inputs, name)) if getattr(inputs, name) else None
        for name in ("heavy", "heavy_largest", "extreme")
    }
    manifest.update(largest=inputs.largest, missing=inputs.missing)
    (root / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    stamp.write_text("ok\n", encoding="utf-8")
    return inputs


def snapshot(inputs: Inputs, parent: Path) -> Inputs:
    """A private copy of every input, so a run never sees them change or vanish."""
    root = parent / "inputs"
    shutil.copytree(inputs.root, root)

    def moved(path: Path | None) -> Path | None:
        return root / path.relative_to(inputs.root) if path else None

    return Inputs(
        root=root,
        markdown=root / inputs.markdown.name,
        heavy=moved(inputs.heavy),
        heavy_largest=moved(inputs.heavy_largest),
        extreme=moved(inputs.extreme),
        largest=inputs.largest,
        missing=dict(inputs.missing),
    )


def copy_data_dir(source: Path, parent: Path) -> Path:
    """A private copy of a data dir, for figures that write to it."""
    target = Path(tempfile.mkdtemp(prefix=f"{source.name}-", dir=parent))
    shutil.copytree(source, target, dirs_exist_ok=True)
    return target


if __name__ == "__main__":
    made = prepare(force="--force" in sys.argv)
    print(f"inputs in {made.root}")
    for name in ("markdown", "heavy", "heavy_largest", "extreme", "largest"):
        print(f"  {name}: {getattr(made, name)}")
    for name, why in made.missing.items():
        print(f"  missing {name}: {why}")
