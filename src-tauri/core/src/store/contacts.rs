//! The `contacts` and `action_status` tables: what was done for a customer
//! and when (so the plan never repeats an ask too soon), and the user's
//! todo / done / skipped for a proposed action.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Conn, Tx};
use crate::error::Result;

/// A line of the contact log, as the plan reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub customer_id: i64,
    /// `YYYY-MM-DD`.
    pub contacted_on: String,
    /// The plan's action id, or what an imported log names.
    pub action: String,
    pub is_ask: bool,
    pub channel: Option<String>,
    pub note: Option<String>,
    /// The campaign (施策) an imported or recorded log names.
    pub campaign: Option<String>,
    /// Held out (対照) rather than contacted (送付).
    pub control: bool,
}

/// Every contact, newest first.
pub fn all(c: Conn<'_>) -> Result<Vec<ContactRow>> {
    let mut stmt = c.c.prepare_cached(
        "SELECT customer_id, contacted_on, action, is_ask, channel, note, campaign, grp
         FROM contacts ORDER BY contacted_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ContactRow {
            customer_id: r.get(0)?,
            contacted_on: r.get(1)?,
            action: r.get(2)?,
            is_ask: r.get(3)?,
            channel: r.get(4)?,
            note: r.get(5)?,
            campaign: r.get(6)?,
            control: r.get::<_, String>(7)? == "control",
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Every contact as effect measurement reads it, by campaign: (campaign or
/// the plan action of a step marked done, customer row id, contact day,
/// held out); a line whose date is not `YYYY-MM-DD` is passed over. `each`
/// is called once per row, in storage order, with borrowed text (no line
/// allocates).
pub fn for_effect(
    c: Conn<'_>,
    mut each: impl FnMut(&str, i64, crate::day::Day, bool),
) -> Result<()> {
    let mut stmt = c.c.prepare(
        "SELECT coalesce(campaign, 'plan:' || action) AS name, customer_id, contacted_on,
                grp = 'control'
         FROM contacts",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(day) = crate::day::parse_iso(r.get_ref(2)?.as_str()?) else {
            continue;
        };
        let control: bool = r.get(3)?;
        each(r.get_ref(0)?.as_str()?, r.get(1)?, day, control);
    }
    Ok(())
}

/// A line of an imported contact log.
pub struct ImportedContact<'a> {
    pub customer_id: i64,
    /// `YYYY-MM-DD`.
    pub day: &'a str,
    pub campaign: &'a str,
    pub channel: Option<&'a str>,
    pub control: bool,
    /// The importer's stable identity of the source row.
    pub row_key: &'a str,
    pub batch: i64,
}

/// Adds a line of an imported contact log (dated as its import); `false`
/// when the same line was imported before (its row key exists).
pub fn insert_imported(tx: &Tx<'_>, k: &ImportedContact<'_>) -> Result<bool> {
    let added = tx
        .c
        .prepare_cached(
            "INSERT INTO contacts(customer_id, contacted_on, action, is_ask, channel, note, created_at,
                                  campaign, grp, batch_id, row_key)
             VALUES (?1, ?2, 'campaign', 0, ?3, NULL,
                     (SELECT imported_at FROM import_batches WHERE id = ?6), ?4, ?5, ?6, ?7)
             ON CONFLICT(row_key) WHERE row_key IS NOT NULL DO NOTHING",
        )?
        .execute(params![
            k.customer_id,
            k.day,
            k.channel,
            k.campaign,
            if k.control { "control" } else { "treated" },
            k.batch,
            k.row_key
        ])?;
    Ok(added > 0)
}

/// A user's status of a planned action, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusRow {
    pub customer_id: i64,
    pub action: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    pub status: String,
}

/// Every recorded status.
pub fn statuses(c: Conn<'_>) -> Result<Vec<StatusRow>> {
    let mut stmt =
        c.c.prepare_cached("SELECT customer_id, action, due_on, status FROM action_status")?;
    let rows = stmt.query_map([], |r| {
        Ok(StatusRow {
            customer_id: r.get(0)?,
            action: r.get(1)?,
            due_on: r.get(2)?,
            status: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Records (or changes) the status of a planned action.
pub fn set_status(tx: &Tx<'_>, s: &StatusRow, now: &str) -> Result<()> {
    tx.c.prepare_cached(
        "INSERT INTO action_status(customer_id, action, due_on, status, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(customer_id, action, due_on) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
    )?
    .execute(params![s.customer_id, s.action, s.due_on, s.status, now])?;
    Ok(())
}

/// Takes a logged contact back out of the log (by customer, action and note).
pub fn delete_logged(tx: &Tx<'_>, customer_id: i64, action: &str, note: &str) -> Result<()> {
    tx.c.prepare_cached(
        "DELETE FROM contacts WHERE customer_id = ?1 AND action = ?2 AND note = ?3",
    )?
    .execute(params![customer_id, action, note])?;
    Ok(())
}

/// Adds a line to the contact log.
pub fn log(tx: &Tx<'_>, k: &ContactRow, now: &str) -> Result<()> {
    tx.c.prepare_cached(
        "INSERT INTO contacts(customer_id, contacted_on, action, is_ask, channel, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![k.customer_id, k.contacted_on, k.action, k.is_ask, k.channel, k.note, now])?;
    Ok(())
}

/// Records a customer held out (対照) of a kind of plan step on the day the
/// shop carried the step out, once per kind and year of the draw (the row
/// key names them); `false` when already recorded.
pub fn log_holdout(
    tx: &Tx<'_>,
    customer_id: i64,
    action: &str,
    on: &str,
    draw: &str,
    now: &str,
) -> Result<bool> {
    let added = tx
        .c
        .prepare_cached(
            "INSERT INTO contacts(customer_id, contacted_on, action, is_ask, channel, note, created_at,
                                  campaign, grp, batch_id, row_key)
             VALUES (?1, ?2, ?3, 0, NULL, 'plan-holdout', ?4, NULL, 'control', NULL, ?5)
             ON CONFLICT(row_key) WHERE row_key IS NOT NULL DO NOTHING",
        )?
        .execute(params![
            customer_id,
            on,
            action,
            now,
            format!("{draw}:{customer_id}")
        ])?;
    Ok(added > 0)
}

/// One line of a customer's contact log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Contact {
    pub contacted_on: String,
    pub action: String,
    pub is_ask: bool,
    pub channel: Option<String>,
    pub note: Option<String>,
}

/// A customer's contact log, newest first.
pub fn of_customer(c: Conn<'_>, customer_key: &str) -> Result<Vec<Contact>> {
    let mut stmt = c.c.prepare(
        "SELECT k.contacted_on, k.action, k.is_ask, k.channel, k.note FROM contacts k
         JOIN customers c ON c.id = k.customer_id WHERE c.customer_key = ?1
         ORDER BY k.contacted_on DESC, k.id DESC",
    )?;
    let rows = stmt.query_map([customer_key], |r| {
        Ok(Contact {
            contacted_on: r.get(0)?,
            action: r.get(1)?,
            is_ask: r.get(2)?,
            channel: r.get(3)?,
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
