// The connection layer: an SVG over the grid (in the scrolling area, so arrows scroll with the
// cells) drawing every connection whose two ends are shown, redrawn after each render, patch and
// size change. Arrows are focusable (role="img", named "Connection: A → B (label)"); a selected
// arrow shows its tools (edit label, delete), and keys act on the focused one.
import { button, clear, cssEscape, h, s } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import { activeElementFor } from "../dom/root";
import type { Point } from "../model/connections";
import { routeAll } from "../model/routes";
import type { Connection } from "../model/schema";
import { arrowGroup, arrowheadDefs, arrowScene, fitLabel } from "./draw";
import { boxOf } from "./endpoints";

let layerCounter = 0;

export class ConnectionLayer {
  readonly svg: SVGSVGElement;
  private readonly tools: HTMLElement;
  private readonly markerId: string;
  private readonly preview: SVGPathElement;
  private selected: string | null = null;
  private readonly observer: ResizeObserver | null;
  /** Arrows drawn by the last draw(), in document order. */
  drawn: string[] = [];

  constructor(
    private readonly host: ViewHost,
    scroller: HTMLElement,
    /** Opens the label dialog of an arrow (editors/connection-label.ts). */
    private readonly editLabel: (id: string) => void,
  ) {
    layerCounter += 1;
    this.markerId = `jmw-arrowhead-${layerCounter}`;
    this.svg = s("svg", { class: "jmw-connections", role: "group", "aria-label": "Connections" });
    this.preview = s("path", { class: "jmw-connect-preview", "aria-hidden": "true" });
    this.tools = h("div", {
      class: "jmw-connection-tools",
      role: "group",
      "aria-label": "Selected connection",
    });
    this.tools.hidden = true;
    scroller.append(this.svg, this.tools);
    this.observer = typeof ResizeObserver === "function" ? new ResizeObserver(() => this.draw()) : null;
    this.observer?.observe(host.grid);
  }

  dispose(): void {
    this.observer?.disconnect();
  }

  get selection(): string | null {
    return this.selected;
  }

  private connections(): Connection[] {
    return Array.isArray(this.host.doc.connections) ? this.host.doc.connections : [];
  }

  /** The connection `id` of the document, if it has one. */
  connection(id: string): Connection | undefined {
    return this.connections().find((c) => c.id === id);
  }

  /** Draw every connection whose ends are shown; keep the selected and focused arrow. */
  draw(): void {
    const host = this.host;
    const active = activeElementFor(this.svg);
    const focusedId =
      active instanceof SVGElement && this.svg.contains(active)
        ? (active.getAttribute("data-connection-id") ?? null)
        : null;
    const width = host.grid.scrollWidth || host.grid.offsetWidth;
    const height = host.grid.scrollHeight || host.grid.offsetHeight;
    this.svg.setAttribute("width", String(width));
    this.svg.setAttribute("height", String(height));
    clear(this.svg);
    this.svg.append(arrowheadDefs(this.markerId));
    const { scene, byId } = arrowScene(host, this.connections(), this.svg.getBoundingClientRect());
    if (this.selected !== null && !byId.has(this.selected)) this.selected = null;
    const shapes = routeAll(scene);
    this.drawn = shapes.map((sh) => sh.id);
    const roving = this.selected ?? focusedId ?? this.drawn[0];
    for (const shape of shapes) {
      const c = byId.get(shape.id);
      if (!c) continue;
      const state = {
        selected: shape.id === this.selected,
        roving: shape.id === roving,
        markerId: this.markerId,
      };
      const g = arrowGroup(host, c, shape, state);
      this.svg.append(g);
      fitLabel(g);
    }
    this.svg.append(this.preview);
    this.placeTools();
    if (focusedId) this.arrow(focusedId)?.focus({ preventScroll: true });
  }

  arrow(id: string): SVGGElement | null {
    return this.svg.querySelector<SVGGElement>(`.jmw-connection[data-connection-id="${cssEscape(id)}"]`);
  }

