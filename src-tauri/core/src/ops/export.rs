//! The action-plan workbook (`horetsu export`, the app's Excel export).

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::workspace::temp_sibling;
use crate::day::{self, Day};
use crate::error::{Error, Result};
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
    let snap = ws.snapshot(as_of, today)?;
    let base = snap.plan_base()?;
    let actions = snap.plan()?;
    let names = snap.names()?;
    let data = crate::plan::export::ExportData {
        shop_name: &snap.info.name,
        generated_at: now,
        ds: &snap.ds,
        analysis: &snap.analysis,
        report: &snap.report,
        actions: &actions,
        names: &names,
        comments: &snap.comments,
        settings: &snap.settings,
        rules: &snap.ds.rules,
        playbook: &base.playbook,
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
        as_of: day::format(snap.as_of),
        customers: snap.analysis.customers.len() as u64,
        sheets: EXPORT_SHEETS.iter().map(|s| (*s).to_string()).collect(),
        mask_pii,
    })
}
