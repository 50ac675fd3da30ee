//! The five 惚れ通 stages and temperature (domain.md §4).
//!
//! Stages are decided top-down: the first rule that holds wins, and the
//! result always carries the signals that decided it ([`StageReason`]), so
//! the UI can say *why* a customer stands where they stand.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Stage, Temperature};
use crate::settings::{StageRules, TemperatureRules};

/// What the stage rules look at for one customer (all counted up to the analysis date).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Signals {
    /// Registered through a customers import.
    pub registered: bool,
    /// Number of purchases (F).
    pub purchases: u32,
    /// Purchases above the trial threshold.
    pub purchases_above_trial: u32,
    /// Referees who made at least one purchase.
    pub referred_buyers: u32,
    /// The latest NPS score.
    pub latest_nps: Option<u8>,
    /// Reviews and SNS posts.
    pub posts: u32,
    /// Days since the last purchase or event.
    pub days_since_activity: Option<i32>,
    /// Participation events (event, roundtable, survey) in the involvement window.
    pub participations_in_window: u32,
    /// Support points earned in the involvement window.
    pub support_points_in_window: f64,
    /// Two-way interactions: reviews, surveys, LINE actions, NPS answers at or above the empathy bar.
    pub two_way: u32,
}

/// Why a customer is in their stage: the rule that held and its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum StageReason {
    /// 循環: referred customers who bought, and active recently.
    ReferredBuyers {
        referred_buyers: u32,
        days_since_activity: i32,
    },
    /// 循環: a promoter who posts, and active recently.
    PromoterWhoPosts {
        latest_nps: u8,
        posts: u32,
        days_since_activity: i32,
    },
    /// 関与: repeated participation.
    Participation {
        participations: u32,
        window_days: i64,
    },
    /// 関与: many support points.
    SupportPoints {
        support_points: f64,
        window_days: i64,
    },
    /// 共感: two-way interactions.
    TwoWay { interactions: u32 },
    /// 共感: repeat purchases.
    RepeatPurchases { purchases: u32 },
    /// 着地: a purchase above the trial threshold.
    AboveTrial {
        purchases_above_trial: u32,
        threshold: f64,
    },
    /// 観測: trial purchases only.
    TrialOnly { purchases: u32, threshold: f64 },
    /// 観測: registered, no purchase yet.
    RegisteredOnly,
}

/// A note on why a customer is *not* in a higher stage, when it is close.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "note", rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum StageHold {
    /// Would be 循環 but has been inactive too long.
    InactiveCirculation {
        days_since_activity: i32,
        limit_days: i64,
    },
}

/// Decides the stage top-down.
pub fn classify(
    s: &Signals,
    rules: &StageRules,
    trial_threshold: f64,
) -> (Stage, StageReason, Option<StageHold>) {
    let active_days = s.days_since_activity.unwrap_or(i32::MAX);
    let recently_active = i64::from(active_days) <= rules.circulation_active_days;
    let promoter_posts = s
        .latest_nps
        .is_some_and(|n| i64::from(n) >= rules.circulation_min_nps)
        && s.posts >= 1;
    let circulation_signal = s.referred_buyers >= 1 || promoter_posts;
    let mut hold = None;
    if circulation_signal {
        if recently_active {
            let reason = if s.referred_buyers >= 1 {
                StageReason::ReferredBuyers {
                    referred_buyers: s.referred_buyers,
                    days_since_activity: active_days,
                }
            } else {
                StageReason::PromoterWhoPosts {
                    latest_nps: s.latest_nps.unwrap_or(0),
                    posts: s.posts,
                    days_since_activity: active_days,
                }
            };
            return (Stage::Circulation, reason, None);
        }
        hold = Some(StageHold::InactiveCirculation {
            days_since_activity: active_days,
            limit_days: rules.circulation_active_days,
        });
    }
    if i64::from(s.participations_in_window) >= rules.involvement_min_participations {
        return (
            Stage::Involvement,
            StageReason::Participation {
                participations: s.participations_in_window,
                window_days: rules.involvement_window_days,
            },
            hold,
        );
    }
    if s.support_points_in_window >= rules.involvement_min_support_points {
        return (
            Stage::Involvement,
            StageReason::SupportPoints {
                support_points: s.support_points_in_window,
                window_days: rules.involvement_window_days,
            },
            hold,
        );
    }
    if s.two_way >= 1 {
        return (
            Stage::Empathy,
            StageReason::TwoWay {
                interactions: s.two_way,
            },
            hold,
        );
    }
    if i64::from(s.purchases) >= rules.empathy_min_frequency {
        return (
            Stage::Empathy,
            StageReason::RepeatPurchases {
                purchases: s.purchases,
            },
            hold,
        );
    }
    if s.purchases_above_trial >= 1 {
        return (
            Stage::Landing,
            StageReason::AboveTrial {
                purchases_above_trial: s.purchases_above_trial,
                threshold: trial_threshold,
            },
            hold,
        );
    }
    let reason = if s.purchases == 0 {
        StageReason::RegisteredOnly
    } else {
        StageReason::TrialOnly {
            purchases: s.purchases,
            threshold: trial_threshold,
        }
    };
    (Stage::Observer, reason, hold)
}

