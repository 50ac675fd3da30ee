//! Customers: one row per customer (`horetsu customers`), the customers
//! table (filtered, sorted and paged from one list per snapshot), and the
//! customer page.

use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use super::masked;
use crate::analytics::fans::{Badge, Quadrant};
use crate::analytics::ledger::{self, LedgerEntry};
use crate::analytics::{self, Dataset};
use crate::analytics::{StageHold, StageReason};
use crate::day::{self, Day};
use crate::error::{Error, Result};
use crate::model::Lang;
use crate::model::{Segment, Stage, Temperature};
use crate::plan::actions::{PlannedAction, Texts};
use crate::plan::mask;
use crate::plan::playbook::StagePlay;
use crate::snapshot::Snapshot;
use crate::store;
use crate::Workspace;

/// One customer's figures at the analysis date: ids and numbers (the UI
/// words them; `horetsu customers` prints them as [`CustomerRow`]).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CustomerFigures {
    pub customer_key: String,
    pub first_purchase: Option<String>,
    pub last_purchase: Option<String>,
    pub recency_days: Option<i32>,
    pub frequency: u32,
    pub monetary: f64,
    pub r: Option<u8>,
    pub f: Option<u8>,
    pub m: Option<u8>,
    pub segment: Option<Segment>,
    pub stage: Stage,
    /// Why the customer is in their stage.
    pub reason: StageReason,
    pub temperature: Temperature,
    pub referral_points: i64,
    pub support_points: i64,
    pub heat: f64,
    pub quadrant: Quadrant,
    pub badges: Vec<Badge>,
    pub referrer_key: Option<String>,
    pub referred_count: u32,
    pub nps_latest: Option<u8>,
    pub p_alive: Option<f64>,
    pub expected_orders_365: Option<f64>,
    pub predicted_clv_365: Option<f64>,
}

impl CustomerFigures {
    fn of(ds: &Dataset, c: &analytics::CustomerResult) -> CustomerFigures {
        let score = |v: u8| (v > 0).then_some(v);
        CustomerFigures {
            customer_key: ds.customers[c.idx as usize].key.clone(),
            first_purchase: c.first_purchase.map(day::format),
            last_purchase: c.last_purchase.map(day::format),
            recency_days: c.recency_days,
            frequency: c.frequency,
            monetary: c.monetary,
            r: score(c.r),
            f: score(c.f),
            m: score(c.m),
            segment: c.segment,
            stage: c.stage,
            reason: c.reason.clone(),
            temperature: c.temperature,
            referral_points: c.referral_points,
            support_points: c.support_points,
            heat: c.heat,
            quadrant: c.quadrant,
            badges: c.badges.clone(),
            referrer_key: c.referrer.map(|p| ds.customers[p as usize].key.clone()),
            referred_count: c.referred_count,
            nps_latest: c.nps_latest,
            p_alive: c.p_alive,
            expected_orders_365: c.expected_orders_365,
            predicted_clv_365: c.predicted_clv_365,
        }
    }
}

/// One customer as `horetsu customers` prints it: the figures, with the
/// stage reason in words (the CSV columns are [`CUSTOMER_COLUMNS`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerRow {
    #[serde(flatten)]
    pub figures: CustomerFigures,
    /// The stage reason in the language asked for.
    pub stage_reason: String,
}

/// The CSV header of `horetsu customers --csv`.
pub const CUSTOMER_COLUMNS: [&str; 24] = [
    "customer_key",
    "first_purchase",
    "last_purchase",
    "recency_days",
    "frequency",
    "monetary",
    "r",
    "f",
    "m",
    "segment",
    "stage",
    "stage_reason",
    "temperature",
    "referral_points",
    "support_points",
    "heat",
    "quadrant",
    "badges",
    "referrer_key",
    "referred_count",
    "nps_latest",
    "p_alive",
    "expected_orders_365",
    "predicted_clv_365",
];

