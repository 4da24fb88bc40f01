"""The large map the benchmarks measure: 300 steps x 40 lanes, every one of its 12,000 cells filled."""

from __future__ import annotations

from typing import Any

from jmwidget import Journey

STEPS, STAGES = 300, 30
LANE_KINDS = ["text"] * 16 + ["emotion"] * 6 + ["metric"] * 8 + ["cards"] * 6 + ["channels"] * 4
CHANNELS = ["Web", "App", "Phone", "Store", "Email"]


def build_map() -> Journey:
    """300 steps in 30 stages, 40 lanes of every kind, every cell filled (12,000)."""
    j = Journey("Benchmark: 300 steps x 40 lanes", channels=CHANNELS, persona="Ana")
    for s in range(STAGES):
        per = STEPS // STAGES
        j.add_stage(f"Stage {s + 1}", steps=[f"Step {s * per + i + 1}" for i in range(per)], id=f"stage-{s}")
    for i, kind in enumerate(LANE_KINDS):
        extra = {"unit": "%", "format": "percent"} if kind == "metric" else {}
        j.add_lane(f"{kind.title()} {i + 1}", kind, id=f"lane-{i}", **extra)
    doc = j.to_dict()
    steps = [step["id"] for stage in doc["stages"] for step in stage["steps"]]
    cells: dict[str, dict[str, Any]] = {}
    for i, lane in enumerate(doc["lanes"]):
        row: dict[str, Any] = {}
        for k, step in enumerate(steps):
            kind = lane["kind"]
            if kind == "text":
                row[step] = f"Customer does thing {k + 1} in lane {i + 1}; a sentence of realistic length."
            elif kind == "emotion":
                row[step] = {"persona": 3}  # neutral, so '+' always changes it
            elif kind == "metric":
                row[step] = round((k * 7 + i * 3) % 100 + 0.5, 1)
            elif kind == "cards":
                row[step] = [
                    {"id": f"c-{i}-{k}-{n}", "text": f"Card {n + 1} at step {k + 1}", "color": "yellow"}
                    for n in range(1 + (k % 2))
                ]
            else:
                row[step] = [CHANNELS[k % len(CHANNELS)], CHANNELS[(k + 2) % len(CHANNELS)]]
        cells[lane["id"]] = row
    doc["cells"] = cells
    return Journey.from_dict(doc)
