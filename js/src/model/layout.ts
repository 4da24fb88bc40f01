// Derived, read-only indexes over a document: step order, column geometry, lookups by id, and
// the lanes the current view (journey or blueprint) shows.
import { type ViewName, visibleLanes } from "./blueprint";
import { evidenceOf, numberOf } from "./evidence";
import type { Card, Evidence, Journey, Lane, Stage, Step } from "./schema";
import { GRID } from "./shared";

export const LANE_W = GRID.lane_w;
export const STEP_W = GRID.step_w;
export const STUB_W = GRID.stub_w;
export const EMOTION_H = GRID.emotion_h;
export const EMOTION_PAD = GRID.emotion_pad;

export interface StepInfo {
  step: Step;
  stage: Stage;
  stageIndex: number;
  /** Index within its stage. */
  indexInStage: number;
  /** Index in the global step order. */
  index: number;
  /** Left edge (px) relative to the first step column. */
  left: number;
}

export interface Layout {
  steps: StepInfo[];
  stepById: Map<string, StepInfo>;
  /** Every lane by id: `index` in the document, `row` among the shown lanes (-1: hidden). */
  laneById: Map<string, { lane: Lane; index: number; row: number }>;
  /** The lanes this view shows, in order. */
  lanes: Lane[];
  view: ViewName;
  stageIndexById: Map<string, number>;
  /** CSS grid-template-columns for every row. */
  template: string;
  /** Width of all step/stub columns (without the lane header column). */
  bodyWidth: number;
  columnCount: number;
}

export function computeLayout(doc: Journey, view: ViewName = "blueprint"): Layout {
  const steps: StepInfo[] = [];
  const stepById = new Map<string, StepInfo>();
  const stageIndexById = new Map<string, number>();
  const parts: string[] = [`var(--jmw-lane-w, ${LANE_W}px)`];
  let left = 0;
  let columnCount = 0;
  doc.stages.forEach((stage, stageIndex) => {
    stageIndexById.set(stage.id, stageIndex);
    if (stage.steps.length === 0) {
      parts.push(`${STUB_W}px`);
      left += STUB_W;
      columnCount += 1;
      return;
    }
    parts.push(`repeat(${stage.steps.length}, var(--jmw-step-w, ${STEP_W}px))`);
    stage.steps.forEach((step, indexInStage) => {
      const info: StepInfo = { step, stage, stageIndex, indexInStage, index: steps.length, left };
      steps.push(info);
      stepById.set(step.id, info);
      left += STEP_W;
      columnCount += 1;
    });
  });
  const lanes = visibleLanes(doc.lanes, view);
  const rows = new Map(lanes.map((lane, row) => [lane.id, row]));
  const laneById = new Map<string, { lane: Lane; index: number; row: number }>();
  doc.lanes.forEach((lane, index) => {
    laneById.set(lane.id, { lane, index, row: rows.get(lane.id) ?? -1 });
  });
  return {
    steps,
    stepById,
    laneById,
    lanes,
    view,
    stageIndexById,
    template: parts.join(" "),
    bodyWidth: left,
    columnCount,
  };
}

export function cellValue(doc: Journey, laneId: string, stepId: string): unknown {
  return doc.cells[laneId]?.[stepId];
}

export function cardsOf(doc: Journey, laneId: string, stepId: string): Card[] {
  const v = cellValue(doc, laneId, stepId);
  return Array.isArray(v) ? (v.filter((c) => typeof c === "object" && c !== null) as Card[]) : [];
}

export function findCard(
  doc: Journey,
  cardId: string,
): { lane: string; step: string; index: number; card: Card } | null {
  for (const [lane, row] of Object.entries(doc.cells)) {
    if (!row) continue;
    for (const [step, value] of Object.entries(row)) {
      if (!Array.isArray(value)) continue;
      const index = value.findIndex((c) => typeof c === "object" && c !== null && (c as Card).id === cardId);
      if (index >= 0) return { lane, step, index, card: value[index] as Card };
    }
  }
  return null;
}

/** One persona's entry in an emotion cell as stored: a number, an Evidence object, or undefined. */
function emotionEntry(doc: Journey, laneId: string, stepId: string, personaId: string): unknown {
  const v = cellValue(doc, laneId, stepId);
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  return (v as Record<string, unknown>)[personaId];
}

/** A persona's emotion at a step: the number, whether plain or with evidence behind it. */
export function emotionOf(doc: Journey, laneId: string, stepId: string, personaId: string): number | null {
  return numberOf(emotionEntry(doc, laneId, stepId, personaId));
}

/** A persona's emotion at a step with its evidence ({value} for a plain number); null when empty. */
export function emotionEvidenceOf(
  doc: Journey,
  laneId: string,
  stepId: string,
  personaId: string,
): Evidence | null {
  return evidenceOf(emotionEntry(doc, laneId, stepId, personaId));
}

/** A metric cell's number, whether plain or with evidence behind it. */
export function metricOf(doc: Journey, laneId: string, stepId: string): number | null {
  return numberOf(cellValue(doc, laneId, stepId));
}

export function metricRange(
  doc: Journey,
  laneId: string,
  steps: StepInfo[],
): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const info of steps) {
    const v = metricOf(doc, laneId, info.step.id);
    if (v !== null) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min === Number.POSITIVE_INFINITY) return null;
  // Bars start at zero for non-negative data so that they compare magnitudes.
  return { min: Math.min(0, min), max };
}

export function emotionY(value: number, min: number, max: number): number {
  const span = max - min || 1;
  return EMOTION_PAD + ((max - value) / span) * (EMOTION_H - 2 * EMOTION_PAD);
}

export function emotionValueAtY(y: number, min: number, max: number): number {
  const span = max - min || 1;
  const v = max - ((y - EMOTION_PAD) / (EMOTION_H - 2 * EMOTION_PAD)) * span;
  return Math.min(max, Math.max(min, Math.round(v)));
}
