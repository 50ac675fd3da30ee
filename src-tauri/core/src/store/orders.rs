//! The `orders` and `order_lines` tables. An order is identified by its order
//! number and customer (domain.md §2); its lines are stored clustered by order.

use rusqlite::{params, OptionalExtension, Statement};

use super::{Conn, Tx};
use crate::error::Result;
use crate::model::OrderStatus;

/// An order to add.
#[derive(Debug, Clone)]
pub struct NewOrder<'a> {
    pub order_no: &'a str,
    /// `None` for an anonymous order.
    pub customer_id: Option<i64>,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub ordered_at: &'a str,
    /// The amount so far (an import adds its lines' sum as they come).
    pub amount: f64,
    /// The order total from the file, counted once.
    pub total: Option<f64>,
    pub status: OrderStatus,
    pub channel: Option<&'a str>,
    pub coupon: Option<&'a str>,
    pub referral_code: Option<&'a str>,
    pub batch: i64,
}

/// A line of an order.
#[derive(Debug, Clone)]
pub struct NewLine<'a> {
    pub order_id: i64,
    pub line_no: i64,
    pub product: Option<&'a str>,
    pub sku: Option<&'a str>,
    pub quantity: Option<f64>,
    pub unit_price: Option<f64>,
    pub amount: f64,
    /// The row of the source file, for rejection reports.
    pub source_row: Option<u32>,
}

/// An order already in the workspace, as an import continues or skips it.
#[derive(Debug, Clone, Copy)]
pub struct Existing {
    pub id: i64,
    pub batch: i64,
    pub has_total: bool,
    pub status: OrderStatus,
    pub has_refund: bool,
    pub last_line: i64,
}

/// The statements an import (or the demo) runs per order and line, prepared once.
pub struct Orders<'t> {
    find: Statement<'t>,
    insert: Statement<'t>,
    insert_line: Statement<'t>,
    add_amount: Statement<'t>,
    tx: &'t rusqlite::Connection,
}

