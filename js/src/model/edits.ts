// Operations built from what the user asked for, without the DOM: moving a stage, step or lane
// one place. Null when the move would leave the map.
import type { Layout, StepInfo } from "./layout";
import type { Journey, Operation } from "./schema";

/** Move a stage one place left (-1) or right (1). */
export function moveStageOp(doc: Journey, layout: Layout, stageId: string, dir: -1 | 1): Operation | null {
  const si = layout.stageIndexById.get(stageId);
  if (si === undefined) return null;
  const index = si + dir;
  return index >= 0 && index < doc.stages.length ? { op: "move_stage", stage: stageId, index } : null;
}

/** Move a step one place; past the edge of its stage it goes to the neighbouring stage. */
export function moveStepOp(doc: Journey, info: StepInfo, dir: -1 | 1): Operation | null {
  const stages = doc.stages;
  if (dir < 0) {
    if (info.indexInStage > 0) return { op: "move_step", step: info.step.id, index: info.indexInStage - 1 };
    const prev = stages[info.stageIndex - 1];
    return prev ? { op: "move_step", step: info.step.id, stage: prev.id, index: prev.steps.length } : null;
  }
  if (info.indexInStage < info.stage.steps.length - 1)
    return { op: "move_step", step: info.step.id, index: info.indexInStage + 1 };
  const next = stages[info.stageIndex + 1];
  return next ? { op: "move_step", step: info.step.id, stage: next.id, index: 0 } : null;
}

/** Move a lane one place up (-1) or down (1) in the document's lane order. */
export function moveLaneOp(doc: Journey, layout: Layout, laneId: string, dir: -1 | 1): Operation | null {
  const li = layout.laneById.get(laneId)?.index;
  if (li === undefined) return null;
  const index = li + dir;
  return index >= 0 && index < doc.lanes.length ? { op: "move_lane", lane: laneId, index } : null;
}
