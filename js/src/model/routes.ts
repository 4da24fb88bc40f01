// Orthogonal routes for connection arrows, without the DOM: each arrow runs from a side of one box
// to a side of another along horizontal and vertical tracks through the gaps between the text boxes
// (cells' text, cards) with few bends, crossings and shared stretches (model/tracks.ts), and its
// label goes beside a straight run where it covers no text and no arrow (or, failing that, on a run
// of its own arrow, breaking the line, or nearby with a leader line). Arrows side by side in a narrow
// gap are spread evenly across it. The twin of jmwidget.pictures._routes: both read their parameters
// from shared.json and give the same routes for the same boxes (tests/test_routes.py compares them).
import shared from "../../../src/jmwidget/schema/shared.json";
import {
  type Box,
  Grid,
  grow,
  type Rect,
  ROUTES,
  type RouteParams,
  r1,
  routeOne,
  tracks,
  type Usage,
} from "./tracks";

export type { Box, RouteParams } from "./tracks";
export { ROUTES, r1 } from "./tracks";

const WIDTHS: readonly number[] = shared.text.ascii_widths;

export interface RouteArrow {
  id: string;
  from: Box;
  to: Box;
  /** The label as drawn (already shortened), or "" for none. */
  label: string;
}

export interface RouteScene {
  /** Where arrows and labels may go (the grid's cells). */
  bounds: Box;
  /** Text boxes no arrow and no label may cover (the arrows' own ends among them). */
  obstacles: readonly Box[];
  /** Lines a label should not sit on (arrows may cross them): the blueprint's zone lines. */
  lines: readonly Box[];
  arrows: readonly RouteArrow[];
}

export interface Route {
  id: string;
  /** The corners of the arrow, from the edge of its `from` box to the edge of its `to` box. */
  points: [number, number][];
  /** The label's box (its text centred in it), or null without a label. */
  label: Box | null;
  /** A line from the label to its arrow when the label had to move away from it. */
  leader: [number, number, number, number] | null;
}

const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1faff],
  [0x20000, 0x3fffd],
];

/** Estimated width in px of a bold label (Arial metrics, widened by `label_width_factor`), padding included. */
export function labelWidth(text: string, p: RouteParams = ROUTES): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 32 && code <= 126) units += WIDTHS[code - 32] ?? 600;
    else units += WIDE.some(([a, b]) => code >= a && code <= b) ? 1000 : 600;
  }
  return r1(((units * p.label_size) / 1000) * 1.07 * p.label_width_factor + 2 * p.label_pad);
}

const rectOf = (b: Box): Rect => grow(b, 0);
const hits = (a: Rect, b: Rect): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

function segments(points: [number, number][]): Rect[] {
  const out: Rect[] = [];
  points.forEach(([x, y], k) => {
    const next = points[k + 1];
    if (next)
      out.push({
        x1: Math.min(x, next[0]),
        y1: Math.min(y, next[1]),
        x2: Math.max(x, next[0]),
        y2: Math.max(y, next[1]),
      });
  });
  return out;
}

/** Places from the middle of lo..hi outwards, 12 px apart (twin of `_outward` in _routes.py). */
function outward(lo: number, hi: number): number[] {
  const mid = (lo + hi) / 2;
  const along = [mid];
  for (let k = 1; k * 12 <= (hi - lo) / 2; k++) along.push(mid - k * 12, mid + k * 12);
  return along;
}

/** Label boxes beside one straight run of the path, from its middle outwards, both sides. */
function besideRun(run: Rect, w: number, h: number, p: RouteParams): Box[] {
  const out: Box[] = [];
  const horizontal = run.y1 === run.y2;
  const lo = horizontal ? run.x1 + w / 2 : run.y1 + h / 2;
  const hi = horizontal ? run.x2 - w / 2 : run.y2 - h / 2;
  if (hi < lo) return out;
  const along = outward(lo, hi);
  for (const c of along) {
    if (horizontal) {
      out.push({ x: r1(c - w / 2), y: r1(run.y1 - p.label_gap - h), w, h });
      out.push({ x: r1(c - w / 2), y: r1(run.y1 + p.label_gap), w, h });
    } else {
      out.push({ x: r1(run.x1 + p.label_gap), y: r1(c - h / 2), w, h });
      out.push({ x: r1(run.x1 - p.label_gap - w), y: r1(c - h / 2), w, h });
    }
  }
  return out;
}

/** Whether the straight line from (x1, y1) to (x2, y2) keeps out of every box (checked every 2 px). */
function clearLine(x1: number, y1: number, x2: number, y2: number, blocks: readonly Rect[]): boolean {
  const n = Math.max(1, Math.ceil(Math.sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2) / 2));
  for (let k = 0; k <= n; k++) {
    const x = x1 + ((x2 - x1) * k) / n;
    const y = y1 + ((y2 - y1) * k) / n;
    if (blocks.some((q) => q.x1 < x && x < q.x2 && q.y1 < y && y < q.y2)) return false;
  }
  return true;
}

