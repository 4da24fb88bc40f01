"""What to fix first: pain points and fail points ranked by reach times severity, and the
"moments that matter" (the steps with the greatest emotional load, weighted by how many reach them).

The rule, so a rank can be explained:

* **reach** of a step: the cases at it, from ``reach=`` (a metric lane's name or id, or a funnel
  table with ``step`` and ``reached`` columns), else from a metric lane bound to a funnel's
  ``reached`` column; with neither every step counts 1 and ``reach_from`` says so;
* **impact** of an item: trivial 1, work-around 2, abandons 3; a fail point without an impact 2,
  any other pain point 1;
* **distress** at its step (0-2): how far the emotion sits below neutral (0 at neutral or above,
  1 at the bottom of the scale) plus the drop from the step before as a share of the scale;
  the mean over the personas with a value, or ``persona``'s;
* **severity** = impact x (1 + distress); **score** = reach x severity, ranked from the highest.

Pain points are the cards with an impact and the cards of a lane whose name says "pain"; fail
points are the cells and cards annotated as one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..model import JourneyError, OperationError, cell_number
from ._items import Blueprint, Item, snapshot

if TYPE_CHECKING:
    from ..model import Journey

IMPACT = {"trivial": 1, "work-around": 2, "abandons": 3}
PRIORITY_COLUMNS = [
    "rank", "kind", "lane", "stage", "step", "step_id", "card_id", "text", "impact", "impact_score",
    "fail_note", "emotion", "emotion_drop", "distress", "severity", "reach", "reach_from", "score",
]  # fmt: skip
MOMENT_COLUMNS = ["rank", "stage", "step", "step_id", "emotion", "load", "reach", "share", "weighted_load"]


def priorities(journey: Journey, *, reach: Any = None, persona: str | None = None) -> pd.DataFrame:
    """Pain points and fail points, ranked by reach x severity (see the module for the rule)."""
    blueprint = snapshot(journey)
    reaches, reach_from = _reach(journey, blueprint, reach)
    feelings = _distress(journey, blueprint, persona)
    rows = []
    for item in blueprint.items:
        kind = _kind(blueprint, item)
        if kind is None:
            continue
        impact = _card_impact(blueprint, item)
        score = IMPACT.get(impact or "", 2 if "fail point" in kind else 1)
        emotion, drop, distress = feelings[item.step_id]
        severity = score * (1 + distress)
        rows.append(
            {
                "kind": kind, "lane": item.lane, "stage": item.stage, "step": item.step,
                "step_id": item.step_id, "card_id": item.card_id, "text": item.text, "impact": impact,
                "impact_score": score, "fail_note": item.annotations.get("fail_point"), "emotion": emotion,
                "emotion_drop": drop, "distress": distress, "severity": severity,
                "reach": reaches[item.step_id], "reach_from": reach_from,
                "score": reaches[item.step_id] * severity,
            }
        )  # fmt: skip
    return _ranked(rows, PRIORITY_COLUMNS, "score")


def moments_that_matter(
    journey: Journey, *, reach: Any = None, persona: str | None = None, top: int | None = 3
) -> pd.DataFrame:
    """The steps with the greatest emotional load (distance of the emotion from neutral, over the
    scale's half range: 0-1) weighted by their share of the largest reach; the first ``top`` (all: None)."""
    blueprint = snapshot(journey)
    reaches, _ = _reach(journey, blueprint, reach)
    most = max((r for r in reaches.values() if not math.isnan(r)), default=math.nan)
    low, high, neutral = journey.emotion_scale
    half = max(neutral - low, high - neutral) or 1.0
    rows = []
    for step in blueprint.steps:
        emotion = _mean(_emotions(blueprint, step["step_id"], persona, journey))
        load = abs(emotion - neutral) / half
        share = reaches[step["step_id"]] / most if most else math.nan
        rows.append(
            {
                "stage": step["stage"], "step": step["step"], "step_id": step["step_id"], "emotion": emotion,
                "load": load, "reach": reaches[step["step_id"]], "share": share, "weighted_load": load * share,
            }
        )  # fmt: skip
    table = _ranked(rows, MOMENT_COLUMNS, "weighted_load")
    return table if top is None else table.head(top)


def _ranked(rows: list[dict[str, Any]], columns: list[str], by: str) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=[c for c in columns if c != "rank"])
    table = table.sort_values(by, ascending=False, na_position="last", kind="stable").reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table


