// Rendering and the keyboard (view-edits.test.ts: cards, structure, sync, unanswered edits).
import { describe, expect, it } from "vitest";
import { edits, key, sampleDoc } from "./fixtures";
import { cell, cellName, mount } from "./mount";

describe("rendering", () => {
  it("builds the grid with roles, counts and accessible names", () => {
    const { root } = mount();
    expect(root.dataset.rev).toBe("0");
    expect(root.hasAttribute("data-lm-suppress-shortcuts")).toBe(true);
    const grid = root.querySelector('[role="grid"].jmw-grid') as HTMLElement;
    expect(grid.getAttribute("aria-label")).toBe("Onboarding");
    expect(grid.getAttribute("aria-rowcount")).toBe("7");
    expect(grid.getAttribute("aria-colcount")).toBe("6");
    expect(root.querySelectorAll('[role="columnheader"][data-stage-id]')).toHaveLength(2);
    const stage = root.querySelector('[data-stage-id="discover"]') as HTMLElement;
    expect(stage.getAttribute("aria-colspan")).toBe("3");
    expect(root.querySelectorAll('[role="columnheader"][data-step-id]')).toHaveLength(5);
    expect(root.querySelectorAll('[role="row"][data-lane-id]')).toHaveLength(5);
    for (const row of root.querySelectorAll('[role="row"][data-lane-id]')) {
      expect(row.querySelectorAll('[role="rowheader"]')).toHaveLength(1);
    }
    expect(root.querySelectorAll('[role="gridcell"][data-lane-id][data-step-id]')).toHaveLength(25);
    // A cell's name is its content, then its lane and step (the headers' names, by id).
    const reads = cell(root, "doing", "s2");
    expect(reads.hasAttribute("aria-label")).toBe(false);
    expect(cellName(reads)).toBe("Reads reviews Doing Compare");
    expect(cellName(cell(root, "conv", "s4"))).toBe(
      `${cell(root, "conv", "s4").textContent} Conversion Sign up`.trim(),
    );
    expect(cellName(cell(root, "chan", "s4"))).toBe("web email Channels Sign up");
    const cards = cell(root, "pains", "s2");
    expect(cellName(cards)).toMatch(/^Card: .*, abandons, pricing .*Pain points Compare$/);
    // Ids are unique per view: a second view of the same map names its own headers.
    const second = mount();
    const otherReads = cell(second.root, "doing", "s2");
    expect(otherReads.id).not.toBe(reads.id);
    expect(cellName(otherReads)).toBe("Reads reviews Doing Compare");
  });

  it("renders every lane kind", () => {
    const { root } = mount();
    expect(cell(root, "doing", "s2").textContent).toBe("Reads reviews");
    const cards = cell(root, "pains", "s2").querySelectorAll(".jmw-card[data-card-id]");
    expect([...cards].map((c) => c.getAttribute("data-card-id"))).toEqual(["c1", "c2"]);
    expect(cards[0]?.getAttribute("data-color")).toBe("pink");
    const impact = cards[0]?.querySelector(".jmw-impact");
    expect(impact?.textContent).toBe("abandons");
    expect(impact?.querySelector("[data-icon]")?.getAttribute("data-icon")).toBe("⚠"); // drawn by CSS
    expect(cards[0]?.querySelector(".jmw-tag")?.textContent).toBe("pricing");
    expect([...cell(root, "chan", "s4").querySelectorAll(".jmw-chip")].map((c) => c.textContent)).toEqual([
      "web",
      "email",
    ]);
    expect(cell(root, "conv", "s2").querySelector(".jmw-metric-value")?.textContent).toBe("55.5%");
    const fill = cell(root, "conv", "s1").querySelector(".jmw-bar-fill") as HTMLElement;
    expect(fill.style.width).toBe("100%");
    // Emotion: one point per persona value, one curve per persona, a neutral line.
    const points = root.querySelectorAll(".jmw-point[data-step-id][data-persona-id]");
    expect(points).toHaveLength(5);
    const p = root.querySelector('.jmw-point[data-step-id="s4"][data-persona-id="bo"]') as Element;
    expect(p.getAttribute("class")).toContain("jmw-mood-high");
    expect(root.querySelectorAll(".jmw-curve[data-persona-id]")).toHaveLength(2);
    expect(root.querySelector(".jmw-neutral-line")).not.toBeNull();
    expect(cell(root, "emo", "s1").getAttribute("aria-description")).toContain("Ana: 3 of 5");
    expect(cell(root, "emo", "s4").getAttribute("aria-description")).toContain("Bo: 5 of 5 (Delighted)");
    // Toolbar
    expect(root.querySelector(".jmw-toolbar .jmw-title")?.textContent).toBe("Onboarding");
    const select = root.querySelector(".jmw-persona-select") as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(["ana", "bo"]);
    for (const a of ["undo", "redo", "add-stage", "add-lane"]) {
      expect(root.querySelector(`.jmw-toolbar [data-action="${a}"]`)).not.toBeNull();
    }
  });

  it("renders user text as text, never as HTML", () => {
    const doc = sampleDoc();
    doc.title = "<img src=x onerror=alert(1)>";
    doc.lanes[0] = { id: "doing", name: "<script>x</script>", kind: "text" };
    const { root } = mount(doc);
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector("script")).toBeNull();
    expect(root.querySelector("b")).toBeNull();
    expect(root.querySelector(".jmw-title")?.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(root.querySelector(".jmw-grid")?.getAttribute("aria-label")).toBe("<img src=x onerror=alert(1)>");
    expect(cell(root, "doing", "s1").textContent).toBe("Googles <b>banks</b>");
  });

  it("handles a stage without steps", () => {
    const doc = sampleDoc();
    doc.stages.push({ id: "empty", name: "Later", steps: [] });
    const { root } = mount(doc);
    expect(root.querySelectorAll('[role="columnheader"][data-stage-id]')).toHaveLength(3);
    expect(root.querySelectorAll('[role="gridcell"][data-lane-id][data-step-id]')).toHaveLength(25);
    expect(root.querySelector(".jmw-grid")?.getAttribute("aria-colcount")).toBe("7");
  });

  it("readonly shows no editing controls and opens no editors", () => {
    const { root, model } = mount(sampleDoc(), { extra: { readonly: true } });
    expect(root.querySelector("[data-action]")).toBeNull();
    const c = cell(root, "doing", "s1");
    c.focus();
    key(c, "Enter");
    c.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    expect(root.querySelector(".jmw-editor")).toBeNull();
    key(cell(root, "emo", "s1"), "+");
    key(c, "z", { ctrlKey: true });
    expect(model.sent).toHaveLength(0);
  });

  it("highlights the selected step and selects on click", () => {
    const { root, model } = mount();
    model.set("selected_step", "s2");
    expect(
      root.querySelector('[data-step-id="s2"][role="columnheader"]')?.classList.contains("jmw-selected"),
    ).toBe(true);
    expect(root.querySelectorAll(".jmw-cell.jmw-selected")).toHaveLength(5);
    const header = root.querySelector('[role="columnheader"][data-step-id="s4"]') as HTMLElement;
    header.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(model.get("selected_step")).toBe("s4");
    expect(model.saves).toBeGreaterThan(0);
    expect(root.querySelectorAll(".jmw-cell.jmw-selected")).toHaveLength(5);
    expect(cell(root, "doing", "s4").classList.contains("jmw-selected")).toBe(true);
    expect(cell(root, "doing", "s2").classList.contains("jmw-selected")).toBe(false);
  });

  it("applies the height trait to the scroll area", () => {
    const { root, model } = mount();
    const scroller = root.querySelector(".jmw-scroll") as HTMLElement;
    expect(scroller.style.maxHeight).toBe("400px");
    model.set("height", "300px");
    expect(scroller.style.maxHeight).toBe("300px");
  });
});

