"""Operations on the map's structure: its fields, personas, stages, steps and lanes.

Each ``_op_*`` checks one operation against the document and performs it through a
:class:`~jmwidget.model._patches.Recorder`; ``STRUCTURE_OPERATIONS`` names them for ``perform``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._binding_ops import drop_bindings
from ._blueprint import zone_insert_index, zone_order_problem
from ._content_ops import drop_connections
from ._errors import OperationError
from ._lookups import Doc, find_lane, find_persona, find_stage, find_step, fresh_id, step_name, taken_ids
from ._patches import Recorder
from ._values import check_emotion, check_scale, clean_name, insert_position, scale_text

METRIC_FIELDS = ("unit", "format", "higher_is_better")
MAP_TEXT_FIELDS = ("title", "description", "scenario")
PERSONA_DEFAULTS: dict[str, Any] = {"role": "", "goals": [], "needs": [], "quote": "", "backstory": ""}


# ---------------------------------------------------------------- map fields


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


def _channels_in_use(doc: Doc) -> set[str]:
    used: set[str] = set()
    for lane in doc["lanes"]:
        if lane["kind"] == "channels":
            for values in doc["cells"].get(lane["id"], {}).values():
                used.update(values)
    return used


# ---------------------------------------------------------------- personas


def _op_add_persona(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    data = op["persona"]
    name = clean_name(data["name"], "persona", "add_persona")
    persona = {"id": fresh_id(doc, data.get("id"), name, "persona", "add_persona", taken_ids(doc, rec)), "name": name}
    for key, default in PERSONA_DEFAULTS.items():
        persona[key] = data.get(key, default)
    index = insert_position(op.get("index"), len(doc["personas"]), "persona", "add_persona")
    rec.insert(["personas"], index, persona)


def _op_edit_persona(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_persona(doc, op["persona"])
    for key, value in op["fields"].items():
        rec.set(["personas", index, key], clean_name(value, "persona", "edit_persona") if key == "name" else value)


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
    drop_bindings(doc, rec, persona=pid)
    rec.remove(["personas"], index)


# ---------------------------------------------------------------- stages and steps


def _op_add_stage(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    data = op["stage"]
    taken = set(taken_ids(doc, rec))  # a copy: the steps are added to it
    name = clean_name(data["name"], "stage", "add_stage")
    stage_id = fresh_id(doc, data.get("id"), name, "stage", "add_stage", taken)
    taken.add(stage_id)
    steps = []
    for step in data.get("steps", []):
        step_name_ = clean_name(step["name"], "step", "add_stage")
        step_id = fresh_id(doc, step.get("id"), step_name_, "step", "add_stage", taken)
        taken.add(step_id)
        steps.append({"id": step_id, "name": step_name_})
    index = insert_position(op.get("index"), len(doc["stages"]), "stage", "add_stage")
    rec.insert(["stages"], index, {"id": stage_id, "name": name, "steps": steps})


def _op_rename_stage(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_stage(doc, op["stage"])
    rec.set(["stages", index, "name"], clean_name(op["name"], "stage", "rename_stage"))


def _op_move_stage(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_stage(doc, op["stage"])
    target = op["index"]
    if not 0 <= target < len(doc["stages"]):
        raise OperationError(f"move_stage: index must be 0-{len(doc['stages']) - 1}, got {target}")
    if target != index:
        stage = rec.remove(["stages"], index)
        rec.insert(["stages"], target, stage)


def _clear_step_cells(doc: Doc, rec: Recorder, step_id: str) -> None:
    """Clear a step's cells and cell annotations, and the connections that touch the step."""
    drop_connections(doc, rec, step=step_id)
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
    name = clean_name(op["step"]["name"], "step", "add_step")
    step_id = fresh_id(doc, op["step"].get("id"), name, "step", "add_step", taken_ids(doc, rec))
    index = insert_position(op.get("index"), len(doc["stages"][si]["steps"]), "step", "add_step")
    rec.insert(["stages", si, "steps"], index, {"id": step_id, "name": name})


def _op_rename_step(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    si, ti = find_step(doc, op["step"])
    rec.set(["stages", si, "steps", ti, "name"], clean_name(op["name"], "step", "rename_step"))


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


# ---------------------------------------------------------------- lanes


def _op_add_lane(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    data = dict(op["lane"])
    name = clean_name(data.pop("name"), "lane", "add_lane")
    kind = data.pop("kind")
    lane_id = fresh_id(doc, data.pop("id", None), name, "lane", "add_lane", taken_ids(doc, rec))
    extra = [key for key in METRIC_FIELDS if key in data]
    if extra and kind != "metric":
        raise OperationError(f"add_lane: {', '.join(extra)} apply to metric lanes only, not {kind} lanes")
    lane = {"id": lane_id, "name": name, "kind": kind, **data}
    if kind == "metric":
        lane.setdefault("format", "count")
    if op.get("index") is None and lane.get("zone"):
        index = zone_insert_index(doc["lanes"], lane["zone"])
    else:
        index = insert_position(op.get("index"), len(doc["lanes"]), "lane", "add_lane")
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
        rec.set(["lanes", index, key], clean_name(value, "lane", "edit_lane") if key == "name" else value)


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
    drop_connections(doc, rec, lane=op["lane"])
    drop_bindings(doc, rec, lane=op["lane"])
    if op["lane"] in doc["cells"]:
        rec.delete(["cells", op["lane"]])
    if op["lane"] in doc["annotations"]:
        rec.delete(["annotations", op["lane"]])
    rec.remove(["lanes"], index)


STRUCTURE_OPERATIONS: dict[str, Callable[[Doc, Recorder, dict[str, Any]], None]] = {
    "edit_map": _op_edit_map,
    "add_persona": _op_add_persona,
    "edit_persona": _op_edit_persona,
    "delete_persona": _op_delete_persona,
    "add_stage": _op_add_stage,
    "rename_stage": _op_rename_stage,
    "move_stage": _op_move_stage,
    "delete_stage": _op_delete_stage,
    "add_step": _op_add_step,
    "rename_step": _op_rename_step,
    "move_step": _op_move_step,
    "delete_step": _op_delete_step,
    "add_lane": _op_add_lane,
    "edit_lane": _op_edit_lane,
    "move_lane": _op_move_lane,
    "delete_lane": _op_delete_lane,
}
