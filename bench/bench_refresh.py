"""Benchmark ``Journey.refresh`` of a 300-step map with five bound lanes (not a test).

The 300-step x 40-lane map of ``bench/maps.py`` gets five bindings: a funnel over 12 of its steps
(users reached, and conversion), a survey's mean per step (emotion, with n, sd and interval), and
ticket counts per step (a metric lane, and the top two topics as cards). The data: a generated
event log (200,000 events), 30,000 survey answers and 30,000 tickets, as pandas frames.

Each way in turn, ``--repeat`` rounds:

* ``compute`` (the floor): the five computations alone, ``Computation.run`` on the frames, the
  work any refresh must do;
* ``first``: the first refresh of a fresh copy (every bound cell and card written);
* ``same``: a refresh with the same data (nothing changes: no revision);
* ``next``: a refresh with next week's data after ten hand edits (kept and reported).

Usage: ``PYTHONPATH=src .venv/bin/python bench/bench_refresh.py [--repeat 5] [--out FILE]``
(default ``bench/results/<date>-refresh.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from bench.maps import build_map  # noqa: E402 - after the path set-up
from jmwidget import Journey, data  # noqa: E402
from jmwidget.data import Computation, HandEditKeptWarning  # noqa: E402

FUNNEL_STEPS = 12


def sources(seed: int, steps: list[str]) -> dict[str, pd.DataFrame]:
    """An event log over the first steps, survey answers and tickets over all of them."""
    rng = np.random.default_rng(seed)
    users = 25_000
    depth = np.cumprod(rng.random((users, FUNNEL_STEPS)) < 0.9, axis=1).sum(axis=1)
    user = np.repeat(np.arange(users), depth)
    step = np.concatenate([np.arange(d) for d in depth])
    at = pd.Timestamp("2026-11-02") + pd.to_timedelta(user * 60 + step * 30 + rng.random(len(step)), unit="s")
    events = pd.DataFrame({"user": user, "event": [f"e{k}" for k in step], "at": at})
    noise = 200_000 - len(events)
    events = pd.concat(
        [events, pd.DataFrame({"user": rng.integers(0, users, noise), "event": "view", "at": at[:noise]})],
        ignore_index=True,
    )
    picked = np.array(steps)[rng.integers(0, len(steps), 30_000)]
    answers = pd.DataFrame({"step": picked, "score": rng.integers(1, 6, len(picked)).astype(float)})
    topics = np.array(["Slow", "Error", "Confusing", "Price"])[rng.integers(0, 4, 30_000)]
    tickets = pd.DataFrame({"step": np.array(steps)[rng.integers(0, len(steps), 30_000)], "topic": topics})
    return {"events": events, "answers": answers, "tickets": tickets}


def bound_map() -> Journey:
    journey = build_map()
    names = [step.name for step in journey.steps]
    funnel = data.funnel(
        "events", steps={names[k]: f"e{k}" for k in range(FUNNEL_STEPS)}, case="user", event="event", timestamp="at"
    )
    metrics = [lane.id for lane in journey.lanes if lane.kind == "metric"]
    journey.bind(metrics[0], funnel, column="reached")
    journey.bind(metrics[1], funnel, column="conversion")
    emotion = next(lane.id for lane in journey.lanes if lane.kind == "emotion")
    journey.bind(emotion, data.survey("answers", step="step", score="score"), column="mean")
    tickets = data.counts("tickets", step="step", category="topic", top=2)
    journey.bind(metrics[2], tickets, column="count")
    journey.bind(next(lane.id for lane in journey.lanes if lane.kind == "cards"), tickets, column="top")
    return journey


def ways(template: Journey, week1: dict[str, Any], week2: dict[str, Any]) -> dict[str, Callable[[], float]]:
    """Each way returns the seconds of its own work (copies and set-up are not counted)."""
    computations = {Computation.from_dict(b.compute) for b in template.bindings}
    refreshed = template.copy()
    refreshed.refresh(**week1)
    metric = template.bindings[1].lane

    def compute() -> float:
        start = time.perf_counter()
        for computation in computations:
            computation.run(week1[computation.source])
        return time.perf_counter() - start

    def first() -> float:
        journey = template.copy()
        start = time.perf_counter()
        journey.refresh(**week1)
        return time.perf_counter() - start

    def same() -> float:
        start = time.perf_counter()
        report = refreshed.refresh(**week1)
        assert report.revision is None, "the same data changed the map"
        return time.perf_counter() - start

    def next_week() -> float:
        journey = refreshed.copy()
        for step in [s.id for s in journey.steps][1:11]:
            journey.set_cell(metric, step, 1.0)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", HandEditKeptWarning)
            report = journey.refresh(**week2)
        assert len(report.kept) == 10, report
        return time.perf_counter() - start

    return {"compute": compute, "first": first, "same": same, "next": next_week}


def run(repeat: int) -> dict[str, Any]:
    template = bound_map()
    names = [step.name for step in template.steps]
    week1, week2 = sources(1, names), sources(2, names)
    measured = ways(template, week1, week2)
    times: dict[str, list[float]] = {name: [] for name in measured}
    for _ in range(repeat):
        for name, way in measured.items():
            times[name].append(way() * 1000)
    floor = statistics.median(times["compute"])
    return {
        "date": str(dt.date.today()),
        "machine": {"platform": platform.platform(), "python": platform.python_version()},
        "map": {"steps": len(template.steps), "lanes": len(template.lanes), "bindings": len(template.bindings)},
        "rows": {name: len(frame) for name, frame in week1.items()},
        "ways": {
            name: {"median_ms": statistics.median(ms), "ratio_to_compute": statistics.median(ms) / floor, "ms": ms}
            for name, ms in times.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / f"{dt.date.today()}-refresh.json")
    args = parser.parse_args()
    result = run(args.repeat)
    print("| way | median | x compute |\n|---|---|---|")
    for name, way in result["ways"].items():
        print(f"| {name} | {way['median_ms']:.0f} ms | {way['ratio_to_compute']:.2f} |")
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
