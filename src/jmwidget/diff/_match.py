"""Which item of one map is which item of the other: by id, then by name.

Two versions of one map share ids, so ids come first. Maps built apart (from a table, by another
person, a future state drawn from scratch) give the same things other ids, so the items left
over are then paired by name: the same name, ignoring case and spacing, in map order. Each pair
remembers how it was found.

Moves are read against the longest run of items that kept their order: the items outside it
are the ones that moved, so adding a step does not "move" every step after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Method = Literal["id", "name"]
#: The ways to match, in the order they are tried.
METHODS: tuple[Method, ...] = ("id", "name")


@dataclass
class Matching:
    """One kind of item (steps, lanes, cards, ...) of two maps, paired.

    ``pairs`` maps a before id to its after id, ``how`` a before id to how the pair was found
    (``"id"``, ``"name"``, or ``"ends"`` for arrows); ``removed`` and ``added`` hold the ids left
    without a partner, in map order.
    """

    pairs: dict[str, str]
    how: dict[str, str]
    removed: list[str]
    added: list[str]
    back: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.back = {after: before for before, after in self.pairs.items()}


def normal(name: object) -> str:
    """A name as matching compares it: case folded, spaces collapsed."""
    return " ".join(str(name).casefold().split())


def match(
    before: Sequence[tuple[str, str]],
    after: Sequence[tuple[str, str]],
    *,
    by: Iterable[str] = METHODS,
    keep: Callable[[str], bool] | None = None,
    by_name: str = "name",
) -> Matching:
    """Pair ``before`` and ``after`` items, each given as ``(id, name)`` in map order.

    With ``"id"`` in ``by``, items with the same id are paired (when ``keep(id)`` agrees); with
    ``"name"``, the items left over are paired by :func:`normal` name, first with first. An
    empty name never matches. ``by_name`` is what a name match is called in ``how``.

    >>> m = match([("a", "Pay"), ("b", "Ship")], [("a", "Pay now"), ("x", "ship")])
    >>> m.pairs, m.how
    ({'a': 'a', 'b': 'x'}, {'a': 'id', 'b': 'name'})
    """
    methods = set(by)
    pairs: dict[str, str] = {}
    how: dict[str, str] = {}
    if "id" in methods:
        after_ids = {item for item, _ in after}
        for item, _ in before:
            if item in after_ids and (keep is None or keep(item)):
                pairs[item] = item
                how[item] = "id"
    if "name" in methods:
        taken = set(pairs.values())
        waiting: dict[str, list[str]] = defaultdict(list)
        for item, name in after:
            if item not in taken and normal(name):
                waiting[normal(name)].append(item)
        for item, name in before:
            queue = waiting.get(normal(name))
            if item not in pairs and queue:
                pairs[item] = queue.pop(0)
                how[item] = by_name
    matched = set(pairs.values())
    return Matching(
        pairs=pairs,
        how=how,
        removed=[item for item, _ in before if item not in pairs],
        added=[item for item, _ in after if item not in matched],
    )


def moved(before: Sequence[str], after: Sequence[str]) -> list[str]:
    """The items of ``after`` (present in ``before`` too, same ids) that left their order: those
    outside a longest run kept in order, in ``after`` order.

    >>> moved(["a", "b", "c", "d"], ["a", "c", "d", "b"])
    ['b']
    >>> moved(["a", "b"], ["x", "a", "b"])
    []
    """
    position = {item: index for index, item in enumerate(before)}
    sequence = [item for item in after if item in position]
    # Longest increasing run of before-positions (patience sorting, with back links).
    tails: list[int] = []  # index into sequence of the smallest tail of each run length
    links: list[int] = [-1] * len(sequence)
    for index, item in enumerate(sequence):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if position[sequence[tails[middle]]] < position[item]:
                low = middle + 1
            else:
                high = middle
        links[index] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    kept: set[str] = set()
    cursor = tails[-1] if tails else -1
    while cursor != -1:
        kept.add(sequence[cursor])
        cursor = links[cursor]
    return [item for item in sequence if item not in kept]
