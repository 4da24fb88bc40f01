// The track router under model/routes.ts, without the DOM: horizontal and vertical tracks along the
// edges of the text boxes (grown by a margin) and through the gaps between them, and the cheapest
// path (A*: length, bends, crossings and stretches shared with earlier arrows) from a side of one
// box to a side of another. The twin of jmwidget.pictures._tracks (same inputs, same paths).
import shared from "../../../src/jmwidget/schema/shared.json";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type RouteParams = Omit<typeof shared.routes, "$comment">;
export const ROUTES: RouteParams = shared.routes;

/** Rounded to 0.1 px, the same way in Python (no banker's rounding). */
export const r1 = (v: number): number => Math.floor(v * 10 + 0.5) / 10;

export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export const grow = (b: Box, m: number): Rect => ({
  x1: r1(b.x - m),
  y1: r1(b.y - m),
  x2: r1(b.x + b.w + m),
  y2: r1(b.y + b.h + m),
});

/** The tracks: coordinates along every grown box edge, box centres and their spread ports, mid-gaps
 * (2 px inside the bounds, off the grid's own border). */
export function tracks(scene: TrackScene, rects: readonly Rect[], p: RouteParams): [number[], number[]] {
  const b = grow(scene.bounds, -2);
  const xs = [b.x1, b.x2];
  const ys = [b.y1, b.y2];
  for (const q of rects) {
    xs.push(q.x1, q.x2);
    ys.push(q.y1, q.y2);
  }
  for (const a of scene.arrows) {
    for (const box of [a.from, a.to]) {
      for (const k of [-1, 0, 1]) {
        xs.push(r1(box.x + box.w / 2 + k * p.spread));
        ys.push(r1(box.y + box.h / 2 + k * p.spread));
      }
    }
  }
  const axis = (vs: number[], lo: number, hi: number): number[] => {
    const sorted = [...new Set(vs.filter((v) => v >= lo && v <= hi))].sort((u, v) => u - v);
    const out: number[] = [];
    sorted.forEach((v, i) => {
      const prev = sorted[i - 1];
      if (prev !== undefined && v - prev > 1 && v - prev < p.mid_gap) out.push(r1((prev + v) / 2));
      out.push(v);
    });
    return [...new Set(out)].sort((u, v) => u - v);
  };
  return [axis(xs, b.x1, b.x2), axis(ys, b.y1, b.y2)];
}

export interface TrackScene {
  bounds: Box;
  arrows: readonly { from: Box; to: Box }[];
}

/** The track grid: which crossings are free and which stretches between neighbours are open. */
export class Grid {
  readonly nx: number;
  readonly ny: number;
  readonly free: Uint8Array;
  /** Open from (i, j) to (i + 1, j), at j * nx + i. */
  readonly openH: Uint8Array;
  /** Open from (i, j) to (i, j + 1), at j * nx + i. */
  readonly openV: Uint8Array;
  readonly xi = new Map<number, number>();
  readonly yi = new Map<number, number>();

  constructor(
    readonly xs: number[],
    readonly ys: number[],
    rects: readonly Rect[],
  ) {
    this.nx = xs.length;
    this.ny = ys.length;
    xs.forEach((x, i) => {
      this.xi.set(x, i);
    });
    ys.forEach((y, j) => {
      this.yi.set(y, j);
    });
    this.free = new Uint8Array(this.nx * this.ny);
    this.openH = new Uint8Array(this.nx * this.ny);
    this.openV = new Uint8Array(this.nx * this.ny);
    ys.forEach((y, j) => {
      const spans = rects.filter((q) => q.y1 < y && y < q.y2);
      const inside = (x: number) => spans.some((q) => q.x1 < x && x < q.x2);
      xs.forEach((x, i) => {
        this.free[j * this.nx + i] = inside(x) ? 0 : 1;
        const next = xs[i + 1];
        if (next !== undefined && !inside(x) && !inside(next) && !inside((x + next) / 2))
          this.openH[j * this.nx + i] = 1;
      });
    });
    xs.forEach((x, i) => {
      const spans = rects.filter((q) => q.x1 < x && x < q.x2);
      const inside = (y: number) => spans.some((q) => q.y1 < y && y < q.y2);
      ys.forEach((y, j) => {
        const next = ys[j + 1];
        if (next !== undefined && !inside(y) && !inside(next) && !inside((y + next) / 2))
          this.openV[j * this.nx + i] = 1;
      });
    });
  }

