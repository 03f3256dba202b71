"""Big Markdown documents of one shape each, for the importer's scale test and benchmark.

Every generator takes a target size in bytes and returns a deterministic document of
just under that size, so growth can be compared at
1, 2.5 and 5 MB, or at N and 2N items in a test:

- ``list_heavy``: ``## Week N`` headings over ``- [ ] Task … [2 hrs]`` items, the shape of
  a real plan written out at length (about 400 items a week).
- ``table_heavy``: resource tables with links and ``<br>`` cells.
- ``heading_heavy``: three heading levels with a short paragraph and two items each.
- ``nested_lists``: bullets nested eight deep, with labels and links.
- ``long_paragraphs``: prose paragraphs of many soft-broken lines, with bold labels.
- ``pathological``: nested emphasis, runs of brackets and stars, unclosed links.
- ``one_list``, ``one_paragraph``, ``one_line``: a single block (or line) as long as
  the document, where a step that is quadratic in a block's length would show.

Run ``python benchmarks/markdown_inputs.py [MB ...]`` to time and measure one import of
each shape; ``run.py``'s import figure times the 5 MB list-heavy one through ``--probe``.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

MB = 1024 * 1024
_WORDS = (
    "linear", "algebra", "probability", "gradient", "descent", "tokenizers", "attention",
    "pipelines", "features", "serving", "monitoring", "evaluation", "training", "retrieval",
    "prompting", "vectors", "tracking", "containers", "privacy", "notebooks", "review",
)  # fmt: skip


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(count))


def _fill(size: int, head: str, blocks: Iterator[str]) -> str:
    """Blocks joined until the document reaches ``size`` bytes (UTF-8)."""
    out = [head]
    total = len(head.encode())
    for block in blocks:
        total += len(block.encode()) + 1
        if total >= size:
            break
        out.append(block)
    return "\n".join(out) + "\n"


def _head(title: str) -> str:
    return f"# {title}\n\nA generated document. Pace: **10-12 hrs/week**.\n"


def list_heavy(size: int, seed: int = 1) -> str:
    """``## Week N`` headings, each over ~400 ``- [ ] Task … [2 hrs]`` items."""
    rng = random.Random(seed)

    def blocks() -> Iterator[str]:
        week = 0
        while True:
            week += 1
            yield f"## Week {week}: {_words(rng, 3).title()}\n"
            yield "**Tasks**:\n"
            for n in range(400):
                link = f" ([notes](https://example.org/w{week}/{n}))" if n % 7 == 0 else ""
                yield f"- [ ] Task {n + 1}: {_words(rng, 4)}{link} [{rng.randint(1, 4)} hrs]"
            yield ""

    return _fill(size, _head("List-heavy plan"), blocks())


def table_heavy(size: int, seed: int = 2) -> str:
    """Sections holding tables of resources: links, ``<br>`` cells, brackets."""
    rng = random.Random(seed)

    def blocks() -> Iterator[str]:
        section = 0
        while True:
            section += 1
            yield f"## Module {section}: {_words(rng, 2).title()}\n"
            yield "| Resource | Link | Hours | Notes |\n|---|---|---|---|"
            for n in range(60):
                yield (
                    f"| {_words(rng, 3)} [free] | [site](https://example.org/m{section}/{n}) "
                    f"| {rng.randint(1, 9)} | {_words(rng, 2)}<br>**Tip**: {_words(rng, 3)} |"
                )
            yield ""

    return _fill(size, _head("Table-heavy plan"), blocks())


def heading_heavy(size: int, seed: int = 3) -> str:
    """``##``/``###``/``####`` headings with a line of text and two items under each."""
    rng = random.Random(seed)

    def blocks() -> Iterator[str]:
        n = 0
        while True:
            n += 1
            level = 2 + n % 3
            yield f"{'#' * level} Part {n}: {_words(rng, 3).title()}\n"
            yield f"{_words(rng, 10)}.\n"
            yield f"- [ ] {_words(rng, 4)} [1 hrs]\n- [ ] {_words(rng, 4)}\n"

    return _fill(size, _head("Heading-heavy plan"), blocks())


def nested_lists(size: int, seed: int = 4) -> str:
    """Bullets nested eight deep under ``## Step N`` headings."""
    rng = random.Random(seed)

    def blocks() -> Iterator[str]:
        n = 0
        while True:
            n += 1
            yield f"## Step {n}\n"
            for repeat in range(20):
                for depth in range(8):
                    label = f"**{_words(rng, 1).title()}**: " if depth % 3 == 0 else ""
                    yield f"{'  ' * depth}- {label}{_words(rng, 5)} [{repeat} hrs]"
            yield ""

    return _fill(size, _head("Nested plan"), blocks())


