//! The domain's named categories, with their stable English ids (used in the
//! CLI, JSON and CSV) and their Japanese labels (shown in the UI).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language of the UI, the CLI's texts and the charts: 日本語 or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Lang {
    /// 日本語.
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    /// Parses `ja` / `en` (anything else is 日本語).
    pub fn from_code(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Ja
        }
    }

    /// `ja` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

/// The five 惚れ通 stages, lowest first (domain.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Stage {
    /// 観測: still watching.
    Observer,
    /// 着地: anxiety resolved, not yet personal.
    Landing,
    /// 共感: a human connection forms.
    Empathy,
    /// 関与: a sense of ownership.
    Involvement,
    /// 循環: supporter and narrator.
    Circulation,
}

impl Stage {
    /// All stages, lowest first.
    pub const ALL: [Stage; 5] = [
        Stage::Observer,
        Stage::Landing,
        Stage::Empathy,
        Stage::Involvement,
        Stage::Circulation,
    ];

    /// Stable id (`observer` … `circulation`).
    pub fn id(self) -> &'static str {
        match self {
            Stage::Observer => "observer",
            Stage::Landing => "landing",
            Stage::Empathy => "empathy",
            Stage::Involvement => "involvement",
            Stage::Circulation => "circulation",
        }
    }

    /// 0 for 観測 … 4 for 循環.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The 11 RFM segments (domain.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Segment {
    Champions,
    Loyal,
    PotentialLoyalist,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLoseThem,
    Hibernating,
    Lost,
}

impl Segment {
    /// All segments in the order of domain.md's table.
    pub const ALL: [Segment; 11] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalist,
        Segment::New,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLoseThem,
        Segment::Hibernating,
        Segment::Lost,
    ];

    /// The segment of an R score and an FM score (both 1–5), per domain.md's map.
    pub fn from_scores(r: u8, fm: u8) -> Segment {
        match (r, fm) {
            (5, 5) | (5, 4) | (4, 5) => Segment::Champions,
            (5, 3) | (4, 4) | (3, 5) | (3, 4) => Segment::Loyal,
            (5, 2) | (4, 2) | (3, 3) | (4, 3) => Segment::PotentialLoyalist,
            (5, 1) => Segment::New,
            (4, 1) | (3, 1) => Segment::Promising,
            (3, 2) | (2, 3) | (2, 2) => Segment::NeedAttention,
            (2, 1) => Segment::AboutToSleep,
            (2, 5) | (2, 4) | (1, 3) => Segment::AtRisk,
            (1, 5) | (1, 4) => Segment::CantLoseThem,
            (1, 2) => Segment::Hibernating,
            _ => Segment::Lost,
        }
    }

    /// Stable id (`champions` …).
    pub fn id(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::Loyal => "loyal",
            Segment::PotentialLoyalist => "potential_loyalist",
            Segment::New => "new",
            Segment::Promising => "promising",
            Segment::NeedAttention => "need_attention",
            Segment::AboutToSleep => "about_to_sleep",
            Segment::AtRisk => "at_risk",
            Segment::CantLoseThem => "cant_lose_them",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }
}

/// 温度感: how the relationship feels right now, from recency against the
/// customer's own rhythm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Temperature {
    Warm,
    Steady,
    Cooling,
    Cold,
    /// No purchase and no 登録日: nothing to measure the distance from.
    Unknown,
}

impl Temperature {
    /// All temperatures, warmest first, then unknown.
    pub const ALL: [Temperature; 5] = [
        Temperature::Warm,
        Temperature::Steady,
        Temperature::Cooling,
        Temperature::Cold,
        Temperature::Unknown,
    ];

    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            Temperature::Warm => "warm",
            Temperature::Steady => "steady",
            Temperature::Cooling => "cooling",
            Temperature::Cold => "cold",
            Temperature::Unknown => "unknown",
        }
    }
}

/// The newcomer milestones of seed 000 (domain.md §5): 居場所 (a place),
/// 役割 (a role), 変化 (a change put into words), in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Milestone {
    Place,
    Role,
    Change,
}

impl Milestone {
    /// All milestones, first reached first.
    pub const ALL: [Milestone; 3] = [Milestone::Place, Milestone::Role, Milestone::Change];

    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            Milestone::Place => "place",
            Milestone::Role => "role",
            Milestone::Change => "change",
        }
    }

    /// Parses a stable id.
    pub fn from_id(id: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|m| m.id() == id)
    }
}

/// The two points axes (domain.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Axis {
    /// 紹介ポイント: reach.
    Referral,
    /// 応援ポイント: engagement depth.
    Support,
}

impl Axis {
    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            Axis::Referral => "referral",
            Axis::Support => "support",
        }
    }

    /// Parses a stable id.
    pub fn from_id(id: &str) -> Option<Axis> {
        match id {
            "referral" => Some(Axis::Referral),
            "support" => Some(Axis::Support),
            _ => None,
        }
    }
}

/// What an order's status says about it (stored as `normal`, `cancelled`, `returned`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    /// Any status that neither cancels nor returns the order.
    Normal,
    /// The order was cancelled or voided.
    Cancelled,
    /// The order was returned or refunded in full.
    Returned,
}

impl OrderStatus {
    /// Stable id, as stored.
    pub fn id(self) -> &'static str {
        match self {
            OrderStatus::Normal => "normal",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Returned => "returned",
        }
    }

    /// Parses a stored id (anything unknown is normal).
    pub fn from_id(id: &str) -> OrderStatus {
        match id {
            "cancelled" => OrderStatus::Cancelled,
            "returned" => OrderStatus::Returned,
            _ => OrderStatus::Normal,
        }
    }
}
