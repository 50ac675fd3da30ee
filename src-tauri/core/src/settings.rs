//! Analysis settings: every threshold and target of domain.md, with the
//! domain's defaults, persisted in the workspace as one JSON document (`store::settings`).
//!
//! Fields added later get their default through `#[serde(default)]`, so an
//! older workspace opens with sensible values and no migration.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// All analysis settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "bindings.ts")]
pub struct Settings {
    /// Orders at or below this amount are trial purchases (お試し), in the shop's currency.
    pub trial_threshold: f64,
    /// Half-life of the heat score, in days.
    pub heat_half_life_days: f64,
    /// KPI targets.
    pub targets: Targets,
    /// Stage rules (domain.md §4).
    pub stages: StageRules,
    /// Temperature thresholds.
    pub temperature: TemperatureRules,
    /// How R, F and M become scores 1–5.
    pub rfm: RfmScoring,
    /// Share of customers counted as "high" on each points axis for the quadrant (0.2 = top 20 %).
    pub quadrant_top_share: f64,
    /// Trailing window for the active rate, in days.
    pub active_window_days: i64,
    /// Window after the first order for 90-day retention, in days.
    pub retention_window_days: i64,
    /// The shop is in the mid referral phase when at least this share of referrals
    /// in the trailing year came from members past their first 90 days.
    pub mid_phase_share: f64,
    /// F2転換率: a second purchase on a later day within this many days of the first.
    pub f2_window_days: i64,
    /// 効果測定: the share of customers held out (対照) of each kind of plan
    /// step, drawn with the workspace's seed (0 = none).
    pub holdout_share: f64,
}

impl Settings {
    /// Why these settings cannot be saved, if they cannot: a share outside
    /// 0 … 1 (a percentage typed as 20 instead of 0.2), a day count below 1,
    /// an NPS bound outside 0 … 10, cold before cooling.
    pub fn problem(&self) -> Option<String> {
        let share = |name: &str, v: f64, max: f64| {
            (!(0.0..=max).contains(&v))
                .then(|| format!("{name} is a share from 0 to {max} (0.2 = 20 %), not {v}"))
        };
        let days = |name: &str, v: i64| {
            (v < 1).then(|| format!("{name} is a number of days, at least 1, not {v}"))
        };
        let nps = |name: &str, v: i64| {
            (!(0..=10).contains(&v))
                .then(|| format!("{name} is an NPS answer from 0 to 10, not {v}"))
        };
        let positive = |name: &str, v: f64| {
            (!(v.is_finite() && v > 0.0)).then(|| format!("{name} must be above 0, not {v}"))
        };
        let t = &self.targets;
        let st = &self.stages;
        let te = &self.temperature;
        [
            share("targets.referral_rate", t.referral_rate, 1.0),
            share("targets.active_rate", t.active_rate, 1.0),
            positive("targets.ltv_amount", t.ltv_amount),
            (t.ltv_purchases < 1).then(|| {
                format!(
                    "targets.ltv_purchases is at least 1, not {}",
                    t.ltv_purchases
                )
            }),
            (!(self.trial_threshold.is_finite() && self.trial_threshold >= 0.0)).then(|| {
                format!(
                    "trial_threshold cannot be negative ({})",
                    self.trial_threshold
                )
            }),
            positive("heat_half_life_days", self.heat_half_life_days),
            days("stages.circulation_active_days", st.circulation_active_days),
            nps("stages.circulation_min_nps", st.circulation_min_nps),
            days("stages.involvement_window_days", st.involvement_window_days),
            nps("stages.empathy_min_nps", st.empathy_min_nps),
            positive("temperature.cooling_ratio", te.cooling_ratio),
            (te.cold_ratio < te.cooling_ratio).then(|| {
                format!(
                    "temperature.cold_ratio ({}) is below cooling_ratio ({})",
                    te.cold_ratio, te.cooling_ratio
                )
            }),
            days("temperature.single_cooling_days", te.single_cooling_days),
            (te.single_cold_days < te.single_cooling_days).then(|| {
                format!(
                    "temperature.single_cold_days ({}) is below single_cooling_days ({})",
                    te.single_cold_days, te.single_cooling_days
                )
            }),
            (!(self.quadrant_top_share > 0.0 && self.quadrant_top_share <= 1.0)).then(|| {
                format!(
                    "quadrant_top_share is a share above 0 up to 1, not {}",
                    self.quadrant_top_share
                )
            }),
            days("active_window_days", self.active_window_days),
            days("retention_window_days", self.retention_window_days),
            days("f2_window_days", self.f2_window_days),
            share("mid_phase_share", self.mid_phase_share, 1.0),
            share("holdout_share", self.holdout_share, 0.5),
        ]
        .into_iter()
        .flatten()
        .next()
    }
}

