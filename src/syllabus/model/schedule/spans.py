"""Planned spans: where a node sits on the calendar, and which node is planned on a day."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class NodePlan:
    """Where one node sits on the calendar."""

    node_id: str
    start: date
    """First planned day."""
    end: date
    """Last planned day (inclusive)."""
    hours: float
    """Planned hours of work (at the chosen estimate)."""
    estimated: bool
    """Dates derived from item counts or estimates, not from the document's timing."""


class Upcoming(NamedTuple):
    """The node a span index finds next: the earliest start, then the deepest, then the first."""

    start: date
    rank: int
    """Minus the node's depth, so that the deepest sorts first."""
    order: int
    node_id: str


class SpanIndex:
    """Planned spans sorted by start, to find what covers a day without a full scan.

    Leaves and parents are indexed apart: leaves barely overlap, so the backwards scan
    (bounded by the running maximum of ends) stops after a step or two.
    """

    __slots__ = ("_spans", "_starts", "_max_end")

    def __init__(self, plans: Iterable[NodePlan] = (), depth: dict[str, int] | None = None) -> None:
        """Index node plans given in document order, with the nodes' depths."""
        depth = depth or {}
        # (start, end, depth, order, id): sorted by start, then as ``covering`` prefers
        spans = sorted(
            (p.start, p.end, depth.get(p.node_id, 0), order, p.node_id)
            for order, p in enumerate(plans)
        )
        self._spans = spans
        self._starts = [s[0] for s in spans]
        max_end: list[date] = []
        running = date.min
        for entry in spans:
            if entry[1] > running:
                running = entry[1]
            max_end.append(running)
        self._max_end = max_end

    def covering(self, day: date) -> str | None:
        """The deepest span covering ``day``; on a tie the one ending first, then the first."""
        spans, max_end = self._spans, self._max_end
        i = bisect_right(self._starts, day) - 1
        best: tuple[int, date, int] | None = None
        found: str | None = None
        while i >= 0 and max_end[i] >= day:
            _, end, depth, order, node_id = spans[i]
            if end >= day:
                key = (-depth, end, order)
                if best is None or key < best:
                    best, found = key, node_id
            i -= 1
        return found

    def next_after(self, day: date) -> Upcoming | None:
        """The node starting first after ``day`` (the deepest, then the first, of those)."""
        spans = self._spans
        i = bisect_right(self._starts, day)
        if i >= len(spans):
            return None
        first = spans[i][0]
        best: tuple[int, int, str] | None = None
        while i < len(spans) and spans[i][0] == first:
            _, _, depth, order, node_id = spans[i]
            key = (-depth, order, node_id)
            if best is None or key < best:
                best = key
            i += 1
        return None if best is None else Upcoming(first, *best)
