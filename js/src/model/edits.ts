// Operations built from what the user asked for, and the checks made before sending them, without
// the DOM: moving a stage, step or lane one place (null when the move would leave the map), the
// lines of a list typed one per line, the emotion scale rule.
import type { Layout, StepInfo } from "./layout";
import type { Journey, MapState, Operation, Persona } from "./schema";

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

/** Lines of a textarea, trimmed, empty ones dropped. */
export function lines(text: string): string[] {
  return text
    .split("\n")
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Check the emotion scale the map panel's fields describe; a message naming the rule when wrong. */
export function checkScale(min: number, max: number, neutral: number): string | null {
  if (![min, max, neutral].every(Number.isFinite))
    return "Emotion scale: min, max and neutral must be numbers.";
  if (!Number.isInteger(min) || !Number.isInteger(max))
    return `Emotion scale: min and max must be whole numbers, got ${min} and ${max}.`;
  if (min >= max) return `Emotion scale: min (${min}) must be below max (${max}).`;
  if (neutral < min || neutral > max)
    return `Emotion scale: neutral (${neutral}) must lie in ${min}..${max}.`;
  return null;
}

/** What the map settings form holds (strings as typed). */
export interface MapForm {
  title: string;
  description: string;
  scenario: string;
  state: string;
  /** The channel vocabulary, one per line. */
  channels: string;
  min: string;
  max: string;
  neutral: string;
}

type MapFields = Extract<Operation, { op: "edit_map" }>["fields"];

/** The edit_map fields the form changes in `doc` (none: `{}`), or the emotion scale rule it breaks. */
export function mapEdit(doc: Journey, form: MapForm): { fields: MapFields } | { problem: string } {
  const fields: MapFields = {};
  if (form.title !== doc.title) fields.title = form.title;
  if (form.description !== doc.description) fields.description = form.description;
  if (form.scenario !== doc.scenario) fields.scenario = form.scenario;
  if (form.state !== doc.state) fields.state = form.state as MapState;
  const vocabulary = [...new Set(lines(form.channels))];
  if (!sameList(vocabulary, doc.channels)) fields.channels = vocabulary;
  const scale = doc.emotion_scale;
  const next = { min: Number(form.min), max: Number(form.max), neutral: Number(form.neutral) };
  if (next.min !== scale.min || next.max !== scale.max || next.neutral !== scale.neutral) {
    const problem = checkScale(next.min, next.max, next.neutral);
    if (problem) return { problem };
    fields.emotion_scale = scale.labels ? { ...next, labels: scale.labels } : next;
  }
  return { fields };
}

/** What a persona form holds (strings as typed; goals and needs one per line). */
export interface PersonaForm {
  /** Trimmed, not empty. */
  name: string;
  role: string;
  goals: string;
  needs: string;
  quote: string;
  backstory: string;
}

type PersonaFields = Extract<Operation, { op: "edit_persona" }>["fields"];

/** The edit_persona fields the form changes in `p` (none: `{}`). */
export function personaEdit(p: Persona, form: PersonaForm): PersonaFields {
  const fields: PersonaFields = {};
  if (form.name !== p.name) fields.name = form.name;
  if (form.role !== p.role) fields.role = form.role;
  if (!sameList(lines(form.goals), p.goals)) fields.goals = lines(form.goals);
  if (!sameList(lines(form.needs), p.needs)) fields.needs = lines(form.needs);
  if (form.quote !== p.quote) fields.quote = form.quote;
  if (form.backstory !== p.backstory) fields.backstory = form.backstory;
  return fields;
}
