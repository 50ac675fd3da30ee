//! Tauri commands. Each is a few lines: state in, one `ops` call on a
//! blocking thread (never the UI thread), the error converted once.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use horetsu_core::ops::{
    self, AnalysisView, Batch, CampaignCheck, CampaignTarget, CampaignType, Context,
    CustomerDetail, CustomerPage, CustomerQuery, Dashboard, EffectCustomer, EffectView,
    ExportSummary, ImportOptions, ImportProgress, ImportReport, IpcError, KpiNote, Lang,
    ListReport, ListRequest, NpsCommentPage, NpsGroup, PeopleList, PlanPage, PlanQuery, Playbook,
    PointRule, Preset, Preview, PreviousMonth, Profile, ReferralForest, Rejection, ReportSummary,
    SavedList, SavedPeople, SendRecord, Settings, StatusChange, UndoReport,
};
use horetsu_core::{day, Error, Workspace};
use tauri::ipc::Channel;
use tauri::State;

use crate::contract::commands;
use crate::state::AppState;

fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn today() -> day::Day {
    day::from_date(today_date())
}

fn today_date() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Runs `f` on a blocking thread.
async fn off_thread<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| IpcError::internal(e.to_string()))?
        .map_err(IpcError::from)
}

/// Runs `f` on a blocking thread with the open workspace.
async fn with_workspace<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Workspace) -> Result<T, Error> + Send + 'static,
) -> Result<T, IpcError> {
    let ws = state.workspace().map_err(IpcError::from)?;
    off_thread(move || f(&ws)).await
}

fn parse_as_of(as_of: Option<String>) -> Result<Option<day::Day>, Error> {
    as_of
        .filter(|s| !s.is_empty())
        .map(|s| day::parse_arg(&s).map_err(|e| Error::invalid("analysis date", e)))
        .transpose()
}

/// Opens a workspace (or another one) and returns its dashboard.
async fn open_with(
    state: &AppState,
    lang: Lang,
    open: impl FnOnce() -> Result<Workspace, Error> + Send + 'static,
) -> Result<Dashboard, IpcError> {
    let ws = off_thread(open).await?;
    let ws: Arc<Workspace> = state.set_workspace(ws);
    off_thread(move || ops::dashboard(&ws, None, today(), lang)).await
}

/// Opens the start-up workspace (creating the demo on the first start) and
/// returns its dashboard.
#[tauri::command]
pub async fn startup(state: State<'_, AppState>, lang: Lang) -> Result<Dashboard, IpcError> {
    if state.is_open() {
        return dashboard(state, None, lang).await;
    }
    let profile_dir = state.profile_dir.clone();
    let requested = state
        .requested
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    open_with(&state, lang, move || {
        ops::startup_workspace(&profile_dir, requested.as_deref(), &now_text()).map(|(ws, _)| ws)
    })
    .await
}

/// The dashboard at an analysis date (default: the day after the latest order).
#[tauri::command]
pub async fn dashboard(
    state: State<'_, AppState>,
    as_of: Option<String>,
    lang: Lang,
) -> Result<Dashboard, IpcError> {
    with_workspace(&state, move |ws| {
        ops::dashboard(ws, parse_as_of(as_of)?, today(), lang)
    })
    .await
}

/// Opens another workspace file.
#[tauri::command]
pub async fn open_workspace(
    state: State<'_, AppState>,
    path: String,
    lang: Lang,
) -> Result<Dashboard, IpcError> {
    let profile_dir = state.profile_dir.clone();
    open_with(&state, lang, move || {
        ops::open_workspace(&profile_dir, &PathBuf::from(path))
    })
    .await
}

/// Creates a new, empty workspace and opens it.
#[tauri::command]
pub async fn create_workspace(
    state: State<'_, AppState>,
    path: String,
    name: String,
    lang: Lang,
) -> Result<Dashboard, IpcError> {
    let profile_dir = state.profile_dir.clone();
    open_with(&state, lang, move || {
        ops::create_workspace(&profile_dir, &PathBuf::from(path), &name, &now_text())
    })
    .await
}

