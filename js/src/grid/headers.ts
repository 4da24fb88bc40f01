// The headers of the grid: stage and step column headers and lane row headers, each with its
// name as text, a tooltip, and its tools when the map is editable; and the rules drawn for the
// lines between blueprint zones.
import { button, h } from "../dom/builders";
import type { LaneMarks } from "../model/blueprint";
import { KIND_LABEL } from "../model/format";
import type { Layout, StepInfo } from "../model/layout";
import type { Journey, Lane, Stage, Step } from "../model/schema";

/** What the headers are built from. */
export interface HeaderSource {
  readonly doc: Journey;
  readonly layout: Layout;
  readonly readonly: boolean;
}

/** The tooltip of a header: its full name (and a lane's description). */
export function headerTitle(name: string, description?: string): string {
  return description ? `${name}\n${description}` : name;
}

/** The header of stage number `si`, spanning its steps (or its stub). */
export function stageHeader(src: HeaderSource, stage: Stage, si: number): HTMLElement {
  const span = Math.max(1, stage.steps.length);
  const header = h(
    "div",
    {
      class: "jmw-stage",
      role: "columnheader",
      "data-stage-id": stage.id,
      "aria-colspan": span,
      tabindex: -1,
      title: headerTitle(stage.name),
    },
    h("span", { class: "jmw-name" }, stage.name),
  );
  header.style.gridColumn = `span ${span}`;
  if (!src.readonly) {
    header.append(
      h(
        "span",
        { class: "jmw-tools" },
        button("add-step", "+", `Add step to stage ${stage.name}`, { tabindex: -1 }),
        button("stage-left", "◀", `Move stage ${stage.name} left`, { tabindex: -1, disabled: si === 0 }),
        button("stage-right", "▶", `Move stage ${stage.name} right`, {
          tabindex: -1,
          disabled: si === src.doc.stages.length - 1,
        }),
        button("delete-stage", "✕", `Delete stage ${stage.name}`, { tabindex: -1 }),
      ),
    );
  }
  return header;
}

/** The header of one step column (`info` places it among all steps). */
export function stepHeader(src: HeaderSource, step: Step, info: StepInfo | undefined): HTMLElement {
  const header = h(
    "div",
    {
      class: "jmw-step",
      role: "columnheader",
      "data-step-id": step.id,
      tabindex: -1,
      title: headerTitle(step.name),
    },
    h("span", { class: "jmw-name" }, step.name),
  );
  if (!src.readonly && info) {
    header.append(
      h(
        "span",
        { class: "jmw-tools" },
        button("step-left", "◀", `Move step ${step.name} left`, {
          tabindex: -1,
          disabled: info.index === 0,
        }),
        button("step-right", "▶", `Move step ${step.name} right`, {
          tabindex: -1,
          disabled: info.index === src.layout.steps.length - 1,
        }),
        button("delete-step", "✕", `Delete step ${step.name}`, { tabindex: -1 }),
      ),
    );
  }
  return header;
}

/** A line between blueprint zones: a labelled rule across the grid (its name is also in the
 * description of the lane below it, for screen readers). */
export function lineRule(id: string, name: string): HTMLElement {
  return h(
    "div",
    { class: "jmw-line", "data-line": id, "aria-hidden": "true" },
    h("span", { class: "jmw-line-label" }, name),
  );
}

/** The row header of a lane: its zone title, name, kind and unit, and tools (`li`: index in the document). */
export function laneHeader(src: HeaderSource, lane: Lane, li: number, mark?: LaneMarks): HTMLElement {
  const count = src.doc.lanes.length;
  const header = h(
    "div",
    {
      class: "jmw-lane-header",
      role: "rowheader",
      tabindex: -1,
      title: headerTitle(lane.name, lane.description),
      "aria-description": mark?.description,
    },
    mark?.zoneTitle ? h("span", { class: "jmw-zone-title" }, mark.zoneTitle) : null,
    h("span", { class: "jmw-name" }, lane.name),
  );
  const meta = h(
    "span",
    { class: "jmw-lane-meta" },
    h("span", { class: "jmw-kind-label" }, KIND_LABEL[lane.kind]),
  );
  if (lane.kind === "metric") {
    const unitText = [lane.format, lane.unit].filter(Boolean).join(", ");
    if (unitText) meta.append(h("span", { class: "jmw-unit" }, unitText));
  }
  header.append(meta);
  if (!src.readonly) {
    header.append(
      h(
        "span",
        { class: "jmw-tools" },
        button("lane-settings", "⚙", `Lane settings: ${lane.name}`, { tabindex: -1 }),
        button("lane-up", "▲", `Move lane ${lane.name} up`, { tabindex: -1, disabled: li === 0 }),
        button("lane-down", "▼", `Move lane ${lane.name} down`, {
          tabindex: -1,
          disabled: li === count - 1,
        }),
        button("delete-lane", "✕", `Delete lane ${lane.name}`, { tabindex: -1 }),
      ),
    );
  }
  return header;
}
