//! The figures: the report behind `horetsu summary` and the dashboard, the
//! analysis screens (charts, stage × segment, RFM migration), the CLV fit,
//! NPS comments and the referral forest. All read one snapshot.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use ts_rs::TS;

use super::masked;
use crate::analytics::comments::NpsComment;
use crate::analytics::predict;
use crate::analytics::report::{BgNbdSummary, GammaGammaSummary, Report};
use crate::analytics::{self, referrals};
use crate::chart::charts;
use crate::day::{self, Day};
use crate::error::Result;
use crate::model::{Segment, Stage};
use crate::snapshot::Snapshot;
use crate::store::{self, WorkspaceInfo};
use crate::Workspace;

pub use crate::analytics::comments::NpsGroup;
pub use crate::analytics::predict::PeriodUnit;
pub use crate::model::Lang;

/// The default analysis date — the day after the latest (normal) order — with
/// one query over the orders index, the same as `Dataset::default_as_of`.
pub fn default_as_of(ws: &Workspace) -> Result<Option<Day>> {
    Ok(ws
        .with_conn(store::orders::latest_order_day)?
        .as_deref()
        .and_then(day::parse_iso)
        .map(|d| d + 1))
}

/// Every KPI at an analysis date (`horetsu summary --json`).
pub fn report(ws: &Workspace, as_of: Option<Day>, today: Day) -> Result<Report> {
    Ok(ws.snapshot(as_of, today)?.report.clone())
}

/// What the dashboard shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Dashboard {
    /// The workspace's name and demo flag.
    pub info: WorkspaceInfo,
    /// The workspace generation the figures are of: every committed write
    /// changes it, and the UI keeps what it read for one generation only.
    pub generation: u64,
    /// The workspace file.
    pub path: String,
    /// Every KPI at the analysis date.
    pub report: Report,
    /// The funnel chart (SVG).
    pub funnel_svg: String,
}

/// The dashboard of a workspace at an analysis date (no customer in it:
/// safe to show with masking on or off).
pub fn dashboard(ws: &Workspace, as_of: Option<Day>, today: Day, lang: Lang) -> Result<Dashboard> {
    let snap = ws.snapshot(as_of, today)?;
    // The dashboard shows figures; the per-customer lists of the report
    // (churn risk, point ranking) are the analysis view's, masked there
    // when asked, so they never travel with the dashboard.
    let mut report = snap.report.clone();
    report.clv.churn_risk.clear();
    report.points.ranking.clear();
    Ok(Dashboard {
        info: snap.info.clone(),
        generation: snap.generation,
        path: ws.path().display().to_string(),
        funnel_svg: charts_of(&snap, lang)?.funnel.clone(),
        report,
    })
}

/// The dashboard's figures a month before the analysis date, for 前月比.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PreviousMonth {
    /// The earlier analysis date: the same day a calendar month before
    /// (the month's last day when it has no such day).
    pub as_of: String,
    /// Every KPI at that date, from the same data (nothing after it counts).
    pub report: Report,
}

/// The date a calendar month before `day` (31 March → 28/29 February).
pub fn month_before(day: Day) -> Day {
    let d = day::to_date(day);
    let back = d.checked_sub_months(chrono::Months::new(1)).unwrap_or(d);
    day::from_date(back)
}

/// The KPIs a month before the analysis date (computed once per snapshot,
/// on request: the dashboard asks after it is shown); `None` when the shop
/// has no order by then.
pub fn previous_month(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
) -> Result<Option<PreviousMonth>> {
    let snap = ws.snapshot(as_of, today)?;
    let kept = snap.memo("previous_month", || {
        let before = month_before(snap.as_of);
        let built = analytics::report::build(&snap.ds, &snap.settings, before);
        let mut report = built.report;
        if report.orders == 0 {
            return Ok(None);
        }
        report.clv.churn_risk.clear();
        report.points.ranking.clear();
        Ok(Some(PreviousMonth {
            as_of: day::format(before),
            report,
        }))
    })?;
    Ok((*kept).clone())
}

