"""Benchmark the journey map widget in JupyterLab + headless Chromium (not a test).

A 300-step x 40-lane map (12,000 filled cells) is shown in JupyterLab; the script measures

* first render: from the display cell's run request to ``.jmw-root`` holding every gridcell
  (cold: the first display, which also carries the whole document; warm: a re-display);
* browser edit -> Python ``observe`` callback, over N keyboard edits on emotion cells
  (page wall clock at the keydown, Python ``time.time()`` in the callback; one machine, one clock);
* browser edit round trip: keydown -> the patch back in the DOM (``data-rev`` updated);
* Python ``set_cell`` -> redraw: Python's clock before ``set_cell``, the page's clock when a
  MutationObserver sees the new ``data-rev``;
* bytes on the wire (kernel websocket frames, both directions) for one single-cell edit;
* the floor: a bare anywidget with one Int trait that its JS increments and saves and a Python
  observer echoes back; the same one-way and round-trip numbers.

Usage: ``.venv/bin/python bench/bench_widget.py [--edits 100] [--out bench/results/DATE.json]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e import servers  # noqa: E402 - after the path set-up

from bench.maps import LANE_KINDS, STEPS, build_map  # noqa: E402
from jmwidget import Journey  # noqa: E402

FLOOR_ESM = """
export default {
  render({ model, el }) {
    el.classList.add("floor-root");
    el.textContent = "floor";
    const now = () => performance.timeOrigin + performance.now();
    window.__floor = { recv: {} };
    model.on("change:echo", () => { window.__floor.recv[model.get("echo")] = now(); });
    window.__floorBump = () => {
      const v = model.get("value") + 1;
      const t = now();
      model.set("value", v);
      model.save_changes();
      return [v, t];
    };
  }
};
"""


SETUP = """\
import json, time, pathlib
import anywidget, traitlets
from jmwidget import Journey, JourneyWidget

journey = Journey.from_json(pathlib.Path({map_path!r}).read_text())
OBSERVED = {{}}
journey.observe(lambda change: OBSERVED.__setitem__(change.revision, time.time() * 1000))
widget = JourneyWidget(journey, height="700px")

class Floor(anywidget.AnyWidget):
    _esm = {floor_esm!r}
    value = traitlets.Int(0).tag(sync=True)
    echo = traitlets.Int(0).tag(sync=True)

floor = Floor()
FLOOR = {{}}
def _echo(change):
    FLOOR[change.new] = time.time() * 1000
    floor.echo = change.new
