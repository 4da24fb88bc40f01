// Form controls of the panels and dialogs: labelled fields, inputs, selects and the action row.
// Values go in through `.value` and labels as text, never as HTML.
import { h } from "../dom/builders";
import { ZONE_NAMES, ZONES } from "../model/blueprint";
import type { LaneKind, MetricFormat, Zone } from "../model/schema";

/** A labelled field: `<label>Text <control></label>`. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h(
    "label",
    { class: "jmw-field" },
    h("span", { class: "jmw-field-label" }, label),
    control,
    hint ? h("span", { class: "jmw-hint" }, hint) : null,
  );
}

export function input(
  name: string,
  value: string,
  attrs: Record<string, string | number | boolean> = {},
): HTMLInputElement {
  const el = h("input", { type: "text", name, class: `jmw-form-${name}`, ...attrs });
  el.value = value;
  return el;
}

export function textarea(name: string, value: string, rows = 2): HTMLTextAreaElement {
  const el = h("textarea", { name, class: `jmw-form-${name}`, rows });
  el.value = value;
  return el;
}

export function select(name: string, options: Array<[string, string]>, value: string): HTMLSelectElement {
  const el = h("select", { name, class: `jmw-form-${name}` });
  for (const [v, label] of options) el.append(h("option", { value: v }, label));
  el.value = value;
  return el;
}

/** A number input (any step) holding `value`. */
export function numberInput(name: string, value: number): HTMLInputElement {
  const el = h("input", { type: "number", name, class: `jmw-form-${name}`, step: "any" });
  el.value = String(value);
  return el;
}

/** The blueprint zone select of the lane forms ("" = no zone). */
export function zoneSelect(value: Zone | undefined): HTMLSelectElement {
  return select(
    "zone",
    [["", "(no zone)"], ...ZONES.map((z): [string, string] => [z, ZONE_NAMES[z]])],
    value ?? "",
  );
}

export function actions(submit: string, ...extra: HTMLElement[]): HTMLElement {
  return h(
    "div",
    { class: "jmw-form-actions" },
    h("button", { type: "submit", class: "jmw-btn jmw-submit" }, submit),
    ...extra,
  );
}

/** The lane kinds and metric formats the lane forms offer. */
export const LANE_KINDS: readonly LaneKind[] = ["text", "cards", "channels", "emotion", "metric"];
export const METRIC_FORMATS: readonly MetricFormat[] = ["percent", "count", "seconds", "currency", "score"];
