//! Import batches: the history of imports, and exact undo.
//!
//! Every row an import writes carries its batch id; every value it changed on
//! an older row is kept in `undo_log`. Undoing a batch restores those values
//! and deletes exactly the rows the batch added, in one transaction.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mapping::{ImportKind, Preset};
use super::ImportReport;
use crate::error::{Error, Result};

/// Starts a batch for one file.
pub fn begin(tx: &Transaction<'_>, kind: ImportKind, path: &Path, now: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO import_batches(kind, source_name, source_path, source_hash, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            kind.id(),
            super::source::file_label(path),
            path.display().to_string(),
            fingerprint(path),
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A cheap fingerprint of a file (size and a hash of its first and last
/// 64 KiB), to tell the user when the same file comes again.
fn fingerprint(path: &Path) -> Option<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    let mut buf = vec![0u8; 1 << 16];
    let n = f.read(&mut buf).ok()?;
    feed(&buf[..n]);
    if len > (1 << 17) {
        f.seek(SeekFrom::End(-(1 << 16))).ok()?;
        let n = f.read(&mut buf).ok()?;
        feed(&buf[..n]);
    }
    Some(format!("{len}:{hash:016x}"))
}

/// Records a file's figures on its batch. A batch that added nothing (a
/// re-import) is removed again, so the history lists only real changes.
/// Returns whether the batch was kept.
pub fn finish(tx: &Transaction<'_>, batch: i64, r: &ImportReport) -> Result<bool> {
    let changed_rows: i64 = tx.query_row(
        "SELECT (SELECT count(*) FROM orders WHERE batch_id = ?1)
              + (SELECT count(*) FROM customers WHERE batch_id = ?1)
              + (SELECT count(*) FROM events WHERE batch_id = ?1)
              + (SELECT count(*) FROM nps_responses WHERE batch_id = ?1)
              + (SELECT count(*) FROM referrals WHERE batch_id = ?1)
              + (SELECT count(*) FROM undo_log WHERE batch_id = ?1)",
        [batch],
        |row| row.get(0),
    )?;
    if changed_rows == 0 {
        tx.execute("DELETE FROM import_batches WHERE id = ?1", [batch])?;
        return Ok(false);
    }
    let warnings = serde_json::to_string(&r.warnings).unwrap_or_default();
    let sheets = r.sheets.join("\n");
    tx.execute(
        "UPDATE import_batches SET sheets = ?1, rows_read = ?2, rows_imported = ?3, rows_rejected = ?4,
                rows_duplicate = ?5, anonymous_rows = ?6, orders_added = ?7, customers_added = ?8,
                warnings = ?9, mapping = ?10
         WHERE id = ?11",
        params![
            sheets,
            r.rows_read as i64,
            r.rows_imported as i64,
            r.rejected.len() as i64,
            r.rows_duplicate as i64,
            r.anonymous_rows as i64,
            r.orders as i64,
            r.customers as i64,
            warnings,
            serde_json::to_string(&r.mapping).unwrap_or_default(),
            batch
        ],
    )?;
    Ok(true)
}

/// Remembers the old value of a column a batch changes on an older row.
pub fn log_change(
    tx: &Transaction<'_>,
    batch: i64,
    table: &str,
    row_id: i64,
    column: &str,
    old: rusqlite::types::Value,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO undo_log(batch_id, table_name, row_id, column_name, old_value) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![batch, table, row_id, column, old])?;
    Ok(())
}

/// One import in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Batch {
    pub id: i64,
    pub kind: String,
    pub source_name: String,
    pub sheets: Option<String>,
    pub imported_at: String,
    pub rows_read: i64,
    pub rows_imported: i64,
    pub rows_rejected: i64,
    pub rows_duplicate: i64,
    pub anonymous_rows: i64,
    pub orders_added: i64,
    pub customers_added: i64,
    /// When it was undone; `None` while its rows are in the workspace.
    pub undone_at: Option<String>,
}

/// Every import, newest first.
pub fn list(conn: &Connection) -> Result<Vec<Batch>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, source_name, sheets, imported_at, rows_read, rows_imported, rows_rejected,
                rows_duplicate, anonymous_rows, orders_added, customers_added, undone_at
         FROM import_batches ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Batch {
            id: r.get(0)?,
            kind: r.get(1)?,
            source_name: r.get(2)?,
            sheets: r.get(3)?,
            imported_at: r.get(4)?,
            rows_read: r.get(5)?,
            rows_imported: r.get(6)?,
            rows_rejected: r.get(7)?,
            rows_duplicate: r.get(8)?,
            anonymous_rows: r.get(9)?,
            orders_added: r.get(10)?,
            customers_added: r.get(11)?,
            undone_at: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// What undoing a batch removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct UndoReport {
    pub orders: u64,
    pub customers: u64,
    pub events: u64,
    pub nps_responses: u64,
    pub referrals: u64,
    pub values_restored: u64,
}

