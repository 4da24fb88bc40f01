/* eslint-disable */
/**
 * GENERATED FILE, do not edit by hand.
 * Source: src/jmwidget/schema/journey.schema.json
 * Regenerate with `npm run gen:types`; `npm run check:types` fails on drift.
 */

/**
 * A stable identifier: letters, digits, '-' and '_'.
 */
export type Id = string;
export type CardColor = "yellow" | "pink" | "green" | "blue" | "purple" | "orange" | "grey";
export type Impact = "trivial" | "work-around" | "abandons";
export type LaneKind = "text" | "cards" | "channels" | "emotion" | "metric";
/**
 * Service-blueprint zone of a lane, top to bottom: physical evidence, customer actions, (line of interaction) frontstage, (line of visibility) backstage, (line of internal interaction) support processes. Lanes with a zone keep this order.
 */
export type Zone = "evidence" | "customer" | "frontstage" | "backstage" | "support";
export type MetricFormat = "percent" | "count" | "seconds" | "currency" | "score";
export type DurationUnit = "seconds" | "minutes" | "hours" | "days";
/**
 * One validated, invertible edit. References are ids.
 */
export type Operation =
  | EditMapOp
  | AddPersonaOp
  | EditPersonaOp
  | DeletePersonaOp
  | AddStageOp
  | RenameStageOp
  | MoveStageOp
  | DeleteStageOp
  | AddStepOp
  | RenameStepOp
  | MoveStepOp
  | DeleteStepOp
  | AddLaneOp
  | EditLaneOp
  | MoveLaneOp
  | DeleteLaneOp
  | SetCellOp
  | AddCardOp
  | EditCardOp
  | MoveCardOp
  | DeleteCardOp
  | AddConnectionOp
  | EditConnectionOp
  | DeleteConnectionOp
  | SetAnnotationOp
  | BatchOp;
export type MapState = "current" | "future";
/**
 * A stable identifier: letters, digits, '-' and '_'.
 */
export type Id1 = string;
/**
 * A stable identifier: letters, digits, '-' and '_'.
 */
export type Id2 = string;
/**
 * text lanes: string; cards lanes: Card[]; channels lanes: string[]; emotion lanes: EmotionValue; metric lanes: number.
 */
export type CellValue = string | number | Card[] | string[] | EmotionValue;
/**
 * Messages the browser sends to the kernel.
 */
export type ClientMessage = EditMessage | ControlMessage;
export type PatchPath = (string | number)[];
/**
 * A primitive change to the document JSON. Operations compile to patches; the kernel sends patches to the browser.
 */
export type Patch = SetPatch | DelPatch | InsPatch | RmPatch;
/**
 * Messages the kernel sends to the browser.
 */
export type ServerMessage = PatchMessage | RejectMessage | SnapshotMessage;

export interface AddCardOp {
  op: "add_card";
  lane: Id;
  step: Id;
  card: CardInput;
  index?: number;
}
export interface CardInput {
  id?: Id;
  text: string;
  color?: CardColor;
  tag?: string;
  impact?: Impact | null;
}
export interface AddConnectionOp {
  op: "add_connection";
  connection: ConnectionInput;
  index?: number;
}
export interface ConnectionInput {
  id?: Id;
  from: Endpoint;
  to: Endpoint;
  label?: string;
}
/**
 * One end of a connection: a cell (lane x step), or a card in that cell.
 */
export interface Endpoint {
  lane: Id;
  step: Id;
  card?: Id;
}
export interface AddLaneOp {
  op: "add_lane";
  lane: LaneInput;
  index?: number;
}
export interface LaneInput {
  id?: Id;
  name: string;
  kind: LaneKind;
  zone?: Zone;
  description?: string;
  unit?: string;
  format?: MetricFormat;
  higher_is_better?: boolean;
}
export interface AddPersonaOp {
  op: "add_persona";
  persona: PersonaInput;
  index?: number;
}
export interface PersonaInput {
  id?: Id;
  name: string;
  role?: string;
  goals?: string[];
  needs?: string[];
  quote?: string;
  backstory?: string;
}
export interface AddStageOp {
  op: "add_stage";
  stage: StageInput;
  index?: number;
}
export interface StageInput {
  id?: Id;
  name: string;
  steps?: StepInput[];
}
export interface StepInput {
  id?: Id;
  name: string;
}
export interface AddStepOp {
  op: "add_step";
  stage: Id;
  step: StepInput;
  index?: number;
}
/**
 * Blueprint notes on a cell or card. fail_point / wait_point hold a note on what fails or why the customer waits.
 */
