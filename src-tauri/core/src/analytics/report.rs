//! The full report of a workspace at an analysis date: every KPI behind
//! `horetsu summary --json` and the dashboard (schema in docs/summary.md).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fans::{Badge, Quadrant, QuadrantThresholds};
use super::kpi::{
    self, ActiveRate, Community, F2Report, LtvReport, MilestoneReport, NpsLtv, NpsPeriod,
    PeriodRate, PhaseReport, RetentionSplit,
};
use super::predict::{self, Models, PeriodUnit};
use super::rfm::{self, HeatCell};
use super::snapshots::{self, StageFlow};
use super::{Analysis, Dataset, StageCounts};
use crate::day::{self, Day};
use crate::model::{Segment, Stage, Temperature};
use crate::settings::Settings;

/// One step of the stage funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct FunnelStep {
    pub stage: Stage,
    pub customers: u64,
    /// The customers' LTV to date.
    pub revenue: f64,
    /// Of those who reached this stage or higher, the share who reached the next
    /// stage or higher (none for 循環, or when nobody reached this stage).
    pub conversion: Option<f64>,
}

/// Customers and revenue of one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SegmentCount {
    pub segment: Segment,
    pub customers: u64,
    pub revenue: f64,
}

/// Customers per temperature.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct TemperatureCounts {
    pub warm: u64,
    pub steady: u64,
    pub cooling: u64,
    pub cold: u64,
    /// Members without a purchase or a 登録日.
    pub unknown: u64,
}

/// One row of the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct RankEntry {
    pub customer_key: String,
    /// Who, as the screens show them (filled by the app's views; absent in
    /// the report): the key to show (masked when asked) and the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub display_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    pub referral_points: i64,
    pub support_points: i64,
    pub heat: f64,
    pub quadrant: Quadrant,
    pub stage: Stage,
}

/// Points, quadrant, badges and ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PointsReport {
    pub referral_points: i64,
    pub support_points: i64,
    pub thresholds: QuadrantThresholds,
    /// Customers per quadrant: co_creator, spreader, deep_supporter, quiet.
    pub quadrants: Vec<(Quadrant, u64)>,
    /// Customers holding each badge.
    pub badges: Vec<(Badge, u64)>,
    /// The top customers by heat.
    pub ranking: Vec<RankEntry>,
}

/// Referrals: rate, active rate, retention, phase, forest size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ReferralReport {
    /// Customers with a referrer.
    pub referred_customers: u64,
    /// Customers who referred someone.
    pub referrers: u64,
    /// Referral trees (roots: referrers without a referrer of their own).
    pub trees: u64,
    /// The deepest generation (1 = referred by a root).
    pub max_generation: u64,
    /// Referral rate over the whole history.
    pub rate: Option<f64>,
    /// Referral rate of the last complete quarter.
    pub rate_last_quarter: Option<f64>,
    pub rate_target: f64,
    pub monthly: Vec<PeriodRate>,
    pub quarterly: Vec<PeriodRate>,
    pub active: ActiveRate,
    pub retention: RetentionSplit,
    pub phase: PhaseReport,
}

/// NPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct NpsReport {
    pub overall: NpsPeriod,
    /// The latest quarter with answers (what the dashboard shows).
    pub latest_quarter: Option<NpsPeriod>,
    pub monthly: Vec<NpsPeriod>,
    pub quarterly: Vec<NpsPeriod>,
    /// Answers per score 0–10.
    pub distribution: Vec<u64>,
    pub ltv: NpsLtv,
    /// Comments per category (a comment may speak of several things).
    pub comment_categories: Vec<(super::comments::CommentCategory, u64)>,
}

/// A customer at risk: high past value, low P(alive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ChurnRisk {
    pub customer_key: String,
    /// Who, as the screens show them (filled by the app's views; absent in
    /// the report): the key to show (masked when asked) and the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub display_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    pub monetary: f64,
    pub p_alive: f64,
    pub expected_orders_365: f64,
    pub stage: Stage,
}

