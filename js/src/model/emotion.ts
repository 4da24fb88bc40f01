// The emotion curves' geometry: where a persona's point sits in a step column, and the SVG path
// of each persona's curve (grid/emotion.ts draws them).
import { emotionOf, emotionY, type Layout, STEP_W, type StepInfo } from "./layout";
import type { Journey, Persona } from "./schema";

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
