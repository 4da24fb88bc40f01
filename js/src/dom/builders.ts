// Small DOM builders. Text always goes in through textContent / text nodes, never as HTML.

export type Attrs = Record<string, string | number | boolean | null | undefined>;
export type Child = Node | string | null | undefined | false;

function setAttrs(el: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") el.setAttribute("class", String(value));
    else el.setAttribute(name, value === true ? "" : String(value));
  }
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export const SVG_NS = "http://www.w3.org/2000/svg";

export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** A button with a visible glyph and an accessible name. */
export function button(action: string, glyph: string, label: string, attrs: Attrs = {}): HTMLButtonElement {
  return h(
    "button",
    {
      type: "button",
      class: `jmw-btn jmw-btn-${action}`,
      "data-action": action,
      "aria-label": label,
      title: label,
      ...attrs,
    },
    glyph,
  );
}

/**
 * A decorative symbol drawn by CSS (`::before { content: attr(data-icon) / "" }`): not in the
 * DOM's text, so an accessible name built from content is exactly the visible words around it.
 */
export function icon(symbol: string): HTMLSpanElement {
  return h("span", { class: "jmw-mark-icon", "data-icon": symbol, "aria-hidden": "true" });
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function cssEscape(value: string): string {
  if (typeof CSS !== "undefined" && typeof CSS.escape === "function") return CSS.escape(value);
  return value.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`);
}

/** Fast path for hot loops: an element with a class and optional text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