interface LabelSpace {
  bounds: Rect;
  /** Text boxes and labels already placed. */
  blocks: Rect[];
  /** Zone lines (a label sits on one only when it fits nowhere else). */
  lines: Rect[];
  /** Every arrow's straight runs. */
  runs: Rect[];
  /** The text boxes alone (a leader line keeps off them). */
  texts: Rect[];
}

const fits = (b: Box, space: LabelSpace, onLines = false): boolean => {
  const q = rectOf(b);
  if (!onLines && space.lines.some((o) => hits(q, o))) return false;
  const inside =
    q.x1 >= space.bounds.x1 && q.x2 <= space.bounds.x2 && q.y1 >= space.bounds.y1 && q.y2 <= space.bounds.y2;
  return inside && !space.blocks.some((o) => hits(q, o)) && !space.runs.some((o) => hits(q, o));
};

/**
 * Where a label of width `w` goes: beside its arrow, else on it (where no other arrow runs), else
 * nearby with a leader, else beside its arrow over a zone line, else mid-arrow.
 */
function placeLabel(points: [number, number][], w: number, space: LabelSpace, p: RouteParams) {
  const h = p.label_h;
  const runs = segments(points)
    .map((run, k) => ({ run, k, length: run.x2 - run.x1 + run.y2 - run.y1 }))
    .sort((a, b) => b.length - a.length || a.k - b.k);
  for (const { run } of runs) {
    const spot = besideRun(run, w, h, p).find((b) => fits(b, space));
    if (spot) return { label: spot, leader: null };
  }
  for (const { run } of runs) {
    const at = space.runs.findIndex((o) => sameRect(o, run));
    const others = space.runs.filter((_, i) => i !== at);
    const spot = onRun(run, w, h, p).find((b) => fits(b, { ...space, runs: others }));
    if (spot) return { label: spot, leader: null };
  }
  const longest = (runs[0] as { run: Rect }).run;
  const ax = r1((longest.x1 + longest.x2) / 2);
  const ay = r1((longest.y1 + longest.y2) / 2);
  for (let d = 16; d <= p.label_search; d += 16) {
    for (const [dx, dy] of ring(d)) {
      const b = { x: r1(ax + dx - w / 2), y: r1(ay + dy - h / 2), w, h };
      const ex = Math.max(b.x, Math.min(ax, b.x + w));
      const ey = Math.max(b.y, Math.min(ay, b.y + h));
      if (fits(b, space) && clearLine(ax, ay, ex, ey, space.texts))
        return { label: b, leader: [ax, ay, r1(ex), r1(ey)] as [number, number, number, number] };
    }
  }
  for (const { run } of runs) {
    const spot = besideRun(run, w, h, p).find((b) => fits(b, space, true));
    if (spot) return { label: spot, leader: null };
  }
  return { label: { x: r1(ax - w / 2), y: r1(ay - h / 2), w, h }, leader: null };
}

/** Offsets on the square ring `d` px out: above, below, right, left first, then along the ring. */
function sameRect(a: Rect, b: Rect): boolean {
  return a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2;
}

/** Label boxes on a straight run of the arrow itself (the label breaks the line), from its middle
 * outwards, with `label_run_end` px of the run showing at each end (`on_run` in _routes.py). */
function onRun(run: Rect, w: number, h: number, p: RouteParams): Box[] {
  const horizontal = run.y1 === run.y2;
  const half = (horizontal ? w : h) / 2 + p.label_run_end;
  const lo = horizontal ? run.x1 + half : run.y1 + half;
  const hi = horizontal ? run.x2 - half : run.y2 - half;
  if (hi < lo) return [];
  const along = outward(lo, hi);
  return along.map((c) =>
    horizontal
      ? { x: r1(c - w / 2), y: r1(run.y1 - h / 2), w, h }
      : { x: r1(run.x1 - w / 2), y: r1(c - h / 2), w, h },
  );
}

function ring(d: number): [number, number][] {
  const out: [number, number][] = [
    [0, -d],
    [0, d],
    [d, 0],
    [-d, 0],
  ];
  for (let t = 16; t <= d; t += 16) {
    out.push([t, -d], [-t, -d], [t, d], [-t, d], [d, -t], [d, t], [-d, -t], [-d, t]);
  }
  return out;
}

/** Routes and label boxes for every arrow of `scene`, in its order. */
/** An inner run of an arrow: from, to (along it), where (across), arrow, index, its free stretch across. */
type Run = [number, number, number, number, number, number, number];

/** The free stretch across a run at `at` (x for a vertical run, `axis` 0; y for a horizontal one)
 * between the walls beside it from `lo` to `hi`; null when a wall lies under the run. */
function corridor(at: number, lo: number, hi: number, walls: readonly Rect[], bounds: Rect, axis: number) {
  let left = axis === 0 ? bounds.x1 : bounds.y1;
  let right = axis === 0 ? bounds.x2 : bounds.y2;
  for (const w of walls) {
    const [a0, a1, b0, b1] = axis === 0 ? [w.x1, w.x2, w.y1, w.y2] : [w.y1, w.y2, w.x1, w.x2];
    if (!(b0 < hi && b1 > lo)) continue;
    if (a1 <= at) left = Math.max(left, a1);
    else if (a0 >= at) right = Math.min(right, a0);
    else return null;
  }
  return [left, right] as const;
}

