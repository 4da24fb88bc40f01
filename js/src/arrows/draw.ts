// Drawing the arrows: the boxes each connection joins (measured in the rendered grid), one SVG
// group per arrow (named, focusable, with its label), and the arrowhead marker.
import { s } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import {
  type ArrowInput,
  type ArrowShape,
  connectionName,
  crossesBetween,
  shortLabel,
} from "../model/connections";
import type { Connection } from "../model/schema";
import { boxOf, cardsBottom, endpointElement } from "./endpoints";

/** The arrows to shape for `connections` whose two ends are shown, and those connections by id. */
export function arrowInputs(
  host: ViewHost,
  connections: readonly Connection[],
  origin: DOMRect,
): { inputs: ArrowInput[]; byId: Map<string, Connection> } {
  const inputs: ArrowInput[] = [];
  const byId = new Map<string, Connection>();
  for (const c of connections) {
    const a = endpointElement(host, c.from);
    const b = endpointElement(host, c.to);
    if (!a || !b) continue;
    byId.set(c.id, c);
    inputs.push({
      id: c.id,
      skip: crossesBetween(host.doc, host.layout, c),
      clearY: c.from.card ? cardsBottom(a, origin) : undefined,
      fromKey: c.from.card ?? `${c.from.lane}/${c.from.step}`,
      toKey: c.to.card ?? `${c.to.lane}/${c.to.step}`,
      from: boxOf(a, origin),
      to: boxOf(b, origin),
    });
  }
  return { inputs, byId };
}

/** How an arrow is drawn: selected, the one with tabindex 0, and the id of its arrowhead marker. */
export interface ArrowState {
  selected: boolean;
  roving: boolean;
  markerId: string;
}

/** One arrow: `g.jmw-connection[role=img]` named "Connection: A → B (label)", with its label. */
export function arrowGroup(host: ViewHost, c: Connection, shape: ArrowShape, state: ArrowState): SVGGElement {
  const name = connectionName(host.doc, host.layout, c);
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
    s("path", { class: "jmw-connection-hit", d: shape.d }),
    s("path", { class: "jmw-connection-line", d: shape.d, "marker-end": `url(#${state.markerId})` }),
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
  return g;
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
