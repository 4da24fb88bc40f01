"""The template lock: which parts of a map its author locked, and the guard that refuses changes to them.

The lock lives in the document (``doc["lock"]``: ``{"structure": true, "lanes": [ids]}``, absent when
nothing is locked). Every change reaches the document as primitive patches through a
:class:`~jmwidget.model._patches.Recorder`; the guard built here looks at each patch before it is
applied, so operations, transactions, undo and redo are all refused in one place, whatever
operation produced the patches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._errors import LockedError
from ._patches import PatchGuard

STRUCTURE_MESSAGE = "the map's structure is locked by its template; only cells can be filled (unlock() to change it)"
#: the top-level parts the structure lock covers, and how a refusal names them
STRUCTURE_PARTS = {
    "stages": "the map's stages and steps",
    "lanes": "the map's lanes",
    "personas": "the map's personas",
    "emotion_scale": "the map's emotion scale",
    "channels": "the map's channel vocabulary",
}
#: operations that change the structure whatever their arguments (edit_map only for these fields)
STRUCTURE_OPERATIONS = frozenset(
    {
        *("add_persona", "edit_persona", "delete_persona"),
        *("add_stage", "rename_stage", "move_stage", "delete_stage"),
        *("add_step", "rename_step", "move_step", "delete_step"),
        *("add_lane", "edit_lane", "move_lane", "delete_lane"),
        *("add_binding", "delete_binding"),
    }
)
STRUCTURE_MAP_FIELDS = ("emotion_scale", "channels")


@dataclass(frozen=True)
class Lock:
    """What is locked: ``structure`` and the ids of locked ``lanes``. False when nothing is."""

    structure: bool = False
    lanes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.structure or bool(self.lanes)

    @classmethod
    def of(cls, doc: Mapping[str, Any]) -> Lock:
        data = doc.get("lock") or {}
        return cls(bool(data.get("structure")), tuple(data.get("lanes") or ()))

    def to_json(self) -> dict[str, Any] | None:
        """The document's ``lock`` field, or None for no lock at all (the field is left out)."""
        data: dict[str, Any] = {}
        if self.structure:
            data["structure"] = True
        if self.lanes:
            data["lanes"] = list(self.lanes)
        return data or None


def check_operation(doc: Mapping[str, Any], op: Mapping[str, Any]) -> None:
    """Refuse a structural operation (or a batch holding one) on a map whose structure is locked.

    This names the rule before anything is tried; the patch guard below is what makes it hold
    for every path (lane locks, undo, redo).
    """
    if not Lock.of(doc).structure:
        return
    for index, sub in enumerate(op["ops"]) if op["op"] == "batch" else ():
        try:
            check_operation(doc, sub)
        except LockedError as exc:
            raise LockedError(f"batch item {index}: {exc}") from None
    kind = op["op"]
    fields = [f for f in STRUCTURE_MAP_FIELDS if f in op.get("fields", {})] if kind == "edit_map" else []
    if kind in STRUCTURE_OPERATIONS or fields:
        what = f" ({', '.join(fields)})" if fields else ""
        raise LockedError(f"{kind}{what}: {STRUCTURE_MESSAGE}")


def lock_guard(doc: Mapping[str, Any]) -> PatchGuard | None:
    """The guard for ``doc``'s current lock (None when nothing is locked)."""
    lock = Lock.of(doc)
    if not lock:
        return None
    lanes = frozenset(lock.lanes)

    def guard(doc: Mapping[str, Any], kind: str, path: list[str | int], value: Any) -> None:
        head = path[0] if path else ""
        if head == "lock":
            raise LockedError("the lock is changed by Journey.lock() and unlock() only")
        if head in ("cells", "annotations") and len(path) == 2 and _empty_row_change(doc, kind, path, value):
            return  # a lane's empty row made or dropped: bookkeeping, not content
        if lock.structure:
            _check_structure(head, kind, path)
        if lanes:
            _check_lanes(doc, lanes, kind, path, value)

    return guard


def _empty_row_change(doc: Mapping[str, Any], kind: str, path: list[str | int], value: Any) -> bool:
    rows = doc[str(path[0])]
    if kind == "set":
        return value == {} and path[1] not in rows
    return kind == "del" and rows.get(path[1]) == {}


def _check_structure(head: Any, kind: str, path: list[str | int]) -> None:
    if head in STRUCTURE_PARTS:
        raise LockedError(f"this would change {STRUCTURE_PARTS[head]}: {STRUCTURE_MESSAGE}")
    if head == "bindings" and not (len(path) >= 3 and path[2] == "last"):
        raise LockedError(f"this would change which lanes are bound to data: {STRUCTURE_MESSAGE}")
    if head in ("cells", "annotations") and len(path) == 2:
        raise LockedError(f"this would remove a lane's cells: {STRUCTURE_MESSAGE}")


def _check_lanes(doc: Mapping[str, Any], lanes: frozenset[str], kind: str, path: list[str | int], value: Any) -> None:
    head = path[0] if path else ""
    lane_id: Any = None
    if head in ("cells", "annotations") and len(path) >= 2:
        lane_id = path[1]
    elif head == "lanes" and len(path) >= 2:
        lane_id = doc["lanes"][path[1]]["id"]
    elif head == "lanes" and kind == "rm":
        lane_id = doc["lanes"][value]["id"]
    elif head == "bindings" and len(path) == 1 and kind in ("ins", "rm"):
        lane_id = value["lane"] if kind == "ins" else doc["bindings"][value]["lane"]
    if lane_id in lanes:
        name = next((lane["name"] for lane in doc["lanes"] if lane["id"] == lane_id), lane_id)
        raise LockedError(
            f"lane {name!r} is locked by its template; its settings, cells and cards cannot change "
            "(unlock() to change it)"
        )


def locked_lane_problems(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Locked lane ids that name no lane of ``doc``, as ``(json_path, message)``."""
    ids = {lane["id"] for lane in doc["lanes"]}
    lanes = (doc.get("lock") or {}).get("lanes") or ()
    return [(f"$.lock.lanes[{i}]", f"no lane with id {lane!r}") for i, lane in enumerate(lanes) if lane not in ids]


__all__ = ["STRUCTURE_MESSAGE", "Lock", "check_operation", "lock_guard", "locked_lane_problems"]
