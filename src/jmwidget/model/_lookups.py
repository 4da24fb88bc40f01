"""Finding things in a document by id, and new ids: ``find_*``, ``step_name``, ``all_ids``, ``slug``, ``new_id``.

``find_*`` raise :class:`OperationError` naming what is missing. ``find_step`` and ``find_card``
remember where they found things (checked on every use, so a stale entry only costs a new scan);
inside :func:`id_batch` the ids in use are kept between operations instead of rescanned.
"""

from __future__ import annotations

import contextlib
import heapq
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ._errors import OperationError

if TYPE_CHECKING:
    from ._patches import Recorder

Doc = dict[str, Any]


# ---------------------------------------------------------------- ids


def all_ids(doc: Doc) -> set[str]:
    """Every id used in the document (ids are unique across kinds)."""
    ids: set[str] = set()
    ids.update(p["id"] for p in doc["personas"])
    ids.update(lane["id"] for lane in doc["lanes"])
    for stage in doc["stages"]:
        ids.add(stage["id"])
        ids.update(step["id"] for step in stage["steps"])
    for lane_id, row in doc["cells"].items():
        if lane_kind(doc, lane_id) == "cards":
            for cards in row.values():
                ids.update(card["id"] for card in cards)
    ids.update(connection["id"] for connection in doc["connections"])
    ids.update(binding["id"] for binding in doc.get("bindings") or ())
    return ids


def slug(text: str, fallback: str) -> str:
    """A readable id stem from a name."""
    stem = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")
    return stem or fallback


class Numbers:
    """What is known of the numbered ids of one stem (``stem-2``, ``stem-3``, ...): every number below
    ``high`` is either taken or in ``free``, a heap whose entries may have been taken since (checked on use)."""

    __slots__ = ("free", "high")

    def __init__(self) -> None:
        self.high = 2
        self.free: list[int] = []


def new_id(
    doc: Doc, name: str, fallback: str, taken: set[str] | None = None, numbers: dict[str, Numbers] | None = None
) -> str:
    """An id derived from ``name`` that is not used in ``doc``: the stem, else the first free ``stem-2``, ``stem-3``...

    ``numbers`` (stem -> :class:`Numbers`, kept up to date here) spares counting through the
    taken numbers again; whoever passes it adds a number to ``free`` when its id is freed.
    """
    used = all_ids(doc) if taken is None else taken
    stem = slug(name, fallback)
    if not stem[0].isalnum():
        stem = fallback + stem
    if stem not in used:
        return stem
    known = numbers.setdefault(stem, Numbers()) if numbers is not None else Numbers()
    while known.free and f"{stem}-{known.free[0]}" in used:
        heapq.heappop(known.free)
    if known.free:
        return f"{stem}-{known.free[0]}"
    n = known.high
    while f"{stem}-{n}" in used:
        n += 1
    known.high = n + 1
    heapq.heappush(known.free, n)  # free until the caller takes it
    return f"{stem}-{n}"


def fresh_id(doc: Doc, given: Any, name: str, fallback: str, where: str, taken: set[str]) -> str:
    if given is not None:
        if given in taken:
            raise OperationError(f"{where}: id {given!r} is already used in this map")
        return str(given)
    batch = _BATCHES.get(id(doc))
    return new_id(doc, name, fallback, taken, batch.numbers if batch is not None and batch.ids is taken else None)


# ---------------------------------------------------------------- ids kept during a batch of operations


def _ids_in(value: Any) -> Iterator[str]:
    """The ids of the personas, lanes, stages, steps, cards and connections in a part of a document."""
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            yield value["id"]
        items: Any = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return
    for item in items:
        if isinstance(item, (dict, list)):
            yield from _ids_in(item)


_NUMBERED = re.compile(r"^(?P<stem>.+)-(?P<n>[1-9][0-9]*)$")


