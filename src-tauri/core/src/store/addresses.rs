//! The `addresses` and `consents` tables (schema v7): postal addresses and
//! marketing consent as the imports saw them, by day. The latest address of a
//! customer is the one a label goes to; the latest consent decides whether a
//! mail list may hold them (a decline and an accept on one day: declined).

use rusqlite::params;

use super::{Conn, Tx};
use crate::error::Result;
use crate::import::address::Address;

/// Keeps an address seen on `day` (`YYYY-MM-DD`); `false` when it was kept
/// before (the same customer, day and address).
pub fn add_address(
    tx: &Tx<'_>,
    customer_id: i64,
    day: &str,
    a: &Address,
    batch: i64,
) -> Result<bool> {
    let added = tx
        .c
        .prepare_cached(
            "INSERT INTO addresses(customer_id, seen_on, postal_code, prefecture, city, street, building, batch_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            customer_id,
            day,
            a.postal_code.as_deref().unwrap_or(""),
            a.prefecture.unwrap_or(""),
            a.city.as_deref().unwrap_or(""),
            a.street.as_deref().unwrap_or(""),
            a.building.as_deref().unwrap_or(""),
            batch
        ])?;
    Ok(added > 0)
}

/// Keeps a consent seen on `day`; `false` when it was kept before.
pub fn add_consent(
    tx: &Tx<'_>,
    customer_id: i64,
    day: &str,
    accepts: bool,
    batch: i64,
) -> Result<bool> {
    let added =
        tx.c.prepare_cached(
            "INSERT INTO consents(customer_id, seen_on, accepts, batch_id) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![customer_id, day, accepts, batch])?;
    Ok(added > 0)
}

/// A customer's address as kept (parts empty when not known).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredAddress {
    pub postal_code: String,
    pub prefecture: String,
    pub city: String,
    pub street: String,
    pub building: String,
}

impl StoredAddress {
    /// The address on one line: 〒150-0001 東京都渋谷区神南1-2-3 ひだまりビル.
    pub fn one_line(&self) -> String {
        let mut out = String::new();
        if !self.postal_code.is_empty() {
            out.push('〒');
            out.push_str(&self.postal_code);
            out.push(' ');
        }
        out.push_str(&self.prefecture);
        out.push_str(&self.city);
        out.push_str(&self.street);
        if !self.building.is_empty() {
            out.push(' ');
            out.push_str(&self.building);
        }
        out.trim().to_string()
    }
}

/// Every customer's latest address, by customer row id.
pub fn latest_addresses(c: Conn<'_>) -> Result<Vec<(i64, StoredAddress)>> {
    let mut stmt = c.c.prepare(
        "SELECT customer_id, postal_code, prefecture, city, street, building FROM addresses a
         WHERE id = (SELECT id FROM addresses b WHERE b.customer_id = a.customer_id
                     ORDER BY seen_on DESC, id DESC LIMIT 1)
         ORDER BY customer_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            StoredAddress {
                postal_code: r.get(1)?,
                prefecture: r.get(2)?,
                city: r.get(3)?,
                street: r.get(4)?,
                building: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Every customer's latest consent, by customer row id (a decline and an
/// accept seen on the same day: declined).
pub fn latest_consents(c: Conn<'_>) -> Result<Vec<(i64, bool)>> {
    let mut stmt = c.c.prepare(
        "SELECT customer_id, min(accepts) FROM consents a
         WHERE seen_on = (SELECT max(seen_on) FROM consents b WHERE b.customer_id = a.customer_id)
         GROUP BY customer_id ORDER BY customer_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? == 1)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One customer's latest address and consent.
pub fn of_customer(c: Conn<'_>, customer_id: i64) -> Result<(Option<StoredAddress>, Option<bool>)> {
    use rusqlite::OptionalExtension;
    let address =
        c.c.prepare_cached(
            "SELECT postal_code, prefecture, city, street, building FROM addresses
             WHERE customer_id = ?1 ORDER BY seen_on DESC, id DESC LIMIT 1",
        )?
        .query_row([customer_id], |r| {
            Ok(StoredAddress {
                postal_code: r.get(0)?,
                prefecture: r.get(1)?,
                city: r.get(2)?,
                street: r.get(3)?,
                building: r.get(4)?,
            })
        })
        .optional()?;
    let consent: Option<i64> =
        c.c.prepare_cached(
            "SELECT min(accepts) FROM consents WHERE customer_id = ?1
             AND seen_on = (SELECT max(seen_on) FROM consents WHERE customer_id = ?1)",
        )?
        .query_row([customer_id], |r| r.get(0))?;
    Ok((address, consent.map(|v| v == 1)))
}
