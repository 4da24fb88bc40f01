"""The columns of the table forms (tidy, wide, connections) and the names of the wide form's lane columns."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Journey, Lane
from ._evidence import EVIDENCE_STATS

#: Blueprint annotation columns of the tidy form: a card's annotations on card rows, the cell's otherwise.
ANNOTATION_COLUMNS = (
    "fail_point",
    "fail_note",
    "wait_point",
    "wait_note",
    "duration",
    "duration_unit",
    "cost",
    "currency",
    "owner",
)
#: Columns of the tidy form, in order.
TIDY_COLUMNS = (
    "stage_id",
    "stage",
    "step_id",
    "step",
    "step_index",
    "lane_id",
    "lane",
    "kind",
    "zone",
    "persona_id",
    "persona",
    "value",
    "number",
    *EVIDENCE_STATS,
    "card_id",
    "impact",
    "tag",
    "color",
    *ANNOTATION_COLUMNS,
)
#: Columns of the connections form (one row per connection), in order.
CONNECTION_COLUMNS = (
    "connection_id",
    *(
        f"{side}_{part}"
        for side in ("from", "to")
        for part in ("stage", "step_id", "step", "lane_id", "lane", "card_id", "card")
    ),
    "label",
)
#: The step columns that open the wide form.
STEP_COLUMNS = ("stage_id", "stage", "step_id", "step", "step_index")

#: How the wide form joins the texts of a cell's cards, and the channels of a cell.
CARD_SEPARATOR = "; "
CHANNEL_SEPARATOR = ", "


@dataclass(frozen=True)
class WideColumn:
    """One lane column of the wide form: its name, lane, and (emotion lanes) persona."""

    name: str
    lane: Lane
    persona_id: str | None = None


def wide_columns(journey: Journey) -> list[WideColumn]:
    """The lane columns of :func:`to_pandas` ``form="wide"``, in lane order.

    A column is named by its lane; an emotion lane gets one column per persona named
    ``"Emotion (Ana)"`` when the map has several personas. A name already taken (two lanes
    with one name, or a lane named like a step column) gets the lane id: ``"Notes [notes-2]"``.
    """
    personas = journey.personas
    taken = set(STEP_COLUMNS)
    columns: list[WideColumn] = []

    def claim(name: str, lane: Lane, persona_id: str | None) -> None:
        if name in taken:
            name = f"{name} [{lane.id}]" if persona_id is None else f"{name} [{lane.id}/{persona_id}]"
        taken.add(name)
        columns.append(WideColumn(name, lane, persona_id))

    for lane in journey.lanes:
        if lane.kind == "emotion":
            if len(personas) == 1:
                claim(lane.name, lane, personas[0].id)
            else:
                for persona in personas:
                    claim(f"{lane.name} ({persona.name})", lane, persona.id)
        else:
            claim(lane.name, lane, None)
    return columns


__all__ = [
    "ANNOTATION_COLUMNS",
    "CARD_SEPARATOR",
    "CHANNEL_SEPARATOR",
    "CONNECTION_COLUMNS",
    "STEP_COLUMNS",
    "TIDY_COLUMNS",
    "WideColumn",
    "wide_columns",
]
