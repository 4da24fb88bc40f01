// The compare view: the `comparison` trait outlines changed cells (before and after as text on
// hover), marks added and removed steps and lanes, names both maps with their state, and clears.
import { describe, expect, it } from "vitest";
import { cell, mount } from "./mount";

const COMPARISON = {
  before: { title: "Sign up today", state: "current", state_name: "Current state" },
  after: { title: "Sign up tomorrow", state: "future", state_name: "Future state" },
  cells: [
    { lane: "doing", step: "s1", kind: "changed", before: "Searches <b>the web</b>", after: "Asks a friend" },
    { lane: "conv", step: "s2", kind: "added", before: "(empty)", after: "40%" },
  ],
  added_steps: ["s4"],
  added_lanes: ["chan"],
  removed_steps: [{ id: "old-step", name: "Prints the form", before: "s3" }],
  removed_lanes: [{ id: "old-lane", name: "Thoughts", before: null }],
};

describe("compare view", () => {
  it("outlines changed cells with their values before and after as text", () => {
    const { root } = mount(undefined, { extra: { comparison: COMPARISON } });
    const changed = cell(root, "doing", "s1");
    expect(changed.dataset.compare).toBe("changed");
    expect(changed.title).toContain("Before: Searches <b>the web</b>\nAfter: Asks a friend");
    expect(changed.querySelector("b")).toBeNull(); // text, never HTML
    expect(changed.getAttribute("aria-description")).toContain(
      "Before: Searches <b>the web</b> After: Asks a friend",
    );
    expect(cell(root, "conv", "s2").dataset.compare).toBe("added");
    expect(cell(root, "doing", "s2").dataset.compare).toBeUndefined();
    const legend = root.querySelector<HTMLElement>(".jmw-compare-legend");
    expect(legend?.hidden).toBe(false);
    expect(legend?.textContent).toBe(
      "Compared with “Sign up today” (Current state); this map: “Sign up tomorrow” (Future state) · 2 cells changed · " +
        "1 step added · 1 step removed · 1 lane added · 1 lane removed",
    );
  });

  it("marks added steps and lanes, and where removed ones stood", () => {
    const { root } = mount(undefined, { extra: { comparison: COMPARISON } });
    const s4 = root.querySelector<HTMLElement>('[role="columnheader"][data-step-id="s4"]');
    expect(s4?.dataset.compare).toBe("added");
    expect(s4?.querySelector(".jmw-compare-badge")?.textContent).toBe("new");
    const chan = root.querySelector<HTMLElement>('[role="row"][data-lane-id="chan"] [role="rowheader"]');
    expect(chan?.dataset.compare).toBe("added");
    const s3 = root.querySelector<HTMLElement>('[role="columnheader"][data-step-id="s3"]');
    const removed = s3?.querySelector<HTMLElement>(".jmw-compare-removed");
    expect(removed?.textContent).toBe("− Prints the form");
    expect(removed?.title).toContain("stood before this one");
    const lastLane = root.querySelector<HTMLElement>('[role="row"][data-lane-id="conv"] [role="rowheader"]');
    expect(lastLane?.querySelector(".jmw-compare-removed")?.textContent).toBe("− Thoughts");
  });

  it("keeps the outlines through a re-render and takes everything off when the trait is cleared", () => {
    const { root, model, kernel } = mount(undefined, { extra: { comparison: COMPARISON } });
    const header = root.querySelector<HTMLElement>('[role="columnheader"][data-step-id="s3"]') as HTMLElement;
    const description = header.getAttribute("aria-description");
    kernel.pythonChange([{ op: "set", path: ["stages", 0, "name"], value: "Look around" }]);
    kernel.pythonChange([{ op: "set", path: ["lock"], value: { structure: true } }]); // a full render
    expect(cell(root, "doing", "s1").dataset.compare).toBe("changed");
    model.set("comparison", null);
    expect(root.querySelector(".jmw-compare, .jmw-compare-badge, .jmw-compare-removed")).toBeNull();
    expect(root.querySelector<HTMLElement>(".jmw-compare-legend")?.hidden).toBe(true);
    const after = root.querySelector<HTMLElement>('[role="columnheader"][data-step-id="s3"]') as HTMLElement;
    expect(after.getAttribute("aria-description") ?? "").not.toContain("Removed since");
    expect(description).toContain("Removed since the map before");
    expect(cell(root, "doing", "s1").hasAttribute("title")).toBe(false);
  });
});
