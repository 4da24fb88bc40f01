// Keyboard navigation over the grid: a roving tabindex and arrow/Home/End/Page keys between
// stage headers, step headers, lane headers and cells.

import type { GridIndex } from "../dom/grid-index";
import { type HeaderKind, KEY_SEP } from "../model/keys";
import type { Layout } from "../model/layout";
import type { Journey } from "../model/schema";

/** Lanes one PageUp/PageDown moves when the grid has no layout to measure (e.g. not yet shown). */
export const PAGE_ROWS = 10;

const NAV_SELECTOR =
  '[role="gridcell"][data-step-id], [role="columnheader"][data-step-id], [role="columnheader"][data-stage-id], [role="rowheader"]';

/** The lane id of a lane header (row headers sit in their row). */
export function laneIdOfHeader(el: HTMLElement): string | undefined {
  return el.getAttribute("role") === "rowheader"
    ? (el.parentElement as HTMLElement | null)?.dataset.laneId
    : undefined;
}

/** Which header `nav` is: a lane, step or stage header, with its id. */
export function headerOf(nav: HTMLElement): { kind: HeaderKind; id: string } | null {
  const laneId = laneIdOfHeader(nav);
  if (laneId) return { kind: "lane", id: laneId };
  if (nav.getAttribute("role") !== "columnheader") return null;
  if (nav.dataset.stepId) return { kind: "step", id: nav.dataset.stepId };
  if (nav.dataset.stageId) return { kind: "stage", id: nav.dataset.stageId };
  return null;
}

export class GridNavigator {
  /** The one element of the grid with tabindex 0. */
  roving: HTMLElement | null = null;

  constructor(
    private readonly src: { readonly doc: Journey; readonly layout: Layout },
    private readonly index: GridIndex,
  ) {}

  /** The header or cell that `target` is in, if any. */
  navElementOf(target: Element): HTMLElement | null {
    return target.closest<HTMLElement>(NAV_SELECTOR);
  }

  /** A key that finds the same header or cell again after a full re-render. */
  navKey(el: HTMLElement): string | null {
    if (el.getAttribute("role") === "gridcell" && el.dataset.laneId && el.dataset.stepId) {
      return `cell${KEY_SEP}${el.dataset.laneId}${KEY_SEP}${el.dataset.stepId}`;
    }
    if (el.dataset.stepId) return `step${KEY_SEP}${el.dataset.stepId}`;
    if (el.dataset.stageId) return `stage${KEY_SEP}${el.dataset.stageId}`;
    const lane = laneIdOfHeader(el);
    return lane ? `lane${KEY_SEP}${lane}` : null;
  }

  findNav(key: string): HTMLElement | null {
    const [kind, a, b] = key.split(KEY_SEP);
    if (kind === "cell" && a && b) return this.index.cell(a, b) ?? null;
    if ((kind === "step" || kind === "stage" || kind === "lane") && a) return this.index.header(kind, a);
    return null;
  }

  defaultNav(): HTMLElement | null {
    const lane = this.src.layout.lanes[0];
    const step = this.src.layout.steps[0];
    if (lane && step) return this.index.cell(lane.id, step.step.id) ?? null;
    if (step) return this.index.stepHeaders.get(step.step.id) ?? null;
    const stage = this.src.doc.stages[0];
    if (stage) return this.index.stageHeaders.get(stage.id) ?? null;
    return lane ? this.index.laneHeader(lane.id) : null;
  }

  setRoving(el: HTMLElement): void {
    if (this.roving && this.roving !== el) this.roving.tabIndex = -1;
    this.roving = el;
    el.tabIndex = 0;
  }

  focusNav(el: HTMLElement | null | undefined): boolean {
    if (!el) return false;
    this.setRoving(el);
    el.focus();
    if (typeof el.scrollIntoView === "function") el.scrollIntoView({ block: "nearest", inline: "nearest" });
    return true;
  }

  /** Grid position: r = -2 stage row, -1 step row, 0.. lanes; c = -1 lane header, 0.. steps. */
  private position(el: HTMLElement): { r: number; c: number } | null {
    const { doc, layout } = this.src;
    const role = el.getAttribute("role");
    if (role === "gridcell") {
      const lane = layout.laneById.get(el.dataset.laneId ?? "");
      const step = layout.stepById.get(el.dataset.stepId ?? "");
      return lane && step && lane.row >= 0 ? { r: lane.row, c: step.index } : null;
    }
    if (role === "rowheader") {
      const lane = layout.laneById.get(laneIdOfHeader(el) ?? "");
      return lane && lane.row >= 0 ? { r: lane.row, c: -1 } : null;
    }
    if (el.dataset.stepId) {
      const step = layout.stepById.get(el.dataset.stepId);
      return step ? { r: -1, c: step.index } : null;
    }
    if (el.dataset.stageId) {
      const si = layout.stageIndexById.get(el.dataset.stageId);
      if (si === undefined) return null;
      const first = doc.stages[si]?.steps[0];
      return { r: -2, c: first ? (layout.stepById.get(first.id)?.index ?? -1) : -1 };
    }
    return null;
  }

