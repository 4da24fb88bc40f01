// Edits carry the revision their editor opened at (design.md "Concurrent edits"), so a change
// made from Python while an editor is open makes the kernel refuse the stale edit.
import { describe, expect, it } from "vitest";
import type { ClientMessage } from "../src/model/schema";
import widget from "../src/widget";
import { key } from "./fixtures";
import { cell, mount } from "./mount";

type EditMsg = Extract<ClientMessage, { type: "edit" }>;
const editMsgs = (sent: ClientMessage[]): EditMsg[] => sent.filter((m): m is EditMsg => m.type === "edit");

describe("an editor's edit is based on the revision it opened at", () => {
  it("text editor: a Python change to the same cell meanwhile is rejected and shown", () => {
    const { root, model, kernel } = mount();
    const c = cell(root, "doing", "s1");
    key(c, "Enter");
    const ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    kernel.pythonChange([{ op: "set", path: ["cells", "doing", "s1"], value: "Changed from Python" }]);
    expect(root.dataset.rev).toBe("1");
    expect(c.querySelector("textarea.jmw-editor")).toBe(ta); // the open editor stays open
    ta.value = "Typed in the browser";
    key(ta, "Enter");
    expect(editMsgs(model.sent)[0]).toMatchObject({
      base: 0,
      op: { op: "set_cell", lane: "doing", step: "s1" },
    });
    const alert = root.querySelector(".jmw-error[role=alert]");
    expect(alert?.textContent).toContain("your edit was not applied");
    expect(kernel.doc.cells.doing?.s1).toBe("Changed from Python");
    expect(c.textContent).toBe("Changed from Python");
    expect(root.dataset.rev).toBe("1");
  });

  it("text editor: a Python change to another cell meanwhile still lets the edit through", () => {
    const { root, model, kernel } = mount();
    const c = cell(root, "doing", "s1");
    key(c, "Enter");
    kernel.pythonChange([{ op: "set", path: ["cells", "doing", "s2"], value: "Elsewhere" }]);
    const ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "Mine";
    key(ta, "Enter");
    expect(editMsgs(model.sent)[0]?.base).toBe(0);
    expect(root.querySelector(".jmw-error")).toBeNull();
    expect(kernel.doc.cells.doing?.s1).toBe("Mine");
    expect(c.textContent).toBe("Mine");
  });

  it("an editor opened after our own earlier edit is not refused because of it", () => {
    const { root, model, kernel } = mount();
    const c = cell(root, "doing", "s3");
    key(c, "Enter");
    let ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "first";
    key(ta, "Enter");
    key(c, "Enter");
    ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "second";
    key(ta, "Enter");
    expect(editMsgs(model.sent).map((m) => m.base)).toEqual([0, 1]);
    expect(kernel.doc.cells.doing?.s3).toBe("second");
  });

  it("metric and channel editors send the opening revision", () => {
    const { root, model, kernel } = mount();
    const m = cell(root, "conv", "s3");
    key(m, "Enter");
    kernel.pythonChange([{ op: "set", path: ["title"], value: "Renamed" }]);
    const input = m.querySelector("input.jmw-editor") as HTMLInputElement;
    input.value = "12";
    key(input, "Enter");
    const ch = cell(root, "chan", "s2");
    key(ch, "Enter");
    kernel.pythonChange([{ op: "set", path: ["cells", "chan", "s2"], value: ["phone"] }]);
    const box = ch.querySelector<HTMLInputElement>(
      ".jmw-channel-editor input[value=web]",
    ) as HTMLInputElement;
    box.checked = true;
    key(box, "Enter");
    expect(editMsgs(model.sent).map((msg) => [msg.op.op, msg.base])).toEqual([
      ["set_cell", 0],
      ["set_cell", 2],
    ]);
    expect(root.querySelector(".jmw-error[role=alert]")?.textContent).toContain("not applied");
    expect(kernel.doc.cells.chan?.s2).toEqual(["phone"]);
    expect(cell(root, "chan", "s2").textContent).toBe("phone");
  });

  it("card editors, renames and emotion drags send the revision they began at", () => {
    const { root, model, kernel } = mount();
    const card = root.querySelector('.jmw-card[data-card-id="c1"]') as HTMLElement;
    key(card, "Enter");
    kernel.pythonChange([{ op: "set", path: ["title"], value: "A" }]);
    const ta = card.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "Hidden fees";
    key(ta, "Enter");
    const header = root.querySelector('[role="columnheader"][data-step-id="s2"]') as HTMLElement;
    key(header, "Enter");
    kernel.pythonChange([{ op: "set", path: ["title"], value: "B" }]);
    const rename = header.querySelector("input.jmw-rename") as HTMLInputElement;
    rename.value = "Compare offers";
    key(rename, "Enter");
    const point = root.querySelector(
      '.jmw-point[data-step-id="s2"][data-persona-id="ana"]',
    ) as SVGCircleElement;
    const opts = { bubbles: true, pointerId: 1, button: 0 };
    point.dispatchEvent(new PointerEvent("pointerdown", { ...opts, clientY: 100 }));
    kernel.pythonChange([{ op: "set", path: ["cells", "emo", "s2", "ana"], value: 3 }]);
    point.dispatchEvent(new PointerEvent("pointermove", { ...opts, clientY: 16 }));
    point.dispatchEvent(new PointerEvent("pointerup", { ...opts, clientY: 16 }));
    const sent = editMsgs(model.sent).map((m) => [m.op.op, m.base]);
    expect(sent).toEqual([
      ["edit_card", 0],
      ["rename_step", 2],
      ["set_cell", 4],
    ]);
    // The drag's cell changed from Python after the drag began: refused, the curve shows Python's value.
    expect(kernel.doc.cells.emo?.s2).toEqual({ ana: 3 });
    expect(
      root.querySelector('.jmw-point[data-step-id="s2"][data-persona-id="ana"]')?.getAttribute("data-value"),
    ).toBe("3");
    expect(root.querySelector(".jmw-error[role=alert]")).not.toBeNull();
  });

  it("a draft reopened after a full re-render keeps its opening revision", () => {
    const { root, model, kernel } = mount();
    const c = cell(root, "doing", "s1");
    key(c, "Enter");
    (c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement).value = "draft";
    kernel.pythonChange([
      { op: "ins", path: ["lanes"], index: 0, value: { id: "new", name: "Thinking", kind: "text" } },
    ]);
    kernel.pythonChange([{ op: "set", path: ["cells", "doing", "s1"], value: "Python" }]);
    const ta = cell(root, "doing", "s1").querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    expect(ta.value).toBe("draft");
    key(ta, "Enter");
    expect(editMsgs(model.sent)[0]?.base).toBe(0);
    expect(kernel.doc.cells.doing?.s1).toBe("Python");
  });
});

