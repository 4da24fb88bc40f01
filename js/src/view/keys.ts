// Keys in the view: undo and redo, then whichever part has focus (connect mode, an arrow, a card,
// a cell, a header), then grid navigation. No key pressed in the widget reaches JupyterLab.
import { endpointOf } from "../arrows/endpoints";
import { isEditable } from "../dom/host";
import { headerOf } from "../grid/navigation";
import { clampToScale } from "../model/format";
import type { HeaderKind } from "../model/keys";
import { cellValue, emotionOf } from "../model/layout";
import type { Lane } from "../model/schema";
import { runAction } from "./actions";
import type { ViewContext } from "./context";

export function onKeyDown(v: ViewContext, e: KeyboardEvent): void {
  const target = e.target as HTMLElement;
  // No key pressed anywhere in the widget (a cell, a toolbar button, the view toggle, an arrow, a
  // panel field, an editor) reaches JupyterLab's or Notebook's shortcuts: D D there deletes the
  // notebook cell that holds the map. Tab and the browser's own keys still do their default.
  e.stopPropagation();
  if (isEditable(target)) return; // editors handle their own keys
  if (handleKey(v, target, e)) e.preventDefault();
}

/** Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (not on a read-only map); true when it was one. */
function historyKey(v: ViewContext, e: KeyboardEvent): boolean {
  const key = e.key;
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey || !(key === "z" || key === "Z" || (!e.shiftKey && (key === "y" || key === "Y"))))
    return false;
  if (!v.readonly) {
    const redo = e.shiftKey || key === "y" || key === "Y";
    if (redo) v.store.redo({ owner: v });
    else v.store.undo({ owner: v });
  }
  return true;
}

function handleKey(v: ViewContext, target: HTMLElement, e: KeyboardEvent): boolean {
  const key = e.key;
  const { cards, connect, connections, nav } = v.parts;
  if (historyKey(v, e)) return true;
  if (connect.onKey(e)) return true;
  if (target.tagName === "BUTTON" && (key === "Enter" || key === " ")) return false;
  const arrow = target.closest(".jmw-connection[data-connection-id]");
  if (arrow) return connections.onKey(arrow, e);
  const card = target.closest<HTMLElement>(".jmw-card[data-card-id]");
  if (card && v.grid.contains(card)) return blueprintKey(v, card, e) || cards.onKey(card, e);
  const el = nav.navElementOf(target);
  if (!el || !v.grid.contains(el)) return false;
  if (el.getAttribute("role") === "gridcell" ? onCellKey(v, el, e) : onHeaderKey(v, el, e)) return true;
  if (e.altKey || (e.shiftKey && (key === "ArrowUp" || key === "ArrowDown"))) return false;
  return nav.navigate(el, e);
}

function onCellKey(v: ViewContext, cell: HTMLElement, e: KeyboardEvent): boolean {
  const laneId = cell.dataset.laneId ?? "";
  const stepId = cell.dataset.stepId ?? "";
  const lane = v.layout.laneById.get(laneId)?.lane;
  if (!lane) return false;
  const key = e.key;
  if (key === " " && !e.ctrlKey) {
    v.selectStep(stepId);
    return true;
  }
  if (v.readonly) return false;
  if (lane.kind === "emotion") return onEmotionKey(v, lane, stepId, e);
  if (blueprintKey(v, cell, e)) return true;
  const plain = !e.altKey && !e.ctrlKey && !e.metaKey;
  if ((key === "Enter" || key === "F2") && plain) {
    const first = cell.querySelector<HTMLElement>(".jmw-card[data-card-id]");
    if (lane.kind === "cards" && first && key === "Enter") first.focus();
    else v.parts.editors.openCell(cell, lane, stepId);
    return true;
  }
  if (lane.kind === "cards" && (key === "+" || key === "n" || key === "N") && !e.ctrlKey && !e.metaKey) {
    v.parts.editors.openNewCard(cell, lane, stepId);
    return true;
  }
  if ((key === "Delete" || key === "Backspace") && lane.kind !== "cards") {
    if (cellValue(v.doc, laneId, stepId) !== undefined) {
      v.sendEdit(
        { op: "set_cell", lane: laneId, step: stepId, value: null },
        { restore: () => v.rerenderCell(laneId, stepId) },
      );
    }
    return true;
  }
  return false;
}

/** L (connect from here) and A (annotations) on a focused cell or card. */
function blueprintKey(v: ViewContext, el: HTMLElement, e: KeyboardEvent): boolean {
  if (v.readonly || e.ctrlKey || e.metaKey || e.altKey) return false;
  const key = e.key.toLowerCase();
  if (key !== "l" && key !== "a") return false;
  const end = endpointOf(el);
  if (!end) return false;
  if (key === "l") v.parts.connect.start(end);
  else v.openAnnotationsFor(end.end, el);
  return true;
}

/** +/- (or Shift+arrows) step the persona's value, a digit sets it, Delete clears it. */
function onEmotionKey(v: ViewContext, lane: Lane, stepId: string, e: KeyboardEvent): boolean {
  const scale = v.doc.emotion_scale;
  const persona = v.persona ?? v.doc.personas[0]?.id;
  if (!persona) return false;
  const current = emotionOf(v.doc, lane.id, stepId, persona);
  const key = e.key;
  const step = (dir: 1 | -1) =>
    current === null ? Math.round(scale.neutral) : clampToScale(Math.round(current) + dir, scale);
  let next: number | null;
  if (key === "+" || key === "=" || (key === "ArrowUp" && e.shiftKey)) next = step(1);
  else if (key === "-" || key === "_" || (key === "ArrowDown" && e.shiftKey)) next = step(-1);
  else if (/^[0-9]$/.test(key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
    const d = Number(key);
    if (d < scale.min || d > scale.max) return true;
    next = d;
  } else if (key === "Delete" || key === "Backspace") next = null;
  else return false;
  if (next !== current) v.sendEdit({ op: "set_cell", lane: lane.id, step: stepId, persona, value: next });
  return true;
}

/** Alt+arrow moves a header's stage, step or lane. */
const HEADER_MOVES: Record<HeaderKind, Record<string, string>> = {
  stage: { ArrowLeft: "stage-left", ArrowRight: "stage-right" },
  step: { ArrowLeft: "step-left", ArrowRight: "step-right" },
  lane: { ArrowUp: "lane-up", ArrowDown: "lane-down" },
};

function onHeaderKey(v: ViewContext, nav: HTMLElement, e: KeyboardEvent): boolean {
  const key = e.key;
  const who = headerOf(nav);
  if (key === " " && who?.kind === "step") {
    v.selectStep(who.id);
    return true;
  }
  if (v.readonly || !who) return false;
  if ((key === "Enter" || key === "F2") && !e.altKey) {
    v.parts.editors.startRename(who.kind, who.id, nav);
    return true;
  }
  let action: string | undefined;
  if (key === "Delete") action = `delete-${who.kind}`;
  else if (who.kind === "stage" && key === "+") action = "add-step";
  else if (who.kind === "lane" && key === "s" && !e.ctrlKey && !e.metaKey && !e.altKey)
    action = "lane-settings";
  else if (e.altKey) action = HEADER_MOVES[who.kind][key];
  if (!action) return false;
  runAction(v, action, nav);
  return true;
}
