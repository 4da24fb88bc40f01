// The label dialog of a connection arrow: `[role=dialog][data-panel=connection]` with
// `form.jmw-connection-form`, to change or clear the label, or delete the connection.
import type { ConnectionLayer } from "../arrows/layer";
import { h } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import { connectionName } from "../model/connections";
import { TEXT_LIMITS } from "../model/schema";
import { actions, field, input } from "./fields";
import type { PanelArea } from "./panel-area";

export function openConnectionLabel(
  host: ViewHost,
  panels: PanelArea,
  layer: ConnectionLayer,
  id: string,
): void {
  const c = layer.connection(id);
  if (!c) return;
  const label = input("label", c.label ?? "", TEXT_LIMITS.TitleText);
  const del = h("button", { type: "button", class: "jmw-btn jmw-delete-connection" }, "Delete connection");
  const refocus = () => layer.select(id);
  const form = panels.form(
    "jmw-connection-form",
    "Connection label",
    (base) => {
      const text = label.value.trim();
      if (text === (c.label ?? "")) {
        panels.close();
        return;
      }
      panels.send(
        { op: "edit_connection", connection: id, fields: { label: text === "" ? null : text } },
        base,
        () => panels.close(),
        () => openConnectionLabel(host, panels, layer, id),
      );
    },
    h("p", { class: "jmw-hint" }, connectionName(host.doc, host.layout, c)),
    field("Label", label, "empty: no label"),
    actions("Save label", del, panels.cancelButton()),
  );
  form.dataset.connectionId = id;
  del.addEventListener("click", () => {
    panels.close(false);
    layer.remove(id);
  });
  panels.frame("connection", "Connection", refocus, form);
}
