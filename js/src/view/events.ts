// Mouse, pointer, focus and change events in the view, routed to the part they concern; keys are
// in keys.ts. Every listener sits on the view's root element.
import { headerOf } from "../grid/navigation";
import { emotionOf, emotionValueAtY, findCard } from "../model/layout";
import { runAction } from "./actions";
import type { ViewContext } from "./context";
import { onKeyDown } from "./keys";

type Listen = (type: string, fn: (e: Event) => void) => void;

/** Attach the view's event handlers with `listen` (which also removes them when the view goes). */
export function listenToDom(v: ViewContext, listen: Listen): void {
  const { cards, connect, emotionDrag } = v.parts;
  listen("keydown", (e) => onKeyDown(v, e as KeyboardEvent));
  listen("click", (e) => onClick(v, e as MouseEvent));
  listen("dblclick", (e) => onDblClick(v, e as MouseEvent));
  listen("focusin", (e) => onFocusIn(v, e as FocusEvent));
  listen("change", (e) => onChange(v, e));
  listen("pointerdown", (e) => {
    if (!connect.onPointerDown(e as PointerEvent)) emotionDrag.onPointerDown(e as PointerEvent);
  });
  listen("pointerover", (e) => onPointerOver(v, e));
  listen("dragstart", (e) => {
    if (connect.dragging) e.preventDefault();
    else cards.onDragStart(e as DragEvent);
  });
  listen("dragover", (e) => cards.onDragOver(e as DragEvent));
  listen("dragleave", (e) => cards.onDragLeave(e as DragEvent));
  listen("drop", (e) => cards.onDrop(e as DragEvent));
  listen("dragend", () => cards.endDrag());
}

function onClick(v: ViewContext, e: MouseEvent): void {
  const target = e.target;
  if (!(target instanceof Element)) return;
  const { connect, connections, nav } = v.parts;
  if (connect.onClick(target)) return;
  const arrow = target.closest(".jmw-connection[data-connection-id]");
  if (arrow) {
    connections.select(arrow.getAttribute("data-connection-id"));
    return;
  }
  if (connections.selection !== null && !target.closest(".jmw-connection-tools"))
    connections.select(null, false);
  const btn = target.closest<HTMLButtonElement>("button[data-action]");
  if (btn && v.root.contains(btn)) {
    if (btn.disabled) return;
    e.stopPropagation();
    runAction(v, btn.dataset.action ?? "", btn);
    return;
  }
  const cell = nav.navElementOf(target);
  if (cell?.dataset.stepId && v.grid.contains(cell)) v.selectStep(cell.dataset.stepId);
}

/** Double-click edits: a card's text, a header's name, a new card, an emotion value, a cell. */
function onDblClick(v: ViewContext, e: MouseEvent): void {
  if (v.readonly) return;
  const target = e.target;
  if (!(target instanceof Element) || target.closest("button, input, textarea, select, .jmw-editor-box"))
    return;
  const { editors, nav } = v.parts;
  const cardEl = target.closest<HTMLElement>(".jmw-card[data-card-id]");
  if (cardEl) {
    const where = findCard(v.doc, cardEl.dataset.cardId ?? "");
    if (where) editors.editCard(cardEl, where.card);
    return;
  }
  const el = nav.navElementOf(target);
  if (!el || !v.grid.contains(el)) return;
  if (el.getAttribute("role") !== "gridcell") {
    const who = headerOf(el);
    if (who) editors.startRename(who.kind, who.id, el);
    return;
  }
  const laneId = el.dataset.laneId ?? "";
  const stepId = el.dataset.stepId ?? "";
  const lane = v.layout.laneById.get(laneId)?.lane;
  if (!lane) return;
  if (lane.kind === "cards") editors.openNewCard(el, lane, stepId);
  else if (lane.kind === "emotion") setEmotionAt(v, el, laneId, stepId, e.clientY);
  else editors.openCell(el, lane, stepId);
}

/** Double-click in an emotion cell: the selected persona's value at that height. */
function setEmotionAt(
  v: ViewContext,
  cell: HTMLElement,
  laneId: string,
  stepId: string,
  clientY: number,
): void {
  const persona = v.persona ?? v.doc.personas[0]?.id;
  const rect = cell.getBoundingClientRect();
  if (!persona || rect.height === 0) return;
  const scale = v.doc.emotion_scale;
  const value = emotionValueAtY(clientY - rect.top, scale.min, scale.max);
  if (value !== emotionOf(v.doc, laneId, stepId, persona)) {
    v.sendEdit({ op: "set_cell", lane: laneId, step: stepId, persona, value });
  }
}

function onFocusIn(v: ViewContext, e: FocusEvent): void {
  if (!(e.target instanceof Element)) return;
  const { connect, connections, nav } = v.parts;
  const el = nav.navElementOf(e.target);
  if (el && v.grid.contains(el)) {
    nav.setRoving(el);
    if (el.dataset.stepId) v.selectStep(el.dataset.stepId);
    if (el.getAttribute("role") === "gridcell") connect.placeCellTools(el);
  }
  const arrow = e.target.closest(".jmw-connection[data-connection-id]");
  if (arrow && connections.selection !== arrow.getAttribute("data-connection-id"))
    connections.select(arrow.getAttribute("data-connection-id"), false);
}

function onPointerOver(v: ViewContext, e: Event): void {
  if (!(e.target instanceof Element) || v.parts.connect.dragging) return;
  const cell = e.target.closest<HTMLElement>('[role="gridcell"][data-step-id]');
  if (cell && v.grid.contains(cell)) v.parts.connect.placeCellTools(cell);
}

function onChange(v: ViewContext, e: Event): void {
  const t = e.target;
  if (t instanceof HTMLSelectElement && t.classList.contains("jmw-persona-select")) v.setPersona(t.value);
}
