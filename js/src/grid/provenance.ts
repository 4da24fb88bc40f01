// Marks a cell or card whose value came from data (a binding's refresh) or was edited by hand
// since: a small badge, the `data-provenance` attribute, and the source in its hover text and
// accessible description.
import { el } from "../dom/builders";
import type { Provenance } from "../model/provenance";

const BADGE = { data: "data", kept: "edited" } as const;

function appendText(target: HTMLElement, attribute: "title" | "aria-description", text: string): void {
  const before = target.getAttribute(attribute);
  target.setAttribute(attribute, before ? `${before}. ${text}` : text);
}

/** Mark `target` with `p`, or clear an earlier mark when `p` is null. */
export function markProvenance(target: HTMLElement, p: Provenance | null): void {
  target.querySelector(":scope > .jmw-provenance")?.remove();
  if (p === null) {
    target.removeAttribute("data-provenance");
    return;
  }
  target.setAttribute("data-provenance", p.state);
  const badge = el("span", "jmw-provenance", BADGE[p.state]);
  badge.setAttribute("aria-hidden", "true");
  badge.title = p.text;
  target.appendChild(badge);
  appendText(target, "title", p.text);
  appendText(target, "aria-description", p.text);
}
