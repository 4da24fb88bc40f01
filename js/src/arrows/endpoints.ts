// Connection ends in the rendered grid: the element a connection end stands for, the end an
// element stands for, where an element sits relative to the arrow layer, and where text sits (the
// boxes the arrows are routed around).
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

/** Tools shown on hover or focus only: arrows may pass under them. */
const NOT_TEXT = ".jmw-card, .jmw-cell-tools, .jmw-card-tools, .jmw-btn-add-card, svg";

/** Where text shows in `root`: each card whole, and the box of every other shown text node. */
export function textBoxes(root: Element, origin: DOMRect): Box[] {
  const out: Box[] = [];
  for (const card of root.querySelectorAll(".jmw-card")) {
    const b = boxOf(card, origin);
    if (b.w > 0 && b.h > 0) out.push(b);
  }
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = root.ownerDocument.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim() || node.parentElement?.closest(NOT_TEXT)) continue;
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) {
      out.push({ x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height });
    }
  }
  return out;
}

/** The box around `boxes` (null for none). */
export function around(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { x, y, w: right - x, h: bottom - y };
}
