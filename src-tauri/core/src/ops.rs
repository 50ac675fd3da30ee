//! The API layer: what the desktop shell and the CLI do, each operation a
//! plain function over a [`Workspace`]. Commands in the shell and subcommands
//! in the CLI stay thin: parse input, call one function here, present.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::analytics::fans::{Badge, Quadrant};
use crate::analytics::predict::PeriodUnit;
use crate::analytics::report::Report;
use crate::analytics::{self, Dataset};
use crate::chart::{self, Lang};
use crate::day::Day;
use crate::demo::{self, DemoOptions, DemoReport};
use crate::error::{Error, Result};
use crate::model::{Segment, Stage, Temperature};
use crate::profile::Profile;
use crate::store::{Workspace, WorkspaceInfo};

/// Creates a demo workspace at `path` (which must not exist), and writes the
/// demo shop's export files into `samples` when given.
///
/// The workspace is written to a temporary file beside `path` and renamed
/// into place, so an interrupted run never leaves a half-written workspace.
pub fn create_demo(
    path: &Path,
    opts: &DemoOptions,
    now: &str,
    samples: Option<&Path>,
) -> Result<DemoReport> {
    if path.exists() {
        return Err(Error::WorkspaceOpen {
            path: path.to_path_buf(),
            reason: "the file already exists; choose another path or delete it first".into(),
        });
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(Error::WorkspaceOpen {
                path: path.to_path_buf(),
                reason: format!("the folder {} does not exist", parent.display()),
            });
        }
    }
    let shop = demo::generate(opts);
    let tmp = temp_sibling(path);
    remove_workspace_files(&tmp);
    let result = (|| {
        let info = WorkspaceInfo {
            name: "ひだまり茶舗 (デモ)".into(),
            is_demo: true,
            created_at: now.to_string(),
        };
        let mut ws = Workspace::create(&tmp, &info)?;
        let report = ws.with_tx(|tx| shop.write(tx, now))?;
        ws.checkpoint()?;
        drop(ws);
        Ok(report)
    })();
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            remove_workspace_files(&tmp);
            return Err(e);
        }
    };
    std::fs::rename(&tmp, path).map_err(|e| Error::FileWrite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    remove_workspace_files(&tmp);
    if let Some(dir) = samples {
        demo::sample::write_samples(&shop, dir)?;
    }
    Ok(report)
}

fn temp_sibling(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

fn remove_workspace_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The analysis date to use: the one asked for, else the day after the latest
/// order, else `today` (an empty workspace).
pub fn resolve_as_of(ds: &Dataset, as_of: Option<Day>, today: Day) -> Day {
    as_of.or_else(|| ds.default_as_of()).unwrap_or(today)
}

/// Loads the workspace and resolves the analysis date.
fn load(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
) -> Result<(Dataset, crate::settings::Settings, Day)> {
    let ds = Dataset::load(ws.conn())?;
    let settings = ws.settings()?;
    let as_of = resolve_as_of(&ds, as_of, today);
    Ok((ds, settings, as_of))
}

/// Every KPI at an analysis date (`horetsu summary --json`).
pub fn report(ws: &Workspace, as_of: Option<Day>, today: Day) -> Result<Report> {
    let (ds, settings, as_of) = load(ws, as_of, today)?;
    let mut report = analytics::report::build(&ds, &settings, as_of).1;
    let comments = analytics::comments::load(ws.conn(), as_of)?;
    report.nps.comment_categories = analytics::comments::category_counts(&comments);
    Ok(report)
}

/// NPS comments on or before the analysis date, newest first, with their categories.
pub fn nps_comments(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
) -> Result<Vec<analytics::comments::NpsComment>> {
    // Only the analysis date is needed: one query, not the whole dataset, so
    // that the comments never hold the workspace for long.
    let as_of = match as_of {
        Some(d) => d,
        None => default_as_of(ws)?.unwrap_or(today),
    };
    analytics::comments::load(ws.conn(), as_of)
}

/// One group's newest NPS comments, and how many there are.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct NpsCommentPage {
    pub total: u64,
    pub comments: Vec<analytics::comments::NpsComment>,
}

/// The newest `limit` comments of a group (all groups when `None`).
pub fn nps_comment_page(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    group: Option<analytics::comments::NpsGroup>,
    limit: usize,
) -> Result<NpsCommentPage> {
    let all = nps_comments(ws, as_of, today)?;
    let mut matching = all
        .into_iter()
        .filter(|c| group.is_none_or(|g| c.group == g));
    let comments: Vec<_> = matching.by_ref().take(limit).collect();
    let total = (comments.len() + matching.count()) as u64;
    Ok(NpsCommentPage { total, comments })
}

/// The default analysis date — the day after the latest (normal) order — with
/// one query over the orders index, the same as [`Dataset::default_as_of`].
pub fn default_as_of(ws: &Workspace) -> Result<Option<Day>> {
    let latest: Option<String> = ws.conn().query_row(
        "SELECT max(ordered_at) FROM orders WHERE status = 'normal'",
        [],
        |r| r.get(0),
    )?;
    Ok(latest
        .as_deref()
        .and_then(crate::day::parse_iso)
        .map(|d| d + 1))
}

/// One row per customer (`horetsu customers`), in customer-key order.
pub fn customer_rows(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    lang: Lang,
) -> Result<Vec<CustomerRow>> {
    let (ds, settings, as_of) = load(ws, as_of, today)?;
    let mut a = analytics::analyze(&ds, &settings, as_of);
    analytics::predict::run(&ds, &mut a, PeriodUnit::Day);
    let mut rows: Vec<CustomerRow> = a
        .customers
        .iter()
        .map(|c| CustomerRow::of(&ds, c, lang))
        .collect();
    rows.sort_by(|x, y| x.customer_key.cmp(&y.customer_key));
    Ok(rows)
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
    pub bgnbd: Option<analytics::report::BgNbdSummary>,
    /// Gamma-Gamma parameters, or null with `message`.
    pub gamma_gamma: Option<analytics::report::GammaGammaSummary>,
    /// Why a model could not be fitted.
    pub message: Option<String>,
}

/// Fits the CLV models at an analysis date.
pub fn clv(ws: &Workspace, as_of: Option<Day>, today: Day, unit: PeriodUnit) -> Result<ClvFit> {
    let (ds, settings, as_of) = load(ws, as_of, today)?;
    let mut a = analytics::analyze(&ds, &settings, as_of);
    let m = analytics::predict::run(&ds, &mut a, unit);
    let message = match (&m.bgnbd, &m.gamma_gamma) {
        (Err(e), _) => Some(e.to_string()),
        (Ok(_), Err(e)) => Some(e.to_string()),
        _ => None,
    };
    Ok(ClvFit {
        unit,
        customers: m.customers as u64,
        repeat_buyers: m.repeat_buyers as u64,
        bgnbd: m
            .bgnbd
            .as_ref()
            .ok()
            .map(|p| analytics::report::BgNbdSummary {
                r: p.r,
                alpha: p.alpha,
                a: p.a,
                b: p.b,
                log_likelihood: p.log_likelihood,
            }),
        gamma_gamma: m
            .gamma_gamma
            .as_ref()
            .ok()
            .map(|p| analytics::report::GammaGammaSummary {
                p: p.p,
                q: p.q,
                v: p.v,
            }),
        message,
    })
}

/// One customer as `horetsu customers` prints it (the CSV columns, in order).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CustomerRow {
    pub customer_key: String,
    pub first_purchase: Option<String>,
    pub last_purchase: Option<String>,
    pub recency_days: Option<i32>,
    pub frequency: u32,
    pub monetary: f64,
    pub r: Option<u8>,
    pub f: Option<u8>,
    pub m: Option<u8>,
    pub segment: Option<Segment>,
    pub stage: Stage,
    pub stage_reason: String,
    pub temperature: Temperature,
    pub referral_points: i64,
    pub support_points: i64,
    pub heat: f64,
    pub quadrant: Quadrant,
    pub badges: Vec<Badge>,
    pub referrer_key: Option<String>,
    pub referred_count: u32,
    pub nps_latest: Option<u8>,
    pub p_alive: Option<f64>,
    pub expected_orders_365: Option<f64>,
    pub predicted_clv_365: Option<f64>,
}

