// Whether the view is behind the kernel: `.jmw-sync-status[role=status]` in the status area says
// "Catching up with the kernel…" while the store waits for a snapshot (it missed a change, e.g.
// one the server dropped in a burst), and is empty otherwise. The live region stays in the page,
// empty, so that screen readers announce the text when it appears.
import { h } from "../dom/builders";

export const CATCHING_UP = "Catching up with the kernel…";

export class SyncStatus {
  readonly el: HTMLElement;

  constructor(area: HTMLElement, behind: boolean) {
    this.el = h("div", { class: "jmw-sync-status", role: "status", "aria-live": "polite" });
    area.append(this.el);
    this.show(behind);
  }

  show(behind: boolean): void {
    const text = behind ? CATCHING_UP : "";
    if (this.el.textContent !== text) this.el.textContent = text;
    this.el.dataset.state = behind ? "behind" : "current";
  }
}
