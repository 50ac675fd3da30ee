//! Everything the analytics read, loaded from the workspace once into compact
//! columns (by `store::dataset::load`). Analyses for any analysis date then run in memory, so a new date
//! never needs a re-import or another pass over SQLite.

use crate::day::Day;
use crate::points::PointRule;

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
pub(crate) fn ranges(n: usize, keys: impl Iterator<Item = CustomerIdx>) -> Vec<(u32, u32)> {
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