impl<'t> Orders<'t> {
    /// Prepares the statements in `tx`.
    pub fn new(tx: &Tx<'t>) -> Result<Self> {
        Ok(Orders {
            find: tx.c.prepare(
                "SELECT id, batch_id, total IS NOT NULL, status, refunded IS NOT NULL,
                        (SELECT ifnull(max(line_no), 0) FROM order_lines WHERE order_id = orders.id)
                 FROM orders WHERE order_no = ?1 AND ifnull(customer_id, 0) = ?2",
            )?,
            insert: tx.c.prepare(
                "INSERT INTO orders(order_no, customer_id, ordered_at, amount, total, status, channel, coupon, referral_code, batch_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            insert_line: tx.c.prepare(
                "INSERT INTO order_lines(order_id, line_no, product, sku, quantity, unit_price, amount, source_row)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            add_amount: tx
                .c
                .prepare("UPDATE orders SET amount = amount + ?1 WHERE id = ?2")?,
            tx: tx.c,
        })
    }

    /// The order with this number and customer (0: anonymous), if any.
    pub fn find(&mut self, order_no: &str, customer_id: i64) -> Result<Option<Existing>> {
        Ok(self
            .find
            .query_row(params![order_no, customer_id], |r| {
                Ok(Existing {
                    id: r.get(0)?,
                    batch: r.get(1)?,
                    has_total: r.get(2)?,
                    status: OrderStatus::from_id(r.get_ref(3)?.as_str()?),
                    has_refund: r.get(4)?,
                    last_line: r.get(5)?,
                })
            })
            .optional()?)
    }

    /// Adds an order; returns its row id.
    pub fn insert(&mut self, o: &NewOrder<'_>) -> Result<i64> {
        self.insert.execute(params![
            o.order_no,
            o.customer_id,
            o.ordered_at,
            o.amount,
            o.total,
            o.status.id(),
            o.channel,
            o.coupon,
            o.referral_code,
            o.batch
        ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Adds a line.
    pub fn insert_line(&mut self, l: &NewLine<'_>) -> Result<()> {
        self.insert_line.execute(params![
            l.order_id,
            l.line_no,
            l.product,
            l.sku,
            l.quantity,
            l.unit_price,
            l.amount,
            l.source_row
        ])?;
        Ok(())
    }

    /// Adds to an order's amount.
    pub fn add_amount(&mut self, id: i64, amount: f64) -> Result<()> {
        self.add_amount.execute(params![amount, id])?;
        Ok(())
    }
}

/// Sets an order's total (the first line that carries one).
pub fn set_total(tx: &Tx<'_>, id: i64, total: f64) -> Result<()> {
    tx.c.prepare_cached("UPDATE orders SET total = ?1 WHERE id = ?2")?
        .execute(params![total, id])?;
    Ok(())
}

/// Sets the amount refunded on an order.
pub fn set_refunded(tx: &Tx<'_>, id: i64, refunded: f64) -> Result<()> {
    tx.c.prepare_cached("UPDATE orders SET refunded = ?1 WHERE id = ?2")?
        .execute(params![refunded, id])?;
    Ok(())
}

/// Sets an order's status.
pub fn set_status(tx: &Tx<'_>, id: i64, status: OrderStatus) -> Result<()> {
    tx.c.prepare_cached("UPDATE orders SET status = ?1 WHERE id = ?2")?
        .execute(params![status.id(), id])?;
    Ok(())
}

/// Deletes an order with its lines; returns the source rows its lines came from.
pub fn delete_with_rows(tx: &Tx<'_>, id: i64) -> Result<Vec<u32>> {
    let rows: Vec<u32> =
        tx.c.prepare("SELECT source_row FROM order_lines WHERE order_id = ?1 ORDER BY line_no")?
            .query_map([id], |r| r.get::<_, Option<i64>>(0))?
            .filter_map(|r| r.ok().flatten())
            .map(|r| r as u32)
            .collect();
    tx.c.execute("DELETE FROM orders WHERE id = ?1", [id])?;
    Ok(rows)
}

/// What a batch's orders came to once settled.
#[derive(Debug, Clone, Default)]
pub struct Settled {
    pub orders: u64,
    pub cancelled: u64,
    pub returns: u64,
    pub lines: u64,
    /// The first and last order day of the batch (`YYYY-MM-DD`).
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// The amount of its counted (not cancelled) orders, returns negative.
    pub amount: f64,
}

/// Settles a batch's orders: the amount is the order total when the file has
/// one, else the sum of the lines and their shipping (accumulated as the lines
/// came); less any refund. A credit note marked 返品 *is* the return: it stays,
/// with its negative amount; an order marked 返品 with a positive amount was
/// given back and stays excluded.
pub fn settle_batch(tx: &Tx<'_>, batch: i64) -> Result<Settled> {
    tx.c.execute(
        "UPDATE orders SET amount = total - ifnull(refunded, 0) WHERE batch_id = ?1 AND total IS NOT NULL",
        [batch],
    )?;
    tx.c.execute(
        "UPDATE orders SET amount = amount - refunded WHERE batch_id = ?1 AND total IS NULL AND refunded IS NOT NULL",
        [batch],
    )?;
    tx.c.execute(
        "UPDATE orders SET status = 'normal' WHERE batch_id = ?1 AND status = 'returned' AND amount < 0",
        [batch],
    )?;
    #[allow(clippy::type_complexity)]
    let (orders, cancelled, returns, lines, first, last, amount): (
        i64,
        f64,
        f64,
        i64,
        Option<String>,
        Option<String>,
        f64,
    ) = tx.c.query_row(
        "SELECT count(*),
                total(status <> 'normal'),
                total(status = 'normal' AND amount < 0),
                (SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.batch_id = ?1),
                substr(min(ordered_at), 1, 10),
                substr(max(ordered_at), 1, 10),
                total(CASE WHEN status = 'normal' THEN amount END)
         FROM orders WHERE batch_id = ?1",
        [batch],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )?;
    Ok(Settled {
        orders: orders as u64,
        cancelled: cancelled as u64,
        returns: returns as u64,
        lines: lines as u64,
        first_day: first,
        last_day: last,
        amount,
    })
}

/// The latest day with a counted (normal) order, through the orders index.
pub fn latest_order_day(c: Conn<'_>) -> Result<Option<String>> {
    Ok(c.c.query_row(
        "SELECT max(ordered_at) FROM orders WHERE status = 'normal'",
        [],
        |r| r.get(0),
    )?)
}
