// The emotion curves' geometry: where a persona's point sits in a step column, the SVG path of
// each persona's curve, and the whiskers of a value's interval (grid/emotion.ts draws them).
import { emotionOf, emotionY, type Layout, STEP_W, type StepInfo } from "./layout";
import type { EmotionScale, Evidence, Journey, Persona } from "./schema";

/** How many curve styles (colour and dash) styles/cells.css defines; further personas reuse them. */
export const PERSONA_STYLES = 6;

/** What a curve is computed from: the document and the columns of the current layout. */
export interface CurveSource {
  readonly doc: Journey;
  readonly layout: Layout;
}

export function pointX(info: StepInfo, personaIndex: number, personaCount: number): number {
  const spread = personaCount > 1 ? Math.min(8, 40 / personaCount) : 0;
  return info.left + STEP_W / 2 + (personaIndex - (personaCount - 1) / 2) * spread;
}

/** The SVG path of one persona's curve; `override` replaces one step's value (while dragging). */
export function curvePath(
  src: CurveSource,
  laneId: string,
  persona: Persona,
  pi: number,
  override?: { step: string; value: number },
): string {
  const { doc, layout } = src;
  const scale = doc.emotion_scale;
  const n = doc.personas.length;
  let d = "";
  let pen = false;
  for (const info of layout.steps) {
    const v =
      override && override.step === info.step.id
        ? override.value
        : emotionOf(doc, laneId, info.step.id, persona.id);
    if (v === null) {
      pen = false;
      continue;
    }
    const x = pointX(info, pi, n).toFixed(1);
    const y = emotionY(v, scale.min, scale.max).toFixed(1);
    d += `${pen ? "L" : "M"}${x} ${y} `;
    pen = true;
  }
  return d.trim();
}

/** Half the width of a whisker's end caps, in px. */
export const WHISKER_CAP = 4;

/**
 * The SVG path of a point's interval: a vertical line from `low` to `high` at the point's x, with a
 * short cap at each end given (a missing end runs to the value, without a cap). Null when the
 * evidence has no interval.
 */
export function whiskerPath(e: Evidence, x: number, scale: EmotionScale): string | null {
  if (e.low === undefined && e.high === undefined) return null;
  const y = (v: number) => emotionY(v, scale.min, scale.max).toFixed(1);
  const top = y(e.high ?? e.value);
  const bottom = y(e.low ?? e.value);
  const left = (x - WHISKER_CAP).toFixed(1);
  const right = (x + WHISKER_CAP).toFixed(1);
  let d = `M${x.toFixed(1)} ${bottom} V${top}`;
  if (e.high !== undefined) d += ` M${left} ${top} H${right}`;
  if (e.low !== undefined) d += ` M${left} ${bottom} H${right}`;
  return d;
}
