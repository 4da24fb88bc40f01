// Cards, structure edits, syncing views and unanswered edits (view.test.ts: rendering and keyboard).
import { describe, expect, it, vi } from "vitest";
import { UNANSWERED_MS } from "../src/model/store";
import { UNANSWERED_MESSAGE } from "../src/view/updates";
import widget from "../src/widget";
import { edits, key } from "./fixtures";
import { cell, cellName, mount } from "./mount";

describe("cards", () => {
  it("card keys: delete, move to neighbouring step, reorder, cycle impact", () => {
    const { root, model } = mount();
    const card = root.querySelector('.jmw-card[data-card-id="c2"]') as HTMLElement;
    card.focus();
    key(card, "ArrowLeft", { altKey: true });
    key(root.querySelector('.jmw-card[data-card-id="c2"]') as HTMLElement, "ArrowUp", { altKey: true });
    key(root.querySelector('.jmw-card[data-card-id="c1"]') as HTMLElement, "i");
    key(root.querySelector('.jmw-card[data-card-id="c1"]') as HTMLElement, "Delete");
    expect(edits(model)).toEqual([
      { op: "move_card", card: "c2", lane: "pains", step: "s1" },
      { op: "move_card", card: "c2", lane: "pains", step: "s2", index: 0 },
      { op: "edit_card", card: "c1", fields: { impact: null } },
      { op: "delete_card", card: "c1" },
    ]);
  });

  it("+ adds a card through an inline input", () => {
    const { root, model } = mount();
    const c = cell(root, "pains", "s3");
    (c.querySelector('[data-action="add-card"]') as HTMLButtonElement).click();
    const ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "Slow page";
    key(ta, "Enter");
    expect(edits(model)).toEqual([
      { op: "add_card", lane: "pains", step: "s3", card: { text: "Slow page" } },
    ]);
  });

  it("editing a card sends edit_card with the new text", () => {
    const { root, model } = mount();
    const card = root.querySelector('.jmw-card[data-card-id="c1"]') as HTMLElement;
    key(card, "Enter");
    const ta = card.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "Hidden fees";
    key(ta, "Enter");
    expect(edits(model)).toEqual([{ op: "edit_card", card: "c1", fields: { text: "Hidden fees" } }]);
  });
});

describe("structure", () => {
  it("header buttons send move/delete operations; a step moves across the stage edge", () => {
    const { root, model } = mount();
    const click = (sel: string) => (root.querySelector(sel) as HTMLButtonElement).click();
    click('[data-step-id="s3"] [data-action="step-right"]');
    click('[data-step-id="s4"] [data-action="step-left"]');
    click('[data-step-id="s1"] [data-action="step-right"]');
    click('[data-stage-id="join"] [data-action="stage-left"]');
    click('[data-lane-id="doing"] [data-action="lane-down"]');
    click('[data-lane-id="conv"] [data-action="delete-lane"]');
    expect(edits(model)).toEqual([
      { op: "move_step", step: "s3", stage: "join", index: 0 },
      { op: "move_step", step: "s4", stage: "discover", index: 3 },
      { op: "move_step", step: "s1", index: 1 },
      { op: "move_stage", stage: "join", index: 0 },
      { op: "move_lane", lane: "doing", index: 1 },
      { op: "delete_lane", lane: "conv" },
    ]);
  });

  it("renames a step inline", () => {
    const { root, model } = mount();
    const header = root.querySelector('[role="columnheader"][data-step-id="s2"]') as HTMLElement;
    header.focus();
    key(header, "Enter");
    const input = header.querySelector("input.jmw-rename") as HTMLInputElement;
    input.value = "Compare offers";
    key(input, "Enter");
    expect(edits(model)).toEqual([{ op: "rename_step", step: "s2", name: "Compare offers" }]);
  });

  it("adds a lane through the inline form", () => {
    const { root, model } = mount();
    (root.querySelector('[data-action="add-lane"]') as HTMLButtonElement).click();
    const form = root.querySelector("form.jmw-add-lane-form") as HTMLFormElement;
    (form.querySelector('input[name="name"]') as HTMLInputElement).value = "Time on task";
    const kind = form.querySelector('select[name="kind"]') as HTMLSelectElement;
    kind.value = "metric";
    kind.dispatchEvent(new Event("change"));
    (form.querySelector('select[name="format"]') as HTMLSelectElement).value = "seconds";
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    expect(edits(model)).toEqual([
      { op: "add_lane", lane: { name: "Time on task", kind: "metric", format: "seconds" } },
    ]);
    expect(root.querySelector("form.jmw-add-lane-form")).toBeNull();
  });

  it("re-renders the grid on structural patches", () => {
    const { root, kernel } = mount();
    kernel.pythonChange([
      { op: "ins", path: ["lanes"], index: 0, value: { id: "new", name: "Thinking", kind: "text" } },
    ]);
    expect(root.dataset.rev).toBe("1");
    expect(root.querySelectorAll('[role="row"][data-lane-id]')).toHaveLength(6);
    expect(cellName(cell(root, "new", "s1"))).toBe("Thinking Search");
  });
});