class _Batch:
    """The ids in use in one document, followed through the patches of the recorder that changes it."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.ids: set[str] = set()
        self.numbers: dict[str, Numbers] = {}  # see new_id
        self.rec: Recorder | None = None
        self.seen = 0  # patches of ``rec`` already followed
        self.last: Any = None  # the last of them (a rollback and new patches replace it)

    def taken(self, rec: Recorder) -> set[str]:
        fresh = rec.forward[self.seen :]
        followed = rec is self.rec and len(rec.forward) >= self.seen
        if followed and self.seen:
            followed = rec.forward[self.seen - 1] is self.last
        if not followed or any(p["path"][-1:] == ["id"] for p in fresh):
            self.ids, self.numbers, self.rec = all_ids(self.doc), {}, rec
        else:
            for forward, inverse in zip(fresh, rec.inverse[self.seen :], strict=True):
                if inverse["op"] in ("set", "ins"):
                    for gone in _ids_in(inverse["value"]):
                        self._free(gone)
                if forward["op"] in ("set", "ins"):
                    self.ids.update(_ids_in(forward["value"]))
        self.seen = len(rec.forward)
        self.last = rec.forward[-1] if rec.forward else None
        return self.ids

    def _free(self, gone: str) -> None:
        self.ids.discard(gone)
        match = _NUMBERED.match(gone)
        known = self.numbers.get(match["stem"]) if match else None
        if match and known is not None and 2 <= int(match["n"]) < known.high:
            heapq.heappush(known.free, int(match["n"]))


_BATCHES: dict[int, _Batch] = {}


@contextlib.contextmanager
def id_batch(doc: Doc) -> Iterator[None]:
    """Within the block, operations on ``doc`` find the ids in use in a kept set instead of rescanning ``doc``.

    For a caller that makes every change in the block itself, through operations in one
    transaction (new ids are then exactly those of a rescan). Nested blocks share the outer one.
    """
    if id(doc) in _BATCHES:
        yield
        return
    _BATCHES[id(doc)] = _Batch(doc)
    try:
        yield
    finally:
        del _BATCHES[id(doc)]


def taken_ids(doc: Doc, rec: Recorder) -> set[str]:
    """Every id used in ``doc`` (see :func:`all_ids`); inside :func:`id_batch` the kept set itself: do not change it."""
    batch = _BATCHES.get(id(doc))
    if batch is None or batch.doc is not doc:
        return all_ids(doc)
    return batch.taken(rec)


# ---------------------------------------------------------------- finding by id


def find_stage(doc: Doc, stage_id: str) -> int:
    for i, stage in enumerate(doc["stages"]):
        if stage["id"] == stage_id:
            return i
    raise OperationError(f"no stage with id {stage_id!r}")


# Where ``find_step`` and ``find_card`` last found each id, per document (keyed by ``id(doc)``): every
# answer is checked against the document before it is given, so a stale or reused entry is harmless.
_STEP_PLACES: dict[int, dict[str, tuple[int, int]]] = {}
_CARD_PLACES: dict[int, dict[str, tuple[str, str, int]]] = {}
_PLACES_KEPT = 8


def _keep(places: dict[int, Any], doc: Doc, index: Any) -> None:
    if len(places) >= _PLACES_KEPT:
        places.clear()
    places[id(doc)] = index


def find_step(doc: Doc, step_id: str) -> tuple[int, int]:
    place = _STEP_PLACES.get(id(doc), {}).get(step_id)
    if place is not None:
        si, ti = place
        stages = doc["stages"]
        if si < len(stages) and ti < len(stages[si]["steps"]) and stages[si]["steps"][ti]["id"] == step_id:
            return place
    index: dict[str, tuple[int, int]] = {}
    for si, stage in enumerate(doc["stages"]):
        for ti, step in enumerate(stage["steps"]):
            index.setdefault(step["id"], (si, ti))
    _keep(_STEP_PLACES, doc, index)
    if step_id in index:
        return index[step_id]
    raise OperationError(f"no step with id {step_id!r}")


def find_lane(doc: Doc, lane_id: str) -> int:
    for i, lane in enumerate(doc["lanes"]):
        if lane["id"] == lane_id:
            return i
    raise OperationError(f"no lane with id {lane_id!r}")


def find_persona(doc: Doc, persona_id: str) -> int:
    for i, persona in enumerate(doc["personas"]):
        if persona["id"] == persona_id:
            return i
    raise OperationError(f"no persona with id {persona_id!r}")


def _card_in_cell(doc: Doc, card_id: str, lane_id: str, step_id: str) -> int | None:
    """The card's position in the cell it was last found in, if it is still there."""
    cards = doc["cells"].get(lane_id, {}).get(step_id)
    if not isinstance(cards, list) or lane_kind(doc, lane_id) != "cards":
        return None
    return next((i for i, card in enumerate(cards) if card["id"] == card_id), None)


def find_card(doc: Doc, card_id: str) -> tuple[str, str, int]:
    places = _CARD_PLACES.get(id(doc), {})
    if card_id in places:
        lane_id, step_id, _ = places[card_id]
        index = _card_in_cell(doc, card_id, lane_id, step_id)
        if index is not None:
            places[card_id] = (lane_id, step_id, index)
            return lane_id, step_id, index
    found: dict[str, tuple[str, str, int]] = {}
    for lane in doc["lanes"]:
        if lane["kind"] != "cards":
            continue
        for step_id, cards in doc["cells"].get(lane["id"], {}).items():
            for i, card in enumerate(cards):
                found.setdefault(card["id"], (lane["id"], step_id, i))
    _keep(_CARD_PLACES, doc, found)
    if card_id in found:
        return found[card_id]
    raise OperationError(f"no card with id {card_id!r}")


def find_connection(doc: Doc, connection_id: str) -> int:
    for i, connection in enumerate(doc["connections"]):
        if connection["id"] == connection_id:
            return i
    raise OperationError(f"no connection with id {connection_id!r}")


def lane_kind(doc: Doc, lane_id: str) -> str | None:
    for lane in doc["lanes"]:
        if lane["id"] == lane_id:
            return str(lane["kind"])
    return None


def lane_by_id(doc: Doc, lane_id: str) -> dict[str, Any]:
    lane: dict[str, Any] = doc["lanes"][find_lane(doc, lane_id)]
    return lane


def step_ids(doc: Doc) -> list[str]:
    return [step["id"] for stage in doc["stages"] for step in stage["steps"]]


def step_name(doc: Doc, step_id: str) -> str:
    si, ti = find_step(doc, step_id)
    return str(doc["stages"][si]["steps"][ti]["name"])


def cell_text(doc: Doc, lane_id: str, step_id: str) -> str:
    return f"{lane_by_id(doc, lane_id)['name']!r} x {step_name(doc, step_id)!r}"


def iter_cells(doc: Doc) -> Iterator[tuple[dict[str, Any], str, Any]]:
    """``(lane, step_id, value)`` for every filled cell, in lane then step order."""
    order = step_ids(doc)
    for lane in doc["lanes"]:
        row = doc["cells"].get(lane["id"], {})
        for step_id in order:
            if step_id in row:
                yield lane, step_id, row[step_id]
