// The index of a rendered grid: its cells, headers, lane rows and emotion SVGs by id, filled by
// the grid renderer and looked up by every other part of the view.
import { cellKey, type HeaderKind } from "../model/keys";

export class GridIndex {
  readonly cells = new Map<string, HTMLElement>();
  readonly stepHeaders = new Map<string, HTMLElement>();
  readonly stageHeaders = new Map<string, HTMLElement>();
  readonly laneRows = new Map<string, HTMLElement>();
  readonly emotionSvgs = new Map<string, SVGSVGElement>();

  clear(): void {
    this.cells.clear();
    this.stepHeaders.clear();
    this.stageHeaders.clear();
    this.laneRows.clear();
    this.emotionSvgs.clear();
  }

  cell(laneId: string, stepId: string): HTMLElement | undefined {
    return this.cells.get(cellKey(laneId, stepId));
  }

  laneHeader(laneId: string): HTMLElement | null {
    return this.laneRows.get(laneId)?.querySelector<HTMLElement>('[role="rowheader"]') ?? null;
  }

  header(kind: HeaderKind, id: string): HTMLElement | null {
    if (kind === "stage") return this.stageHeaders.get(id) ?? null;
    if (kind === "step") return this.stepHeaders.get(id) ?? null;
    return this.laneHeader(id);
  }
}