floor.observe(_echo, "value")
"""

# The page side: wall-clock stamps of keydowns and of data-rev changes of the first map.
PAGE_PROBES = """
() => {
  const now = () => performance.timeOrigin + performance.now();
  window.__bench = { keydown: [], rev: {} };
  const modifiers = ['Shift', 'Control', 'Alt', 'Meta'];
  window.addEventListener('keydown', (e) => {
    if (!modifiers.includes(e.key)) window.__bench.keydown.push(now());
  }, true);
  const root = document.querySelector('.jmw-root');
  new MutationObserver(() => {
    const rev = root.dataset.rev;
    if (!(rev in window.__bench.rev)) window.__bench.rev[rev] = now();
  }).observe(root, { attributes: true, attributeFilter: ['data-rev'] });
  return root.dataset.rev;
}
"""

# Run the display cell (index 1) and time it until every gridcell is in the DOM.
RENDER = """
async ([index, expected]) => {
  const app = window.jupyterapp;
  const nb = app.shell.currentWidget;
  const now = () => performance.timeOrigin + performance.now();
  nb.content.activeCellIndex = index;
  const outputs = () => nb.content.widgets[index].node;
  const t0 = now();
  app.commands.execute('notebook:run-cell');
  let tRoot = null;
  return await new Promise((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error('render timed out')), 120000);
    const tick = () => {
      const root = outputs().querySelector('.jmw-root');
      if (root && tRoot === null) tRoot = now();
      const n = root ? root.querySelectorAll('[role=gridcell]').length : 0;
      if (n >= expected) {
        clearTimeout(limit);
        resolve({ from_run_ms: now() - t0, from_root_ms: now() - tRoot, cells: n });
      } else requestAnimationFrame(tick);
    };
    tick();
  });
}
"""


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values), 2),
        "p95_ms": round(pct(values, 95), 2),
        "min_ms": round(min(values), 2),
        "max_ms": round(max(values), 2),
    }


def frame_msg_type(data: bytes) -> str:
    """The Jupyter message type of a kernel websocket frame (JSON or the v1 binary protocol)."""
    try:
        if data[:1] == b"{":
            return str(json.loads(data)["header"]["msg_type"])
        count = int.from_bytes(data[:8], "little")
        offsets = [int.from_bytes(data[8 + 8 * i : 16 + 8 * i], "little") for i in range(count)]
        return str(json.loads(data[offsets[1] : offsets[2]])["msg_type"])  # parts: channel, header, ...
    except (ValueError, KeyError, IndexError, TypeError):
        return "?"


class Wire:
    """Sizes of kernel websocket frames, both directions, between mark() and take()."""

    def __init__(self, page: Any) -> None:
        self.frames: list[tuple[str, int, str]] = []
        self.recording = False
        page.on("websocket", self._attach)

    def _attach(self, ws: Any) -> None:
        if "/api/kernels/" not in ws.url:
            return
        ws.on("framesent", lambda payload: self._add("sent", payload))
        ws.on("framereceived", lambda payload: self._add("received", payload))

    def _add(self, direction: str, payload: str | bytes) -> None:
        if self.recording:
            data = payload.encode() if isinstance(payload, str) else payload
            self.frames.append((direction, len(data), frame_msg_type(data)))

    def mark(self) -> None:
        self.frames, self.recording = [], True

    def take(self) -> dict[str, Any]:
        self.recording = False
        out: dict[str, Any] = {"sent_bytes": 0, "received_bytes": 0, "comm_sent_bytes": 0, "comm_received_bytes": 0}
        out["frames"] = [f"{direction} {kind} {size} B" for direction, size, kind in self.frames]
        for direction, size, kind in self.frames:
            out[f"{direction}_bytes"] += size
            if kind == "comm_msg":
                out[f"comm_{direction}_bytes"] += size
        return out


def emotion_targets(journey: Journey, count: int) -> list[tuple[str, str]]:
    lanes = [lane.id for lane in journey.lanes if lane.kind == "emotion"]
    steps = [step.id for step in journey.steps]
    return [(lanes[i % len(lanes)], steps[(i * 7) % len(steps)]) for i in range(count)]


def focus_cell(page: Any, lane: str, step: str) -> None:
    cell = page.locator(f'.jmw-root [role=gridcell][data-lane-id="{lane}"][data-step-id="{step}"]').first
    cell.evaluate("el => { el.scrollIntoView({block: 'center', inline: 'center'}); el.focus(); }")


def mark_after_focus(page: Any, wire: Wire, lane: str, step: str) -> None:
    """Focus the cell, let its step selection (a trait message) go by, then start counting frames."""
    focus_cell(page, lane, step)
    page.wait_for_timeout(300)
    wire.mark()


SETTLE = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def press_and_wait(page: Any, lane: str, step: str, key: str, rev: int) -> None:
    focus_cell(page, lane, step)
    # Let the scroll to the cell finish drawing (two frames), so the timing is the edit's alone,
    # as for a person pressing a key on a cell already in view.
    page.evaluate(SETTLE)
    page.keyboard.press(key)
    page.wait_for_function("(rev) => document.querySelector('.jmw-root').dataset.rev === String(rev)", arg=rev)


def run(edits: int, out: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    journey = build_map()
    filled = sum(len(row) for row in journey.to_dict()["cells"].values())
    with tempfile.TemporaryDirectory(prefix="jmw-bench-") as tmp:
        tmpdir = Path(tmp)
        notebooks = tmpdir / "notebooks"
        notebooks.mkdir()
        map_path = tmpdir / "map.json"
        map_path.write_text(journey.to_json(indent=None))
        setup = SETUP.format(map_path=str(map_path), floor_esm=FLOOR_ESM)
        servers.write_notebook(notebooks / "bench.ipynb", [setup, "widget", "widget", "floor"])
        lab = servers.start_lab(notebooks, tmpdir / "home")
        try:
            with sync_playwright() as p, servers.chromium(p) as browser:
                context = servers.new_context(browser)
                context.set_default_timeout(120_000)
                page = context.new_page()
                wire = Wire(page)
                servers.open_lab_notebook(page, lab, "bench.ipynb", workspace="bench", run_all=False)
                servers.run_in_kernel(page, setup)
                result = measure(page, wire, journey, edits)
            result["map"] = {"steps": STEPS, "lanes": len(LANE_KINDS), "filled_cells": filled}
        finally:
            lab.stop()
    result["meta"] = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "edits": edits,
        "chromium": servers.CHROMIUM,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    return result


def measure(page: Any, wire: Wire, journey: Journey, edits: int) -> dict[str, Any]:
    cells = STEPS * len(LANE_KINDS)
    render_cold = page.evaluate(RENDER, [1, cells])
    render_warm = [page.evaluate(RENDER, [1, cells]) for _ in range(2)]
    page.evaluate(PAGE_PROBES)
    to_python, round_trip, edit_wire = browser_edits(page, wire, journey, edits)
    # The browser edits took the revisions up to journey.revision + edits; Python's edits follow.
    redraw, python_wire = python_edits(page, wire, journey, edits, journey.revision + edits)
    floor_one_way, floor_round, floor_wire = floor_trips(page, wire, edits)

    edit_rt, floor_rt = summary(round_trip), summary(floor_round)
    return {
        "first_render": {
            "cold": render_cold,
            "warm": render_warm,
            "note": "from the display cell's run request to all gridcells in .jmw-root (cold includes the document)",
        },
        "edit_to_python": summary(to_python),
        "edit_round_trip": edit_rt,
        "python_to_redraw": summary(redraw),
        "floor_to_python": summary(floor_one_way),
        "floor_round_trip": floor_rt,
        "ratio_edit_vs_floor_round_trip": {
            "p50": round(edit_rt["p50_ms"] / floor_rt["p50_ms"], 2),
            "p95": round(edit_rt["p95_ms"] / floor_rt["p95_ms"], 2),
        },
        "wire_bytes": {"browser_edit": edit_wire, "python_set_cell": python_wire, "floor_trait": floor_wire},
    }


def browser_edits(
    page: Any, wire: Wire, journey: Journey, edits: int
) -> tuple[list[float], list[float], dict[str, Any]]:
    """Browser edit -> Python observe, and the edit's round trip back into the DOM; the first edit's wire bytes."""
    rev = journey.revision
    for i, (lane, step) in enumerate(emotion_targets(journey, edits)):
        rev += 1
        if i == 0:
            mark_after_focus(page, wire, lane, step)
        press_and_wait(page, lane, step, "+", rev)
        if i == 0:
            page.wait_for_timeout(300)  # let the kernel's idle status frames arrive
            edit_wire = wire.take()
    bench = page.evaluate("() => window.__bench")
    observed = json.loads(servers.run_in_kernel(page, "print(json.dumps(OBSERVED))"))
    keydowns = bench["keydown"][-edits:]
    first_rev = journey.revision + 1
    to_python = [observed[str(first_rev + i)] - keydowns[i] for i in range(edits)]
    round_trip = [bench["rev"][str(first_rev + i)] - keydowns[i] for i in range(edits)]
    return to_python, round_trip, edit_wire


def python_edits(page: Any, wire: Wire, journey: Journey, edits: int, rev: int) -> tuple[list[float], dict[str, Any]]:
    """Python ``set_cell`` -> redraw, from revision ``rev`` on; the first edit's wire bytes."""
    text_lane = next(lane.id for lane in journey.lanes if lane.kind == "text")
    steps = [step.id for step in journey.steps]
    sent: dict[int, float] = {}
    for i in range(min(edits, 50)):
        rev += 1
        code = (
            f"_t = time.time() * 1000\n"
            f"journey.set_cell({text_lane!r}, {steps[(i * 11) % len(steps)]!r}, 'Set from Python {i}')\n"
            f"print(json.dumps(_t))"
        )
        if i == 0:
            wire.mark()
        sent[rev] = json.loads(servers.run_in_kernel(page, code))
        page.wait_for_function("(rev) => document.querySelector('.jmw-root').dataset.rev === String(rev)", arg=rev)
        if i == 0:
            page.wait_for_timeout(300)
            python_wire = wire.take()
    revs = page.evaluate("() => window.__bench.rev")
    redraw = [revs[str(r)] - t for r, t in sent.items()]
    return redraw, python_wire


