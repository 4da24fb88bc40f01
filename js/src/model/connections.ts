// Connections between cells and cards, without the DOM: the geometry of their arrows (which sides
// of two boxes an arrow joins, where several arrows on one side spread out, the curve between them
// and its label point), which arrows must keep clear of cells between their ends, and how a
// connection reads. arrows/ draws them.
import { cardsOf, findCard, type Layout } from "./layout";
import type { Connection, Endpoint, Journey } from "./schema";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

export type Side = "top" | "bottom" | "left" | "right";

/**
 * Boxes above each other (overlapping columns) join bottom to top, or right side to right side
 * when the arrow `skip`s lanes in between (it then runs down the column's gutter, past the cards
 * between); boxes side by side join right to left.
 */
export function arrowSides(a: Box, b: Box, skip = false): [Side, Side] {
  const overlapX = a.x < b.x + b.w && b.x < a.x + a.w;
  if (overlapX && skip) return ["right", "right"];
  if (overlapX) return b.y >= a.y ? ["bottom", "top"] : ["top", "bottom"];
  return b.x >= a.x ? ["right", "left"] : ["left", "right"];
}

/** The point on `side` of `box`, moved `offset` px along that side (kept 4 px inside the corners). */
export function anchor(box: Box, side: Side, offset = 0): Point {
  const along = side === "top" || side === "bottom" ? box.w : box.h;
  const room = Math.max(0, along / 2 - 4);
  const o = Math.max(-room, Math.min(room, offset));
  switch (side) {
    case "top":
      return { x: box.x + box.w / 2 + o, y: box.y };
    case "bottom":
      return { x: box.x + box.w / 2 + o, y: box.y + box.h };
    case "left":
      return { x: box.x, y: box.y + box.h / 2 + o };
    case "right":
      return { x: box.x + box.w, y: box.y + box.h / 2 + o };
  }
}

const NORMAL: Record<Side, Point> = {
  top: { x: 0, y: -1 },
  bottom: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
};

const r1 = (n: number) => Math.round(n * 10) / 10;

/** A cubic curve leaving `start` along `startSide`'s outward normal and entering `end` through `endSide`. */
export function curve(start: Point, startSide: Side, end: Point, endSide: Side): { d: string; label: Point } {
  const dist = Math.hypot(end.x - start.x, end.y - start.y);
  const k = Math.max(20, Math.min(120, dist / 3));
  const n1 = NORMAL[startSide];
  const n2 = NORMAL[endSide];
  const c1 = { x: start.x + n1.x * k, y: start.y + n1.y * k };
  const c2 = { x: end.x + n2.x * k, y: end.y + n2.y * k };
  const label = {
    x: r1((start.x + 3 * c1.x + 3 * c2.x + end.x) / 8),
    y: r1((start.y + 3 * c1.y + 3 * c2.y + end.y) / 8),
  };
  const d = `M${r1(start.x)} ${r1(start.y)} C${r1(c1.x)} ${r1(c1.y)} ${r1(c2.x)} ${r1(c2.y)} ${r1(end.x)} ${r1(end.y)}`;
  return { d, label };
}

/** Gap between a column's cards and an arrow running down its gutter. */
export const GUTTER = 4;

/** A path from the right side of one box down (or up) the gutter into the right side of another. */
export function gutterPath(start: Point, end: Point, gutterX: number): string {
  const r = Math.min(5, Math.abs(end.y - start.y) / 2);
  const dir = end.y >= start.y ? 1 : -1;
  const gx = r1(gutterX);
  return [
    `M${r1(start.x)} ${r1(start.y)}`,
    `H${r1(gx - r)}`,
    `Q${gx} ${r1(start.y)} ${gx} ${r1(start.y + dir * r)}`,
    `V${r1(end.y - dir * r)}`,
    `Q${gx} ${r1(end.y)} ${r1(gx - r)} ${r1(end.y)}`,
    `H${r1(end.x)}`,
  ].join(" ");
}

export interface ArrowInput {
  id: string;
  /** Whether shown lanes lie between the two ends (the arrow then keeps to the column's gutter). */
  skip?: boolean;
  /** The bottom of everything in the `from` end's cell (a label below it covers nothing). */
  clearY?: number;
  /** Keys of the endpoint elements (arrows on the same element and side spread out). */
  fromKey: string;
  toKey: string;
  from: Box;
  to: Box;
}

