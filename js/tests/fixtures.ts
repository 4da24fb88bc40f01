// Test helpers: a sample document, a fake anywidget model and a tiny in-memory kernel.
import { applyPatches } from "../src/model/patches";
import type { ClientMessage, Journey, Operation, Patch, ServerMessage } from "../src/model/schema";
import type { WidgetModel } from "../src/model/store";

export function sampleDoc(): Journey {
  return {
    schema: "jmwidget.journey",
    version: 3,
    title: "Onboarding",
    description: "",
    scenario: "",
    state: "current",
    personas: [
      { id: "ana", name: "Ana", role: "", goals: [], needs: [], quote: "", backstory: "" },
      { id: "bo", name: "Bo", role: "", goals: [], needs: [], quote: "", backstory: "" },
    ],
    emotion_scale: { min: 1, max: 5, neutral: 3, labels: { "1": "Angry", "5": "Delighted" } },
    channels: ["web", "email", "phone"],
    stages: [
      {
        id: "discover",
        name: "Discover",
        steps: [
          { id: "s1", name: "Search" },
          { id: "s2", name: "Compare" },
          { id: "s3", name: "Decide" },
        ],
      },
      {
        id: "join",
        name: "Join",
        steps: [
          { id: "s4", name: "Sign up" },
          { id: "s5", name: "Verify" },
        ],
      },
    ],
    lanes: [
      { id: "doing", name: "Doing", kind: "text" },
      { id: "pains", name: "Pain points", kind: "cards" },
      { id: "chan", name: "Channels", kind: "channels" },
      { id: "emo", name: "Emotion", kind: "emotion" },
      { id: "conv", name: "Conversion", kind: "metric", format: "percent", unit: "%" },
    ],
    cells: {
      doing: { s1: "Googles <b>banks</b>", s2: "Reads reviews" },
      pains: {
        s2: [
          { id: "c1", text: "Too many fees", color: "pink", impact: "abandons", tag: "pricing" },
          { id: "c2", text: "Jargon" },
        ],
      },
      chan: { s1: ["web"], s4: ["web", "email"] },
      emo: { s1: { ana: 3, bo: 4 }, s2: { ana: 2 }, s4: { ana: 4, bo: 5 } },
      conv: { s1: 80, s2: 55.5, s4: 30 },
    },
    annotations: {},
    connections: [],
  };
}

type Handler = (...args: unknown[]) => void;

/** Implements the part of anywidget's model the widget uses. */
export class FakeModel {
  attrs: Record<string, unknown>;
  handlers = new Map<string, Set<Handler>>();
  sent: ClientMessage[] = [];
  saves = 0;
  /** Called for every message the widget sends. */
  onSend: ((msg: ClientMessage) => void) | null = null;
  widget_manager = {} as never;

  constructor(doc: Journey, rev = 0, extra: Record<string, unknown> = {}) {
    this.attrs = { _doc: doc, _rev: rev, selected_step: null, readonly: false, height: "400px", ...extra };
  }

  get(key: string): unknown {
    return this.attrs[key];
  }

  set(key: string, value: unknown): void {
    const old = this.attrs[key];
    this.attrs[key] = value;
    if (old !== value) this.emit(`change:${key}`);
  }

  on(event: string, fn: Handler): void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(fn);
  }

  off(event?: string | null, fn?: Handler | null): void {
    if (!event) {
      this.handlers.clear();
      return;
    }
    if (!fn) this.handlers.delete(event);
    else this.handlers.get(event)?.delete(fn);
  }

  send(msg: unknown): void {
    this.sent.push(msg as ClientMessage);
    this.onSend?.(msg as ClientMessage);
  }

  save_changes(): void {
    this.saves += 1;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
  }

  /** Deliver a kernel -> browser custom message. */
  receive(msg: ServerMessage): void {
    this.emit("msg:custom", msg, []);
  }

  listenerCount(event: string): number {
    return this.handlers.get(event)?.size ?? 0;
  }

  asModel(): WidgetModel {
    return this as unknown as WidgetModel;
  }
}

/**
 * A minimal kernel: answers set_cell, map, persona and lane edits with real patches, other edits
 * and undo/redo with an empty patch, resync with a snapshot. Like the real one, it refuses a
 * set_cell whose cell changed after the edit's `base`. `hold` queues answers until flush().
 */
export class FakeKernel {
  doc: Journey;
  rev: number;
  hold = false;
  rejectNext: string | null = null;
  private outbox: ServerMessage[] = [];
  received: ClientMessage[] = [];
  /** The revision that last changed each cell ("lane/step"). */
  private readonly cellRevs = new Map<string, number>();

  constructor(
    private readonly model: FakeModel,
    doc: Journey,
    rev = 0,
  ) {
    this.doc = structuredClone(doc);
    this.rev = rev;
    model.onSend = (msg) => this.handle(msg);
  }

