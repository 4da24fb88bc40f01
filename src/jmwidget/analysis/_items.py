"""The blueprint as analysis sees it: items (cells and cards with content), their annotations,
and the connection graph between them.

An **item** is a cell with content in a text, channels or metric lane, or one card in a cards
lane (emotion lanes are the customer's feeling, not an action, and are left out). A connection
end that names a card is that card's item; an end that names a whole cell stands for every card
in it (or the cell itself when the cell holds text).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import cell_number
from ..model._blueprint import ZONE_NAMES

if TYPE_CHECKING:
    from ..model import Journey

#: Seconds per duration unit; a day is counted as 24 hours of elapsed time.
SECONDS = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0, "days": 86400.0}

Key = tuple[str, str, str]  # (lane id, step id, card id or "")
#: The columns of :meth:`Item.where`, in order.
WHERE = ["zone", "lane_id", "lane", "stage_id", "stage", "step_id", "step", "step_index", "card_id", "text"]


@dataclass(frozen=True)
class Item:
    """A cell with content, or a card, with where it sits and its annotations."""

    lane_id: str
    lane: str
    zone: str | None
    step_id: str
    step: str
    step_index: int
    stage_id: str
    stage: str
    card_id: str | None
    text: str
    annotations: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> Key:
        return (self.lane_id, self.step_id, self.card_id or "")

    @property
    def zone_name(self) -> str:
        return ZONE_NAMES[self.zone] if self.zone else self.lane

    def where(self) -> dict[str, Any]:
        """Where the item sits and what it says, as the first columns of an analysis row (:data:`WHERE`)."""
        return {
            "zone": self.zone,
            "lane_id": self.lane_id,
            "lane": self.lane,
            "stage_id": self.stage_id,
            "stage": self.stage,
            "step_id": self.step_id,
            "step": self.step,
            "step_index": self.step_index,
            "card_id": self.card_id,
            "text": self.text,
        }

    def label(self) -> str:
        """A short name for messages: the text, cut at 60 characters."""
        text = " ".join(self.text.split())
        return text if len(text) <= 60 else text[:59] + "…"

    def seconds(self) -> float | None:
        """The item's duration in seconds, if it has one."""
        duration = self.annotations.get("duration")
        return None if duration is None else float(duration["value"]) * SECONDS[duration["unit"]]


@dataclass(frozen=True)
class Blueprint:
    """A snapshot of a journey for analysis: its items, steps and connections."""

    doc: dict[str, Any]
    items: tuple[Item, ...]
    steps: tuple[dict[str, Any], ...]  # step_index, step_id, step, stage_id, stage

    @property
    def by_key(self) -> dict[Key, Item]:
        return {item.key: item for item in self.items}

    def lane(self, lane_id: str) -> dict[str, Any]:
        return next(lane for lane in self.doc["lanes"] if lane["id"] == lane_id)

    def expand(self, end: Mapping[str, Any]) -> list[Key]:
        """The item keys a connection end stands for (see the module docstring)."""
        lane_id, step_id, card = str(end["lane"]), str(end["step"]), end.get("card")
        if card:
            return [(lane_id, step_id, str(card))]
        cell = self.doc["cells"].get(lane_id, {}).get(step_id)
        if isinstance(cell, list) and cell and isinstance(cell[0], Mapping):
            return [(lane_id, step_id, str(c["id"])) for c in cell]
        return [(lane_id, step_id, "")]

    def edges(self) -> Iterator[tuple[Key, Key, dict[str, Any]]]:
        """Every (from item, to item, connection) pair the connections make, in document order."""
        for connection in self.doc["connections"]:
            for start in self.expand(connection["from"]):
                for end in self.expand(connection["to"]):
                    if start != end:
                        yield start, end, connection


def _cell_text(lane: Mapping[str, Any], value: Any) -> str | None:
    """The content of a non-card cell as text, or None when it is empty."""
    if value is None or value in ("", []):
        return None
    if lane["kind"] == "channels":
        return ", ".join(str(v) for v in value)
    if lane["kind"] == "metric":  # the number, also when evidence stands behind it
        return str(cell_number(value))
    return str(value)


def snapshot(journey: Journey) -> Blueprint:
    """Read ``journey`` once (a consistent copy) into a :class:`Blueprint`."""
    doc = journey.to_dict()
    steps = tuple(
        {"step_index": i, "step_id": step["id"], "step": step["name"], "stage_id": stage["id"], "stage": stage["name"]}
        for i, (stage, step) in enumerate((stage, step) for stage in doc["stages"] for step in stage["steps"])
    )
    items: list[Item] = []
    for lane in doc["lanes"]:
        if lane["kind"] == "emotion":
            continue
        cells = doc["cells"].get(lane["id"], {})
        notes = doc.get("annotations", {}).get(lane["id"], {})
        for step in steps:
            where = {
                "lane_id": lane["id"],
                "lane": lane["name"],
                "zone": lane.get("zone"),
                **{k: step[k] for k in ("step_id", "step", "step_index", "stage_id", "stage")},
            }
            value = cells.get(step["step_id"])
            if lane["kind"] == "cards":
                for card in value or []:
                    items.append(
                        Item(**where, card_id=card["id"], text=card["text"], annotations=card.get("annotations", {}))
                    )
                if step["step_id"] in notes:  # an annotation on the cell itself, next to its cards
                    items.append(Item(**where, card_id=None, text="", annotations=notes[step["step_id"]]))
                continue
            text = _cell_text(lane, value)
            note = notes.get(step["step_id"], {})
            if text is not None or note:
                items.append(Item(**where, card_id=None, text=text or "", annotations=note))
    items.sort(key=lambda item: item.step_index)  # column by column, lanes top to bottom within a column
    return Blueprint(doc, tuple(items), steps)
