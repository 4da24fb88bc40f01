// Cards: keyboard actions on a focused card, colour/impact cycling, and moving cards by drag and
// drop (the "move to…" dialog in panels.ts does the same without a mouse).
import { cssEscape } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import { CARD_COLORS, IMPACTS, nextInCycle } from "../model/format";
import { cardsOf, findCard } from "../model/layout";
import type { Card, Operation } from "../model/schema";

export class CardActions {
  private dragCard: string | null = null;

  constructor(
    private readonly host: ViewHost,
    private readonly actions: {
      edit(cardEl: HTMLElement, card: Card): void;
      openMove(cardId: string): void;
    },
  ) {}

  cycleColor(card: Card): void {
    const i = CARD_COLORS.indexOf(card.color ?? "yellow");
    const color = CARD_COLORS[(i + 1) % CARD_COLORS.length] ?? "yellow";
    this.host.focusCardAfterRender = card.id;
    this.host.sendEdit({ op: "edit_card", card: card.id, fields: { color } });
  }

  cycleImpact(card: Card): void {
    const impact = nextInCycle(IMPACTS, card.impact);
    this.host.focusCardAfterRender = card.id;
    this.host.sendEdit({ op: "edit_card", card: card.id, fields: { impact } });
  }

  delete(cardEl: HTMLElement, cardId: string): void {
    const cell = cardEl.closest<HTMLElement>('[role="gridcell"]');
    const sibling = (cardEl.nextElementSibling ?? cardEl.previousElementSibling) as HTMLElement | null;
    const nextFocus = sibling?.dataset.cardId ?? null;
    this.host.sendEdit(
      { op: "delete_card", card: cardId },
      {
        onOk: () => {
          this.host.focusCardAfterRender = nextFocus;
          if (!nextFocus) cell?.focus();
        },
      },
    );
  }

  /** Keys on a focused card; true when handled. */
  onKey(cardEl: HTMLElement, e: KeyboardEvent): boolean {
    const host = this.host;
    const cardId = cardEl.dataset.cardId ?? "";
    const key = e.key;
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    if (key === "Escape") {
      cardEl.closest<HTMLElement>('[role="gridcell"]')?.focus();
      return true;
    }
    if (!e.altKey && (key === "ArrowUp" || key === "ArrowDown")) {
      const sib = (
        key === "ArrowUp" ? cardEl.previousElementSibling : cardEl.nextElementSibling
      ) as HTMLElement | null;
      if (sib?.classList.contains("jmw-card")) sib.focus();
      return true;
    }
    if (host.readonly) return key === "Enter";
    const where = findCard(host.doc, cardId);
    if (!where) return false;
    if (key === "Enter" || key === "F2") {
      this.actions.edit(cardEl, where.card);
      return true;
    }
    if (key === "Delete" || key === "Backspace") {
      this.delete(cardEl, cardId);
      return true;
    }
    if (e.altKey && (key === "ArrowLeft" || key === "ArrowRight")) {
      const info = host.layout.stepById.get(where.step);
      const target = info ? host.layout.steps[info.index + (key === "ArrowLeft" ? -1 : 1)] : undefined;
      if (target) this.move({ op: "move_card", card: cardId, lane: where.lane, step: target.step.id });
      return true;
    }
    if (e.altKey && (key === "ArrowUp" || key === "ArrowDown")) {
      const count = cardsOf(host.doc, where.lane, where.step).length;
      const index = where.index + (key === "ArrowUp" ? -1 : 1);
      if (index >= 0 && index < count) {
        this.move({ op: "move_card", card: cardId, lane: where.lane, step: where.step, index });
      }
      return true;
    }
    if (plain && (key === "m" || key === "M")) {
      this.actions.openMove(cardId);
      return true;
    }
    if (plain && (key === "c" || key === "C")) {
      this.cycleColor(where.card);
      return true;
    }
    if (plain && (key === "i" || key === "I")) {
      this.cycleImpact(where.card);
      return true;
    }
    return false;
  }

  /** Send a move_card and keep the moved card focused. */
  move(op: Operation & { op: "move_card" }): void {
    this.host.focusCardAfterRender = op.card;
    this.host.sendEdit(op);
  }

  restoreFocus(): void {
    const id = this.host.focusCardAfterRender;
    if (!id) return;
    const el = this.host.grid.querySelector<HTMLElement>(`.jmw-card[data-card-id="${cssEscape(id)}"]`);
    if (el) {
      this.host.focusCardAfterRender = null;
      el.focus();
    }
  }

  // ------------------------------------------------------------------ drag and drop

  onDragStart(e: DragEvent): void {
    if (this.host.readonly) return;
    const target = e.target;
    if (!(target instanceof HTMLElement) || !target.classList.contains("jmw-card")) return;
    const id = target.dataset.cardId;
    if (!id) return;
    this.dragCard = id;
    target.classList.add("jmw-dragging");
    if (e.dataTransfer) {
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("application/x-jmw-card", id);
      e.dataTransfer.setData("text/plain", target.querySelector(".jmw-card-text")?.textContent ?? "");
    }
  }

  private dropCell(e: DragEvent): HTMLElement | null {
    if (!this.dragCard || !(e.target instanceof Element)) return null;
    const cell = e.target.closest<HTMLElement>('[role="gridcell"].jmw-cell-cards');
    return cell && this.host.grid.contains(cell) ? cell : null;
  }

  onDragOver(e: DragEvent): void {
    const cell = this.dropCell(e);
    if (!cell) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "move";
    for (const el of this.host.grid.querySelectorAll(".jmw-drop-target"))
      if (el !== cell) el.classList.remove("jmw-drop-target");
    cell.classList.add("jmw-drop-target");
  }

  onDragLeave(e: DragEvent): void {
    const cell = this.dropCell(e);
    if (cell && !(e.relatedTarget instanceof Node && cell.contains(e.relatedTarget))) {
      cell.classList.remove("jmw-drop-target");
    }
  }

  onDrop(e: DragEvent): void {
    const cell = this.dropCell(e);
    const cardId = this.dragCard;
    if (!cell || !cardId) return;
    e.preventDefault();
    const laneId = cell.dataset.laneId ?? "";
    const stepId = cell.dataset.stepId ?? "";
    const doc = this.host.doc;
    const from = findCard(doc, cardId);
    this.endDrag();
    if (!from) return;
    // Drop before the card under the pointer, else at the end.
    const over =
      e.target instanceof Element ? e.target.closest<HTMLElement>(".jmw-card[data-card-id]") : null;
    const cards = cardsOf(doc, laneId, stepId);
    let index: number | undefined;
    if (over && over.dataset.cardId !== cardId) {
      const i = cards.findIndex((c) => c.id === over.dataset.cardId);
      if (i >= 0) index = i;
    }
    if (from.lane === laneId && from.step === stepId) {
      if (index === undefined) index = cards.length - 1;
      else if (index > from.index) index -= 1;
      if (index === from.index) return;
    }
    const op: Operation & { op: "move_card" } = { op: "move_card", card: cardId, lane: laneId, step: stepId };
    if (index !== undefined) op.index = index;
    this.move(op);
  }

  endDrag(): void {
    this.dragCard = null;
    for (const el of this.host.grid.querySelectorAll(".jmw-drop-target, .jmw-card.jmw-dragging")) {
      el.classList.remove("jmw-drop-target", "jmw-dragging");
    }
  }
}
