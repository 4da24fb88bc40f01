// The content of a cell, by lane kind: text, cards (and the add button), channel chips, a metric
// value with its bar, or an emotion cell's description; then the annotation markers of the cell.
import { clear, el } from "../dom/builders";
import { describeAnnotation } from "../model/annotations";
import { evidenceName, evidenceOf, evidenceText, hasEvidence, isSmallN } from "../model/evidence";
import { barFraction, describeEmotion, formatLaneValue, metricEvidenceDetail } from "../model/format";
import { cardsOf, cellValue, emotionOf, type Layout } from "../model/layout";
import { cardProvenance, cellProvenance } from "../model/provenance";
import type { Journey, Lane } from "../model/schema";
import type { CardBuilder } from "./cards";
import { annotationMarks } from "./marks";
import { markProvenance } from "./provenance";

/** What cells are filled from. */
export interface CellSource {
  readonly doc: Journey;
  readonly layout: Layout;
  readonly readonly: boolean;
}

/** The value range a metric lane's bars are scaled to (null: full bars). */
export type MetricRange = { min: number; max: number } | null;

interface Fill {
  src: CellSource;
  cards: CardBuilder;
  cell: HTMLElement;
  lane: Lane;
  stepId: string;
  value: unknown;
  range: MetricRange;
}

function fillText({ cell, value }: Fill): void {
  if (typeof value === "string" && value !== "") cell.appendChild(el("div", "jmw-text", value));
}

function fillCards({ src, cards, cell, lane, stepId }: Fill): void {
  const list = el("div", "jmw-cards");
  for (const card of cardsOf(src.doc, lane.id, stepId)) {
    const cardEl = cards.card(card);
    markProvenance(cardEl, cardProvenance(src.doc, lane.id, card));
    list.append(list.firstChild ? " " : "", cardEl);
  }
  cell.appendChild(list);
  if (!src.readonly) {
    const step = src.layout.stepById.get(stepId)?.step.name ?? stepId;
    cell.appendChild(cards.addButton(`${lane.name}, ${step}`));
  }
}

function fillChannels({ cell, value }: Fill): void {
  if (!Array.isArray(value) || value.length === 0) return;
  const chips = el("div", "jmw-chips");
  for (const ch of value) chips.append(chips.firstChild ? " " : "", el("span", "jmw-chip", String(ch)));
  cell.appendChild(chips);
}

function fillMetric({ cell, lane, value: stored, range }: Fill): void {
  const e = evidenceOf(stored);
  if (e === null) return;
  const value = e.value;
  cell.appendChild(el("span", "jmw-metric-value", formatLaneValue(lane, value)));
  if (hasEvidence(e)) {
    // The data behind the number, as small text (nameCell's hidden span reads it out in full).
    const detail = el(
      "span",
      `jmw-evidence${isSmallN(e) ? " jmw-uncertain" : ""}`,
      metricEvidenceDetail(e, lane.format, lane.unit),
    );
    detail.setAttribute("aria-hidden", "true");
    cell.append(" ", detail);
  }
  const bar = el("div", "jmw-bar");
  bar.setAttribute("aria-hidden", "true");
  const fill = el("div", "jmw-bar-fill");
  const frac = range ? barFraction(value, range.min, range.max) : 1;
  fill.style.width = `${Math.round(frac * 1000) / 10}%`;
  bar.appendChild(fill);
  cell.appendChild(bar);
}

/** An emotion cell shows nothing itself (the lane's SVG draws the curves): it describes them. */
function fillEmotion({ src, cell, lane, stepId }: Fill): void {
  const doc = src.doc;
  const parts = doc.personas.map((p) => {
    const v = emotionOf(doc, lane.id, stepId, p.id);
    return v === null ? `${p.name}: no value` : `${p.name}: ${describeEmotion(v, doc.emotion_scale)}`;
  });
  cell.setAttribute("aria-description", `Emotion. ${parts.join("; ")}`);
}

/**
 * A cell's accessible name is its own content followed by its lane's and step's names (the
 * aria-labelledby the renderer sets). An emotion or metric cell whose value carries evidence reads
 * it out in a visually hidden span, "2.1 (n = 412, 1.8 to 2.4)", in place of the visible value and
 * detail (hidden from screen readers), and shows "<lane>, <step>: <evidence>" on hover.
 */
function nameCell(src: CellSource, cell: HTMLElement, lane: Lane, stepId: string, fresh: boolean): void {
  const text = evidenceText(src.doc, lane, stepId);
  if (text !== null) {
    const step = src.layout.stepById.get(stepId)?.step.name ?? stepId;
    cell.title = evidenceName(src.doc, lane, stepId, step) ?? text;
    cell.querySelector(".jmw-metric-value")?.setAttribute("aria-hidden", "true");
    cell.prepend(el("span", "jmw-sr-only", text), " ");
  } else if (!fresh) {
    cell.removeAttribute("title");
  }
}

const FILL_BY_KIND: Record<Lane["kind"], (fill: Fill) => void> = {
  text: fillText,
  cards: fillCards,
  channels: fillChannels,
  metric: fillMetric,
  emotion: fillEmotion,
};

/** (Re)fill one cell from the document; `fresh`: a new, empty cell (nothing to clear). */
export function fillCell(
  src: CellSource,
  cards: CardBuilder,
  cell: HTMLElement,
  lane: Lane,
  stepId: string,
  range: MetricRange,
  fresh = false,
): void {
  const value = cellValue(src.doc, lane.id, stepId);
  if (!fresh) {
    cell.classList.remove("jmw-pending", "jmw-invalid");
    if (cell.firstChild) clear(cell);
  }
  FILL_BY_KIND[lane.kind]?.({ src, cards, cell, lane, stepId, value, range });
  if (lane.kind === "emotion" || lane.kind === "metric") nameCell(src, cell, lane, stepId, fresh);
  const note = src.doc.annotations?.[lane.id]?.[stepId];
  const marks = annotationMarks(note);
  if (note && marks) {
    cell.append(" ", marks);
    if (lane.kind !== "emotion") cell.setAttribute("aria-description", describeAnnotation(note));
  } else if (!fresh && lane.kind !== "emotion") {
    cell.removeAttribute("aria-description");
  }
  if (lane.kind === "emotion" || lane.kind === "metric")
    markProvenance(cell, cellProvenance(src.doc, lane, stepId));
}