  /** Select (and focus) an arrow, or clear the selection. */
  select(id: string | null, focus = true): void {
    this.selected = id;
    for (const g of this.svg.querySelectorAll(".jmw-connection")) {
      const mine = g.getAttribute("data-connection-id") === id;
      g.classList.toggle("jmw-selected", mine);
      if (id !== null) g.setAttribute("tabindex", mine ? "0" : "-1");
    }
    this.placeTools();
    if (id !== null && focus) this.arrow(id)?.focus({ preventScroll: false });
  }

  private placeTools(): void {
    const g = this.selected !== null ? this.arrow(this.selected) : null;
    if (!g || this.host.readonly) {
      this.tools.hidden = true;
      return;
    }
    if (!this.tools.firstChild) {
      this.tools.append(
        button("connection-label", "✎ Label", "Edit the connection's label (Enter)", {
          "aria-haspopup": "dialog",
        }),
        button("delete-connection", "✕ Delete", "Delete the connection (Delete)"),
      );
    }
    this.tools.hidden = false;
    this.tools.style.left = `${Number(g.dataset.labelX ?? 0) + 8}px`;
    this.tools.style.top = `${Number(g.dataset.labelY ?? 0) + 8}px`;
  }

  /** Draw (or hide, with null) the line that follows the pointer while dragging a new arrow. */
  showPreview(from: HTMLElement | null, to: Point | null): void {
    if (!from || !to) {
      this.preview.removeAttribute("d");
      return;
    }
    const origin = this.svg.getBoundingClientRect();
    const b = boxOf(from, origin);
    const x0 = b.x + b.w / 2;
    const y0 = b.y + b.h / 2;
    this.preview.setAttribute("d", `M${x0} ${y0} L${to.x - origin.left} ${to.y - origin.top}`);
  }

  // ------------------------------------------------------------------ events

  /** Keys on a focused arrow; true when handled. */
  onKey(g: Element, e: KeyboardEvent): boolean {
    const id = g.getAttribute("data-connection-id");
    if (!id) return false;
    const key = e.key;
    if (["ArrowDown", "ArrowRight", "ArrowUp", "ArrowLeft", "Home", "End"].includes(key)) {
      const i = this.drawn.indexOf(id);
      const last = this.drawn.length - 1;
      const next =
        key === "Home"
          ? 0
          : key === "End"
            ? last
            : key === "ArrowDown" || key === "ArrowRight"
              ? i + 1
              : i - 1;
      const target = this.drawn[Math.max(0, Math.min(last, next))];
      if (target) this.select(target);
      return true;
    }
    if (key === "Escape") {
      const c = this.connections().find((x) => x.id === id);
      this.select(null, false);
      const cell = c ? this.host.index.cell(c.from.lane, c.from.step) : undefined;
      if (!this.host.focusNav(cell)) g.setAttribute("tabindex", "0");
      return true;
    }
    if (this.host.readonly) return false;
    if (key === "Delete" || key === "Backspace") {
      this.remove(id);
      return true;
    }
    if (key === "Enter" || key === "F2") {
      this.editLabel(id);
      return true;
    }
    return false;
  }

  /** Buttons of the arrow tools; true when `action` was one of them. */
  runAction(action: string): boolean {
    if (action !== "delete-connection" && action !== "connection-label") return false;
    if (this.selected !== null && !this.host.readonly) {
      if (action === "delete-connection") this.remove(this.selected);
      else this.editLabel(this.selected);
    }
    return true;
  }

  /** Delete an arrow; focus moves to the next one, or to the cell it started from. */
  remove(id: string): void {
    const i = this.drawn.indexOf(id);
    const next = this.drawn[i + 1] ?? this.drawn[i - 1] ?? null;
    const from = this.connections().find((c) => c.id === id)?.from;
    this.host.sendEdit(
      { op: "delete_connection", connection: id },
      {
        onOk: () => {
          if (next) this.select(next);
          else {
            this.select(null, false);
            if (from) this.host.focusNav(this.host.index.cell(from.lane, from.step));
          }
        },
      },
    );
  }
}
