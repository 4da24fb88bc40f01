"""JourneyEditing: the editing helpers, each one operation. Map fields, personas, stages, steps, lanes, cells, cards."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ._errors import OperationError
from ._journey_changes import JourneyChanges
from ._lookups import all_ids
from ._values import check_scale


class JourneyEditing(JourneyChanges):
    """Editing by id or name: each helper builds one operation and applies it."""

    # ------------------------------------------------------------ map fields

    title = property(lambda self: self._doc["title"], lambda self, v: self.edit(title=v), doc="The map's title.")
    description = property(lambda self: self._doc["description"], lambda self, v: self.edit(description=v))
    scenario = property(lambda self: self._doc["scenario"], lambda self, v: self.edit(scenario=v))
    state = property(lambda self: self._doc["state"], lambda self, v: self.edit(state=v))
    channels = property(lambda self: tuple(self._doc["channels"]), lambda self, v: self.edit(channels=list(v)))

    @property
    def emotion_scale(self) -> tuple[int, int, float]:
        """``(min, max, neutral)`` of the emotion scale."""
        s = self._doc["emotion_scale"]
        return (s["min"], s["max"], s["neutral"])

    def edit(self, **fields: Any) -> None:
        """Edit map fields: title, description, scenario, state, channels, emotion_scale."""
        if "emotion_scale" in fields and isinstance(fields["emotion_scale"], (tuple, list)):
            low, high, neutral = fields["emotion_scale"]
            fields["emotion_scale"] = {"min": low, "max": high, "neutral": neutral}
        if "emotion_scale" in fields:
            check_scale(fields["emotion_scale"], "edit")
        self.apply({"op": "edit_map", "fields": fields})

    def _add(self, op: dict[str, Any]) -> str:
        """Apply an add operation and return the id of what it added."""
        before = _ids_of_kind(self._doc, op)
        self.apply(op)
        (added,) = _ids_of_kind(self._doc, op) - before
        return added

    # ------------------------------------------------------------ personas

    def add_persona(self, name: str, *, index: int | None = None, **fields: Any) -> str:
        """Add a persona (role, goals, needs, quote, backstory, id); return its id."""
        op: dict[str, Any] = {"op": "add_persona", "persona": {"name": name, **_listify(fields)}}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def edit_persona(self, persona: str, **fields: Any) -> None:
        self.apply({"op": "edit_persona", "persona": self.persona_id(persona), "fields": _listify(fields)})

    def delete_persona(self, persona: str) -> None:
        self.apply({"op": "delete_persona", "persona": self.persona_id(persona)})

    # ------------------------------------------------------------ stages and steps

    def add_stage(
        self, name: str, steps: list[str] | tuple[str, ...] = (), *, index: int | None = None, id: str | None = None
    ) -> str:
        """Add a stage (optionally with step names); return its id."""
        stage: dict[str, Any] = {"name": name, "steps": [{"name": s} for s in steps]}
        if id is not None:
            stage["id"] = id
        op: dict[str, Any] = {"op": "add_stage", "stage": stage}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def rename_stage(self, stage: str, name: str) -> None:
        self.apply({"op": "rename_stage", "stage": self.stage_id(stage), "name": name})

    def move_stage(self, stage: str, index: int) -> None:
        self.apply({"op": "move_stage", "stage": self.stage_id(stage), "index": index})

    def delete_stage(self, stage: str) -> None:
        self.apply({"op": "delete_stage", "stage": self.stage_id(stage)})

    def add_step(self, stage: str, name: str, *, index: int | None = None, id: str | None = None) -> str:
        """Add a step to a stage; return its id."""
        step: dict[str, Any] = {"name": name}
        if id is not None:
            step["id"] = id
        op: dict[str, Any] = {"op": "add_step", "stage": self.stage_id(stage), "step": step}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def rename_step(self, step: str, name: str) -> None:
        self.apply({"op": "rename_step", "step": self.step_id(step), "name": name})

    def move_step(self, step: str, index: int, *, stage: str | None = None) -> None:
        """Move a step to ``index`` within ``stage`` (default: its own stage)."""
        op: dict[str, Any] = {"op": "move_step", "step": self.step_id(step), "index": index}
        if stage is not None:
            op["stage"] = self.stage_id(stage)
        self.apply(op)

    def delete_step(self, step: str) -> None:
        self.apply({"op": "delete_step", "step": self.step_id(step)})

    # ------------------------------------------------------------ lanes

    def add_lane(
        self,
        name: str,
        kind: str = "text",
        *,
        index: int | None = None,
        id: str | None = None,
        **fields: Any,
    ) -> str:
        """Add a lane of ``kind`` (text, cards, channels, emotion, metric); return its id.

        Metric lanes take ``unit``, ``format`` (percent, count, seconds, currency, score) and
        ``higher_is_better``; any lane takes ``description``.
        """
        lane: dict[str, Any] = {"name": name, "kind": kind, **{k: v for k, v in fields.items() if v is not None}}
        if id is not None:
            lane["id"] = id
        op: dict[str, Any] = {"op": "add_lane", "lane": lane}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def rename_lane(self, lane: str, name: str) -> None:
        self.edit_lane(lane, name=name)

    def edit_lane(self, lane: str, **fields: Any) -> None:
        """Edit a lane's name, description, or (metric lanes) unit, format, higher_is_better."""
        self.apply({"op": "edit_lane", "lane": self.lane_id(lane), "fields": fields})

    def move_lane(self, lane: str, index: int) -> None:
        self.apply({"op": "move_lane", "lane": self.lane_id(lane), "index": index})

    def delete_lane(self, lane: str) -> None:
        self.apply({"op": "delete_lane", "lane": self.lane_id(lane)})

    # ------------------------------------------------------------ cells and cards

    def set_cell(self, lane: str, step: str, value: Any, *, persona: str | None = None) -> None:
        """Set one cell; ``None`` clears it. Emotion cells take ``persona`` (default: the first).

        Emotion and metric cells also take the evidence behind the number as a dict:
        ``{"value": 2.1, "n": 412, "sd": 0.4, "low": 1.8, "high": 2.4}``. Only ``value`` is
        required (``"mean"`` is accepted as another name for it); ``n`` is a whole number of
        observations, ``sd`` a standard deviation, ``low``/``high`` an interval around the value
        (``low <= value <= high``; on an emotion lane all three lie on the emotion scale).
        Optional fields that are ``None`` or NaN (a missing value in a table) are left out.
        Setting a plain number replaces the evidence too; :meth:`evidence` reads it back.
        """
        op: dict[str, Any] = {
            "op": "set_cell",
            "lane": self.lane_id(lane),
            "step": self.step_id(step),
            "value": _evidence_input(value) if isinstance(value, Mapping) else plain_json(value),
        }
        if persona is not None:
            op["persona"] = self.persona_id(persona)
        self.apply(op)

    def add_card(
        self,
        lane: str,
        step: str,
        text: str,
        *,
        color: str | None = None,
        tag: str | None = None,
        impact: str | None = None,
        index: int | None = None,
        id: str | None = None,
    ) -> str:
        """Add a sticky note to a cards lane; ``impact`` is trivial, work-around or abandons. Returns its id."""
        card = {
            k: v
            for k, v in {"text": text, "color": color, "tag": tag, "impact": impact, "id": id}.items()
            if v is not None
        }
        op: dict[str, Any] = {"op": "add_card", "lane": self.lane_id(lane), "step": self.step_id(step), "card": card}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def edit_card(self, card: str, **fields: Any) -> None:
        """Edit a card's text, color, tag or impact (None removes color, tag, impact)."""
        self.apply({"op": "edit_card", "card": card, "fields": fields})

    def move_card(self, card: str, lane: str, step: str, *, index: int | None = None) -> None:
        op: dict[str, Any] = {"op": "move_card", "card": card, "lane": self.lane_id(lane), "step": self.step_id(step)}
        if index is not None:
            op["index"] = index
        self.apply(op)

    def delete_card(self, card: str) -> None:
        self.apply({"op": "delete_card", "card": card})


