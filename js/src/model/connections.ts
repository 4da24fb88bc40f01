// Connections between cells and cards, without the DOM: how a connection reads (its accessible name
// and its drawn label). The routes of their arrows are model/routes.ts; arrows/ draws them.
import { findCard, type Layout } from "./layout";
import { ROUTES } from "./routes";
import type { Connection, Endpoint, Journey } from "./schema";

export type { Box } from "./routes";

export interface Point {
  x: number;
  y: number;
}

/** How an endpoint reads: a card's text and its cell, or the cell (lane, step). */
export function endpointName(doc: Journey, layout: Layout, end: Endpoint): string {
  const lane = layout.laneById.get(end.lane)?.lane.name ?? end.lane;
  const step = layout.stepById.get(end.step)?.step.name ?? end.step;
  if (end.card) {
    const card = findCard(doc, end.card)?.card;
    return card ? `${card.text} (${lane}, ${step})` : `card ${end.card}`;
  }
  return `${lane}, ${step}`;
}

/** The accessible name of an arrow: "Connection: A → B (label)". */
export function connectionName(doc: Journey, layout: Layout, c: Connection): string {
  const name = `Connection: ${endpointName(doc, layout, c.from)} → ${endpointName(doc, layout, c.to)}`;
  return c.label ? `${name} (${c.label})` : name;
}

/** A label shortened for drawing (the full one is in the arrow's name and tooltip). */
export function shortLabel(label: string, max: number = ROUTES.label_chars): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

export function sameEnd(a: Endpoint, b: Endpoint): boolean {
  return a.lane === b.lane && a.step === b.step && (a.card ?? "") === (b.card ?? "");
}