describe("two views of one model", () => {
  it("show the same grid after an edit in one of them and a change from Python", () => {
    const a = mount();
    const el2 = document.createElement("div");
    document.body.append(el2);
    const cleanup2 = (widget.render as (p: unknown) => () => void)({ model: a.model, el: el2 });
    const root2 = el2.querySelector(".jmw-root") as HTMLElement;
    const c = cell(a.root, "doing", "s3");
    c.focus();
    key(c, "Enter");
    const ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "Edited in the first view";
    key(ta, "Enter");
    a.kernel.pythonChange([{ op: "set", path: ["cells", "doing", "s5"], value: "From Python" }]);
    const grid = (root: HTMLElement) => (root.querySelector(".jmw-grid") as HTMLElement).textContent;
    expect(grid(a.root)).toContain("Edited in the first view");
    expect(grid(a.root)).toContain("From Python");
    expect(grid(root2)).toBe(grid(a.root));
    // The cell tools follow focus and hover, which differ between the views.
    const classes = (root: HTMLElement) =>
      [...root.querySelectorAll(".jmw-grid [class]")]
        .filter((e) => !e.closest(".jmw-cell-tools"))
        .map((e) => e.getAttribute("class"))
        .join(" ");
    expect(classes(root2)).toBe(classes(a.root));
    cleanup2();
  });
});
