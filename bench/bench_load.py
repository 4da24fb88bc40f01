"""Benchmark loading a large map against parsing its JSON (not a test).

The 300-step x 40-lane map of ``bench/maps.py`` (12,000 filled cells, about 1 MB of JSON) is
loaded again and again, each way in turn in one process, so a slow moment of the machine hits
all of them alike:

* ``json.loads`` of the text: the floor, what any reader must pay;
* ``Journey.from_json``: parse, upgrade, validate against the schema (compiled validator) and the
  model's own rules;
* ``Journey.load`` of the file: the above plus reading the file and remembering it for merges;
* the full jsonschema validation that ``from_json`` used before (now only run on invalid input,
  to name every problem): what loading cost before.

Usage: ``.venv/bin/python bench/bench_load.py [--repeat 15] [--out bench/results/DATE-load.json]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jsonschema import Draft202012Validator  # noqa: E402

from bench.maps import build_map  # noqa: E402 - after the path set-up
from jmwidget import Journey  # noqa: E402
from jmwidget.model import _validation  # noqa: E402


def timed(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def run(repeat: int) -> dict[str, Any]:
    journey = build_map()
    text = journey.to_json()
    folder = Path(tempfile.mkdtemp())
    path = journey.save(folder / "map.json")
    document = json.loads(text)
    full_validator = Draft202012Validator(_validation.schema())  # what every load ran before
    ways: dict[str, Callable[[], Any]] = {
        "json.loads": lambda: json.loads(text),
        "Journey.from_json": lambda: Journey.from_json(text),
        "Journey.load": lambda: Journey.load(path),
        "jsonschema validation (before)": lambda: list(full_validator.iter_errors(document)),
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    for way in ways.values():  # warm-up: imports, compiled validators
        way()
    for _ in range(repeat):
        for name, way in ways.items():
            times[name].append(timed(way))
    floor = times["json.loads"]
    return {
        "date": dt.date.today().isoformat(),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "map": {"cells": 12_000, "json_bytes": len(text.encode("utf-8"))},
        "repeat": repeat,
        "ms": {name: _summary(values) for name, values in times.items()},
        "ratio_to_json_loads": {
            name: round(statistics.median(a / b for a, b in zip(values, floor, strict=True)), 2)
            for name, values in times.items()
        },
    }


def _summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 2), "min": round(min(values), 2), "max": round(max(values), 2)}


def table(result: dict[str, Any]) -> str:
    rows = ["| way | median ms (min-max) | x json.loads (median of pairs) |", "|---|---|---|"]
    for name, stats in result["ms"].items():
        ratio = result["ratio_to_json_loads"][name]
        rows.append(f"| {name} | {stats['median']} ({stats['min']}-{stats['max']}) | {ratio} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / f"{dt.date.today()}-load.json")
    args = parser.parse_args()
    result = run(args.repeat)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
