// anywidget entry point: one Store per model (shared by every view of it), one JourneyView per render.
import type { Initialize, Render } from "@anywidget/types";
// Styles, in cascade order; esbuild bundles them into one widget.css (standalone.css for standalone.ts).
import "./styles/theme.css";
import "./styles/toolbar.css";
import "./styles/grid.css";
import "./styles/cells.css";
import "./styles/panels.css";
import "./styles/blueprint.css";
import "./styles/arrows.css";
import "./styles/lock.css";
import "./styles/compare.css";
import { disposeStore, getStore, type WidgetModel, type WidgetTraits } from "./model/store";
import { JourneyView } from "./view/view";

export { formatMetric } from "./model/format";
export { applyPatches } from "./model/patches";
export { getStore, Store } from "./model/store";
export { JourneyView } from "./view/view";

const initialize: Initialize<WidgetTraits> = ({ model }) => {
  getStore(model as WidgetModel);
  return () => disposeStore(model as WidgetModel);
};

const render: Render<WidgetTraits> = ({ model, el }) => {
  const view = new JourneyView(model as WidgetModel, el, getStore(model as WidgetModel));
  return () => view.destroy();
};

export default { initialize, render };
