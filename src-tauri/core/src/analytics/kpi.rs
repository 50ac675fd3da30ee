//! The shop-level KPIs of domain.md §2 and §5: referral rate, active rate,
//! 90-day retention, referral phase, NPS with its margin of error, the LTV
//! bar and cohorts, and the community's three elements. Each function states
//! its definition and is checked by a hand-computed test.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dataset::{Dataset, ANONYMOUS};
use super::{Analysis, CustomerResult};
use crate::day::{self, Day};
use crate::model::{Milestone, Stage};
use crate::settings::Settings;

/// A rate with its parts (`None` when the denominator is zero).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PeriodRate {
    /// `YYYY-MM` or `YYYY-Qn`.
    pub period: String,
    /// New customers (first purchase in the period).
    pub new_customers: u64,
    /// Of them, referred by an existing customer.
    pub referred: u64,
    /// referred ÷ new customers.
    pub rate: Option<f64>,
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// 紹介率 per month and per quarter: new customers (first purchase in the
/// period) with a referrer ÷ all new customers in the period.
pub fn referral_rates(ds: &Dataset, a: &Analysis) -> (Vec<PeriodRate>, Vec<PeriodRate>) {
    use std::collections::BTreeMap;
    let mut monthly: BTreeMap<(i32, u32), (u64, u64)> = BTreeMap::new();
    let mut quarterly: BTreeMap<(i32, u32), (u64, u64)> = BTreeMap::new();
    for res in &a.customers {
        let Some(first) = res.first_purchase else {
            continue;
        };
        let referred = u64::from(ds.referrer[res.idx as usize].is_some());
        for (map, key) in [
            (&mut monthly, day::year_month(first)),
            (&mut quarterly, day::year_quarter(first)),
        ] {
            let e = map.entry(key).or_insert((0, 0));
            e.0 += 1;
            e.1 += referred;
        }
    }
    let to_rates = |m: BTreeMap<(i32, u32), (u64, u64)>, label: fn((i32, u32)) -> String| {
        m.into_iter()
            .map(|(period, (n, r))| PeriodRate {
                period: label(period),
                new_customers: n,
                referred: r,
                rate: ratio(r, n),
            })
            .collect()
    };
    (
        to_rates(monthly, day::ym_label),
        to_rates(quarterly, day::yq_label),
    )
}

/// アクティブ率: customers with a purchase or an engagement event within the
/// trailing window (0 ≤ analysis date − day ≤ N) ÷ all customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ActiveRate {
    pub active: u64,
    pub customers: u64,
    pub rate: Option<f64>,
    pub window_days: i64,
    pub target: f64,
    /// Customers with a referrer.
    pub referred: ActiveGroup,
    /// Customers without one.
    pub organic: ActiveGroup,
}

/// One group's active rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ActiveGroup {
    pub active: u64,
    pub customers: u64,
    pub rate: Option<f64>,
}

fn active_of<'a>(customers: impl Iterator<Item = &'a CustomerResult>, window: i64) -> ActiveGroup {
    let (mut active, mut n) = (0u64, 0u64);
    for c in customers {
        n += 1;
        active += u64::from(
            c.days_since_activity
                .is_some_and(|d| i64::from(d) <= window),
        );
    }
    ActiveGroup {
        active,
        customers: n,
        rate: ratio(active, n),
    }
}

/// The active rate at the analysis date, overall and split referred (with a
/// referrer) against organic (seed 000: referred members keep it above 50 %).
pub fn active_rate(a: &Analysis, settings: &Settings) -> ActiveRate {
    let window = settings.active_window_days;
    let all = active_of(a.customers.iter(), window);
    ActiveRate {
        active: all.active,
        customers: all.customers,
        rate: all.rate,
        window_days: window,
        target: settings.targets.active_rate,
        referred: active_of(a.customers.iter().filter(|c| c.referrer.is_some()), window),
        organic: active_of(a.customers.iter().filter(|c| c.referrer.is_none()), window),
    }
}

/// One group's F2 conversion.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct F2Group {
    /// Customers whose first purchase is at least the window before the analysis date.
    pub eligible: u64,
    /// Of them, with a purchase on a later calendar day within the window.
    pub converted: u64,
    pub rate: Option<f64>,
}

impl F2Group {
    fn add(&mut self, converted: bool) {
        self.eligible += 1;
        self.converted += u64::from(converted);
        self.rate = ratio(self.converted, self.eligible);
    }
}