describe("keyboard", () => {
  it("uses a roving tabindex and arrow keys move focus", () => {
    const { root } = mount();
    const tabbable = root.querySelectorAll('.jmw-grid [tabindex="0"]');
    expect(tabbable).toHaveLength(1);
    const start = cell(root, "doing", "s1");
    expect(start.tabIndex).toBe(0);
    start.focus();
    const ev = key(start, "ArrowRight");
    expect(ev.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(cell(root, "doing", "s2"));
    key(document.activeElement as Element, "ArrowDown");
    expect(document.activeElement).toBe(cell(root, "pains", "s2"));
    expect(cell(root, "pains", "s2").tabIndex).toBe(0);
    expect(start.tabIndex).toBe(-1);
    key(document.activeElement as Element, "End");
    expect(document.activeElement).toBe(cell(root, "pains", "s5"));
    key(document.activeElement as Element, "Home");
    expect(document.activeElement).toBe(cell(root, "pains", "s1"));
    key(document.activeElement as Element, "ArrowLeft");
    expect((document.activeElement as HTMLElement).getAttribute("role")).toBe("rowheader");
    key(document.activeElement as Element, "ArrowRight");
    key(document.activeElement as Element, "ArrowUp");
    key(document.activeElement as Element, "ArrowUp");
    expect((document.activeElement as HTMLElement).dataset.stepId).toBe("s1");
    expect((document.activeElement as HTMLElement).getAttribute("role")).toBe("columnheader");
    key(document.activeElement as Element, "ArrowUp");
    expect((document.activeElement as HTMLElement).dataset.stageId).toBe("discover");
    key(document.activeElement as Element, "ArrowRight");
    expect((document.activeElement as HTMLElement).dataset.stageId).toBe("join");
    key(document.activeElement as Element, "End", { ctrlKey: true });
    expect(document.activeElement).toBe(cell(root, "conv", "s5"));
  });

  it("moves like a WAI-ARIA data grid: Home, End, Ctrl+Home, Ctrl+End, PageUp, PageDown", () => {
    const { root } = mount();
    const at = () => document.activeElement as HTMLElement;
    const press = (k: string, opts: KeyboardEventInit = {}) => {
      const ev = key(at(), k, opts);
      expect(ev.defaultPrevented).toBe(true);
    };
    cell(root, "chan", "s3").focus();
    press("End"); // the last cell of the row
    expect(at()).toBe(cell(root, "chan", "s5"));
    press("Home"); // the first cell of the row, then its lane header
    expect(at()).toBe(cell(root, "chan", "s1"));
    press("Home");
    expect(at().getAttribute("role")).toBe("rowheader");
    expect(at().parentElement?.dataset.laneId).toBe("chan");
    press("End");
    expect(at()).toBe(cell(root, "chan", "s5"));
    press("Home", { ctrlKey: true }); // the first cell of the grid
    expect(at()).toBe(cell(root, "doing", "s1"));
    press("End", { ctrlKey: true }); // the last
    expect(at()).toBe(cell(root, "conv", "s5"));
    press("Home", { metaKey: true }); // Cmd on a Mac
    expect(at()).toBe(cell(root, "doing", "s1"));
    // Without a layout to measure (happy-dom), a page is PAGE_ROWS lanes: past the last lane here.
    cell(root, "doing", "s2").focus();
    press("PageDown");
    expect(at()).toBe(cell(root, "conv", "s2"));
    press("PageDown"); // already on the last lane: stays, still handled
    expect(at()).toBe(cell(root, "conv", "s2"));
    press("PageUp");
    expect(at()).toBe(cell(root, "doing", "s2"));
    // From a step header, PageDown enters the lanes in its column; PageUp there stays.
    const header = root.querySelector<HTMLElement>('[role="columnheader"][data-step-id="s4"]')!;
    header.focus();
    press("PageUp");
    expect(at()).toBe(header);
    press("PageDown");
    expect(at()).toBe(cell(root, "conv", "s4"));
  });

  it("pages by as many lanes as the scroll area shows, less one", () => {
    const { root } = mount();
    const scroller = root.querySelector<HTMLElement>(".jmw-scroll")!;
    const rect = (height: number) => () =>
      ({ height, width: 0, top: 0, left: 0, bottom: height, right: 0 }) as DOMRect;
    // 5 lanes of 40px under a 40px header, in a 200px scroll area: 4 lanes show, a page is 3.
    Object.defineProperty(scroller, "clientHeight", { value: 200 });
    root.querySelector<HTMLElement>(".jmw-head")!.getBoundingClientRect = rect(40);
    root.querySelector<HTMLElement>(".jmw-body")!.getBoundingClientRect = rect(200);
    cell(root, "doing", "s3").focus();
    key(cell(root, "doing", "s3"), "PageDown");
    expect(document.activeElement).toBe(cell(root, "emo", "s3"));
    key(document.activeElement as Element, "PageUp");
    expect(document.activeElement).toBe(cell(root, "doing", "s3"));
  });

  it("keeps focus on its cell across a full re-render inside a shadow root (marimo)", () => {
    const { root, kernel } = mount(sampleDoc(), { shadow: true });
    const shadow = root.getRootNode() as ShadowRoot;
    expect(shadow).toBeInstanceOf(ShadowRoot);
    const c = cell(root, "chan", "s3");
    c.focus();
    expect(shadow.activeElement).toBe(c);
    expect(document.activeElement).toBe(shadow.host); // what the page sees: the host
    kernel.pythonChange([{ op: "set", path: ["lanes", 0, "name"], value: "Doing now" }]);
    const again = cell(root, "chan", "s3");
    expect(again).not.toBe(c); // a new element after the full render
    expect(shadow.activeElement).toBe(again);
  });

  it("does not let handled keys bubble to JupyterLab", () => {
    const { root, el } = mount();
    let outside = 0;
    el.parentElement?.addEventListener("keydown", () => outside++);
    const c = cell(root, "doing", "s1");
    c.focus();
    key(c, "ArrowRight");
    key(document.activeElement as Element, "Enter");
    const ta = root.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    key(ta, "a");
    expect(outside).toBe(0);
  });

  it("Enter, typing and Enter in a text cell sends set_cell and shows the text meanwhile", () => {
    const { root, model, kernel } = mount();
    kernel.hold = true;
    const c = cell(root, "doing", "s3");
    c.focus();
    key(c, "Enter");
    const ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    expect(ta).not.toBeNull();
    expect(document.activeElement).toBe(ta);
    ta.value = "Signs the contract";
    key(ta, "Enter");
    expect(edits(model)).toEqual([
      { op: "set_cell", lane: "doing", step: "s3", value: "Signs the contract" },
    ]);
    const sent = model.sent[0];
    expect(sent).toMatchObject({ type: "edit", base: 0 });
    expect(c.querySelector("textarea")).toBeNull();
    expect(c.textContent).toBe("Signs the contract");
    expect(document.activeElement).toBe(c);
    kernel.flush();
    expect(root.dataset.rev).toBe("1");
    expect(c.textContent).toBe("Signs the contract");
    expect(c.classList.contains("jmw-pending")).toBe(false);
  });

  it("Escape cancels; Shift+Enter does not commit; emptying sends null", () => {
    const { root, model } = mount();
    const c = cell(root, "doing", "s1");
    c.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    let ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "nope";
    key(ta, "Enter", { shiftKey: true });
    expect(c.querySelector("textarea")).not.toBeNull();
    key(ta, "Escape");
    expect(model.sent).toHaveLength(0);
    expect(c.textContent).toBe("Googles <b>banks</b>");
    key(c, "Enter");
    ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "";
    key(ta, "Enter");
    expect(edits(model)).toEqual([{ op: "set_cell", lane: "doing", step: "s1", value: null }]);
    expect(c.textContent).toBe("");
  });

  it("blur commits a text edit", () => {
    const { root, model } = mount();
    const c = cell(root, "doing", "s5");
    key(c, "Enter");
    const ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "Clicks link";
    ta.dispatchEvent(new FocusEvent("blur"));
    expect(edits(model)).toEqual([{ op: "set_cell", lane: "doing", step: "s5", value: "Clicks link" }]);
  });

  it("a rejected edit shows .jmw-error and restores the cell from the store", () => {
    const { root, model, kernel } = mount();
    kernel.hold = true;
    kernel.rejectNext = "the cell 'Doing' x 'Search' was changed from Python at revision 3";
    const c = cell(root, "doing", "s1");
    key(c, "Enter");
    const ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "My optimistic text";
    key(ta, "Enter");
    expect(c.textContent).toBe("My optimistic text");
    kernel.flush();
    const err = root.querySelector(".jmw-error[role=alert]") as HTMLElement;
    expect(err).not.toBeNull();
    expect(err.textContent).toContain("was changed from Python at revision 3");
    expect(c.textContent).toBe("Googles <b>banks</b>");
    expect(model.sent).toHaveLength(1);
    (err.querySelector("button") as HTMLButtonElement).click();
    expect(root.querySelector(".jmw-error")).toBeNull();
  });

  it("metric editor validates numbers and sends parsed values", () => {
    const { root, model } = mount();
    const c = cell(root, "conv", "s3");
    key(c, "Enter");
    const input = c.querySelector("input.jmw-editor") as HTMLInputElement;
    input.value = "lots";
    key(input, "Enter");
    expect(model.sent).toHaveLength(0);
    expect(c.querySelector(".jmw-validation")?.textContent).toMatch(/number/);
    input.value = "42.5";
    key(input, "Enter");
    expect(edits(model)).toEqual([{ op: "set_cell", lane: "conv", step: "s3", value: 42.5 }]);
    expect(cell(root, "conv", "s3").querySelector(".jmw-metric-value")?.textContent).toBe("42.5%");
  });

  it("channels editor commits the checked channels, null when none", () => {
    const { root, model } = mount();
    const c = cell(root, "chan", "s4");
    key(c, "Enter");
    const boxes = [...c.querySelectorAll<HTMLInputElement>(".jmw-channel-editor input[type=checkbox]")];
    expect(boxes.map((b) => [b.value, b.checked])).toEqual([
      ["web", true],
      ["email", true],
      ["phone", false],
    ]);
    boxes[0]!.checked = false;
    boxes[2]!.checked = true;
    key(boxes[2]!, "Enter");
    expect(edits(model)).toEqual([{ op: "set_cell", lane: "chan", step: "s4", value: ["email", "phone"] }]);
    const c1 = cell(root, "chan", "s1");
    key(c1, "Enter");
    const b1 = c1.querySelector<HTMLInputElement>("input[type=checkbox]")!;
    b1.checked = false;
    (c1.querySelector(".jmw-done") as HTMLButtonElement).click();
    expect(edits(model)[1]).toEqual({ op: "set_cell", lane: "chan", step: "s1", value: null });
  });

  it("emotion keys send set_cell with the selected persona", () => {
    const { root, model } = mount();
    const c = cell(root, "emo", "s1");
    c.focus();
    key(c, "+");
    expect(edits(model)[0]).toEqual({ op: "set_cell", lane: "emo", step: "s1", persona: "ana", value: 4 });
    const select = root.querySelector(".jmw-persona-select") as HTMLSelectElement;
    select.value = "bo";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    key(c, "ArrowDown", { shiftKey: true });
    expect(edits(model)[1]).toEqual({ op: "set_cell", lane: "emo", step: "s1", persona: "bo", value: 3 });
    key(c, "2");
    expect(edits(model)[2]).toEqual({ op: "set_cell", lane: "emo", step: "s1", persona: "bo", value: 2 });
    key(c, "9"); // outside the scale: ignored
    expect(edits(model)).toHaveLength(3);
    key(c, "Delete");
    expect(edits(model)[3]).toEqual({ op: "set_cell", lane: "emo", step: "s1", persona: "bo", value: null });
    // The curve follows the kernel's patches.
    expect(root.querySelector('.jmw-point[data-step-id="s1"][data-persona-id="bo"]')).toBeNull();
    expect(
      root.querySelector('.jmw-point[data-step-id="s1"][data-persona-id="ana"]')?.getAttribute("data-value"),
    ).toBe("4");
    expect(document.activeElement).toBe(c);
  });

  it("dragging an emotion point vertically sends set_cell on pointerup", () => {
    const { root, model } = mount();
    const point = root.querySelector(
      '.jmw-point[data-step-id="s2"][data-persona-id="ana"]',
    ) as SVGCircleElement;
    expect(point.getAttribute("data-value")).toBe("2");
    const opts = { bubbles: true, pointerId: 1, button: 0 };
    point.dispatchEvent(new PointerEvent("pointerdown", { ...opts, clientY: 100 }));
    // The harness DOM has no layout: y is measured from 0; y = 16 (top padding) is the scale maximum.
    point.dispatchEvent(new PointerEvent("pointermove", { ...opts, clientY: 16 }));
    expect(point.getAttribute("class")).toContain("jmw-mood-high");
    expect(model.sent).toHaveLength(0);
    point.dispatchEvent(new PointerEvent("pointerup", { ...opts, clientY: 16 }));
    expect(edits(model)).toEqual([{ op: "set_cell", lane: "emo", step: "s2", persona: "ana", value: 5 }]);
    expect(
      root.querySelector('.jmw-point[data-step-id="s2"][data-persona-id="ana"]')?.getAttribute("data-value"),
    ).toBe("5");
  });

  it("+ on an empty emotion cell starts at neutral; the point appears", () => {
    const { root, model } = mount();
    const c = cell(root, "emo", "s3");
    key(c, "=");
    expect(edits(model)[0]).toEqual({ op: "set_cell", lane: "emo", step: "s3", persona: "ana", value: 3 });
    expect(root.querySelector('.jmw-point[data-step-id="s3"][data-persona-id="ana"]')).not.toBeNull();
  });

  it("Ctrl/Cmd+Z sends undo, Ctrl+Shift+Z and Ctrl+Y send redo", () => {
    const { root, model } = mount();
    const c = cell(root, "doing", "s1");
    const ev = key(c, "z", { ctrlKey: true });
    expect(ev.defaultPrevented).toBe(true);
    key(c, "Z", { metaKey: true, shiftKey: true });
    key(c, "y", { ctrlKey: true });
    expect(model.sent.map((m) => m.type)).toEqual(["undo", "redo", "redo"]);
    expect(model.sent.every((m) => typeof m.req === "string" && m.req.length > 0)).toBe(true);
  });

  it("undo/redo buttons follow can_undo/can_redo", () => {
    const { root, kernel } = mount();
    const undo = root.querySelector('[data-action="undo"]') as HTMLButtonElement;
    const redo = root.querySelector('[data-action="redo"]') as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    kernel.pythonChange([{ op: "set", path: ["cells", "doing", "s3"], value: "x" }]);
    expect(undo.disabled).toBe(false);
    expect(redo.disabled).toBe(true);
    undo.click();
    expect(redo.disabled).toBe(false);
  });
});
