// The area above the grid where panels show, one at a time. Each is a non-modal dialog holding
// forms; Escape or Cancel closes it and gives focus back to what opened it. Every save sends its
// operation with the revision the panel opened at, through the same edit/reject path as the
// grid's editors. The panels themselves are built by the other modules of editors/.
import { type Child, clear, h } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import type { Operation } from "../model/schema";

let panelCounter = 0;

export type PanelName =
  | "add-stage"
  | "add-lane"
  | "map"
  | "personas"
  | "lane"
  | "move-card"
  | "annotations"
  | "connection";

export class PanelArea {
  private shown: { name: PanelName; section: HTMLElement; returnFocus: () => void } | null = null;

  constructor(
    readonly host: ViewHost,
    private readonly area: HTMLElement,
    private readonly toolbar: HTMLElement,
  ) {}

  get current(): PanelName | null {
    return this.shown?.name ?? null;
  }

  close(refocus = true): void {
    const shown = this.shown;
    this.shown = null;
    clear(this.area);
    if (shown && refocus) shown.returnFocus();
  }

  /** Gives focus back to the toolbar button `action` (what opened a toolbar panel). */
  focusToolbar(action: string): () => void {
    return () => this.toolbar.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus();
  }

  /** Show a dialog section with a heading; replaces any open panel. */
  frame(name: PanelName, title: string, returnFocus: () => void, ...content: HTMLElement[]): HTMLElement {
    this.close(false);
    panelCounter += 1;
    const headingId = `jmw-panel-${panelCounter}`;
    const closeBtn = h(
      "button",
      { type: "button", class: "jmw-btn jmw-panel-close", "aria-label": `Close ${title}` },
      "×",
    );
    const section = h(
      "section",
      {
        class: "jmw-panel",
        role: "dialog",
        "aria-modal": "false",
        "aria-labelledby": headingId,
        "data-panel": name,
      },
      h(
        "div",
        { class: "jmw-panel-head" },
        h("h3", { id: headingId, class: "jmw-panel-title" }, title),
        closeBtn,
      ),
      ...content,
    );
    closeBtn.addEventListener("click", () => this.close());
    section.addEventListener("keydown", (e) => {
      e.stopPropagation(); // typing in a panel never runs a notebook command
      if (e.key === "Escape") {
        e.preventDefault();
        this.close();
      }
    });
    for (const cancel of section.querySelectorAll(".jmw-cancel"))
      cancel.addEventListener("click", () => this.close());
    this.area.append(section);
    this.shown = { name, section, returnFocus };
    section.querySelector<HTMLElement>("input:not([disabled]), textarea, select")?.focus();
    return section;
  }

  cancelButton(): HTMLButtonElement {
    return h("button", { type: "button", class: "jmw-btn jmw-cancel" }, "Cancel");
  }

  /** A form whose submit handler runs with the revision the panel opened at. */
  form(cls: string, label: string, onSubmit: (base: number) => void, ...content: Child[]) {
    const base = this.host.store.rev;
    const form = h("form", { class: `jmw-form ${cls}`, "aria-label": label }, ...content);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      onSubmit(base);
    });
    return form;
  }

  /** Send a panel's edit; applied: `after` runs (close or refresh); rejected: the panel reopens from the store. */
  send(op: Operation, base: number, after: () => void, reopen: () => void): void {
    const name = this.current;
    this.host.sendEdit(op, {
      base,
      onOk: after,
      onReject: () => {
        if (this.current === name) reopen();
      },
    });
  }
}
