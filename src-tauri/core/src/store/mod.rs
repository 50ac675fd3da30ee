//! The workspace store: one SQLite file per shop (`*.horetsu`), and the only
//! place in the product where SQL is written.
//!
//! Why SQLite: the shop owner can copy, back up and reopen one file; WAL mode
//! keeps the file consistent if the app is killed mid-write; foreign keys keep
//! orders, events and referrals tied to their customers and import batches.
//!
//! Every statement lives in a module of its table (`customers`, `orders`,
//! `events`, `nps`, `referrals`, `batches`, `contacts`, `rules`, `settings`)
//! or of the one aggregate read (`dataset`). Callers outside this folder hold a
//! [`Conn`] (inside [`Store::with_conn`]) or a [`Tx`] (inside
//! [`Store::with_tx`]) and pass it to those functions; the SQLite connection
//! inside them is private to the store, so no SQL can be written elsewhere.
//! Every write is one transaction, and every committed transaction bumps the
//! store's generation, which is what invalidates computed results.

pub mod addresses;
pub mod batches;
pub mod contacts;
pub mod customers;
pub mod dataset;
pub mod events;
pub mod nps;
pub mod orders;
pub mod referrals;
pub mod rules;
pub mod schema;
pub mod settings;

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{Error, Result};
pub use settings::WorkspaceInfo;

/// Read access to the workspace: the argument of every store read.
#[derive(Clone, Copy)]
pub struct Conn<'c> {
    c: &'c Connection,
}

/// Write access: one open transaction. It reads as a [`Conn`] (and sees its
/// own writes); the store's write functions take it.
pub struct Tx<'c> {
    conn: Conn<'c>,
}

impl<'c> Deref for Tx<'c> {
    type Target = Conn<'c>;
    fn deref(&self) -> &Conn<'c> {
        &self.conn
    }
}

