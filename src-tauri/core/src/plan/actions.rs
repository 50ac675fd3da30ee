//! The next right step for each customer: one concrete action with a due
//! date, a channel and a reason drawn from the customer's own signals, never
//! a step their stage forbids, and never an ask too soon after the last one
//! (負荷の集中). The contact log and the user's statuses feed back in.
//!
//! Candidates are tried in order; the first that is allowed wins:
//! 1. a detractor's recovery contact (latest NPS ≤ 6 within 180 days);
//! 2. the 90-day onboarding milestone (居場所 → 役割 → 変化);
//! 3. the NPS overlays: a promoter's referral and testimonial ask, a passive's
//!    "what is missing" (latest answer within 180 days);
//! 4. a cold customer's quiet reconnection (共感 and above);
//! 5. the stage's own action.
//!
//! An action is skipped when its stage forbids its campaign type, when it is an
//! ask and the customer was asked within the ask cool-down, when the same
//! action was taken within the repeat cool-down, or when the user marked it
//! done or skipped. When nothing is left, the plan is to watch and wait.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::playbook::{CampaignType, Playbook};
use crate::analytics::{Analysis, CustomerIdx, CustomerResult, Dataset, ANONYMOUS};
use crate::day::{self, Day};
use crate::error::{Error, Result};
use crate::format::yen;
use crate::model::{Stage, Temperature};
use crate::points::KIND_REVIEW;
use crate::store::contacts::{ContactRow, StatusRow};
use crate::store::{self, Tx};

/// The kinds of action the plan proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ActionKind {
    RecoveryContact,
    OnboardingPlace,
    OnboardingRole,
    OnboardingChange,
    ReferralTestimonialAsk,
    MissingAsk,
    Reconnect,
    BrandStory,
    DeliveryFollowUp,
    ThankYouNote,
    PersonalReply,
    CoCreationInvite,
    Gratitude,
    Watch,
}

