//! The API layer: what the desktop shell and the CLI do, each operation a
//! plain function over a [`Workspace`]. Commands in the shell and subcommands
//! in the CLI stay thin: parse input, call one function here, present.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::analytics::{self, Dataset, Summary};
use crate::chart::{self, Lang};
use crate::day::Day;
use crate::demo::{self, DemoOptions, DemoReport};
use crate::error::{Error, Result};
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

/// The headline figures (`horetsu summary`).
pub fn summary(ws: &Workspace, as_of: Option<Day>, today: Day) -> Result<Summary> {
    let ds = Dataset::load(ws.conn())?;
    let settings = ws.settings()?;
    let as_of = resolve_as_of(&ds, as_of, today);
    Ok(analytics::summary(&analytics::analyze(
        &ds, &settings, as_of,
    )))
}

/// What the dashboard shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Dashboard {
    /// The workspace's name and demo flag.
    pub info: WorkspaceInfo,
    /// The workspace file.
    pub path: String,
    /// Headline figures.
    pub summary: Summary,
    /// Conversion between neighbouring stages (観測→着地 …); null when nobody reached the stage.
    pub conversions: Vec<Option<f64>>,
    /// The funnel chart (SVG).
    pub funnel_svg: String,
}

/// The dashboard of a workspace at an analysis date.
pub fn dashboard(ws: &Workspace, as_of: Option<Day>, today: Day, lang: Lang) -> Result<Dashboard> {
    let summary = summary(ws, as_of, today)?;
    Ok(Dashboard {
        info: ws.info()?,
        path: ws.path().display().to_string(),
        conversions: chart::funnel_conversions(&summary.stages).to_vec(),
        funnel_svg: chart::funnel_svg(&summary.stages, lang)?,
        summary,
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
