"""Semantic operations compiled to recorded patches.

Each ``_op_*`` function checks an operation against the current document and performs it
through a :class:`~jmwidget.model._patches.Recorder`. Errors are :class:`OperationError` naming
the place and the rule; the caller rolls the recorder back, so nothing is half-applied.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from ._blueprint import (
    check_annotation_field,
    endpoint_key,
    touches,
    zone_insert_index,
    zone_order_problem,
)
from ._errors import OperationError
from ._patches import Recorder

Doc = dict[str, Any]

LANE_KINDS = ("text", "cards", "channels", "emotion", "metric")
METRIC_FIELDS = ("unit", "format", "higher_is_better")
MAP_TEXT_FIELDS = ("title", "description", "scenario")


# ---------------------------------------------------------------- lookups


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


def step_ids(doc: Doc) -> list[str]:
    return [step["id"] for stage in doc["stages"] for step in stage["steps"]]


def step_name(doc: Doc, step_id: str) -> str:
    si, ti = find_step(doc, step_id)
    return str(doc["stages"][si]["steps"][ti]["name"])


def _lane(doc: Doc, lane_id: str) -> dict[str, Any]:
    lane: dict[str, Any] = doc["lanes"][find_lane(doc, lane_id)]
    return lane


# ---------------------------------------------------------------- value rules


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"boolean {value}"
    if isinstance(value, (int, float)):
        return f"number {value:g}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def scale_text(scale: dict[str, Any]) -> str:
    return f"{scale['min']}-{scale['max']}"


def check_emotion(doc: Doc, lane: dict[str, Any], value: Any, where: str) -> None:
    scale = doc["emotion_scale"]
    if not _is_number(value) or not scale["min"] <= value <= scale["max"]:
        raise OperationError(f"{where}: lane {lane['name']!r} takes numbers {scale_text(scale)}, got {_kind_of(value)}")


def check_value(doc: Doc, lane: dict[str, Any], value: Any, where: str) -> Any:
    """Check a non-null ``set_cell`` value for ``lane``; return it normalised."""
    kind, name = lane["kind"], lane["name"]
    if kind == "text":
        if not isinstance(value, str):
            raise OperationError(f"{where}: lane {name!r} takes text, got {_kind_of(value)}")
        return value
    if kind == "metric":
        if not _is_number(value):
            raise OperationError(f"{where}: lane {name!r} takes a finite number, got {_kind_of(value)}")
        return value
    if kind == "emotion":
        check_emotion(doc, lane, value, where)
        return value
    if kind == "channels":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise OperationError(f"{where}: lane {name!r} takes a list of channels, got {_kind_of(value)}")
        unknown = [v for v in value if v not in doc["channels"]]
        if unknown:
            vocabulary = ", ".join(doc["channels"]) or "none defined"
            raise OperationError(
                f"{where}: lane {name!r} takes channels from the map's vocabulary ({vocabulary}), "
                f"got {', '.join(map(repr, unknown))}"
            )
        return list(dict.fromkeys(value))
    raise OperationError(f"{where}: lane {name!r} holds cards; use add_card, edit_card, move_card, delete_card")


# ---------------------------------------------------------------- operations


def _index(index: Any, length: int, what: str, where: str) -> int:
    if index is None:
        return length
    if not 0 <= index <= length:
        raise OperationError(f"{where}: {what} index must be 0-{length}, got {index}")
    return int(index)


def _name(value: Any, what: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise OperationError(f"{where}: a {what} needs a non-empty name")
    return value.strip()


def _fresh_id(doc: Doc, given: Any, name: str, fallback: str, where: str, taken: set[str]) -> str:
    if given is not None:
        if given in taken:
            raise OperationError(f"{where}: id {given!r} is already used in this map")
        return str(given)
    return new_id(doc, name, fallback, taken)


def _op_edit_map(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    fields = op["fields"]
    for key in MAP_TEXT_FIELDS:
        if key in fields:
            rec.set([key], fields[key])
    if "state" in fields:
        rec.set(["state"], fields["state"])
    if "channels" in fields:
        vocabulary = list(dict.fromkeys(c.strip() for c in fields["channels"] if c.strip()))
        used = _channels_in_use(doc)
        missing = sorted(used - set(vocabulary))
        if missing:
            raise OperationError(
                f"edit_map: channels {', '.join(map(repr, missing))} are still used in cells; remove them there first"
            )
        rec.set(["channels"], vocabulary)
    if "emotion_scale" in fields:
        scale = dict(fields["emotion_scale"])
        check_scale(scale, "edit_map")
        old = doc["emotion_scale"]
        rec.set(["emotion_scale"], scale)
        try:
            for lane in doc["lanes"]:
                if lane["kind"] != "emotion":
                    continue
                for step_id, per_persona in doc["cells"].get(lane["id"], {}).items():
                    for value in per_persona.values():
                        check_emotion(doc, lane, value, f"edit_map: step {step_name(doc, step_id)!r}")
        except OperationError as exc:
            raise OperationError(
                f"{exc} (the new scale would not fit existing values; old scale {scale_text(old)})"
            ) from None


def check_scale(scale: dict[str, Any], where: str) -> None:
    if scale["min"] >= scale["max"]:
        raise OperationError(f"{where}: emotion scale min must be below max, got {scale['min']}-{scale['max']}")
    if not scale["min"] <= scale["neutral"] <= scale["max"]:
        raise OperationError(
            f"{where}: emotion scale neutral point must lie in {scale_text(scale)}, got {scale['neutral']}"
        )


def _channels_in_use(doc: Doc) -> set[str]:
    used: set[str] = set()
    for lane in doc["lanes"]:
        if lane["kind"] == "channels":
            for values in doc["cells"].get(lane["id"], {}).values():
                used.update(values)
    return used


PERSONA_DEFAULTS: dict[str, Any] = {"role": "", "goals": [], "needs": [], "quote": "", "backstory": ""}


def _op_add_persona(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    data = op["persona"]
    name = _name(data["name"], "persona", "add_persona")
    persona = {"id": _fresh_id(doc, data.get("id"), name, "persona", "add_persona", all_ids(doc)), "name": name}
    for key, default in PERSONA_DEFAULTS.items():
        persona[key] = data.get(key, default)
    index = _index(op.get("index"), len(doc["personas"]), "persona", "add_persona")
    rec.insert(["personas"], index, persona)


def _op_edit_persona(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_persona(doc, op["persona"])
    for key, value in op["fields"].items():
        rec.set(["personas", index, key], _name(value, "persona", "edit_persona") if key == "name" else value)


def _op_delete_persona(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_persona(doc, op["persona"])
    if len(doc["personas"]) == 1:
        raise OperationError("delete_persona: a map keeps at least one persona")
    pid = op["persona"]
    for lane in doc["lanes"]:
        if lane["kind"] != "emotion":
            continue
        row = doc["cells"].get(lane["id"], {})
        for step_id in list(row):
            if pid in row[step_id]:
                if len(row[step_id]) == 1:
                    rec.delete(["cells", lane["id"], step_id])
                else:
                    rec.delete(["cells", lane["id"], step_id, pid])
    rec.remove(["personas"], index)


def _op_add_stage(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    data = op["stage"]
    taken = all_ids(doc)
    name = _name(data["name"], "stage", "add_stage")
    stage_id = _fresh_id(doc, data.get("id"), name, "stage", "add_stage", taken)
    taken.add(stage_id)
    steps = []
    for step in data.get("steps", []):
        step_name_ = _name(step["name"], "step", "add_stage")
        step_id = _fresh_id(doc, step.get("id"), step_name_, "step", "add_stage", taken)
        taken.add(step_id)
        steps.append({"id": step_id, "name": step_name_})
    index = _index(op.get("index"), len(doc["stages"]), "stage", "add_stage")
    rec.insert(["stages"], index, {"id": stage_id, "name": name, "steps": steps})


def _op_rename_stage(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_stage(doc, op["stage"])
    rec.set(["stages", index, "name"], _name(op["name"], "stage", "rename_stage"))


def _op_move_stage(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_stage(doc, op["stage"])
    target = op["index"]
    if not 0 <= target < len(doc["stages"]):
        raise OperationError(f"move_stage: index must be 0-{len(doc['stages']) - 1}, got {target}")
    if target != index:
        stage = rec.remove(["stages"], index)
        rec.insert(["stages"], target, stage)


def _drop_connections(doc: Doc, rec: Recorder, **touching: str) -> None:
    """Delete every connection with an end in the given lane, step or card (part of the same edit)."""
    for index in reversed(range(len(doc["connections"]))):
        connection = doc["connections"][index]
        if touches(connection, **touching):
            rec.targets.add(("connection", connection["id"]))
            rec.remove(["connections"], index)


def _clear_step_cells(doc: Doc, rec: Recorder, step_id: str) -> None:
    """Clear a step's cells and cell annotations, and the connections that touch the step."""
    _drop_connections(doc, rec, step=step_id)
    for lane in doc["lanes"]:
        if step_id in doc["cells"].get(lane["id"], {}):
            rec.delete(["cells", lane["id"], step_id])
        if step_id in doc["annotations"].get(lane["id"], {}):
            rec.delete(["annotations", lane["id"], step_id])