/// NPS comments on or before the analysis date, newest first, with their categories.
pub fn nps_comments(ws: &Workspace, as_of: Option<Day>, today: Day) -> Result<Vec<NpsComment>> {
    Ok(ws.snapshot(as_of, today)?.comments.clone())
}

/// One group's newest NPS comments, and how many there are.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct NpsCommentPage {
    pub total: u64,
    pub comments: Vec<NpsComment>,
}

/// The newest `limit` comments of a group (all groups when `None`); with
/// `mask_pii`, e-mails, phones and customer names are scrubbed out of them.
pub fn nps_comment_page(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    group: Option<NpsGroup>,
    limit: usize,
    mask_pii: bool,
) -> Result<NpsCommentPage> {
    let snap = ws.snapshot(as_of, today)?;
    let mut matching = snap
        .comments
        .iter()
        .filter(|c| group.is_none_or(|g| c.group == g));
    let mut comments: Vec<_> = matching.by_ref().take(limit).cloned().collect();
    let total = (comments.len() + matching.count()) as u64;
    let names = snap.names()?;
    for c in &mut comments {
        if let Some(key) = &mut c.customer_key {
            super::identify(
                &snap,
                &names,
                mask_pii,
                key,
                &mut c.display_key,
                &mut c.name,
            )?;
        }
    }
    if mask_pii {
        let scrubber = snap.scrubber()?;
        for c in &mut comments {
            c.comment = scrubber.scrub(&c.comment);
        }
    }
    Ok(NpsCommentPage { total, comments })
}

/// The fitted CLV models (`horetsu clv --json`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ClvFit {
    /// `day` or `week`.
    pub unit: PeriodUnit,
    /// Customers fitted (with a purchase).
    pub customers: u64,
    /// Customers with a repeat period and a positive mean repeat value (Gamma-Gamma).
    pub repeat_buyers: u64,
    /// BG/NBD parameters (`alpha` in the period unit), or null with `message`.
    pub bgnbd: Option<BgNbdSummary>,
    /// Gamma-Gamma parameters, or null with `message`.
    pub gamma_gamma: Option<GammaGammaSummary>,
    /// Why a model could not be fitted.
    pub message: Option<String>,
}

/// Fits the CLV models at an analysis date (the snapshot's fit for days; a
/// fit of its own for weeks).
pub fn clv(ws: &Workspace, as_of: Option<Day>, today: Day, unit: PeriodUnit) -> Result<ClvFit> {
    let snap = ws.snapshot(as_of, today)?;
    let weekly;
    let m = match unit {
        PeriodUnit::Day => &snap.models,
        PeriodUnit::Week => {
            let mut a = snap.analysis.clone();
            weekly = predict::run(&snap.ds, &mut a, unit);
            &weekly
        }
    };
    let message = match (&m.bgnbd, &m.gamma_gamma) {
        (Err(e), _) => Some(e.to_string()),
        (Ok(_), Err(e)) => Some(e.to_string()),
        _ => None,
    };
    Ok(ClvFit {
        unit,
        customers: m.customers as u64,
        repeat_buyers: m.repeat_buyers as u64,
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
        message,
    })
}

/// Every chart of the analysis screens, as SVG drawn by the same code as the
/// workbook's PNGs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ChartSet {
    pub funnel: String,
    pub heatmap: String,
    pub stage_trend: String,
    pub referral_trend_monthly: String,
    pub referral_trend_quarterly: String,
    pub nps_trend_monthly: String,
    pub nps_trend_quarterly: String,
    pub nps_distribution: String,
    pub quadrant: String,
    pub cohorts: String,
    /// F2 by first-purchase month (the last 24), the overall rate dotted.
    pub f2_cohorts: String,
    /// アクティブ率 at each month end (the snapshot's months), the target dotted.
    pub active_trend: String,
}

/// The charts of a snapshot in a language, drawn once.
fn charts_of(snap: &Snapshot, lang: Lang) -> Result<Arc<ChartSet>> {
    let key = match lang {
        Lang::Ja => "charts_ja",
        Lang::En => "charts_en",
    };
    snap.memo(key, || draw_charts(snap, lang))
}

