//! Everything the analytics read, loaded from the workspace once into compact
//! columns. Analyses for any analysis date then run in memory, so a new date
//! never needs a re-import or another pass over SQLite.

use rusqlite::Connection;

use crate::day::{self, Day};
use crate::error::Result;
use crate::points::{self, PointRule};

/// Index of a customer in [`Dataset::customers`].
pub type CustomerIdx = u32;

/// Marks an order without a customer key (anonymous revenue).
pub const ANONYMOUS: CustomerIdx = CustomerIdx::MAX;

/// A customer key as the analytics see it.
#[derive(Debug, Clone)]
pub struct CustomerRec {
    /// Row id in the workspace.
    pub id: i64,
    /// Normalised key.
    pub key: String,
    /// From a customers import (a member even without a purchase).
    pub registered: bool,
    /// Registration date, when known.
    pub registered_on: Option<Day>,
}

/// A counted order (status normal). Cancelled orders are not loaded.
#[derive(Debug, Clone, Copy)]
pub struct OrderRec {
    /// The customer, or [`ANONYMOUS`].
    pub customer: CustomerIdx,
    /// Order day.
    pub day: Day,
    /// Amount; negative for returns and credit notes.
    pub amount: f64,
}

/// An engagement event.
#[derive(Debug, Clone, Copy)]
pub struct EventRec {
    /// The customer.
    pub customer: CustomerIdx,
    /// Event day.
    pub day: Day,
    /// Index into [`Dataset::rules`], or `None` for a kind without a rule.
    pub rule: Option<u16>,
    /// Carries the brand tag.
    pub brand_tag: bool,
    /// Carries an image.
    pub has_image: bool,
    /// Points fixed by the source file, overriding the rule.
    pub points_override: Option<i64>,
}

/// An NPS answer.
#[derive(Debug, Clone, Copy)]
pub struct NpsRec {
    /// The customer, or [`ANONYMOUS`].
    pub customer: CustomerIdx,
    /// Answer day.
    pub day: Day,
    /// Score 0–10.
    pub score: u8,
}

/// The loaded workspace.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Every customer key, in row-id order.
    pub customers: Vec<CustomerRec>,
    /// Counted orders, sorted by customer then day (anonymous last).
    pub orders: Vec<OrderRec>,
    /// For each customer, the range of their orders in `orders`.
    pub order_ranges: Vec<(u32, u32)>,
    /// Events sorted by customer then day.
    pub events: Vec<EventRec>,
    /// For each customer, the range of their events in `events`.
    pub event_ranges: Vec<(u32, u32)>,
    /// NPS answers sorted by day.
    pub nps: Vec<NpsRec>,
    /// Each customer's referrer.
    pub referrer: Vec<Option<CustomerIdx>>,
    /// Point rules in display order.
    pub rules: Vec<PointRule>,
    /// Latest counted order day.
    pub latest_order_day: Option<Day>,
}

impl Dataset {
    /// Loads everything from the workspace.
    pub fn load(conn: &Connection) -> Result<Dataset> {
        let mut ds = Dataset::default();
        // Row ids are dense from 1: a vector maps them to indexes.
        let mut index_of_id: Vec<CustomerIdx> = Vec::new();
        {
            let mut stmt = conn.prepare_cached(
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
            let mut stmt = conn.prepare_cached(
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

        ds.rules = points::load_rules(conn)?;
        let rules = ds.rules.clone();
        let rule_of = |kind: &str| rules.iter().position(|r| r.kind == kind).map(|i| i as u16);
        {
            let mut stmt = conn.prepare_cached(
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
                conn.prepare_cached("SELECT customer_id, answered_on, score FROM nps_responses")?;
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
            let mut stmt = conn.prepare_cached("SELECT referee_id, referrer_id FROM referrals")?;
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

    /// The orders of one customer, by day.
    pub fn orders_of(&self, c: CustomerIdx) -> &[OrderRec] {
        let (a, b) = self.order_ranges[c as usize];
        &self.orders[a as usize..b as usize]
    }

    /// The events of one customer, by day.
    pub fn events_of(&self, c: CustomerIdx) -> &[EventRec] {
        let (a, b) = self.event_ranges[c as usize];
        &self.events[a as usize..b as usize]
    }

    /// The default analysis date: the day after the latest order.
    pub fn default_as_of(&self) -> Option<Day> {
        self.latest_order_day.map(|d| d + 1)
    }
}

/// For rows sorted by customer, each customer's `[start, end)` range.
fn ranges(n: usize, keys: impl Iterator<Item = CustomerIdx>) -> Vec<(u32, u32)> {
    let mut out = vec![(0u32, 0u32); n];
    let mut start = 0u32;
    let mut current: Option<CustomerIdx> = None;
    let mut pos = 0u32;
    for k in keys {
        if current != Some(k) {
            if let Some(c) = current {
                if (c as usize) < n {
                    out[c as usize] = (start, pos);
                }
            }
            current = Some(k);
            start = pos;
        }
        pos += 1;
    }
    if let Some(c) = current {
        if (c as usize) < n {
            out[c as usize] = (start, pos);
        }
    }
    out
}
