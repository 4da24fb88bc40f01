// The "Add stage" and "Add lane" panels of the toolbar.
import { h } from "../dom/builders";
import { type LaneKind, type MetricFormat, TEXT_LIMITS, type Zone } from "../model/schema";
import { actions, field, input, LANE_KINDS, METRIC_FORMATS, select, zoneSelect } from "./fields";
import type { PanelArea } from "./panel-area";

/** "Add stage": a name and the first step. */
export function openAddStage(panels: PanelArea): void {
  const name = input("name", "", TEXT_LIMITS.ShortText, { required: true });
  const first = input("step", "Step 1", TEXT_LIMITS.ShortText);
  const form = panels.form(
    "jmw-add-stage-form",
    "Add stage",
    (base) => {
      const stageName = name.value.trim();
      if (!stageName) {
        name.focus();
        return;
      }
      const stepName = first.value.trim();
      panels.host.sendEdit(
        { op: "add_stage", stage: { name: stageName, steps: stepName ? [{ name: stepName }] : [] } },
        { base },
      );
      panels.close();
    },
    field("Stage name", name),
    field("First step", first),
    actions("Add stage", panels.cancelButton()),
  );
  panels.frame("add-stage", "Add stage", panels.focusToolbar("add-stage"), form);
}

/** "Add lane": a name, a kind, a blueprint zone, and a metric lane's format and unit. */
export function openAddLane(panels: PanelArea): void {
  const name = input("name", "", TEXT_LIMITS.ShortText, { required: true });
  const kind = select(
    "kind",
    LANE_KINDS.map((k) => [k, k]),
    "text",
  );
  const format = select(
    "format",
    [["", "(number)"], ...METRIC_FORMATS.map((f): [string, string] => [f, f])],
    "",
  );
  const unit = input("unit", "", TEXT_LIMITS.TagText, { size: 6 });
  const zone = zoneSelect(undefined);
  const metricBits = h("span", { class: "jmw-form-metric" }, field("Format", format), field("Unit", unit));
  metricBits.hidden = true;
  kind.addEventListener("change", () => {
    metricBits.hidden = kind.value !== "metric";
  });
  const form = panels.form(
    "jmw-add-lane-form",
    "Add lane",
    (base) => {
      const laneName = name.value.trim();
      if (!laneName) {
        name.focus();
        return;
      }
      const k = kind.value as LaneKind;
      const lane: { name: string; kind: LaneKind; format?: MetricFormat; unit?: string; zone?: Zone } = {
        name: laneName,
        kind: k,
      };
      if (zone.value) lane.zone = zone.value as Zone;
      if (k === "metric") {
        if (format.value) lane.format = format.value as MetricFormat;
        if (unit.value.trim()) lane.unit = unit.value.trim();
      }
      panels.host.sendEdit({ op: "add_lane", lane }, { base });
      panels.close();
    },
    field("Lane name", name),
    field("Kind", kind),
    field("Blueprint zone", zone),
    metricBits,
    actions("Add lane", panels.cancelButton()),
  );
  panels.frame("add-lane", "Add lane", panels.focusToolbar("add-lane"), form);
}
