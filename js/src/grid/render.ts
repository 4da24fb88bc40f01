// Rendering the grid: header rows, lane rows and the content of every cell kind, recorded in the
// GridIndex (cells, headers, rows, emotion SVGs) the rest of the view looks up.
import { button, clear, el, h } from "../dom/builders";
import type { GridIndex } from "../dom/grid-index";
import { describeAnnotation } from "../model/annotations";
import { type LaneMarks, laneMarks } from "../model/blueprint";
import { barFraction, describeEmotion, formatLaneValue, impactLabel, KIND_LABEL } from "../model/format";
import { cellKey, type HeaderKind } from "../model/keys";
import { cardsOf, cellValue, emotionOf, LANE_W, type Layout, metricRange, STEP_W } from "../model/layout";
import type { Card, Journey, Lane } from "../model/schema";
import { buildEmotionSvg } from "./emotion";
import { annotationMarks } from "./marks";

/** The tooltip of a header: its full name (and a lane's description). */
function headerTitle(name: string, description?: string): string {
  return description ? `${name}\n${description}` : name;
}

export class GridRenderer {
  private readonly cardToolsProto = h(
    "div",
    { class: "jmw-card-tools" },
    button("card-move", "⇄", "Move card to… (M)", { tabindex: -1 }),
    button("card-color", "◑", "Change card colour (C)", { tabindex: -1 }),
    button("card-impact", "!", "Change card impact (I)", { tabindex: -1 }),
    button("card-connect", "→", "Connect: drag to a cell or card, or click then pick one (L)", {
      tabindex: -1,
    }),
    button("card-annotations", "⚑", "Annotations: fail point, wait, duration, cost, owner (A)", {
      tabindex: -1,
      "aria-haspopup": "dialog",
    }),
    button("delete-card", "✕", "Delete card (Delete)", { tabindex: -1 }),
  );
  private readonly addCardProto = button("add-card", "+", "Add card", { tabindex: -1, title: "Add card" });

  constructor(
    private readonly src: { readonly doc: Journey; readonly layout: Layout; readonly readonly: boolean },
    private readonly index: GridIndex,
  ) {}

  /** Build every header, row and cell into `grid`. */
  render(grid: HTMLElement): void {
    const { doc, layout } = this.src;
    this.index.clear();
    grid.setAttribute("aria-label", doc.title || "Journey map");
    const lanes = layout.lanes;
    grid.setAttribute("aria-rowcount", String(2 + lanes.length));
    grid.dataset.view = layout.view;
    grid.setAttribute("aria-colcount", String(1 + layout.columnCount));
    grid.style.setProperty("--jmw-template", layout.template);
    grid.style.setProperty("--jmw-lane-w", `${LANE_W}px`);
    grid.style.setProperty("--jmw-step-w", `${STEP_W}px`);
    grid.style.width = `${LANE_W + layout.bodyWidth}px`;

    const body = h("div", { class: "jmw-body", role: "rowgroup" });
    const marks = laneMarks(lanes);
    lanes.forEach((lane, row) => {
      const mark = marks.get(lane.id);
      for (const line of mark?.linesAbove ?? []) body.appendChild(this.lineRule(line.id, line.name));
      body.appendChild(this.laneRow(lane, row, mark));
    });
    const frag = document.createDocumentFragment();
    frag.append(this.head(), body);
    if (lanes.length === 0 || layout.steps.length === 0) {
      const note =
        doc.stages.length === 0
          ? "This map has no stages yet."
          : doc.lanes.length === 0
            ? "This map has no lanes yet."
            : lanes.length === 0
              ? "This view shows no lanes: switch to the blueprint view."
              : "";
      frag.append(h("div", { class: "jmw-empty-note" }, note));
    }
    grid.replaceChildren(frag);
  }

