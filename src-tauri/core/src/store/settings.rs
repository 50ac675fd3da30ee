//! The `settings` table: JSON documents by key — the workspace's own record,
//! the analysis settings, the playbook.
//!
//! Documents are JSON so that a field added later gets its default through
//! `#[serde(default)]`, and an older workspace opens without a migration.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Conn, Tx};
use crate::error::{Error, Result};
use crate::settings::Settings;

const INFO: &str = "workspace";
const ANALYSIS: &str = "analysis";
const HOLDOUT: &str = "holdout";

/// The seed of the workspace's holdout draws (効果測定), kept in the
/// workspace so that the same draw comes out again.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct HoldoutSeed {
    seed: u64,
}

/// Facts about the workspace itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct WorkspaceInfo {
    /// Shop name shown in the title bar.
    pub name: String,
    /// True for the generated demo shop; the UI marks it clearly.
    pub is_demo: bool,
    /// When the workspace was created (local time, ISO).
    pub created_at: String,
}

/// Reads a JSON document.
pub fn document<T: serde::de::DeserializeOwned>(c: Conn<'_>, key: &str) -> Result<Option<T>> {
    let text: Option<String> =
        c.c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
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

/// Writes a JSON document.
pub fn put_document<T: Serialize>(tx: &Tx<'_>, key: &str, value: &T) -> Result<()> {
    let text = serde_json::to_string(value)
        .map_err(|e| Error::invalid(format!("setting {key}"), e.to_string()))?;
    tx.c.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, text),
    )?;
    Ok(())
}

/// The workspace's record (`None` in a file that lost it).
pub fn info(c: Conn<'_>) -> Result<Option<WorkspaceInfo>> {
    document(c, INFO)
}

/// Writes the workspace's record.
pub fn put_info(tx: &Tx<'_>, info: &WorkspaceInfo) -> Result<()> {
    put_document(tx, INFO, info)
}

/// The analysis settings (defaults when none are stored).
pub fn analysis(c: Conn<'_>) -> Result<Settings> {
    Ok(document(c, ANALYSIS)?.unwrap_or_default())
}

/// Stores the analysis settings.
pub fn save_analysis(tx: &Tx<'_>, settings: &Settings) -> Result<()> {
    put_document(tx, ANALYSIS, settings)
}

/// The seed of the workspace's holdout draws. A workspace made before seeds
/// were kept gets the one its creation would have written (derived from its
/// record), so its draws never change either.
pub fn holdout_seed(c: Conn<'_>) -> Result<u64> {
    if let Some(h) = document::<HoldoutSeed>(c, HOLDOUT)? {
        return Ok(h.seed);
    }
    Ok(derived_seed(info(c)?.as_ref()))
}

/// Keeps the seed of the workspace's holdout draws.
pub fn put_holdout_seed(tx: &Tx<'_>, seed: u64) -> Result<()> {
    put_document(tx, HOLDOUT, &HoldoutSeed { seed })
}

/// The seed a new workspace is given: a hash of its name and creation time.
pub fn derived_seed(info: Option<&WorkspaceInfo>) -> u64 {
    info.map_or(0, |i| {
        crate::analytics::effect::stable_hash(0, &i.name, &i.created_at)
    })
}
