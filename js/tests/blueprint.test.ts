import { describe, expect, it } from "vitest";
import { annotationMarks } from "../src/grid/marks";
import { annotationOp, describeAnnotation, formValues } from "../src/model/annotations";
import { laneMarks, resolveView, visibleLanes } from "../src/model/blueprint";
import { type Box, connectionName } from "../src/model/connections";
import { computeLayout } from "../src/model/layout";
import { labelWidth, ROUTES, routeAll } from "../src/model/routes";
import { conflictMessage, readSaveStatus, saveStatusText } from "../src/model/savestatus";
import type { Journey, Lane } from "../src/model/schema";
import { edits, key, sampleDoc } from "./fixtures";
import { cell, cellName, mount } from "./mount";

/** The sample map with blueprint zones on four lanes (one cards lane) and one connection. */
function blueprintDoc(): Journey {
  const doc = sampleDoc();
  doc.lanes = [
    { id: "emo", name: "Emotion", kind: "emotion" },
    { id: "doing", name: "Doing", kind: "text", zone: "customer" },
    { id: "front", name: "Desk", kind: "text", zone: "frontstage" },
    { id: "pains", name: "Kitchen", kind: "cards", zone: "backstage" },
    { id: "sys", name: "Till", kind: "text", zone: "support" },
  ];
  doc.cells = {
    emo: { s1: { ana: 3 } },
    doing: { s1: "Orders", s2: "Pays" },
    front: { s1: "Takes order" },
    pains: { s2: [{ id: "c1", text: "Grinds beans", annotations: { fail_point: "Grinder jams" } }] },
    sys: { s1: "Screen" },
  };
  doc.annotations = { front: { s1: { wait_point: "Queue", duration: { value: 4, unit: "minutes" } } } };
  doc.connections = [
    {
      id: "k1",
      from: { lane: "front", step: "s1" },
      to: { lane: "pains", step: "s2", card: "c1" },
      label: "needs",
    },
  ];
  return doc;
}

const lane = (id: string, zone?: Lane["zone"]): Lane => ({
  id,
  name: id,
  kind: "text",
  ...(zone ? { zone } : {}),
});

describe("zones, lines and views", () => {
  it("resolves the view: the trait when it names one, else blueprint only for a map with zones", () => {
    expect(resolveView("journey", blueprintDoc())).toBe("journey");
    expect(resolveView(undefined, blueprintDoc())).toBe("blueprint");
    expect(resolveView("auto", sampleDoc())).toBe("journey");
  });

  it("the journey view keeps lanes without a zone and the evidence and customer zones", () => {
    const lanes = [
      lane("mood"),
      lane("ev", "evidence"),
      lane("cu", "customer"),
      lane("fr", "frontstage"),
      lane("ba", "backstage"),
      lane("notes"),
      lane("su", "support"),
    ];
    expect(visibleLanes(lanes, "journey").map((l) => l.id)).toEqual(["mood", "ev", "cu", "notes"]);
    expect(visibleLanes(lanes, "blueprint")).toHaveLength(7);
    const layout = computeLayout({ ...sampleDoc(), lanes }, "journey");
    expect(layout.laneById.get("fr")?.row).toBe(-1);
    expect(layout.laneById.get("notes")).toMatchObject({ index: 5, row: 3 });
  });

  it("puts each line above the first lane below it, and a title where each zone band starts", () => {
    const lanes = [
      lane("ev", "evidence"),
      lane("cu", "customer"),
      lane("cu2", "customer"),
      lane("mood"),
      lane("fr", "frontstage"),
      lane("su", "support"),
    ];
    const marks = laneMarks(lanes);
    expect(marks.get("fr")?.linesAbove.map((l) => l.id)).toEqual(["interaction"]);
    // No backstage lane: the visibility and internal lines both sit above the support lane.
    expect(marks.get("su")?.linesAbove.map((l) => l.id)).toEqual(["visibility", "internal"]);
    expect(marks.get("mood")?.linesAbove).toEqual([]);
    expect(marks.get("cu")?.zoneTitle).toBe("Customer actions");
    expect(marks.get("cu2")?.zoneTitle).toBeUndefined();
    expect(marks.get("fr")?.description).toBe("Frontstage zone, below the line of interaction");
    expect(laneMarks([lane("ev", "evidence"), lane("cu", "customer")]).get("cu")?.linesAbove).toEqual([]);
  });
});

