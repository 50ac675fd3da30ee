//! Any list of customers the screens show, saved whole as a CSV for people
//! (the churn list, the point ranking, the NPS comments, a campaign's
//! customers in 効果測定, the customers a campaign check leaves out).
//!
//! Every list goes through the one CSV writer ([`CsvFile`]): cells never
//! become formulas, a file is replaced only with consent and never over a
//! workspace or a workbook. With `mask_pii` the keys, names and comments are
//! masked as on screen; the file then names no one.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::comments::NpsGroup;
use crate::csv_out::{Cell, CsvFile};
use crate::day::Day;
use crate::error::Result;
use crate::model::{Lang, Stage};
use crate::plan::campaign::CampaignTarget;
use crate::plan::mask;
use crate::plan::playbook::CampaignType;
use crate::Workspace;

use super::masked;

/// Which list to save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum PeopleList {
    /// 離脱リスク: every customer at risk, the most at stake first.
    Churn,
    /// The point ranking: everyone with heat, the hottest first.
    Ranking,
    /// The NPS comments of a group (all groups when `None`), newest first.
    NpsComments { group: Option<NpsGroup> },
    /// The customers of a campaign in 効果測定 (treated, then control).
    Effect { campaign: String, window_days: i64 },
    /// The recipients a campaign check leaves out, with the reason.
    CampaignExcluded {
        campaign: CampaignType,
        target: CampaignTarget,
        /// A customer list file whose keys make the target's keys (as the
        /// check was made with).
        keys_path: Option<String>,
    },
}

/// What was saved.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SavedPeople {
    /// Rows written (customers or comments).
    pub rows: u64,
}

/// The columns every list starts with: who.
const WHO: [(&str, &str); 2] = [("顧客キー", "customer_key"), ("氏名", "name")];

fn header(lang: Lang, cols: &[(&str, &str)]) -> Vec<String> {
    WHO.iter()
        .chain(cols)
        .map(|(ja, en)| match lang {
            Lang::Ja => ja.to_string(),
            Lang::En => en.to_string(),
        })
        .collect()
}

fn stage(s: Stage, lang: Lang) -> String {
    crate::labels::stage(s, lang).to_string()
}

fn nps_group(g: NpsGroup, lang: Lang) -> &'static str {
    match (g, lang) {
        (NpsGroup::Promoter, Lang::Ja) => "推奨者",
        (NpsGroup::Passive, Lang::Ja) => "中立者",
        (NpsGroup::Detractor, Lang::Ja) => "批判者",
        (NpsGroup::Promoter, Lang::En) => "promoter",
        (NpsGroup::Passive, Lang::En) => "passive",
        (NpsGroup::Detractor, Lang::En) => "detractor",
    }
}

/// A row: the key and name (masked when asked), then text cells and numbers.
enum Value {
    Text(String),
    Number(String),
}

fn num(x: f64, digits: usize) -> Value {
    Value::Number(format!("{x:.digits$}"))
}

fn yes(b: bool) -> Value {
    Value::Number(if b { "1" } else { "0" }.to_string())
}

