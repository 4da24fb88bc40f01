// Building one view: the elements it is made of, and its parts, each given the view as its host.
import { ConnectMode } from "../arrows/connect";
import { ConnectionLayer } from "../arrows/layer";
import { h } from "../dom/builders";
import { openConnectionLabel } from "../editors/connection-label";
import { Editors } from "../editors/inline";
import { Panels } from "../editors/panels";
import { CardActions } from "../grid/card-actions";
import { EmotionDrag } from "../grid/emotion";
import { HighlightPainter } from "../grid/highlights";
import { GridNavigator } from "../grid/navigation";
import { GridRenderer } from "../grid/render";
import { ErrorBanner } from "../toolbar/banner";
import { SyncStatus } from "../toolbar/syncstatus";
import type { ViewContext, ViewParts } from "./context";

/** The elements of a view, top to bottom: toolbar, panel, banner and status areas, the grid. */
export interface ViewFrame {
  readonly root: HTMLDivElement;
  readonly toolbar: HTMLDivElement;
  readonly formArea: HTMLDivElement;
  readonly bannerArea: HTMLDivElement;
  readonly statusArea: HTMLDivElement;
  readonly scroller: HTMLDivElement;
  readonly grid: HTMLDivElement;
}

export function buildFrame(): ViewFrame {
  const root = h("div", { class: "jmw-root", "data-lm-suppress-shortcuts": "true" });
  const toolbar = h("div", { class: "jmw-toolbar" });
  const formArea = h("div", { class: "jmw-form-area" });
  const bannerArea = h("div", { class: "jmw-banner-area" });
  const statusArea = h("div", { class: "jmw-status-area" });
  const scroller = h("div", { class: "jmw-scroll" });
  const grid = h("div", { class: "jmw-grid", role: "grid" });
  scroller.appendChild(grid);
  root.append(toolbar, formArea, bannerArea, statusArea, scroller);
  return { root, toolbar, formArea, bannerArea, statusArea, scroller, grid };
}

/** The parts of `view`, wired to each other; none of them calls the view while being built. */
export function buildParts(view: ViewContext, frame: ViewFrame): ViewParts {
  const banner = new ErrorBanner(frame.bannerArea);
  const renderer = new GridRenderer(view, view.index);
  const nav = new GridNavigator(view, view.index);
  const editors = new Editors(view, renderer);
  const panels = new Panels(view, frame.formArea, frame.toolbar, (id) => view.setPersona(id));
  const cards = new CardActions(view, {
    edit: (cardEl, card) => editors.editCard(cardEl, card),
    openMove: (cardId) => panels.openMoveCard(cardId),
  });
  const emotionDrag = new EmotionDrag(view, (lane) => view.renderEmotionCurve(lane));
  const connections: ConnectionLayer = new ConnectionLayer(view, frame.scroller, (id) =>
    openConnectionLabel(view, panels, connections, id),
  );
  const connect = new ConnectMode(view, connections, frame.statusArea);
  const highlights = new HighlightPainter(view.index);
  const sync = new SyncStatus(frame.statusArea, view.store.behind);
  return {
    banner,
    renderer,
    nav,
    editors,
    cards,
    emotionDrag,
    panels,
    connections,
    connect,
    highlights,
    sync,
  };
}
