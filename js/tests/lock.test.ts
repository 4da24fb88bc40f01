// The template lock in the view: structural controls hidden, the lock said on hover, cells of the
// other lanes still editable, locked lanes and headers refused with the lock's reason.
import { describe, expect, it } from "vitest";
import { STRUCTURE_LOCKED } from "../src/model/lock";
import type { Journey } from "../src/model/schema";
import { edits, key, sampleDoc } from "./fixtures";
import { cell, mount } from "./mount";

function locked(lock: Journey["lock"]): Journey {
  return { ...sampleDoc(), lock };
}

const errorText = (root: ParentNode) => root.querySelector(".jmw-error[role=alert]")?.textContent ?? "";

describe("a map whose structure is locked", () => {
  it("leaves out the structural toolbar buttons and says it is locked on hover", () => {
    const { root } = mount(locked({ structure: true }));
    const actions = [...root.querySelectorAll<HTMLElement>(".jmw-toolbar [data-action]")].map(
      (b) => b.dataset.action,
    );
    expect(actions).not.toContain("add-stage");
    expect(actions).not.toContain("add-lane");
    expect(actions).not.toContain("personas");
    expect(actions).toContain("undo");
    expect(actions).toContain("map-settings");
    const badge = root.querySelector<HTMLElement>(".jmw-lock-badge");
    expect(badge?.textContent).toBe("Locked");
    expect(badge?.title).toBe(STRUCTURE_LOCKED);
    expect(root.classList.contains("jmw-structure-locked")).toBe(true);
    const step = root.querySelector<HTMLElement>('[role="columnheader"][data-step-id="s2"]');
    expect(step?.title).toContain(STRUCTURE_LOCKED);
  });

  it("refuses header keys and renaming with the reason, sending nothing", () => {
    const { root, model } = mount(locked({ structure: true }));
    const header = root.querySelector('[role="columnheader"][data-step-id="s2"]') as HTMLElement;
    header.focus();
    key(header, "Enter");
    expect(header.querySelector("input.jmw-rename")).toBeNull();
    key(header, "Delete");
    key(header, "ArrowRight", { altKey: true });
    const lane = root.querySelector('[role="row"][data-lane-id="doing"] [role="rowheader"]') as HTMLElement;
    lane.focus();
    key(lane, "s");
    expect(edits(model)).toEqual([]);
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(errorText(root)).toContain(STRUCTURE_LOCKED);
  });

  it("still fills cells, and disables the channels and the scale in map settings", () => {
    const { root, model } = mount(locked({ structure: true }));
    const c = cell(root, "doing", "s1");
    c.focus();
    key(c, "Enter");
    const ta = c.querySelector("textarea.jmw-editor") as HTMLTextAreaElement;
    ta.value = "Looks around";
    key(ta, "Enter");
    expect(edits(model)).toEqual([{ op: "set_cell", lane: "doing", step: "s1", value: "Looks around" }]);
    (root.querySelector('.jmw-toolbar [data-action="map-settings"]') as HTMLElement).click();
    const form = root.querySelector("form.jmw-map-form") as HTMLFormElement;
    expect((form.querySelector('textarea[name="channels"]') as HTMLTextAreaElement).disabled).toBe(true);
    expect((form.querySelector('input[name="scale-min"]') as HTMLInputElement).title).toBe(STRUCTURE_LOCKED);
    expect((form.querySelector('input[name="title"]') as HTMLInputElement).disabled).toBe(false);
  });

  it("follows a lock set from Python: the kernel's patch hides the controls", () => {
    const { root, kernel } = mount();
    expect(root.querySelector('.jmw-toolbar [data-action="add-stage"]')).not.toBeNull();
    kernel.pythonChange([{ op: "set", path: ["lock"], value: { structure: true } }]);
    expect(root.querySelector('.jmw-toolbar [data-action="add-stage"]')).toBeNull();
    kernel.pythonChange([{ op: "del", path: ["lock"] }]);
    expect(root.querySelector('.jmw-toolbar [data-action="add-stage"]')).not.toBeNull();
    expect(root.querySelector(".jmw-lock-badge")).toBeNull();
  });
});

describe("a locked lane", () => {
  it("is marked, opens no editor and says why; other lanes stay editable", () => {
    const { root, model } = mount(locked({ lanes: ["doing", "pains"] }));
    const row = root.querySelector<HTMLElement>('[role="row"][data-lane-id="doing"]');
    expect(row?.classList.contains("jmw-lane-locked")).toBe(true);
    expect(row?.querySelector<HTMLElement>('[role="rowheader"]')?.title).toContain(
      "Lane Doing is locked by its template",
    );
    expect(root.querySelector<HTMLElement>(".jmw-lock-badge")?.title).toContain("Doing, Pain points");
    const c = cell(root, "doing", "s1");
    c.focus();
    key(c, "Enter");
    expect(c.querySelector("textarea.jmw-editor")).toBeNull();
    expect(errorText(root)).toContain("Lane Doing is locked by its template");
    const card = root.querySelector('.jmw-card[data-card-id="c1"]') as HTMLElement;
    card.focus();
    key(card, "Enter");
    expect(card.querySelector("textarea")).toBeNull();
    expect(edits(model)).toEqual([]);
    // the structure is not locked: the toolbar keeps its buttons
    expect(root.querySelector('.jmw-toolbar [data-action="add-stage"]')).not.toBeNull();
    const other = cell(root, "conv", "s1");
    other.focus();
    key(other, "Enter");
    expect(other.querySelector("input, textarea")).not.toBeNull();
  });
});
