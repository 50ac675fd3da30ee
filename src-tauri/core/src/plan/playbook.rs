//! The playbook (domain.md §4–5, seeds 000 and 002): for each stage what to
//! do at the right temperature and distance, and what never to do (禁止施策);
//! the NPS overlays; the referral-phase guidance; the 90-day onboarding
//! milestones 居場所 → 役割 → 変化. Stored in the workspace as data, editable,
//! and restorable to these defaults.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::model::Stage;
use crate::store::{self, Conn, Tx};

const KEY: &str = "playbook";

/// The kinds of campaign a shop runs, as the campaign check knows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum CampaignType {
    /// 割引・クーポン.
    Discount,
    /// アップセル・まとめ買いの提案.
    Upsell,
    /// 定期便・VIPへの案内.
    SubscriptionVipInvite,
    /// 一斉配信のメルマガ.
    MassNewsletter,
    /// 長文のステップメール.
    LongMailSeries,
    /// レビューのお願い.
    ReviewRequest,
    /// 紹介のお願い.
    ReferralAsk,
    /// イベントへの招待.
    EventInvite,
    /// お礼状.
    ThankYouNote,
    /// 個別のメッセージ.
    PersonalMessage,
    /// 機能・実績・権威の訴求 (スペック、受賞歴、メディア掲載).
    FeaturePush,
    /// 数値での評価 (会員ランク、貢献度の点数や順位の表示).
    ScoreRanking,
    /// お願いの重ね掛け (レビュー・紹介・アンケートを続けて頼む).
    StackedAsks,
}

impl CampaignType {
    /// Every type, in the order the UI lists them.
    pub const ALL: [CampaignType; 13] = [
        CampaignType::Discount,
        CampaignType::Upsell,
        CampaignType::SubscriptionVipInvite,
        CampaignType::MassNewsletter,
        CampaignType::LongMailSeries,
        CampaignType::ReviewRequest,
        CampaignType::ReferralAsk,
        CampaignType::EventInvite,
        CampaignType::ThankYouNote,
        CampaignType::PersonalMessage,
        CampaignType::FeaturePush,
        CampaignType::ScoreRanking,
        CampaignType::StackedAsks,
    ];

    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            CampaignType::Discount => "discount",
            CampaignType::Upsell => "upsell",
            CampaignType::SubscriptionVipInvite => "subscription_vip_invite",
            CampaignType::MassNewsletter => "mass_newsletter",
            CampaignType::LongMailSeries => "long_mail_series",
            CampaignType::ReviewRequest => "review_request",
            CampaignType::ReferralAsk => "referral_ask",
            CampaignType::EventInvite => "event_invite",
            CampaignType::ThankYouNote => "thank_you_note",
            CampaignType::PersonalMessage => "personal_message",
            CampaignType::FeaturePush => "feature_push",
            CampaignType::ScoreRanking => "score_ranking",
            CampaignType::StackedAsks => "stacked_asks",
        }
    }

    /// Parses a stable id.
    pub fn parse(id: &str) -> Option<CampaignType> {
        CampaignType::ALL.iter().copied().find(|c| c.id() == id)
    }

    /// The campaign type's name.
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::labels::label(lang, "campaign", self.id())
    }

    /// An ask: it spends the customer's attention (負荷の集中 when repeated).
    pub fn is_ask(self) -> bool {
        matches!(
            self,
            CampaignType::ReviewRequest
                | CampaignType::ReferralAsk
                | CampaignType::EventInvite
                | CampaignType::StackedAsks
        )
    }
}

/// One measure never to take at a stage, and the campaign types it rules out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Never {
    /// As the seeds word it.
    pub text_ja: String,
    pub text_en: String,
    /// Campaign types this rules out at the stage.
    pub campaigns: Vec<CampaignType>,
}

/// What to do and never to do at one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StagePlay {
    pub stage: Stage,
    /// The stage's meaning.
    pub meaning_ja: String,
    pub meaning_en: String,
    /// Right temperature and distance.
    pub do_ja: Vec<String>,
    pub do_en: Vec<String>,
    /// 禁止施策.
    pub never: Vec<Never>,
    /// The お礼状 postcard's message at this stage (editable; the defaults
    /// thank without selling, in the stage's temperature).
    #[serde(default)]
    pub thank_you_ja: String,
    #[serde(default)]
    pub thank_you_en: String,
}

/// What to do for promoters, passives and detractors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct NpsOverlays {
    pub promoter_ja: String,
    pub promoter_en: String,
    pub passive_ja: String,
    pub passive_en: String,
    pub detractor_ja: String,
    pub detractor_en: String,
}

/// Guidance for the referral phases (seed 000).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PhaseGuidance {
    pub initial_ja: String,
    pub initial_en: String,
    pub mid_ja: String,
    pub mid_en: String,
}

