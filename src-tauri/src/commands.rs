//! Tauri commands. Each is a few lines: state in, one `ops` call on a
//! blocking thread (never the UI thread), the error converted once.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use horetsu_core::chart::Lang;
use horetsu_core::import::batches::{Batch, UndoReport};
use horetsu_core::import::{
    pipeline, ImportOptions, ImportProgress, ImportReport, Preset, Preview,
};
use horetsu_core::ops::{
    self, AnalysisView, CustomerDetail, CustomerPage, CustomerQuery, Dashboard, ExportSummary,
    IpcError, PlanPage, PlanQuery,
};
use horetsu_core::plan::campaign::{CampaignCheck, CampaignTarget};
use horetsu_core::plan::playbook::{CampaignType, Playbook};
use horetsu_core::points::PointRule;
use horetsu_core::profile::Profile;
use horetsu_core::settings::Settings;
use horetsu_core::{day, Error, Workspace};
use tauri::ipc::Channel;
use tauri::State;

use crate::state::{cached, AppState, Cache};

type Shared = Arc<Mutex<Option<Workspace>>>;

fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn today() -> day::Day {
    day::from_date(chrono::Local::now().date_naive())
}

/// Runs `f` on a blocking thread with the open workspace.
async fn with_workspace<T: Send + 'static>(
    shared: &Shared,
    f: impl FnOnce(&mut Option<Workspace>) -> Result<T, Error> + Send + 'static,
) -> Result<T, IpcError> {
    let shared = shared.clone();
    off_thread(move || {
        let mut guard = shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    })
    .await
}

/// Runs `f` on a blocking thread (without taking the workspace).
async fn off_thread<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| IpcError {
            code: "internal".into(),
            message: e.to_string(),
        })?
        .map_err(IpcError::from)
}

/// `answer` from the value `compute` makes once per `key` and `cache` keeps.
/// A cached value is answered without taking the workspace, so a screen
/// switch never waits behind a long computation that holds it (such as the
/// background warm-up).
async fn from_cache<K, V, T>(
    shared: &Shared,
    cache: Cache<K, V>,
    key: K,
    compute: impl FnOnce(&mut Workspace, &K) -> Result<V, Error> + Send + 'static,
    answer: impl FnOnce(&V) -> T + Send + 'static,
) -> Result<T, IpcError>
where
    K: PartialEq + Send + 'static,
    V: Send + Sync + 'static,
    T: Send + 'static,
{
    if let Some(value) = cached(&cache, &key) {
        return off_thread(move || Ok(answer(&value))).await;
    }
    with_workspace(shared, move |slot| {
        // Another call may have made it while this one waited for the workspace.
        let value = match cached(&cache, &key) {
            Some(value) => value,
            None => {
                let value = Arc::new(compute(open_ws(slot)?, &key)?);
                *cache.lock().unwrap_or_else(|p| p.into_inner()) = Some((key, value.clone()));
                value
            }
        };
        Ok(answer(&value))
    })
    .await
}

fn parse_as_of(as_of: Option<String>) -> Result<Option<day::Day>, Error> {
    as_of
        .filter(|s| !s.is_empty())
        .map(|s| day::parse_arg(&s).map_err(|e| Error::invalid("analysis date", e)))
        .transpose()
}

fn dashboard_of(
    ws: &Option<Workspace>,
    as_of: Option<day::Day>,
    lang: &str,
) -> Result<Dashboard, Error> {
    let ws = ws
        .as_ref()
        .ok_or_else(|| Error::NoData("no workspace is open".into()))?;
    ops::dashboard(ws, as_of, today(), Lang::from_code(lang))
}

/// Opens the start-up workspace (creating the demo on the first start) and
/// returns its dashboard.
#[tauri::command]
pub async fn startup(state: State<'_, AppState>, lang: String) -> Result<Dashboard, IpcError> {
    let profile_dir = state.profile_dir.clone();
    let requested = state.requested.clone();
    let result = with_workspace(&state.workspace, move |slot| {
        if slot.is_none() {
            let (ws, _created) =
                ops::startup_workspace(&profile_dir, requested.as_deref(), &now_text())?;
            *slot = Some(ws);
        }
        dashboard_of(slot, None, &lang)
    })
    .await;
    state.invalidate();
    result
}

/// The dashboard at an analysis date (default: the day after the latest order).
#[tauri::command]
pub async fn dashboard(
    state: State<'_, AppState>,
    as_of: Option<String>,
    lang: String,
) -> Result<Dashboard, IpcError> {
    with_workspace(&state.workspace, move |slot| {
        dashboard_of(slot, parse_as_of(as_of)?, &lang)
    })
    .await
}

