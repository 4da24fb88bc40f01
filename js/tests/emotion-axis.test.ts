// The emotion lane's scale in its header: numbers at their heights, the scale's words, the neutral
// line named, and faint lines across the steps, for 1-5, -2..+2 and 1-10 scales.
import { describe, expect, it } from "vitest";
import { emotionY } from "../src/model/layout";
import type { EmotionScale } from "../src/model/schema";
import { sampleDoc } from "./fixtures";
import { mount } from "./mount";

function axisOf(scale: EmotionScale) {
  const doc = sampleDoc();
  doc.emotion_scale = scale;
  doc.cells.emo = {}; // the sample's values fit 1-5 only
  const { root } = mount(doc);
  const header = root.querySelector<HTMLElement>('.jmw-lane[data-lane-id="emo"] > .jmw-lane-header');
  const axis = header?.querySelector<HTMLElement>(".jmw-emotion-axis");
  if (!header || !axis) throw new Error("no emotion axis");
  const ticks = [...axis.querySelectorAll<HTMLElement>(".jmw-axis-tick")].map((t) => ({
    number: t.querySelector(".jmw-axis-number")?.textContent,
    word: t.querySelector(".jmw-axis-word")?.textContent ?? null,
    neutral: t.classList.contains("jmw-axis-neutral"),
    top: Number.parseFloat(t.style.top),
  }));
  const grid = root.querySelectorAll('svg[data-lane-id="emo"] line.jmw-emotion-grid');
  return { root, header, axis, ticks, grid };
}

describe("the emotion scale in the lane header", () => {
  it("1-5: every number at its value's height, the scale's words, neutral in bold", () => {
    const { ticks, grid, axis, header } = axisOf({
      min: 1,
      max: 5,
      neutral: 3,
      labels: { "1": "Angry", "5": "Delighted" },
    });
    expect(ticks.map((t) => t.number)).toEqual(["5", "4", "3", "2", "1"]);
    expect(ticks.map((t) => t.word)).toEqual(["Delighted", null, "neutral", null, "Angry"]);
    expect(ticks.filter((t) => t.neutral).map((t) => t.number)).toEqual(["3"]);
    for (const t of ticks) expect(t.top).toBeCloseTo(emotionY(Number(t.number), 1, 5), 1);
    expect(grid).toHaveLength(4); // a faint line at each point but the neutral one (dashed already)
    expect(axis.getAttribute("aria-hidden")).toBe("true"); // the points name their values
    expect(Number.parseFloat(header.style.getPropertyValue("--jmw-axis-w"))).toBeGreaterThan(40);
  });

  it("-2..+2: signed numbers, 0 is neutral", () => {
    const { ticks } = axisOf({ min: -2, max: 2, neutral: 0 });
    expect(ticks.map((t) => t.number)).toEqual(["+2", "+1", "0", "-1", "-2"]);
    expect(ticks.find((t) => t.neutral)?.number).toBe("0");
  });

  it("1-10 with a neutral between two points: ten numbers and the neutral line named between 5 and 6", () => {
    const { ticks, grid } = axisOf({ min: 1, max: 10, neutral: 5.5 });
    expect(ticks.map((t) => t.number)).toEqual(["10", "9", "8", "7", "6", "", "5", "4", "3", "2", "1"]);
    const neutral = ticks.find((t) => t.neutral);
    expect(neutral).toMatchObject({ number: "", word: "neutral" });
    expect(neutral?.top).toBeCloseTo(emotionY(5.5, 1, 10), 1);
    expect(grid).toHaveLength(10);
  });

  it("a scale word is text, never markup", () => {
    const { axis } = axisOf({ min: 1, max: 5, neutral: 3, labels: { "5": "<img src=x onerror=alert(1)>" } });
    expect(axis.querySelector("img")).toBeNull();
    expect(axis.querySelector(".jmw-axis-word")?.textContent).toBe("<img src=x onerror=alert(1)>");
  });
});