impl ActionKind {
    /// Every kind.
    pub const ALL: [ActionKind; 14] = [
        ActionKind::RecoveryContact,
        ActionKind::OnboardingPlace,
        ActionKind::OnboardingRole,
        ActionKind::OnboardingChange,
        ActionKind::ReferralTestimonialAsk,
        ActionKind::MissingAsk,
        ActionKind::Reconnect,
        ActionKind::BrandStory,
        ActionKind::DeliveryFollowUp,
        ActionKind::ThankYouNote,
        ActionKind::PersonalReply,
        ActionKind::CoCreationInvite,
        ActionKind::Gratitude,
        ActionKind::Watch,
    ];

    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            ActionKind::RecoveryContact => "recovery_contact",
            ActionKind::OnboardingPlace => "onboarding_place",
            ActionKind::OnboardingRole => "onboarding_role",
            ActionKind::OnboardingChange => "onboarding_change",
            ActionKind::ReferralTestimonialAsk => "referral_testimonial_ask",
            ActionKind::MissingAsk => "missing_ask",
            ActionKind::Reconnect => "reconnect",
            ActionKind::BrandStory => "brand_story",
            ActionKind::DeliveryFollowUp => "delivery_follow_up",
            ActionKind::ThankYouNote => "thank_you_note",
            ActionKind::PersonalReply => "personal_reply",
            ActionKind::CoCreationInvite => "co_creation_invite",
            ActionKind::Gratitude => "gratitude",
            ActionKind::Watch => "watch",
        }
    }

    /// Parses a stable id.
    pub fn parse(id: &str) -> Option<ActionKind> {
        ActionKind::ALL.iter().copied().find(|k| k.id() == id)
    }

    /// Asks spend the customer's attention: at most one per ask cool-down.
    pub fn is_ask(self) -> bool {
        matches!(
            self,
            ActionKind::OnboardingRole
                | ActionKind::OnboardingChange
                | ActionKind::ReferralTestimonialAsk
                | ActionKind::MissingAsk
                | ActionKind::CoCreationInvite
        )
    }

    /// The campaign type the action is, for the stage's never-list.
    pub fn campaign(self) -> CampaignType {
        match self {
            ActionKind::ReferralTestimonialAsk => CampaignType::ReferralAsk,
            ActionKind::OnboardingRole | ActionKind::OnboardingChange | ActionKind::MissingAsk => {
                CampaignType::ReviewRequest
            }
            ActionKind::CoCreationInvite => CampaignType::EventInvite,
            ActionKind::ThankYouNote | ActionKind::Gratitude => CampaignType::ThankYouNote,
            _ => CampaignType::PersonalMessage,
        }
    }

    /// Title in Japanese.
    pub fn title_ja(self) -> &'static str {
        match self {
            ActionKind::RecoveryContact => "個別のリカバリー連絡",
            ActionKind::OnboardingPlace => "居場所をつくる(ようこそのメッセージ)",
            ActionKind::OnboardingRole => "小さな役割をお願いする",
            ActionKind::OnboardingChange => "変化を言葉にしてもらう",
            ActionKind::ReferralTestimonialAsk => "ご紹介とお客様の声のお願い",
            ActionKind::MissingAsk => "何が足りないかを伺う",
            ActionKind::Reconnect => "近況を伺う個別のメッセージ",
            ActionKind::BrandStory => "ブランドストーリーとよくある質問を届ける",
            ActionKind::DeliveryFollowUp => "お届け後のフォロー(使い方ガイド)",
            ActionKind::ThankYouNote => "お礼状",
            ActionKind::PersonalReply => "個別のお返事",
            ActionKind::CoCreationInvite => "共創への招待(座談会・モニター)",
            ActionKind::Gratitude => "感謝を言葉で伝える",
            ActionKind::Watch => "見守る(今は連絡しない)",
        }
    }

    /// Title in English.
    pub fn title_en(self) -> &'static str {
        match self {
            ActionKind::RecoveryContact => "Personal recovery contact",
            ActionKind::OnboardingPlace => "Make a place (welcome message)",
            ActionKind::OnboardingRole => "Offer a small role",
            ActionKind::OnboardingChange => "Help them put the change into words",
            ActionKind::ReferralTestimonialAsk => "Ask for a referral and a testimonial",
            ActionKind::MissingAsk => "Ask what is missing",
            ActionKind::Reconnect => "A personal note asking how they are",
            ActionKind::BrandStory => "Send the brand story and FAQ",
            ActionKind::DeliveryFollowUp => "Delivery follow-up (how-to-use guide)",
            ActionKind::ThankYouNote => "Thank-you note",
            ActionKind::PersonalReply => "A personal reply",
            ActionKind::CoCreationInvite => "Invite to co-create (roundtable, product trial)",
            ActionKind::Gratitude => "Put gratitude into words",
            ActionKind::Watch => "Watch and wait (no contact now)",
        }
    }

    /// The channel, in Japanese.
    pub fn channel_ja(self) -> &'static str {
        match self {
            ActionKind::RecoveryContact => "電話または個別メール",
            ActionKind::OnboardingPlace | ActionKind::BrandStory | ActionKind::DeliveryFollowUp => {
                "同梱物・個別メール"
            }
            ActionKind::ThankYouNote | ActionKind::Gratitude => "手書きの手紙",
            ActionKind::Watch => "—",
            _ => "個別メール・LINE",
        }
    }

    /// The channel, in English.
    pub fn channel_en(self) -> &'static str {
        match self {
            ActionKind::RecoveryContact => "Phone or personal e-mail",
            ActionKind::OnboardingPlace | ActionKind::BrandStory | ActionKind::DeliveryFollowUp => {
                "Package insert, personal e-mail"
            }
            ActionKind::ThankYouNote | ActionKind::Gratitude => "Handwritten letter",
            ActionKind::Watch => "—",
            _ => "Personal e-mail or LINE",
        }
    }
}

/// The user's status of a proposed action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ActionStatus {
    Todo,
    Done,
    Skipped,
}

impl ActionStatus {
    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            ActionStatus::Todo => "todo",
            ActionStatus::Done => "done",
            ActionStatus::Skipped => "skipped",
        }
    }

    /// Parses a stable id.
    pub fn parse(id: &str) -> Option<ActionStatus> {
        match id {
            "todo" => Some(ActionStatus::Todo),
            "done" => Some(ActionStatus::Done),
            "skipped" => Some(ActionStatus::Skipped),
            _ => None,
        }
    }
}

