// The autosave status in the toolbar (`save_status` trait, see src/jmwidget/formats/_autosave.py):
// `.jmw-save-status[role=status][data-state]`, hidden when the map is not saved to a file.
import { readSaveStatus, saveStatusText } from "../model/savestatus";

/** Fill the status element (text only, never HTML). */
export function renderSaveStatus(el: HTMLElement, value: unknown): void {
  const status = readSaveStatus(value);
  el.hidden = status === null;
  if (!status) {
    el.textContent = "";
    el.removeAttribute("data-state");
    el.removeAttribute("title");
    return;
  }
  el.dataset.state = status.state;
  el.dataset.conflicts = String(status.conflicts.length);
  el.textContent = saveStatusText(status);
  const where = status.path
    ? `${status.state === "error" ? "Could not save to" : "Autosaves to"} ${status.path}`
    : "";
  el.title = [where, ...status.conflicts].filter(Boolean).join("\n");
}
