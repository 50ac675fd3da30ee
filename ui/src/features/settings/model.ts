// The settings form: which numbers can be edited, where they live in
// `Settings`, and a pure setter (tests beside it).
import type { Settings } from "../../ipc/bindings";
import type { Key } from "../../i18n";

/** How a setting is typed: a share is entered as a percentage (20 → 0.2). */
export type SettingUnit = "percent" | "yen" | "days" | "count" | "ratio" | "score";

export interface SettingField {
  path: string;
  label: Key;
  /** One line in shop-owner words: what the number changes. */
  hint: Key;
  unit: SettingUnit;
  /** Step of the input, in the unit shown (percent points for shares). */
  step: number;
  /** The range allowed, in the unit shown. */
  min: number;
  max: number;
  /** Whole numbers only. */
  whole: boolean;
  get: (s: Settings) => number;
}

function getter(path: string): (s: Settings) => number {
  return (s) => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s) as number;
}

const SHOWN: Record<SettingUnit, { step: number; whole: boolean }> = {
  percent: { step: 1, whole: false },
  yen: { step: 100, whole: true },
  days: { step: 1, whole: true },
  count: { step: 1, whole: true },
  ratio: { step: 0.1, whole: false },
  score: { step: 1, whole: true },
};

function f(path: string, label: Key, unit: SettingUnit, min: number, max: number): SettingField {
  const hint = label.replace(/^set_/, "seth_") as Key;
  return { path, label, hint, unit, step: SHOWN[unit].step, min, max, whole: SHOWN[unit].whole, get: getter(path) };
}

/** The number as the form shows it (a share as a percentage). */
export function shown(field: SettingField, s: Settings): number {
  const v = field.get(s);
  return field.unit === "percent" ? Math.round(v * 100 * 1e6) / 1e6 : v;
}

/** The number as stored, from what was typed (a percentage back to a share). */
export function stored(field: SettingField, typed: number): number {
  return field.unit === "percent" ? typed / 100 : typed;
}

/** Why a typed value cannot be saved (null when it can). */
export function problem(field: SettingField, typed: number, t: (k: Key) => string): string | null {
  if (!Number.isFinite(typed)) return t("setting_not_a_number");
  if (field.whole && !Number.isInteger(typed)) return t("setting_whole");
  if (typed < field.min || typed > field.max) {
    const unit = field.unit === "percent" ? "%" : "";
    return t("setting_range").replace("{min}", `${field.min}${unit}`).replace("{max}", `${field.max}${unit}`);
  }
  return null;
}

export function settingFields(): { title: Key; fields: SettingField[] }[] {
  return [
    {
      title: "settings_targets",
      fields: [
        f("targets.referral_rate", "set_referral_rate", "percent", 0, 100),
        f("targets.active_rate", "set_active_rate", "percent", 0, 100),
        f("targets.ltv_amount", "set_ltv_amount", "yen", 1, 100_000_000),
        f("targets.ltv_purchases", "set_ltv_purchases", "count", 1, 1000),
      ],
    },
    {
      title: "settings_stages",
      fields: [
        f("trial_threshold", "set_trial_threshold", "yen", 0, 10_000_000),
        f("stages.circulation_active_days", "set_circulation_active_days", "days", 1, 3650),
        f("stages.circulation_min_nps", "set_circulation_min_nps", "score", 0, 10),
        f("stages.involvement_window_days", "set_involvement_window_days", "days", 1, 3650),
        f("stages.involvement_min_participations", "set_involvement_min_participations", "count", 1, 1000),
        f("stages.involvement_min_support_points", "set_involvement_min_support_points", "count", 0, 1_000_000),
        f("stages.empathy_min_nps", "set_empathy_min_nps", "score", 0, 10),
        f("stages.empathy_min_frequency", "set_empathy_min_frequency", "count", 1, 1000),
      ],
    },
    {
      title: "settings_temperature",
      fields: [
        f("temperature.cooling_ratio", "set_cooling_ratio", "ratio", 0.1, 100),
        f("temperature.cold_ratio", "set_cold_ratio", "ratio", 0.1, 100),
        f("temperature.single_cooling_days", "set_single_cooling_days", "days", 1, 3650),
        f("temperature.single_cold_days", "set_single_cold_days", "days", 1, 3650),
      ],
    },
    {
      title: "settings_points",
      fields: [
        f("heat_half_life_days", "set_half_life", "days", 1, 3650),
        f("quadrant_top_share", "set_quadrant_top_share", "percent", 1, 100),
        f("active_window_days", "set_active_window_days", "days", 1, 3650),
        f("retention_window_days", "set_retention_window_days", "days", 1, 3650),
        f("f2_window_days", "set_f2_window_days", "days", 1, 3650),
        f("mid_phase_share", "set_mid_phase_share", "percent", 0, 100),
        f("holdout_share", "set_holdout_share", "percent", 0, 50),
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
