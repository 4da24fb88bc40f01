// Highlights set from Python (the `highlights` trait, e.g. alignment gaps): an outline on each
// named cell, a badge with the message as text, and the message in the cell's description.
import { h, icon } from "../dom/builders";
import type { GridIndex } from "../dom/grid-index";
import type { Highlight } from "../model/highlights";

const BASE_DESCRIPTION = "data-jmw-base-description";

/** Draws highlights onto the grid's cells and takes them off again. */
export class HighlightPainter {
  private painted = new Set<HTMLElement>();

  constructor(private readonly index: GridIndex) {}

  clear(): void {
    for (const cell of this.painted) {
      cell.classList.remove("jmw-highlight");
      cell.removeAttribute("data-highlight-kind");
      for (const badge of cell.querySelectorAll(":scope > .jmw-highlight-badge")) {
        const space = badge.nextSibling;
        if (space?.nodeType === Node.TEXT_NODE && space.textContent === " ") space.remove();
        badge.remove();
      }
      // A cell re-filled since (an emotion cell) already has its own new description.
      const now = cell.getAttribute("aria-description") ?? "";
      if (now.includes("Highlight: ")) {
        const base = cell.getAttribute(BASE_DESCRIPTION);
        if (base) cell.setAttribute("aria-description", base);
        else cell.removeAttribute("aria-description");
      }
      cell.removeAttribute(BASE_DESCRIPTION);
    }
    this.painted = new Set();
  }

  /** Paint `list` (after clearing the previous highlights); cells not shown are skipped. */
  paint(list: readonly Highlight[]): void {
    this.clear();
    const byCell = new Map<HTMLElement, Highlight[]>();
    for (const item of list) {
      const cell = this.index.cell(item.lane, item.step);
      if (!cell) continue;
      byCell.set(cell, [...(byCell.get(cell) ?? []), item]);
    }
    for (const [cell, items] of byCell) {
      const text = items.map((i) => i.message || i.kind).join("; ");
      cell.classList.add("jmw-highlight");
      cell.setAttribute("data-highlight-kind", items[0]?.kind ?? "note");
      const base = cell.getAttribute("aria-description") ?? "";
      cell.setAttribute(BASE_DESCRIPTION, base);
      cell.setAttribute("aria-description", base ? `${base} Highlight: ${text}` : `Highlight: ${text}`);
      // The space after it keeps the message apart from the cell's text in its accessible name.
      cell.prepend(h("span", { class: "jmw-highlight-badge", title: text }, icon("◆"), text), " ");
      this.painted.add(cell);
    }
  }
}