/// Saves `list` at the analysis date as a CSV at `path`.
#[allow(clippy::too_many_arguments)]
pub fn save_people(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    list: &PeopleList,
    path: &Path,
    mask_pii: bool,
    replace: bool,
    lang: Lang,
) -> Result<SavedPeople> {
    let mut file = CsvFile::create(path, replace)?;
    let snap = ws.snapshot(as_of, today)?;
    let names = snap.names()?;
    let who = |idx: Option<u32>, key: &str| -> (String, String) {
        match idx {
            Some(i) => (
                masked(snap.key(i), mask_pii, mask::key),
                names[i as usize]
                    .as_deref()
                    .map(|n| masked(n, mask_pii, mask::name))
                    .unwrap_or_default(),
            ),
            None => (masked(key, mask_pii, mask::key), String::new()),
        }
    };
    let mut rows: Vec<(String, String, Vec<Value>)> = Vec::new();
    let head = match list {
        PeopleList::Churn => {
            for c in crate::analytics::report::churn_risk(&snap.analysis) {
                let (k, n) = who(Some(c.idx), "");
                rows.push((
                    k,
                    n,
                    vec![
                        Value::Text(stage(c.stage, lang)),
                        num(c.monetary, 0),
                        num(c.p_alive.unwrap_or(0.0), 4),
                        num(c.expected_orders_365.unwrap_or(0.0), 2),
                    ],
                ));
            }
            header(
                lang,
                &[
                    ("段階", "stage"),
                    ("累計購入額", "ltv"),
                    ("継続見込み", "p_alive"),
                    ("365日の予想購入回数", "expected_orders_365"),
                ],
            )
        }
        PeopleList::Ranking => {
            for (rank, c) in crate::analytics::report::heat_ranking(&snap.analysis)
                .into_iter()
                .enumerate()
            {
                let (k, n) = who(Some(c.idx), "");
                rows.push((
                    k,
                    n,
                    vec![
                        Value::Number((rank + 1).to_string()),
                        Value::Text(stage(c.stage, lang)),
                        Value::Number(c.referral_points.to_string()),
                        Value::Number(c.support_points.to_string()),
                        num(c.heat, 1),
                        Value::Text(
                            crate::labels::label(lang, "quadrant", c.quadrant.id()).to_string(),
                        ),
                    ],
                ));
            }
            header(
                lang,
                &[
                    ("順位", "rank"),
                    ("段階", "stage"),
                    ("紹介ポイント", "referral_points"),
                    ("応援ポイント", "support_points"),
                    ("熱量", "heat"),
                    ("象限", "quadrant"),
                ],
            )
        }
        PeopleList::NpsComments { group } => {
            let scrubber = if mask_pii {
                Some(snap.scrubber()?)
            } else {
                None
            };
            for c in snap
                .comments
                .iter()
                .filter(|c| group.is_none_or(|g| c.group == g))
            {
                let (k, n) = match &c.customer_key {
                    Some(key) => who(snap.resolve(key)?, key),
                    None => (String::new(), String::new()),
                };
                let comment = match &scrubber {
                    Some(s) => s.scrub(&c.comment),
                    None => c.comment.clone(),
                };
                rows.push((
                    k,
                    n,
                    vec![
                        Value::Text(c.answered_on.clone()),
                        Value::Number(c.score.to_string()),
                        Value::Text(nps_group(c.group, lang).to_string()),
                        Value::Text(comment),
                    ],
                ));
            }
            header(
                lang,
                &[
                    ("回答日", "answered_on"),
                    ("スコア", "score"),
                    ("区分", "group"),
                    ("コメント", "comment"),
                ],
            )
        }
        PeopleList::Effect {
            campaign,
            window_days,
        } => {
            let seen =
                super::effect::effect_customers(ws, as_of, today, *window_days, campaign, false)?;
            for e in seen {
                let (k, n) = who(snap.resolve(&e.customer_key)?, &e.customer_key);
                let group = match (e.control, lang) {
                    (true, Lang::Ja) => "対照",
                    (false, Lang::Ja) => "施策",
                    (true, Lang::En) => "control",
                    (false, Lang::En) => "treated",
                };
                rows.push((
                    k,
                    n,
                    vec![
                        Value::Text(group.to_string()),
                        Value::Text(e.contacted_on),
                        yes(e.purchased),
                        num(e.revenue, 0),
                        yes(e.stage_up),
                        yes(e.referred),
                        yes(e.promoter),
                    ],
                ));
            }
            header(
                lang,
                &[
                    ("区分", "group"),
                    ("接触日", "contacted_on"),
                    ("購入", "purchased"),
                    ("売上", "revenue"),
                    ("段階が上がった", "stage_up"),
                    ("紹介", "referred"),
                    ("推奨者の回答", "promoter"),
                ],
            )
        }
        PeopleList::CampaignExcluded {
            campaign,
            target,
            keys_path,
        } => {
            let mut target = target.clone();
            if let Some(p) = keys_path.as_deref().filter(|p| !p.is_empty()) {
                target.keys = super::read_key_list(Path::new(p))?;
            }
            let check = super::plan::campaign_check(ws, as_of, today, *campaign, &target, false)?;
            for x in check.excluded {
                let (k, n) = who(snap.resolve(&x.customer_key)?, &x.customer_key);
                let reason = match lang {
                    Lang::Ja => x.reason_ja,
                    Lang::En => x.reason_en,
                };
                rows.push((
                    k,
                    n,
                    vec![Value::Text(stage(x.stage, lang)), Value::Text(reason)],
                ));
            }
            header(lang, &[("段階", "stage"), ("除外の理由", "reason")])
        }
    };
    file.record(head.iter().map(|h| Cell::Text(h)))?;
    for (k, n, values) in &rows {
        let cells = [Cell::Text(k), Cell::Text(n)]
            .into_iter()
            .chain(values.iter().map(|v| match v {
                Value::Text(t) => Cell::Text(t),
                Value::Number(x) => Cell::Number(x),
            }));
        file.record(cells)?;
    }
    file.finish()?;
    Ok(SavedPeople {
        rows: rows.len() as u64,
    })
}
