// Blueprint annotations on cells and cards: their markers (an icon and a text label each, never
// colour alone) and the "Annotations" dialog, which sends one set_annotation with what changed.
import { h } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import { formatCost, formatDuration } from "../model/format";
import { findCard } from "../model/layout";
import type { Annotation, Cost, Duration, DurationUnit, Operation } from "../model/schema";
import { actions, field, input, type Panels, select, textarea } from "./panels";

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
export function annotationOf(host: Pick<ViewHost, "doc">, target: AnnotationTarget): Annotation {
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

function mark(kind: string, icon: string, label: string, title: string): HTMLElement {
  return h(
    "span",
    { class: `jmw-mark jmw-mark-${kind}`, "data-mark": kind, title },
    h("span", { class: "jmw-mark-icon", "aria-hidden": "true" }, icon),
    label,
  );
}

/** The markers of an annotation, or null when it has nothing set. */
export function annotationMarks(a: Annotation | undefined): HTMLElement | null {
  if (!a || Object.keys(a).length === 0) return null;
  const box = h("div", { class: "jmw-annotations" });
  if (a.fail_point) box.append(mark("fail", "⚠", "Fail point", `Fail point: ${a.fail_point}`));
  if (a.wait_point) box.append(mark("wait", "‖", "Wait point", `Wait point: ${a.wait_point}`));
  if (a.duration) {
    const text = describeDuration(a.duration);
    box.append(mark("duration", "◷", text, `Duration: ${text}`));
  }
  if (a.cost) {
    const text = describeCost(a.cost);
    box.append(mark("cost", "¤", text, `Cost: ${text}`));
  }
  if (a.owner) box.append(mark("owner", "♙", a.owner, `Owner: ${a.owner}`));
  return box;
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

/** The "Annotations" dialog of a cell or card: `[role=dialog][data-panel=annotations]`. */
export function openAnnotations(
  host: ViewHost,
  panels: Panels,
  target: AnnotationTarget,
  returnFocus: () => void,
): void {
  const current = annotationOf(host, target);
  const values = formValues(current);
  const failPoint = textarea("fail_point", values.fail_point);
  const waitPoint = textarea("wait_point", values.wait_point);
  const duration = h("input", {
    type: "number",
    name: "duration",
    class: "jmw-form-duration",
    min: 0,
    step: "any",
  });
  duration.value = values.duration;
  const unit = select(
    "unit",
    DURATION_UNITS.map((u): [string, string] => [u, u]),
    values.unit,
  );
  const cost = h("input", { type: "number", name: "cost", class: "jmw-form-cost", min: 0, step: "any" });
  cost.value = values.cost;
  const currency = input("currency", values.currency, { size: 4, maxlength: 3 });
  const owner = input("owner", values.owner);
  const msg = h("div", { class: "jmw-validation", "aria-live": "polite" });
  const controls: Record<string, HTMLElement> = { duration, unit, cost, currency };
  const lane = host.layout.laneById.get(target.lane)?.lane.name ?? target.lane;
  const step = host.layout.stepById.get(target.step)?.step.name ?? target.step;
  const card = target.card ? findCard(host.doc, target.card)?.card : undefined;
  const where = card ? `card "${card.text}" in ${lane}, ${step}` : `${lane}, ${step}`;
  const reopen = () => openAnnotations(host, panels, target, returnFocus);
  const form = panels.form(
    "jmw-annotation-form",
    `Annotations of ${where}`,
    (base) => {
      for (const el of Object.values(controls)) el.removeAttribute("aria-invalid");
      msg.textContent = "";
      const result = annotationOp(target, current, {
        fail_point: failPoint.value,
        wait_point: waitPoint.value,
        duration: duration.value,
        unit: unit.value,
        cost: cost.value,
        currency: currency.value,
        owner: owner.value,
      });
      if (result.error !== undefined) {
        msg.textContent = result.error;
        const bad = controls[result.field];
        bad?.setAttribute("aria-invalid", "true");
        bad?.focus();
        return;
      }
      if (result.op === null) {
        panels.close();
        return;
      }
      panels.send(result.op, base, () => panels.close(), reopen);
    },
    h("p", { class: "jmw-hint jmw-form-where" }, where),
    field("Fail point", failPoint, "what fails here; empty: none"),
    field("Wait point", waitPoint, "why the customer waits; empty: none"),
    h(
      "fieldset",
      { class: "jmw-fieldset" },
      h("legend", {}, "Duration"),
      field("Value", duration),
      field("Unit", unit),
    ),
    h(
      "fieldset",
      { class: "jmw-fieldset" },
      h("legend", {}, "Cost"),
      field("Amount", cost),
      field("Currency", currency),
    ),
    field("Owner", owner, "team or role"),
    msg,
    actions("Save annotations", panels.cancelButton()),
  );
  if (target.card) form.dataset.cardId = target.card;
  form.dataset.laneId = target.lane;
  form.dataset.stepId = target.step;
  panels.frame("annotations", "Annotations", returnFocus, form);
}
