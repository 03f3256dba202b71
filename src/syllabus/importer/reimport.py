"""Re-import: which items of the new roadmap are which items of the old one.

A roadmap's items are keyed by ids made from their node's path and their text, so an
edited document gives a renamed item, a moved item or a renumbered week new ids, and
the learner's ticks, notes and check-in links would be left behind. ``match`` pairs
old and new items in passes, each on what the earlier ones left:

1. the same text, found once in each roadmap (an anchor, wherever it moved);
2. nodes are paired by where their anchored items went (a renumbered week is the
   same week), then by children, then by title;
3. within each pair of nodes: the same text in order, the same id, then a rapidfuzz
   score (position breaks ties; a close second is an ``Ambiguity`` to ask about);
4. what is still left, over the whole roadmap: the same text, then a strict score
   (an item moved and reworded), on at most ``GLOBAL_PAIRS`` pairs;
5. a new item whose words all come from a reworded old item is a part of its split.

Scoring only within a node keeps a 5 MB document to small tables. Pure: no I/O; the
result is applied to the learner's progress by ``model.rekey``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from syllabus.model.rekey import Rekey
    from syllabus.model.roadmap import Item, Node, Roadmap

CUTOFF = 62.0
"""Lowest score (0-100) at which two items in paired nodes are taken as one."""

GLOBAL_CUTOFF = 85.0
"""Lowest score for an item matched across nodes (moved and reworded at once)."""

POSITION_CUTOFF = 50.0
"""Lowest word-set score for the one item left on each side of a node pair."""

CLOSE = 4.0
"""A second candidate this close to the best makes a match ambiguous."""

SPLIT_CUTOFF = 95.0
"""Token-set score at which a new item counts as a part of a split old item."""

GLOBAL_PAIRS = 4_000_000
"""Most pairs scored in pass 4; beyond it only the same text matches across nodes."""


@dataclass(frozen=True, slots=True)
class Match:
    """One old item found again in the new roadmap."""

    old: str
    """The item's id in the old roadmap."""
    new: str
    """Its id in the new one (often the same)."""
    renamed: bool
    """Its text changed."""
    moved: bool
    """It stands in another node than the one its old node became."""
    score: float = 100.0
    """How alike the two texts are, 0-100 (100: the same)."""
    split: bool = False
    """The new item is a further part of an old item split in several."""

    @property
    def how(self) -> str:
        """``kept``, ``renamed``, ``moved`` or ``split`` (a JSON value, never translated)."""
        if self.split:
            return "split"
        if self.moved:
            return "moved"
        return "renamed" if self.renamed else "kept"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A new item an ambiguous old item may be."""

    id: str
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """An old item with more than one near-equal candidate: the TUI asks, the CLI lists."""

    old: str
    """The old item's id."""
    text: str
    """The old item's text."""
    chosen: str
    """The candidate taken unless the learner picks another (``Reimport.choose``)."""
    candidates: tuple[Candidate, ...]
    """The close candidates, best first."""