/// アクティブ率 at each month end of the monthly snapshots, as a rate series.
pub(crate) fn active_trend(
    monthly: &[crate::analytics::snapshots::Snapshot],
) -> Vec<crate::analytics::kpi::PeriodRate> {
    monthly
        .iter()
        .map(|m| crate::analytics::kpi::PeriodRate {
            period: m.month.clone(),
            new_customers: m.customers,
            referred: m.active,
            rate: (m.customers > 0).then(|| m.active as f64 / m.customers as f64),
        })
        .collect()
}

fn draw_charts(snap: &Snapshot, lang: Lang) -> Result<ChartSet> {
    let r = &snap.report;
    // 施策メモ: the days of the shop's notes, as numbered markers.
    let notes: Vec<Day> = snap
        .memo_read("kpi_notes", super::effect::notes_of)?
        .iter()
        .filter_map(|n| day::parse_iso(&n.day))
        .collect();
    let q = &r.points.quadrants;
    let points: Vec<(i64, i64)> = snap
        .analysis
        .customers
        .iter()
        .map(|c| (c.referral_points, c.support_points))
        .collect();
    let f2: Vec<crate::analytics::kpi::PeriodRate> = r.f2.cohorts
        [r.f2.cohorts.len().saturating_sub(24)..]
        .iter()
        .map(|c| crate::analytics::kpi::PeriodRate {
            period: c.month.clone(),
            new_customers: c.eligible,
            referred: c.converted,
            rate: c.rate,
        })
        .collect();
    let active = active_trend(&snap.monthly);
    Ok(ChartSet {
        active_trend: charts::svg(
            &charts::ReferralTrend {
                periods: &active,
                target: r.referrals.active.target,
                caption: "chart.active_trend",
                notes: &notes,
            },
            lang,
        )?,
        f2_cohorts: charts::svg(
            &charts::ReferralTrend {
                periods: &f2,
                target: r.f2.rate.unwrap_or(0.0),
                caption: "chart.f2_cohorts",
                notes: &notes,
            },
            lang,
        )?,
        funnel: charts::svg(&charts::Funnel { counts: &r.stages }, lang)?,
        heatmap: charts::svg(
            &charts::Heatmap {
                cells: &r.rfm_heatmap,
            },
            lang,
        )?,
        stage_trend: charts::svg(
            &charts::StageTrend {
                flows: &r.stage_flows,
            },
            lang,
        )?,
        referral_trend_monthly: charts::svg(
            &charts::ReferralTrend {
                periods: &r.referrals.monthly,
                target: r.referrals.rate_target,
                caption: "chart.referral_trend",
                notes: &notes,
            },
            lang,
        )?,
        referral_trend_quarterly: charts::svg(
            &charts::ReferralTrend {
                periods: &r.referrals.quarterly,
                target: r.referrals.rate_target,
                caption: "chart.referral_trend",
                notes: &notes,
            },
            lang,
        )?,
        nps_trend_monthly: charts::svg(
            &charts::NpsTrend {
                periods: &r.nps.monthly,
                notes: &notes,
            },
            lang,
        )?,
        nps_trend_quarterly: charts::svg(
            &charts::NpsTrend {
                periods: &r.nps.quarterly,
                notes: &notes,
            },
            lang,
        )?,
        nps_distribution: charts::svg(
            &charts::NpsDistribution {
                counts: &r.nps.distribution,
            },
            lang,
        )?,
        quadrant: charts::svg(
            &charts::QuadrantMap {
                points: &points,
                thresholds: r.points.thresholds,
                counts: [q[0].1, q[1].1, q[2].1, q[3].1],
            },
            lang,
        )?,
        cohorts: charts::svg(
            &charts::Cohorts {
                cohorts: &r.ltv.cohorts,
                bar: r.ltv.bar_amount,
            },
            lang,
        )?,
    })
}

/// Customers and revenue of one stage × segment cell.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StageSegmentCell {
    pub stage: Stage,
    /// `None`: no purchase yet.
    pub segment: Option<Segment>,
    pub customers: u64,
    pub revenue: f64,
}