/// Undoes a batch: restores the values it changed and deletes the rows it
/// added. Customer keys it created that later imports still use are kept
/// (handed to the oldest batch that uses them).
pub fn undo(tx: &Transaction<'_>, batch: i64, now: &str) -> Result<UndoReport> {
    let state: Option<Option<String>> = tx
        .query_row(
            "SELECT undone_at FROM import_batches WHERE id = ?1",
            [batch],
            |r| r.get(0),
        )
        .optional()?;
    match state {
        None => {
            return Err(Error::invalid(
                "undo",
                format!("there is no import number {batch}"),
            ))
        }
        Some(Some(at)) => {
            return Err(Error::invalid(
                "undo",
                format!("import {batch} was already undone on {at}"),
            ))
        }
        Some(None) => {}
    }
    let mut report = UndoReport::default();
    {
        let mut stmt = tx.prepare(
            "SELECT table_name, row_id, column_name, old_value FROM undo_log WHERE batch_id = ?1 ORDER BY id DESC",
        )?;
        let changes: Vec<(String, i64, String, rusqlite::types::Value)> = stmt
            .query_map([batch], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (table, row_id, column, old) in changes {
            // Names come from our own log, written by our own code; still, allow only known ones.
            let allowed = table == "customers"
                && [
                    "name",
                    "email",
                    "phone",
                    "registered",
                    "registered_on",
                    "channel",
                ]
                .contains(&column.as_str());
            if !allowed {
                return Err(Error::invalid(
                    "undo",
                    format!("unexpected change record {table}.{column}"),
                ));
            }
            tx.execute(
                &format!("UPDATE customers SET {column} = ?1 WHERE id = ?2"),
                params![old, row_id],
            )?;
            report.values_restored += 1;
        }
        tx.execute("DELETE FROM undo_log WHERE batch_id = ?1", [batch])?;
    }
    report.referrals = tx.execute("DELETE FROM referrals WHERE batch_id = ?1", [batch])? as u64;
    report.events = tx.execute("DELETE FROM events WHERE batch_id = ?1", [batch])? as u64;
    report.nps_responses =
        tx.execute("DELETE FROM nps_responses WHERE batch_id = ?1", [batch])? as u64;
    tx.execute(
        "DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE batch_id = ?1)",
        [batch],
    )?;
    report.orders = tx.execute("DELETE FROM orders WHERE batch_id = ?1", [batch])? as u64;
    // Keys this batch created: hand those still in use to the oldest batch using them.
    tx.execute(
        "UPDATE customers SET batch_id = (
             SELECT min(b) FROM (
                 SELECT batch_id AS b FROM orders WHERE customer_id = customers.id
                 UNION ALL SELECT batch_id FROM events WHERE customer_id = customers.id
                 UNION ALL SELECT batch_id FROM nps_responses WHERE customer_id = customers.id
                 UNION ALL SELECT batch_id FROM referrals WHERE referee_id = customers.id OR referrer_id = customers.id))
         WHERE batch_id = ?1 AND (
             EXISTS (SELECT 1 FROM orders WHERE customer_id = customers.id)
             OR EXISTS (SELECT 1 FROM events WHERE customer_id = customers.id)
             OR EXISTS (SELECT 1 FROM nps_responses WHERE customer_id = customers.id)
             OR EXISTS (SELECT 1 FROM referrals WHERE referee_id = customers.id OR referrer_id = customers.id))",
        [batch],
    )?;
    report.customers = tx.execute("DELETE FROM customers WHERE batch_id = ?1", [batch])? as u64;
    tx.execute(
        "UPDATE import_batches SET undone_at = ?1 WHERE id = ?2",
        params![now, batch],
    )?;
    Ok(report)
}

/// The user's saved presets.
pub fn saved_presets(conn: &Connection) -> Result<Vec<Preset>> {
    let mut stmt = conn.prepare("SELECT name, kind, columns FROM import_presets ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (name, kind, columns) = row?;
        let Some(kind) = ImportKind::parse(&kind) else {
            continue;
        };
        let columns = serde_json::from_str(&columns).unwrap_or_default();
        out.push(Preset {
            name,
            kind,
            columns,
            builtin: false,
        });
    }
    Ok(out)
}

/// Saves (or replaces) a preset of the user's.
pub fn save_preset(conn: &Connection, preset: &Preset, now: &str) -> Result<()> {
    if super::mapping::builtin_presets()
        .iter()
        .any(|p| p.name == preset.name)
    {
        return Err(Error::invalid(
            "preset",
            format!(
                "\"{}\" is a built-in preset; choose another name",
                preset.name
            ),
        ));
    }
    if preset.name.trim().is_empty() {
        return Err(Error::invalid("preset", "give the preset a name"));
    }
    let columns = serde_json::to_string(&preset.columns)
        .map_err(|e| Error::invalid("preset", e.to_string()))?;
    conn.execute(
        "INSERT INTO import_presets(name, kind, columns, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, columns = excluded.columns, updated_at = excluded.updated_at",
        params![preset.name.trim(), preset.kind.id(), columns, now],
    )?;
    Ok(())
}
