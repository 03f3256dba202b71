"""Every speed and memory figure of syllabus against its target, in one table.

    .venv/bin/python benchmarks/run.py            # the full run (a few minutes)
    .venv/bin/python benchmarks/run.py --quick    # a smoke run: fewer rounds
    .venv/bin/python benchmarks/run.py --only startup,cli --strict

These machines are shared and noisy, so every time that has a reference (a minimal
Textual app, a bare Tree app, ``python -c "import tomllib; ..."``) is measured side by
side with it in the same run, alternating, and reported as a ratio: the median of
the per-round ratios for start-up, p95 against p95 for key latency. Figures with an
absolute target (ms, MB) show their ratio to the target. A figure whose module has
not landed yet prints "n/a (not built)"; ``--strict`` exits 1 on any miss or error.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import generate, keys  # noqa: E402
from benchmarks.growth import Point  # noqa: E402
from benchmarks.pty_session import COLUMNS, LINES, PtyApp, terminal_env  # noqa: E402

HERE = REPO / "benchmarks"
SEEDS = REPO.parent / "shared" / "seeds"
PYTHON = sys.executable
FOOTER_MARKER = "Quit"
"""Text of the Footer (the `q Quit` binding) in both the app and the reference: the first frame."""
INTERACTIVE_KEY = "c"
"""The main screen's own headline key (Check in), typed as soon as the first frame shows."""
INTERACTIVE_MARKER = "Done today"
"""Text of the check-in dialog that key opens: the key was answered."""
REFERENCE_IMPORT = "import tomllib; from pydantic import BaseModel"
NOT_BUILT = "n/a (not built)"


class NotBuilt(Exception):
    """A module this figure measures has not landed yet."""


@dataclass
class Row:
    """One line of the table."""

    figure: str
    median: str = ""
    p95: str = ""
    target: str = ""
    ratio: str = ""
    result: str = ""
    """pass, MISS, ref (a reference, no target), n/a, error."""
    note: str = ""


@dataclass
class Settings:
    """How hard to measure."""

    startup_rounds: int
    cli_rounds: int
    probe_rounds: int
    presses: int
    key_rounds: int
    rss_rounds: int
    single_presses: int


FULL = Settings(
    startup_rounds=30,
    cli_rounds=30,
    probe_rounds=15,
    presses=120,
    key_rounds=3,
    rss_rounds=3,
    single_presses=30,
)
QUICK = Settings(
    startup_rounds=5,
    cli_rounds=5,
    probe_rounds=3,
    presses=30,
    key_rounds=1,
    rss_rounds=1,
    single_presses=10,
)


# --- numbers and cells ----------------------------------------------------------------


def p95(values: Sequence[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1))]


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def verdict(ok: bool) -> str:
    return "pass" if ok else "MISS"


def absolute_row(figure: str, samples: Sequence[float], limit_ms: float, note: str = "") -> Row:
    """A time against an absolute target: median must be within it."""
    median = statistics.median(samples)
    ratio = median * 1000 / limit_ms
    cpu = CPU_SECONDS.get(id(samples))
    if cpu:
        note = f"{note + '; ' if note else ''}CPU {ms(statistics.median(cpu))}"
    return Row(
        figure,
        ms(median),
        ms(p95(samples)),
        f"≤ {limit_ms:g} ms",
        f"{ratio:.2f}× target",
        verdict(ratio <= 1),
        f"n={len(samples)}; {note}" if note else f"n={len(samples)}",
    )


def latency_row(figure: str, samples: Sequence[float], limit_ms: float, note: str) -> Row:
    """A key latency: p95 must be within the target."""
    value = p95(samples)
    ratio = value * 1000 / limit_ms
    return Row(
        figure,
        ms(statistics.median(samples)),
        ms(value),
        f"p95 ≤ {limit_ms:g} ms",
        f"{ratio:.2f}× target",
        verdict(ratio <= 1),
        note,
    )


def relative_row(
    figure: str, samples: Sequence[float], reference: Sequence[float], limit: float, note: str = ""
) -> Row:
    """A time against its reference measured in the same rounds: median of per-round ratios."""
    ratios = [a / b for a, b in zip(samples, reference, strict=True)]
    ratio = statistics.median(ratios)
    return Row(
        figure,
        ms(statistics.median(samples)),
        ms(p95(samples)),
        f"≤ {limit:.2f}× ref",
        f"{ratio:.2f}×",
        verdict(ratio <= limit),
        note or f"{len(samples)} alternated rounds",
    )


def reference_row(figure: str, samples: Sequence[float], note: str = "") -> Row:
    return Row(
        figure,
        ms(statistics.median(samples)),
        ms(p95(samples)),
        "—",
        "1.00×",
        "ref",
        note or f"n={len(samples)}",
    )


