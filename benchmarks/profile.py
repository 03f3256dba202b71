"""Profiles behind the figures, for whoever fixes a miss (needs pyinstrument in the venv).

    .venv/bin/python benchmarks/profile.py keys bundled move     # key presses, event loop
    .venv/bin/python benchmarks/profile.py keys 10k toggle
    .venv/bin/python benchmarks/profile.py startup               # timeline to content
    .venv/bin/python benchmarks/profile.py cli status            # -X importtime + pyinstrument
    .venv/bin/python benchmarks/profile.py probe progress_load   # one in-process figure

Output goes to stdout; the inputs are the same generated data dirs run.py uses.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import generate, keys  # noqa: E402
from benchmarks.pty_session import PtyApp, terminal_env  # noqa: E402

PYTHON = sys.executable
TODAY = generate.TODAY.isoformat()

_TIMELINE = r"""
import os, sys, threading, time
T0 = float(os.environ["BENCH_T0"])
LOG = []
def mark(what):
    LOG.append((time.time() - T0, what, threading.current_thread().name))
mark("interpreter up")
from textual.app import App
mark("textual imported")
display = App._display
def timed_display(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is not None:
        mark("frame " + type(screen).__name__)
App._display = timed_display
import syllabus.tui.app as shell
mark("syllabus.tui.app imported")
import inspect
def wrap(owner, name):
    original = getattr(owner, name, None)
    if original is None:
        mark("(no " + name + " to time)")
        return
    if inspect.iscoroutinefunction(original):
        async def timed(*args, **kwargs):
            mark(name + " start")
            try:
                return await original(*args, **kwargs)
            finally:
                mark(name + " end")
    else:
        def timed(*args, **kwargs):
            mark(name + " start")
            try:
                return original(*args, **kwargs)
            finally:
                mark(name + " end")
    setattr(owner, name, timed)
from syllabus.storage import progress_file
wrap(progress_file.ProgressFile, "load")
from syllabus.tui import opening, session, store
wrap(store.ProgressStore, "_open_roadmap")
wrap(store.ProgressStore, "_open")
wrap(store.ProgressStore, "_file_read")
wrap(store.ProgressStore, "_unseen")
wrap(store, "read_view")
wrap(store.ProgressStore, "_opened")
wrap(opening, "open_session")
wrap(session.Session, "schedule")
wrap(session.Session, "calendar_marks")
from syllabus.tui.screens import main
for name in ("_compose_panes", "watch_session", "_show_node", "_status_ready", "_work_out_agenda"):
    wrap(main.MainScreen, name)
from syllabus.tui.widgets import phase_tree
wrap(phase_tree.PhaseTree, "load")
if os.environ.get("BENCH_REFRESH"):  # which widgets ask for frames
    from textual.widget import Widget
    refresh = Widget.refresh
    def logged(self, *args, **kwargs):
        mark("refresh " + type(self).__name__ + (" layout" if kwargs.get("layout") else ""))
        return refresh(self, *args, **kwargs)
    Widget.refresh = logged
import syllabus.catalog as catalog
wrap(catalog, "load_roadmap")
import signal
def dump(*_):
    with open(os.environ["BENCH_TIMELINE"], "w") as out:
        for at, what, thread in LOG:
            out.write(f"{at * 1000:8.1f} ms  {what}  [{thread}]\n")
signal.signal(signal.SIGUSR1, dump)
from pathlib import Path
shell.run(Path(os.environ["SYLLABUS_DATA_DIR"]))
"""


_CLI_PROFILE = r"""
import os, sys
from pyinstrument import Profiler
profiler = Profiler(interval=0.001)
profiler.start()
def leave(code=0):  # the CLI ends with os._exit, which would lose the report
    raise SystemExit(code)
os._exit = leave
try:
    from syllabus.cli import main
    main(sys.argv[1:])
except SystemExit:
    pass
finally:
    profiler.stop()
    sys.stdout = sys.__stderr__
    print(profiler.output_text(unicode=True))
"""


def _data(name: str) -> Path:
    inputs = generate.prepare()
    source = getattr(inputs, name)
    if source is None:
        sys.exit(f"input {name} not available: {inputs.missing}")
    return generate.copy_data_dir(Path(source), Path(tempfile.mkdtemp(prefix="profile-")))


def profile_keys(which: str, plan: str) -> None:
    data = _data("extreme" if which == "10k" else "heavy_largest")
    out = Path(tempfile.mkdtemp(prefix="profile-")) / "keys.txt"
    env = terminal_env(
        {"SYLLABUS_TODAY": TODAY, "SYLLABUS_DATA_DIR": str(data), "BENCH_PROFILE": str(out)}
    )
    focus, key = ("tree", "move") if plan == "move" else ("checklist", "x")
    result = keys.session(["syllabus", str(data)], env, focus, 60, out.parent, key)
    ordered = sorted(result.latencies)
    median, worst = ordered[len(ordered) // 2] * 1000, ordered[-1] * 1000
    print(f"{len(ordered)} presses (profiled: slower than run.py): median {median:.1f} ms, "
          f"max {worst:.1f} ms")  # fmt: skip
    print(out.read_text(encoding="utf-8"))


def profile_startup() -> None:
    data = _data("heavy")
    from benchmarks.run import current_title

    marker = current_title(data, generate.TODAY)
    script = Path(tempfile.mkdtemp(prefix="profile-")) / "timeline.py"
    script.write_text(_TIMELINE, encoding="utf-8")
    timeline = script.with_suffix(".txt")
    env = terminal_env(
        {
            "SYLLABUS_TODAY": TODAY,
            "SYLLABUS_DATA_DIR": str(data),
            "BENCH_T0": repr(time.time()),
            "BENCH_TIMELINE": str(timeline),
        }
    )
    with PtyApp([PYTHON, str(script)], env) as app:
        first = app.wait_for("Quit")
        content = app.wait_for(marker)
        app.drain(0.3)
        assert app.process is not None
        os.kill(app.process.pid, signal.SIGUSR1)
        app.drain(0.3)
    print(f"seen by the terminal: footer {first * 1000:.0f} ms, {marker!r} {content * 1000:.0f} ms")
    print(timeline.read_text(encoding="utf-8"))


def profile_cli(command: str) -> None:
    data = _data("heavy")
    env = {**os.environ, "SYLLABUS_DATA_DIR": str(data), "SYLLABUS_TODAY": TODAY}
    argv = [command] if command != "checkin" else ["checkin", "--hours", "1"]
    found = subprocess.run(
        [PYTHON, "-X", "importtime", "-m", "syllabus", *argv],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = [
        line
        for line in found.stderr.splitlines()
        if line.startswith("import time:") and line.split("|")[1].strip().isdigit()
    ]
    rows.sort(key=lambda line: int(line.split("|")[1]))
    print("-X importtime, largest cumulative (us):")
    print("\n".join(rows[-15:]))
    subprocess.run([PYTHON, "-c", _CLI_PROFILE, *argv], env=env, check=False)


def profile_probe(figure: str) -> None:
    from pyinstrument import Profiler

    from benchmarks import probe

    probe.load_modules()
    inputs = generate.prepare()
    heavy = _data("heavy")
    args = {
        "load_roadmap": [inputs.largest or "", str(heavy)],
        "progress_load": [str(_data("extreme"))],
        "progress_save": [str(_data("extreme"))],
        "schedule": ["file", generate.SCALE_ID, str(_data("extreme")), TODAY],
    }[figure]
    profiler = Profiler(interval=0.0005)
    profiler.start()
    seconds = probe.FIGURES[figure](*args)
    profiler.stop()
    print(f"{figure}: {seconds * 1000:.1f} ms")
    print(profiler.output_text(unicode=True))


if __name__ == "__main__":
    what, *rest = sys.argv[1:] or ["help"]
    if what == "keys":
        profile_keys(*rest)
    elif what == "startup":
        profile_startup()
    elif what == "cli":
        profile_cli(*rest)
    elif what == "probe":
        profile_probe(*rest)
    else:
        print(__doc__)