impl CustomerRow {
    /// The row as CSV fields (empty for missing values; badges joined with
    /// `;`), each marked text or number for the CSV writer.
    pub fn csv_fields(&self) -> Vec<(bool, String)> {
        let f = &self.figures;
        let text = |v: String| (true, v);
        let num = |v: String| (false, v);
        let opt = |v: Option<String>| v.unwrap_or_default();
        let fixed =
            |v: Option<f64>, digits: usize| v.map(|x| format!("{x:.digits$}")).unwrap_or_default();
        vec![
            text(f.customer_key.clone()),
            num(opt(f.first_purchase.clone())),
            num(opt(f.last_purchase.clone())),
            num(opt(f.recency_days.map(|d| d.to_string()))),
            num(f.frequency.to_string()),
            num(format!("{:.2}", f.monetary)),
            num(opt(f.r.map(|v| v.to_string()))),
            num(opt(f.f.map(|v| v.to_string()))),
            num(opt(f.m.map(|v| v.to_string()))),
            text(opt(f.segment.map(|s| s.id().to_string()))),
            text(f.stage.id().to_string()),
            text(self.stage_reason.clone()),
            text(f.temperature.id().to_string()),
            num(f.referral_points.to_string()),
            num(f.support_points.to_string()),
            num(format!("{:.2}", f.heat)),
            text(f.quadrant.id().to_string()),
            text(
                f.badges
                    .iter()
                    .map(|b| b.id())
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
            text(opt(f.referrer_key.clone())),
            num(f.referred_count.to_string()),
            num(opt(f.nps_latest.map(|v| v.to_string()))),
            num(fixed(f.p_alive, 4)),
            num(fixed(f.expected_orders_365, 4)),
            num(fixed(f.predicted_clv_365, 2)),
        ]
    }
}

/// Writes customer rows as `horetsu customers --csv` prints them (the header
/// [`CUSTOMER_COLUMNS`], then one row per customer), through the one CSV
/// writer, in UTF-8 or, when asked, Shift_JIS.
pub fn write_customers_csv(
    out: impl std::io::Write,
    rows: &[CustomerRow],
    encoding: crate::csv_out::CsvEncoding,
) -> Result<()> {
    use crate::csv_out::Cell;
    crate::csv_out::to_stdout(out, encoding, |w| {
        w.record(CUSTOMER_COLUMNS.map(Cell::Text))?;
        for r in rows {
            let fields = r.csv_fields();
            w.record(fields.iter().map(|(text, v)| {
                if *text {
                    Cell::Text(v)
                } else {
                    Cell::Number(v)
                }
            }))?;
        }
        Ok(())
    })
}

/// Every customer's figures, in customer-key order.
fn figures_of(snap: &Snapshot) -> Vec<CustomerFigures> {
    let mut rows: Vec<CustomerFigures> = snap
        .analysis
        .customers
        .iter()
        .map(|c| CustomerFigures::of(&snap.ds, c))
        .collect();
    rows.sort_by(|x, y| x.customer_key.cmp(&y.customer_key));
    rows
}

/// One row per customer (`horetsu customers`), in customer-key order.
pub fn customer_rows(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    lang: Lang,
) -> Result<Vec<CustomerRow>> {
    Ok(figures_of(&*ws.snapshot(as_of, today)?)
        .into_iter()
        .map(|figures| CustomerRow {
            stage_reason: figures.reason.text(lang),
            figures,
        })
        .collect())
}

/// A customer as the customers table lists them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ListedCustomer {
    pub row: CustomerFigures,
    /// The key to show (masked when asked).
    pub display_key: String,
    pub name: Option<String>,
    /// What the search looks in (key, name, e-mail, phone digits; folded):
    /// never sent to the screen.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) search: String,
}

/// Every customer for the table, in customer-key order (made once per snapshot).
fn listed(snap: &Snapshot) -> Result<Arc<Vec<ListedCustomer>>> {
    snap.memo("customer_list", || {
        let names = snap.names()?;
        let index = snap.key_index()?;
        Ok(figures_of(snap)
            .into_iter()
            .map(|row| {
                let i = index.get(&row.customer_key).map(|&i| i as usize);
                ListedCustomer {
                    display_key: row.customer_key.clone(),
                    name: i.and_then(|i| names[i].clone()),
                    search: String::new(),
                    row,
                }
            })
            .collect())
    })
}