/// Opens another workspace file.
#[tauri::command]
pub async fn open_workspace(
    state: State<'_, AppState>,
    path: String,
    lang: String,
) -> Result<Dashboard, IpcError> {
    let profile_dir = state.profile_dir.clone();
    let result = with_workspace(&state.workspace, move |slot| {
        let ws = ops::open_workspace(&profile_dir, &PathBuf::from(path))?;
        *slot = Some(ws);
        dashboard_of(slot, None, &lang)
    })
    .await;
    state.invalidate();
    result
}

/// Creates a new, empty workspace and opens it.
#[tauri::command]
pub async fn create_workspace(
    state: State<'_, AppState>,
    path: String,
    name: String,
    lang: String,
) -> Result<Dashboard, IpcError> {
    let profile_dir = state.profile_dir.clone();
    let result = with_workspace(&state.workspace, move |slot| {
        let ws = ops::create_workspace(&profile_dir, &PathBuf::from(path), &name, &now_text())?;
        *slot = Some(ws);
        dashboard_of(slot, None, &lang)
    })
    .await;
    state.invalidate();
    result
}

/// The profile: recent files, language, masking default.
#[tauri::command]
pub fn profile(state: State<'_, AppState>) -> Profile {
    ops::profile(&state.profile_dir)
}

/// Saves the UI language.
#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: String) -> Result<Profile, IpcError> {
    ops::set_language(&state.profile_dir, &language).map_err(IpcError::from)
}

fn open_ws(slot: &mut Option<Workspace>) -> Result<&mut Workspace, Error> {
    slot.as_mut()
        .ok_or_else(|| Error::NoData("no workspace is open".into()))
}