  /** The neighbour of node `n` in direction `d` (0 right, 1 left, 2 down, 3 up), or -1. */
  step(n: number, d: number): number {
    const i = n % this.nx;
    if (d === 0) return i + 1 < this.nx && this.openH[n] ? n + 1 : -1;
    if (d === 1) return i > 0 && this.openH[n - 1] ? n - 1 : -1;
    if (d === 2) return n + this.nx < this.free.length && this.openV[n] ? n + this.nx : -1;
    return n >= this.nx && this.openV[n - this.nx] ? n - this.nx : -1;
  }

  x(n: number): number {
    return this.xs[n % this.nx] as number;
  }

  y(n: number): number {
    return this.ys[Math.floor(n / this.nx)] as number;
  }
}

interface Port {
  node: number;
  /** The direction away from the box (0 right, 1 left, 2 down, 3 up). */
  out: number;
  /** Where the arrow touches the box. */
  edge: [number, number];
  cost: number;
}

/** The free track crossings just outside each side of `box`, kept `inset` px from its corners. */
function ports(g: Grid, box: Box, p: RouteParams): Port[] {
  const q = grow(box, p.margin);
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const out: Port[] = [];
  const sides: [number | undefined, number, number][] = [
    [g.yi.get(q.y1), 3, r1(box.y)],
    [g.yi.get(q.y2), 2, r1(box.y + box.h)],
  ];
  for (const [j, dir, edgeY] of sides) {
    if (j === undefined) continue;
    g.xs.forEach((x, i) => {
      const n = j * g.nx + i;
      if (x < box.x + p.inset || x > box.x + box.w - p.inset || !g.free[n]) return;
      out.push({ node: n, out: dir, edge: [x, edgeY], cost: p.margin + p.port_offset * Math.abs(x - cx) });
    });
  }
  const columns: [number | undefined, number, number][] = [
    [g.xi.get(q.x1), 1, r1(box.x)],
    [g.xi.get(q.x2), 0, r1(box.x + box.w)],
  ];
  for (const [i, dir, edgeX] of columns) {
    if (i === undefined) continue;
    g.ys.forEach((y, j) => {
      const n = j * g.nx + i;
      if (y < box.y + p.inset || y > box.y + box.h - p.inset || !g.free[n]) return;
      out.push({ node: n, out: dir, edge: [edgeX, y], cost: p.margin + p.port_offset * Math.abs(y - cy) });
    });
  }
  return out;
}

/** A binary heap of [cost, id], smallest cost first, then smallest id (as Python's heapq on tuples). */
class Heap {
  private readonly items: [number, number][] = [];
  get size(): number {
    return this.items.length;
  }
  private less(a: [number, number], b: [number, number]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  }
  push(item: [number, number]): void {
    const h = this.items;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i] as [number, number], h[parent] as [number, number])) break;
      [h[i], h[parent]] = [h[parent] as [number, number], h[i] as [number, number]];
      i = parent;
    }
  }
  pop(): [number, number] {
    const h = this.items;
    const top = h[0] as [number, number];
    const last = h.pop() as [number, number];
    if (h.length === 0) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l] as [number, number], h[m] as [number, number])) m = l;
      if (r < h.length && this.less(h[r] as [number, number], h[m] as [number, number])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m] as [number, number], h[i] as [number, number]];
      i = m;
    }
    return top;
  }
}

/** What earlier arrows use: stretches (2 * node + 0 horizontal, + 1 vertical), crossings, ports. */
export interface Usage {
  edges: Map<number, number>;
  across: Map<number, number>;
  ports: Map<number, number>;
}

/** The cost of moving from `n` in direction `d` to `m` (after moving in `was`). */
function moveCost(g: Grid, use: Usage, p: RouteParams, n: number, m: number, was: number, d: number): number {
  const horizontal = d < 2;
  const edge = 2 * Math.min(n, m) + (horizontal ? 0 : 1);
  const length = horizontal ? Math.abs(g.x(m) - g.x(n)) : Math.abs(g.y(m) - g.y(n));
  const crossing = use.across.get(2 * m + (horizontal ? 1 : 0)) ?? 0;
  return length + (d === was ? 0 : p.bend) + p.overlap * (use.edges.get(edge) ?? 0) + p.cross * crossing;
}

/** How far node `n` is from the box `q` (a lower bound of what is left: A*'s estimate). */
function estimate(g: Grid, q: Rect, n: number): number {
  const x = g.x(n);
  const y = g.y(n);
  return Math.max(q.x1 - x, 0, x - q.x2) + Math.max(q.y1 - y, 0, y - q.y2);
}

interface Found {
  /** Track nodes from the start port's node to the end port's node. */
  nodes: number[];
  start: Port;
  end: Port;
}

