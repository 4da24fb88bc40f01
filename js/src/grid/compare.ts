// The compare view (model/comparison.ts): an outline on each changed cell with its value before and
// after on hover, "new" on added steps and lanes, a marker where a removed one stood, and a legend
// naming both maps with their state. All text goes in as text.
import { h } from "../dom/builders";
import type { GridIndex } from "../dom/grid-index";
import { type Comparison, cellChangeText, legendText, type Removed } from "../model/comparison";

/** Prefix of the attributes remembering what the painter added to an element's title or description. */
const ADDED = "data-jmw-compare-";
const MARKS = ".jmw-compare-badge, .jmw-compare-removed";
const CLASSES = ["jmw-compare", "jmw-compare-added", "jmw-compare-removed-cell", "jmw-compare-changed"];

/** Draws a comparison onto the grid and takes it off again. */
export class ComparePainter {
  private painted = new Set<HTMLElement>();

  constructor(
    private readonly index: GridIndex,
    private readonly legend: HTMLElement,
  ) {}

  clear(): void {
    for (const el of this.painted) {
      el.classList.remove(...CLASSES);
      el.removeAttribute("data-compare");
      for (const mark of el.querySelectorAll(MARKS)) if (mark.parentElement === el) mark.remove();
      restore(el, "title");
      restore(el, "aria-description");
    }
    this.painted = new Set();
    this.legend.hidden = true;
    this.legend.textContent = "";
  }

  paint(c: Comparison | null): void {
    this.clear();
    if (!c) return;
    this.legend.hidden = false;
    this.legend.textContent = legendText(c);
    for (const item of c.cells) {
      const cell = this.index.cell(item.lane, item.step);
      if (!cell) continue;
      const text = cellChangeText(item);
      const kind = item.kind === "removed" ? "removed-cell" : item.kind;
      this.mark(cell, kind, text);
      cell.prepend(badge(item.kind === "added" ? "+" : item.kind === "removed" ? "−" : "±", text));
    }
    for (const id of c.addedSteps) this.markNew(this.index.stepHeaders.get(id), "step");
    for (const id of c.addedLanes) this.markNew(this.index.laneHeader(id), "lane");
    this.markRemoved(c.removedSteps, "step", (id) => this.index.stepHeaders.get(id) ?? null);
    this.markRemoved(c.removedLanes, "lane", (id) => this.index.laneHeader(id));
  }

  private mark(el: HTMLElement, kind: string, text: string): void {
    el.classList.add("jmw-compare", `jmw-compare-${kind}`);
    el.dataset.compare = kind;
    keep(el, "title", text);
    keep(el, "aria-description", text.replaceAll("\n", " "));
    this.painted.add(el);
  }

  private markNew(el: HTMLElement | null | undefined, what: string): void {
    if (!el) return;
    const text = `This ${what} is new since the map before.`;
    this.mark(el, "added", text);
    el.append(badge("new", text));
  }

  private markRemoved(items: Removed[], what: string, find: (id: string) => HTMLElement | null): void {
    const shown = what === "step" ? [...this.index.stepHeaders.keys()] : [...this.index.laneRows.keys()];
    const lastId = shown.at(-1);
    for (const item of items) {
      const anchor = item.before ? find(item.before) : null;
      const el = anchor ?? (lastId ? find(lastId) : null);
      if (!el) continue;
      const where = anchor ? "before this one" : "after this one";
      const text = `Removed since the map before: the ${what} “${item.name}” stood ${where}.`;
      el.append(
        h("span", { class: "jmw-compare-removed", title: text, "data-removed": item.id }, `− ${item.name}`),
      );
      keep(el, "aria-description", text);
      this.painted.add(el);
    }
  }
}

function badge(glyph: string, text: string): HTMLElement {
  return h("span", { class: "jmw-compare-badge", title: text, "aria-hidden": "true" }, glyph);
}

/** Add `text` to the attribute `name`, remembering what was added so `restore` takes only that off
 * (a cell re-filled since may have a new title of its own). */
function keep(el: HTMLElement, name: string, text: string): void {
  const now = el.getAttribute(name) ?? "";
  const added = now ? `\n${text}` : text;
  el.setAttribute(name, now + added);
  el.setAttribute(ADDED + name, (el.getAttribute(ADDED + name) ?? "") + added);
}

function restore(el: HTMLElement, name: string): void {
  const added = el.getAttribute(ADDED + name);
  if (added === null) return;
  el.removeAttribute(ADDED + name);
  const now = el.getAttribute(name) ?? "";
  if (!now.endsWith(added)) return;
  const old = now.slice(0, now.length - added.length);
  if (old) el.setAttribute(name, old);
  else el.removeAttribute(name);
}
