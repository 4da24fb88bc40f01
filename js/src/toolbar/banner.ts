// The error banner: `.jmw-error[role=alert]` with a rejected edit's message and a dismiss button.
// It stays at least a few seconds, so a later successful edit does not hide it before it is read.
import { clear, h } from "../dom/builders";

const ERROR_MIN_MS = 4000;

export class ErrorBanner {
  private shownAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly area: HTMLElement) {
    area.addEventListener("click", (e) => {
      if (e.target instanceof Element && e.target.closest(".jmw-error-dismiss")) this.clear(true);
    });
  }

  show(message: string): void {
    this.cancelTimer();
    clear(this.area);
    this.area.append(
      h(
        "div",
        { class: "jmw-error", role: "alert" },
        h("span", { class: "jmw-error-text" }, message),
        h(
          "button",
          { type: "button", class: "jmw-btn jmw-error-dismiss", "aria-label": "Dismiss error" },
          "×",
        ),
      ),
    );
    this.shownAt = Date.now();
  }

  /** Remove the banner: now, or once it has been shown long enough. */
  clear(now: boolean): void {
    this.cancelTimer();
    if (!this.area.firstChild) return;
    const wait = now ? 0 : this.shownAt + ERROR_MIN_MS - Date.now();
    if (wait <= 0) {
      clear(this.area);
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      clear(this.area);
    }, wait);
  }

  dispose(): void {
    this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
