// What a view shows of the template lock (model/lock.ts): the root says whether the structure is
// locked (CSS hides the header tools), each locked lane's row is marked and says why on hover.
import { laneLocked, laneLockedText, STRUCTURE_LOCKED, structureLocked } from "../model/lock";
import type { ViewContext } from "./context";

export function markLocks(v: ViewContext): void {
  const locked = structureLocked(v.doc);
  v.root.classList.toggle("jmw-structure-locked", locked);
  for (const [laneId, row] of v.index.laneRows) {
    const header = v.index.laneHeader(laneId);
    const lane = v.layout.laneById.get(laneId)?.lane;
    const laneLock = laneLocked(v.doc, laneId);
    row.classList.toggle("jmw-lane-locked", laneLock);
    if (!header || !lane) continue;
    const notes = [laneLock ? laneLockedText(lane.name) : "", locked ? STRUCTURE_LOCKED : ""].filter(Boolean);
    if (notes.length === 0) continue;
    header.title = `${header.title}\n${notes.join("\n")}`.trim();
  }
  if (!locked) return;
  for (const header of [...v.index.stageHeaders.values(), ...v.index.stepHeaders.values()]) {
    header.title = `${header.title}\n${STRUCTURE_LOCKED}`.trim();
  }
}
