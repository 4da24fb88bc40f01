// Rendering the grid: the header rows and one row per shown lane, its cells filled by cells.ts,
// all recorded in the GridIndex (cells, headers, rows, emotion SVGs) the rest of the view looks up.
import { h } from "../dom/builders";
import type { GridIndex } from "../dom/grid-index";
import { type LaneMarks, laneMarks } from "../model/blueprint";
import { cellKey, type HeaderKind } from "../model/keys";
import { LANE_W, metricRange, STEP_W } from "../model/layout";
import type { Card, Lane } from "../model/schema";
import { CardBuilder } from "./cards";
import { type CellSource, fillCell, type MetricRange } from "./cells";
import { buildEmotionSvg, emotionAxis } from "./emotion";
import { headerTitle, laneHeader, lineRule, stageHeader, stepHeader } from "./headers";

let renderers = 0;

/** The name span of a header, whose id the cells' accessible names point to. */
function nameSpan(header: HTMLElement | null): HTMLElement | null {
  return header?.querySelector<HTMLElement>(":scope > .jmw-name") ?? null;
}

export class GridRenderer {
  private readonly cards: CardBuilder;
  /** Prefix of the ids in this grid: unique among the views of a page (several can show one map). */
  private readonly ids: string;

  constructor(
    private readonly src: CellSource,
    private readonly index: GridIndex,
  ) {
    this.cards = new CardBuilder(src);
    renderers += 1;
    this.ids = `jmw-g${renderers}`;
  }

  /** The id of a lane's or step's name (document ids are [A-Za-z0-9_-], so "." separates). */
  private nameId(kind: "lane" | "step", id: string): string {
    return `${this.ids}.${kind}.${id}`;
  }

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
      for (const line of mark?.linesAbove ?? []) body.appendChild(lineRule(line.id, line.name));
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
    const stageRow = h("div", { class: "jmw-row jmw-stage-row", role: "row", "aria-rowindex": 1 });
    const stepRow = h("div", { class: "jmw-row jmw-step-row", role: "row", "aria-rowindex": 2 });
    stageRow.append(h("div", { class: "jmw-corner", role: "columnheader" }, "Stage"));
    stepRow.append(h("div", { class: "jmw-corner", role: "columnheader" }, "Step"));
    doc.stages.forEach((stage, si) => {
      const header = stageHeader(this.src, stage, si);
      this.index.stageHeaders.set(stage.id, header);
      stageRow.append(header);
      if (stage.steps.length === 0) {
        stepRow.append(h("div", { class: "jmw-stub", role: "columnheader" }, "(no steps)"));
      }
      for (const step of stage.steps) {
        const sh = stepHeader(this.src, step, layout.stepById.get(step.id));
        const name = nameSpan(sh);
        if (name) name.id = this.nameId("step", step.id);
        this.index.stepHeaders.set(step.id, sh);
        stepRow.append(sh);
      }
    });
    return h("div", { class: "jmw-head", role: "rowgroup" }, stageRow, stepRow);
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
    const header = laneHeader(this.src, lane, layout.laneById.get(lane.id)?.index ?? row, mark);
    if (lane.kind === "emotion") {
      header.classList.add("jmw-has-axis");
      header.append(emotionAxis(doc.emotion_scale, header));
    }
    const laneName = nameSpan(header);
    if (laneName) laneName.id = this.nameId("lane", lane.id);
    rowEl.append(header);
    const range = lane.kind === "metric" ? metricRange(doc, lane.id, layout.steps) : null;
    // Hot path (up to tens of thousands of cells): clone a prototype instead of building each from scratch.
    const proto = document.createElement("div");
    proto.className = `jmw-cell jmw-cell-${lane.kind}`;
    proto.setAttribute("role", "gridcell");
    proto.setAttribute("data-lane-id", lane.id);
    proto.tabIndex = -1;
    // A cell is named by its own content, then its lane and step: "Reads reviews Actions Compare banks".
    const cellPrefix = `${this.ids}.cell.${lane.id}.`;
    const laneNameId = ` ${this.nameId("lane", lane.id)} `;
    for (const stage of doc.stages) {
      if (stage.steps.length === 0) {
        rowEl.appendChild(h("div", { class: "jmw-stub", role: "gridcell", "aria-disabled": "true" }));
        continue;
      }
      for (const step of stage.steps) {
        const cell = proto.cloneNode(false) as HTMLElement;
        cell.setAttribute("data-step-id", step.id);
        cell.id = cellPrefix + step.id;
        cell.setAttribute("aria-labelledby", cell.id + laneNameId + this.nameId("step", step.id));
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
  fill(cell: HTMLElement, lane: Lane, stepId: string, range: MetricRange, fresh = false): void {
    fillCell(this.src, this.cards, cell, lane, stepId, range, fresh);
  }

  /** A sticky note; `pending` draws one the kernel has not confirmed yet (no id, no tools). */
  card(card: Card, pending = false): HTMLElement {
    return this.cards.card(card, pending);
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
