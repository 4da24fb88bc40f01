// The markers of a blueprint annotation on a cell or card: an icon and a text label each, never
// colour alone.
import { h, icon as iconOf } from "../dom/builders";
import { type AnnotationMark, annotationMarkList } from "../model/annotations";
import type { Annotation } from "../model/schema";

function mark({ kind, icon, label, title }: AnnotationMark): HTMLElement {
  return h("span", { class: `jmw-mark jmw-mark-${kind}`, "data-mark": kind, title }, iconOf(icon), label);
}

/** The markers of an annotation, or null when it has nothing set. */
export function annotationMarks(a: Annotation | undefined): HTMLElement | null {
  if (!a || Object.keys(a).length === 0) return null;
  const box = h("div", { class: "jmw-annotations" });
  // Spaces between the marks keep their words apart in the accessible name of the cell or card.
  for (const m of annotationMarkList(a)) box.append(box.firstChild ? " " : "", mark(m));
  return box;
}
