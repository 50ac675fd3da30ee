//! Point rules (domain.md §3): 紹介ポイント measure reach, 応援ポイント measure
//! depth. Points recognise; they are never discounts, so every rule carries a
//! one-line meaning that the UI shows next to it.
//!
//! The rules live in the workspace (`store::rules`); the ledger is always
//! derived from events and referrals with the current rules, so editing a rule
//! re-scores everyone without a re-import.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Axis, Milestone};

/// Kind id of the points a referrer earns when a referee makes a first purchase.
pub const KIND_REFERRAL: &str = "referral";
/// Kind id of the bonus when a referee makes a second purchase.
pub const KIND_REFEREE_REPEAT: &str = "referee_repeat";
/// Kind id of an SNS post.
pub const KIND_SNS_POST: &str = "sns_post";
/// Kind id of a review.
pub const KIND_REVIEW: &str = "review";
/// Kind id of a roundtable (座談会) attendance.
pub const KIND_ROUNDTABLE: &str = "roundtable";
/// Kind id of a survey answer.
pub const KIND_SURVEY: &str = "survey";
/// Kind id of an event attendance.
pub const KIND_EVENT: &str = "event";
/// Kind id of a LINE action.
pub const KIND_LINE_ACTION: &str = "line_action";
/// Kind id of a testimonial (お客様の声・変化の物語).
pub const KIND_TESTIMONIAL: &str = "testimonial";

/// One rule of the points table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PointRule {
    /// Stable kind id (`review`, `sns_post`, …).
    pub kind: String,
    /// Which axis the points go to.
    pub axis: Axis,
    /// Base points.
    pub points: i64,
    /// Extra points when the post carries the brand tag.
    pub brand_tag_bonus: i64,
    /// Extra points when the post carries an image.
    pub image_bonus: i64,
    /// Counts as taking part (関与: events, roundtables, surveys).
    pub participation: bool,
    /// Counts as a two-way interaction (共感: reviews, surveys, LINE actions).
    pub two_way: bool,
    /// Japanese label.
    pub label_ja: String,
    /// English label.
    pub label_en: String,
    /// What the points mean, in Japanese.
    pub meaning_ja: String,
    /// What the points mean, in English.
    pub meaning_en: String,
    /// The newcomer milestone an event of this kind reaches (居場所 → 役割 → 変化).
    pub milestone: Option<Milestone>,
    /// The milestone it reaches instead when it carries the brand tag or an
    /// image (a review with a photo, a tagged SNS post: 役割).
    pub milestone_marked: Option<Milestone>,
}

impl PointRule {
    /// Points for one event of this kind.
    pub fn points_for(&self, brand_tag: bool, has_image: bool) -> i64 {
        self.points
            + if brand_tag { self.brand_tag_bonus } else { 0 }
            + if has_image { self.image_bonus } else { 0 }
    }

    /// The milestone one event of this kind reaches.
    pub fn milestone_for(&self, brand_tag: bool, has_image: bool) -> Option<Milestone> {
        match self.milestone_marked {
            Some(m) if brand_tag || has_image => Some(m.max(self.milestone.unwrap_or(m))),
            _ => self.milestone,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn rule(
    kind: &str,
    axis: Axis,
    points: i64,
    bonuses: (i64, i64),
    participation: bool,
    two_way: bool,
    labels: (&str, &str),
    meanings: (&str, &str),
) -> PointRule {
    PointRule {
        kind: kind.into(),
        axis,
        points,
        brand_tag_bonus: bonuses.0,
        image_bonus: bonuses.1,
        participation,
        two_way,
        label_ja: labels.0.into(),
        label_en: labels.1.into(),
        meaning_ja: meanings.0.into(),
        meaning_en: meanings.1.into(),
        milestone: None,
        milestone_marked: None,
    }
}

fn milestones(mut r: PointRule, plain: Option<Milestone>, marked: Option<Milestone>) -> PointRule {
    r.milestone = plain;
    r.milestone_marked = marked;
    r
}

/// The default rules of domain.md §3.
pub fn default_rules() -> Vec<PointRule> {
    use Axis::{Referral, Support};
    let rules = vec![
        rule(
            KIND_REFERRAL,
            Referral,
            10,
            (0, 0),
            false,
            false,
            ("紹介", "Referral"),
            (
                "大切な人にブランドを手渡してくれたことへの感謝",
                "Thanks for passing the brand on to someone who matters",
            ),
        ),
        rule(
            KIND_REFEREE_REPEAT,
            Referral,
            50,
            (0, 0),
            false,
            false,
            ("紹介経由の継続購入", "Referee's continued purchase"),
            (
                "紹介が本当の出会いになった証",
                "The referral became a real relationship",
            ),
        ),
        rule(
            KIND_SNS_POST,
            Referral,
            5,
            (5, 5),
            false,
            false,
            ("SNS投稿", "SNS post"),
            (
                "自分の言葉でブランドを語ってくれたこと",
                "Telling the brand's story in their own words",
            ),
        ),
        rule(
            KIND_REVIEW,
            Support,
            30,
            (0, 0),
            false,
            true,
            ("レビュー投稿", "Review"),
            (
                "率直な声で次のお客さまの不安をほどいてくれたこと",
                "An honest voice that reassures the next customer",
            ),
        ),
        rule(
            KIND_ROUNDTABLE,
            Support,
            100,
            (0, 0),
            true,
            false,
            ("座談会参加", "Roundtable"),
            (
                "ブランドを一緒につくる当事者としての参加",
                "Taking part as a co-creator of the brand",
            ),
        ),
        rule(
            KIND_SURVEY,
            Support,
            20,
            (0, 0),
            true,
            true,
            ("アンケート回答", "Survey answer"),
            (
                "時間を割いて想いを届けてくれたこと",
                "Giving time to share their thoughts",
            ),
        ),
        rule(
            KIND_EVENT,
            Support,
            50,
            (0, 0),
            true,
            false,
            ("イベント参加", "Event attendance"),
            ("場を共にしてくれたこと", "Sharing the place with us"),
        ),
        rule(
            KIND_LINE_ACTION,
            Support,
            5,
            (0, 0),
            false,
            true,
            ("LINEアクション", "LINE action"),
            (
                "日々のやりとりに応えてくれたこと",
                "Answering in everyday conversation",
            ),
        ),
        rule(
            KIND_TESTIMONIAL,
            Support,
            50,
            (0, 0),
            false,
            true,
            ("お客様の声", "Testimonial"),
            (
                "自分の変化を言葉にして、次の人に手渡してくれたこと",
                "Putting their own change into words for the next person",
            ),
        ),
    ];
    use Milestone::{Change, Place, Role};
    rules
        .into_iter()
        .map(|r| {
            let (plain, marked) = match r.kind.as_str() {
                KIND_LINE_ACTION | KIND_SURVEY | KIND_EVENT => (Some(Place), None),
                KIND_REVIEW => (Some(Place), Some(Role)),
                KIND_SNS_POST => (None, Some(Role)),
                KIND_ROUNDTABLE => (Some(Role), None),
                KIND_TESTIMONIAL => (Some(Change), None),
                _ => (None, None),
            };
            milestones(r, plain, marked)
        })
        .collect()
}
