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
/**
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText = string;
/**
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText1 = string;
/**
 * Text cells, cards, notes, persona details (at most 5,000 characters).
 */
export type LongText = string;
export type CardColor = "yellow" | "pink" | "green" | "blue" | "purple" | "orange" | "grey";
/**
 * Card tags and metric units (at most 100 characters).
 */
export type TagText = string;
export type Impact = "trivial" | "work-around" | "abandons";
/**
 * The map's title and labels (at most 500 characters).
 */
export type TitleText = string;
/**
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText2 = string;
export type LaneKind = "text" | "cards" | "channels" | "emotion" | "metric";
/**
 * Service-blueprint zone of a lane, top to bottom: physical evidence, customer actions, (line of interaction) frontstage, (line of visibility) backstage, (line of internal interaction) support processes. Lanes with a zone keep this order.
 */
export type Zone = "evidence" | "customer" | "frontstage" | "backstage" | "support";
/**
 * Descriptions, scenarios and back-stories (at most 20,000 characters).
 */
export type ProseText = string;
export type MetricFormat = "percent" | "count" | "seconds" | "currency" | "score";
/**
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText3 = string;
/**
 * Text cells, cards, notes, persona details (at most 5,000 characters).
 */
export type LongText1 = string;
/**
 * Text cells, cards, notes, persona details (at most 5,000 characters).
 */
export type LongText2 = string;
export type DurationUnit = "seconds" | "minutes" | "hours" | "days";
/**
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText4 = string;
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
  | AddBindingOp
  | SetBindingRunOp
  | DeleteBindingOp
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
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText5 = string;
/**
 * A stable identifier: letters, digits, '-' and '_'.
 */
export type Id3 = string;
/**
 * text lanes: string; cards lanes: Card[]; channels lanes: string[]; emotion lanes: EmotionValue; metric lanes: number or Evidence.
 */
export type CellValue = LongText | number | Evidence | Card[] | ShortText2[] | EmotionValue;
/**
 * Messages the browser sends to the kernel.
 */
export type ClientMessage = EditMessage | ControlMessage;
/**
 * The map's title and labels (at most 500 characters).
 */
export type TitleText1 = string;
export type PatchPath = (string | number)[];
/**
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText6 = string;
/**
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText7 = string;
/**
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText8 = string;
/**
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText9 = string;
/**
 * Names: of stages, steps, lanes, personas, channels (at most 200 characters).
 */
export type ShortText10 = string;
/**
 * Card tags and metric units (at most 100 characters).
 */
export type TagText1 = string;
/**
 * A primitive change to the document JSON. Operations compile to patches; the kernel sends patches to the browser.
 */
export type Patch = SetPatch | DelPatch | InsPatch | RmPatch;
/**
 * Messages the kernel sends to the browser.
 */
export type ServerMessage = PatchMessage | RejectMessage | SnapshotMessage | RevisionMessage;

export interface AddBindingOp {
  op: "add_binding";
  binding: {
    id?: Id;
    lane: Id;
    compute: Computation;
    column: ShortText1;
    persona?: Id;
  };
}
/**
 * A computation over a named source table (jmwidget.data): funnel, survey or counts, with its parameters.
 */
export interface Computation {
  kind: "funnel" | "survey" | "counts";
  source: ShortText;
  params: {};
}
export interface AddCardOp {
  op: "add_card";
  lane: Id;
  step: Id;
  card: CardInput;
  index?: number;
}
export interface CardInput {
  id?: Id;
  text: LongText;
  color?: CardColor;
  tag?: TagText;
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
  label?: TitleText;
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
  name: ShortText2;
  kind: LaneKind;
  zone?: Zone;
  description?: ProseText;
  unit?: TagText;
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
  name: ShortText3;
  role?: LongText;
  goals?: LongText[];
  needs?: LongText[];
  quote?: LongText;
  backstory?: ProseText;
}
export interface AddStageOp {
  op: "add_stage";
  stage: StageInput;
  index?: number;
}
export interface StageInput {
  id?: Id;
  name: ShortText2;
  steps?: StepInput[];
}
export interface StepInput {
  id?: Id;
  name: ShortText2;
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
  fail_point?: LongText1;
  wait_point?: LongText2;
  duration?: Duration;
  cost?: Cost;
  owner?: ShortText4;
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
  label?: TitleText;
  ops: Operation[];
}
export interface EditMapOp {
  op: "edit_map";
  fields: {
    title?: TitleText;
    description?: ProseText;
    scenario?: ProseText;
    state?: MapState;
    channels?: ShortText2[];
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
    [k: string]: ShortText2 | undefined;
  };
}
export interface EditPersonaOp {
  op: "edit_persona";
  persona: Id;
  fields: {
    name?: ShortText2;
    role?: LongText;
    goals?: LongText[];
    needs?: LongText[];
    quote?: LongText;
    backstory?: ProseText;
  };
}
export interface DeletePersonaOp {
  op: "delete_persona";
  persona: Id;
}
export interface RenameStageOp {
  op: "rename_stage";
  stage: Id;
  name: ShortText2;
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
  name: ShortText2;
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
    name?: ShortText2;
    /**
     * null takes the lane out of the blueprint zones.
     */
    zone?: Zone | null;
    description?: ProseText;
    unit?: TagText;
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
   * The new value; null clears the cell. Emotion and metric lanes also take an Evidence object ({value, n?, sd?, low?, high?}), checked by the model so errors name the cell.
   */
  value: LongText | number | ShortText2[] | {} | null;
}
export interface EditCardOp {
  op: "edit_card";
  card: Id;
  fields: {
    text?: LongText;
    color?: CardColor | null;
    tag?: TagText | null;
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
    label?: TitleText | null;
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
    fail_point?: LongText | null;
    wait_point?: LongText | null;
    /**
     * A Duration ({value > 0, unit}); checked by the model so errors name the cell.
     */
    duration?: {} | null;
    /**
     * A Cost ({amount >= 0, currency}); checked by the model so errors name the cell.
     */
    cost?: {} | null;
    owner?: ShortText2 | null;
  };
}
/**
 * Record a binding's refresh (or clear it with null).
 */