/// One customer's next action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PlannedAction {
    pub kind: ActionKind,
    pub is_ask: bool,
    pub title_ja: String,
    pub title_en: String,
    pub channel_ja: String,
    pub channel_en: String,
    /// Due date `YYYY-MM-DD` (never before the analysis date).
    pub due_on: String,
    /// Why this action, from the customer's own signals.
    pub reason_ja: String,
    pub reason_en: String,
    pub status: ActionStatus,
}

/// What the plan knows of past contacts.
#[derive(Debug, Clone, Default)]
pub struct ContactHistory {
    /// Per customer index: the last ask day.
    pub last_ask: HashMap<CustomerIdx, Day>,
    /// Per (customer, action): the last day it was done.
    pub last_done: HashMap<(CustomerIdx, ActionKind), Day>,
    /// Per customer index: the last contact of any kind.
    pub last_contact: HashMap<CustomerIdx, Day>,
    /// Per (customer, action, due day): the user's status.
    pub statuses: HashMap<(CustomerIdx, ActionKind, Day), ActionStatus>,
}

impl ContactHistory {
    /// The history from the contact log (the contacts up to the analysis
    /// date) and the recorded statuses.
    pub fn from_rows(
        ds: &Dataset,
        as_of: Day,
        contacts: &[ContactRow],
        statuses: &[StatusRow],
    ) -> ContactHistory {
        let index: HashMap<i64, CustomerIdx> = ds
            .customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i as CustomerIdx))
            .collect();
        let mut h = ContactHistory::default();
        for r in contacts {
            let Some(&c) = index.get(&r.customer_id) else {
                continue;
            };
            let Some(d) = day::parse_iso(&r.contacted_on).filter(|d| *d <= as_of) else {
                continue;
            };
            if r.is_ask {
                let e = h.last_ask.entry(c).or_insert(d);
                *e = (*e).max(d);
            }
            let e = h.last_contact.entry(c).or_insert(d);
            *e = (*e).max(d);
            if let Some(kind) = ActionKind::parse(&r.action) {
                let e = h.last_done.entry((c, kind)).or_insert(d);
                *e = (*e).max(d);
            }
        }
        for r in statuses {
            let Some(&c) = index.get(&r.customer_id) else {
                continue;
            };
            let (Some(kind), Some(due), Some(status)) = (
                ActionKind::parse(&r.action),
                day::parse_iso(&r.due_on),
                ActionStatus::parse(&r.status),
            ) else {
                continue;
            };
            h.statuses.insert((c, kind, due), status);
        }
        h
    }
}

struct Candidate {
    kind: ActionKind,
    due: Day,
    reason_ja: String,
    reason_en: String,
}

/// Per-customer signals the plan needs beyond the analysis.
struct Extra {
    latest_nps: Option<(Day, u8)>,
    latest_review: Option<Day>,
}

fn extras(ds: &Dataset, a: &Analysis) -> Vec<Extra> {
    let n = ds.customers.len();
    let mut out: Vec<Extra> = (0..n)
        .map(|_| Extra {
            latest_nps: None,
            latest_review: None,
        })
        .collect();
    for r in ds
        .nps
        .iter()
        .filter(|r| r.customer != ANONYMOUS && r.day <= a.as_of)
    {
        out[r.customer as usize].latest_nps = Some((r.day, r.score));
    }
    let review_rule = ds
        .rules
        .iter()
        .position(|r| r.kind == KIND_REVIEW)
        .map(|i| i as u16);
    for e in ds
        .events
        .iter()
        .filter(|e| e.day <= a.as_of && e.rule == review_rule && review_rule.is_some())
    {
        let slot = &mut out[e.customer as usize].latest_review;
        *slot = Some(slot.map_or(e.day, |d| d.max(e.day)));
    }
    out
}