/// One milestone of the first 90 days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct OnboardingStep {
    /// 居場所 / 役割 / 変化.
    pub name_ja: String,
    pub name_en: String,
    /// Days after the first purchase when it applies (inclusive).
    pub from_day: i64,
    pub to_day: i64,
    /// What to do.
    pub action_ja: String,
    pub action_en: String,
}

/// The whole playbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Playbook {
    pub stages: Vec<StagePlay>,
    pub nps: NpsOverlays,
    pub phases: PhaseGuidance,
    pub onboarding: Vec<OnboardingStep>,
    /// No more than one ask per customer in this many days (負荷の集中).
    pub ask_cooldown_days: i64,
    /// The same non-ask action is not repeated within this many days.
    pub repeat_cooldown_days: i64,
    /// 初期: the owner's personal referral asks a month, at most.
    #[serde(default = "default_initial_asks")]
    pub initial_asks_per_month: i64,
}

fn default_initial_asks() -> i64 {
    10
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_string()).collect()
}

fn never(ja: &str, en: &str, campaigns: &[CampaignType]) -> Never {
    Never {
        text_ja: ja.into(),
        text_en: en.into(),
        campaigns: campaigns.to_vec(),
    }
}

impl Default for Playbook {
    fn default() -> Self {
        use CampaignType::*;
        Playbook {
            stages: vec![
                StagePlay {
                    stage: Stage::Observer,
                    meaning_ja: "まだ様子見の状態。「安全そうだ」と感じてもらうことが最優先".into(),
                    meaning_en: "Still watching; feeling safe comes first".into(),
                    do_ja: s(&["ブランドストーリーを届ける", "よくある質問に答える", "正直なお客さまの声を見せる", "売り込まず、圧をかけない"]),
                    do_en: s(&["Share the brand story", "Answer the common questions", "Show honest customer voices", "No pressure, no selling"]),
                    never: vec![
                        never("即オファー・即販売", "Instant offers and hard selling", &[Upsell]),
                        never("登録直後の割引", "Discounts right after sign-up", &[Discount]),
                        never("いきなり定期・VIP案内", "Subscription or VIP invitations out of the blue", &[SubscriptionVipInvite]),
                        never("一方的な情報爆撃", "One-way information bombing", &[MassNewsletter]),
                        never("長文メルマガ連投", "Long newsletters in a row", &[LongMailSeries]),
                        never("機能・実績・権威の押しつけ", "Pushing features, track record and authority", &[FeaturePush]),
                        never(
                            "参加前提の呼びかけ(「コメントしてください」「行動しましょう」)",
                            "Calls that assume participation (\"please comment\", \"let's act\")",
                            &[ReviewRequest, ReferralAsk, EventInvite],
                        ),
                    ],
                    thank_you_ja: "このたびは私たちのお店にお越しいただき、ありがとうございます。\nどうぞごゆっくりご覧ください。ご不明な点があれば、いつでもお気軽にお尋ねください。".into(),
                    thank_you_en: "Thank you for visiting our shop.\nTake your time. If anything is unclear, just ask us, any time.".into(),
                },
                StagePlay {
                    stage: Stage::Landing,
                    meaning_ja: "不安はひとまず解消。まだ自分ごとにはなっていない".into(),
                    meaning_en: "Anxiety resolved, not yet personal".into(),
                    do_ja: s(&["静かに安心を深める", "お届け後のフォロー", "使い方ガイド", "お礼状"]),
                    do_en: s(&["Quietly deepen reassurance", "Delivery follow-up", "How-to-use guide", "A thank-you note"]),
                    never: vec![
                        never("アップセル", "Upselling", &[Upsell, SubscriptionVipInvite]),
                        never("成功事例の押し付け(比較や評価の土俵に立たせる)", "Pushing success stories (puts them on a comparison stage)", &[LongMailSeries]),
                    ],
                    thank_you_ja: "このたびはお買い上げいただき、ありがとうございます。\nお品物はお手元に届きましたでしょうか。使い方などでご不明な点があれば、どうぞお気軽にご連絡ください。".into(),
                    thank_you_en: "Thank you for your purchase.\nWe hope it arrived safely. If anything about using it is unclear, please let us know.".into(),
                },
                StagePlay {
                    stage: Stage::Empathy,
                    meaning_ja: "人としてのつながりが芽生える。個別性が問われる段階".into(),
                    meaning_en: "A human connection forms; individuality matters here".into(),
                    do_ja: s(&["一人ひとりに個別に応える", "レビューには自分の言葉でお返事する"]),
                    do_en: s(&["Answer each person individually", "Reply to reviews in your own words"]),
                    never: vec![
                        never("テンプレート対応", "Template responses", &[LongMailSeries]),
                        never("自動返信", "Automatic replies", &[LongMailSeries]),
                        never("一律施策", "One-size-fits-all measures", &[MassNewsletter, Discount]),
                    ],
                    thank_you_ja: "いつもありがとうございます。\nお寄せいただいたお声は、ひとつひとつ大切に読ませていただいています。またお話を聞かせてください。".into(),
                    thank_you_en: "Thank you, as always.\nWe read every word you send us with care. We would love to hear from you again.".into(),
                },
                StagePlay {
                    stage: Stage::Involvement,
                    meaning_ja: "当事者意識を持ち始める".into(),
                    meaning_en: "A sense of ownership begins".into(),
                    do_ja: s(&["信頼を前提に任せる", "共創に招く(フィードバック・座談会)", "役割を渡す"]),
                    do_en: s(&["Trust and delegate", "Invite them to co-create (feedback, roundtables)", "Give them a role"]),
                    never: vec![
                        never("管理・統制の強化", "Tighter management and control", &[LongMailSeries]),
                        never("数値評価", "Judging them by numbers", &[ScoreRanking]),
                        never("命令型コミュニケーション", "Commanding communication", &[MassNewsletter]),
                    ],
                    thank_you_ja: "いつも温かいご感想をありがとうございます。\nいただいたお声が、私たちのものづくりの支えになっています。".into(),
                    thank_you_en: "Thank you for your warm words.\nWhat you tell us shapes what we make.".into(),
                },
                StagePlay {
                    stage: Stage::Circulation,
                    meaning_ja: "応援者・語り手。敬意と余白があってこそ続く".into(),
                    meaning_en: "Supporters and narrators; it lasts with respect and room".into(),
                    do_ja: s(&["感謝を言葉にする", "敬意を払い、余白を残す", "紹介はギフトとして", "紹介した新人の後見人になってもらう", "割引ではなく体験を贈る(限定イベント・先行体験)"]),
                    do_en: s(&["Put gratitude into words", "Respect them and leave room", "Referral as a gift", "Make them guardians of the newcomers they brought", "Experiences, not discounts (limited events, early trials)"]),
                    never: vec![
                        never("特別扱いのしすぎ", "Too much special treatment", &[SubscriptionVipInvite, Discount]),
                        never("負荷の集中(お願いが多すぎる)", "Concentrated load (too many asks)", &[StackedAsks]),
                        never("当然の存在として扱う", "Taking them for granted", &[MassNewsletter]),
                    ],
                    thank_you_ja: "いつも私たちのことを大切な方に伝えてくださり、心より感謝申し上げます。\nこれからも変わらぬおつきあいをいただけましたら幸いです。".into(),
                    thank_you_en: "Thank you from the heart for telling the people who matter to you about us.\nWe look forward to the years ahead with you.".into(),
                },
            ],
            nps: NpsOverlays {
                promoter_ja: "友人の紹介とお客様の声をお願いする(紹介はギフトとして)".into(),
                promoter_en: "Ask for a friend referral and a customer testimonial (referral as a gift)".into(),
                passive_ja: "何が足りないかを伺う".into(),
                passive_en: "Ask what is missing".into(),
                detractor_ja: "個別にリカバリーの連絡をする".into(),
                detractor_en: "Reach out personally to recover".into(),
            },
            phases: PhaseGuidance {
                initial_ja: "初期: 紹介の文化はまだない。運営からコアメンバーに直接「この未来を左右する大切な一人を選んでほしい」と語りかける".into(),
                initial_en: "Initial: no referral culture yet. The owner asks core members in person: \"choose the one person who matters for our future\"".into(),
                mid_ja: "中期: 90日で居場所・役割・変化を得たメンバーが自然に語り始める。頼まずに、語れる場と余白を用意する".into(),
                mid_en: "Mid: members past their first 90 days (place, role, change) share on their own. Don't ask; give them room and a place to tell".into(),
            },
            onboarding: vec![
                OnboardingStep {
                    name_ja: "居場所".into(),
                    name_en: "Place".into(),
                    from_day: 0,
                    to_day: 30,
                    action_ja: "ようこそのメッセージと、ほかのお客さまの声で居場所をつくる".into(),
                    action_en: "Make a place: a welcome message and other customers' voices".into(),
                },
                OnboardingStep {
                    name_ja: "役割".into(),
                    name_en: "Role".into(),
                    from_day: 31,
                    to_day: 60,
                    action_ja: "小さな役割をお願いする(感想をひとこと・アンケート)".into(),
                    action_en: "Offer a small role (a word of feedback, a survey)".into(),
                },
                OnboardingStep {
                    name_ja: "変化".into(),
                    name_en: "Change".into(),
                    from_day: 61,
                    to_day: 90,
                    action_ja: "使ってみて何が変わったかを言葉にしてもらう".into(),
                    action_en: "Help them put into words what changed for them".into(),
                },
            ],
            ask_cooldown_days: 90,
            repeat_cooldown_days: 30,
            initial_asks_per_month: default_initial_asks(),
        }
    }
}

