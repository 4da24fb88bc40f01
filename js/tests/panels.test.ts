// Editing without code: map settings, personas, lane settings, moving a card without a mouse,
// and header names in full (tooltips).
import { describe, expect, it } from "vitest";
import { checkScale, lines } from "../src/model/edits";
import { edits, key } from "./fixtures";
import { cell, mount } from "./mount";

function click(root: ParentNode, selector: string): void {
  const el = root.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  el.click();
}

function setValue(root: ParentNode, selector: string, value: string): void {
  const el = root.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  el.value = value;
}

function submit(form: Element | null): void {
  if (!form) throw new Error("no form");
  form.dispatchEvent(new Event("submit", { cancelable: true }));
}

describe("map settings panel", () => {
  it("is a labelled dialog; Save sends only the changed fields with the opening revision", () => {
    const { root, model, kernel } = mount();
    click(root, '.jmw-toolbar [data-action="map-settings"]');
    const dialog = root.querySelector('[role="dialog"][data-panel="map"]') as HTMLElement;
    const heading = root.querySelector(`#${dialog.getAttribute("aria-labelledby")}`);
    expect(heading?.textContent).toBe("Map settings");
    expect(document.activeElement).toBe(dialog.querySelector('input[name="title"]'));
    expect((dialog.querySelector('textarea[name="channels"]') as HTMLTextAreaElement).value).toBe(
      "web\nemail\nphone",
    );
    setValue(dialog, 'input[name="title"]', "Onboarding v2");
    setValue(dialog, 'select[name="state"]', "future");
    setValue(dialog, 'textarea[name="channels"]', "web\nemail\n phone \nchat\n");
    setValue(dialog, 'input[name="scale-min"]', "0");
    submit(dialog.querySelector("form.jmw-map-form"));
    expect(model.sent.at(-1)).toMatchObject({ type: "edit", base: 0 });
    expect(edits(model)).toEqual([
      {
        op: "edit_map",
        fields: {
          title: "Onboarding v2",
          state: "future",
          channels: ["web", "email", "phone", "chat"],
          emotion_scale: { min: 0, max: 5, neutral: 3, labels: { "1": "Angry", "5": "Delighted" } },
        },
      },
    ]);
    expect(kernel.doc.title).toBe("Onboarding v2");
    expect(root.querySelector(".jmw-toolbar .jmw-title")?.textContent).toBe("Onboarding v2");
    expect(root.querySelector(".jmw-state-badge")?.textContent).toBe("Future state");
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(root.querySelector('[data-action="map-settings"]'));
  });

  it("explains a wrong emotion scale and sends nothing", () => {
    const { root, model } = mount();
    click(root, '[data-action="map-settings"]');
    setValue(root, 'input[name="scale-neutral"]', "9");
    submit(root.querySelector("form.jmw-map-form"));
    expect(model.sent).toHaveLength(0);
    expect(root.querySelector(".jmw-panel .jmw-validation")?.textContent).toBe(
      "Emotion scale: neutral (9) must lie in 1..5.",
    );
    expect(root.querySelector('input[name="scale-neutral"]')?.getAttribute("aria-invalid")).toBe("true");
    expect(checkScale(3, 3, 3)).toBe("Emotion scale: min (3) must be below max (3).");
    expect(checkScale(1, 5, 3)).toBeNull();
  });

  it("Escape closes the panel and gives focus back to its button; user text stays text", () => {
    const { root } = mount();
    click(root, '[data-action="map-settings"]');
    const title = root.querySelector('input[name="title"]') as HTMLInputElement;
    let outside = 0;
    root.parentElement?.addEventListener("keydown", () => outside++);
    key(title, "a");
    key(title, "Escape");
    expect(outside).toBe(0);
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(root.querySelector('[data-action="map-settings"]'));
  });

  it("a rejected save shows the kernel's message and reopens the panel from the document", () => {
    const { root, kernel } = mount();
    click(root, '[data-action="map-settings"]');
    setValue(root, 'input[name="title"]', "Mine");
    kernel.rejectNext = "the map title was changed from Python at revision 1 after this edit began";
    submit(root.querySelector("form.jmw-map-form"));
    expect(root.querySelector(".jmw-error[role=alert]")?.textContent).toContain("changed from Python");
    expect((root.querySelector('input[name="title"]') as HTMLInputElement).value).toBe("Onboarding");
    expect(kernel.doc.title).toBe("Onboarding");
  });
});