/// KPI targets from the seeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "bindings.ts")]
pub struct Targets {
    /// 紹介率 target (0.20 = 20 %).
    pub referral_rate: f64,
    /// アクティブ率 target (0.50 = 50 %).
    pub active_rate: f64,
    /// LTV bar: amount (¥18,000).
    pub ltv_amount: f64,
    /// LTV bar: number of purchases (3).
    pub ltv_purchases: i64,
}

/// The default stage rules, each number editable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "bindings.ts")]
pub struct StageRules {
    /// 循環 needs activity (an order or an event) within this many days.
    pub circulation_active_days: i64,
    /// 循環 via NPS: latest answer at least this score, plus a review or SNS post.
    pub circulation_min_nps: i64,
    /// 関与 looks back this many days.
    pub involvement_window_days: i64,
    /// 関与: at least this many participation events in the window …
    pub involvement_min_participations: i64,
    /// … or at least this many support points in the window.
    pub involvement_min_support_points: f64,
    /// 共感: an NPS answer at least this score counts as a two-way interaction.
    pub empathy_min_nps: i64,
    /// 共感: or at least this many purchases.
    pub empathy_min_frequency: i64,
}

/// Temperature thresholds (domain.md §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "bindings.ts")]
pub struct TemperatureRules {
    /// Repeat buyers are warm while recency ≤ this × their median interval.
    pub warm_ratio: f64,
    /// … cooling when recency > this × their median interval …
    pub cooling_ratio: f64,
    /// … and cold when recency > this × their median interval.
    pub cold_ratio: f64,
    /// One-time buyers (and registered members) are warm within this many days …
    pub single_warm_days: i64,
    /// … cooling after this many days …
    pub single_cooling_days: i64,
    /// … and cold after this many days.
    pub single_cold_days: i64,
}

/// RFM scoring method.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(tag = "method", rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum RfmScoring {
    /// Quintiles by rank (ties take the minimum rank).
    #[default]
    Quintiles,
    /// Fixed thresholds: each list holds the lower bounds of scores 2, 3, 4 and 5.
    /// For R the bounds are in days and *lower* recency scores higher, so the list
    /// holds the upper bounds of scores 5, 4, 3 and 2 in increasing order.
    Fixed {
        recency_days: Vec<f64>,
        frequency: Vec<f64>,
        monetary: Vec<f64>,
    },
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            trial_threshold: 2000.0,
            heat_half_life_days: 180.0,
            targets: Targets::default(),
            stages: StageRules::default(),
            temperature: TemperatureRules::default(),
            rfm: RfmScoring::Quintiles,
            quadrant_top_share: 0.2,
            active_window_days: 90,
            retention_window_days: 90,
            mid_phase_share: 0.5,
            f2_window_days: 90,
            holdout_share: 0.10,
        }
    }
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            referral_rate: 0.20,
            active_rate: 0.50,
            ltv_amount: 18_000.0,
            ltv_purchases: 3,
        }
    }
}

impl Default for StageRules {
    fn default() -> Self {
        StageRules {
            circulation_active_days: 180,
            circulation_min_nps: 9,
            involvement_window_days: 365,
            involvement_min_participations: 2,
            involvement_min_support_points: 100.0,
            empathy_min_nps: 7,
            empathy_min_frequency: 3,
        }
    }
}

impl Default for TemperatureRules {
    fn default() -> Self {
        TemperatureRules {
            warm_ratio: 1.0,
            cooling_ratio: 1.5,
            cold_ratio: 3.0,
            single_warm_days: 30,
            single_cooling_days: 120,
            single_cold_days: 365,
        }
    }
}

impl RfmScoring {
    /// The small-shop thresholds domain.md suggests for F (1 / 2 / 3–4 / 5–9 / 10+),
    /// with R and M thresholds to match.
    pub fn small_shop() -> Self {
        RfmScoring::Fixed {
            recency_days: vec![30.0, 90.0, 180.0, 365.0],
            frequency: vec![2.0, 3.0, 5.0, 10.0],
            monetary: vec![5_000.0, 10_000.0, 18_000.0, 50_000.0],
        }
    }
}