def missing_row(figure: str, why: str) -> Row:
    return Row(figure, NOT_BUILT, "", "", "", "n/a", why)


# --- what exists ----------------------------------------------------------------------


def need_modules(*names: str) -> None:
    """Raise NotBuilt unless every module is present in the source tree."""
    for name in names:
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            found = None
        if found is None:
            raise NotBuilt(f"{name} not built")


def syllabus_argv() -> list[str]:
    script = Path(PYTHON).parent / "syllabus"
    return [str(script)] if script.exists() else [PYTHON, "-m", "syllabus"]


@dataclass
class Context:
    """Shared by every figure of one run."""

    settings: Settings
    inputs: generate.Inputs
    scratch: Path
    today: date = generate.TODAY

    def data_dir(self, name: str) -> Path:
        """A generated data dir, or NotBuilt with the reason it could not be made."""
        found = getattr(self.inputs, name)
        if found is None:
            why = self.inputs.missing.get(name) or self.inputs.missing.get("heavy", "")
            raise NotBuilt(f"{name} input: {why}")
        return Path(found)

    def copy(self, name: str) -> Path:
        """A private copy of a data dir, for figures that write."""
        return generate.copy_data_dir(self.data_dir(name), self.scratch)

    def env(self, data_dir: Path | None = None) -> dict[str, str]:
        extra = {"SYLLABUS_TODAY": self.today.isoformat()}
        if data_dir is not None:
            extra["SYLLABUS_DATA_DIR"] = str(data_dir)
        return terminal_env(extra)

    def largest(self) -> str:
        if not self.inputs.largest:
            raise NotBuilt(f"catalog: {self.inputs.missing.get('catalog', 'no bundled roadmaps')}")
        return self.inputs.largest


def current_title(data_dir: Path, today: date) -> str:
    """The title of today's node for the active roadmap: the content marker."""
    from syllabus import catalog
    from syllabus.storage.progress_file import ProgressFile

    progress = ProgressFile(data_dir).load().progress
    roadmap_id = progress.settings.active_roadmap
    assert roadmap_id
    roadmap = catalog.load_roadmap(roadmap_id, data_dir)
    nodes = roadmap.node_index()
    current = None
    try:
        from syllabus.model.schedule import build_plan, compute_status

        rp = progress.roadmap(roadmap_id)
        assert rp.enrolment is not None
        plan = build_plan(roadmap, rp.enrolment, rp)
        current = compute_status(roadmap, progress, roadmap_id, today, plan).current
    except ImportError:
        pass
    title = nodes[current].title if current in nodes else roadmap.nodes[0].title
    return title[:24].strip()


# --- start-up -------------------------------------------------------------------------


def fig_startup(ctx: Context) -> list[Row]:
    """First frame and content on screen vs a minimal Textual app, alternated in a pty.

    There is one kind of start: no saved screen and no per-machine cache, so every
    start reads, parses and validates the progress file and the roadmap (as the first
    start after a sync or a CLI change always did) while the main screen shows loading.
    """
    need_modules("syllabus.tui.app", "syllabus.model.schedule", "syllabus.storage.progress_file")
    data = ctx.copy("heavy")
    marker = current_title(data, ctx.today)
    reference = [PYTHON, str(HERE / "minimal_app.py")]
    app = syllabus_argv()
    env_ref, env_app = ctx.env(), ctx.env(data)

    def run_ref() -> float:
        return time_markers(reference, [FOOTER_MARKER], env_ref)[0]

    def run_app() -> list[float]:
        return time_markers(app, [FOOTER_MARKER, marker], env_app)

    def run_interactive() -> float:
        return time_to_interactive(app, env_app)

    def run_drawn() -> float:
        return keys.drawn_session(["syllabus", str(data)], env_app, _work(ctx))

    for _ in range(2):  # warm the disk cache and byte-code for both
        run_ref()
        run_app()
        run_interactive()
        run_drawn()
    ref: list[float] = []
    runs: list[list[float]] = []
    interactive: list[float] = []
    drawn: list[float] = []
    for round_no in range(ctx.settings.startup_rounds):
        order = [
            lambda: ref.append(run_ref()),
            lambda: runs.append(run_app()),
            lambda: interactive.append(run_interactive()),
            lambda: drawn.append(run_drawn()),
        ]
        shift = round_no % len(order)
        for run in order[shift:] + order[:shift]:
            run()
    size = f"{COLUMNS}×{LINES} pty"
    return [
        relative_row(
            "start-up: interactive (`c` typed at the first frame → check-in dialog drawn) "
            "vs minimal app",
            interactive,
            ref,
            1.60,
            f"{marker!r} progress read and validated, roadmap opened, key answered",
        ),
        relative_row(
            "start-up: fully drawn (tree, checklist, details rendered, status line) vs minimal app",
            drawn,
            ref,
            2.00,
            "first frame showing today's node in every pane (reported by the app)",
        ),
        reference_row("start-up: minimal Textual app, first frame (reference)", ref, size),
        relative_row("start-up: first frame vs minimal app", [t[0] for t in runs], ref, 1.20),
        relative_row(
            "start-up: content on screen (ml-engineer-16-weeks, heavy progress) vs minimal app",
            [t[1] for t in runs],
            ref,
            1.60,
            f"marker {marker!r}; progress and roadmap read, parsed and validated",
        ),
    ]


