//! The analytics engine: pure functions of a loaded [`Dataset`], the
//! [`Settings`] and an analysis date. Nothing here reads a clock or a file.
//!
//! Definitions follow domain.md §2–5 exactly; each submodule states the rule
//! it implements and carries hand-computed tests.

pub mod clv;
pub mod comments;
pub mod dataset;
pub mod effect;
pub mod fans;
pub mod kpi;
pub mod ledger;
pub mod predict;
pub mod referrals;
pub mod report;
pub mod rfm;
pub mod snapshots;
pub mod stage;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::Day;
use crate::model::{Axis, Milestone, Segment, Stage, Temperature};
use crate::points::{
    KIND_EVENT, KIND_REFEREE_REPEAT, KIND_REFERRAL, KIND_REVIEW, KIND_ROUNDTABLE, KIND_SNS_POST,
    KIND_TESTIMONIAL,
};
use crate::settings::Settings;
pub use dataset::{CustomerIdx, Dataset, ANONYMOUS};
pub use fans::{Badge, Quadrant, QuadrantThresholds};
pub use stage::{StageHold, StageReason};

/// One customer's figures at the analysis date.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerResult {
    /// Index into [`Dataset::customers`].
    pub idx: CustomerIdx,
    /// First purchase day.
    pub first_purchase: Option<Day>,
    /// Last purchase day.
    pub last_purchase: Option<Day>,
    /// Days from the last purchase to the analysis date (R).
    pub recency_days: Option<i32>,
    /// Number of purchases (F).
    pub frequency: u32,
    /// Sum of all order amounts, returns included (M, LTV to date).
    pub monetary: f64,
    /// R score 1–5 (0 without a purchase).
    pub r: u8,
    /// F score 1–5 (0 without a purchase).
    pub f: u8,
    /// M score 1–5 (0 without a purchase).
    pub m: u8,
    /// RFM segment (none without a purchase).
    pub segment: Option<Segment>,
    /// 惚れ通 stage.
    pub stage: Stage,
    /// Why.
    pub reason: StageReason,
    /// Why not higher, when close.
    pub hold: Option<StageHold>,
    /// 温度感.
    pub temperature: Temperature,
    /// 紹介ポイント to date.
    pub referral_points: i64,
    /// 応援ポイント to date.
    pub support_points: i64,
    /// 熱量スコア: points decayed by their age.
    pub heat: f64,
    /// Referees who bought.
    pub referred_buyers: u32,
    /// Everyone this customer referred (bought or not).
    pub referred_count: u32,
    /// Who referred this customer.
    pub referrer: Option<CustomerIdx>,
    /// Latest NPS score.
    pub nps_latest: Option<u8>,
    /// Days since the last purchase or event.
    pub days_since_activity: Option<i32>,
    /// Reviews and SNS posts.
    pub posts: u32,
    /// Reviews posted.
    pub reviews: u32,
    /// Events and roundtables attended.
    pub events: u32,
    /// Settled within 90 days of the first order (a purchase on a later day,
    /// or an event);
    /// `None` while the first order is less than 90 days old.
    pub settled_90: Option<bool>,
    /// The first purchase on a later calendar day than the first (F2).
    pub second_visit: Option<Day>,
    /// The highest newcomer milestone (居場所 → 役割 → 変化) reached within
    /// the retention window after the first purchase.
    pub milestone: Option<Milestone>,
    /// The latest testimonial (お客様の声).
    pub last_testimonial: Option<Day>,
    /// Reach × depth quadrant.
    pub quadrant: Quadrant,
    /// Badges held.
    pub badges: Vec<Badge>,
    /// BG/NBD probability of being alive (`None` when the model cannot fit).
    pub p_alive: Option<f64>,
    /// Expected orders in the next 90 days.
    pub expected_orders_90: Option<f64>,
    /// Expected orders in the next 365 days.
    pub expected_orders_365: Option<f64>,
    /// Predicted value of the next 365 days (expected orders × expected order value).
    pub predicted_clv_365: Option<f64>,
}

/// Counts per stage, lowest first; serialised with the stable stage ids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StageCounts {
    pub observer: u64,
    pub landing: u64,
    pub empathy: u64,
    pub involvement: u64,
    pub circulation: u64,
}

impl StageCounts {
    /// Adds one customer.
    pub fn add(&mut self, stage: Stage) {
        *self.get_mut(stage) += 1;
    }

