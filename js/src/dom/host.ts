// What the parts of one view share: the document and its layout, the rendered elements, and
// the one path by which every editor sends an operation (with the revision it began at).
import type { HeaderKind } from "../model/keys";
import type { Layout } from "../model/layout";
import type { Journey, Operation } from "../model/schema";
import type { Store } from "../model/store";
import type { GridIndex } from "./grid-index";

export interface SendOptions {
  /** The revision the view had when the edit began (its editor opened); default: now. */
  base?: number;
  /** Runs when the kernel answered, applied or rejected. */
  restore?: () => void;
  /** Runs after `restore` when the edit was applied. */
  onOk?: () => void;
  /** Runs after `restore` when the kernel refused the edit. */
  onReject?: () => void;
}

export interface ViewHost {
  readonly root: HTMLElement;
  readonly grid: HTMLElement;
  readonly store: Store;
  readonly doc: Journey;
  readonly layout: Layout;
  readonly readonly: boolean;
  readonly index: GridIndex;
  /** The persona whose curve emotion edits change. */
  readonly persona: string | null;
  /** A card to focus once the next render has it. */
  focusCardAfterRender: string | null;
  sendEdit(op: Operation, options?: SendOptions): string;
  showError(message: string): void;
  focusNav(el: HTMLElement | null | undefined): boolean;
  renderCell(laneId: string, stepId: string): void;
  renderLaneCells(laneId: string): void;
  refreshHeaderName(kind: HeaderKind, id: string): void;
}

export function isEditable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

export function stepName(host: ViewHost, stepId: string): string {
  return host.layout.stepById.get(stepId)?.step.name ?? stepId;
}
