// How a view follows its store: a patch re-renders only what it touches (a full render for a
// change of structure), a rejection puts back what the editor showed and says why, and an edit
// the kernel does not answer is reported.
import { cellKey } from "../model/keys";
import { findCard } from "../model/layout";
import { type PatchScope, patchScope } from "../model/patches";
import type { Operation } from "../model/schema";
import type { StoreEvent } from "../model/store";
import type { ViewContext } from "./context";

/** Shown when the kernel has not answered an edit for a while (model/store.ts UNANSWERED_MS). */
export const UNANSWERED_MESSAGE =
  "The kernel has not answered this edit yet, so it is not saved. If the kernel is busy, it will be applied " +
  "when the kernel is free; on a page without a running kernel (an exported notebook) the map cannot be edited.";

/** Whether `v` should report on a request (its own, or one nobody owns). */
const reportsTo = (v: ViewContext, owner: object | undefined) => owner === undefined || owner === v;

/** Bring the view up to date with the store event `ev`. */
export function followStore(v: ViewContext, ev: StoreEvent): void {
  switch (ev.type) {
    case "patch":
      applyPatchEvent(v, ev.patches.map(patchScope));
      if (ev.pending && reportsTo(v, ev.pending.owner)) v.parts.banner.clear(false);
      break;
    case "snapshot":
      v.renderAll();
      break;
    case "reject":
      if (reportsTo(v, ev.pending?.owner)) v.showError(ev.message);
      if (ev.pending?.op) restoreAfterReject(v, ev.pending.op);
      break;
    case "unanswered":
      if (reportsTo(v, ev.pending.owner)) v.showError(UNANSWERED_MESSAGE);
      break;
    case "behind":
      v.parts.sync.show(ev.behind);
      break;
    case "history":
      break;
  }
}

function applyPatchEvent(v: ViewContext, scopes: PatchScope[]): void {
  if (scopes.some((sc) => sc.kind === "structure")) {
    v.renderAll();
    return;
  }
  const cells = new Map<string, { lane: string; step: string }>();
  const lanes = new Set<string>();
  for (const sc of scopes) {
    switch (sc.kind) {
      case "cell":
        cells.set(cellKey(sc.lane, sc.step), { lane: sc.lane, step: sc.step });
        break;
      case "lane-cells":
        lanes.add(sc.lane);
        break;
      case "title":
      case "state":
        v.renderToolbar();
        v.grid.setAttribute("aria-label", v.doc.title || "Journey map");
        break;
      case "stage-name": {
        const stage = v.doc.stages[sc.stageIndex];
        if (stage) v.refreshHeaderName("stage", stage.id);
        break;
      }
      case "meta":
        break;
    }
  }
  for (const { lane, step } of cells.values()) {
    if (!lanes.has(lane)) v.rerenderCell(lane, step);
  }
  for (const lane of lanes) v.renderLaneCells(lane);
  v.parts.cards.restoreFocus();
  v.afterRender();
}

/** Put back what an editor showed optimistically for `op`, which the kernel refused. */
function restoreAfterReject(v: ViewContext, op: Operation): void {
  switch (op.op) {
    case "set_cell":
    case "add_card":
      v.rerenderCell(op.lane, op.step);
      break;
    case "edit_card":
    case "delete_card":
    case "move_card": {
      const where = findCard(v.doc, op.card);
      if (where) v.rerenderCell(where.lane, where.step);
      if (op.op === "move_card") v.rerenderCell(op.lane, op.step);
      break;
    }
    case "rename_stage":
      v.refreshHeaderName("stage", op.stage);
      break;
    case "rename_step":
      v.refreshHeaderName("step", op.step);
      break;
    case "edit_lane":
      v.refreshHeaderName("lane", op.lane);
      break;
    default:
      break;
  }
}
