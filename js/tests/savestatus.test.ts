// Others' saves in the widget: merged changes in the status line, conflicts in the error banner.
import { describe, expect, it } from "vitest";
import { sampleDoc } from "./fixtures";
import { mount } from "./mount";

const CONFLICT =
  "the cell 'Actions' x 'Fill form': your change ('mine') was replaced by the file's ('theirs')";

describe("a map others save to", () => {
  it("says how many changes were merged, and shows a conflict once in the banner", () => {
    const saved = { state: "saved", path: "/m.json", revision: 4, saved_at: null, error: null };
    const { root, model } = mount(sampleDoc(), {
      extra: { save_status: { ...saved, merged: 0, conflicts: [] } },
    });
    const status = root.querySelector<HTMLElement>(".jmw-save-status");
    expect(status?.textContent).toBe("Saved");
    model.set("save_status", { ...saved, merged: 2, conflicts: [] });
    expect(status?.textContent).toBe("Saved · 2 changes by others merged");
    expect(root.querySelector(".jmw-error")).toBeNull();
    model.set("save_status", { ...saved, merged: 2, conflicts: [CONFLICT] });
    expect(status?.textContent).toBe("Saved · 2 changes by others merged · 1 conflict");
    expect(status?.dataset.conflicts).toBe("1");
    expect(status?.title).toContain(CONFLICT);
    const banner = root.querySelector<HTMLElement>(".jmw-error[role=alert]");
    expect(banner?.textContent).toContain(CONFLICT);
    root.querySelector<HTMLElement>(".jmw-error-dismiss")?.click();
    expect(root.querySelector(".jmw-error")).toBeNull();
    model.set("save_status", { ...saved, revision: 5, merged: 2, conflicts: [CONFLICT] });
    expect(root.querySelector(".jmw-error")).toBeNull(); // the same conflict is not shown twice
  });
});
