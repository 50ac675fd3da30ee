import { describe, expect, it } from "vitest";
import { addDays, emptyTarget, lines, pageLabel, planQuery, playbookProblems, rowId, selectAll, selectOne, statusChanges, turnPage } from "./model";
import { toggle } from "../../components/toggle";
import type { ActionStatus, Playbook, PlanRow } from "../../ipc/bindings";

function row(key: string, due: string, status: ActionStatus): PlanRow {
  return {
    customer_key: key,
    display_key: key,
    name: null,
    stage: "landing",
    temperature: "warm",
    segment: null,
    heat: 0,
    action: { kind: "gratitude", is_ask: false, channel: "letter", due_on: due, reason: { reason: "no_contact" }, status, step: "thanks" },
    related: null,
  };
}

describe("plan screen logic", () => {
  it("labels and turns pages inside the rows", () => {
    expect(pageLabel(0, 100, 3000)).toBe("1–100 / 3,000");
    expect(pageLabel(2900, 100, 3000)).toBe("2,901–3,000 / 3,000");
    expect(pageLabel(0, 0, 0)).toBe("0 / 0");
    expect(turnPage(0, -1, 3000)).toBe(0);
    expect(turnPage(0, 1, 3000)).toBe(100);
    expect(turnPage(2900, 1, 3000)).toBe(2900);
    expect(turnPage(100, -1, 3000)).toBe(0);
  });

  it("adds days across months and leap years", () => {
    expect(addDays("2024-02-25", 7)).toBe("2024-03-03");
    expect(addDays("2023-12-28", 30)).toBe("2024-01-27");
  });

  it("builds the query from the filters", () => {
    const q = planQuery({ stage: "landing", status: "", due: "7", asOf: "2026-11-01", asks: "no", search: "山田", maskPii: true, offset: 200 });
    expect(q).toEqual({
      stage: "landing",
      status: null,
      due_by: "2026-11-08",
      asks: false,
      search: "山田",
      mask_pii: true,
      offset: 200,
      limit: 100,
    });
    expect(planQuery({ stage: "", status: "done", due: "all", asOf: "", asks: "", search: "", maskPii: false, offset: 0 }).due_by).toBeNull();
  });

  it("toggles choices and reads text-area lines", () => {
    expect(toggle(["a", "b"], "a")).toEqual(["b"]);
    expect(toggle(["a"], "b")).toEqual(["a", "b"]);
    expect(lines(" one \n\n two\r\n")).toEqual(["one", "two"]);
    expect(emptyTarget().keys).toEqual([]);
  });

  it("refuses a playbook with a blank stage meaning or a negative cool-down", () => {
    const p: Playbook = {
      stages: [{ stage: "observer", meaning_ja: "", meaning_en: "", do_ja: [], do_en: [], never: [{ text_ja: "x", text_en: "x", campaigns: [] }], thank_you_ja: "", thank_you_en: "" }],
      nps: { promoter_ja: "", promoter_en: "", passive_ja: "", passive_en: "", detractor_ja: "", detractor_en: "" },
      phases: { initial_ja: "", initial_en: "", mid_ja: "", mid_en: "" },
      onboarding: [],
      ask_cooldown_days: -1,
      repeat_cooldown_days: 30,
      initial_asks_per_month: 10,
    };
    p.initial_asks_per_month = 2.5;
    expect(playbookProblems(p)).toEqual(["observer: meaning", "ask_cooldown_days", "initial_asks_per_month"]);
    p.initial_asks_per_month = 10;
    p.stages[0].meaning_ja = "様子見";
    p.ask_cooldown_days = 90;
    expect(playbookProblems(p)).toEqual([]);
  });

  it("selects rows one by one and the whole page, and keeps rows selected on other pages", () => {
    const page = [row("a", "2026-12-01", "todo"), row("b", "2026-12-02", "todo")];
    const ids = page.map(rowId);
    expect(ids[0]).toBe("a|gratitude|2026-12-01");
    let sel = selectOne(new Set(), ids[0]);
    expect([...sel]).toEqual([ids[0]]);
    // Not all selected: the page's box selects the rest.
    sel = selectAll(sel, ids);
    expect(sel.size).toBe(2);
    // All selected: it clears them, but not a row kept from another page.
    sel = selectAll(new Set([...sel, "z|gratitude|2026-12-09"]), ids);
    expect([...sel]).toEqual(["z|gratitude|2026-12-09"]);
    expect(selectOne(new Set([ids[1]]), ids[1]).size).toBe(0);
    expect(selectAll(new Set(), []).size).toBe(0);
  });

  it("marks many steps at once, and undoes each to the status it had", () => {
    const rows = [row("a", "2026-12-01", "todo"), row("b", "2026-12-02", "skipped")];
    expect(statusChanges(rows, "done")).toEqual([
      { customer_key: "a", kind: "gratitude", due_on: "2026-12-01", status: "done" },
      { customer_key: "b", kind: "gratitude", due_on: "2026-12-02", status: "done" },
    ]);
    expect(statusChanges(rows).map((c) => c.status)).toEqual(["todo", "skipped"]);
  });
});
