// One rendered view of a journey map. Views never change the document: they send operations
// through the shared Store and re-render from it when the kernel answers.
import { button, clear, cssEscape, el, h, SVG_NS, s } from "./dom";
import {
  barFraction,
  CARD_COLORS,
  clampToScale,
  describeEmotion,
  formatLaneValue,
  IMPACTS,
  impactLabel,
  KIND_LABEL,
  moodOf,
  nextInCycle,
  parseNumberInput,
} from "./format";
import {
  cardsOf,
  cellValue,
  computeLayout,
  EMOTION_H,
  emotionOf,
  emotionValueAtY,
  emotionY,
  findCard,
  LANE_W,
  type Layout,
  metricRange,
  STEP_W,
  type StepInfo,
} from "./layout";
import { type PatchScope, patchScope } from "./patches";
import type { Card, Journey, Lane, LaneKind, MetricFormat, Operation, Persona } from "./schema";
import type { Store, StoreEvent, WidgetModel } from "./store";

const KEY_SEP = "\u0001";
const cellKey = (lane: string, step: string): string => `${lane}${KEY_SEP}${step}`;
const ERROR_MIN_MS = 4000;
const PERSONA_STYLES = 6;
const LANE_KINDS: LaneKind[] = ["text", "cards", "channels", "emotion", "metric"];
const METRIC_FORMATS: MetricFormat[] = ["percent", "count", "seconds", "currency", "score"];

type HeaderKind = "stage" | "step" | "lane";

interface OpenEditor {
  lane?: string;
  step?: string;
  card?: string;
  /** Remove the editor without committing. */
  close(): void;
  /** The text typed so far, to reopen the editor after a full re-render. */
  draft?(): string;
  kind: "text" | "metric" | "channels" | "card" | "new-card";
}

function isEditable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

function laneName(lane: Lane): string {
  return lane.name;
}

export class JourneyView {
  readonly root: HTMLDivElement;
  private readonly toolbar: HTMLDivElement;
  private readonly formArea: HTMLDivElement;
  private readonly bannerArea: HTMLDivElement;
  private readonly scroller: HTMLDivElement;
  private readonly grid: HTMLDivElement;
  private layout: Layout;
  private readonly cellEls = new Map<string, HTMLElement>();
  private readonly stepHeaderEls = new Map<string, HTMLElement>();
  private readonly stageHeaderEls = new Map<string, HTMLElement>();
  private readonly laneRowEls = new Map<string, HTMLElement>();
  private readonly emotionSvgs = new Map<string, SVGSVGElement>();
  private selectedEls: HTMLElement[] = [];
  private roving: HTMLElement | null = null;
  private editor: OpenEditor | null = null;
  private persona: string | null = null;
  private readonly: boolean;
  private dragCard: string | null = null;
  private dragPoint: { lane: string } | null = null;
  private focusCardAfterRender: string | null = null;
  private errorShownAt = 0;
  private errorTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly disposers: Array<() => void> = [];
  private destroyed = false;
  private readonly cardToolsProto = h(
    "div",
    { class: "jmw-card-tools" },
    button("card-color", "◑", "Change card colour (C)", { tabindex: -1 }),
    button("card-impact", "!", "Change card impact (I)", { tabindex: -1 }),
    button("delete-card", "✕", "Delete card (Delete)", { tabindex: -1 }),
  );
  private readonly addCardProto = button("add-card", "+", "Add card", { tabindex: -1, title: "Add card" });