/// The CSV header of `horetsu customers --csv`.
pub const CUSTOMER_COLUMNS: [&str; 24] = [
    "customer_key",
    "first_purchase",
    "last_purchase",
    "recency_days",
    "frequency",
    "monetary",
    "r",
    "f",
    "m",
    "segment",
    "stage",
    "stage_reason",
    "temperature",
    "referral_points",
    "support_points",
    "heat",
    "quadrant",
    "badges",
    "referrer_key",
    "referred_count",
    "nps_latest",
    "p_alive",
    "expected_orders_365",
    "predicted_clv_365",
];

impl CustomerRow {
    fn of(ds: &Dataset, c: &analytics::CustomerResult, lang: Lang) -> CustomerRow {
        let score = |v: u8| (v > 0).then_some(v);
        CustomerRow {
            customer_key: ds.customers[c.idx as usize].key.clone(),
            first_purchase: c.first_purchase.map(crate::day::format),
            last_purchase: c.last_purchase.map(crate::day::format),
            recency_days: c.recency_days,
            frequency: c.frequency,
            monetary: c.monetary,
            r: score(c.r),
            f: score(c.f),
            m: score(c.m),
            segment: c.segment,
            stage: c.stage,
            stage_reason: match lang {
                Lang::Ja => c.reason.text_ja(),
                Lang::En => c.reason.text_en(),
            },
            temperature: c.temperature,
            referral_points: c.referral_points,
            support_points: c.support_points,
            heat: c.heat,
            quadrant: c.quadrant,
            badges: c.badges.clone(),
            referrer_key: c.referrer.map(|p| ds.customers[p as usize].key.clone()),
            referred_count: c.referred_count,
            nps_latest: c.nps_latest,
            p_alive: c.p_alive,
            expected_orders_365: c.expected_orders_365,
            predicted_clv_365: c.predicted_clv_365,
        }
    }

    /// The row as CSV fields (empty for missing values; badges joined with `;`).
    pub fn csv_fields(&self) -> Vec<String> {
        let opt = |v: Option<String>| v.unwrap_or_default();
        let num =
            |v: Option<f64>, digits: usize| v.map(|x| format!("{x:.digits$}")).unwrap_or_default();
        vec![
            self.customer_key.clone(),
            opt(self.first_purchase.clone()),
            opt(self.last_purchase.clone()),
            opt(self.recency_days.map(|d| d.to_string())),
            self.frequency.to_string(),
            format!("{:.2}", self.monetary),
            opt(self.r.map(|v| v.to_string())),
            opt(self.f.map(|v| v.to_string())),
            opt(self.m.map(|v| v.to_string())),
            opt(self.segment.map(|s| s.id().to_string())),
            self.stage.id().to_string(),
            self.stage_reason.clone(),
            self.temperature.id().to_string(),
            self.referral_points.to_string(),
            self.support_points.to_string(),
            format!("{:.2}", self.heat),
            self.quadrant.id().to_string(),
            self.badges
                .iter()
                .map(|b| b.id())
                .collect::<Vec<_>>()
                .join(";"),
            opt(self.referrer_key.clone()),
            self.referred_count.to_string(),
            opt(self.nps_latest.map(|v| v.to_string())),
            num(self.p_alive, 4),
            num(self.expected_orders_365, 4),
            num(self.predicted_clv_365, 2),
        ]
    }
}

/// What the dashboard shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Dashboard {
    /// The workspace's name and demo flag.
    pub info: WorkspaceInfo,
    /// The workspace file.
    pub path: String,
    /// Every KPI at the analysis date.
    pub report: Report,
    /// The funnel chart (SVG).
    pub funnel_svg: String,
}

/// The dashboard of a workspace at an analysis date.
pub fn dashboard(ws: &Workspace, as_of: Option<Day>, today: Day, lang: Lang) -> Result<Dashboard> {
    let report = report(ws, as_of, today)?;
    Ok(Dashboard {
        info: ws.info()?,
        path: ws.path().display().to_string(),
        funnel_svg: chart::funnel_svg(&report.stages, lang)?,
        report,
    })
}