impl StageReason {
    /// The reason in words.
    pub fn text(&self, lang: crate::model::Lang) -> String {
        crate::labels::sentence(lang, "stage_reason", "rule", self)
    }
}

impl StageHold {
    /// The note in words.
    pub fn text(&self, lang: crate::model::Lang) -> String {
        crate::labels::sentence(lang, "stage_hold", "note", self)
    }
}

/// Temperature from recency against the customer's own rhythm.
///
/// `median_interval` is the median gap in days between consecutive purchase
/// days; `None` for one-time buyers and registered members, who use the fixed
/// day thresholds instead.
pub fn temperature(
    recency_days: i32,
    median_interval: Option<f64>,
    rules: &TemperatureRules,
) -> Temperature {
    let r = f64::from(recency_days);
    match median_interval {
        Some(m) if m > 0.0 => {
            if r > rules.cold_ratio * m {
                Temperature::Cold
            } else if r > rules.cooling_ratio * m {
                Temperature::Cooling
            } else if r <= rules.warm_ratio * m {
                Temperature::Warm
            } else {
                Temperature::Steady
            }
        }
        _ => {
            let d = i64::from(recency_days);
            if d > rules.single_cold_days {
                Temperature::Cold
            } else if d > rules.single_cooling_days {
                Temperature::Cooling
            } else if d <= rules.single_warm_days {
                Temperature::Warm
            } else {
                Temperature::Steady
            }
        }
    }
}

