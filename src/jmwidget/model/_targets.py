"""A document as a flat table of targets, and back: the unit in which two versions are merged.

Every part one person can change on its own has a key: a map field, a persona, a stage, a step,
a lane, a cell (an emotion cell per persona), a card, a cell's annotations, a connection, and the
order of each list (personas, stages, each stage's steps, lanes, each cell's cards, connections).
``flatten`` reads them out of a document and ``rebuild`` puts a table back together, leaving out
anything whose container is gone; ``rebuild`` reports what it left out.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

Key = tuple[str, ...]
Table = dict[Key, Any]

MAP_FIELDS = ("title", "description", "scenario", "state", "channels", "emotion_scale")


def flatten(doc: dict[str, Any]) -> Table:
    """The targets of ``doc`` and their values (copies)."""
    table: Table = {("map", field): copy.deepcopy(doc[field]) for field in MAP_FIELDS}
    table[("list", "personas")] = [p["id"] for p in doc["personas"]]
    table.update((("persona", p["id"]), copy.deepcopy(p)) for p in doc["personas"])
    table[("list", "stages")] = [s["id"] for s in doc["stages"]]
    for stage in doc["stages"]:
        table[("stage", stage["id"])] = _without(stage, "id", "steps")
        table[("list", "steps", stage["id"])] = [t["id"] for t in stage["steps"]]
        table.update((("step", t["id"]), _without(t, "id")) for t in stage["steps"])
    table[("list", "lanes")] = [lane["id"] for lane in doc["lanes"]]
    table.update((("lane", lane["id"]), copy.deepcopy(lane)) for lane in doc["lanes"])
    kinds = {lane["id"]: lane["kind"] for lane in doc["lanes"]}
    for lane_id, row in doc["cells"].items():
        for step_id, value in row.items():
            table.update(_cell_targets(kinds.get(lane_id), lane_id, step_id, value))
    for lane_id, row in doc["annotations"].items():
        table.update((("annotation", lane_id, step_id), copy.deepcopy(note)) for step_id, note in row.items())
    table[("list", "connections")] = [c["id"] for c in doc["connections"]]
    table.update((("connection", c["id"]), copy.deepcopy(c)) for c in doc["connections"])
    bindings = doc.get("bindings") or []
    table[("list", "bindings")] = [b["id"] for b in bindings]
    table.update((("binding", b["id"]), copy.deepcopy(b)) for b in bindings)
    return table


def _cell_targets(kind: str | None, lane_id: str, step_id: str, value: Any) -> Iterator[tuple[Key, Any]]:
    if kind == "cards":
        yield ("list", "cards", lane_id, step_id), [card["id"] for card in value]
        for card in value:
            yield ("card", card["id"]), copy.deepcopy(card)
    elif kind == "emotion":
        for persona_id, entry in value.items():  # a number, or evidence behind it
            yield ("emotion", lane_id, step_id, persona_id), copy.deepcopy(entry)
    else:
        yield ("cell", lane_id, step_id), copy.deepcopy(value)


def _without(item: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in item.items() if k not in keys}


def rebuild(table: Table, head: dict[str, Any]) -> tuple[dict[str, Any], list[Key]]:
    """The document of ``table`` (``head`` gives ``schema`` and ``version``), and the keys left
    out because what holds them is gone (a cell of a deleted step, an arrow to a deleted card, ...)."""
    dropped: list[Key] = []
    doc: dict[str, Any] = {"schema": head["schema"], "version": head["version"]}
    doc.update((field, copy.deepcopy(table[("map", field)])) for field in MAP_FIELDS)
    doc["personas"] = [copy.deepcopy(table[("persona", pid)]) for pid in _present(table, "personas", "persona")]
    doc["stages"] = _stages(table, dropped)
    doc["lanes"] = [copy.deepcopy(table[("lane", lid)]) for lid in _present(table, "lanes", "lane")]
    _cells(table, doc, dropped)
    _connections(table, doc, dropped)
    _bindings(table, doc, dropped)
    return doc, dropped


def _present(table: Table, list_name: str, kind: str) -> list[str]:
    return [item for item in table.get(("list", list_name), []) if (kind, item) in table]


def _stages(table: Table, dropped: list[Key]) -> list[dict[str, Any]]:
    stages = []
    placed: set[str] = set()
    for stage_id in _present(table, "stages", "stage"):
        steps = []
        for step_id in table.get(("list", "steps", stage_id), []):
            if ("step", step_id) in table and step_id not in placed:
                placed.add(step_id)
                steps.append({"id": step_id, **copy.deepcopy(table[("step", step_id)])})
        stages.append({"id": stage_id, "name": table[("stage", stage_id)]["name"], "steps": steps})
    dropped += [key for key in table if key[0] == "step" and key[1] not in placed]
    return stages


def _cells(table: Table, doc: dict[str, Any], dropped: list[Key]) -> None:
    """Cells, cards and annotations whose lane and step (and, for emotion, persona) still exist."""
    steps = {t["id"] for s in doc["stages"] for t in s["steps"]}
    lanes = {lane["id"]: lane["kind"] for lane in doc["lanes"]}
    personas = {p["id"] for p in doc["personas"]}
    doc["cells"] = {lane_id: {} for lane_id in lanes}
    doc["annotations"] = {lane_id: {} for lane_id in lanes}
    placed: set[str] = set()
    for key, value in table.items():
        kind, *rest = key
        if kind in ("cell", "emotion", "annotation") or key[:2] == ("list", "cards"):
            lane_id, step_id = rest[-2:] if kind != "emotion" else rest[:2]
            alive = lanes.get(lane_id) is not None and step_id in steps
            if kind == "emotion":
                alive = alive and rest[2] in personas and lanes.get(lane_id) == "emotion"
            if not alive:
                dropped.append(key)
            elif kind == "annotation":
                doc["annotations"][lane_id][step_id] = copy.deepcopy(value)
            elif kind == "emotion":
                doc["cells"][lane_id].setdefault(step_id, {})[rest[2]] = copy.deepcopy(value)
            elif kind == "cell" and lanes[lane_id] not in ("cards", "emotion"):
                doc["cells"][lane_id][step_id] = copy.deepcopy(value)
            elif kind == "list" and lanes[lane_id] == "cards":
                cards = [copy.deepcopy(table[("card", c)]) for c in value if ("card", c) in table and c not in placed]
                placed.update(card["id"] for card in cards)
                if cards:
                    doc["cells"][lane_id][step_id] = cards
            else:
                dropped.append(key)
    dropped += [key for key in table if key[0] == "card" and key[1] not in placed]


def _connections(table: Table, doc: dict[str, Any], dropped: list[Key]) -> None:
    cells = {(lane, step): value for lane, row in doc["cells"].items() for step, value in row.items()}
    steps = {t["id"] for s in doc["stages"] for t in s["steps"]}
    lanes = {lane["id"] for lane in doc["lanes"]}

    def reaches(end: dict[str, Any]) -> bool:
        if end["lane"] not in lanes or end["step"] not in steps:
            return False
        cell = cells.get((end["lane"], end["step"]))
        return "card" not in end or (isinstance(cell, list) and any(c["id"] == end["card"] for c in cell))

    doc["connections"] = []
    for connection_id in _present(table, "connections", "connection"):
        connection = table[("connection", connection_id)]
        if reaches(connection["from"]) and reaches(connection["to"]):
            doc["connections"].append(copy.deepcopy(connection))
        else:
            dropped.append(("connection", connection_id))


def _bindings(table: Table, doc: dict[str, Any], dropped: list[Key]) -> None:
    lanes = {lane["id"] for lane in doc["lanes"]}
    personas = {p["id"] for p in doc["personas"]}
    kept = []
    for binding_id in _present(table, "bindings", "binding"):
        binding = table[("binding", binding_id)]
        if binding["lane"] in lanes and binding.get("persona", next(iter(personas))) in personas:
            kept.append(copy.deepcopy(binding))
        else:
            dropped.append(("binding", binding_id))
    if kept:
        doc["bindings"] = kept
