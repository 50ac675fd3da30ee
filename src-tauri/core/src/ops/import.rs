//! Importing files: the import itself, the preview, the history, undo and presets.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::import::{self, run};
use crate::store;
use crate::Workspace;

pub use crate::import::{
    Context, DateOrderChoice, Encoding, FieldChoice, ImportKind, ImportOptions, ImportProgress,
    ImportReport, Preset, Preview, Rejection, SheetChoice,
};
pub use crate::store::batches::{Batch, UndoReport};

/// Parses a column choice `field=Header` (as `--map` takes it).
pub fn parse_field_choice(text: &str, kind: ImportKind) -> Result<FieldChoice> {
    crate::import::mapping::parse_choice(text, kind)
}

/// Imports files into the workspace (one transaction for all of them).
pub fn import_files(
    ws: &Workspace,
    paths: &[PathBuf],
    opts: &ImportOptions,
    ctx: &Context<'_>,
) -> Result<ImportReport> {
    ws.with_tx(|tx| run::import_files(tx, paths, opts, ctx))
}

/// What importing files would do, nothing written: the whole import run
/// and rolled back, so the counts and every rejected row (with file, sheet,
/// row, column and reason) are the import's own. The preview's 「全行の確認」.
pub fn check_import(
    ws: &Workspace,
    paths: &[PathBuf],
    opts: &ImportOptions,
    ctx: &Context<'_>,
) -> Result<ImportReport> {
    let mut report = ws.dry_run(|tx| run::import_files(tx, paths, opts, ctx))?;
    // Nothing was kept: no batch to undo.
    report.batch_ids.clear();
    Ok(report)
}

/// Imports files into the workspace at `path`, creating it (named `name`)
/// when there is none. A new workspace appears only whole, with the import
/// in it: it is built in a `.partial` file and moved into place, so a failed
/// import leaves no file, and never removes one somebody else created. If
/// another import created the workspace meanwhile, the files are imported
/// into that one (re-importing is harmless).
pub fn import_files_at(
    path: &Path,
    name: &str,
    paths: &[PathBuf],
    opts: &ImportOptions,
    ctx: &Context<'_>,
) -> Result<ImportReport> {
    if path.exists() && !crate::store::Store::is_interrupted_create(path) {
        // Nothing is written into a damaged file (it would spread the damage).
        let ws = Workspace::open(path)?;
        super::workspace::check_workspace(path)?;
        return import_files(&ws, paths, opts, ctx);
    }
    let info = crate::store::WorkspaceInfo {
        name: name.to_string(),
        is_demo: false,
        created_at: ctx.now.to_string(),
    };
    match super::workspace::create_new(path, &info, |ws| import_files(ws, paths, opts, ctx)) {
        Err(crate::error::Error::WorkspaceExists { .. }) => {
            import_files(&Workspace::open(path)?, paths, opts, ctx)
        }
        done => done,
    }
}

/// Shows a file's sheets, header row, mapping and first rows (each mapped
/// cell also as it will be stored); writes nothing.
pub fn preview_import(
    ws: &Workspace,
    path: &Path,
    opts: &ImportOptions,
    today: chrono::NaiveDate,
) -> Result<Preview> {
    ws.with_conn(|c| run::preview(c, path, opts, 20, today))
}

/// The import history, newest first.
pub fn import_batches(ws: &Workspace) -> Result<Vec<Batch>> {
    ws.with_conn(store::batches::list)
}

/// Undoes one import exactly.
pub fn undo_import(ws: &Workspace, batch: i64, now: &str) -> Result<UndoReport> {
    ws.with_tx(|tx| store::batches::undo(tx, batch, now))
}

/// Built-in and saved import presets.
pub fn import_presets(ws: &Workspace) -> Result<Vec<Preset>> {
    ws.with_conn(import::presets::presets)
}

/// Saves a mapping as a preset of the workspace.
pub fn save_import_preset(ws: &Workspace, preset: &Preset, now: &str) -> Result<()> {
    ws.with_tx(|tx| import::presets::save_preset(tx, preset, now))
}

/// Writes rejected rows as a CSV (UTF-8 with BOM, which Excel opens correctly;
/// text cells formula-safe). An existing CSV is replaced only when `replace`.
pub fn write_rejections_csv(path: &Path, rows: &[Rejection], replace: bool) -> Result<()> {
    let mut out = crate::csv_out::CsvFile::create(path, replace)?;
    out.record(
        ["file", "sheet", "row", "column", "value", "reason", "理由"]
            .map(crate::csv_out::Cell::Text),
    )?;
    for r in rows {
        let row = r.row.to_string();
        out.record([
            crate::csv_out::Cell::Text(&r.file),
            crate::csv_out::Cell::Text(&r.sheet),
            crate::csv_out::Cell::Number(&row),
            crate::csv_out::Cell::Text(&r.column),
            crate::csv_out::Cell::Text(&r.value),
            crate::csv_out::Cell::Text(&r.reason),
            crate::csv_out::Cell::Text(&r.reason_ja),
        ])?;
    }
    out.finish()
}
