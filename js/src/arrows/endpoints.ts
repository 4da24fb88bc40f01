// Connection ends in the rendered grid: the element a connection end stands for, the end an
// element stands for, and where an element sits relative to the arrow layer.
import { cssEscape } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import type { Box } from "../model/connections";
import type { Endpoint } from "../model/schema";

/** The rendered element of a connection end: the card, or the cell. */
export function endpointElement(host: Pick<ViewHost, "grid" | "index">, end: Endpoint): HTMLElement | null {
  if (end.card) {
    return host.grid.querySelector<HTMLElement>(`.jmw-card[data-card-id="${cssEscape(end.card)}"]`);
  }
  return host.index.cell(end.lane, end.step) ?? null;
}

/** The connection end an element stands for: a card (with its cell), or a cell. */
export function endpointOf(el: Element | null): { end: Endpoint; el: HTMLElement } | null {
  if (!el) return null;
  const card = el.closest<HTMLElement>(".jmw-card[data-card-id]");
  const cell = el.closest<HTMLElement>('[role="gridcell"][data-lane-id][data-step-id]');
  if (!cell) return null;
  const lane = cell.dataset.laneId ?? "";
  const step = cell.dataset.stepId ?? "";
  if (card?.dataset.cardId) return { end: { lane, step, card: card.dataset.cardId }, el: card };
  return { end: { lane, step }, el: cell };
}

/** The box of `el` relative to `origin` (the arrow layer's own box). */
export function boxOf(el: Element, origin: DOMRect): Box {
  const r = el.getBoundingClientRect();
  return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
}

/** The bottom of the last card in the cell of `card` (relative to `origin`). */
export function cardsBottom(card: Element, origin: DOMRect): number | undefined {
  const last = card.parentElement?.lastElementChild;
  return last ? last.getBoundingClientRect().bottom - origin.top : undefined;
}
