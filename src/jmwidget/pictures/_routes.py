"""Orthogonal routes for connection arrows: the twin of ``js/src/model/routes.ts``.

Each arrow runs from a side of one box to a side of another along horizontal and vertical tracks
through the gaps between the text boxes (cells' text, cards), with few bends, crossings and shared
stretches (:mod:`._tracks`); its label goes beside a straight run where it covers no text and no
arrow, else on a run of its own arrow (breaking the line), or nearby with a leader line. Both
languages read the parameters from ``shared.json`` and give the same routes for the same boxes
(``tests/test_routes.py`` compares them on every template).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

from ..model._shared import shared
from ._tracks import ROUTES, Box, Grid, Point, Rect, Usage, grow, r1, route_one, tracks

_WIDTHS: tuple[int, ...] = tuple(shared()["text"]["ascii_widths"])
_WIDE = (
    (0x1100, 0x115F),
    (0x2E80, 0xA4CF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6),
    (0x1F300, 0x1FAFF),
    (0x20000, 0x3FFFD),
)


@dataclass(frozen=True)
class RouteArrow:
    """One arrow to route: its id, the boxes it joins and its label as drawn ("" for none)."""

    id: str
    start: Box
    end: Box
    label: str = ""


@dataclass(frozen=True)
class RouteScene:
    """Where arrows may go, the text boxes they keep off, the lines labels keep off, the arrows."""

    bounds: Box
    obstacles: list[Box]
    lines: list[Box]
    arrows: list[RouteArrow]


@dataclass
class Route:
    """An arrow's corners from edge to edge, its label's box, and a leader when the label moved away."""

    id: str
    points: list[Point]
    label: Box | None = None
    leader: tuple[float, float, float, float] | None = None


def label_width(text: str, p: dict[str, Any] = ROUTES) -> float:
    """Estimated width in px of a bold label, padding included (``labelWidth`` in routes.ts)."""
    units = 0
    for ch in text:
        code = ord(ch)
        if 32 <= code <= 126:
            units += _WIDTHS[code - 32]
        else:
            units += 1000 if any(a <= code <= b for a, b in _WIDE) else 600
    return r1(units * p["label_size"] / 1000 * 1.07 * p["label_width_factor"] + 2 * p["label_pad"])


def _hits(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def segments(points: list[Point]) -> list[Rect]:
    """The straight runs of a path as (zero-thickness) rectangles."""
    return [(min(x, nx), min(y, ny), max(x, nx), max(y, ny)) for (x, y), (nx, ny) in itertools.pairwise(points)]


def _outward(lo: float, hi: float) -> list[float]:
    """Places from the middle of lo..hi outwards, 12 px apart (twin of ``outward`` in routes.ts)."""
    mid = (lo + hi) / 2
    along = [mid]
    k = 1
    while k * 12 <= (hi - lo) / 2:
        along += [mid - k * 12, mid + k * 12]
        k += 1
    return along


def beside_run(run: Rect, w: float, h: float, p: dict[str, Any]) -> list[Box]:
    """Label boxes beside one straight run of the path, from its middle outwards, both sides."""
    horizontal = run[1] == run[3]
    lo = run[0] + w / 2 if horizontal else run[1] + h / 2
    hi = run[2] - w / 2 if horizontal else run[3] - h / 2
    if hi < lo:
        return []
    along = _outward(lo, hi)
    out: list[Box] = []
    for c in along:
        if horizontal:
            out.append(Box(r1(c - w / 2), r1(run[1] - p["label_gap"] - h), w, h))
            out.append(Box(r1(c - w / 2), r1(run[1] + p["label_gap"]), w, h))
        else:
            out.append(Box(r1(run[0] + p["label_gap"]), r1(c - h / 2), w, h))
            out.append(Box(r1(run[0] - p["label_gap"] - w), r1(c - h / 2), w, h))
    return out


def clear_line(x1: float, y1: float, x2: float, y2: float, blocks: list[Rect]) -> bool:
    """Whether the straight line from (x1, y1) to (x2, y2) keeps out of every box (checked every 2 px)."""
    n = max(1, math.ceil(math.sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2) / 2))
    for k in range(n + 1):
        x = x1 + (x2 - x1) * k / n
        y = y1 + (y2 - y1) * k / n
        if any(q[0] < x < q[2] and q[1] < y < q[3] for q in blocks):
            return False
    return True


@dataclass
class LabelSpace:
    bounds: Rect
    blocks: list[Rect]  # text boxes and labels already placed
    lines: list[Rect]  # zone lines (a label sits on one only when it fits nowhere else)
    runs: list[Rect]  # every arrow's straight runs
    texts: list[Rect]  # the text boxes alone (a leader line keeps off them)


def fits(b: Box, space: LabelSpace, on_lines: bool = False) -> bool:
    q = grow(b, 0)
    if not on_lines and any(_hits(q, o) for o in space.lines):
        return False
    lo_x, lo_y, hi_x, hi_y = space.bounds
    inside = q[0] >= lo_x and q[2] <= hi_x and q[1] >= lo_y and q[3] <= hi_y
    return inside and not any(_hits(q, o) for o in space.blocks) and not any(_hits(q, o) for o in space.runs)


def ring(d: int) -> list[tuple[int, int]]:
    """Offsets on the square ring ``d`` px out: above, below, right, left first, then along the ring."""
    out = [(0, -d), (0, d), (d, 0), (-d, 0)]
    for t in range(16, d + 1, 16):
        out += [(t, -d), (-t, -d), (t, d), (-t, d), (d, -t), (d, t), (-d, -t), (-d, t)]
    return out


def on_run(run: Rect, w: float, h: float, p: dict[str, Any]) -> list[Box]:
    """Label boxes on a straight run of the arrow itself (the label breaks the line), from its middle
    outwards, with ``label_run_end`` px of the run showing at each end (``onRun`` in routes.ts)."""
    horizontal = run[1] == run[3]
    half = (w if horizontal else h) / 2 + p["label_run_end"]
    lo, hi = (run[0] + half, run[2] - half) if horizontal else (run[1] + half, run[3] - half)
    if hi < lo:
        return []
    along = _outward(lo, hi)
    if horizontal:
        return [Box(r1(c - w / 2), r1(run[1] - h / 2), w, h) for c in along]
    return [Box(r1(run[0] - w / 2), r1(c - h / 2), w, h) for c in along]


def place_label(
    points: list[Point], w: float, space: LabelSpace, p: dict[str, Any]
) -> tuple[Box, tuple[float, float, float, float] | None]:
    """Where a label of width ``w`` goes: beside its arrow, else on it (where no other arrow runs), else
    nearby with a leader, else beside its arrow over a zone line, else mid-arrow."""
    h = p["label_h"]
    runs = sorted(enumerate(segments(points)), key=lambda kr: (-(kr[1][2] - kr[1][0] + kr[1][3] - kr[1][1]), kr[0]))
    for _, run in runs:
        for spot in beside_run(run, w, h, p):
            if fits(spot, space):
                return spot, None
    for _, run in runs:
        others = list(space.runs)
        others.remove(run)
        for spot in on_run(run, w, h, p):
            if fits(spot, LabelSpace(space.bounds, space.blocks, space.lines, others, space.texts)):
                return spot, None
    longest = runs[0][1]
    ax = r1((longest[0] + longest[2]) / 2)
    ay = r1((longest[1] + longest[3]) / 2)
    for d in range(16, p["label_search"] + 1, 16):
        for dx, dy in ring(d):
            b = Box(r1(ax + dx - w / 2), r1(ay + dy - h / 2), w, h)
            ex = max(b.x, min(ax, b.x + w))
            ey = max(b.y, min(ay, b.y + h))
            if fits(b, space) and clear_line(ax, ay, ex, ey, space.texts):
                return b, (ax, ay, r1(ex), r1(ey))
    for _, run in runs:
        for spot in beside_run(run, w, h, p):
            if fits(spot, space, on_lines=True):
                return spot, None
    return Box(r1(ax - w / 2), r1(ay - h / 2), w, h), None


#: An inner run of an arrow: from, to (along it), where (across), arrow, index, its free stretch across.
Run = tuple[float, float, float, int, int, float, float]


def corridor(at: float, lo: float, hi: float, walls: list[Rect], bounds: Rect, axis: int) -> tuple[float, float] | None:
    """The free stretch across a run at ``at`` (x for a vertical run, ``axis`` 0; y for a horizontal
    one) between the walls beside it from ``lo`` to ``hi``; None when a wall lies under the run."""
    left, right = (bounds[0], bounds[2]) if axis == 0 else (bounds[1], bounds[3])
    for w in walls:
        a0, a1, b0, b1 = (w[0], w[2], w[1], w[3]) if axis == 0 else (w[1], w[3], w[0], w[2])
        if not (b0 < hi and b1 > lo):
            continue
        if a1 <= at:
            left = max(left, a1)
        elif a0 >= at:
            right = min(right, a0)
        else:
            return None
    return left, right


@dataclass
class Side:
    """Runs side by side: the free stretch they share, how far along they reach, the runs."""

    left: float
    right: float
    end: float
    runs: list[Run]


def side_by_side(runs: list[Run]) -> list[Side]:
    """The runs in groups that overlap along their length, each run inside the free stretch they
    share; a run joins the first group it fits, in the order of their first runs."""
    groups: list[Side] = []
    for run in sorted(runs):
        for group in groups:
            left, right = max(group.left, run[5]), min(group.right, run[6])
            if run[0] < group.end and all(left <= m[2] <= right for m in [*group.runs, run]):
                group.left, group.right, group.end = left, right, max(group.end, run[1])
                group.runs.append(run)
                break
        else:
            groups.append(Side(run[5], run[6], run[1], [run]))
    return groups


def inner_runs(paths: list[list[Point]], walls: list[Rect], bounds: Rect, axis: int) -> list[Run]:
    """Every run but an arrow's first and last, vertical (``axis`` 0) or horizontal, with its free stretch."""
    runs: list[Run] = []
    for a, path in enumerate(paths):
        for k in range(1, len(path) - 2):
            (x1, y1), (x2, y2) = path[k], path[k + 1]
            if (x1 != x2) if axis == 0 else (y1 != y2):
                continue
            at, lo, hi = (x1, min(y1, y2), max(y1, y2)) if axis == 0 else (y1, min(x1, x2), max(x1, x2))
            gap = corridor(at, lo, hi, walls, bounds, axis)
            if gap is not None:
                runs.append((lo, hi, at, a, k, *gap))
    return runs


