//! The workspace store: one SQLite file per shop (`*.horetsu`).
//!
//! Why SQLite: the shop owner can copy, back up and reopen one file; WAL mode
//! keeps the file consistent if the app is killed mid-write; foreign keys keep
//! orders, events and referrals tied to their customers and import batches.
//!
//! All access goes through [`Workspace::conn`] for reads and
//! [`Workspace::with_tx`] for writes, so every write is one transaction.

pub mod schema;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::settings::{self, Settings};

/// Facts about the workspace itself, stored in its `settings` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export_to = "bindings.ts")]
pub struct WorkspaceInfo {
    /// Shop name shown in the title bar.
    pub name: String,
    /// True for the generated demo shop; the UI marks it clearly.
    pub is_demo: bool,
    /// When the workspace was created (local time, ISO).
    pub created_at: String,
}

/// An open workspace file.
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("path", &self.path)
            .finish()
    }
}

impl Workspace {
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
        .map_err(|e| Error::WorkspaceOpen {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let not_a_workspace = |reason: String| Error::NotAWorkspace {
            path: path.to_path_buf(),
            reason,
        };
        let app_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| not_a_workspace(e.to_string()))?;
        if app_id != schema::APPLICATION_ID {
            return Err(not_a_workspace(
                "the file is not marked as a Horetsu workspace".into(),
            ));
        }
        let mut ws = Workspace {
            conn,
            path: path.to_path_buf(),
        };
        ws.configure()?;
        ws.migrate()?;
        Ok(ws)
    }

    /// Creates a new, empty workspace. Fails if the file already exists.
    pub fn create(path: &Path, info: &WorkspaceInfo) -> Result<Self> {
        if path.exists() {
            return Err(Error::WorkspaceOpen {
                path: path.to_path_buf(),
                reason: "the file already exists; choose another name or open it".into(),
            });
        }
        let conn = Connection::open(path).map_err(|e| Error::WorkspaceOpen {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        let mut ws = Workspace {
            conn,
            path: path.to_path_buf(),
        };
        ws.configure()?;
        ws.migrate()?;
        ws.with_tx(|tx| {
            put_setting(tx, "workspace", info)?;
            settings::save(tx, &Settings::default())?;
            crate::points::restore_default_rules(tx)?;
            Ok(())
        })?;
        Ok(ws)
    }

    /// Creates a workspace in memory (tests and benchmarks).
    pub fn in_memory(info: &WorkspaceInfo) -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        let mut ws = Workspace {
            conn,
            path: PathBuf::from(":memory:"),
        };
        ws.configure()?;
        ws.migrate()?;
        ws.with_tx(|tx| {
            put_setting(tx, "workspace", info)?;
            settings::save(tx, &Settings::default())?;
            crate::points::restore_default_rules(tx)?;
            Ok(())
        })?;
        Ok(ws)
    }

    fn configure(&mut self) -> Result<()> {
        // WAL: readers never block the writer and a killed process leaves a
        // consistent file. NORMAL sync is durable against process crashes.
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
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let current: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
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
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", version)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The file this workspace lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction: committed when it returns `Ok`, rolled
    /// back (leaving the workspace exactly as it was) when it returns `Err`.
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// The workspace's name and demo flag.
    pub fn info(&self) -> Result<WorkspaceInfo> {
        get_setting(&self.conn, "workspace")?.ok_or_else(|| Error::NotAWorkspace {
            path: self.path.clone(),
            reason: "its workspace record is missing".into(),
        })
    }

    /// The analysis settings (thresholds, targets, rules).
    pub fn settings(&self) -> Result<Settings> {
        settings::load(&self.conn)
    }

    /// Copies the workspace to `dest` as one consistent file (WAL folded in),
    /// e.g. a backup or a client copy. Fails if `dest` exists.
    pub fn save_copy(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
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

    /// Folds the WAL into the main file (used before closing).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// Reads a JSON setting.
pub fn get_setting<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    key: &str,
) -> Result<Option<T>> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    match text {
        None => Ok(None),
        Some(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| Error::invalid(format!("setting {key}"), e.to_string())),
    }
}

/// Writes a JSON setting.
pub fn put_setting<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    let text = serde_json::to_string(value)
        .map_err(|e| Error::invalid(format!("setting {key}"), e.to_string()))?;
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, text),
    )?;
    Ok(())
}
