// The autosave status (`save_status` trait, see src/jmwidget/autosave.py): what the kernel reports
// and the line of text the toolbar shows for it (toolbar/savestatus.ts).

export interface SaveStatus {
  state: "saved" | "pending" | "saving" | "error";
  path: string;
  revision: number | null;
  saved_at: string | null;
  error: string | null;
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
  };
}

/** "14:02" in the browser's time zone, or "" for a time that does not parse. */
export function clockTime(iso: string | null): string {
  if (!iso) return "";
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return "";
  return `${String(t.getHours()).padStart(2, "0")}:${String(t.getMinutes()).padStart(2, "0")}`;
}

/** The status line: "Saved 14:02", "Saving…", "Unsaved changes", "Not saved: <error>". */
export function saveStatusText(status: SaveStatus): string {
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
