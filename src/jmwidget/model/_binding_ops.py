"""Operations on bindings: lanes whose values come from data (see :mod:`jmwidget.data`).

A binding names a lane, a computation over a named source and the result column that gives the
lane's values; ``last`` records the latest refresh (when, rows read, and what it wrote), so the
next refresh can tell its own values from a person's edits. Deleting the lane deletes its bindings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._errors import OperationError
from ._lookups import Doc, all_ids, find_persona, fresh_id, lane_by_id
from ._patches import Recorder

BOUND_KINDS = ("metric", "emotion", "cards")


def bindings_of(doc: Doc) -> list[dict[str, Any]]:
    """The document's bindings (none when the document has no ``bindings`` list)."""
    found: list[dict[str, Any]] = doc.get("bindings") or []
    return found


def find_binding(doc: Doc, binding_id: str) -> int:
    for i, binding in enumerate(bindings_of(doc)):
        if binding["id"] == binding_id:
            return i
    raise OperationError(f"no binding with id {binding_id!r}")


def _op_add_binding(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    binding = dict(op["binding"])
    lane = lane_by_id(doc, binding["lane"])
    where = f"add_binding to lane {lane['name']!r}"
    if lane["kind"] not in BOUND_KINDS:
        raise OperationError(f"{where}: a {lane['kind']} lane cannot be bound to data; bind {', '.join(BOUND_KINDS)}")
    if "persona" in binding:
        if lane["kind"] != "emotion":
            raise OperationError(f"{where}: persona applies to emotion lanes only")
        find_persona(doc, binding["persona"])
    binding["id"] = fresh_id(doc, binding.get("id"), f"{lane['id']}-data", "binding", where, all_ids(doc))
    if "bindings" not in doc:
        rec.set(["bindings"], [])
    rec.insert(["bindings"], len(doc["bindings"]), binding)


def _op_set_binding_run(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    index = find_binding(doc, op["binding"])
    if op["run"] is None:
        if "last" in doc["bindings"][index]:
            rec.delete(["bindings", index, "last"])
        return
    rec.set(["bindings", index, "last"], op["run"])


def _op_delete_binding(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    rec.remove(["bindings"], find_binding(doc, op["binding"]))


def drop_bindings(doc: Doc, rec: Recorder, *, lane: str | None = None, persona: str | None = None) -> None:
    """Delete the bindings of a lane (or of a persona's curve) in the same edit."""
    for index in reversed(range(len(bindings_of(doc)))):
        binding = doc["bindings"][index]
        if (lane is not None and binding["lane"] == lane) or (
            persona is not None and binding.get("persona") == persona
        ):
            rec.targets.add(("binding", binding["id"]))
            rec.remove(["bindings"], index)


BINDING_OPERATIONS: dict[str, Callable[[Doc, Recorder, dict[str, Any]], None]] = {
    "add_binding": _op_add_binding,
    "set_binding_run": _op_set_binding_run,
    "delete_binding": _op_delete_binding,
}
