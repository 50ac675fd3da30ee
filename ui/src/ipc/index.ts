// The one module that talks to the Rust side. Every command is typed with
// the generated bindings; errors arrive as IpcError { code, message }.
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  AnalysisView,
  NpsCommentPage,
  NpsGroup,
  PointRule,
  ReferralForest,
  Settings,
  Batch,
  CampaignCheck,
  CustomerDetail,
  CustomerPage,
  CustomerQuery,
  CampaignTarget,
  CampaignType,
  ExportSummary,
  PlanPage,
  PlanQuery,
  Playbook,
  Dashboard,
  ImportOptions,
  ImportProgress,
  ImportReport,
  IpcError,
  Preset,
  Preview,
  Profile,
  Rejection,
  StatusChange,
  UndoReport,
} from "./bindings";

export type * from "./bindings";

export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** A message to show for any thrown value, never a raw stack. */
export function errorMessage(e: unknown): string {
  if (isIpcError(e)) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

export const ipc = {
  startup: (lang: string) => invoke<Dashboard>("startup", { lang }),
  dashboard: (asOf: string | null, lang: string) => invoke<Dashboard>("dashboard", { asOf, lang }),
  openWorkspace: (path: string, lang: string) => invoke<Dashboard>("open_workspace", { path, lang }),
  createWorkspace: (path: string, name: string, lang: string) =>
    invoke<Dashboard>("create_workspace", { path, name, lang }),
  profile: () => invoke<Profile>("profile"),
  previewImport: (path: string, options: ImportOptions) => invoke<Preview>("preview_import", { path, options }),
  startImport: (paths: string[], options: ImportOptions, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return invoke<ImportReport>("start_import", { paths, options, onProgress: channel });
  },
  cancelImport: () => invoke<void>("cancel_import"),
  importBatches: () => invoke<Batch[]>("import_batches"),
  undoImport: (batch: number) => invoke<UndoReport>("undo_import", { batch }),
  importPresets: () => invoke<Preset[]>("import_presets"),
  saveImportPreset: (preset: Preset) => invoke<void>("save_import_preset", { preset }),
  exportRejections: (path: string, rejections: Rejection[]) => invoke<void>("export_rejections", { path, rejections }),
  setLanguage: (language: string) => invoke<Profile>("set_language", { language }),
  planPage: (asOf: string | null, query: PlanQuery) => invoke<PlanPage>("plan_page", { asOf, query }),
  setActionStatuses: (changes: StatusChange[]) => invoke<number>("set_action_statuses", { changes }),
  exportPlan: (path: string, asOf: string | null, maskPii: boolean) => invoke<ExportSummary>("export_plan", { path, asOf, maskPii }),
  campaignCheck: (asOf: string | null, campaign: CampaignType, target: CampaignTarget, keysPath: string | null) =>
    invoke<CampaignCheck>("campaign_check", { asOf, campaign, target, keysPath }),
  saveKeyList: (path: string, keys: string[]) => invoke<void>("save_key_list", { path, keys }),
  playbook: () => invoke<Playbook>("playbook"),
  savePlaybook: (playbook: Playbook) => invoke<Playbook>("save_playbook", { playbook }),
  restorePlaybook: () => invoke<Playbook>("restore_playbook"),
  customerPage: (asOf: string | null, lang: string, query: CustomerQuery) => invoke<CustomerPage>("customer_page", { asOf, lang, query }),
  analysisView: (asOf: string | null, lang: string, migrationFrom: string | null, maskPii: boolean) =>
    invoke<AnalysisView>("analysis_view", { asOf, lang, migrationFrom, maskPii }),
  pointRules: () => invoke<PointRule[]>("point_rules"),
  savePointRules: (rules: PointRule[]) => invoke<PointRule[]>("save_point_rules", { rules }),
  restorePointRules: () => invoke<PointRule[]>("restore_point_rules"),
  referralForest: (asOf: string | null, maskPii: boolean) => invoke<ReferralForest>("referral_forest", { asOf, maskPii }),
  npsComments: (asOf: string | null, group: NpsGroup | null, limit: number) =>
    invoke<NpsCommentPage>("nps_comments", { asOf, group, limit }),
  settings: () => invoke<Settings>("settings"),
  saveSettings: (settings: Settings) => invoke<Settings>("save_settings", { settings }),
  restoreSettings: () => invoke<Settings>("restore_settings"),
  setMaskDefault: (mask: boolean) => invoke<Profile>("set_mask_default", { mask }),
  saveWorkspaceCopy: (path: string) => invoke<void>("save_workspace_copy", { path }),
  customerDetail: (key: string, asOf: string | null, maskPii: boolean) => invoke<CustomerDetail>("customer_detail", { key, asOf, maskPii }),
};