    fn get_mut(&mut self, stage: Stage) -> &mut u64 {
        match stage {
            Stage::Observer => &mut self.observer,
            Stage::Landing => &mut self.landing,
            Stage::Empathy => &mut self.empathy,
            Stage::Involvement => &mut self.involvement,
            Stage::Circulation => &mut self.circulation,
        }
    }

    /// The count of one stage.
    pub fn get(&self, stage: Stage) -> u64 {
        match stage {
            Stage::Observer => self.observer,
            Stage::Landing => self.landing,
            Stage::Empathy => self.empathy,
            Stage::Involvement => self.involvement,
            Stage::Circulation => self.circulation,
        }
    }

    /// All customers.
    pub fn total(&self) -> u64 {
        Stage::ALL.iter().map(|&s| self.get(s)).sum()
    }
}

/// The analysis of a workspace at one date.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The analysis date.
    pub as_of: Day,
    /// Every customer at that date (a purchase, or a registration).
    pub customers: Vec<CustomerResult>,
    /// Counted orders up to the date (purchases and returns, anonymous included).
    pub orders: u64,
    /// Sum of their amounts.
    pub revenue: f64,
    /// Orders without a customer key.
    pub anonymous_orders: u64,
    /// Revenue without a customer key.
    pub anonymous_revenue: f64,
    /// Customers per stage.
    pub stages: StageCounts,
    /// The quadrant thresholds used.
    pub thresholds: QuadrantThresholds,
    /// For each customer index, its position in `customers` (if a customer at the date).
    pub position: Vec<Option<u32>>,
}

impl Analysis {
    /// The result of a customer index, if they are a customer at the date.
    pub fn of(&self, c: CustomerIdx) -> Option<&CustomerResult> {
        self.position
            .get(c as usize)
            .copied()
            .flatten()
            .map(|p| &self.customers[p as usize])
    }
}

