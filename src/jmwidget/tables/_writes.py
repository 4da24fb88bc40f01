"""Values read from a table, written into a map's cells as one undoable change (for :func:`update_from_frame`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

from ..model import Journey, Lane, OperationError
from ..model._lookups import id_batch
from ._evidence import cell_value, checked_stats
from ._metrics import FRACTION, lane_fields, times_100, warn_if_fractions
from ._values import as_text, is_number, split_cards, split_channels, tidy_number

_WHERE = "update_from_frame"


@dataclass(frozen=True)
class Write:
    """One table value for one cell: where in the table it is (for errors), the cell, the value."""

    source: str  # "row 3, column 'Conversion'"
    lane: Lane
    step_id: str
    persona_id: str
    value: Any
    stats: Mapping[str, Any] = field(default_factory=dict)  # evidence given beside it: n, sd, low, high


#: A lane's ``metrics`` entry and the key it was given under: lane id -> (key, entry).
LaneOptions = Mapping[str, tuple[str, Mapping[str, Any]]]


def rescaled(writes: list[Write], options: LaneOptions) -> list[Write]:
    """The writes with ``fraction`` lanes' values (and sd, low, high) times 100; see :mod:`._metrics`."""
    for lane_id, (key, option) in options.items():
        if not option.get(FRACTION):
            warn_if_fractions([w.value for w in writes if w.lane.id == lane_id], option, key, _WHERE)
    scaled = {lane_id for lane_id, (_, option) in options.items() if option.get(FRACTION)}
    return [
        replace(w, value=times_100(w.value), stats={k: v if k == "n" else times_100(v) for k, v in w.stats.items()})
        if w.lane.id in scaled
        else w
        for w in writes
    ]


def write_all(journey: Journey, writes: list[Write], options: LaneOptions) -> None:
    """The lanes' ``metrics`` fields, then every write, in one transaction; one error naming every bad value.

    Raises :class:`OperationError` before anything is applied when the table holds evidence and
    this jmwidget's maps cannot.
    """
    errors: list[str] = []
    with journey.transaction("update from table"), id_batch(cast("dict[str, Any]", journey.document)):
        for lane_id, (_, option) in options.items():
            if lane_fields(option):
                journey.apply({"op": "edit_lane", "lane": lane_id, "fields": lane_fields(option)})
        for write in writes:
            try:
                _apply_value(journey, write)
            except OperationError as exc:
                errors.append(f"{write.source}: {exc}")
        if errors:
            count = len(errors)
            raise OperationError(
                f"{_WHERE}: {count} bad value{'s' if count > 1 else ''}, nothing was applied:\n  " + "\n  ".join(errors)
            )


def _apply_value(journey: Journey, write: Write) -> None:
    lane, step_id, value = write.lane, write.step_id, write.value
    if lane.kind == "cards":
        _replace_cards(journey, lane, step_id, value)
        return
    op: dict[str, Any] = {"op": "set_cell", "lane": lane.id, "step": step_id}
    if lane.kind == "channels":
        op["value"] = split_channels(value)
    elif lane.kind == "text":
        op["value"] = value if isinstance(value, str) else as_text(value)
    elif lane.kind == "emotion":
        op.update(value=tidy_number(value) if is_number(value) else value, persona=write.persona_id)
    else:
        op["value"] = value
    if lane.kind in ("emotion", "metric"):
        if isinstance(op["value"], str):
            if op["value"].strip():
                raise OperationError(f"lane {lane.name!r} takes numbers, got text {op['value']!r}")
            op["value"] = None
        op["value"] = cell_value(op["value"], checked_stats(write.stats))
    journey.apply(op)


def _replace_cards(journey: Journey, lane: Lane, step_id: str, value: Any) -> None:
    """A cell's cards replaced by one per text; kept as they are when the texts are unchanged."""
    texts = split_cards(value) if not (isinstance(value, str) and not value.strip()) else []
    current = [(card["id"], card["text"]) for card in journey.document["cells"].get(lane.id, {}).get(step_id) or []]
    if [text for _, text in current] == texts:
        return
    for card_id, _ in current:
        journey.apply({"op": "delete_card", "card": card_id})
    for text in texts:
        journey.apply({"op": "add_card", "lane": lane.id, "step": step_id, "card": {"text": text}})


__all__ = ["LaneOptions", "Write", "rescaled", "write_all"]