describe("personas panel", () => {
  it("edits a persona's fields, lists one per line", () => {
    const { root, model, kernel } = mount();
    click(root, '[data-action="personas"]');
    const form = root.querySelector('form.jmw-persona-form[data-persona-id="bo"]') as HTMLFormElement;
    setValue(form, 'input[name="role"]', "Student");
    setValue(form, 'textarea[name="goals"]', "Open an account\n\n Get a card ");
    setValue(form, 'input[name="quote"]', "<b>Fast</b> please");
    submit(form);
    expect(edits(model)).toEqual([
      {
        op: "edit_persona",
        persona: "bo",
        fields: { role: "Student", goals: ["Open an account", "Get a card"], quote: "<b>Fast</b> please" },
      },
    ]);
    expect(kernel.doc.personas[1]?.goals).toEqual(["Open an account", "Get a card"]);
    // The panel shows the saved persona again, as text.
    const again = root.querySelector('form.jmw-persona-form[data-persona-id="bo"]') as HTMLFormElement;
    expect((again.querySelector('input[name="quote"]') as HTMLInputElement).value).toBe("<b>Fast</b> please");
    expect(root.querySelector(".jmw-panel b")).toBeNull();
    expect(lines(" a \n\nb")).toEqual(["a", "b"]);
  });

  it("adds a persona, selects it for emotion edits, and deletes one", () => {
    const { root, model, kernel } = mount();
    click(root, '[data-action="personas"]');
    setValue(root, 'form.jmw-add-persona-form input[name="name"]', "Cy");
    submit(root.querySelector("form.jmw-add-persona-form"));
    expect(edits(model)[0]).toEqual({ op: "add_persona", persona: { name: "Cy" } });
    expect(kernel.doc.personas.map((p) => p.id)).toEqual(["ana", "bo", "cy"]);
    const select = root.querySelector(".jmw-persona-select") as HTMLSelectElement;
    expect(select.value).toBe("cy");
    expect(root.querySelector(".jmw-legend")?.textContent).toContain("Cy");
    const c = cell(root, "emo", "s3");
    c.focus();
    key(c, "4");
    expect(edits(model)[1]).toEqual({ op: "set_cell", lane: "emo", step: "s3", persona: "cy", value: 4 });
    expect(root.querySelector('.jmw-point[data-step-id="s3"][data-persona-id="cy"]')).not.toBeNull();
    click(root, 'form.jmw-persona-form[data-persona-id="bo"] .jmw-delete-persona');
    expect(edits(model)[2]).toEqual({ op: "delete_persona", persona: "bo" });
    expect(root.querySelectorAll("form.jmw-persona-form")).toHaveLength(2);
  });

  it("the last persona cannot be deleted", () => {
    const { root } = mount();
    click(root, '[data-action="personas"]');
    click(root, 'form.jmw-persona-form[data-persona-id="bo"] .jmw-delete-persona');
    const only = root.querySelector(".jmw-delete-persona") as HTMLButtonElement;
    expect(root.querySelectorAll("form.jmw-persona-form")).toHaveLength(1);
    expect(only.disabled).toBe(true);
  });
});

describe("lane settings", () => {
  it("opens from the lane header (button or S) and sends edit_lane", () => {
    const { root, model, kernel } = mount();
    const header = root.querySelector('[data-lane-id="conv"] [role="rowheader"]') as HTMLElement;
    header.focus();
    key(header, "s");
    const form = root.querySelector('form.jmw-lane-form[data-lane-id="conv"]') as HTMLFormElement;
    expect(form.querySelector(".jmw-form-kind-shown")?.textContent).toBe("metric");
    setValue(form, 'input[name="unit"]', "pct");
    setValue(form, 'select[name="format"]', "score");
    (form.querySelector('input[name="higher_is_better"]') as HTMLInputElement).checked = false;
    setValue(form, 'textarea[name="description"]', "Share who go on");
    submit(form);
    expect(edits(model)).toEqual([
      {
        op: "edit_lane",
        lane: "conv",
        fields: { description: "Share who go on", unit: "pct", format: "score", higher_is_better: false },
      },
    ]);
    expect(kernel.doc.lanes[4]?.format).toBe("score");
    expect(root.querySelector('[data-lane-id="conv"] [role="rowheader"]')?.getAttribute("title")).toBe(
      "Conversion\nShare who go on",
    );
  });

  it("a text lane offers no metric fields", () => {
    const { root } = mount();
    click(root, '[data-lane-id="doing"] [data-action="lane-settings"]');
    const form = root.querySelector("form.jmw-lane-form") as HTMLFormElement;
    expect(form.querySelector('[name="unit"]')).toBeNull();
    expect(form.querySelector('[name="format"]')).toBeNull();
  });
});

describe("moving a card without a mouse", () => {
  it("M on a card opens 'move card', which sends move_card and keeps the card focused", () => {
    const { root, model } = mount();
    const card = root.querySelector('.jmw-card[data-card-id="c2"]') as HTMLElement;
    card.focus();
    key(card, "m");
    const dialog = root.querySelector('[role="dialog"][data-panel="move-card"]') as HTMLElement;
    const target = dialog.querySelector('select[name="target"]') as HTMLSelectElement;
    expect(document.activeElement).toBe(target);
    expect(target.value).toBe("pains\u0001s2");
    expect([...target.options].map((o) => o.textContent)).toContain("Join › Verify");
    target.value = "pains\u0001s5";
    submit(dialog.querySelector("form"));
    expect(edits(model)).toEqual([{ op: "move_card", card: "c2", lane: "pains", step: "s5" }]);
    expect(root.querySelector('[role="dialog"]')).toBeNull();
  });

  it("the card's ⇄ button opens the same dialog", () => {
    const { root } = mount();
    click(root, '.jmw-card[data-card-id="c1"] [data-action="card-move"]');
    expect(root.querySelector('[data-panel="move-card"]')).not.toBeNull();
  });
});

describe("header names", () => {
  it("carry the full name as a tooltip, also after a rename from Python", () => {
    const doc = mount().kernel;
    const root = document.querySelector(".jmw-root") as HTMLElement;
    const step = root.querySelector('[role="columnheader"][data-step-id="s4"]') as HTMLElement;
    expect(step.title).toBe("Sign up");
    expect(root.querySelector('[data-stage-id="join"]')?.getAttribute("title")).toBe("Join");
    doc.pythonChange([
      { op: "set", path: ["stages", 1, "steps", 0, "name"], value: "Downloads the app and signs up" },
    ]);
    const renamed = root.querySelector('[role="columnheader"][data-step-id="s4"]') as HTMLElement;
    expect(renamed.title).toBe("Downloads the app and signs up");
    expect(renamed.querySelector(".jmw-name")?.textContent).toBe("Downloads the app and signs up");
  });
});
