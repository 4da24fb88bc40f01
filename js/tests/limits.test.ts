// Text limits: TEXT_LIMITS comes from the schema, and every editor holds at most what its field may.
import { describe, expect, it } from "vitest";
import schema from "../../src/jmwidget/schema/journey.schema.json";
import { longLine } from "../src/editors/fields";
import { TEXT_LIMITS } from "../src/model/schema";
import { key, sampleDoc } from "./fixtures";
import { cell, mount } from "./mount";

type Limited = HTMLInputElement | HTMLTextAreaElement;

function control(root: ParentNode, selector: string): Limited {
  const el = root.querySelector<Limited>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  return el;
}

function click(root: ParentNode, selector: string): void {
  const el = root.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  el.click();
}

describe("text limits", () => {
  it("are the schema's maxLength of each kind of text", () => {
    const defs = schema.$defs;
    expect(TEXT_LIMITS).toEqual({
      ShortText: defs.ShortText.maxLength,
      TitleText: defs.TitleText.maxLength,
      LongText: defs.LongText.maxLength,
      ProseText: defs.ProseText.maxLength,
      TagText: defs.TagText.maxLength,
    });
    expect(TEXT_LIMITS).toEqual({
      ShortText: 200,
      TitleText: 500,
      LongText: 5000,
      ProseText: 20000,
      TagText: 100,
    });
  });

  it("bound the inline editors of cells, cards and headers", () => {
    const { root } = mount();
    const text = cell(root, "doing", "s1");
    key(text, "Enter");
    expect(control(text, "textarea.jmw-editor").maxLength).toBe(TEXT_LIMITS.LongText);
    key(control(text, "textarea.jmw-editor"), "Escape");

    const card = root.querySelector('.jmw-card[data-card-id="c1"]') as HTMLElement;
    key(card, "Enter");
    expect(control(card, "textarea.jmw-card-editor").maxLength).toBe(TEXT_LIMITS.LongText);
    expect(control(card, "input.jmw-tag-editor").maxLength).toBe(TEXT_LIMITS.TagText);
    key(control(card, "textarea.jmw-card-editor"), "Escape");

    const header = root.querySelector('[role="columnheader"][data-step-id="s2"]') as HTMLElement;
    key(header, "Enter");
    expect(control(header, "input.jmw-rename").maxLength).toBe(TEXT_LIMITS.ShortText);
    key(control(header, "input.jmw-rename"), "Escape");

    click(cell(root, "pains", "s3"), '[data-action="add-card"]');
    expect(control(cell(root, "pains", "s3"), "textarea.jmw-new-card").maxLength).toBe(TEXT_LIMITS.LongText);
  });

  it("bound the fields of the map, lane and persona panels", () => {
    const { root } = mount();
    click(root, '.jmw-toolbar [data-action="map-settings"]');
    const map = root.querySelector('[data-panel="map"]') as HTMLElement;
    expect(control(map, 'input[name="title"]').maxLength).toBe(TEXT_LIMITS.TitleText);
    expect(control(map, 'textarea[name="description"]').maxLength).toBe(TEXT_LIMITS.ProseText);
    expect(control(map, 'textarea[name="scenario"]').maxLength).toBe(TEXT_LIMITS.ProseText);

    click(root, '[data-lane-id="conv"] [data-action="lane-settings"]');
    const lane = root.querySelector('[data-panel="lane"]') as HTMLElement;
    expect(control(lane, 'input[name="name"]').maxLength).toBe(TEXT_LIMITS.ShortText);
    expect(control(lane, 'textarea[name="description"]').maxLength).toBe(TEXT_LIMITS.ProseText);
    expect(control(lane, 'input[name="unit"]').maxLength).toBe(TEXT_LIMITS.TagText);

    click(root, '.jmw-toolbar [data-action="personas"]');
    const ana = root.querySelector('form.jmw-persona-form[data-persona-id="ana"]') as HTMLElement;
    expect(control(ana, 'input[name="name"]').maxLength).toBe(TEXT_LIMITS.ShortText);
    expect(control(ana, 'input[name="role"]').maxLength).toBe(TEXT_LIMITS.LongText);
    expect(control(ana, 'textarea[name="backstory"]').maxLength).toBe(TEXT_LIMITS.ProseText);
    const add = root.querySelector("form.jmw-add-persona-form") as HTMLElement;
    expect(control(add, 'input[name="name"]').maxLength).toBe(TEXT_LIMITS.ShortText);

    click(root, '.jmw-toolbar [data-action="add-stage"]');
    const stage = root.querySelector('[data-panel="add-stage"]') as HTMLElement;
    expect(control(stage, 'input[name="name"]').maxLength).toBe(TEXT_LIMITS.ShortText);
  });

  it("bound the annotation notes and the connection label", () => {
    const doc = sampleDoc();
    doc.connections = [{ id: "k1", from: { lane: "doing", step: "s1" }, to: { lane: "doing", step: "s2" } }];
    const { root } = mount(doc);
    const c = cell(root, "doing", "s1");
    c.focus();
    key(c, "a");
    const notes = root.querySelector('[data-panel="annotations"]') as HTMLElement;
    expect(control(notes, 'textarea[name="fail_point"]').maxLength).toBe(TEXT_LIMITS.LongText);
    expect(control(notes, 'textarea[name="wait_point"]').maxLength).toBe(TEXT_LIMITS.LongText);
    expect(control(notes, 'input[name="owner"]').maxLength).toBe(TEXT_LIMITS.ShortText);
    expect(control(notes, 'input[name="currency"]').maxLength).toBe(3);

    const arrow = root.querySelector('.jmw-connection[data-connection-id="k1"]') as SVGGElement;
    arrow.focus();
    key(arrow, "Enter");
    const label = root.querySelector('[data-panel="connection"]') as HTMLElement;
    expect(control(label, 'input[name="label"]').maxLength).toBe(TEXT_LIMITS.TitleText);
  });

  it("check each line of a list typed one item per line", () => {
    const { root } = mount();
    click(root, '.jmw-toolbar [data-action="map-settings"]');
    const channels = control(root, '[data-panel="map"] textarea[name="channels"]');
    expect(channels.validity.valid).toBe(true);
    channels.value = `web\n${"x".repeat(TEXT_LIMITS.ShortText + 1)}`;
    channels.dispatchEvent(new Event("input"));
    expect(channels.validity.valid).toBe(false);
    expect(channels.validationMessage).toBe(
      "Each channel has at most 200 characters; line 2 has 201 characters.",
    );
    expect(channels.getAttribute("aria-invalid")).toBe("true");
    channels.value = `web\n${"x".repeat(TEXT_LIMITS.ShortText)}`;
    channels.dispatchEvent(new Event("input"));
    expect(channels.validity.valid).toBe(true);
    expect(channels.hasAttribute("aria-invalid")).toBe(false);
    expect(longLine("a\n  bbb  \nc", 3)).toBe("");
    expect(longLine("a\nbbbb", 3)).toBe("line 2 has 4 characters");
  });
});