/** The cheapest track path (A*) from a port of `from` to a port of `to`, or null when none. */
function search(g: Grid, use: Usage, p: RouteParams, from: Port[], to: Port[], goal: Rect): Found | null {
  const states = g.nx * g.ny * 4;
  const dist = new Float64Array(states).fill(Number.POSITIVE_INFINITY);
  const prev = new Int32Array(states).fill(-1);
  const heap = new Heap();
  from.forEach((port) => {
    const s = port.node * 4 + port.out;
    const cost = port.cost + p.overlap * (use.ports.get(port.node) ?? 0);
    if (cost < (dist[s] as number)) {
      dist[s] = cost;
      heap.push([cost + estimate(g, goal, port.node), s]);
    }
  });
  const ends = new Map<number, number[]>();
  to.forEach((port, k) => {
    ends.set(port.node, [...(ends.get(port.node) ?? []), k]);
  });
  while (heap.size > 0) {
    const [f, s] = heap.pop();
    if (s >= states) return found(from, to, prev, s, states);
    const n = Math.floor(s / 4);
    const was = s % 4;
    const cost = dist[s] as number;
    if (f > cost + estimate(g, goal, n)) continue;
    for (const k of ends.get(n) ?? []) {
      const port = to[k] as Port;
      const total =
        cost + (was === (port.out ^ 1) ? 0 : p.bend) + port.cost + p.overlap * (use.ports.get(n) ?? 0);
      heap.push([total, states * (k + 1) + s]);
    }
    for (let d = 0; d < 4; d++) {
      const m = d === (was ^ 1) ? -1 : g.step(n, d);
      if (m < 0) continue;
      const t = m * 4 + d;
      const c = cost + moveCost(g, use, p, n, m, was, d);
      if (c < (dist[t] as number)) {
        dist[t] = c;
        prev[t] = s;
        heap.push([c + estimate(g, goal, m), t]);
      }
    }
  }
  return null;
}

function found(from: Port[], to: Port[], prev: Int32Array, id: number, states: number): Found {
  const end = to[Math.floor(id / states) - 1] as Port;
  const nodes: number[] = [];
  let s = id % states;
  let first = s;
  while (s >= 0) {
    nodes.push(Math.floor(s / 4));
    first = s;
    s = prev[s] as number;
  }
  nodes.reverse();
  const start = from.find((port) => port.node * 4 + port.out === first) as Port;
  return { nodes, start, end };
}

/** Corners of a path without the points in the middle of straight runs. */
function corners(points: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const pt of points) {
    const a = out[out.length - 2];
    const b = out[out.length - 1];
    if (b && b[0] === pt[0] && b[1] === pt[1]) continue;
    if (a && b && ((a[0] === b[0] && b[0] === pt[0]) || (a[1] === b[1] && b[1] === pt[1]))) out.pop();
    out.push(pt);
  }
  return out;
}

/** Record what a routed path uses, so later arrows keep off it. */
function mark(g: Grid, use: Usage, f: Found): void {
  const bump = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);
  f.nodes.forEach((n, k) => {
    const m = f.nodes[k + 1];
    if (m === undefined) return;
    const horizontal = Math.floor(n / g.nx) === Math.floor(m / g.nx);
    bump(use.edges, 2 * Math.min(n, m) + (horizontal ? 0 : 1));
    bump(use.across, 2 * n + (horizontal ? 0 : 1));
    bump(use.across, 2 * m + (horizontal ? 0 : 1));
  });
  bump(use.ports, f.start.node);
  bump(use.ports, f.end.node);
}

/** The route of one arrow: through the tracks, or (boxed in) straight between the facing sides. */
export function routeOne(g: Grid, use: Usage, p: RouteParams, a: { from: Box; to: Box }): [number, number][] {
  const f = search(g, use, p, ports(g, a.from, p), ports(g, a.to, p), grow(a.to, p.margin));
  if (f === null) {
    const y1 = r1(a.from.y + a.from.h / 2);
    const y2 = r1(a.to.y + a.to.h / 2);
    const right = a.to.x >= a.from.x + a.from.w;
    const x1 = r1(right ? a.from.x + a.from.w : a.from.x);
    const x2 = r1(right ? a.to.x : a.to.x + a.to.w);
    return [
      [x1, y1],
      [x2, y2],
    ];
  }
  mark(g, use, f);
  const track = f.nodes.map((n): [number, number] => [g.x(n), g.y(n)]);
  return corners([f.start.edge, ...track, f.end.edge]);
}
