// The "Annotations" dialog of a cell or card: its fields, checked and sent as one set_annotation
// with what changed (model/annotations.ts builds the operation).
import { h } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import {
  type AnnotationForm,
  type AnnotationTarget,
  annotationOf,
  annotationOp,
  DURATION_UNITS,
  formValues,
} from "../model/annotations";
import { findCard } from "../model/layout";
import { TEXT_LIMITS } from "../model/schema";
import { actions, field, input, select, textarea } from "./fields";
import type { PanelArea } from "./panel-area";

/** The dialog's controls, holding `values`. */
function annotationControls(values: AnnotationForm) {
  const duration = h("input", {
    type: "number",
    name: "duration",
    class: "jmw-form-duration",
    min: 0,
    step: "any",
  });
  duration.value = values.duration;
  const cost = h("input", { type: "number", name: "cost", class: "jmw-form-cost", min: 0, step: "any" });
  cost.value = values.cost;
  return {
    failPoint: textarea("fail_point", values.fail_point, TEXT_LIMITS.LongText),
    waitPoint: textarea("wait_point", values.wait_point, TEXT_LIMITS.LongText),
    duration,
    unit: select(
      "unit",
      DURATION_UNITS.map((u): [string, string] => [u, u]),
      values.unit,
    ),
    cost,
    currency: input("currency", values.currency, 3, { size: 4 }), // ISO 4217: three letters
    owner: input("owner", values.owner, TEXT_LIMITS.ShortText),
  };
}

type Controls = ReturnType<typeof annotationControls>;

function readControls(c: Controls): AnnotationForm {
  return {
    fail_point: c.failPoint.value,
    wait_point: c.waitPoint.value,
    duration: c.duration.value,
    unit: c.unit.value,
    cost: c.cost.value,
    currency: c.currency.value,
    owner: c.owner.value,
  };
}

/** The dialog's fields, in order, after the line saying where the annotation sits. */
function annotationFields(c: Controls): HTMLElement[] {
  return [
    field("Fail point", c.failPoint, "what fails here; empty: none"),
    field("Wait point", c.waitPoint, "why the customer waits; empty: none"),
    h(
      "fieldset",
      { class: "jmw-fieldset" },
      h("legend", {}, "Duration"),
      field("Value", c.duration),
      field("Unit", c.unit),
    ),
    h(
      "fieldset",
      { class: "jmw-fieldset" },
      h("legend", {}, "Cost"),
      field("Amount", c.cost),
      field("Currency", c.currency),
    ),
    field("Owner", c.owner, "team or role"),
  ];
}

/** Where the annotation sits, as the dialog says it: `card "…" in Lane, Step` or `Lane, Step`. */
function describeTarget(host: ViewHost, target: AnnotationTarget): string {
  const lane = host.layout.laneById.get(target.lane)?.lane.name ?? target.lane;
  const step = host.layout.stepById.get(target.step)?.step.name ?? target.step;
  const card = target.card ? findCard(host.doc, target.card)?.card : undefined;
  return card ? `card "${card.text}" in ${lane}, ${step}` : `${lane}, ${step}`;
}

/** The "Annotations" dialog of a cell or card: `[role=dialog][data-panel=annotations]`. */
export function openAnnotations(
  host: ViewHost,
  panels: PanelArea,
  target: AnnotationTarget,
  returnFocus: () => void,
): void {
  const current = annotationOf(host, target);
  const c = annotationControls(formValues(current));
  const msg = h("div", { class: "jmw-validation", "aria-live": "polite" });
  /** The controls a validation message can point at, by field name. */
  const checked: Record<string, HTMLElement> = {
    duration: c.duration,
    unit: c.unit,
    cost: c.cost,
    currency: c.currency,
  };
  const where = describeTarget(host, target);
  const reopen = () => openAnnotations(host, panels, target, returnFocus);
  const submit = (base: number) => {
    for (const el of Object.values(checked)) el.removeAttribute("aria-invalid");
    msg.textContent = "";
    const result = annotationOp(target, current, readControls(c));
    if (result.error !== undefined) {
      msg.textContent = result.error;
      const bad = checked[result.field];
      bad?.setAttribute("aria-invalid", "true");
      bad?.focus();
    } else if (result.op === null) {
      panels.close();
    } else {
      panels.send(result.op, base, () => panels.close(), reopen);
    }
  };
  const form = panels.form(
    "jmw-annotation-form",
    `Annotations of ${where}`,
    submit,
    h("p", { class: "jmw-hint jmw-form-where" }, where),
    ...annotationFields(c),
    msg,
    actions("Save annotations", panels.cancelButton()),
  );
  if (target.card) form.dataset.cardId = target.card;
  form.dataset.laneId = target.lane;
  form.dataset.stepId = target.step;
  panels.frame("annotations", "Annotations", returnFocus, form);
}