/// An error as the UI receives it: a stable code and a sentence to show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct IpcError {
    /// Stable code (see [`Error::code`]).
    pub code: String,
    /// A sentence a shop owner can act on.
    pub message: String,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        IpcError {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

/// File name of the demo workspace inside the profile folder.
pub const DEMO_FILE: &str = "demo.horetsu";
/// File name of the profile inside the profile folder.
pub const PROFILE_FILE: &str = "profile.json";

/// Which workspace to open at start-up: the one asked for (command line),
/// else the most recent one that still exists, else the demo shop in the
/// profile folder (created on the first start).
///
/// Returns the open workspace and whether the demo was just created.
pub fn startup_workspace(
    profile_dir: &Path,
    requested: Option<&Path>,
    now: &str,
) -> Result<(Workspace, bool)> {
    let profile_path = profile_dir.join(PROFILE_FILE);
    let mut profile = Profile::load(&profile_path);
    if let Some(path) = requested {
        let ws = Workspace::open(path)?;
        profile.remember(path);
        profile.save(&profile_path)?;
        return Ok((ws, false));
    }
    if let Some(path) = profile.last_existing() {
        match Workspace::open(&path) {
            Ok(ws) => {
                profile.remember(&path);
                profile.save(&profile_path)?;
                return Ok((ws, false));
            }
            Err(_) => profile.forget(&path),
        }
    }
    std::fs::create_dir_all(profile_dir).map_err(|e| Error::FileWrite {
        path: profile_dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    let demo_path = profile_dir.join(DEMO_FILE);
    let created = if demo_path.exists() {
        false
    } else {
        create_demo(&demo_path, &DemoOptions::default(), now, None)?;
        true
    };
    let ws = Workspace::open(&demo_path)?;
    profile.remember(&demo_path);
    profile.save(&profile_path)?;
    Ok((ws, created))
}

/// Opens a workspace the user chose and remembers it.
pub fn open_workspace(profile_dir: &Path, path: &Path) -> Result<Workspace> {
    let ws = Workspace::open(path)?;
    remember(profile_dir, path)?;
    Ok(ws)
}

/// Creates an empty workspace file (not remembered in any profile).
pub fn create_workspace_file(path: &Path, name: &str, now: &str) -> Result<Workspace> {
    let info = WorkspaceInfo {
        name: name.to_string(),
        is_demo: false,
        created_at: now.to_string(),
    };
    Workspace::create(path, &info)
}

/// Deletes a workspace file and its WAL companions (after a failed first import).
pub fn remove_workspace(path: &Path) {
    remove_workspace_files(path);
}

/// Creates an empty workspace the user named and remembers it.
pub fn create_workspace(
    profile_dir: &Path,
    path: &Path,
    name: &str,
    now: &str,
) -> Result<Workspace> {
    let info = WorkspaceInfo {
        name: name.to_string(),
        is_demo: false,
        created_at: now.to_string(),
    };
    let ws = Workspace::create(path, &info)?;
    remember(profile_dir, path)?;
    Ok(ws)
}

fn remember(profile_dir: &Path, path: &Path) -> Result<()> {
    let profile_path = profile_dir.join(PROFILE_FILE);
    let mut profile = Profile::load(&profile_path);
    profile.remember(path);
    profile.save(&profile_path)
}

/// The stored profile (recent files, language, masking default).
pub fn profile(profile_dir: &Path) -> Profile {
    Profile::load(&profile_dir.join(PROFILE_FILE))
}

/// Changes the UI language (`ja` or `en`) in the profile.
pub fn set_language(profile_dir: &Path, language: &str) -> Result<Profile> {
    if language != "ja" && language != "en" {
        return Err(Error::invalid("language", "use ja or en"));
    }
    let path = profile_dir.join(PROFILE_FILE);
    let mut p = Profile::load(&path);
    p.language = language.to_string();
    p.save(&path)?;
    Ok(p)
}

/// Imports files into the workspace (one transaction for all of them).
pub fn import_files(
    ws: &mut Workspace,
    paths: &[PathBuf],
    opts: &crate::import::ImportOptions,
    ctx: &crate::import::pipeline::Context<'_>,
) -> Result<crate::import::ImportReport> {
    crate::import::pipeline::import_files(ws, paths, opts, ctx)
}

/// Shows a file's sheets, header row, mapping and first rows; writes nothing.
pub fn preview_import(
    ws: &Workspace,
    path: &Path,
    opts: &crate::import::ImportOptions,
) -> Result<crate::import::Preview> {
    crate::import::pipeline::preview(ws, path, opts, 20)
}

/// The import history, newest first.
pub fn import_batches(ws: &Workspace) -> Result<Vec<crate::import::batches::Batch>> {
    crate::import::batches::list(ws.conn())
}

/// Undoes one import exactly.
pub fn undo_import(
    ws: &mut Workspace,
    batch: i64,
    now: &str,
) -> Result<crate::import::batches::UndoReport> {
    ws.with_tx(|tx| crate::import::batches::undo(tx, batch, now))
}

/// Built-in and saved import presets.
pub fn import_presets(ws: &Workspace) -> Result<Vec<crate::import::Preset>> {
    crate::import::pipeline::presets(ws)
}

/// Saves a mapping as a preset of the workspace.
pub fn save_import_preset(
    ws: &mut Workspace,
    preset: &crate::import::Preset,
    now: &str,
) -> Result<()> {
    ws.with_tx(|tx| crate::import::batches::save_preset(tx, preset, now))
}

/// Writes rejected rows as a CSV (UTF-8 with BOM, which Excel opens correctly).
/// Cells are written as text; a leading `=`, `+`, `-` or `@` is quoted with an
/// apostrophe so a spreadsheet never runs them as formulas.
pub fn write_rejections_csv(path: &Path, rows: &[crate::import::Rejection]) -> Result<()> {
    let err = |e: String| Error::FileWrite {
        path: path.to_path_buf(),
        reason: e,
    };
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(["file", "sheet", "row", "column", "value", "reason", "理由"])
            .map_err(|e| err(e.to_string()))?;
        for r in rows {
            w.write_record([
                crate::format::safe_cell(&r.file).as_ref(),
                crate::format::safe_cell(&r.sheet).as_ref(),
                &r.row.to_string(),
                crate::format::safe_cell(&r.column).as_ref(),
                crate::format::safe_cell(&r.value).as_ref(),
                &r.reason,
                &r.reason_ja,
            ])
            .map_err(|e| err(e.to_string()))?;
        }
        w.flush().map_err(|e| err(e.to_string()))?;
    }
    std::fs::write(path, out).map_err(|e| err(e.to_string()))
}

// ---------------------------------------------------------------------------
// The action plan (issue #6)

use crate::plan::actions::{
    self as plan_actions, ActionKind, ActionStatus, ContactHistory, PlannedAction,
};
use crate::plan::campaign::{self as plan_campaign, CampaignCheck, CampaignTarget};
use crate::plan::playbook::{self as plan_playbook, CampaignType, Playbook};

/// Everything the plan is computed from.
struct PlanInputs {
    ds: Dataset,
    settings: crate::settings::Settings,
    analysis: analytics::Analysis,
    report: Report,
    playbook: Playbook,
    history: ContactHistory,
}

fn plan_inputs(ws: &Workspace, as_of: Option<Day>, today: Day) -> Result<PlanInputs> {
    let (ds, settings, as_of) = load(ws, as_of, today)?;
    let (analysis, report) = analytics::report::build(&ds, &settings, as_of);
    let playbook = plan_playbook::load(ws.conn())?;
    let history = ContactHistory::load(ws.conn(), &ds, as_of)?;
    Ok(PlanInputs {
        ds,
        settings,
        analysis,
        report,
        playbook,
        history,
    })
}

/// Names by customer index (in dataset order), for the plan and the workbook.
fn customer_names(ws: &Workspace, ds: &Dataset) -> Result<Vec<Option<String>>> {
    let index: std::collections::HashMap<i64, usize> = ds
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let mut names = vec![None; ds.customers.len()];
    let mut stmt = ws
        .conn()
        .prepare("SELECT id, name FROM customers WHERE name IS NOT NULL AND name <> ''")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            names[i] = Some(r.get(1)?);
        }
    }
    Ok(names)
}

/// What `horetsu export` wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ExportSummary {
    pub path: String,
    pub as_of: String,
    pub customers: u64,
    pub sheets: Vec<String>,
    pub mask_pii: bool,
}

/// The sheets of the workbook, in order.
pub const EXPORT_SHEETS: [&str; 6] = [
    "サマリー",
    "アクションプラン",
    "セグメント別",
    "紹介ランキング",
    "NPS",
    "設定",
];

/// Writes the action-plan workbook (`horetsu export`).
///
/// The workbook is written to a temporary file beside `path` and renamed into
/// place, so a failure never leaves a half-written workbook under the name.
pub fn export_plan(
    ws: &Workspace,
    path: &Path,
    as_of: Option<Day>,
    today: Day,
    now: &str,
    mask_pii: bool,
) -> Result<ExportSummary> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(Error::FileWrite {
                path: path.to_path_buf(),
                reason: format!("the folder {} does not exist", parent.display()),
            });
        }
    }
    let p = plan_inputs(ws, as_of, today)?;
    let actions = plan_actions::plan(&p.ds, &p.analysis, &p.playbook, &p.history);
    let names = customer_names(ws, &p.ds)?;
    let comments = analytics::comments::load(ws.conn(), p.analysis.as_of)?;
    let info = ws.info()?;
    let data = crate::plan::export::ExportData {
        shop_name: &info.name,
        generated_at: now,
        ds: &p.ds,
        analysis: &p.analysis,
        report: &p.report,
        actions: &actions,
        names: &names,
        comments: &comments,
        settings: &p.settings,
        rules: &p.ds.rules,
        playbook: &p.playbook,
        mask_pii,
    };
    let tmp = temp_sibling(path);
    let written = crate::plan::export::write(&tmp, &data);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::FileWrite {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
    })?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        as_of: crate::day::format(p.analysis.as_of),
        customers: p.analysis.customers.len() as u64,
        sheets: EXPORT_SHEETS.iter().map(|s| (*s).to_string()).collect(),
        mask_pii,
    })
}

/// One customer's line of the plan, as the app's plan screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PlanRow {
    /// The key commands take (never shown while masking is on).
    pub customer_key: String,
    /// The key to show (masked when asked).
    pub display_key: String,
    pub name: Option<String>,
    pub stage: Stage,
    pub temperature: Temperature,
    pub segment: Option<Segment>,
    pub heat: f64,
    pub action: PlannedAction,
    /// The 禁止施策 of the customer's stage.
    pub never_ja: Vec<String>,
    pub never_en: Vec<String>,
}