/// F2 conversion of one first-purchase month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct F2Cohort {
    /// `YYYY-MM` of the first purchase.
    pub month: String,
    pub eligible: u64,
    pub converted: u64,
    pub rate: Option<f64>,
}

/// F2転換率 (domain.md §2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct F2Report {
    pub window_days: i64,
    pub eligible: u64,
    pub converted: u64,
    pub rate: Option<f64>,
    pub referred: F2Group,
    pub organic: F2Group,
    /// By first-purchase month, oldest first (months with an eligible customer).
    pub cohorts: Vec<F2Cohort>,
}

/// F2 conversion: of the customers whose first purchase is at least W days
/// before the analysis date, the share with a second purchase on a later
/// calendar day within W days after the first (two orders on one day are one
/// visit). Overall, referred against organic, and by first-purchase month.
pub fn f2(a: &Analysis, settings: &Settings) -> F2Report {
    use std::collections::BTreeMap;
    let w = settings.f2_window_days.max(1) as i32;
    let (mut all, mut referred, mut organic) =
        (F2Group::default(), F2Group::default(), F2Group::default());
    let mut months: BTreeMap<(i32, u32), F2Group> = BTreeMap::new();
    for c in &a.customers {
        let Some(first) = c.first_purchase.filter(|&f| a.as_of - f >= w) else {
            continue;
        };
        let converted = c.second_visit.is_some_and(|s| s - first <= w);
        all.add(converted);
        if c.referrer.is_some() {
            referred.add(converted);
        } else {
            organic.add(converted);
        }
        months
            .entry(day::year_month(first))
            .or_default()
            .add(converted);
    }
    F2Report {
        window_days: i64::from(w),
        eligible: all.eligible,
        converted: all.converted,
        rate: all.rate,
        referred,
        organic,
        cohorts: months
            .into_iter()
            .map(|(m, g)| F2Cohort {
                month: day::ym_label(m),
                eligible: g.eligible,
                converted: g.converted,
                rate: g.rate,
            })
            .collect(),
    }
}

/// One group's newcomer funnel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct MilestoneGroup {
    /// Newcomers whose first purchase is at least the window before the analysis date.
    pub cohort: u64,
    /// Of them, reached at least 居場所 within the window.
    pub place: u64,
    /// … at least 役割.
    pub role: u64,
    /// … 変化.
    pub change: u64,
}

impl MilestoneGroup {
    fn add(&mut self, m: Option<Milestone>) {
        self.cohort += 1;
        self.place += u64::from(m >= Some(Milestone::Place));
        self.role += u64::from(m >= Some(Milestone::Role));
        self.change += u64::from(m >= Some(Milestone::Change));
    }
}

/// The newcomer funnel 居場所 → 役割 → 変化 (domain.md §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct MilestoneReport {
    pub window_days: i64,
    pub cohort: u64,
    pub place: u64,
    pub role: u64,
    pub change: u64,
    pub referred: MilestoneGroup,
    pub organic: MilestoneGroup,
    /// Newcomers still inside the window, by the milestone reached so far
    /// (none, 居場所, 役割, 変化).
    pub in_progress: [u64; 4],
}

/// The newcomer funnel: of the customers whose first purchase is at least the
/// retention window (90 days) back, how many reached each milestone (at
/// least) within it; split referred against organic.
pub fn milestones(a: &Analysis, settings: &Settings) -> MilestoneReport {
    let w = settings.retention_window_days as i32;
    let (mut all, mut referred, mut organic) = (
        MilestoneGroup::default(),
        MilestoneGroup::default(),
        MilestoneGroup::default(),
    );
    let mut in_progress = [0u64; 4];
    for c in &a.customers {
        let Some(first) = c.first_purchase else {
            continue;
        };
        if a.as_of - first < w {
            in_progress[c.milestone.map_or(0, |m| m as usize + 1)] += 1;
            continue;
        }
        all.add(c.milestone);
        if c.referrer.is_some() {
            referred.add(c.milestone);
        } else {
            organic.add(c.milestone);
        }
    }
    MilestoneReport {
        window_days: i64::from(w),
        cohort: all.cohort,
        place: all.place,
        role: all.role,
        change: all.change,
        referred,
        organic,
        in_progress,
    }
}

/// One group's 90-day retention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Retention {
    /// Customers whose first order is at least 90 days before the analysis date.
    pub eligible: u64,
    /// Of them, those with a second order or an engagement event within 90 days of the first order.
    pub retained: u64,
    pub rate: Option<f64>,
}

