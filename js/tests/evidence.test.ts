// Evidence behind a value (n, sd, low..high): formatting, the curve's whiskers and hollow points,
// the accessible names, and the editors replacing a value (and with it its evidence).
import { describe, expect, it } from "vitest";
import { whiskerPath } from "../src/model/emotion";
import { evidenceName, evidenceOf, hasEvidence, isSmallN, numberOf } from "../src/model/evidence";
import {
  emotionEvidenceDetail,
  emotionEvidenceText,
  metricEvidenceDetail,
  metricEvidenceText,
} from "../src/model/format";
import { emotionOf, emotionY, metricOf, metricRange } from "../src/model/layout";
import type { Journey } from "../src/model/schema";
import { SMALL_N } from "../src/model/shared";
import { edits, key, sampleDoc } from "./fixtures";
import { cell, cellName, mount } from "./mount";

const SCALE = { min: 1, max: 5, neutral: 3 };

function evidenceDoc(): Journey {
  const doc = sampleDoc();
  doc.cells.emo = {
    s1: { ana: { value: 2.1, n: 412, low: 1.8, high: 2.4 }, bo: 4 },
    s2: { ana: { value: 2, n: 12, sd: 0.8 } },
    s4: { ana: 4, bo: 5 },
  };
  doc.cells.conv = { s1: 80, s2: { value: 55.5, n: 300, low: 50, high: 61 }, s4: 30 };
  return doc;
}

describe("formatting evidence", () => {
  it("names the value, then n, sd and the interval", () => {
    expect(emotionEvidenceText({ value: 2.1, n: 412, low: 1.8, high: 2.4 })).toBe(
      "2.1 (n = 412, 1.8 to 2.4)",
    );
    expect(emotionEvidenceText({ value: 3 })).toBe("3");
    expect(emotionEvidenceDetail({ value: 3, n: 1500, sd: 0.456 })).toBe("n = 1,500, sd = 0.46");
    expect(emotionEvidenceDetail({ value: 3, low: 2.5 })).toBe("at least 2.5");
    expect(emotionEvidenceDetail({ value: 3, high: 3.5 })).toBe("at most 3.5");
    expect(metricEvidenceText({ value: 55.5, n: 300, low: 50, high: 61 }, "percent", "%")).toBe(
      "55.5% (n = 300, 50% to 61%)",
    );
    expect(metricEvidenceDetail({ value: 1200, sd: 12.5 }, "count")).toBe("sd = 12.5");
    expect(metricEvidenceDetail({ value: 12, low: 10, high: 15 }, "currency", "EUR")).toBe(
      "10.00 EUR to 15.00 EUR",
    );
  });
});

describe("reading either shape", () => {
  it("gives the number and the evidence of plain and evidence values", () => {
    expect(numberOf(2)).toBe(2);
    expect(numberOf({ value: 2.5, n: 4 })).toBe(2.5);
    expect(numberOf(null)).toBeNull();
    expect(numberOf("2")).toBeNull();
    expect(evidenceOf(2)).toEqual({ value: 2 });
    expect(evidenceOf(undefined)).toBeNull();
    expect(hasEvidence({ value: 2 })).toBe(false);
    expect(hasEvidence({ value: 2, sd: 0 })).toBe(true);
    expect(SMALL_N).toBe(30);
    expect(isSmallN({ value: 2, n: SMALL_N - 1 })).toBe(true);
    expect(isSmallN({ value: 2, n: SMALL_N })).toBe(false);
    expect(isSmallN({ value: 2 })).toBe(false);
    const doc = evidenceDoc();
    expect(emotionOf(doc, "emo", "s1", "ana")).toBe(2.1);
    expect(emotionOf(doc, "emo", "s1", "bo")).toBe(4);
    expect(metricOf(doc, "conv", "s2")).toBe(55.5);
    expect(metricRange(doc, "conv", [])).toBeNull();
  });

  it("draws a whisker from low to high with caps at the ends given", () => {
    const y = (v: number) => emotionY(v, 1, 5).toFixed(1);
    expect(whiskerPath({ value: 2.1, low: 1.8, high: 2.4 }, 100, SCALE)).toBe(
      `M100.0 ${y(1.8)} V${y(2.4)} M96.0 ${y(2.4)} H104.0 M96.0 ${y(1.8)} H104.0`,
    );
    expect(whiskerPath({ value: 3, high: 4 }, 10, SCALE)).toBe(`M10.0 ${y(3)} V${y(4)} M6.0 ${y(4)} H14.0`);
    expect(whiskerPath({ value: 3, n: 40 }, 10, SCALE)).toBeNull();
  });

  it("names a cell with its evidence, per persona when there are several", () => {
    const doc = evidenceDoc();
    const emo = doc.lanes[3]!;
    const conv = doc.lanes[4]!;
    expect(evidenceName(doc, emo, "s1", "Search")).toBe(
      "Emotion, Search: Ana 2.1 (n = 412, 1.8 to 2.4); Bo 4",
    );
    expect(evidenceName(doc, emo, "s4", "Sign up")).toBeNull();
    expect(evidenceName(doc, conv, "s2", "Compare")).toBe("Conversion, Compare: 55.5% (n = 300, 50% to 61%)");
    expect(evidenceName(doc, conv, "s1", "Search")).toBeNull();
    doc.personas = [doc.personas[0]];
    expect(evidenceName(doc, emo, "s1", "Fill form")).toBe("Emotion, Fill form: 2.1 (n = 412, 1.8 to 2.4)");
  });
});

