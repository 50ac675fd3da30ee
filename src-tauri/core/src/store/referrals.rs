//! The `referrals` table: who referred whom, one referrer per customer.

use rusqlite::{params, OptionalExtension};

use super::{Conn, Tx};
use crate::error::Result;

/// The referrer of a customer (by row id).
pub fn referrer_of(c: Conn<'_>, referee: i64) -> Result<Option<i64>> {
    Ok(c.c
        .prepare_cached("SELECT referrer_id FROM referrals WHERE referee_id = ?1")?
        .query_row([referee], |r| r.get(0))
        .optional()?)
}

/// Records a referral (`on`: `YYYY-MM-DD`, when known).
pub fn insert(
    tx: &Tx<'_>,
    referee: i64,
    referrer: i64,
    on: Option<&str>,
    batch: i64,
) -> Result<()> {
    tx.c.prepare_cached(
        "INSERT INTO referrals(referee_id, referrer_id, referred_on, batch_id) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![referee, referrer, on, batch])?;
    Ok(())
}

/// How many referrals the workspace holds.
pub fn count(c: Conn<'_>) -> Result<u64> {
    let n: i64 =
        c.c.query_row("SELECT count(*) FROM referrals", [], |r| r.get(0))?;
    Ok(n as u64)
}
