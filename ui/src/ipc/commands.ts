// Generated from the command list in src-tauri/src/commands.rs. Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p horetsu-app --lib contract

import { Channel, invoke } from "@tauri-apps/api/core";
import type { AnalysisView, Batch, CampaignCheck, CampaignTarget, CampaignType, CustomerDetail, CustomerPage, CustomerQuery, Dashboard, EffectCustomer, EffectView, ExportSummary, ImportOptions, ImportProgress, ImportReport, KpiNote, Lang, ListReport, ListRequest, NpsCommentPage, NpsGroup, PeopleList, PlanPage, PlanQuery, Playbook, PointRule, Preset, Preview, PreviousMonth, Profile, ReferralForest, Rejection, ReportSummary, SavedList, SavedPeople, SendRecord, Settings, StatusChange, UndoReport } from "./bindings";

/** Every command the app's Rust side answers, typed. */
export const commands = {
  /** Opens the start-up workspace (the demo on the first start) and returns its dashboard. */
  startup: (lang: Lang) => invoke<Dashboard>("startup", { lang }),
  /** The dashboard at an analysis date (default: the day after the latest order). */
  dashboard: (asOf: string | null, lang: Lang) => invoke<Dashboard>("dashboard", { asOf, lang }),
  /** Opens another workspace file. */
  openWorkspace: (path: string, lang: Lang) => invoke<Dashboard>("open_workspace", { path, lang }),
  /** Creates a new, empty workspace and opens it. */
  createWorkspace: (path: string, name: string, lang: Lang) => invoke<Dashboard>("create_workspace", { path, name, lang }),
  /** The profile: recent files, language, masking default. */
  profile: () => invoke<Profile>("profile"),
  /** Saves the UI language. */
  setLanguage: (language: Lang) => invoke<Profile>("set_language", { language }),
  /** A file's sheets, header row, mapping and first rows; writes nothing. */
  previewImport: (path: string, options: ImportOptions) => invoke<Preview>("preview_import", { path, options }),
  /** Imports files, reporting progress; `cancel_import` leaves the workspace as it was. */
  startImport: (paths: Array<string>, options: ImportOptions, onProgress: (message: ImportProgress) => void) => {
    const onProgressChannel = new Channel<ImportProgress>();
    onProgressChannel.onmessage = onProgress;
    return invoke<ImportReport>("start_import", { paths, options, onProgress: onProgressChannel });
  },
  /** What importing a file would do (every row read, nothing written). */
  checkImport: (paths: Array<string>, options: ImportOptions) => invoke<ImportReport>("check_import", { paths, options }),
  /** Cancels the running import. */
  cancelImport: () => invoke<null>("cancel_import"),
  /** The import history, newest first. */
  importBatches: () => invoke<Array<Batch>>("import_batches"),
  /** Undoes one import. */
  undoImport: (batch: number) => invoke<UndoReport>("undo_import", { batch }),
  /** Built-in and saved import presets. */
  importPresets: () => invoke<Array<Preset>>("import_presets"),
  /** Saves a mapping as a preset in the workspace. */
  saveImportPreset: (preset: Preset) => invoke<null>("save_import_preset", { preset }),
  /** Writes rejected rows to a CSV file. */
  exportRejections: (path: string, rejections: Array<Rejection>, replace: boolean) => invoke<null>("export_rejections", { path, rejections, replace }),
  /** One page of the plan. */
  planPage: (asOf: string | null, query: PlanQuery) => invoke<PlanPage>("plan_page", { asOf, query }),
  /** Marks planned actions todo, done or skipped, all or none. */
  setActionStatuses: (changes: Array<StatusChange>, asOf: string | null) => invoke<number>("set_action_statuses", { changes, asOf }),
  /** Writes the action-plan workbook. */
  exportPlan: (path: string, asOf: string | null, maskPii: boolean, replace: boolean) => invoke<ExportSummary>("export_plan", { path, asOf, maskPii, replace }),
  /** Checks a campaign; `keys_path` names a customer list file for the target. */
  campaignCheck: (asOf: string | null, campaign: CampaignType, target: CampaignTarget, keysPath: string | null, maskPii: boolean) => invoke<CampaignCheck>("campaign_check", { asOf, campaign, target, keysPath, maskPii }),
  /** Saves the recipients a campaign check left as a CSV list, recorded as */
  /** sent with its holdout when asked. */
  saveKeyList: (path: string, keys: Array<string>, replace: boolean, record: SendRecord | null) => invoke<SavedList>("save_key_list", { path, keys, replace, record }),
  /** Saves a sending list, recorded as sent when asked. */
  saveList: (path: string, request: ListRequest, replace: boolean, asOf: string | null, lang: Lang) => invoke<ListReport>("save_list", { path, request, replace, asOf, lang }),
  /** What a sending list would hold and leave out (nothing written). */
  previewList: (request: ListRequest, asOf: string | null, lang: Lang) => invoke<ListReport>("preview_list", { request, asOf, lang }),
  /** The workspace's playbook. */
  playbook: () => invoke<Playbook>("playbook"),
  /** Saves an edited playbook. */
  savePlaybook: (playbook: Playbook) => invoke<Playbook>("save_playbook", { playbook }),
  /** Restores the default playbook. */
  restorePlaybook: () => invoke<Playbook>("restore_playbook"),
  /** One page of the customers table. */
  customerPage: (asOf: string | null, query: CustomerQuery) => invoke<CustomerPage>("customer_page", { asOf, query }),
  /** The customer page. */
  customerDetail: (key: string, asOf: string | null, maskPii: boolean) => invoke<CustomerDetail>("customer_detail", { key, asOf, maskPii }),
  /** Report, charts, stage × segment and the RFM migration for the analysis screens. */
  analysisView: (asOf: string | null, lang: Lang, migrationFrom: string | null, maskPii: boolean) => invoke<AnalysisView>("analysis_view", { asOf, lang, migrationFrom, maskPii }),
  /** 効果測定: every campaign against its control group, with the charts. */
  effectView: (asOf: string | null, windowDays: number, lang: Lang) => invoke<EffectView>("effect_view", { asOf, windowDays, lang }),
  /** The uplift chart of one campaign (the ones the view leaves empty). */
  effectChart: (asOf: string | null, windowDays: number, campaign: string, lang: Lang) => invoke<string>("effect_chart", { asOf, windowDays, campaign, lang }),
  /** The customers of one campaign and what each did in the window. */
  effectCustomers: (asOf: string | null, windowDays: number, campaign: string, maskPii: boolean) => invoke<Array<EffectCustomer>>("effect_customers", { asOf, windowDays, campaign, maskPii }),
  /** 施策メモ, oldest first. */
  kpiNotes: (asOf: string | null, maskPii: boolean) => invoke<Array<KpiNote>>("kpi_notes", { asOf, maskPii }),
  /** Replaces the 施策メモ. */
  saveKpiNotes: (notes: Array<KpiNote>) => invoke<Array<KpiNote>>("save_kpi_notes", { notes }),
  /** The point rules. */
  pointRules: () => invoke<Array<PointRule>>("point_rules"),
  /** Saves edited point rules (every figure is re-scored). */
  savePointRules: (rules: Array<PointRule>) => invoke<Array<PointRule>>("save_point_rules", { rules }),
  /** Restores the default point rules. */
  restorePointRules: () => invoke<Array<PointRule>>("restore_point_rules"),
  /** The analysis settings. */
  settings: () => invoke<Settings>("settings"),
  /** Saves edited analysis settings. */
  saveSettings: (settings: Settings) => invoke<Settings>("save_settings", { settings }),
  /** Restores the default analysis settings. */
  restoreSettings: () => invoke<Settings>("restore_settings"),
  /** Saves whether masking is on when the app starts. */
  setMaskDefault: (mask: boolean) => invoke<Profile>("set_mask_default", { mask }),
  /** Writes a copy of the open workspace (backup or client copy). */
  saveWorkspaceCopy: (path: string, replace: boolean) => invoke<null>("save_workspace_copy", { path, replace }),
  /** SQLite's quick check of the open workspace's file. */
  checkWorkspace: () => invoke<null>("check_workspace"),
  /** One group's newest NPS comments, and their number. */
  npsComments: (asOf: string | null, group: NpsGroup | null, limit: number, maskPii: boolean) => invoke<NpsCommentPage>("nps_comments", { asOf, group, limit, maskPii }),
  /** The referral forest (depth-first). */
  referralForest: (asOf: string | null, maskPii: boolean) => invoke<ReferralForest>("referral_forest", { asOf, maskPii }),
  /** Writes the workshop report (PDF). */
  exportReport: (path: string, asOf: string | null, maskPii: boolean, replace: boolean, lang: Lang) => invoke<ReportSummary>("export_report", { path, asOf, maskPii, replace, lang }),
  /** The dashboard's KPIs a month before the analysis date (前月比). */
  previousMonth: (asOf: string | null) => invoke<PreviousMonth | null>("previous_month", { asOf }),
  /** Saves a list of customers shown on a screen as CSV. */
  savePeople: (path: string, list: PeopleList, asOf: string | null, maskPii: boolean, replace: boolean, lang: Lang) => invoke<SavedPeople>("save_people", { path, list, asOf, maskPii, replace, lang }),
  /** Shows the folder of a file this run saved. */
  revealFile: (path: string) => invoke<null>("reveal_file", { path }),
};