impl Playbook {
    /// The play of a stage.
    pub fn stage(&self, stage: Stage) -> Option<&StagePlay> {
        self.stages.iter().find(|p| p.stage == stage)
    }

    /// The never-items of a stage that rule out a campaign type.
    pub fn forbidding(&self, stage: Stage, campaign: CampaignType) -> Vec<&Never> {
        self.stage(stage)
            .map(|p| {
                p.never
                    .iter()
                    .filter(|n| n.campaigns.contains(&campaign))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The workspace's playbook (the defaults when none is stored).
///
/// A playbook stored before a never-item had campaign types (機能・実績・権威の
///押しつけ, 数値評価, 負荷の集中 mapped to none) gets the default types of
/// the item with the same wording, so that the campaign check can flag it.
pub fn load(c: Conn<'_>) -> Result<Playbook> {
    let mut p: Playbook = store::settings::document(c, KEY)?.unwrap_or_default();
    let defaults = Playbook::default();
    for play in &mut p.stages {
        // A playbook stored before postcards had messages gets the defaults.
        if let Some(d) = defaults.stage(play.stage) {
            if play.thank_you_ja.trim().is_empty() {
                play.thank_you_ja = d.thank_you_ja.clone();
            }
            if play.thank_you_en.trim().is_empty() {
                play.thank_you_en = d.thank_you_en.clone();
            }
        }
        for n in play.never.iter_mut().filter(|n| n.campaigns.is_empty()) {
            if let Some(d) = defaults
                .stage(play.stage)
                .and_then(|d| d.never.iter().find(|d| d.text_ja == n.text_ja))
            {
                n.campaigns = d.campaigns.clone();
            }
        }
    }
    Ok(p)
}

/// Stores an edited playbook.
pub fn save(tx: &Tx<'_>, p: &Playbook) -> Result<()> {
    store::settings::put_document(tx, KEY, p)
}

/// Restores the default playbook.
pub fn restore_defaults(tx: &Tx<'_>) -> Result<Playbook> {
    let p = Playbook::default();
    save(tx, &p)?;
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_playbook_words_the_seeds_never_lists() {
        let p = Playbook::default();
        let observer: Vec<&str> = p
            .stage(Stage::Observer)
            .unwrap()
            .never
            .iter()
            .map(|n| n.text_ja.as_str())
            .collect();
        for item in [
            "即オファー・即販売",
            "登録直後の割引",
            "いきなり定期・VIP案内",
            "一方的な情報爆撃",
            "長文メルマガ連投",
            "機能・実績・権威の押しつけ",
        ] {
            assert!(observer.contains(&item), "{item}");
        }
        assert!(p
            .stage(Stage::Circulation)
            .unwrap()
            .never
            .iter()
            .any(|n| n.text_ja.starts_with("負荷の集中")));
        assert_eq!(
            p.onboarding
                .iter()
                .map(|m| m.name_ja.as_str())
                .collect::<Vec<_>>(),
            vec!["居場所", "役割", "変化"]
        );
    }

    #[test]
    fn every_never_item_of_the_seeds_rules_out_a_campaign_type() {
        let p = Playbook::default();
        for play in &p.stages {
            for n in &play.never {
                assert!(!n.campaigns.is_empty(), "{} maps to no campaign", n.text_ja);
            }
        }
        assert_eq!(
            p.forbidding(Stage::Observer, CampaignType::FeaturePush)[0].text_ja,
            "機能・実績・権威の押しつけ"
        );
        assert_eq!(
            p.forbidding(Stage::Involvement, CampaignType::ScoreRanking)[0].text_ja,
            "数値評価"
        );
        assert!(
            p.forbidding(Stage::Circulation, CampaignType::StackedAsks)[0]
                .text_ja
                .starts_with("負荷の集中")
        );
    }

    #[test]
    fn campaigns_are_forbidden_where_the_playbook_says() {
        let p = Playbook::default();
        assert_eq!(
            p.forbidding(Stage::Observer, CampaignType::Discount)[0].text_ja,
            "登録直後の割引"
        );
        assert!(!p
            .forbidding(Stage::Landing, CampaignType::Upsell)
            .is_empty());
        assert!(p
            .forbidding(Stage::Landing, CampaignType::ThankYouNote)
            .is_empty());
        assert!(p
            .forbidding(Stage::Empathy, CampaignType::PersonalMessage)
            .is_empty());
        assert!(!p
            .forbidding(Stage::Empathy, CampaignType::MassNewsletter)
            .is_empty());
        for stage in Stage::ALL {
            assert!(
                p.forbidding(stage, CampaignType::ThankYouNote).is_empty(),
                "a thank-you is never forbidden"
            );
        }
    }
}
