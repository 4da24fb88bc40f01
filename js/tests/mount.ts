// Mounting the widget in the test DOM the way anywidget does (initialize, then render), and
// finding cells; every mount is removed after its test.
import { afterEach } from "vitest";
import type { Journey } from "../src/model/schema";
import widget from "../src/widget";
import { FakeKernel, FakeModel, sampleDoc } from "./fixtures";

const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  document.body.replaceChildren();
});

export function mount(
  doc: Journey = sampleDoc(),
  opts: { rev?: number; extra?: Record<string, unknown>; shadow?: boolean } = {},
) {
  const model = new FakeModel(doc, opts.rev ?? 0, opts.extra);
  const kernel = new FakeKernel(model, doc, opts.rev ?? 0);
  const init = widget.initialize as (p: unknown) => unknown;
  init({ model, signal: new AbortController().signal, experimental: {} });
  const el = document.createElement("div");
  if (opts.shadow) {
    // As marimo's mo.ui.anywidget does: the widget's element inside a shadow root.
    const host = document.createElement("div");
    document.body.append(host);
    host.attachShadow({ mode: "open" }).append(el);
  } else document.body.append(el);
  const cleanup = (widget.render as (p: unknown) => () => void)({
    model,
    el,
    signal: new AbortController().signal,
    host: {},
    experimental: {},
  });
  cleanups.push(() => cleanup());
  return { model, kernel, el, root: el.querySelector(".jmw-root") as HTMLElement };
}

/** Text of `node` as a name from content reads it: aria-hidden parts left out, aria-label in place. */
function contentText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
  if (!(node instanceof Element) || node.getAttribute("aria-hidden") === "true") return "";
  const label = node.getAttribute("aria-label");
  if (label) return label;
  return [...node.childNodes].map(contentText).join("");
}

/**
 * The accessible name of a cell, from its aria-labelledby (itself, then its lane's and step's
 * names); enough of the accessible-name computation for these cells (the browser tests check the
 * browser's own).
 */
export function cellName(c: HTMLElement): string {
  const ids = (c.getAttribute("aria-labelledby") ?? "").split(" ").filter(Boolean);
  const parts = ids.map((id) => {
    const target = c.ownerDocument.getElementById(id);
    if (!target) throw new Error(`aria-labelledby of ${c.id} names a missing element ${id}`);
    return target === c ? [...c.childNodes].map(contentText).join("") : (target.textContent ?? "");
  });
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

export function cell(root: ParentNode, lane: string, step: string): HTMLElement {
  const el = root.querySelector<HTMLElement>(
    `[role="gridcell"][data-lane-id="${lane}"][data-step-id="${step}"]`,
  );
  if (!el) throw new Error(`no cell ${lane} x ${step}`);
  return el;
}
