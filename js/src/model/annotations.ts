// Blueprint annotations on cells and cards, as data: where one sits, how it reads (for screen
// readers, tooltips and the markers the grid draws), and the set_annotation a filled-in dialog
// amounts to.
import { formatCost, formatDuration } from "./format";
import { findCard } from "./layout";
import type { Annotation, Cost, Duration, DurationUnit, Journey, Operation } from "./schema";

export const DURATION_UNITS: readonly DurationUnit[] = ["seconds", "minutes", "hours", "days"];

/** Where an annotation sits: a cell, or a card (in the cell lane x step). */
export interface AnnotationTarget {
  lane: string;
  step: string;
  card?: string;
}

export function describeDuration(d: Duration): string {
  return formatDuration(d.value, d.unit);
}

/** The cost as the SVG export shows it (two decimals, none when whole): "1.90 EUR". */
export function describeCost(c: Cost): string {
  return formatCost(c.amount, c.currency);
}

/** The annotation of a cell or card in `doc` (an empty object when it has none). */
export function annotationOf(host: { readonly doc: Journey }, target: AnnotationTarget): Annotation {
  if (target.card) return findCard(host.doc, target.card)?.card.annotations ?? {};
  return host.doc.annotations?.[target.lane]?.[target.step] ?? {};
}

/** One sentence for screen readers and tooltips. */
export function describeAnnotation(a: Annotation): string {
  const parts: string[] = [];
  if (a.fail_point) parts.push(`Fail point: ${a.fail_point}`);
  if (a.wait_point) parts.push(`Wait point: ${a.wait_point}`);
  if (a.duration) parts.push(`Duration: ${describeDuration(a.duration)}`);
  if (a.cost) parts.push(`Cost: ${describeCost(a.cost)}`);
  if (a.owner) parts.push(`Owner: ${a.owner}`);
  return parts.join(". ");
}

/** One marker of an annotation: an icon and a text label (never colour alone), and its tooltip. */
export interface AnnotationMark {
  kind: "fail" | "wait" | "duration" | "cost" | "owner";
  icon: string;
  label: string;
  title: string;
}

/** The markers of an annotation, in the order they are drawn. */
export function annotationMarkList(a: Annotation): AnnotationMark[] {
  const marks: AnnotationMark[] = [];
  if (a.fail_point)
    marks.push({ kind: "fail", icon: "⚠", label: "Fail point", title: `Fail point: ${a.fail_point}` });
  if (a.wait_point)
    marks.push({ kind: "wait", icon: "‖", label: "Wait point", title: `Wait point: ${a.wait_point}` });
  if (a.duration) {
    const text = describeDuration(a.duration);
    marks.push({ kind: "duration", icon: "◷", label: text, title: `Duration: ${text}` });
  }
  if (a.cost) {
    const text = describeCost(a.cost);
    marks.push({ kind: "cost", icon: "¤", label: text, title: `Cost: ${text}` });
  }
  if (a.owner) marks.push({ kind: "owner", icon: "♙", label: a.owner, title: `Owner: ${a.owner}` });
  return marks;
}

/** What the dialog's fields hold (strings as typed). */
export interface AnnotationForm {
  fail_point: string;
  wait_point: string;
  duration: string;
  unit: string;
  cost: string;
  currency: string;
  owner: string;
}

export function formValues(a: Annotation): AnnotationForm {
  return {
    fail_point: a.fail_point ?? "",
    wait_point: a.wait_point ?? "",
    duration: a.duration ? String(a.duration.value) : "",
    unit: a.duration?.unit ?? "minutes",
    cost: a.cost ? String(a.cost.amount) : "",
    currency: a.cost?.currency ?? "EUR",
    owner: a.owner ?? "",
  };
}

type Fields = Extract<Operation, { op: "set_annotation" }>["fields"];

/**
 * The set_annotation for the dialog's values: only the fields that changed (null clears one).
 * Returns `{error}` naming the field when a value cannot be right, `{op: null}` when nothing changed.
 */
export function annotationOp(
  target: AnnotationTarget,
  current: Annotation,
  form: AnnotationForm,
): { op: Operation | null; error?: undefined } | { op?: undefined; error: string; field: string } {
  const fields: Fields = {};
  for (const key of ["fail_point", "wait_point", "owner"] as const) {
    const value = form[key].trim();
    if (value !== (current[key] ?? "")) fields[key] = value === "" ? null : value;
  }
  const durationText = form.duration.trim();
  if (durationText === "") {
    if (current.duration) fields.duration = null;
  } else {
    const value = Number(durationText);
    if (!Number.isFinite(value) || value <= 0)
      return { error: `Duration must be a number above 0, got "${durationText}".`, field: "duration" };
    const unit = form.unit as DurationUnit;
    if (!DURATION_UNITS.includes(unit))
      return { error: `Duration unit must be one of ${DURATION_UNITS.join(", ")}.`, field: "unit" };
    if (value !== current.duration?.value || unit !== current.duration?.unit)
      fields.duration = { value, unit };
  }
  const costText = form.cost.trim();
  if (costText === "") {
    if (current.cost) fields.cost = null;
  } else {
    const amount = Number(costText);
    if (!Number.isFinite(amount) || amount < 0)
      return { error: `Cost must be a number of 0 or more, got "${costText}".`, field: "cost" };
    const currency = form.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency))
      return {
        error: `Currency must be a 3-letter code like EUR or USD, got "${form.currency}".`,
        field: "currency",
      };
    if (amount !== current.cost?.amount || currency !== current.cost?.currency)
      fields.cost = { amount, currency };
  }
  if (Object.keys(fields).length === 0) return { op: null };
  const op: Operation = target.card
    ? { op: "set_annotation", card: target.card, fields }
    : { op: "set_annotation", lane: target.lane, step: target.step, fields };
  return { op };
}
