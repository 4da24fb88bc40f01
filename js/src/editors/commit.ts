// When an in-place editor commits: Enter (or leaving it) commits, Escape cancels, and its keys
// never reach JupyterLab.
import { activeElementFor } from "../dom/root";

/** Ends an editor: `commit` sends its edit, `refocus` gives focus back to what it edits. */
export type Finish = (commit: boolean, refocus: boolean) => void;

/** Enter commits (Shift+Enter is a new line where `multiline`), Escape cancels; keys never reach Jupyter. */
export function commitKeys(target: HTMLElement, finish: Finish, multiline = false): void {
  target.addEventListener("keydown", (e) => {
    e.stopPropagation();
    if (e.key === "Enter" && e.target instanceof HTMLButtonElement) return; // the button's own click
    if (e.key === "Enter" && !(multiline && e.shiftKey) && !e.isComposing) {
      e.preventDefault();
      finish(true, true);
    } else if (e.key === "Escape") {
      e.preventDefault();
      finish(false, true);
    }
  });
}

/** Commit when focus leaves `box` for good (not when it moves between the box's own fields). */
export function commitOnLeave(box: HTMLElement, finish: Finish): void {
  box.addEventListener("focusout", (e) => {
    const next = e.relatedTarget;
    if (next instanceof Node && box.contains(next)) return;
    setTimeout(() => {
      if (!box.contains(activeElementFor(box))) finish(true, false);
    }, 0);
  });
}
