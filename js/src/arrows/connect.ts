// Making a connection: drag from a cell's (or card's) connect handle to another cell or card, or
// start "connect from here" (the handle clicked, or L on a focused cell or card), move with the
// arrow keys and pick the target with Enter or a click; Escape cancels. The cell tools (connect
// handle and annotations button) are one element moved into the hovered or focused cell.
import { button, h } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import { elementAt } from "../dom/root";
import { sameEnd } from "../model/connections";
import type { Endpoint } from "../model/schema";
import { endpointOf } from "./endpoints";
import type { ConnectionLayer } from "./layer";

const DRAG_THRESHOLD = 4;

interface Drag {
  pointerId: number;
  x: number;
  y: number;
  moved: boolean;
  target: HTMLElement | null;
}

export class ConnectMode {
  private source: { end: Endpoint; el: HTMLElement } | null = null;
  private drag: Drag | null = null;
  private readonly status: HTMLElement;
  private readonly disposers: Array<() => void> = [];
  /** The single cell tools element (moved into the hovered or focused cell). */
  readonly cellTools: HTMLElement;

  constructor(
    private readonly host: ViewHost,
    private readonly layer: ConnectionLayer,
    statusArea: HTMLElement,
  ) {
    this.status = h("div", { class: "jmw-connect-status", role: "status", "aria-live": "polite" });
    this.status.hidden = true;
    statusArea.append(this.status);
    this.cellTools = h(
      "span",
      { class: "jmw-cell-tools" },
      // Glyphs come from CSS, so a cell's text content stays its value.
      button("connect", "", "Connect: drag to another cell, or click then pick one (L)", { tabindex: -1 }),
      button("annotations", "", "Annotations: fail point, wait, duration, cost, owner (A)", {
        tabindex: -1,
        "aria-haspopup": "dialog",
      }),
    );
  }

  get active(): boolean {
    return this.source !== null;
  }

  /** Whether a drag from a connect handle is under way (card drag-and-drop must not start). */
  get dragging(): boolean {
    return this.drag !== null;
  }

  /** Put the cell tools into `cell` (cells of emotion lanes have none). */
  placeCellTools(cell: HTMLElement | null): void {
    if (this.host.readonly || !cell || cell.classList.contains("jmw-cell-emotion")) return;
    if (this.cellTools.parentElement !== cell) cell.append(this.cellTools);
  }

  /** Start "connect from here" at a cell or card. */
  start(source: { end: Endpoint; el: HTMLElement }): void {
    this.cancel(false);
    this.source = source;
    source.el.classList.add("jmw-connect-source");
    this.host.root.classList.add("jmw-connecting");
    this.status.hidden = false;
    this.status.textContent = `Connecting from ${this.describe(source.end)}: move to the target cell and press Enter, or click it. Escape cancels.`;
  }

  cancel(refocus = true): void {
    const source = this.source;
    this.source = null;
    this.host.root.classList.remove("jmw-connecting");
    for (const el of this.host.root.querySelectorAll(".jmw-connect-source, .jmw-connect-target"))
      el.classList.remove("jmw-connect-source", "jmw-connect-target");
    this.status.hidden = true;
    this.status.textContent = "";
    this.layer.showPreview(null, null);
    if (refocus && source?.el.isConnected) source.el.focus();
  }

  /** Connect the source to `target`; a target equal to the source is refused with a message. */
  finish(target: { end: Endpoint; el: HTMLElement } | null): void {
    const source = this.source;
    if (!source || !target) return;
    if (sameEnd(source.end, target.end)) {
      this.host.showError("A connection needs two different ends: pick another cell or card.");
      return;
    }
    this.cancel(false);
    this.send(source.end, target.end);
    target.el.focus();
  }

