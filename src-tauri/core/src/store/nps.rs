//! The `nps_responses` table: NPS answers, the customer optional (anonymous surveys).

use rusqlite::params;

use super::{Conn, Tx};
use crate::error::Result;

/// An answer to add.
#[derive(Debug, Clone)]
pub struct NewAnswer<'a> {
    pub customer_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub day: &'a str,
    pub score: u8,
    pub comment: Option<&'a str>,
    pub row_key: &'a str,
    pub batch: i64,
}

/// Adds an answer; `false` when one with the same row key is already there.
pub fn insert(tx: &Tx<'_>, a: &NewAnswer<'_>) -> Result<bool> {
    let added = tx
        .c
        .prepare_cached(
            "INSERT OR IGNORE INTO nps_responses(customer_id, answered_on, score, comment, row_key, batch_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![a.customer_id, a.day, a.score, a.comment, a.row_key, a.batch])?;
    Ok(added > 0)
}

/// An answer with a comment.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentRow {
    /// `YYYY-MM-DD`.
    pub answered_on: String,
    pub score: u8,
    pub customer_key: Option<String>,
    pub comment: String,
}

/// Answers with a comment on or before `until` (`YYYY-MM-DD`), newest first.
pub fn comments(c: Conn<'_>, until: &str) -> Result<Vec<CommentRow>> {
    let mut stmt = c.c.prepare_cached(
        "SELECT n.answered_on, n.score, c.customer_key, n.comment
         FROM nps_responses n LEFT JOIN customers c ON c.id = n.customer_id
         WHERE n.comment IS NOT NULL AND n.comment <> '' AND n.answered_on <= ?1
         ORDER BY n.answered_on DESC, n.id DESC",
    )?;
    let rows = stmt.query_map([until], |r| {
        let score: i64 = r.get(1)?;
        Ok(CommentRow {
            answered_on: r.get(0)?,
            score: score.clamp(0, 10) as u8,
            customer_key: r.get(2)?,
            comment: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One customer's answers on or before `until` (`YYYY-MM-DD`), in the order
/// they were imported: day, score and comment (empty comments read as none).
pub fn answers_of(
    c: Conn<'_>,
    customer_id: i64,
    until: &str,
) -> Result<Vec<(String, u8, Option<String>)>> {
    let mut stmt = c.c.prepare_cached(
        "SELECT answered_on, score, comment FROM nps_responses
         WHERE customer_id = ?1 AND answered_on <= ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(rusqlite::params![customer_id, until], |r| {
        let score: i64 = r.get(1)?;
        Ok((
            r.get(0)?,
            score.clamp(0, 10) as u8,
            r.get::<_, Option<String>>(2)?.filter(|t| !t.is_empty()),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