/// Predicted CLV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ClvReport {
    pub unit: PeriodUnit,
    /// Customers the BG/NBD model was fitted on.
    pub customers: u64,
    /// Customers the Gamma-Gamma model was fitted on.
    pub repeat_buyers: u64,
    /// BG/NBD fitted.
    pub fitted: bool,
    /// Why a model could not be fitted (plain words), if one could not.
    pub message: Option<String>,
    pub bgnbd: Option<BgNbdSummary>,
    pub gamma_gamma: Option<GammaGammaSummary>,
    pub expected_orders_90: Option<f64>,
    pub expected_orders_365: Option<f64>,
    pub predicted_clv_365: Option<f64>,
    /// Customers with LTV in the top 20 % and P(alive) below 0.5, most at stake first.
    pub churn_risk: Vec<ChurnRisk>,
    pub churn_risk_count: u64,
}

/// BG/NBD parameters as the CLI prints them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct BgNbdSummary {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub log_likelihood: f64,
}

/// Gamma-Gamma parameters as the CLI prints them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct GammaGammaSummary {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

/// Everything `horetsu summary --json` prints. The first keys are the
/// skeleton's contract and never change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Report {
    pub as_of: String,
    pub customers: u64,
    pub orders: u64,
    pub revenue: f64,
    pub anonymous_revenue: f64,
    pub stages: StageCounts,
    /// Customers with a purchase (the RFM population).
    pub buyers: u64,
    pub funnel: Vec<FunnelStep>,
    pub temperatures: TemperatureCounts,
    pub segments: Vec<SegmentCount>,
    pub rfm_heatmap: Vec<HeatCell>,
    /// Stage flows month by month (the last 12 months).
    pub stage_flows: Vec<StageFlow>,
    pub points: PointsReport,
    pub referrals: ReferralReport,
    pub nps: NpsReport,
    pub ltv: LtvReport,
    pub community: Community,
    pub clv: ClvReport,
    /// F2転換率 (domain.md §2).
    pub f2: F2Report,
    /// The newcomer funnel 居場所 → 役割 → 変化 (domain.md §5).
    pub milestones: MilestoneReport,
}

/// How many months of stage flows the report carries.
pub const FLOW_MONTHS: usize = 13;

/// Conversion between neighbouring stages: of the customers who reached stage
/// k or higher, the share who reached k + 1 or higher. `None` when nobody
/// reached stage k.
pub fn funnel_conversions(counts: &StageCounts) -> [Option<f64>; 4] {
    let mut at_least = [0u64; 5];
    let mut running = 0;
    for (k, stage) in Stage::ALL.iter().enumerate().rev() {
        running += counts.get(*stage);
        at_least[k] = running;
    }
    let mut out = [None; 4];
    for k in 0..4 {
        if at_least[k] > 0 {
            out[k] = Some(at_least[k + 1] as f64 / at_least[k] as f64);
        }
    }
    out
}

/// The funnel: counts, revenue and conversions.
pub fn funnel(a: &Analysis) -> Vec<FunnelStep> {
    let mut revenue = [0f64; 5];
    for c in &a.customers {
        revenue[c.stage.index()] += c.monetary;
    }
    let conversions = funnel_conversions(&a.stages);
    Stage::ALL
        .iter()
        .enumerate()
        .map(|(k, &stage)| FunnelStep {
            stage,
            customers: a.stages.get(stage),
            revenue: revenue[k],
            conversion: conversions.get(k).copied().flatten(),
        })
        .collect()
}

/// The customers at risk (LTV in the top 20 % of buyers, P(alive) below
/// 0.5), the most at stake (LTV × (1 − P(alive))) first: the whole list the
/// report's `churn_risk` shows the head of.
pub fn churn_risk(a: &Analysis) -> Vec<&super::CustomerResult> {
    let mut monetary: Vec<f64> = a
        .customers
        .iter()
        .filter(|c| c.frequency > 0)
        .map(|c| c.monetary)
        .collect();
    monetary.sort_by(|x, y| y.total_cmp(x));
    let cutoff = monetary
        .get(((monetary.len() as f64 * 0.2).ceil() as usize).saturating_sub(1))
        .copied()
        .unwrap_or(f64::INFINITY);
    let mut risk: Vec<&super::CustomerResult> = a
        .customers
        .iter()
        .filter(|c| c.frequency > 0 && c.monetary >= cutoff && c.p_alive.is_some_and(|p| p < 0.5))
        .collect();
    let at_stake = |c: &super::CustomerResult| c.monetary * (1.0 - c.p_alive.unwrap_or(0.0));
    risk.sort_by(|x, y| at_stake(y).total_cmp(&at_stake(x)));
    risk
}

