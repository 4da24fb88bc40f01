// In-place editors: text, metric and channel cells, new and edited cards (header renames and new
// steps are in header-editors.ts). Each remembers the revision it opened at and sends its edit with that `base`, so the
// kernel refuses it when something else changed the same target meanwhile (design.md).
import { clear, h } from "../dom/builders";
import { stepName, type ViewHost } from "../dom/host";
import type { GridRenderer } from "../grid/render";
import { formatLaneValue, parseNumberInput } from "../model/format";
import type { HeaderKind } from "../model/keys";
import { cellValue, findCard, metricOf } from "../model/layout";
import { laneLocked, laneLockedText } from "../model/lock";
import { type Card, type Lane, TEXT_LIMITS } from "../model/schema";
import { commitKeys, commitOnLeave, type Finish } from "./commit";
import { openNewStep, startRename } from "./header-editors";

type EditorKind = "text" | "metric" | "channels" | "card" | "new-card";

export interface OpenEditor {
  kind: EditorKind;
  lane?: string;
  step?: string;
  card?: string;
  /** The revision the editor opened at: its edit's base. */
  base: number;
  /** Remove the editor without committing. */
  close(): void;
  /** The text typed so far, to reopen the editor after a full re-render. */
  draft?(): string;
}

export interface Draft {
  kind: EditorKind;
  lane?: string;
  step?: string;
  text: string;
  base: number;
}

/** The card editor: its text and its tag, holding the card's. */
function cardEditBox(card: Card): { box: HTMLElement; ta: HTMLTextAreaElement; tag: HTMLInputElement } {
  const ta = h("textarea", {
    class: "jmw-editor jmw-card-editor",
    rows: 3,
    maxlength: TEXT_LIMITS.LongText,
    "aria-label": "Edit card text",
  });
  ta.value = card.text;
  const tag = h("input", {
    class: "jmw-tag-editor",
    type: "text",
    maxlength: TEXT_LIMITS.TagText,
    placeholder: "tag",
    "aria-label": "Card tag",
  });
  tag.value = card.tag ?? "";
  return { box: h("div", { class: "jmw-editor-box jmw-card-edit" }, ta, tag), ta, tag };
}

/** The edit_card fields typed (trimmed) text and tag change: empty text keeps the old text, an empty tag clears it. */
function cardFields(card: Card, text: string, tagText: string): { text?: string; tag?: string | null } {
  const fields: { text?: string; tag?: string | null } = {};
  if (text && text !== card.text) fields.text = text;
  if (tagText !== (card.tag ?? "")) fields.tag = tagText === "" ? null : tagText;
  return fields;
}

export class Editors {
  current: OpenEditor | null = null;

  constructor(
    private readonly host: ViewHost,
    private readonly renderer: GridRenderer,
  ) {}

  isOpenAt(laneId: string, stepId: string): boolean {
    return this.current?.lane === laneId && this.current.step === stepId;
  }

  close(): void {
    const ed = this.current;
    this.current = null;
    ed?.close();
  }

  captureDraft(): Draft | null {
    const ed = this.current;
    if (!ed?.draft || (ed.kind !== "text" && ed.kind !== "metric")) return null;
    return { kind: ed.kind, lane: ed.lane, step: ed.step, text: ed.draft(), base: ed.base };
  }

  reopenDraft(draft: Draft): void {
    if (!draft.lane || !draft.step) return;
    const cell = this.host.index.cell(draft.lane, draft.step);
    const lane = this.host.layout.laneById.get(draft.lane)?.lane;
    if (cell && lane && lane.kind === draft.kind)
      this.openCell(cell, lane, draft.step, draft.text, draft.base);
  }

  /**
   * Make `parts` the open editor. `claim()` is true once: for the first finish (or false after a
   * close without commit), and forgets the editor; `open()` tells whether it is still undecided.
   */
  private begin(
    where: Omit<OpenEditor, "close">,
    parts: Element[],
    onClose?: () => void,
  ): { claim: () => boolean; open: () => boolean } {
    let done = false;
    const editor: OpenEditor = {
      ...where,
      close: () => {
        done = true;
        for (const part of parts) part.remove();
        onClose?.();
      },
    };
    this.current = editor;
    return {
      open: () => !done,
      claim: () => {
        if (done) return false;
        done = true;
        if (this.current === editor) this.current = null;
        return true;
      },
    };
  }

  /** Open the editor that fits the lane kind (text, metric, channels; cards add a card). */
  openCell(cell: HTMLElement, lane: Lane, stepId: string, initial?: string, base?: number): void {
    if (this.host.readonly || refuseLocked(this.host, lane)) return;
    this.close();
    const opened = base ?? this.host.store.rev;
    if (lane.kind === "text") this.openText(cell, lane, stepId, opened, initial);
    else if (lane.kind === "metric") this.openMetric(cell, lane, stepId, opened, initial);
    else if (lane.kind === "channels") this.openChannels(cell, lane, stepId, opened);
    else if (lane.kind === "cards") this.openNewCard(cell, lane, stepId);
  }

