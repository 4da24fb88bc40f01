// The connection layer: an SVG over the grid (in the scrolling area, so arrows scroll with the
// cells) drawing every connection whose two ends are shown, redrawn after each render, patch and
// size change. Arrows are focusable (role="img", named "Connection: A → B (label)"); a selected
// arrow shows its tools (edit label, delete), and keys act on the focused one.

import { button, clear, cssEscape, h, s } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import {
  type ArrowInput,
  arrowShapes,
  type Box,
  connectionName,
  type Point,
  shortLabel,
} from "../model/connections";
import { cardsOf, findCard } from "../model/layout";
import type { Connection, Endpoint } from "../model/schema";

let layerCounter = 0;

/** The rendered element of a connection end: the card, or the cell. */
export function endpointElement(host: Pick<ViewHost, "grid" | "index">, end: Endpoint): HTMLElement | null {
  if (end.card) {
    return host.grid.querySelector<HTMLElement>(`.jmw-card[data-card-id="${cssEscape(end.card)}"]`);
  }
  return host.index.cell(end.lane, end.step) ?? null;
}

function boxOf(el: Element, origin: DOMRect): Box {
  const r = el.getBoundingClientRect();
  return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
}

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
    const active = document.activeElement;
    const focusedId =
      active instanceof SVGElement && this.svg.contains(active)
        ? (active.getAttribute("data-connection-id") ?? null)
        : null;
    const width = host.grid.scrollWidth || host.grid.offsetWidth;
    const height = host.grid.scrollHeight || host.grid.offsetHeight;
    this.svg.setAttribute("width", String(width));
    this.svg.setAttribute("height", String(height));
    clear(this.svg);
    this.svg.append(this.defs());
    const origin = this.svg.getBoundingClientRect();
    const inputs: ArrowInput[] = [];
    const byId = new Map<string, Connection>();
    for (const c of this.connections()) {
      const a = endpointElement(host, c.from);
      const b = endpointElement(host, c.to);
      if (!a || !b) continue;
      byId.set(c.id, c);
      inputs.push({
        id: c.id,
        skip: this.somethingBetween(c),
        clearY: c.from.card ? this.cardsBottom(a, origin) : undefined,
        fromKey: c.from.card ?? `${c.from.lane}/${c.from.step}`,
        toKey: c.to.card ?? `${c.to.lane}/${c.to.step}`,
        from: boxOf(a, origin),
        to: boxOf(b, origin),
      });
    }
    if (this.selected !== null && !byId.has(this.selected)) this.selected = null;
    const shapes = arrowShapes(inputs);
    this.drawn = shapes.map((sh) => sh.id);
    const roving = this.selected ?? focusedId ?? this.drawn[0];
    for (const shape of shapes) {
      const c = byId.get(shape.id);
      if (!c) continue;
      const name = connectionName(host.doc, host.layout, c);
      const g = s(
        "g",
        {
          class: shape.id === this.selected ? "jmw-connection jmw-selected" : "jmw-connection",
          "data-connection-id": c.id,
          role: "img",
          "aria-label": name,
          tabindex: shape.id === roving ? 0 : -1,
        },
        s("title", {}, name),
        s("path", { class: "jmw-connection-hit", d: shape.d }),
        s("path", { class: "jmw-connection-line", d: shape.d, "marker-end": `url(#${this.markerId})` }),
      );
      if (c.label) {
        g.append(
          s(
            "text",
            {
              class: "jmw-connection-label",
              x: shape.label.x,
              y: shape.label.y,
              "text-anchor": shape.labelAnchor,
            },
            shortLabel(c.label),
          ),
        );
      }
      g.dataset.labelX = String(shape.label.x);
      g.dataset.labelY = String(shape.label.y);
      this.svg.append(g);
    }
    this.svg.append(this.preview);
    this.placeTools();
    if (focusedId) this.arrow(focusedId)?.focus({ preventScroll: true });
  }

  /** The bottom of the last card in the cell of `card` (relative to `origin`). */
  private cardsBottom(card: Element, origin: DOMRect): number | undefined {
    const last = card.parentElement?.lastElementChild;
    return last ? last.getBoundingClientRect().bottom - origin.top : undefined;
  }

  /**
   * Whether a straight arrow between the ends of `c` would cross other cells or cards: lanes
   * shown between them, or cards after the upper end or before the lower end in their cells.
   */
  private somethingBetween(c: Connection): boolean {
    const { doc, layout } = this.host;
    const row = (lane: string) => layout.laneById.get(lane)?.row ?? -1;
    const [upper, lower] = row(c.from.lane) <= row(c.to.lane) ? [c.from, c.to] : [c.to, c.from];
    if (row(lower.lane) - row(upper.lane) > 1) return true;
    if (upper.card) {
      const where = findCard(doc, upper.card);
      if (where && where.index < cardsOf(doc, where.lane, where.step).length - 1) return true;
    }
    if (lower.card) {
      const where = findCard(doc, lower.card);
      if (where && where.index > 0) return true;
    }
    return false;
  }

  private defs(): SVGDefsElement {
    return s(
      "defs",
      {},
      s(
        "marker",
        {
          id: this.markerId,
          viewBox: "0 0 10 10",
          refX: 9,
          refY: 5,
          markerWidth: 7,
          markerHeight: 7,
          orient: "auto-start-reverse",
          markerUnits: "userSpaceOnUse",
        },
        s("path", { d: "M0 0 L10 5 L0 10 z", class: "jmw-arrowhead" }),
      ),
    );
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
