// The document or shadow root an element is drawn in. marimo (mo.ui.anywidget) renders the widget
// inside a shadow root: there `document.activeElement` and `document.elementFromPoint` answer with
// the shadow host, and only the ShadowRoot knows the focused element or the one under the pointer.

/** The ShadowRoot or Document that holds `el`. */
export function rootOf(el: Node): Document | ShadowRoot {
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root : (el.ownerDocument ?? document);
}

/** The focused element as seen from inside `el`'s root (into a shadow root, not its host). */
export function activeElementFor(el: Node): Element | null {
  return rootOf(el).activeElement;
}

/** The element under the point (x, y) in `el`'s root, or null where the browser cannot tell. */
export function elementAt(el: Node, x: number, y: number): Element | null {
  const root = rootOf(el);
  return typeof root.elementFromPoint === "function" ? root.elementFromPoint(x, y) : null;
}
