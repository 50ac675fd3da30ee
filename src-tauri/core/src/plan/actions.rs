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
use crate::analytics::kpi::Phase;
use crate::analytics::StageReason;
use crate::analytics::{Analysis, CustomerIdx, CustomerResult, Dataset, ANONYMOUS};
use crate::day::{self, Day};
use crate::error::{Error, Result};
use crate::labels;
use crate::model::{Lang, Milestone, Stage, Temperature};
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
    /// 初期: the owner's personal ask to a core member ("choose the one person").
    ReferralAsk,
    /// Put their 変化 into words (お客様の声).
    TestimonialInvite,
    /// A place to talk (座談会).
    RoundtableInvite,
    /// The referrer as 後見人 of a newcomer they brought.
    Guardian,
}

impl ActionKind {
    /// Every kind.
    pub const ALL: [ActionKind; 18] = [
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
        ActionKind::ReferralAsk,
        ActionKind::TestimonialInvite,
        ActionKind::RoundtableInvite,
        ActionKind::Guardian,
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
            ActionKind::ReferralAsk => "referral_ask",
            ActionKind::TestimonialInvite => "testimonial_invite",
            ActionKind::RoundtableInvite => "roundtable_invite",
            ActionKind::Guardian => "guardian",
        }
    }

    /// The kind of step, from the vocabulary of `horetsu plan` (docs/cli.md).
    pub fn step(self) -> StepKind {
        match self {
            ActionKind::RecoveryContact => StepKind::Recovery,
            ActionKind::OnboardingPlace
            | ActionKind::OnboardingRole
            | ActionKind::OnboardingChange => StepKind::Onboarding,
            ActionKind::ReferralTestimonialAsk | ActionKind::ReferralAsk => StepKind::ReferralAsk,
            ActionKind::TestimonialInvite => StepKind::TestimonialInvite,
            ActionKind::RoundtableInvite => StepKind::RoundtableInvite,
            ActionKind::Guardian => StepKind::Guardian,
            ActionKind::ThankYouNote | ActionKind::Gratitude => StepKind::Thanks,
            ActionKind::MissingAsk => StepKind::Question,
            ActionKind::Reconnect => StepKind::Reconnect,
            ActionKind::BrandStory => StepKind::Welcome,
            ActionKind::DeliveryFollowUp => StepKind::FollowUp,
            ActionKind::PersonalReply => StepKind::PersonalReply,
            ActionKind::CoCreationInvite => StepKind::CoCreation,
            ActionKind::Watch => StepKind::Watch,
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
                | ActionKind::ReferralAsk
                | ActionKind::TestimonialInvite
                | ActionKind::RoundtableInvite
                | ActionKind::Guardian
        )
    }

    /// The campaign type the action is, for the stage's never-list.
    pub fn campaign(self) -> CampaignType {
        match self {
            ActionKind::ReferralTestimonialAsk | ActionKind::ReferralAsk => {
                CampaignType::ReferralAsk
            }
            ActionKind::OnboardingRole
            | ActionKind::OnboardingChange
            | ActionKind::MissingAsk
            | ActionKind::TestimonialInvite => CampaignType::ReviewRequest,
            ActionKind::CoCreationInvite | ActionKind::RoundtableInvite => {
                CampaignType::EventInvite
            }
            ActionKind::ThankYouNote | ActionKind::Gratitude | ActionKind::Guardian => {
                CampaignType::ThankYouNote
            }
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
            ActionKind::RecoveryContact | ActionKind::ReferralAsk => Channel::PhoneOrMail,
            ActionKind::OnboardingPlace | ActionKind::BrandStory | ActionKind::DeliveryFollowUp => {
                Channel::InsertOrMail
            }
            ActionKind::ThankYouNote | ActionKind::Gratitude => Channel::Letter,
            ActionKind::Watch => Channel::None,
            _ => Channel::MailOrLine,
        }
    }
}

/// The kinds of step of the plan (`horetsu plan`'s `kind`): a documented,
/// stable vocabulary coarser than [`ActionKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum StepKind {
    /// A detractor's personal recovery contact.
    Recovery,
    /// A newcomer's next milestone (居場所 → 役割 → 変化) in the first 90 days.
    Onboarding,
    /// 初期: the owner's personal referral ask.
    ReferralAsk,
    /// お客様の声・変化の物語.
    TestimonialInvite,
    /// 座談会.
    RoundtableInvite,
    /// The referrer as 後見人 of a newcomer.
    Guardian,
    /// お礼状, gratitude in words.
    Thanks,
    /// A passive's "what is missing".
    Question,
    /// A cold customer's quiet reconnection.
    Reconnect,
    /// 観測: brand story, FAQ.
    Welcome,
    /// 着地: delivery follow-up.
    FollowUp,
    /// 共感: a personal reply.
    PersonalReply,
    /// 関与: an invitation to co-create.
    CoCreation,
    /// No contact now.
    Watch,
}