/// Median of a non-empty slice (sorted in place).
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable_by(|a, b| a.total_cmp(b));
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> StageRules {
        StageRules::default()
    }

    fn stage_of(s: Signals) -> (Stage, StageReason) {
        let (stage, reason, _) = classify(&s, &rules(), 2000.0);
        (stage, reason)
    }

    #[test]
    fn a_registered_member_without_purchase_is_an_observer() {
        let s = Signals {
            registered: true,
            ..Default::default()
        };
        assert_eq!(stage_of(s), (Stage::Observer, StageReason::RegisteredOnly));
    }

    #[test]
    fn trial_purchases_only_keep_a_customer_observing() {
        let s = Signals {
            purchases: 2,
            purchases_above_trial: 0,
            days_since_activity: Some(3),
            ..Default::default()
        };
        let (stage, reason) = stage_of(s);
        assert_eq!(stage, Stage::Observer);
        assert_eq!(
            reason.text(crate::model::Lang::Ja),
            "購入はお試し価格(¥2,000)以下の2回のみです"
        );
    }

    #[test]
    fn one_purchase_above_the_trial_price_lands() {
        let s = Signals {
            purchases: 1,
            purchases_above_trial: 1,
            ..Default::default()
        };
        assert_eq!(stage_of(s).0, Stage::Landing);
    }

    #[test]
    fn three_purchases_or_a_two_way_interaction_make_empathy() {
        let s = Signals {
            purchases: 3,
            purchases_above_trial: 1,
            ..Default::default()
        };
        assert_eq!(
            stage_of(s),
            (
                Stage::Empathy,
                StageReason::RepeatPurchases { purchases: 3 }
            )
        );
        let s = Signals {
            purchases: 1,
            two_way: 1,
            ..Default::default()
        };
        assert_eq!(
            stage_of(s),
            (Stage::Empathy, StageReason::TwoWay { interactions: 1 })
        );
        // Two purchases and nothing else: still landing.
        let s = Signals {
            purchases: 2,
            purchases_above_trial: 2,
            ..Default::default()
        };
        assert_eq!(stage_of(s).0, Stage::Landing);
    }

    #[test]
    fn two_participations_or_100_support_points_make_involvement() {
        let s = Signals {
            purchases: 1,
            participations_in_window: 2,
            ..Default::default()
        };
        assert_eq!(stage_of(s).0, Stage::Involvement);
        let s = Signals {
            purchases: 1,
            participations_in_window: 1,
            support_points_in_window: 99.0,
            two_way: 1,
            ..Default::default()
        };
        assert_eq!(stage_of(s).0, Stage::Empathy);
        let s = Signals {
            purchases: 1,
            support_points_in_window: 100.0,
            ..Default::default()
        };
        assert_eq!(
            stage_of(s),
            (
                Stage::Involvement,
                StageReason::SupportPoints {
                    support_points: 100.0,
                    window_days: 365
                }
            )
        );
    }

    #[test]
    fn circulation_needs_a_signal_and_recent_activity() {
        let s = Signals {
            purchases: 1,
            referred_buyers: 1,
            days_since_activity: Some(180),
            ..Default::default()
        };
        assert_eq!(stage_of(s).0, Stage::Circulation);
        let s = Signals {
            purchases: 5,
            referred_buyers: 1,
            days_since_activity: Some(181),
            ..Default::default()
        };
        let (stage, _, hold) = classify(&s, &rules(), 2000.0);
        assert_eq!(stage, Stage::Empathy);
        assert_eq!(
            hold,
            Some(StageHold::InactiveCirculation {
                days_since_activity: 181,
                limit_days: 180
            })
        );
        // A promoter (9) with one review, active.
        let s = Signals {
            purchases: 1,
            latest_nps: Some(9),
            posts: 1,
            days_since_activity: Some(10),
            ..Default::default()
        };
        assert_eq!(stage_of(s).0, Stage::Circulation);
        // A promoter without any post is not circulating.
        let s = Signals {
            purchases: 1,
            latest_nps: Some(10),
            posts: 0,
            days_since_activity: Some(10),
            two_way: 1,
            ..Default::default()
        };
        assert_eq!(stage_of(s).0, Stage::Empathy);
        // NPS 8 with posts: not a promoter.
        let s = Signals {
            purchases: 1,
            latest_nps: Some(8),
            posts: 3,
            days_since_activity: Some(10),
            ..Default::default()
        };
        assert_ne!(stage_of(s).0, Stage::Circulation);
    }

    #[test]
    fn temperature_follows_the_customers_own_rhythm() {
        let t = TemperatureRules::default();
        // Median interval 30 days: warm ≤ 30, steady ≤ 45, cooling ≤ 90, cold > 90.
        assert_eq!(temperature(30, Some(30.0), &t), Temperature::Warm);
        assert_eq!(temperature(45, Some(30.0), &t), Temperature::Steady);
        assert_eq!(temperature(46, Some(30.0), &t), Temperature::Cooling);
        assert_eq!(temperature(90, Some(30.0), &t), Temperature::Cooling);
        assert_eq!(temperature(91, Some(30.0), &t), Temperature::Cold);
        // One-time buyers: warm ≤ 30, steady ≤ 120, cooling ≤ 365, cold beyond.
        assert_eq!(temperature(30, None, &t), Temperature::Warm);
        assert_eq!(temperature(120, None, &t), Temperature::Steady);
        assert_eq!(temperature(121, None, &t), Temperature::Cooling);
        assert_eq!(temperature(366, None, &t), Temperature::Cold);
    }

    #[test]
    fn median_of_even_and_odd_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