def spread(paths: list[list[Point]], scene: RouteScene, p: dict[str, Any]) -> list[list[Point]]:
    """Arrows side by side in a gap narrower than ``mid_gap`` spread evenly across it, in their order,
    vertical runs first (``spread`` in routes.ts). Only inner runs move: an arrow's ends stay put."""
    walls = [grow(b, 0) for b in scene.obstacles] + [grow(b, 0) for a in scene.arrows for b in (a.start, a.end)]
    bounds = grow(scene.bounds, 0)
    out = [list(path) for path in paths]
    for axis in (0, 1):
        for side in side_by_side(inner_runs(out, walls, bounds, axis)):
            if len(side.runs) < 2 or side.right - side.left >= p["mid_gap"]:
                continue
            group = sorted(side.runs, key=lambda run: (run[2], run[3], run[4]))
            for i, run in enumerate(group):
                v = r1(side.left + (side.right - side.left) * (i + 1) / (len(group) + 1))
                for j in (run[4], run[4] + 1):
                    x, y = out[run[3]][j]
                    out[run[3]][j] = (v, y) if axis == 0 else (x, v)
    return out


def route_all(scene: RouteScene, p: dict[str, Any] = ROUTES) -> list[Route]:
    """Routes and label boxes for every arrow of ``scene``, in its order (``routeAll`` in routes.ts)."""
    rects = [grow(b, p["margin"]) for b in scene.obstacles]
    xs, ys = tracks(scene.bounds, rects, [(a.start, a.end) for a in scene.arrows], p)
    g = Grid(xs, ys, rects)
    use = Usage()
    paths = spread([route_one(g, use, p, a.start, a.end) for a in scene.arrows], scene, p)
    space = LabelSpace(
        grow(scene.bounds, 0),
        [grow(b, 1) for b in scene.obstacles],
        [grow(b, 1) for b in scene.lines],
        [run for path in paths for run in segments(path)],
        [grow(b, 1) for b in scene.obstacles],
    )
    routes: list[Route] = []
    for a, points in zip(scene.arrows, paths, strict=True):
        if not a.label:
            routes.append(Route(a.id, points))
            continue
        label, leader = place_label(points, label_width(a.label, p), space, p)
        space.blocks.append(grow(label, 2))
        if leader:
            space.runs += segments([(leader[0], leader[1]), (leader[2], leader[3])])
        routes.append(Route(a.id, points, label, leader))
    return routes


def route_path(points: list[Point]) -> str:
    """An SVG path through the route's corners."""
    return " ".join(f"{'M' if k == 0 else 'L'}{_num(x)} {_num(y)}" for k, (x, y) in enumerate(points))


def _num(v: float) -> str:
    return str(int(v)) if v == int(v) else str(v)


__all__ = ["Box", "Route", "RouteArrow", "RouteScene", "label_width", "route_all", "route_path"]