/// The plan of every customer, soonest due first, then the warmest.
pub fn plan_rows(ws: &Workspace, as_of: Option<Day>, today: Day) -> Result<Vec<PlanRow>> {
    let p = plan_inputs(ws, as_of, today)?;
    let actions = plan_actions::plan(&p.ds, &p.analysis, &p.playbook, &p.history);
    let mut names = customer_names(ws, &p.ds)?;
    let mut rows: Vec<(f64, PlanRow)> = p
        .analysis
        .customers
        .iter()
        .zip(actions)
        .map(|(c, action)| {
            let play = p.playbook.stage(c.stage);
            let never_ja = play
                .map(|s| s.never.iter().map(|n| n.text_ja.clone()).collect())
                .unwrap_or_default();
            let never_en = play
                .map(|s| s.never.iter().map(|n| n.text_en.clone()).collect())
                .unwrap_or_default();
            (
                c.heat,
                PlanRow {
                    customer_key: p.ds.customers[c.idx as usize].key.clone(),
                    display_key: p.ds.customers[c.idx as usize].key.clone(),
                    name: names[c.idx as usize].take(),
                    stage: c.stage,
                    temperature: c.temperature,
                    segment: c.segment,
                    heat: c.heat,
                    action,
                    never_ja,
                    never_en,
                },
            )
        })
        .collect();
    rows.sort_by(|x, y| {
        x.1.action
            .due_on
            .cmp(&y.1.action.due_on)
            .then(y.0.total_cmp(&x.0))
    });
    Ok(rows.into_iter().map(|(_, r)| r).collect())
}

/// One planned action's new status, for changing many at once.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StatusChange {
    pub customer_key: String,
    pub kind: ActionKind,
    /// The planned action's due date, `YYYY-MM-DD` (it names the action with the kind).
    pub due_on: String,
    pub status: ActionStatus,
}

/// Records the user's status of planned actions (`done` logs the contact; any
/// other status takes it back out): one, or many at once (a bulk edit in the
/// plan, and its undo), all in one transaction, or none if any is refused.
/// Returns how many were recorded.
pub fn set_action_statuses(
    ws: &mut Workspace,
    changes: &[StatusChange],
    today: Day,
    now: &str,
) -> Result<usize> {
    let parsed = changes
        .iter()
        .map(|c| {
            crate::day::parse_iso(&c.due_on)
                .map(|due| (c, due))
                .ok_or_else(|| {
                    Error::invalid("due_on", format!("{} is not a date (YYYY-MM-DD)", c.due_on))
                })
        })
        .collect::<Result<Vec<_>>>()?;
    ws.with_tx(|tx| {
        for (c, due) in &parsed {
            plan_actions::set_status(tx, &c.customer_key, c.kind, *due, c.status, today, now)?;
        }
        Ok(parsed.len())
    })
}

/// Checks a campaign before it goes out.
pub fn campaign_check(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    campaign: CampaignType,
    target: &CampaignTarget,
) -> Result<CampaignCheck> {
    let p = plan_inputs(ws, as_of, today)?;
    Ok(plan_campaign::check(
        &p.ds,
        &p.analysis,
        &p.playbook,
        &p.history,
        campaign,
        target,
    ))
}

/// Reads a customer list file for a campaign target: one key per line, or a
/// CSV whose first column (or a column named like a customer id or e-mail)
/// holds the keys. Keys are normalised as the import normalises them.
pub fn read_key_list(path: &Path) -> Result<Vec<String>> {
    let bytes = std::fs::read(path).map_err(|e| Error::FileRead {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(&bytes).0.into_owned(),
    };
    let mut lines = text
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .peekable();
    let split = |l: &str| -> Vec<String> {
        l.split([',', '\t'])
            .map(|c| c.trim().trim_matches('"').to_string())
            .collect()
    };
    let mut column = 0usize;
    if let Some(first) = lines.peek() {
        let cells = split(first);
        let is_header = |c: &str| {
            let c = c.to_lowercase();
            [
                "顧客",
                "会員",
                "メール",
                "電話",
                "customer",
                "email",
                "e-mail",
                "phone",
                "key",
            ]
            .iter()
            .any(|h| c.contains(h))
        };
        if let Some(i) = cells.iter().position(|c| is_header(c)) {
            column = i;
            lines.next();
        }
    }
    let mut keys: Vec<String> = lines
        .filter_map(|l| split(l).into_iter().nth(column))
        .filter_map(|k| crate::import::values::normalize_customer_key(&k))
        .collect();
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    Ok(keys)
}

/// The workspace's playbook.
pub fn playbook(ws: &Workspace) -> Result<Playbook> {
    plan_playbook::load(ws.conn())
}

/// Stores an edited playbook.
pub fn save_playbook(ws: &mut Workspace, p: &Playbook) -> Result<Playbook> {
    if p.ask_cooldown_days < 0 || p.repeat_cooldown_days < 0 {
        return Err(Error::invalid(
            "playbook",
            "cool-down days cannot be negative",
        ));
    }
    ws.with_tx(|tx| plan_playbook::save(tx, p))?;
    Ok(p.clone())
}

/// Restores the default playbook.
pub fn restore_playbook(ws: &mut Workspace) -> Result<Playbook> {
    ws.with_tx(|tx| plan_playbook::restore_defaults(tx))
}

/// What the plan screen asks for: a filter and a page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, serde::Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PlanQuery {
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only this status.
    pub status: Option<ActionStatus>,
    /// Only actions due on or before this day (`YYYY-MM-DD`).
    pub due_by: Option<String>,
    /// Only asks (referral, testimonial, review), or only other actions.
    pub asks: Option<bool>,
    /// Text in the key, the name or the action (case-insensitive).
    pub search: String,
    /// Mask names and keys in the rows returned.
    pub mask_pii: bool,
    pub offset: u32,
    pub limit: u32,
}

/// One page of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PlanPage {
    /// Rows that match the filter.
    pub total: u64,
    /// Matching rows per status: todo, done, skipped.
    pub todo: u64,
    pub done: u64,
    pub skipped: u64,
    pub offset: u32,
    pub rows: Vec<PlanRow>,
}

/// Filters and pages a plan (in its order: soonest due first).
pub fn query_plan(rows: &[PlanRow], q: &PlanQuery) -> PlanPage {
    let needle = q.search.trim().to_lowercase();
    let matches = |r: &PlanRow| {
        q.stage.is_none_or(|s| r.stage == s)
            && q.status.is_none_or(|s| r.action.status == s)
            && q.due_by
                .as_deref()
                .is_none_or(|d| r.action.due_on.as_str() <= d)
            && q.asks.is_none_or(|a| r.action.is_ask == a)
            && (needle.is_empty()
                || r.customer_key.to_lowercase().contains(&needle)
                || r.name
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains(&needle))
                || r.action.title_ja.contains(&needle)
                || r.action.title_en.to_lowercase().contains(&needle))
    };
    let mut page = PlanPage {
        total: 0,
        todo: 0,
        done: 0,
        skipped: 0,
        offset: q.offset,
        rows: Vec::new(),
    };
    let limit = q.limit.clamp(1, 1000) as u64;
    for r in rows.iter().filter(|r| matches(r)) {
        match r.action.status {
            ActionStatus::Todo => page.todo += 1,
            ActionStatus::Done => page.done += 1,
            ActionStatus::Skipped => page.skipped += 1,
        }
        if page.total >= u64::from(q.offset) && (page.rows.len() as u64) < limit {
            let mut row = r.clone();
            if q.mask_pii {
                row.display_key = crate::plan::mask::key(&row.customer_key);
                row.name = row.name.as_deref().map(crate::plan::mask::name);
            }
            page.rows.push(row);
        }
        page.total += 1;
    }
    page
}

