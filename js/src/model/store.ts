// One Store per widget model: the browser's copy of the document (changed only by kernel patches),
// its revision, undo/redo availability, requests in flight, and the views that listen.
import type { AnyModel } from "@anywidget/types";
import { applyPatches } from "./patches";
import type {
  ClientMessage,
  Journey,
  Operation,
  Patch,
  PatchMessage,
  ServerMessage,
  SnapshotMessage,
} from "./schema";
import { defaultDocument } from "./shared";

export interface WidgetTraits {
  _doc: Journey | string;
  _rev: number;
  /** The kernel's revision (its synced trait); the page writes its own after its edit is answered. */
  revision?: number;
  selected_step: string | null;
  readonly: boolean;
  height: string;
  /** "journey" | "blueprint" (anything else: blueprint for a map with zones, else journey). */
  view?: string;
  highlights?: unknown[];
  save_status?: unknown;
  /** The compare view (model/comparison.ts reads it); null without one. */
  comparison?: unknown;
  [key: string]: unknown;
}

export type WidgetModel = AnyModel<WidgetTraits>;

export interface EditOptions {
  /** Who sent it (a view); rejections are shown there. */
  owner?: object;
  /** Called once when the kernel answered (ok = patch, !ok = reject), after the store updated. */
  onSettled?: (ok: boolean) => void;
  /**
   * The revision the view had when the edit began (e.g. when its editor opened); defaults to the
   * current revision. The kernel refuses the edit if its target changed after this revision.
   */
  base?: number;
}

export interface PendingRequest extends EditOptions {
  req: string;
  type: "edit" | "undo" | "redo" | "resync";
  op?: Operation;
  /** The revision the browser had when the request was made. */
  base: number;
  sentAt?: number;
}

const INFLIGHT_TIMEOUT_MS = 10_000;
/** A resync not answered after this long may be asked again (its snapshot may have been dropped). */
const RESYNC_RETRY_MS = 10_000;
/** After this long without an answer an edit is reported as unanswered (no kernel, or a busy one). */
export const UNANSWERED_MS = 4_000;

export type StoreEvent =
  | { type: "patch"; patches: Patch[]; req?: string; origin: string; pending?: PendingRequest }
  | { type: "snapshot" }
  | { type: "reject"; req: string; message: string; pending?: PendingRequest }
  | { type: "history" }
  | { type: "unanswered"; req: string; pending: PendingRequest }
  /** The store learnt it is behind the kernel (it asked for a snapshot), or caught up again. */
  | { type: "behind"; behind: boolean };

export type Listener = (event: StoreEvent) => void;

let reqCounter = 0;
const reqPrefix = Math.random().toString(36).slice(2, 8);

export function newRequestId(): string {
  reqCounter += 1;
  return `jmw-${reqPrefix}-${reqCounter}`;
}

function readDoc(raw: unknown): Journey | null {
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof value !== "object" || value === null) return null;
  const d = value as Partial<Journey>;
  if (!Array.isArray(d.stages) || !Array.isArray(d.lanes) || !Array.isArray(d.personas)) return null;
  return { ...defaultDocument(), ...d, cells: d.cells ?? {} } as Journey;
}

export class Store {
  doc: Journey;
  rev: number;
  canUndo = false;
  canRedo = false;
  readonly pending = new Map<string, PendingRequest>();
  private readonly listeners = new Set<Listener>();
  private resyncReq: string | null = null;
  private resyncAt = 0;
  private readonly queue: PendingRequest[] = [];
  private inflight: string | null = null;
  private stallTimer: ReturnType<typeof setTimeout> | null = null;
  private answerTimer: ReturnType<typeof setTimeout> | null = null;
  /** Revisions produced by answers to this store's own requests. */
  private readonly ownRevs = new Set<number>();
  private readonly onMsg: (msg: unknown) => void;
  private readonly onDocTrait: () => void;

  constructor(readonly model: WidgetModel) {
    const doc = readDoc(model.get("_doc"));
    this.doc = doc ?? defaultDocument();
    const rev = model.get("_rev");
    this.rev = typeof rev === "number" ? rev : 0;
    this.onMsg = (msg: unknown) => this.handleMessage(msg);
    this.onDocTrait = () => {
      const next = readDoc(this.model.get("_doc"));
      const nextRev = this.model.get("_rev");
      if (!next) return;
      this.doc = next;
      if (typeof nextRev === "number") this.rev = nextRev;
      this.emit({ type: "snapshot" });
    };
    model.on("msg:custom", this.onMsg);
    model.on("change:_doc", this.onDocTrait);
    if (!doc) this.resync();
  }