describe("arrow routes", () => {
  const a: Box = { x: 10, y: 10, w: 100, h: 40 };
  const below: Box = { x: 10, y: 210, w: 100, h: 40 };
  const between: Box = { x: 0, y: 100, w: 140, h: 50 };
  const bounds: Box = { x: 0, y: 0, w: 400, h: 300 };
  const cuts = (p: [number, number], q: [number, number], b: Box) =>
    Math.min(p[0], q[0]) < b.x + b.w &&
    Math.max(p[0], q[0]) > b.x &&
    Math.min(p[1], q[1]) < b.y + b.h &&
    Math.max(p[1], q[1]) > b.y;
  const runs = (points: [number, number][]) =>
    points.slice(1).map((q, k) => [points[k] as [number, number], q] as const);

  it("goes around the text between its ends, in straight runs only, edge to edge", () => {
    const [route] = routeAll({
      bounds,
      obstacles: [a, below, between],
      lines: [],
      arrows: [{ id: "one", from: a, to: below, label: "hands over" }],
    });
    const points = route?.points ?? [];
    expect(points.length).toBeGreaterThan(3); // it had to bend around the box in between
    for (const [p, q] of runs(points)) {
      expect(p[0] === q[0] || p[1] === q[1]).toBe(true);
      for (const b of [a, below, between]) expect(cuts(p, q, b)).toBe(false);
    }
    const label = route?.label as Box;
    expect(label.w).toBe(labelWidth("hands over"));
    expect(label.h).toBe(ROUTES.label_h);
    for (const b of [a, below, between])
      expect(cuts([label.x, label.y], [label.x + label.w, label.y + label.h], b)).toBe(false);
  });

  it("keeps a second arrow off the first one's runs", () => {
    const right: Box = { x: 260, y: 10, w: 100, h: 40 };
    const [one, two] = routeAll({
      bounds,
      obstacles: [a, below, right],
      lines: [],
      arrows: [
        { id: "one", from: a, to: below, label: "" },
        { id: "two", from: right, to: below, label: "" },
      ],
    });
    const shared = runs(one?.points ?? []).filter(([p, q]) =>
      runs(two?.points ?? []).some(
        ([r, t]) =>
          (p[0] === q[0] &&
            r[0] === t[0] &&
            p[0] === r[0] &&
            Math.max(p[1], q[1]) > Math.min(r[1], t[1]) + 0.5 &&
            Math.max(r[1], t[1]) > Math.min(p[1], q[1]) + 0.5) ||
          (p[1] === q[1] &&
            r[1] === t[1] &&
            p[1] === r[1] &&
            Math.max(p[0], q[0]) > Math.min(r[0], t[0]) + 0.5 &&
            Math.max(r[0], t[0]) > Math.min(p[0], q[0]) + 0.5),
      ),
    );
    expect(shared).toEqual([]);
  });

  it("moves a label off a zone line, and off text, with a leader when it cannot sit beside its arrow", () => {
    const line: Box = { x: 0, y: 128, w: 400, h: 4 };
    const [route] = routeAll({
      bounds,
      obstacles: [a, below, { x: 120, y: 60, w: 280, h: 140 }],
      lines: [line],
      arrows: [{ id: "one", from: a, to: below, label: "a label that is rather long" }],
    });
    const label = route?.label as Box;
    expect(cuts([label.x, label.y], [label.x + label.w, label.y + label.h], line)).toBe(false);
    expect(
      cuts([label.x, label.y], [label.x + label.w, label.y + label.h], { x: 120, y: 60, w: 280, h: 140 }),
    ).toBe(false);
  });

  it("names an arrow by its ends and label", () => {
    const doc = blueprintDoc();
    const layout = computeLayout(doc);
    expect(connectionName(doc, layout, doc.connections[0] as Journey["connections"][number])).toBe(
      "Connection: Desk, Search → Grinds beans (Kitchen, Compare) (needs)",
    );
  });
});

