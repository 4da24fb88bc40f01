// Drawing the arrows: the scene the router works on (the grid's cells, the text in them and the
// zone lines, measured in the rendered grid), one SVG group per arrow (named, focusable, with its
// label on a small background), and the arrowhead marker.
import { s } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import { connectionName, shortLabel } from "../model/connections";
import { ROUTES, type Route, type RouteArrow, type RouteScene, routePath } from "../model/routes";
import type { Connection } from "../model/schema";
import { around, boxOf, endpointElement, textBoxes } from "./endpoints";

const CELLS = '[role="gridcell"][data-lane-id][data-step-id]';

/** What to route for `connections` whose two ends are shown, and those connections by id. */
export function arrowScene(
  host: ViewHost,
  connections: readonly Connection[],
  origin: DOMRect,
): { scene: RouteScene; byId: Map<string, Connection> } {
  const cells = [...host.grid.querySelectorAll<HTMLElement>(CELLS)];
  const texts = new Map(cells.map((cell) => [cell, textBoxes(cell, origin)]));
  const obstacles = [...texts.values()].flat();
  const lines = [...host.grid.querySelectorAll(".jmw-line")].map((line) => {
    obstacles.push(...textBoxes(line, origin));
    const b = boxOf(line, origin);
    return { x: b.x, y: b.y + b.h / 2 - 2, w: b.w, h: 4 };
  });
  const endBox = (el: HTMLElement) => {
    if (el.classList.contains("jmw-card")) return boxOf(el, origin);
    const b = boxOf(el, origin);
    return around(texts.get(el) ?? []) ?? { x: b.x + 6, y: b.y + 6, w: b.w - 12, h: b.h - 12 };
  };
  const arrows: RouteArrow[] = [];
  const byId = new Map<string, Connection>();
  for (const c of connections) {
    const a = endpointElement(host, c.from);
    const b = endpointElement(host, c.to);
    if (!a || !b || a === b || byId.has(c.id)) continue;
    byId.set(c.id, c);
    arrows.push({ id: c.id, from: endBox(a), to: endBox(b), label: c.label ? shortLabel(c.label) : "" });
  }
  const bounds = around(cells.map((cell) => boxOf(cell, origin))) ?? { x: 0, y: 0, w: 0, h: 0 };
  return { scene: { bounds, obstacles, lines, arrows }, byId };
}

/** How an arrow is drawn: selected, the one with tabindex 0, and the id of its arrowhead marker. */
export interface ArrowState {
  selected: boolean;
  roving: boolean;
  markerId: string;
}

/** One arrow: `g.jmw-connection[role=img]` named "Connection: A → B (label)", with its label. */
export function arrowGroup(host: ViewHost, c: Connection, route: Route, state: ArrowState): SVGGElement {
  const name = connectionName(host.doc, host.layout, c);
  const d = routePath(route.points);
  const g = s(
    "g",
    {
      class: state.selected ? "jmw-connection jmw-selected" : "jmw-connection",
      "data-connection-id": c.id,
      role: "img",
      "aria-label": name,
      tabindex: state.roving ? 0 : -1,
    },
    s("title", {}, name),
    s("path", { class: "jmw-connection-hit", d }),
    s("path", { class: "jmw-connection-line", d, "marker-end": `url(#${state.markerId})` }),
  );
  const box = route.label;
  if (c.label && box) {
    if (route.leader) {
      const [x1, y1, x2, y2] = route.leader;
      g.append(s("line", { class: "jmw-connection-leader", x1, y1, x2, y2 }));
    }
    g.append(
      s("rect", { class: "jmw-connection-label-bg", x: box.x, y: box.y, width: box.w, height: box.h, rx: 3 }),
      s(
        "text",
        {
          class: "jmw-connection-label",
          x: box.x + box.w / 2,
          y: box.y + box.h / 2,
          "text-anchor": "middle",
          "dominant-baseline": "central",
        },
        shortLabel(c.label),
      ),
    );
  }
  const [x, y] = route.points[Math.floor(route.points.length / 2)] ?? [0, 0];
  g.dataset.labelX = String(box ? box.x : x);
  g.dataset.labelY = String(box ? box.y + box.h : y);
  return g;
}

/** Squeeze a label's text into its box when the font runs wider than the router's estimate. */
export function fitLabel(g: SVGGElement): void {
  const text = g.querySelector<SVGTextElement>(".jmw-connection-label");
  const bg = g.querySelector<SVGRectElement>(".jmw-connection-label-bg");
  if (!text || !bg || typeof text.getComputedTextLength !== "function") return;
  const room = Number(bg.getAttribute("width")) - 2 * ROUTES.label_pad;
  if (text.getComputedTextLength() > room) {
    text.setAttribute("textLength", String(room));
    text.setAttribute("lengthAdjust", "spacingAndGlyphs");
  }
}

/** The arrowhead marker every arrow of a layer points with. */
export function arrowheadDefs(markerId: string): SVGDefsElement {
  return s(
    "defs",
    {},
    s(
      "marker",
      {
        id: markerId,
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
