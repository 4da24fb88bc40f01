// Pure formatting helpers (numbers, emotions, card labels).
import type { CardColor, DurationUnit, EmotionScale, Evidence, Impact, Lane, MetricFormat } from "./schema";

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Fixed decimals with thousands separators, e.g. 1234567.891 -> "1,234,567.89". */
export function formatFixed(value: number, decimals: number): string {
  const negative = value < 0;
  const fixed = Math.abs(value).toFixed(decimals);
  const [intPart = "0", frac] = fixed.split(".");
  const text = groupThousands(intPart) + (frac !== undefined ? `.${frac}` : "");
  return negative && Number(fixed) !== 0 ? `-${text}` : text;
}

/** Up to `max` decimals, trailing zeros dropped: 3.50 -> "3.5", 4 -> "4". */
export function formatUpTo(value: number, max: number): string {
  const fixed = formatFixed(value, max);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** Durations: under a minute "45s" (or "4.5s"); "1m 05s"; "1h 02m 03s". */
export function formatSeconds(value: number): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  let text: string;
  if (abs < 60) {
    text = `${formatUpTo(abs, 1)}s`;
  } else {
    const total = Math.round(abs);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const ss = String(s).padStart(2, "0");
    text = h > 0 ? `${formatFixed(h, 0)}h ${String(m).padStart(2, "0")}m ${ss}s` : `${m}m ${ss}s`;
  }
  return negative ? `-${text}` : text;
}

/**
 * Format a metric value for its lane.
 * percent: stored as 0..100, shown "42.5%"; count: "12,345"; seconds: "1m 05s";
 * currency: "1,234.50 EUR"; score: up to one decimal. No format: up to 2 decimals.
 * The lane's unit follows (except for percent and seconds, whose unit is implied, unless the unit differs).
 */
export function formatMetric(value: number, format?: MetricFormat, unit?: string): string {
  if (!Number.isFinite(value)) return String(value);
  let text: string;
  let implied: string[] = [];
  switch (format) {
    case "percent":
      text = `${formatUpTo(value, 1)}%`;
      implied = ["%", "percent", "pct"];
      break;
    case "count":
      text = formatFixed(Math.round(value), 0);
      break;
    case "seconds":
      text = formatSeconds(value);
      implied = ["s", "sec", "secs", "second", "seconds"];
      break;
    case "currency":
      text = formatFixed(value, 2);
      break;
    case "score":
      text = formatUpTo(value, 1);
      break;
    default:
      text = formatUpTo(value, 2);
  }
  const u = unit?.trim();
  if (u && !implied.includes(u.toLowerCase())) text = `${text} ${u}`;
  return text;
}

/** A money amount: two decimals (1.9 -> "1.90"), none when whole (12 -> "12"), thousands grouped. */
export function formatAmount(amount: number): string {
  if (!Number.isFinite(amount)) return String(amount);
  return Number.isInteger(amount) ? formatFixed(amount, 0) : formatFixed(amount, 2);
}

/** A blueprint annotation's cost, as the SVG export shows it: "1.90 EUR", "12 EUR". */
export function formatCost(amount: number, currency = ""): string {
  return `${formatAmount(amount)} ${currency}`.trimEnd();
}

/** Short unit names for durations ("12 min"); twin of formatting.DURATION_SHORT. */
const DURATION_SHORT: Record<DurationUnit, string> = { seconds: "s", minutes: "min", hours: "h", days: "d" };

/** A blueprint annotation's duration, as the SVG export shows it: "12 min", "1.5 h". */
export function formatDuration(value: number, unit: DurationUnit): string {
  return `${formatUpTo(value, 2)} ${DURATION_SHORT[unit] ?? unit}`;
}

export function formatLaneValue(lane: Lane, value: number): string {
  return formatMetric(value, lane.format, lane.unit);
}

/** Parse a user-typed number ("1,234.5", " 12 ", "45%"); null for empty input; NaN when invalid. */
export function parseNumberInput(text: string): number | null {
  const t = text.trim().replace(/,/g, "").replace(/%$/, "").trim();
  if (t === "") return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return Number.NaN;
  return Number(t);
}

/** Fraction 0..1 of `value` within [min, max] (when min == max: 1, or 0 if all are 0). */
export function barFraction(value: number, min: number, max: number): number {
  if (!(max > min)) return value === 0 && min === 0 && max === 0 ? 0 : 1;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}

export type Mood = "low" | "neutral" | "high";

/** Which colour band a value falls in on the emotion scale. */
export function moodOf(value: number, scale: EmotionScale): Mood {
  const span = Math.max(1, scale.max - scale.min);
  const tolerance = span * 0.1;
  if (value < scale.neutral - tolerance) return "low";
  if (value > scale.neutral + tolerance) return "high";
  return "neutral";
}

export function emotionLabel(value: number, scale: EmotionScale): string | undefined {
  return scale.labels?.[String(value)];
}

/** "4 of 5 (Happy)" or "4 of 5". */
export function describeEmotion(value: number, scale: EmotionScale): string {
  const label = emotionLabel(value, scale);
  const num = Number.isInteger(value) ? String(value) : formatUpTo(value, 2);
  return label ? `${num} of ${scale.max} (${label})` : `${num} of ${scale.max}`;
}

type NumberText = (value: number) => string;