/// A file's sheets, header row, mapping and first rows; writes nothing.
#[tauri::command]
pub async fn preview_import(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> Result<Preview, IpcError> {
    with_workspace(&state.workspace, move |slot| {
        ops::preview_import(open_ws(slot)?, &PathBuf::from(path), &options)
    })
    .await
}

/// Imports files, reporting progress on `on_progress`; `cancel_import` stops it
/// and leaves the workspace as it was.
#[tauri::command]
pub async fn start_import(
    state: State<'_, AppState>,
    paths: Vec<String>,
    options: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, IpcError> {
    let cancel = state.cancel_import.clone();
    cancel.store(false, Ordering::SeqCst);
    let result = with_workspace(&state.workspace, move |slot| {
        let ws = open_ws(slot)?;
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        let report = |p: ImportProgress| {
            let _ = on_progress.send(p);
        };
        let now = now_text();
        let ctx = pipeline::Context {
            today: chrono::Local::now().date_naive(),
            now: &now,
            cancel: &cancel,
            progress: &report,
        };
        ops::import_files(ws, &paths, &options, &ctx)
    })
    .await;
    state.invalidate();
    result
}

/// Cancels the running import.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    state.cancel_import.store(true, Ordering::SeqCst);
}

/// The import history, newest first.
#[tauri::command]
pub async fn import_batches(state: State<'_, AppState>) -> Result<Vec<Batch>, IpcError> {
    with_workspace(&state.workspace, |slot| ops::import_batches(open_ws(slot)?)).await
}

/// Undoes one import.
#[tauri::command]
pub async fn undo_import(state: State<'_, AppState>, batch: i64) -> Result<UndoReport, IpcError> {
    let result = with_workspace(&state.workspace, move |slot| {
        ops::undo_import(open_ws(slot)?, batch, &now_text())
    })
    .await;
    state.invalidate();
    result
}

/// Built-in and saved import presets.
#[tauri::command]
pub async fn import_presets(state: State<'_, AppState>) -> Result<Vec<Preset>, IpcError> {
    with_workspace(&state.workspace, |slot| ops::import_presets(open_ws(slot)?)).await
}

/// Saves a mapping as a preset in the workspace.
#[tauri::command]
pub async fn save_import_preset(
    state: State<'_, AppState>,
    preset: Preset,
) -> Result<(), IpcError> {
    with_workspace(&state.workspace, move |slot| {
        ops::save_import_preset(open_ws(slot)?, &preset, &now_text())
    })
    .await
}

/// Writes rejected rows to a CSV file (UTF-8 with BOM, so Excel opens it).
#[tauri::command]
pub async fn export_rejections(
    path: String,
    rejections: Vec<horetsu_core::import::Rejection>,
) -> Result<(), IpcError> {
    off_thread(move || ops::write_rejections_csv(&PathBuf::from(path), &rejections)).await
}

// ---------------------------------------------------------------------------
// The action plan

/// One page of the plan (computed once per analysis date, then filtered).
#[tauri::command]
pub async fn plan_page(
    state: State<'_, AppState>,
    as_of: Option<String>,
    query: PlanQuery,
) -> Result<PlanPage, IpcError> {
    from_cache(
        &state.workspace,
        state.plan_cache.clone(),
        as_of.filter(|s| !s.is_empty()),
        |ws, as_of| ops::plan_rows(ws, parse_as_of(as_of.clone())?, today()),
        move |rows| ops::query_plan(rows, &query),
    )
    .await
}

/// Marks planned actions todo, done (logging the contact) or skipped: one, or
/// many at once (a bulk edit, or its undo); all of them, or none if any is refused.
#[tauri::command]
pub async fn set_action_statuses(
    state: State<'_, AppState>,
    changes: Vec<ops::StatusChange>,
) -> Result<usize, IpcError> {
    let result = with_workspace(&state.workspace, move |slot| {
        ops::set_action_statuses(open_ws(slot)?, &changes, today(), &now_text())
    })
    .await;
    state.invalidate();
    result
}

/// Writes the action-plan workbook.
#[tauri::command]
pub async fn export_plan(
    state: State<'_, AppState>,
    path: String,
    as_of: Option<String>,
    mask_pii: bool,
) -> Result<ExportSummary, IpcError> {
    with_workspace(&state.workspace, move |slot| {
        let ws = open_ws(slot)?;
        ops::export_plan(
            ws,
            &PathBuf::from(path),
            parse_as_of(as_of)?,
            today(),
            &now_text(),
            mask_pii,
        )
    })
    .await
}

/// Checks a campaign; `keys_path` names a customer list file for the target.
#[tauri::command]
pub async fn campaign_check(
    state: State<'_, AppState>,
    as_of: Option<String>,
    campaign: CampaignType,
    mut target: CampaignTarget,
    keys_path: Option<String>,
) -> Result<CampaignCheck, IpcError> {
    with_workspace(&state.workspace, move |slot| {
        if let Some(path) = keys_path.filter(|p| !p.is_empty()) {
            target.keys = ops::read_key_list(&PathBuf::from(path))?;
        }
        ops::campaign_check(
            open_ws(slot)?,
            parse_as_of(as_of)?,
            today(),
            campaign,
            &target,
        )
    })
    .await
}

/// Saves the recipients a campaign check left as a CSV list.
#[tauri::command]
pub async fn save_key_list(path: String, keys: Vec<String>) -> Result<(), IpcError> {
    off_thread(move || ops::write_key_list(&PathBuf::from(path), &keys)).await
}

/// The workspace's playbook.
#[tauri::command]
pub async fn playbook(state: State<'_, AppState>) -> Result<Playbook, IpcError> {
    with_workspace(&state.workspace, |slot| ops::playbook(open_ws(slot)?)).await
}

/// Saves an edited playbook.
#[tauri::command]
pub async fn save_playbook(
    state: State<'_, AppState>,
    playbook: Playbook,
) -> Result<Playbook, IpcError> {
    let result = with_workspace(&state.workspace, move |slot| {
        ops::save_playbook(open_ws(slot)?, &playbook)
    })
    .await;
    state.invalidate();
    result
}

/// Restores the default playbook.
#[tauri::command]
pub async fn restore_playbook(state: State<'_, AppState>) -> Result<Playbook, IpcError> {
    let result = with_workspace(&state.workspace, |slot| {
        ops::restore_playbook(open_ws(slot)?)
    })
    .await;
    state.invalidate();
    result
}

// ---------------------------------------------------------------------------
// Customers

/// One page of the customers table (the list is computed once per analysis
/// date and language, then filtered and sorted).
#[tauri::command]
pub async fn customer_page(
    state: State<'_, AppState>,
    as_of: Option<String>,
    lang: String,
    query: CustomerQuery,
) -> Result<CustomerPage, IpcError> {
    from_cache(
        &state.workspace,
        state.customer_cache.clone(),
        (as_of.filter(|s| !s.is_empty()), lang),
        |ws, key| {
            ops::customer_list(
                ws,
                parse_as_of(key.0.clone())?,
                today(),
                Lang::from_code(&key.1),
            )
        },
        move |rows| ops::query_customers(rows, &query),
    )
    .await
}

/// The customer page.
#[tauri::command]
pub async fn customer_detail(
    state: State<'_, AppState>,
    key: String,
    as_of: Option<String>,
    mask_pii: bool,
) -> Result<CustomerDetail, IpcError> {
    with_workspace(&state.workspace, move |slot| {
        ops::customer_detail(open_ws(slot)?, &key, parse_as_of(as_of)?, today(), mask_pii)
    })
    .await
}

// ---------------------------------------------------------------------------
// Analysis screens, point rules, settings

/// Report, charts, stage × segment and the RFM migration for the analysis
/// screens; computed once per (date, language, migration date, masking) and
/// kept until the workspace changes, so switching screens does not recompute.
#[tauri::command]
pub async fn analysis_view(
    state: State<'_, AppState>,
    as_of: Option<String>,
    lang: String,
    migration_from: Option<String>,
    mask_pii: bool,
) -> Result<AnalysisView, IpcError> {
    let key = (
        as_of.filter(|s| !s.is_empty()),
        lang,
        migration_from.filter(|s| !s.is_empty()),
        mask_pii,
    );
    from_cache(
        &state.workspace,
        state.analysis_cache.clone(),
        key,
        |ws, key| {
            ops::analysis_view(
                ws,
                parse_as_of(key.0.clone())?,
                today(),
                Lang::from_code(&key.1),
                parse_as_of(key.2.clone())?,
                key.3,
            )
        },
        AnalysisView::clone,
    )
    .await
}

/// The point rules.
#[tauri::command]
pub async fn point_rules(state: State<'_, AppState>) -> Result<Vec<PointRule>, IpcError> {
    with_workspace(&state.workspace, |slot| ops::point_rules(open_ws(slot)?)).await
}

/// Saves edited point rules (every figure is re-scored from the stored events).
#[tauri::command]
pub async fn save_point_rules(
    state: State<'_, AppState>,
    rules: Vec<PointRule>,
) -> Result<Vec<PointRule>, IpcError> {
    let result = with_workspace(&state.workspace, move |slot| {
        ops::save_point_rules(open_ws(slot)?, &rules)
    })
    .await;
    state.invalidate();
    result
}

/// Restores the default point rules.
#[tauri::command]
pub async fn restore_point_rules(state: State<'_, AppState>) -> Result<Vec<PointRule>, IpcError> {
    let result = with_workspace(&state.workspace, |slot| {
        ops::restore_point_rules(open_ws(slot)?)
    })
    .await;
    state.invalidate();
    result
}

/// The analysis settings (thresholds and targets).
#[tauri::command]
pub async fn settings(state: State<'_, AppState>) -> Result<Settings, IpcError> {
    with_workspace(&state.workspace, |slot| ops::settings(open_ws(slot)?)).await
}

/// Saves edited analysis settings.
#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, IpcError> {
    let result = with_workspace(&state.workspace, move |slot| {
        ops::save_settings(open_ws(slot)?, &settings)
    })
    .await;
    state.invalidate();
    result
}