fn candidates(c: &CustomerResult, x: &Extra, p: &Playbook, as_of: Day) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut push = |kind: ActionKind, due: Day, ja: String, en: String| {
        out.push(Candidate {
            kind,
            due: due.max(as_of),
            reason_ja: ja,
            reason_en: en,
        });
    };
    if let Some((d, score)) = x.latest_nps {
        if as_of - d <= 180 && score <= 6 {
            push(
                ActionKind::RecoveryContact,
                as_of + 3,
                format!("{}のNPSで{score}点。理由を個別に伺う", day::format(d)),
                format!(
                    "NPS {score} on {}: ask personally what went wrong",
                    day::format(d)
                ),
            );
        }
    }
    if let Some(first) = c.first_purchase {
        let age = i64::from(as_of - first);
        for (m, kind) in p.onboarding.iter().zip([
            ActionKind::OnboardingPlace,
            ActionKind::OnboardingRole,
            ActionKind::OnboardingChange,
        ]) {
            if (m.from_day..=m.to_day).contains(&age) {
                let due = first + ((m.from_day + m.to_day) / 2) as Day;
                push(
                    kind,
                    due,
                    format!("初回購入から{age}日目({})。{}", m.name_ja, m.action_ja),
                    format!(
                        "Day {age} after the first purchase ({}): {}",
                        m.name_en, m.action_en
                    ),
                );
            }
        }
    }
    if let Some((d, score)) = x.latest_nps {
        if as_of - d <= 180 && score >= 9 {
            push(
                ActionKind::ReferralTestimonialAsk,
                as_of + 7,
                format!(
                    "{}のNPSで{score}点の推奨者。{}",
                    day::format(d),
                    p.nps.promoter_ja
                ),
                format!(
                    "Promoter (NPS {score} on {}): {}",
                    day::format(d),
                    p.nps.promoter_en
                ),
            );
        } else if as_of - d <= 180 && (7..=8).contains(&score) {
            push(
                ActionKind::MissingAsk,
                as_of + 14,
                format!(
                    "{}のNPSで{score}点の中立者。{}",
                    day::format(d),
                    p.nps.passive_ja
                ),
                format!(
                    "Passive (NPS {score} on {}): {}",
                    day::format(d),
                    p.nps.passive_en
                ),
            );
        }
    }
    if c.temperature == Temperature::Cold && c.stage >= Stage::Empathy {
        let r = c.recency_days.unwrap_or(0);
        push(
            ActionKind::Reconnect,
            as_of + 7,
            format!("前回の購入から{r}日。割引ではなく、近況を伺う"),
            format!("{r} days since the last purchase: ask how they are, no discount"),
        );
    }
    match c.stage {
        Stage::Observer => {
            let (ja, en) = if c.frequency == 0 {
                (
                    "会員登録のみ。売り込まず、安心してもらう段階".to_string(),
                    "Registered only: reassure, don't sell".to_string(),
                )
            } else {
                (
                    format!(
                        "お試し購入のみ({}回)。売り込まず、安心してもらう段階",
                        c.frequency
                    ),
                    format!(
                        "Trial purchases only ({}): reassure, don't sell",
                        c.frequency
                    ),
                )
            };
            push(ActionKind::BrandStory, as_of + 7, ja, en);
        }
        Stage::Landing => {
            if let Some(last) = c.last_purchase.filter(|&l| as_of - l <= 7) {
                push(
                    ActionKind::DeliveryFollowUp,
                    last + 7,
                    format!(
                        "{}のご注文から{}日。届いた商品の様子を伺い、使い方をお届けする",
                        day::format(last),
                        as_of - last
                    ),
                    format!(
                        "Ordered on {} ({} days ago): ask how it arrived, share how to use it",
                        day::format(last),
                        as_of - last
                    ),
                );
            }
            push(
                ActionKind::ThankYouNote,
                as_of + 14,
                format!("{}回のご購入(累計{})へのお礼", c.frequency, yen(c.monetary)),
                format!(
                    "Thanks for {} purchase(s) ({} in all)",
                    c.frequency,
                    yen(c.monetary)
                ),
            );
        }
        Stage::Empathy => {
            let (ja, en) = match x.latest_review.filter(|&d| as_of - d <= 60) {
                Some(d) => (
                    format!("{}のレビューに、自分の言葉でお返事する", day::format(d)),
                    format!(
                        "Reply in your own words to the review of {}",
                        day::format(d)
                    ),
                ),
                None => (c.reason.text_ja(), c.reason.text_en()),
            };
            push(ActionKind::PersonalReply, as_of + 7, ja, en);
        }
        Stage::Involvement => {
            push(
                ActionKind::CoCreationInvite,
                as_of + 14,
                format!("{}。信頼して役割をお願いする", c.reason.text_ja()),
                format!("{}: trust them with a role", c.reason.text_en()),
            );
        }
        Stage::Circulation => {
            let (ja, en) = if c.referred_buyers > 0 {
                (format!("紹介した{}人が購入。感謝を言葉にし、新しいお客さまの後見人になってもらう", c.referred_buyers), format!("{} referred customer(s) bought: say thank you, and make them guardians of the newcomers", c.referred_buyers))
            } else {
                (
                    format!("{}。感謝を言葉にし、余白を残す", c.reason.text_ja()),
                    format!(
                        "{}: put gratitude into words, leave room",
                        c.reason.text_en()
                    ),
                )
            };
            push(ActionKind::Gratitude, as_of + 14, ja, en);
        }
    }
    out
}