describe("the widget shows evidence", () => {
  it("draws whiskers, hollow points for small n, and names the cells", () => {
    const { root } = mount(evidenceDoc());
    const whiskers = root.querySelectorAll(".jmw-whisker");
    expect(whiskers).toHaveLength(1);
    const whisker = whiskers[0]!;
    expect(whisker.getAttribute("data-step-id")).toBe("s1");
    expect(whisker.getAttribute("data-persona-id")).toBe("ana");
    expect(whisker.getAttribute("class")).toContain("jmw-persona-0");
    const sure = root.querySelector('.jmw-point[data-step-id="s1"][data-persona-id="ana"]')!;
    const unsure = root.querySelector('.jmw-point[data-step-id="s2"][data-persona-id="ana"]')!;
    expect(sure.getAttribute("class")).not.toContain("jmw-uncertain");
    expect(sure.getAttribute("data-value")).toBe("2.1");
    expect(sure.getAttribute("data-n")).toBe("412");
    expect(sure.querySelector("title")?.textContent).toBe("Ana, Search: 2.1 (n = 412, 1.8 to 2.4)");
    expect(unsure.getAttribute("class")).toContain("jmw-uncertain");
    expect(unsure.querySelector("title")?.textContent).toBe("Ana, Compare: 2 (n = 12, sd = 0.8)");
    const plain = root.querySelector('.jmw-point[data-step-id="s4"][data-persona-id="bo"]')!;
    expect(plain.querySelector("title")?.textContent).toBe("Bo, Sign up: 5 of 5 (Delighted)");
    const emo = cell(root, "emo", "s1");
    expect(cellName(emo)).toBe("Ana 2.1 (n = 412, 1.8 to 2.4); Bo 4 Emotion Search");
    expect(emo.title).toBe("Emotion, Search: Ana 2.1 (n = 412, 1.8 to 2.4); Bo 4");
    expect(cellName(cell(root, "emo", "s4"))).toBe("Emotion Sign up");
    expect(cell(root, "emo", "s4").hasAttribute("title")).toBe(false);
    const conv = cell(root, "conv", "s2");
    // Read out once, in full: the visible value and detail are hidden from screen readers.
    expect(cellName(conv)).toBe("55.5% (n = 300, 50% to 61%) Conversion Compare");
    expect(conv.title).toBe("Conversion, Compare: 55.5% (n = 300, 50% to 61%)");
    expect(conv.querySelector(".jmw-metric-value")?.textContent).toBe("55.5%");
    const detail = conv.querySelector(".jmw-evidence")!;
    expect(detail.textContent).toBe("n = 300, 50% to 61%");
    expect(detail.getAttribute("aria-hidden")).toBe("true");
    expect(cell(root, "conv", "s1").querySelector(".jmw-evidence")).toBeNull();
    // Bars are scaled to the numbers, whichever shape holds them.
    const bar = conv.querySelector(".jmw-bar-fill") as HTMLElement;
    expect(bar.style.width).toBe("69.4%");
  });

  it("follows the kernel: evidence set from Python appears, a plain number takes it away", () => {
    const { root, kernel } = mount();
    expect(root.querySelector(".jmw-whisker")).toBeNull();
    kernel.pythonChange([
      { op: "set", path: ["cells", "emo", "s2", "ana"], value: { value: 2.1, n: 20, low: 1.8, high: 2.4 } },
      { op: "set", path: ["cells", "conv", "s4"], value: { value: 30, n: 25 } },
    ]);
    expect(root.dataset.rev).toBe("1");
    expect(root.querySelectorAll('.jmw-whisker[data-step-id="s2"]')).toHaveLength(1);
    const point = root.querySelector('.jmw-point[data-step-id="s2"][data-persona-id="ana"]')!;
    expect(point.getAttribute("class")).toContain("jmw-uncertain");
    expect(cellName(cell(root, "emo", "s2"))).toBe("Ana 2.1 (n = 20, 1.8 to 2.4) Emotion Compare");
    expect(cell(root, "conv", "s4").querySelector(".jmw-evidence.jmw-uncertain")?.textContent).toBe("n = 25");
    kernel.pythonChange([
      { op: "set", path: ["cells", "emo", "s2", "ana"], value: 3 },
      { op: "set", path: ["cells", "conv", "s4"], value: 31 },
    ]);
    expect(root.querySelector(".jmw-whisker")).toBeNull();
    expect(cellName(cell(root, "emo", "s2"))).toBe("Emotion Compare");
    expect(cell(root, "emo", "s2").hasAttribute("title")).toBe(false);
    expect(cellName(cell(root, "conv", "s4"))).toBe("31% Conversion Sign up");
    expect(cell(root, "conv", "s4").querySelector(".jmw-evidence")).toBeNull();
  });

  it("editing a value by hand sends a plain number: the evidence, which described the old value, goes", () => {
    const { root, model } = mount(evidenceDoc());
    const emo = cell(root, "emo", "s1");
    emo.focus();
    key(emo, "+");
    expect(edits(model)[0]).toEqual({ op: "set_cell", lane: "emo", step: "s1", persona: "ana", value: 3 });
    expect(root.querySelector(".jmw-whisker")).toBeNull();
    expect(cellName(emo)).toBe("Emotion Search");
    // The metric editor opens on the number; committing it unchanged sends nothing.
    const conv = cell(root, "conv", "s2");
    key(conv, "Enter");
    const input = conv.querySelector<HTMLInputElement>("input.jmw-number-editor")!;
    expect(input.value).toBe("55.5");
    key(input, "Enter");
    expect(edits(model)).toHaveLength(1);
    expect(cell(root, "conv", "s2").querySelector(".jmw-evidence")?.textContent).toBe("n = 300, 50% to 61%");
    key(conv, "Enter");
    const again = conv.querySelector<HTMLInputElement>("input.jmw-number-editor")!;
    again.value = "57";
    key(again, "Enter");
    expect(edits(model)[1]).toEqual({ op: "set_cell", lane: "conv", step: "s2", value: 57 });
    expect(cell(root, "conv", "s2").querySelector(".jmw-evidence")).toBeNull();
  });

  it("dragging a point drops its whisker while it moves", () => {
    const { root, model } = mount(evidenceDoc());
    const point = root.querySelector(
      '.jmw-point[data-step-id="s1"][data-persona-id="ana"]',
    ) as SVGCircleElement;
    const opts = { bubbles: true, pointerId: 1, button: 0 };
    point.dispatchEvent(new PointerEvent("pointerdown", { ...opts, clientY: 100 }));
    point.dispatchEvent(new PointerEvent("pointermove", { ...opts, clientY: 16 }));
    expect(root.querySelector(".jmw-whisker")).toBeNull();
    point.dispatchEvent(new PointerEvent("pointerup", { ...opts, clientY: 16 }));
    expect(edits(model)).toEqual([{ op: "set_cell", lane: "emo", step: "s1", persona: "ana", value: 5 }]);
  });

  it("keeps user text out of the markup", () => {
    const doc = evidenceDoc();
    doc.personas[0]!.name = "<img src=x onerror=alert(1)>";
    doc.lanes[4] = { ...doc.lanes[4]!, name: "<b>Conv</b>", unit: "<i>u</i>", format: undefined };
    const { root } = mount(doc);
    expect(root.querySelector("img, b, i")).toBeNull();
    const point = root.querySelector('.jmw-point[data-step-id="s1"][data-persona-id="ana"]')!;
    expect(point.querySelector("title")?.textContent).toContain("<img src=x onerror=alert(1)>, Search: 2.1");
    expect(cellName(cell(root, "conv", "s2"))).toBe(
      "55.5 <i>u</i> (n = 300, 50 <i>u</i> to 61 <i>u</i>) <b>Conv</b> Compare",
    );
  });
});