/// The list with what the search looks in (e-mails and phones read from
/// the store): made on the first search of a snapshot, not before.
fn searchable(snap: &Snapshot) -> Result<Arc<Vec<ListedCustomer>>> {
    snap.memo("customer_list_search", || {
        let index = snap.key_index()?;
        let texts = snap.search_texts()?;
        let mut rows = (*listed(snap)?).clone();
        for c in &mut rows {
            if let Some(&i) = index.get(&c.row.customer_key) {
                c.search = texts[i as usize].clone();
            }
        }
        Ok(rows)
    })
}

/// Every customer for the table, in customer-key order.
pub fn customer_list(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
) -> Result<Vec<ListedCustomer>> {
    Ok((*searchable(&*ws.snapshot(as_of, today)?)?).clone())
}

/// Filters, sort and page of the customers table.
#[derive(Debug, Clone, PartialEq, Default, Serialize, serde::Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CustomerQuery {
    /// Text in the key, the name, the e-mail or the phone (case, width and
    /// katakana/hiragana do not matter; a phone number matches with or
    /// without hyphens).
    pub search: String,
    pub stages: Vec<Stage>,
    pub segments: Vec<Segment>,
    pub temperatures: Vec<Temperature>,
    pub quadrants: Vec<Quadrant>,
    /// Customers holding any of these badges.
    pub badges: Vec<Badge>,
    /// Only referred (true) or only organic (false) customers.
    pub referred: Option<bool>,
    /// The column to sort by; `None`: by key.
    pub sort: Option<CustomerSort>,
    pub descending: bool,
    pub mask_pii: bool,
    pub offset: u32,
    pub limit: u32,
}

/// A column the customers table sorts by (the ids of `horetsu customers`, and `name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum CustomerSort {
    CustomerKey,
    Name,
    FirstPurchase,
    LastPurchase,
    RecencyDays,
    Frequency,
    Monetary,
    R,
    F,
    M,
    Stage,
    Segment,
    Temperature,
    ReferralPoints,
    SupportPoints,
    Heat,
    ReferredCount,
    NpsLatest,
    PAlive,
    ExpectedOrders365,
    PredictedClv365,
}

/// One page of the customers table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CustomerPage {
    pub total: u64,
    pub offset: u32,
    pub rows: Vec<ListedCustomer>,
}

/// One page of the customers table at an analysis date.
pub fn customer_page(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    query: &CustomerQuery,
) -> Result<CustomerPage> {
    let snap = ws.snapshot(as_of, today)?;
    let rows = if query.search.trim().is_empty() {
        listed(&snap)?
    } else {
        searchable(&snap)?
    };
    let mut page = query_customers(&rows, query);
    if query.mask_pii {
        // The key commands take becomes a handle: a key can be an e-mail.
        for c in &mut page.rows {
            if let Some(i) = snap.resolve(&c.row.customer_key)? {
                c.row.customer_key = snap.handle(i);
            }
        }
    }
    Ok(page)
}

fn cmp_opt<T: PartialOrd>(a: Option<T>, b: Option<T>) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Equal),
        (Some(_), None) => Less,
        (None, Some(_)) => Greater,
        (None, None) => Equal,
    }
}

/// A sort value: a number, or else a text.
type SortKey = (Option<f64>, Option<String>);

