// Sticky notes: the element of a card (text, impact and tag, annotation markers, and its tools
// when editable) and the "add card" button of a cards cell. Both clone prototypes built once, as
// a map can hold thousands of cards.
import { button, el, h, icon } from "../dom/builders";
import { annotationMarkList, describeAnnotation } from "../model/annotations";
import { IMPACT_SYMBOL } from "../model/format";
import type { Card } from "../model/schema";
import { annotationMarks } from "./marks";

export class CardBuilder {
  private readonly toolsProto = h(
    "div",
    { class: "jmw-card-tools" },
    button("card-move", "⇄", "Move card to… (M)", { tabindex: -1 }),
    button("card-color", "◑", "Change card colour (C)", { tabindex: -1 }),
    button("card-impact", "!", "Change card impact (I)", { tabindex: -1 }),
    button("card-connect", "→", "Connect: drag to a cell or card, or click then pick one (L)", {
      tabindex: -1,
    }),
    button("card-annotations", "⚑", "Annotations: fail point, wait, duration, cost, owner (A)", {
      tabindex: -1,
      "aria-haspopup": "dialog",
    }),
    button("delete-card", "✕", "Delete card (Delete)", { tabindex: -1 }),
  );
  private readonly addProto = button("add-card", "+", "Add card", { tabindex: -1, title: "Add card" });

  constructor(private readonly src: { readonly readonly: boolean }) {}

  /** A sticky note; `pending` draws one the kernel has not confirmed yet (no id, no tools). */
  card(card: Card, pending = false): HTMLElement {
    const cardEl = el("div", pending ? "jmw-card jmw-pending" : "jmw-card");
    if (!pending) cardEl.setAttribute("data-card-id", card.id);
    cardEl.setAttribute("data-color", card.color ?? "yellow");
    cardEl.tabIndex = -1;
    const editable = !this.src.readonly && !pending;
    if (editable) cardEl.draggable = true;
    cardEl.setAttribute("aria-label", cardLabel(card));
    if (card.annotations) cardEl.setAttribute("aria-description", describeAnnotation(card.annotations));
    cardEl.appendChild(el("div", "jmw-card-text", card.text));
    // Spaces between the parts keep their words apart in accessible names (CSS lays them out).
    if (card.tag || card.impact) cardEl.append(" ", cardMeta(card));
    const marks = annotationMarks(card.annotations);
    if (marks) cardEl.append(" ", marks);
    if (editable) cardEl.appendChild(this.toolsProto.cloneNode(true));
    return cardEl;
  }

  /** The "+" button of a cards cell, named for the cell (`where`: "Lane, Step"). */
  addButton(where: string): HTMLElement {
    const add = this.addProto.cloneNode(true) as HTMLElement;
    add.setAttribute("aria-label", `Add card to ${where}`);
    return add;
  }
}

/**
 * A card's accessible name: "Card: " and its visible words in order (text, impact, tag, the labels
 * of its annotation marks), so the name of the cell holding it contains what the cell shows; the
 * annotations' details are its description.
 */
export function cardLabel(card: Card): string {
  const words = [card.text, card.impact, card.tag];
  if (card.annotations) words.push(...annotationMarkList(card.annotations).map((m) => m.label));
  return `Card: ${words.filter(Boolean).join(", ")}`;
}

/** The impact (with its symbol) and tag line of a card. */
function cardMeta(card: Card): HTMLElement {
  const meta = el("div", "jmw-card-meta");
  if (card.impact) {
    const impact = h(
      "span",
      { class: "jmw-impact", "data-impact": card.impact },
      icon(IMPACT_SYMBOL[card.impact]),
    );
    impact.append(card.impact);
    meta.appendChild(impact);
  }
  if (card.tag) meta.append(meta.firstChild ? " " : "", el("span", "jmw-tag", card.tag));
  return meta;
}