@dataclass(frozen=True)
class Reimport:
    """How the old roadmap's items and nodes map onto the new roadmap's."""

    matches: tuple[Match, ...]
    """Old items found again, in the old roadmap's order (split parts after their item)."""
    nodes: dict[str, str]
    """Old node id → new node id, for every node paired."""
    new: tuple[str, ...]
    """Ids of new items that match no old item."""
    removed: tuple[str, ...]
    """Ids of old items that match no new item."""
    ambiguous: tuple[Ambiguity, ...] = ()
    """Matches made on a close call."""
    texts: dict[str, str] = field(default_factory=dict)
    """Old item id → its text, and old node id → its title (for reports)."""

    def item_ids(self) -> dict[str, list[str]]:
        """Old item id → the new ids it becomes (more than one for a split)."""
        found: dict[str, list[str]] = defaultdict(list)
        for match in self.matches:
            found[match.old].append(match.new)
        return dict(found)

    def count(self, how: str) -> int:
        """How many matches are ``kept``, ``renamed``, ``moved`` or ``split``."""
        return sum(1 for m in self.matches if m.how == how)

    def counts(self) -> dict[str, int]:
        """kept, renamed, moved, split, new, removed and ambiguous, as numbers."""
        return {
            "kept": self.count("kept"),
            "renamed": self.count("renamed"),
            "moved": self.count("moved"),
            "split": self.count("split"),
            "new": len(self.new),
            "removed": len(self.removed),
            "ambiguous": len(self.ambiguous),
        }

    def choose(self, old: str, new: str, roadmap_new: Roadmap) -> Reimport:
        """The learner's answer to an ambiguity: ``old`` is ``new``.

        ``new`` gives up whatever it was matched to (that old item is removed then),
        and what ``old`` was matched to becomes a new item.
        """
        index = roadmap_new.item_index()
        if new not in index:
            raise KeyError(new)
        before = [m for m in self.matches if m.old == old and not m.split]
        taken = [m for m in self.matches if m.new == new and not m.split]
        matches = [m for m in self.matches if m not in before and m not in taken]
        node_old = _node_of(old)
        moved = self.nodes.get(node_old) != index[new][0].id
        text = self.texts.get(old, "")
        chosen = Match(old, new, _norm(text) != _norm(index[new][1].text), moved, 100.0)
        matches.append(chosen)
        freed_new = [m.new for m in before if m.new != new]
        freed_old = [m.old for m in taken if m.old != old]
        ambiguous = tuple(a for a in self.ambiguous if a.old != old)
        return replace(
            self,
            matches=tuple(matches),
            new=tuple(i for i in (*self.new, *freed_new) if i != new),
            removed=tuple(i for i in (*self.removed, *freed_old) if i != old),
            ambiguous=ambiguous,
        )


def _node_of(item_id: str) -> str:
    return item_id.rpartition("/")[0]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class _Side:
    """One roadmap's items in document order, with what is still unmatched."""

    items: list[tuple[str, Item]]
    """(node id, item) in document order."""
    order: dict[str, int] = field(default_factory=dict)
    """Item id → its position within its node."""
    free: dict[str, tuple[str, Item]] = field(default_factory=dict)
    """Unmatched items by id (insertion order is document order)."""
    by_node: dict[str, dict[str, Item]] = field(default_factory=dict)
    """``free`` by node: a node's unmatched items without a walk over all of them (that
    walk, once per node, was quadratic: 1.8 s of a 12,000-item re-import's match)."""

    @classmethod
    def of(cls, roadmap: Roadmap) -> _Side:
        items = [(node.id, item) for node, item in roadmap.items()]
        side = cls(items)
        seen: Counter[str] = Counter()
        for node_id, item in items:
            side.order[item.id] = seen[node_id]
            seen[node_id] += 1
            side.free[item.id] = (node_id, item)
            side.by_node.setdefault(node_id, {})[item.id] = item
        return side

    def in_node(self, node_id: str) -> list[Item]:
        return list(self.by_node.get(node_id, {}).values())

    def drop(self, item_id: str) -> None:
        """The item is matched: no longer free."""
        node_id, _item = self.free.pop(item_id)
        del self.by_node[node_id][item_id]


