// One rendered view of a journey map. Views never change the document: they send operations
// through the shared Store and re-render from it when the kernel answers. This module wires the
// parts together (grid, navigation, editors, cards, emotion drag, toolbar, panels, banner,
// connections, annotations, highlights) and routes DOM events to them.

import { ConnectMode, endpointOf } from "../arrows/connect";
import { ConnectionLayer } from "../arrows/layer";
import { cssEscape, h } from "../dom/builders";
import { GridIndex } from "../dom/grid-index";
import { isEditable, type SendOptions, type ViewHost } from "../dom/host";
import { openAnnotations } from "../editors/annotations";
import { openConnectionLabel } from "../editors/connection-label";
import { Editors } from "../editors/inline";
import { Panels } from "../editors/panels";
import { CardActions } from "../grid/card-actions";
import { drawEmotion, EmotionDrag } from "../grid/emotion";
import { HighlightPainter } from "../grid/highlights";
import { GridNavigator, laneIdOfHeader } from "../grid/navigation";
import { GridRenderer } from "../grid/render";
import type { AnnotationTarget } from "../model/annotations";
import { resolveView, type ViewName } from "../model/blueprint";
import { clampToScale } from "../model/format";
import { readHighlights } from "../model/highlights";
import { cellKey, type HeaderKind } from "../model/keys";
import {
  cellValue,
  computeLayout,
  emotionOf,
  emotionValueAtY,
  findCard,
  type Layout,
  metricRange,
  type StepInfo,
} from "../model/layout";
import { type PatchScope, patchScope } from "../model/patches";
import type { Journey, Lane, Operation } from "../model/schema";
import type { Store, StoreEvent, WidgetModel } from "../model/store";
import { ErrorBanner } from "../toolbar/banner";
import { renderSaveStatus } from "../toolbar/savestatus";
import { renderToolbar, updateHistoryButtons } from "../toolbar/toolbar";

/** Shown when the kernel has not answered an edit for a while (store.ts UNANSWERED_MS). */
export const UNANSWERED_MESSAGE =
  "The kernel has not answered this edit yet, so it is not saved. If the kernel is busy, it will be applied " +
  "when the kernel is free; on a page without a running kernel (an exported notebook) the map cannot be edited.";

export class JourneyView implements ViewHost {
  readonly root: HTMLDivElement;
  readonly grid: HTMLDivElement;
  readonly index = new GridIndex();
  focusCardAfterRender: string | null = null;
  private readonly toolbar: HTMLDivElement;
  private readonly scroller: HTMLDivElement;
  private readonly banner: ErrorBanner;
  private readonly renderer: GridRenderer;
  private readonly nav: GridNavigator;
  private readonly editors: Editors;
  private readonly cards: CardActions;
  private readonly emotionDrag: EmotionDrag;
  private readonly panels: Panels;
  private readonly connections: ConnectionLayer;
  private readonly connect: ConnectMode;
  private readonly highlights: HighlightPainter;
  private viewName: ViewName;
  private currentLayout: Layout;
  private selectedEls: HTMLElement[] = [];
  private personaId: string | null = null;
  private isReadonly: boolean;
  private readonly disposers: Array<() => void> = [];
  private destroyed = false;

