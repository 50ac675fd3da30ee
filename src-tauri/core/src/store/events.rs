//! The `events` table: engagement events (domain.md §3). `kind` names a row
//! of `point_rules`; `row_key` is the importer's identity of the source row,
//! so re-importing the same file adds nothing.

use rusqlite::params;

use super::Tx;
use crate::error::Result;

/// An event to add.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub customer_id: i64,
    /// `YYYY-MM-DD`.
    pub day: &'a str,
    pub kind: &'a str,
    pub note: Option<&'a str>,
    pub brand_tag: bool,
    pub has_image: bool,
    pub points_override: Option<i64>,
    pub row_key: &'a str,
    pub batch: i64,
}

/// Adds an event; `false` when one with the same row key is already there.
pub fn insert(tx: &Tx<'_>, e: &NewEvent<'_>) -> Result<bool> {
    let added = tx
        .c
        .prepare_cached(
            "INSERT OR IGNORE INTO events(customer_id, occurred_on, kind, note, brand_tag, has_image, points_override, row_key, batch_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            e.customer_id,
            e.day,
            e.kind,
            e.note,
            e.brand_tag,
            e.has_image,
            e.points_override,
            e.row_key,
            e.batch
        ])?;
    Ok(added > 0)
}

/// Events of a kind on or before a day (tests check re-scoring against it).
#[cfg(test)]
pub fn count_of_kind(
    c: super::Conn<'_>,
    kind: &str,
    until: Option<&str>,
    rule_points_only: bool,
) -> Result<i64> {
    Ok(c.c.query_row(
        "SELECT count(*) FROM events WHERE kind = ?1 AND (?2 IS NULL OR occurred_on <= ?2)
           AND (?3 = 0 OR points_override IS NULL)",
        params![kind, until, rule_points_only],
        |r| r.get(0),
    )?)
}
