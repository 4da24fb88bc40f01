"""Primitive patches on the document JSON, each recorded with its exact inverse.

A patch is one of ``{"op": "set", "path", "value"}``, ``{"op": "del", "path"}``,
``{"op": "ins", "path", "index", "value"}``, ``{"op": "rm", "path", "index"}``.
Operations compile to patches through a :class:`Recorder`, which can roll back.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

Patch = dict[str, Any]
Path = list[str | int]
TargetKey = tuple[str, ...]
#: called with (doc, kind, path, value) before each patch is applied; raises to refuse it. For
#: ``ins`` the value is the inserted item, for ``rm`` the index, for ``del`` None.
PatchGuard = Callable[[Mapping[str, Any], str, Path, Any], None]


def _walk(doc: Any, path: Path) -> Any:
    node = doc
    for part in path:
        node = node[part]
    return node


def target_key(doc: dict[str, Any], path: Path, *, list_op: bool = False) -> TargetKey:
    """The conflict-tracking target a patch at ``path`` changes, resolved to stable ids.

    ``list_op`` says the patch inserts into or removes from the list at ``path``.
    """
    head = path[0] if path else ""
    if head == "annotations":  # cell annotations: one target per cell, the row belongs to its lane
        if len(path) >= 3:
            return ("annotation", str(path[1]), str(path[2]))
        return ("lane", str(path[1])) if len(path) == 2 else ("annotations",)
    if head == "bindings":
        if len(path) == 1:
            return ("list", "bindings")
        return ("binding", str(doc["bindings"][path[1]]["id"]))
    if head == "connections":
        if len(path) == 1:
            return ("list", "connections")
        return ("connection", str(doc["connections"][path[1]]["id"]))
    if head == "cells":
        if len(path) >= 3:
            return ("cell", str(path[1]), str(path[2]))
        return ("lane", str(path[1])) if len(path) == 2 else ("cells",)
    if head in ("stages", "lanes", "personas"):
        kind = {"stages": "stage", "lanes": "lane", "personas": "persona"}[str(head)]
        if len(path) == 1:
            return ("list", str(head))
        item = doc[head][path[1]]
        if head == "stages" and len(path) >= 3 and path[2] == "steps":
            if len(path) == 3:
                return ("list", "steps", item["id"]) if list_op else ("stage", item["id"])
            return ("step", item["steps"][path[3]]["id"])
        return (kind, item["id"])
    return ("map", str(head))


def diff_patches(old: Any, new: Any, path: Path | None = None) -> list[Patch]:
    """``set``/``del`` patches that turn ``old`` into ``new``: per key inside objects, a whole
    value where a list or a plain value differs (so a changed cell is one small patch)."""
    path = path or []
    if isinstance(old, dict) and isinstance(new, dict):
        patches: list[Patch] = [{"op": "del", "path": [*path, key]} for key in old if key not in new]
        for key, value in new.items():
            if key not in old:
                patches.append({"op": "set", "path": [*path, key], "value": copy.deepcopy(value)})
            elif old[key] != value:
                patches += diff_patches(old[key], value, [*path, key])
        return patches
    if old == new:
        return []
    return [{"op": "set", "path": path, "value": copy.deepcopy(new)}]


class Recorder:
    """Applies patches to ``doc`` in place, keeping forward patches, inverses and targets.

    ``guard`` (the map's lock, see ``_lock``) sees each patch first and may refuse it; the caller
    then rolls back what was applied.
    """

    def __init__(self, doc: dict[str, Any], guard: PatchGuard | None = None) -> None:
        self.doc = doc
        self.guard = guard
        self.forward: list[Patch] = []
        self.inverse: list[Patch] = []
        self.targets: set[TargetKey] = set()

    def set(self, path: Path, value: Any) -> None:
        if self.guard is not None:
            self.guard(self.doc, "set", path, value)
        parent = _walk(self.doc, path[:-1])
        key = path[-1]
        self.targets.add(target_key(self.doc, path))
        if isinstance(parent, list):
            assert isinstance(key, int)
            old: Patch = {"op": "set", "path": list(path), "value": copy.deepcopy(parent[key])}
        elif key in parent:
            old = {"op": "set", "path": list(path), "value": copy.deepcopy(parent[key])}
        else:
            old = {"op": "del", "path": list(path)}
        parent[key] = copy.deepcopy(value)
        self.forward.append({"op": "set", "path": list(path), "value": copy.deepcopy(value)})
        self.inverse.append(old)

    def delete(self, path: Path) -> None:
        if self.guard is not None:
            self.guard(self.doc, "del", path, None)
        parent = _walk(self.doc, path[:-1])
        self.targets.add(target_key(self.doc, path))
        old = parent.pop(path[-1])
        self.forward.append({"op": "del", "path": list(path)})
        self.inverse.append({"op": "set", "path": list(path), "value": old})

    def insert(self, path: Path, index: int, value: Any) -> None:
        if self.guard is not None:
            self.guard(self.doc, "ins", path, value)
        items = _walk(self.doc, path)
        self.targets.add(target_key(self.doc, path, list_op=True))
        items.insert(index, copy.deepcopy(value))
        self.forward.append({"op": "ins", "path": list(path), "index": index, "value": copy.deepcopy(value)})
        self.inverse.append({"op": "rm", "path": list(path), "index": index})

    def remove(self, path: Path, index: int) -> Any:
        if self.guard is not None:
            self.guard(self.doc, "rm", path, index)
        items = _walk(self.doc, path)
        self.targets.add(target_key(self.doc, path, list_op=True))
        old = items.pop(index)
        self.forward.append({"op": "rm", "path": list(path), "index": index})
        self.inverse.append({"op": "ins", "path": list(path), "index": index, "value": copy.deepcopy(old)})
        return old

    def apply(self, patches: Iterable[Patch]) -> None:
        """Apply ready-made patches (undo, redo) through the recorder."""
        for patch in patches:
            kind = patch["op"]
            if kind == "set":
                self.set(patch["path"], patch["value"])
            elif kind == "del":
                self.delete(patch["path"])
            elif kind == "ins":
                self.insert(patch["path"], patch["index"], patch["value"])
            elif kind == "rm":
                self.remove(patch["path"], patch["index"])
            else:  # pragma: no cover - patches are produced by this module
                raise ValueError(f"unknown patch {kind!r}")

    def undo_patches(self) -> list[Patch]:
        """The patches that undo everything recorded so far, in order."""
        return list(reversed(self.inverse))

    def rollback_to(self, mark: int) -> None:
        """Undo what was recorded after the first ``mark`` patches (a failed part of a transaction)."""
        undo = Recorder(self.doc)
        undo.apply(list(reversed(self.inverse[mark:])))
        del self.forward[mark:]
        del self.inverse[mark:]

    def rollback(self) -> None:
        """Undo everything recorded so far, leaving the document as it was."""
        undo = Recorder(self.doc)
        undo.apply(self.undo_patches())
        self.forward.clear()
        self.inverse.clear()
        self.targets.clear()
