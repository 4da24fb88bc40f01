// Editing in the grid's headers: renaming a stage, step or lane, and naming a new step. Each
// sends its edit with the revision it opened at.
import { h } from "../dom/builders";
import type { ViewHost } from "../dom/host";
import type { HeaderKind } from "../model/keys";
import { lockedAction, STRUCTURE_LOCKED, structureLocked } from "../model/lock";
import { type Operation, TEXT_LIMITS } from "../model/schema";
import { commitKeys, type Finish } from "./commit";

/** Rename a stage, step or lane in its header. */
export function startRename(host: ViewHost, kind: HeaderKind, id: string, header: HTMLElement): void {
  if (host.readonly) return;
  const locked = kind === "lane" ? lockedAction(host.doc, "lane-settings", id) : null;
  if (structureLocked(host.doc) || locked) {
    host.showError(locked ?? STRUCTURE_LOCKED);
    return;
  }
  const span = header.querySelector<HTMLElement>(".jmw-name");
  if (!span || header.querySelector(".jmw-rename")) return;
  const base = host.store.rev;
  const current = span.textContent ?? "";
  const input = h("input", {
    class: "jmw-rename",
    type: "text",
    maxlength: TEXT_LIMITS.ShortText,
    "aria-label": `Rename ${kind}`,
  });
  input.value = current;
  headerInput(input, (commit, refocus, name) => {
    span.hidden = false;
    if (commit && name && name !== current) {
      span.textContent = name;
      span.classList.add("jmw-pending");
      const op: Operation =
        kind === "stage"
          ? { op: "rename_stage", stage: id, name }
          : kind === "step"
            ? { op: "rename_step", step: id, name }
            : { op: "edit_lane", lane: id, fields: { name } };
      host.sendEdit(op, { base, restore: () => host.refreshHeaderName(kind, id) });
    }
    if (refocus) header.focus();
  });
  span.hidden = true;
  span.after(input);
  input.focus();
  input.select();
}

/** A new step at the end of a stage, named in an input in the stage header. */
export function openNewStep(host: ViewHost, stageEl: HTMLElement, stageId: string): void {
  if (stageEl.querySelector(".jmw-new-step")) return;
  const base = host.store.rev;
  const input = h("input", {
    class: "jmw-rename jmw-new-step",
    type: "text",
    maxlength: TEXT_LIMITS.ShortText,
    placeholder: "New step name",
    "aria-label": "New step name",
  });
  headerInput(input, (commit, refocus, name) => {
    if (commit && name) host.sendEdit({ op: "add_step", stage: stageId, step: { name } }, { base });
    if (refocus) stageEl.focus();
  });
  stageEl.append(input);
  input.focus();
}

/**
 * An input inside a header: Enter/blur commit, Escape cancels, once; the input then goes away
 * and `done` gets the trimmed text. Its clicks do not select or rename the header.
 */
function headerInput(
  input: HTMLInputElement,
  done: (commit: boolean, refocus: boolean, text: string) => void,
): void {
  let finished = false;
  const finish: Finish = (commit, refocus) => {
    if (finished) return;
    finished = true;
    const text = input.value.trim();
    input.remove();
    done(commit, refocus, text);
  };
  commitKeys(input, finish);
  input.addEventListener("blur", () => finish(true, false));
  input.addEventListener("click", (e) => e.stopPropagation());
  input.addEventListener("dblclick", (e) => e.stopPropagation());
}