  constructor(
    private readonly model: WidgetModel,
    el: HTMLElement,
    readonly store: Store,
  ) {
    this.isReadonly = Boolean(model.get("readonly"));
    this.viewName = resolveView(model.get("view"), store.doc);
    this.currentLayout = computeLayout(store.doc, this.viewName);
    this.root = h("div", { class: "jmw-root", "data-lm-suppress-shortcuts": "true" });
    this.toolbar = h("div", { class: "jmw-toolbar" });
    const formArea = h("div", { class: "jmw-form-area" });
    const bannerArea = h("div", { class: "jmw-banner-area" });
    const statusArea = h("div", { class: "jmw-status-area" });
    this.scroller = h("div", { class: "jmw-scroll" });
    this.grid = h("div", { class: "jmw-grid", role: "grid" });
    this.scroller.appendChild(this.grid);
    this.root.append(this.toolbar, formArea, bannerArea, statusArea, this.scroller);
    this.banner = new ErrorBanner(bannerArea);
    this.renderer = new GridRenderer(this, this.index);
    this.nav = new GridNavigator(this, this.index);
    this.editors = new Editors(this, this.renderer);
    this.cards = new CardActions(this, {
      edit: (cardEl, card) => this.editors.editCard(cardEl, card),
      openMove: (cardId) => this.panels.openMoveCard(cardId),
    });
    this.emotionDrag = new EmotionDrag(this, (lane) => this.renderEmotionCurve(lane));
    this.panels = new Panels(this, formArea, this.toolbar, (id) => this.setPersona(id));
    this.connections = new ConnectionLayer(this, this.scroller, (id) =>
      openConnectionLabel(this, this.panels, this.connections, id),
    );
    this.connect = new ConnectMode(this, this.connections, statusArea);
    this.highlights = new HighlightPainter(this.index);
    this.applyHeight();
    el.appendChild(this.root);

    this.disposers.push(store.subscribe((ev) => this.onStoreEvent(ev)));
    this.listenModel("change:selected_step", () => this.applySelection());
    this.listenModel("change:readonly", () => {
      this.isReadonly = Boolean(this.model.get("readonly"));
      if (this.isReadonly) this.panels.close(false);
      this.renderAll();
    });
    this.listenModel("change:height", () => this.applyHeight());
    this.listenModel("change:view", () => this.renderAll());
    this.listenModel("change:highlights", () => this.paintHighlights());
    this.listenModel("change:save_status", () => {
      const el = this.toolbar.querySelector<HTMLElement>(".jmw-save-status");
      if (el) renderSaveStatus(el, this.model.get("save_status"));
    });

    this.listen("keydown", (e) => this.onKeyDown(e as KeyboardEvent));
    this.listen("click", (e) => this.onClick(e as MouseEvent));
    this.listen("dblclick", (e) => this.onDblClick(e as MouseEvent));
    this.listen("focusin", (e) => this.onFocusIn(e as FocusEvent));
    this.listen("change", (e) => this.onChange(e));
    this.listen("pointerdown", (e) => {
      if (!this.connect.onPointerDown(e as PointerEvent)) this.emotionDrag.onPointerDown(e as PointerEvent);
    });
    this.listen("pointerover", (e) => this.onPointerOver(e));
    this.listen("dragstart", (e) => {
      if (this.connect.dragging) e.preventDefault();
      else this.cards.onDragStart(e as DragEvent);
    });
    this.listen("dragover", (e) => this.cards.onDragOver(e as DragEvent));
    this.listen("dragleave", (e) => this.cards.onDragLeave(e as DragEvent));
    this.listen("drop", (e) => this.cards.onDrop(e as DragEvent));
    this.listen("dragend", () => this.cards.endDrag());

    this.renderAll();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.banner.dispose();
    this.connect.dispose();
    this.connections.dispose();
    this.root.remove();
  }

  private listen(type: string, fn: (e: Event) => void): void {
    this.root.addEventListener(type, fn);
    this.disposers.push(() => this.root.removeEventListener(type, fn));
  }

  private listenModel(event: string, fn: () => void): void {
    this.model.on(event, fn);
    this.disposers.push(() => this.model.off(event, fn));
  }

  // ------------------------------------------------------------------ ViewHost

  get doc(): Journey {
    return this.store.doc;
  }

  get layout(): Layout {
    return this.currentLayout;
  }

  get readonly(): boolean {
    return this.isReadonly;
  }

  get persona(): string | null {
    return this.personaId;
  }

  private setPersona(id: string): void {
    this.personaId = id;
    const select = this.toolbar.querySelector<HTMLSelectElement>(".jmw-persona-select");
    if (select) select.value = id;
  }

  /** Send an edit owned by this view (rejections show here), from the revision `base` it began at. */
  sendEdit(op: Operation, options: SendOptions = {}): string {
    return this.store.edit(op, {
      owner: this,
      base: options.base,
      onSettled: (ok) => {
        if (this.destroyed) return;
        options.restore?.();
        if (ok) options.onOk?.();
        else options.onReject?.();
        this.cards.restoreFocus();
      },
    });
  }