export interface SetBindingRunOp {
  op: "set_binding_run";
  binding: Id;
  run: BindingRun | null;
}
/**
 * The last refresh of a binding: when, how many rows were read, and what it wrote (per step id the value, per key the card id), so a later refresh can tell a person's edit from its own.
 */
export interface BindingRun {
  at: string;
  source: ShortText2;
  rows?: number | null;
  values: {
    [k: string]: unknown | undefined;
  };
  cards?: {
    [k: string]: Id | undefined;
  };
}
export interface DeleteBindingOp {
  op: "delete_binding";
  binding: Id;
}
/**
 * A lane (metric, emotion or cards) bound to a computation: each refresh writes the result's column per step.
 */
export interface Binding {
  id: Id;
  lane: Id;
  compute: Computation;
  column: ShortText5;
  persona?: Id3;
  last?: BindingRun;
}
export interface Card {
  id: Id;
  text: LongText;
  color?: CardColor;
  tag?: TagText;
  impact?: Impact;
  annotations?: Annotation;
}
/**
 * A value with the data behind it: n (how many answers or observations), sd (standard deviation) and a low..high interval (e.g. a 95% confidence interval). Only value is required; when low or high is given, low <= value <= high (checked by the model). On an emotion lane value, low and high lie on the emotion scale.
 */
export interface Evidence {
  value: number;
  n?: number;
  sd?: number;
  low?: number;
  high?: number;
}
/**
 * Emotion per persona id: a number on the map's emotion scale, or an Evidence object whose value (and low, high) lie on it.
 */
export interface EmotionValue {
  [k: string]: number | Evidence | undefined;
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
  label?: TitleText1;
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
 * A jmwidget journey map or service blueprint document (schema 'jmwidget.journey', version 3). A service blueprint is the same document with lanes in blueprint zones, connections and annotations. The single source of truth for the document shape in Python and TypeScript.
 */
export interface Journey {
  schema: "jmwidget.journey";
  version: 3;
  title: TitleText;
  description: ProseText;
  scenario: ProseText;
  state: MapState;
  /**
   * @minItems 1
   */
  personas: [Persona, ...Persona[]];
  emotion_scale: EmotionScale;
  channels: ShortText7[];
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
  /**
   * Lanes whose values come from data: what computes them, from which source, and their last refresh.
   */
  bindings?: Binding[];
  lock?: Lock;
}
export interface Persona {
  id: Id;
  name: ShortText6;
  role: LongText;
  goals: LongText[];
  needs: LongText[];
  quote: LongText;
  backstory: ProseText;
}
export interface Stage {
  id: Id;
  name: ShortText8;
  steps: Step[];
}
export interface Step {
  id: Id;
  name: ShortText9;
}
export interface Lane {
  id: Id;
  name: ShortText10;
  kind: LaneKind;
  zone?: Zone;
  description?: ProseText;
  unit?: TagText1;
  format?: MetricFormat;
  /**
   * Metric lanes: whether a larger number is the better outcome.
   */
  higher_is_better?: boolean;
}
/**
 * What the map's template locks. structure: stages, steps, lanes, personas, zones, the emotion scale, the channel vocabulary and bindings cannot change; lanes: these lanes (their settings, cells, cards and cell annotations) cannot change. Absent: nothing is locked. Only Journey.lock/unlock change it; no operation does.
 */
export interface Lock {
  structure?: true;
  /**
   * @minItems 1
   */
  lanes?: [Id, ...Id[]];
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
  /**
   * The revision these patches apply to, when they are several consecutive changes sent together (then origin, label and the history flags are the last change's); absent: rev - 1.
   */
  base?: number;
  patches: Patch[];
  origin: "python" | "browser" | "undo" | "redo" | "load" | "file";
  label?: TitleText;
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
/**
 * The kernel's revision, sent once its changes stop (after a burst or a lone change): a page showing an older one missed a message and asks for a snapshot.
 */
export interface RevisionMessage {
  type: "revision";
  rev: number;
}
export interface SnapshotMessage {
  type: "snapshot";
  rev: number;
  doc: Journey;
  req?: string;
  can_undo: boolean;
  can_redo: boolean;
}

/**
 * The most characters each kind of text may have: the maxLength of the schema's string
 * definitions (ShortText: names; TitleText: the title, labels; LongText: cells, cards, notes;
 * ProseText: descriptions; TagText: tags, units). Editors set these as their inputs' maxLength.
 */
export const TEXT_LIMITS = {
  ShortText: 200,
  TitleText: 500,
  LongText: 5000,
  ProseText: 20000,
  TagText: 100,
} as const;