/// An open workspace file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    generation: Arc<AtomicU64>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens an existing workspace, applying pending migrations.
    pub fn open(path: &Path) -> Result<Self> {
        if !path.exists() {
            return Err(Error::WorkspaceOpen {
                path: path.to_path_buf(),
                reason:
                    "no such file (create one with `horetsu demo --db FILE` or by importing orders)"
                        .into(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_failure(path, e))?;
        harden(&conn)?;
        let not_a_workspace = |reason: String| Error::NotAWorkspace {
            path: path.to_path_buf(),
            reason,
        };
        let app_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| open_failure(path, e))?;
        if app_id != schema::APPLICATION_ID {
            return Err(not_a_workspace(
                "the file is not marked as a Horetsu workspace".into(),
            ));
        }
        refuse_foreign_code(&conn, path)?;
        let mut store = Store::wrap(conn, path);
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Creates a new, empty workspace. Fails if a non-empty file is there
    /// (an empty one is what [`crate::files::Partial`] reserves).
    pub fn create(path: &Path, info: &WorkspaceInfo) -> Result<Self> {
        if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
            return Err(Error::WorkspaceExists {
                path: path.to_path_buf(),
            });
        }
        let conn = Connection::open(path).map_err(|e| open_failure(path, e))?;
        harden(&conn)?;
        Store::initialise(Store::wrap(conn, path), info).map_err(|e| match e {
            Error::Sqlite(e) => open_failure(path, e),
            other => other,
        })
    }

    /// Whether the file at `path` is what an interrupted create leaves: an
    /// empty file, a database with no tables, or a Horetsu workspace without
    /// its workspace record (and so without data). Such a file may be
    /// replaced by a new workspace; anything else may not.
    pub fn is_interrupted_create(path: &Path) -> bool {
        match crate::files::sniff(path) {
            Ok(crate::files::Found::Empty) => return true,
            Ok(crate::files::Found::Workspace) => {}
            _ => return false,
        }
        let Ok(conn) = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) else {
            return false;
        };
        if harden(&conn).is_err() {
            return false;
        }
        let tables: rusqlite::Result<i64> = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        );
        match tables {
            Ok(0) => true,
            Ok(_) => {
                let app_id: i64 = conn
                    .query_row("PRAGMA application_id", [], |r| r.get(0))
                    .unwrap_or(0);
                app_id == schema::APPLICATION_ID
                    && matches!(
                        Store::wrap(conn, path).with_conn(settings::info),
                        Ok(None) | Err(_)
                    )
            }
            Err(_) => false,
        }
    }

    /// Creates a workspace in memory (tests and benchmarks).
    pub fn in_memory(info: &WorkspaceInfo) -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        harden(&conn)?;
        Store::initialise(Store::wrap(conn, Path::new(":memory:")), info)
    }

    fn wrap(conn: Connection, path: &Path) -> Store {
        // Each opened store counts from its own base, so that no two
        // workspaces opened by one process ever share a generation.
        static OPENED: AtomicU64 = AtomicU64::new(1);
        Store {
            conn,
            path: path.to_path_buf(),
            generation: Arc::new(AtomicU64::new(OPENED.fetch_add(1, Ordering::SeqCst) << 32)),
        }
    }

    /// Marks a new file, brings it to the current schema and writes its
    /// record, the default analysis settings and the default point rules.
    fn initialise(mut store: Store, info: &WorkspaceInfo) -> Result<Store> {
        store
            .conn
            .pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        store.configure()?;
        store.migrate()?;
        store.with_tx(|tx| {
            settings::put_info(tx, info)?;
            settings::put_holdout_seed(tx, settings::derived_seed(Some(info)))?;
            settings::save_analysis(tx, &crate::settings::Settings::default())?;
            rules::restore_defaults(tx)?;
            Ok(())
        })?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<()> {
        // WAL: readers never block the writer and a killed process leaves a
        // consistent file. FULL sync: a commit is on disk when it returns, so
        // an import or an edit the app reported as done survives a power
        // loss too (NORMAL could roll the last commits back).
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if mode != "wal" && mode != "memory" {
            return Err(Error::WorkspaceOpen {
                path: self.path.clone(),
                reason: format!("cannot switch the journal to WAL (got {mode})"),
            });
        }
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let current: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current < 0 {
            return Err(Error::WorkspaceDamaged {
                path: self.path.clone(),
                reason: format!("its schema version {current} was never written by Horetsu"),
            });
        }
        if current > schema::SCHEMA_VERSION {
            return Err(Error::WorkspaceTooNew {
                path: self.path.clone(),
                found: current,
                supported: schema::SCHEMA_VERSION,
            });
        }
        for (index, sql) in schema::MIGRATIONS.iter().enumerate() {
            let version = index as i64 + 1;
            if version <= current {
                continue;
            }
            let damaged = |e: rusqlite::Error| {
                match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if matches!(
                        f.code,
                        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                    ) =>
                {
                    Error::Sqlite(e)
                }
                _ => Error::WorkspaceDamaged {
                    path: self.path.clone(),
                    reason: format!(
                        "its tables do not match its schema version {current}, so it cannot be brought to version {version}"
                    ),
                },
            }
            };
            // A migration may rebuild a table (SQLite cannot change a CHECK):
            // foreign keys are off while it runs (they cannot be switched
            // inside a transaction) and checked before it commits.
            self.conn
                .pragma_update(None, "foreign_keys", false)
                .map_err(damaged)?;
            let applied = (|| {
                let tx = self.conn.transaction()?;
                tx.execute_batch(sql)?;
                let broken: i64 =
                    tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })?;
                if broken > 0 {
                    return Err(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                        None,
                    ));
                }
                tx.pragma_update(None, "user_version", version)?;
                tx.commit()
            })();
            self.conn
                .pragma_update(None, "foreign_keys", true)
                .map_err(damaged)?;
            applied.map_err(damaged)?;
        }
        Ok(())
    }

    /// The file this workspace lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with read access.
    pub fn with_conn<T>(&self, f: impl FnOnce(Conn<'_>) -> Result<T>) -> Result<T> {
        f(Conn { c: &self.conn })
    }

    /// Runs `f` in one transaction: committed when it returns `Ok` (which
    /// bumps the generation), rolled back (leaving the workspace exactly as it
    /// was) when it returns `Err`.
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        // IMMEDIATE: the write lock is taken at the start (waiting for another
        // writer up to the busy timeout), so a transaction never fails halfway
        // because another process wrote since it started reading.
        let tx: Transaction<'_> = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&Tx {
            conn: Conn { c: &tx },
        })?;
        tx.commit()?;
        self.generation.fetch_add(1, Ordering::SeqCst);
        Ok(value)
    }

    /// Runs `f` in a transaction that is always rolled back: a dry run of a
    /// write (what it would do, nothing kept; the generation is unchanged).
    pub fn with_rollback<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx: Transaction<'_> = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&Tx {
            conn: Conn { c: &tx },
        });
        tx.rollback()?;
        value
    }

    /// Bumped by every committed transaction (and distinct across stores):
    /// computed results are valid for one generation.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The generation counter, readable without holding the store.
    pub fn generation_counter(&self) -> Arc<AtomicU64> {
        self.generation.clone()
    }

    /// The workspace's name and demo flag.
    pub fn info(&self) -> Result<WorkspaceInfo> {
        self.with_conn(settings::info)?
            .ok_or_else(|| Error::NotAWorkspace {
                path: self.path.clone(),
                reason: "its workspace record is missing".into(),
            })
    }

    /// Copies the workspace to `dest` as one consistent file (WAL folded in),
    /// e.g. a backup or a client copy. Fails if a non-empty file is at `dest`.
    pub fn save_copy(&self, dest: &Path) -> Result<()> {
        if std::fs::metadata(dest).is_ok_and(|m| m.len() > 0) {
            return Err(Error::FileWrite {
                path: dest.to_path_buf(),
                reason: "the file already exists".into(),
            });
        }
        let dest_text = dest.to_str().ok_or_else(|| Error::FileWrite {
            path: dest.to_path_buf(),
            reason: "the path is not valid Unicode".into(),
        })?;
        self.conn
            .execute("VACUUM INTO ?1", [dest_text])
            .map_err(|e| Error::FileWrite {
                path: dest.to_path_buf(),
                reason: e.to_string(),
            })?;
        Ok(())
    }

    /// SQLite's quick check of the whole file: the problems found (empty:
    /// none). It reads every page, so it costs about 0.6 s on a workspace of
    /// 100,000 customers; the app runs it in the background after opening.
    pub fn quick_check(&self) -> Result<Vec<String>> {
        quick_check(&self.conn)
    }

    /// [`Store::quick_check`] on its own read-only connection, so that the
    /// open store is not held while every page is read.
    pub fn quick_check_file(path: &Path) -> Result<Vec<String>> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        harden(&conn)?;
        quick_check(&conn)
    }

    /// Folds the WAL into the main file (used before closing).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// Why a workspace file could not be opened or created, told apart: not a