/// Writes a list of customer keys (the recipients a campaign check left) as
/// a one-column CSV with a BOM, so that Excel reads it as UTF-8.
pub fn write_key_list(path: &Path, keys: &[String]) -> Result<()> {
    let mut text = String::from("\u{FEFF}customer_key\r\n");
    for k in keys {
        let safe = crate::format::safe_cell(k);
        if safe.contains([',', '"', '\n', '\r']) {
            text.push('"');
            text.push_str(&safe.replace('"', "\"\""));
            text.push('"');
        } else {
            text.push_str(&safe);
        }
        text.push_str("\r\n");
    }
    std::fs::write(path, text).map_err(|e| Error::FileWrite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

// ---------------------------------------------------------------------------
// Customers screen (issue #5)

use crate::analytics::fans::{Badge as FanBadge, Quadrant as FanQuadrant};
use crate::analytics::ledger::LedgerEntry;

/// A customer as the customers table lists them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ListedCustomer {
    pub row: CustomerRow,
    /// The key to show (masked when asked).
    pub display_key: String,
    pub name: Option<String>,
}

/// Every customer for the table, in customer-key order.
pub fn customer_list(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    lang: Lang,
) -> Result<Vec<ListedCustomer>> {
    let rows = customer_rows(ws, as_of, today, lang)?;
    let mut names: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut stmt = ws.conn().prepare(
        "SELECT customer_key, name FROM customers WHERE name IS NOT NULL AND name <> ''",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        names.insert(r.get(0)?, r.get(1)?);
    }
    Ok(rows
        .into_iter()
        .map(|row| ListedCustomer {
            display_key: row.customer_key.clone(),
            name: names.remove(&row.customer_key),
            row,
        })
        .collect())
}

/// Filters, sort and page of the customers table.
#[derive(Debug, Clone, PartialEq, Default, Serialize, serde::Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CustomerQuery {
    /// Text in the key or the name (case-insensitive).
    pub search: String,
    pub stages: Vec<Stage>,
    pub segments: Vec<Segment>,
    pub temperatures: Vec<Temperature>,
    pub quadrants: Vec<FanQuadrant>,
    /// Customers holding any of these badges.
    pub badges: Vec<FanBadge>,
    /// Only referred (true) or only organic (false) customers.
    pub referred: Option<bool>,
    /// A column id of `horetsu customers` (e.g. `monetary`, `heat`), or `name`.
    pub sort: String,
    pub descending: bool,
    pub mask_pii: bool,
    pub offset: u32,
    pub limit: u32,
}

/// One page of the customers table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CustomerPage {
    pub total: u64,
    pub offset: u32,
    pub rows: Vec<ListedCustomer>,
}

fn cmp_opt<T: PartialOrd>(a: Option<T>, b: Option<T>) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Equal),
        (Some(_), None) => Less,
        (None, Some(_)) => Greater,
        (None, None) => Equal,
    }
}

/// A sort value: a number, or else a text.
type SortKey = (Option<f64>, Option<String>);

/// Filters, sorts and pages the customer list. Missing values sort last.
pub fn query_customers(rows: &[ListedCustomer], q: &CustomerQuery) -> CustomerPage {
    let needle = q.search.trim().to_lowercase();
    let mut hits: Vec<&ListedCustomer> = rows
        .iter()
        .filter(|c| {
            let r = &c.row;
            (q.stages.is_empty() || q.stages.contains(&r.stage))
                && (q.segments.is_empty() || r.segment.is_some_and(|s| q.segments.contains(&s)))
                && (q.temperatures.is_empty() || q.temperatures.contains(&r.temperature))
                && (q.quadrants.is_empty() || q.quadrants.contains(&r.quadrant))
                && (q.badges.is_empty() || r.badges.iter().any(|b| q.badges.contains(b)))
                && q.referred.is_none_or(|v| v == r.referrer_key.is_some())
                && (needle.is_empty()
                    || r.customer_key.to_lowercase().contains(&needle)
                    || c.name
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(&needle)))
        })
        .collect();
    let key = |c: &ListedCustomer| -> SortKey {
        let r = &c.row;
        let num = |v: f64| (Some(v), None);
        match q.sort.as_str() {
            "name" => (None, c.name.clone()),
            "first_purchase" => (None, r.first_purchase.clone()),
            "last_purchase" => (None, r.last_purchase.clone()),
            "recency_days" => (r.recency_days.map(f64::from), None),
            "frequency" => num(f64::from(r.frequency)),
            "monetary" => num(r.monetary),
            "r" => (r.r.map(f64::from), None),
            "f" => (r.f.map(f64::from), None),
            "m" => (r.m.map(f64::from), None),
            "stage" => num(r.stage.index() as f64),
            "segment" => (r.segment.map(|s| f64::from(s as u8)), None),
            "temperature" => num(f64::from(r.temperature as u8)),
            "referral_points" => num(r.referral_points as f64),
            "support_points" => num(r.support_points as f64),
            "heat" => num(r.heat),
            "referred_count" => num(f64::from(r.referred_count)),
            "nps_latest" => (r.nps_latest.map(f64::from), None),
            "p_alive" => (r.p_alive, None),
            "expected_orders_365" => (r.expected_orders_365, None),
            "predicted_clv_365" => (r.predicted_clv_365, None),
            _ => (None, Some(r.customer_key.clone())),
        }
    };
    if !(q.sort.is_empty() || q.sort == "customer_key") || q.descending {
        let mut keyed: Vec<(SortKey, &ListedCustomer)> =
            hits.iter().map(|c| (key(c), *c)).collect();
        keyed.sort_by(|(a, x), (b, y)| {
            let by_value = if a.0.is_some() || b.0.is_some() {
                cmp_opt(a.0, b.0)
            } else {
                cmp_opt(a.1.as_ref(), b.1.as_ref())
            };
            let by_value = match (
                q.descending,
                a.0.is_some() && b.0.is_some() || a.1.is_some() && b.1.is_some(),
            ) {
                (true, true) => by_value.reverse(),
                _ => by_value,
            };
            by_value.then_with(|| x.row.customer_key.cmp(&y.row.customer_key))
        });
        hits = keyed.into_iter().map(|(_, c)| c).collect();
    }
    let limit = q.limit.clamp(1, 1000) as usize;
    let rows = hits
        .iter()
        .skip(q.offset as usize)
        .take(limit)
        .map(|c| {
            let mut c = (*c).clone();
            if q.mask_pii {
                c.display_key = crate::plan::mask::key(&c.row.customer_key);
                c.name = c.name.as_deref().map(crate::plan::mask::name);
                c.row.referrer_key = c.row.referrer_key.as_deref().map(crate::plan::mask::key);
            }
            c
        })
        .collect();
    CustomerPage {
        total: hits.len() as u64,
        offset: q.offset,
        rows,
    }
}

/// One line of a customer's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct TimelineItem {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// `order`, `return`, `event`, `nps` or `contact`.
    pub kind: String,
    pub label_ja: String,
    pub label_en: String,
    pub amount: Option<f64>,
    pub score: Option<u8>,
    pub points: Option<i64>,
    /// An NPS comment or a contact note.
    pub text: Option<String>,
}

/// A customer's referrer or someone they referred.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Relative {
    pub customer_key: String,
    pub display_key: String,
    pub name: Option<String>,
    pub stage: Option<Stage>,
    pub monetary: f64,
    pub first_purchase: Option<String>,
}

/// A customer's stage at a month end.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StageAt {
    pub month: String,
    pub stage: Option<Stage>,
}

/// Everything the customer page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CustomerDetail {
    pub row: CustomerRow,
    pub display_key: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub stage_reason_en: String,
    /// Newest first.
    pub timeline: Vec<TimelineItem>,
    /// The last 12 month ends, oldest first.
    pub stage_history: Vec<StageAt>,
    pub ledger: Vec<LedgerEntry>,
    pub referrer: Option<Relative>,
    pub referred: Vec<Relative>,
    pub action: PlannedAction,
    pub do_ja: Vec<String>,
    pub do_en: Vec<String>,
    pub never_ja: Vec<String>,
    pub never_en: Vec<String>,
}

