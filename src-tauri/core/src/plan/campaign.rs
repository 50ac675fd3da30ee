//! The campaign check: before a campaign goes out, how many recipients are in
//! a stage where its type is forbidden, who they are, and why — quoting the
//! playbook — and the recipients that remain when they are left out. Asks
//! sent to customers asked within the cool-down are flagged too (負荷の集中).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::actions::ContactHistory;
use super::playbook::{CampaignType, Playbook};
use crate::analytics::{Analysis, Badge, CustomerResult, Dataset, Quadrant};
use crate::labels;
use crate::model::Lang;
use crate::model::{Segment, Stage, Temperature};

/// Who a campaign goes to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CampaignTarget {
    /// Stages (empty: any).
    pub stages: Vec<Stage>,
    /// Segments (empty: any).
    pub segments: Vec<Segment>,
    /// Quadrants (empty: any).
    pub quadrants: Vec<Quadrant>,
    /// Temperatures (empty: any).
    pub temperatures: Vec<Temperature>,
    /// Customers holding any of these badges (empty: any).
    pub badges: Vec<Badge>,
    /// Only referred (true) or only organic (false) customers.
    pub referred: Option<bool>,
    /// An explicit list of customer keys (e.g. read from a file); empty: no list.
    pub keys: Vec<String>,
}

impl CampaignTarget {
    /// Whether a customer is a recipient.
    pub fn contains(&self, ds: &Dataset, c: &CustomerResult) -> bool {
        (self.stages.is_empty() || self.stages.contains(&c.stage))
            && (self.segments.is_empty() || c.segment.is_some_and(|s| self.segments.contains(&s)))
            && (self.quadrants.is_empty() || self.quadrants.contains(&c.quadrant))
            && (self.temperatures.is_empty() || self.temperatures.contains(&c.temperature))
            && (self.badges.is_empty() || c.badges.iter().any(|b| self.badges.contains(b)))
            && self.referred.is_none_or(|r| r == c.referrer.is_some())
            && (self.keys.is_empty()
                || self
                    .keys
                    .iter()
                    .any(|k| *k == ds.customers[c.idx as usize].key))
    }
}

/// A recipient the campaign should leave out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Excluded {
    pub customer_key: String,
    /// Who, as the screens show them (filled by the app's views; absent in
    /// the report): the key to show (masked when asked) and the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub display_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    pub stage: Stage,
    /// The playbook's words (禁止施策), or 負荷の集中 for a recent ask.
    pub reason_ja: String,
    pub reason_en: String,
}

/// Recipients and forbidden ones in one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StageCheck {
    pub stage: Stage,
    pub recipients: u64,
    pub forbidden: u64,
    /// The never-items that forbid the campaign at this stage.
    pub never_ja: Vec<String>,
    pub never_en: Vec<String>,
}

/// The outcome of a campaign check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CampaignCheck {
    pub campaign: CampaignType,
    pub recipients: u64,
    /// Recipients in a stage where the type is forbidden.
    pub forbidden: u64,
    /// Recipients asked within the ask cool-down (asks only).
    pub recently_asked: u64,
    pub by_stage: Vec<StageCheck>,
    /// Everyone to leave out, with the reason.
    pub excluded: Vec<Excluded>,
    /// The recipients that remain.
    pub allowed_keys: Vec<String>,
    /// Keys of the target list that are not customers of the workspace.
    pub unknown_keys: Vec<String>,
}

/// Checks a campaign against the playbook and the contact log.
pub fn check(
    ds: &Dataset,
    a: &Analysis,
    p: &Playbook,
    h: &ContactHistory,
    campaign: CampaignType,
    target: &CampaignTarget,
) -> CampaignCheck {
    let mut by_stage: Vec<StageCheck> = Stage::ALL
        .iter()
        .map(|&stage| {
            let never = p.forbidding(stage, campaign);
            StageCheck {
                stage,
                recipients: 0,
                forbidden: 0,
                never_ja: never.iter().map(|n| n.text_ja.clone()).collect(),
                never_en: never.iter().map(|n| n.text_en.clone()).collect(),
            }
        })
        .collect();
    let mut out = CampaignCheck {
        campaign,
        recipients: 0,
        forbidden: 0,
        recently_asked: 0,
        by_stage: Vec::new(),
        excluded: Vec::new(),
        allowed_keys: Vec::new(),
        unknown_keys: Vec::new(),
    };
    let keys: std::collections::HashSet<&str> = target.keys.iter().map(String::as_str).collect();
    let by_keys = CampaignTarget {
        keys: Vec::new(),
        ..target.clone()
    };
    let in_list = |c: &CustomerResult| {
        keys.is_empty() || keys.contains(ds.customers[c.idx as usize].key.as_str())
    };
    for c in a
        .customers
        .iter()
        .filter(|c| in_list(c) && by_keys.contains(ds, c))
    {
        let key = ds.customers[c.idx as usize].key.clone();
        out.recipients += 1;
        let sc = &mut by_stage[c.stage.index()];
        sc.recipients += 1;
        if !sc.never_ja.is_empty() {
            sc.forbidden += 1;
            out.forbidden += 1;
            out.excluded.push(Excluded {
                customer_key: key,
                display_key: None,
                name: None,
                stage: c.stage,
                reason_ja: format!(
                    "{}では禁止: {}",
                    labels::stage(c.stage, Lang::Ja),
                    sc.never_ja.join("・")
                ),
                reason_en: format!(
                    "Forbidden at {}: {}",
                    labels::stage(c.stage, Lang::En),
                    sc.never_en.join("; ")
                ),
            });
            continue;
        }
        let asked = h
            .last_ask
            .get(&c.idx)
            .filter(|&&d| i64::from(a.as_of - d) < p.ask_cooldown_days);
        if let (true, Some(d)) = (campaign.is_ask(), asked) {
            out.recently_asked += 1;
            out.excluded.push(Excluded {
                customer_key: key,
                display_key: None,
                name: None,
                stage: c.stage,
                reason_ja: format!(
                    "負荷の集中: {}にお願いしたばかり({}日以内は1回まで)",
                    crate::day::format(*d),
                    p.ask_cooldown_days
                ),
                reason_en: format!(
                    "Concentrated load: asked on {} (one ask per {} days)",
                    crate::day::format(*d),
                    p.ask_cooldown_days
                ),
            });
            continue;
        }
        out.allowed_keys.push(key);
    }
    if !target.keys.is_empty() {
        let known: std::collections::HashSet<&str> = a
            .customers
            .iter()
            .map(|c| ds.customers[c.idx as usize].key.as_str())
            .collect();
        out.unknown_keys = target
            .keys
            .iter()
            .filter(|k| !known.contains(k.as_str()))
            .cloned()
            .collect();
    }
    out.by_stage = by_stage;
    out
}