export interface Annotation {
  fail_point?: string;
  wait_point?: string;
  duration?: Duration;
  cost?: Cost;
  /**
   * Responsible team or role.
   */
  owner?: string;
}
export interface Duration {
  value: number;
  unit: DurationUnit;
}
export interface Cost {
  amount: number;
  /**
   * ISO 4217 code, e.g. 'EUR'.
   */
  currency: string;
}
export interface BatchOp {
  op: "batch";
  label?: string;
  ops: Operation[];
}
export interface EditMapOp {
  op: "edit_map";
  fields: {
    title?: string;
    description?: string;
    scenario?: string;
    state?: MapState;
    channels?: string[];
    emotion_scale?: EmotionScale;
  };
}
export interface EmotionScale {
  min: number;
  max: number;
  neutral: number;
  /**
   * Optional words for scale points, keyed by the point written as a string (e.g. {"1": "Angry"}).
   */
  labels?: {
    [k: string]: string | undefined;
  };
}
export interface EditPersonaOp {
  op: "edit_persona";
  persona: Id;
  fields: {
    name?: string;
    role?: string;
    goals?: string[];
    needs?: string[];
    quote?: string;
    backstory?: string;
  };
}
export interface DeletePersonaOp {
  op: "delete_persona";
  persona: Id;
}
export interface RenameStageOp {
  op: "rename_stage";
  stage: Id;
  name: string;
}
export interface MoveStageOp {
  op: "move_stage";
  stage: Id;
  index: number;
}
export interface DeleteStageOp {
  op: "delete_stage";
  stage: Id;
}
export interface RenameStepOp {
  op: "rename_step";
  step: Id;
  name: string;
}
export interface MoveStepOp {
  op: "move_step";
  step: Id;
  stage?: Id1;
  index: number;
}
export interface DeleteStepOp {
  op: "delete_step";
  step: Id;
}
export interface EditLaneOp {
  op: "edit_lane";
  lane: Id;
  fields: {
    name?: string;
    /**
     * null takes the lane out of the blueprint zones.
     */
    zone?: Zone | null;
    description?: string;
    unit?: string;
    format?: MetricFormat;
    higher_is_better?: boolean;
  };
}
export interface MoveLaneOp {
  op: "move_lane";
  lane: Id;
  index: number;
}
export interface DeleteLaneOp {
  op: "delete_lane";
  lane: Id;
}
export interface SetCellOp {
  op: "set_cell";
  lane: Id;
  step: Id;
  persona?: Id2;
  /**
   * The new value; null clears the cell.
   */
  value: string | number | string[] | null;
}
export interface EditCardOp {
  op: "edit_card";
  card: Id;
  fields: {
    text?: string;
    color?: CardColor | null;
    tag?: string | null;
    impact?: Impact | null;
  };
}
export interface MoveCardOp {
  op: "move_card";
  card: Id;
  lane: Id;
  step: Id;
  index?: number;
}
export interface DeleteCardOp {
  op: "delete_card";
  card: Id;
}
export interface EditConnectionOp {
  op: "edit_connection";
  connection: Id;
  fields: {
    /**
     * null or '' removes the label.
     */
    label?: string | null;
    from?: Endpoint;
    to?: Endpoint;
  };
}
export interface DeleteConnectionOp {
  op: "delete_connection";
  connection: Id;
}
/**
 * Set or clear (null) annotation fields of a cell (lane and step) or of a card (card; lane and step optional).
 */