  private openText(cell: HTMLElement, lane: Lane, stepId: string, base: number, initial?: string): void {
    const host = this.host;
    const current = cellValue(host.doc, lane.id, stepId);
    const currentText = typeof current === "string" ? current : "";
    const ta = h("textarea", {
      class: "jmw-editor",
      maxlength: TEXT_LIMITS.LongText,
      "aria-label": `Edit ${lane.name}, ${stepName(host, stepId)}`,
      rows: 3,
    });
    ta.value = initial ?? currentText;
    const session = this.begin({ kind: "text", lane: lane.id, step: stepId, base, draft: () => ta.value }, [
      ta,
    ]);
    const finish: Finish = (commit, refocus) => {
      if (!session.claim()) return;
      const text = ta.value;
      if (commit && text !== currentText) {
        // Optimistic visual only: the store's value wins when the kernel answers.
        clear(cell);
        if (text !== "") cell.append(h("div", { class: "jmw-text" }, text));
        cell.classList.add("jmw-pending");
        host.sendEdit(
          { op: "set_cell", lane: lane.id, step: stepId, value: text === "" ? null : text },
          { base, restore: () => host.renderCell(lane.id, stepId) },
        );
      } else {
        host.renderCell(lane.id, stepId);
      }
      if (refocus) cell.focus();
    };
    commitKeys(ta, finish, true);
    ta.addEventListener("blur", () => finish(true, false));
    clear(cell);
    cell.append(ta);
    ta.focus();
    ta.setSelectionRange(ta.value.length, ta.value.length);
  }

  private openMetric(cell: HTMLElement, lane: Lane, stepId: string, base: number, initial?: string): void {
    const host = this.host;
    // Typing a new number replaces the evidence behind the old one (n, sd, low, high described
    // the old value); committing the same number leaves the cell, evidence and all, as it was.
    const currentNum = metricOf(host.doc, lane.id, stepId);
    const input = h("input", {
      class: "jmw-editor jmw-number-editor",
      type: "text",
      inputmode: "decimal",
      "aria-label": `Edit ${lane.name}, ${stepName(host, stepId)}${lane.unit ? ` (${lane.unit})` : ""}`,
    });
    input.value = initial ?? (currentNum === null ? "" : String(currentNum));
    const msg = h("div", { class: "jmw-validation", "aria-live": "polite" });
    const session = this.begin(
      { kind: "metric", lane: lane.id, step: stepId, base, draft: () => input.value },
      [input, msg],
    );
    const finish: Finish = (commit, refocus) => {
      if (!session.open()) return;
      const parsed = parseNumberInput(input.value);
      let send = commit;
      if (send && parsed !== null && Number.isNaN(parsed)) {
        if (refocus) {
          // Enter: explain and keep the editor open.
          msg.textContent = "Enter a number, or leave empty to clear.";
          cell.classList.add("jmw-invalid");
          input.setAttribute("aria-invalid", "true");
          return;
        }
        send = false; // blur with an invalid number: drop the edit
      }
      session.claim();
      cell.classList.remove("jmw-invalid");
      if (send && parsed !== currentNum) {
        clear(cell);
        if (parsed !== null)
          cell.append(h("span", { class: "jmw-metric-value" }, formatLaneValue(lane, parsed)));
        cell.classList.add("jmw-pending");
        host.sendEdit(
          { op: "set_cell", lane: lane.id, step: stepId, value: parsed },
          { base, restore: () => host.renderLaneCells(lane.id) },
        );
      } else {
        host.renderCell(lane.id, stepId);
      }
      if (refocus) cell.focus();
    };
    commitKeys(input, finish);
    input.addEventListener("input", () => {
      msg.textContent = "";
      input.removeAttribute("aria-invalid");
      cell.classList.remove("jmw-invalid");
    });
    input.addEventListener("blur", () => finish(true, false));
    clear(cell);
    cell.append(input, msg);
    input.focus();
    input.select();
  }

