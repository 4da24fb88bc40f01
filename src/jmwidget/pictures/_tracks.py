"""The track router under :mod:`._routes`: the twin of ``js/src/model/tracks.ts``.

Horizontal and vertical tracks along the edges of the text boxes (grown by a margin) and through
the gaps between them, and the cheapest path (A*: length, bends, crossings and stretches shared with
earlier arrows) from a side of one box to a side of another. Same inputs, same paths as the TS twin.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from typing import Any

from ..model._shared import shared

ROUTES: dict[str, Any] = {k: v for k, v in shared()["routes"].items() if not k.startswith("$")}
Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x1, y1, x2, y2


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


def r1(v: float) -> float:
    """Rounded to 0.1 px, as ``r1`` in routes.ts (half up, not banker's rounding)."""
    return math.floor(v * 10 + 0.5) / 10


def grow(b: Box, m: float) -> Rect:
    return (r1(b.x - m), r1(b.y - m), r1(b.x + b.w + m), r1(b.y + b.h + m))


def _axis(values: list[float], lo: float, hi: float, mid_gap: float) -> list[float]:
    ordered = sorted({v for v in values if lo <= v <= hi})
    out: list[float] = []
    for i, v in enumerate(ordered):
        if i > 0 and 1 < v - ordered[i - 1] < mid_gap:
            out.append(r1((ordered[i - 1] + v) / 2))
        out.append(v)
    return sorted(set(out))


def tracks(
    bounds: Box, rects: list[Rect], ends: list[tuple[Box, Box]], p: dict[str, Any]
) -> tuple[list[float], list[float]]:
    """Coordinates along every grown box edge, box centres and their spread ports, mid-gaps (2 px
    inside the bounds, off the grid's own border)."""
    b = grow(bounds, -2)
    xs = [b[0], b[2]]
    ys = [b[1], b[3]]
    for q in rects:
        xs += [q[0], q[2]]
        ys += [q[1], q[3]]
    for pair in ends:
        for box in pair:
            for k in (-1, 0, 1):
                xs.append(r1(box.x + box.w / 2 + k * p["spread"]))
                ys.append(r1(box.y + box.h / 2 + k * p["spread"]))
    return _axis(xs, b[0], b[2], p["mid_gap"]), _axis(ys, b[1], b[3], p["mid_gap"])


class Grid:
    """The track grid: free crossings, and open stretches to the next crossing right and down."""

    def __init__(self, xs: list[float], ys: list[float], rects: list[Rect]) -> None:
        self.xs, self.ys = xs, ys
        self.nx, self.ny = len(xs), len(ys)
        self.xi = {x: i for i, x in enumerate(xs)}
        self.yi = {y: j for j, y in enumerate(ys)}
        size = self.nx * self.ny
        self.free = bytearray(size)
        self.open_h = bytearray(size)
        self.open_v = bytearray(size)
        for j, y in enumerate(ys):
            spans = [(q[0], q[2]) for q in rects if q[1] < y < q[3]]
            inside = [any(a < x < b for a, b in spans) for x in xs]
            for i, x in enumerate(xs):
                self.free[j * self.nx + i] = 0 if inside[i] else 1
                if i + 1 < self.nx and not inside[i] and not inside[i + 1]:
                    mid = (x + xs[i + 1]) / 2
                    if not any(a < mid < b for a, b in spans):
                        self.open_h[j * self.nx + i] = 1
        for i, x in enumerate(xs):
            spans = [(q[1], q[3]) for q in rects if q[0] < x < q[2]]
            inside = [any(a < y < b for a, b in spans) for y in ys]
            for j, y in enumerate(ys):
                if j + 1 < self.ny and not inside[j] and not inside[j + 1]:
                    mid = (y + ys[j + 1]) / 2
                    if not any(a < mid < b for a, b in spans):
                        self.open_v[j * self.nx + i] = 1

    def step(self, n: int, d: int) -> int:
        """The neighbour of node ``n`` in direction ``d`` (0 right, 1 left, 2 down, 3 up), or -1."""
        i = n % self.nx
        if d == 0:
            return n + 1 if i + 1 < self.nx and self.open_h[n] else -1
        if d == 1:
            return n - 1 if i > 0 and self.open_h[n - 1] else -1
        if d == 2:
            return n + self.nx if n + self.nx < len(self.free) and self.open_v[n] else -1
        return n - self.nx if n >= self.nx and self.open_v[n - self.nx] else -1

    def x(self, n: int) -> float:
        return self.xs[n % self.nx]

    def y(self, n: int) -> float:
        return self.ys[n // self.nx]


@dataclass(frozen=True)
class Port:
    node: int
    out: int  # the direction away from the box
    edge: Point  # where the arrow touches the box
    cost: float


def ports(g: Grid, box: Box, p: dict[str, Any]) -> list[Port]:
    """The free track crossings just outside each side of ``box``, kept ``inset`` px from its corners."""
    q = grow(box, p["margin"])
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    out: list[Port] = []
    for j, direction, edge_y in ((g.yi.get(q[1]), 3, r1(box.y)), (g.yi.get(q[3]), 2, r1(box.y + box.h))):
        if j is None:
            continue
        for i, x in enumerate(g.xs):
            n = j * g.nx + i
            if x < box.x + p["inset"] or x > box.x + box.w - p["inset"] or not g.free[n]:
                continue
            out.append(Port(n, direction, (x, edge_y), p["margin"] + p["port_offset"] * abs(x - cx)))
    for i_, direction, edge_x in ((g.xi.get(q[0]), 1, r1(box.x)), (g.xi.get(q[2]), 0, r1(box.x + box.w))):
        if i_ is None:
            continue
        for j, y in enumerate(g.ys):
            n = j * g.nx + i_
            if y < box.y + p["inset"] or y > box.y + box.h - p["inset"] or not g.free[n]:
                continue
            out.append(Port(n, direction, (edge_x, y), p["margin"] + p["port_offset"] * abs(y - cy)))
    return out


@dataclass
class Usage:
    """What earlier arrows use: stretches (2 * node + 0 horizontal, + 1 vertical), crossings, ports."""

    edges: dict[int, int] = field(default_factory=dict)
    across: dict[int, int] = field(default_factory=dict)
    ports: dict[int, int] = field(default_factory=dict)


def move_cost(g: Grid, use: Usage, p: dict[str, Any], n: int, m: int, was: int, d: int) -> float:
    horizontal = d < 2
    edge = 2 * min(n, m) + (0 if horizontal else 1)
    length = abs(g.x(m) - g.x(n)) if horizontal else abs(g.y(m) - g.y(n))
    crossing = use.across.get(2 * m + (1 if horizontal else 0), 0)
    shared_run = p["overlap"] * use.edges.get(edge, 0)
    cost: float = length + (0 if d == was else p["bend"]) + shared_run + p["cross"] * crossing
    return cost


def estimate(g: Grid, q: Rect, n: int) -> float:
    x, y = g.x(n), g.y(n)
    return max(q[0] - x, 0, x - q[2]) + max(q[1] - y, 0, y - q[3])


@dataclass
class Found:
    nodes: list[int]
    start: Port
    end: Port


def search(g: Grid, use: Usage, p: dict[str, Any], starts: list[Port], ends: list[Port], goal: Rect) -> Found | None:
    """The cheapest track path (A*) from a port in ``starts`` to one in ``ends`` (``search`` in routes.ts)."""
    states = g.nx * g.ny * 4
    dist = [math.inf] * states
    prev = [-1] * states
    heap: list[tuple[float, int]] = []
    for port in starts:
        s = port.node * 4 + port.out
        cost = port.cost + p["overlap"] * use.ports.get(port.node, 0)
        if cost < dist[s]:
            dist[s] = cost
            heapq.heappush(heap, (cost + estimate(g, goal, port.node), s))
    at: dict[int, list[int]] = {}
    for k, port in enumerate(ends):
        at.setdefault(port.node, []).append(k)
    while heap:
        f, s = heapq.heappop(heap)
        if s >= states:
            return _found(starts, ends, prev, s, states)
        n, was = s // 4, s % 4
        cost = dist[s]
        if f > cost + estimate(g, goal, n):
            continue
        for k in at.get(n, []):
            port = ends[k]
            total = cost + (0 if was == port.out ^ 1 else p["bend"]) + port.cost + p["overlap"] * use.ports.get(n, 0)
            heapq.heappush(heap, (total, states * (k + 1) + s))
        for d in range(4):
            m = -1 if d == was ^ 1 else g.step(n, d)
            if m < 0:
                continue
            t = m * 4 + d
            c = cost + move_cost(g, use, p, n, m, was, d)
            if c < dist[t]:
                dist[t] = c
                prev[t] = s
                heapq.heappush(heap, (c + estimate(g, goal, m), t))
    return None


def _found(starts: list[Port], ends: list[Port], prev: list[int], ident: int, states: int) -> Found:
    end = ends[ident // states - 1]
    nodes: list[int] = []
    s = ident % states
    first = s
    while s >= 0:
        nodes.append(s // 4)
        first = s
        s = prev[s]
    nodes.reverse()
    start = next(port for port in starts if port.node * 4 + port.out == first)
    return Found(nodes, start, end)


def corners(points: list[Point]) -> list[Point]:
    """The path's corners, without points in the middle of straight runs."""
    out: list[Point] = []
    for pt in points:
        if out and out[-1] == pt:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (a[0] == b[0] == pt[0]) or (a[1] == b[1] == pt[1]):
                out.pop()
        out.append(pt)
    return out


def mark(g: Grid, use: Usage, f: Found) -> None:
    """Record what a routed path uses, so later arrows keep off it."""

    def bump(table: dict[int, int], key: int) -> None:
        table[key] = table.get(key, 0) + 1

    for n, m in zip(f.nodes, f.nodes[1:], strict=False):
        horizontal = n // g.nx == m // g.nx
        bump(use.edges, 2 * min(n, m) + (0 if horizontal else 1))
        bump(use.across, 2 * n + (0 if horizontal else 1))
        bump(use.across, 2 * m + (0 if horizontal else 1))
    bump(use.ports, f.start.node)
    bump(use.ports, f.end.node)


def route_one(g: Grid, use: Usage, p: dict[str, Any], start: Box, end: Box) -> list[Point]:
    """The route of one arrow: through the tracks, or (boxed in) straight between the facing sides."""
    f = search(g, use, p, ports(g, start, p), ports(g, end, p), grow(end, p["margin"]))
    if f is None:
        y1 = r1(start.y + start.h / 2)
        y2 = r1(end.y + end.h / 2)
        right = end.x >= start.x + start.w
        x1 = r1(start.x + start.w if right else start.x)
        x2 = r1(end.x if right else end.x + end.w)
        return [(x1, y1), (x2, y2)]
    mark(g, use, f)
    track = [(g.x(n), g.y(n)) for n in f.nodes]
    return corners([f.start.edge, *track, f.end.edge])


__all__ = ["ROUTES", "Box", "Grid", "Point", "Rect", "Usage", "grow", "r1", "route_one", "tracks"]