/// The customer page of one customer.
pub fn customer_detail(
    ws: &Workspace,
    key: &str,
    as_of: Option<Day>,
    today: Day,
    mask_pii: bool,
) -> Result<CustomerDetail> {
    let p = plan_inputs(ws, as_of, today)?;
    let as_of = p.analysis.as_of;
    let Some(c) = p
        .analysis
        .customers
        .iter()
        .find(|c| p.ds.customers[c.idx as usize].key == key)
    else {
        return Err(Error::invalid(
            "customer",
            format!(
                "no customer with the key {key} at {}",
                crate::day::format(as_of)
            ),
        ));
    };
    let idx = c.idx;
    let actions = plan_actions::plan(&p.ds, &p.analysis, &p.playbook, &p.history);
    let pos = p
        .analysis
        .customers
        .iter()
        .position(|x| x.idx == idx)
        .unwrap_or(0);
    let action = actions[pos].clone();
    let (id, name, email, phone): (i64, Option<String>, Option<String>, Option<String>) =
        ws.conn().query_row(
            "SELECT id, name, email, phone FROM customers WHERE customer_key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    let names = customer_names(ws, &p.ds)?;
    let show_key = |k: &str| {
        if mask_pii {
            crate::plan::mask::key(k)
        } else {
            k.to_string()
        }
    };
    let show_name = |n: Option<String>| {
        n.map(|n| {
            if mask_pii {
                crate::plan::mask::name(&n)
            } else {
                n
            }
        })
    };
    let relative = |i: usize| {
        let r = p.analysis.of(i as u32);
        Relative {
            customer_key: p.ds.customers[i].key.clone(),
            display_key: show_key(&p.ds.customers[i].key),
            name: show_name(names[i].clone()),
            stage: r.map(|r| r.stage),
            monetary: r.map_or(0.0, |r| r.monetary),
            first_purchase: r.and_then(|r| r.first_purchase).map(crate::day::format),
        }
    };

    // Timeline: orders and returns, events, NPS answers and contacts.
    let mut timeline: Vec<TimelineItem> = Vec::new();
    for o in p.ds.orders_of(idx).iter().filter(|o| o.day <= as_of) {
        let ret = o.amount < 0.0;
        timeline.push(TimelineItem {
            day: crate::day::format(o.day),
            kind: if ret { "return" } else { "order" }.into(),
            label_ja: if ret { "返品" } else { "注文" }.into(),
            label_en: if ret { "Return" } else { "Order" }.into(),
            amount: Some(o.amount),
            score: None,
            points: None,
            text: None,
        });
    }
    let ledger = analytics::ledger::of_customer(&p.ds, idx, as_of);
    for e in p.ds.events_of(idx).iter().filter(|e| e.day <= as_of) {
        let rule = e.rule.map(|i| &p.ds.rules[i as usize]);
        timeline.push(TimelineItem {
            day: crate::day::format(e.day),
            kind: "event".into(),
            label_ja: rule.map_or("アクション".into(), |r| r.label_ja.clone()),
            label_en: rule.map_or("Action".into(), |r| r.label_en.clone()),
            amount: None,
            score: None,
            points: rule.map(|r| {
                e.points_override
                    .unwrap_or_else(|| r.points_for(e.brand_tag, e.has_image))
            }),
            text: None,
        });
    }
    {
        let mut stmt = ws.conn().prepare(
            "SELECT answered_on, score, comment FROM nps_responses WHERE customer_id = ?1 AND answered_on <= ?2",
        )?;
        let mut rows = stmt.query(rusqlite::params![id, crate::day::format(as_of)])?;
        while let Some(r) = rows.next()? {
            let score: i64 = r.get(1)?;
            timeline.push(TimelineItem {
                day: r.get(0)?,
                kind: "nps".into(),
                label_ja: "NPS回答".into(),
                label_en: "NPS answer".into(),
                amount: None,
                score: Some(score.clamp(0, 10) as u8),
                points: None,
                text: r.get::<_, Option<String>>(2)?.filter(|t| !t.is_empty()),
            });
        }
    }
    for k in plan_actions::contacts_of(ws.conn(), key)? {
        let kind = ActionKind::parse(&k.action);
        timeline.push(TimelineItem {
            day: k.contacted_on,
            kind: "contact".into(),
            label_ja: kind.map_or(k.action.clone(), |a| a.title_ja().to_string()),
            label_en: kind.map_or(k.action.clone(), |a| a.title_en().to_string()),
            amount: None,
            score: None,
            points: None,
            text: k.channel,
        });
    }
    timeline.sort_by(|a, b| b.day.cmp(&a.day));

    let snaps = analytics::snapshots::monthly(&p.ds, &p.settings, as_of, 12);
    let stage_history = snaps
        .iter()
        .map(|s| StageAt {
            month: s.month.clone(),
            stage: s.stages.get(idx as usize).copied().flatten(),
        })
        .collect();
    let referred: Vec<Relative> =
        p.ds.referrer
            .iter()
            .enumerate()
            .filter(|(_, r)| **r == Some(idx))
            .map(|(i, _)| relative(i))
            .collect();
    let play = p.playbook.stage(c.stage);
    let mut row = CustomerRow::of(&p.ds, c, Lang::Ja);
    if mask_pii {
        row.referrer_key = row.referrer_key.as_deref().map(crate::plan::mask::key);
    }
    Ok(CustomerDetail {
        display_key: show_key(key),
        name: show_name(name),
        email: email.map(|e| {
            if mask_pii {
                crate::plan::mask::email(&e)
            } else {
                e
            }
        }),
        phone: phone.map(|ph| {
            if mask_pii {
                crate::plan::mask::phone(&ph)
            } else {
                ph
            }
        }),
        stage_reason_en: c.reason.text_en(),
        timeline,
        stage_history,
        ledger,
        referrer: c.referrer.map(|r| relative(r as usize)),
        referred,
        action,
        do_ja: play.map(|s| s.do_ja.clone()).unwrap_or_default(),
        do_en: play.map(|s| s.do_en.clone()).unwrap_or_default(),
        never_ja: play
            .map(|s| s.never.iter().map(|n| n.text_ja.clone()).collect())
            .unwrap_or_default(),
        never_en: play
            .map(|s| s.never.iter().map(|n| n.text_en.clone()).collect())
            .unwrap_or_default(),
        row,
    })
}

#[cfg(test)]
mod customer_screen_tests {
    use super::*;

    fn demo() -> Workspace {
        crate::demo::test_workspace(400)
    }

    #[test]
    fn the_table_filters_sorts_pages_and_masks() {
        let ws = demo();
        let today = crate::day::parse_iso("2026-11-30").unwrap();
        let all = customer_list(&ws, None, today, Lang::Ja).unwrap();
        assert!(all.iter().any(|c| c.name.is_some()));
        let q = |f: &dyn Fn(&mut CustomerQuery)| {
            let mut q = CustomerQuery {
                limit: 1000,
                ..Default::default()
            };
            f(&mut q);
            query_customers(&all, &q)
        };
        // Everyone, in key order, by default.
        let page = q(&|_| {});
        assert_eq!(page.total as usize, all.len());
        assert!(page
            .rows
            .windows(2)
            .all(|w| w[0].row.customer_key < w[1].row.customer_key));
        // Filters combine.
        let landing_warm = q(&|q| {
            q.stages = vec![Stage::Landing];
            q.temperatures = vec![Temperature::Warm];
        });
        let want = all
            .iter()
            .filter(|c| c.row.stage == Stage::Landing && c.row.temperature == Temperature::Warm)
            .count();
        assert_eq!(landing_warm.total as usize, want);
        let referred = q(&|q| q.referred = Some(true));
        assert!(referred.total > 0 && referred.rows.iter().all(|c| c.row.referrer_key.is_some()));
        // Sorted by monetary, largest first; by p_alive with missing values last.
        let rich = q(&|q| {
            q.sort = "monetary".into();
            q.descending = true;
        });
        assert!(rich
            .rows
            .windows(2)
            .all(|w| w[0].row.monetary >= w[1].row.monetary));
        let alive = q(&|q| q.sort = "p_alive".into());
        let first_missing = alive
            .rows
            .iter()
            .position(|c| c.row.p_alive.is_none())
            .unwrap_or(alive.rows.len());
        assert!(alive.rows[first_missing..]
            .iter()
            .all(|c| c.row.p_alive.is_none()));
        assert!(alive.rows[..first_missing]
            .windows(2)
            .all(|w| w[0].row.p_alive <= w[1].row.p_alive));
        // Paging.
        let second = q(&|q| {
            q.offset = 100;
            q.limit = 50;
        });
        assert_eq!(second.rows.len(), 50);
        assert_eq!(
            second.rows[0].row.customer_key,
            page.rows[100].row.customer_key
        );
        // Search by name, and masking.
        let someone = all.iter().find(|c| c.name.is_some()).unwrap();
        let name = someone.name.clone().unwrap();
        let found = q(&|q| {
            q.search = name.clone();
            q.mask_pii = true;
        });
        assert!(found.total >= 1);
        let hit = found
            .rows
            .iter()
            .find(|c| c.row.customer_key == someone.row.customer_key)
            .unwrap();
        assert_ne!(hit.name.as_deref(), Some(name.as_str()));
        assert!(hit.name.as_deref().unwrap().contains('＊'));
    }

    #[test]
    fn the_default_analysis_date_from_one_query_is_the_datasets() {
        let ws = demo();
        let ds = Dataset::load(ws.conn()).unwrap();
        assert_eq!(default_as_of(&ws).unwrap(), ds.default_as_of());
        assert!(ds.default_as_of().is_some());
        let empty = Workspace::in_memory(&WorkspaceInfo {
            name: "e".into(),
            is_demo: false,
            created_at: "2026-11-01T00:00:00".into(),
        })
        .unwrap();
        assert_eq!(default_as_of(&empty).unwrap(), None);
    }

    #[test]
    fn the_customer_page_holds_their_whole_story() {
        let ws = demo();
        let today = crate::day::parse_iso("2026-11-30").unwrap();
        let all = customer_list(&ws, None, today, Lang::Ja).unwrap();
        // A referrer with someone who bought.
        let c = all
            .iter()
            .find(|c| c.row.referred_count > 0 && c.row.frequency >= 2)
            .unwrap();
        let d = customer_detail(&ws, &c.row.customer_key, None, today, false).unwrap();
        assert_eq!(d.row, c.row);
        let orders = d.timeline.iter().filter(|t| t.kind == "order").count() as u32;
        assert!(
            orders >= d.row.frequency,
            "{orders} orders for F {}",
            d.row.frequency
        );
        assert!(
            d.timeline.windows(2).all(|w| w[0].day >= w[1].day),
            "newest first"
        );
        assert_eq!(
            d.referred.len() as u32,
            d.row.referred_count.max(d.referred.len() as u32)
        );
        assert!(d
            .referred
            .iter()
            .all(|r| r.stage.is_some() || r.first_purchase.is_none()));
        let sum: i64 = d
            .ledger
            .iter()
            .filter(|e| e.axis == crate::model::Axis::Referral)
            .map(|e| e.points)
            .sum();
        assert_eq!(sum, d.row.referral_points);
        assert_eq!(d.stage_history.len(), 12);
        assert_eq!(d.stage_history.last().unwrap().stage, Some(d.row.stage));
        assert!(!d.never_ja.is_empty() || d.row.stage == Stage::Involvement);
        // Masked: no name, e-mail or phone in the clear.
        let m = customer_detail(&ws, &c.row.customer_key, None, today, true).unwrap();
        if let (Some(plain), Some(masked)) = (d.email.as_deref(), m.email.as_deref()) {
            assert_ne!(plain, masked);
        }
        assert_ne!(d.name, m.name);
        // An unknown key is a sentence, not a panic.
        let e = customer_detail(&ws, "nobody", None, today, false).unwrap_err();
        assert!(e.to_string().contains("nobody"));
    }
}

// ---------------------------------------------------------------------------
// Analysis screens: stages, referrals, points, NPS, prediction (issue #5)

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
    pub migration: Option<crate::analytics::rfm::Migration>,
}

