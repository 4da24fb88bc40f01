// Manual harness: renders the widget against a fake in-memory kernel, in a plain page.
// Build: npx esbuild js/dev/harness.ts --bundle --format=esm --outfile=/tmp/jmw-harness/harness.js
// and open js/dev/harness.html next to it (see js/dev/README.md).
import type { Journey } from "../src/model/schema";
import widget from "../src/widget";
import { FakeKernel, FakeModel, sampleDoc } from "../tests/fixtures";

function bigDoc(steps: number, lanes: number): Journey {
  const doc = sampleDoc();
  // A realistic mix: mostly text and cards, a couple of emotion lanes.
  const kinds = [
    "text",
    "cards",
    "text",
    "metric",
    "text",
    "channels",
    "text",
    "cards",
    "text",
    "metric",
    "text",
    "cards",
    "text",
    "text",
    "cards",
    "text",
    "metric",
    "text",
    "emotion",
    "channels",
  ] as const;
  doc.stages = [];
  for (let s = 0; s < steps; s++) {
    if (s % 10 === 0) doc.stages.push({ id: `st${s / 10}`, name: `Stage ${s / 10 + 1}`, steps: [] });
    doc.stages[doc.stages.length - 1]?.steps.push({ id: `s${s}`, name: `Step ${s + 1}` });
  }
  doc.lanes = [];
  doc.cells = {};
  for (let l = 0; l < lanes; l++) {
    const kind = kinds[l % kinds.length] ?? "text";
    const id = `l${l}`;
    doc.lanes.push({
      id,
      name: `Lane ${l + 1}`,
      kind,
      ...(kind === "metric" ? { format: "count" as const } : {}),
    });
    const row: Record<string, unknown> = {};
    for (let s = 0; s < steps; s++) {
      if (kind === "text") row[`s${s}`] = `Text ${l}/${s}`;
      if (kind === "cards" && s % 3 === 0)
        row[`s${s}`] = [{ id: `c${l}-${s}`, text: `Card ${s}`, color: "blue" }];
      if (kind === "channels" && s % 2 === 0) row[`s${s}`] = ["web"];
      if (kind === "emotion") row[`s${s}`] = { ana: 1 + (s % 5), bo: 1 + ((s + 2) % 5) };
      if (kind === "metric") row[`s${s}`] = s * 37;
    }
    doc.cells[id] = row as Journey["cells"][string];
  }
  return doc;
}

const params = new URLSearchParams(location.search);
const big = params.get("big");
const doc = big ? bigDoc(300, 40) : sampleDoc();
if (params.get("empty")) doc.stages.push({ id: "later", name: "Later", steps: [] });
const model = new FakeModel(doc, 0, {
  height: params.get("height") ?? "560px",
  readonly: params.has("readonly"),
});
new FakeKernel(model, doc, 0);
const el = document.getElementById("app") as HTMLElement;
const t0 = performance.now();
(widget.initialize as (p: unknown) => void)({ model });
(widget.render as (p: unknown) => void)({ model, el });
const ms = performance.now() - t0;
el.getBoundingClientRect();
const layoutMs = performance.now() - t0;
document.title = `rendered in ${ms.toFixed(0)} ms`;
(window as unknown as { jmw: unknown }).jmw = { model, ms };
const out = document.getElementById("timing");
if (out)
  out.textContent = `render: ${ms.toFixed(0)} ms (with layout ${layoutMs.toFixed(0)} ms), cells: ${el.querySelectorAll('[role="gridcell"][data-step-id]').length}`;
if (params.get("error")) {
  model.receive({
    type: "reject",
    req: "x",
    rev: 0,
    message:
      "The cell 'Doing' x 'Search' was changed from Python at revision 3 after this edit began (revision 2); your edit was not applied",
  });
}
if (params.get("select")) model.set("selected_step", params.get("select"));
const scroll = params.get("scroll");
if (scroll) {
  const [x, y] = scroll.split(",").map(Number);
  const sc = el.querySelector(".jmw-scroll") as HTMLElement;
  sc.scrollLeft = x ?? 0;
  sc.scrollTop = y ?? 0;
}
const demo = params.get("demo");
if (demo) {
  // e.g. demo=emo:s2 focuses that cell; demo=edit:doing:s3 opens the editor there.
  const [what, a, b] = demo.split(":");
  const q = (lane: string, step: string) =>
    el.querySelector<HTMLElement>(`[role="gridcell"][data-lane-id="${lane}"][data-step-id="${step}"]`);
  if (what === "focus" && a && b) q(a, b)?.focus();
  if (what === "edit" && a && b) {
    const c = q(a, b);
    c?.focus();
    c?.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  }
  if (what === "card") el.querySelector<HTMLElement>(".jmw-card")?.focus();
  if (what === "addlane") el.querySelector<HTMLElement>('[data-action="add-lane"]')?.click();
}
