//! The app's state: where the profile lives and the open workspace.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use horetsu_core::Workspace;

/// Shared state of the running app.
pub struct AppState {
    /// The profile folder (recent files, language, the demo workspace).
    pub profile_dir: PathBuf,
    /// A workspace named on the command line, opened at start-up.
    pub requested: Option<PathBuf>,
    /// The open workspace, if any. Locked only inside blocking tasks.
    pub workspace: Arc<Mutex<Option<Workspace>>>,
    /// Set to cancel the running import.
    pub cancel_import: Arc<AtomicBool>,
}

impl AppState {
    /// New state; no workspace is open until `startup` runs.
    pub fn new(profile_dir: PathBuf, requested: Option<PathBuf>) -> Self {
        AppState {
            profile_dir,
            requested,
            workspace: Arc::new(Mutex::new(None)),
            cancel_import: Arc::new(AtomicBool::new(false)),
        }
    }
}
