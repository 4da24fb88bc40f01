// The toolbar above the grid: title, state badge, the persona emotion edits apply to, the curve
// legend, the journey/blueprint view toggle, the save status, and the buttons (undo, redo, add
// stage/lane, map settings, personas).

import { button, clear, h, s } from "../dom/builders";
import { activeElementFor } from "../dom/root";
import { hasZones, type ViewName } from "../model/blueprint";
import { PERSONA_STYLES } from "../model/emotion";
import { STRUCTURE_LOCKED, structureLocked } from "../model/lock";
import type { Journey, Persona } from "../model/schema";
import type { Store } from "../model/store";
import { renderSaveStatus } from "./savestatus";

function legend(personas: Persona[]): HTMLElement {
  const box = h("span", { class: "jmw-legend", role: "list", "aria-label": "Emotion curves" });
  personas.forEach((p, i) => {
    const svg = s("svg", { width: 26, height: 10, "aria-hidden": "true", class: "jmw-legend-swatch" });
    svg.append(
      s("line", { x1: 1, y1: 5, x2: 25, y2: 5, class: `jmw-curve jmw-persona-${i % PERSONA_STYLES}` }),
    );
    box.append(h("span", { class: "jmw-legend-item", role: "listitem" }, svg, p.name));
  });
  return box;
}

export interface ToolbarState {
  view: ViewName;
  saveStatus: unknown;
}

/** The view toggle (only for a map with blueprint zones): two buttons with aria-pressed. */
function viewToggle(view: ViewName): HTMLElement {
  const make = (name: ViewName, text: string, label: string) =>
    button(`view-${name}`, text, label, { "aria-pressed": view === name ? "true" : "false" });
  return h(
    "span",
    { class: "jmw-view-toggle", role: "group", "aria-label": "View" },
    make("journey", "Journey", "Journey view: customer-facing lanes only"),
    make("blueprint", "Blueprint", "Blueprint view: all zones, with the backstage"),
  );
}

export function renderToolbar(
  bar: HTMLElement,
  doc: Journey,
  persona: string | null,
  readonly: boolean,
  extra: ToolbarState = { view: "journey", saveStatus: null },
): void {
  const active = activeElementFor(bar);
  const focusedAction =
    active instanceof HTMLElement && bar.contains(active) ? active.dataset.action : undefined;
  const focusedSelect = active instanceof HTMLSelectElement && bar.contains(active);
  clear(bar);
  bar.append(h("span", { class: "jmw-title" }, doc.title || "Untitled journey"));
  const state = doc.state === "future" ? "future" : "current";
  bar.append(
    h(
      "span",
      { class: `jmw-state-badge jmw-state-${state}`, "data-state": state },
      state === "future" ? "Future state" : "Current state",
    ),
  );
  const select = h("select", {
    class: "jmw-persona-select",
    "aria-label": "Persona whose emotion curve edits change",
  });
  doc.personas.forEach((p, i) => {
    const opt = h("option", { value: p.id }, p.name);
    opt.dataset.index = String(i);
    if (p.id === persona) opt.selected = true;
    select.append(opt);
  });
  const badge = lockBadge(doc);
  if (badge) bar.append(badge);
  bar.append(h("label", { class: "jmw-persona-label" }, h("span", {}, "Persona "), select));
  if (doc.lanes.some((l) => l.kind === "emotion")) bar.append(legend(doc.personas));
  if (hasZones(doc)) bar.append(viewToggle(extra.view));
  bar.append(h("span", { class: "jmw-spacer" }));
  const saveStatus = h("span", { class: "jmw-save-status", role: "status" });
  renderSaveStatus(saveStatus, extra.saveStatus);
  bar.append(saveStatus);
  if (!readonly) bar.append(editButtons(structureLocked(doc)));
  if (focusedAction) bar.querySelector<HTMLElement>(`[data-action="${focusedAction}"]`)?.focus();
  else if (focusedSelect) select.focus();
}

/** Undo, redo and the map's buttons; those that change the structure are left out when it is locked. */
function editButtons(locked: boolean): HTMLElement {
  const dialog = { "aria-haspopup": "dialog" };
  return h(
    "span",
    { class: "jmw-actions", role: "group", "aria-label": "Edit the map" },
    button("undo", "↶ Undo", "Undo (Ctrl+Z)"),
    button("redo", "↷ Redo", "Redo (Ctrl+Shift+Z)"),
    locked ? null : button("add-stage", "+ Stage", "Add stage", dialog),
    locked ? null : button("add-lane", "+ Lane", "Add lane", dialog),
    button("map-settings", "⚙ Map", "Map settings: title, scenario, state, channels, emotion scale", dialog),
    locked ? null : button("personas", "☺ Personas", "Personas: add, edit, delete", dialog),
  );
}

/** "Locked" with what the template locked as its hover text (and accessible description). */
function lockBadge(doc: Journey): HTMLElement | null {
  const lanes = (doc.lock?.lanes ?? []).map((id) => doc.lanes.find((l) => l.id === id)?.name ?? id);
  const parts = structureLocked(doc) ? [STRUCTURE_LOCKED] : [];
  if (lanes.length > 0) parts.push(`Locked lanes (their cells cannot change): ${lanes.join(", ")}.`);
  if (parts.length === 0) return null;
  const text = parts.join(" ");
  return h(
    "span",
    {
      class: "jmw-lock-badge",
      role: "note",
      title: text,
      "aria-label": text,
      "data-lock": structureLocked(doc) ? "structure" : "lanes",
    },
    "Locked",
  );
}

export function updateHistoryButtons(bar: HTMLElement, store: Store): void {
  const undo = bar.querySelector<HTMLButtonElement>('[data-action="undo"]');
  const redo = bar.querySelector<HTMLButtonElement>('[data-action="redo"]');
  if (undo) undo.disabled = !store.canUndo;
  if (redo) redo.disabled = !store.canRedo;
}
