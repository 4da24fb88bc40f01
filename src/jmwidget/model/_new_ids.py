"""Ids two writers made independently: told apart before their versions are merged.

Ids are made from names (``slug``), so two people who each add a step called "Pay" both get the
id ``pay``. When an id is new on both sides and names different things, this side's one is
renamed (``pay-2``) everywhere it is used, so both survive the merge.
"""

from __future__ import annotations

import copy
from typing import Any

from ._lookups import all_ids, new_id
from ._targets import flatten

_ENDS = ("from", "to")


def separate_new_ids(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """``mine`` with every id that is new on both sides but names different things renamed."""
    fresh = (all_ids(mine) & all_ids(theirs)) - all_ids(base)
    ours, others = flatten(mine), flatten(theirs)
    clashes = [i for i in sorted(fresh) if _about(ours, i) != _about(others, i)]
    if not clashes:
        return mine
    doc = copy.deepcopy(mine)
    taken = all_ids(mine) | all_ids(theirs)
    for old in clashes:
        new = new_id(doc, old, "item", taken)
        taken.add(new)
        _rename(doc, old, new)
    return doc


def _about(table: dict[tuple[str, ...], Any], item: str) -> dict[tuple[str, ...], Any]:
    return {k: v for k, v in table.items() if item in k}


def _rename(doc: dict[str, Any], old: str, new: str) -> None:
    """Replace the id ``old`` by ``new`` wherever ``doc`` uses it."""
    bindings = doc.get("bindings") or []
    for item in [*doc["personas"], *doc["lanes"], *doc["stages"], *doc["connections"], *bindings]:
        _swap(item, "id", old, new)
    for binding in bindings:
        _swap(binding, "lane", old, new)
        _swap(binding, "persona", old, new)
    for stage in doc["stages"]:
        for step in stage["steps"]:
            _swap(step, "id", old, new)
    for rows in (doc["cells"], doc["annotations"]):
        _rekey(rows, old, new)
        for row in rows.values():
            _rekey(row, old, new)
            for value in row.values():
                if isinstance(value, dict):  # an emotion cell: persona id -> number
                    _rekey(value, old, new)
                elif isinstance(value, list):  # cards
                    for card in value:
                        if isinstance(card, dict):
                            _swap(card, "id", old, new)
    for connection in doc["connections"]:
        for end in _ENDS:
            for field in ("lane", "step", "card"):
                _swap(connection[end], field, old, new)


def _swap(item: dict[str, Any], field: str, old: str, new: str) -> None:
    if item.get(field) == old:
        item[field] = new


def _rekey(mapping: dict[str, Any], old: str, new: str) -> None:
    if old in mapping:
        mapping[new] = mapping.pop(old)