/// The profile: recent files, language, masking default.
#[tauri::command]
pub async fn profile(state: State<'_, AppState>) -> Result<Profile, IpcError> {
    Ok(ops::profile(&state.profile_dir))
}

/// Saves the UI language.
#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, language: Lang) -> Result<Profile, IpcError> {
    ops::set_language(&state.profile_dir, language.code()).map_err(IpcError::from)
}

/// A file's sheets, header row, mapping and first rows; writes nothing.
#[tauri::command]
pub async fn preview_import(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> Result<Preview, IpcError> {
    with_workspace(&state, move |ws| {
        ops::preview_import(ws, &PathBuf::from(path), &options, today_date())
    })
    .await
}

/// What importing files would do (every row read, nothing written): new
/// rows, duplicates, and every row that would be rejected, with the reason.
#[tauri::command]
pub async fn check_import(
    state: State<'_, AppState>,
    paths: Vec<String>,
    options: ImportOptions,
) -> Result<ImportReport, IpcError> {
    let cancel = Arc::new(std::sync::atomic::AtomicBool::new(false));
    with_workspace(&state, move |ws| {
        let now = now_text();
        let ctx = Context {
            today: today_date(),
            now: &now,
            cancel: &cancel,
            progress: &|_| {},
        };
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        ops::check_import(ws, &paths, &options, &ctx)
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
    with_workspace(&state, move |ws| {
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        let report = |p: ImportProgress| {
            let _ = on_progress.send(p);
        };
        let now = now_text();
        let ctx = Context {
            today: today_date(),
            now: &now,
            cancel: &cancel,
            progress: &report,
        };
        ops::import_files(ws, &paths, &options, &ctx)
    })
    .await
}

/// Cancels the running import.
#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>) -> Result<(), IpcError> {
    state.cancel_import.store(true, Ordering::SeqCst);
    Ok(())
}

/// The import history, newest first.
#[tauri::command]
pub async fn import_batches(state: State<'_, AppState>) -> Result<Vec<Batch>, IpcError> {
    with_workspace(&state, ops::import_batches).await
}

/// Undoes one import.
#[tauri::command]
pub async fn undo_import(state: State<'_, AppState>, batch: i64) -> Result<UndoReport, IpcError> {
    with_workspace(&state, move |ws| ops::undo_import(ws, batch, &now_text())).await
}

/// Built-in and saved import presets.
#[tauri::command]
pub async fn import_presets(state: State<'_, AppState>) -> Result<Vec<Preset>, IpcError> {
    with_workspace(&state, ops::import_presets).await
}

/// Saves a mapping as a preset in the workspace.
#[tauri::command]
pub async fn save_import_preset(
    state: State<'_, AppState>,
    preset: Preset,
) -> Result<(), IpcError> {
    with_workspace(&state, move |ws| {
        ops::save_import_preset(ws, &preset, &now_text())
    })
    .await
}

/// Writes rejected rows to a CSV file (UTF-8 with BOM, so Excel opens it).
/// `replace`: the user agreed to replace an existing CSV of that name.
#[tauri::command]
pub async fn export_rejections(
    state: State<'_, AppState>,
    path: String,
    rejections: Vec<Rejection>,
    replace: bool,
) -> Result<(), IpcError> {
    let target = PathBuf::from(&path);
    off_thread(move || ops::write_rejections_csv(&PathBuf::from(path), &rejections, replace))
        .await?;
    state.wrote(target);
    Ok(())
}

// ---------------------------------------------------------------------------
// The action plan

/// One page of the plan.
#[tauri::command]
pub async fn plan_page(
    state: State<'_, AppState>,
    as_of: Option<String>,
    query: PlanQuery,
) -> Result<PlanPage, IpcError> {
    with_workspace(&state, move |ws| {
        ops::plan_page(ws, parse_as_of(as_of)?, today(), &query)
    })
    .await
}

/// Marks planned actions todo, done (logging the contact) or skipped: one, or
/// many at once (a bulk edit, or its undo); all of them, or none if any is refused.
#[tauri::command]
pub async fn set_action_statuses(
    state: State<'_, AppState>,
    changes: Vec<StatusChange>,
    as_of: Option<String>,
) -> Result<usize, IpcError> {
    with_workspace(&state, move |ws| {
        ops::set_action_statuses(ws, &changes, parse_as_of(as_of)?, today(), &now_text())
    })
    .await
}

/// Writes the action-plan workbook; `replace`: the user agreed to replace an
/// existing workbook of that name.
#[tauri::command]
pub async fn export_plan(
    state: State<'_, AppState>,
    path: String,
    as_of: Option<String>,
    mask_pii: bool,
    replace: bool,
) -> Result<ExportSummary, IpcError> {
    let target = PathBuf::from(&path);
    let done = with_workspace(&state, move |ws| {
        ops::export_plan(
            ws,
            &PathBuf::from(path),
            parse_as_of(as_of)?,
            today(),
            &now_text(),
            mask_pii,
            replace,
        )
    })
    .await?;
    state.wrote(target);
    Ok(done)
}

/// Checks a campaign; `keys_path` names a customer list file for the target.
#[tauri::command]
pub async fn campaign_check(
    state: State<'_, AppState>,
    as_of: Option<String>,
    campaign: CampaignType,
    mut target: CampaignTarget,
    keys_path: Option<String>,
    mask_pii: bool,
) -> Result<CampaignCheck, IpcError> {
    with_workspace(&state, move |ws| {
        if let Some(path) = keys_path.filter(|p| !p.is_empty()) {
            target.keys = ops::read_key_list(&PathBuf::from(path))?;
        }
        ops::campaign_check(
            ws,
            parse_as_of(as_of)?,
            today(),
            campaign,
            &target,
            mask_pii,
        )
    })
    .await
}

/// Saves the recipients a campaign check left as a CSV list; `replace`: the
/// user agreed to replace an existing CSV of that name.
#[tauri::command]
pub async fn save_key_list(
    state: State<'_, AppState>,
    path: String,
    keys: Vec<String>,
    replace: bool,
    record: Option<SendRecord>,
) -> Result<SavedList, IpcError> {
    let target = PathBuf::from(&path);
    let done = with_workspace(&state, move |ws| {
        ops::save_recipients(
            ws,
            &PathBuf::from(path),
            &keys,
            replace,
            record.as_ref(),
            today(),
            &now_text(),
        )
    })
    .await?;
    state.wrote(target);
    Ok(done)
}

/// Saves a sending list (mail, address or Shopify) of the customers a
/// request selects, recorded as sent with its holdout when asked.
#[tauri::command]
pub async fn save_list(
    state: State<'_, AppState>,
    path: String,
    request: ListRequest,
    replace: bool,
    as_of: Option<String>,
    lang: Lang,
) -> Result<ListReport, IpcError> {
    let target = PathBuf::from(&path);
    let done = with_workspace(&state, move |ws| {
        ops::write_list(
            ws,
            &PathBuf::from(path),
            &request,
            replace,
            parse_as_of(as_of)?,
            today(),
            &now_text(),
            lang,
        )
    })
    .await?;
    state.wrote(target);
    Ok(done)
}

/// What a sending list would hold and leave out (nothing written).
#[tauri::command]
pub async fn preview_list(
    state: State<'_, AppState>,
    request: ListRequest,
    as_of: Option<String>,
    lang: Lang,
) -> Result<ListReport, IpcError> {
    with_workspace(&state, move |ws| {
        ops::preview_list(ws, &request, parse_as_of(as_of)?, today(), lang)
    })
    .await
}

/// The workspace's playbook.
#[tauri::command]
pub async fn playbook(state: State<'_, AppState>) -> Result<Playbook, IpcError> {
    with_workspace(&state, ops::playbook).await
}

/// Saves an edited playbook.
#[tauri::command]
pub async fn save_playbook(
    state: State<'_, AppState>,
    playbook: Playbook,
) -> Result<Playbook, IpcError> {
    with_workspace(&state, move |ws| ops::save_playbook(ws, &playbook)).await
}

/// Restores the default playbook.
#[tauri::command]
pub async fn restore_playbook(state: State<'_, AppState>) -> Result<Playbook, IpcError> {
    with_workspace(&state, ops::restore_playbook).await
}

// ---------------------------------------------------------------------------
// Customers

/// One page of the customers table.
#[tauri::command]
pub async fn customer_page(
    state: State<'_, AppState>,
    as_of: Option<String>,
    query: CustomerQuery,
) -> Result<CustomerPage, IpcError> {
    with_workspace(&state, move |ws| {
        ops::customer_page(ws, parse_as_of(as_of)?, today(), &query)
    })
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
    with_workspace(&state, move |ws| {
        ops::customer_detail(ws, &key, parse_as_of(as_of)?, today(), mask_pii)
    })
    .await
}

// ---------------------------------------------------------------------------
// Analysis screens, point rules, settings

/// Report, charts, stage × segment and the RFM migration for the analysis screens.
#[tauri::command]
pub async fn analysis_view(
    state: State<'_, AppState>,
    as_of: Option<String>,
    lang: Lang,
    migration_from: Option<String>,
    mask_pii: bool,
) -> Result<AnalysisView, IpcError> {
    with_workspace(&state, move |ws| {
        ops::analysis_view(
            ws,
            parse_as_of(as_of)?,
            today(),
            lang,
            parse_as_of(migration_from)?,
            mask_pii,
        )
    })
    .await
}

/// 効果測定: every campaign against its control group, with the charts.
#[tauri::command]
pub async fn effect_view(
    state: State<'_, AppState>,
    as_of: Option<String>,
    window_days: i64,
    lang: Lang,
) -> Result<EffectView, IpcError> {
    with_workspace(&state, move |ws| {
        ops::effect_view(ws, parse_as_of(as_of)?, today(), window_days, lang)
    })
    .await
}

/// The uplift chart of one campaign (the ones the view leaves empty).
#[tauri::command]
pub async fn effect_chart(
    state: State<'_, AppState>,
    as_of: Option<String>,
    window_days: i64,
    campaign: String,
    lang: Lang,
) -> Result<String, IpcError> {
    with_workspace(&state, move |ws| {
        ops::effect_chart(
            ws,
            parse_as_of(as_of)?,
            today(),
            window_days,
            &campaign,
            lang,
        )
    })
    .await
}

/// The customers of one campaign and what each did in the window.
#[tauri::command]
pub async fn effect_customers(
    state: State<'_, AppState>,
    as_of: Option<String>,
    window_days: i64,
    campaign: String,
    mask_pii: bool,
) -> Result<Vec<EffectCustomer>, IpcError> {
    with_workspace(&state, move |ws| {
        ops::effect_customers(
            ws,
            parse_as_of(as_of)?,
            today(),
            window_days,
            &campaign,
            mask_pii,
        )
    })
    .await
}

/// 施策メモ, oldest first.
#[tauri::command]
pub async fn kpi_notes(
    state: State<'_, AppState>,
    as_of: Option<String>,
    mask_pii: bool,
) -> Result<Vec<KpiNote>, IpcError> {
    with_workspace(&state, move |ws| {
        ops::kpi_notes(ws, parse_as_of(as_of)?, today(), mask_pii)
    })
    .await
}

/// Replaces the 施策メモ.
#[tauri::command]
pub async fn save_kpi_notes(
    state: State<'_, AppState>,
    notes: Vec<KpiNote>,
) -> Result<Vec<KpiNote>, IpcError> {
    with_workspace(&state, move |ws| ops::save_kpi_notes(ws, &notes)).await
}

/// The point rules.
#[tauri::command]
pub async fn point_rules(state: State<'_, AppState>) -> Result<Vec<PointRule>, IpcError> {
    with_workspace(&state, ops::point_rules).await
}

/// Saves edited point rules (every figure is re-scored from the stored events).
#[tauri::command]
pub async fn save_point_rules(
    state: State<'_, AppState>,
    rules: Vec<PointRule>,
) -> Result<Vec<PointRule>, IpcError> {
    with_workspace(&state, move |ws| ops::save_point_rules(ws, &rules)).await
}

/// Restores the default point rules.
#[tauri::command]
pub async fn restore_point_rules(state: State<'_, AppState>) -> Result<Vec<PointRule>, IpcError> {
    with_workspace(&state, ops::restore_point_rules).await
}

/// The analysis settings (thresholds and targets).
#[tauri::command]
pub async fn settings(state: State<'_, AppState>) -> Result<Settings, IpcError> {
    with_workspace(&state, ops::settings).await
}

/// Saves edited analysis settings.
#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, IpcError> {
    with_workspace(&state, move |ws| ops::save_settings(ws, &settings)).await
}

/// Restores the default analysis settings.
#[tauri::command]
pub async fn restore_settings(state: State<'_, AppState>) -> Result<Settings, IpcError> {
    with_workspace(&state, ops::restore_settings).await
}

/// Saves whether masking is on when the app starts.
#[tauri::command]
pub async fn set_mask_default(state: State<'_, AppState>, mask: bool) -> Result<Profile, IpcError> {
    ops::set_mask_default(&state.profile_dir, mask).map_err(IpcError::from)
}

/// Writes a copy of the open workspace (backup or client copy); never over
/// a workspace or another file (`replace`: the user agreed to replace an
/// empty file of that name).
#[tauri::command]
pub async fn save_workspace_copy(
    state: State<'_, AppState>,
    path: String,
    replace: bool,
) -> Result<(), IpcError> {
    let target = PathBuf::from(&path);
    with_workspace(&state, move |ws| {
        ops::save_workspace_copy(ws, &PathBuf::from(path), replace)
    })
    .await?;
    state.wrote(target);
    Ok(())
}

/// SQLite's quick check of the open workspace's file (every page read, on
/// a connection of its own; the UI asks in the background after opening).
#[tauri::command]
pub async fn check_workspace(state: State<'_, AppState>) -> Result<(), IpcError> {
    with_workspace(&state, |ws| ops::check_workspace(ws.path())).await
}

/// One group's newest NPS comments with their categories, and their number.
#[tauri::command]
pub async fn nps_comments(
    state: State<'_, AppState>,
    as_of: Option<String>,
    group: Option<NpsGroup>,
    limit: usize,
    mask_pii: bool,
) -> Result<NpsCommentPage, IpcError> {
    with_workspace(&state, move |ws| {
        ops::nps_comment_page(ws, parse_as_of(as_of)?, today(), group, limit, mask_pii)
    })
    .await
}

/// Writes the workshop report (PDF); `replace`: the user agreed to replace
/// an existing PDF of that name.
#[tauri::command]
pub async fn export_report(
    state: State<'_, AppState>,
    path: String,
    as_of: Option<String>,
    mask_pii: bool,
    replace: bool,
    lang: Lang,
) -> Result<ReportSummary, IpcError> {
    let target = PathBuf::from(&path);
    let done = with_workspace(&state, move |ws| {
        ops::write_report(
            ws,
            &PathBuf::from(path),
            parse_as_of(as_of)?,
            today(),
            &now_text(),
            mask_pii,
            replace,
            lang,
        )
    })
    .await?;
    state.wrote(target);
    Ok(done)
}

/// The dashboard's KPIs a month before the analysis date (前月比).
#[tauri::command]
pub async fn previous_month(
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> Result<Option<PreviousMonth>, IpcError> {
    with_workspace(&state, move |ws| {
        ops::previous_month(ws, parse_as_of(as_of)?, today())
    })
    .await
}

/// Saves a list of customers shown on a screen (churn, ranking, NPS
/// comments, a campaign's customers, a campaign check's exclusions) as CSV.
#[tauri::command]
pub async fn save_people(
    state: State<'_, AppState>,
    path: String,
    list: PeopleList,
    as_of: Option<String>,
    mask_pii: bool,
    replace: bool,
    lang: Lang,
) -> Result<SavedPeople, IpcError> {
    let target = PathBuf::from(&path);
    let saved = with_workspace(&state, move |ws| {
        ops::save_people(
            ws,
            parse_as_of(as_of)?,
            today(),
            &list,
            &PathBuf::from(path),
            mask_pii,
            replace,
            lang,
        )
    })
    .await?;
    state.wrote(target);
    Ok(saved)
}

/// 「フォルダを開く」: shows the folder of a file this run of the app wrote
/// (no other path), in the system's file manager.
#[tauri::command]
pub async fn reveal_file(state: State<'_, AppState>, path: String) -> Result<(), IpcError> {
    let path = PathBuf::from(path);
    if !state.has_written(&path) || !path.is_file() {
        return Err(IpcError::from(horetsu_core::Error::invalid(
            "path",
            format!("{} is not a file this app saved", path.display()),
        )));
    }
    crate::reveal::reveal(&path).map_err(|e| IpcError::internal(e.to_string()))
}

/// The referral forest (depth-first; the UI expands and collapses it).
#[tauri::command]
pub async fn referral_forest(
    state: State<'_, AppState>,
    as_of: Option<String>,
    mask_pii: bool,
) -> Result<ReferralForest, IpcError> {
    with_workspace(&state, move |ws| {
        ops::referral_forest(ws, parse_as_of(as_of)?, today(), mask_pii)
    })
    .await
}

commands! {
    /// Opens the start-up workspace (the demo on the first start) and returns its dashboard.
    fn startup(lang: Lang) -> Dashboard;
    /// The dashboard at an analysis date (default: the day after the latest order).
    fn dashboard(as_of: Option<String>, lang: Lang) -> Dashboard;
    /// Opens another workspace file.
    fn open_workspace(path: String, lang: Lang) -> Dashboard;
    /// Creates a new, empty workspace and opens it.
    fn create_workspace(path: String, name: String, lang: Lang) -> Dashboard;
    /// The profile: recent files, language, masking default.
    fn profile() -> Profile;
    /// Saves the UI language.
    fn set_language(language: Lang) -> Profile;
    /// A file's sheets, header row, mapping and first rows; writes nothing.
    fn preview_import(path: String, options: ImportOptions) -> Preview;
    /// Imports files, reporting progress; `cancel_import` leaves the workspace as it was.
    fn start_import(
        paths: Vec<String>,
        options: ImportOptions,
        on_progress: Channel<ImportProgress> = "channel<ImportProgress>",
    ) -> ImportReport;
    /// What importing a file would do (every row read, nothing written).
    fn check_import(paths: Vec<String>, options: ImportOptions) -> ImportReport;
    /// Cancels the running import.
    fn cancel_import() -> ();
    /// The import history, newest first.
    fn import_batches() -> Vec<Batch>;
    /// Undoes one import.
    fn undo_import(batch: i64) -> UndoReport;
    /// Built-in and saved import presets.
    fn import_presets() -> Vec<Preset>;
    /// Saves a mapping as a preset in the workspace.
    fn save_import_preset(preset: Preset) -> ();
    /// Writes rejected rows to a CSV file.
    fn export_rejections(path: String, rejections: Vec<Rejection>, replace: bool) -> ();
    /// One page of the plan.
    fn plan_page(as_of: Option<String>, query: PlanQuery) -> PlanPage;
    /// Marks planned actions todo, done or skipped, all or none.
    fn set_action_statuses(changes: Vec<StatusChange>, as_of: Option<String>) -> usize;
    /// Writes the action-plan workbook.
    fn export_plan(path: String, as_of: Option<String>, mask_pii: bool, replace: bool) -> ExportSummary;
    /// Checks a campaign; `keys_path` names a customer list file for the target.
    fn campaign_check(
        as_of: Option<String>,
        campaign: CampaignType,
        target: CampaignTarget,
        keys_path: Option<String>,
        mask_pii: bool,
    ) -> CampaignCheck;
    /// Saves the recipients a campaign check left as a CSV list, recorded as
    /// sent with its holdout when asked.
    fn save_key_list(path: String, keys: Vec<String>, replace: bool, record: Option<SendRecord>) -> SavedList;
    /// Saves a sending list, recorded as sent when asked.
    fn save_list(
        path: String,
        request: ListRequest,
        replace: bool,
        as_of: Option<String>,
        lang: Lang,
    ) -> ListReport;
    /// What a sending list would hold and leave out (nothing written).
    fn preview_list(request: ListRequest, as_of: Option<String>, lang: Lang) -> ListReport;
    /// The workspace's playbook.
    fn playbook() -> Playbook;
    /// Saves an edited playbook.
    fn save_playbook(playbook: Playbook) -> Playbook;
    /// Restores the default playbook.
    fn restore_playbook() -> Playbook;
    /// One page of the customers table.
    fn customer_page(as_of: Option<String>, query: CustomerQuery) -> CustomerPage;
    /// The customer page.
    fn customer_detail(key: String, as_of: Option<String>, mask_pii: bool) -> CustomerDetail;
    /// Report, charts, stage × segment and the RFM migration for the analysis screens.
    fn analysis_view(
        as_of: Option<String>,
        lang: Lang,
        migration_from: Option<String>,
        mask_pii: bool,
    ) -> AnalysisView;
    /// 効果測定: every campaign against its control group, with the charts.
    fn effect_view(as_of: Option<String>, window_days: i64, lang: Lang) -> EffectView;
    /// The uplift chart of one campaign (the ones the view leaves empty).
    fn effect_chart(as_of: Option<String>, window_days: i64, campaign: String, lang: Lang) -> String;
    /// The customers of one campaign and what each did in the window.
    fn effect_customers(
        as_of: Option<String>,
        window_days: i64,
        campaign: String,
        mask_pii: bool,
    ) -> Vec<EffectCustomer>;
    /// 施策メモ, oldest first.
    fn kpi_notes(as_of: Option<String>, mask_pii: bool) -> Vec<KpiNote>;
    /// Replaces the 施策メモ.
    fn save_kpi_notes(notes: Vec<KpiNote>) -> Vec<KpiNote>;
    /// The point rules.
    fn point_rules() -> Vec<PointRule>;
    /// Saves edited point rules (every figure is re-scored).
    fn save_point_rules(rules: Vec<PointRule>) -> Vec<PointRule>;
    /// Restores the default point rules.
    fn restore_point_rules() -> Vec<PointRule>;
    /// The analysis settings.
    fn settings() -> Settings;
    /// Saves edited analysis settings.
    fn save_settings(settings: Settings) -> Settings;
    /// Restores the default analysis settings.
    fn restore_settings() -> Settings;
    /// Saves whether masking is on when the app starts.
    fn set_mask_default(mask: bool) -> Profile;
    /// Writes a copy of the open workspace (backup or client copy).
    fn save_workspace_copy(path: String, replace: bool) -> ();
    /// SQLite's quick check of the open workspace's file.
    fn check_workspace() -> ();
    /// One group's newest NPS comments, and their number.
    fn nps_comments(
        as_of: Option<String>,
        group: Option<NpsGroup>,
        limit: usize,
        mask_pii: bool,
    ) -> NpsCommentPage;
    /// The referral forest (depth-first).
    fn referral_forest(as_of: Option<String>, mask_pii: bool) -> ReferralForest;
    /// Writes the workshop report (PDF).
    fn export_report(
        path: String,
        as_of: Option<String>,
        mask_pii: bool,
        replace: bool,
        lang: Lang,
    ) -> ReportSummary;
    /// The dashboard's KPIs a month before the analysis date (前月比).
    fn previous_month(as_of: Option<String>) -> Option<PreviousMonth>;
    /// Saves a list of customers shown on a screen as CSV.
    fn save_people(
        path: String,
        list: PeopleList,
        as_of: Option<String>,
        mask_pii: bool,
        replace: bool,
        lang: Lang,
    ) -> SavedPeople;
    /// Shows the folder of a file this run saved.
    fn reveal_file(path: String) -> ();
}
