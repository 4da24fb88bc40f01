// Evidence behind a value: an emotion entry or a metric cell holds a plain number or an Evidence
// object {value, n?, sd?, low?, high?} (schema version 3). These readers take either shape, so the
// rest of the front end never looks into a cell by hand; twin of jmwidget.model._evidence.
import { emotionEvidenceText, metricEvidenceText } from "./format";
import type { Evidence, Journey, Lane } from "./schema";
import { SMALL_N } from "./shared";

function isEvidence(v: unknown): v is Evidence {
  return (
    typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as Evidence).value === "number"
  );
}

/** The plain number of an emotion entry or metric cell (an Evidence object's value); null otherwise. */
export function numberOf(v: unknown): number | null {
  const n = isEvidence(v) ? v.value : v;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

/** The Evidence object of an emotion entry or metric cell: {value} for a plain number; null when empty. */
export function evidenceOf(v: unknown): Evidence | null {
  if (isEvidence(v)) return v;
  const n = numberOf(v);
  return n === null ? null : { value: n };
}

/** Whether a value carries more than its number (n, sd, low or high). */
export function hasEvidence(e: Evidence | null): e is Evidence {
  return (
    e !== null && (e.n !== undefined || e.sd !== undefined || e.low !== undefined || e.high !== undefined)
  );
}

/** Whether a value's evidence names fewer than SMALL_N observations (drawn hollow and faded). */
export function isSmallN(e: Evidence | null): boolean {
  return e?.n !== undefined && e.n < SMALL_N;
}

/**
 * What the evidence of an emotion or metric cell says, read out with the cell (and shown on hover
 * after "<lane>, <step>: "): "2.1 (n = 412, 1.8 to 2.4)"; with several personas each value is
 * named, "Ana 2.1 (n = 412); Bo 3". Null when no value in the cell has evidence.
 */
export function evidenceText(doc: Journey, lane: Lane, stepId: string): string | null {
  const cell = doc.cells[lane.id]?.[stepId];
  if (lane.kind === "metric") {
    const e = evidenceOf(cell);
    return hasEvidence(e) ? metricEvidenceText(e, lane.format, lane.unit) : null;
  }
  if (lane.kind !== "emotion" || typeof cell !== "object" || cell === null || Array.isArray(cell))
    return null;
  const entries = doc.personas
    .map((p) => ({ name: p.name, e: evidenceOf((cell as Record<string, unknown>)[p.id]) }))
    .filter((x): x is { name: string; e: Evidence } => x.e !== null);
  if (!entries.some((x) => hasEvidence(x.e))) return null;
  const one = doc.personas.length === 1;
  return entries.map((x) => `${one ? "" : `${x.name} `}${emotionEvidenceText(x.e)}`).join("; ");
}

/** The hover text of a cell whose value carries evidence: "Emotion, Fill form: 2.1 (n = 412)"; null without. */
export function evidenceName(doc: Journey, lane: Lane, stepId: string, stepName: string): string | null {
  const text = evidenceText(doc, lane, stepId);
  return text === null ? null : `${lane.name}, ${stepName}: ${text}`;
}