/// 90日定着率, always split referred against organic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct RetentionSplit {
    pub referred: Retention,
    pub organic: Retention,
    pub window_days: i64,
}

/// 90-day retention of a set of customers.
pub fn retention_of<'a>(customers: impl Iterator<Item = &'a CustomerResult>) -> Retention {
    let (mut eligible, mut retained) = (0u64, 0u64);
    for c in customers {
        if let Some(settled) = c.settled_90 {
            eligible += 1;
            retained += u64::from(settled);
        }
    }
    Retention {
        eligible,
        retained,
        rate: ratio(retained, eligible),
    }
}

/// 90-day retention, referred against organic.
pub fn retention(a: &Analysis, settings: &Settings) -> RetentionSplit {
    RetentionSplit {
        referred: retention_of(a.customers.iter().filter(|c| c.referrer.is_some())),
        organic: retention_of(a.customers.iter().filter(|c| c.referrer.is_none())),
        window_days: settings.retention_window_days,
    }
}

/// 初期 (initial) or 中期 (mid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Phase {
    /// 初期: the owner asks core members in person.
    Initial,
    /// 中期: members past their first 90 days share spontaneously.
    Mid,
}

/// The referral phase and what decided it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PhaseReport {
    pub phase: Phase,
    /// Referrals in the trailing year (referee's first purchase within 365 days).
    pub referrals: u64,
    /// Of them, made by members more than 90 days after their own first purchase.
    pub by_settled_members: u64,
    /// by_settled_members ÷ referrals.
    pub share: Option<f64>,
    /// The share from which the shop is in the mid phase.
    pub mid_from: f64,
}

/// The phase: mid when at least `mid_phase_share` of the trailing year's
/// referrals were made by members past their first 90 days.
pub fn phase(ds: &Dataset, a: &Analysis, settings: &Settings) -> PhaseReport {
    let (mut referrals, mut settled) = (0u64, 0u64);
    for res in &a.customers {
        let (Some(first), Some(p)) = (res.first_purchase, res.referrer) else {
            continue;
        };
        if a.as_of - first > 365 {
            continue;
        }
        referrals += 1;
        let referrer_first = a.of(p).and_then(|r| r.first_purchase);
        if referrer_first.is_some_and(|rf| first - rf > settings.retention_window_days as i32) {
            settled += 1;
        }
    }
    let _ = ds;
    let share = ratio(settled, referrals);
    let phase = if share.is_some_and(|s| s >= settings.mid_phase_share) {
        Phase::Mid
    } else {
        Phase::Initial
    };
    PhaseReport {
        phase,
        referrals,
        by_settled_members: settled,
        share,
        mid_from: settings.mid_phase_share,
    }
}

/// NPS of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct NpsPeriod {
    /// `YYYY-MM`, `YYYY-Qn`, or `all`.
    pub period: String,
    pub responses: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    /// 100 × (P − D) / N.
    pub nps: Option<f64>,
    /// 95 % margin of error: 1.96 × 100 × √((p + d − (p − d)²) / N).
    pub margin: Option<f64>,
}

/// NPS and its 95 % margin from counts.
pub fn nps_of(period: String, promoters: u64, passives: u64, detractors: u64) -> NpsPeriod {
    let n = promoters + passives + detractors;
    let (nps, margin) = if n == 0 {
        (None, None)
    } else {
        let p = promoters as f64 / n as f64;
        let d = detractors as f64 / n as f64;
        let var = (p + d - (p - d).powi(2)).max(0.0);
        (
            Some(100.0 * (p - d)),
            Some(1.96 * 100.0 * (var / n as f64).sqrt()),
        )
    };
    NpsPeriod {
        period,
        responses: n,
        promoters,
        passives,
        detractors,
        nps,
        margin,
    }
}

