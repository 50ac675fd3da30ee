//! 効果測定 (domain.md §7): the effect of each campaign in the contact log
//! and of each kind of plan step marked done, against its control group.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::analytics::effect::{self, Exposure, Method, Outcomes, StagesAt};
use crate::analytics::CustomerIdx;
use crate::analytics::Dataset;
use crate::day::{self, Day};
use crate::error::Result;
use crate::model::Lang;
use crate::plan::actions::ActionKind;
use crate::settings::Settings;
use crate::store::Conn;
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
struct Log {
    campaigns: HashMap<String, Vec<Exposure>>,
    contacted: HashMap<CustomerIdx, Vec<Day>>,
}

/// What effect measurement reads: the dataset and settings (of a kept
/// snapshot, or read alone when none is kept), and the analysis date.
struct Base<'a> {
    ds: &'a Dataset,
    settings: &'a Settings,
    as_of: Day,
}

fn read_log(c: Conn<'_>, ds: &Dataset, as_of: Day) -> Result<Log> {
    // Row id → dataset index: a table when the ids are dense (as SQLite
    // gives them), a map when a file holds far-apart ids.
    let max_id = ds.customers.iter().map(|c| c.id).max().unwrap_or(0);
    let dense = max_id >= 0 && (max_id as usize) <= 4 * ds.customers.len() + 1_000_000;
    let (table, map): (Vec<CustomerIdx>, HashMap<i64, CustomerIdx>) = if dense {
        let mut t = vec![CustomerIdx::MAX; max_id as usize + 1];
        for (i, c) in ds.customers.iter().enumerate() {
            if c.id >= 0 {
                t[c.id as usize] = i as CustomerIdx;
            }
        }
        (t, HashMap::new())
    } else {
        let m = ds
            .customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i as CustomerIdx))
            .collect();
        (Vec::new(), m)
    };
    let lookup = |id: i64| -> Option<CustomerIdx> {
        if dense {
            usize::try_from(id)
                .ok()
                .and_then(|i| table.get(i).copied())
                .filter(|&c| c != CustomerIdx::MAX)
        } else {
            map.get(&id).copied()
        }
    };
    // Interned by name: one string per campaign, not per line; the log's
    // lines come grouped by campaign, so the last name is tried first.
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut lists: Vec<Vec<Exposure>> = Vec::new();
    let mut last: Option<(String, Option<usize>)> = None;
    crate::store::contacts::for_effect(c, |name, row_id, d, control| {
        if d > as_of {
            return;
        }
        let Some(c) = lookup(row_id) else { return };
        let k = match &last {
            Some((n, k)) if n == name => *k,
            _ => {
                let k = match ids.get(name) {
                    Some(&k) => Some(k),
                    // A plan line is a step marked done; other plan actions are not campaigns.
                    None if name
                        .strip_prefix("plan:")
                        .is_some_and(|a| ActionKind::parse(a).is_none()) =>
                    {
                        None
                    }
                    None => {
                        ids.insert(name.to_string(), lists.len());
                        lists.push(Vec::new());
                        Some(lists.len() - 1)
                    }
                };
                last = Some((name.to_string(), k));
                k
            }
        };
        if let Some(k) = k {
            lists[k].push(Exposure {
                customer: c,
                day: d,
                control,
            });
        }
    })?;
    let mut campaigns = HashMap::with_capacity(ids.len());
    for (name, k) in ids {
        campaigns.insert(name, std::mem::take(&mut lists[k]));
    }
    // The treated contact days by customer, for matching: only when a
    // campaign has no recorded holdout.
    let mut contacted: HashMap<CustomerIdx, Vec<Day>> = HashMap::new();
    let matching = campaigns
        .values()
        .any(|v: &Vec<Exposure>| !v.iter().any(|e| e.control));
    if matching {
        for e in campaigns.values().flatten().filter(|e| !e.control) {
            contacted.entry(e.customer).or_default().push(e.day);
        }
    }
    Ok(Log {
        campaigns,
        contacted,
    })
}

/// A campaign's exposures with its control group: the recorded holdout, or
/// a matched group.
fn with_controls(
    ds: &Dataset,
    stages: &mut StagesAt<'_>,
    name: &str,
    exposures: &[Exposure],
    contacted: &HashMap<CustomerIdx, Vec<Day>>,
    window: i32,
) -> (Method, Vec<Exposure>) {
    if exposures.iter().any(|e| e.control) {
        return (Method::Randomised, exposures.to_vec());
    }
    let controls = effect::matched_controls(ds, stages, exposures, contacted, name, window);
    let mut all = exposures.to_vec();
    all.extend(controls);
    (Method::Observational, all)
}

