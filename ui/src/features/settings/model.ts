// The settings form: which numbers can be edited, where they live in
// `Settings`, and a pure setter (tests beside it).
import type { Settings } from "../../ipc/bindings";
import type { Key } from "../../i18n";

export interface SettingField {
  path: string;
  label: Key;
  step: number;
  get: (s: Settings) => number;
}

function getter(path: string): (s: Settings) => number {
  return (s) => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s) as number;
}

function f(path: string, label: Key, step = 1): SettingField {
  return { path, label, step, get: getter(path) };
}

export function settingFields(): { title: Key; fields: SettingField[] }[] {
  return [
    {
      title: "settings_targets",
      fields: [
        f("targets.referral_rate", "set_referral_rate", 0.01),
        f("targets.active_rate", "set_active_rate", 0.01),
        f("targets.ltv_amount", "set_ltv_amount", 1000),
        f("targets.ltv_purchases", "set_ltv_purchases"),
      ],
    },
    {
      title: "settings_stages",
      fields: [
        f("trial_threshold", "set_trial_threshold", 100),
        f("stages.circulation_active_days", "set_circulation_active_days"),
        f("stages.circulation_min_nps", "set_circulation_min_nps"),
        f("stages.involvement_window_days", "set_involvement_window_days"),
        f("stages.involvement_min_participations", "set_involvement_min_participations"),
        f("stages.involvement_min_support_points", "set_involvement_min_support_points", 10),
        f("stages.empathy_min_nps", "set_empathy_min_nps"),
        f("stages.empathy_min_frequency", "set_empathy_min_frequency"),
      ],
    },
    {
      title: "settings_temperature",
      fields: [
        f("temperature.cooling_ratio", "set_cooling_ratio", 0.1),
        f("temperature.cold_ratio", "set_cold_ratio", 0.1),
        f("temperature.single_cooling_days", "set_single_cooling_days"),
        f("temperature.single_cold_days", "set_single_cold_days"),
      ],
    },
    {
      title: "settings_points",
      fields: [
        f("heat_half_life_days", "set_half_life"),
        f("quadrant_top_share", "set_quadrant_top_share", 0.05),
        f("active_window_days", "set_active_window_days"),
        f("retention_window_days", "set_retention_window_days"),
        f("f2_window_days", "set_f2_window_days"),
        f("mid_phase_share", "set_mid_phase_share", 0.05),
        f("holdout_share", "set_holdout_share", 0.05),
      ],
    },
  ];
}

/** A copy of `s` with the number at `path` replaced. */
export function setField(s: Settings, path: string, value: number): Settings {
  const next: Settings = structuredClone(s);
  const keys = path.split(".");
  let o = next as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1]] = value;
  return next;
}