  dispose(): void {
    if (this.stallTimer !== null) clearTimeout(this.stallTimer);
    if (this.answerTimer !== null) clearTimeout(this.answerTimer);
    this.model.off("msg:custom", this.onMsg);
    this.model.off("change:_doc", this.onDocTrait);
    this.listeners.clear();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(event: StoreEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        console.error("jmwidget: view failed to update", err);
      }
    }
  }

  private send(msg: ClientMessage): void {
    this.model.send(msg);
  }

  /**
   * Send an operation to the kernel. The document changes only when the kernel's patch arrives.
   * Edits, undo and redo go out one at a time: the next leaves when the previous is answered, so
   * that a quick second edit of the same cell is not refused as a conflict with our own first one.
   */
  edit(op: Operation, options: EditOptions = {}): string {
    const base = options.base !== undefined && options.base <= this.rev ? options.base : this.rev;
    return this.enqueue({ ...options, req: newRequestId(), type: "edit", op, base });
  }

  undo(options: EditOptions = {}): string {
    return this.enqueue({ ...options, base: this.rev, req: newRequestId(), type: "undo" });
  }

  redo(options: EditOptions = {}): string {
    return this.enqueue({ ...options, base: this.rev, req: newRequestId(), type: "redo" });
  }

  /**
   * Whether this copy is known to be behind the kernel: it missed a change (a patch that does not
   * follow its revision, or the kernel's revision marker ahead of it) and waits for a snapshot.
   */
  get behind(): boolean {
    return this.resyncReq !== null;
  }

  /** Ask the kernel for the whole document (answered by a snapshot). */
  resync(): string {
    const asked = this.resyncReq;
    if (asked !== null && Date.now() - this.resyncAt < RESYNC_RETRY_MS) return asked;
    if (asked !== null) this.pending.delete(asked); // unanswered for long: its answer was lost
    const req = newRequestId();
    this.resyncReq = req;
    this.resyncAt = Date.now();
    this.pending.set(req, { req, type: "resync", base: this.rev });
    this.send({ type: "resync", req });
    if (asked === null) this.emit({ type: "behind", behind: true });
    return req;
  }

  /** Requests waiting for an earlier one to be answered. */
  get queued(): number {
    return this.queue.length;
  }

  private enqueue(request: PendingRequest): string {
    this.pending.set(request.req, request);
    this.queue.push(request);
    this.pump();
    return request.req;
  }

  private pump(): void {
    if (this.inflight !== null) {
      const sent = this.pending.get(this.inflight);
      if (sent && Date.now() - (sent.sentAt ?? 0) < INFLIGHT_TIMEOUT_MS) {
        if (this.queue.length > 0 && this.stallTimer === null) {
          this.stallTimer = setTimeout(() => {
            this.stallTimer = null;
            this.pump();
          }, INFLIGHT_TIMEOUT_MS + 50);
        }
        return;
      }
      this.inflight = null; // answered elsewhere or lost: don't stall the queue
    }
    const next = this.queue.shift();
    if (!next) return;
    this.inflight = next.req;
    next.sentAt = Date.now();
    this.watchAnswer(next);
    if (next.type === "edit" && next.op) {
      this.send({ type: "edit", req: next.req, base: this.baseFor(next.base), op: next.op });
    } else if (next.type === "undo" || next.type === "redo") {
      this.send({ type: next.type, req: next.req });
    }
  }

  /** Report `request` as unanswered if it is still waiting for the kernel after UNANSWERED_MS. */
  private watchAnswer(request: PendingRequest): void {
    if (this.answerTimer !== null) clearTimeout(this.answerTimer);
    this.answerTimer = setTimeout(() => {
      this.answerTimer = null;
      if (this.pending.get(request.req) === request)
        this.emit({ type: "unanswered", req: request.req, pending: request });
    }, UNANSWERED_MS);
  }

  /** The edit began at `base`; if every revision since then was our own answered request, it saw them all. */
  private baseFor(base: number): number {
    for (let r = base + 1; r <= this.rev; r++) {
      if (!this.ownRevs.has(r)) return base;
    }
    return this.rev;
  }

  private settle(req: string | undefined): PendingRequest | undefined {
    if (req === undefined) return undefined;
    const pending = this.pending.get(req);
    if (!pending) return undefined;
    this.pending.delete(req);
    const i = this.queue.indexOf(pending);
    if (i >= 0) this.queue.splice(i, 1);
    if (this.inflight === req) this.inflight = null;
    return pending;
  }

  private static callSettled(pending: PendingRequest | undefined, ok: boolean): void {
    if (!pending?.onSettled) return;
    try {
      pending.onSettled(ok);
    } catch (err) {
      console.error("jmwidget: settle callback failed", err);
    }
  }

  handleMessage(raw: unknown): void {
    if (typeof raw !== "object" || raw === null) return;
    const msg = raw as ServerMessage;
    switch (msg.type) {
      case "patch":
        this.onPatch(msg);
        return;
      case "snapshot":
        this.onSnapshot(msg);
        return;
      case "revision":
        // Sent once the kernel's changes stop: a copy still behind it missed one.
        if (typeof msg.rev === "number" && msg.rev > this.rev) this.resync();
        return;
      case "reject": {
        const pending = this.settle(msg.req);
        if (typeof msg.rev === "number" && msg.rev > this.rev) this.resync();
        this.emit({ type: "reject", req: msg.req, message: String(msg.message ?? "Edit rejected"), pending });
        Store.callSettled(pending, false);
        this.pump();
        return;
      }
      default:
        return;
    }
  }

  private onSnapshot(msg: SnapshotMessage): void {
    const doc = readDoc(msg.doc);
    const caughtUp = msg.req !== undefined && msg.req === this.resyncReq;
    if (caughtUp) this.resyncReq = null;
    const pending = this.settle(msg.req ?? undefined);
    if (doc) {
      this.doc = doc;
      this.rev = msg.rev;
      if (typeof msg.can_undo === "boolean") this.canUndo = msg.can_undo;
      if (typeof msg.can_redo === "boolean") this.canRedo = msg.can_redo;
      this.emit({ type: "snapshot" });
    }
    if (caughtUp) this.emit({ type: "behind", behind: false });
    Store.callSettled(pending, true);
    this.pump();
  }

  private onPatch(msg: PatchMessage): void {
    const pending = this.settle(msg.req ?? undefined);
    if (pending) this.ownRevs.add(msg.rev);
    try {
      this.applyPatchMessage(msg, pending);
      if (pending) this.reportRevision();
    } finally {
      this.pump();
    }
  }

  /**
   * Write the revision this page has into the model after the kernel answered its own edit. The
   * kernel keeps its revision whatever the page writes, but a host that follows the page's trait
   * writes sees the edit: marimo re-runs the cells that read the widget (mo.ui.anywidget).
   */
  private reportRevision(): void {
    try {
      this.model.set("revision", this.rev);
      this.model.save_changes();
    } catch (err) {
      console.error("jmwidget: could not report the revision", err);
    }
  }

  private applyPatchMessage(msg: PatchMessage, pending: PendingRequest | undefined): void {
    const { rev, origin } = msg;
    const patches = msg.patches ?? [];
    const req = msg.req ?? undefined;
    if (this.resyncReq !== null) {
      // A snapshot is on its way and will include this change (or, asked long ago, is asked again).
      this.resync();
      Store.callSettled(pending, true);
      return;
    }
    if (rev <= this.rev) {
      // Already included (e.g. sent before a snapshot we applied).
      Store.callSettled(pending, true);
      return;
    }
    // One change (rev = ours + 1), or consecutive changes sent together from `base` (= ours).
    const base = typeof msg.base === "number" ? msg.base : rev - 1;
    if (base !== this.rev) {
      this.resync();
      Store.callSettled(pending, true);
      return;
    }
    try {
      this.doc = applyPatches(this.doc, patches);
    } catch (err) {
      console.error("jmwidget: could not apply patch; resyncing", err);
      this.resync();
      Store.callSettled(pending, true);
      return;
    }
    this.rev = rev;
    if (typeof msg.can_undo === "boolean") this.canUndo = msg.can_undo;
    if (typeof msg.can_redo === "boolean") this.canRedo = msg.can_redo;
    this.emit({ type: "patch", patches, req, origin, pending });
    Store.callSettled(pending, true);
  }
}

const stores = new WeakMap<object, Store>();

/** The one store of this model, created on first use. */
export function getStore(model: WidgetModel): Store {
  let store = stores.get(model);
  if (!store) {
    store = new Store(model);
    stores.set(model, store);
  }
  return store;
}

export function disposeStore(model: WidgetModel): void {
  const store = stores.get(model);
  if (store) {
    store.dispose();
    stores.delete(model);
  }
}
