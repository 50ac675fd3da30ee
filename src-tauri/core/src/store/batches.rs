//! The `import_batches`, `undo_log` and `import_presets` tables: the history
//! of imports, exact undo, and the user's saved column mappings.
//!
//! Every row an import writes carries its batch id; every value it changed on
//! an older row is kept in `undo_log`. Undoing a batch restores those values
//! and deletes exactly the rows the batch added, in one transaction.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::customers::Column;
use super::{Conn, Tx};
use crate::error::{Error, Result};

/// A batch to start.
#[derive(Debug, Clone)]
pub struct NewBatch<'a> {
    /// `orders`, `customers`, `events`, `nps` or `demo`.
    pub kind: &'a str,
    pub source_name: &'a str,
    pub source_path: Option<&'a str>,
    /// Size and hash of the file, to tell the user when it comes again.
    pub source_hash: Option<&'a str>,
    pub imported_at: &'a str,
}

/// Starts a batch; returns its id.
pub fn begin(tx: &Tx<'_>, b: &NewBatch<'_>) -> Result<i64> {
    tx.c.execute(
        "INSERT INTO import_batches(kind, source_name, source_path, source_hash, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            b.kind,
            b.source_name,
            b.source_path,
            b.source_hash,
            b.imported_at
        ],
    )?;
    Ok(tx.c.last_insert_rowid())
}

/// A batch's figures, recorded when it ends.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// One line per sheet read.
    pub sheets: Option<String>,
    pub rows_read: u64,
    pub rows_imported: u64,
    pub rows_rejected: u64,
    pub rows_duplicate: u64,
    pub anonymous_rows: u64,
    pub orders_added: u64,
    pub customers_added: u64,
    /// JSON.
    pub warnings: Option<String>,
    /// JSON.
    pub mapping: Option<String>,
}

/// Whether a batch wrote or changed any row.
pub fn changed_anything(c: Conn<'_>, batch: i64) -> Result<bool> {
    let changed_rows: i64 = c.c.query_row(
        "SELECT (SELECT count(*) FROM orders WHERE batch_id = ?1)
              + (SELECT count(*) FROM customers WHERE batch_id = ?1)
              + (SELECT count(*) FROM events WHERE batch_id = ?1)
              + (SELECT count(*) FROM nps_responses WHERE batch_id = ?1)
              + (SELECT count(*) FROM referrals WHERE batch_id = ?1)
              + (SELECT count(*) FROM contacts WHERE batch_id = ?1)
              + (SELECT count(*) FROM addresses WHERE batch_id = ?1)
              + (SELECT count(*) FROM consents WHERE batch_id = ?1)
              + (SELECT count(*) FROM undo_log WHERE batch_id = ?1)",
        [batch],
        |row| row.get(0),
    )?;
    Ok(changed_rows > 0)
}

/// Forgets a batch that added nothing (a re-import), so the history lists only real changes.
pub fn forget(tx: &Tx<'_>, batch: i64) -> Result<()> {
    tx.c.execute("DELETE FROM import_batches WHERE id = ?1", [batch])?;
    Ok(())
}

/// Records a batch's figures.
pub fn record(tx: &Tx<'_>, batch: i64, f: &Figures) -> Result<()> {
    tx.c.execute(
        "UPDATE import_batches SET sheets = ?1, rows_read = ?2, rows_imported = ?3, rows_rejected = ?4,
                rows_duplicate = ?5, anonymous_rows = ?6, orders_added = ?7, customers_added = ?8,
                warnings = ?9, mapping = ?10
         WHERE id = ?11",
        params![
            f.sheets,
            f.rows_read as i64,
            f.rows_imported as i64,
            f.rows_rejected as i64,
            f.rows_duplicate as i64,
            f.anonymous_rows as i64,
            f.orders_added as i64,
            f.customers_added as i64,
            f.warnings,
            f.mapping,
            batch
        ],
    )?;
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
pub fn list(c: Conn<'_>) -> Result<Vec<Batch>> {
    let mut stmt = c.c.prepare(
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
    /// Lines of an imported contact log.
    pub contacts: u64,
}

/// Undoes a batch: restores the values it changed and deletes the rows it
/// added. Customer keys it created that later imports still use are kept
/// (handed to the oldest batch that uses them).
pub fn undo(tx_handle: &Tx<'_>, batch: i64, now: &str) -> Result<UndoReport> {
    let tx = tx_handle.c;
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
            let known = Column::from_name(&column).filter(|_| table == "customers");
            let Some(column) = known else {
                return Err(Error::invalid(
                    "undo",
                    format!("unexpected change record {table}.{column}"),
                ));
            };
            super::customers::restore(tx_handle, row_id, column, old)?;
            report.values_restored += 1;
        }
        tx.execute("DELETE FROM undo_log WHERE batch_id = ?1", [batch])?;
    }
    report.referrals = tx.execute("DELETE FROM referrals WHERE batch_id = ?1", [batch])? as u64;
    report.contacts = tx.execute("DELETE FROM contacts WHERE batch_id = ?1", [batch])? as u64;
    tx.execute("DELETE FROM addresses WHERE batch_id = ?1", [batch])?;
    tx.execute("DELETE FROM consents WHERE batch_id = ?1", [batch])?;
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

/// A saved column mapping, as stored: name, kind and the columns as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct PresetRow {
    pub name: String,
    pub kind: String,
    pub columns: String,
}

/// The user's saved presets, by name.
pub fn presets(c: Conn<'_>) -> Result<Vec<PresetRow>> {
    let mut stmt =
        c.c.prepare("SELECT name, kind, columns FROM import_presets ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok(PresetRow {
            name: r.get(0)?,
            kind: r.get(1)?,
            columns: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Saves (or replaces) a preset.
pub fn save_preset(tx: &Tx<'_>, p: &PresetRow, now: &str) -> Result<()> {
    tx.c.execute(
        "INSERT INTO import_presets(name, kind, columns, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, columns = excluded.columns, updated_at = excluded.updated_at",
        params![p.name, p.kind, p.columns, now],
    )?;
    Ok(())
}
