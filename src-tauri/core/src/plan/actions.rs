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
use crate::analytics::StageReason;
use crate::analytics::{Analysis, CustomerIdx, CustomerResult, Dataset, ANONYMOUS};
use crate::day::{self, Day};
use crate::error::{Error, Result};
use crate::labels;
use crate::model::{Lang, Stage, Temperature};
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

    /// The step's name.
    pub fn label(self, lang: Lang) -> &'static str {
        labels::label(lang, "action", self.id())
    }

    /// The channel the step goes through.
    pub fn channel(self) -> Channel {
        match self {
            ActionKind::RecoveryContact => Channel::PhoneOrMail,
            ActionKind::OnboardingPlace | ActionKind::BrandStory | ActionKind::DeliveryFollowUp => {
                Channel::InsertOrMail
            }
            ActionKind::ThankYouNote | ActionKind::Gratitude => Channel::Letter,
            ActionKind::Watch => Channel::None,
            _ => Channel::MailOrLine,
        }
    }
}

/// How a step reaches the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Channel {
    /// 電話または個別メール.
    PhoneOrMail,
    /// 同梱物・個別メール.
    InsertOrMail,
    /// 手書きの手紙.
    Letter,
    /// 個別メール・LINE.
    MailOrLine,
    /// No contact.
    None,
}

impl Channel {
    /// The channel's name.
    pub fn label(self, lang: Lang) -> &'static str {
        labels::label(lang, "channel", self.id())
    }

    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            Channel::PhoneOrMail => "phone_or_mail",
            Channel::InsertOrMail => "insert_or_mail",
            Channel::Letter => "letter",
            Channel::MailOrLine => "mail_or_line",
            Channel::None => "none",
        }
    }
}

/// A text in both languages from data the shop edits (the playbook).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Texts {
    pub ja: String,
    pub en: String,
}

impl Texts {
    fn of(ja: &str, en: &str) -> Texts {
        Texts {
            ja: ja.to_string(),
            en: en.to_string(),
        }
    }
}

/// Why the plan proposes a step: the customer's own signals, worded by the
/// label table (`action_reason.<reason>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ActionReason {
    /// A detractor's latest answer.
    Detractor { on: String, score: u8 },
    /// Day `age_days` after the first purchase, in a milestone of the playbook.
    Onboarding {
        age_days: i64,
        milestone: Texts,
        action: Texts,
    },
    /// A promoter's latest answer, with the playbook's ask.
    Promoter { on: String, score: u8, ask: Texts },
    /// A passive's latest answer, with the playbook's ask.
    Passive { on: String, score: u8, ask: Texts },
    /// Days since the last purchase of a cold customer.
    Cold { days: i32 },
    /// Registered without a purchase.
    RegisteredOnly,
    /// Trial purchases only.
    TrialOnly { purchases: u32 },
    /// A recent order.
    DeliveryFollowUp { on: String, days: i32 },
    /// Purchases so far.
    Thanks { purchases: u32, amount: f64 },
    /// A recent review.
    ReviewReply { on: String },
    /// The stage's own reason (共感).
    Connection { stage_reason: StageReason },
    /// The stage's own reason (関与).
    Involvement { stage_reason: StageReason },
    /// Referred customers who bought (循環).
    Guardian { referred_buyers: u32 },
    /// The stage's own reason (循環).
    Circulation { stage_reason: StageReason },
    /// Contacted recently: give them room.
    Contacted { on: String },
    /// Nothing to do now.
    NoContact,
}