/// Runs the per-customer analysis at `as_of`.
pub fn analyze(ds: &Dataset, settings: &Settings, as_of: Day) -> Analysis {
    let n = ds.customers.len();
    let rules = &ds.rules;
    let half_life = settings.heat_half_life_days.max(1.0);
    // "Within the last N days" means 0 ≤ (analysis date − date) ≤ N, everywhere.
    let involvement_from = as_of - settings.stages.involvement_window_days as i32;
    let retention_days = settings.retention_window_days as i32;

    // Orders: per-customer aggregates, and the workspace totals.
    let mut orders = 0u64;
    let mut revenue = 0.0;
    let mut anonymous_orders = 0u64;
    let mut anonymous_revenue = 0.0;
    let mut first_purchase: Vec<Option<Day>> = vec![None; n];
    let mut second_purchase: Vec<Option<Day>> = vec![None; n];
    let mut second_visit: Vec<Option<Day>> = vec![None; n];
    for o in ds.orders.iter().filter(|o| o.day <= as_of) {
        orders += 1;
        revenue += o.amount;
        if o.customer == ANONYMOUS {
            anonymous_orders += 1;
            anonymous_revenue += o.amount;
        }
    }
    for c in 0..n {
        let mut purchases = ds
            .orders_of(c as CustomerIdx)
            .iter()
            .filter(|o| o.day <= as_of && o.amount > 0.0);
        first_purchase[c] = purchases.next().map(|o| o.day);
        second_purchase[c] = purchases.next().map(|o| o.day);
        // The same-day rule (domain.md §2): a second visit is a purchase on a
        // later calendar day than the first.
        second_visit[c] = first_purchase[c].and_then(|f| {
            ds.orders_of(c as CustomerIdx)
                .iter()
                .find(|o| o.day > f && o.day <= as_of && o.amount > 0.0)
                .map(|o| o.day)
        });
    }

    // Points from referrals go to the referrer.
    let referral_rule = rules.iter().find(|r| r.kind == KIND_REFERRAL);
    let repeat_rule = rules.iter().find(|r| r.kind == KIND_REFEREE_REPEAT);
    let mut ledger = Totals {
        referral: vec![0; n],
        support: vec![0; n],
        support_in_window: vec![0.0; n],
        heat: vec![0.0; n],
        as_of,
        window_from: involvement_from,
        half_life,
    };
    let mut referred_buyers = vec![0u32; n];
    let mut referred_count = vec![0u32; n];
    for (c, referrer) in ds.referrer.iter().enumerate() {
        let Some(p) = referrer.map(|p| p as usize) else {
            continue;
        };
        let registered_by_then = ds.customers[c].registered_on.is_none_or(|d| d <= as_of);
        if first_purchase[c].is_some() || (ds.customers[c].registered && registered_by_then) {
            referred_count[p] += 1;
        }
        if first_purchase[c].is_some() {
            referred_buyers[p] += 1;
        }
        for (day, rule) in [
            (first_purchase[c], referral_rule),
            (second_purchase[c], repeat_rule),
        ] {
            let (Some(day), Some(rule)) = (day, rule) else {
                continue;
            };
            ledger.add(p, rule.axis, rule.points, day);
        }
    }

    let mut nps_latest: Vec<Option<u8>> = vec![None; n];
    let mut nps_two_way = vec![0u32; n];
    for a in ds
        .nps
        .iter()
        .filter(|a| a.day <= as_of && a.customer != ANONYMOUS)
    {
        nps_latest[a.customer as usize] = Some(a.score);
        if i64::from(a.score) >= settings.stages.empathy_min_nps {
            nps_two_way[a.customer as usize] += 1;
        }
    }

    let mut results = Vec::with_capacity(n);
    let mut intervals: Vec<f64> = Vec::new();
    for c in 0..n {
        let rec = &ds.customers[c];
        let mut frequency = 0u32;
        let mut above_trial = 0u32;
        let mut monetary = 0.0;
        let mut last_purchase: Option<Day> = None;
        intervals.clear();
        for o in ds
            .orders_of(c as CustomerIdx)
            .iter()
            .filter(|o| o.day <= as_of)
        {
            monetary += o.amount;
            if o.amount > 0.0 {
                frequency += 1;
                if o.amount > settings.trial_threshold {
                    above_trial += 1;
                }
                if let Some(prev) = last_purchase {
                    if o.day > prev {
                        intervals.push(f64::from(o.day - prev));
                    }
                }
                last_purchase = Some(o.day);
            }
        }
        let registered = rec.registered && rec.registered_on.is_none_or(|d| d <= as_of);
        if frequency == 0 && !registered {
            continue;
        }
        let mut participations = 0u32;
        let mut posts = 0u32;
        let mut reviews = 0u32;
        let mut attended = 0u32;
        let mut early_event = false;
        let mut two_way = nps_two_way[c];
        let mut last_event: Option<Day> = None;
        let mut milestone: Option<Milestone> = None;
        let mut last_testimonial: Option<Day> = None;
        for e in ds
            .events_of(c as CustomerIdx)
            .iter()
            .filter(|e| e.day <= as_of)
        {
            last_event = Some(e.day);
            let Some(rule) = e.rule.map(|i| &rules[i as usize]) else {
                continue;
            };
            let points = e
                .points_override
                .unwrap_or_else(|| rule.points_for(e.brand_tag, e.has_image));
            ledger.add(c, rule.axis, points, e.day);
            let in_window = e.day >= involvement_from;
            if rule.participation && in_window {
                participations += 1;
            }
            if rule.two_way {
                two_way += 1;
            }
            if rule.kind == KIND_REVIEW || rule.kind == KIND_SNS_POST {
                posts += 1;
            }
            if rule.kind == KIND_REVIEW {
                reviews += 1;
            }
            if rule.kind == KIND_EVENT || rule.kind == KIND_ROUNDTABLE {
                attended += 1;
            }
            if rule.kind == KIND_TESTIMONIAL {
                last_testimonial = Some(e.day);
            }
            if let Some(first) = first_purchase[c] {
                if e.day >= first && e.day <= first + retention_days {
                    early_event = true;
                    milestone = milestone.max(rule.milestone_for(e.brand_tag, e.has_image));
                }
            }
        }
        let last_activity = match (last_purchase, last_event) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let signals = stage::Signals {
            registered,
            purchases: frequency,
            purchases_above_trial: above_trial,
            referred_buyers: referred_buyers[c],
            latest_nps: nps_latest[c],
            posts,
            days_since_activity: last_activity.map(|d| as_of - d),
            participations_in_window: participations,
            support_points_in_window: ledger.support_in_window[c],
            two_way,
        };
        let (stage, reason, hold) =
            stage::classify(&signals, &settings.stages, settings.trial_threshold);
        let recency_days = last_purchase.map(|d| as_of - d);
        // A member without a purchase or a 登録日 has no clock to read.
        let temperature = match recency_days.or_else(|| rec.registered_on.map(|d| as_of - d)) {
            Some(days) => {
                stage::temperature(days, stage::median(&mut intervals), &settings.temperature)
            }
            None => Temperature::Unknown,
        };
        results.push(CustomerResult {
            idx: c as CustomerIdx,
            first_purchase: first_purchase[c],
            last_purchase,
            recency_days,
            frequency,
            monetary,
            r: 0,
            f: 0,
            m: 0,
            segment: None,
            stage,
            reason,
            hold,
            temperature,
            referral_points: 0,
            support_points: 0,
            heat: 0.0,
            referred_buyers: referred_buyers[c],
            referred_count: referred_count[c],
            referrer: ds.referrer[c],
            nps_latest: nps_latest[c],
            days_since_activity: signals.days_since_activity,
            posts,
            reviews,
            events: attended,
            settled_90: first_purchase[c]
                .filter(|&f| as_of - f >= retention_days)
                .map(|f| early_event || second_visit[c].is_some_and(|s| s <= f + retention_days)),
            second_visit: second_visit[c],
            milestone,
            last_testimonial,
            quadrant: Quadrant::Quiet,
            badges: Vec::new(),
            p_alive: None,
            expected_orders_90: None,
            expected_orders_365: None,
            predicted_clv_365: None,
        });
    }
    // Points and heat are complete only after every event and referral is seen.
    for res in &mut results {
        let c = res.idx as usize;
        res.referral_points = ledger.referral[c];
        res.support_points = ledger.support[c];
        res.heat = ledger.heat[c];
    }
    let thresholds = QuadrantThresholds {
        referral: fans::top_threshold(
            &results
                .iter()
                .map(|r| r.referral_points)
                .collect::<Vec<_>>(),
            settings.quadrant_top_share,
        ),
        support: fans::top_threshold(
            &results.iter().map(|r| r.support_points).collect::<Vec<_>>(),
            settings.quadrant_top_share,
        ),
    };
    for res in &mut results {
        res.quadrant = fans::quadrant(res.referral_points, res.support_points, &thresholds);
        let signals = fans::BadgeSignals {
            referred_buyers: res.referred_buyers,
            reviews: res.reviews,
            events: res.events,
            settled_90: res.settled_90 == Some(true),
        };
        res.badges = fans::badges(&signals, res.quadrant);
    }

    // RFM over customers with a purchase.
    let buyers: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].frequency > 0)
        .collect();
    let rec: Vec<i32> = buyers
        .iter()
        .map(|&i| results[i].recency_days.unwrap_or(0))
        .collect();
    let freq: Vec<u32> = buyers.iter().map(|&i| results[i].frequency).collect();
    let mon: Vec<f64> = buyers.iter().map(|&i| results[i].monetary).collect();
    let (r, f, m) = rfm::scores(&settings.rfm, &rec, &freq, &mon);
    for (k, &i) in buyers.iter().enumerate() {
        let res = &mut results[i];
        res.r = r[k];
        res.f = f[k];
        res.m = m[k];
        res.segment = Some(rfm::segment(r[k], f[k], m[k]));
    }

    let mut stages = StageCounts::default();
    let mut position = vec![None; n];
    for (p, res) in results.iter().enumerate() {
        stages.add(res.stage);
        position[res.idx as usize] = Some(p as u32);
    }
    Analysis {
        as_of,
        customers: results,
        orders,
        revenue,
        anonymous_orders,
        anonymous_revenue,
        stages,
        thresholds,
        position,
    }
}

/// Running points totals per customer.
struct Totals {
    referral: Vec<i64>,
    support: Vec<i64>,
    support_in_window: Vec<f64>,
    heat: Vec<f64>,
    as_of: Day,
    window_from: Day,
    half_life: f64,
}

impl Totals {
    /// Books `points` on `axis` for customer `who`, earned on `day`.
    fn add(&mut self, who: usize, axis: Axis, points: i64, day: Day) {
        match axis {
            Axis::Referral => self.referral[who] += points,
            Axis::Support => {
                self.support[who] += points;
                if day >= self.window_from {
                    self.support_in_window[who] += points as f64;
                }
            }
        }
        let age = f64::from((self.as_of - day).max(0));
        self.heat[who] += points as f64 * 0.5f64.powf(age / self.half_life);
    }
}

#[cfg(test)]
pub(crate) mod tests;
