"""The critical path: the longest chain of connections, by duration.

Connections are read as the flow of work: ``from`` happens before ``to`` (or feeds it). The
path's length is the sum of the durations annotated on the items along it (items without a
duration count 0); among equally long chains the one with more items wins, then the one met
first in document order. Where connections loop back, there is no longest chain: by default
that is an error naming the loop; ``cycles="break"`` drops the connections that close loops
(listed in ``frame.attrs["broken"]``) and goes on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from ..model import JourneyError
from ._items import Blueprint, Item, Key, snapshot
from ._timing import check_unit

if TYPE_CHECKING:
    from ..model import Journey

COLUMNS = [
    "position",
    "zone",
    "lane_id",
    "lane",
    "stage",
    "step_id",
    "step",
    "card_id",
    "text",
    "duration",
    "cumulative",
    "via",
    "via_label",
]
Edge = tuple[Key, Key, str, str | None]  # from, to, connection id, label
#: The best chain ending at an item: its length, its number of items, and the edge into the item (None at a start).
Chain = tuple[float, int, Edge | None]


class CycleError(JourneyError):
    """The connections loop back, so no chain is the longest."""


def _describe(blueprint: Blueprint, key: Key) -> str:
    item = blueprint.by_key.get(key)
    if item is not None and item.text:
        return f"'{item.label()}'"
    lane = blueprint.lane(key[0])["name"]
    step = next((s["step"] for s in blueprint.steps if s["step_id"] == key[1]), key[1])
    return f"the {lane!r} cell of step {step!r}"


def _edges(blueprint: Blueprint) -> list[Edge]:
    return [(a, b, str(c["id"]), c.get("label")) for a, b, c in blueprint.edges()]


def _drop_back_edges(blueprint: Blueprint, edges: list[Edge], *, raise_on_cycle: bool) -> tuple[list[Edge], list[str]]:
    """Depth-first in document order; an edge back into the current chain closes a loop."""
    out: dict[Key, list[Edge]] = defaultdict(list)
    nodes: list[Key] = []
    for edge in edges:
        out[edge[0]].append(edge)
        nodes.extend(k for k in edge[:2] if k not in nodes)
    state: dict[Key, int] = {}  # 1 on the current chain, 2 done
    back: list[Edge] = []
    for root in nodes:
        if root in state:
            continue
        chain: list[Key] = [root]
        stack: list[tuple[Key, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, i = stack.pop()
            if i < len(out[node]):
                stack.append((node, i + 1))
                edge = out[node][i]
                target = edge[1]
                if state.get(target) == 1:
                    if raise_on_cycle:
                        loop = [*chain[chain.index(target) :], target]
                        raise CycleError(
                            "the connections form a loop, so there is no longest chain: "
                            + " → ".join(_describe(blueprint, k) for k in loop)
                            + f" (closed by connection {edge[2]!r}); delete or reverse one of its connections, "
                            "or call critical_path(journey, cycles='break')"
                        )
                    back.append(edge)
                elif target not in state:
                    state[target] = 1
                    chain.append(target)
                    stack.append((target, 0))
            else:
                state[node] = 2
                chain.pop()
    kept = [e for e in edges if e not in back]
    return kept, [e[2] for e in back]


def critical_path(
    journey: Journey, *, unit: str = "minutes", cycles: Literal["raise", "break"] = "raise"
) -> pd.DataFrame:
    """The longest chain of connections by total duration, one row per item in order.

    ``duration`` and ``cumulative`` are in ``unit``; ``via`` and ``via_label`` name the
    connection that leads into the row's item. ``frame.attrs`` holds ``total`` (the path's
    length in ``unit``), ``unit`` and ``broken`` (connections dropped to break loops).
    An empty frame means the map has no connections.
    """
    if cycles not in ("raise", "break"):
        raise JourneyError(f"cycles must be 'raise' or 'break', got {cycles!r}")
    per = check_unit(unit)
    blueprint = snapshot(journey)
    edges, broken = _drop_back_edges(blueprint, _edges(blueprint), raise_on_cycle=cycles == "raise")
    items = blueprint.by_key

    def weight(key: Key) -> float:
        item = items.get(key)
        seconds = item.seconds() if item is not None else None
        return (seconds or 0.0) / per

    chain = _longest_chain(edges, weight)
    frame = pd.DataFrame([_row(blueprint, items.get(key), key, via, weight) for key, via in chain], columns=COLUMNS)
    frame["position"] = range(len(frame))
    frame["cumulative"] = frame["duration"].cumsum()
    frame.attrs.update(total=float(frame["duration"].sum()), unit=unit, broken=broken)
    return frame


def _longest_chain(edges: list[Edge], weight: Callable[[Key], float]) -> list[tuple[Key, Edge | None]]:
    """The items of the longest chain, first to last, each with the edge that leads into it."""
    incoming: dict[Key, list[Edge]] = defaultdict(list)
    nodes: list[Key] = []
    for edge in edges:
        incoming[edge[1]].append(edge)
        nodes.extend(k for k in edge[:2] if k not in nodes)
    best: dict[Key, Chain] = {}
    end: Key | None = None
    for node in nodes:
        if end is None or _best_chain(node, incoming, best, weight)[:2] > best[end][:2]:
            end = node
    chain: list[tuple[Key, Edge | None]] = []
    cursor: Key | None = end
    while cursor is not None:
        into = best[cursor][2]
        chain.append((cursor, into))
        cursor = into[0] if into else None
    chain.reverse()
    return chain


def _best_chain(
    node: Key, incoming: dict[Key, list[Edge]], best: dict[Key, Chain], weight: Callable[[Key], float]
) -> Chain:
    """The best chain ending at ``node``, after those ending at every node before it (kept in ``best``)."""
    # Iterative post-order so long chains do not hit the recursion limit.
    stack = [node]
    while stack:
        current = stack[-1]
        pending = [e[0] for e in incoming[current] if e[0] not in best]
        if pending:
            stack.extend(pending)
            continue
        stack.pop()
        if current in best:
            continue
        choice: Chain = (weight(current), 1, None)
        for edge in incoming[current]:
            length, count, _ = best[edge[0]]
            candidate = (length + weight(current), count + 1, edge)
            if candidate[:2] > choice[:2]:
                choice = candidate
        best[current] = choice
    return best[node]


def _row(blueprint: Blueprint, item: Item | None, key: Key, via: Edge | None, weight: Any) -> dict[str, Any]:
    lane = blueprint.lane(key[0])
    step = next(s for s in blueprint.steps if s["step_id"] == key[1])
    return {
        "position": 0,
        "zone": lane.get("zone"),
        "lane_id": key[0],
        "lane": lane["name"],
        "stage": step["stage"],
        "step_id": key[1],
        "step": step["step"],
        "card_id": key[2] or None,
        "text": item.text if item is not None else "",
        "duration": weight(key),
        "cumulative": 0.0,
        "via": via[2] if via else None,
        "via_label": via[3] if via else None,
    }
