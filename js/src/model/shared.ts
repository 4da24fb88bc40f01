// Constants shared with the Python package, from src/jmwidget/schema/shared.json (one file both
// sides read; esbuild inlines it): the default document, blueprint zones and lines, grid geometry.
import shared from "../../../src/jmwidget/schema/shared.json";
import type { Journey, Zone } from "./schema";

export interface LineDef {
  id: "interaction" | "visibility" | "internal";
  name: string;
  above: Zone;
  below: Zone;
}

/** A new copy of the document a new map starts from. */
export function defaultDocument(): Journey {
  // tests/test_shared.py validates this document against the schema.
  return JSON.parse(JSON.stringify(shared.default_document)) as Journey;
}

export const ZONES: readonly Zone[] = shared.zones.map((zone) => zone.id as Zone);

export const ZONE_NAMES = Object.fromEntries(shared.zones.map((zone) => [zone.id, zone.name])) as Record<
  Zone,
  string
>;

export const LINES: readonly LineDef[] = shared.lines as LineDef[];

/** Zones the journey view keeps (with every lane that has no zone). */
export const JOURNEY_VIEW_ZONES: ReadonlySet<string> = new Set(shared.journey_view_zones);

/** Grid geometry in CSS pixels, the same numbers the SVG pictures draw with. */
export const GRID = shared.grid;

/** A value backed by fewer observations than this (its evidence has n < SMALL_N) is drawn as less certain. */
export const SMALL_N: number = shared.evidence.small_n;