def informative(row: Row) -> Row:
    """A row shown for insight, not graded: its verdict kept in brackets (never --strict)."""
    row.result = f"info ({'within' if row.result == 'pass' else 'over'})"
    return row


def time_to_interactive(argv: Sequence[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from spawn until the key typed at the first frame has drawn its answer.

    The key goes in the moment the footer (the first frame) is seen, as a learner who
    knows the app types it; the answer is the check-in dialog on screen.
    """
    with PtyApp(argv, env) as app:
        app.wait_for(FOOTER_MARKER, timeout)
        app.send(INTERACTIVE_KEY)
        since = len(app.text)
        return app.wait_for(INTERACTIVE_MARKER, timeout, since)


def time_markers(argv: Sequence[str], markers: Sequence[str], env: dict[str, str]) -> list[float]:
    """Seconds from spawn to each marker (in order), the program killed after."""
    times: list[float] = []
    with PtyApp(argv, env) as app:
        since = 0
        for marker in markers:
            times.append(app.wait_for(marker, 60.0, since))
            since = len(app.text)
    return times


# --- key latency ----------------------------------------------------------------------


def fig_keys(ctx: Context) -> list[Row]:
    """Move and toggle on the largest bundled roadmap; move vs a bare Tree app."""
    need_modules("syllabus.tui.app")
    largest = ctx.largest()
    toml = REPO / "roadmaps" / f"{largest}.toml"
    env = ctx.env()
    rounds = ctx.settings.key_rounds
    per = max(1, ctx.settings.presses // rounds)
    app_moves: list[float] = []
    app_moves_sessions: list[keys.KeyTimes] = []
    tree_moves: list[float] = []
    toggles: list[float] = []
    unanswered = 0
    for round_no in range(rounds):
        sessions: list[tuple[str, Callable[[], keys.KeyTimes]]] = [
            ("app", lambda: app_session(ctx, "heavy_largest", "tree", per)),
            ("tree", lambda: keys.session(["tree", str(toml)], env, "tree", per, _work(ctx))),
        ]
        if round_no % 2:
            sessions.reverse()
        for name, run in sessions:
            result = run()
            (app_moves if name == "app" else tree_moves).extend(result.latencies)
            if name == "app":
                app_moves_sessions.append(result)
            unanswered += result.unanswered
        result = app_session(ctx, "heavy_largest", "checklist", per, "x")
        toggles.extend(result.latencies)
        unanswered += result.unanswered
    single = app_session(ctx, "heavy_largest", "tree", ctx.settings.single_presses, gap=SINGLE_GAP)
    note = f"n={len(app_moves)}, {unanswered} unanswered" if unanswered else f"n={len(app_moves)}"
    tree_p95 = p95(tree_moves)
    ratio = p95(app_moves) / tree_p95
    return [
        latency_row(f"key → screen: move in tree, {largest}", app_moves, 50, note),
        latency_row(f"key → screen: toggle item, {largest}", toggles, 50, f"n={len(toggles)}"),
        latency_row(
            f"key → every pane: single tree moves, {largest} (checklist, details, status)",
            single.every,
            100,
            f"n={len(single.every)}, {single.late} not caught up before the next key "
            f"({SINGLE_GAP:g} s apart); bursts 50 ms apart: {bursts_late(app_moves_sessions)}",
        ),
        Row(
            "key → screen: bare Textual Tree app, same move (reference)",
            ms(statistics.median(tree_moves)),
            ms(tree_p95),
            "—",
            "1.00×",
            "ref",
            f"n={len(tree_moves)}",
        ),
        Row(
            "key → screen: move vs bare Tree app (p95 / p95)",
            ms(statistics.median(app_moves)),
            ms(p95(app_moves)),
            "≤ 1.50× ref",
            f"{ratio:.2f}×",
            verdict(ratio <= 1.5),
            f"{rounds} alternated rounds",
        ),
    ]


SINGLE_GAP = 0.4
"""Seconds between single presses: a learner stepping through the tree and reading."""


def bursts_late(sessions: Sequence[keys.KeyTimes]) -> str:
    """How the panes kept up with keys 50 ms apart (coalesced: caught up after the burst)."""
    every = [t for s in sessions for t in s.every]
    late = sum(s.late for s in sessions)
    if not every:
        return "none"
    return f"median {ms(statistics.median(every))}, {late}/{len(every)} superseded"


def fig_keys_10k(ctx: Context) -> list[Row]:
    """Move and toggle on the 10,000-item roadmap with the extreme history."""
    need_modules("syllabus.tui.app")
    moves = app_session(ctx, "extreme", "tree", ctx.settings.presses)
    toggles = app_session(ctx, "extreme", "checklist", ctx.settings.presses, "x")
    single = app_session(ctx, "extreme", "tree", ctx.settings.single_presses, gap=SINGLE_GAP)

    def note(result: keys.KeyTimes) -> str:
        extra = f", {result.unanswered} unanswered" if result.unanswered else ""
        return f"n={len(result.latencies)}{extra}"

    return [
        latency_row("key → screen: move in tree, 10,000 items", moves.latencies, 100, note(moves)),
        latency_row(
            "key → screen: toggle item, 10,000 items", toggles.latencies, 100, note(toggles)
        ),
        latency_row(
            "key → every pane: single tree moves, 10,000 items (checklist, details, status)",
            single.every,
            150,
            f"n={len(single.every)}, {single.late} not caught up before the next key",
        ),
    ]


def app_session(
    ctx: Context,
    data: str,
    focus: str,
    presses: int,
    plan: str = "move",
    gap: float = keys.MIN_GAP,
) -> keys.KeyTimes:
    """One key session of the real app on a fresh copy of a data dir.

    Fresh, because the app keeps per-machine state (last position, last screen): a
    session must start on today's node, not where the one before it left off.
    """
    copy = ctx.copy(data)
    try:
        return keys.session(
            ["syllabus", str(copy)], ctx.env(copy), focus, presses, _work(ctx), plan, gap=gap
        )
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def _work(ctx: Context) -> Path:
    return Path(tempfile.mkdtemp(prefix="keys-", dir=ctx.scratch))


# --- peak memory ----------------------------------------------------------------------


def fig_rss(ctx: Context) -> list[Row]:
    """Peak RSS of the real app on the 10,000-item roadmap: used, then quit with `q`.

    The peak is the kernel's ``ru_maxrss`` of the whole run, quitting included (the app
    flushes and saves its next screens on the way out); ``VmHWM`` before `q` is noted.
    """
    need_modules("syllabus.tui.app", "syllabus.model.schedule")
    peaks: list[float] = []
    running: list[float] = []
    for _ in range(ctx.settings.rss_rounds):
        data = ctx.copy("extreme")
        marker = current_title(data, ctx.today)
        with PtyApp(syllabus_argv(), ctx.env(data)) as app:
            app.wait_for(marker, 90.0)
            for key in ["down"] * 10 + ["x", "x"] + ["up"] * 10:
                app.send(keys.KEYS[key])
                app.drain(0.06)
            app.drain(1.0)
            before_quit = app.peak_rss_kib()
            assert app.process is not None
            app.send("q")
            peak = _reap_peak_kib(app, 60.0)
        if peak is None or before_quit is None:
            raise RuntimeError("the app did not quit on `q`, or no VmHWM")
        running.append(before_quit / 1024)
        peaks.append(peak / 1024)
    worst = max(peaks)
    return [
        Row(
            "peak RSS of the app, 10,000 items (whole run, quit included)",
            f"{statistics.median(peaks):.0f} MB",
            f"{worst:.0f} MB (max)",
            "≤ 120 MB",
            f"{worst / 120:.2f}× target",
            verdict(worst <= 120),
            f"n={len(peaks)}; before quitting (VmHWM): {max(running):.0f} MB max",
        )
    ]


def _reap_peak_kib(app: PtyApp, timeout: float) -> int | None:
    """Wait for the program to exit by itself and return its ru_maxrss (KiB)."""
    assert app.process is not None
    pid = app.process.pid
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        app.pump(0.05)
        done, _status, usage = os.wait4(pid, os.WNOHANG)
        if done == pid:
            app.process.returncode = 0
            return int(usage.ru_maxrss)
    return None


# --- in-process figures (fresh process per sample) -------------------------------------


CPU_SECONDS: dict[int, list[float]] = {}
"""CPU time of the probes behind each list of wall times (by the list's id), for the note."""


def probe(*args: str, cpu: list[float] | None = None) -> float:
    """One sample from probe.py: wall seconds (its CPU seconds appended to ``cpu``)."""
    done = subprocess.run(
        [PYTHON, str(HERE / "probe.py"), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "SYLLABUS_TODAY": generate.TODAY.isoformat()},
        check=False,
    )
    if done.returncode:
        tail = done.stderr.strip().splitlines()[-1:] or ["(no output)"]
        raise RuntimeError(f"probe {args[0]}: {tail[0]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if cpu is not None and found.get("cpu") is not None:
        cpu.append(float(found["cpu"]))
    return float(found["seconds"])


def sample(ctx: Context, make_args: Callable[[], tuple[str, ...]]) -> list[float]:
    cpu: list[float] = []
    walls = [probe(*make_args(), cpu=cpu) for _ in range(ctx.settings.probe_rounds)]
    CPU_SECONDS[id(walls)] = cpu
    return walls


def fig_seeds(ctx: Context) -> list[Row]:
    """Import all five seeds with their hints, and a generated 5 MB plan; modules loaded."""
    figure = "import all five seeds (modules loaded)"
    need_modules("syllabus.importer.bundle", "syllabus.catalog")
    if SEEDS.is_dir():
        samples = sample(ctx, lambda: ("seeds", str(SEEDS)))
        rows = [absolute_row(figure, samples, 300)]
    else:
        rows = [Row(figure, "skipped", result="n/a", note=f"no seeds at {SEEDS}")]
    # ~78,000 "- [ ] Task …: … [2 hrs]" items under "## Week N", a link in every 7th.
    from benchmarks import markdown_inputs

    figure = "import a 5 MB list-heavy plan (modules loaded)"
    big = ctx.scratch / "list-heavy-5mb.md"
    big.write_text(markdown_inputs.list_heavy(5 * markdown_inputs.MB), encoding="utf-8")
    walls: list[float] = []
    CPU_SECONDS[id(walls)] = cpu = []
    found: dict[str, float] = {}
    for _ in range(max(3, ctx.settings.probe_rounds // 3)):
        argv = [PYTHON, str(HERE / "markdown_inputs.py"), "--probe", str(big)]
        done = subprocess.run(argv, capture_output=True, text=True, cwd=REPO, check=False)
        if done.returncode:
            tail = (done.stderr.strip().splitlines() or ["?"])[-1]
            return [*rows, Row(figure, "error", result="error", note=tail[:80])]
        found = json.loads(done.stdout.strip().splitlines()[-1])
        walls.append(found["seconds"])
        cpu.append(found["cpu"])
    per_item = statistics.median(walls) * 1000 / found["items"]
    note = f"{found['items']:,.0f} items, {per_item:.3f} ms/item; peak RSS {found['rss_mb']:.0f} MB"
    return [*rows, absolute_row(figure, walls, 5000, note)]


def fig_load(ctx: Context) -> list[Row]:
    """Load the largest bundled roadmap through the catalog."""
    need_modules("syllabus.catalog")
    largest = ctx.largest()
    empty = Path(tempfile.mkdtemp(prefix="empty-", dir=ctx.scratch))
    loads = sample(ctx, lambda: ("load_roadmap", largest, str(empty)))
    return [
        absolute_row(
            f"load the largest bundled roadmap ({largest})",
            loads,
            50,
            "read, parsed and validated (there is no cache)",
        ),
    ]


def fig_progress(ctx: Context) -> list[Row]:
    """Progress file load and save (one toggle, fsync), heavy and extreme."""
    need_modules("syllabus.storage.progress_file")
    rows = []
    for name, label, limit in (("heavy", "heavy user", 50), ("extreme", "extreme", 150)):
        try:
            source = ctx.data_dir(name)
        except NotBuilt as error:
            rows += [missing_row(f"progress {k}, {label}", str(error)) for k in ("load", "save")]
            continue
        size = (source / "progress.toml").stat().st_size / 1024
        work = ctx.copy(name)
        loads = sample(ctx, lambda work=work: ("progress_load", str(work)))
        shutil.rmtree(work, ignore_errors=True)
        saves: list[float] = []
        CPU_SECONDS[id(saves)] = cpu = []
        for _ in range(ctx.settings.probe_rounds):
            copy = ctx.copy(name)
            saves.append(probe("progress_save", str(copy), cpu=cpu))
            shutil.rmtree(copy, ignore_errors=True)
        note = f"{size:.0f} KB file"
        rows.append(absolute_row(f"progress load, {label}", loads, limit, f"{note}; validated"))
        rows.append(absolute_row(f"progress save, {label} (fsync)", saves, limit, note))
    return rows


def fig_schedule(ctx: Context) -> list[Row]:
    """Schedule and status: largest bundled with 3 years, 10,000 items with 5 years."""
    need_modules("syllabus.model.schedule", "syllabus.catalog", "syllabus.storage.progress_file")
    largest = ctx.largest()
    empty = Path(tempfile.mkdtemp(prefix="empty-", dir=ctx.scratch))
    day = ctx.today.isoformat()
    bundled = sample(ctx, lambda: ("schedule", "bundled", largest, str(empty), day))
    rows = [absolute_row(f"schedule + status, {largest}, 3 years", bundled, 15)]
    try:  # the weekly review (issue 15): w → figures and charts drawn, chart library imported
        week = sample(ctx, lambda: ("week_open", str(ctx.copy("heavy"))))
        rows.append(absolute_row("w → weekly review with charts, 3-year history", week, 300))
    except NotBuilt as error:
        rows.append(missing_row("w → weekly review with charts, 3-year history", str(error)))
    try:
        extreme = str(ctx.data_dir("extreme"))
    except NotBuilt as error:
        return [*rows, missing_row("schedule + status, 10,000 items, 5 years", str(error))]
    big = sample(ctx, lambda: ("schedule", "file", generate.SCALE_ID, extreme, day))
    return [*rows, absolute_row("schedule + status, 10,000 items, 5 years", big, 100)]


# --- growth ---------------------------------------------------------------------------

GROWTH_ROUNDS = {True: 1, False: 5}
"""Samples per size (quick, full): the 50k import alone is seconds a sample."""
IMPORT_MS_PER_ITEM = 0.2
LARGE_OPEN_SECONDS = 3.0
LARGE_OPEN_MB = 250
TEN_K_INTERACTIVE = 3.0


def fig_growth(ctx: Context) -> list[Row]:
    """Import, `status`, start-up (interactive) and save at 1k/10k/50k items, 1/3/10 years.

    Each figure's rows print the growth factor per 5× size against the size before
    (graded: at most linear); import is also graded per item, the 50k-item start-up
    against 3 s and 250 MB, the 10k-item one against the minimal app (≤ 3×).
    """
    need_modules("syllabus.importer", "syllabus.tui.app", "syllabus.cli.schedule")
    from benchmarks import growth

    points = growth.prepare()
    rounds = GROWTH_ROUNDS[ctx.settings is QUICK]
    day = ctx.today.isoformat()
    app = syllabus_argv()
    reference = [PYTHON, str(HERE / "minimal_app.py")]
    rows: list[Row] = []
    imports = [p for p in points if p.axis == "items"]
    per_size: dict[int, list[float]] = {}
    cpu: list[float] = []
    for point in imports:
        assert point.markdown is not None
        per_size[point.size] = [
            probe("import_file", str(point.markdown), cpu=cpu) for _ in range(rounds)
        ]
    rows += _growth_rows("import", imports, per_size, per_item=IMPORT_MS_PER_ITEM)
    for axis in ("items", "years"):
        line = [p for p in points if p.axis == axis]
        status = {p.size: [growth.status_seconds(app, p.data_dir, day) for _ in range(rounds)]
                  for p in line}  # fmt: skip
        rows += _growth_rows("`syllabus status`", line, status)
        saves: dict[int, list[float]] = {}
        for point in line:
            saves[point.size] = []
            for _ in range(rounds):
                work = growth.copy(point, ctx.scratch)
                saves[point.size].append(probe("progress_save", str(work)))
                growth.remove(work)
        rows += _growth_rows("save one toggle (fsync)", line, saves)
        opens: dict[int, list[float]] = {}
        refs: dict[int, list[float]] = {}
        peaks: dict[int, list[float]] = {}
        for point in line:
            opens[point.size], refs[point.size], peaks[point.size] = [], [], []
            work = growth.copy(point, ctx.scratch)
            env = ctx.env(work)
            for _ in range(rounds):
                refs[point.size].append(time_markers(reference, [FOOTER_MARKER], ctx.env())[0])
                seconds, peak = _interactive_with_peak(app, env)
                opens[point.size].append(seconds)
                peaks[point.size].append(peak)
            growth.remove(work)
        rows += _growth_rows("start-up, interactive", line, opens, refs=refs, peaks=peaks)
    return rows


def _interactive_with_peak(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Time to interactive and the app's peak RSS (MB, VmHWM) once it answered."""
    with PtyApp(argv, env) as app:
        app.wait_for(FOOTER_MARKER, 90.0)
        app.send(INTERACTIVE_KEY)
        seconds = app.wait_for(INTERACTIVE_MARKER, 90.0, len(app.text))
        peak = app.peak_rss_kib() or 0
    return seconds, peak / 1024


def _growth_rows(
    what: str,
    points: Sequence[Point],
    samples: dict[int, list[float]],
    *,
    per_item: float | None = None,
    refs: dict[int, list[float]] | None = None,
    peaks: dict[int, list[float]] | None = None,
) -> list[Row]:
    """One row per size: median, growth per 5× against the size before, and its verdict."""
    from benchmarks import growth

    sizes = [p.size for p in points]
    medians = [statistics.median(samples[size]) for size in sizes]
    factors = growth.per_5x(sizes, medians)
    rows = []
    for point, median, factor in zip(points, medians, factors, strict=True):
        values = samples[point.size]
        notes = [f"n={len(values)}"]
        ok = factor is None or factor <= growth.LINEAR_PER_5X
        target = f"≤ {growth.LINEAR_PER_5X:g}× per 5×"
        if per_item is not None:
            ms_item = median * 1000 / point.size
            notes.append(f"{ms_item:.3f} ms/item (≤ {per_item:g})")
            ok = ok and ms_item <= per_item
            target += f", ≤ {per_item:g} ms/item"
        if refs is not None and point.axis == "items" and point.size == 10_000:
            ratio = statistics.median(a / b for a, b in zip(values, refs[point.size], strict=True))
            notes.append(f"{ratio:.2f}× the minimal app (≤ {TEN_K_INTERACTIVE:g}×)")
            ok = ok and ratio <= TEN_K_INTERACTIVE
            target += f", ≤ {TEN_K_INTERACTIVE:g}× ref"
        if peaks is not None and point.axis == "items" and point.size == 50_000:
            peak = max(peaks[point.size])
            notes.append(f"peak RSS {peak:.0f} MB (≤ {LARGE_OPEN_MB})")
            ok = ok and median <= LARGE_OPEN_SECONDS and peak <= LARGE_OPEN_MB
            target += f", ≤ {LARGE_OPEN_SECONDS:g} s, ≤ {LARGE_OPEN_MB} MB"
        rows.append(
            Row(
                f"growth: {what}, {point.label}",
                ms(median),
                ms(p95(values)),
                target,
                "—" if factor is None else f"{factor:.2f}× per 5×",
                verdict(ok),
                "; ".join(notes),
            )
        )
    return rows


# --- command line ---------------------------------------------------------------------


CLI_COMMANDS = ("list", "status", "today", "next", "checkin")
"""The commands timed, in the table's order."""


def fig_cli(ctx: Context) -> list[Row]:
    """`syllabus list`, `status`, `today`, `next`, `checkin` on the heavy file vs python
    importing pydantic."""
    data = ctx.copy("heavy")
    env = {**os.environ, "SYLLABUS_DATA_DIR": str(data), "SYLLABUS_TODAY": ctx.today.isoformat()}
    app = syllabus_argv()
    commands: dict[str, list[str]] = {
        "reference": [PYTHON, "-c", REFERENCE_IMPORT],
        "list": [*app, "list"],
        "status": [*app, "status"],
        "today": [*app, "today"],
        "next": [*app, "next", "--minutes", "45"],
        "checkin": [*app, "checkin", "--hours", "1", "--note", "benchmark [x]"],
    }
    modules = {
        "list": "syllabus.cli.roadmaps",
        "status": "syllabus.cli.schedule",
        "today": "syllabus.cli.agenda",
        "next": "syllabus.cli.agenda",
        "checkin": "syllabus.cli.progress",
    }
    runnable = {
        name: argv
        for name, argv in commands.items()
        if name == "reference" or importlib.util.find_spec(modules[name]) is not None
    }
    broken: dict[str, str] = {}
    for name, argv in runnable.items():  # warm-up, and check each command works
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        if done.returncode:
            broken[name] = (done.stderr.strip().splitlines() or ["?"])[-1]
    times: dict[str, list[float]] = {name: [] for name in runnable}
    names = [name for name in runnable if name not in broken]
    for round_no in range(ctx.settings.cli_rounds):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            subprocess.run(
                runnable[name], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            times[name].append(time.perf_counter() - start)
    reference = times["reference"]
    rows = [reference_row(f'python -c "{REFERENCE_IMPORT}" (reference)', reference)]
    for name in CLI_COMMANDS:
        figure = f"`syllabus {name}` (heavy) vs python + pydantic"
        if name not in runnable:
            rows.append(missing_row(figure, f"{modules[name]} not built"))
        elif name in broken:
            rows.append(Row(figure, "error", result="error", note=broken[name][:80]))
        else:
            rows.append(relative_row(figure, times[name], reference, 1.5))
    return rows


# --- the run --------------------------------------------------------------------------

FIGURES: dict[str, Callable[[Context], list[Row]]] = {
    "startup": fig_startup,
    "keys": fig_keys,
    "keys-10k": fig_keys_10k,
    "seeds": fig_seeds,
    "load": fig_load,
    "progress": fig_progress,
    "schedule": fig_schedule,
    "cli": fig_cli,
    "rss": fig_rss,
    "growth": fig_growth,
}

PLANNED: dict[str, list[str]] = {
    "startup": [
        "start-up: first frame vs minimal app",
        "start-up: content on screen (ml-engineer-16-weeks, heavy progress) vs minimal app",
    ],
    "keys": [
        "key → screen: move in tree, largest bundled",
        "key → screen: toggle item, largest bundled",
        "key → screen: move vs bare Tree app (p95 / p95)",
    ],
    "keys-10k": [
        "key → screen: move in tree, 10,000 items",
        "key → screen: toggle item, 10,000 items",
    ],
    "seeds": [
        "import all five seeds (modules loaded)",
        "import a 5 MB list-heavy plan (modules loaded)",
    ],
    "load": ["load the largest bundled roadmap"],
    "progress": [
        "progress load, heavy user",
        "progress load, heavy user, validated",
        "progress save, heavy user (fsync)",
        "progress load, extreme",
        "progress load, extreme, validated",
        "progress save, extreme (fsync)",
    ],
    "schedule": [
        "schedule + status, largest bundled, 3 years",
        "schedule + status, 10,000 items, 5 years",
        "w → weekly review with charts, 3-year history",
    ],
    "cli": [f"`syllabus {name}` (heavy) vs python + pydantic" for name in CLI_COMMANDS],
    "rss": ["peak RSS of the app, 10,000 items (whole run, quit included)"],
    "growth": [
        f"growth: {what}, {size}"
        for what in ("import", "`syllabus status`", "save one toggle (fsync)", "start-up")
        for size in ("1k items", "10k items", "50k items", "1 year", "3 years", "10 years")
    ],
}
"""The figures of each group, named in the table while its module has not landed."""


def table(rows: Sequence[Row]) -> str:
    """A Markdown table, padded so it also reads in a terminal."""
    header = Row("figure", "median", "p95", "target", "ratio", "result", "note")
    cells = [list(asdict(row).values()) for row in [header, *rows]]
    widths = [max(len(str(cell[n])) for cell in cells) for n in range(len(cells[0]))]
    lines = []
    for k, cell in enumerate(cells):
        padded = (str(c).ljust(w) for c, w in zip(cell, widths, strict=True))
        lines.append("| " + " | ".join(padded) + " |")
        if k == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few rounds")
    parser.add_argument("--strict", action="store_true", help="exit 1 on any miss or error")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"run only these figures (comma-separated, repeatable): {', '.join(FIGURES)}",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the generated inputs")
    args = parser.parse_args(argv)
    wanted = [n.strip() for item in args.only or [] for n in item.split(",") if n.strip()]
    unknown = [name for name in wanted if name not in FIGURES]
    if unknown:
        parser.error(f"unknown figure {', '.join(unknown)}; choose from {', '.join(FIGURES)}")
    settings = QUICK if args.quick else FULL
    started = time.perf_counter()
    inputs = generate.prepare(force=args.regenerate)
    print(f"inputs: {inputs.root}", file=sys.stderr)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="syllabus-bench-") as scratch:
        ctx = Context(settings, generate.snapshot(inputs, Path(scratch)), Path(scratch))
        for name, figure in FIGURES.items():
            if wanted and name not in wanted:
                continue
            print(f"measuring {name} …", file=sys.stderr)
            try:
                rows += figure(ctx)
            except NotBuilt as error:
                rows += [missing_row(label, str(error)) for label in PLANNED[name]]
            except Exception as error:  # one broken figure must not hide the others
                traceback.print_exc(file=sys.stderr)
                message = " ".join(f"{type(error).__name__}: {error}".split())
                if len(message) > 200:
                    message = f"{message[:70]} … {message[-130:]}"
                rows.append(Row(name, "error", result="error", note=message))
    print(table(rows))
    misses = [row for row in rows if row.result in ("MISS", "error")]
    print(
        f"\n{len(rows)} rows, {sum(r.result == 'pass' for r in rows)} pass, {len(misses)} miss "
        f"or error, {sum(r.result == 'n/a' for r in rows)} n/a; "
        f"{'quick' if args.quick else 'full'} run in {time.perf_counter() - started:.0f} s "
        f"on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}.\n"
        "ratio: × the reference measured in the same run, alternating (start-up: median of "
        "per-round ratios; keys: p95 / p95); for absolute targets, × the target."
    )
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n")
    return 1 if args.strict and misses else 0


if __name__ == "__main__":
    sys.exit(main())
