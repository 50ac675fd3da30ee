import { describe, expect, it } from "vitest";
import { setField, settingFields } from "./model";
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
