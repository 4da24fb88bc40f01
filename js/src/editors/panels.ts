// Panels above the grid, one open at a time: add stage, add lane, map settings, personas, lane
// settings and "move card to…". Each is a non-modal dialog holding forms; Escape or Cancel closes
// it and gives focus back to what opened it. Every save sends its operation with the revision
// the panel opened at, through the same edit/reject path as the grid's editors.

import { type Child, clear, cssEscape, h } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import { ZONE_NAMES, ZONES } from "../model/blueprint";
import { findCard } from "../model/layout";
import type {
  EmotionScale,
  Journey,
  Lane,
  LaneKind,
  MapState,
  MetricFormat,
  Operation,
  Persona,
  Zone,
} from "../model/schema";

const LANE_KINDS: LaneKind[] = ["text", "cards", "channels", "emotion", "metric"];
const METRIC_FORMATS: MetricFormat[] = ["percent", "count", "seconds", "currency", "score"];
const TARGET_SEP = "\u0001";

let panelCounter = 0;

export type PanelName =
  | "add-stage"
  | "add-lane"
  | "map"
  | "personas"
  | "lane"
  | "move-card"
  | "annotations"
  | "connection";

/** Lines of a textarea, trimmed, empty ones dropped. */
export function lines(text: string): string[] {
  return text
    .split("\n")
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

/** The blueprint zone select of the lane forms ("" = no zone). */
function zoneSelect(value: Zone | undefined): HTMLSelectElement {
  return select(
    "zone",
    [["", "(no zone)"], ...ZONES.map((z): [string, string] => [z, ZONE_NAMES[z]])],
    value ?? "",
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

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

export function actions(submit: string, ...extra: HTMLElement[]): HTMLElement {
  return h(
    "div",
    { class: "jmw-form-actions" },
    h("button", { type: "submit", class: "jmw-btn jmw-submit" }, submit),
    ...extra,
  );
}

/** Check the emotion scale the map panel's fields describe; a message naming the rule when wrong. */
export function checkScale(min: number, max: number, neutral: number): string | null {
  if (![min, max, neutral].every(Number.isFinite))
    return "Emotion scale: min, max and neutral must be numbers.";
  if (min >= max) return `Emotion scale: min (${min}) must be below max (${max}).`;
  if (neutral < min || neutral > max)
    return `Emotion scale: neutral (${neutral}) must lie in ${min}..${max}.`;
  return null;
}

export class Panels {
  private shown: { name: PanelName; section: HTMLElement; returnFocus: () => void } | null = null;

  constructor(
    private readonly host: ViewHost,
    private readonly area: HTMLElement,
    private readonly toolbar: HTMLElement,
    private readonly setPersona: (id: string) => void,
  ) {}

  get current(): PanelName | null {
    return this.shown?.name ?? null;
  }

  /** Open the panel `name`, or close it when it is the open one. */
  toggle(name: "add-stage" | "add-lane" | "map" | "personas"): void {
    if (this.current === name) {
      this.close();
      return;
    }
    const openers = {
      "add-stage": () => this.openAddStage(),
      "add-lane": () => this.openAddLane(),
      map: () => this.openMap(),
      personas: () => this.openPersonas(),
    };
    openers[name]();
  }

  close(refocus = true): void {
    const shown = this.shown;
    this.shown = null;
    clear(this.area);
    if (shown && refocus) shown.returnFocus();
  }

  private focusToolbar(action: string): () => void {
    return () => this.toolbar.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus();
  }

  /** Show a dialog section with a heading; replaces any open panel. */
  frame(name: PanelName, title: string, returnFocus: () => void, ...content: HTMLElement[]): HTMLElement {
    this.close(false);
    panelCounter += 1;
    const headingId = `jmw-panel-${panelCounter}`;
    const closeBtn = h(
      "button",
      { type: "button", class: "jmw-btn jmw-panel-close", "aria-label": `Close ${title}` },
      "×",
    );
    const section = h(
      "section",
      {
        class: "jmw-panel",
        role: "dialog",
        "aria-modal": "false",
        "aria-labelledby": headingId,
        "data-panel": name,
      },
      h(
        "div",
        { class: "jmw-panel-head" },
        h("h3", { id: headingId, class: "jmw-panel-title" }, title),
        closeBtn,
      ),
      ...content,
    );
    closeBtn.addEventListener("click", () => this.close());
    section.addEventListener("keydown", (e) => {
      e.stopPropagation(); // typing in a panel never runs a notebook command
      if (e.key === "Escape") {
        e.preventDefault();
        this.close();
      }
    });
    for (const cancel of section.querySelectorAll(".jmw-cancel"))
      cancel.addEventListener("click", () => this.close());
    this.area.append(section);
    this.shown = { name, section, returnFocus };
    section.querySelector<HTMLElement>("input:not([disabled]), textarea, select")?.focus();
    return section;
  }

  cancelButton(): HTMLButtonElement {
    return h("button", { type: "button", class: "jmw-btn jmw-cancel" }, "Cancel");
  }

  /** A form whose submit handler runs with the revision the panel opened at. */
  form(cls: string, label: string, onSubmit: (base: number) => void, ...content: Child[]) {
    const base = this.host.store.rev;
    const form = h("form", { class: `jmw-form ${cls}`, "aria-label": label }, ...content);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      onSubmit(base);
    });
    return form;
  }

  /** Send a panel's edit; applied: `after` runs (close or refresh); rejected: the panel reopens from the store. */
  send(op: Operation, base: number, after: () => void, reopen: () => void): void {
    const name = this.current;
    this.host.sendEdit(op, {
      base,
      onOk: after,
      onReject: () => {
        if (this.current === name) reopen();
      },
    });
  }

  // ------------------------------------------------------------------ add stage / lane

  private openAddStage(): void {
    const name = input("name", "", { required: true });
    const first = input("step", "Step 1");
    const form = this.form(
      "jmw-add-stage-form",
      "Add stage",
      (base) => {
        const stageName = name.value.trim();
        if (!stageName) {
          name.focus();
          return;
        }
        const stepName = first.value.trim();
        this.host.sendEdit(
          { op: "add_stage", stage: { name: stageName, steps: stepName ? [{ name: stepName }] : [] } },
          { base },
        );
        this.close();
      },
      field("Stage name", name),
      field("First step", first),
      actions("Add stage", this.cancelButton()),
    );
    this.frame("add-stage", "Add stage", this.focusToolbar("add-stage"), form);
  }

  private openAddLane(): void {
    const name = input("name", "", { required: true });
    const kind = select(
      "kind",
      LANE_KINDS.map((k) => [k, k]),
      "text",
    );
    const format = select(
      "format",
      [["", "(number)"], ...METRIC_FORMATS.map((f): [string, string] => [f, f])],
      "",
    );
    const unit = input("unit", "", { size: 6 });
    const zone = zoneSelect(undefined);
    const metricBits = h("span", { class: "jmw-form-metric" }, field("Format", format), field("Unit", unit));
    metricBits.hidden = true;
    kind.addEventListener("change", () => {
      metricBits.hidden = kind.value !== "metric";
    });
    const form = this.form(
      "jmw-add-lane-form",
      "Add lane",
      (base) => {
        const laneName = name.value.trim();
        if (!laneName) {
          name.focus();
          return;
        }
        const k = kind.value as LaneKind;
        const lane: { name: string; kind: LaneKind; format?: MetricFormat; unit?: string; zone?: Zone } = {
          name: laneName,
          kind: k,
        };
        if (zone.value) lane.zone = zone.value as Zone;
        if (k === "metric") {
          if (format.value) lane.format = format.value as MetricFormat;
          if (unit.value.trim()) lane.unit = unit.value.trim();
        }
        this.host.sendEdit({ op: "add_lane", lane }, { base });
        this.close();
      },
      field("Lane name", name),
      field("Kind", kind),
      field("Blueprint zone", zone),
      metricBits,
      actions("Add lane", this.cancelButton()),
    );
    this.frame("add-lane", "Add lane", this.focusToolbar("add-lane"), form);
  }

  // ------------------------------------------------------------------ map settings

  private openMap(): void {
    const doc: Journey = this.host.doc;
    const scale: EmotionScale = doc.emotion_scale;
    const title = input("title", doc.title);
    const description = textarea("description", doc.description, 2);
    const scenario = textarea("scenario", doc.scenario, 2);
    const state = select(
      "state",
      [
        ["current", "Current state"],
        ["future", "Future state"],
      ],
      doc.state,
    );
    const channels = textarea("channels", doc.channels.join("\n"), 3);
    const num = (name: string, value: number) => {
      const el = h("input", { type: "number", name, class: `jmw-form-${name}`, step: "any" });
      el.value = String(value);
      return el;
    };
    const min = num("scale-min", scale.min);
    const max = num("scale-max", scale.max);
    const neutral = num("scale-neutral", scale.neutral);
    const msg = h("div", { class: "jmw-validation", "aria-live": "polite" });
    const scaleGroup = h(
      "fieldset",
      { class: "jmw-fieldset jmw-scale-fields" },
      h("legend", {}, "Emotion scale"),
      field("Min", min),
      field("Max", max),
      field("Neutral", neutral),
    );
    const form = this.form(
      "jmw-map-form",
      "Map settings",
      (base) => {
        for (const el of [min, max, neutral]) el.removeAttribute("aria-invalid");
        msg.textContent = "";
        const fields: Extract<Operation, { op: "edit_map" }>["fields"] = {};
        if (title.value !== doc.title) fields.title = title.value;
        if (description.value !== doc.description) fields.description = description.value;
        if (scenario.value !== doc.scenario) fields.scenario = scenario.value;
        if (state.value !== doc.state) fields.state = state.value as MapState;
        const vocabulary = [...new Set(lines(channels.value))];
        if (!sameList(vocabulary, doc.channels)) fields.channels = vocabulary;
        const next = { min: Number(min.value), max: Number(max.value), neutral: Number(neutral.value) };
        if (next.min !== scale.min || next.max !== scale.max || next.neutral !== scale.neutral) {
          const problem = checkScale(next.min, next.max, next.neutral);
          if (problem) {
            msg.textContent = problem;
            for (const el of [min, max, neutral]) el.setAttribute("aria-invalid", "true");
            min.focus();
            return;
          }
          fields.emotion_scale = scale.labels ? { ...next, labels: scale.labels } : next;
        }
        if (Object.keys(fields).length === 0) {
          this.close();
          return;
        }
        this.send(
          { op: "edit_map", fields },
          base,
          () => this.close(),
          () => this.openMap(),
        );
      },
      field("Title", title),
      field("Description", description),
      field("Scenario", scenario),
      field("State", state),
      field("Channels", channels, "one per line"),
      scaleGroup,
      msg,
      actions("Save map", this.cancelButton()),
    );
    this.frame("map", "Map settings", this.focusToolbar("map-settings"), form);
  }

  // ------------------------------------------------------------------ personas

  private openPersonas(focusPersona?: string): void {
    const doc = this.host.doc;
    const only = doc.personas.length === 1;
    const forms = doc.personas.map((p) => this.personaForm(p, only));
    const name = input("name", "", { required: true, "aria-label": "New persona name" });
    const role = input("role", "", { "aria-label": "New persona role" });
    const add = this.form(
      "jmw-add-persona-form",
      "Add persona",
      (base) => {
        const personaName = name.value.trim();
        if (!personaName) {
          name.focus();
          return;
        }
        const persona: { name: string; role?: string } = { name: personaName };
        if (role.value.trim()) persona.role = role.value.trim();
        const before = new Set(this.host.doc.personas.map((p) => p.id));
        this.send(
          { op: "add_persona", persona },
          base,
          () => {
            const added = this.host.doc.personas.find((p) => !before.has(p.id));
            if (added) this.setPersona(added.id);
            this.openPersonas(added?.id);
          },
          () => this.openPersonas(),
        );
      },
      h("h4", { class: "jmw-form-heading" }, "Add persona"),
      field("Name", name),
      field("Role", role),
      actions("Add persona"),
    );
    const section = this.frame(
      "personas",
      "Personas",
      this.focusToolbar("personas"),
      h("div", { class: "jmw-persona-list" }, ...forms),
      add,
    );
    if (focusPersona) {
      section
        .querySelector<HTMLElement>(`form[data-persona-id="${cssEscape(focusPersona)}"] input[name="name"]`)
        ?.focus();
    }
  }

  private personaForm(p: Persona, only: boolean): HTMLFormElement {
    const name = input("name", p.name, { required: true });
    const role = input("role", p.role);
    const goals = textarea("goals", p.goals.join("\n"));
    const needs = textarea("needs", p.needs.join("\n"));
    const quote = input("quote", p.quote);
    const backstory = textarea("backstory", p.backstory, 3);
    const del = h(
      "button",
      {
        type: "button",
        class: "jmw-btn jmw-delete-persona",
        "aria-label": `Delete persona ${p.name}`,
        disabled: only,
        title: only
          ? "A map keeps at least one persona"
          : `Delete persona ${p.name} and their emotion values`,
      },
      "Delete",
    );
    const form = this.form(
      "jmw-persona-form",
      `Persona ${p.name}`,
      (base) => {
        const fields: Extract<Operation, { op: "edit_persona" }>["fields"] = {};
        const newName = name.value.trim();
        if (!newName) {
          name.focus();
          return;
        }
        if (newName !== p.name) fields.name = newName;
        if (role.value !== p.role) fields.role = role.value;
        if (!sameList(lines(goals.value), p.goals)) fields.goals = lines(goals.value);
        if (!sameList(lines(needs.value), p.needs)) fields.needs = lines(needs.value);
        if (quote.value !== p.quote) fields.quote = quote.value;
        if (backstory.value !== p.backstory) fields.backstory = backstory.value;
        if (Object.keys(fields).length === 0) return;
        this.send(
          { op: "edit_persona", persona: p.id, fields },
          base,
          () => this.openPersonas(p.id),
          () => this.openPersonas(p.id),
        );
      },
      h("h4", { class: "jmw-form-heading" }, p.name),
      field("Name", name),
      field("Role", role),
      field("Goals", goals, "one per line"),
      field("Needs", needs, "one per line"),
      field("Quote", quote),
      field("Backstory", backstory),
      actions("Save persona", del),
    );
    form.dataset.personaId = p.id;
    const base = this.host.store.rev;
    del.addEventListener("click", () => {
      this.send(
        { op: "delete_persona", persona: p.id },
        base,
        () => this.openPersonas(),
        () => this.openPersonas(),
      );
    });
    return form;
  }

  // ------------------------------------------------------------------ lane settings

  openLane(laneId: string, returnFocus: () => void): void {
    const lane: Lane | undefined = this.host.layout.laneById.get(laneId)?.lane;
    if (!lane) return;
    const name = input("name", lane.name, { required: true });
    const description = textarea("description", lane.description ?? "");
    const kind = h("output", { class: "jmw-form-kind-shown", name: "kind" }, lane.kind);
    const metric = lane.kind === "metric";
    const unit = input("unit", lane.unit ?? "", { size: 8 });
    const formats: Array<[string, string]> = METRIC_FORMATS.map((f) => [f, f]);
    if (!lane.format) formats.unshift(["", "(number)"]);
    const format = select("format", formats, lane.format ?? "");
    const zone = zoneSelect(lane.zone);
    const better = h("input", { type: "checkbox", name: "higher_is_better", class: "jmw-form-better" });
    better.checked = lane.higher_is_better ?? true;
    const form = this.form(
      "jmw-lane-form",
      `Lane settings: ${lane.name}`,
      (base) => {
        const fields: Extract<Operation, { op: "edit_lane" }>["fields"] = {};
        const newName = name.value.trim();
        if (!newName) {
          name.focus();
          return;
        }
        if (newName !== lane.name) fields.name = newName;
        if (description.value !== (lane.description ?? "")) fields.description = description.value;
        if (zone.value !== (lane.zone ?? "")) fields.zone = zone.value ? (zone.value as Zone) : null;
        if (metric) {
          if (unit.value.trim() !== (lane.unit ?? "")) fields.unit = unit.value.trim();
          if (format.value && format.value !== (lane.format ?? ""))
            fields.format = format.value as MetricFormat;
          if (better.checked !== (lane.higher_is_better ?? true)) fields.higher_is_better = better.checked;
        }
        if (Object.keys(fields).length === 0) {
          this.close();
          return;
        }
        this.send(
          { op: "edit_lane", lane: lane.id, fields },
          base,
          () => this.close(),
          () => this.openLane(laneId, returnFocus),
        );
      },
      field("Name", name),
      h("div", { class: "jmw-field" }, h("span", { class: "jmw-field-label" }, "Kind"), kind),
      field("Description", description),
      field("Blueprint zone", zone),
      metric ? field("Unit", unit) : null,
      metric ? field("Format", format) : null,
      metric ? h("label", { class: "jmw-field jmw-check" }, better, " Higher is better") : null,
      actions("Save lane", this.cancelButton()),
    );
    form.dataset.laneId = lane.id;
    this.frame("lane", `Lane settings: ${lane.name}`, returnFocus, form);
  }

  // ------------------------------------------------------------------ move card

  /** Move a card to another step or cards lane, without a mouse. */
  openMoveCard(cardId: string): void {
    const host = this.host;
    const where = findCard(host.doc, cardId);
    if (!where) return;
    const target = h("select", { name: "target", class: "jmw-form-target" });
    for (const lane of host.doc.lanes) {
      if (lane.kind !== "cards") continue;
      const group = h("optgroup", { label: lane.name });
      for (const info of host.layout.steps) {
        const value = `${lane.id}${TARGET_SEP}${info.step.id}`;
        const label = `${info.stage.name} › ${info.step.name}`;
        group.append(h("option", { value }, label));
      }
      target.append(group);
    }
    target.value = `${where.lane}${TARGET_SEP}${where.step}`;
    const refocus = () => {
      host.grid.querySelector<HTMLElement>(`.jmw-card[data-card-id="${cssEscape(cardId)}"]`)?.focus();
    };
    const form = this.form(
      "jmw-move-card-form",
      "Move card",
      (base) => {
        const [lane, step] = target.value.split(TARGET_SEP);
        if (!lane || !step) return;
        this.close(false);
        if (lane === where.lane && step === where.step) {
          refocus();
          return;
        }
        host.focusCardAfterRender = cardId;
        host.sendEdit({ op: "move_card", card: cardId, lane, step }, { base });
      },
      h("p", { class: "jmw-hint" }, `Card: ${where.card.text}`),
      field("Move to", target),
      actions("Move card", this.cancelButton()),
    );
    this.frame("move-card", "Move card", refocus, form);
  }
}
