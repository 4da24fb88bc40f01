"""Rules a document must follow beyond its JSON Schema shape (ids, references, value types)."""

from __future__ import annotations

from typing import Any

from ._blueprint import check_annotation, endpoint_key, zone_order_problem
from ._content_ops import check_endpoint
from ._errors import OperationError
from ._lock import locked_lane_problems
from ._values import check_emotion, check_value

Problems = list[tuple[str, str]]


def _check_ids(doc: dict[str, Any], problems: Problems) -> None:
    seen: dict[str, str] = {}

    def claim(identifier: str, path: str) -> None:
        if identifier in seen:
            problems.append((path, f"id {identifier!r} is already used at {seen[identifier]}"))
        else:
            seen[identifier] = path

    for i, persona in enumerate(doc["personas"]):
        claim(persona["id"], f"$.personas[{i}].id")
    for i, stage in enumerate(doc["stages"]):
        claim(stage["id"], f"$.stages[{i}].id")
        for j, step in enumerate(stage["steps"]):
            claim(step["id"], f"$.stages[{i}].steps[{j}].id")
    for i, lane in enumerate(doc["lanes"]):
        claim(lane["id"], f"$.lanes[{i}].id")
    lanes = {lane["id"]: lane for lane in doc["lanes"]}
    for lane_id, row in doc["cells"].items():
        if lanes.get(lane_id, {}).get("kind") != "cards":
            continue
        for step_id, cards in row.items():
            if isinstance(cards, list):
                for k, card in enumerate(cards):
                    if isinstance(card, dict) and "id" in card:
                        claim(card["id"], f"$.cells.{lane_id}.{step_id}[{k}].id")
    for i, connection in enumerate(doc["connections"]):
        claim(connection["id"], f"$.connections[{i}].id")
    for i, binding in enumerate(doc.get("bindings") or ()):
        claim(binding["id"], f"$.bindings[{i}].id")


def _check_bindings(doc: dict[str, Any], problems: Problems) -> None:
    """A binding names a metric, emotion or cards lane of this map (and, for emotion, a persona)."""
    lanes = {lane["id"]: lane for lane in doc["lanes"]}
    personas = {p["id"] for p in doc["personas"]}
    for i, binding in enumerate(doc.get("bindings") or ()):
        lane = lanes.get(binding["lane"])
        if lane is None:
            problems.append((f"$.bindings[{i}].lane", f"no lane with id {binding['lane']!r}"))
        elif lane["kind"] not in ("metric", "emotion", "cards"):
            problems.append((f"$.bindings[{i}].lane", f"a {lane['kind']} lane cannot be bound to data"))
        if "persona" in binding and binding["persona"] not in personas:
            problems.append((f"$.bindings[{i}].persona", f"no persona with id {binding['persona']!r}"))


def _check_cell(doc: dict[str, Any], lane: dict[str, Any], value: Any, path: str, problems: Problems) -> None:
    kind = lane["kind"]
    try:
        if kind == "cards":
            if not isinstance(value, list) or not all(isinstance(c, dict) for c in value):
                problems.append((path, f"lane {lane['name']!r} holds a list of cards"))
            elif not value:
                problems.append((path, "an empty cell is left out, not an empty list"))
            else:
                for k, card in enumerate(value):
                    if "annotations" in card:
                        _check_annotation(card["annotations"], f"{path}[{k}].annotations", problems)
        elif kind == "emotion":
            if not isinstance(value, dict):
                problems.append((path, f"lane {lane['name']!r} holds an object of persona id -> number"))
                return
            personas = {p["id"] for p in doc["personas"]}
            for persona_id, score in value.items():
                if persona_id not in personas:
                    problems.append((f"{path}.{persona_id}", f"no persona with id {persona_id!r}"))
                    continue
                try:
                    check_emotion(doc, lane, score, "value")  # a number, or evidence (low <= value <= high)
                except OperationError as exc:
                    problems.append((f"{path}.{persona_id}", str(exc).removeprefix("value: ")))
        elif value in ("", []):
            problems.append((path, "an empty cell is left out, not stored empty"))
        else:
            check_value(doc, lane, value, "value")
    except OperationError as exc:
        problems.append((path, str(exc).removeprefix("value: ")))