function compareRuns(a: Run, b: Run): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

interface Side {
  left: number;
  right: number;
  end: number;
  runs: Run[];
}

/** The runs in groups that overlap along their length, each run inside the free stretch they share;
 * a run joins the first group it fits, in the order of their first runs (`side_by_side` in _routes.py). */
function sideBySide(runs: Run[]): Side[] {
  const groups: Side[] = [];
  for (const run of [...runs].sort(compareRuns)) {
    const [lo, hi, , , , runLeft, runRight] = run;
    const group = groups.find((g) => {
      const left = Math.max(g.left, runLeft);
      const right = Math.min(g.right, runRight);
      return lo < g.end && [...g.runs, run].every((m) => left <= m[2] && m[2] <= right);
    });
    if (!group) {
      groups.push({ left: runLeft, right: runRight, end: hi, runs: [run] });
      continue;
    }
    group.left = Math.max(group.left, runLeft);
    group.right = Math.min(group.right, runRight);
    group.end = Math.max(group.end, hi);
    group.runs.push(run);
  }
  return groups;
}

/** Every run but an arrow's first and last, vertical (`axis` 0) or horizontal, with its free stretch. */
function innerRuns(paths: [number, number][][], walls: readonly Rect[], bounds: Rect, axis: number): Run[] {
  const runs: Run[] = [];
  paths.forEach((path, a) => {
    for (let k = 1; k < path.length - 2; k++) {
      const [x1, y1] = path[k] as [number, number];
      const [x2, y2] = path[k + 1] as [number, number];
      if (axis === 0 ? x1 !== x2 : y1 !== y2) continue;
      const [at, lo, hi] =
        axis === 0 ? [x1, Math.min(y1, y2), Math.max(y1, y2)] : [y1, Math.min(x1, x2), Math.max(x1, x2)];
      const gap = corridor(at, lo, hi, walls, bounds, axis);
      if (gap) runs.push([lo, hi, at, a, k, gap[0], gap[1]]);
    }
  });
  return runs;
}

/** Arrows side by side in a gap narrower than `mid_gap` spread evenly across it, in their order,
 * vertical runs first (`spread` in _routes.py). Only inner runs move: an arrow's ends stay put. */
function spread(paths: [number, number][][], scene: RouteScene, p: RouteParams): [number, number][][] {
  const walls = [
    ...scene.obstacles.map((b) => grow(b, 0)),
    ...scene.arrows.flatMap((a) => [grow(a.from, 0), grow(a.to, 0)]),
  ];
  const bounds = grow(scene.bounds, 0);
  const out = paths.map((path) => path.map(([x, y]) => [x, y] as [number, number]));
  for (const axis of [0, 1]) {
    for (const side of sideBySide(innerRuns(out, walls, bounds, axis))) {
      if (side.runs.length < 2 || side.right - side.left >= p.mid_gap) continue;
      const group = [...side.runs].sort((a, b) => a[2] - b[2] || a[3] - b[3] || a[4] - b[4]);
      group.forEach((run, i) => {
        const v = r1(side.left + ((side.right - side.left) * (i + 1)) / (group.length + 1));
        for (const j of [run[4], run[4] + 1]) {
          const point = out[run[3]]?.[j] as [number, number];
          point[axis] = v;
        }
      });
    }
  }
  return out;
}

export function routeAll(scene: RouteScene, p: RouteParams = ROUTES): Route[] {
  const rects = scene.obstacles.map((b) => grow(b, p.margin));
  const [xs, ys] = tracks(scene, rects, p);
  const g = new Grid(xs, ys, rects);
  const use: Usage = { edges: new Map(), across: new Map(), ports: new Map() };
  const paths = spread(
    scene.arrows.map((a) => routeOne(g, use, p, a)),
    scene,
    p,
  );
  const space: LabelSpace = {
    bounds: rectOf(scene.bounds),
    blocks: scene.obstacles.map((b) => grow(b, 1)),
    lines: scene.lines.map((b) => grow(b, 1)),
    runs: paths.flatMap(segments),
    texts: scene.obstacles.map((b) => grow(b, 1)),
  };
  return scene.arrows.map((a, k) => {
    const points = paths[k] as [number, number][];
    if (!a.label) return { id: a.id, points, label: null, leader: null };
    const { label, leader } = placeLabel(points, labelWidth(a.label, p), space, p);
    space.blocks.push(grow(label, 2));
    if (leader)
      space.runs.push(
        ...segments([
          [leader[0], leader[1]],
          [leader[2], leader[3]],
        ]),
      );
    return { id: a.id, points, label, leader };
  });
}

/** An SVG path through the route's corners. */
export function routePath(points: readonly [number, number][]): string {
  return points.map(([x, y], k) => `${k === 0 ? "M" : "L"}${x} ${y}`).join(" ");
}
