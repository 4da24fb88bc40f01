import { describe, expect, it } from "vitest";
import { applyPatches, PatchError, patchScope } from "../src/model/patches";
import { sampleDoc } from "./fixtures";

describe("applyPatches", () => {
  it("sets a new key and replaces an existing one", () => {
    const doc = { a: 1, b: { c: 2 } };
    const out = applyPatches(doc, [
      { op: "set", path: ["a"], value: 5 },
      { op: "set", path: ["b", "d"], value: [1, 2] },
    ]);
    expect(out).toEqual({ a: 5, b: { c: 2, d: [1, 2] } });
  });

  it("sets a list item by index", () => {
    const out = applyPatches({ xs: ["a", "b"] }, [{ op: "set", path: ["xs", 1], value: "z" }]);
    expect(out.xs).toEqual(["a", "z"]);
  });

  it("deletes object keys", () => {
    const out = applyPatches({ a: 1, b: { c: 2, d: 3 } }, [{ op: "del", path: ["b", "c"] }]);
    expect(out).toEqual({ a: 1, b: { d: 3 } });
    expect("c" in out.b).toBe(false);
  });

  it("inserts into and removes from lists", () => {
    const doc = { xs: [1, 2, 3] };
    expect(applyPatches(doc, [{ op: "ins", path: ["xs"], index: 0, value: 0 }]).xs).toEqual([0, 1, 2, 3]);
    expect(applyPatches(doc, [{ op: "ins", path: ["xs"], index: 3, value: 4 }]).xs).toEqual([1, 2, 3, 4]);
    expect(applyPatches(doc, [{ op: "rm", path: ["xs"], index: 1 }]).xs).toEqual([1, 3]);
  });

  it("handles nested paths through lists and objects (a card field)", () => {
    const doc = sampleDoc();
    const out = applyPatches(doc, [
      { op: "set", path: ["cells", "pains", "s2", 1, "impact"], value: "trivial" },
      { op: "del", path: ["cells", "pains", "s2", 0, "tag"] },
      { op: "set", path: ["stages", 1, "steps", 0, "name"], value: "Register" },
    ]);
    const cards = out.cells.pains?.s2 as { impact?: string; tag?: string }[];
    expect(cards[1]?.impact).toBe("trivial");
    expect(cards[0]?.tag).toBeUndefined();
    expect(out.stages[1]?.steps[0]?.name).toBe("Register");
  });

  it("moves a step between stages with rm + ins", () => {
    const doc = sampleDoc();
    const step = doc.stages[0]?.steps[2];
    const out = applyPatches(doc, [
      { op: "rm", path: ["stages", 0, "steps"], index: 2 },
      { op: "ins", path: ["stages", 1, "steps"], index: 0, value: step },
    ]);
    expect(out.stages[0]?.steps.map((s) => s.id)).toEqual(["s1", "s2"]);
    expect(out.stages[1]?.steps.map((s) => s.id)).toEqual(["s3", "s4", "s5"]);
  });

  it("never mutates the input and shares untouched parts", () => {
    const doc = sampleDoc();
    const before = JSON.stringify(doc);
    const out = applyPatches(doc, [
      { op: "set", path: ["cells", "doing", "s1"], value: "changed" },
      { op: "rm", path: ["lanes"], index: 0 },
      { op: "del", path: ["cells", "conv", "s1"] },
    ]);
    expect(JSON.stringify(doc)).toBe(before);
    expect(out).not.toBe(doc);
    expect(out.cells).not.toBe(doc.cells);
    expect(out.cells.doing).not.toBe(doc.cells.doing);
    // Untouched branches are shared, not copied.
    expect(out.stages).toBe(doc.stages);
    expect(out.cells.pains).toBe(doc.cells.pains);
    expect(out.personas).toBe(doc.personas);
  });

  it("copies inserted values so later mutation of the patch does not leak", () => {
    const value = { id: "x", text: "t" };
    const out = applyPatches({ xs: [] as unknown[] }, [{ op: "ins", path: ["xs"], index: 0, value }]);
    value.text = "mutated";
    expect(out.xs[0]).toEqual({ id: "x", text: "t" });
  });

  it("throws PatchError for paths that do not exist or bad indexes", () => {
    const doc = { xs: [1], o: {} };
    expect(() => applyPatches(doc, [{ op: "set", path: ["nope", "x"], value: 1 }])).toThrow(PatchError);
    expect(() => applyPatches(doc, [{ op: "rm", path: ["xs"], index: 3 }])).toThrow(PatchError);
    expect(() => applyPatches(doc, [{ op: "ins", path: ["o"], index: 0, value: 1 }])).toThrow(PatchError);
    expect(() => applyPatches(doc, [{ op: "set", path: ["xs", 5], value: 1 }])).toThrow(PatchError);
  });

  it("applies a batch where later patches see earlier ones", () => {
    const out = applyPatches({ cells: {} as Record<string, Record<string, number>> }, [
      { op: "set", path: ["cells", "L"], value: {} },
      { op: "set", path: ["cells", "L", "S"], value: 3 },
      { op: "set", path: ["cells", "L", "T"], value: 4 },
    ]);
    expect(out.cells).toEqual({ L: { S: 3, T: 4 } });
  });
});

describe("patchScope", () => {
  it("classifies patches for targeted re-rendering", () => {
    expect(patchScope({ op: "set", path: ["cells", "a", "b"], value: 1 })).toEqual({
      kind: "cell",
      lane: "a",
      step: "b",
    });
    expect(patchScope({ op: "del", path: ["cells", "a", "b", "p"] })).toEqual({
      kind: "cell",
      lane: "a",
      step: "b",
    });
    expect(patchScope({ op: "ins", path: ["cells", "a", "b"], index: 0, value: {} })).toEqual({
      kind: "cell",
      lane: "a",
      step: "b",
    });
    expect(patchScope({ op: "set", path: ["cells", "a"], value: {} })).toEqual({
      kind: "lane-cells",
      lane: "a",
    });
    expect(patchScope({ op: "set", path: ["title"], value: "x" })).toEqual({ kind: "title" });
    expect(patchScope({ op: "set", path: ["stages", 2, "name"], value: "x" })).toEqual({
      kind: "stage-name",
      stageIndex: 2,
    });
    expect(patchScope({ op: "rm", path: ["lanes"], index: 0 }).kind).toBe("structure");
    expect(patchScope({ op: "set", path: ["stages", 0, "steps", 1, "name"], value: "x" }).kind).toBe(
      "structure",
    );
  });
});
