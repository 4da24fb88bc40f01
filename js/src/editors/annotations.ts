// The "Annotations" dialog of a cell or card: its fields, checked and sent as one set_annotation
// with what changed (model/annotations.ts builds the operation).
import { h } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import {
  type AnnotationTarget,
  annotationOf,
  annotationOp,
  DURATION_UNITS,
  formValues,
} from "../model/annotations";
import { findCard } from "../model/layout";
import { actions, field, input, select, textarea } from "./fields";
import type { PanelArea } from "./panel-area";

/** The "Annotations" dialog of a cell or card: `[role=dialog][data-panel=annotations]`. */
export function openAnnotations(
  host: ViewHost,
  panels: PanelArea,
  target: AnnotationTarget,
  returnFocus: () => void,
): void {
  const current = annotationOf(host, target);
  const values = formValues(current);
  const failPoint = textarea("fail_point", values.fail_point);
  const waitPoint = textarea("wait_point", values.wait_point);
  const duration = h("input", {
    type: "number",
    name: "duration",
    class: "jmw-form-duration",
    min: 0,
    step: "any",
  });
  duration.value = values.duration;
  const unit = select(
    "unit",
    DURATION_UNITS.map((u): [string, string] => [u, u]),
    values.unit,
  );
  const cost = h("input", { type: "number", name: "cost", class: "jmw-form-cost", min: 0, step: "any" });
  cost.value = values.cost;
  const currency = input("currency", values.currency, { size: 4, maxlength: 3 });
  const owner = input("owner", values.owner);
  const msg = h("div", { class: "jmw-validation", "aria-live": "polite" });
  const controls: Record<string, HTMLElement> = { duration, unit, cost, currency };
  const lane = host.layout.laneById.get(target.lane)?.lane.name ?? target.lane;
  const step = host.layout.stepById.get(target.step)?.step.name ?? target.step;
  const card = target.card ? findCard(host.doc, target.card)?.card : undefined;
  const where = card ? `card "${card.text}" in ${lane}, ${step}` : `${lane}, ${step}`;
  const reopen = () => openAnnotations(host, panels, target, returnFocus);
  const form = panels.form(
    "jmw-annotation-form",
    `Annotations of ${where}`,
    (base) => {
      for (const el of Object.values(controls)) el.removeAttribute("aria-invalid");
      msg.textContent = "";
      const result = annotationOp(target, current, {
        fail_point: failPoint.value,
        wait_point: waitPoint.value,
        duration: duration.value,
        unit: unit.value,
        cost: cost.value,
        currency: currency.value,
        owner: owner.value,
      });
      if (result.error !== undefined) {
        msg.textContent = result.error;
        const bad = controls[result.field];
        bad?.setAttribute("aria-invalid", "true");
        bad?.focus();
        return;
      }
      if (result.op === null) {
        panels.close();
        return;
      }
      panels.send(result.op, base, () => panels.close(), reopen);
    },
    h("p", { class: "jmw-hint jmw-form-where" }, where),
    field("Fail point", failPoint, "what fails here; empty: none"),
    field("Wait point", waitPoint, "why the customer waits; empty: none"),
    h(
      "fieldset",
      { class: "jmw-fieldset" },
      h("legend", {}, "Duration"),
      field("Value", duration),
      field("Unit", unit),
    ),
    h(
      "fieldset",
      { class: "jmw-fieldset" },
      h("legend", {}, "Cost"),
      field("Amount", cost),
      field("Currency", currency),
    ),
    field("Owner", owner, "team or role"),
    msg,
    actions("Save annotations", panels.cancelButton()),
  );
  if (target.card) form.dataset.cardId = target.card;
  form.dataset.laneId = target.lane;
  form.dataset.stepId = target.step;
  panels.frame("annotations", "Annotations", returnFocus, form);
}