/// What the analysis screens show at one analysis date.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AnalysisView {
    pub report: Report,
    pub charts: ChartSet,
    pub stage_segment: Vec<StageSegmentCell>,
    /// RFM segments at `migration_from` against the analysis date.
    pub migration: Option<analytics::rfm::Migration>,
    /// The editable playbook's guidance for the shop's referral phase.
    pub phase_guidance: crate::plan::actions::Texts,
    /// 後見人 pairs in progress: referred newcomers in their first 90 days
    /// with their referrer, newest first (at most [`GUARDIANS_SHOWN`]; the
    /// plan holds every referrer's guardian step).
    pub guardians: Vec<GuardianPair>,
    /// How many pairs there are in all.
    pub guardians_total: u64,
}

/// The 後見人 pairs the 紹介 screen lists (a large shop has thousands).
pub const GUARDIANS_SHOWN: usize = 100;

/// A referrer and the newcomer they brought, while the newcomer is in their
/// first 90 days.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct GuardianPair {
    /// The keys commands take (handles while masking is on).
    pub referrer_key: String,
    pub referrer_display: String,
    pub referrer_name: Option<String>,
    pub newcomer_key: String,
    pub newcomer_display: String,
    pub newcomer_name: Option<String>,
    /// Days since the newcomer's first purchase.
    pub age_days: i64,
    /// The newcomer's milestone so far.
    pub milestone: Option<crate::model::Milestone>,
    /// The referrer's planned step now.
    pub referrer_step: crate::plan::actions::ActionKind,
    /// Its due date.
    pub referrer_due: String,
}

/// The 後見人 pairs of a snapshot.
fn guardian_pairs(snap: &Snapshot, mask_pii: bool) -> Result<Vec<GuardianPair>> {
    let plan = snap.plan()?;
    let names = snap.names()?;
    let window = snap.settings.retention_window_days as i32;
    let who = |i: u32| -> Result<(String, String, Option<String>)> {
        Ok((
            snap.reference(i, mask_pii),
            super::masked(snap.key(i), mask_pii, crate::plan::mask::key),
            names[i as usize]
                .as_deref()
                .map(|n| super::masked(n, mask_pii, crate::plan::mask::name)),
        ))
    };
    let mut out = Vec::new();
    for c in &snap.analysis.customers {
        let (Some(first), Some(p)) = (c.first_purchase, c.referrer) else {
            continue;
        };
        let Some(pos) = snap.analysis.position[p as usize] else {
            continue;
        };
        if snap.as_of - first > window {
            continue;
        }
        let (referrer_key, referrer_display, referrer_name) = who(p)?;
        let (newcomer_key, newcomer_display, newcomer_name) = who(c.idx)?;
        let step = &plan[pos as usize];
        out.push(GuardianPair {
            referrer_key,
            referrer_display,
            referrer_name,
            newcomer_key,
            newcomer_display,
            newcomer_name,
            age_days: i64::from(snap.as_of - first),
            milestone: c.milestone,
            referrer_step: step.kind,
            referrer_due: step.due_on.clone(),
        });
    }
    out.sort_by_key(|a| a.age_days);
    Ok(out)
}

/// Stage × segment: customers and revenue of every cell.
pub fn stage_segment(snap: &Snapshot) -> Vec<StageSegmentCell> {
    let mut cells = Vec::new();
    for &stage in &Stage::ALL {
        for segment in Segment::ALL
            .iter()
            .map(|s| Some(*s))
            .chain(std::iter::once(None))
        {
            let (n, m) = snap
                .analysis
                .customers
                .iter()
                .filter(|c| c.stage == stage && c.segment == segment)
                .fold((0u64, 0f64), |(n, m), c| (n + 1, m + c.monetary));
            cells.push(StageSegmentCell {
                stage,
                segment,
                customers: n,
                revenue: m,
            });
        }
    }
    cells
}

/// RFM migrations from earlier dates to the snapshot's, each computed once.
type Migrations = Mutex<HashMap<Day, analytics::rfm::Migration>>;