/// The analysis screens' data; customer keys masked when asked.
pub fn analysis_view(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    lang: Lang,
    migration_from: Option<Day>,
    mask_pii: bool,
) -> Result<AnalysisView> {
    use crate::chart::charts;
    let (ds, settings, as_of) = load(ws, as_of, today)?;
    let (a, mut r) = analytics::report::build(&ds, &settings, as_of);
    let comments = analytics::comments::load(ws.conn(), as_of)?;
    r.nps.comment_categories = analytics::comments::category_counts(&comments);
    let q = &r.points.quadrants;
    let points: Vec<(i64, i64)> = a
        .customers
        .iter()
        .map(|c| (c.referral_points, c.support_points))
        .collect();
    let set = ChartSet {
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
            },
            lang,
        )?,
        referral_trend_quarterly: charts::svg(
            &charts::ReferralTrend {
                periods: &r.referrals.quarterly,
                target: r.referrals.rate_target,
            },
            lang,
        )?,
        nps_trend_monthly: charts::svg(
            &charts::NpsTrend {
                periods: &r.nps.monthly,
            },
            lang,
        )?,
        nps_trend_quarterly: charts::svg(
            &charts::NpsTrend {
                periods: &r.nps.quarterly,
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
    };
    let mut stage_segment = Vec::new();
    for &stage in &Stage::ALL {
        for segment in Segment::ALL
            .iter()
            .map(|s| Some(*s))
            .chain(std::iter::once(None))
        {
            let (n, m) = a
                .customers
                .iter()
                .filter(|c| c.stage == stage && c.segment == segment)
                .fold((0u64, 0f64), |(n, m), c| (n + 1, m + c.monetary));
            stage_segment.push(StageSegmentCell {
                stage,
                segment,
                customers: n,
                revenue: m,
            });
        }
    }
    let migration = match migration_from.filter(|d| *d < as_of) {
        Some(from) => {
            let before = analytics::analyze(&ds, &settings, from);
            let mut m = analytics::rfm::migration(&before, &a);
            m.from = crate::day::format(from);
            m.to = crate::day::format(as_of);
            Some(m)
        }
        None => None,
    };
    if mask_pii {
        for c in &mut r.clv.churn_risk {
            c.customer_key = crate::plan::mask::key(&c.customer_key);
        }
        for e in &mut r.points.ranking {
            e.customer_key = crate::plan::mask::key(&e.customer_key);
        }
    }
    Ok(AnalysisView {
        report: r,
        charts: set,
        stage_segment,
        migration,
    })
}

/// The point rules of the workspace.
pub fn point_rules(ws: &Workspace) -> Result<Vec<crate::points::PointRule>> {
    crate::points::load_rules(ws.conn())
}

/// Saves edited point rules: the next analysis re-scores every customer from
/// the stored events, without a re-import.
pub fn save_point_rules(
    ws: &mut Workspace,
    rules: &[crate::points::PointRule],
) -> Result<Vec<crate::points::PointRule>> {
    for r in rules {
        if r.points < 0 || r.brand_tag_bonus < 0 || r.image_bonus < 0 {
            return Err(Error::invalid(
                "point rules",
                format!("{}: points cannot be negative", r.label_ja),
            ));
        }
    }
    ws.with_tx(|tx| crate::points::save_rules(tx, rules))?;
    point_rules(ws)
}

/// Restores the default point rules (domain.md §3).
pub fn restore_point_rules(ws: &mut Workspace) -> Result<Vec<crate::points::PointRule>> {
    ws.with_tx(|tx| crate::points::restore_default_rules(tx))?;
    point_rules(ws)
}

/// The analysis settings of the workspace.
pub fn settings(ws: &Workspace) -> Result<crate::settings::Settings> {
    ws.settings()
}

/// Saves edited analysis settings.
pub fn save_settings(
    ws: &mut Workspace,
    s: &crate::settings::Settings,
) -> Result<crate::settings::Settings> {
    ws.with_tx(|tx| crate::settings::save(tx, s))?;
    ws.settings()
}