impl ActionReason {
    /// The reason in words.
    pub fn text(&self, lang: Lang) -> String {
        labels::sentence(lang, "action_reason", "reason", self)
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
    pub channel: Channel,
    /// Due date `YYYY-MM-DD` (never before the analysis date).
    pub due_on: String,
    /// Why this action, from the customer's own signals.
    pub reason: ActionReason,
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
    reason: ActionReason,
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
    let mut push = |kind: ActionKind, due: Day, reason: ActionReason| {
        out.push(Candidate {
            kind,
            due: due.max(as_of),
            reason,
        });
    };
    if let Some((d, score)) = x.latest_nps {
        if as_of - d <= 180 && score <= 6 {
            push(
                ActionKind::RecoveryContact,
                as_of + 3,
                ActionReason::Detractor {
                    on: day::format(d),
                    score,
                },
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
                    ActionReason::Onboarding {
                        age_days: age,
                        milestone: Texts::of(&m.name_ja, &m.name_en),
                        action: Texts::of(&m.action_ja, &m.action_en),
                    },
                );
            }
        }
    }
    if let Some((d, score)) = x.latest_nps {
        if as_of - d <= 180 && score >= 9 {
            push(
                ActionKind::ReferralTestimonialAsk,
                as_of + 7,
                ActionReason::Promoter {
                    on: day::format(d),
                    score,
                    ask: Texts::of(&p.nps.promoter_ja, &p.nps.promoter_en),
                },
            );
        } else if as_of - d <= 180 && (7..=8).contains(&score) {
            push(
                ActionKind::MissingAsk,
                as_of + 14,
                ActionReason::Passive {
                    on: day::format(d),
                    score,
                    ask: Texts::of(&p.nps.passive_ja, &p.nps.passive_en),
                },
            );
        }
    }
    if c.temperature == Temperature::Cold && c.stage >= Stage::Empathy {
        push(
            ActionKind::Reconnect,
            as_of + 7,
            ActionReason::Cold {
                days: c.recency_days.unwrap_or(0),
            },
        );
    }
    match c.stage {
        Stage::Observer => {
            let reason = if c.frequency == 0 {
                ActionReason::RegisteredOnly
            } else {
                ActionReason::TrialOnly {
                    purchases: c.frequency,
                }
            };
            push(ActionKind::BrandStory, as_of + 7, reason);
        }
        Stage::Landing => {
            if let Some(last) = c.last_purchase.filter(|&l| as_of - l <= 7) {
                push(
                    ActionKind::DeliveryFollowUp,
                    last + 7,
                    ActionReason::DeliveryFollowUp {
                        on: day::format(last),
                        days: as_of - last,
                    },
                );
            }
            push(
                ActionKind::ThankYouNote,
                as_of + 14,
                ActionReason::Thanks {
                    purchases: c.frequency,
                    amount: c.monetary,
                },
            );
        }
        Stage::Empathy => {
            let reason = match x.latest_review.filter(|&d| as_of - d <= 60) {
                Some(d) => ActionReason::ReviewReply { on: day::format(d) },
                None => ActionReason::Connection {
                    stage_reason: c.reason.clone(),
                },
            };
            push(ActionKind::PersonalReply, as_of + 7, reason);
        }
        Stage::Involvement => {
            push(
                ActionKind::CoCreationInvite,
                as_of + 14,
                ActionReason::Involvement {
                    stage_reason: c.reason.clone(),
                },
            );
        }
        Stage::Circulation => {
            let reason = if c.referred_buyers > 0 {
                ActionReason::Guardian {
                    referred_buyers: c.referred_buyers,
                }
            } else {
                ActionReason::Circulation {
                    stage_reason: c.reason.clone(),
                }
            };
            push(ActionKind::Gratitude, as_of + 14, reason);
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
            let cand = chosen.unwrap_or_else(|| Candidate {
                kind: ActionKind::Watch,
                due: as_of + p.repeat_cooldown_days as Day,
                reason: match h.last_contact.get(&c.idx) {
                    Some(&d) => ActionReason::Contacted { on: day::format(d) },
                    None => ActionReason::NoContact,
                },
            });
            let status = h
                .statuses
                .get(&(c.idx, cand.kind, cand.due))
                .copied()
                .unwrap_or(ActionStatus::Todo);
            PlannedAction {
                kind: cand.kind,
                is_ask: cand.kind.is_ask(),
                channel: cand.kind.channel(),
                due_on: day::format(cand.due),
                reason: cand.reason,
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
                channel: Some(kind.channel().label(Lang::Ja).to_string()),
                note: Some(note),
            },
            now,
        )?;
    }
    Ok(())
}
