// Where a value came from: cells and cards that a binding's last refresh wrote (jmwidget.data),
// and those a person changed since, which refreshes keep. Read from the bindings' `last` records
// in the document; no DOM. Twin of the rule in jmwidget/data/_refresh.py.
import { evidenceOf } from "./evidence";
import { formatLaneValue } from "./format";
import type { Binding, Card, Journey, Lane } from "./schema";

/** "data": the value is the one the last refresh wrote; "kept": a person changed it since. */
export interface Provenance {
  readonly state: "data" | "kept";
  /** A sentence for hover and screen readers: what computed it, from which source, when. */
  readonly text: string;
}

function sameValue(a: unknown, b: unknown): boolean {
  const x = evidenceOf(a);
  const y = evidenceOf(b);
  if (x === null || y === null) return x === y;
  return x.value === y.value && x.n === y.n && x.sd === y.sd && x.low === y.low && x.high === y.high;
}

/** "2026-11-30T09:15:00+00:00" as "2026-11-30 09:15 UTC" (the text as stored when it is not that shape). */
export function refreshedAt(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:\+00:00|Z)$/.exec(at);
  return m ? `${m[1]} ${m[2]} UTC` : at;
}

/** "conversion of a funnel over 'events', refreshed 2026-11-30 09:15 UTC (9 rows)". */
export function describeBinding(binding: Binding): string {
  const last = binding.last;
  const what = `${binding.column} of a ${binding.compute.kind} over '${binding.compute.source}'`;
  if (!last) return `${what}, not refreshed yet`;
  const rows = typeof last.rows === "number" ? ` (${last.rows} ${last.rows === 1 ? "row" : "rows"})` : "";
  return `${what}, refreshed ${refreshedAt(last.at)}${rows}`;
}

function bindingsOf(doc: Journey, laneId: string): Binding[] {
  return (doc.bindings ?? []).filter((b) => b.lane === laneId && b.last !== undefined);
}

function personaName(doc: Journey, id: string | undefined): string {
  const persona = id === undefined ? doc.personas[0] : doc.personas.find((p) => p.id === id);
  return persona?.name ?? id ?? "";
}

function cellEntry(doc: Journey, lane: Lane, stepId: string, binding: Binding): Provenance | null {
  const written = binding.last?.values[stepId];
  if (written === undefined || written === null) return null;
  const cell = doc.cells[lane.id]?.[stepId];
  let current: unknown = cell;
  let who = "";
  if (lane.kind === "emotion") {
    const personaId = binding.persona ?? doc.personas[0]?.id;
    current =
      personaId === undefined ? undefined : (cell as Record<string, unknown> | undefined)?.[personaId];
    who = `${personaName(doc, binding.persona)}: `;
  }
  const source = describeBinding(binding);
  if (sameValue(current, written)) return { state: "data", text: `${who}from data: ${source}` };
  const said = evidenceOf(written);
  const dataSaid = said === null ? "" : ` (the data gave ${formatLaneValue(lane, said.value)})`;
  return { state: "kept", text: `${who}edited by hand${dataSaid}; refreshes keep it. Bound to ${source}` };
}

/** The provenance of an emotion or metric cell (null: not from data); "kept" wins over "data". */
export function cellProvenance(doc: Journey, lane: Lane, stepId: string): Provenance | null {
  if (lane.kind !== "emotion" && lane.kind !== "metric") return null;
  const entries = bindingsOf(doc, lane.id)
    .map((b) => cellEntry(doc, lane, stepId, b))
    .filter((p): p is Provenance => p !== null);
  if (entries.length === 0) return null;
  const state = entries.some((p) => p.state === "kept") ? "kept" : "data";
  const text = entries.map((p) => p.text).join("; ");
  return { state, text: text.charAt(0).toUpperCase() + text.slice(1) };
}

/** The provenance of a card a refresh made (null: a person's card). */
export function cardProvenance(doc: Journey, laneId: string, card: Card): Provenance | null {
  for (const binding of bindingsOf(doc, laneId)) {
    const last = binding.last;
    if (!last?.cards || !Object.values(last.cards).includes(card.id)) continue;
    const source = describeBinding(binding);
    if (last.values[card.id] === card.text) return { state: "data", text: `From data: ${source}` };
    return { state: "kept", text: `Edited by hand; refreshes keep it. Bound to ${source}` };
  }
  return null;
}