  private send(from: Endpoint, to: Endpoint): void {
    const before = new Set((this.host.doc.connections ?? []).map((c) => c.id));
    this.host.sendEdit(
      { op: "add_connection", connection: { from, to } },
      {
        onOk: () => {
          const added = (this.host.doc.connections ?? []).find((c) => !before.has(c.id));
          if (added) this.layer.select(added.id, false);
        },
      },
    );
  }

  private describe(end: Endpoint): string {
    const lane = this.host.layout.laneById.get(end.lane)?.lane.name ?? end.lane;
    const step = this.host.layout.stepById.get(end.step)?.step.name ?? end.step;
    return end.card ? `a card in ${lane}, ${step}` : `${lane}, ${step}`;
  }

  /** Keys while connecting: Enter picks the focused cell or card, Escape cancels. */
  onKey(e: KeyboardEvent): boolean {
    if (!this.source) return false;
    if (e.key === "Escape") {
      this.cancel();
      return true;
    }
    if (e.key === "Enter") {
      this.finish(endpointOf(e.target as Element));
      return true;
    }
    return false;
  }

  /** A click while connecting picks the clicked cell or card. */
  onClick(target: Element): boolean {
    if (!this.source || target.closest("button")) return false;
    const end = endpointOf(target);
    if (!end || !this.host.grid.contains(end.el)) return false;
    this.finish(end);
    return true;
  }

  // ------------------------------------------------------------------ dragging from a handle

  onPointerDown(e: PointerEvent): boolean {
    const handle =
      e.target instanceof Element
        ? e.target.closest("[data-action=connect], [data-action=card-connect]")
        : null;
    if (!handle || this.host.readonly || e.button !== 0) return false;
    const source = endpointOf(handle);
    if (!source) return false;
    e.preventDefault();
    e.stopPropagation();
    this.start(source);
    this.drag = { pointerId: e.pointerId, x: e.clientX, y: e.clientY, moved: false, target: null };
    const move = (ev: PointerEvent) => this.onPointerMove(ev);
    const up = (ev: PointerEvent) => {
      for (const off of this.disposers.splice(0)) off();
      this.onPointerUp(ev);
    };
    const cancel = () => {
      for (const off of this.disposers.splice(0)) off();
      this.drag = null;
      this.cancel();
    };
    document.addEventListener("pointermove", move);
    document.addEventListener("pointerup", up);
    document.addEventListener("pointercancel", cancel);
    this.disposers.push(
      () => document.removeEventListener("pointermove", move),
      () => document.removeEventListener("pointerup", up),
      () => document.removeEventListener("pointercancel", cancel),
    );
    return true;
  }

  private targetAt(x: number, y: number): { end: Endpoint; el: HTMLElement } | null {
    const hit = elementAt(this.host.grid, x, y);
    const found = endpointOf(hit);
    return found && this.host.grid.contains(found.el) ? found : null;
  }

  private onPointerMove(e: PointerEvent): void {
    const drag = this.drag;
    if (!drag || e.pointerId !== drag.pointerId) return;
    if (!drag.moved && Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < DRAG_THRESHOLD) return;
    drag.moved = true;
    this.layer.showPreview(this.source?.el ?? null, { x: e.clientX, y: e.clientY });
    const target = this.targetAt(e.clientX, e.clientY);
    if (drag.target !== (target?.el ?? null)) {
      drag.target?.classList.remove("jmw-connect-target");
      drag.target = target?.el ?? null;
      drag.target?.classList.add("jmw-connect-target");
    }
  }

  private onPointerUp(e: PointerEvent): void {
    const drag = this.drag;
    this.drag = null;
    if (!drag) return;
    if (!drag.moved) return; // a click: stay in "connect from here" and wait for a target
    const target = this.targetAt(e.clientX, e.clientY);
    if (!target || (this.source && sameEnd(this.source.end, target.end))) {
      this.cancel();
      return;
    }
    this.finish(target);
  }

  dispose(): void {
    for (const off of this.disposers.splice(0)) off();
  }
}
