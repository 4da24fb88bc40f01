"""Finding things in a document by id, and new ids: ``find_*``, ``step_name``, ``all_ids``, ``slug``, ``new_id``.

``find_*`` raise :class:`OperationError` naming what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ._errors import OperationError

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


def new_id(doc: Doc, name: str, fallback: str, taken: set[str] | None = None) -> str:
    """An id derived from ``name`` that is not used in ``doc``."""
    used = all_ids(doc) if taken is None else taken
    stem = slug(name, fallback)
    if not stem[0].isalnum():
        stem = fallback + stem
    candidate, n = stem, 2
    while candidate in used:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def fresh_id(doc: Doc, given: Any, name: str, fallback: str, where: str, taken: set[str]) -> str:
    if given is not None:
        if given in taken:
            raise OperationError(f"{where}: id {given!r} is already used in this map")
        return str(given)
    return new_id(doc, name, fallback, taken)


# ---------------------------------------------------------------- finding by id


def find_stage(doc: Doc, stage_id: str) -> int:
    for i, stage in enumerate(doc["stages"]):
        if stage["id"] == stage_id:
            return i
    raise OperationError(f"no stage with id {stage_id!r}")


def find_step(doc: Doc, step_id: str) -> tuple[int, int]:
    for si, stage in enumerate(doc["stages"]):
        for ti, step in enumerate(stage["steps"]):
            if step["id"] == step_id:
                return si, ti
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


def find_card(doc: Doc, card_id: str) -> tuple[str, str, int]:
    for lane in doc["lanes"]:
        if lane["kind"] != "cards":
            continue
        for step_id, cards in doc["cells"].get(lane["id"], {}).items():
            for i, card in enumerate(cards):
                if card["id"] == card_id:
                    return lane["id"], step_id, i
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