/// The analysis screens' data; customer keys masked when asked.
pub fn analysis_view(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    lang: Lang,
    migration_from: Option<Day>,
    mask_pii: bool,
) -> Result<AnalysisView> {
    let snap = ws.snapshot(as_of, today)?;
    let charts = charts_of(&snap, lang)?;
    let cells = snap.memo("stage_segment", || Ok(stage_segment(&snap)))?;
    let migration = match migration_from.filter(|d| *d < snap.as_of) {
        Some(from) => {
            let kept = snap.memo::<Migrations>("migrations", || Ok(Mutex::default()))?;
            let found = kept
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(&from)
                .cloned();
            Some(match found {
                Some(m) => m,
                None => {
                    let before = analytics::analyze(&snap.ds, &snap.settings, from);
                    let mut m = analytics::rfm::migration(&before, &snap.analysis);
                    m.from = day::format(from);
                    m.to = day::format(snap.as_of);
                    kept.lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .insert(from, m.clone());
                    m
                }
            })
        }
        None => None,
    };
    let mut report = snap.report.clone();
    {
        let names = snap.names()?;
        for c in &mut report.clv.churn_risk {
            super::identify(
                &snap,
                &names,
                mask_pii,
                &mut c.customer_key,
                &mut c.display_key,
                &mut c.name,
            )?;
        }
        for e in &mut report.points.ranking {
            super::identify(
                &snap,
                &names,
                mask_pii,
                &mut e.customer_key,
                &mut e.display_key,
                &mut e.name,
            )?;
        }
    }
    let playbook = &snap.plan_base()?.playbook;
    let phase_guidance = match report.referrals.phase.phase {
        analytics::kpi::Phase::Initial => crate::plan::actions::Texts {
            ja: playbook.phases.initial_ja.clone(),
            en: playbook.phases.initial_en.clone(),
        },
        analytics::kpi::Phase::Mid => crate::plan::actions::Texts {
            ja: playbook.phases.mid_ja.clone(),
            en: playbook.phases.mid_en.clone(),
        },
    };
    let guardians = guardian_pairs(&snap, mask_pii)?;
    Ok(AnalysisView {
        report,
        charts: (*charts).clone(),
        stage_segment: (*cells).clone(),
        migration,
        phase_guidance,
        guardians_total: guardians.len() as u64,
        guardians: guardians.into_iter().take(GUARDIANS_SHOWN).collect(),
    })
}

/// One node of the referral forest.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct TreeNode {
    /// The key commands take (never shown while masking is on).
    pub customer_key: String,
    pub display_key: String,
    pub name: Option<String>,
    /// Index of the parent node (the referrer), `None` for a root.
    pub parent: Option<u32>,
    /// 0 for a root (a referrer nobody referred).
    pub generation: u32,
    /// `None` when not yet a customer at the analysis date.
    pub stage: Option<Stage>,
    pub ltv: f64,
    pub children: u32,
    /// Everyone below this node.
    pub descendants: u32,
}

/// The referral forest: every referrer and referred customer, in depth-first
/// order (roots with the biggest trees first, children by key), so that a
/// node's subtree is the run of nodes after it with a greater generation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ReferralForest {
    pub nodes: Vec<TreeNode>,
    pub trees: u32,
    pub max_generation: u32,
}

/// The referral forest at an analysis date.
pub fn referral_forest(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    mask_pii: bool,
) -> Result<ReferralForest> {
    let snap = ws.snapshot(as_of, today)?;
    let names = snap.names()?;
    let forest = referrals::forest(&snap.ds);
    let nodes = forest
        .nodes
        .iter()
        .map(|n| {
            let key = snap.key(n.idx);
            let r = snap.analysis.of(n.idx);
            TreeNode {
                customer_key: snap.reference(n.idx, mask_pii),
                display_key: masked(key, mask_pii, crate::plan::mask::key),
                name: names[n.idx as usize]
                    .as_deref()
                    .map(|x| masked(x, mask_pii, crate::plan::mask::name)),
                parent: n.parent,
                generation: n.generation,
                stage: r.map(|r| r.stage),
                ltv: r.map_or(0.0, |r| r.monetary),
                children: n.children,
                descendants: n.descendants,
            }
        })
        .collect();
    Ok(ReferralForest {
        nodes,
        trees: forest.trees,
        max_generation: forest.max_generation,
    })
}
