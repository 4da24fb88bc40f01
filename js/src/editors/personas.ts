// The "Personas" panel: one form per persona to edit or delete it, and one to add a persona (the
// new one becomes the persona emotion edits change).
import { cssEscape, h } from "../dom/builders";
import { personaEdit } from "../model/edits";
import { type Persona, TEXT_LIMITS } from "../model/schema";
import { actions, field, input, listTextarea, textarea } from "./fields";
import type { PanelArea } from "./panel-area";

/** Makes a persona the one emotion edits change. */
export type SetPersona = (id: string) => void;

/** "Personas": a form per persona (edit, delete) and one to add a persona. */
export function openPersonas(panels: PanelArea, setPersona: SetPersona, focusPersona?: string): void {
  const doc = panels.host.doc;
  const only = doc.personas.length === 1;
  const forms = doc.personas.map((p) => personaForm(panels, setPersona, p, only));
  const name = input("name", "", TEXT_LIMITS.ShortText, { required: true, "aria-label": "New persona name" });
  const role = input("role", "", TEXT_LIMITS.LongText, { "aria-label": "New persona role" });
  const add = panels.form(
    "jmw-add-persona-form",
    "Add persona",
    (base) => {
      const personaName = name.value.trim();
      if (!personaName) {
        name.focus();
        return;
      }
      const persona: { name: string; role?: string } = { name: personaName };
      if (role.value.trim()) persona.role = role.value.trim();
      const before = new Set(panels.host.doc.personas.map((p) => p.id));
      panels.send(
        { op: "add_persona", persona },
        base,
        () => {
          const added = panels.host.doc.personas.find((p) => !before.has(p.id));
          if (added) setPersona(added.id);
          openPersonas(panels, setPersona, added?.id);
        },
        () => openPersonas(panels, setPersona),
      );
    },
    h("h4", { class: "jmw-form-heading" }, "Add persona"),
    field("Name", name),
    field("Role", role),
    actions("Add persona"),
  );
  const section = panels.frame(
    "personas",
    "Personas",
    panels.focusToolbar("personas"),
    h("div", { class: "jmw-persona-list" }, ...forms),
    add,
  );
  if (focusPersona) {
    section
      .querySelector<HTMLElement>(`form[data-persona-id="${cssEscape(focusPersona)}"] input[name="name"]`)
      ?.focus();
  }
}

/** The delete button of a persona form (disabled for the last persona). */
function deleteButton(p: Persona, only: boolean): HTMLButtonElement {
  return h(
    "button",
    {
      type: "button",
      class: "jmw-btn jmw-delete-persona",
      "aria-label": `Delete persona ${p.name}`,
      disabled: only,
      title: only ? "A map keeps at least one persona" : `Delete persona ${p.name} and their emotion values`,
    },
    "Delete",
  );
}

function personaForm(panels: PanelArea, setPersona: SetPersona, p: Persona, only: boolean): HTMLFormElement {
  const name = input("name", p.name, TEXT_LIMITS.ShortText, { required: true });
  const role = input("role", p.role, TEXT_LIMITS.LongText);
  const goals = listTextarea("goals", p.goals, TEXT_LIMITS.LongText, "goal");
  const needs = listTextarea("needs", p.needs, TEXT_LIMITS.LongText, "need");
  const quote = input("quote", p.quote, TEXT_LIMITS.LongText);
  const backstory = textarea("backstory", p.backstory, TEXT_LIMITS.ProseText, 3);
  const del = deleteButton(p, only);
  const reopen = () => openPersonas(panels, setPersona, p.id);
  const submit = (base: number) => {
    const newName = name.value.trim();
    if (!newName) {
      name.focus();
      return;
    }
    const fields = personaEdit(p, {
      name: newName,
      role: role.value,
      goals: goals.value,
      needs: needs.value,
      quote: quote.value,
      backstory: backstory.value,
    });
    if (Object.keys(fields).length > 0)
      panels.send({ op: "edit_persona", persona: p.id, fields }, base, reopen, reopen);
  };
  const form = panels.form(
    "jmw-persona-form",
    `Persona ${p.name}`,
    submit,
    h("h4", { class: "jmw-form-heading" }, p.name),
    field("Name", name),
    field("Role", role),
    field("Goals", goals, "one per line"),
    field("Needs", needs, "one per line"),
    field("Quote", quote),
    field("Backstory", backstory),
    actions("Save persona", del),
  );
  form.dataset.personaId = p.id;
  const base = panels.host.store.rev;
  const reopenAll = () => openPersonas(panels, setPersona);
  del.addEventListener("click", () =>
    panels.send({ op: "delete_persona", persona: p.id }, base, reopenAll, reopenAll),
  );
  return form;
}
