"""One binding's share of a refresh: run its computation and work out the operations.

Values are compared as evidence (``{"value", "n"?, "sd"?, "low"?, "high"?}``), so a survey mean
whose n changed is a change too. What a refresh writes is remembered in the binding's ``last``
record; a cell that no longer holds it was edited by a person.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import JourneyError, OperationError
from ..model._lookups import all_ids
from ._computation import Computation

if TYPE_CHECKING:
    from ..model import Binding, Journey

#: Result columns that hold fractions (0-1); a percent lane gets them as percentage points.
FRACTIONS = {"funnel": ("conversion", "overall_conversion")}
#: Result columns written beside a value as its evidence.
EVIDENCE = ("n", "sd", "low", "high")
#: Digits kept of a computed number.
DIGITS = 9
#: Numbers this close (relatively) are the same value: engines differ in the last digits (DuckDB
#: and PySpark keep timestamps in microseconds, pandas in nanoseconds).
SAME = 1e-6


@dataclass
class Plan:
    """A binding's operations, the record of what it wrote, and the cells it reports."""

    binding: Binding
    ops: list[dict[str, Any]] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    cards: dict[str, str] = field(default_factory=dict)
    changed: list[dict[str, Any]] = field(default_factory=list)
    kept: list[dict[str, Any]] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def entry(self, step: str, before: Any, after: Any) -> dict[str, Any]:
        return {"binding": self.binding.id, "lane": self.binding.lane, "step": step, "before": before, "after": after}

    def run(self, at: str, rows: int | None) -> dict[str, Any]:
        """The binding's new ``last`` record."""
        run: dict[str, Any] = {"at": at, "source": self.binding.source, "rows": rows, "values": self.values}
        if self.cards:
            run["cards"] = self.cards
        return run

    def run_differs(self, rows: int | None) -> bool:
        """Whether the record would say something new beyond its time (what was written, the rows read)."""
        last = self.binding.last
        return (last.get("values"), last.get("cards") or {}, last.get("rows")) != (self.values, self.cards, rows)


def plan_binding(journey: Journey, binding: Binding, computed: tuple[Computation, Any], overwrite: bool) -> Plan:
    """Plan the lane's changes from ``computed``: the binding's computation and its result table."""
    computation, result = computed
    where = f"refresh: binding {binding.id!r} (lane {journey.lane(binding.lane).name!r})"
    if binding.column not in result.columns:
        names = ", ".join(map(repr, result.columns))
        raise JourneyError(f"{where}: the {computation.kind} has no column {binding.column!r}; it has {names}")
    plan = Plan(binding)
    rows = _rows_of(journey, plan, _for_persona(journey, binding, result.to_dict("records"), where))
    if journey.lane(binding.lane).kind == "cards":
        _plan_cards(journey, plan, rows, overwrite)
    else:
        scale = 100.0 if _is_fraction(journey, binding, computation) else 1.0
        ends = journey.emotion_scale[:2] if journey.lane(binding.lane).kind == "emotion" else None
        _plan_values(journey, plan, rows, overwrite, (scale, ends))
    return plan


def _clipped(value: float | dict[str, Any], ends: tuple[float, float] | None) -> float | dict[str, Any]:
    """On the emotion scale an interval of a mean stops at the scale's ends (a small sample's 95%
    interval can reach past them, where no mean can lie)."""
    if ends is None or not isinstance(value, dict):
        return value
    clipped = dict(value)
    if "low" in clipped:
        clipped["low"] = max(clipped["low"], ends[0])
    if "high" in clipped:
        clipped["high"] = min(clipped["high"], ends[1])
    return clipped


def _for_persona(journey: Journey, binding: Binding, rows: list[dict[str, Any]], where: str) -> list[dict[str, Any]]:
    """A survey by segment: the rows of the binding's persona (its segment is the persona's id or name)."""
    if not rows or "segment" not in rows[0]:
        return rows
    if binding.persona is None:
        raise JourneyError(f"{where}: the survey has segments; bind it with persona= to say whose curve it gives")
    persona = next(p for p in journey.personas if p.id == binding.persona)
    mine = [row for row in rows if row["segment"] in (persona.id, persona.name)]
    if not mine:
        segments = ", ".join(sorted({repr(row["segment"]) for row in rows}))
        raise JourneyError(f"{where}: no segment is persona {persona.name!r} (by id or name); the segments: {segments}")
    return mine


