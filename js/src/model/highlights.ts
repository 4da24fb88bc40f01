// Highlights set from Python (the `highlights` trait, e.g. alignment gaps): which cells they name
// and the message of each (grid/highlights.ts paints them).

export interface Highlight {
  lane: string;
  step: string;
  kind: string;
  message: string;
}

/** The well-formed entries of the trait's value (others are skipped). */
export function readHighlights(value: unknown): Highlight[] {
  if (!Array.isArray(value)) return [];
  const out: Highlight[] = [];
  for (const item of value) {
    if (typeof item !== "object" || item === null) continue;
    const { lane, step, kind, message } = item as Record<string, unknown>;
    if (typeof lane !== "string" || typeof step !== "string") continue;
    out.push({
      lane,
      step,
      kind: typeof kind === "string" && kind ? kind : "note",
      message: typeof message === "string" ? message : "",
    });
  }
  return out;
}
