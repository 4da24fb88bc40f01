"""Operations on the map's content: cells, cards, and the blueprint's connections and annotations.

Each ``_op_*`` checks one operation against the document and performs it through a
:class:`~jmwidget.model._patches.Recorder`; ``CONTENT_OPERATIONS`` names them for ``perform``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._blueprint import check_annotation_field, endpoint_key, touches
from ._errors import OperationError
from ._lookups import (
    Doc,
    cell_text,
    find_card,
    find_connection,
    find_lane,
    find_persona,
    find_step,
    fresh_id,
    lane_by_id,
    step_name,
    taken_ids,
)
from ._patches import Recorder
from ._values import check_emotion, check_value, insert_position

# ---------------------------------------------------------------- cells


def _ensure_row(doc: Doc, rec: Recorder, lane_id: str) -> None:
    if lane_id not in doc["cells"]:
        rec.set(["cells", lane_id], {})


def _op_set_cell(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    lane = lane_by_id(doc, op["lane"])
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
        value = check_emotion(doc, lane, value, where)
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
                    drop_connections(doc, rec, card=card["id"])
            rec.delete(["cells", lane_id, step_id])
        return
    value = check_value(doc, lane, value, where)
    _ensure_row(doc, rec, lane_id)
    rec.set(["cells", lane_id, step_id], value)


# ---------------------------------------------------------------- cards


CARD_OPTIONAL = ("color", "tag", "impact")


def _check_cards_lane(doc: Doc, lane_id: str, where: str) -> dict[str, Any]:
    lane = lane_by_id(doc, lane_id)
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
        "id": fresh_id(doc, data.get("id"), "card", "card", "add_card", taken_ids(doc, rec)),
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
        insert_position(index, 0, "card", where)
        rec.set(["cells", lane_id, step_id], [card])
    else:
        rec.insert(["cells", lane_id, step_id], insert_position(index, len(cards), "card", where), card)


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
    drop_connections(doc, rec, card=op["card"])
    _remove_card(doc, rec, op["card"])


# ---------------------------------------------------------------- connections


def drop_connections(doc: Doc, rec: Recorder, **touching: str) -> None:
    """Delete every connection with an end in the given lane, step or card (part of the same edit)."""
    for index in reversed(range(len(doc["connections"]))):
        connection = doc["connections"][index]
        if touches(connection, **touching):
            rec.targets.add(("connection", connection["id"]))
            rec.remove(["connections"], index)


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
                    f"card {card!r} is in the cell {cell_text(doc, lane_id, step_id)}, "
                    f"not {cell_text(doc, end['lane'], end['step'])}"
                )
    except OperationError as exc:
        raise OperationError(f"{where}: {exc}") from None
    return {k: end[k] for k in ("lane", "step", "card") if end.get(k) is not None}


def _end_text(doc: Doc, end: dict[str, Any]) -> str:
    cell = cell_text(doc, end["lane"], end["step"])
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
        "id": fresh_id(doc, data.get("id"), "connection", "connection", "add_connection", taken_ids(doc, rec)),
        "from": start,
        "to": end,
    }
    label = _label(data.get("label"), "add_connection")
    if label:
        connection["label"] = label
    index = insert_position(op.get("index"), len(doc["connections"]), "connection", "add_connection")
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


# ---------------------------------------------------------------- annotations


def _op_set_annotation(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    path: list[str | int]
    if op.get("card") is not None:
        lane_id, step_id, index = find_card(doc, op["card"])
        given = (op.get("lane", lane_id), op.get("step", step_id))
        if given != (lane_id, step_id):
            raise OperationError(
                f"set_annotation: card {op['card']!r} is in the cell {cell_text(doc, lane_id, step_id)}, "
                f"not the one named"
            )
        where = f"set_annotation on card {op['card']!r} at {cell_text(doc, lane_id, step_id)}"
        path = ["cells", lane_id, step_id, index, "annotations"]
        current = doc["cells"][lane_id][step_id][index].get("annotations", {})
    else:
        if op.get("lane") is None or op.get("step") is None:
            raise OperationError("set_annotation: name a cell (lane and step) or a card")
        find_lane(doc, op["lane"])
        find_step(doc, op["step"])
        lane_id, step_id = op["lane"], op["step"]
        where = f"set_annotation at {cell_text(doc, lane_id, step_id)}"
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


CONTENT_OPERATIONS: dict[str, Callable[[Doc, Recorder, dict[str, Any]], None]] = {
    "set_cell": _op_set_cell,
    "add_card": _op_add_card,
    "edit_card": _op_edit_card,
    "move_card": _op_move_card,
    "delete_card": _op_delete_card,
    "add_connection": _op_add_connection,
    "edit_connection": _op_edit_connection,
    "delete_connection": _op_delete_connection,
    "set_annotation": _op_set_annotation,
}