  private navAt(r: number, c: number): HTMLElement | null {
    const steps = this.src.layout.steps;
    const lanes = this.src.layout.lanes;
    const col = Math.min(c, steps.length - 1);
    const row = Math.min(r, lanes.length - 1);
    if (row >= 0) {
      const lane = lanes[row];
      if (!lane) return null;
      if (col < 0) return this.index.laneHeader(lane.id);
      const step = steps[col];
      return step ? (this.index.cell(lane.id, step.step.id) ?? null) : null;
    }
    const step = col >= 0 ? steps[col] : undefined;
    if (!step) return null;
    if (row === -1) return this.index.stepHeaders.get(step.step.id) ?? null;
    return this.index.stageHeaders.get(step.stage.id) ?? null;
  }

  /**
   * Lanes one page key moves: as many as the scroll area shows below the sticky header rows, less
   * one, so the lane focused before stays in view (the WAI-ARIA data grid's "author-determined
   * number of rows"); PAGE_ROWS without a layout.
   */
  pageRows(from: HTMLElement): number {
    const scroller = from.closest<HTMLElement>(".jmw-scroll");
    const head = scroller?.querySelector<HTMLElement>(".jmw-head");
    const body = scroller?.querySelector<HTMLElement>(".jmw-body");
    const rowHeight = (body?.getBoundingClientRect().height ?? 0) / Math.max(1, this.index.laneRows.size);
    const view = (scroller?.clientHeight ?? 0) - (head?.getBoundingClientRect().height ?? 0);
    if (!(rowHeight > 0 && view > 0)) return PAGE_ROWS;
    return Math.max(1, Math.floor(view / rowHeight) - 1);
  }

  /** PageDown/PageUp: a page of lanes down or up in the same column; from a header row, into the lanes. */
  private page(el: HTMLElement, r: number, c: number, down: boolean): boolean {
    const lastLane = this.src.layout.lanes.length - 1;
    if (lastLane < 0) return true;
    const rows = this.pageRows(el);
    if (r < 0) return down ? this.focusNav(this.navAt(Math.min(lastLane, rows - 1), c)) : true;
    const next = down ? Math.min(lastLane, r + rows) : Math.max(0, r - rows);
    return next === r ? true : this.focusNav(this.navAt(next, c));
  }

  /** Move focus for an arrow, Home, End or Page key; true when the key was one of them. */
  navigate(el: HTMLElement, e: KeyboardEvent): boolean {
    const pos = this.position(el);
    if (!pos) return false;
    const { doc, layout } = this.src;
    const { r, c } = pos;
    const lastLane = layout.lanes.length - 1;
    const lastStep = layout.steps.length - 1;
    const ctrl = e.ctrlKey || e.metaKey;
    // Stage headers move stage by stage (empty stages included).
    if (r === -2 && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
      const si = layout.stageIndexById.get(el.dataset.stageId ?? "") ?? 0;
      const next = doc.stages[si + (e.key === "ArrowLeft" ? -1 : 1)];
      return next ? this.focusNav(this.index.stageHeaders.get(next.id)) : true;
    }
    if (r === -1 && e.key === "ArrowUp") {
      const info = layout.stepById.get(el.dataset.stepId ?? "");
      return info ? this.focusNav(this.index.stageHeaders.get(info.stage.id)) : true;
    }
    switch (e.key) {
      case "ArrowLeft":
        if (c > 0) return this.focusNav(this.navAt(r, c - 1));
        if (c === 0 && r >= 0) return this.focusNav(this.navAt(r, -1));
        return true;
      case "ArrowRight":
        return c < lastStep ? this.focusNav(this.navAt(r, c + 1)) : true;
      case "ArrowUp":
        if (r > 0) return this.focusNav(this.navAt(r - 1, c));
        if (r === 0 && c >= 0) return this.focusNav(this.navAt(-1, c));
        return true;
      case "ArrowDown":
        if (r === -2) return c >= 0 ? this.focusNav(this.navAt(-1, c)) : true;
        return r < lastLane ? this.focusNav(this.navAt(r + 1, c)) : true;
      case "PageUp":
      case "PageDown":
        return this.page(el, r, c, e.key === "PageDown");
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
}
