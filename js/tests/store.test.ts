import { describe, expect, it, vi } from "vitest";
import type { StoreEvent } from "../src/model/store";
import { getStore, Store } from "../src/model/store";
import { FakeKernel, FakeModel, sampleDoc } from "./fixtures";

describe("Store", () => {
  it("is created once per model and listens to msg:custom once", () => {
    const model = new FakeModel(sampleDoc(), 3);
    const a = getStore(model.asModel());
    const b = getStore(model.asModel());
    expect(a).toBe(b);
    expect(a.rev).toBe(3);
    expect(model.listenerCount("msg:custom")).toBe(1);
    const other = new FakeModel(sampleDoc());
    expect(getStore(other.asModel())).not.toBe(a);
  });

  it("reads the document from a JSON string as well", () => {
    const model = new FakeModel(sampleDoc(), 1);
    model.attrs._doc = JSON.stringify(sampleDoc());
    const store = new Store(model.asModel());
    expect(store.doc.title).toBe("Onboarding");
  });

  it("sends edits with req and base, and applies the kernel's patch", () => {
    const model = new FakeModel(sampleDoc(), 5);
    new FakeKernel(model, sampleDoc(), 5);
    const store = new Store(model.asModel());
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    const req = store.edit({ op: "set_cell", lane: "doing", step: "s3", value: "hi" });
    expect(model.sent[0]).toEqual({
      type: "edit",
      req,
      base: 5,
      op: { op: "set_cell", lane: "doing", step: "s3", value: "hi" },
    });
    expect(store.rev).toBe(6);
    expect(store.doc.cells.doing?.s3).toBe("hi");
    expect(store.canUndo).toBe(true);
    expect(events[0]).toMatchObject({ type: "patch", req });
    expect(store.pending.size).toBe(0);
  });

  it("never changes the document locally before the kernel answers", () => {
    const model = new FakeModel(sampleDoc(), 0);
    const kernel = new FakeKernel(model, sampleDoc(), 0);
    kernel.hold = true;
    const store = new Store(model.asModel());
    const docBefore = store.doc;
    store.edit({ op: "set_cell", lane: "doing", step: "s3", value: "x" });
    expect(store.doc).toBe(docBefore);
    expect(store.rev).toBe(0);
    kernel.flush();
    expect(store.doc.cells.doing?.s3).toBe("x");
  });

  it("asks for a resync when a patch skips a revision, then takes the snapshot", () => {
    const model = new FakeModel(sampleDoc(), 2);
    const kernel = new FakeKernel(model, sampleDoc(), 2);
    const store = new Store(model.asModel());
    kernel.hold = true;
    kernel.doc = { ...kernel.doc, title: "From snapshot" };
    kernel.rev = 4;
    model.receive({
      type: "patch",
      rev: 4,
      patches: [{ op: "set", path: ["title"], value: "Skipped" }],
      origin: "python",
      can_undo: true,
      can_redo: false,
    });
    expect(store.rev).toBe(2);
    expect(store.doc.title).toBe("Onboarding");
    const resync = model.sent.find((m) => m.type === "resync");
    expect(resync).toBeDefined();
    kernel.flush();
    expect(store.rev).toBe(4);
    expect(store.doc.title).toBe("From snapshot");
  });

  it("ignores stale patches and resyncs when a patch does not fit", () => {
    const model = new FakeModel(sampleDoc(), 2);
    const store = new Store(model.asModel());
    model.receive({ type: "patch", rev: 2, patches: [], origin: "python", can_undo: false, can_redo: false });
    expect(model.sent).toHaveLength(0);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    model.receive({
      type: "patch",
      rev: 3,
      patches: [{ op: "rm", path: ["lanes"], index: 99 }],
      origin: "python",
      can_undo: false,
      can_redo: false,
    });
    spy.mockRestore();
    expect(store.rev).toBe(2);
    expect(model.sent.map((m) => m.type)).toEqual(["resync"]);
  });

  it("reports a reject to listeners with the pending request", () => {
    const model = new FakeModel(sampleDoc(), 0);
    const kernel = new FakeKernel(model, sampleDoc(), 0);
    const store = new Store(model.asModel());
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    kernel.rejectNext = "the cell was changed from Python";
    const settled: boolean[] = [];
    const owner = {};
    store.edit(
      { op: "set_cell", lane: "doing", step: "s1", value: "x" },
      { owner, onSettled: (ok) => settled.push(ok) },
    );
    expect(events).toHaveLength(1);
    const ev = events[0];
    expect(ev?.type).toBe("reject");
    if (ev?.type === "reject") {
      expect(ev.message).toBe("the cell was changed from Python");
      expect(ev.pending?.owner).toBe(owner);
    }
    expect(settled).toEqual([false]);
    expect(store.doc.cells.doing?.s1).toBe("Googles <b>banks</b>");
  });

  it("a later edit sent after its predecessor's answer carries the newer base", () => {
    const model = new FakeModel(sampleDoc(), 10);
    const kernel = new FakeKernel(model, sampleDoc(), 10);
    kernel.hold = true;
    const store = new Store(model.asModel());
    store.edit({ op: "set_cell", lane: "doing", step: "s1", value: "a" }); // rev 11
    store.edit({ op: "set_cell", lane: "doing", step: "s2", value: "b" });
    kernel.flush();
    expect(model.sent[1]).toMatchObject({ type: "edit", base: 11 });
  });

  it("sends edits one at a time and advances base past its own answered edits", () => {
    const model = new FakeModel(sampleDoc(), 10);
    const kernel = new FakeKernel(model, sampleDoc(), 10);
    kernel.hold = true;
    const store = new Store(model.asModel());
    store.edit({ op: "set_cell", lane: "emo", step: "s1", persona: "ana", value: 4 });
    store.edit({ op: "set_cell", lane: "emo", step: "s1", persona: "ana", value: 5 });
    expect(model.sent).toHaveLength(1);
    kernel.flush();
    expect(model.sent).toHaveLength(2);
    expect(model.sent[1]).toMatchObject({ type: "edit", base: 11 });
    kernel.flush();
    expect(store.rev).toBe(12);
    expect(store.doc.cells.emo?.s1).toEqual({ ana: 5, bo: 4 });
  });

  it("keeps the original base when someone else changed the map meanwhile", () => {
    const model = new FakeModel(sampleDoc(), 10);
    const kernel = new FakeKernel(model, sampleDoc(), 10);
    kernel.hold = true;
    const store = new Store(model.asModel());
    kernel.pythonChange([{ op: "set", path: ["title"], value: "T" }]); // rev 11, not yet seen
    store.edit({ op: "set_cell", lane: "doing", step: "s1", value: "a" }); // answered with rev 12
    store.edit({ op: "set_cell", lane: "doing", step: "s2", value: "b" });
    kernel.flush();
    expect(model.sent[1]).toMatchObject({ type: "edit", base: 10 });
    kernel.flush();
    expect(store.rev).toBe(13);
    expect(store.doc.title).toBe("T");
  });

  it("undo and redo are sent as control messages", () => {
    const model = new FakeModel(sampleDoc(), 0);
    new FakeKernel(model, sampleDoc(), 0);
    const store = new Store(model.asModel());
    store.undo();
    store.redo();
    expect(model.sent.map((m) => m.type)).toEqual(["undo", "redo"]);
    expect(store.rev).toBe(2);
  });

  it("writes its revision to the model after its own edits are answered, not after others' changes", () => {
    const model = new FakeModel(sampleDoc(), 4);
    const kernel = new FakeKernel(model, sampleDoc(), 4);
    const store = new Store(model.asModel());
    kernel.pythonChange([{ op: "set", path: ["title"], value: "From Python" }]);
    expect(store.rev).toBe(5);
    expect(model.saves).toBe(0);
    expect(model.get("revision")).toBeUndefined();
    store.edit({ op: "set_cell", lane: "doing", step: "s3", value: "x" });
    expect(model.get("revision")).toBe(6);
    expect(model.saves).toBe(1);
    kernel.rejectNext = "refused";
    store.edit({ op: "set_cell", lane: "doing", step: "s3", value: "y" });
    expect(model.saves).toBe(1);
    store.undo();
    expect(model.get("revision")).toBe(7);
    expect(model.saves).toBe(2);
  });

  it("dispose removes the model listener", () => {
    const model = new FakeModel(sampleDoc(), 0);
    const store = new Store(model.asModel());
    expect(model.listenerCount("msg:custom")).toBe(1);
    store.dispose();
    expect(model.listenerCount("msg:custom")).toBe(0);
  });
});
