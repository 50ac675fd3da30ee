//! One customer's points ledger: every line that makes up their 紹介ポイント
//! and 応援ポイント (domain.md §3), with the day, the rule and, for referral
//! points, the customer whose purchase earned them. The sums equal the
//! analysis's totals (tested on every customer of the demo shop).

use serde::Serialize;
use ts_rs::TS;

use super::dataset::{CustomerIdx, Dataset};
use crate::day::{self, Day};
use crate::model::Axis;
use crate::points::{KIND_REFEREE_REPEAT, KIND_REFERRAL};

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct LedgerEntry {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// The rule's kind id.
    pub kind: String,
    pub label_ja: String,
    pub label_en: String,
    pub axis: Axis,
    pub points: i64,
    /// For referral points: the referred customer whose purchase earned them.
    pub from_key: Option<String>,
}

/// The ledger of customer `c` up to `as_of`, oldest first.
pub fn of_customer(ds: &Dataset, c: CustomerIdx, as_of: Day) -> Vec<LedgerEntry> {
    let mut out: Vec<(Day, LedgerEntry)> = Vec::new();
    let entry =
        |d: Day, rule: &crate::points::PointRule, points: i64, from: Option<String>| LedgerEntry {
            day: day::format(d),
            kind: rule.kind.clone(),
            label_ja: rule.label_ja.clone(),
            label_en: rule.label_en.clone(),
            axis: rule.axis,
            points,
            from_key: from,
        };
    let referral_rule = ds.rules.iter().find(|r| r.kind == KIND_REFERRAL);
    let repeat_rule = ds.rules.iter().find(|r| r.kind == KIND_REFEREE_REPEAT);
    for (referee, referrer) in ds.referrer.iter().enumerate() {
        if *referrer != Some(c) {
            continue;
        }
        let mut purchases = ds
            .orders_of(referee as CustomerIdx)
            .iter()
            .filter(|o| o.day <= as_of && o.amount > 0.0);
        let key = ds.customers[referee].key.clone();
        for rule in [referral_rule, repeat_rule] {
            let (Some(o), Some(rule)) = (purchases.next(), rule) else {
                break;
            };
            out.push((o.day, entry(o.day, rule, rule.points, Some(key.clone()))));
        }
    }
    for e in ds.events_of(c).iter().filter(|e| e.day <= as_of) {
        let Some(rule) = e.rule.map(|i| &ds.rules[i as usize]) else {
            continue;
        };
        let points = e
            .points_override
            .unwrap_or_else(|| rule.points_for(e.brand_tag, e.has_image));
        out.push((e.day, entry(e.day, rule, points, None)));
    }
    out.sort_by_key(|(d, _)| *d);
    out.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::analyze;
    use crate::settings::Settings;

    #[test]
    fn every_ledger_adds_up_to_the_customers_points() {
        let ws = crate::workspace::test_demo(500);
        let ds = ws.with_conn(crate::store::dataset::load).unwrap();
        let as_of = day::parse_iso("2026-06-30").unwrap();
        let a = analyze(&ds, &Settings::default(), as_of);
        let mut lines = 0;
        for c in &a.customers {
            let l = of_customer(&ds, c.idx, as_of);
            lines += l.len();
            let sum = |axis| {
                l.iter()
                    .filter(|e| e.axis == axis)
                    .map(|e| e.points)
                    .sum::<i64>()
            };
            assert_eq!(
                (sum(Axis::Referral), sum(Axis::Support)),
                (c.referral_points, c.support_points),
                "customer {}",
                c.idx
            );
            assert!(l.iter().all(|e| e.day.as_str() <= "2026-06-30"));
        }
        assert!(lines > 500, "the demo shop has a ledger ({lines} lines)");
    }
}
