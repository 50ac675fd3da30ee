//! Fans (domain.md §3): the reach × depth quadrant, badges and the ranking.
//!
//! Points recognise; they never pay. The quadrant separates 共創型ファン
//! (high reach and high depth, the core of fan-making) from 広める人 (reach),
//! 深く関わる人 (depth) and 静かなお客さま.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a customer sits on reach (紹介ポイント) × depth (応援ポイント).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Quadrant {
    /// 共創型ファン: high reach and high depth.
    CoCreator,
    /// 広める人: high reach.
    Spreader,
    /// 深く関わる人: high depth.
    DeepSupporter,
    /// 静かなお客さま: neither.
    Quiet,
}

impl Quadrant {
    /// All quadrants.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::CoCreator,
        Quadrant::Spreader,
        Quadrant::DeepSupporter,
        Quadrant::Quiet,
    ];

    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            Quadrant::CoCreator => "co_creator",
            Quadrant::Spreader => "spreader",
            Quadrant::DeepSupporter => "deep_supporter",
            Quadrant::Quiet => "quiet",
        }
    }

    /// The quadrant's name.
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::labels::label(lang, "quadrant", self.id())
    }
}

/// The points from which an axis counts as "high".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct QuadrantThresholds {
    /// 紹介ポイント at or above this are high (never below 1).
    pub referral: i64,
    /// 応援ポイント at or above this are high (never below 1).
    pub support: i64,
}

/// The value that the top `share` of `values` reach: the k-th largest with
/// k = ceil(share × n). Zero points are never "high", so the result is at least 1.
pub fn top_threshold(values: &[i64], share: f64) -> i64 {
    if values.is_empty() {
        return 1;
    }
    let mut sorted: Vec<i64> = values.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let k = ((share.clamp(0.0, 1.0) * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[k - 1].max(1)
}

/// The quadrant of one customer.
pub fn quadrant(referral: i64, support: i64, t: &QuadrantThresholds) -> Quadrant {
    match (referral >= t.referral, support >= t.support) {
        (true, true) => Quadrant::CoCreator,
        (true, false) => Quadrant::Spreader,
        (false, true) => Quadrant::DeepSupporter,
        (false, false) => Quadrant::Quiet,
    }
}

/// Badges (domain.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Badge {
    /// 初紹介: a referee who bought.
    FirstReferral,
    /// 伝道師: three or more referees who bought.
    Evangelist,
    /// レビュアー: three or more reviews.
    Reviewer,
    /// 常連参加: three or more events or roundtables.
    Regular,
    /// 90日完走: settled within 90 days of the first order.
    #[serde(rename = "settled_90")]
    Settled90,
    /// 共創型ファン: the co-creating quadrant.
    CoCreator,
}

impl Badge {
    /// All badges.
    pub const ALL: [Badge; 6] = [
        Badge::FirstReferral,
        Badge::Evangelist,
        Badge::Reviewer,
        Badge::Regular,
        Badge::Settled90,
        Badge::CoCreator,
    ];

    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            Badge::FirstReferral => "first_referral",
            Badge::Evangelist => "evangelist",
            Badge::Reviewer => "reviewer",
            Badge::Regular => "regular",
            Badge::Settled90 => "settled_90",
            Badge::CoCreator => "co_creator",
        }
    }

    /// The badge's name.
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::labels::label(lang, "badge", self.id())
    }
}

/// What badges look at for one customer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BadgeSignals {
    /// Referees who bought.
    pub referred_buyers: u32,
    /// Reviews posted.
    pub reviews: u32,
    /// Events and roundtables attended.
    pub events: u32,
    /// Settled within 90 days (second order or an event within 90 days of the first order).
    pub settled_90: bool,
}

/// The badges a customer holds, in display order.
pub fn badges(s: &BadgeSignals, q: Quadrant) -> Vec<Badge> {
    let mut out = Vec::new();
    if s.referred_buyers >= 1 {
        out.push(Badge::FirstReferral);
    }
    if s.referred_buyers >= 3 {
        out.push(Badge::Evangelist);
    }
    if s.reviews >= 3 {
        out.push(Badge::Reviewer);
    }
    if s.events >= 3 {
        out.push(Badge::Regular);
    }
    if s.settled_90 {
        out.push(Badge::Settled90);
    }
    if q == Quadrant::CoCreator {
        out.push(Badge::CoCreator);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten customers; the top 20 % on reach are the two largest values.
    #[test]
    fn the_top_twenty_percent_threshold_is_the_kth_largest_value() {
        let v = [0, 0, 0, 10, 10, 15, 60, 0, 5, 20];
        // sorted desc: 60, 20, 15, 10, 10, 5, 0, 0, 0, 0; k = ceil(0.2 × 10) = 2 → 20.
        assert_eq!(top_threshold(&v, 0.2), 20);
        // A share that lands in the zeros still needs one point.
        assert_eq!(top_threshold(&[0, 0, 0, 3], 0.5), 1);
        assert_eq!(top_threshold(&[], 0.2), 1);
    }

    #[test]
    fn quadrants_split_at_the_thresholds() {
        let t = QuadrantThresholds {
            referral: 20,
            support: 100,
        };
        assert_eq!(quadrant(20, 100, &t), Quadrant::CoCreator);
        assert_eq!(quadrant(25, 99, &t), Quadrant::Spreader);
        assert_eq!(quadrant(19, 150, &t), Quadrant::DeepSupporter);
        assert_eq!(quadrant(0, 0, &t), Quadrant::Quiet);
    }

    #[test]
    fn badges_follow_their_counts() {
        let s = BadgeSignals {
            referred_buyers: 3,
            reviews: 2,
            events: 3,
            settled_90: true,
        };
        assert_eq!(
            badges(&s, Quadrant::Spreader),
            vec![
                Badge::FirstReferral,
                Badge::Evangelist,
                Badge::Regular,
                Badge::Settled90
            ]
        );
        let s = BadgeSignals {
            referred_buyers: 1,
            reviews: 3,
            events: 0,
            settled_90: false,
        };
        assert_eq!(
            badges(&s, Quadrant::CoCreator),
            vec![Badge::FirstReferral, Badge::Reviewer, Badge::CoCreator]
        );
        assert!(badges(&BadgeSignals::default(), Quadrant::Quiet).is_empty());
    }
}
