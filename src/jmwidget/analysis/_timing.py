"""Time and cost along a blueprint, per step or per stage, and a chart of it.

Durations are read from the annotations of every cell and card and converted to one unit.
They are summed per side, not all together, because the two sides overlap in time: the
**customer** side (physical evidence, customer actions and lanes without a zone) is the time
the customer lives through; the **frontstage**, **backstage** and **support** sides are the
organisation's work (process cycle time). Costs are summed per currency, never converted.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from ..model import JourneyError
from ._items import SECONDS, Item, snapshot

if TYPE_CHECKING:
    import altair as alt

    from ..model import Journey

By = Literal["step", "stage"]
SIDES = ("customer", "frontstage", "backstage", "support")
#: The widget's zone colours (widget.css), so the chart and the map agree.
ZONE_COLORS = ("#1976d2", "#00897b", "#7e57c2", "#78909c")
SIDE_NAMES = {"customer": "Customer", "frontstage": "Frontstage", "backstage": "Backstage", "support": "Support"}


def side(item: Item) -> str:
    """Which time column an item's duration adds to."""
    return item.zone if item.zone in SIDES[1:] else "customer"


def check_unit(unit: str) -> float:
    """Seconds per ``unit``; a clear error for an unknown one."""
    if unit not in SECONDS:
        raise JourneyError(f"unit must be one of {', '.join(SECONDS)}, got {unit!r}")
    return SECONDS[unit]


def _join(notes: list[str]) -> str | None:
    return "; ".join(notes) if notes else None


def time_and_cost(journey: Journey, *, by: By = "step", unit: str = "minutes") -> pd.DataFrame:
    """Durations, waits, fail points and costs per step (or per stage), in blueprint order.

    Columns: where (``step_index``, ``stage_id``, ``stage``, ``step_id``, ``step``; per stage:
    ``stage_index``, ``stage_id``, ``stage``, ``steps``), then ``customer_time``,
    ``frontstage_time``, ``backstage_time``, ``support_time`` and ``work_time`` (the last three
    summed) in ``unit``, ``cumulative_customer_time`` (the customer's clock along the journey),
    ``timed`` (how many items have a duration), ``waits`` and ``wait_notes`` (wait points),
    ``fail_points``, ``owners``, and one ``cost_<CURRENCY>`` column per currency used.
    """
    if by not in ("step", "stage"):
        raise JourneyError(f"by must be 'step' or 'stage', got {by!r}")
    per = check_unit(unit)
    blueprint = snapshot(journey)
    currencies = sorted({str(i.annotations["cost"]["currency"]) for i in blueprint.items if "cost" in i.annotations})
    items_by_step: dict[str, list[Item]] = defaultdict(list)
    for item in blueprint.items:
        items_by_step[item.step_id].append(item)
    rows = []
    for step in blueprint.steps:
        row: dict[str, Any] = dict(step)
        row.update(_totals(items_by_step[step["step_id"]], per, currencies))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*_where(by="step"), *_value_columns(currencies)])
    if by == "stage":
        frame = _by_stage(frame, currencies)
    frame["cumulative_customer_time"] = frame["customer_time"].cumsum()
    frame.attrs["unit"] = unit
    return frame


def _where(*, by: By) -> list[str]:
    if by == "step":
        return ["step_index", "stage_id", "stage", "step_id", "step"]
    return ["stage_index", "stage_id", "stage", "steps"]


def _value_columns(currencies: list[str]) -> list[str]:
    times = [f"{s}_time" for s in SIDES]
    return [*times, "work_time", "timed", "waits", "wait_notes", "fail_points", "owners"] + [
        f"cost_{c}" for c in currencies
    ]


def _totals(items: list[Item], per: float, currencies: list[str]) -> dict[str, Any]:
    times = dict.fromkeys(SIDES, 0.0)
    costs = dict.fromkeys(currencies, 0.0)
    timed, waits, fails, owners = 0, [], 0, []
    for item in items:
        seconds = item.seconds()
        if seconds is not None:
            times[side(item)] += seconds / per
            timed += 1
        notes = item.annotations
        if "wait_point" in notes:
            waits.append(str(notes["wait_point"]))
        if "fail_point" in notes:
            fails += 1
        if "owner" in notes and notes["owner"] not in owners:
            owners.append(str(notes["owner"]))
        if "cost" in notes:
            costs[str(notes["cost"]["currency"])] += float(notes["cost"]["amount"])
    return {
        **{f"{s}_time": times[s] for s in SIDES},
        "work_time": times["frontstage"] + times["backstage"] + times["support"],
        "timed": timed,
        "waits": len(waits),
        "wait_notes": _join(waits),
        "fail_points": fails,
        "owners": _join(owners),
        **{f"cost_{c}": round(costs[c], 10) for c in currencies},
    }


def _by_stage(steps: pd.DataFrame, currencies: list[str]) -> pd.DataFrame:
    rows = []
    for stage_index, (stage_id, group) in enumerate(steps.groupby("stage_id", sort=False)):
        owners: list[str] = []
        for cell in group["owners"].dropna():
            owners.extend(o for o in str(cell).split("; ") if o not in owners)
        waits = [str(n) for n in group["wait_notes"].dropna()]
        row: dict[str, Any] = {
            "stage_index": stage_index,
            "stage_id": stage_id,
            "stage": group["stage"].iloc[0],
            "steps": len(group),
            **{col: group[col].sum() for col in [f"{s}_time" for s in SIDES] + ["work_time"]},
            "timed": int(group["timed"].sum()),
            "waits": int(group["waits"].sum()),
            "wait_notes": _join(waits),
            "fail_points": int(group["fail_points"].sum()),
            "owners": _join(owners),
            **{f"cost_{c}": round(float(group[f"cost_{c}"].sum()), 10) for c in currencies},
        }
        rows.append(row)
    return pd.DataFrame(rows, columns=[*_where(by="stage"), *_value_columns(currencies)])


def time_chart(
    journey: Journey, *, by: By = "step", unit: str = "minutes", selected_step: str | None = None
) -> alt.LayerChart:
    """Bars of time per step (or stage): the customer's time beside the organisation's work,
    stacked by zone; steps with a wait point get a "wait" label and their notes in the tooltip.

    Per step, the chart has the same ``step`` click selection (on ``step_id``) and
    ``selected_step`` parameter as :mod:`jmwidget.charts`, so a dashboard links it to the map.
    """
    from ._time_chart import time_bars

    frame = time_and_cost(journey, by=by, unit=unit)
    return time_bars(journey, frame, by=by, unit=unit, selected_step=selected_step)