def long_paragraphs(size: int, seed: int = 5) -> str:
    """Paragraphs of 30 soft-broken lines, some with a bold label, under sections."""
    rng = random.Random(seed)

    def blocks() -> Iterator[str]:
        n = 0
        while True:
            n += 1
            if n % 10 == 1:
                yield f"## Chapter {n // 10 + 1}\n"
            lines = []
            for k in range(30):
                label = f"**{_words(rng, 1).title()}**: " if k % 5 == 0 else ""
                lines.append(f"{label}{_words(rng, 12)} `code` [link](https://x.org/{n}/{k})")
            yield "\n".join(lines) + "\n"

    return _fill(size, _head("Prose plan"), blocks())


def pathological(size: int, seed: int = 6) -> str:
    """Deep emphasis, bracket and star runs, unclosed links: the inline parser's worst."""
    rng = random.Random(seed)

    def blocks() -> Iterator[str]:
        n = 0
        while True:
            n += 1
            if n % 50 == 1:
                yield f"## Section {n // 50 + 1}\n"
            depth = 1 + n % 40
            shapes = (
                "*" * depth + _words(rng, 3) + "*" * depth,
                "**" * depth + "x" + "__" * depth,
                "[" * depth + _words(rng, 2) + "]" * depth + "(https://e.org)",
                "[a](" * depth + _words(rng, 2),
                "*_" * depth + _words(rng, 2) + "_*" * (depth // 2),
                "`" * (depth % 7 + 1) + _words(rng, 2) + "[x] **b",
            )
            yield f"- [ ] {shapes[n % len(shapes)]} [2 hrs]"

    return _fill(size, _head("Pathological plan"), blocks())


def one_list(size: int, seed: int = 7) -> str:
    """One list that grows with the document: no heading ever closes it."""
    rng = random.Random(seed)

    def blocks() -> Iterator[str]:
        n = 0
        while True:
            n += 1
            label = "**Tip**: " if n % 9 == 0 else ""
            yield f"- [ ] {label}{_words(rng, 4)} ([x](https://x.org/{n})) [{n % 5 + 1} hrs]"

    return _fill(size, _head("One long list"), blocks())


def one_paragraph(size: int, seed: int = 8) -> str:
    """One paragraph of soft-broken lines that grows with the document."""
    rng = random.Random(seed)

    def blocks() -> Iterator[str]:
        n = 0
        while True:
            n += 1
            label = f"**{_words(rng, 1).title()}**: " if n % 4 == 0 else ""
            yield f"{label}{_words(rng, 8)} *{_words(rng, 1)}* [l](https://x.org/{n})"

    return _fill(size, _head("One long paragraph"), blocks())


def one_line(size: int, seed: int = 9) -> str:
    """One list item whose single line grows with the document."""
    rng = random.Random(seed)
    words: list[str] = []
    total = 0
    while total < size - 200:
        piece = f"**{_words(rng, 1)}** [{_words(rng, 1)}](https://x.org) _a_ `c` [2 hrs]"
        words.append(piece)
        total += len(piece) + 1
    return _head("One long line") + "\n- [ ] " + " ".join(words) + "\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "list-heavy": list_heavy,
    "table-heavy": table_heavy,
    "heading-heavy": heading_heavy,
    "nested-lists": nested_lists,
    "long-paragraphs": long_paragraphs,
    "pathological": pathological,
    "one-list": one_list,
    "one-paragraph": one_paragraph,
    "one-line": one_line,
}


def probe(path: str) -> dict[str, float]:
    """One timed import of a file in this fresh process, as ``syllabus import`` makes it.

    The modules are loaded and the collector tuned for a command before the clock
    starts; the result is wall and CPU seconds, the items made and the peak RSS.
    """
    import resource
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from syllabus import startup
    from syllabus.importer import import_bytes

    startup.tune_for_command()
    raw = Path(path).read_bytes()
    import_bytes(b"# warm\n\n- [ ] parser built [1 hrs]\n")
    cpu = time.process_time()
    start = time.perf_counter()
    roadmap = import_bytes(raw, Path(path).name)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    items = sum(1 for _ in roadmap.items())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "items": items, "rss_mb": peak}


def main(argv: list[str]) -> int:
    """Time and measure (tracemalloc peak) one import of each shape at the given sizes.

    ``--probe FILE`` instead prints one timed import of FILE as JSON (for run.py).
    """
    import json
    import time
    import tracemalloc

    if argv[:1] == ["--probe"]:
        print(json.dumps(probe(argv[1])))
        return 0

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from syllabus.importer import import_bytes

    sizes = [float(a) for a in argv] or [1.0, 2.5, 5.0]
    for name, make in SHAPES.items():
        for mb in sizes:
            raw = make(int(mb * MB)).encode()
            start = time.perf_counter()
            roadmap = import_bytes(raw, f"{name}.md")
            seconds = time.perf_counter() - start
            items = sum(1 for _ in roadmap.items())
            del roadmap
            tracemalloc.start()
            import_bytes(raw, f"{name}.md")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            per = seconds * 1000 / items if items else 0.0
            print(
                f"{name:16} {mb:4.1f} MB  {seconds:6.2f} s  peak {peak / MB:6.0f} MB  "
                f"{items:7d} items  {per:.3f} ms/item",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