  private out(msg: ServerMessage): void {
    if (this.hold) this.outbox.push(msg);
    else this.model.receive(msg);
  }

  flush(): void {
    const msgs = this.outbox.splice(0);
    for (const m of msgs) this.model.receive(m);
  }

  /** A change made "from Python". */
  pythonChange(patches: Patch[]): void {
    this.doc = applyPatches(this.doc, patches);
    this.rev += 1;
    this.noteCells(patches);
    this.out({ type: "patch", rev: this.rev, patches, origin: "python", can_undo: true, can_redo: false });
  }

  private noteCells(patches: Patch[]): void {
    for (const p of patches) {
      if (p.path[0] === "cells" && p.path.length >= 3)
        this.cellRevs.set(`${p.path[1]}/${p.path[2]}`, this.rev);
    }
  }

  private fieldPatches(path: (string | number)[], fields: Record<string, unknown>): Patch[] {
    return Object.entries(fields).map(([k, value]) => ({ op: "set", path: [...path, k], value }));
  }

  private patchesFor(op: Operation): Patch[] {
    const personaIndex = (id: string) => this.doc.personas.findIndex((p) => p.id === id);
    switch (op.op) {
      case "edit_map":
        return this.fieldPatches([], op.fields);
      case "add_persona": {
        const id = op.persona.id ?? op.persona.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
        const value = { id, role: "", goals: [], needs: [], quote: "", backstory: "", ...op.persona };
        return [{ op: "ins", path: ["personas"], index: this.doc.personas.length, value }];
      }
      case "edit_persona":
        return this.fieldPatches(["personas", personaIndex(op.persona)], op.fields);
      case "delete_persona":
        return [{ op: "rm", path: ["personas"], index: personaIndex(op.persona) }];
      case "edit_lane":
        return this.fieldPatches(["lanes", this.doc.lanes.findIndex((l) => l.id === op.lane)], op.fields);
      case "set_cell":
        break;
      default:
        return [];
    }
    const patches: Patch[] = [];
    const row = this.doc.cells[op.lane];
    const lane = this.doc.lanes.find((l) => l.id === op.lane);
    if (lane?.kind === "emotion") {
      const persona = op.persona ?? this.doc.personas[0].id;
      const current = row?.[op.step] as Record<string, number> | undefined;
      if (op.value === null) {
        if (current && persona in current) {
          patches.push(
            Object.keys(current).length === 1
              ? { op: "del", path: ["cells", op.lane, op.step] }
              : { op: "del", path: ["cells", op.lane, op.step, persona] },
          );
        }
        return patches;
      }
      if (!row) patches.push({ op: "set", path: ["cells", op.lane], value: {} });
      patches.push(
        current
          ? { op: "set", path: ["cells", op.lane, op.step, persona], value: op.value }
          : { op: "set", path: ["cells", op.lane, op.step], value: { [persona]: op.value } },
      );
      return patches;
    }
    if (op.value === null) {
      if (row && op.step in row) patches.push({ op: "del", path: ["cells", op.lane, op.step] });
      return patches;
    }
    if (!row) patches.push({ op: "set", path: ["cells", op.lane], value: {} });
    patches.push({ op: "set", path: ["cells", op.lane, op.step], value: op.value });
    return patches;
  }

  private handle(msg: ClientMessage): void {
    this.received.push(msg);
    if (msg.type === "resync") {
      this.out({
        type: "snapshot",
        rev: this.rev,
        doc: structuredClone(this.doc),
        req: msg.req,
        can_undo: true,
        can_redo: false,
      });
      return;
    }
    if (this.rejectNext !== null) {
      this.out({ type: "reject", req: msg.req, rev: this.rev, message: this.rejectNext });
      this.rejectNext = null;
      return;
    }
    if (msg.type === "edit" && msg.op.op === "set_cell" && msg.base < this.rev) {
      const changed = this.cellRevs.get(`${msg.op.lane}/${msg.op.step}`) ?? 0;
      if (changed > msg.base) {
        const message = `the cell was changed from Python at revision ${changed} after this edit began (revision ${msg.base}); your edit was not applied`;
        this.out({ type: "reject", req: msg.req, rev: this.rev, message });
        return;
      }
    }
    const patches = msg.type === "edit" ? this.patchesFor(msg.op) : [];
    this.doc = applyPatches(this.doc, patches);
    this.rev += 1;
    this.noteCells(patches);
    this.out({
      type: "patch",
      rev: this.rev,
      patches,
      origin: msg.type === "edit" ? "browser" : msg.type,
      req: msg.req,
      can_undo: true,
      can_redo: msg.type === "undo",
    });
  }
}

export function key(el: Element, k: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const ev = new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...init });
  el.dispatchEvent(ev);
  return ev;
}

export function edits(model: FakeModel): Operation[] {
  return model.sent
    .filter((m): m is Extract<ClientMessage, { type: "edit" }> => m.type === "edit")
    .map((m) => m.op);
}
