//! Workspaces and the profile: open, create, the demo shop, copies, the
//! recent files and the UI language.

use std::path::Path;

use crate::demo;
use crate::error::{Error, Result};
use crate::files::{self, FileKind};
use crate::store::WorkspaceInfo;
use crate::Workspace;

pub use crate::demo::{DemoOptions, DemoReport};
pub use crate::profile::Profile;

/// File name of the demo workspace inside the profile folder.
pub const DEMO_FILE: &str = "demo.horetsu";
/// File name of the profile inside the profile folder.
pub const PROFILE_FILE: &str = "profile.json";

/// Creates a demo workspace at `path` (which must not exist), and writes the
/// demo shop's export files into `samples` when given.
pub fn create_demo(
    path: &Path,
    opts: &DemoOptions,
    now: &str,
    samples: Option<&Path>,
) -> Result<DemoReport> {
    let shop = demo::generate(opts);
    let info = WorkspaceInfo {
        name: "ひだまり茶舗 (デモ)".into(),
        is_demo: true,
        created_at: now.to_string(),
    };
    // The demo's campaigns drew their holdouts with the demo's seed.
    let report = create_new(path, &info, |ws| {
        ws.with_tx(|tx| {
            let report = shop.write(tx, now)?;
            crate::store::settings::put_holdout_seed(tx, opts.seed)?;
            Ok(report)
        })
    })?;
    if let Some(dir) = samples {
        demo::sample::write_samples(&shop, dir)?;
    }
    Ok(report)
}

/// Creates a workspace at `path` and fills it, as one step that either
/// happens whole or leaves nothing: the workspace is made in a `.partial`
/// file beside `path` (created exclusively), `fill` writes into it, and it is
/// closed and moved into place only if the name is still free. A file left
/// at `path` by an interrupted create (empty, or a workspace without its
/// record) is recognised and replaced; any other file is never touched.
pub(crate) fn create_new<T>(
    path: &Path,
    info: &WorkspaceInfo,
    fill: impl FnOnce(&Workspace) -> Result<T>,
) -> Result<T> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(Error::WorkspaceOpen {
            path: path.to_path_buf(),
            reason: format!("the folder {} does not exist", folder.display()),
        });
    }
    if path.exists() {
        if !crate::store::Store::is_interrupted_create(path) {
            return Err(Error::WorkspaceExists {
                path: path.to_path_buf(),
            });
        }
        files::remove_with_companions(path);
    }
    let tmp = files::Partial::reserve(path)?;
    let value = {
        let ws = Workspace::create(tmp.path(), info)?;
        let value = fill(&ws)?;
        ws.checkpoint()?;
        value
    };
    tmp.persist(path, FileKind::Workspace, false)?;
    Ok(value)
}

/// SQLite's quick check of the workspace file at `path` (every page read,
/// on a connection of its own): `Ok` when sound, else
/// [`Error::WorkspaceDamaged`]. The app runs it in the background after a
/// workspace opens; `horetsu import` before it writes.
pub fn check_workspace(path: &Path) -> Result<()> {
    let problems = crate::store::Store::quick_check_file(path)?;
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::WorkspaceDamaged {
        path: path.to_path_buf(),
        reason: format!(
            "SQLite's check found {} damaged place{}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ),
    })
}

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
    create_new(path, &info, |_| Ok(()))?;
    Workspace::open(path)
}

/// Creates an empty workspace the user named and remembers it.
pub fn create_workspace(
    profile_dir: &Path,
    path: &Path,
    name: &str,
    now: &str,
) -> Result<Workspace> {
    let ws = create_workspace_file(path, name, now)?;
    remember(profile_dir, path)?;
    Ok(ws)
}

fn remember(profile_dir: &Path, path: &Path) -> Result<()> {
    update_profile(profile_dir, |p| {
        p.remember(path);
        Ok(())
    })
    .map(|_| ())
}

/// Loads the profile, changes it and saves it.
fn update_profile(
    profile_dir: &Path,
    change: impl FnOnce(&mut Profile) -> Result<()>,
) -> Result<Profile> {
    let path = profile_dir.join(PROFILE_FILE);
    let mut p = Profile::load(&path);
    change(&mut p)?;
    p.save(&path)?;
    Ok(p)
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
    update_profile(profile_dir, |p| {
        p.language = language.to_string();
        Ok(())
    })
}

/// Saves the profile's masking default.
pub fn set_mask_default(profile_dir: &Path, mask: bool) -> Result<Profile> {
    update_profile(profile_dir, |p| {
        p.mask_pii = mask;
        Ok(())
    })
}

/// Writes a copy of the workspace (a backup, or a client copy) to `dest`:
/// never over a workspace or any other file (only an empty one, when the
/// user agreed to replace it).
pub fn save_workspace_copy(ws: &Workspace, dest: &Path, replace: bool) -> Result<()> {
    files::write_file(dest, FileKind::Workspace, replace, |tmp| ws.save_copy(tmp))
}
