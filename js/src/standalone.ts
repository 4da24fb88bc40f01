// The widget's own view, mounted read-only in a page without Jupyter (jmwidget.export.to_html):
// a page-local model stands in for the kernel's; zoom, hover titles and charts. The printed pages
// are SVGs embedded by the export, shown by its print stylesheet.
import widget from "./widget";

type RenderProps = Parameters<typeof widget.render>[0];
type PageModel = RenderProps["model"];
type Handler = (...args: unknown[]) => void;

type VegaEmbed = (el: HTMLElement, spec: unknown, options: Record<string, unknown>) => Promise<unknown>;

declare global {
  interface Window {
    vegaEmbed?: VegaEmbed;
  }
}

export const ZOOM_MIN = 0.25;
export const ZOOM_MAX = 3;

/** A model living in the page: values change locally, nothing is sent anywhere. */
export function createPageModel(state: Record<string, unknown>): PageModel {
  const values = new Map<string, unknown>(Object.entries(state));
  const handlers = new Map<string, Set<Handler>>();
  const model = {
    get: (key: string) => values.get(key),
    set: (key: string, value: unknown) => {
      values.set(key, value);
      for (const handler of handlers.get(`change:${key}`) ?? []) handler();
    },
    on: (event: string, handler: Handler) => {
      const set = handlers.get(event) ?? new Set<Handler>();
      set.add(handler);
      handlers.set(event, set);
    },
    off: (event?: string | null, handler?: Handler | null) => {
      if (!event) handlers.clear();
      else if (!handler) handlers.delete(event);
      else handlers.get(event)?.delete(handler);
    },
    save_changes: () => {},
    send: () => {},
    widget_manager: {
      get_model: () => Promise.reject(new Error("a standalone page has no widget manager")),
    },
  };
  return model as unknown as PageModel;
}

/** Mount the read-only map for `doc` in `el`; returns a function that removes it. */
export async function mountMap(el: HTMLElement, doc: unknown, height = "75vh"): Promise<() => void> {
  const model = createPageModel({
    _doc: doc,
    _rev: 0,
    readonly: true,
    height,
    selected_step: null,
  });
  const controller = new AbortController();
  const unavailable = () => Promise.reject(new Error("not available in a standalone page"));
  const common = { model, signal: controller.signal, experimental: { invoke: unavailable } };
  const cleanups: Array<() => unknown> = [];
  const init = await widget.initialize(common);
  if (typeof init === "function") cleanups.push(init as () => unknown);
  const host = { getWidget: unavailable, getModel: unavailable };
  const done = await widget.render({ ...common, el, host });
  if (typeof done === "function") cleanups.unshift(done);
  return () => {
    controller.abort();
    for (const cleanup of cleanups) cleanup();
  };
}

/** Hover details the read-only view does not show in full: header names, card text, cell names. */
export function addTitles(root: ParentNode): void {
  for (const header of root.querySelectorAll<HTMLElement>(
    "[role=columnheader][data-step-id], [data-stage-id]",
  )) {
    const name = header.querySelector(".jmw-name")?.textContent ?? header.textContent ?? "";
    if (name && header.title !== name) header.title = name;
  }
  for (const item of root.querySelectorAll<HTMLElement>(".jmw-card[aria-label]")) {
    const label = item.getAttribute("aria-label") ?? "";
    if (item.title !== label) item.title = label;
  }
  // A cell without a title of its own (evidence) shows its lane and step, the context of its name.
  for (const cell of root.querySelectorAll<HTMLElement>("[role=gridcell][aria-labelledby]")) {
    if (cell.title) continue;
    const names = (cell.getAttribute("aria-labelledby") ?? "")
      .split(" ")
      .filter((id) => id && id !== cell.id)
      .map((id) => cell.ownerDocument.getElementById(id)?.textContent ?? "");
    cell.title = names.filter(Boolean).join(", ");
  }
}

export function clampZoom(value: number): number {
  return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, Math.round(value * 100) / 100));
}

/** Zoom buttons, Ctrl+wheel and the print button for the map in `container`. */
export function setUpZoom(container: HTMLElement, controls: ParentNode): void {
  let zoom = 1;
  const level = controls.querySelector<HTMLElement>("[data-zoom-level]");
  const grid = () => container.querySelector<HTMLElement>(".jmw-grid");
  const naturalWidth = (): number => {
    const g = grid();
    return g ? g.getBoundingClientRect().width / zoom : 0;
  };
  const apply = (next: number) => {
    zoom = clampZoom(next);
    container.style.setProperty("--jmx-zoom", String(zoom));
    if (level) level.textContent = `${Math.round(zoom * 100)}%`;
  };
  const fit = () => {
    const scroller = container.querySelector<HTMLElement>(".jmw-scroll");
    const width = naturalWidth();
    if (scroller && width > 0) apply(Math.min(1, (scroller.clientWidth - 2) / width));
  };
  const actions: Record<string, () => void> = {
    in: () => apply(zoom * 1.25),
    out: () => apply(zoom / 1.25),
    reset: () => apply(1),
    fit,
    print: () => window.print(),
  };
  for (const button of controls.querySelectorAll<HTMLElement>("[data-zoom]")) {
    const action = actions[button.dataset.zoom ?? ""];
    if (action) button.addEventListener("click", action);
  }
  container.addEventListener(
    "wheel",
    (event) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      apply(zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
    },
    { passive: false },
  );
  apply(1);
}

function readJson(el: Element | null): unknown {
  return el?.textContent ? JSON.parse(el.textContent) : null;
}

/** Draw each chart (`figure[data-chart]` holding its Vega-Lite spec as JSON) with the inlined vega-embed. */
export async function renderCharts(root: ParentNode): Promise<void> {
  const embed = window.vegaEmbed;
  const figures = [...root.querySelectorAll<HTMLElement>("figure[data-chart]")];
  await Promise.all(
    figures.map(async (figure) => {
      const target = figure.querySelector<HTMLElement>(".jmx-chart-view");
      const spec = readJson(figure.querySelector("script[type='application/json']"));
      if (!target || !spec) return;
      if (!embed) {
        target.textContent = "The chart library is missing from this file.";
        return;
      }
      try {
        await embed(target, spec, { actions: false, renderer: "svg" });
      } catch (error) {
        target.textContent = `This chart could not be drawn: ${String(error)}`;
      }
    }),
  );
}

/** Start the exported page: the map from `script#jmw-doc`, then its controls and charts. */
export async function boot(page: Document = document): Promise<void> {
  const container = page.getElementById("jmw-map");
  const source = page.getElementById("jmw-doc");
  if (!container || !source) return;
  await mountMap(container, readJson(source), container.dataset.height || "75vh");
  addTitles(container);
  new MutationObserver(() => addTitles(container)).observe(container, { childList: true, subtree: true });
  setUpZoom(container, page);
  await renderCharts(page);
  page.body.dataset.ready = "true";
}

if (typeof document !== "undefined" && document.getElementById("jmw-doc")) {
  void boot().catch((error: unknown) => {
    const note = document.createElement("p");
    note.className = "jmx-error";
    note.setAttribute("role", "alert");
    note.textContent = `The map could not be shown: ${String(error)}`;
    document.body.prepend(note);
  });
}
