"""Benchmark maps built from tables and tables written into maps (not a test).

The 300-step x 40-lane map of ``bench/maps.py`` as a wide table (text, emotion, metric, cards and
channels columns; 12,000 values) is, each way in turn in one process:

* built into a map by ``Journey.from_pandas``, against the floor: the same document dict built by
  hand from the table's columns, then ``Journey.from_dict`` (the validation any builder pays);
* written into a copy of that map by ``update_from_pandas``: the same values, and changed ones
  (every text, metric and cards cell; cards are replaced, so old ones are deleted, new ones added);
* taken out again: ``to_pandas`` tidy and wide, ``to_polars`` tidy.

The same runs on the table's first 75 and 150 rows show how time grows with size: doubling the
rows about doubles a linear way's time and quadruples a quadratic one's.

Usage: ``PYTHONPATH=src .venv/bin/python bench/bench_tables.py [--repeat 5] [--out FILE]``
(default ``bench/results/<date>-tables.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from bench.maps import CHANNELS, build_map  # noqa: E402 - after the path set-up
from jmwidget import Journey  # noqa: E402
from jmwidget.tables import to_polars  # noqa: E402

SIZES = (75, 150, 300)
LANE_COLUMNS_FROM = 5  # stage_id, stage, step_id, step, step_index come first


def tables() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """The wide table of the benchmark map, a copy with every text, metric and cards value changed, the kinds."""
    journey = build_map()
    wide = journey.to_pandas("wide")
    kinds = {column: journey.lane(column).kind for column in wide.columns[LANE_COLUMNS_FROM:]}
    changed = wide.copy()
    for column, kind in kinds.items():
        if kind == "text":
            changed[column] = changed[column] + "!"
        elif kind == "metric":
            changed[column] = changed[column] + 1
        elif kind == "cards":
            changed[column] = changed[column] + "; one more"
    return wide, changed, kinds


def by_hand(table: pd.DataFrame, kinds: dict[str, str]) -> Journey:
    """The floor: the document written straight from the table's columns, then validated by ``from_dict``."""
    columns = table.to_dict("list")
    doc = Journey("Benchmark", persona="Ana", channels=CHANNELS).to_dict()
    for stage_id, stage, step_id, step in zip(
        *(columns[c] for c in ("stage_id", "stage", "step_id", "step")), strict=True
    ):
        if not doc["stages"] or doc["stages"][-1]["id"] != stage_id:
            doc["stages"].append({"id": stage_id, "name": stage, "steps": []})
        doc["stages"][-1]["steps"].append({"id": step_id, "name": step})
    steps = columns["step_id"]
    for i, (name, kind) in enumerate(kinds.items()):
        lane_id = f"lane-{i}"
        doc["lanes"].append(
            {"id": lane_id, "name": name, "kind": kind} | ({"format": "count"} if kind == "metric" else {})
        )
        doc["annotations"][lane_id] = {}
        doc["cells"][lane_id] = {
            step: _by_hand(kind, value, f"{i}-{r}")
            for r, (step, value) in enumerate(zip(steps, columns[name], strict=True))
        }
    return Journey.from_dict(doc, copy=False)


def _by_hand(kind: str, value: Any, where: str) -> Any:
    if kind == "emotion":
        return {"persona": int(value)}
    if kind == "channels":
        return value.split(", ")
    if kind == "cards":
        return [{"id": f"c-{where}-{n}", "text": text} for n, text in enumerate(value.split("; "))]
    return value


def ways(size: int, wide: pd.DataFrame, changed: pd.DataFrame, kinds: dict[str, str]) -> dict[str, Callable[[], Any]]:
    """The timed ways at one size; an update works on a fresh copy of the map (made before the clock starts)."""
    table, other = wide.head(size), changed.head(size)
    built = Journey.from_pandas(table, kinds=kinds, persona="Ana")

    def update(frame: pd.DataFrame) -> Callable[[], Any]:
        def run() -> Any:
            target = built.copy()
            start = time.perf_counter()
            target.update_from_pandas(frame)
            return time.perf_counter() - start

        return run

    return {
        "floor: dict by hand + from_dict": lambda: by_hand(table, kinds),
        "Journey.from_pandas": lambda: Journey.from_pandas(table, kinds=kinds, persona="Ana"),
        "update_from_pandas, same values": update(table),
        "update_from_pandas, changed values": update(other),
        "to_pandas tidy": built.to_pandas,
        "to_pandas wide": lambda: built.to_pandas("wide"),
        "to_polars tidy": lambda: to_polars(built),
    }


def timed(way: Callable[[], Any]) -> float:
    """Milliseconds of one run (an update reports its own time, without the copy it starts from)."""
    start = time.perf_counter()
    own = way()
    return (own if isinstance(own, float) else time.perf_counter() - start) * 1000


def run(repeat: int) -> dict[str, Any]:
    wide, changed, kinds = tables()
    by_size = {size: ways(size, wide, changed, kinds) for size in SIZES}
    times: dict[int, dict[str, list[float]]] = {size: {name: [] for name in by_size[size]} for size in SIZES}
    for size_ways in by_size.values():  # warm-up: imports, compiled validators
        for way in size_ways.values():
            way()
    for _ in range(repeat):
        for size, size_ways in by_size.items():
            for name, way in size_ways.items():
                times[size][name].append(timed(way))
    big = times[SIZES[-1]]
    floor = big["floor: dict by hand + from_dict"]
    return {
        "date": dt.date.today().isoformat(),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "table": {"rows": SIZES[-1], "lanes": len(kinds), "values": SIZES[-1] * len(kinds)},
        "repeat": repeat,
        "ms": {name: _summary(values) for name, values in big.items()},
        "ratio_to_floor": {
            name: round(statistics.median(a / b for a, b in zip(values, floor, strict=True)), 2)
            for name, values in big.items()
        },
        "median_ms_by_rows": {
            name: {size: round(statistics.median(times[size][name]), 1) for size in SIZES} for name in big
        },
    }


def _summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 1), "min": round(min(values), 1), "max": round(max(values), 1)}


def table(result: dict[str, Any]) -> str:
    sizes = " | ".join(f"{size} rows" for size in SIZES)
    rows = [f"| way | median ms (min-max) | x floor | {sizes} |", "|---|---|---|" + "---|" * len(SIZES)]
    for name, stats in result["ms"].items():
        growth = " | ".join(str(result["median_ms_by_rows"][name][size]) for size in SIZES)
        spread = f"{stats['median']} ({stats['min']}-{stats['max']})"
        rows.append(f"| {name} | {spread} | {result['ratio_to_floor'][name]} | {growth} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / f"{dt.date.today()}-tables.json")
    args = parser.parse_args()
    result = run(args.repeat)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
