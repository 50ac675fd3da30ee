//! 効果測定 (domain.md §7): the effect of each campaign in the contact log
//! and of each kind of plan step marked done, against its control group.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::analytics::effect::{self, Exposure, Method, Outcomes, StagesAt};
use crate::analytics::CustomerIdx;
use crate::day::{self, Day};
use crate::error::Result;
use crate::plan::actions::ActionKind;
use crate::snapshot::Snapshot;
use crate::Workspace;

/// The default outcome window W, in days.
pub const DEFAULT_WINDOW_DAYS: i64 = 60;

/// One campaign's effect.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CampaignEffect {
    /// The campaign (施策) as the log names it, or `plan:<action id>` for a
    /// kind of plan step marked done.
    pub campaign: String,
    /// `randomised` with a recorded holdout, else `observational` (a matched
    /// comparison: same stage, temperature and segment, not contacted).
    pub method: Method,
    /// Customers reached (each counted once, at their first contact).
    pub treated: u64,
    /// Customers in the control group.
    pub control: u64,
    pub window_days: i64,
    /// The first and the last contact date.
    pub first_contact: String,
    pub last_contact: String,
    pub outcomes: Outcomes,
}

/// Every campaign's effect at an analysis date.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct EffectReport {
    pub as_of: String,
    pub window_days: i64,
    /// Latest first.
    pub campaigns: Vec<CampaignEffect>,
}

/// The contact log read for effect measurement: exposures by campaign, and
/// the treated contact days by customer (for matching).
type Log = (
    HashMap<String, Vec<Exposure>>,
    HashMap<CustomerIdx, Vec<Day>>,
);

fn read_log(ws: &Workspace, snap: &Snapshot) -> Result<Log> {
    let index = snap.row_index()?;
    let mut campaigns: HashMap<String, Vec<Exposure>> = HashMap::new();
    let mut contacted: HashMap<CustomerIdx, Vec<Day>> = HashMap::new();
    ws.with_conn(|conn| {
        crate::store::contacts::for_effect(conn, |name, row_id, on, control| {
            let Some(&c) = index.get(&row_id) else { return };
            let Some(d) = day::parse_iso(on).filter(|d| *d <= snap.as_of) else {
                return;
            };
            // A plan line is a step marked done; other plan actions are not campaigns.
            if let Some(action) = name.strip_prefix("plan:") {
                if ActionKind::parse(action).is_none() {
                    return;
                }
            }
            if !control {
                contacted.entry(c).or_default().push(d);
            }
            let exposure = Exposure {
                customer: c,
                day: d,
                control,
            };
            match campaigns.get_mut(name) {
                Some(v) => v.push(exposure),
                None => {
                    campaigns.insert(name.to_string(), vec![exposure]);
                }
            }
        })
    })?;
    Ok((campaigns, contacted))
}

/// A campaign's exposures with its control group: the recorded holdout, or
/// a matched group.
fn with_controls(
    snap: &Snapshot,
    stages: &mut StagesAt<'_>,
    name: &str,
    exposures: &[Exposure],
    contacted: &HashMap<CustomerIdx, Vec<Day>>,
    window: i32,
) -> (Method, Vec<Exposure>) {
    if exposures.iter().any(|e| e.control) {
        return (Method::Randomised, exposures.to_vec());
    }
    let controls = effect::matched_controls(&snap.ds, stages, exposures, contacted, name, window);
    let mut all = exposures.to_vec();
    all.extend(controls);
    (Method::Observational, all)
}

/// The effect of every campaign in the contact log and every kind of plan
/// step marked done, with outcomes over days D+1 … D+W.
pub fn effect(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    window_days: i64,
) -> Result<EffectReport> {
    let snap = ws.snapshot(as_of, today)?;
    let window = window_days.clamp(1, 3650) as i32;
    let (campaigns, contacted) = read_log(ws, &snap)?;
    let mut stages = StagesAt::new(&snap.ds, &snap.settings);
    let mut out: Vec<CampaignEffect> = Vec::new();
    let mut names: Vec<&String> = campaigns.keys().collect();
    names.sort();
    for name in names {
        let exposures = &campaigns[name];
        let (method, all) = with_controls(&snap, &mut stages, name, exposures, &contacted, window);
        let (treated, control, outcomes) =
            effect::measure_with(&snap.ds, &mut stages, snap.as_of, &all, window);
        let first = exposures.iter().map(|e| e.day).min().unwrap_or(snap.as_of);
        let last = exposures.iter().map(|e| e.day).max().unwrap_or(snap.as_of);
        out.push(CampaignEffect {
            campaign: name.clone(),
            method,
            treated,
            control,
            window_days: i64::from(window),
            first_contact: day::format(first),
            last_contact: day::format(last),
            outcomes,
        });
    }
    out.sort_by(|a, b| {
        b.last_contact
            .cmp(&a.last_contact)
            .then(a.campaign.cmp(&b.campaign))
    });
    Ok(EffectReport {
        as_of: day::format(snap.as_of),
        window_days: i64::from(window),
        campaigns: out,
    })
}