/// Runs `f` on what effect measurement reads: the kept snapshot's dataset
/// when the app holds one (its log read once per snapshot), else the
/// dataset and settings alone (the CLI: no analysis, CLV fit or report is
/// built for a measurement that needs none of them).
fn with_base<T>(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    f: impl FnOnce(&Base<'_>, &Log) -> Result<T>,
) -> Result<T> {
    if let Some(snap) = ws.kept_snapshot(as_of) {
        let log = snap.memo_read("effect_log", |c| read_log(c, &snap.ds, snap.as_of))?;
        let base = Base {
            ds: &snap.ds,
            settings: &snap.settings,
            as_of: snap.as_of,
        };
        return f(&base, &log);
    }
    let (ds, settings, log, as_of) = ws.with_conn(|c| {
        let ds = crate::store::dataset::load(c)?;
        let settings = crate::store::settings::analysis(c)?;
        let as_of = as_of.or_else(|| ds.default_as_of()).unwrap_or(today);
        let log = read_log(c, &ds, as_of)?;
        Ok((ds, settings, log, as_of))
    })?;
    f(
        &Base {
            ds: &ds,
            settings: &settings,
            as_of,
        },
        &log,
    )
}

fn report(base: &Base<'_>, log: &Log, window: i32) -> EffectReport {
    let mut stages = StagesAt::new(base.ds, base.settings);
    // Every stage the outcomes ask for (at D and D + W of every contact), in
    // one sweep over the history rather than one per campaign.
    let mut days: Vec<Day> = log
        .campaigns
        .values()
        .flatten()
        .flat_map(|e| [e.day, (e.day + window).min(base.as_of).max(e.day)])
        .collect();
    days.sort_unstable();
    days.dedup();
    stages.prepare(&days);
    let mut out: Vec<CampaignEffect> = Vec::new();
    let mut names: Vec<&String> = log.campaigns.keys().collect();
    names.sort();
    for name in names {
        let exposures = &log.campaigns[name];
        let (method, all) = with_controls(
            base.ds,
            &mut stages,
            name,
            exposures,
            &log.contacted,
            window,
        );
        let (treated, control, outcomes) =
            effect::measure_with(base.ds, &mut stages, base.as_of, &all, window);
        let first = exposures.iter().map(|e| e.day).min().unwrap_or(base.as_of);
        let last = exposures.iter().map(|e| e.day).max().unwrap_or(base.as_of);
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
    EffectReport {
        as_of: day::format(base.as_of),
        window_days: i64::from(window),
        campaigns: out,
    }
}

/// The effect of every campaign in the contact log and every kind of plan
/// step marked done, with outcomes over days D+1 … D+W.
pub fn effect(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    window_days: i64,
) -> Result<EffectReport> {
    let window = window_days.clamp(1, 3650) as i32;
    with_base(ws, as_of, today, |base, log| Ok(report(base, log, window)))
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
    let seen = with_base(ws, as_of, today, |base, log| {
        let Some(exposures) = log.campaigns.get(campaign) else {
            return Err(crate::error::Error::invalid(
                "campaign",
                format!("no campaign named {campaign} in the contact log"),
            ));
        };
        let mut stages = StagesAt::new(base.ds, base.settings);
        let (_, all) = with_controls(
            base.ds,
            &mut stages,
            campaign,
            exposures,
            &log.contacted,
            window,
        );
        Ok(effect::observations(
            base.ds,
            &mut stages,
            &all,
            window,
            base.as_of,
        ))
    })?;
    let names = snap.names()?;
    let mut rows: Vec<EffectCustomer> = seen
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
    /// SVG per campaign, drawn by our own chart code: the first
    /// [`EAGER_CHARTS`]; the others empty (ask [`effect_chart`]).
    pub charts: Vec<String>,
}

/// The 効果 screen's data.
pub fn effect_view(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    window_days: i64,
    lang: Lang,
) -> Result<EffectView> {
    // Made once per snapshot, window and language: the screen opens at once
    // when it comes back to a measurement it showed.
    let snap = ws.snapshot(as_of, today)?;
    let views = snap.memo("effect_views", || {
        Ok(std::sync::Mutex::new(
            HashMap::<(i64, Lang), EffectView>::new(),
        ))
    })?;
    let key = (window_days.clamp(1, 3650), lang);
    if let Some(v) = views.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Ok(v.clone());
    }
    let report = effect(ws, as_of, today, window_days)?;
    // The first charts come with the view; the others as the screen scrolls
    // to them ([`effect_chart`]): a shop with many campaigns opens at once.
    let charts = report
        .campaigns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < EAGER_CHARTS {
                uplift_chart(c, lang)
            } else {
                Ok(String::new())
            }
        })
        .collect::<Result<Vec<_>>>()?;
    let view = EffectView { report, charts };
    views
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(key, view.clone());
    Ok(view)
}

/// How many campaigns' charts [`effect_view`] draws; the others come one by
/// one from [`effect_chart`].
pub const EAGER_CHARTS: usize = 3;

/// A campaign's rate outcomes as uplift intervals (SVG).
fn uplift_chart(c: &CampaignEffect, lang: Lang) -> Result<String> {
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
}

/// The chart of one campaign of the 効果 screen (from the kept view).
pub fn effect_chart(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    window_days: i64,
    campaign: &str,
    lang: Lang,
) -> Result<String> {
    let view = effect_view(ws, as_of, today, window_days, lang)?;
    let c = view
        .report
        .campaigns
        .iter()
        .find(|c| c.campaign == campaign)
        .ok_or_else(|| {
            crate::error::Error::invalid(
                "campaign",
                format!("no campaign named {campaign} in the contact log"),
            )
        })?;
    uplift_chart(c, lang)
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