  showError(message: string): void {
    this.banner.show(message);
  }

  focusNav(el: HTMLElement | null | undefined): boolean {
    return this.nav.focusNav(el);
  }

  renderCell(laneId: string, stepId: string): void {
    const cell = this.index.cell(laneId, stepId);
    const info = this.layout.laneById.get(laneId);
    if (!cell || !info || this.editors.isOpenAt(laneId, stepId)) return;
    const range = info.lane.kind === "metric" ? metricRange(this.doc, laneId, this.layout.steps) : null;
    this.renderer.fill(cell, info.lane, stepId, range);
  }

  renderLaneCells(laneId: string): void {
    const info = this.layout.laneById.get(laneId);
    if (!info) return;
    const range = info.lane.kind === "metric" ? metricRange(this.doc, laneId, this.layout.steps) : null;
    for (const s of this.layout.steps) {
      const cell = this.index.cell(laneId, s.step.id);
      if (!cell || this.editors.isOpenAt(laneId, s.step.id)) continue;
      this.renderer.fill(cell, info.lane, s.step.id, range);
    }
    if (info.lane.kind === "emotion") this.renderEmotionCurve(laneId);
  }

  refreshHeaderName(kind: HeaderKind, id: string): void {
    this.renderer.refreshHeaderName(kind, id);
  }

  private renderEmotionCurve(laneId: string): void {
    if (this.emotionDrag.lane === laneId) return;
    const svg = this.index.emotionSvgs.get(laneId);
    if (svg) drawEmotion(this, svg, laneId);
  }

