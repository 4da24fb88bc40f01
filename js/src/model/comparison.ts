// The compare view (`comparison` trait, set by JourneyWidget(after, compare_to=before)): what
// changed since the map before, read defensively from the trait (grid/compare.ts draws it).

export type CellChange = "added" | "removed" | "changed";

export interface ComparedCell {
  lane: string;
  step: string;
  kind: CellChange;
  before: string;
  after: string;
}

export interface Removed {
  id: string;
  name: string;
  /** The id of the shown step or lane it stood before; null: it was the last. */
  before: string | null;
}

export interface ComparedSide {
  title: string;
  stateName: string;
}

export interface Comparison {
  before: ComparedSide;
  after: ComparedSide;
  cells: ComparedCell[];
  addedSteps: string[];
  addedLanes: string[];
  removedSteps: Removed[];
  removedLanes: Removed[];
}

const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null) : [];

function side(v: unknown): ComparedSide {
  const o = (typeof v === "object" && v !== null ? v : {}) as Record<string, unknown>;
  return { title: str(o.title), stateName: str(o.state_name, str(o.state)) };
}

function removed(v: unknown): Removed[] {
  return list(v)
    .filter((r) => typeof r.id === "string")
    .map((r) => ({
      id: str(r.id),
      name: str(r.name, str(r.id)),
      before: typeof r.before === "string" ? r.before : null,
    }));
}

/** The trait's value as a Comparison, or null (no comparison, or not one). */
export function readComparison(value: unknown): Comparison | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const o = value as Record<string, unknown>;
  const kinds: CellChange[] = ["added", "removed", "changed"];
  const cells = list(o.cells)
    .filter((c) => typeof c.lane === "string" && typeof c.step === "string")
    .map((c) => ({
      lane: str(c.lane),
      step: str(c.step),
      kind: kinds.includes(c.kind as CellChange) ? (c.kind as CellChange) : "changed",
      before: str(c.before),
      after: str(c.after),
    }));
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  return {
    before: side(o.before),
    after: side(o.after),
    cells,
    addedSteps: ids(o.added_steps),
    addedLanes: ids(o.added_lanes),
    removedSteps: removed(o.removed_steps),
    removedLanes: removed(o.removed_lanes),
  };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line naming both maps with their state, then what changed. */
export function legendText(c: Comparison): string {
  const parts = [
    `Compared with “${c.before.title}” (${c.before.stateName}); this map: “${c.after.title}” (${c.after.stateName})`,
    count(c.cells.length, "cell changed", "cells changed"),
  ];
  if (c.addedSteps.length) parts.push(count(c.addedSteps.length, "step added", "steps added"));
  if (c.removedSteps.length) parts.push(count(c.removedSteps.length, "step removed", "steps removed"));
  if (c.addedLanes.length) parts.push(count(c.addedLanes.length, "lane added", "lanes added"));
  if (c.removedLanes.length) parts.push(count(c.removedLanes.length, "lane removed", "lanes removed"));
  return parts.join(" · ");
}

/** A cell's hover text: its value before and after. */
export function cellChangeText(cell: ComparedCell): string {
  const what = { added: "Added", removed: "Emptied", changed: "Changed" }[cell.kind];
  return `${what} since the map before.\nBefore: ${cell.before}\nAfter: ${cell.after}`;
}
