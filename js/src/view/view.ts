// One rendered view of a journey map. Views never change the document: they send operations
// through the shared Store and re-render from it when the kernel answers. JourneyView builds the
// parts (parts.ts), follows the model's traits and the store (updates.ts), renders, and hands
// DOM events to events.ts and keys.ts, which route them to the parts and to actions.ts.
import { cssEscape, h } from "../dom/builders";
import { GridIndex } from "../dom/grid-index";
import type { SendOptions } from "../dom/host";
import { activeElementFor } from "../dom/root";
import { openAnnotations } from "../editors/annotations";
import { ComparePainter } from "../grid/compare";
import { drawEmotion } from "../grid/emotion";
import type { AnnotationTarget } from "../model/annotations";
import { resolveView, type ViewName } from "../model/blueprint";
import { readComparison } from "../model/comparison";
import { readHighlights } from "../model/highlights";
import type { HeaderKind } from "../model/keys";
import { computeLayout, type Layout, metricRange } from "../model/layout";
import { conflictMessage, readSaveStatus } from "../model/savestatus";
import type { Journey, Operation } from "../model/schema";
import type { Store, StoreEvent, WidgetModel } from "../model/store";
import { renderSaveStatus } from "../toolbar/savestatus";
import { renderToolbar, updateHistoryButtons } from "../toolbar/toolbar";
import type { ViewContext, ViewParts } from "./context";
import { listenToDom } from "./events";
import { markLocks } from "./locks";
import { buildFrame, buildParts } from "./parts";
import { followStore } from "./updates";

export class JourneyView implements ViewContext {
  readonly root: HTMLDivElement;
  readonly grid: HTMLDivElement;
  readonly index = new GridIndex();
  readonly parts: ViewParts;
  focusCardAfterRender: string | null = null;
  private readonly toolbar: HTMLDivElement;
  private readonly comparePainter: ComparePainter;
  private readonly scroller: HTMLDivElement;
  private viewName: ViewName;
  private currentLayout: Layout;
  private selectedEls: HTMLElement[] = [];
  private personaId: string | null = null;
  private isReadonly: boolean;
  private readonly disposers: Array<() => void> = [];
  private destroyed = false;
  /** The conflicts last shown in the banner, so a status update does not show them again. */
  private shownConflicts = "";