/// Everyone with heat, the hottest first (ties by import order): the whole
/// list the report's `ranking` shows the head of.
pub fn heat_ranking(a: &Analysis) -> Vec<&super::CustomerResult> {
    let mut ranked: Vec<&super::CustomerResult> =
        a.customers.iter().filter(|c| c.heat > 0.0).collect();
    ranked.sort_by(|x, y| y.heat.total_cmp(&x.heat).then(x.idx.cmp(&y.idx)));
    ranked
}

fn clv_report(a: &Analysis, m: &Models, key: &dyn Fn(u32) -> String) -> ClvReport {
    let message = match (&m.bgnbd, &m.gamma_gamma) {
        (Err(e), _) => Some(e.to_string()),
        (Ok(_), Err(e)) => Some(format!("Order values cannot be predicted: {e}")),
        _ => None,
    };
    let sum = |f: fn(&super::CustomerResult) -> Option<f64>| -> Option<f64> {
        let v: Vec<f64> = a.customers.iter().filter_map(f).collect();
        (!v.is_empty()).then(|| v.iter().sum())
    };
    let mut risk: Vec<ChurnRisk> = churn_risk(a)
        .into_iter()
        .map(|c| ChurnRisk {
            customer_key: key(c.idx),
            display_key: None,
            name: None,
            monetary: c.monetary,
            p_alive: c.p_alive.unwrap_or(0.0),
            expected_orders_365: c.expected_orders_365.unwrap_or(0.0),
            stage: c.stage,
        })
        .collect();
    let count = risk.len() as u64;
    risk.truncate(50);
    ClvReport {
        unit: m.unit,
        customers: m.customers as u64,
        repeat_buyers: m.repeat_buyers as u64,
        fitted: m.bgnbd.is_ok(),
        message,
        bgnbd: m.bgnbd.as_ref().ok().map(|p| BgNbdSummary {
            r: p.r,
            alpha: p.alpha,
            a: p.a,
            b: p.b,
            log_likelihood: p.log_likelihood,
        }),
        gamma_gamma: m.gamma_gamma.as_ref().ok().map(|p| GammaGammaSummary {
            p: p.p,
            q: p.q,
            v: p.v,
        }),
        expected_orders_90: sum(|c| c.expected_orders_90),
        expected_orders_365: sum(|c| c.expected_orders_365),
        predicted_clv_365: sum(|c| c.predicted_clv_365),
        churn_risk: risk,
        churn_risk_count: count,
    }
}

/// Everything computed at one analysis date.
#[derive(Debug, Clone)]
pub struct Built {
    /// Per customer, with the day-unit predictions filled in.
    pub analysis: Analysis,
    /// The day-unit CLV fits.
    pub models: Models,
    /// Stages at the last [`FLOW_MONTHS`] month ends.
    pub monthly: Vec<snapshots::Snapshot>,
    /// Every KPI.
    pub report: Report,
}

/// The full analysis at a date: per customer (with predictions), the
/// monthly stage snapshots and the report.
pub fn build(ds: &Dataset, settings: &Settings, as_of: Day) -> Built {
    let mut analysis = super::analyze(ds, settings, as_of);
    let models = predict::run(ds, &mut analysis, PeriodUnit::Day);
    let monthly = snapshots::monthly(ds, settings, as_of, FLOW_MONTHS);
    let report = report_of(ds, settings, &analysis, &models, &monthly);
    Built {
        analysis,
        models,
        monthly,
        report,
    }
}