/// Restores the default analysis settings.
#[tauri::command]
pub async fn restore_settings(state: State<'_, AppState>) -> Result<Settings, IpcError> {
    let result = with_workspace(&state.workspace, |slot| {
        ops::restore_settings(open_ws(slot)?)
    })
    .await;
    state.invalidate();
    result
}

/// Saves whether masking is on when the app starts.
#[tauri::command]
pub fn set_mask_default(state: State<'_, AppState>, mask: bool) -> Result<Profile, IpcError> {
    ops::set_mask_default(&state.profile_dir, mask).map_err(IpcError::from)
}

/// Writes a copy of the open workspace (backup or client copy).
#[tauri::command]
pub async fn save_workspace_copy(state: State<'_, AppState>, path: String) -> Result<(), IpcError> {
    with_workspace(&state.workspace, move |slot| {
        ops::save_workspace_copy(open_ws(slot)?, &PathBuf::from(path))
    })
    .await
}

/// One group's newest NPS comments with their categories, and their number.
#[tauri::command]
pub async fn nps_comments(
    state: State<'_, AppState>,
    as_of: Option<String>,
    group: Option<horetsu_core::analytics::comments::NpsGroup>,
    limit: usize,
) -> Result<horetsu_core::ops::NpsCommentPage, IpcError> {
    with_workspace(&state.workspace, move |slot| {
        ops::nps_comment_page(open_ws(slot)?, parse_as_of(as_of)?, today(), group, limit)
    })
    .await
}

/// The referral forest (depth-first; the UI expands and collapses it).
#[tauri::command]
pub async fn referral_forest(
    state: State<'_, AppState>,
    as_of: Option<String>,
    mask_pii: bool,
) -> Result<horetsu_core::ops::ReferralForest, IpcError> {
    with_workspace(&state.workspace, move |slot| {
        ops::referral_forest(open_ws(slot)?, parse_as_of(as_of)?, today(), mask_pii)
    })
    .await
}
