"""Semantic operations compiled to recorded patches.

Each ``_op_*`` function checks an operation against the current document and performs it
through a :class:`~jmwidget.document.Recorder`. Errors are :class:`OperationError` naming
the place and the rule; the caller rolls the recorder back, so nothing is half-applied.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from .document import Recorder
from .errors import OperationError

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


def _clear_step_cells(doc: Doc, rec: Recorder, step_id: str) -> None:
    for lane in doc["lanes"]:
        if step_id in doc["cells"].get(lane["id"], {}):
            rec.delete(["cells", lane["id"], step_id])


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
    index = _index(op.get("index"), len(doc["lanes"]), "lane", "add_lane")
    rec.insert(["lanes"], index, lane)
    rec.set(["cells", lane_id], {})


def _op_edit_lane(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_lane(doc, op["lane"])
    lane = doc["lanes"][index]
    for key, value in op["fields"].items():
        if key in METRIC_FIELDS and lane["kind"] != "metric":
            raise OperationError(
                f"edit_lane: {key} applies to metric lanes only; {lane['name']!r} is a {lane['kind']} lane"
            )
        rec.set(["lanes", index, key], _name(value, "lane", "edit_lane") if key == "name" else value)


def _op_move_lane(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_lane(doc, op["lane"])
    target = op["index"]
    if not 0 <= target < len(doc["lanes"]):
        raise OperationError(f"move_lane: index must be 0-{len(doc['lanes']) - 1}, got {target}")
    if target != index:
        lane = rec.remove(["lanes"], index)
        rec.insert(["lanes"], target, lane)


def _op_delete_lane(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_lane(doc, op["lane"])
    if op["lane"] in doc["cells"]:
        rec.delete(["cells", op["lane"]])
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


def _op_delete_card(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    _remove_card(doc, rec, op["card"])


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