/// One customer of a campaign, and what they did in the window.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct EffectCustomer {
    /// The key commands take (a handle while masking is on).
    pub customer_key: String,
    /// The key to show (masked when asked).
    pub display_key: String,
    pub name: Option<String>,
    /// Held out (対照).
    pub control: bool,
    /// The contact date.
    pub contacted_on: String,
    pub purchased: bool,
    pub revenue: f64,
    pub stage_up: bool,
    pub referred: bool,
    pub promoter: bool,
}

/// The customers of one campaign (treated first, then control), for the
/// 効果 screen's drill-down.
pub fn effect_customers(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    window_days: i64,
    campaign: &str,
    mask_pii: bool,
) -> Result<Vec<EffectCustomer>> {
    let snap = ws.snapshot(as_of, today)?;
    let window = window_days.clamp(1, 3650) as i32;
    let (campaigns, contacted) = read_log(ws, &snap)?;
    let Some(exposures) = campaigns.get(campaign) else {
        return Err(crate::error::Error::invalid(
            "campaign",
            format!("no campaign named {campaign} in the contact log"),
        ));
    };
    let mut stages = StagesAt::new(&snap.ds, &snap.settings);
    let (_, all) = with_controls(&snap, &mut stages, campaign, exposures, &contacted, window);
    let names = snap.names()?;
    let mut rows: Vec<EffectCustomer> = effect::observations(&snap.ds, &mut stages, &all, window)
        .into_iter()
        .map(|(e, o)| {
            let name = names[e.customer as usize].as_deref();
            EffectCustomer {
                customer_key: snap.reference(e.customer, mask_pii),
                display_key: super::masked(snap.key(e.customer), mask_pii, crate::plan::mask::key),
                name: name.map(|n| super::masked(n, mask_pii, crate::plan::mask::name)),
                control: e.control,
                contacted_on: day::format(e.day),
                purchased: o.purchased,
                revenue: o.revenue,
                stage_up: o.stage_up,
                referred: o.referred,
                promoter: o.promoter,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        a.control
            .cmp(&b.control)
            .then(a.customer_key.cmp(&b.customer_key))
    });
    Ok(rows)
}

/// What the 効果 screen shows: the report and, per campaign (same order),
/// the chart of its rate outcomes' uplift intervals.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct EffectView {
    pub report: EffectReport,
    /// SVG per campaign, drawn by our own chart code.
    pub charts: Vec<String>,
}

/// The 効果 screen's data.
pub fn effect_view(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    window_days: i64,
    lang: crate::model::Lang,
) -> Result<EffectView> {
    let report = effect(ws, as_of, today, window_days)?;
    let charts = report
        .campaigns
        .iter()
        .map(|c| {
            let o = &c.outcomes;
            let rows: Vec<(String, effect::OutcomeEffect)> = [
                ("purchase", o.purchase),
                ("stage_up", o.stage_up),
                ("referral", o.referral),
                ("promoter", o.promoter),
            ]
            .into_iter()
            .map(|(id, e)| (crate::labels::label(lang, "outcome", id).to_string(), e))
            .collect();
            crate::chart::charts::svg(&crate::chart::effect::UpliftIntervals { rows: &rows }, lang)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(EffectView { report, charts })
}

/// 施策メモ: what the shop started, and when; drawn as numbered markers on
/// the KPI charts (紹介率, NPS, F2).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct KpiNote {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub text: String,
}

const NOTES_KEY: &str = "kpi_notes";

/// The workspace's 施策メモ, oldest first (as read under a snapshot).
pub(crate) fn notes_of(c: crate::store::Conn<'_>) -> Result<Vec<KpiNote>> {
    Ok(crate::store::settings::document(c, NOTES_KEY)?.unwrap_or_default())
}

/// The workspace's 施策メモ, oldest first. With `mask_pii` the texts lose
/// e-mails, phone numbers and the workspace's customer names, as other free
/// text does (the screen does not edit notes while masking is on).
pub fn kpi_notes(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    mask_pii: bool,
) -> Result<Vec<KpiNote>> {
    let mut notes = ws.with_conn(notes_of)?;
    if mask_pii {
        let scrubber = ws.snapshot(as_of, today)?.scrubber()?;
        for n in &mut notes {
            n.text = scrubber.scrub(&n.text);
        }
    }
    Ok(notes)
}

/// Replaces the 施策メモ (at most 100; each a date and up to 200 characters).
pub fn save_kpi_notes(ws: &Workspace, notes: &[KpiNote]) -> Result<Vec<KpiNote>> {
    use crate::error::Error;
    if notes.len() > 100 {
        return Err(Error::invalid("notes", "at most 100 notes"));
    }
    let mut clean = Vec::with_capacity(notes.len());
    for n in notes {
        let day = day::parse_iso(n.day.trim()).ok_or_else(|| {
            Error::invalid("notes", format!("{} is not a date (YYYY-MM-DD)", n.day))
        })?;
        let text = n.text.trim();
        if text.is_empty() || text.chars().count() > 200 {
            return Err(Error::invalid("notes", "a note needs 1 to 200 characters"));
        }
        clean.push(KpiNote {
            day: day::format(day),
            text: text.to_string(),
        });
    }
    clean.sort_by(|a, b| a.day.cmp(&b.day));
    ws.with_tx(|tx| crate::store::settings::put_document(tx, NOTES_KEY, &clean))?;
    Ok(clean)
}