/// workspace at all, damaged, read-only (the file or its folder: WAL needs
/// to write beside the file), a full disk, or locked by another writer.
/// SQLite's own message is not kept.
fn open_failure(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    let path = path.to_path_buf();
    match &e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            C::NotADatabase => Error::NotAWorkspace {
                path,
                reason: "it is not a SQLite database".into(),
            },
            C::DatabaseCorrupt => Error::WorkspaceDamaged {
                path,
                reason: "SQLite cannot read its structure".into(),
            },
            C::ReadOnly | C::CannotOpen | C::PermissionDenied => Error::ReadOnly { path },
            C::DiskFull => Error::DiskFull { path },
            C::DatabaseBusy | C::DatabaseLocked => Error::Sqlite(e),
            _ => Error::WorkspaceOpen {
                path,
                reason: format!("SQLite refused it ({f})"),
            },
        },
        _ => Error::WorkspaceOpen {
            path,
            reason: "SQLite refused it".into(),
        },
    }
}

/// The problems `PRAGMA quick_check` finds (at most 20).
fn quick_check(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check(20)")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut problems = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    problems.retain(|p| p != "ok");
    Ok(problems)
}

/// Treats the file as untrusted, whoever made it: SQLite's defensive mode
/// (no writes that could corrupt the file through the schema), an untrusted
/// schema (functions in it are limited to harmless ones), and no triggers or
/// views (Horetsu creates none, so none may run).
fn harden(conn: &Connection) -> Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    Ok(())
}

/// Refuses a workspace that holds triggers or views: Horetsu never creates
/// them, so they were planted, and a workspace is a file people send.
fn refuse_foreign_code(conn: &Connection, path: &Path) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY type, name",
    )?;
    let found = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if found.is_empty() {
        return Ok(());
    }
    Err(Error::WorkspaceUntrusted {
        path: path.to_path_buf(),
        found: found.join(", "),
    })
}

#[cfg(test)]
mod tests;