  private head(): HTMLElement {
    const { doc, layout } = this.src;
    const editable = !this.src.readonly;
    const stageRow = h("div", { class: "jmw-row jmw-stage-row", role: "row", "aria-rowindex": 1 });
    const stepRow = h("div", { class: "jmw-row jmw-step-row", role: "row", "aria-rowindex": 2 });
    stageRow.append(h("div", { class: "jmw-corner", role: "columnheader" }, "Stage"));
    stepRow.append(h("div", { class: "jmw-corner", role: "columnheader" }, "Step"));
    doc.stages.forEach((stage, si) => {
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
      if (editable) {
        header.append(
          h(
            "span",
            { class: "jmw-tools" },
            button("add-step", "+", `Add step to stage ${stage.name}`, { tabindex: -1 }),
            button("stage-left", "◀", `Move stage ${stage.name} left`, { tabindex: -1, disabled: si === 0 }),
            button("stage-right", "▶", `Move stage ${stage.name} right`, {
              tabindex: -1,
              disabled: si === doc.stages.length - 1,
            }),
            button("delete-stage", "✕", `Delete stage ${stage.name}`, { tabindex: -1 }),
          ),
        );
      }
      this.index.stageHeaders.set(stage.id, header);
      stageRow.append(header);
      if (stage.steps.length === 0) {
        stepRow.append(h("div", { class: "jmw-stub", role: "columnheader" }, "(no steps)"));
      }
      for (const step of stage.steps) {
        const info = layout.stepById.get(step.id);
        const sh = h(
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
        if (editable && info) {
          sh.append(
            h(
              "span",
              { class: "jmw-tools" },
              button("step-left", "◀", `Move step ${step.name} left`, {
                tabindex: -1,
                disabled: info.index === 0,
              }),
              button("step-right", "▶", `Move step ${step.name} right`, {
                tabindex: -1,
                disabled: info.index === layout.steps.length - 1,
              }),
              button("delete-step", "✕", `Delete step ${step.name}`, { tabindex: -1 }),
            ),
          );
        }
        this.index.stepHeaders.set(step.id, sh);
        stepRow.append(sh);
      }
    });
    return h("div", { class: "jmw-head", role: "rowgroup" }, stageRow, stepRow);
  }

  /** A line between blueprint zones: a labelled rule across the grid (its name is also in the
   * description of the lane below it, for screen readers). */
  private lineRule(id: string, name: string): HTMLElement {
    return h(
      "div",
      { class: "jmw-line", "data-line": id, "aria-hidden": "true" },
      h("span", { class: "jmw-line-label" }, name),
    );
  }

  private laneHeader(lane: Lane, li: number, mark?: LaneMarks): HTMLElement {
    const count = this.src.doc.lanes.length;
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
    if (!this.src.readonly) {
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

  private laneRow(lane: Lane, row: number, mark?: LaneMarks): HTMLElement {
    const { doc, layout } = this.src;
    const rowEl = h("div", {
      class: `jmw-row jmw-lane jmw-kind-${lane.kind}${lane.zone ? ` jmw-zone jmw-zone-${lane.zone}` : ""}`,
      role: "row",
      "data-lane-id": lane.id,
      "data-zone": lane.zone,
      "aria-rowindex": row + 3,
    });
    rowEl.append(this.laneHeader(lane, layout.laneById.get(lane.id)?.index ?? row, mark));
    const range = lane.kind === "metric" ? metricRange(doc, lane.id, layout.steps) : null;
    // Hot path (up to tens of thousands of cells): clone a prototype instead of building each from scratch.
    const proto = document.createElement("div");
    proto.className = `jmw-cell jmw-cell-${lane.kind}`;
    proto.setAttribute("role", "gridcell");
    proto.setAttribute("data-lane-id", lane.id);
    proto.tabIndex = -1;
    const prefix = `${lane.name}, `;
    for (const stage of doc.stages) {
      if (stage.steps.length === 0) {
        rowEl.appendChild(h("div", { class: "jmw-stub", role: "gridcell", "aria-disabled": "true" }));
        continue;
      }
      for (const step of stage.steps) {
        const cell = proto.cloneNode(false) as HTMLElement;
        cell.setAttribute("data-step-id", step.id);
        cell.setAttribute("aria-label", prefix + step.name);
        this.fill(cell, lane, step.id, range, true);
        this.index.cells.set(cellKey(lane.id, step.id), cell);
        rowEl.appendChild(cell);
      }
    }
    if (lane.kind === "emotion") {
      const svg = buildEmotionSvg(this.src, lane);
      this.index.emotionSvgs.set(lane.id, svg);
      rowEl.append(svg);
    }
    this.index.laneRows.set(lane.id, rowEl);
    return rowEl;
  }

  /** (Re)fill one cell from the document; `range` scales a metric lane's bars. */
  fill(
    cell: HTMLElement,
    lane: Lane,
    stepId: string,
    range: { min: number; max: number } | null,
    fresh = false,
  ): void {
    const doc = this.src.doc;
    const value = cellValue(doc, lane.id, stepId);
    if (!fresh) {
      cell.classList.remove("jmw-pending", "jmw-invalid");
      if (cell.firstChild) clear(cell);
    }
    switch (lane.kind) {
      case "text":
        if (typeof value === "string" && value !== "") cell.appendChild(el("div", "jmw-text", value));
        break;
      case "cards": {
        const list = el("div", "jmw-cards");
        for (const card of cardsOf(doc, lane.id, stepId)) list.appendChild(this.card(card));
        cell.appendChild(list);
        if (!this.src.readonly) {
          const add = this.addCardProto.cloneNode(true) as HTMLElement;
          const step = this.src.layout.stepById.get(stepId)?.step.name ?? stepId;
          add.setAttribute("aria-label", `Add card to ${lane.name}, ${step}`);
          cell.appendChild(add);
        }
        break;
      }
      case "channels":
        if (Array.isArray(value) && value.length > 0) {
          const chips = el("div", "jmw-chips");
          for (const ch of value) chips.appendChild(el("span", "jmw-chip", String(ch)));
          cell.appendChild(chips);
        }
        break;
      case "metric":
        if (typeof value === "number") {
          cell.appendChild(el("span", "jmw-metric-value", formatLaneValue(lane, value)));
          const bar = el("div", "jmw-bar");
          bar.setAttribute("aria-hidden", "true");
          const fill = el("div", "jmw-bar-fill");
          const frac = range ? barFraction(value, range.min, range.max) : 1;
          fill.style.width = `${Math.round(frac * 1000) / 10}%`;
          bar.appendChild(fill);
          cell.appendChild(bar);
        }
        break;
      case "emotion":
        cell.setAttribute("aria-description", this.describeEmotionCell(lane, stepId));
        break;
    }
    const note = doc.annotations?.[lane.id]?.[stepId];
    const marks = annotationMarks(note);
    if (note && marks) {
      cell.appendChild(marks);
      if (lane.kind !== "emotion") cell.setAttribute("aria-description", describeAnnotation(note));
    } else if (!fresh && lane.kind !== "emotion") {
      cell.removeAttribute("aria-description");
    }
  }

  private describeEmotionCell(lane: Lane, stepId: string): string {
    const doc = this.src.doc;
    const parts = doc.personas.map((p) => {
      const v = emotionOf(doc, lane.id, stepId, p.id);
      return v === null ? `${p.name}: no value` : `${p.name}: ${describeEmotion(v, doc.emotion_scale)}`;
    });
    return `Emotion. ${parts.join("; ")}`;
  }

  /** A sticky note; `pending` draws one the kernel has not confirmed yet (no id, no tools). */
  card(card: Card, pending = false): HTMLElement {
    const cardEl = el("div", pending ? "jmw-card jmw-pending" : "jmw-card");
    if (!pending) cardEl.setAttribute("data-card-id", card.id);
    cardEl.setAttribute("data-color", card.color ?? "yellow");
    cardEl.tabIndex = -1;
    const editable = !this.src.readonly && !pending;
    if (editable) cardEl.draggable = true;
    cardEl.setAttribute(
      "aria-label",
      `Card: ${card.text}${card.impact ? `, impact ${card.impact}` : ""}${card.tag ? `, tag ${card.tag}` : ""}`,
    );
    if (card.annotations) cardEl.setAttribute("aria-description", describeAnnotation(card.annotations));
    cardEl.appendChild(el("div", "jmw-card-text", card.text));
    if (card.tag || card.impact) {
      const meta = el("div", "jmw-card-meta");
      if (card.impact) {
        const impact = el("span", "jmw-impact", impactLabel(card.impact));
        impact.setAttribute("data-impact", card.impact);
        meta.appendChild(impact);
      }
      if (card.tag) meta.appendChild(el("span", "jmw-tag", card.tag));
      cardEl.appendChild(meta);
    }
    const marks = annotationMarks(card.annotations);
    if (marks) cardEl.appendChild(marks);
    if (editable) cardEl.appendChild(this.cardToolsProto.cloneNode(true));
    return cardEl;
  }

  /** Put a header's current name (and tooltip) back after a rename or a rejected one. */
  refreshHeaderName(kind: HeaderKind, id: string): void {
    const { doc, layout } = this.src;
    const header = this.index.header(kind, id);
    let name: string | undefined;
    let description: string | undefined;
    if (kind === "stage") name = doc.stages.find((st) => st.id === id)?.name;
    else if (kind === "step") name = layout.stepById.get(id)?.step.name;
    else {
      const lane = layout.laneById.get(id)?.lane;
      name = lane?.name;
      description = lane?.description;
    }
    const span = header?.querySelector<HTMLElement>(".jmw-name");
    if (!header || !span || name === undefined) return;
    span.textContent = name;
    span.hidden = false;
    span.classList.remove("jmw-pending");
    header.title = headerTitle(name, description);
  }
}
