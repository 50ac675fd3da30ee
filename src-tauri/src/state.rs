//! The app's state: where the profile lives and the open workspace.
//!
//! Computed results are not kept here: the open [`Workspace`] keeps the
//! analysis snapshot of its current generation, and every write makes it
//! stale by construction.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};

use horetsu_core::{Error, Workspace};

/// Shared state of the running app.
pub struct AppState {
    /// The profile folder (recent files, language, the demo workspace).
    pub profile_dir: PathBuf,
    /// A workspace named on the command line, opened at start-up.
    pub requested: RwLock<Option<PathBuf>>,
    /// The open workspace, if any.
    workspace: RwLock<Option<Arc<Workspace>>>,
    /// Set to cancel the running import.
    pub cancel_import: Arc<AtomicBool>,
    /// The files the app wrote in this run: the only ones 「フォルダを開く」
    /// may show.
    written: Mutex<HashSet<PathBuf>>,
}

impl AppState {
    /// New state; no workspace is open until `startup` runs.
    pub fn new(profile_dir: PathBuf, requested: Option<PathBuf>) -> Self {
        AppState {
            profile_dir,
            requested: RwLock::new(requested),
            workspace: RwLock::new(None),
            cancel_import: Arc::new(AtomicBool::new(false)),
            written: Mutex::new(HashSet::new()),
        }
    }

    /// The open workspace.
    pub fn workspace(&self) -> Result<Arc<Workspace>, Error> {
        self.workspace
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| Error::NoData("no workspace is open".into()))
    }

    /// Whether a workspace is open.
    pub fn is_open(&self) -> bool {
        self.workspace
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    }

    /// Makes `ws` the open workspace.
    pub fn set_workspace(&self, ws: Workspace) -> Arc<Workspace> {
        let ws = Arc::new(ws);
        *self.workspace.write().unwrap_or_else(|p| p.into_inner()) = Some(ws.clone());
        ws
    }

    /// Notes a file the app wrote (after the write succeeded).
    pub fn wrote(&self, path: PathBuf) {
        self.written
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path);
    }

    /// Whether the app wrote `path` in this run.
    pub fn has_written(&self, path: &std::path::Path) -> bool {
        self.written
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(path)
    }
}