export interface ArrowShape {
  id: string;
  d: string;
  start: Point;
  end: Point;
  /** Where the label goes: next to where the arrow leaves a box above or below, else mid-way. */
  label: Point;
  labelAnchor: "start" | "middle" | "end";
}

export const SPREAD = 10;

/** Shapes for many arrows: arrows meeting one side of one element spread `SPREAD` px apart. */
export function arrowShapes(arrows: readonly ArrowInput[]): ArrowShape[] {
  const sides = arrows.map((a) => arrowSides(a.from, a.to, a.skip));
  const groups = new Map<string, number[]>();
  const slot = (key: string, index: number) => {
    const list = groups.get(key) ?? [];
    list.push(index);
    groups.set(key, list);
  };
  arrows.forEach((a, i) => {
    const [s1, s2] = sides[i] as [Side, Side];
    slot(`${a.fromKey}|${s1}`, i * 2);
    slot(`${a.toKey}|${s2}`, i * 2 + 1);
  });
  const offsets = new Map<number, number>();
  for (const list of groups.values()) {
    list.forEach((end, k) => {
      offsets.set(end, (k - (list.length - 1) / 2) * SPREAD);
    });
  }
  return arrows.map((a, i) => {
    const [s1, s2] = sides[i] as [Side, Side];
    const start = anchor(a.from, s1, offsets.get(i * 2));
    const end = anchor(a.to, s2, offsets.get(i * 2 + 1));
    const down = a.to.y >= a.from.y;
    const below = down ? Math.max(a.from.y + a.from.h, a.clearY ?? 0) + 13 : a.from.y - 5;
    if (s1 === "right" && s2 === "right") {
      const gutter = Math.max(a.from.x + a.from.w, a.to.x + a.to.w) + GUTTER;
      const label = { x: r1(a.from.x + a.from.w - 2), y: r1(below) };
      return { id: a.id, d: gutterPath(start, end, gutter), start, end, label, labelAnchor: "end" };
    }
    const { d, label } = curve(start, s1, end, s2);
    if (s1 === "bottom" || s1 === "top")
      return { id: a.id, d, start, end, label: { x: r1(start.x + 5), y: r1(below) }, labelAnchor: "start" };
    return { id: a.id, d, start, end, label, labelAnchor: "middle" };
  });
}

/** How an endpoint reads: a card's text and its cell, or the cell (lane, step). */
export function endpointName(doc: Journey, layout: Layout, end: Endpoint): string {
  const lane = layout.laneById.get(end.lane)?.lane.name ?? end.lane;
  const step = layout.stepById.get(end.step)?.step.name ?? end.step;
  if (end.card) {
    const card = findCard(doc, end.card)?.card;
    return card ? `${card.text} (${lane}, ${step})` : `card ${end.card}`;
  }
  return `${lane}, ${step}`;
}

/** The accessible name of an arrow: "Connection: A → B (label)". */
export function connectionName(doc: Journey, layout: Layout, c: Connection): string {
  const name = `Connection: ${endpointName(doc, layout, c.from)} → ${endpointName(doc, layout, c.to)}`;
  return c.label ? `${name} (${c.label})` : name;
}

/** A label shortened for drawing (the full one is in the arrow's name and tooltip). */
export function shortLabel(label: string, max = 36): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

export function sameEnd(a: Endpoint, b: Endpoint): boolean {
  return a.lane === b.lane && a.step === b.step && (a.card ?? "") === (b.card ?? "");
}

/**
 * Whether a straight arrow between the ends of `c` would cross other cells or cards: lanes
 * shown between them, or cards after the upper end or before the lower end in their cells.
 */
export function crossesBetween(doc: Journey, layout: Layout, c: Connection): boolean {
  const row = (lane: string) => layout.laneById.get(lane)?.row ?? -1;
  const [upper, lower] = row(c.from.lane) <= row(c.to.lane) ? [c.from, c.to] : [c.to, c.from];
  if (row(lower.lane) - row(upper.lane) > 1) return true;
  if (upper.card) {
    const where = findCard(doc, upper.card);
    if (where && where.index < cardsOf(doc, where.lane, where.step).length - 1) return true;
  }
  if (lower.card) {
    const where = findCard(doc, lower.card);
    if (where && where.index > 0) return true;
  }
  return false;
}