/// Restores the default analysis settings.
pub fn restore_settings(ws: &mut Workspace) -> Result<crate::settings::Settings> {
    ws.with_tx(|tx| crate::settings::save(tx, &crate::settings::Settings::default()))?;
    ws.settings()
}

/// Saves the profile's masking default.
pub fn set_mask_default(profile_dir: &Path, mask: bool) -> Result<Profile> {
    let path = profile_dir.join(PROFILE_FILE);
    let mut p = Profile::load(&path);
    p.mask_pii = mask;
    p.save(&path)?;
    Ok(p)
}

/// Writes a copy of the workspace (a backup, or a client copy) to `dest`.
pub fn save_workspace_copy(ws: &Workspace, dest: &Path) -> Result<()> {
    if dest == ws.path() {
        return Err(Error::invalid(
            "copy",
            "choose another file than the open workspace",
        ));
    }
    // Written beside the target and renamed over it (the save dialog has
    // already asked whether to replace an existing file).
    let tmp = temp_sibling(dest);
    remove_workspace_files(&tmp);
    if let Err(e) = ws.save_copy(&tmp) {
        remove_workspace_files(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, dest).map_err(|e| {
        remove_workspace_files(&tmp);
        Error::FileWrite {
            path: dest.to_path_buf(),
            reason: e.to_string(),
        }
    })
}

#[cfg(test)]
mod analysis_screen_tests {
    use super::*;

    #[test]
    fn rule_changes_rescore_without_a_reimport_and_the_view_has_every_chart() {
        let mut ws = crate::demo::test_workspace(300);
        let today = crate::day::parse_iso("2026-11-30").unwrap();
        let before = report(&ws, None, today).unwrap().points.support_points;
        let reviews: i64 = ws
            .conn()
            .query_row(
                "SELECT count(*) FROM events WHERE kind = 'review'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(reviews > 0);
        // Reviews worth 10 more points each (and no bonus change): support points grow by 10 per review.
        let mut rules = point_rules(&ws).unwrap();
        let review = rules
            .iter_mut()
            .find(|r| r.kind == crate::points::KIND_REVIEW)
            .unwrap();
        assert_eq!(review.axis, crate::model::Axis::Support);
        review.points += 10;
        save_point_rules(&mut ws, &rules).unwrap();
        let after = report(&ws, None, today).unwrap().points.support_points;
        let counted: i64 = ws
            .conn()
            .query_row(
                "SELECT count(*) FROM events WHERE kind = 'review' AND points_override IS NULL AND occurred_on <= ?1",
                [report(&ws, None, today).unwrap().as_of],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(after - before, 10 * counted);
        // Negative points are refused; defaults come back.
        rules[0].points = -1;
        assert!(save_point_rules(&mut ws, &rules).is_err());
        restore_point_rules(&mut ws).unwrap();
        assert_eq!(
            report(&ws, None, today).unwrap().points.support_points,
            before
        );

        let v = analysis_view(
            &ws,
            None,
            today,
            Lang::Ja,
            crate::day::parse_iso("2026-05-01"),
            true,
        )
        .unwrap();
        for svg in [
            &v.charts.funnel,
            &v.charts.heatmap,
            &v.charts.stage_trend,
            &v.charts.nps_trend_monthly,
            &v.charts.quadrant,
            &v.charts.cohorts,
        ] {
            assert!(svg.starts_with("<svg") && svg.contains("IPAexGothic"));
        }
        let total: u64 = v.stage_segment.iter().map(|c| c.customers).sum();
        assert_eq!(total, v.report.customers);
        let m = v.migration.unwrap();
        assert_eq!(m.matrix.iter().flatten().sum::<u64>(), v.report.customers);
    }
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
    let (ds, settings, as_of) = load(ws, as_of, today)?;
    let a = analytics::analyze(&ds, &settings, as_of);
    let names = customer_names(ws, &ds)?;
    let n = ds.customers.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (c, p) in ds.referrer.iter().enumerate() {
        if let Some(p) = p {
            children[*p as usize].push(c);
        }
    }
    for list in &mut children {
        list.sort_by(|x, y| ds.customers[*x].key.cmp(&ds.customers[*y].key));
    }
    // Subtree sizes, iteratively (chains may be long in a hand-kept sheet).
    let mut size = vec![0u32; n];
    let mut roots: Vec<usize> = (0..n)
        .filter(|&c| ds.referrer[c].is_none() && !children[c].is_empty())
        .collect();
    {
        let mut order = Vec::with_capacity(n);
        let mut stack: Vec<usize> = roots.clone();
        let mut seen = vec![false; n];
        while let Some(c) = stack.pop() {
            if std::mem::replace(&mut seen[c], true) {
                continue;
            }
            order.push(c);
            stack.extend(children[c].iter().copied());
        }
        for &c in order.iter().rev() {
            size[c] = children[c].iter().map(|&k| size[k] + 1).sum();
        }
    }
    roots.sort_by(|x, y| {
        size[*y]
            .cmp(&size[*x])
            .then(ds.customers[*x].key.cmp(&ds.customers[*y].key))
    });
    let mut nodes: Vec<TreeNode> = Vec::new();
    let mut seen = vec![false; n];
    let mut max_generation = 0;
    // (customer, parent node, generation), depth first in order.
    let mut stack: Vec<(usize, Option<u32>, u32)> =
        roots.iter().rev().map(|&r| (r, None, 0)).collect();
    while let Some((c, parent, generation)) = stack.pop() {
        if std::mem::replace(&mut seen[c], true) {
            continue;
        }
        let key = &ds.customers[c].key;
        let r = a.of(c as u32);
        let at = nodes.len() as u32;
        max_generation = max_generation.max(generation);
        nodes.push(TreeNode {
            customer_key: key.clone(),
            display_key: if mask_pii {
                crate::plan::mask::key(key)
            } else {
                key.clone()
            },
            name: names[c].as_deref().map(|x| {
                if mask_pii {
                    crate::plan::mask::name(x)
                } else {
                    x.to_string()
                }
            }),
            parent,
            generation,
            stage: r.map(|r| r.stage),
            ltv: r.map_or(0.0, |r| r.monetary),
            children: children[c].len() as u32,
            descendants: size[c],
        });
        for &k in children[c].iter().rev() {
            stack.push((k, Some(at), generation + 1));
        }
    }
    Ok(ReferralForest {
        trees: roots.len() as u32,
        max_generation,
        nodes,
    })
}

#[cfg(test)]
mod forest_tests {
    use super::*;

    #[test]
    fn the_forest_holds_every_referral_once_in_depth_first_order() {
        let ws = crate::demo::test_workspace(1500);
        let today = crate::day::parse_iso("2026-11-30").unwrap();
        let f = referral_forest(&ws, None, today, false).unwrap();
        let referrals: i64 = ws
            .conn()
            .query_row("SELECT count(*) FROM referrals", [], |r| r.get(0))
            .unwrap();
        // Every node but the roots has exactly one parent: one edge per referral.
        let edges = f.nodes.iter().filter(|x| x.parent.is_some()).count() as i64;
        assert_eq!(edges, referrals);
        assert_eq!(
            f.nodes.iter().filter(|x| x.parent.is_none()).count() as u32,
            f.trees
        );
        // Depth-first: a parent comes before its children, one generation up; a
        // subtree is the run after a node with a greater generation.
        for (i, x) in f.nodes.iter().enumerate() {
            if let Some(p) = x.parent {
                assert!((p as usize) < i);
                assert_eq!(f.nodes[p as usize].generation + 1, x.generation);
            }
            let run = f.nodes[i + 1..]
                .iter()
                .take_while(|y| y.generation > x.generation)
                .count() as u32;
            assert_eq!(run, x.descendants, "node {i}");
        }
        let report = report(&ws, None, today).unwrap();
        assert_eq!(u64::from(f.trees), report.referrals.trees);
        assert_eq!(u64::from(f.max_generation), report.referrals.max_generation);
        assert!(f.max_generation >= 2, "the demo shop has chains");
    }
}
