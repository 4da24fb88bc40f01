// "Move card to…": the keyboard way to move a card to another step or cards lane (drag and drop
// in grid/card-actions.ts does the same with a mouse).
import { cssEscape, h } from "../dom/builders";
import { findCard } from "../model/layout";
import { actions, field } from "./fields";
import type { PanelArea } from "./panel-area";

const TARGET_SEP = "\u0001";

/** Move a card to another step or cards lane, without a mouse. */
export function openMoveCard(panels: PanelArea, cardId: string): void {
  const host = panels.host;
  const where = findCard(host.doc, cardId);
  if (!where) return;
  const target = h("select", { name: "target", class: "jmw-form-target" });
  for (const lane of host.doc.lanes) {
    if (lane.kind !== "cards") continue;
    const group = h("optgroup", { label: lane.name });
    for (const info of host.layout.steps) {
      const value = `${lane.id}${TARGET_SEP}${info.step.id}`;
      const label = `${info.stage.name} › ${info.step.name}`;
      group.append(h("option", { value }, label));
    }
    target.append(group);
  }
  target.value = `${where.lane}${TARGET_SEP}${where.step}`;
  const refocus = () => {
    host.grid.querySelector<HTMLElement>(`.jmw-card[data-card-id="${cssEscape(cardId)}"]`)?.focus();
  };
  const form = panels.form(
    "jmw-move-card-form",
    "Move card",
    (base) => {
      const [lane, step] = target.value.split(TARGET_SEP);
      if (!lane || !step) return;
      panels.close(false);
      if (lane === where.lane && step === where.step) {
        refocus();
        return;
      }
      host.focusCardAfterRender = cardId;
      host.sendEdit({ op: "move_card", card: cardId, lane, step }, { base });
    },
    h("p", { class: "jmw-hint" }, `Card: ${where.card.text}`),
    field("Move to", target),
    actions("Move card", panels.cancelButton()),
  );
  panels.frame("move-card", "Move card", refocus, form);
}
