// Bursts of changes from code: a patch message carrying several changes, the kernel's revision
// marker, and the "catching up" status of a view that is behind.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PatchMessage } from "../src/model/schema";
import { Store, type StoreEvent } from "../src/model/store";
import { CATCHING_UP } from "../src/toolbar/syncstatus";
import { FakeKernel, FakeModel, sampleDoc } from "./fixtures";
import { cell, mount } from "./mount";

/** Changes revisions base+1..base+n of the cell doing/s3 as one message, as the kernel sends a burst. */
function batch(base: number, n: number): PatchMessage {
  return {
    type: "patch",
    base,
    rev: base + n,
    patches: Array.from({ length: n }, (_, i) => ({
      op: "set" as const,
      path: ["cells", "doing", "s3"],
      value: `value ${base + i + 1}`,
    })),
    origin: "python",
    label: "set_cell",
    can_undo: true,
    can_redo: false,
  };
}

function setup(rev = 5) {
  const model = new FakeModel(sampleDoc(), rev);
  const kernel = new FakeKernel(model, sampleDoc(), rev);
  const store = new Store(model.asModel());
  const events: StoreEvent[] = [];
  store.subscribe((e) => events.push(e));
  return { model, kernel, store, events };
}

const resyncs = (model: FakeModel) => model.sent.filter((m) => m.type === "resync");

afterEach(() => {
  vi.useRealTimers();
});

describe("a patch message carrying several changes", () => {
  it("applies when it starts at the store's revision: one update, the last history flags", () => {
    const { model, store, events } = setup(5);
    model.receive(batch(5, 3));
    expect(store.rev).toBe(8);
    expect(store.doc.cells.doing?.s3).toBe("value 8");
    expect(store.canUndo).toBe(true);
    expect(events.map((e) => e.type)).toEqual(["patch"]);
    expect(resyncs(model)).toEqual([]);
    expect(store.behind).toBe(false);
  });

  it("is skipped when the store already has it, and asks for a snapshot when it does not follow", () => {
    const { model, kernel, store, events } = setup(5);
    model.receive(batch(2, 3));
    expect(store.rev).toBe(5);
    expect(resyncs(model)).toEqual([]);
    kernel.hold = true;
    kernel.rev = 9;
    kernel.doc = { ...kernel.doc, title: "After the burst" };
    model.receive(batch(6, 3)); // revision 6 was lost
    expect(store.rev).toBe(5);
    expect(store.doc.cells.doing?.s3).toBeUndefined();
    expect(resyncs(model)).toHaveLength(1);
    expect(store.behind).toBe(true);
    expect(events).toContainEqual({ type: "behind", behind: true });
    kernel.flush();
    expect(store.rev).toBe(9);
    expect(store.doc.title).toBe("After the burst");
    expect(store.behind).toBe(false);
    expect(events.at(-1)).toEqual({ type: "behind", behind: false });
  });

  it("that overlaps the store's revision asks for a snapshot too", () => {
    const { model, store } = setup(5);
    model.receive(batch(3, 4));
    expect(store.rev).toBe(5);
    expect(resyncs(model)).toHaveLength(1);
  });
});

describe("the kernel's revision marker", () => {
  it("ahead of the store asks for one snapshot; at or behind it does nothing", () => {
    const { model, kernel, store } = setup(5);
    model.receive({ type: "revision", rev: 5 });
    model.receive({ type: "revision", rev: 3 });
    expect(resyncs(model)).toEqual([]);
    kernel.hold = true;
    kernel.rev = 7;
    model.receive({ type: "revision", rev: 7 });
    model.receive({ type: "revision", rev: 7 });
    expect(resyncs(model)).toHaveLength(1);
    expect(store.behind).toBe(true);
    kernel.flush();
    expect(store.rev).toBe(7);
    expect(store.behind).toBe(false);
  });

  it("asks again when a snapshot asked for long ago never came", () => {
    vi.useFakeTimers();
    const { model, kernel, store } = setup(5);
    kernel.hold = true;
    kernel.rev = 7;
    model.receive({ type: "revision", rev: 7 });
    kernel.flush = () => undefined; // the snapshot is lost
    vi.advanceTimersByTime(5_000);
    model.receive({ type: "revision", rev: 7 });
    expect(resyncs(model)).toHaveLength(1);
    vi.advanceTimersByTime(6_000);
    model.receive({ type: "revision", rev: 7 });
    expect(resyncs(model)).toHaveLength(2);
    expect(store.behind).toBe(true);
  });
});

describe("a view behind the kernel", () => {
  it("says it is catching up, in a live region, until the snapshot comes", () => {
    const { root, model, kernel } = mount();
    const status = root.querySelector(".jmw-sync-status") as HTMLElement;
    expect(status.getAttribute("role")).toBe("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.textContent).toBe("");
    kernel.hold = true;
    kernel.doc = { ...kernel.doc, cells: { ...kernel.doc.cells, doing: { s1: "From the burst" } } };
    kernel.rev = 3000;
    model.receive({ type: "revision", rev: 3000 });
    expect(status.textContent).toBe(CATCHING_UP);
    expect(status.dataset.state).toBe("behind");
    expect(root.dataset.rev).toBe("0");
    kernel.flush();
    expect(status.textContent).toBe("");
    expect(status.dataset.state).toBe("current");
    expect(root.dataset.rev).toBe("3000");
    expect(cell(root, "doing", "s1").textContent).toBe("From the burst");
  });

  it("shows a burst's last values from one message", () => {
    const { root, model } = mount();
    model.receive(batch(0, 40));
    expect(root.dataset.rev).toBe("40");
    expect(cell(root, "doing", "s3").textContent).toBe("value 40");
    expect((root.querySelector(".jmw-sync-status") as HTMLElement).textContent).toBe("");
  });
});