function evidenceDetail(e: Evidence, number: NumberText, spread: NumberText): string {
  const parts: string[] = [];
  if (e.n !== undefined) parts.push(`n = ${formatFixed(e.n, 0)}`);
  if (e.sd !== undefined) parts.push(`sd = ${spread(e.sd)}`);
  if (e.low !== undefined && e.high !== undefined) parts.push(`${number(e.low)} to ${number(e.high)}`);
  else if (e.low !== undefined) parts.push(`at least ${number(e.low)}`);
  else if (e.high !== undefined) parts.push(`at most ${number(e.high)}`);
  return parts.join(", ");
}

const withDetail = (text: string, detail: string): string => (detail ? `${text} (${detail})` : text);
const emotionNumber: NumberText = (value) => formatUpTo(value, 2);

/** The data behind an emotion value: "n = 412, sd = 0.4, 1.8 to 2.4" ("" with none); twin of formatting.py. */
export function emotionEvidenceDetail(e: Evidence): string {
  return evidenceDetail(e, emotionNumber, emotionNumber);
}

/** An emotion value with its evidence: "2.1 (n = 412, 1.8 to 2.4)". */
export function emotionEvidenceText(e: Evidence): string {
  return withDetail(emotionNumber(e.value), emotionEvidenceDetail(e));
}

/** The data behind a metric value, its numbers formatted for the lane: "n = 300, 40% to 45%". */
export function metricEvidenceDetail(e: Evidence, format?: MetricFormat, unit?: string): string {
  const spreadFormat: MetricFormat | undefined = format === "count" ? "score" : format; // a spread of counts keeps its decimal
  return evidenceDetail(
    e,
    (v) => formatMetric(v, format, unit),
    (v) => formatMetric(v, spreadFormat, unit),
  );
}

/** A metric value with its evidence: "42.5% (n = 300, 40% to 45%)". */
export function metricEvidenceText(e: Evidence, format?: MetricFormat, unit?: string): string {
  return withDetail(formatMetric(e.value, format, unit), metricEvidenceDetail(e, format, unit));
}

export function clampToScale(value: number, scale: EmotionScale): number {
  return Math.min(scale.max, Math.max(scale.min, value));
}

export const CARD_COLORS: readonly CardColor[] = [
  "yellow",
  "pink",
  "green",
  "blue",
  "purple",
  "orange",
  "grey",
];
export const IMPACTS: readonly Impact[] = ["trivial", "work-around", "abandons"];

export const IMPACT_SYMBOL: Record<Impact, string> = {
  trivial: "○",
  "work-around": "◐",
  abandons: "⚠",
};

/** Impact as text with a symbol, e.g. "⚠ abandons" (never colour alone). */
export function impactLabel(impact: Impact): string {
  return `${IMPACT_SYMBOL[impact]} ${impact}`;
}

export function nextInCycle<T>(list: readonly T[], current: T | undefined | null): T | null {
  if (current === undefined || current === null) return list[0] ?? null;
  const i = list.indexOf(current);
  if (i < 0) return list[0] ?? null;
  return i + 1 < list.length ? (list[i + 1] ?? null) : null;
}

export const KIND_LABEL: Record<Lane["kind"], string> = {
  text: "¶ text",
  cards: "▤ cards",
  channels: "⇄ channels",
  emotion: "♥ emotion",
  metric: "# metric",
};

/** At most this many numbered ticks on an emotion axis (1-10 and -5..+5 show every point). */
export const MAX_EMOTION_TICKS = 11;

/** One tick of the emotion axis: a point of the scale, or the neutral line between two points. */
export interface EmotionTick {
  value: number;
  /** The number as shown ("" for a neutral between two points); "+2" on a scale below zero. */
  text: string;
  /** The scale's word for the point, "neutral" on the neutral point, or null. */
  word: string | null;
  neutral: boolean;
}

/**
 * The emotion axis, top (max) first: every point of a scale with up to MAX_EMOTION_TICKS points,
 * else round steps (1, 2, 5, 10, 20, ...) with both ends kept (the twin of `emotion_ticks` in
 * model/formatting.py).
 */
export function emotionTicks(scale: EmotionScale): EmotionTick[] {
  const { min: low, max: high, neutral } = scale;
  const fits = (step: number) => Math.floor((high - low) / step) + 1 <= MAX_EMOTION_TICKS;
  let step = 1;
  for (let power = 1; !fits(step); power *= 10) {
    step = [power, 2 * power, 5 * power].find(fits) ?? 10 * power;
  }
  const values = new Set([low, high]);
  for (let v = Math.ceil(low / step) * step; v <= high; v += step) {
    if (Math.min(v - low, high - v) >= step * 0.75) values.add(v);
  }
  const ticks: EmotionTick[] = [...values]
    .sort((a, b) => b - a)
    .map((value) => ({
      value,
      text: (low < 0 && value > 0 ? "+" : "") + String(value),
      word: emotionLabel(value, scale) || (value === neutral ? "neutral" : null),
      neutral: value === neutral,
    }));
  if (!ticks.some((t) => t.neutral) && low <= neutral && neutral <= high) {
    ticks.push({ value: neutral, text: "", word: "neutral", neutral: true });
    ticks.sort((a, b) => b.value - a.value);
  }
  return ticks;
}