export interface SetAnnotationOp {
  op: "set_annotation";
  lane?: Id;
  step?: Id;
  card?: Id;
  fields: {
    fail_point?: string | null;
    wait_point?: string | null;
    /**
     * A Duration ({value > 0, unit}); checked by the model so errors name the cell.
     */
    duration?: {} | null;
    /**
     * A Cost ({amount >= 0, currency}); checked by the model so errors name the cell.
     */
    cost?: {} | null;
    owner?: string | null;
  };
}
export interface Card {
  id: Id;
  text: string;
  color?: CardColor;
  tag?: string;
  impact?: Impact;
  annotations?: Annotation;
}
/**
 * Emotion per persona id: a number on the map's emotion scale.
 */
export interface EmotionValue {
  [k: string]: number | undefined;
}
export interface EditMessage {
  type: "edit";
  /**
   * Request id chosen by the browser, echoed in the answer.
   */
  req: string;
  /**
   * The revision the browser saw when the edit began.
   */
  base: number;
  op: Operation;
}
export interface ControlMessage {
  type: "undo" | "redo" | "resync";
  req: string;
}
export interface Connection {
  id: Id;
  from: Endpoint;
  to: Endpoint;
  label?: string;
}
export interface DelPatch {
  /**
   * Delete the object key at path.
   */
  op: "del";
  path: PatchPath;
}
export interface InsPatch {
  /**
   * Insert value into the list at path, before index.
   */
  op: "ins";
  path: PatchPath;
  index: number;
  value: unknown;
}
/**
 * A jmwidget journey map or service blueprint document (schema 'jmwidget.journey', version 2). A service blueprint is the same document with lanes in blueprint zones, connections and annotations. The single source of truth for the document shape in Python and TypeScript.
 */
export interface Journey {
  schema: "jmwidget.journey";
  version: 2;
  title: string;
  description: string;
  scenario: string;
  state: MapState;
  /**
   * @minItems 1
   */
  personas: [Persona, ...Persona[]];
  emotion_scale: EmotionScale;
  channels: string[];
  stages: Stage[];
  lanes: Lane[];
  /**
   * Cell values keyed by lane id, then step id. The value's type follows the lane's kind.
   */
  cells: {
    [k: string]:
      | {
          [k: string]: CellValue | undefined;
        }
      | undefined;
  };
  /**
   * Cell annotations (fail point, wait point, duration, cost, owner) keyed by lane id, then step id; kept apart from cells so cell values keep their shape. Card annotations sit on the card.
   */
  annotations: {
    [k: string]:
      | {
          [k: string]: Annotation | undefined;
        }
      | undefined;
  };
  /**
   * Directed arrows between cells or cards (dependencies: the 'from' end relies on or leads to the 'to' end).
   */
  connections: Connection[];
}
export interface Persona {
  id: Id;
  name: string;
  role: string;
  goals: string[];
  needs: string[];
  quote: string;
  backstory: string;
}
export interface Stage {
  id: Id;
  name: string;
  steps: Step[];
}
export interface Step {
  id: Id;
  name: string;
}
export interface Lane {
  id: Id;
  name: string;
  kind: LaneKind;
  zone?: Zone;
  description?: string;
  /**
   * Metric lanes: the unit shown after numbers (e.g. 'EUR', 'min').
   */
  unit?: string;
  format?: MetricFormat;
  /**
   * Metric lanes: whether a larger number is the better outcome.
   */
  higher_is_better?: boolean;
}
export interface SetPatch {
  /**
   * Set the object key or list item at path.
   */
  op: "set";
  path: PatchPath;
  value: unknown;
}
export interface RmPatch {
  /**
   * Remove the item at index from the list at path.
   */
  op: "rm";
  path: PatchPath;
  index: number;
}
export interface PatchMessage {
  type: "patch";
  /**
   * The revision after these patches.
   */
  rev: number;
  patches: Patch[];
  origin: "python" | "browser" | "undo" | "redo" | "load";
  label?: string;
  /**
   * Set when the patches answer this browser's request.
   */
  req?: string;
  can_undo: boolean;
  can_redo: boolean;
}
export interface RejectMessage {
  type: "reject";
  req: string;
  rev: number;
  message: string;
}
export interface SnapshotMessage {
  type: "snapshot";
  rev: number;
  doc: Journey;
  req?: string;
  can_undo: boolean;
  can_redo: boolean;
}
