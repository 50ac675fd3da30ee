//! NPS comments and what they are about. A comment is sorted into categories
//! by the words it uses (Japanese and English); one comment can speak of
//! several things, and one that matches nothing is "other". The shop owner
//! reads the comments themselves: the categories only help to filter them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a comment speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum CommentCategory {
    /// 品質・味.
    Quality,
    /// 配送.
    Delivery,
    /// 梱包.
    Packaging,
    /// 価格.
    Price,
    /// 接客・対応.
    Service,
    /// 定期便・手続き.
    Subscription,
    /// メール・お知らせ.
    Communication,
    /// 紹介・贈り物.
    Recommendation,
    /// イベント・体験.
    Experience,
    /// その他.
    Other,
}

impl CommentCategory {
    /// Every category, in display order.
    pub const ALL: [CommentCategory; 10] = [
        CommentCategory::Quality,
        CommentCategory::Delivery,
        CommentCategory::Packaging,
        CommentCategory::Price,
        CommentCategory::Service,
        CommentCategory::Subscription,
        CommentCategory::Communication,
        CommentCategory::Recommendation,
        CommentCategory::Experience,
        CommentCategory::Other,
    ];

    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            CommentCategory::Quality => "quality",
            CommentCategory::Delivery => "delivery",
            CommentCategory::Packaging => "packaging",
            CommentCategory::Price => "price",
            CommentCategory::Service => "service",
            CommentCategory::Subscription => "subscription",
            CommentCategory::Communication => "communication",
            CommentCategory::Recommendation => "recommendation",
            CommentCategory::Experience => "experience",
            CommentCategory::Other => "other",
        }
    }

    /// The category's name.
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::labels::label(lang, "comment_category", self.id())
    }

    fn words(self) -> &'static [&'static str] {
        match self {
            CommentCategory::Quality => &[
                "香り",
                "味",
                "美味",
                "おいし",
                "品質",
                "鮮度",
                "渋",
                "風味",
                "茶葉",
                "taste",
                "flavor",
                "quality",
                "delicious",
            ],
            CommentCategory::Delivery => &[
                "配送", "発送", "届", "到着", "遅", "早い", "delivery", "shipping", "arrived",
                "late",
            ],
            CommentCategory::Packaging => &[
                "梱包", "包装", "缶", "へこ", "破損", "箱", "packag", "damaged", "box",
            ],
            CommentCategory::Price => &[
                "価格",
                "値段",
                "高い",
                "安い",
                "手頃",
                "送料",
                "price",
                "expensive",
                "cheap",
                "cost",
            ],
            CommentCategory::Service => &[
                "対応",
                "問い合わせ",
                "返信",
                "メッセージ",
                "手書き",
                "スタッフ",
                "丁寧",
                "service",
                "support",
                "reply",
                "staff",
            ],
            CommentCategory::Subscription => &["定期", "解約", "手続", "subscription", "cancel"],
            CommentCategory::Communication => &[
                "メール",
                "メルマガ",
                "お知らせ",
                "LINE",
                "email",
                "newsletter",
                "mail",
            ],
            CommentCategory::Recommendation => &[
                "勧め",
                "すすめ",
                "紹介",
                "友人",
                "贈",
                "ギフト",
                "プレゼント",
                "recommend",
                "gift",
                "friend",
            ],
            CommentCategory::Experience => &[
                "座談会",
                "イベント",
                "教室",
                "体験",
                "作り手",
                "event",
                "workshop",
            ],
            CommentCategory::Other => &[],
        }
    }
}

/// The categories of a comment (at least one: "other" when nothing matches).
pub fn categorize(text: &str) -> Vec<CommentCategory> {
    static WORDS: std::sync::OnceLock<Vec<(CommentCategory, Vec<String>)>> =
        std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        CommentCategory::ALL
            .iter()
            .map(|&c| (c, c.words().iter().map(|w| w.to_lowercase()).collect()))
            .collect()
    });
    let lower = text.to_lowercase();
    let found: Vec<CommentCategory> = words
        .iter()
        .filter(|(_, ws)| ws.iter().any(|w| lower.contains(w.as_str())))
        .map(|(c, _)| *c)
        .collect();
    if found.is_empty() {
        vec![CommentCategory::Other]
    } else {
        found
    }
}

/// 推奨者 / 中立者 / 批判者.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum NpsGroup {
    /// 9–10.
    Promoter,
    /// 7–8.
    Passive,
    /// 0–6.
    Detractor,
}

impl NpsGroup {
    /// The group of a score.
    pub fn of(score: u8) -> NpsGroup {
        match score {
            9..=10 => NpsGroup::Promoter,
            7..=8 => NpsGroup::Passive,
            _ => NpsGroup::Detractor,
        }
    }
}

/// One NPS comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct NpsComment {
    pub answered_on: String,
    pub score: u8,
    pub group: NpsGroup,
    /// The customer, when the answer is not anonymous.
    pub customer_key: Option<String>,
    /// Who, as the screens show them (filled by the app's views; absent in
    /// the report): the key to show (masked when asked) and the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub display_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    pub comment: String,
    pub categories: Vec<CommentCategory>,
}

impl NpsComment {
    /// A comment of an answer, sorted into its categories.
    pub fn new(
        answered_on: String,
        score: u8,
        customer_key: Option<String>,
        comment: String,
    ) -> Self {
        NpsComment {
            group: NpsGroup::of(score),
            categories: categorize(&comment),
            answered_on,
            score,
            customer_key,
            display_key: None,
            name: None,
            comment,
        }
    }
}

/// How many comments speak of each category.
pub fn category_counts(comments: &[NpsComment]) -> Vec<(CommentCategory, u64)> {
    CommentCategory::ALL
        .iter()
        .map(|&cat| {
            (
                cat,
                comments
                    .iter()
                    .filter(|c| c.categories.contains(&cat))
                    .count() as u64,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_fall_into_the_categories_their_words_name() {
        assert_eq!(
            categorize("届いた缶がへこんでいました。"),
            vec![CommentCategory::Delivery, CommentCategory::Packaging]
        );
        assert_eq!(
            categorize("美味しいですが、価格がもう少し手頃だと嬉しいです。"),
            vec![CommentCategory::Quality, CommentCategory::Price]
        );
        assert_eq!(
            categorize("定期便の解約方法が分かりにくいです。"),
            vec![CommentCategory::Subscription]
        );
        assert_eq!(
            categorize("Great GIFT for my friend"),
            vec![CommentCategory::Recommendation]
        );
        assert_eq!(
            categorize("ありがとうございました"),
            vec![CommentCategory::Other]
        );
    }

    #[test]
    fn nps_groups() {
        assert_eq!(NpsGroup::of(10), NpsGroup::Promoter);
        assert_eq!(NpsGroup::of(9), NpsGroup::Promoter);
        assert_eq!(NpsGroup::of(8), NpsGroup::Passive);
        assert_eq!(NpsGroup::of(7), NpsGroup::Passive);
        assert_eq!(NpsGroup::of(6), NpsGroup::Detractor);
        assert_eq!(NpsGroup::of(0), NpsGroup::Detractor);
    }
}
