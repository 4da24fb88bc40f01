// anywidget entry point: one Store per model (shared by every view of it), one JourneyView per render.
import type { Initialize, Render } from "@anywidget/types";
import "./widget.css";
import { disposeStore, getStore, type WidgetModel, type WidgetTraits } from "./store";
import { JourneyView } from "./view";

export { formatMetric } from "./format";
export { applyPatches } from "./patches";
export { getStore, Store } from "./store";
export { JourneyView } from "./view";

const initialize: Initialize<WidgetTraits> = ({ model }) => {
  getStore(model as WidgetModel);
  return () => disposeStore(model as WidgetModel);
};

const render: Render<WidgetTraits> = ({ model, el }) => {
  const view = new JourneyView(model as WidgetModel, el, getStore(model as WidgetModel));
  return () => view.destroy();
};

export default { initialize, render };