class _Matcher:
    def __init__(self, old: Roadmap, new: Roadmap) -> None:
        self.old_map, self.new_map = old, new
        self.old, self.new = _Side.of(old), _Side.of(new)
        self.pairs: list[tuple[str, str, float]] = []
        self.nodes: dict[str, str] = {}
        self.ambiguous: list[Ambiguity] = []

    def take(self, old_id: str, new_id: str, score: float = 100.0) -> None:
        self.old.drop(old_id)
        self.new.drop(new_id)
        self.pairs.append((old_id, new_id, score))

    # pass 1 -------------------------------------------------------------------------

    def anchors(self) -> None:
        old_texts = Counter(_norm(item.text) for _, item in self.old.items)
        new_texts = Counter(_norm(item.text) for _, item in self.new.items)
        by_text = {_norm(item.text): item.id for _, item in self.new.items}
        for _node, item in self.old.items:
            text = _norm(item.text)
            if old_texts[text] == 1 and new_texts.get(text) == 1:
                self.take(item.id, by_text[text])

    # pass 2 -------------------------------------------------------------------------

    def pair_nodes(self) -> None:
        votes: Counter[tuple[str, str]] = Counter()
        for old_id, new_id, _score in self.pairs:
            votes[(_node_of(old_id), _node_of(new_id))] += 1
        self._pair_greedy(votes)
        old_index = self.old_map.node_index()
        new_index = self.new_map.node_index()
        # Parents follow their children: a phase whose weeks went to a new phase is it.
        for _round in range(8):
            votes = Counter()
            for old_id, new_id in self.nodes.items():
                op, np_ = old_id.rpartition("/")[0], new_id.rpartition("/")[0]
                if op and np_ and op not in self.nodes:
                    votes[(op, np_)] += 1
            if not votes:
                break
            self._pair_greedy(votes)
        keys: tuple[Callable[[Node], str], ...] = (
            lambda n: _norm(n.title),
            lambda n: _bare(n.title),
            lambda n: n.id,
        )
        for key in keys:
            taken = set(self.nodes.values())
            old_by = _unique(key, [n for n in old_index.values() if n.id not in self.nodes])
            new_by = _unique(key, [n for n in new_index.values() if n.id not in taken])
            for value, old_id in old_by.items():
                paired = new_by.get(value)
                if paired is not None:
                    self.nodes[old_id] = paired

    def _pair_greedy(self, votes: Counter[tuple[str, str]]) -> None:
        taken = set(self.nodes.values())
        for (old_id, new_id), _n in votes.most_common():
            if old_id in self.nodes or new_id in taken:
                continue
            self.nodes[old_id] = new_id
            taken.add(new_id)

    # pass 3 -------------------------------------------------------------------------

    def within_nodes(self) -> None:
        from rapidfuzz import fuzz, process, utils

        for old_node, new_node in self.nodes.items():
            olds, news = self.old.in_node(old_node), self.new.in_node(new_node)
            if not olds or not news:
                continue
            self._same_text(olds, news)
            olds = [i for i in olds if i.id in self.old.free]
            news = [i for i in news if i.id in self.new.free]
            for item in olds:
                twin = f"{new_node}/{item.id.rpartition('/')[2]}"
                if twin in self.new.free and _node_of(twin) == new_node:
                    self.take(item.id, twin, 100.0)
            olds = [i for i in olds if i.id in self.old.free]
            news = [i for i in news if i.id in self.new.free]
            if not olds or not news:
                continue
            scores = process.cdist(
                [i.text for i in olds],
                [i.text for i in news],
                scorer=fuzz.ratio,
                processor=utils.default_process,
            )
            self._greedy(olds, news, scores, CUTOFF, ask=True)
            self._last_one(old_node, new_node)

    def _last_one(self, old_node: str, new_node: str) -> None:
        """One item left on each side of a node pair, sharing words: the same item, reworded."""
        from rapidfuzz import fuzz, utils

        olds, news = self.old.in_node(old_node), self.new.in_node(new_node)
        if len(olds) == 1 and len(news) == 1:
            score = fuzz.token_set_ratio(
                olds[0].text, news[0].text, processor=utils.default_process
            )
            if score >= POSITION_CUTOFF:
                self.take(olds[0].id, news[0].id, score)

    def _same_text(self, olds: list[Item], news: list[Item]) -> None:
        waiting: dict[str, list[str]] = defaultdict(list)
        for item in news:
            waiting[_norm(item.text)].append(item.id)
        for item in olds:
            queue = waiting.get(_norm(item.text))
            if queue:
                self.take(item.id, queue.pop(0))

    def _greedy(
        self, olds: list[Item], news: list[Item], scores: object, cutoff: float, ask: bool
    ) -> None:
        import numpy as np

        matrix = np.asarray(scores, dtype=float)
        rows: list[list[float]] = matrix.tolist()
        # The pairs at or above the cutoff, best score first, then the nearest in their
        # nodes, then document order (as a sort of (-score, gap, i, j) tuples, in numpy:
        # a 40-item node is 1,600 pairs).
        at_i, at_j = np.nonzero(matrix >= cutoff)
        old_order = np.array([self.old.order[item.id] for item in olds])
        new_order = np.array([self.new.order[item.id] for item in news])
        negative = -matrix[at_i, at_j]
        gaps = np.abs(old_order[at_i] - new_order[at_j]) if len(at_i) else at_i
        ranked = np.lexsort((at_j, at_i, gaps, negative))
        cells = zip(
            negative[ranked].tolist(),
            gaps[ranked].tolist(),
            at_i[ranked].tolist(),
            at_j[ranked].tolist(),
            strict=True,
        )
        used_old: set[int] = set()
        used_new: set[int] = set()
        for negative, _gap, i, j in cells:
            if i in used_old or j in used_new:
                continue
            used_old.add(i)
            used_new.add(j)
            self.take(olds[i].id, news[j].id, -negative)
            if ask:
                self._ask(olds[i], news, rows[i], j, used_new)

    def _ask(self, old: Item, news: list[Item], row: list[float], j: int, used: set[int]) -> None:
        best = row[j]
        close = [
            k for k, score in enumerate(row) if k != j and k not in used and best - score <= CLOSE
        ]
        if not close:
            return
        ranked = sorted([j, *close], key=lambda k: -row[k])
        self.ambiguous.append(
            Ambiguity(
                old.id,
                old.text,
                news[j].id,
                tuple(Candidate(news[k].id, news[k].text, row[k]) for k in ranked),
            )
        )

    # pass 4 -------------------------------------------------------------------------

    def across_nodes(self) -> None:
        from rapidfuzz import fuzz, process, utils

        olds = [item for _n, item in self.old.free.values()]
        news = [item for _n, item in self.new.free.values()]
        self._same_text(olds, news)
        olds = [i for i in olds if i.id in self.old.free]
        news = [i for i in news if i.id in self.new.free]
        if not olds or not news or len(olds) * len(news) > GLOBAL_PAIRS:
            return
        scores = process.cdist(
            [i.text for i in olds],
            [i.text for i in news],
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=GLOBAL_CUTOFF,
        )
        self._greedy(olds, news, scores, GLOBAL_CUTOFF, ask=False)

    # pass 5 -------------------------------------------------------------------------

    def splits(self) -> list[tuple[str, str, float]]:
        from rapidfuzz import fuzz, utils

        found = []
        old_items = self.old_map.item_index()
        new_items = self.new_map.item_index()
        reworded = [
            (o, n)
            for o, n, _s in self.pairs
            if _norm(old_items[o][1].text) != _norm(new_items[n][1].text)
        ]
        for old_id, new_id in reworded:
            text = old_items[old_id][1].text
            node = _node_of(new_id)
            for item in self.new.in_node(node):
                words = utils.default_process(item.text).split()
                if len(words) < 2 or len(item.text) >= len(text):
                    continue
                score = fuzz.token_set_ratio(text, item.text, processor=utils.default_process)
                if score >= SPLIT_CUTOFF:
                    self.new.drop(item.id)
                    found.append((old_id, item.id, score))
        return found


