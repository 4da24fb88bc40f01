"""Three-way merge of two versions of one map that both grew from a common one.

The documents are compared target by target (see :mod:`._targets`): a target only one side
changed takes that side's value, so changes to different things all survive. A target both sides
changed differently is a conflict: the other side's value (``theirs``, the file's) is kept, the
way the first writer wins everywhere in jmwidget, and the conflict is reported with both values so
the person whose change was replaced is told. Lists (orders) merge by membership: items added on
either side are kept, items deleted on either side go.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ._blueprint import zone_rank
from ._checks import check_document
from ._new_ids import separate_new_ids
from ._targets import Key, Table, flatten, rebuild
from ._validation import validate_document

_MISSING: Any = object()


@dataclass(frozen=True)
class Conflict:
    """A target both sides changed: what this side wanted and what was kept instead."""

    target: Key
    where: str
    mine: Any
    kept: Any
    dropped: str = ""  # why it went though nobody changed it: what it belonged to is gone

    @property
    def message(self) -> str:
        if self.dropped:
            return f"{self.where}: not kept, because {self.dropped}"
        if self.mine is _MISSING or self.mine is None:
            return f"{self.where}: your deletion was not kept; it was changed in the file meanwhile"
        if self.kept is _MISSING or self.kept is None:
            return f"{self.where}: your change was not kept; it was deleted in the file meanwhile"
        return f"{self.where}: your change ({_short(self.mine)}) was replaced by the file's ({_short(self.kept)})"


@dataclass
class Merged:
    """The merged document, the conflicts, and whether each side brought changes."""

    document: dict[str, Any]
    conflicts: list[Conflict] = field(default_factory=list)
    theirs_changes: int = 0
    mine_changes: int = 0

    @property
    def theirs_changed(self) -> bool:
        return self.theirs_changes > 0

    @property
    def mine_changed(self) -> bool:
        return self.mine_changes > 0


def merge(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> Merged:
    """Merge ``mine`` and ``theirs``, both descended from ``base``; ``theirs`` wins conflicts."""
    mine = separate_new_ids(base, mine, theirs)
    b, m, t = flatten(base), flatten(mine), flatten(theirs)
    result: Table = {}
    conflicts: list[Conflict] = []
    for key in sorted(set(b) | set(m) | set(t), key=_order):
        value, conflict = _pick(key, b.get(key, _MISSING), m.get(key, _MISSING), t.get(key, _MISSING))
        if value is not _MISSING:
            result[key] = value
        if conflict:
            conflicts.append(Conflict(key, describe(key, mine, theirs), m.get(key, _MISSING), t.get(key, _MISSING)))
    document, dropped = rebuild(result, theirs)
    gone = "what it belongs to was deleted on the other side"
    reasons = dict.fromkeys(dropped, gone) | dict.fromkeys(_repair(document), "it lies outside the emotion scale now")
    for key, reason in reasons.items():  # gone though nobody asked for it: said so
        conflicts.append(Conflict(key, describe(key, mine, theirs), m.get(key, _MISSING), _MISSING, dropped=reason))
    counts = _changes(b, t), _changes(b, m)
    if _problems(document):  # a rule across targets broke (zone order, channels, scale): keep theirs
        lost = [k for k in set(b) | set(m) if m.get(k, _MISSING) not in (b.get(k, _MISSING), t.get(k, _MISSING))]
        kept = [Conflict(k, describe(k, mine, theirs), m.get(k, _MISSING), t.get(k, _MISSING)) for k in lost]
        return Merged(copy.deepcopy(theirs), kept, *counts)
    return Merged(document, conflicts, *counts)


def _repair(doc: dict[str, Any]) -> list[Key]:
    """Keep the rules that span targets after a merge; the keys of values that had to go.

    Lanes with a zone go back into zone order (each keeps its place among the others); a channel
    a cell uses stays in the map's vocabulary; an emotion outside a changed scale goes.
    """
    zoned = [i for i, lane in enumerate(doc["lanes"]) if zone_rank(lane) is not None]
    in_order = sorted((doc["lanes"][i] for i in zoned), key=lambda lane: zone_rank(lane) or 0)
    for i, lane in zip(zoned, in_order, strict=True):
        doc["lanes"][i] = lane
    kinds = {lane["id"]: lane["kind"] for lane in doc["lanes"]}
    scale = doc["emotion_scale"]
    dropped: list[Key] = []
    for lane_id, row in doc["cells"].items():
        for step_id, value in list(row.items()):
            if kinds[lane_id] == "channels":
                doc["channels"] += [c for c in value if c not in doc["channels"]]
            elif kinds[lane_id] == "emotion":
                for persona_id, entry in list(value.items()):
                    if not _on_scale(entry, scale):
                        del value[persona_id]
                        dropped.append(("emotion", lane_id, step_id, persona_id))
                if not value:
                    del row[step_id]
    return dropped


def _on_scale(entry: Any, scale: dict[str, Any]) -> bool:
    """Whether an emotion (a number, or evidence with its low and high) lies on ``scale``."""
    numbers = [entry.get(key) for key in ("value", "low", "high")] if isinstance(entry, dict) else [entry]
    return all(scale["min"] <= number <= scale["max"] for number in numbers if number is not None)


def _changes(before: Table, after: Table) -> int:
    """How many targets differ (a value, or the order or members of a list)."""
    return sum(1 for key in set(before) | set(after) if before.get(key, _MISSING) != after.get(key, _MISSING))


def _pick(key: Key, base: Any, mine: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value of one target, and whether it is a conflict."""
    if mine in (theirs, base):
        return theirs, False
    if theirs == base:
        return mine, False
    if key[0] == "list":
        return _merge_list(base, mine, theirs), False  # membership is judged by the items themselves
    return theirs, True


def _merge_list(base: Any, mine: Any, theirs: Any) -> list[str]:
    """Theirs' order, without what mine removed, plus what mine added (after its predecessor)."""
    base_items = set(() if base is _MISSING else base)
    mine_items = [] if mine is _MISSING else list(mine)
    result = [item for item in ([] if theirs is _MISSING else theirs) if item in mine_items or item not in base_items]
    for index, item in enumerate(mine_items):
        if item in result or item in base_items:
            continue
        before = next((p for p in reversed(mine_items[:index]) if p in result), None)
        result.insert(0 if before is None else result.index(before) + 1, item)
    return result


def _problems(document: dict[str, Any]) -> bool:
    try:
        validate_document(document)
    except ValueError:
        return True
    return bool(check_document(document))


def _order(key: Key) -> tuple[int, Key]:
    return (1 if key[0] == "list" else 0, key)


def describe(key: Key, *docs: dict[str, Any]) -> str:
    """A target in words, with names from the first of ``docs`` that has them."""
    names: dict[str, str] = {}
    for doc in reversed(docs):
        names.update((p["id"], p["name"]) for p in doc["personas"])
        names.update((s["id"], s["name"]) for s in doc["stages"])
        names.update((t["id"], t["name"]) for s in doc["stages"] for t in s["steps"])
        names.update((lane["id"], lane["name"]) for lane in doc["lanes"])
    kind, *ids = key
    named = [repr(names.get(i, i)) for i in ids]
    if kind in ("cell", "annotation"):
        return f"the {'cell' if kind == 'cell' else 'annotations of the cell'} {named[0]} x {named[1]}"
    if kind == "emotion":
        return f"the emotion {named[0]} x {named[1]} of {named[2]}"
    if kind == "map":
        return f"the map's {ids[0]}"
    if kind == "list":
        return f"the order of {ids[0]}"
    return f"{kind} {named[0]}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