  /** Re-render one cell from the store (and its lane's curve or bars). */
  private rerenderCell(lane: string, step: string): void {
    const info = this.layout.laneById.get(lane);
    if (!info) return;
    if (info.lane.kind === "metric") this.renderLaneCells(lane);
    else this.renderCell(lane, step);
    if (info.lane.kind === "emotion") this.renderEmotionCurve(lane);
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
        if (ev.pending && (ev.pending.owner === undefined || ev.pending.owner === this))
          this.banner.clear(false);
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
      case "unanswered":
        if (ev.pending.owner === undefined || ev.pending.owner === this) this.showError(UNANSWERED_MESSAGE);
        break;
      case "history":
        break;
    }
    updateHistoryButtons(this.toolbar, this.store);
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
    for (const { lane, step } of cells.values()) {
      if (!lanes.has(lane)) this.rerenderCell(lane, step);
    }
    for (const lane of lanes) this.renderLaneCells(lane);
    this.cards.restoreFocus();
    this.afterRender();
  }

  /** What follows every render or patch: arrows, highlights, the cell tools of the focused cell. */
  private afterRender(): void {
    this.connections.draw();
    this.paintHighlights();
    const active = document.activeElement;
    if (active instanceof HTMLElement && this.grid.contains(active))
      this.connect.placeCellTools(active.closest<HTMLElement>('[role="gridcell"]'));
  }

  private paintHighlights(): void {
    this.highlights.paint(readHighlights(this.model.get("highlights")));
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

  // ------------------------------------------------------------------ full render

  renderAll(): void {
    const active = document.activeElement;
    const focusInGrid = active instanceof HTMLElement && this.grid.contains(active);
    const focusKey = this.nav.roving ? this.nav.navKey(this.nav.roving) : null;
    if (active instanceof HTMLElement && active.classList.contains("jmw-card") && active.dataset.cardId) {
      this.focusCardAfterRender = active.dataset.cardId;
    }
    const draft = this.editors.captureDraft();
    this.editors.close();
    this.connect.cancel(false);
    this.viewName = resolveView(this.model.get("view"), this.doc);
    this.currentLayout = computeLayout(this.doc, this.viewName);
    const personas = this.doc.personas;
    if (!this.personaId || !personas.some((p) => p.id === this.personaId))
      this.personaId = personas[0]?.id ?? null;
    this.root.classList.toggle("jmw-readonly", this.readonly);
    this.renderToolbar();
    this.renderer.render(this.grid);
    this.applySelection();
    this.nav.roving = null;
    const target = (focusKey && this.nav.findNav(focusKey)) || this.nav.defaultNav();
    if (target) this.nav.setRoving(target);
    if (focusInGrid && target && !this.focusCardAfterRender && !draft) target.focus({ preventScroll: true });
    this.cards.restoreFocus();
    if (draft) this.editors.reopenDraft(draft);
    this.root.dataset.rev = String(this.store.rev);
    this.root.dataset.view = this.viewName;
    this.afterRender();
  }

  private renderToolbar(): void {
    renderToolbar(this.toolbar, this.doc, this.personaId, this.readonly, {
      view: this.viewName,
      saveStatus: this.model.get("save_status"),
    });
    updateHistoryButtons(this.toolbar, this.store);
  }

  // ------------------------------------------------------------------ selection

  private applySelection(): void {
    for (const el of this.selectedEls) el.classList.remove("jmw-selected");
    this.selectedEls = [];
    const sel = this.model.get("selected_step");
    if (typeof sel !== "string") return;
    const header = this.index.stepHeaders.get(sel);
    if (!header) return;
    this.selectedEls.push(header);
    for (const lane of this.layout.lanes) {
      const cell = this.index.cell(lane.id, sel);
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

  // ------------------------------------------------------------------ DOM events

  private onFocusIn(e: FocusEvent): void {
    if (!(e.target instanceof Element)) return;
    const nav = this.nav.navElementOf(e.target);
    if (nav && this.grid.contains(nav)) {
      this.nav.setRoving(nav);
      if (nav.dataset.stepId) this.selectStep(nav.dataset.stepId);
      if (nav.getAttribute("role") === "gridcell") this.connect.placeCellTools(nav);
    }
    const arrow = e.target.closest(".jmw-connection[data-connection-id]");
    if (arrow && this.connections.selection !== arrow.getAttribute("data-connection-id"))
      this.connections.select(arrow.getAttribute("data-connection-id"), false);
  }

  private onPointerOver(e: Event): void {
    if (!(e.target instanceof Element) || this.connect.dragging) return;
    const cell = e.target.closest<HTMLElement>('[role="gridcell"][data-step-id]');
    if (cell && this.grid.contains(cell)) this.connect.placeCellTools(cell);
  }

  private onChange(e: Event): void {
    const t = e.target;
    if (t instanceof HTMLSelectElement && t.classList.contains("jmw-persona-select"))
      this.personaId = t.value;
  }

  private onKeyDown(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (isEditable(target)) {
      // Editors handle their own keys; never let typing reach JupyterLab.
      e.stopPropagation();
      return;
    }
    if (this.handleKey(target, e)) {
      e.preventDefault();
      e.stopPropagation();
    } else if (this.grid.contains(target)) {
      e.stopPropagation();
    }
  }

  private handleKey(target: HTMLElement, e: KeyboardEvent): boolean {
    const key = e.key;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && (key === "z" || key === "Z" || (!e.shiftKey && (key === "y" || key === "Y")))) {
      if (!this.readonly) {
        const redo = e.shiftKey || key === "y" || key === "Y";
        if (redo) this.store.redo({ owner: this });
        else this.store.undo({ owner: this });
      }
      return true;
    }
    if (this.connect.onKey(e)) return true;
    if (target.tagName === "BUTTON" && (key === "Enter" || key === " ")) return false;
    const arrow = target.closest(".jmw-connection[data-connection-id]");
    if (arrow) return this.connections.onKey(arrow, e);
    const card = target.closest<HTMLElement>(".jmw-card[data-card-id]");
    if (card && this.grid.contains(card)) return this.blueprintKey(card, e) || this.cards.onKey(card, e);
    const nav = this.nav.navElementOf(target);
    if (!nav || !this.grid.contains(nav)) return false;
    if (nav.getAttribute("role") === "gridcell" ? this.onCellKey(nav, e) : this.onHeaderKey(nav, e))
      return true;
    if (e.altKey || (e.shiftKey && (key === "ArrowUp" || key === "ArrowDown"))) return false;
    return this.nav.navigate(nav, e);
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
    if (lane.kind === "emotion") return this.onEmotionKey(lane, stepId, e);
    if (this.blueprintKey(cell, e)) return true;
    const plain = !e.altKey && !e.ctrlKey && !e.metaKey;
    if ((key === "Enter" || key === "F2") && plain) {
      const first = cell.querySelector<HTMLElement>(".jmw-card[data-card-id]");
      if (lane.kind === "cards" && first && key === "Enter") first.focus();
      else this.editors.openCell(cell, lane, stepId);
      return true;
    }
    if (lane.kind === "cards" && (key === "+" || key === "n" || key === "N") && !e.ctrlKey && !e.metaKey) {
      this.editors.openNewCard(cell, lane, stepId);
      return true;
    }
    if ((key === "Delete" || key === "Backspace") && lane.kind !== "cards") {
      if (cellValue(this.doc, laneId, stepId) !== undefined) {
        this.sendEdit(
          { op: "set_cell", lane: laneId, step: stepId, value: null },
          { restore: () => this.rerenderCell(laneId, stepId) },
        );
      }
      return true;
    }
    return false;
  }

  /** L (connect from here) and A (annotations) on a focused cell or card. */
  private blueprintKey(el: HTMLElement, e: KeyboardEvent): boolean {
    if (this.readonly || e.ctrlKey || e.metaKey || e.altKey) return false;
    const key = e.key.toLowerCase();
    if (key !== "l" && key !== "a") return false;
    const end = endpointOf(el);
    if (!end) return false;
    if (key === "l") this.connect.start(end);
    else this.openAnnotationsFor(end.end, el);
    return true;
  }

  private openAnnotationsFor(target: AnnotationTarget, returnTo: HTMLElement): void {
    const refocus = () => {
      const el = target.card
        ? this.grid.querySelector<HTMLElement>(`.jmw-card[data-card-id="${cssEscape(target.card)}"]`)
        : this.index.cell(target.lane, target.step);
      if (el) el.focus();
      else if (returnTo.isConnected) returnTo.focus();
    };
    openAnnotations(this, this.panels, target, refocus);
  }

  private onEmotionKey(lane: Lane, stepId: string, e: KeyboardEvent): boolean {
    const scale = this.doc.emotion_scale;
    const persona = this.personaId ?? this.doc.personas[0]?.id;
    if (!persona) return false;
    const current = emotionOf(this.doc, lane.id, stepId, persona);
    const key = e.key;
    const step = (dir: 1 | -1) =>
      current === null ? Math.round(scale.neutral) : clampToScale(Math.round(current) + dir, scale);
    let next: number | null;
    if (key === "+" || key === "=" || (key === "ArrowUp" && e.shiftKey)) next = step(1);
    else if (key === "-" || key === "_" || (key === "ArrowDown" && e.shiftKey)) next = step(-1);
    else if (/^[0-9]$/.test(key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const d = Number(key);
      if (d < scale.min || d > scale.max) return true;
      next = d;
    } else if (key === "Delete" || key === "Backspace") next = null;
    else return false;
    if (next !== current)
      this.sendEdit({ op: "set_cell", lane: lane.id, step: stepId, persona, value: next });
    return true;
  }

  private headerIdentity(nav: HTMLElement): { kind: HeaderKind; id: string } | null {
    const laneId = laneIdOfHeader(nav);
    if (laneId) return { kind: "lane", id: laneId };
    if (nav.getAttribute("role") !== "columnheader") return null;
    if (nav.dataset.stepId) return { kind: "step", id: nav.dataset.stepId };
    if (nav.dataset.stageId) return { kind: "stage", id: nav.dataset.stageId };
    return null;
  }

  private onHeaderKey(nav: HTMLElement, e: KeyboardEvent): boolean {
    const key = e.key;
    const who = this.headerIdentity(nav);
    if (key === " " && who?.kind === "step") {
      this.selectStep(who.id);
      return true;
    }
    if (this.readonly || !who) return false;
    if ((key === "Enter" || key === "F2") && !e.altKey) {
      this.editors.startRename(who.kind, who.id, nav);
      return true;
    }
    if (key === "Delete") {
      this.runAction(`delete-${who.kind}`, nav);
      return true;
    }
    if (who.kind === "stage" && key === "+") {
      this.runAction("add-step", nav);
      return true;
    }
    if (who.kind === "lane" && key === "s" && !e.ctrlKey && !e.metaKey && !e.altKey) {
      this.runAction("lane-settings", nav);
      return true;
    }
    if (e.altKey) {
      const moves: Record<HeaderKind, Record<string, string>> = {
        stage: { ArrowLeft: "stage-left", ArrowRight: "stage-right" },
        step: { ArrowLeft: "step-left", ArrowRight: "step-right" },
        lane: { ArrowUp: "lane-up", ArrowDown: "lane-down" },
      };
      const action = moves[who.kind][key];
      if (action) {
        this.runAction(action, nav);
        return true;
      }
    }
    return false;
  }

  private onClick(e: MouseEvent): void {
    const target = e.target;
    if (!(target instanceof Element)) return;
    if (this.connect.onClick(target)) return;
    const arrow = target.closest(".jmw-connection[data-connection-id]");
    if (arrow) {
      this.connections.select(arrow.getAttribute("data-connection-id"));
      return;
    }
    if (this.connections.selection !== null && !target.closest(".jmw-connection-tools"))
      this.connections.select(null, false);
    const btn = target.closest<HTMLButtonElement>("button[data-action]");
    if (btn && this.root.contains(btn)) {
      if (btn.disabled) return;
      e.stopPropagation();
      this.runAction(btn.dataset.action ?? "", btn);
      return;
    }
    const nav = this.nav.navElementOf(target);
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
      if (where) this.editors.editCard(cardEl, where.card);
      return;
    }
    const nav = this.nav.navElementOf(target);
    if (!nav || !this.grid.contains(nav)) return;
    if (nav.getAttribute("role") !== "gridcell") {
      const who = this.headerIdentity(nav);
      if (who) this.editors.startRename(who.kind, who.id, nav);
      return;
    }
    const laneId = nav.dataset.laneId ?? "";
    const stepId = nav.dataset.stepId ?? "";
    const lane = this.layout.laneById.get(laneId)?.lane;
    if (!lane) return;
    if (lane.kind === "cards") this.editors.openNewCard(nav, lane, stepId);
    else if (lane.kind === "emotion") this.setEmotionAt(nav, laneId, stepId, e.clientY);
    else this.editors.openCell(nav, lane, stepId);
  }

  /** Double-click in an emotion cell: the selected persona's value at that height. */
  private setEmotionAt(cell: HTMLElement, laneId: string, stepId: string, clientY: number): void {
    const persona = this.personaId ?? this.doc.personas[0]?.id;
    const rect = cell.getBoundingClientRect();
    if (!persona || rect.height === 0) return;
    const scale = this.doc.emotion_scale;
    const value = emotionValueAtY(clientY - rect.top, scale.min, scale.max);
    if (value !== emotionOf(this.doc, laneId, stepId, persona)) {
      this.sendEdit({ op: "set_cell", lane: laneId, step: stepId, persona, value });
    }
  }

  // ------------------------------------------------------------------ actions

  private runAction(action: string, source: HTMLElement): void {
    if (action === "undo" || action === "redo") {
      if (action === "undo") this.store.undo({ owner: this });
      else this.store.redo({ owner: this });
      return;
    }
    if (action === "view-journey" || action === "view-blueprint") {
      this.setView(action === "view-journey" ? "journey" : "blueprint");
      return;
    }
    if (this.readonly) return;
    if (this.connections.runAction(action)) return;
    if (["connect", "card-connect", "annotations", "card-annotations"].includes(action)) {
      const end = endpointOf(source);
      if (!end) return;
      if (action.endsWith("annotations")) this.openAnnotationsFor(end.end, end.el);
      else if (!this.connect.active) this.connect.start(end);
      return;
    }
    const panels = {
      "add-stage": "add-stage",
      "add-lane": "add-lane",
      "map-settings": "map",
      personas: "personas",
    } as const;
    if (action in panels) {
      this.panels.toggle(panels[action as keyof typeof panels]);
      return;
    }
    const doc = this.doc;
    const stageEl = source.closest<HTMLElement>("[data-stage-id]");
    const stageId = stageEl?.dataset.stageId;
    const stepId = source.closest<HTMLElement>('[role="columnheader"][data-step-id]')?.dataset.stepId;
    const laneId = source.closest<HTMLElement>('[role="row"][data-lane-id]')?.dataset.laneId;
    const cardEl = source.closest<HTMLElement>(".jmw-card[data-card-id]");
    const where = cardEl ? findCard(doc, cardEl.dataset.cardId ?? "") : null;
    switch (action) {
      case "add-step":
        if (stageId && stageEl) this.editors.openNewStep(stageEl, stageId);
        return;
      case "stage-left":
      case "stage-right": {
        const si = stageId ? this.layout.stageIndexById.get(stageId) : undefined;
        if (!stageId || si === undefined) return;
        const index = si + (action === "stage-left" ? -1 : 1);
        if (index >= 0 && index < doc.stages.length)
          this.sendEdit({ op: "move_stage", stage: stageId, index });
        return;
      }
      case "delete-stage":
        if (stageId) this.sendEdit({ op: "delete_stage", stage: stageId });
        return;
      case "step-left":
      case "step-right": {
        const info = stepId ? this.layout.stepById.get(stepId) : undefined;
        const op = info ? this.moveStepOp(info, action === "step-left" ? -1 : 1) : null;
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
        if (index >= 0 && index < doc.lanes.length) this.sendEdit({ op: "move_lane", lane: laneId, index });
        return;
      }
      case "delete-lane":
        if (laneId) this.sendEdit({ op: "delete_lane", lane: laneId });
        return;
      case "lane-settings":
        if (laneId) {
          const header = this.index.laneHeader(laneId);
          this.panels.openLane(laneId, () => header?.isConnected && this.nav.focusNav(header));
        }
        return;
      case "add-card": {
        const cell = source.closest<HTMLElement>('[role="gridcell"][data-step-id]');
        const lane = laneId ? this.layout.laneById.get(laneId)?.lane : undefined;
        if (cell && lane && cell.dataset.stepId) this.editors.openNewCard(cell, lane, cell.dataset.stepId);
        return;
      }
      case "card-move":
        if (where) this.panels.openMoveCard(where.card.id);
        return;
      case "card-color":
        if (where) this.cards.cycleColor(where.card);
        return;
      case "card-impact":
        if (where) this.cards.cycleImpact(where.card);
        return;
      case "delete-card":
        if (where && cardEl) this.cards.delete(cardEl, where.card.id);
        return;
      default:
        return;
    }
  }

  /** Switch between the journey and the blueprint view (the synced `view` trait). */
  private setView(view: ViewName): void {
    if (view === this.viewName && this.model.get("view") === view) return;
    this.model.set("view", view);
    this.model.save_changes();
    this.renderAll();
    this.toolbar.querySelector<HTMLElement>(`[data-action="view-${view}"]`)?.focus();
  }

  /** Move a step one place; past the edge of its stage it goes to the neighbouring stage. */
  private moveStepOp(info: StepInfo, dir: -1 | 1): Operation | null {
    const stages = this.doc.stages;
    if (dir < 0) {
      if (info.indexInStage > 0) return { op: "move_step", step: info.step.id, index: info.indexInStage - 1 };
      const prev = stages[info.stageIndex - 1];
      return prev ? { op: "move_step", step: info.step.id, stage: prev.id, index: prev.steps.length } : null;
    }
    if (info.indexInStage < info.stage.steps.length - 1)
      return { op: "move_step", step: info.step.id, index: info.indexInStage + 1 };
    const next = stages[info.stageIndex + 1];
    return next ? { op: "move_step", step: info.step.id, stage: next.id, index: 0 } : null;
  }
}