def _bare(title: str) -> str:
    """A title without its numbers: "Week 3: Arrays" and "Week 4: Arrays" are one week."""
    return " ".join("".join(ch for ch in title.casefold() if not ch.isdigit()).split())


def _unique(key: Callable[[Node], str], nodes: list[Node]) -> dict[str, str]:
    """Key → node id for the keys exactly one node has (a repeated title pairs nothing)."""
    seen = Counter(key(n) for n in nodes)
    return {key(n): n.id for n in nodes if seen[key(n)] == 1 and key(n)}


def match(old: Roadmap, new: Roadmap) -> Reimport:
    """How ``old``'s items map onto ``new``'s (see the module's docstring)."""
    matcher = _Matcher(old, new)
    matcher.anchors()
    matcher.pair_nodes()
    matcher.within_nodes()
    matcher.across_nodes()
    split = matcher.splits()
    old_items, new_items = old.item_index(), new.item_index()
    nodes = matcher.nodes

    def made(old_id: str, new_id: str, score: float, is_split: bool) -> Match:
        renamed = _norm(old_items[old_id][1].text) != _norm(new_items[new_id][1].text)
        moved = nodes.get(old_items[old_id][0].id) != new_items[new_id][0].id
        return Match(old_id, new_id, renamed, moved, round(score, 1), is_split)

    position = {item.id: i for i, (_n, item) in enumerate(matcher.old.items)}
    found = [made(o, n, s, False) for o, n, s in matcher.pairs]
    found += [made(o, n, s, True) for o, n, s in split]
    found.sort(key=lambda m: (position[m.old], m.split))
    texts = {item.id: item.text for _n, item in matcher.old.items}
    texts.update({node.id: node.title for node in old.walk()})
    return Reimport(
        matches=tuple(found),
        nodes=dict(nodes),
        new=tuple(i for i in matcher.new.free),
        removed=tuple(i for i in matcher.old.free),
        ambiguous=tuple(matcher.ambiguous),
        texts=texts,
    )


