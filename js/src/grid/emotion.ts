// The emotion lane: one curve per persona over the step columns, its points, and dragging a point.
import { clear, cssEscape, h, SVG_NS, s } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import { type CurveSource, curvePath, PERSONA_STYLES, pointX, whiskerPath } from "../model/emotion";
import { hasEvidence, isSmallN } from "../model/evidence";
import { describeEmotion, emotionEvidenceText, emotionTicks, moodOf } from "../model/format";
import { cellKey } from "../model/keys";
import { EMOTION_H, emotionEvidenceOf, emotionOf, emotionValueAtY, emotionY } from "../model/layout";
import type { EmotionScale, Journey, Lane, Persona } from "../model/schema";

/** What the emotion SVG is drawn from (points are draggable unless the view is read-only). */
interface DrawSource extends CurveSource {
  readonly readonly: boolean;
}

/** The widest a scale word is shown (longer words end in an ellipsis), in px at the axis's 10 px. */
const AXIS_WORD_W = 72;

/**
 * The emotion scale at the right of the lane header, so a value reads without hovering: each
 * point's number at its height, the scale's word beside it, and "neutral" at the neutral line, in
 * bold. Its width (about 6 px a character) is set as --jmw-axis-w on the header, which keeps its
 * own text clear of it. Hidden from screen readers: every point already names its value.
 */
export function emotionAxis(scale: EmotionScale, header: HTMLElement): HTMLElement {
  const ticks = emotionTicks(scale);
  const digits = Math.max(...ticks.map((t) => t.text.length));
  const letters = Math.max(0, ...ticks.map((t) => (t.word ? t.word.length : 0)));
  const words = Math.min(AXIS_WORD_W, letters * 6);
  header.style.setProperty("--jmw-axis-w", `${digits * 6 + (words ? words + 4 : 0) + 12}px`);
  const axis = h("div", { class: "jmw-emotion-axis", "aria-hidden": "true" });
  axis.style.setProperty("--jmw-axis-digits", `${digits}ch`);
  for (const tick of ticks) {
    const row = h(
      "span",
      {
        class: `jmw-axis-tick${tick.neutral ? " jmw-axis-neutral" : ""}${tick.text ? "" : " jmw-axis-between"}`,
      },
      tick.word ? h("span", { class: "jmw-axis-word", title: tick.word }, tick.word) : null,
      h("span", { class: "jmw-axis-number" }, tick.text),
    );
    row.style.top = `${emotionY(tick.value, scale.min, scale.max).toFixed(1)}px`;
    axis.append(row);
  }
  return axis;
}

/** Draw the faint line of each numbered point, the neutral line, every persona's curve, the whiskers of intervals and the points into `svg`. */
export function drawEmotion(src: DrawSource, svg: SVGSVGElement, laneId: string): void {
  const { doc, layout } = src;
  const scale = doc.emotion_scale;
  clear(svg);
  for (const tick of emotionTicks(scale)) {
    if (tick.neutral || !tick.text) continue;
    const y = emotionY(tick.value, scale.min, scale.max);
    svg.append(s("line", { class: "jmw-emotion-grid", x1: 0, x2: layout.bodyWidth, y1: y, y2: y }));
  }
  const ny = emotionY(scale.neutral, scale.min, scale.max);
  svg.append(s("line", { class: "jmw-neutral-line", x1: 0, x2: layout.bodyWidth, y1: ny, y2: ny }));
  doc.personas.forEach((p, pi) => {
    const d = curvePath(src, laneId, p, pi);
    if (d) {
      svg.append(
        s("path", {
          class: `jmw-curve jmw-persona-${pi % PERSONA_STYLES}`,
          d,
          "data-persona-id": p.id,
          fill: "none",
        }),
      );
    }
  });
  drawWhiskers(src, svg, laneId);
  drawPoints(src, svg, laneId);
}

/** Each value's low..high interval as a whisker in its persona's colour, under the points. */
function drawWhiskers(src: DrawSource, svg: SVGSVGElement, laneId: string): void {
  const { doc, layout } = src;
  const n = doc.personas.length;
  doc.personas.forEach((p, pi) => {
    for (const info of layout.steps) {
      const e = emotionEvidenceOf(doc, laneId, info.step.id, p.id);
      const d = e && whiskerPath(e, pointX(info, pi, n), doc.emotion_scale);
      if (!d) continue;
      svg.append(
        s("path", {
          class: `jmw-whisker jmw-persona-${pi % PERSONA_STYLES}`,
          d,
          "data-step-id": info.step.id,
          "data-persona-id": p.id,
        }),
      );
    }
  });
}

/**
 * The points, coloured by mood; a value backed by few observations (n < SMALL_N) is hollow and
 * faded. Each point's title names the persona, the step and the value (with its evidence).
 */