/// Filters, sorts and pages the customer list. Missing values sort last.
pub fn query_customers(rows: &[ListedCustomer], q: &CustomerQuery) -> CustomerPage {
    let needle = crate::keys::search_fold(q.search.trim());
    let phone = crate::keys::phone_needle(q.search.trim());
    let mut hits: Vec<&ListedCustomer> = rows
        .iter()
        .filter(|c| {
            let r = &c.row;
            (q.stages.is_empty() || q.stages.contains(&r.stage))
                && (q.segments.is_empty() || r.segment.is_some_and(|s| q.segments.contains(&s)))
                && (q.temperatures.is_empty() || q.temperatures.contains(&r.temperature))
                && (q.quadrants.is_empty() || q.quadrants.contains(&r.quadrant))
                && (q.badges.is_empty() || r.badges.iter().any(|b| q.badges.contains(b)))
                && q.referred.is_none_or(|v| v == r.referrer_key.is_some())
                && (needle.is_empty()
                    || c.search.contains(&needle)
                    || phone.as_deref().is_some_and(|p| c.search.contains(p)))
        })
        .collect();
    let key = |c: &ListedCustomer, sort: CustomerSort| -> SortKey {
        use CustomerSort as S;
        let r = &c.row;
        let num = |v: f64| (Some(v), None);
        match sort {
            S::Name => (None, c.name.clone()),
            S::FirstPurchase => (None, r.first_purchase.clone()),
            S::LastPurchase => (None, r.last_purchase.clone()),
            S::RecencyDays => (r.recency_days.map(f64::from), None),
            S::Frequency => num(f64::from(r.frequency)),
            S::Monetary => num(r.monetary),
            S::R => (r.r.map(f64::from), None),
            S::F => (r.f.map(f64::from), None),
            S::M => (r.m.map(f64::from), None),
            S::Stage => num(r.stage.index() as f64),
            S::Segment => (r.segment.map(|s| f64::from(s as u8)), None),
            S::Temperature => num(f64::from(r.temperature as u8)),
            S::ReferralPoints => num(r.referral_points as f64),
            S::SupportPoints => num(r.support_points as f64),
            S::Heat => num(r.heat),
            S::ReferredCount => num(f64::from(r.referred_count)),
            S::NpsLatest => (r.nps_latest.map(f64::from), None),
            S::PAlive => (r.p_alive, None),
            S::ExpectedOrders365 => (r.expected_orders_365, None),
            S::PredictedClv365 => (r.predicted_clv_365, None),
            S::CustomerKey => (None, Some(r.customer_key.clone())),
        }
    };
    let sort = q.sort.unwrap_or(CustomerSort::CustomerKey);
    if sort != CustomerSort::CustomerKey || q.descending {
        let mut keyed: Vec<(SortKey, &ListedCustomer)> =
            hits.iter().map(|c| (key(c, sort), *c)).collect();
        keyed.sort_by(|(a, x), (b, y)| {
            let by_value = if a.0.is_some() || b.0.is_some() {
                cmp_opt(a.0, b.0)
            } else {
                cmp_opt(a.1.as_ref(), b.1.as_ref())
            };
            let by_value = match (
                q.descending,
                a.0.is_some() && b.0.is_some() || a.1.is_some() && b.1.is_some(),
            ) {
                (true, true) => by_value.reverse(),
                _ => by_value,
            };
            by_value.then_with(|| x.row.customer_key.cmp(&y.row.customer_key))
        });
        hits = keyed.into_iter().map(|(_, c)| c).collect();
    }
    let limit = q.limit.clamp(1, 1000) as usize;
    let rows = hits
        .iter()
        .skip(q.offset as usize)
        .take(limit)
        .map(|c| {
            let mut c = (*c).clone();
            if q.mask_pii {
                c.display_key = mask::key(&c.row.customer_key);
                c.name = c.name.as_deref().map(mask::name);
                c.row.referrer_key = c.row.referrer_key.as_deref().map(mask::key);
            }
            c
        })
        .collect();
    CustomerPage {
        total: hits.len() as u64,
        offset: q.offset,
        rows,
    }
}

/// What a line of a customer's timeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum TimelineKind {
    Order,
    Return,
    Event,
    Nps,
    Contact,
}

/// One line of a customer's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct TimelineItem {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub kind: TimelineKind,
    /// An event's kind (a point rule), or a contact's action (a plan action id
    /// or what an imported log names).
    pub what: Option<String>,
    /// An event's rule name, from the shop's point rules.
    pub rule_label: Option<Texts>,
    pub amount: Option<f64>,
    pub score: Option<u8>,
    pub points: Option<i64>,
    /// An NPS comment or a contact note.
    pub text: Option<String>,
}

