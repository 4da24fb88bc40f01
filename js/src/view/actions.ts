// The buttons of the view (`button[data-action]`, also run by header keys): one small handler per
// action. Undo, redo and the view toggle work on a read-only map; the others edit it.
import { endpointOf } from "../arrows/endpoints";
import { moveLaneOp, moveStageOp, moveStepOp } from "../model/edits";
import { findCard } from "../model/layout";
import { lockedAction } from "../model/lock";
import type { Card, Operation } from "../model/schema";
import type { ViewContext } from "./context";

type Handler = (v: ViewContext, source: HTMLElement, action: string) => void;

const stageElOf = (source: HTMLElement) => source.closest<HTMLElement>("[data-stage-id]");
const stepIdOf = (source: HTMLElement) =>
  source.closest<HTMLElement>('[role="columnheader"][data-step-id]')?.dataset.stepId;
const laneIdOf = (source: HTMLElement) =>
  source.closest<HTMLElement>('[role="row"][data-lane-id]')?.dataset.laneId;

/** A handler for a card's button: runs `fn` with the card element and the card. */
const cardAction =
  (fn: (v: ViewContext, cardEl: HTMLElement, card: Card) => void): Handler =>
  (v, source) => {
    const cardEl = source.closest<HTMLElement>(".jmw-card[data-card-id]");
    const where = cardEl ? findCard(v.doc, cardEl.dataset.cardId ?? "") : null;
    if (cardEl && where) fn(v, cardEl, where.card);
  };

function send(v: ViewContext, op: Operation | null): void {
  if (op) v.sendEdit(op);
}

/** Connect from, or open the annotations of, the cell or card the button sits in. */
const fromEndpoint: Handler = (v, source, action) => {
  const end = endpointOf(source);
  if (!end) return;
  if (action.endsWith("annotations")) v.openAnnotationsFor(end.end, end.el);
  else if (!v.parts.connect.active) v.parts.connect.start(end);
};

const moveStage =
  (dir: -1 | 1): Handler =>
  (v, source) => {
    const stageId = stageElOf(source)?.dataset.stageId;
    if (stageId) send(v, moveStageOp(v.doc, v.layout, stageId, dir));
  };

const moveStep =
  (dir: -1 | 1): Handler =>
  (v, source) => {
    const stepId = stepIdOf(source);
    const info = stepId ? v.layout.stepById.get(stepId) : undefined;
    if (info) send(v, moveStepOp(v.doc, info, dir));
  };

const moveLane =
  (dir: -1 | 1): Handler =>
  (v, source) => {
    const laneId = laneIdOf(source);
    if (laneId) send(v, moveLaneOp(v.doc, v.layout, laneId, dir));
  };

const openLaneSettings: Handler = (v, source) => {
  const laneId = laneIdOf(source);
  if (!laneId) return;
  const header = v.index.laneHeader(laneId);
  v.parts.panels.openLane(laneId, () => header?.isConnected && v.parts.nav.focusNav(header));
};

const addCard: Handler = (v, source) => {
  const cell = source.closest<HTMLElement>('[role="gridcell"][data-step-id]');
  const laneId = laneIdOf(source);
  const lane = laneId ? v.layout.laneById.get(laneId)?.lane : undefined;
  if (cell && lane && cell.dataset.stepId) v.parts.editors.openNewCard(cell, lane, cell.dataset.stepId);
};

/** Actions that work on a read-only map too. */
const ALWAYS = new Map<string, Handler>([
  ["undo", (v) => v.store.undo({ owner: v })],
  ["redo", (v) => v.store.redo({ owner: v })],
  ["view-journey", (v) => v.setView("journey")],
  ["view-blueprint", (v) => v.setView("blueprint")],
]);

/** Actions that change the map (ignored on a read-only one). */
const EDITING = new Map<string, Handler>([
  ["delete-connection", (v, _source, action) => v.parts.connections.runAction(action)],
  ["connection-label", (v, _source, action) => v.parts.connections.runAction(action)],
  ["connect", fromEndpoint],
  ["card-connect", fromEndpoint],
  ["annotations", fromEndpoint],
  ["card-annotations", fromEndpoint],
  ["add-stage", (v) => v.parts.panels.toggle("add-stage")],
  ["add-lane", (v) => v.parts.panels.toggle("add-lane")],
  ["map-settings", (v) => v.parts.panels.toggle("map")],
  ["personas", (v) => v.parts.panels.toggle("personas")],
  [
    "add-step",
    (v, source) => {
      const stageEl = stageElOf(source);
      const stageId = stageEl?.dataset.stageId;
      if (stageEl && stageId) v.parts.editors.openNewStep(stageEl, stageId);
    },
  ],
  ["stage-left", moveStage(-1)],
  ["stage-right", moveStage(1)],
  [
    "delete-stage",
    (v, source) => {
      const stage = stageElOf(source)?.dataset.stageId;
      if (stage) v.sendEdit({ op: "delete_stage", stage });
    },
  ],
  ["step-left", moveStep(-1)],
  ["step-right", moveStep(1)],
  [
    "delete-step",
    (v, source) => {
      const step = stepIdOf(source);
      if (step) v.sendEdit({ op: "delete_step", step });
    },
  ],
  ["lane-up", moveLane(-1)],
  ["lane-down", moveLane(1)],
  [
    "delete-lane",
    (v, source) => {
      const lane = laneIdOf(source);
      if (lane) v.sendEdit({ op: "delete_lane", lane });
    },
  ],
  ["lane-settings", openLaneSettings],
  ["add-card", addCard],
  ["card-move", cardAction((v, _cardEl, card) => v.parts.panels.openMoveCard(card.id))],
  ["card-color", cardAction((v, _cardEl, card) => v.parts.cards.cycleColor(card))],
  ["card-impact", cardAction((v, _cardEl, card) => v.parts.cards.cycleImpact(card))],
  ["delete-card", cardAction((v, cardEl, card) => v.parts.cards.delete(cardEl, card.id))],
]);

/** Run the action `action` of the button (or header) `source`. */
export function runAction(v: ViewContext, action: string, source: HTMLElement): void {
  const always = ALWAYS.get(action);
  if (always) {
    always(v, source, action);
    return;
  }
  if (v.readonly) return;
  const locked = lockedAction(v.doc, action, laneIdOf(source));
  if (locked) {
    v.showError(locked);
    return;
  }
  EDITING.get(action)?.(v, source, action);
}