def floor_trips(page: Any, wire: Wire, edits: int) -> tuple[list[float], list[float], dict[str, Any]]:
    """The floor: one way (save -> Python) and round trip of a bare anywidget's trait; the first trip's wire bytes."""
    page.evaluate("() => { const app = window.jupyterapp; app.shell.currentWidget.content.activeCellIndex = 3; }")
    page.evaluate("async () => { await window.jupyterapp.commands.execute('notebook:run-cell'); }")
    page.wait_for_function("() => typeof window.__floorBump === 'function'")
    floor_sent: list[tuple[int, float]] = []
    for i in range(edits):
        if i == 0:
            wire.mark()
        floor_sent.append(page.evaluate("() => window.__floorBump()"))
        value = floor_sent[-1][0]
        page.wait_for_function("(v) => window.__floor.recv[v] !== undefined", arg=value)
        if i == 0:
            page.wait_for_timeout(300)
            floor_wire = wire.take()
    floor_recv = page.evaluate("() => window.__floor.recv")
    floor_py = json.loads(servers.run_in_kernel(page, "print(json.dumps(FLOOR))"))
    floor_one_way = [floor_py[str(v)] - t for v, t in floor_sent]
    floor_round = [floor_recv[str(v)] - t for v, t in floor_sent]
    return floor_one_way, floor_round, floor_wire


