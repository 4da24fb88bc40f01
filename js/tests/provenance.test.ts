// Values from data: cells and cards a binding's last refresh wrote are marked as data, those a
// person changed since as kept; hover and the accessible description say where they came from.
import { describe, expect, it } from "vitest";
import { cardProvenance, cellProvenance, describeBinding, refreshedAt } from "../src/model/provenance";
import type { Binding, Journey, Lane } from "../src/model/schema";
import { sampleDoc } from "./fixtures";
import { cell, mount } from "./mount";

const AT = "2026-11-30T09:15:00+00:00";
const FUNNEL = { kind: "funnel", source: "events", params: {} } as const;

function boundDoc(): Journey {
  const doc = sampleDoc();
  doc.cells.conv = { s1: 80, s2: 61.5, s4: 30 };
  doc.cells.emo = { s1: { ana: { value: 2.1, n: 412 }, bo: 4 } };
  const bindings: Binding[] = [
    {
      id: "conv-data",
      lane: "conv",
      compute: { ...FUNNEL },
      column: "conversion",
      last: { at: AT, source: "events", rows: 9, values: { s1: 80, s2: 55.5 } },
    },
    {
      id: "emo-data",
      lane: "emo",
      compute: { kind: "survey", source: "answers", params: {} },
      column: "mean",
      persona: "ana",
      last: { at: AT, source: "answers", rows: 412, values: { s1: { value: 2.1, n: 412 } } },
    },
    {
      id: "pains-data",
      lane: "pains",
      compute: { kind: "counts", source: "tickets", params: {} },
      column: "top",
      last: { at: AT, source: "tickets", rows: 3, values: { p1: "Slow (2)" }, cards: { "s1/Slow": "p1" } },
    },
  ];
  doc.bindings = bindings;
  return doc;
}

function lane(doc: Journey, id: string): Lane {
  return doc.lanes.find((l) => l.id === id)!;
}

describe("provenance of values", () => {
  it("says what computed a value, from which source and when", () => {
    const doc = boundDoc();
    expect(refreshedAt(AT)).toBe("2026-11-30 09:15 UTC");
    expect(refreshedAt("yesterday")).toBe("yesterday");
    expect(describeBinding(doc.bindings![0]!)).toBe(
      "conversion of a funnel over 'events', refreshed 2026-11-30 09:15 UTC (9 rows)",
    );
    expect(cellProvenance(doc, lane(doc, "conv"), "s1")).toEqual({
      state: "data",
      text: "From data: conversion of a funnel over 'events', refreshed 2026-11-30 09:15 UTC (9 rows)",
    });
  });

  it("tells a value a person changed since the refresh, with what the data gave", () => {
    const doc = boundDoc();
    const kept = cellProvenance(doc, lane(doc, "conv"), "s2");
    expect(kept?.state).toBe("kept");
    expect(kept?.text).toContain("Edited by hand (the data gave 55.5%); refreshes keep it");
    expect(cellProvenance(doc, lane(doc, "conv"), "s4")).toBeNull(); // never written by data
    expect(cellProvenance(doc, lane(doc, "doing"), "s1")).toBeNull();
  });

  it("compares evidence, names the persona of an emotion binding, and marks data cards", () => {
    const doc = boundDoc();
    expect(cellProvenance(doc, lane(doc, "emo"), "s1")?.text).toMatch(/^Ana: from data: mean of a survey/);
    (doc.cells.emo as Record<string, Record<string, unknown>>).s1!.ana = { value: 2.1, n: 400 };
    expect(cellProvenance(doc, lane(doc, "emo"), "s1")?.state).toBe("kept");
    expect(cardProvenance(doc, "pains", { id: "p1", text: "Slow (2)" })?.state).toBe("data");
    expect(cardProvenance(doc, "pains", { id: "p1", text: "Slow on Mondays" })?.state).toBe("kept");
    expect(cardProvenance(doc, "pains", { id: "p9", text: "Mine" })).toBeNull();
  });
});

describe("the grid marks them", () => {
  it("badges data and kept cells and cards and puts the source in their descriptions", () => {
    const doc = boundDoc();
    doc.cells.pains = {
      s1: [
        { id: "p1", text: "Slow (2)" },
        { id: "p2", text: "Mine" },
      ],
    };
    const { root } = mount(doc);
    const data = cell(root, "conv", "s1");
    expect(data.getAttribute("data-provenance")).toBe("data");
    expect(data.querySelector(".jmw-provenance")?.textContent).toBe("data");
    expect(data.getAttribute("aria-description")).toContain(
      "From data: conversion of a funnel over 'events'",
    );
    const kept = cell(root, "conv", "s2");
    expect(kept.getAttribute("data-provenance")).toBe("kept");
    expect(kept.querySelector(".jmw-provenance")?.textContent).toBe("edited");
    expect(kept.title).toContain("the data gave 55.5%");
    expect(cell(root, "conv", "s4").hasAttribute("data-provenance")).toBe(false);
    const cards = cell(root, "pains", "s1").querySelectorAll(".jmw-card");
    expect(cards[0]!.getAttribute("data-provenance")).toBe("data");
    expect(cards[1]!.hasAttribute("data-provenance")).toBe(false);
  });

  it("follows a patch: a hand edit turns a data cell into a kept one", () => {
    const { root, kernel } = mount(boundDoc());
    kernel.pythonChange([{ op: "set", path: ["cells", "conv", "s1"], value: 70 }]);
    const edited = cell(root, "conv", "s1");
    expect(edited.getAttribute("data-provenance")).toBe("kept");
    expect(edited.querySelectorAll(".jmw-provenance")).toHaveLength(1);
  });
});
