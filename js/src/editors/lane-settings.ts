// The "Lane settings" panel of a lane (its header's ⚙ button, or S on the header).
import { h } from "../dom/builders";
import { type Lane, type MetricFormat, type Operation, TEXT_LIMITS, type Zone } from "../model/schema";
import { actions, field, input, METRIC_FORMATS, select, textarea, zoneSelect } from "./fields";
import type { PanelArea } from "./panel-area";

/** "Lane settings" of one lane: name, description, zone, and a metric lane's unit, format and direction. */
export function openLane(panels: PanelArea, laneId: string, returnFocus: () => void): void {
  const lane: Lane | undefined = panels.host.layout.laneById.get(laneId)?.lane;
  if (!lane) return;
  const name = input("name", lane.name, TEXT_LIMITS.ShortText, { required: true });
  const description = textarea("description", lane.description ?? "", TEXT_LIMITS.ProseText);
  const kind = h("output", { class: "jmw-form-kind-shown", name: "kind" }, lane.kind);
  const metric = lane.kind === "metric";
  const unit = input("unit", lane.unit ?? "", TEXT_LIMITS.TagText, { size: 8 });
  const formats: Array<[string, string]> = METRIC_FORMATS.map((f) => [f, f]);
  if (!lane.format) formats.unshift(["", "(number)"]);
  const format = select("format", formats, lane.format ?? "");
  const zone = zoneSelect(lane.zone);
  const better = h("input", { type: "checkbox", name: "higher_is_better", class: "jmw-form-better" });
  better.checked = lane.higher_is_better ?? true;
  const form = panels.form(
    "jmw-lane-form",
    `Lane settings: ${lane.name}`,
    (base) => {
      const fields: Extract<Operation, { op: "edit_lane" }>["fields"] = {};
      const newName = name.value.trim();
      if (!newName) {
        name.focus();
        return;
      }
      if (newName !== lane.name) fields.name = newName;
      if (description.value !== (lane.description ?? "")) fields.description = description.value;
      if (zone.value !== (lane.zone ?? "")) fields.zone = zone.value ? (zone.value as Zone) : null;
      if (metric) {
        if (unit.value.trim() !== (lane.unit ?? "")) fields.unit = unit.value.trim();
        if (format.value && format.value !== (lane.format ?? ""))
          fields.format = format.value as MetricFormat;
        if (better.checked !== (lane.higher_is_better ?? true)) fields.higher_is_better = better.checked;
      }
      if (Object.keys(fields).length === 0) {
        panels.close();
        return;
      }
      panels.send(
        { op: "edit_lane", lane: lane.id, fields },
        base,
        () => panels.close(),
        () => openLane(panels, laneId, returnFocus),
      );
    },
    field("Name", name),
    h("div", { class: "jmw-field" }, h("span", { class: "jmw-field-label" }, "Kind"), kind),
    field("Description", description),
    field("Blueprint zone", zone),
    metric ? field("Unit", unit) : null,
    metric ? field("Format", format) : null,
    metric ? h("label", { class: "jmw-field jmw-check" }, better, " Higher is better") : null,
    actions("Save lane", panels.cancelButton()),
  );
  form.dataset.laneId = lane.id;
  panels.frame("lane", `Lane settings: ${lane.name}`, returnFocus, form);
}