/// NPS per month, per quarter and overall, and the distribution of scores,
/// over the answers on or before the analysis date (anonymous ones included).
pub fn nps(ds: &Dataset, as_of: Day) -> (Vec<NpsPeriod>, Vec<NpsPeriod>, NpsPeriod, Vec<u64>) {
    use std::collections::BTreeMap;
    let mut monthly: BTreeMap<(i32, u32), [u64; 3]> = BTreeMap::new();
    let mut quarterly: BTreeMap<(i32, u32), [u64; 3]> = BTreeMap::new();
    let mut all = [0u64; 3];
    let mut distribution = vec![0u64; 11];
    for a in ds.nps.iter().filter(|a| a.day <= as_of) {
        let slot = match a.score {
            9..=10 => 0,
            7..=8 => 1,
            _ => 2,
        };
        distribution[a.score.min(10) as usize] += 1;
        all[slot] += 1;
        monthly.entry(day::year_month(a.day)).or_insert([0; 3])[slot] += 1;
        quarterly.entry(day::year_quarter(a.day)).or_insert([0; 3])[slot] += 1;
    }
    let to = |m: BTreeMap<(i32, u32), [u64; 3]>, label: fn((i32, u32)) -> String| {
        m.into_iter()
            .map(|(k, v)| nps_of(label(k), v[0], v[1], v[2]))
            .collect()
    };
    (
        to(monthly, day::ym_label),
        to(quarterly, day::yq_label),
        nps_of("all".into(), all[0], all[1], all[2]),
        distribution,
    )
}

/// Promoter-against-detractor LTV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct NpsLtv {
    pub promoters: u64,
    pub promoter_mean_ltv: Option<f64>,
    pub detractors: u64,
    pub detractor_mean_ltv: Option<f64>,
    /// Mean LTV of customers whose latest answer is a promoter ÷ that of detractors.
    pub ratio: Option<f64>,
}

/// The LTV of promoters against detractors (by each customer's latest answer).
pub fn nps_ltv(a: &Analysis) -> NpsLtv {
    let mean = |f: fn(u8) -> bool| -> (u64, Option<f64>) {
        let v: Vec<f64> = a
            .customers
            .iter()
            .filter(|c| c.nps_latest.is_some_and(f))
            .map(|c| c.monetary)
            .collect();
        let n = v.len() as u64;
        (n, (n > 0).then(|| v.iter().sum::<f64>() / n as f64))
    };
    let (promoters, pm) = mean(|s| s >= 9);
    let (detractors, dm) = mean(|s| s <= 6);
    let ratio = match (pm, dm) {
        (Some(p), Some(d)) if d > 0.0 => Some(p / d),
        _ => None,
    };
    NpsLtv {
        promoters,
        promoter_mean_ltv: pm,
        detractors,
        detractor_mean_ltv: dm,
        ratio,
    }
}

/// The LTV bar (¥18,000 and 3 purchases) and the cohorts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct LtvReport {
    /// Customers with a purchase.
    pub customers: u64,
    /// Of them, LTV ≥ the amount bar and purchases ≥ the count bar.
    pub meeting_bar: u64,
    pub share: Option<f64>,
    /// Mean LTV (M) of customers with a purchase.
    pub average: Option<f64>,
    pub bar_amount: f64,
    pub bar_purchases: i64,
    /// Cohorts by first-purchase month.
    pub cohorts: Vec<Cohort>,
}

/// One first-purchase cohort's mean cumulative LTV, in 30-day steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Cohort {
    /// `YYYY-MM` of the first purchase.
    pub month: String,
    pub customers: u64,
    /// curve[k]: mean cumulative amount of orders within 30 × (k + 1) days
    /// of each member's first purchase; only steps every member has lived through.
    pub curve: Vec<f64>,
}

/// The LTV KPI and the cohort curves at the analysis date.
pub fn ltv(ds: &Dataset, a: &Analysis, settings: &Settings) -> LtvReport {
    use std::collections::BTreeMap;
    let buyers: Vec<&CustomerResult> = a.customers.iter().filter(|c| c.frequency > 0).collect();
    let n = buyers.len() as u64;
    let meeting = buyers
        .iter()
        .filter(|c| {
            c.monetary >= settings.targets.ltv_amount
                && i64::from(c.frequency) >= settings.targets.ltv_purchases
        })
        .count() as u64;
    let average = (n > 0).then(|| buyers.iter().map(|c| c.monetary).sum::<f64>() / n as f64);
    let mut groups: BTreeMap<(i32, u32), Vec<&CustomerResult>> = BTreeMap::new();
    for c in &buyers {
        if let Some(first) = c.first_purchase {
            groups.entry(day::year_month(first)).or_default().push(c);
        }
    }
    let cohorts = groups
        .into_iter()
        .map(|(month, members)| {
            // The step count every member has fully lived through.
            let latest_first = members
                .iter()
                .filter_map(|c| c.first_purchase)
                .max()
                .unwrap_or(a.as_of);
            let steps = ((a.as_of - latest_first) / 30).max(0) as usize;
            let mut sums = vec![0f64; steps];
            for c in &members {
                let first = c.first_purchase.unwrap_or(a.as_of);
                for o in ds.orders_of(c.idx).iter().filter(|o| o.day <= a.as_of) {
                    // An order dated before the first purchase (a return of
                    // something bought before the data begin) is part of the
                    // LTV to date from the start: step 0, however early.
                    let k = ((o.day - first).max(0) / 30) as usize;
                    if k < steps {
                        sums[k] += o.amount;
                    }
                }
            }
            let mut running = 0.0;
            let m = members.len() as f64;
            let curve = sums
                .into_iter()
                .map(|s| {
                    running += s;
                    running / m
                })
                .collect();
            Cohort {
                month: day::ym_label(month),
                customers: members.len() as u64,
                curve,
            }
        })
        .collect();
    LtvReport {
        customers: n,
        meeting_bar: meeting,
        share: ratio(meeting, n),
        average,
        bar_amount: settings.targets.ltv_amount,
        bar_purchases: settings.targets.ltv_purchases,
        cohorts,
    }
}

