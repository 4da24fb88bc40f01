// Service-blueprint view rules: zones, the three lines between them, and which lanes each view
// shows. The zones and lines come from shared.json; the line rule is the Python model's
// blueprint_lines (tests/test_shared.py compares the two on every template).
import type { Journey, Lane, Zone } from "./schema";
import { JOURNEY_VIEW_ZONES, LINES, type LineDef, ZONE_NAMES, ZONES } from "./shared";

export { LINES, type LineDef, ZONE_NAMES, ZONES };

export type ViewName = "journey" | "blueprint";

export function hasZones(doc: Journey): boolean {
  return doc.lanes.some((lane) => lane.zone !== undefined);
}

/** The view to draw: the trait's value when it names one, else blueprint for a map with zones. */
export function resolveView(trait: unknown, doc: Journey): ViewName {
  if (trait === "journey" || trait === "blueprint") return trait;
  return hasZones(doc) ? "blueprint" : "journey";
}

/** The lanes a view shows, in document order. */
export function visibleLanes(lanes: readonly Lane[], view: ViewName): Lane[] {
  if (view === "blueprint") return [...lanes];
  return lanes.filter((lane) => lane.zone === undefined || JOURNEY_VIEW_ZONES.has(lane.zone));
}

function rank(lane: Lane): number {
  return lane.zone === undefined ? -1 : ZONES.indexOf(lane.zone);
}

/** What to draw at each shown lane: a zone title where a zone band starts, a line above it. */
export interface LaneMarks {
  /** The zone's name when this lane starts a band of that zone. */
  zoneTitle?: string;
  /** The lines drawn just above this lane (usually one). */
  linesAbove: LineDef[];
  /** Where the lane sits, for screen readers: "Frontstage zone, below the line of interaction". */
  description?: string;
}

/**
 * Zone bands and lines over `lanes` (the shown ones, in order). A line sits above the first lane
 * of a zone at or below its lower zone when some lane of a zone at or above its upper zone comes
 * before it: the same rule as the Python model's `blueprint_lines`.
 */
export function laneMarks(lanes: readonly Lane[]): Map<string, LaneMarks> {
  const marks = new Map<string, LaneMarks>();
  for (const lane of lanes) marks.set(lane.id, { linesAbove: [] });
  for (const line of LINES) {
    const aboveRank = ZONES.indexOf(line.above);
    const belowRank = ZONES.indexOf(line.below);
    const upper = lanes.findIndex((l) => rank(l) >= 0 && rank(l) <= aboveRank);
    const lower = lanes.findIndex((l) => rank(l) >= belowRank);
    if (upper >= 0 && lower > upper) {
      const lane = lanes[lower];
      if (lane) marks.get(lane.id)?.linesAbove.push(line);
    }
  }
  let previousZone: Zone | undefined;
  for (const lane of lanes) {
    const mark = marks.get(lane.id);
    if (!mark) continue;
    if (lane.zone !== undefined && lane.zone !== previousZone) mark.zoneTitle = ZONE_NAMES[lane.zone];
    if (lane.zone !== undefined) {
      previousZone = lane.zone;
      const r = rank(lane);
      const crossed = LINES.filter((l) => ZONES.indexOf(l.below) <= r).pop();
      mark.description = crossed
        ? `${ZONE_NAMES[lane.zone]} zone, below the ${crossed.name.toLowerCase()}`
        : `${ZONE_NAMES[lane.zone]} zone`;
    }
  }
  return marks;
}
