//! The one aggregate read: everything the analytics need, in compact columns.
//!
//! Orders come through the `orders_analysis` index (customer, day, amount),
//! events through `events_customer`, so the load is index-only scans.

use super::Conn;
use crate::analytics::dataset::{
    ranges, CustomerIdx, CustomerRec, Dataset, EventRec, NpsRec, OrderRec, ANONYMOUS,
};
use crate::day;
use crate::error::Result;

/// Loads everything the analytics read.
pub fn load(c: Conn<'_>) -> Result<Dataset> {
    let mut ds = Dataset::default();
    // Row ids are dense from 1: a vector maps them to indexes.
    let mut index_of_id: Vec<CustomerIdx> = Vec::new();
    {
        let mut stmt = c.c.prepare_cached(
            "SELECT id, customer_key, registered, registered_on FROM customers ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let registered_on: Option<String> = r.get(3)?;
            if let Ok(slot) = usize::try_from(id) {
                if slot < (1 << 31) {
                    if index_of_id.len() <= slot {
                        index_of_id.resize(slot + 1, ANONYMOUS);
                    }
                    index_of_id[slot] = ds.customers.len() as CustomerIdx;
                }
            }
            ds.customers.push(CustomerRec {
                id,
                key: r.get(1)?,
                registered: r.get(2)?,
                registered_on: registered_on.as_deref().and_then(day::parse_iso),
            });
        }
    }
    let idx = |id: Option<i64>| -> CustomerIdx {
        id.and_then(|id| usize::try_from(id).ok())
            .and_then(|id| index_of_id.get(id).copied())
            .unwrap_or(ANONYMOUS)
    };
    {
        let mut stmt = c.c.prepare_cached(
            "SELECT customer_id, ordered_at, amount FROM orders
             WHERE status = 'normal' ORDER BY customer_id, ordered_at",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let customer = idx(r.get(0)?);
            let at = r.get_ref(1)?.as_str()?;
            let Some(day) = day::parse_iso(at) else {
                continue;
            };
            ds.orders.push(OrderRec {
                customer,
                day,
                amount: r.get(2)?,
            });
        }
    }
    ds.orders.sort_unstable_by_key(|o| (o.customer, o.day));
    ds.latest_order_day = ds.orders.iter().map(|o| o.day).max();
    ds.order_ranges = ranges(ds.customers.len(), ds.orders.iter().map(|o| o.customer));

    ds.rules = super::rules::load(c)?;
    let rules = ds.rules.clone();
    let rule_of = |kind: &str| rules.iter().position(|r| r.kind == kind).map(|i| i as u16);
    {
        let mut stmt = c.c.prepare_cached(
            "SELECT customer_id, occurred_on, kind, brand_tag, has_image, points_override
             FROM events ORDER BY customer_id, occurred_on",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let customer = idx(r.get(0)?);
            let Some(day) = day::parse_iso(r.get_ref(1)?.as_str()?) else {
                continue;
            };
            if customer == ANONYMOUS {
                continue;
            }
            let kind = r.get_ref(2)?.as_str()?;
            ds.events.push(EventRec {
                customer,
                day,
                rule: rule_of(kind),
                brand_tag: r.get(3)?,
                has_image: r.get(4)?,
                points_override: r.get(5)?,
            });
        }
    }
    ds.events.sort_unstable_by_key(|e| (e.customer, e.day));
    ds.event_ranges = ranges(ds.customers.len(), ds.events.iter().map(|e| e.customer));
    {
        let mut stmt =
            c.c.prepare_cached("SELECT customer_id, answered_on, score FROM nps_responses")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let Some(day) = day::parse_iso(r.get_ref(1)?.as_str()?) else {
                continue;
            };
            let score: i64 = r.get(2)?;
            ds.nps.push(NpsRec {
                customer: idx(r.get(0)?),
                day,
                score: score.clamp(0, 10) as u8,
            });
        }
    }
    ds.nps.sort_unstable_by_key(|n| (n.day, n.customer));
    ds.referrer = vec![None; ds.customers.len()];
    {
        let mut stmt =
            c.c.prepare_cached("SELECT referee_id, referrer_id FROM referrals")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let referee = idx(r.get(0)?);
            let referrer = idx(r.get(1)?);
            if referee != ANONYMOUS && referrer != ANONYMOUS {
                ds.referrer[referee as usize] = Some(referrer);
            }
        }
    }
    Ok(ds)
}