describe("sync", () => {
  it("two views of one model both update from one patch; msg:custom is listened to once", () => {
    const a = mount();
    const el2 = document.createElement("div");
    document.body.append(el2);
    const cleanup2 = (widget.render as (p: unknown) => () => void)({ model: a.model, el: el2 });
    const root2 = el2.querySelector(".jmw-root") as HTMLElement;
    expect(a.model.listenerCount("msg:custom")).toBe(1);
    a.kernel.pythonChange([{ op: "set", path: ["cells", "doing", "s3"], value: "Both see this" }]);
    expect(cell(a.root, "doing", "s3").textContent).toBe("Both see this");
    expect(cell(root2, "doing", "s3").textContent).toBe("Both see this");
    expect(a.root.dataset.rev).toBe("1");
    expect(root2.dataset.rev).toBe("1");
    const before = a.model.listenerCount("change:selected_step");
    cleanup2();
    expect(el2.querySelector(".jmw-root")).toBeNull();
    expect(a.model.listenerCount("change:selected_step")).toBe(before - 1);
    expect(a.model.listenerCount("msg:custom")).toBe(1);
  });

  it("a rev gap sends resync and the snapshot re-renders", () => {
    const { root, model, kernel } = mount();
    kernel.doc = { ...kernel.doc, title: "Renamed elsewhere" };
    kernel.rev = 5;
    model.receive({ type: "patch", rev: 5, patches: [], origin: "python", can_undo: false, can_redo: false });
    expect(model.sent.map((m) => m.type)).toEqual(["resync"]);
    expect(root.dataset.rev).toBe("5");
    expect(root.querySelector(".jmw-title")?.textContent).toBe("Renamed elsewhere");
  });
});

/** Edit a text cell the way a person does: Enter, type, Enter. */
function typeIntoCell(root: HTMLElement, lane: string, step: string, text: string): void {
  const c = cell(root, lane, step);
  c.focus();
  key(c, "Enter");
  const ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
  ta.value = text;
  key(ta, "Enter");
}

describe("an edit the kernel does not answer", () => {
  it("is reported after a while, and the report goes when the answer comes", () => {
    vi.useFakeTimers();
    try {
      const { root, kernel } = mount();
      kernel.hold = true; // no answer, as on a page without a kernel or with a busy one
      typeIntoCell(root, "doing", "s3", "Signs the contract");
      vi.advanceTimersByTime(UNANSWERED_MS - 100);
      expect(root.querySelector(".jmw-error")).toBeNull();
      vi.advanceTimersByTime(200);
      const banner = root.querySelector(".jmw-error") as HTMLElement;
      expect(banner.textContent).toContain(UNANSWERED_MESSAGE);
      expect(banner.getAttribute("role")).toBe("alert");
      kernel.flush();
      vi.advanceTimersByTime(10_000);
      expect(root.dataset.rev).toBe("1");
      expect(root.querySelector(".jmw-error")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("is not reported when the kernel answers in time", () => {
    vi.useFakeTimers();
    try {
      const { root } = mount();
      typeIntoCell(root, "doing", "s3", "Signs the contract");
      vi.advanceTimersByTime(UNANSWERED_MS * 3);
      expect(root.dataset.rev).toBe("1");
      expect(root.querySelector(".jmw-error")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
