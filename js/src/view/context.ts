// What the view's handlers (keys.ts, events.ts, actions.ts, updates.ts) see of one JourneyView
// (view.ts): the ViewHost every part gets, the parts themselves, and what only the view does.
import type { ConnectMode } from "../arrows/connect";
import type { ConnectionLayer } from "../arrows/layer";
import type { ViewHost } from "../dom/host";
import type { Editors } from "../editors/inline";
import type { Panels } from "../editors/panels";
import type { CardActions } from "../grid/card-actions";
import type { EmotionDrag } from "../grid/emotion";
import type { HighlightPainter } from "../grid/highlights";
import type { GridNavigator } from "../grid/navigation";
import type { GridRenderer } from "../grid/render";
import type { AnnotationTarget } from "../model/annotations";
import type { ViewName } from "../model/blueprint";
import type { ErrorBanner } from "../toolbar/banner";
import type { SyncStatus } from "../toolbar/syncstatus";

/** The parts of one view, built together with it (parts.ts). */
export interface ViewParts {
  readonly banner: ErrorBanner;
  readonly renderer: GridRenderer;
  readonly nav: GridNavigator;
  readonly editors: Editors;
  readonly cards: CardActions;
  readonly emotionDrag: EmotionDrag;
  readonly panels: Panels;
  readonly connections: ConnectionLayer;
  readonly connect: ConnectMode;
  readonly highlights: HighlightPainter;
  /** "Catching up with the kernel…" while the store waits for a snapshot. */
  readonly sync: SyncStatus;
}

export interface ViewContext extends ViewHost {
  readonly parts: ViewParts;
  /** Make `id` the persona emotion edits change (and show it in the toolbar). */
  setPersona(id: string): void;
  /** Select a step column (the synced `selected_step` trait). */
  selectStep(stepId: string): void;
  /** Switch between the journey and the blueprint view (the synced `view` trait). */
  setView(view: ViewName): void;
  /** Re-render everything from the store. */
  renderAll(): void;
  renderToolbar(): void;
  /** Re-render one cell from the store (and its lane's curve or bars). */
  rerenderCell(lane: string, step: string): void;
  renderEmotionCurve(laneId: string): void;
  /** What follows every render or patch: arrows, highlights, the cell tools of the focused cell. */
  afterRender(): void;
  openAnnotationsFor(target: AnnotationTarget, returnTo: HTMLElement): void;
}
