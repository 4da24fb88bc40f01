// The "Map settings" panel: title, description, scenario, state, channel vocabulary and emotion
// scale; it sends one edit_map with what changed (model/edits.ts works that out).
import { h } from "../dom/builders";
import { mapEdit } from "../model/edits";
import { actions, field, input, numberInput, select, textarea } from "./fields";
import type { PanelArea } from "./panel-area";

/** "Map settings": title, description, scenario, state, channels and the emotion scale. */
export function openMap(panels: PanelArea): void {
  const doc = panels.host.doc;
  const scale = doc.emotion_scale;
  const title = input("title", doc.title);
  const description = textarea("description", doc.description, 2);
  const scenario = textarea("scenario", doc.scenario, 2);
  const state = select(
    "state",
    [
      ["current", "Current state"],
      ["future", "Future state"],
    ],
    doc.state,
  );
  const channels = textarea("channels", doc.channels.join("\n"), 3);
  const min = numberInput("scale-min", scale.min);
  const max = numberInput("scale-max", scale.max);
  const neutral = numberInput("scale-neutral", scale.neutral);
  const scaleFields = [min, max, neutral];
  const msg = h("div", { class: "jmw-validation", "aria-live": "polite" });
  const submit = (base: number) => {
    for (const el of scaleFields) el.removeAttribute("aria-invalid");
    msg.textContent = "";
    const edit = mapEdit(doc, {
      title: title.value,
      description: description.value,
      scenario: scenario.value,
      state: state.value,
      channels: channels.value,
      min: min.value,
      max: max.value,
      neutral: neutral.value,
    });
    if ("problem" in edit) {
      msg.textContent = edit.problem;
      for (const el of scaleFields) el.setAttribute("aria-invalid", "true");
      min.focus();
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
    field("Title", title),
    field("Description", description),
    field("Scenario", scenario),
    field("State", state),
    field("Channels", channels, "one per line"),
    h(
      "fieldset",
      { class: "jmw-fieldset jmw-scale-fields" },
      h("legend", {}, "Emotion scale"),
      field("Min", min),
      field("Max", max),
      field("Neutral", neutral),
    ),
    msg,
    actions("Save map", panels.cancelButton()),
  );
  panels.frame("map", "Map settings", panels.focusToolbar("map-settings"), form);
}