function drawPoints(src: DrawSource, svg: SVGSVGElement, laneId: string): void {
  const { doc, layout } = src;
  const scale = doc.emotion_scale;
  const n = doc.personas.length;
  const proto = document.createElementNS(SVG_NS, "circle");
  proto.setAttribute("r", "6");
  doc.personas.forEach((p, pi) => {
    const cls = `jmw-persona-${pi % PERSONA_STYLES}${src.readonly ? "" : " jmw-draggable"}`;
    for (const info of layout.steps) {
      const e = emotionEvidenceOf(doc, laneId, info.step.id, p.id);
      if (e === null) continue;
      const v = e.value;
      const point = proto.cloneNode(false) as SVGCircleElement;
      const uncertain = isSmallN(e) ? " jmw-uncertain" : "";
      point.setAttribute("class", `jmw-point jmw-mood-${moodOf(v, scale)} ${cls}${uncertain}`);
      point.setAttribute("cx", pointX(info, pi, n).toFixed(1));
      point.setAttribute("cy", emotionY(v, scale.min, scale.max).toFixed(1));
      point.setAttribute("data-step-id", info.step.id);
      point.setAttribute("data-persona-id", p.id);
      point.setAttribute("data-value", String(v));
      if (e.n !== undefined) point.setAttribute("data-n", String(e.n));
      const text = hasEvidence(e) ? emotionEvidenceText(e) : describeEmotion(v, scale);
      point.appendChild(s("title", {}, `${p.name}, ${info.step.name}: ${text}`));
      svg.appendChild(point);
    }
  });
}

export function buildEmotionSvg(src: DrawSource, lane: Lane): SVGSVGElement {
  const width = src.layout.bodyWidth;
  const svg = s("svg", {
    class: "jmw-emotion-svg",
    width,
    height: EMOTION_H,
    viewBox: `0 0 ${width} ${EMOTION_H}`,
    "aria-hidden": "true",
    "data-lane-id": lane.id,
  });
  drawEmotion(src, svg, lane.id);
  return svg;
}

/** A point taken by the pointer: its element and SVG, and the lane, step and persona it shows. */
interface Grab {
  point: SVGCircleElement;
  svg: SVGSVGElement;
  laneId: string;
  stepId: string;
  persona: Persona;
  /** The persona's index (its curve style). */
  pi: number;
}

/** The emotion point `e` went down on, if it is one. */
function grabbedPoint(e: PointerEvent, doc: Journey): Grab | null {
  const target = e.target;
  if (!(target instanceof Element) || !target.classList.contains("jmw-point")) return null;
  const point = target as SVGCircleElement;
  const svg = point.ownerSVGElement;
  const laneId = svg?.getAttribute("data-lane-id");
  const stepId = point.getAttribute("data-step-id");
  const personaId = point.getAttribute("data-persona-id");
  if (!svg || !laneId || !stepId || !personaId) return null;
  const pi = doc.personas.findIndex((p) => p.id === personaId);
  const persona = doc.personas[pi];
  return persona ? { point, svg, laneId, stepId, persona, pi } : null;
}

/**
 * Dragging a point vertically: the curve follows the pointer locally, and one set_cell goes out
 * on release, with the revision the drag began at.
 */
export class EmotionDrag {
  /** The lane whose curve is being dragged (its redraws wait until the drag ends). */
  lane: string | null = null;

  constructor(
    private readonly host: ViewHost,
    private readonly redraw: (laneId: string) => void,
  ) {}

  onPointerDown(e: PointerEvent): void {
    const host = this.host;
    if (host.readonly || e.button !== 0) return;
    const grab = grabbedPoint(e, host.doc);
    if (!grab) return;
    e.preventDefault();
    this.drag(grab, e.pointerId);
    host.focusNav(host.index.cells.get(cellKey(grab.laneId, grab.stepId)));
  }

  private drag({ point, svg, laneId, stepId, persona, pi }: Grab, pointerId: number): void {
    const host = this.host;
    const scale = host.doc.emotion_scale;
    const base = host.store.rev;
    const original = emotionOf(host.doc, laneId, stepId, persona.id);
    let value = original;
    this.lane = laneId;
    try {
      point.setPointerCapture(pointerId);
    } catch {
      // not supported (tests): events still reach the point
    }
    point.classList.add("jmw-dragging");
    const who = `[data-persona-id="${cssEscape(persona.id)}"]`;
    const path = svg.querySelector<SVGPathElement>(`path.jmw-curve${who}`);
    // A new value replaces the evidence behind the old one: its interval goes while dragging.
    const whisker = svg.querySelector(`.jmw-whisker${who}[data-step-id="${cssEscape(stepId)}"]`);
    const move = (ev: PointerEvent) => {
      const next = emotionValueAtY(ev.clientY - svg.getBoundingClientRect().top, scale.min, scale.max);
      if (next === value) return;
      value = next;
      whisker?.remove();
      point.setAttribute("cy", emotionY(next, scale.min, scale.max).toFixed(1));
      point.setAttribute(
        "class",
        `jmw-point jmw-mood-${moodOf(next, scale)} jmw-persona-${pi % PERSONA_STYLES} jmw-draggable jmw-dragging`,
      );
      path?.setAttribute("d", curvePath(host, laneId, persona, pi, { step: stepId, value: next }));
    };
    const end = (ev: PointerEvent, commit: boolean) => {
      point.removeEventListener("pointermove", move);
      point.removeEventListener("pointerup", up);
      point.removeEventListener("pointercancel", cancel);
      try {
        point.releasePointerCapture(ev.pointerId);
      } catch {
        // ignore
      }
      this.lane = null;
      if (commit && value !== null && value !== original) {
        host.sendEdit(
          { op: "set_cell", lane: laneId, step: stepId, persona: persona.id, value },
          { base, restore: () => this.redraw(laneId) },
        );
      } else {
        this.redraw(laneId);
      }
    };
    const up = (ev: PointerEvent) => end(ev, true);
    const cancel = (ev: PointerEvent) => end(ev, false);
    point.addEventListener("pointermove", move);
    point.addEventListener("pointerup", up);
    point.addEventListener("pointercancel", cancel);
  }
}