def plan_rekey(
    result: Reimport,
    old: Roadmap,
    new: Roadmap,
    kept_aside: dict[str, tuple[str, str]] | None = None,
) -> Rekey:
    """What ``result`` changes in the learner's records (``model.rekey`` applies it).

    ``kept_aside`` holds items earlier re-imports removed (old id → (node, text)): a new
    item with the same text, or one that ``restore_removed`` put back, takes their
    records again.
    """
    from syllabus.model.rekey import Rekey

    ids: dict[str, list[str]] = {}
    for old_id, new_ids in result.item_ids().items():
        if new_ids != [old_id]:
            ids[old_id] = new_ids
    for old_id, new_id in result.nodes.items():
        if old_id != new_id:
            ids[old_id] = [new_id]
    old_items = old.item_index()
    removed = {i: (old_items[i][0].id, old_items[i][1].text) for i in result.removed}
    returned: dict[str, str] = {}
    if kept_aside:
        new_items = new.item_index()
        free = {_norm(new_items[i][1].text): i for i in result.new if i in new_items}
        for aside_id, (_node, text) in kept_aside.items():
            if aside_id in removed:
                continue
            back = free.pop(_norm(text), None)
            if back is not None:
                returned[aside_id] = back
    return Rekey(ids=ids, removed=removed, returned=returned)


def restore_removed(
    new: Roadmap, kept_aside: dict[str, tuple[str, str]], nodes: dict[str, str]
) -> tuple[Roadmap, dict[str, str]]:
    """``new`` with the items kept aside put back, and kept-aside id → restored item id.

    Each goes back into the node it stood in (by its new id when the node was renamed
    or renumbered), at the end; an item whose node is gone goes to a "Removed items"
    appendix node. An item the new roadmap has again (same text) is not added twice.
    """
    from dataclasses import replace as copy

    from syllabus.locale import _
    from syllabus.model.roadmap import Item, Node, Role
    from syllabus.model.slug import slugify

    index = new.node_index()
    item_ids = set(new.item_index())
    texts = {_norm(item.text): item.id for _n, item in new.items()}
    added: dict[str, list[Item]] = defaultdict(list)
    restored: dict[str, str] = {}
    home = "removed-items"
    while home in index:
        home += "-x"
    for aside_id, (node_id, text) in kept_aside.items():
        if _norm(text) in texts:
            restored[aside_id] = texts[_norm(text)]
            continue
        target = nodes.get(node_id, node_id)
        if target not in index:
            target = home
        base = f"{target}/{slugify(text) or 'item'}"
        item_id, n = base, 2
        while item_id in item_ids:
            item_id, n = f"{base}-{n}", n + 1
        item_ids.add(item_id)
        added[target].append(Item(id=item_id, text=text))
        restored[aside_id] = item_id

    def put_back(node: Node) -> Node:
        children = [put_back(child) for child in node.children]
        extra = added.get(node.id, [])
        if not extra and children == node.children:
            return node
        return copy(node, items=[*node.items, *extra], children=children)

    top = [put_back(node) for node in new.nodes]
    if added.get(home):
        top.append(Node(id=home, title=_("Removed items"), role=Role.APPENDIX, items=added[home]))
    return copy(new, nodes=top), restored