/// ファンコミュニティの3要素 (seed 003): number, quality, depth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Community {
    /// 数: fans — customers who referred someone who bought, or posted a review or SNS post.
    pub fans: u64,
    /// 質: share of fans whose latest NPS answer is a promoter (of fans who answered).
    pub fans_promoter_share: Option<f64>,
    /// 質: the fans who answered NPS (the share's n).
    pub fans_answered: u64,
    /// 質: 90-day retention of the customers fans referred.
    pub referred_by_fans_retention: Option<f64>,
    /// 深さ: share of customers in 関与 or 循環.
    pub depth_share: Option<f64>,
    /// 深さ: engagement events in the active window per active customer.
    pub events_per_active: Option<f64>,
}

/// The community's three elements at the analysis date.
pub fn community(ds: &Dataset, a: &Analysis, settings: &Settings) -> Community {
    let is_fan = |c: &CustomerResult| c.referred_count > 0 || c.posts > 0;
    let fans: Vec<&CustomerResult> = a.customers.iter().filter(|c| is_fan(c)).collect();
    let answered: Vec<&&CustomerResult> = fans.iter().filter(|c| c.nps_latest.is_some()).collect();
    let promoters = answered
        .iter()
        .filter(|c| c.nps_latest.is_some_and(|s| s >= 9))
        .count() as u64;
    let fan_set: std::collections::HashSet<u32> = fans.iter().map(|c| c.idx).collect();
    let referred = retention_of(
        a.customers
            .iter()
            .filter(|c| c.referrer.is_some_and(|p| fan_set.contains(&p))),
    );
    let deep = a
        .customers
        .iter()
        .filter(|c| matches!(c.stage, Stage::Involvement | Stage::Circulation))
        .count() as u64;
    let window = settings.active_window_days as i32;
    let active = a
        .customers
        .iter()
        .filter(|c| c.days_since_activity.is_some_and(|d| d <= window))
        .count() as u64;
    let recent_events = ds
        .events
        .iter()
        .filter(|e| e.customer != ANONYMOUS && e.day <= a.as_of && a.as_of - e.day <= window)
        .filter(|e| a.of(e.customer).is_some())
        .count() as u64;
    Community {
        fans: fans.len() as u64,
        fans_promoter_share: ratio(promoters, answered.len() as u64),
        fans_answered: answered.len() as u64,
        referred_by_fans_retention: referred.rate,
        depth_share: ratio(deep, a.customers.len() as u64),
        events_per_active: ratio(recent_events, active),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-computed: 50 promoters, 30 passives, 20 detractors (N = 100).
    /// p = 0.5, d = 0.2: NPS = 100 × 0.3 = 30;
    /// margin = 1.96 × 100 × √((0.5 + 0.2 − 0.09) / 100) = 196 × √0.0061 = 196 × 0.0781025 = 15.30809
    #[test]
    fn nps_and_its_margin_of_error() {
        let p = nps_of("x".into(), 50, 30, 20);
        assert_eq!(p.responses, 100);
        assert!((p.nps.unwrap() - 30.0).abs() < 1e-9);
        assert!(
            (p.margin.unwrap() - 15.308_09).abs() < 1e-5,
            "{:?}",
            p.margin
        );
        let empty = nps_of("y".into(), 0, 0, 0);
        assert_eq!((empty.nps, empty.margin), (None, None));
        // All promoters: NPS 100 and no spread.
        let all = nps_of("z".into(), 4, 0, 0);
        assert_eq!(all.nps, Some(100.0));
        assert_eq!(all.margin, Some(0.0));
    }
}
