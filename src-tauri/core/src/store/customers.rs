//! The `customers` table: one row per normalised customer key, with the
//! contact details and member-list facts the imports bring.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Statement};

use super::{Conn, Tx};
use crate::error::Result;

/// A column of `customers` that an import fills or a batch's undo restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Email,
    Phone,
    Registered,
    RegisteredOn,
    Channel,
}

impl Column {
    /// Every column a batch may change on an older row.
    pub const ALL: [Column; 6] = [
        Column::Name,
        Column::Email,
        Column::Phone,
        Column::Registered,
        Column::RegisteredOn,
        Column::Channel,
    ];

    /// The column's name in the table (never user text).
    pub fn name(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::Registered => "registered",
            Column::RegisteredOn => "registered_on",
            Column::Channel => "channel",
        }
    }

    /// The column of a stored name.
    pub fn from_name(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A customer key to add.
#[derive(Debug, Clone, Default)]
pub struct NewCustomer<'a> {
    pub key: &'a str,
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub registered: bool,
    /// `YYYY-MM-DD`.
    pub registered_on: Option<&'a str>,
    pub channel: Option<&'a str>,
    pub batch: i64,
}

/// Finding and adding keys, prepared once for a whole import (or the demo).
pub struct Keys<'t> {
    find: Statement<'t>,
    insert: Statement<'t>,
    tx: &'t rusqlite::Connection,
}