describe("annotation dialog values", () => {
  const cellTarget = { lane: "front", step: "s1" };
  it("sends only what changed; an emptied field clears it", () => {
    const current = { wait_point: "Queue", duration: { value: 4, unit: "minutes" as const } };
    const form = { ...formValues(current), fail_point: " Printer jams ", wait_point: "", duration: "4" };
    expect(annotationOp(cellTarget, current, form)).toEqual({
      op: {
        op: "set_annotation",
        lane: "front",
        step: "s1",
        fields: { fail_point: "Printer jams", wait_point: null },
      },
    });
    expect(annotationOp(cellTarget, current, formValues(current))).toEqual({ op: null });
  });

  it("targets a card by its id and normalises the currency", () => {
    const result = annotationOp(
      { lane: "pains", step: "s2", card: "c1" },
      {},
      {
        ...formValues({}),
        cost: "2.5",
        currency: "eur",
        owner: "Kitchen",
      },
    );
    expect(result).toEqual({
      op: {
        op: "set_annotation",
        card: "c1",
        fields: { owner: "Kitchen", cost: { amount: 2.5, currency: "EUR" } },
      },
    });
  });

  it("names the field of a value that cannot be right", () => {
    expect(annotationOp(cellTarget, {}, { ...formValues({}), duration: "-2" })).toMatchObject({
      field: "duration",
    });
    expect(annotationOp(cellTarget, {}, { ...formValues({}), cost: "3", currency: "E1" })).toMatchObject({
      field: "currency",
    });
  });
});

describe("annotation cost", () => {
  it("reads like the SVG export: two decimals", () => {
    const note = { cost: { amount: 1.9, currency: "EUR" } };
    expect(describeAnnotation(note)).toBe("Cost: 1.90 EUR");
    const marks = annotationMarks(note);
    const cost = marks?.querySelector("[data-mark=cost]");
    expect(cost?.textContent).toBe("1.90 EUR");
    expect(cost?.querySelector("[data-icon]")?.getAttribute("data-icon")).toBe("¤");
  });
});

describe("save status text", () => {
  it("says saved with the time, saving, unsaved, or not saved with the error", () => {
    const at = new Date(2026, 0, 5, 14, 2).toISOString();
    const base = { path: "/m.json", revision: 3, saved_at: at, error: null, merged: 0, conflicts: [] };
    expect(saveStatusText({ ...base, state: "saved" })).toBe("Saved 14:02");
    expect(saveStatusText({ ...base, state: "saving" })).toBe("Saving…");
    expect(saveStatusText({ ...base, state: "pending" })).toBe("Unsaved changes");
    expect(saveStatusText({ ...base, state: "error", error: "read-only folder" })).toBe(
      "Not saved: read-only folder",
    );
  });

  it("adds what others' saves brought in: merged changes and conflicts", () => {
    const at = new Date(2026, 0, 5, 14, 2).toISOString();
    const status = { state: "saved" as const, path: "/m.json", revision: 3, saved_at: at, error: null };
    expect(saveStatusText({ ...status, merged: 3, conflicts: [] })).toBe(
      "Saved 14:02 · 3 changes by others merged",
    );
    const conflict = "the cell 'Actions' x 'Pay': your change ('a') was replaced by the file's ('b')";
    expect(saveStatusText({ ...status, merged: 1, conflicts: [conflict] })).toBe(
      "Saved 14:02 · 1 change by others merged · 1 conflict",
    );
    expect(conflictMessage([conflict])).toBe(
      `Someone else saved a change to the same thing first; theirs was kept: ${conflict}`,
    );
    expect(readSaveStatus({ ...status, conflicts: [conflict, 7] })?.conflicts).toEqual([conflict]);
  });
});