def _rows_of(journey: Journey, plan: Plan, records: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """The result's rows with the id of their step; steps the map does not have are noted."""
    rows = []
    for row in records:
        try:
            rows.append((journey.step_id(str(row["step"])), row))
        except OperationError:
            plan.unmatched.append(str(row["step"]))
    return rows


def _is_fraction(journey: Journey, binding: Binding, computation: Computation) -> bool:
    lane = journey.lane(binding.lane)
    return lane.format == "percent" and binding.column in FRACTIONS.get(computation.kind, ())


def _plan_values(
    journey: Journey,
    plan: Plan,
    rows: list[tuple[str, dict[str, Any]]],
    overwrite: bool,
    scaling: tuple[float, tuple[float, float] | None],
) -> None:
    """``scaling``: the factor for the result's numbers, and the emotion scale's ends (emotion lanes)."""
    binding = plan.binding
    last = binding.last.get("values")
    for step_id, row in rows:
        new = _value(row, binding.column, scaling[0])
        if new is None:
            continue
        new = _clipped(new, scaling[1])
        plan.values[step_id] = new
        current = journey.evidence(binding.lane, step_id, persona=binding.persona)
        if same_value(current, _as_evidence(new)):
            plan.values[step_id] = _as_cell(current)  # what the map holds stays the reference
            continue
        edited = last is not None and current != _as_evidence(last.get(step_id))
        entry = plan.entry(step_id, _shown(current), _shown(_as_evidence(new)))
        if edited and not overwrite:
            plan.values[step_id] = last.get(step_id) if last else None  # the data's value stays the reference
            plan.kept.append(entry)
            continue
        op: dict[str, Any] = {"op": "set_cell", "lane": binding.lane, "step": step_id, "value": new}
        if binding.persona is not None:
            op["persona"] = binding.persona
        plan.ops.append(op)
        plan.changed.append(entry)


def _value(row: dict[str, Any], column: str, scale: float) -> float | dict[str, Any] | None:
    """The cell value a result row gives: a number, or evidence when the row carries n, sd, low, high."""
    value = _number(row.get(column), scale)
    if value is None:
        return None
    if column != "mean":
        return value
    evidence: dict[str, Any] = {"value": value}
    for name in EVIDENCE:
        number = _number(row.get(name), 1.0 if name == "n" else scale)
        if number is not None:
            evidence[name] = int(number) if name == "n" else number
    return evidence if len(evidence) > 1 else value


def _number(value: Any, scale: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):  # numpy's numbers are Real too
        raise JourneyError(f"refresh: a metric or emotion lane takes numbers; the result column gave {value!r}")
    number = float(value) * scale
    return None if math.isnan(number) else round(number, DIGITS)


def same_value(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Whether two values (as evidence) are the same up to :data:`SAME`: the same fields, n equal."""
    if a is None or b is None:
        return a is b
    if set(a) != set(b):
        return False
    return all(
        a[key] == b[key] if key == "n" else math.isclose(a[key], b[key], rel_tol=SAME, abs_tol=1e-12) for key in a
    )


def _as_cell(evidence: dict[str, Any] | None) -> Any:
    """Evidence as a cell holds it: the plain number when nothing stands behind it."""
    return _shown(evidence)


def _as_evidence(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    return dict(value) if isinstance(value, dict) else {"value": value}


def _shown(evidence: dict[str, Any] | None) -> Any:
    """A value for the report: the number alone when nothing stands behind it."""
    if evidence is None or set(evidence) != {"value"}:
        return evidence
    return evidence["value"]


def _plan_cards(journey: Journey, plan: Plan, rows: list[tuple[str, dict[str, Any]]], overwrite: bool) -> None:
    """Cards per (step, category): new ones added, known ones' text updated, gone ones deleted."""
    binding = plan.binding
    known: dict[str, str] = dict(binding.last.get("cards") or {})
    written: dict[str, str] = dict(binding.last.get("values") or {})
    wanted = {
        f"{step_id}/{category}": (step_id, card_text(category, count))
        for step_id, row in rows
        for category, count in _top(row.get(binding.column))
    }
    taken = set(known.values()) | all_ids(journey.document)  # type: ignore[arg-type]
    for key, (step_id, text) in wanted.items():
        card_id = known.get(key)
        if card_id is None:
            card_id = _new_card(journey, plan, step_id, text, taken)
        else:
            card_id = _update_card(journey, plan, card_id, (step_id, text), (written, taken), overwrite)
        plan.cards[key] = card_id
    for key, card_id in known.items():
        if key not in wanted:
            _drop_card(journey, plan, key, card_id, written, overwrite)


def card_text(category: Any, count: Any) -> str:
    """A data card's text: the category and how many rows have it."""
    return f"{category} ({int(count)})"


def _top(cell: Any) -> list[tuple[Any, Any]]:
    """``counts``' ``top`` cell (a list of ``{"category", "count"}``) as pairs."""
    if cell is None:
        return []
    if not isinstance(cell, list):
        raise JourneyError(f"refresh: a cards lane takes counts' 'top' column (a list per step), got {cell!r}")
    return [(item["category"], item["count"]) for item in cell]


def _new_card(journey: Journey, plan: Plan, step_id: str, text: str, taken: set[str]) -> str:
    """Plan a new data card; its id is the binding's id and a number no id in the map uses."""
    stem, number = f"{plan.binding.id}-", 1
    while f"{stem}{number}" in taken:
        number += 1
    card_id = f"{stem}{number}"
    taken.add(card_id)
    card = {"id": card_id, "text": text}
    plan.ops.append({"op": "add_card", "lane": plan.binding.lane, "step": step_id, "card": card})
    plan.changed.append(plan.entry(step_id, None, text))
    plan.values[card_id] = text
    return card_id


def _update_card(
    journey: Journey,
    plan: Plan,
    card_id: str,
    wanted: tuple[str, str],
    known: tuple[dict[str, str], set[str]],
    overwrite: bool,
) -> str:
    """Bring a card data made before up to date; returns the id that now stands for its key."""
    (step_id, text), (written, taken) = wanted, known
    card = _card(journey, card_id)
    if card is None:  # a person deleted it: it stays deleted unless overwrite
        if overwrite:
            return _new_card(journey, plan, step_id, text, taken)
        plan.kept.append(plan.entry(step_id, None, text))
        plan.values[card_id] = written.get(card_id, text)
        return card_id
    plan.values[card_id] = text
    if card["text"] == text:
        return card_id
    entry = plan.entry(card["step"], card["text"], text)
    if card["text"] != written.get(card_id) and not overwrite:
        plan.kept.append(entry)
        plan.values[card_id] = written.get(card_id, text)
        return card_id
    plan.ops.append({"op": "edit_card", "card": card_id, "fields": {"text": text}})
    plan.changed.append(entry)
    return card_id


def _drop_card(journey: Journey, plan: Plan, key: str, card_id: str, written: dict[str, str], overwrite: bool) -> None:
    """A category that left the data's top: its card goes, unless a person changed its text."""
    card = _card(journey, card_id)
    if card is None:
        return
    if card["text"] == written.get(card_id) or overwrite:
        plan.ops.append({"op": "delete_card", "card": card_id})
        plan.changed.append(plan.entry(card["step"], card["text"], None))
        return
    plan.kept.append(plan.entry(card["step"], card["text"], None))
    plan.cards[key] = card_id  # still the data's card: a later refresh finds it again
    plan.values[card_id] = written[card_id] if card_id in written else card["text"]


def _card(journey: Journey, card_id: str) -> dict[str, Any] | None:
    try:
        return journey.card(card_id)
    except OperationError:
        return None


__all__ = ["EVIDENCE", "FRACTIONS", "Plan", "card_text", "plan_binding"]