def _evidence_input(value: Mapping[str, Any]) -> dict[str, Any]:
    """Evidence given to :meth:`JourneyEditing.set_cell`: plain JSON numbers, ``"mean"`` read as
    ``"value"``, and missing optional fields (None, NaN) left out."""
    given = {str(key): plain_json(item) for key, item in value.items()}
    if "mean" in given:
        if "value" in given:
            raise OperationError("set_cell: evidence names its value once, as 'value' or 'mean', not both")
        given = {("value" if key == "mean" else key): item for key, item in given.items()}
    return {
        key: item
        for key, item in given.items()
        if key == "value" or not (item is None or (isinstance(item, float) and math.isnan(item)))
    }


def _ids_of_kind(doc: dict[str, Any], op: dict[str, Any]) -> set[str]:
    """The ids of the kind of thing an add operation adds (the cards of its cell for ``add_card``)."""
    kind = op["op"]
    if kind == "add_card":
        return {card["id"] for card in doc["cells"].get(op["lane"], {}).get(op["step"]) or []}
    if kind == "add_step":
        return {step["id"] for stage in doc["stages"] for step in stage["steps"]}
    items = {"add_persona": "personas", "add_stage": "stages", "add_lane": "lanes", "add_connection": "connections"}
    if kind in items:
        return {item["id"] for item in doc[items[kind]]}
    return all_ids(doc)


def _listify(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()}


def plain_json(value: Any) -> Any:
    """Turn numpy scalars and tuples into plain JSON values."""
    if isinstance(value, tuple):
        return [plain_json(v) for v in value]
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (list, dict, str)):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value