describe("the blueprint in the widget", () => {
  it("draws zone bands, the lines, annotation markers and the arrows", () => {
    const { root } = mount(blueprintDoc());
    expect(root.dataset.view).toBe("blueprint");
    expect([...root.querySelectorAll(".jmw-line")].map((l) => l.getAttribute("data-line"))).toEqual([
      "interaction",
      "visibility",
      "internal",
    ]);
    expect(root.querySelector('[data-lane-id="front"] .jmw-zone-title')?.textContent).toBe("Frontstage");
    const marks = cell(root, "front", "s1").querySelectorAll(".jmw-mark");
    expect([...marks].map((m) => m.textContent)).toEqual(["Wait point", "4 min"]);
    expect([...marks].map((m) => m.querySelector("[data-icon]")?.getAttribute("data-icon"))).toEqual([
      "‖",
      "◷",
    ]);
    expect(cellName(cell(root, "front", "s1"))).toMatch(/ Wait point 4 min Desk Search$/);
    expect(cell(root, "front", "s1").getAttribute("aria-description")).toBe(
      "Wait point: Queue. Duration: 4 min",
    );
    expect(root.querySelector('.jmw-card[data-card-id="c1"] .jmw-mark-fail')?.getAttribute("title")).toBe(
      "Fail point: Grinder jams",
    );
    const arrow = root.querySelector('.jmw-connection[data-connection-id="k1"]') as SVGGElement;
    expect(arrow.getAttribute("role")).toBe("img");
    expect(arrow.getAttribute("aria-label")).toContain("Connection: Desk, Search → Grinds beans");
    expect(arrow.querySelector(".jmw-connection-label")?.textContent).toBe("needs");
  });

  it("switches views from the toolbar (the view trait) and from the model", () => {
    const { root, model } = mount(blueprintDoc());
    const rows = () =>
      [...root.querySelectorAll('[role="row"][data-lane-id]')].map((r) => r.getAttribute("data-lane-id"));
    expect(rows()).toEqual(["emo", "doing", "front", "pains", "sys"]);
    (root.querySelector('[data-action="view-journey"]') as HTMLElement).click();
    expect(model.get("view")).toBe("journey");
    expect(model.saves).toBeGreaterThan(0);
    expect(rows()).toEqual(["emo", "doing"]);
    expect(root.querySelectorAll(".jmw-line, .jmw-connection")).toHaveLength(0);
    expect(root.querySelector('[data-action="view-journey"]')?.getAttribute("aria-pressed")).toBe("true");
    model.set("view", "blueprint");
    expect(rows()).toHaveLength(5);
    expect(edits(model)).toEqual([]);
  });

  it("connects by keyboard: L, arrows, Enter; Escape cancels", () => {
    const { root, model } = mount(blueprintDoc());
    const start = cell(root, "doing", "s2");
    start.focus();
    key(start, "l");
    const status = root.querySelector(".jmw-connect-status") as HTMLElement;
    expect(status.hidden).toBe(false);
    expect(status.textContent).toContain("Doing, Compare");
    key(start, "Escape");
    expect(status.hidden).toBe(true);
    expect(edits(model)).toEqual([]);
    key(start, "l");
    key(start, "ArrowDown");
    const target = document.activeElement as HTMLElement;
    expect(target).toBe(cell(root, "front", "s2"));
    key(target, "Enter");
    expect(edits(model)).toEqual([
      {
        op: "add_connection",
        connection: { from: { lane: "doing", step: "s2" }, to: { lane: "front", step: "s2" } },
      },
    ]);
    // From a card, to itself: refused in the browser with a message.
    const card = root.querySelector('.jmw-card[data-card-id="c1"]') as HTMLElement;
    card.focus();
    key(card, "l");
    key(card, "Enter");
    expect(root.querySelector(".jmw-error")?.textContent).toContain("two different ends");
    expect(edits(model)).toHaveLength(1);
  });

  it("deletes a focused arrow with Delete and opens its label dialog with Enter", () => {
    const { root, model } = mount(blueprintDoc());
    const arrow = root.querySelector('.jmw-connection[data-connection-id="k1"]') as SVGGElement;
    arrow.focus();
    key(arrow, "Enter");
    const dialog = root.querySelector('[role="dialog"][data-panel="connection"]') as HTMLElement;
    const input = dialog.querySelector('input[name="label"]') as HTMLInputElement;
    expect(input.value).toBe("needs");
    input.value = "";
    (dialog.querySelector("form") as HTMLFormElement).requestSubmit();
    expect(edits(model)).toEqual([{ op: "edit_connection", connection: "k1", fields: { label: null } }]);
    const again = root.querySelector('.jmw-connection[data-connection-id="k1"]') as SVGGElement;
    key(again, "Delete");
    expect(edits(model)[1]).toEqual({ op: "delete_connection", connection: "k1" });
  });

  it("the annotations dialog of a cell sends one set_annotation", () => {
    const { root, model } = mount(blueprintDoc());
    const c = cell(root, "sys", "s1");
    c.focus();
    key(c, "a");
    const dialog = root.querySelector('[role="dialog"][data-panel="annotations"]') as HTMLElement;
    (dialog.querySelector('textarea[name="fail_point"]') as HTMLTextAreaElement).value = "Screen freezes";
    (dialog.querySelector('input[name="duration"]') as HTMLInputElement).value = "0";
    (dialog.querySelector("form") as HTMLFormElement).requestSubmit();
    expect(dialog.querySelector(".jmw-validation")?.textContent).toContain("Duration must be a number");
    expect(edits(model)).toEqual([]);
    (dialog.querySelector('input[name="duration"]') as HTMLInputElement).value = "2";
    (dialog.querySelector('select[name="unit"]') as HTMLSelectElement).value = "hours";
    (dialog.querySelector("form") as HTMLFormElement).requestSubmit();
    expect(edits(model)).toEqual([
      {
        op: "set_annotation",
        lane: "sys",
        step: "s1",
        fields: { fail_point: "Screen freezes", duration: { value: 2, unit: "hours" } },
      },
    ]);
  });

  it("paints highlights from the model and takes them off again", () => {
    const { root, model } = mount(blueprintDoc());
    model.set("highlights", [
      { lane: "front", step: "s2", kind: "gap", message: "No <i>backstage</i> behind this" },
      { lane: "nope", step: "s1", kind: "gap", message: "unknown lane" },
    ]);
    const c = cell(root, "front", "s2");
    expect(c.classList.contains("jmw-highlight")).toBe(true);
    expect(c.querySelector(".jmw-highlight-badge")?.textContent).toBe("No <i>backstage</i> behind this");
    expect(cellName(c).startsWith("No <i>backstage</i> behind this ")).toBe(true);
    expect(c.querySelector("i")).toBeNull();
    expect(c.getAttribute("aria-description")).toBe("Highlight: No <i>backstage</i> behind this");
    model.set("highlights", []);
    expect(c.classList.contains("jmw-highlight")).toBe(false);
    expect(c.hasAttribute("aria-description")).toBe(false);
    expect(c.querySelector(".jmw-highlight-badge")).toBeNull();
    expect(c.firstChild?.textContent).not.toBe(" "); // the badge's space went with it
  });

  it("shows the save status and hides it without one", () => {
    const status = { state: "error", path: "/x.json", revision: 2, saved_at: null, error: "disk <full>" };
    const { root, model } = mount(blueprintDoc(), { extra: { save_status: status } });
    const el = root.querySelector(".jmw-save-status") as HTMLElement;
    expect(el.getAttribute("role")).toBe("status");
    expect(el.dataset.state).toBe("error");
    expect(el.textContent).toBe("Not saved: disk <full>");
    model.set("save_status", { ...status, state: "saving", error: null });
    expect(el.dataset.state).toBe("saving");
    expect(el.textContent).toBe("Saving…");
    model.set("save_status", null);
    expect(el.hidden).toBe(true);
  });

  it("shows no cell tools or arrow tools when read-only", () => {
    const { root } = mount(blueprintDoc(), { extra: { readonly: true } });
    const c = cell(root, "front", "s1");
    c.focus();
    c.dispatchEvent(new Event("pointerover", { bubbles: true }));
    expect(root.querySelector(".jmw-cell-tools")).toBeNull();
    expect(root.querySelector("[data-action]:not([data-action^='view-'])")).toBeNull();
  });
});
