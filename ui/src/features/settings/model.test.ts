import { describe, expect, it } from "vitest";
import { problem, setField, settingFields, shown, stored } from "./model";
import { translate, type Key } from "../../i18n";
import type { Settings } from "../../ipc/bindings";

const base: Settings = {
  trial_threshold: 2000,
  heat_half_life_days: 180,
  targets: { referral_rate: 0.2, active_rate: 0.5, ltv_amount: 18000, ltv_purchases: 3 },
  stages: { circulation_active_days: 180, circulation_min_nps: 9, involvement_window_days: 365, involvement_min_participations: 2, involvement_min_support_points: 100, empathy_min_nps: 7, empathy_min_frequency: 3 },
  temperature: { warm_ratio: 1, cooling_ratio: 1.5, cold_ratio: 3, single_warm_days: 30, single_cooling_days: 120, single_cold_days: 365 },
  rfm: { method: "quintiles" },
  quadrant_top_share: 0.2,
  active_window_days: 90,
  retention_window_days: 90,
  mid_phase_share: 0.5,
  f2_window_days: 90,
  holdout_share: 0.1,
};

describe("settings form", () => {
  it("reads every field it offers from the settings", () => {
    for (const g of settingFields()) for (const f of g.fields) expect(typeof f.get(base)).toBe("number");
    const all = settingFields().flatMap((g) => g.fields.map((f) => f.path));
    expect(all).toContain("targets.ltv_amount");
    expect(all).toContain("trial_threshold");
  });

  it("sets a nested number without touching the original", () => {
    const next = setField(base, "targets.ltv_amount", 20000);
    expect(next.targets.ltv_amount).toBe(20000);
    expect(base.targets.ltv_amount).toBe(18000);
    expect(setField(base, "heat_half_life_days", 90).heat_half_life_days).toBe(90);
  });
});

describe("settings typed as a shop owner types them", () => {
  const t = (k: Key) => translate("ja", k);
  const field = (path: string) => settingFields().flatMap((g) => g.fields).find((f) => f.path === path)!;
  it("shows a share as a percentage and stores 20 as 20 %", () => {
    const referral = field("targets.referral_rate");
    expect(referral.unit).toBe("percent");
    expect(shown(referral, base)).toBe(20);
    expect(problem(referral, 20, t)).toBeNull();
    const next = setField(base, referral.path, stored(referral, 20));
    expect(next.targets.referral_rate).toBeCloseTo(0.2, 12);
    expect(shown(referral, setField(base, referral.path, 0.07))).toBe(7);
  });
  it("refuses what is out of range or not whole, saying the range", () => {
    expect(problem(field("targets.referral_rate"), 2000, t)).toBe("0%〜100%の範囲で入れてください");
    expect(problem(field("holdout_share"), 60, t)).toBe("0%〜50%の範囲で入れてください");
    expect(problem(field("stages.circulation_min_nps"), 11, t)).toBe("0〜10の範囲で入れてください");
    expect(problem(field("active_window_days"), 30.5, t)).toBe("整数で入れてください");
    expect(problem(field("active_window_days"), NaN, t)).toBe("数字を入れてください");
  });
  it("explains every setting in one line, naming no internal file", () => {
    for (const f of settingFields().flatMap((g) => g.fields)) {
      const hint = t(f.hint);
      expect(hint.length).toBeGreaterThan(5);
      expect(hint).not.toBe(f.hint);
      expect(hint).not.toMatch(/domain\.md|\.rs|\.ts/);
      expect(translate("en", f.hint)).not.toBe(f.hint);
    }
    expect(t("settings_thresholds_hint")).not.toContain("domain.md");
  });
});