/// A customer's referrer or someone they referred.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Relative {
    pub customer_key: String,
    pub display_key: String,
    pub name: Option<String>,
    pub stage: Option<Stage>,
    pub monetary: f64,
    pub first_purchase: Option<String>,
    /// Days since the first purchase, while inside the newcomer window (90 days).
    pub newcomer_day: Option<i64>,
    /// The newcomer milestone reached within the window (居場所 → 役割 → 変化).
    pub milestone: Option<crate::model::Milestone>,
}

/// A customer's stage at a month end.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StageAt {
    pub month: String,
    pub stage: Option<Stage>,
}

/// Everything the customer page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CustomerDetail {
    pub row: CustomerFigures,
    /// Why not a higher stage, when close.
    pub hold: Option<StageHold>,
    pub display_key: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The latest postal address on one line (only the prefecture while
    /// masking is on).
    pub address: Option<String>,
    /// The latest marketing consent: `Some(false)` declined; `None` unknown.
    pub marketing: Option<bool>,
    /// Newest first.
    pub timeline: Vec<TimelineItem>,
    /// The last 12 month ends, oldest first.
    pub stage_history: Vec<StageAt>,
    pub ledger: Vec<LedgerEntry>,
    pub referrer: Option<Relative>,
    pub referred: Vec<Relative>,
    /// Days since this customer's first purchase, while inside the newcomer
    /// window: the referrer is then their 後見人.
    pub newcomer_day: Option<i64>,
    /// The newcomer milestone this customer reached within the window.
    pub milestone: Option<crate::model::Milestone>,
    pub action: PlannedAction,
    /// The customer the planned step is about besides this one (the referrer
    /// of an onboarding step, the newcomer of a 後見人 step).
    pub related: Option<Relative>,
    /// The playbook's do and never for the customer's stage.
    pub play: Option<StagePlay>,
}

/// How many month ends the customer page shows.
const HISTORY_MONTHS: usize = 12;