def table(result: dict[str, Any]) -> str:
    rows = [
        "| measure | p50 ms | p95 ms | n |",
        "|---|---|---|---|",
    ]
    for key, label in [
        ("edit_to_python", "browser edit -> Python observe"),
        ("edit_round_trip", "browser edit -> patch in DOM (round trip)"),
        ("python_to_redraw", "Python set_cell -> DOM updated"),
        ("floor_to_python", "floor: trait save -> Python observe"),
        ("floor_round_trip", "floor: trait round trip"),
    ]:
        s = result[key]
        rows.append(f"| {label} | {s['p50_ms']} | {s['p95_ms']} | {s['n']} |")
    ratio = result["ratio_edit_vs_floor_round_trip"]
    render = result["first_render"]
    warm = ", ".join(f"{w['from_run_ms']:.0f}" for w in render["warm"])
    wire = result["wire_bytes"]
    lines = [
        f"Map: {result['map']['steps']} steps x {result['map']['lanes']} lanes, {result['map']['filled_cells']} cells",
        "",
        *rows,
        "",
        f"Round trip ratio edit/floor: p50 {ratio['p50']}x, p95 {ratio['p95']}x",
        f"First render (cold, incl. document): {render['cold']['from_run_ms']:.0f} ms "
        f"({render['cold']['from_root_ms']:.0f} ms after .jmw-root appeared); warm re-display: {warm} ms",
    ]
    for name, w in wire.items():
        lines.append(
            f"Wire, one {name.replace('_', ' ')}: comm_msg {w['comm_sent_bytes']} B sent / "
            f"{w['comm_received_bytes']} B received; all kernel frames {w['sent_bytes']} B / "
            f"{w['received_bytes']} B ({'; '.join(w['frames'])})"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=100, help="edits per latency series (default 100)")
    default = ROOT / "bench" / "results" / f"{dt.date.today().isoformat()}.json"
    parser.add_argument("--out", type=Path, default=default, help=f"results file (default {default})")
    args = parser.parse_args()
    started = time.monotonic()
    result = run(args.edits, args.out)
    print(table(result))
    print(f"\nwrote {args.out} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
