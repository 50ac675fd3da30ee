//! The app's state: where the profile lives and the open workspace.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use horetsu_core::ops::{AnalysisView, ListedCustomer, PlanRow};

/// One computed result and what it was computed for; cleared by every
/// command that writes.
pub type Cache<K, V> = Arc<Mutex<Option<(K, Arc<V>)>>>;

/// The analysis screens' data at one (analysis date, language, migration date, masking).
pub type AnalysisCache = Cache<AnalysisKey, AnalysisView>;
/// What an [`AnalysisView`] was computed for.
pub type AnalysisKey = (Option<String>, String, Option<String>, bool);
use horetsu_core::Workspace;

/// The customer list at one (analysis date, language).
pub type CustomerCache = Cache<(Option<String>, String), Vec<ListedCustomer>>;

/// The plan of the open workspace at one analysis date (`None`: the default).
pub type PlanCache = Cache<Option<String>, Vec<PlanRow>>;

/// What `cache` holds for `key`, if it holds that.
pub fn cached<K: PartialEq, V>(cache: &Mutex<Option<(K, Arc<V>)>>, key: &K) -> Option<Arc<V>> {
    cache
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

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
    /// The last computed plan; cleared by every command that writes.
    pub plan_cache: PlanCache,
    /// The last computed customer list; cleared by every command that writes.
    pub customer_cache: CustomerCache,
    /// The last computed analysis view; cleared by every command that writes.
    pub analysis_cache: AnalysisCache,
}

impl AppState {
    /// New state; no workspace is open until `startup` runs.
    pub fn new(profile_dir: PathBuf, requested: Option<PathBuf>) -> Self {
        AppState {
            profile_dir,
            requested,
            workspace: Arc::new(Mutex::new(None)),
            cancel_import: Arc::new(AtomicBool::new(false)),
            plan_cache: Arc::new(Mutex::new(None)),
            customer_cache: Arc::new(Mutex::new(None)),
            analysis_cache: Arc::new(Mutex::new(None)),
        }
    }

    /// Forgets computed results after the workspace changed.
    pub fn invalidate(&self) {
        *self.plan_cache.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *self
            .customer_cache
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = None;
        *self
            .analysis_cache
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = None;
    }
}