impl StepKind {
    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            StepKind::Recovery => "recovery",
            StepKind::Onboarding => "onboarding",
            StepKind::ReferralAsk => "referral_ask",
            StepKind::TestimonialInvite => "testimonial_invite",
            StepKind::RoundtableInvite => "roundtable_invite",
            StepKind::Guardian => "guardian",
            StepKind::Thanks => "thanks",
            StepKind::Question => "question",
            StepKind::Reconnect => "reconnect",
            StepKind::Welcome => "welcome",
            StepKind::FollowUp => "follow_up",
            StepKind::PersonalReply => "personal_reply",
            StepKind::CoCreation => "co_creation",
            StepKind::Watch => "watch",
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
    /// A newcomer brought by a referrer, in their first 90 days (the
    /// referrer is the row's related customer).
    ReferredOnboarding {
        age_days: i64,
        milestone: Texts,
        action: Texts,
    },
    /// 後見人: a newcomer this customer referred made a first purchase
    /// `age_days` ago (the newest of `newcomers` in their first 90 days).
    NewcomerJoined { age_days: i64, newcomers: u32 },
    /// The same, held until the ask cool-down since `asked_on` has passed.
    NewcomerJoinedLater {
        age_days: i64,
        newcomers: u32,
        asked_on: String,
    },
    /// 初期: one of this month's personal asks (`rank` of `cap`), by heat.
    CoreMember { heat: f64, rank: u32, cap: u32 },
    /// A promoter without a testimonial yet.
    PromoterVoice { on: String, score: u8 },
    /// A member past the first 90 days without a testimonial yet (中期).
    MemberVoice { days: i64 },
    /// A testimonial arrived: a place to talk next.
    VoiceGiven { on: String },
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
    /// Held out of this step (対照): the customer is not contacted, and is
    /// the control group when the shop carries the step out (効果測定).
    Control,
}

