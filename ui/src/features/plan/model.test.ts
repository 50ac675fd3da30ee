import { describe, expect, it } from "vitest";
import { addDays, emptyTarget, lines, pageLabel, planQuery, playbookProblems, toggle, turnPage } from "./model";
import type { Playbook } from "../../ipc/bindings";

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
      stages: [{ stage: "observer", meaning_ja: "", meaning_en: "", do_ja: [], do_en: [], never: [{ text_ja: "x", text_en: "x", campaigns: [] }] }],
      nps: { promoter_ja: "", promoter_en: "", passive_ja: "", passive_en: "", detractor_ja: "", detractor_en: "" },
      phases: { initial_ja: "", initial_en: "", mid_ja: "", mid_en: "" },
      onboarding: [],
      ask_cooldown_days: -1,
      repeat_cooldown_days: 30,
    };
    expect(playbookProblems(p)).toEqual(["observer: meaning", "ask_cooldown_days"]);
    p.stages[0].meaning_ja = "様子見";
    p.ask_cooldown_days = 90;
    expect(playbookProblems(p)).toEqual([]);
  });
});
