// The "Map settings" panel: title, description, scenario, state, channel vocabulary and emotion
// scale; it sends one edit_map with what changed (model/edits.ts works that out).

import { h } from "../dom/builders";
import { type MapForm, mapEdit } from "../model/edits";
import { STRUCTURE_LOCKED, structureLocked } from "../model/lock";
import { type Journey, TEXT_LIMITS } from "../model/schema";
import { actions, field, input, listTextarea, numberInput, select, textarea } from "./fields";
import type { PanelArea } from "./panel-area";

/** The panel's controls, holding the map's current settings. */
function mapControls(doc: Journey) {
  const scale = doc.emotion_scale;
  return {
    title: input("title", doc.title, TEXT_LIMITS.TitleText),
    description: textarea("description", doc.description, TEXT_LIMITS.ProseText, 2),
    scenario: textarea("scenario", doc.scenario, TEXT_LIMITS.ProseText, 2),
    state: select(
      "state",
      [
        ["current", "Current state"],
        ["future", "Future state"],
      ],
      doc.state,
    ),
    channels: listTextarea("channels", doc.channels, TEXT_LIMITS.ShortText, "channel", 3),
    min: numberInput("scale-min", scale.min),
    max: numberInput("scale-max", scale.max),
    neutral: numberInput("scale-neutral", scale.neutral),
  };
}

type Controls = ReturnType<typeof mapControls>;

function readControls(c: Controls): MapForm {
  return {
    title: c.title.value,
    description: c.description.value,
    scenario: c.scenario.value,
    state: c.state.value,
    channels: c.channels.value,
    min: c.min.value,
    max: c.max.value,
    neutral: c.neutral.value,
  };
}

function mapFields(c: Controls): HTMLElement[] {
  return [
    field("Title", c.title),
    field("Description", c.description),
    field("Scenario", c.scenario),
    field("State", c.state),
    field("Channels", c.channels, "one per line"),
    h(
      "fieldset",
      { class: "jmw-fieldset jmw-scale-fields" },
      h("legend", {}, "Emotion scale"),
      field("Min", c.min),
      field("Max", c.max),
      field("Neutral", c.neutral),
    ),
  ];
}

/** "Map settings": title, description, scenario, state, channels and the emotion scale. */
export function openMap(panels: PanelArea): void {
  const doc = panels.host.doc;
  const c = mapControls(doc);
  const scaleFields = [c.min, c.max, c.neutral];
  if (structureLocked(doc)) {
    for (const el of [c.channels, ...scaleFields]) {
      el.disabled = true;
      el.title = STRUCTURE_LOCKED;
    }
  }
  const msg = h("div", { class: "jmw-validation", "aria-live": "polite" });
  const submit = (base: number) => {
    for (const el of scaleFields) el.removeAttribute("aria-invalid");
    msg.textContent = "";
    const edit = mapEdit(doc, readControls(c));
    if ("problem" in edit) {
      msg.textContent = edit.problem;
      for (const el of scaleFields) el.setAttribute("aria-invalid", "true");
      c.min.focus();
    } else if (Object.keys(edit.fields).length === 0) {
      panels.close();
    } else {
      panels.send(
        { op: "edit_map", fields: edit.fields },
        base,
        () => panels.close(),
        () => openMap(panels),
      );
    }
  };
  const form = panels.form(
    "jmw-map-form",
    "Map settings",
    submit,
    ...mapFields(c),
    msg,
    actions("Save map", panels.cancelButton()),
  );
  panels.frame("map", "Map settings", panels.focusToolbar("map-settings"), form);
}