def _kind(blueprint: Blueprint, item: Item) -> str | None:
    """ "pain point", "fail point", both, or None for an item that is neither."""
    kinds = []
    if item.card_id is not None and (_card_impact(blueprint, item) or "pain" in item.lane.lower()):
        kinds.append("pain point")
    if item.annotations.get("fail_point") is not None:
        kinds.append("fail point")
    return ", ".join(kinds) or None


def _card_impact(blueprint: Blueprint, item: Item) -> str | None:
    if item.card_id is None:
        return None
    cards = blueprint.doc["cells"].get(item.lane_id, {}).get(item.step_id) or []
    impact: str | None = next((c.get("impact") for c in cards if c["id"] == item.card_id), None)
    return impact


def _reach(journey: Journey, blueprint: Blueprint, reach: Any) -> tuple[dict[str, float], str]:
    """Per step id the cases at the step, and where that came from."""
    steps = [s["step_id"] for s in blueprint.steps]
    if reach is None:
        reach = _funnel_reach_lane(blueprint.doc)
        if reach is None:
            return dict.fromkeys(steps, 1.0), "none: every step counts 1 (give reach=)"
    if isinstance(reach, str):
        try:
            found = journey.lane(reach)
        except OperationError:
            message = f"priorities: reach={reach!r} names no lane; name a metric lane or give a funnel table"
            raise JourneyError(message) from None
        if found.kind != "metric":
            raise JourneyError(f"priorities: reach={reach!r} is a {found.kind} lane; reach comes from a metric lane")
        cells = blueprint.doc["cells"].get(found.id, {})
        return {s: _float(cells.get(s)) for s in steps}, f"lane {found.name!r}"
    return _reach_from_table(journey, steps, reach), "funnel table"


def _reach_from_table(journey: Journey, steps: list[str], table: Any) -> dict[str, float]:
    columns = list(getattr(table, "columns", []))
    if "step" not in columns or "reached" not in columns:
        raise JourneyError(
            f"priorities: reach= takes a metric lane or a funnel table with 'step' and 'reached' columns, "
            f"got {type(table).__name__} with columns {columns}"
        )
    found = dict.fromkeys(steps, math.nan)
    for key, reached in zip(list(table["step"]), list(table["reached"]), strict=True):
        try:
            found[journey.step_id(str(key))] = _float(reached)
        except OperationError:
            raise JourneyError(f"priorities: the funnel table's step {key!r} is not a step of the map") from None
    return found


def _funnel_reach_lane(doc: Mapping[str, Any]) -> str | None:
    for binding in doc.get("bindings") or []:
        if binding["compute"]["kind"] == "funnel" and binding["column"] == "reached":
            return str(binding["lane"])
    return None


def _emotions(blueprint: Blueprint, step_id: str, persona: str | None, journey: Journey) -> list[float]:
    doc = blueprint.doc
    wanted = [journey.persona_id(persona)] if persona else [p["id"] for p in doc["personas"]]
    values = []
    for lane in doc["lanes"]:
        if lane["kind"] == "emotion":
            cell = doc["cells"].get(lane["id"], {}).get(step_id) or {}
            values += [_float(cell.get(p)) for p in wanted]
    return [v for v in values if not math.isnan(v)]


def _distress(journey: Journey, blueprint: Blueprint, persona: str | None) -> dict[str, tuple[float, float, float]]:
    """Per step id: the emotion, its drop from the step before, and the distress (0-2)."""
    low, high, neutral = journey.emotion_scale
    found: dict[str, tuple[float, float, float]] = {}
    previous = math.nan
    for step in blueprint.steps:
        emotion = _mean(_emotions(blueprint, step["step_id"], persona, journey))
        drop = previous - emotion if not math.isnan(previous) else 0.0
        below = max(0.0, neutral - emotion) / ((neutral - low) or 1.0) if not math.isnan(emotion) else 0.0
        fall = max(0.0, drop) / ((high - low) or 1.0) if not math.isnan(drop) else 0.0
        found[step["step_id"]] = (emotion, drop, below + fall)
        previous = emotion if not math.isnan(emotion) else previous
    return found


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def _float(value: Any) -> float:
    number = cell_number(value) if not isinstance(value, (int, float)) else value
    return math.nan if number is None else float(number)


__all__ = ["IMPACT", "MOMENT_COLUMNS", "PRIORITY_COLUMNS", "moments_that_matter", "priorities"]