  constructor(
    private readonly model: WidgetModel,
    el: HTMLElement,
    private readonly store: Store,
  ) {
    this.readonly = Boolean(model.get("readonly"));
    this.layout = computeLayout(store.doc);
    this.root = h("div", { class: "jmw-root", "data-lm-suppress-shortcuts": "true" });
    this.toolbar = h("div", { class: "jmw-toolbar" });
    this.formArea = h("div", { class: "jmw-form-area" });
    this.bannerArea = h("div", { class: "jmw-banner-area" });
    this.scroller = h("div", { class: "jmw-scroll" });
    this.grid = h("div", { class: "jmw-grid", role: "grid" });
    this.scroller.appendChild(this.grid);
    this.root.append(this.toolbar, this.formArea, this.bannerArea, this.scroller);
    this.applyHeight();
    el.appendChild(this.root);

    this.disposers.push(store.subscribe((ev) => this.onStoreEvent(ev)));
    this.listenModel("change:selected_step", () => this.applySelection());
    this.listenModel("change:readonly", () => {
      this.readonly = Boolean(this.model.get("readonly"));
      this.renderAll();
    });
    this.listenModel("change:height", () => this.applyHeight());

    this.listen(this.root, "keydown", (e) => this.onKeyDown(e as KeyboardEvent));
    this.listen(this.root, "click", (e) => this.onClick(e as MouseEvent));
    this.listen(this.root, "dblclick", (e) => this.onDblClick(e as MouseEvent));
    this.listen(this.root, "focusin", (e) => this.onFocusIn(e as FocusEvent));
    this.listen(this.root, "change", (e) => this.onChange(e));
    this.listen(this.root, "pointerdown", (e) => this.onPointerDown(e as PointerEvent));
    this.listen(this.root, "dragstart", (e) => this.onDragStart(e as DragEvent));
    this.listen(this.root, "dragover", (e) => this.onDragOver(e as DragEvent));
    this.listen(this.root, "dragleave", (e) => this.onDragLeave(e as DragEvent));
    this.listen(this.root, "drop", (e) => this.onDrop(e as DragEvent));
    this.listen(this.root, "dragend", () => this.endCardDrag());

    this.renderAll();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const dispose of this.disposers.splice(0)) dispose();
    if (this.errorTimer !== null) clearTimeout(this.errorTimer);
    this.root.remove();
  }

  private listen(target: EventTarget, type: string, fn: (e: Event) => void): void {
    target.addEventListener(type, fn);
    this.disposers.push(() => target.removeEventListener(type, fn));
  }

  private listenModel(event: string, fn: () => void): void {
    this.model.on(event, fn);
    this.disposers.push(() => this.model.off(event, fn));
  }

  private get doc(): Journey {
    return this.store.doc;
  }

  private applyHeight(): void {
    const height = this.model.get("height");
    this.scroller.style.maxHeight = typeof height === "string" && height ? height : "560px";
  }

  // ------------------------------------------------------------------ store events

  private onStoreEvent(ev: StoreEvent): void {
    if (this.destroyed) return;
    switch (ev.type) {
      case "patch":
        this.applyPatchEvent(ev.patches.map(patchScope));
        if (ev.pending?.owner === this) this.clearErrorSoon();
        break;
      case "snapshot":
        this.renderAll();
        break;
      case "reject": {
        const owner = ev.pending?.owner;
        if (owner === undefined || owner === this) this.showError(ev.message);
        if (ev.pending?.op) this.restoreAfterReject(ev.pending.op);
        break;
      }
      case "history":
        break;
    }
    this.updateHistoryButtons();
    this.root.dataset.rev = String(this.store.rev);
  }

  private applyPatchEvent(scopes: PatchScope[]): void {
    if (scopes.some((sc) => sc.kind === "structure")) {
      this.renderAll();
      return;
    }
    const cells = new Map<string, { lane: string; step: string }>();
    const lanes = new Set<string>();
    for (const sc of scopes) {
      switch (sc.kind) {
        case "cell":
          cells.set(cellKey(sc.lane, sc.step), { lane: sc.lane, step: sc.step });
          break;
        case "lane-cells":
          lanes.add(sc.lane);
          break;
        case "title":
        case "state":
          this.renderToolbar();
          this.grid.setAttribute("aria-label", this.doc.title || "Journey map");
          break;
        case "stage-name": {
          const stage = this.doc.stages[sc.stageIndex];
          if (stage) this.refreshHeaderName("stage", stage.id);
          break;
        }
        case "meta":
          break;
      }
    }
    const curves = new Set<string>();
    for (const lane of lanes) this.renderLaneCells(lane);
    for (const { lane, step } of cells.values()) {
      if (lanes.has(lane)) continue;
      const info = this.layout.laneById.get(lane);
      if (!info) continue;
      if (info.lane.kind === "metric") lanes.add(lane);
      else this.renderCell(lane, step);
      if (info.lane.kind === "emotion") curves.add(lane);
    }
    for (const lane of lanes) {
      const info = this.layout.laneById.get(lane);
      if (info?.lane.kind === "metric") this.renderLaneCells(lane);
      if (info?.lane.kind === "emotion") curves.add(lane);
    }
    for (const lane of curves) this.renderEmotionCurve(lane);
    this.restoreCardFocus();
  }

  private restoreAfterReject(op: Operation): void {
    switch (op.op) {
      case "set_cell":
      case "add_card":
        this.rerenderCell(op.lane, op.step);
        break;
      case "edit_card":
      case "delete_card":
      case "move_card": {
        const where = findCard(this.doc, op.card);
        if (where) this.rerenderCell(where.lane, where.step);
        if (op.op === "move_card") this.rerenderCell(op.lane, op.step);
        break;
      }
      case "rename_stage":
        this.refreshHeaderName("stage", op.stage);
        break;
      case "rename_step":
        this.refreshHeaderName("step", op.step);
        break;
      case "edit_lane":
        this.refreshHeaderName("lane", op.lane);
        break;
      default:
        break;
    }
  }

  /** Re-render one cell from the store (and its lane's curve or bars). */
  private rerenderCell(lane: string, step: string): void {
    const info = this.layout.laneById.get(lane);
    if (!info) return;
    if (info.lane.kind === "metric") this.renderLaneCells(lane);
    else this.renderCell(lane, step);
    if (info.lane.kind === "emotion") this.renderEmotionCurve(lane);
  }

  // ------------------------------------------------------------------ full render

  renderAll(): void {
    const active = document.activeElement;
    const hadFocus = active instanceof HTMLElement && this.root.contains(active) && active !== this.root;
    const focusKey = this.roving ? this.navKey(this.roving) : null;
    const focusedCard =
      active instanceof HTMLElement && active.classList.contains("jmw-card")
        ? active.dataset.cardId
        : undefined;
    const draft = this.captureDraft();
    if (this.editor) {
      const ed = this.editor;
      this.editor = null;
      ed.close();
    }
    this.layout = computeLayout(this.doc);
    const personas = this.doc.personas;
    if (!this.persona || !personas.some((p) => p.id === this.persona)) this.persona = personas[0]?.id ?? null;
    this.root.classList.toggle("jmw-readonly", this.readonly);
    this.renderToolbar();
    this.renderGrid();
    this.applySelection();
    this.roving = null;
    const target = (focusKey && this.findNav(focusKey)) || this.defaultNav();
    if (target) this.setRoving(target);
    if (focusedCard) this.focusCardAfterRender = focusedCard;
    if (hadFocus && target && !this.focusCardAfterRender && !draft) target.focus({ preventScroll: true });
    this.restoreCardFocus();
    if (draft) this.reopenDraft(draft);
    this.updateHistoryButtons();
    this.root.dataset.rev = String(this.store.rev);
  }

  private renderToolbar(): void {
    const doc = this.doc;
    const bar = this.toolbar;
    const focusedAction =
      document.activeElement instanceof HTMLElement && bar.contains(document.activeElement)
        ? document.activeElement.getAttribute("data-action")
        : null;
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
    const select = h("select", { class: "jmw-persona-select", "aria-label": "Persona for emotion editing" });
    doc.personas.forEach((p, i) => {
      const opt = h("option", { value: p.id }, p.name);
      opt.dataset.index = String(i);
      if (p.id === this.persona) opt.selected = true;
      select.append(opt);
    });
    bar.append(h("label", { class: "jmw-persona-label" }, h("span", {}, "Persona "), select));
    if (this.hasEmotionLane()) bar.append(this.legend(doc.personas));
    bar.append(h("span", { class: "jmw-spacer" }));
    if (!this.readonly) {
      bar.append(
        button("undo", "↶ Undo", "Undo (Ctrl+Z)"),
        button("redo", "↷ Redo", "Redo (Ctrl+Shift+Z)"),
        button("add-stage", "+ Stage", "Add stage"),
        button("add-lane", "+ Lane", "Add lane"),
      );
    }
    this.updateHistoryButtons();
    if (focusedAction) bar.querySelector<HTMLElement>(`[data-action="${focusedAction}"]`)?.focus();
  }

  private hasEmotionLane(): boolean {
    return this.doc.lanes.some((l) => l.kind === "emotion");
  }

  private legend(personas: Persona[]): HTMLElement {
    const legend = h("span", { class: "jmw-legend", "aria-label": "Emotion curves" });
    personas.forEach((p, i) => {
      const svg = s("svg", { width: 26, height: 10, "aria-hidden": "true", class: "jmw-legend-swatch" });
      svg.append(
        s("line", { x1: 1, y1: 5, x2: 25, y2: 5, class: `jmw-curve jmw-persona-${i % PERSONA_STYLES}` }),
      );
      legend.append(h("span", { class: "jmw-legend-item" }, svg, p.name));
    });
    return legend;
  }

  private updateHistoryButtons(): void {
    const undo = this.toolbar.querySelector<HTMLButtonElement>('[data-action="undo"]');
    const redo = this.toolbar.querySelector<HTMLButtonElement>('[data-action="redo"]');
    if (undo) undo.disabled = !this.store.canUndo;
    if (redo) redo.disabled = !this.store.canRedo;
  }

  private renderGrid(): void {
    const doc = this.doc;
    const layout = this.layout;
    const editable = !this.readonly;
    this.cellEls.clear();
    this.stepHeaderEls.clear();
    this.stageHeaderEls.clear();
    this.laneRowEls.clear();
    this.emotionSvgs.clear();
    this.selectedEls = [];

    const grid = this.grid;
    grid.setAttribute("aria-label", doc.title || "Journey map");
    grid.setAttribute("aria-rowcount", String(2 + doc.lanes.length));
    grid.setAttribute("aria-colcount", String(1 + layout.columnCount));
    grid.style.setProperty("--jmw-template", layout.template);
    grid.style.setProperty("--jmw-lane-w", `${LANE_W}px`);
    grid.style.setProperty("--jmw-step-w", `${STEP_W}px`);
    grid.style.width = `${LANE_W + layout.bodyWidth}px`;

    const frag = document.createDocumentFragment();
    const head = h("div", { class: "jmw-head", role: "rowgroup" });
    const stageRow = h("div", { class: "jmw-row jmw-stage-row", role: "row", "aria-rowindex": 1 });
    const stepRow = h("div", { class: "jmw-row jmw-step-row", role: "row", "aria-rowindex": 2 });
    stageRow.append(h("div", { class: "jmw-corner", role: "columnheader" }, "Stage"));
    stepRow.append(h("div", { class: "jmw-corner", role: "columnheader" }, "Step"));
    doc.stages.forEach((stage, si) => {
      const span = Math.max(1, stage.steps.length);
      const header = h("div", {
        class: "jmw-stage",
        role: "columnheader",
        "data-stage-id": stage.id,
        "aria-colspan": span,
        tabindex: -1,
      });
      header.style.gridColumn = `span ${span}`;
      header.append(h("span", { class: "jmw-name" }, stage.name));
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
      this.stageHeaderEls.set(stage.id, header);
      stageRow.append(header);
      if (stage.steps.length === 0) {
        stepRow.append(h("div", { class: "jmw-stub", role: "columnheader" }, "(no steps)"));
      }
      for (const step of stage.steps) {
        const info = layout.stepById.get(step.id);
        const sh = h("div", {
          class: "jmw-step",
          role: "columnheader",
          "data-step-id": step.id,
          tabindex: -1,
        });
        sh.append(h("span", { class: "jmw-name" }, step.name));
        if (editable && info) {
          const first = info.index === 0;
          const last = info.index === layout.steps.length - 1;
          sh.append(
            h(
              "span",
              { class: "jmw-tools" },
              button("step-left", "◀", `Move step ${step.name} left`, { tabindex: -1, disabled: first }),
              button("step-right", "▶", `Move step ${step.name} right`, { tabindex: -1, disabled: last }),
              button("delete-step", "✕", `Delete step ${step.name}`, { tabindex: -1 }),
            ),
          );
        }
        this.stepHeaderEls.set(step.id, sh);
        stepRow.append(sh);
      }
    });
    head.append(stageRow, stepRow);

    const body = h("div", { class: "jmw-body", role: "rowgroup" });
    doc.lanes.forEach((lane, li) => {
      body.appendChild(this.buildLaneRow(lane, li));
    });
    frag.append(head, body);
    if (doc.lanes.length === 0 || layout.steps.length === 0) {
      frag.append(
        h(
          "div",
          { class: "jmw-empty-note" },
          doc.stages.length === 0
            ? "This map has no stages yet."
            : doc.lanes.length === 0
              ? "This map has no lanes yet."
              : "",
        ),
      );
    }
    grid.replaceChildren(frag);
  }

  private buildLaneRow(lane: Lane, li: number): HTMLElement {
    const doc = this.doc;
    const layout = this.layout;
    const editable = !this.readonly;
    const row = h("div", {
      class: `jmw-row jmw-lane jmw-kind-${lane.kind}`,
      role: "row",
      "data-lane-id": lane.id,
      "aria-rowindex": li + 3,
    });
    const header = h("div", { class: "jmw-lane-header", role: "rowheader", tabindex: -1 });
    header.append(h("span", { class: "jmw-name" }, lane.name));
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
    if (editable) {
      header.append(
        h(
          "span",
          { class: "jmw-tools" },
          button("lane-up", "▲", `Move lane ${lane.name} up`, { tabindex: -1, disabled: li === 0 }),
          button("lane-down", "▼", `Move lane ${lane.name} down`, {
            tabindex: -1,
            disabled: li === doc.lanes.length - 1,
          }),
          button("delete-lane", "✕", `Delete lane ${lane.name}`, { tabindex: -1 }),
        ),
      );
    }
    row.append(header);
    const range = lane.kind === "metric" ? metricRange(doc, lane.id, layout.steps) : null;
    // Hot path (up to tens of thousands of cells): clone a prototype instead of building each from scratch.
    const proto = document.createElement("div");
    proto.className = `jmw-cell jmw-cell-${lane.kind}`;
    proto.setAttribute("role", "gridcell");
    proto.setAttribute("data-lane-id", lane.id);
    proto.tabIndex = -1;
    const prefix = `${laneName(lane)}, `;
    const cells = this.cellEls;
    for (const stage of doc.stages) {
      if (stage.steps.length === 0) {
        row.appendChild(h("div", { class: "jmw-stub", role: "gridcell", "aria-disabled": "true" }));
        continue;
      }
      for (const step of stage.steps) {
        const cell = proto.cloneNode(false) as HTMLElement;
        cell.setAttribute("data-step-id", step.id);
        cell.setAttribute("aria-label", prefix + step.name);
        this.fillCell(cell, lane, step.id, range, true);
        cells.set(cellKey(lane.id, step.id), cell);
        row.appendChild(cell);
      }
    }
    if (lane.kind === "emotion") {
      const svg = this.buildEmotionSvg(lane);
      this.emotionSvgs.set(lane.id, svg);
      row.append(svg);
    }
    this.laneRowEls.set(lane.id, row);
    return row;
  }

  // ------------------------------------------------------------------ cells

  private renderCell(laneId: string, stepId: string): void {
    const cell = this.cellEls.get(cellKey(laneId, stepId));
    const info = this.layout.laneById.get(laneId);
    if (!cell || !info) return;
    if (this.editor && this.editor.lane === laneId && this.editor.step === stepId) return;
    const range = info.lane.kind === "metric" ? metricRange(this.doc, laneId, this.layout.steps) : null;
    this.fillCell(cell, info.lane, stepId, range);
  }

  private renderLaneCells(laneId: string): void {
    const info = this.layout.laneById.get(laneId);
    if (!info) return;
    const range = info.lane.kind === "metric" ? metricRange(this.doc, laneId, this.layout.steps) : null;
    for (const s of this.layout.steps) {
      const cell = this.cellEls.get(cellKey(laneId, s.step.id));
      if (!cell) continue;
      if (this.editor && this.editor.lane === laneId && this.editor.step === s.step.id) continue;
      this.fillCell(cell, info.lane, s.step.id, range);
    }
    if (info.lane.kind === "emotion") this.renderEmotionCurve(laneId);
  }

  private fillCell(
    cell: HTMLElement,
    lane: Lane,
    stepId: string,
    range: { min: number; max: number } | null,
    fresh = false,
  ): void {
    const doc = this.doc;
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
        if (Array.isArray(value))
          for (const card of cardsOf(doc, lane.id, stepId)) list.appendChild(this.buildCard(card));
        cell.appendChild(list);
        if (!this.readonly) {
          const add = this.addCardProto.cloneNode(true) as HTMLElement;
          const step = this.layout.stepById.get(stepId)?.step.name ?? stepId;
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
          const frac = range ? barFraction(value, range.min, range.max) : 1;
          const bar = el("div", "jmw-bar");
          bar.setAttribute("aria-hidden", "true");
          const fill = el("div", "jmw-bar-fill");
          fill.style.width = `${Math.round(frac * 1000) / 10}%`;
          bar.appendChild(fill);
          cell.appendChild(bar);
        }
        break;
      case "emotion": {
        cell.setAttribute("aria-description", this.describeEmotionCell(lane, stepId));
        break;
      }
    }
  }

  private describeEmotionCell(lane: Lane, stepId: string): string {
    const doc = this.doc;
    const parts = doc.personas.map((p) => {
      const v = emotionOf(doc, lane.id, stepId, p.id);
      return v === null ? `${p.name}: no value` : `${p.name}: ${describeEmotion(v, doc.emotion_scale)}`;
    });
    return `Emotion. ${parts.join("; ")}`;
  }

  private buildCard(card: Card, pending = false): HTMLElement {
    const cardEl = el("div", pending ? "jmw-card jmw-pending" : "jmw-card");
    if (!pending) cardEl.setAttribute("data-card-id", card.id);
    cardEl.setAttribute("data-color", card.color ?? "yellow");
    cardEl.tabIndex = -1;
    if (!this.readonly && !pending) cardEl.draggable = true;
    cardEl.setAttribute(
      "aria-label",
      `Card: ${card.text}${card.impact ? `, impact ${card.impact}` : ""}${card.tag ? `, tag ${card.tag}` : ""}`,
    );
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
    if (!this.readonly && !pending) cardEl.appendChild(this.cardToolsProto.cloneNode(true));
    return cardEl;
  }

  // ------------------------------------------------------------------ emotion curves

  private pointX(info: StepInfo, personaIndex: number, personaCount: number): number {
    const spread = personaCount > 1 ? Math.min(8, 40 / personaCount) : 0;
    return info.left + STEP_W / 2 + (personaIndex - (personaCount - 1) / 2) * spread;
  }

  private buildEmotionSvg(lane: Lane): SVGSVGElement {
    const svg = s("svg", {
      class: "jmw-emotion-svg",
      width: this.layout.bodyWidth,
      height: EMOTION_H,
      viewBox: `0 0 ${this.layout.bodyWidth} ${EMOTION_H}`,
      "aria-hidden": "true",
      "data-lane-id": lane.id,
    });
    this.drawEmotion(svg, lane.id);
    return svg;
  }

  private renderEmotionCurve(laneId: string): void {
    if (this.dragPoint?.lane === laneId) return;
    const svg = this.emotionSvgs.get(laneId);
    if (svg) this.drawEmotion(svg, laneId);
  }

  private curvePath(
    laneId: string,
    persona: Persona,
    pi: number,
    override?: { step: string; value: number },
  ): string {
    const doc = this.doc;
    const scale = doc.emotion_scale;
    const n = doc.personas.length;
    let d = "";
    let pen = false;
    for (const info of this.layout.steps) {
      const v =
        override && override.step === info.step.id
          ? override.value
          : emotionOf(doc, laneId, info.step.id, persona.id);
      if (v === null) {
        pen = false;
        continue;
      }
      const x = this.pointX(info, pi, n).toFixed(1);
      const y = emotionY(v, scale.min, scale.max).toFixed(1);
      d += `${pen ? "L" : "M"}${x} ${y} `;
      pen = true;
    }
    return d.trim();
  }

  private drawEmotion(svg: SVGSVGElement, laneId: string): void {
    const doc = this.doc;
    const scale = doc.emotion_scale;
    const width = this.layout.bodyWidth;
    clear(svg);
    const ny = emotionY(scale.neutral, scale.min, scale.max);
    svg.append(s("line", { class: "jmw-neutral-line", x1: 0, x2: width, y1: ny, y2: ny }));
    const n = doc.personas.length;
    const editable = !this.readonly;
    doc.personas.forEach((p, pi) => {
      const d = this.curvePath(laneId, p, pi);
      if (d) {
        svg.append(
          s("path", {
            class: `jmw-curve jmw-persona-${pi % PERSONA_STYLES}`,
            d,
            "data-persona-id": p.id,
            fill: "none",
          }),
        );
      }
    });
    const proto = document.createElementNS(SVG_NS, "circle");
    proto.setAttribute("r", "6");
    doc.personas.forEach((p, pi) => {
      const cls = `jmw-persona-${pi % PERSONA_STYLES}${editable ? " jmw-draggable" : ""}`;
      for (const info of this.layout.steps) {
        const v = emotionOf(doc, laneId, info.step.id, p.id);
        if (v === null) continue;
        const point = proto.cloneNode(false) as SVGCircleElement;
        point.setAttribute("class", `jmw-point jmw-mood-${moodOf(v, scale)} ${cls}`);
        point.setAttribute("cx", this.pointX(info, pi, n).toFixed(1));
        point.setAttribute("cy", emotionY(v, scale.min, scale.max).toFixed(1));
        point.setAttribute("data-step-id", info.step.id);
        point.setAttribute("data-persona-id", p.id);
        point.setAttribute("data-value", String(v));
        svg.appendChild(point);
      }
    });
  }

  // ------------------------------------------------------------------ selection & focus

  private applySelection(): void {
    for (const el of this.selectedEls) el.classList.remove("jmw-selected");
    this.selectedEls = [];
    const sel = this.model.get("selected_step");
    if (typeof sel !== "string") return;
    const header = this.stepHeaderEls.get(sel);
    if (!header) return;
    this.selectedEls.push(header);
    for (const lane of this.doc.lanes) {
      const cell = this.cellEls.get(cellKey(lane.id, sel));
      if (cell) this.selectedEls.push(cell);
    }
    for (const el of this.selectedEls) el.classList.add("jmw-selected");
  }

  private selectStep(stepId: string): void {
    if (this.model.get("selected_step") === stepId) return;
    this.model.set("selected_step", stepId);
    this.model.save_changes();
    this.applySelection();
  }

  private navKey(el: HTMLElement): string | null {
    if (el.getAttribute("role") === "gridcell" && el.dataset.laneId && el.dataset.stepId) {
      return `cell${KEY_SEP}${el.dataset.laneId}${KEY_SEP}${el.dataset.stepId}`;
    }
    if (el.dataset.stepId) return `step${KEY_SEP}${el.dataset.stepId}`;
    if (el.dataset.stageId) return `stage${KEY_SEP}${el.dataset.stageId}`;
    if (el.getAttribute("role") === "rowheader") {
      const lane = (el.parentElement as HTMLElement | null)?.dataset.laneId;
      if (lane) return `lane${KEY_SEP}${lane}`;
    }
    return null;
  }

  private findNav(key: string): HTMLElement | null {
    const [kind, a, b] = key.split(KEY_SEP);
    if (kind === "cell" && a && b) return this.cellEls.get(cellKey(a, b)) ?? null;
    if (kind === "step" && a) return this.stepHeaderEls.get(a) ?? null;
    if (kind === "stage" && a) return this.stageHeaderEls.get(a) ?? null;
    if (kind === "lane" && a) return this.laneHeader(a);
    return null;
  }

  private laneHeader(laneId: string): HTMLElement | null {
    return (this.laneRowEls.get(laneId)?.querySelector<HTMLElement>('[role="rowheader"]') ??
      null) as HTMLElement | null;
  }

  private defaultNav(): HTMLElement | null {
    const lane = this.doc.lanes[0];
    const step = this.layout.steps[0];
    if (lane && step) return this.cellEls.get(cellKey(lane.id, step.step.id)) ?? null;
    if (step) return this.stepHeaderEls.get(step.step.id) ?? null;
    const stage = this.doc.stages[0];
    if (stage) return this.stageHeaderEls.get(stage.id) ?? null;
    if (lane) return this.laneHeader(lane.id);
    return null;
  }

  private setRoving(el: HTMLElement): void {
    if (this.roving === el) {
      el.tabIndex = 0;
      return;
    }
    if (this.roving) this.roving.tabIndex = -1;
    this.roving = el;
    el.tabIndex = 0;
  }

  private navElementOf(target: Element): HTMLElement | null {
    return target.closest<HTMLElement>(
      '[role="gridcell"][data-step-id], [role="columnheader"][data-step-id], [role="columnheader"][data-stage-id], [role="rowheader"]',
    );
  }

  private focusNav(el: HTMLElement | null | undefined): boolean {
    if (!el) return false;
    this.setRoving(el);
    el.focus();
    if (typeof el.scrollIntoView === "function") el.scrollIntoView({ block: "nearest", inline: "nearest" });
    return true;
  }

  /** Grid position of a navigable element: r = -2 stage row, -1 step row, 0.. lanes; c = -1 lane header, 0.. steps. */
  private position(el: HTMLElement): { r: number; c: number } | null {
    const role = el.getAttribute("role");
    if (role === "gridcell") {
      const lane = this.layout.laneById.get(el.dataset.laneId ?? "");
      const step = this.layout.stepById.get(el.dataset.stepId ?? "");
      return lane && step ? { r: lane.index, c: step.index } : null;
    }
    if (role === "rowheader") {
      const lane = this.layout.laneById.get((el.parentElement as HTMLElement | null)?.dataset.laneId ?? "");
      return lane ? { r: lane.index, c: -1 } : null;
    }
    if (el.dataset.stepId) {
      const step = this.layout.stepById.get(el.dataset.stepId);
      return step ? { r: -1, c: step.index } : null;
    }
    if (el.dataset.stageId) {
      const si = this.layout.stageIndexById.get(el.dataset.stageId);
      if (si === undefined) return null;
      const stage = this.doc.stages[si];
      const first = stage?.steps[0];
      const c = first ? (this.layout.stepById.get(first.id)?.index ?? -1) : -1;
      return { r: -2, c };
    }
    return null;
  }

  private navAt(r: number, c: number): HTMLElement | null {
    const steps = this.layout.steps;
    const lanes = this.doc.lanes;
    if (c >= steps.length) c = steps.length - 1;
    if (r >= lanes.length) r = lanes.length - 1;
    if (r >= 0) {
      const lane = lanes[r];
      if (!lane) return null;
      if (c < 0) return this.laneHeader(lane.id);
      const step = steps[c];
      return step ? (this.cellEls.get(cellKey(lane.id, step.step.id)) ?? null) : null;
    }
    const step = c >= 0 ? steps[c] : undefined;
    if (!step) return null;
    if (r === -1) return this.stepHeaderEls.get(step.step.id) ?? null;
    return this.stageHeaderEls.get(step.stage.id) ?? null;
  }

  private navigate(el: HTMLElement, e: KeyboardEvent): boolean {
    const pos = this.position(el);
    if (!pos) return false;
    const { r, c } = pos;
    const lastLane = this.doc.lanes.length - 1;
    const lastStep = this.layout.steps.length - 1;
    const ctrl = e.ctrlKey || e.metaKey;
    // Stage headers move stage by stage (empty stages included).
    if (r === -2 && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
      const si = this.layout.stageIndexById.get(el.dataset.stageId ?? "") ?? 0;
      const next = this.doc.stages[si + (e.key === "ArrowLeft" ? -1 : 1)];
      return next ? this.focusNav(this.stageHeaderEls.get(next.id)) : true;
    }
    if (r === -1 && e.key === "ArrowUp") {
      const info = this.layout.stepById.get(el.dataset.stepId ?? "");
      return info ? this.focusNav(this.stageHeaderEls.get(info.stage.id)) : true;
    }
    switch (e.key) {
      case "ArrowLeft":
        if (c > 0) return this.focusNav(this.navAt(r, c - 1));
        if (c === 0 && r >= 0) return this.focusNav(this.navAt(r, -1));
        return true;
      case "ArrowRight":
        if (c < lastStep) return this.focusNav(this.navAt(r, c + 1));
        return true;
      case "ArrowUp":
        if (r > 0) return this.focusNav(this.navAt(r - 1, c));
        if (r === 0 && c >= 0) return this.focusNav(this.navAt(-1, c));
        return true;
      case "ArrowDown":
        if (r === -2) return c >= 0 ? this.focusNav(this.navAt(-1, c)) : true;
        if (r < lastLane) return this.focusNav(this.navAt(r + 1, c));
        return true;
      case "PageUp":
        return r >= 0 ? this.focusNav(this.navAt(Math.max(0, r - 10), c)) : true;
      case "PageDown":
        return r >= 0 ? this.focusNav(this.navAt(Math.min(lastLane, r + 10), c)) : true;
      case "Home":
        if (ctrl) return this.focusNav(this.navAt(0, 0));
        return this.focusNav(this.navAt(r, r >= 0 && c === 0 ? -1 : 0));
      case "End":
        if (ctrl) return this.focusNav(this.navAt(lastLane, lastStep));
        return this.focusNav(this.navAt(r, lastStep));
      default:
        return false;
    }
  }

  // ------------------------------------------------------------------ DOM events

  private onFocusIn(e: FocusEvent): void {
    const target = e.target;
    if (!(target instanceof Element)) return;
    const nav = this.navElementOf(target);
    if (nav && this.grid.contains(nav)) {
      this.setRoving(nav);
      const stepId = nav.dataset.stepId;
      if (stepId) this.selectStep(stepId);
    }
  }

  private onChange(e: Event): void {
    const t = e.target;
    if (t instanceof HTMLSelectElement && t.classList.contains("jmw-persona-select")) {
      this.persona = t.value;
    }
  }

  private onKeyDown(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (isEditable(target)) {
      // Editors handle their own keys; never let typing reach JupyterLab.
      e.stopPropagation();
      return;
    }
    const handled = this.handleKey(target, e);
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    } else if (this.grid.contains(target)) {
      e.stopPropagation();
    }
  }

  private handleKey(target: HTMLElement, e: KeyboardEvent): boolean {
    const key = e.key;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && (key === "z" || key === "Z")) {
      if (!this.readonly) {
        if (e.shiftKey) this.store.redo({ owner: this });
        else this.store.undo({ owner: this });
      }
      return true;
    }
    if (mod && !e.altKey && !e.shiftKey && (key === "y" || key === "Y")) {
      if (!this.readonly) this.store.redo({ owner: this });
      return true;
    }
    if (target.tagName === "BUTTON" && (key === "Enter" || key === " ")) return false;
    const card = target.closest<HTMLElement>(".jmw-card[data-card-id]");
    if (card && this.grid.contains(card)) return this.cardKey(card, e);
    const nav = this.navElementOf(target);
    if (!nav || !this.grid.contains(nav)) return false;
    const role = nav.getAttribute("role");
    if (role === "gridcell") {
      if (this.onCellKey(nav, e)) return true;
    } else if (this.headerKey(nav, e)) {
      return true;
    }
    if (e.altKey) return false;
    if (e.shiftKey && (key === "ArrowUp" || key === "ArrowDown")) return false;
    return this.navigate(nav, e);
  }

  private onCellKey(cell: HTMLElement, e: KeyboardEvent): boolean {
    const laneId = cell.dataset.laneId ?? "";
    const stepId = cell.dataset.stepId ?? "";
    const lane = this.layout.laneById.get(laneId)?.lane;
    if (!lane) return false;
    const key = e.key;
    if (key === " " && !e.ctrlKey) {
      this.selectStep(stepId);
      return true;
    }
    if (this.readonly) return false;
    if (lane.kind === "emotion") return this.emotionKey(lane, stepId, e);
    if ((key === "Enter" || key === "F2") && !e.altKey && !e.ctrlKey && !e.metaKey) {
      if (lane.kind === "cards") {
        const first = cell.querySelector<HTMLElement>(".jmw-card[data-card-id]");
        if (first && key === "Enter") first.focus();
        else this.openNewCard(cell, lane, stepId);
        return true;
      }
      this.openCellEditor(cell, lane, stepId);
      return true;
    }
    if (lane.kind === "cards" && (key === "+" || key === "n" || key === "N") && !e.ctrlKey && !e.metaKey) {
      this.openNewCard(cell, lane, stepId);
      return true;
    }
    if ((key === "Delete" || key === "Backspace") && lane.kind !== "cards") {
      if (cellValue(this.doc, laneId, stepId) !== undefined) {
        this.sendEdit({ op: "set_cell", lane: laneId, step: stepId, value: null }, () =>
          this.rerenderCell(laneId, stepId),
        );
      }
      return true;
    }
    return false;
  }

  private emotionKey(lane: Lane, stepId: string, e: KeyboardEvent): boolean {
    const scale = this.doc.emotion_scale;
    const persona = this.persona ?? this.doc.personas[0]?.id;
    if (!persona) return false;
    const current = emotionOf(this.doc, lane.id, stepId, persona);
    const key = e.key;
    let next: number | null | undefined;
    if (key === "+" || key === "=" || (key === "ArrowUp" && e.shiftKey)) {
      next = current === null ? Math.round(scale.neutral) : clampToScale(Math.round(current) + 1, scale);
    } else if (key === "-" || key === "_" || (key === "ArrowDown" && e.shiftKey)) {
      next = current === null ? Math.round(scale.neutral) : clampToScale(Math.round(current) - 1, scale);
    } else if (/^[0-9]$/.test(key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const d = Number(key);
      if (d < scale.min || d > scale.max) return true;
      next = d;
    } else if (key === "Delete" || key === "Backspace") {
      next = null;
    } else {
      return false;
    }
    if (next === current) return true;
    this.sendEdit({ op: "set_cell", lane: lane.id, step: stepId, persona, value: next });
    return true;
  }

  private headerKey(nav: HTMLElement, e: KeyboardEvent): boolean {
    const key = e.key;
    const stepId = nav.getAttribute("role") === "columnheader" ? nav.dataset.stepId : undefined;
    const stageId = nav.dataset.stageId;
    const laneId =
      nav.getAttribute("role") === "rowheader"
        ? (nav.parentElement as HTMLElement | null)?.dataset.laneId
        : undefined;
    if (key === " " && stepId) {
      this.selectStep(stepId);
      return true;
    }
    if (this.readonly) return false;
    const kind: HeaderKind | null = stepId ? "step" : stageId ? "stage" : laneId ? "lane" : null;
    const id = stepId ?? stageId ?? laneId;
    if (!kind || !id) return false;
    if ((key === "Enter" || key === "F2") && !e.altKey) {
      this.startRename(kind, id, nav);
      return true;
    }
    if (key === "Delete") {
      this.runAction(`delete-${kind}`, nav);
      return true;
    }
    if (kind === "stage" && key === "+") {
      this.runAction("add-step", nav);
      return true;
    }
    if (e.altKey) {
      const map: Record<HeaderKind, Record<string, string>> = {
        stage: { ArrowLeft: "stage-left", ArrowRight: "stage-right" },
        step: { ArrowLeft: "step-left", ArrowRight: "step-right" },
        lane: { ArrowUp: "lane-up", ArrowDown: "lane-down" },
      };
      const action = map[kind][key];
      if (action) {
        this.runAction(action, nav);
        return true;
      }
    }
    return false;
  }

  private cardKey(cardEl: HTMLElement, e: KeyboardEvent): boolean {
    const cardId = cardEl.dataset.cardId ?? "";
    const cell = cardEl.closest<HTMLElement>('[role="gridcell"]');
    const key = e.key;
    if (key === "Escape") {
      cell?.focus();
      return true;
    }
    if (!e.altKey && (key === "ArrowUp" || key === "ArrowDown")) {
      const sib = (
        key === "ArrowUp" ? cardEl.previousElementSibling : cardEl.nextElementSibling
      ) as HTMLElement | null;
      if (sib?.classList.contains("jmw-card")) sib.focus();
      return true;
    }
    if (this.readonly) return key === "Enter";
    const where = findCard(this.doc, cardId);
    if (!where) return false;
    if (key === "Enter" || key === "F2") {
      this.editCard(cardEl, where.card);
      return true;
    }
    if (key === "Delete" || key === "Backspace") {
      const sibling = (cardEl.nextElementSibling ?? cardEl.previousElementSibling) as HTMLElement | null;
      const nextFocus = sibling?.dataset.cardId ?? null;
      this.sendEdit({ op: "delete_card", card: cardId }, undefined, () => {
        this.focusCardAfterRender = nextFocus;
        if (!nextFocus) cell?.focus();
      });
      return true;
    }
    if (e.altKey && (key === "ArrowLeft" || key === "ArrowRight")) {
      const info = this.layout.stepById.get(where.step);
      const target = info ? this.layout.steps[info.index + (key === "ArrowLeft" ? -1 : 1)] : undefined;
      if (target) {
        this.focusCardAfterRender = cardId;
        this.sendEdit({ op: "move_card", card: cardId, lane: where.lane, step: target.step.id });
      }
      return true;
    }
    if (e.altKey && (key === "ArrowUp" || key === "ArrowDown")) {
      const count = cardsOf(this.doc, where.lane, where.step).length;
      const index = where.index + (key === "ArrowUp" ? -1 : 1);
      if (index >= 0 && index < count) {
        this.focusCardAfterRender = cardId;
        this.sendEdit({ op: "move_card", card: cardId, lane: where.lane, step: where.step, index });
      }
      return true;
    }
    if (!e.ctrlKey && !e.metaKey && !e.altKey && (key === "c" || key === "C")) {
      this.cycleCardColor(where.card);
      return true;
    }
    if (!e.ctrlKey && !e.metaKey && !e.altKey && (key === "i" || key === "I")) {
      this.cycleCardImpact(where.card);
      return true;
    }
    return false;
  }

  private restoreCardFocus(): void {
    const id = this.focusCardAfterRender;
    if (!id) return;
    const el = this.grid.querySelector<HTMLElement>(`.jmw-card[data-card-id="${cssEscape(id)}"]`);
    if (el) {
      this.focusCardAfterRender = null;
      el.focus();
    }
  }

  private onClick(e: MouseEvent): void {
    const target = e.target;
    if (!(target instanceof Element)) return;
    const btn = target.closest<HTMLButtonElement>("button[data-action]");
    if (btn && this.root.contains(btn)) {
      if (btn.disabled) return;
      e.stopPropagation();
      this.runAction(btn.dataset.action ?? "", btn);
      return;
    }
    const dismiss = target.closest(".jmw-error-dismiss");
    if (dismiss) {
      this.clearError(true);
      return;
    }
    const nav = this.navElementOf(target);
    if (nav?.dataset.stepId && this.grid.contains(nav)) this.selectStep(nav.dataset.stepId);
  }

  private onDblClick(e: MouseEvent): void {
    if (this.readonly) return;
    const target = e.target;
    if (!(target instanceof Element) || target.closest("button, input, textarea, select, .jmw-editor-box"))
      return;
    const cardEl = target.closest<HTMLElement>(".jmw-card[data-card-id]");
    if (cardEl) {
      const where = findCard(this.doc, cardEl.dataset.cardId ?? "");
      if (where) this.editCard(cardEl, where.card);
      return;
    }
    const nav = this.navElementOf(target);
    if (!nav || !this.grid.contains(nav)) return;
    if (nav.getAttribute("role") === "gridcell") {
      const laneId = nav.dataset.laneId ?? "";
      const stepId = nav.dataset.stepId ?? "";
      const lane = this.layout.laneById.get(laneId)?.lane;
      if (!lane) return;
      if (lane.kind === "cards") this.openNewCard(nav, lane, stepId);
      else if (lane.kind === "emotion") {
        const persona = this.persona ?? this.doc.personas[0]?.id;
        const rect = nav.getBoundingClientRect();
        if (!persona || rect.height === 0) return;
        const scale = this.doc.emotion_scale;
        const value = emotionValueAtY(e.clientY - rect.top, scale.min, scale.max);
        if (value !== emotionOf(this.doc, laneId, stepId, persona)) {
          this.sendEdit({ op: "set_cell", lane: laneId, step: stepId, persona, value });
        }
      } else this.openCellEditor(nav, lane, stepId);
      return;
    }
    const pos = this.headerIdentity(nav);
    if (pos) this.startRename(pos.kind, pos.id, nav);
  }

  private headerIdentity(nav: HTMLElement): { kind: HeaderKind; id: string } | null {
    if (nav.getAttribute("role") === "rowheader") {
      const id = (nav.parentElement as HTMLElement | null)?.dataset.laneId;
      return id ? { kind: "lane", id } : null;
    }
    if (nav.dataset.stepId) return { kind: "step", id: nav.dataset.stepId };
    if (nav.dataset.stageId) return { kind: "stage", id: nav.dataset.stageId };
    return null;
  }

  // ------------------------------------------------------------------ actions

  /** Send an edit owned by this view; `restore` runs when the kernel answered either way. */
  private sendEdit(op: Operation, restore?: () => void, onOk?: () => void): string {
    return this.store.edit(op, {
      owner: this,
      onSettled: (ok) => {
        if (this.destroyed) return;
        restore?.();
        if (ok) onOk?.();
        this.restoreCardFocus();
      },
    });
  }

  private runAction(action: string, source: HTMLElement): void {
    if (action === "undo") {
      this.store.undo({ owner: this });
      return;
    }
    if (action === "redo") {
      this.store.redo({ owner: this });
      return;
    }
    if (this.readonly) return;
    const doc = this.doc;
    if (action === "add-stage") {
      this.toggleAddStageForm();
      return;
    }
    if (action === "add-lane") {
      this.toggleAddLaneForm();
      return;
    }
    const stageEl = source.closest<HTMLElement>("[data-stage-id]");
    const stepEl = source.closest<HTMLElement>('[role="columnheader"][data-step-id]');
    const laneEl = source.closest<HTMLElement>('[role="row"][data-lane-id]');
    const cardEl = source.closest<HTMLElement>(".jmw-card[data-card-id]");
    const stageId = stageEl?.dataset.stageId;
    const stepId = stepEl?.dataset.stepId;
    const laneId = laneEl?.dataset.laneId;
    switch (action) {
      case "add-step":
        if (stageId && stageEl) this.openNewStep(stageEl, stageId);
        return;
      case "stage-left":
      case "stage-right": {
        const si = stageId ? this.layout.stageIndexById.get(stageId) : undefined;
        if (!stageId || si === undefined) return;
        const index = si + (action === "stage-left" ? -1 : 1);
        if (index < 0 || index >= doc.stages.length) return;
        this.sendEdit({ op: "move_stage", stage: stageId, index });
        return;
      }
      case "delete-stage":
        if (stageId) this.sendEdit({ op: "delete_stage", stage: stageId });
        return;
      case "step-left":
      case "step-right": {
        const info = stepId ? this.layout.stepById.get(stepId) : undefined;
        if (!info) return;
        const op = this.moveStepOp(info, action === "step-left" ? -1 : 1);
        if (op) this.sendEdit(op);
        return;
      }
      case "delete-step":
        if (stepId) this.sendEdit({ op: "delete_step", step: stepId });
        return;
      case "lane-up":
      case "lane-down": {
        const li = laneId ? this.layout.laneById.get(laneId)?.index : undefined;
        if (!laneId || li === undefined) return;
        const index = li + (action === "lane-up" ? -1 : 1);
        if (index < 0 || index >= doc.lanes.length) return;
        this.sendEdit({ op: "move_lane", lane: laneId, index });
        return;
      }
      case "delete-lane":
        if (laneId) this.sendEdit({ op: "delete_lane", lane: laneId });
        return;
      case "add-card": {
        const cell = source.closest<HTMLElement>('[role="gridcell"][data-step-id]');
        const lane = laneId ? this.layout.laneById.get(laneId)?.lane : undefined;
        if (cell && lane && cell.dataset.stepId) this.openNewCard(cell, lane, cell.dataset.stepId);
        return;
      }
      case "card-color":
      case "card-impact":
      case "delete-card": {
        const where = cardEl ? findCard(doc, cardEl.dataset.cardId ?? "") : null;
        if (!where) return;
        if (action === "card-color") this.cycleCardColor(where.card);
        else if (action === "card-impact") this.cycleCardImpact(where.card);
        else this.sendEdit({ op: "delete_card", card: where.card.id });
        return;
      }
      default:
        return;
    }
  }

  /** Move a step one place; past the edge of its stage it goes to the neighbouring stage. */
  private moveStepOp(info: StepInfo, dir: -1 | 1): Operation | null {
    const stages = this.doc.stages;
    const count = info.stage.steps.length;
    if (dir < 0) {
      if (info.indexInStage > 0) return { op: "move_step", step: info.step.id, index: info.indexInStage - 1 };
      const prev = stages[info.stageIndex - 1];
      return prev ? { op: "move_step", step: info.step.id, stage: prev.id, index: prev.steps.length } : null;
    }
    if (info.indexInStage < count - 1)
      return { op: "move_step", step: info.step.id, index: info.indexInStage + 1 };
    const next = stages[info.stageIndex + 1];
    return next ? { op: "move_step", step: info.step.id, stage: next.id, index: 0 } : null;
  }

  private cycleCardColor(card: Card): void {
    const i = CARD_COLORS.indexOf(card.color ?? "yellow");
    const color = CARD_COLORS[(i + 1) % CARD_COLORS.length] ?? "yellow";
    this.focusCardAfterRender = card.id;
    this.sendEdit({ op: "edit_card", card: card.id, fields: { color } });
  }

  private cycleCardImpact(card: Card): void {
    const impact = nextInCycle(IMPACTS, card.impact);
    this.focusCardAfterRender = card.id;
    this.sendEdit({ op: "edit_card", card: card.id, fields: { impact } });
  }

  // ------------------------------------------------------------------ editors

  private closeEditor(): void {
    const ed = this.editor;
    this.editor = null;
    ed?.close();
  }

  private captureDraft(): { kind: OpenEditor["kind"]; lane?: string; step?: string; text: string } | null {
    const ed = this.editor;
    if (!ed?.draft || (ed.kind !== "text" && ed.kind !== "metric")) return null;
    return { kind: ed.kind, lane: ed.lane, step: ed.step, text: ed.draft() };
  }

  private reopenDraft(draft: { kind: OpenEditor["kind"]; lane?: string; step?: string; text: string }): void {
    if (!draft.lane || !draft.step) return;
    const cell = this.cellEls.get(cellKey(draft.lane, draft.step));
    const lane = this.layout.laneById.get(draft.lane)?.lane;
    if (cell && lane && lane.kind === draft.kind) this.openCellEditor(cell, lane, draft.step, draft.text);
  }

  /** Opens the editor that fits the lane kind in a text, metric or channels cell. */
  openCellEditor(cell: HTMLElement, lane: Lane, stepId: string, initial?: string): void {
    if (this.readonly) return;
    this.closeEditor();
    if (lane.kind === "text") this.openTextEditor(cell, lane, stepId, initial);
    else if (lane.kind === "metric") this.openMetricEditor(cell, lane, stepId, initial);
    else if (lane.kind === "channels") this.openChannelsEditor(cell, lane, stepId);
    else if (lane.kind === "cards") this.openNewCard(cell, lane, stepId);
  }

  private stepName(stepId: string): string {
    return this.layout.stepById.get(stepId)?.step.name ?? stepId;
  }

  private openTextEditor(cell: HTMLElement, lane: Lane, stepId: string, initial?: string): void {
    const current = cellValue(this.doc, lane.id, stepId);
    const currentText = typeof current === "string" ? current : "";
    const ta = h("textarea", {
      class: "jmw-editor",
      "aria-label": `Edit ${lane.name}, ${this.stepName(stepId)}`,
      rows: 3,
    });
    ta.value = initial ?? currentText;
    let done = false;
    const finish = (commit: boolean, refocus: boolean) => {
      if (done) return;
      done = true;
      if (this.editor === editor) this.editor = null;
      const text = ta.value;
      if (commit && text !== currentText) {
        // Optimistic visual only: the store's value wins when the kernel answers.
        clear(cell);
        if (text !== "") cell.append(h("div", { class: "jmw-text" }, text));
        cell.classList.add("jmw-pending");
        this.sendEdit({ op: "set_cell", lane: lane.id, step: stepId, value: text === "" ? null : text }, () =>
          this.renderCell(lane.id, stepId),
        );
      } else {
        this.renderCell(lane.id, stepId);
      }
      if (refocus) cell.focus();
    };
    const editor: OpenEditor = {
      kind: "text",
      lane: lane.id,
      step: stepId,
      close: () => {
        done = true;
        ta.remove();
      },
      draft: () => ta.value,
    };
    ta.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        finish(true, true);
      } else if (e.key === "Escape") {
        e.preventDefault();
        finish(false, true);
      }
    });
    ta.addEventListener("blur", () => finish(true, false));
    clear(cell);
    cell.append(ta);
    this.editor = editor;
    ta.focus();
    ta.setSelectionRange(ta.value.length, ta.value.length);
  }

  private openMetricEditor(cell: HTMLElement, lane: Lane, stepId: string, initial?: string): void {
    const current = cellValue(this.doc, lane.id, stepId);
    const currentNum = typeof current === "number" ? current : null;
    const input = h("input", {
      class: "jmw-editor jmw-number-editor",
      type: "text",
      inputmode: "decimal",
      "aria-label": `Edit ${lane.name}, ${this.stepName(stepId)}${lane.unit ? ` (${lane.unit})` : ""}`,
    });
    input.value = initial ?? (currentNum === null ? "" : String(currentNum));
    const msg = h("div", { class: "jmw-validation", "aria-live": "polite" });
    let done = false;
    const finish = (commit: boolean, refocus: boolean) => {
      if (done) return;
      const parsed = parseNumberInput(input.value);
      if (commit && parsed !== null && Number.isNaN(parsed)) {
        if (refocus) {
          // Enter: explain and keep the editor open.
          msg.textContent = "Enter a number, or leave empty to clear.";
          cell.classList.add("jmw-invalid");
          input.setAttribute("aria-invalid", "true");
          return;
        }
        commit = false; // blur with an invalid number: drop the edit
      }
      done = true;
      if (this.editor === editor) this.editor = null;
      cell.classList.remove("jmw-invalid");
      if (commit && parsed !== currentNum) {
        clear(cell);
        if (parsed !== null)
          cell.append(h("span", { class: "jmw-metric-value" }, formatLaneValue(lane, parsed)));
        cell.classList.add("jmw-pending");
        this.sendEdit({ op: "set_cell", lane: lane.id, step: stepId, value: parsed }, () =>
          this.renderLaneCells(lane.id),
        );
      } else {
        this.renderCell(lane.id, stepId);
      }
      if (refocus) cell.focus();
    };
    const editor: OpenEditor = {
      kind: "metric",
      lane: lane.id,
      step: stepId,
      close: () => {
        done = true;
        input.remove();
        msg.remove();
      },
      draft: () => input.value,
    };
    input.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && !e.isComposing) {
        e.preventDefault();
        finish(true, true);
      } else if (e.key === "Escape") {
        e.preventDefault();
        finish(false, true);
      }
    });
    input.addEventListener("input", () => {
      msg.textContent = "";
      input.removeAttribute("aria-invalid");
      cell.classList.remove("jmw-invalid");
    });
    input.addEventListener("blur", () => finish(true, false));
    clear(cell);
    cell.append(input, msg);
    this.editor = editor;
    input.focus();
    input.select();
  }

  private openChannelsEditor(cell: HTMLElement, lane: Lane, stepId: string): void {
    const current = cellValue(this.doc, lane.id, stepId);
    const chosen = new Set(Array.isArray(current) ? current.map(String) : []);
    const vocabulary = [...this.doc.channels];
    for (const c of chosen) if (!vocabulary.includes(c)) vocabulary.push(c);
    const box = h("div", {
      class: "jmw-editor-box jmw-channel-editor",
      role: "group",
      "aria-label": `Channels for ${lane.name}, ${this.stepName(stepId)}`,
    });
    if (vocabulary.length === 0)
      box.append(h("div", { class: "jmw-validation" }, "This map defines no channels."));
    for (const ch of vocabulary) {
      const cb = h("input", { type: "checkbox", value: ch });
      cb.checked = chosen.has(ch);
      box.append(h("label", { class: "jmw-check" }, cb, ` ${ch}`));
    }
    const done = h("button", { type: "button", class: "jmw-btn jmw-done" }, "Done");
    box.append(done);
    let finished = false;
    const finish = (commit: boolean, refocus: boolean) => {
      if (finished) return;
      finished = true;
      if (this.editor === editor) this.editor = null;
      const picked = [...box.querySelectorAll<HTMLInputElement>("input[type=checkbox]")]
        .filter((c) => c.checked)
        .map((c) => c.value);
      const before = Array.isArray(current) ? current.map(String) : [];
      const same = picked.length === before.length && picked.every((c, i) => c === before[i]);
      if (commit && !same) {
        clear(cell);
        const chips = h("div", { class: "jmw-chips" });
        for (const ch of picked) chips.append(h("span", { class: "jmw-chip" }, ch));
        cell.append(chips);
        cell.classList.add("jmw-pending");
        this.sendEdit(
          { op: "set_cell", lane: lane.id, step: stepId, value: picked.length > 0 ? picked : null },
          () => this.renderCell(lane.id, stepId),
        );
      } else {
        this.renderCell(lane.id, stepId);
      }
      if (refocus) cell.focus();
    };
    const editor: OpenEditor = {
      kind: "channels",
      lane: lane.id,
      step: stepId,
      close: () => {
        finished = true;
        box.remove();
      },
    };
    box.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Escape") {
        e.preventDefault();
        finish(false, true);
      } else if (e.key === "Enter" && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        finish(true, true);
      }
    });
    done.addEventListener("click", (e) => {
      e.stopPropagation();
      finish(true, true);
    });
    box.addEventListener("focusout", (e) => {
      const next = e.relatedTarget;
      if (next instanceof Node && box.contains(next)) return;
      setTimeout(() => {
        if (!box.contains(document.activeElement)) finish(true, false);
      }, 0);
    });
    clear(cell);
    cell.append(box);
    this.editor = editor;
    (box.querySelector<HTMLElement>("input") ?? done).focus();
  }

  private openNewCard(cell: HTMLElement, lane: Lane, stepId: string): void {
    if (this.readonly) return;
    this.closeEditor();
    const list = cell.querySelector<HTMLElement>(".jmw-cards") ?? cell;
    const ta = h("textarea", {
      class: "jmw-editor jmw-new-card",
      rows: 2,
      placeholder: "New card…",
      "aria-label": `New card in ${lane.name}, ${this.stepName(stepId)}`,
    });
    let done = false;
    const finish = (commit: boolean, refocus: boolean) => {
      if (done) return;
      done = true;
      if (this.editor === editor) this.editor = null;
      const text = ta.value.trim();
      ta.remove();
      if (commit && text) {
        list.append(this.buildCard({ id: "pending", text }, true));
        this.sendEdit({ op: "add_card", lane: lane.id, step: stepId, card: { text } }, () =>
          this.renderCell(lane.id, stepId),
        );
      }
      if (refocus) cell.focus();
    };
    const editor: OpenEditor = {
      kind: "new-card",
      lane: lane.id,
      step: stepId,
      close: () => {
        done = true;
        ta.remove();
      },
    };
    ta.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        finish(true, true);
      } else if (e.key === "Escape") {
        e.preventDefault();
        finish(false, true);
      }
    });
    ta.addEventListener("blur", () => finish(true, false));
    list.append(ta);
    this.editor = editor;
    ta.focus();
  }

  private editCard(cardEl: HTMLElement, card: Card): void {
    if (this.readonly) return;
    this.closeEditor();
    const textEl = cardEl.querySelector<HTMLElement>(".jmw-card-text");
    const ta = h("textarea", {
      class: "jmw-editor jmw-card-editor",
      rows: 3,
      "aria-label": "Edit card text",
    });
    ta.value = card.text;
    const tag = h("input", {
      class: "jmw-tag-editor",
      type: "text",
      placeholder: "tag",
      "aria-label": "Card tag",
    });
    tag.value = card.tag ?? "";
    const box = h("div", { class: "jmw-editor-box jmw-card-edit" }, ta, tag);
    const where = findCard(this.doc, card.id);
    let done = false;
    const finish = (commit: boolean, refocus: boolean) => {
      if (done) return;
      done = true;
      if (this.editor === editor) this.editor = null;
      const text = ta.value.trim();
      const tagText = tag.value.trim();
      const fields: { text?: string; tag?: string | null } = {};
      if (text && text !== card.text) fields.text = text;
      if (tagText !== (card.tag ?? "")) fields.tag = tagText === "" ? null : tagText;
      box.remove();
      if (textEl) {
        textEl.hidden = false;
        if (commit && fields.text) textEl.textContent = fields.text;
      }
      if (commit && Object.keys(fields).length > 0) {
        cardEl.classList.add("jmw-pending");
        this.focusCardAfterRender = refocus ? card.id : null;
        this.sendEdit({ op: "edit_card", card: card.id, fields }, () => {
          if (where) this.renderCell(where.lane, where.step);
        });
        if (commit && !text) this.showError("A card needs some text; delete the card instead.");
      } else if (refocus) {
        cardEl.focus();
      }
    };
    const editor: OpenEditor = {
      kind: "card",
      lane: where?.lane,
      step: where?.step,
      card: card.id,
      close: () => {
        done = true;
        box.remove();
        if (textEl) textEl.hidden = false;
      },
    };
    box.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        finish(true, true);
      } else if (e.key === "Escape") {
        e.preventDefault();
        finish(false, true);
      }
    });
    box.addEventListener("focusout", (e) => {
      const next = e.relatedTarget;
      if (next instanceof Node && box.contains(next)) return;
      setTimeout(() => {
        if (!box.contains(document.activeElement)) finish(true, false);
      }, 0);
    });
    if (textEl) {
      textEl.hidden = true;
      textEl.after(box);
    } else cardEl.prepend(box);
    this.editor = editor;
    ta.focus();
    ta.setSelectionRange(ta.value.length, ta.value.length);
  }

  private refreshHeaderName(kind: HeaderKind, id: string): void {
    const doc = this.doc;
    let el: HTMLElement | null | undefined;
    let name: string | undefined;
    if (kind === "stage") {
      el = this.stageHeaderEls.get(id);
      name = doc.stages.find((st) => st.id === id)?.name;
    } else if (kind === "step") {
      el = this.stepHeaderEls.get(id);
      name = this.layout.stepById.get(id)?.step.name;
    } else {
      el = this.laneHeader(id);
      name = this.layout.laneById.get(id)?.lane.name;
    }
    const span = el?.querySelector<HTMLElement>(".jmw-name");
    if (span && name !== undefined) {
      span.textContent = name;
      span.hidden = false;
      span.classList.remove("jmw-pending");
    }
  }

  private startRename(kind: HeaderKind, id: string, header: HTMLElement): void {
    if (this.readonly) return;
    const span = header.querySelector<HTMLElement>(".jmw-name");
    if (!span || header.querySelector(".jmw-rename")) return;
    const current = span.textContent ?? "";
    const input = h("input", { class: "jmw-rename", type: "text", "aria-label": `Rename ${kind}` });
    input.value = current;
    let done = false;
    const finish = (commit: boolean, refocus: boolean) => {
      if (done) return;
      done = true;
      const name = input.value.trim();
      input.remove();
      span.hidden = false;
      if (commit && name && name !== current) {
        span.textContent = name;
        span.classList.add("jmw-pending");
        const op: Operation =
          kind === "stage"
            ? { op: "rename_stage", stage: id, name }
            : kind === "step"
              ? { op: "rename_step", step: id, name }
              : { op: "edit_lane", lane: id, fields: { name } };
        this.sendEdit(op, () => this.refreshHeaderName(kind, id));
      }
      if (refocus) header.focus();
    };
    input.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && !e.isComposing) {
        e.preventDefault();
        finish(true, true);
      } else if (e.key === "Escape") {
        e.preventDefault();
        finish(false, true);
      }
    });
    input.addEventListener("blur", () => finish(true, false));
    input.addEventListener("click", (e) => e.stopPropagation());
    input.addEventListener("dblclick", (e) => e.stopPropagation());
    span.hidden = true;
    span.after(input);
    input.focus();
    input.select();
  }

  private openNewStep(stageEl: HTMLElement, stageId: string): void {
    if (stageEl.querySelector(".jmw-new-step")) return;
    const input = h("input", {
      class: "jmw-rename jmw-new-step",
      type: "text",
      placeholder: "New step name",
      "aria-label": "New step name",
    });
    let done = false;
    const finish = (commit: boolean, refocus: boolean) => {
      if (done) return;
      done = true;
      const name = input.value.trim();
      input.remove();
      if (commit && name) this.sendEdit({ op: "add_step", stage: stageId, step: { name } });
      if (refocus) stageEl.focus();
    };
    input.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && !e.isComposing) {
        e.preventDefault();
        finish(true, true);
      } else if (e.key === "Escape") {
        e.preventDefault();
        finish(false, true);
      }
    });
    input.addEventListener("blur", () => finish(true, false));
    input.addEventListener("click", (e) => e.stopPropagation());
    stageEl.append(input);
    input.focus();
  }

  // ------------------------------------------------------------------ toolbar forms

  private toggleAddStageForm(): void {
    const existing = this.formArea.querySelector(".jmw-add-stage-form");
    clear(this.formArea);
    if (existing) return;
    const name = h("input", { type: "text", name: "name", class: "jmw-form-name", required: true });
    const first = h("input", { type: "text", name: "step", class: "jmw-form-step" });
    first.value = "Step 1";
    const form = h(
      "form",
      { class: "jmw-form jmw-add-stage-form", "aria-label": "Add stage" },
      h("label", {}, "Stage name ", name),
      h("label", {}, "First step ", first),
      h("button", { type: "submit", class: "jmw-btn jmw-submit" }, "Add stage"),
      h("button", { type: "button", class: "jmw-btn jmw-cancel" }, "Cancel"),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const stageName = name.value.trim();
      if (!stageName) {
        name.focus();
        return;
      }
      const stepName = first.value.trim();
      this.sendEdit({
        op: "add_stage",
        stage: { name: stageName, steps: stepName ? [{ name: stepName }] : [] },
      });
      clear(this.formArea);
      this.toolbar.querySelector<HTMLElement>('[data-action="add-stage"]')?.focus();
    });
    this.wireFormCancel(form, "add-stage");
    this.formArea.append(form);
    name.focus();
  }

  private toggleAddLaneForm(): void {
    const existing = this.formArea.querySelector(".jmw-add-lane-form");
    clear(this.formArea);
    if (existing) return;
    const name = h("input", { type: "text", name: "name", class: "jmw-form-name", required: true });
    const kind = h("select", { name: "kind", class: "jmw-form-kind" });
    for (const k of LANE_KINDS) kind.append(h("option", { value: k }, k));
    const format = h("select", { name: "format", class: "jmw-form-format" });
    format.append(h("option", { value: "" }, "(number)"));
    for (const f of METRIC_FORMATS) format.append(h("option", { value: f }, f));
    const unit = h("input", { type: "text", name: "unit", class: "jmw-form-unit", size: 6 });
    const metricBits = h(
      "span",
      { class: "jmw-form-metric" },
      h("label", {}, "Format ", format),
      h("label", {}, "Unit ", unit),
    );
    metricBits.hidden = true;
    kind.addEventListener("change", () => {
      metricBits.hidden = kind.value !== "metric";
    });
    const form = h(
      "form",
      { class: "jmw-form jmw-add-lane-form", "aria-label": "Add lane" },
      h("label", {}, "Lane name ", name),
      h("label", {}, "Kind ", kind),
      metricBits,
      h("button", { type: "submit", class: "jmw-btn jmw-submit" }, "Add lane"),
      h("button", { type: "button", class: "jmw-btn jmw-cancel" }, "Cancel"),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const laneName = name.value.trim();
      if (!laneName) {
        name.focus();
        return;
      }
      const k = kind.value as LaneKind;
      const lane: { name: string; kind: LaneKind; format?: MetricFormat; unit?: string } = {
        name: laneName,
        kind: k,
      };
      if (k === "metric") {
        if (format.value) lane.format = format.value as MetricFormat;
        if (unit.value.trim()) lane.unit = unit.value.trim();
      }
      this.sendEdit({ op: "add_lane", lane });
      clear(this.formArea);
      this.toolbar.querySelector<HTMLElement>('[data-action="add-lane"]')?.focus();
    });
    this.wireFormCancel(form, "add-lane");
    this.formArea.append(form);
    name.focus();
  }

  private wireFormCancel(form: HTMLFormElement, action: string): void {
    const cancel = () => {
      clear(this.formArea);
      this.toolbar.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus();
    };
    form.querySelector(".jmw-cancel")?.addEventListener("click", cancel);
    form.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Escape") {
        e.preventDefault();
        cancel();
      }
    });
  }

  // ------------------------------------------------------------------ errors

  showError(message: string): void {
    clear(this.bannerArea);
    if (this.errorTimer !== null) {
      clearTimeout(this.errorTimer);
      this.errorTimer = null;
    }
    const banner = h(
      "div",
      { class: "jmw-error", role: "alert" },
      h("span", { class: "jmw-error-text" }, message),
      h("button", { type: "button", class: "jmw-btn jmw-error-dismiss", "aria-label": "Dismiss error" }, "×"),
    );
    this.bannerArea.append(banner);
    this.errorShownAt = Date.now();
  }

  private clearError(now: boolean): void {
    if (this.errorTimer !== null) {
      clearTimeout(this.errorTimer);
      this.errorTimer = null;
    }
    if (now) {
      clear(this.bannerArea);
      return;
    }
    if (!this.bannerArea.firstChild) return;
    const wait = this.errorShownAt + ERROR_MIN_MS - Date.now();
    if (wait <= 0) clear(this.bannerArea);
    else
      this.errorTimer = setTimeout(() => {
        this.errorTimer = null;
        clear(this.bannerArea);
      }, wait);
  }

  private clearErrorSoon(): void {
    this.clearError(false);
  }

  // ------------------------------------------------------------------ pointer: emotion points

  private onPointerDown(e: PointerEvent): void {
    if (this.readonly || e.button !== 0) return;
    const target = e.target;
    if (!(target instanceof Element) || !target.classList.contains("jmw-point")) return;
    const point = target as SVGCircleElement;
    const svg = point.ownerSVGElement;
    const laneId = svg?.getAttribute("data-lane-id");
    const stepId = point.getAttribute("data-step-id");
    const personaId = point.getAttribute("data-persona-id");
    if (!svg || !laneId || !stepId || !personaId) return;
    e.preventDefault();
    const doc = this.doc;
    const scale = doc.emotion_scale;
    const pi = doc.personas.findIndex((p) => p.id === personaId);
    const persona = doc.personas[pi];
    if (!persona) return;
    const original = emotionOf(doc, laneId, stepId, personaId);
    let value = original;
    this.dragPoint = { lane: laneId };
    try {
      point.setPointerCapture(e.pointerId);
    } catch {
      // not supported (tests): events still reach the point
    }
    point.classList.add("jmw-dragging");
    const path = svg.querySelector<SVGPathElement>(`path[data-persona-id="${cssEscape(personaId)}"]`);
    const move = (ev: PointerEvent) => {
      const rect = svg.getBoundingClientRect();
      const next = emotionValueAtY(ev.clientY - rect.top, scale.min, scale.max);
      if (next === value) return;
      value = next;
      point.setAttribute("cy", emotionY(next, scale.min, scale.max).toFixed(1));
      point.setAttribute(
        "class",
        `jmw-point jmw-mood-${moodOf(next, scale)} jmw-persona-${pi % PERSONA_STYLES} jmw-draggable jmw-dragging`,
      );
      path?.setAttribute("d", this.curvePath(laneId, persona, pi, { step: stepId, value: next }));
    };
    const up = (ev: PointerEvent) => {
      point.removeEventListener("pointermove", move);
      point.removeEventListener("pointerup", up);
      point.removeEventListener("pointercancel", cancel);
      try {
        point.releasePointerCapture(ev.pointerId);
      } catch {
        // ignore
      }
      this.dragPoint = null;
      if (value !== null && value !== original) {
        this.sendEdit({ op: "set_cell", lane: laneId, step: stepId, persona: personaId, value }, () =>
          this.renderEmotionCurve(laneId),
        );
      } else {
        this.renderEmotionCurve(laneId);
      }
    };
    const cancel = () => {
      point.removeEventListener("pointermove", move);
      point.removeEventListener("pointerup", up);
      point.removeEventListener("pointercancel", cancel);
      this.dragPoint = null;
      this.renderEmotionCurve(laneId);
    };
    point.addEventListener("pointermove", move);
    point.addEventListener("pointerup", up);
    point.addEventListener("pointercancel", cancel);
    const cell = this.cellEls.get(cellKey(laneId, stepId));
    if (cell) this.focusNav(cell);
  }

  // ------------------------------------------------------------------ drag and drop: cards

  private onDragStart(e: DragEvent): void {
    if (this.readonly) return;
    const target = e.target;
    if (!(target instanceof HTMLElement) || !target.classList.contains("jmw-card")) return;
    const id = target.dataset.cardId;
    if (!id) return;
    this.dragCard = id;
    target.classList.add("jmw-dragging");
    if (e.dataTransfer) {
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("application/x-jmw-card", id);
      e.dataTransfer.setData("text/plain", target.querySelector(".jmw-card-text")?.textContent ?? "");
    }
  }

  private dropCell(e: DragEvent): HTMLElement | null {
    if (!this.dragCard || !(e.target instanceof Element)) return null;
    const cell = e.target.closest<HTMLElement>('[role="gridcell"].jmw-cell-cards');
    return cell && this.grid.contains(cell) ? cell : null;
  }

  private onDragOver(e: DragEvent): void {
    const cell = this.dropCell(e);
    if (!cell) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "move";
    for (const el of this.grid.querySelectorAll(".jmw-drop-target"))
      if (el !== cell) el.classList.remove("jmw-drop-target");
    cell.classList.add("jmw-drop-target");
  }

  private onDragLeave(e: DragEvent): void {
    const cell = this.dropCell(e);
    if (cell && !(e.relatedTarget instanceof Node && cell.contains(e.relatedTarget))) {
      cell.classList.remove("jmw-drop-target");
    }
  }

  private onDrop(e: DragEvent): void {
    const cell = this.dropCell(e);
    const cardId = this.dragCard;
    if (!cell || !cardId) return;
    e.preventDefault();
    const laneId = cell.dataset.laneId ?? "";
    const stepId = cell.dataset.stepId ?? "";
    const from = findCard(this.doc, cardId);
    this.endCardDrag();
    if (!from) return;
    // Drop before the card under the pointer, else at the end.
    const over =
      e.target instanceof Element ? e.target.closest<HTMLElement>(".jmw-card[data-card-id]") : null;
    const cards = cardsOf(this.doc, laneId, stepId);
    let index: number | undefined;
    if (over && over.dataset.cardId !== cardId) {
      const i = cards.findIndex((c) => c.id === over.dataset.cardId);
      if (i >= 0) index = i;
    }
    const same = from.lane === laneId && from.step === stepId;
    if (same) {
      if (index === undefined) index = cards.length - 1;
      else if (index > from.index) index -= 1;
      if (index === from.index) return;
    }
    this.focusCardAfterRender = cardId;
    const op: Operation = { op: "move_card", card: cardId, lane: laneId, step: stepId };
    if (index !== undefined) op.index = index;
    this.sendEdit(op);
  }

  private endCardDrag(): void {
    this.dragCard = null;
    for (const el of this.grid.querySelectorAll(".jmw-drop-target, .jmw-card.jmw-dragging")) {
      el.classList.remove("jmw-drop-target", "jmw-dragging");
    }
  }
}
