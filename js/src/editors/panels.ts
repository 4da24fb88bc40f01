// The panels of one view: the toolbar's (add stage, add lane, map settings, personas), which its
// buttons open and close, and those opened from the grid (lane settings, "move card to…"). The
// annotations and connection label dialogs show in the same area (annotations.ts,
// connection-label.ts).
import type { ViewHost } from "../dom/host";
import { openAddLane, openAddStage } from "./add-panels";
import { openLane } from "./lane-settings";
import { openMap } from "./map-settings";
import { openMoveCard } from "./move-card";
import { PanelArea } from "./panel-area";
import { openPersonas, type SetPersona } from "./personas";

export type ToolbarPanel = "add-stage" | "add-lane" | "map" | "personas";

export class Panels extends PanelArea {
  constructor(
    host: ViewHost,
    area: HTMLElement,
    toolbar: HTMLElement,
    private readonly setPersona: SetPersona,
  ) {
    super(host, area, toolbar);
  }

  /** Open the panel `name`, or close it when it is the open one. */
  toggle(name: ToolbarPanel): void {
    if (this.current === name) {
      this.close();
      return;
    }
    const openers = {
      "add-stage": () => openAddStage(this),
      "add-lane": () => openAddLane(this),
      map: () => openMap(this),
      personas: () => openPersonas(this, this.setPersona),
    };
    openers[name]();
  }

  /** The settings of lane `laneId`; `returnFocus` runs when the panel closes. */
  openLane(laneId: string, returnFocus: () => void): void {
    openLane(this, laneId, returnFocus);
  }

  /** Move a card to another step or cards lane, without a mouse. */
  openMoveCard(cardId: string): void {
    openMoveCard(this, cardId);
  }
}