  constructor(
    private readonly model: WidgetModel,
    el: HTMLElement,
    readonly store: Store,
  ) {
    this.isReadonly = Boolean(model.get("readonly"));
    this.viewName = resolveView(model.get("view"), store.doc);
    this.currentLayout = computeLayout(store.doc, this.viewName);
    const frame = buildFrame();
    this.root = frame.root;
    this.toolbar = frame.toolbar;
    this.scroller = frame.scroller;
    this.grid = frame.grid;
    this.parts = buildParts(this, frame);
    const legend = h("div", { class: "jmw-compare-legend", role: "note", hidden: true });
    this.toolbar.after(legend);
    this.comparePainter = new ComparePainter(this.index, legend);
    this.applyHeight();
    el.appendChild(this.root);
    this.disposers.push(store.subscribe((ev) => this.onStoreEvent(ev)));
    this.followModel();
    listenToDom(this, (type, fn) => this.listen(type, fn));
    this.renderAll();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.parts.banner.dispose();
    this.parts.connect.dispose();
    this.parts.connections.dispose();
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

  /** React to the traits Python (or another view) changes. */
  private followModel(): void {
    this.listenModel("change:selected_step", () => this.applySelection());
    this.listenModel("change:readonly", () => {
      this.isReadonly = Boolean(this.model.get("readonly"));
      if (this.isReadonly) this.parts.panels.close(false);
      this.renderAll();
    });
    this.listenModel("change:height", () => this.applyHeight());
    this.listenModel("change:view", () => this.renderAll());
    this.listenModel("change:highlights", () => this.paintHighlights());
    this.listenModel("change:comparison", () => this.paintComparison());
    this.listenModel("change:save_status", () => {
      const value = this.model.get("save_status");
      const el = this.toolbar.querySelector<HTMLElement>(".jmw-save-status");
      if (el) renderSaveStatus(el, value);
      const conflicts = readSaveStatus(value)?.conflicts ?? [];
      const seen = conflicts.join("\n");
      if (conflicts.length > 0 && seen !== this.shownConflicts) this.showError(conflictMessage(conflicts));
      this.shownConflicts = seen;
    });
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

  setPersona(id: string): void {
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
        this.parts.cards.restoreFocus();
      },
    });
  }

  showError(message: string): void {
    this.parts.banner.show(message);
  }

  focusNav(el: HTMLElement | null | undefined): boolean {
    return this.parts.nav.focusNav(el);
  }

  renderCell(laneId: string, stepId: string): void {
    const cell = this.index.cell(laneId, stepId);
    const info = this.layout.laneById.get(laneId);
    if (!cell || !info || this.parts.editors.isOpenAt(laneId, stepId)) return;
    const range = info.lane.kind === "metric" ? metricRange(this.doc, laneId, this.layout.steps) : null;
    this.parts.renderer.fill(cell, info.lane, stepId, range);
  }

  renderLaneCells(laneId: string): void {
    const info = this.layout.laneById.get(laneId);
    if (!info) return;
    const range = info.lane.kind === "metric" ? metricRange(this.doc, laneId, this.layout.steps) : null;
    for (const s of this.layout.steps) {
      const cell = this.index.cell(laneId, s.step.id);
      if (!cell || this.parts.editors.isOpenAt(laneId, s.step.id)) continue;
      this.parts.renderer.fill(cell, info.lane, s.step.id, range);
    }
    if (info.lane.kind === "emotion") this.renderEmotionCurve(laneId);
  }

  refreshHeaderName(kind: HeaderKind, id: string): void {
    this.parts.renderer.refreshHeaderName(kind, id);
  }

  // ------------------------------------------------------------------ rendering

  renderEmotionCurve(laneId: string): void {
    if (this.parts.emotionDrag.lane === laneId) return;
    const svg = this.index.emotionSvgs.get(laneId);
    if (svg) drawEmotion(this, svg, laneId);
  }

  rerenderCell(lane: string, step: string): void {
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

  private onStoreEvent(ev: StoreEvent): void {
    if (this.destroyed) return;
    followStore(this, ev);
    updateHistoryButtons(this.toolbar, this.store);
    this.root.dataset.rev = String(this.store.rev);
  }

  afterRender(): void {
    this.parts.connections.draw();
    this.paintHighlights();
    this.paintComparison();
    const active = activeElementFor(this.grid);
    if (active instanceof HTMLElement && this.grid.contains(active))
      this.parts.connect.placeCellTools(active.closest<HTMLElement>('[role="gridcell"]'));
  }

  private paintHighlights(): void {
    this.parts.highlights.paint(readHighlights(this.model.get("highlights")));
  }

  private paintComparison(): void {
    this.comparePainter.paint(readComparison(this.model.get("comparison")));
  }

  renderAll(): void {
    const { nav, editors, cards } = this.parts;
    const active = activeElementFor(this.grid);
    const focusInGrid = active instanceof HTMLElement && this.grid.contains(active);
    const focusKey = nav.roving ? nav.navKey(nav.roving) : null;
    if (active instanceof HTMLElement && active.classList.contains("jmw-card") && active.dataset.cardId) {
      this.focusCardAfterRender = active.dataset.cardId;
    }
    const draft = editors.captureDraft();
    editors.close();
    this.parts.connect.cancel(false);
    this.viewName = resolveView(this.model.get("view"), this.doc);
    this.currentLayout = computeLayout(this.doc, this.viewName);
    const personas = this.doc.personas;
    if (!this.personaId || !personas.some((p) => p.id === this.personaId))
      this.personaId = personas[0]?.id ?? null;
    this.root.classList.toggle("jmw-readonly", this.readonly);
    this.renderToolbar();
    this.parts.renderer.render(this.grid);
    markLocks(this);
    this.applySelection();
    nav.roving = null;
    const target = (focusKey && nav.findNav(focusKey)) || nav.defaultNav();
    if (target) nav.setRoving(target);
    if (focusInGrid && target && !this.focusCardAfterRender && !draft) target.focus({ preventScroll: true });
    cards.restoreFocus();
    if (draft) editors.reopenDraft(draft);
    this.root.dataset.rev = String(this.store.rev);
    this.root.dataset.view = this.viewName;
    this.afterRender();
  }

  renderToolbar(): void {
    renderToolbar(this.toolbar, this.doc, this.personaId, this.readonly, {
      view: this.viewName,
      saveStatus: this.model.get("save_status"),
    });
    updateHistoryButtons(this.toolbar, this.store);
  }

  // ------------------------------------------------------------------ selection, view, dialogs

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

  selectStep(stepId: string): void {
    if (this.model.get("selected_step") === stepId) return;
    this.model.set("selected_step", stepId);
    this.model.save_changes();
    this.applySelection();
  }

  setView(view: ViewName): void {
    if (view === this.viewName && this.model.get("view") === view) return;
    this.model.set("view", view);
    this.model.save_changes();
    this.renderAll();
    this.toolbar.querySelector<HTMLElement>(`[data-action="view-${view}"]`)?.focus();
  }

  openAnnotationsFor(target: AnnotationTarget, returnTo: HTMLElement): void {
    const refocus = () => {
      const el = target.card
        ? this.grid.querySelector<HTMLElement>(`.jmw-card[data-card-id="${cssEscape(target.card)}"]`)
        : this.index.cell(target.lane, target.step);
      if (el) el.focus();
      else if (returnTo.isConnected) returnTo.focus();
    };
    openAnnotations(this, this.parts.panels, target, refocus);
  }
}
