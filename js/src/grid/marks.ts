// The markers of a blueprint annotation on a cell or card: an icon and a text label each, never
// colour alone.
import { h } from "../dom/builders";
import { type AnnotationMark, annotationMarkList } from "../model/annotations";
import type { Annotation } from "../model/schema";

function mark({ kind, icon, label, title }: AnnotationMark): HTMLElement {
  return h(
    "span",
    { class: `jmw-mark jmw-mark-${kind}`, "data-mark": kind, title },
    h("span", { class: "jmw-mark-icon", "aria-hidden": "true" }, icon),
    label,
  );
}

/** The markers of an annotation, or null when it has nothing set. */
export function annotationMarks(a: Annotation | undefined): HTMLElement | null {
  if (!a || Object.keys(a).length === 0) return null;
  const box = h("div", { class: "jmw-annotations" });
  for (const m of annotationMarkList(a)) box.append(mark(m));
  return box;
}
