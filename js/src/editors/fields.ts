// Form controls of the panels and dialogs: labelled fields, inputs, selects and the action row.
// Values go in through `.value` and labels as text, never as HTML. Every text control takes the
// most characters its document field may hold (TEXT_LIMITS, from the schema) as its maxLength, so
// a longer text can be neither typed nor pasted; a list typed one item per line checks each line.
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

/** A text input of at most `maxLength` characters (e.g. TEXT_LIMITS.ShortText). */
export function input(
  name: string,
  value: string,
  maxLength: number,
  attrs: Record<string, string | number | boolean> = {},
): HTMLInputElement {
  const el = h("input", { type: "text", name, class: `jmw-form-${name}`, maxlength: maxLength, ...attrs });
  el.value = value;
  return el;
}

/** A textarea of at most `maxLength` characters. */
export function textarea(name: string, value: string, maxLength: number, rows = 2): HTMLTextAreaElement {
  const el = h("textarea", { name, class: `jmw-form-${name}`, rows, maxlength: maxLength });
  el.value = value;
  return el;
}

/** The first line of `text` longer than `limit`, as "line N has M characters", or "". */
export function longLine(text: string, limit: number): string {
  const lines = text.split("\n");
  const i = lines.findIndex((line) => line.trim().length > limit);
  return i < 0 ? "" : `line ${i + 1} has ${(lines[i] ?? "").trim().length} characters`;
}

/**
 * A textarea holding a list, one `item` per line, each of at most `itemLimit` characters: a longer
 * line makes the field invalid (the form is not sent) and says which line, at once.
 */
export function listTextarea(
  name: string,
  items: readonly string[],
  itemLimit: number,
  item: string,
  rows = 2,
): HTMLTextAreaElement {
  const el = h("textarea", { name, class: `jmw-form-${name}`, rows, "data-item-limit": itemLimit });
  el.value = items.join("\n");
  const check = () => {
    const long = longLine(el.value, itemLimit);
    el.setCustomValidity(long ? `Each ${item} has at most ${itemLimit} characters; ${long}.` : "");
    if (long) el.setAttribute("aria-invalid", "true");
    else el.removeAttribute("aria-invalid");
  };
  el.addEventListener("input", check);
  check();
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