/// The next action of every customer of an analysis (in `a.customers` order).
pub fn plan(ds: &Dataset, a: &Analysis, p: &Playbook, h: &ContactHistory) -> Vec<PlannedAction> {
    let xs = extras(ds, a);
    let as_of = a.as_of;
    a.customers
        .iter()
        .map(|c| {
            let x = &xs[c.idx as usize];
            let last_ask = h.last_ask.get(&c.idx).copied();
            let chosen = candidates(c, x, p, as_of).into_iter().find(|cand| {
                let forbidden = !p.forbidding(c.stage, cand.kind.campaign()).is_empty();
                let asked_recently = cand.kind.is_ask()
                    && last_ask.is_some_and(|d| i64::from(as_of - d) < p.ask_cooldown_days);
                let repeated = h
                    .last_done
                    .get(&(c.idx, cand.kind))
                    .is_some_and(|&d| i64::from(as_of - d) < p.repeat_cooldown_days);
                let closed = matches!(
                    h.statuses.get(&(c.idx, cand.kind, cand.due)),
                    Some(ActionStatus::Done | ActionStatus::Skipped)
                );
                !forbidden && !asked_recently && !repeated && !closed
            });
            let cand = chosen.unwrap_or_else(|| {
                let last = h.last_contact.get(&c.idx).copied();
                let (ja, en) = match last {
                    Some(d) => (
                        format!("{}に連絡済み。負荷をかけずに見守る", day::format(d)),
                        format!("Contacted on {}: give them room", day::format(d)),
                    ),
                    None => (
                        "今は連絡せず見守る".to_string(),
                        "No contact now".to_string(),
                    ),
                };
                Candidate {
                    kind: ActionKind::Watch,
                    due: as_of + p.repeat_cooldown_days as Day,
                    reason_ja: ja,
                    reason_en: en,
                }
            });
            let status = h
                .statuses
                .get(&(c.idx, cand.kind, cand.due))
                .copied()
                .unwrap_or(ActionStatus::Todo);
            PlannedAction {
                kind: cand.kind,
                is_ask: cand.kind.is_ask(),
                title_ja: cand.kind.title_ja().into(),
                title_en: cand.kind.title_en().into(),
                channel_ja: cand.kind.channel_ja().into(),
                channel_en: cand.kind.channel_en().into(),
                due_on: day::format(cand.due),
                reason_ja: cand.reason_ja,
                reason_en: cand.reason_en,
                status,
            }
        })
        .collect()
}

/// Records the user's status of a proposed action; `done` also logs the
/// contact, and any other status takes that logged contact back out.
pub fn set_status(
    tx: &Tx<'_>,
    customer_key: &str,
    kind: ActionKind,
    due_on: Day,
    status: ActionStatus,
    today: Day,
    now: &str,
) -> Result<()> {
    let id = store::customers::id_of(**tx, customer_key)?.ok_or_else(|| {
        Error::invalid(
            "customer",
            format!("no customer with the key {customer_key}"),
        )
    })?;
    store::contacts::set_status(
        tx,
        &StatusRow {
            customer_id: id,
            action: kind.id().to_string(),
            due_on: day::format(due_on),
            status: status.id().to_string(),
        },
        now,
    )?;
    // The contact a `done` logged is tied to the planned action by its note,
    // so that setting the status back (undo) takes it out of the log again.
    let note = format!("plan:{}", day::format(due_on));
    store::contacts::delete_logged(tx, id, kind.id(), &note)?;
    if status == ActionStatus::Done {
        store::contacts::log(
            tx,
            &ContactRow {
                customer_id: id,
                contacted_on: day::format(today),
                action: kind.id().to_string(),
                is_ask: kind.is_ask(),
                channel: Some(kind.channel_ja().to_string()),
                note: Some(note),
            },
            now,
        )?;
    }
    Ok(())
}
