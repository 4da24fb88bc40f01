// The template lock (`doc.lock`, twin of model/_lock.py): what a view offers on a locked map.
// The kernel refuses every change to a locked part whatever the page sends; the view only hides
// the controls that would be refused and says why.
import type { Journey } from "./schema";

export const STRUCTURE_LOCKED = "The map's structure is locked by its template; only cells can be filled.";

export function laneLockedText(laneName: string): string {
  return `Lane ${laneName} is locked by its template; its cells cannot change.`;
}

export function structureLocked(doc: Journey): boolean {
  return doc.lock?.structure === true;
}

export function laneLocked(doc: Journey, laneId: string): boolean {
  return doc.lock?.lanes?.includes(laneId) ?? false;
}

/** Button actions (view/actions.ts) that change the structure. */
const STRUCTURE_ACTIONS = new Set([
  "add-stage",
  "add-lane",
  "personas",
  "add-step",
  "stage-left",
  "stage-right",
  "delete-stage",
  "step-left",
  "step-right",
  "delete-step",
  "lane-up",
  "lane-down",
  "delete-lane",
  "lane-settings",
]);

/** Button actions that change the cells (and cards) of the lane they sit in. */
const CELL_ACTIONS = new Set([
  "add-card",
  "card-move",
  "card-color",
  "card-impact",
  "delete-card",
  "annotations",
  "card-annotations",
]);

/** Why the lock refuses `action` (of a button in lane `laneId`, if any), or null when it does not. */
export function lockedAction(doc: Journey, action: string, laneId: string | undefined): string | null {
  if (STRUCTURE_ACTIONS.has(action) && structureLocked(doc)) return STRUCTURE_LOCKED;
  const laneActions =
    CELL_ACTIONS.has(action) || ["lane-up", "lane-down", "delete-lane", "lane-settings"].includes(action);
  if (laneId && laneActions && laneLocked(doc, laneId)) {
    return laneLockedText(doc.lanes.find((l) => l.id === laneId)?.name ?? laneId);
  }
  return null;
}