/// The report of an analysis whose predictions are filled in.
pub fn report_of(
    ds: &Dataset,
    settings: &Settings,
    a: &Analysis,
    models: &Models,
    month_ends: &[snapshots::Snapshot],
) -> Report {
    let key = |c: u32| ds.customers[c as usize].key.clone();
    let mut temperatures = TemperatureCounts::default();
    let mut segments: Vec<SegmentCount> = Segment::ALL
        .iter()
        .map(|&segment| SegmentCount {
            segment,
            customers: 0,
            revenue: 0.0,
        })
        .collect();
    let mut quadrants = [0u64; 4];
    let mut badges = [0u64; 6];
    for c in &a.customers {
        match c.temperature {
            Temperature::Warm => temperatures.warm += 1,
            Temperature::Steady => temperatures.steady += 1,
            Temperature::Cooling => temperatures.cooling += 1,
            Temperature::Cold => temperatures.cold += 1,
            Temperature::Unknown => temperatures.unknown += 1,
        }
        if let Some(s) = c.segment {
            if let Some(e) = segments.iter_mut().find(|e| e.segment == s) {
                e.customers += 1;
                e.revenue += c.monetary;
            }
        }
        quadrants[Quadrant::ALL
            .iter()
            .position(|q| *q == c.quadrant)
            .unwrap_or(3)] += 1;
        for b in &c.badges {
            if let Some(i) = Badge::ALL.iter().position(|x| x == b) {
                badges[i] += 1;
            }
        }
    }
    let ranking = heat_ranking(a)
        .into_iter()
        .take(20)
        .map(|c| RankEntry {
            customer_key: key(c.idx),
            display_key: None,
            name: None,
            referral_points: c.referral_points,
            support_points: c.support_points,
            heat: c.heat,
            quadrant: c.quadrant,
            stage: c.stage,
        })
        .collect();

    let forest = super::referrals::forest(ds);
    let (monthly, quarterly) = kpi::referral_rates(ds, a);
    let new_total: u64 = monthly.iter().map(|p| p.new_customers).sum();
    let referred_total: u64 = monthly.iter().map(|p| p.referred).sum();
    let current_quarter = day::quarter_label(a.as_of);
    let last_quarter = quarterly
        .iter()
        .rev()
        .find(|q| q.period != current_quarter)
        .and_then(|q| q.rate);
    let referrals = ReferralReport {
        referred_customers: a.customers.iter().filter(|c| c.referrer.is_some()).count() as u64,
        referrers: a.customers.iter().filter(|c| c.referred_count > 0).count() as u64,
        trees: u64::from(forest.trees),
        max_generation: u64::from(forest.max_generation),
        rate: (new_total > 0).then(|| referred_total as f64 / new_total as f64),
        rate_last_quarter: last_quarter,
        rate_target: settings.targets.referral_rate,
        monthly,
        quarterly,
        active: kpi::active_rate(a, settings),
        retention: kpi::retention(a, settings),
        phase: kpi::phase(ds, a, settings),
    };
    let (nps_monthly, nps_quarterly, overall, distribution) = kpi::nps(ds, a.as_of);
    let nps = NpsReport {
        overall,
        latest_quarter: nps_quarterly.last().cloned(),
        monthly: nps_monthly,
        quarterly: nps_quarterly,
        distribution,
        ltv: kpi::nps_ltv(a),
        comment_categories: Vec::new(),
    };
    let clv = clv_report(a, models, &key);
    Report {
        as_of: day::format(a.as_of),
        customers: a.customers.len() as u64,
        orders: a.orders,
        revenue: a.revenue,
        anonymous_revenue: a.anonymous_revenue,
        stages: a.stages,
        buyers: a.customers.iter().filter(|c| c.frequency > 0).count() as u64,
        funnel: funnel(a),
        temperatures,
        segments,
        rfm_heatmap: rfm::heatmap(a),
        stage_flows: snapshots::flows(month_ends),
        points: PointsReport {
            referral_points: a.customers.iter().map(|c| c.referral_points).sum(),
            support_points: a.customers.iter().map(|c| c.support_points).sum(),
            thresholds: a.thresholds,
            quadrants: Quadrant::ALL.iter().copied().zip(quadrants).collect(),
            badges: Badge::ALL.iter().copied().zip(badges).collect(),
            ranking,
        },
        referrals,
        nps,
        ltv: kpi::ltv(ds, a, settings),
        community: kpi::community(ds, a, settings),
        clv,
        f2: kpi::f2(a, settings),
        milestones: kpi::milestones(a, settings),
    }
}
