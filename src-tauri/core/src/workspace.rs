//! The open workspace: the store, and the analysis snapshot of its current
//! generation. The desktop shell keeps one open; the CLI opens one per run.
//!
//! Reads ask for a [`Snapshot`]; it is built once per (generation, analysis
//! date) and shared. Writes go through [`Workspace::with_tx`], which bumps the
//! generation when it commits, so a write makes every kept result stale by
//! construction: the next read builds a new snapshot, and nobody has to
//! remember to invalidate anything. A kept snapshot is answered without
//! taking the store, so a screen never waits behind a long write or build.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::day::Day;
use crate::error::Result;
use crate::snapshot::Snapshot;
use crate::store::{Conn, Store, Tx, WorkspaceInfo};

/// An open workspace file.
pub struct Workspace {
    store: Arc<Mutex<Store>>,
    path: PathBuf,
    generation: Arc<AtomicU64>,
    snapshot: Mutex<Option<Arc<Snapshot>>>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("path", &self.path)
            .finish()
    }
}

impl Workspace {
    fn wrap(store: Store) -> Workspace {
        Workspace {
            path: store.path().to_path_buf(),
            generation: store.generation_counter(),
            store: Arc::new(Mutex::new(store)),
            snapshot: Mutex::new(None),
        }
    }

    /// Opens an existing workspace file (applying pending migrations).
    pub fn open(path: &Path) -> Result<Workspace> {
        Ok(Workspace::wrap(Store::open(path)?))
    }

    /// Creates a new, empty workspace file. Fails if the file exists.
    pub fn create(path: &Path, info: &WorkspaceInfo) -> Result<Workspace> {
        Ok(Workspace::wrap(Store::create(path, info)?))
    }

    /// A workspace in memory (tests and benchmarks).
    pub fn in_memory(info: &WorkspaceInfo) -> Result<Workspace> {
        Ok(Workspace::wrap(Store::in_memory(info)?))
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The workspace's name and demo flag.
    pub fn info(&self) -> Result<WorkspaceInfo> {
        self.store().info()
    }

    /// Runs `f` with read access to the store.
    pub fn with_conn<T>(&self, f: impl FnOnce(Conn<'_>) -> Result<T>) -> Result<T> {
        self.store().with_conn(f)
    }

    /// Runs `f` in one transaction (see [`Store::with_tx`]); a commit makes
    /// every snapshot of this workspace stale.
    pub fn with_tx<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.store().with_tx(f)
    }

    /// Runs a write and rolls it back: what it would do, nothing kept.
    pub fn dry_run<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.store().with_rollback(f)
    }

    /// The current generation (bumped by every committed write).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The snapshot at an analysis date (`None`: the day after the latest
    /// order, else `today`), built once per generation and date.
    pub fn snapshot(&self, as_of: Option<Day>, today: Day) -> Result<Arc<Snapshot>> {
        if let Some(s) = self.kept(as_of) {
            return Ok(s);
        }
        let store = self.store();
        // Another call may have built it while this one waited for the store.
        if let Some(s) = self.kept(as_of) {
            return Ok(s);
        }
        let built = Arc::new(Snapshot::build(&self.store, &store, as_of, today)?);
        *self.snapshot.lock().unwrap_or_else(|p| p.into_inner()) = Some(built.clone());
        Ok(built)
    }

    /// The snapshot at an analysis date if one is kept (of the current
    /// generation and this date), without building one.
    pub fn kept_snapshot(&self, as_of: Option<Day>) -> Option<Arc<Snapshot>> {
        self.kept(as_of)
    }

    /// The kept snapshot, if it is of the current generation and this date.
    fn kept(&self, as_of: Option<Day>) -> Option<Arc<Snapshot>> {
        let generation = self.generation();
        self.snapshot
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .filter(|s| s.generation == generation && s.requested == as_of)
            .cloned()
    }

    /// Copies the workspace to `dest` as one consistent file (WAL folded in).
    /// Fails if `dest` exists.
    pub fn save_copy(&self, dest: &Path) -> Result<()> {
        self.store().save_copy(dest)
    }

    /// Folds the WAL into the main file.
    pub fn checkpoint(&self) -> Result<()> {
        self.store().checkpoint()
    }
}

/// Tests: an in-memory workspace holding the demo shop of `customers` customers.
#[cfg(test)]
pub(crate) fn test_demo(customers: usize) -> Workspace {
    let shop = crate::demo::generate(&crate::demo::DemoOptions {
        customers,
        ..Default::default()
    });
    let ws = Workspace::in_memory(&WorkspaceInfo {
        name: "t".into(),
        is_demo: true,
        created_at: "2026-11-01T00:00:00".into(),
    })
    .unwrap();
    ws.with_tx(|tx| shop.write(tx, "2026-11-01T00:00:00"))
        .unwrap();
    ws
}