impl ActionStatus {
    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            ActionStatus::Todo => "todo",
            ActionStatus::Done => "done",
            ActionStatus::Skipped => "skipped",
            ActionStatus::Control => "control",
        }
    }

    /// Parses a stable id.
    pub fn parse(id: &str) -> Option<ActionStatus> {
        match id {
            "todo" => Some(ActionStatus::Todo),
            "done" => Some(ActionStatus::Done),
            "skipped" => Some(ActionStatus::Skipped),
            "control" => Some(ActionStatus::Control),
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
    /// The kind of step (the documented vocabulary).
    pub step: StepKind,
    /// The customer the step is about besides this one: the referrer of a
    /// newcomer's onboarding step, the newcomer of a 後見人 step.
    #[serde(skip)]
    #[ts(skip)]
    pub related: Option<CustomerIdx>,
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
    /// Personal referral asks logged per calendar month (初期's monthly cap).
    pub asks_by_month: HashMap<(i32, u32), u32>,
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
        // A held-out customer (対照) was not contacted.
        for r in contacts.iter().filter(|r| !r.control) {
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
                if kind == ActionKind::ReferralAsk {
                    *h.asks_by_month.entry(day::year_month(d)).or_insert(0) += 1;
                }
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
    related: Option<CustomerIdx>,
    /// Kept (not skipped) when the ask cool-down holds it: due when it ends.
    waits_for_cooldown: bool,
}

/// Per-customer signals the plan needs beyond the analysis.
struct Extra {
    latest_nps: Option<(Day, u8)>,
    latest_review: Option<Day>,
    /// Referred newcomers in their first 90 days: (first purchase, newcomer).
    newcomers: Vec<(Day, CustomerIdx)>,
}

fn extras(ds: &Dataset, a: &Analysis, window: i32) -> Vec<Extra> {
    let n = ds.customers.len();
    let mut out: Vec<Extra> = (0..n)
        .map(|_| Extra {
            latest_nps: None,
            latest_review: None,
            newcomers: Vec::new(),
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
    for c in &a.customers {
        let (Some(first), Some(p)) = (c.first_purchase, c.referrer) else {
            continue;
        };
        if a.as_of - first <= window && a.of(p).is_some() {
            out[p as usize].newcomers.push((first, c.idx));
        }
    }
    for x in &mut out {
        // The newest newcomer first.
        x.newcomers.sort_by(|l, r| r.cmp(l));
    }
    out
}

/// What the plan knows of the shop as a whole.
#[derive(Debug, Clone, Copy)]
pub struct PlanContext {
    /// The referral phase (domain.md §5).
    pub phase: Phase,
    /// The newcomer window (the retention window, 90 days).
    pub window_days: i64,
    /// The random holdout of each kind of step (効果測定).
    pub holdout: Holdout,
}

impl PlanContext {
    /// The context a workspace's plan is made in: the referral phase, the
    /// retention window and the holdout of its settings, with its seed (the
    /// app's snapshot and the CLI's lean paths make it here alike).
    pub fn of(settings: &crate::settings::Settings, phase: Phase, seed: u64) -> PlanContext {
        PlanContext {
            phase,
            window_days: settings.retention_window_days,
            holdout: Holdout {
                seed,
                share: settings.holdout_share,
            },
        }
    }
}

/// The plan's random holdout: of each kind of step, a share of the customers
/// it would go to is held out (対照) for the calendar year, drawn with the
/// workspace's seed from the kind, the year and the customer key, so the
/// same customers are held out every time the plan is made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Holdout {
    pub seed: u64,
    /// 0 = no holdout; at most a half.
    pub share: f64,
}

impl Holdout {
    /// No holdout.
    pub const NONE: Holdout = Holdout {
        seed: 0,
        share: 0.0,
    };

    /// The draw's campaign name for a kind of step in a year.
    pub fn campaign(kind: ActionKind, year: i32) -> String {
        format!("plan:{}:{year}", kind.id())
    }

    /// Whether the customer with this key is held out of this kind of step
    /// in the year of `on`. Answering a complaint (recovery), a personal
    /// reply and watching are never held out.
    pub fn holds_out(&self, kind: ActionKind, key: &str, on: Day) -> bool {
        let share = self.share.clamp(0.0, 0.5);
        share > 0.0
            && !matches!(
                kind,
                ActionKind::RecoveryContact | ActionKind::PersonalReply | ActionKind::Watch
            )
            && crate::analytics::effect::held_out(
                self.seed,
                &Self::campaign(kind, day::year_month(on).0),
                key,
                share,
            )
    }
}

fn candidates(
    c: &CustomerResult,
    x: &Extra,
    p: &Playbook,
    h: &ContactHistory,
    ctx: &PlanContext,
    as_of: Day,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mk = |kind: ActionKind, due: Day, reason: ActionReason| Candidate {
        kind,
        due: due.max(as_of),
        reason,
        related: None,
        waits_for_cooldown: false,
    };
    let window = ctx.window_days as i32;
    let recent_nps = x.latest_nps.filter(|(d, _)| as_of - *d <= 180);
    if let Some((d, score)) = recent_nps.filter(|(_, s)| *s <= 6) {
        out.push(mk(
            ActionKind::RecoveryContact,
            as_of + 3,
            ActionReason::Detractor {
                on: day::format(d),
                score,
            },
        ));
    }
    // 後見人: a newcomer this customer brought is in their first 90 days, and
    // no guardian step was done since the newest one joined.
    if let Some(&(joined, newcomer)) = x.newcomers.first() {
        let done_since = h
            .last_done
            .get(&(c.idx, ActionKind::Guardian))
            .is_some_and(|&d| d >= joined);
        if !done_since {
            let age_days = i64::from(as_of - joined);
            let newcomers = x.newcomers.len() as u32;
            let last_ask = h.last_ask.get(&c.idx).copied();
            let (due, reason) =
                match last_ask.filter(|&d| i64::from(as_of - d) < p.ask_cooldown_days) {
                    Some(asked) => (
                        asked + p.ask_cooldown_days as Day,
                        ActionReason::NewcomerJoinedLater {
                            age_days,
                            newcomers,
                            asked_on: day::format(asked),
                        },
                    ),
                    None => (
                        as_of + 7,
                        ActionReason::NewcomerJoined {
                            age_days,
                            newcomers,
                        },
                    ),
                };
            out.push(Candidate {
                kind: ActionKind::Guardian,
                due: due.max(as_of),
                reason,
                related: Some(newcomer),
                waits_for_cooldown: true,
            });
        }
    }
    // The newcomer's next milestone: the step after the one reached.
    if let Some(first) = c.first_purchase {
        let age = i64::from(as_of - first);
        if age <= i64::from(window) {
            let next = match c.milestone {
                None => Some(0),
                Some(Milestone::Place) => Some(1),
                Some(Milestone::Role) => Some(2),
                Some(Milestone::Change) => None,
            };
            let kinds = [
                ActionKind::OnboardingPlace,
                ActionKind::OnboardingRole,
                ActionKind::OnboardingChange,
            ];
            if let Some((m, kind)) = next.and_then(|k| p.onboarding.get(k).map(|m| (m, kinds[k]))) {
                let due = first + m.from_day.clamp(0, 3650) as Day;
                let milestone = Texts::of(&m.name_ja, &m.name_en);
                let action = Texts::of(&m.action_ja, &m.action_en);
                let reason = if c.referrer.is_some() {
                    ActionReason::ReferredOnboarding {
                        age_days: age,
                        milestone,
                        action,
                    }
                } else {
                    ActionReason::Onboarding {
                        age_days: age,
                        milestone,
                        action,
                    }
                };
                out.push(Candidate {
                    kind,
                    due: due.max(as_of),
                    reason,
                    related: c.referrer,
                    waits_for_cooldown: false,
                });
            }
        }
    }
    // お客様の声: promoters, and in 中期 core members past their first 90
    // days, until a testimonial arrives; then a place to talk (座談会).
    let past_newcomer = c
        .first_purchase
        .is_some_and(|f| i64::from(as_of - f) > i64::from(window));
    let promoter = recent_nps.filter(|(_, s)| *s >= 9);
    let core = matches!(c.stage, Stage::Involvement | Stage::Circulation);
    let voice_wanted = promoter.is_some() || (ctx.phase == Phase::Mid && core && past_newcomer);
    if voice_wanted {
        match c.last_testimonial {
            None => {
                let reason = match promoter {
                    Some((d, score)) => ActionReason::PromoterVoice {
                        on: day::format(d),
                        score,
                    },
                    None => ActionReason::MemberVoice {
                        days: c.first_purchase.map_or(0, |f| i64::from(as_of - f)),
                    },
                };
                out.push(mk(ActionKind::TestimonialInvite, as_of + 7, reason));
            }
            Some(d) => out.push(mk(
                ActionKind::RoundtableInvite,
                as_of + 14,
                ActionReason::VoiceGiven { on: day::format(d) },
            )),
        }
    }
    if let Some((d, score)) = recent_nps.filter(|(_, s)| (7..=8).contains(s)) {
        out.push(mk(
            ActionKind::MissingAsk,
            as_of + 14,
            ActionReason::Passive {
                on: day::format(d),
                score,
                ask: Texts::of(&p.nps.passive_ja, &p.nps.passive_en),
            },
        ));
    }
    if c.temperature == Temperature::Cold && c.stage >= Stage::Empathy {
        out.push(mk(
            ActionKind::Reconnect,
            as_of + 7,
            ActionReason::Cold {
                days: c.recency_days.unwrap_or(0),
            },
        ));
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
            out.push(mk(ActionKind::BrandStory, as_of + 7, reason));
        }
        Stage::Landing => {
            if let Some(last) = c.last_purchase.filter(|&l| as_of - l <= 7) {
                out.push(mk(
                    ActionKind::DeliveryFollowUp,
                    last + 7,
                    ActionReason::DeliveryFollowUp {
                        on: day::format(last),
                        days: as_of - last,
                    },
                ));
            }
            out.push(mk(
                ActionKind::ThankYouNote,
                as_of + 14,
                ActionReason::Thanks {
                    purchases: c.frequency,
                    amount: c.monetary,
                },
            ));
        }
        Stage::Empathy => {
            let reason = match x.latest_review.filter(|&d| as_of - d <= 60) {
                Some(d) => ActionReason::ReviewReply { on: day::format(d) },
                None => ActionReason::Connection {
                    stage_reason: c.reason.clone(),
                },
            };
            out.push(mk(ActionKind::PersonalReply, as_of + 7, reason));
        }
        Stage::Involvement => {
            out.push(mk(
                ActionKind::CoCreationInvite,
                as_of + 14,
                ActionReason::Involvement {
                    stage_reason: c.reason.clone(),
                },
            ));
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
            out.push(mk(ActionKind::Gratitude, as_of + 14, reason));
        }
    }
    out
}

/// Whether a candidate may go out now (or, for a step that waits for the
/// cool-down, at its due date).
fn allowed(
    c: &CustomerResult,
    cand: &Candidate,
    p: &Playbook,
    h: &ContactHistory,
    as_of: Day,
) -> bool {
    let forbidden = !p.forbidding(c.stage, cand.kind.campaign()).is_empty();
    let asked_recently = cand.kind.is_ask()
        && !cand.waits_for_cooldown
        && h.last_ask
            .get(&c.idx)
            .is_some_and(|&d| i64::from(as_of - d) < p.ask_cooldown_days);
    let repeated = h
        .last_done
        .get(&(c.idx, cand.kind))
        .is_some_and(|&d| i64::from(as_of - d) < p.repeat_cooldown_days);
    let closed = matches!(
        h.statuses.get(&(c.idx, cand.kind, cand.due)),
        Some(ActionStatus::Done | ActionStatus::Skipped)
    );
    !forbidden && !asked_recently && !repeated && !closed
}

fn action_of(c: &CustomerResult, cand: Candidate, h: &ContactHistory) -> PlannedAction {
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
        step: cand.kind.step(),
        related: cand.related,
    }
}

/// The next action of every customer of an analysis (in `a.customers` order).
///
/// The phase decides the referral asks (domain.md §5). 中期: none; members
/// share on their own, and are invited to put their 変化 into words or to a
/// 座談会. 初期: the owner asks at most `initial_asks_per_month` core members
/// (関与 or 循環, past their first 90 days, not asked within the cool-down, no
/// recovery, 後見人 or onboarding step pending) a month in person, highest heat
/// first; the referral asks already logged in the month count against it.
pub fn plan(
    ds: &Dataset,
    a: &Analysis,
    p: &Playbook,
    h: &ContactHistory,
    ctx: &PlanContext,
) -> Vec<PlannedAction> {
    let window = ctx.window_days as i32;
    let xs = extras(ds, a, window);
    let as_of = a.as_of;
    let mut out: Vec<PlannedAction> = a
        .customers
        .iter()
        .map(|c| {
            let x = &xs[c.idx as usize];
            let chosen = candidates(c, x, p, h, ctx, as_of)
                .into_iter()
                .find(|cand| allowed(c, cand, p, h, as_of));
            let cand = chosen.unwrap_or_else(|| Candidate {
                kind: ActionKind::Watch,
                due: as_of + p.repeat_cooldown_days as Day,
                reason: match h.last_contact.get(&c.idx) {
                    Some(&d) => ActionReason::Contacted { on: day::format(d) },
                    None => ActionReason::NoContact,
                },
                related: None,
                waits_for_cooldown: false,
            });
            let mut action = action_of(c, cand, h);
            if ctx
                .holdout
                .holds_out(action.kind, &ds.customers[c.idx as usize].key, as_of)
            {
                action.status = ActionStatus::Control;
            }
            action
        })
        .collect();
    if ctx.phase == Phase::Initial {
        let month = day::year_month(as_of);
        let used = h.asks_by_month.get(&month).copied().unwrap_or(0);
        let cap = p.initial_asks_per_month.max(0) as u32;
        let left = cap.saturating_sub(used) as usize;
        let mut eligible: Vec<usize> = a
            .customers
            .iter()
            .enumerate()
            .filter(|(k, c)| {
                matches!(c.stage, Stage::Involvement | Stage::Circulation)
                    && c.first_purchase
                        .is_some_and(|f| i64::from(as_of - f) > i64::from(window))
                    && !matches!(
                        out[*k].step,
                        StepKind::Recovery | StepKind::Guardian | StepKind::Onboarding
                    )
            })
            .map(|(k, _)| k)
            .filter(|&k| {
                let c = &a.customers[k];
                let cand = Candidate {
                    kind: ActionKind::ReferralAsk,
                    due: as_of + 7,
                    reason: ActionReason::NoContact,
                    related: None,
                    waits_for_cooldown: false,
                };
                allowed(c, &cand, p, h, as_of)
            })
            .collect();
        eligible.sort_by(|&l, &r| {
            let (l, r) = (&a.customers[l], &a.customers[r]);
            r.heat.total_cmp(&l.heat).then(l.idx.cmp(&r.idx))
        });
        // A held-out member (対照) is shown in the ask's place and leaves the
        // month's ask to the next one.
        let mut asked = 0usize;
        for &k in &eligible {
            if asked >= left {
                break;
            }
            let c = &a.customers[k];
            let cand = Candidate {
                kind: ActionKind::ReferralAsk,
                due: as_of + 7,
                reason: ActionReason::CoreMember {
                    heat: c.heat,
                    rank: used + asked as u32 + 1,
                    cap,
                },
                related: None,
                waits_for_cooldown: false,
            };
            let mut action = action_of(c, cand, h);
            if ctx.holdout.holds_out(
                ActionKind::ReferralAsk,
                &ds.customers[c.idx as usize].key,
                as_of,
            ) {
                action.status = ActionStatus::Control;
            } else {
                asked += 1;
            }
            out[k] = action;
        }
    }
    out
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
                campaign: None,
                control: false,
            },
            now,
        )?;
    }
    Ok(())
}