  private openChannels(cell: HTMLElement, lane: Lane, stepId: string, base: number): void {
    const host = this.host;
    const current = cellValue(host.doc, lane.id, stepId);
    const before = Array.isArray(current) ? current.map(String) : [];
    const vocabulary = [...host.doc.channels];
    for (const c of before) if (!vocabulary.includes(c)) vocabulary.push(c);
    const box = h("div", {
      class: "jmw-editor-box jmw-channel-editor",
      role: "group",
      "aria-label": `Channels for ${lane.name}, ${stepName(host, stepId)}`,
    });
    if (vocabulary.length === 0)
      box.append(h("div", { class: "jmw-validation" }, "This map defines no channels (⚙ Map adds them)."));
    for (const ch of vocabulary) {
      const cb = h("input", { type: "checkbox", value: ch });
      cb.checked = before.includes(ch);
      box.append(h("label", { class: "jmw-check" }, cb, ` ${ch}`));
    }
    const doneBtn = h("button", { type: "button", class: "jmw-btn jmw-done" }, "Done");
    box.append(doneBtn);
    const session = this.begin({ kind: "channels", lane: lane.id, step: stepId, base }, [box]);
    const finish: Finish = (commit, refocus) => {
      if (!session.claim()) return;
      const picked = [...box.querySelectorAll<HTMLInputElement>("input[type=checkbox]")]
        .filter((c) => c.checked)
        .map((c) => c.value);
      const same = picked.length === before.length && picked.every((c, i) => c === before[i]);
      if (commit && !same) {
        clear(cell);
        cell.append(
          h("div", { class: "jmw-chips" }, ...picked.map((ch) => h("span", { class: "jmw-chip" }, ch))),
        );
        cell.classList.add("jmw-pending");
        host.sendEdit(
          { op: "set_cell", lane: lane.id, step: stepId, value: picked.length > 0 ? picked : null },
          { base, restore: () => host.renderCell(lane.id, stepId) },
        );
      } else {
        host.renderCell(lane.id, stepId);
      }
      if (refocus) cell.focus();
    };
    commitKeys(box, finish);
    doneBtn.addEventListener("click", (e) => {
      e.stopPropagation();
      finish(true, true);
    });
    commitOnLeave(box, finish);
    clear(cell);
    cell.append(box);
    (box.querySelector<HTMLElement>("input") ?? doneBtn).focus();
  }

  openNewCard(cell: HTMLElement, lane: Lane, stepId: string): void {
    const host = this.host;
    if (host.readonly || refuseLocked(host, lane)) return;
    this.close();
    const base = host.store.rev;
    const list = cell.querySelector<HTMLElement>(".jmw-cards") ?? cell;
    const ta = h("textarea", {
      class: "jmw-editor jmw-new-card",
      rows: 2,
      maxlength: TEXT_LIMITS.LongText,
      placeholder: "New card…",
      "aria-label": `New card in ${lane.name}, ${stepName(host, stepId)}`,
    });
    const session = this.begin({ kind: "new-card", lane: lane.id, step: stepId, base }, [ta]);
    const finish: Finish = (commit, refocus) => {
      if (!session.claim()) return;
      const text = ta.value.trim();
      ta.remove();
      if (commit && text) {
        list.append(this.renderer.card({ id: "pending", text }, true));
        host.sendEdit(
          { op: "add_card", lane: lane.id, step: stepId, card: { text } },
          { base, restore: () => host.renderCell(lane.id, stepId) },
        );
      }
      if (refocus) cell.focus();
    };
    commitKeys(ta, finish, true);
    ta.addEventListener("blur", () => finish(true, false));
    list.append(ta);
    ta.focus();
  }

  editCard(cardEl: HTMLElement, card: Card): void {
    const host = this.host;
    const where = findCard(host.doc, card.id);
    const lane = where ? host.layout.laneById.get(where.lane)?.lane : undefined;
    if (host.readonly || (lane && refuseLocked(host, lane))) return;
    this.close();
    const base = host.store.rev;
    const textEl = cardEl.querySelector<HTMLElement>(".jmw-card-text");
    const { box, ta, tag } = cardEditBox(card);
    const session = this.begin(
      { kind: "card", lane: where?.lane, step: where?.step, card: card.id, base },
      [box],
      () => {
        if (textEl) textEl.hidden = false;
      },
    );
    const finish: Finish = (commit, refocus) => {
      if (!session.claim()) return;
      const text = ta.value.trim();
      const fields = cardFields(card, text, tag.value.trim());
      box.remove();
      if (textEl) {
        textEl.hidden = false;
        if (commit && fields.text) textEl.textContent = fields.text;
      }
      if (commit && Object.keys(fields).length > 0) {
        cardEl.classList.add("jmw-pending");
        host.focusCardAfterRender = refocus ? card.id : null;
        host.sendEdit(
          { op: "edit_card", card: card.id, fields },
          { base, restore: () => where && host.renderCell(where.lane, where.step) },
        );
      } else if (refocus) {
        cardEl.focus();
      }
      if (commit && !text) host.showError("A card needs some text; delete the card instead.");
    };
    commitKeys(box, finish, true);
    commitOnLeave(box, finish);
    if (textEl) {
      textEl.hidden = true;
      textEl.after(box);
    } else cardEl.prepend(box);
    ta.focus();
    ta.setSelectionRange(ta.value.length, ta.value.length);
  }

  /** Rename a stage, step or lane in its header. */
  startRename(kind: HeaderKind, id: string, header: HTMLElement): void {
    startRename(this.host, kind, id, header);
  }

  /** Name a new step of stage `stageId` in its header. */
  openNewStep(stageEl: HTMLElement, stageId: string): void {
    openNewStep(this.host, stageEl, stageId);
  }
}

/** On a lane its template locked, say so instead of opening an editor. */
function refuseLocked(host: ViewHost, lane: Lane): boolean {
  if (!laneLocked(host.doc, lane.id)) return false;
  host.showError(laneLockedText(lane.name));
  return true;
}
