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
  opts: { rev?: number; extra?: Record<string, unknown> } = {},
) {
  const model = new FakeModel(doc, opts.rev ?? 0, opts.extra);
  const kernel = new FakeKernel(model, doc, opts.rev ?? 0);
  const init = widget.initialize as (p: unknown) => unknown;
  init({ model, signal: new AbortController().signal, experimental: {} });
  const el = document.createElement("div");
  document.body.append(el);
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

export function cell(root: ParentNode, lane: string, step: string): HTMLElement {
  const el = root.querySelector<HTMLElement>(
    `[role="gridcell"][data-lane-id="${lane}"][data-step-id="${step}"]`,
  );
  if (!el) throw new Error(`no cell ${lane} x ${step}`);
  return el;
}