/// The customer page of one customer.
pub fn customer_detail(
    ws: &Workspace,
    key: &str,
    as_of: Option<Day>,
    today: Day,
    mask_pii: bool,
) -> Result<CustomerDetail> {
    let snap = ws.snapshot(as_of, today)?;
    let as_of = snap.as_of;
    let Some(c) = snap.customer(key)? else {
        return Err(Error::invalid(
            "customer",
            format!("no customer with the key {key} at {}", day::format(as_of)),
        ));
    };
    let idx = c.idx;
    let names = snap.names()?;
    let base = snap.plan_base()?;
    let plan = snap.plan()?;
    let position = snap.analysis.position[idx as usize].unwrap_or(0) as usize;
    let action = plan[position].clone();
    let show_key = |k: &str| masked(k, mask_pii, mask::key);
    let show_name = |n: Option<&String>| n.map(|n| masked(n, mask_pii, mask::name));
    let window = snap.settings.retention_window_days;
    let newcomer_day = |r: &analytics::CustomerResult| {
        r.first_purchase
            .map(|f| i64::from(as_of - f))
            .filter(|d| *d <= window)
    };
    let relative = |i: usize| {
        let r = snap.analysis.of(i as u32);
        Relative {
            newcomer_day: r.and_then(newcomer_day),
            milestone: r.and_then(|r| r.milestone),
            customer_key: snap.reference(i as analytics::CustomerIdx, mask_pii),
            display_key: show_key(&snap.ds.customers[i].key),
            name: show_name(names[i].as_ref()),
            stage: r.map(|r| r.stage),
            monetary: r.map_or(0.0, |r| r.monetary),
            first_purchase: r.and_then(|r| r.first_purchase).map(day::format),
        }
    };

    // Timeline: orders and returns, events, NPS answers and contacts.
    let mut timeline: Vec<TimelineItem> = Vec::new();
    for o in snap.ds.orders_of(idx).iter().filter(|o| o.day <= as_of) {
        let ret = o.amount < 0.0;
        timeline.push(TimelineItem {
            day: day::format(o.day),
            kind: if ret {
                TimelineKind::Return
            } else {
                TimelineKind::Order
            },
            what: None,
            rule_label: None,
            amount: Some(o.amount),
            score: None,
            points: None,
            text: None,
        });
    }
    for e in snap.ds.events_of(idx).iter().filter(|e| e.day <= as_of) {
        let rule = e.rule.map(|i| &snap.ds.rules[i as usize]);
        timeline.push(TimelineItem {
            day: day::format(e.day),
            kind: TimelineKind::Event,
            what: rule.map(|r| r.kind.clone()),
            rule_label: rule.map(|r| Texts {
                ja: r.label_ja.clone(),
                en: r.label_en.clone(),
            }),
            amount: None,
            score: None,
            points: rule.map(|r| {
                e.points_override
                    .unwrap_or_else(|| r.points_for(e.brand_tag, e.has_image))
            }),
            text: None,
        });
    }
    // What only this page shows is read for this one customer, by its index.
    let row_id = snap.ds.customers[idx as usize].id;
    let (answers, (email, phone), (address, marketing)) = ws.with_conn(|conn| {
        Ok((
            store::nps::answers_of(conn, row_id, &day::format(as_of))?,
            store::customers::contact_of(conn, row_id)?,
            store::addresses::of_customer(conn, row_id)?,
        ))
    })?;
    // Free text (NPS comments, contact notes) loses e-mails, phone numbers
    // and customer names while masking is on.
    let scrubber = if mask_pii {
        Some(snap.scrubber()?)
    } else {
        None
    };
    let scrub = |t: &str| match &scrubber {
        Some(s) => s.scrub(t),
        None => t.to_string(),
    };
    for (answered_on, score, comment) in &answers {
        timeline.push(TimelineItem {
            day: answered_on.clone(),
            kind: TimelineKind::Nps,
            what: None,
            rule_label: None,
            amount: None,
            score: Some(*score),
            points: None,
            text: comment.as_deref().map(scrub),
        });
    }
    // A holdout (対照) is the absence of a contact: not on the timeline.
    for k in base
        .contacts
        .get(&idx)
        .into_iter()
        .flatten()
        .filter(|k| !k.control)
    {
        timeline.push(TimelineItem {
            day: k.contacted_on.clone(),
            kind: TimelineKind::Contact,
            what: Some(k.action.clone()),
            rule_label: None,
            amount: None,
            score: None,
            points: None,
            text: k.channel.as_deref().map(scrub),
        });
    }
    timeline.sort_by(|a, b| b.day.cmp(&a.day));

    let months = &snap.monthly[snap.monthly.len().saturating_sub(HISTORY_MONTHS)..];
    let stage_history = months
        .iter()
        .map(|s| StageAt {
            month: s.month.clone(),
            stage: s.stages.get(idx as usize).copied().flatten(),
        })
        .collect();
    let referred: Vec<Relative> = snap
        .ds
        .referrer
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == Some(idx))
        .map(|(i, _)| relative(i))
        .collect();
    let mut row = CustomerFigures::of(&snap.ds, c);
    let mut ledger = ledger::of_customer(&snap.ds, idx, as_of);
    if mask_pii {
        row.customer_key = snap.handle(idx);
        row.referrer_key = row.referrer_key.as_deref().map(mask::key);
        for e in &mut ledger {
            e.from_key = e.from_key.as_deref().map(mask::key);
        }
    }
    Ok(CustomerDetail {
        display_key: show_key(snap.key(idx)),
        name: show_name(names[idx as usize].as_ref()),
        email: email.map(|e| masked(&e, mask_pii, mask::email)),
        phone: phone.map(|p| masked(&p, mask_pii, mask::phone)),
        address: address.map(|a| {
            if mask_pii {
                mask::address(&a)
            } else {
                a.one_line()
            }
        }),
        marketing,
        hold: c.hold.clone(),
        timeline,
        stage_history,
        ledger,
        referrer: c.referrer.map(|r| relative(r as usize)),
        referred,
        newcomer_day: newcomer_day(c),
        milestone: c.milestone,
        related: action.related.map(|r| relative(r as usize)),
        action,
        play: base.playbook.stage(c.stage).cloned(),
        row,
    })
}
