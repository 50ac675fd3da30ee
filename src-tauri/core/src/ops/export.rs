//! The action-plan workbook (`horetsu export`, the app's Excel export).

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::day::{self, Day};
use crate::error::Result;
use crate::files::{self, FileKind};
use crate::Workspace;

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
pub const EXPORT_SHEETS: [&str; 7] = [
    "サマリー",
    "アクションプラン",
    "セグメント別",
    "紹介ランキング",
    "NPS",
    "効果測定",
    "設定",
];

/// Writes the action-plan workbook (`horetsu export`).
///
/// Through [`files::write_file`]: never over a workspace, another kind of
/// file or a read-only one; over an existing workbook only when `replace`;
/// a failure never leaves a half-written workbook under the name.
pub fn export_plan(
    ws: &Workspace,
    path: &Path,
    as_of: Option<Day>,
    today: Day,
    now: &str,
    mask_pii: bool,
    replace: bool,
) -> Result<ExportSummary> {
    // Refused before the work, and checked again when the file is moved in.
    files::check_target(path, FileKind::Workbook, replace)?;
    let snap = ws.snapshot(as_of, today)?;
    let base = snap.plan_base()?;
    let actions = snap.plan()?;
    let names = snap.names()?;
    let effect = super::effect::effect(ws, as_of, today, super::effect::DEFAULT_WINDOW_DAYS)?;
    let notes = super::effect::kpi_notes(ws, as_of, today, mask_pii)?;
    let active_trend = super::analysis::active_trend(&snap.monthly);
    let scrubber = if mask_pii {
        Some(snap.scrubber()?)
    } else {
        None
    };
    let data = crate::plan::export::ExportData {
        shop_name: &snap.info.name,
        generated_at: now,
        ds: &snap.ds,
        analysis: &snap.analysis,
        report: &snap.report,
        actions: &actions,
        names: &names,
        comments: &snap.comments,
        scrubber: scrubber.as_deref(),
        settings: &snap.settings,
        rules: &snap.ds.rules,
        playbook: &base.playbook,
        effect: &effect,
        notes: &notes,
        active_trend: &active_trend,
        mask_pii,
    };
    files::write_file(path, FileKind::Workbook, replace, |tmp| {
        crate::plan::export::write(tmp, &data)
    })?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        as_of: day::format(snap.as_of),
        customers: snap.analysis.customers.len() as u64,
        sheets: EXPORT_SHEETS.iter().map(|s| (*s).to_string()).collect(),
        mask_pii,
    })
}
