// The autosave status (`save_status` trait, see src/jmwidget/formats/_autosave.py): what the kernel
// reports and the line of text the toolbar shows for it (toolbar/savestatus.ts).

export interface SaveStatus {
  state: "saved" | "pending" | "saving" | "error";
  path: string;
  revision: number | null;
  saved_at: string | null;
  error: string | null;
  /** Changes someone else saved to the file, merged into this map by the latest save or follow. */
  merged: number;
  /** The latest conflicts: both changed the same thing and the file's version was kept. */
  conflicts: string[];
}

const STATES = new Set(["saved", "pending", "saving", "error"]);

export function readSaveStatus(value: unknown): SaveStatus | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.state !== "string" || !STATES.has(v.state)) return null;
  return {
    state: v.state as SaveStatus["state"],
    path: typeof v.path === "string" ? v.path : "",
    revision: typeof v.revision === "number" ? v.revision : null,
    saved_at: typeof v.saved_at === "string" ? v.saved_at : null,
    error: typeof v.error === "string" ? v.error : null,
    merged: typeof v.merged === "number" ? v.merged : 0,
    conflicts: Array.isArray(v.conflicts)
      ? v.conflicts.filter((c): c is string => typeof c === "string")
      : [],
  };
}

/** "14:02" in the browser's time zone, or "" for a time that does not parse. */
export function clockTime(iso: string | null): string {
  if (!iso) return "";
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return "";
  return `${String(t.getHours()).padStart(2, "0")}:${String(t.getMinutes()).padStart(2, "0")}`;
}

/** The status line: "Saved 14:02", "Saving…", "Unsaved changes", "Not saved: <error>", and what
 * others' saves brought in: "· 3 changes by others merged", "· 1 conflict". */
export function saveStatusText(status: SaveStatus): string {
  const notes = [];
  if (status.merged > 0)
    notes.push(`${status.merged} change${status.merged === 1 ? "" : "s"} by others merged`);
  const n = status.conflicts.length;
  if (n > 0) notes.push(`${n} conflict${n === 1 ? "" : "s"}`);
  return [stateText(status), ...notes].join(" · ");
}

/** The message for the banner when others' saves replaced some of this map's changes. */
export function conflictMessage(conflicts: readonly string[]): string {
  const head =
    conflicts.length === 1
      ? "Someone else saved a change to the same thing first; theirs was kept: "
      : `Someone else saved changes to the same things first; theirs were kept (${conflicts.length}): `;
  return head + conflicts.join("; ");
}

function stateText(status: SaveStatus): string {
  switch (status.state) {
    case "saved": {
      const at = clockTime(status.saved_at);
      return at ? `Saved ${at}` : "Saved";
    }
    case "saving":
      return "Saving…";
    case "pending":
      return "Unsaved changes";
    case "error":
      return `Not saved: ${status.error || "unknown error"}`;
  }
}