def _check_annotation(value: Any, path: str, problems: Problems) -> None:
    try:
        check_annotation(value, "annotation")
    except OperationError as exc:
        problems.append((path, str(exc).removeprefix("annotation: ")))


def _check_blueprint(doc: dict[str, Any], problems: Problems) -> None:
    """Zone order, cell annotations and connections (no dangling ends, loops or duplicates)."""
    problem = zone_order_problem(doc["lanes"])
    if problem:
        problems.append(("$.lanes", problem))
    lanes = {lane["id"] for lane in doc["lanes"]}
    steps = {step["id"] for stage in doc["stages"] for step in stage["steps"]}
    for lane_id, row in doc["annotations"].items():
        if lane_id not in lanes:
            problems.append((f"$.annotations.{lane_id}", f"no lane with id {lane_id!r}"))
            continue
        for step_id, value in row.items():
            path = f"$.annotations.{lane_id}.{step_id}"
            if step_id not in steps:
                problems.append((path, f"no step with id {step_id!r}"))
            else:
                _check_annotation(value, path, problems)
    seen: dict[tuple[tuple[str, str, str], tuple[str, str, str]], str] = {}
    for i, connection in enumerate(doc["connections"]):
        path = f"$.connections[{i}]"
        try:
            for side in ("from", "to"):
                check_endpoint(doc, connection[side], side)
        except OperationError as exc:
            problems.append((path, str(exc)))
            continue
        ends = (endpoint_key(connection["from"]), endpoint_key(connection["to"]))
        if ends[0] == ends[1]:
            problems.append((path, "a connection cannot start and end at the same place"))
        elif ends in seen:
            problems.append((path, f"connection {seen[ends]!r} already joins the same two places"))
        else:
            seen[ends] = connection["id"]


def check_document(doc: dict[str, Any]) -> Problems:
    """Every problem with ``doc`` that the schema cannot express, as ``(json_path, message)``."""
    problems: Problems = []
    scale = doc["emotion_scale"]
    try:
        if scale["min"] >= scale["max"]:
            problems.append(("$.emotion_scale", f"min must be below max, got {scale['min']}-{scale['max']}"))
            return problems
        if not scale["min"] <= scale["neutral"] <= scale["max"]:
            problems.append(("$.emotion_scale.neutral", f"must lie in {scale['min']}-{scale['max']}"))
    except TypeError:
        pass  # a scale of the wrong type is reported by the schema
    _check_ids(doc, problems)
    problems += locked_lane_problems(doc)
    lanes = {lane["id"]: lane for lane in doc["lanes"]}
    steps = {step["id"] for stage in doc["stages"] for step in stage["steps"]}
    for i, lane in enumerate(doc["lanes"]):
        extra = [key for key in ("unit", "format", "higher_is_better") if key in lane]
        if extra and lane["kind"] != "metric":
            problems.append((f"$.lanes[{i}]", f"{', '.join(extra)} apply to metric lanes only"))
    for lane_id, row in doc["cells"].items():
        lane = lanes.get(lane_id)
        if lane is None:
            problems.append((f"$.cells.{lane_id}", f"no lane with id {lane_id!r}"))
            continue
        for step_id, value in row.items():
            path = f"$.cells.{lane_id}.{step_id}"
            if step_id not in steps:
                problems.append((path, f"no step with id {step_id!r}"))
                continue
            try:
                _check_cell(doc, lane, value, path, problems)
            except TypeError:
                continue  # shape problems (e.g. a broken scale) are reported by the schema
    _check_blueprint(doc, problems)
    _check_bindings(doc, problems)
    return problems