def _op_delete_stage(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_stage(doc, op["stage"])
    for step in doc["stages"][index]["steps"]:
        _clear_step_cells(doc, rec, step["id"])
    rec.remove(["stages"], index)


def _op_add_step(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    si = find_stage(doc, op["stage"])
    name = _name(op["step"]["name"], "step", "add_step")
    step_id = _fresh_id(doc, op["step"].get("id"), name, "step", "add_step", all_ids(doc))
    index = _index(op.get("index"), len(doc["stages"][si]["steps"]), "step", "add_step")
    rec.insert(["stages", si, "steps"], index, {"id": step_id, "name": name})


def _op_rename_step(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    si, ti = find_step(doc, op["step"])
    rec.set(["stages", si, "steps", ti, "name"], _name(op["name"], "step", "rename_step"))


def _op_move_step(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    si, ti = find_step(doc, op["step"])
    target_stage = find_stage(doc, op["stage"]) if op.get("stage") else si
    length = len(doc["stages"][target_stage]["steps"]) - (1 if target_stage == si else 0)
    if not 0 <= op["index"] <= length:
        raise OperationError(f"move_step: index must be 0-{length}, got {op['index']}")
    if target_stage == si and op["index"] == ti:
        return
    step = rec.remove(["stages", si, "steps"], ti)
    rec.insert(["stages", target_stage, "steps"], op["index"], step)


def _op_delete_step(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    si, ti = find_step(doc, op["step"])
    _clear_step_cells(doc, rec, op["step"])
    rec.remove(["stages", si, "steps"], ti)


def _op_add_lane(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    data = dict(op["lane"])
    name = _name(data.pop("name"), "lane", "add_lane")
    kind = data.pop("kind")
    lane_id = _fresh_id(doc, data.pop("id", None), name, "lane", "add_lane", all_ids(doc))
    extra = [key for key in METRIC_FIELDS if key in data]
    if extra and kind != "metric":
        raise OperationError(f"add_lane: {', '.join(extra)} apply to metric lanes only, not {kind} lanes")
    lane = {"id": lane_id, "name": name, "kind": kind, **data}
    if kind == "metric":
        lane.setdefault("format", "count")
    if op.get("index") is None and lane.get("zone"):
        index = zone_insert_index(doc["lanes"], lane["zone"])
    else:
        index = _index(op.get("index"), len(doc["lanes"]), "lane", "add_lane")
    lanes = list(doc["lanes"])
    lanes.insert(index, lane)
    _check_zone_order(lanes, f"add_lane: lane {name!r} cannot go at position {index}")
    rec.insert(["lanes"], index, lane)
    rec.set(["cells", lane_id], {})
    rec.set(["annotations", lane_id], {})


def _check_zone_order(lanes: list[dict[str, Any]], where: str) -> None:
    problem = zone_order_problem(lanes)
    if problem:
        raise OperationError(f"{where}: {problem}")


def _op_edit_lane(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_lane(doc, op["lane"])
    lane = doc["lanes"][index]
    for key, value in op["fields"].items():
        if key in METRIC_FIELDS and lane["kind"] != "metric":
            raise OperationError(
                f"edit_lane: {key} applies to metric lanes only; {lane['name']!r} is a {lane['kind']} lane"
            )
        if key == "zone":
            lanes = list(doc["lanes"])
            lanes[index] = {k: v for k, v in lane.items() if k != "zone"} | ({"zone": value} if value else {})
            _check_zone_order(lanes, f"edit_lane: lane {lane['name']!r} cannot be in zone {value!r} here")
            if value is None:
                if "zone" in lane:
                    rec.delete(["lanes", index, "zone"])
                continue
        rec.set(["lanes", index, key], _name(value, "lane", "edit_lane") if key == "name" else value)


def _op_move_lane(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_lane(doc, op["lane"])
    target = op["index"]
    if not 0 <= target < len(doc["lanes"]):
        raise OperationError(f"move_lane: index must be 0-{len(doc['lanes']) - 1}, got {target}")
    if target != index:
        lanes = list(doc["lanes"])
        lanes.insert(target, lanes.pop(index))
        _check_zone_order(lanes, f"move_lane: lane {doc['lanes'][index]['name']!r} cannot move to position {target}")
        lane = rec.remove(["lanes"], index)
        rec.insert(["lanes"], target, lane)


def _op_delete_lane(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_lane(doc, op["lane"])
    _drop_connections(doc, rec, lane=op["lane"])
    if op["lane"] in doc["cells"]:
        rec.delete(["cells", op["lane"]])
    if op["lane"] in doc["annotations"]:
        rec.delete(["annotations", op["lane"]])
    rec.remove(["lanes"], index)


def _ensure_row(doc: Doc, rec: Recorder, lane_id: str) -> None:
    if lane_id not in doc["cells"]:
        rec.set(["cells", lane_id], {})


def _op_set_cell(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    lane = _lane(doc, op["lane"])
    find_step(doc, op["step"])
    lane_id, step_id, value = lane["id"], op["step"], op["value"]
    where = f"set_cell at {lane['name']!r} x {step_name(doc, step_id)!r}"
    row = doc["cells"].get(lane_id, {})
    if lane["kind"] == "emotion":
        persona = op.get("persona") or doc["personas"][0]["id"]
        find_persona(doc, persona)
        current = row.get(step_id, {})
        if value is None:
            if persona in current:
                if len(current) == 1:
                    rec.delete(["cells", lane_id, step_id])
                else:
                    rec.delete(["cells", lane_id, step_id, persona])
            return
        check_emotion(doc, lane, value, where)
        _ensure_row(doc, rec, lane_id)
        if step_id in row:
            rec.set(["cells", lane_id, step_id, persona], value)
        else:
            rec.set(["cells", lane_id, step_id], {persona: value})
        return
    if op.get("persona") is not None:
        raise OperationError(f"{where}: persona applies to emotion lanes only")
    if lane["kind"] == "cards" and value is not None:
        check_value(doc, lane, value, where)
    if value is None or value in ("", []):
        if step_id in row:
            if lane["kind"] == "cards":
                for card in row[step_id]:
                    _drop_connections(doc, rec, card=card["id"])
            rec.delete(["cells", lane_id, step_id])
        return
    value = check_value(doc, lane, value, where)
    _ensure_row(doc, rec, lane_id)
    rec.set(["cells", lane_id, step_id], value)


CARD_OPTIONAL = ("color", "tag", "impact")


def _check_cards_lane(doc: Doc, lane_id: str, where: str) -> dict[str, Any]:
    lane = _lane(doc, lane_id)
    if lane["kind"] != "cards":
        raise OperationError(f"{where}: lane {lane['name']!r} is a {lane['kind']} lane; cards go in cards lanes")
    return lane


def _op_add_card(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    _check_cards_lane(doc, op["lane"], "add_card")
    find_step(doc, op["step"])
    data = op["card"]
    text = data["text"].strip()
    if not text:
        raise OperationError("add_card: a card needs some text")
    card: dict[str, Any] = {
        "id": _fresh_id(doc, data.get("id"), "card", "card", "add_card", all_ids(doc)),
        "text": text,
    }
    for key in CARD_OPTIONAL:
        if data.get(key) is not None:
            card[key] = data[key]
    _insert_card(doc, rec, op["lane"], op["step"], op.get("index"), card, "add_card")


def _insert_card(doc: Doc, rec: Recorder, lane_id: str, step_id: str, index: Any, card: Any, where: str) -> None:
    _ensure_row(doc, rec, lane_id)
    cards = doc["cells"][lane_id].get(step_id)
    if cards is None:
        _index(index, 0, "card", where)
        rec.set(["cells", lane_id, step_id], [card])
    else:
        rec.insert(["cells", lane_id, step_id], _index(index, len(cards), "card", where), card)


def _remove_card(doc: Doc, rec: Recorder, card_id: str) -> Any:
    lane_id, step_id, index = find_card(doc, card_id)
    if len(doc["cells"][lane_id][step_id]) == 1:
        card = doc["cells"][lane_id][step_id][0]
        rec.delete(["cells", lane_id, step_id])
        return card
    return rec.remove(["cells", lane_id, step_id], index)


def _op_edit_card(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    lane_id, step_id, index = find_card(doc, op["card"])
    card = doc["cells"][lane_id][step_id][index]
    for key, given in op["fields"].items():
        value = given.strip() if key == "text" else given
        if key == "text" and not value:
            raise OperationError("edit_card: a card needs some text; delete the card instead")
        path: list[str | int] = ["cells", lane_id, step_id, index, key]
        if value is None:
            if key in card:
                rec.delete(path)
        else:
            rec.set(path, value)


def _op_move_card(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    find_card(doc, op["card"])
    _check_cards_lane(doc, op["lane"], "move_card")
    find_step(doc, op["step"])
    card = _remove_card(doc, rec, op["card"])
    _insert_card(doc, rec, op["lane"], op["step"], op.get("index"), card, "move_card")
    # Connections to the card follow it to its new cell.
    for index, connection in enumerate(doc["connections"]):
        for side in ("from", "to"):
            if connection[side].get("card") == op["card"]:
                rec.set(["connections", index, side], {**connection[side], "lane": op["lane"], "step": op["step"]})


def _op_delete_card(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    _drop_connections(doc, rec, card=op["card"])
    _remove_card(doc, rec, op["card"])


# ---------------------------------------------------------------- blueprint: connections, annotations


def _cell_text(doc: Doc, lane_id: str, step_id: str) -> str:
    return f"{_lane(doc, lane_id)['name']!r} x {step_name(doc, step_id)!r}"


def check_endpoint(doc: Doc, end: dict[str, Any], where: str) -> dict[str, Any]:
    """Check a connection end (a cell, or a card in that cell); return it normalised."""
    try:
        find_lane(doc, end["lane"])
        find_step(doc, end["step"])
        card = end.get("card")
        if card is not None:
            lane_id, step_id, _ = find_card(doc, card)
            if (lane_id, step_id) != (end["lane"], end["step"]):
                raise OperationError(
                    f"card {card!r} is in the cell {_cell_text(doc, lane_id, step_id)}, "
                    f"not {_cell_text(doc, end['lane'], end['step'])}"
                )
    except OperationError as exc:
        raise OperationError(f"{where}: {exc}") from None
    return {k: end[k] for k in ("lane", "step", "card") if end.get(k) is not None}


def _end_text(doc: Doc, end: dict[str, Any]) -> str:
    cell = _cell_text(doc, end["lane"], end["step"])
    return f"card {end['card']!r} in {cell}" if end.get("card") else cell


def _check_connection(doc: Doc, start: dict[str, Any], end: dict[str, Any], where: str, skip: int = -1) -> None:
    if endpoint_key(start) == endpoint_key(end):
        raise OperationError(f"{where}: a connection cannot start and end at the same place ({_end_text(doc, start)})")
    for i, other in enumerate(doc["connections"]):
        if i != skip and (endpoint_key(other["from"]), endpoint_key(other["to"])) == (
            endpoint_key(start),
            endpoint_key(end),
        ):
            ends = f"from {_end_text(doc, start)} to {_end_text(doc, end)}"
            raise OperationError(f"{where}: connection {other['id']!r} already goes {ends}")


LABEL_LIMIT = 500


def _label(value: Any, where: str) -> str | None:
    label = (value.strip() or None) if isinstance(value, str) else None
    if label is not None and len(label) > LABEL_LIMIT:
        raise OperationError(f"{where}: a connection label has at most {LABEL_LIMIT} characters, got {len(label)}")
    return label


def _op_add_connection(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    data = op["connection"]
    start = check_endpoint(doc, data["from"], "add_connection: from")
    end = check_endpoint(doc, data["to"], "add_connection: to")
    _check_connection(doc, start, end, "add_connection")
    connection: dict[str, Any] = {
        "id": _fresh_id(doc, data.get("id"), "connection", "connection", "add_connection", all_ids(doc)),
        "from": start,
        "to": end,
    }
    label = _label(data.get("label"), "add_connection")
    if label:
        connection["label"] = label
    index = _index(op.get("index"), len(doc["connections"]), "connection", "add_connection")
    rec.targets.add(("connection", connection["id"]))
    rec.insert(["connections"], index, connection)


def _op_edit_connection(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_connection(doc, op["connection"])
    connection = doc["connections"][index]
    fields = op["fields"]
    start = check_endpoint(doc, fields["from"], "edit_connection: from") if "from" in fields else connection["from"]
    end = check_endpoint(doc, fields["to"], "edit_connection: to") if "to" in fields else connection["to"]
    _check_connection(doc, start, end, "edit_connection", skip=index)
    for side, value in (("from", start), ("to", end)):
        if value != connection[side]:
            rec.set(["connections", index, side], value)
    if "label" in fields:
        label = _label(fields["label"], "edit_connection")
        if label is None:
            if "label" in connection:
                rec.delete(["connections", index, "label"])
        elif label != connection.get("label"):
            rec.set(["connections", index, "label"], label)


def _op_delete_connection(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_connection(doc, op["connection"])
    rec.targets.add(("connection", op["connection"]))
    rec.remove(["connections"], index)


def _op_set_annotation(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    path: list[str | int]
    if op.get("card") is not None:
        lane_id, step_id, index = find_card(doc, op["card"])
        given = (op.get("lane", lane_id), op.get("step", step_id))
        if given != (lane_id, step_id):
            raise OperationError(
                f"set_annotation: card {op['card']!r} is in the cell {_cell_text(doc, lane_id, step_id)}, "
                f"not the one named"
            )
        where = f"set_annotation on card {op['card']!r} at {_cell_text(doc, lane_id, step_id)}"
        path = ["cells", lane_id, step_id, index, "annotations"]
        current = doc["cells"][lane_id][step_id][index].get("annotations", {})
    else:
        if op.get("lane") is None or op.get("step") is None:
            raise OperationError("set_annotation: name a cell (lane and step) or a card")
        find_lane(doc, op["lane"])
        find_step(doc, op["step"])
        lane_id, step_id = op["lane"], op["step"]
        where = f"set_annotation at {_cell_text(doc, lane_id, step_id)}"
        path = ["annotations", lane_id, step_id]
        current = doc["annotations"].get(lane_id, {}).get(step_id, {})
    updated = dict(current)
    for key, value in op["fields"].items():
        if value is None:
            updated.pop(key, None)
        else:
            updated[key] = check_annotation_field(key, value, where)
    if updated == current:
        return
    if path[0] == "annotations" and lane_id not in doc["annotations"]:
        rec.set(["annotations", lane_id], {})
    if updated:
        rec.set(path, updated)
    else:
        rec.delete(path)


def _op_batch(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    for index, sub in enumerate(op["ops"]):
        try:
            perform(doc, rec, sub)
        except OperationError as exc:
            raise type(exc)(f"batch item {index}: {exc}") from None


OPERATIONS: dict[str, Callable[[Doc, Recorder, dict[str, Any]], None]] = {
    name[len("_op_") :]: fn for name, fn in list(globals().items()) if name.startswith("_op_")
}


def perform(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    """Apply an already shape-validated operation through ``rec``."""
    OPERATIONS[op["op"]](doc, rec, op)


def iter_cells(doc: Doc) -> Iterator[tuple[dict[str, Any], str, Any]]:
    """``(lane, step_id, value)`` for every filled cell, in lane then step order."""
    order = step_ids(doc)
    for lane in doc["lanes"]:
        row = doc["cells"].get(lane["id"], {})
        for step_id in order:
            if step_id in row:
                yield lane, step_id, row[step_id]