impl<'t> Keys<'t> {
    /// Prepares the statements in `tx`.
    pub fn new(tx: &Tx<'t>) -> Result<Self> {
        Ok(Keys {
            find: tx.c.prepare("SELECT id FROM customers WHERE customer_key = ?1")?,
            insert: tx.c.prepare(
                "INSERT INTO customers(customer_key, name, email, phone, registered, registered_on, channel, batch_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            tx: tx.c,
        })
    }

    /// The row id of a key, if it is in the workspace.
    pub fn find(&mut self, key: &str) -> Result<Option<i64>> {
        Ok(self.find.query_row([key], |r| r.get(0)).optional()?)
    }

    /// Adds a key; returns its row id.
    pub fn insert(&mut self, c: &NewCustomer<'_>) -> Result<i64> {
        self.insert.execute(params![
            c.key,
            c.name,
            c.email,
            c.phone,
            c.registered,
            c.registered_on,
            c.channel,
            c.batch
        ])?;
        Ok(self.tx.last_insert_rowid())
    }
}

/// The row id of a key.
pub fn id_of(c: Conn<'_>, key: &str) -> Result<Option<i64>> {
    Ok(c.c
        .prepare_cached("SELECT id FROM customers WHERE customer_key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// The customer whose stored e-mail is this one (lower-cased), when exactly
/// one is: a mail tool's send log names people by e-mail, while the shop's
/// key may be a member number.
pub fn id_by_email(tx: &Tx<'_>, email: &str) -> Result<Option<i64>> {
    let mut stmt =
        tx.c.prepare_cached("SELECT id FROM customers WHERE lower(email) = lower(?1) LIMIT 2")?;
    let ids: Vec<i64> = stmt
        .query_map([email], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((ids.len() == 1).then(|| ids[0]))
}

/// The key of the customer with this row id.
pub fn key_of(c: Conn<'_>, id: i64) -> Result<Option<String>> {
    Ok(c.c
        .prepare_cached("SELECT customer_key FROM customers WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Sets a text column where it is empty (never overwrites) and, for a row an
/// earlier import wrote (`undo`: the batch that changes it), logs the empty
/// value so that undoing the batch restores it. Returns whether it changed.
pub fn fill(tx: &Tx<'_>, id: i64, column: Column, value: &str, undo: Option<i64>) -> Result<bool> {
    let changed = fill_if_empty(tx, id, column, value)?;
    if let (true, Some(batch)) = (changed, undo) {
        log_change(tx, batch, id, column, Value::Null)?;
    }
    Ok(changed)
}

/// Marks a key as a registered member; for a row an earlier import wrote
/// (`undo`), logs that it was not, so that undoing the batch restores it.
pub fn register(tx: &Tx<'_>, id: i64, undo: Option<i64>) -> Result<()> {
    mark_registered(tx, id)?;
    if let Some(batch) = undo {
        log_change(tx, batch, id, Column::Registered, Value::Integer(0))?;
    }
    Ok(())
}

/// Remembers the old value of a column a batch changes on an older row
/// (`undo_log`), for the batch's undo to restore.
fn log_change(tx: &Tx<'_>, batch: i64, row_id: i64, column: Column, old: Value) -> Result<()> {
    tx.c.prepare_cached(
        "INSERT INTO undo_log(batch_id, table_name, row_id, column_name, old_value) VALUES (?1, 'customers', ?2, ?3, ?4)",
    )?
    .execute(params![batch, row_id, column.name(), old])?;
    Ok(())
}

/// Puts back a value the undo log kept (a batch's undo).
pub fn restore(tx: &Tx<'_>, id: i64, column: Column, old: Value) -> Result<()> {
    let sql = match column {
        Column::Name => "UPDATE customers SET name = ?1 WHERE id = ?2",
        Column::Email => "UPDATE customers SET email = ?1 WHERE id = ?2",
        Column::Phone => "UPDATE customers SET phone = ?1 WHERE id = ?2",
        Column::Registered => "UPDATE customers SET registered = ?1 WHERE id = ?2",
        Column::RegisteredOn => "UPDATE customers SET registered_on = ?1 WHERE id = ?2",
        Column::Channel => "UPDATE customers SET channel = ?1 WHERE id = ?2",
    };
    tx.c.execute(sql, params![old, id])?;
    Ok(())
}

fn fill_if_empty(tx: &Tx<'_>, id: i64, column: Column, value: &str) -> Result<bool> {
    let sql = match column {
        Column::Name => "UPDATE customers SET name = ?1 WHERE id = ?2 AND name IS NULL",
        Column::Email => "UPDATE customers SET email = ?1 WHERE id = ?2 AND email IS NULL",
        Column::Phone => "UPDATE customers SET phone = ?1 WHERE id = ?2 AND phone IS NULL",
        Column::RegisteredOn => {
            "UPDATE customers SET registered_on = ?1 WHERE id = ?2 AND registered_on IS NULL"
        }
        Column::Channel => "UPDATE customers SET channel = ?1 WHERE id = ?2 AND channel IS NULL",
        Column::Registered => return Ok(false),
    };
    Ok(tx.c.prepare_cached(sql)?.execute(params![value, id])? > 0)
}

/// A customer's member-list facts: registered, registration day, channel.
pub fn registration(c: Conn<'_>, id: i64) -> Result<(bool, Option<String>, Option<String>)> {
    Ok(c.c
        .prepare_cached("SELECT registered, registered_on, channel FROM customers WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

fn mark_registered(tx: &Tx<'_>, id: i64) -> Result<()> {
    tx.c.prepare_cached("UPDATE customers SET registered = 1 WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Deletes the keys a batch created that ended with no order (all their rows rejected);
/// returns how many of the batch's keys remain.
pub fn drop_orderless_of_batch(tx: &Tx<'_>, batch: i64) -> Result<u64> {
    tx.c.execute(
        "DELETE FROM customers WHERE batch_id = ?1
           AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customers.id)",
        [batch],
    )?;
    let remaining: i64 = tx.c.query_row(
        "SELECT count(*) FROM customers WHERE batch_id = ?1",
        [batch],
        |r| r.get(0),
    )?;
    Ok(remaining as u64)
}

/// Every customer's name (row id and name; customers without one are left out).
pub fn names(c: Conn<'_>) -> Result<Vec<(i64, String)>> {
    let mut stmt =
        c.c.prepare_cached("SELECT id, name FROM customers WHERE name IS NOT NULL AND name <> ''")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A customer's row id, e-mail and phone.
pub type Contact = (i64, Option<String>, Option<String>);

/// Every customer's e-mail and phone, where either is known.
pub fn contacts(c: Conn<'_>) -> Result<Vec<Contact>> {
    let mut stmt = c.c.prepare_cached(
        "SELECT id, nullif(email, ''), nullif(phone, '') FROM customers
         WHERE ifnull(email, '') <> '' OR ifnull(phone, '') <> ''",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One customer's e-mail and phone (empty texts read as missing).
pub fn contact_of(c: Conn<'_>, id: i64) -> Result<(Option<String>, Option<String>)> {
    let text = |v: Option<String>| v.filter(|t| !t.is_empty());
    let (email, phone): (Option<String>, Option<String>) =
        c.c.prepare_cached("SELECT email, phone FROM customers WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((text(email), text(phone)))
}

/// Every customer's e-mail, by row id (customers without one left out).
pub fn emails(c: Conn<'_>) -> Result<Vec<(i64, String)>> {
    let mut stmt =
        c.c.prepare("SELECT id, email FROM customers WHERE email IS NOT NULL AND email <> ''")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
