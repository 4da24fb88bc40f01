import { describe, expect, it } from "vitest";
import {
  barFraction,
  describeEmotion,
  formatCost,
  formatDuration,
  formatFixed,
  formatMetric,
  formatSeconds,
  impactLabel,
  moodOf,
  nextInCycle,
  parseNumberInput,
} from "../src/model/format";

describe("formatMetric", () => {
  it("percent: 0..100 numbers with a % sign", () => {
    expect(formatMetric(42, "percent")).toBe("42%");
    expect(formatMetric(55.56, "percent", "%")).toBe("55.6%");
    expect(formatMetric(0, "percent")).toBe("0%");
  });
  it("count: thousands separators, whole numbers", () => {
    expect(formatMetric(1234567, "count")).toBe("1,234,567");
    expect(formatMetric(999, "count", "visits")).toBe("999 visits");
    expect(formatMetric(-12000.4, "count")).toBe("-12,000");
  });
  it("seconds: s below a minute, m ss above, h mm ss above an hour", () => {
    expect(formatMetric(45, "seconds")).toBe("45s");
    expect(formatMetric(65, "seconds")).toBe("1m 05s");
    expect(formatMetric(3723, "seconds", "s")).toBe("1h 02m 03s");
    expect(formatSeconds(4.5)).toBe("4.5s");
  });
  it("currency: two decimals and the unit", () => {
    expect(formatMetric(1234.5, "currency", "EUR")).toBe("1,234.50 EUR");
    expect(formatMetric(0.1, "currency")).toBe("0.10");
  });
  it("score: up to one decimal", () => {
    expect(formatMetric(7.25, "score")).toBe("7.3");
    expect(formatMetric(8, "score", "/10")).toBe("8 /10");
  });
  it("no format: up to two decimals", () => {
    expect(formatMetric(1.23456)).toBe("1.23");
    expect(formatMetric(2, undefined, "min")).toBe("2 min");
  });
  it("formatFixed handles negatives that round to zero", () => {
    expect(formatFixed(-0.001, 2)).toBe("0.00");
  });
});

describe("formatCost", () => {
  it("shows two decimals, as the SVG export does", () => {
    expect(formatCost(1.9, "EUR")).toBe("1.90 EUR");
    expect(formatCost(0.4, "EUR")).toBe("0.40 EUR");
    expect(formatCost(2.345, "USD")).toBe("2.35 USD");
    expect(formatCost(1234.5, "GBP")).toBe("1,234.50 GBP");
  });
  it("drops the decimals of a whole amount, and the space without a currency", () => {
    expect(formatCost(12, "EUR")).toBe("12 EUR");
    expect(formatCost(0, "EUR")).toBe("0 EUR");
    expect(formatCost(12000)).toBe("12,000");
  });
});

describe("parseNumberInput", () => {
  it("parses plain, grouped and percent input", () => {
    expect(parseNumberInput("12")).toBe(12);
    expect(parseNumberInput(" 1,234.5 ")).toBe(1234.5);
    expect(parseNumberInput("45%")).toBe(45);
    expect(parseNumberInput("-3")).toBe(-3);
    expect(parseNumberInput(".5")).toBe(0.5);
  });
  it("empty is null, junk is NaN", () => {
    expect(parseNumberInput("   ")).toBeNull();
    expect(parseNumberInput("abc")).toBeNaN();
    expect(parseNumberInput("1.2.3")).toBeNaN();
    expect(parseNumberInput("12abc")).toBeNaN();
  });
});

describe("emotion and cards helpers", () => {
  const scale = { min: 1, max: 5, neutral: 3, labels: { "4": "Happy" } };
  it("describes values with scale and label", () => {
    expect(describeEmotion(4, scale)).toBe("4 of 5 (Happy)");
    expect(describeEmotion(2, scale)).toBe("2 of 5");
  });
  it("bands values into low / neutral / high", () => {
    expect(moodOf(1, scale)).toBe("low");
    expect(moodOf(3, scale)).toBe("neutral");
    expect(moodOf(5, scale)).toBe("high");
  });
  it("bar fraction within range", () => {
    expect(barFraction(5, 0, 10)).toBe(0.5);
    expect(barFraction(20, 0, 10)).toBe(1);
    expect(barFraction(3, 3, 3)).toBe(1);
  });
  it("impact is text with a symbol, and cycles through to none", () => {
    expect(impactLabel("abandons")).toBe("⚠ abandons");
    expect(nextInCycle(["a", "b"], undefined)).toBe("a");
    expect(nextInCycle(["a", "b"], "a")).toBe("b");
    expect(nextInCycle(["a", "b"], "b")).toBeNull();
  });
  it("durations use short units, up to two decimals", () => {
    expect(formatDuration(12, "minutes")).toBe("12 min");
    expect(formatDuration(1.5, "hours")).toBe("1.5 h");
    expect(formatDuration(0.125, "days")).toBe("0.13 d");
    expect(formatDuration(95, "seconds")).toBe("95 s");
  });
});
