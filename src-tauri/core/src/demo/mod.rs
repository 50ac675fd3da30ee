//! The demo shop: a deterministic, seeded generator of a believable Japanese
//! online tea shop (ひだまり茶舗), so that every stage and every screen has
//! something to show on the first start, and benchmarks have data at scale.
//!
//! The generator is a small simulation: customers arrive over three years
//! (about 15 % referred by earlier customers, in chains up to four generations
//! deep), each with an affinity that drives how often they buy, whether they
//! subscribe, cool down or lapse, and how much they take part (reviews, SNS
//! posts, LINE, surveys, events, roundtables, monthly NPS). The same seed
//! gives the same shop on every machine ([`rng::Rng`] is ours, not a crate's).

pub mod names;
pub mod rng;
pub mod sample;

use chrono::NaiveDate;
use serde::Serialize;

use crate::day::{self, Day};
use crate::error::Result;
use crate::model::OrderStatus;
use crate::points;
use crate::store::{self, Tx};
use names::Product;
use rng::Rng;

/// Options of the generator.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Random seed; the same seed gives the same shop.
    pub seed: u64,
    /// Number of customers (members), about 3,000 by default.
    pub customers: usize,
    /// Length of the simulated period in years (3 by default).
    pub years: u32,
    /// The last day of the simulated period.
    pub end: NaiveDate,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            seed: 1,
            customers: 3_000,
            years: 3,
            end: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or(NaiveDate::MIN),
        }
    }
}

impl DemoOptions {
    /// Length of the simulated period in days.
    pub fn span_days(&self) -> i32 {
        self.years.clamp(1, 20) as i32 * 365 + 1
    }
}

/// A generated member.
#[derive(Debug, Clone)]
pub struct DemoCustomer {
    /// 会員ID.
    pub key: String,
    /// 氏名.
    pub name: String,
    /// E-mail (example.jp addresses only).
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Registration day.
    pub registered_on: Day,
    /// 流入経路.
    pub channel: &'static str,
    /// Index of the referrer.
    pub referrer: Option<usize>,
    /// Referral generation (0 = organic).
    pub generation: u8,
}

/// A generated order line.
#[derive(Debug, Clone)]
pub struct DemoLine {
    /// Product.
    pub product: Product,
    /// Quantity (negative on returns).
    pub quantity: i64,
}

impl DemoLine {
    /// Line amount.
    pub fn amount(&self) -> i64 {
        self.product.price * self.quantity
    }
}

/// A generated order.
#[derive(Debug, Clone)]
pub struct DemoOrder {
    /// 注文番号.
    pub order_no: String,
    /// Customer index.
    pub customer: usize,
    /// Order day.
    pub day: Day,
    /// Seconds after midnight.
    pub seconds: u32,
    /// Cancelled (ステータス キャンセル).
    pub cancelled: bool,
    /// Lines.
    pub lines: Vec<DemoLine>,
}

impl DemoOrder {
    /// Order amount.
    pub fn amount(&self) -> i64 {
        self.lines.iter().map(DemoLine::amount).sum()
    }

    /// `YYYY-MM-DD HH:MM:SS`.
    pub fn ordered_at(&self) -> String {
        format!(
            "{} {:02}:{:02}:{:02}",
            day::format(self.day),
            self.seconds / 3600,
            self.seconds / 60 % 60,
            self.seconds % 60
        )
    }
}

/// A generated engagement event.
#[derive(Debug, Clone)]
pub struct DemoEvent {
    /// Customer index.
    pub customer: usize,
    /// Day.
    pub day: Day,
    /// Point-rule kind.
    pub kind: &'static str,
    /// Note.
    pub note: &'static str,
    /// Brand tag.
    pub brand_tag: bool,
    /// Image.
    pub has_image: bool,
}

/// A generated NPS answer.
#[derive(Debug, Clone)]
pub struct DemoNps {
    /// Customer index, or anonymous.
    pub customer: Option<usize>,
    /// Day.
    pub day: Day,
    /// Score.
    pub score: u8,
    /// Comment.
    pub comment: Option<&'static str>,
}

/// The whole generated shop.
#[derive(Debug, Clone, Default)]
pub struct DemoShop {
    /// Members, in registration order.
    pub customers: Vec<DemoCustomer>,
    /// Orders in time order (returns included, as negative orders).
    pub orders: Vec<DemoOrder>,
    /// Events in time order.
    pub events: Vec<DemoEvent>,
    /// NPS answers in time order.
    pub nps: Vec<DemoNps>,
    /// Contacts of the shop's campaigns, with their holdouts (効果測定).
    pub contacts: Vec<DemoContact>,
}

/// A customer reached by a campaign, or held out of it.
#[derive(Debug, Clone)]
pub struct DemoContact {
    pub customer: usize,
    pub day: Day,
    pub campaign: &'static str,
    pub channel: &'static str,
    /// Held out (対照).
    pub control: bool,
}

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export_to = "bindings.ts")]
pub struct DemoReport {
    pub customers: u64,
    pub orders: u64,
    pub order_lines: u64,
    pub referrals: u64,
    pub events: u64,
    pub nps_responses: u64,
}

/// How a customer buys.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Habit {
    Never,
    Once,
    Light,
    Regular,
    Subscriber,
}

struct Plan {
    affinity: f64,
    habit: Habit,
    cooling: bool,
}

/// Generates the shop.
pub fn generate(opts: &DemoOptions) -> DemoShop {
    let root = Rng::new(opts.seed);
    let end = day::from_date(opts.end);
    let span = opts.span_days();
    let start = end - span + 1;
    let n = opts.customers;

    // Arrivals: a growing shop (more arrivals later), sorted.
    let mut arrivals_rng = root.fork(1);
    let mut arrivals: Vec<Day> = (0..n)
        .map(|_| {
            let u = arrivals_rng.f64();
            let x = if arrivals_rng.chance(0.6) {
                u
            } else {
                u.sqrt()
            };
            start + (x * f64::from(span - 1)) as Day
        })
        .collect();
    arrivals.sort_unstable();

    let mut rng = root.fork(2);
    let mut shop = DemoShop::default();
    let mut plans: Vec<Plan> = Vec::with_capacity(n);
    let mut first_purchase: Vec<Option<Day>> = Vec::with_capacity(n);
    // Customers who may refer others (bought at least two weeks ago, warm enough).
    let mut pool: Vec<usize> = Vec::new();
    let mut next_pool_candidate = 0usize;
    let mut raw_orders: Vec<DemoOrder> = Vec::new();

    for (i, &arrival) in arrivals.iter().enumerate() {
        while next_pool_candidate < i && arrivals[next_pool_candidate] <= arrival - 14 {
            let j = next_pool_candidate;
            if first_purchase[j].is_some()
                && plans[j].affinity >= 0.45
                && shop.customers[j].generation <= 3
            {
                pool.push(j);
            }
            next_pool_candidate += 1;
        }
        let mut referrer = None;
        if !pool.is_empty() && rng.chance(0.15) {
            // Rejection sampling, favouring warm referrers and recent joiners' chains.
            for _ in 0..32 {
                let j = rng.choose(&pool);
                if rng.chance(plans[j].affinity * plans[j].affinity) {
                    referrer = Some(j);
                    break;
                }
            }
        }
        let generation = referrer.map_or(0, |j| shop.customers[j].generation + 1);
        let channel = if referrer.is_some() {
            "紹介"
        } else {
            rng.choose(&[
                "検索",
                "検索",
                "Instagram",
                "Instagram",
                "広告",
                "広告",
                "ギフト",
                "LINE",
            ])
        };
        let (family, family_romaji) = rng.choose(names::FAMILY);
        let (given, given_romaji) = rng.choose(names::GIVEN);
        let email = format!(
            "{given_romaji}.{family_romaji}{}@example.jp",
            rng.range(1, 999)
        );
        let phone = format!(
            "0{}0-{:04}-{:04}",
            rng.pick(&[7, 8, 9]),
            rng.range(0, 9999),
            rng.range(0, 9999)
        );

        let mut affinity = rng.f64().powf(1.3);
        if referrer.is_some() {
            affinity = 0.35 + 0.65 * affinity;
        }
        let habit = if rng.chance(0.06) {
            Habit::Never
        } else {
            let w = [
                (0.5 - 0.4 * affinity).max(0.08),
                0.2,
                0.16 + 0.3 * affinity,
                0.16 + 0.4 * affinity,
            ];
            [Habit::Once, Habit::Light, Habit::Regular, Habit::Subscriber][rng.weighted(&w)]
        };
        let cooling = matches!(habit, Habit::Regular | Habit::Subscriber) && rng.chance(0.22);
        shop.customers.push(DemoCustomer {
            key: format!("M{:06}", i + 1),
            name: format!("{family} {given}"),
            email,
            phone,
            registered_on: arrival,
            channel,
            referrer,
            generation,
        });
        plans.push(Plan {
            affinity,
            habit,
            cooling,
        });

        // Purchases.
        let mut orders_of_customer = simulate_purchases(&mut rng, i, arrival, end, &plans[i]);
        first_purchase.push(orders_of_customer.first().map(|o| o.day));
        raw_orders.append(&mut orders_of_customer);
    }

    // Returns: about 1 % of purchases come back a few days later as a credit note.
    let mut returns = Vec::new();
    for o in raw_orders.iter().filter(|o| !o.cancelled) {
        if rng.chance(0.01) {
            let line = o.lines[0].clone();
            let day = o.day + rng.range(3, 12) as Day;
            if day <= end {
                returns.push(DemoOrder {
                    order_no: String::new(),
                    customer: o.customer,
                    day,
                    seconds: rng.range(9 * 3600, 18 * 3600) as u32,
                    cancelled: false,
                    lines: vec![DemoLine {
                        product: line.product,
                        quantity: -line.quantity.max(1),
                    }],
                });
            }
        }
    }
    raw_orders.append(&mut returns);
    let (mut extra, contacts) =
        simulate_campaigns(&root, &shop, &raw_orders, &plans, end, opts.seed);
    raw_orders.append(&mut extra);
    shop.contacts = contacts;
    raw_orders.sort_by_key(|o| (o.day, o.seconds, o.customer));
    let mut number = 100_000u64;
    for o in &mut raw_orders {
        number += 1;
        o.order_no = if o.amount() < 0 {
            format!("R{number}")
        } else {
            number.to_string()
        };
    }
    shop.orders = raw_orders;

    simulate_engagement(&root, &mut shop, &plans, start, end, span);
    shop
}

/// The shop's campaigns of the last months, each with a 10 % random holdout
/// (the seeded draw of 効果測定) and a true effect: a treated customer buys
/// once more within 40 days with the campaign's probability. The autumn
/// invitation is too recent for a verdict. A stream of its own.
fn simulate_campaigns(
    root: &Rng,
    shop: &DemoShop,
    orders: &[DemoOrder],
    plans: &[Plan],
    end: Day,
    seed: u64,
) -> (Vec<DemoOrder>, Vec<DemoContact>) {
    let mut rng = root.fork(8);
    let n = shop.customers.len();
    let mut purchases: Vec<Vec<Day>> = vec![Vec::new(); n];
    for o in orders.iter().filter(|o| !o.cancelled && o.amount() > 0) {
        purchases[o.customer].push(o.day);
    }
    // (name, channel, days before the end, who, effect)
    let campaigns: [(&'static str, &'static str, Day, u8, f64); 3] = [
        ("新茶のご案内(メール)", "メール", 150, 0, 0.30),
        ("夏のお礼状(手書き)", "手紙", 100, 1, 0.0),
        ("秋の座談会のご案内", "LINE", 20, 2, 0.10),
    ];
    let (mut extra, mut contacts) = (Vec::new(), Vec::new());
    for (name, channel, back, who, effect) in campaigns {
        let d = end - back;
        for c in 0..n {
            let before: Vec<Day> = purchases[c].iter().copied().filter(|&p| p <= d).collect();
            let picked = match who {
                0 => before.iter().any(|&p| d - p <= 365),
                1 => before.len() >= 2,
                _ => !before.is_empty() && plans[c].affinity >= 0.6,
            };
            if !picked {
                continue;
            }
            let control =
                crate::analytics::effect::held_out(seed, name, &shop.customers[c].key, 0.10);
            contacts.push(DemoContact {
                customer: c,
                day: d,
                campaign: name,
                channel,
                control,
            });
            if !control && rng.chance(effect) {
                let day = d + rng.range(3, 40) as Day;
                if day <= end {
                    extra.push(DemoOrder {
                        order_no: String::new(),
                        customer: c,
                        day,
                        seconds: rng.range(8 * 3600, 22 * 3600) as u32,
                        cancelled: false,
                        lines: vec![DemoLine {
                            product: rng.choose(names::REGULAR),
                            quantity: 1,
                        }],
                    });
                }
            }
        }
    }
    (extra, contacts)
}

fn simulate_purchases(
    rng: &mut Rng,
    customer: usize,
    arrival: Day,
    end: Day,
    plan: &Plan,
) -> Vec<DemoOrder> {
    let mut out = Vec::new();
    let (mut rhythm, keep_buying, max_orders) = match plan.habit {
        Habit::Never => return out,
        Habit::Once => (0.0, 0.0, 1),
        Habit::Light => (60.0 + 90.0 * rng.f64(), 0.75, rng.range(2, 4) as usize),
        Habit::Regular => (
            25.0 + 35.0 * rng.f64(),
            0.95 + 0.04 * plan.affinity,
            usize::MAX,
        ),
        Habit::Subscriber => (30.0, 0.975 + 0.02 * plan.affinity, usize::MAX),
    };
    let mut day = arrival;
    loop {
        let first = out.is_empty();
        let lines = if plan.habit == Habit::Subscriber && !first {
            let mut lines = vec![DemoLine {
                product: names::SUBSCRIPTION,
                quantity: 1,
            }];
            if rng.chance(0.15) {
                lines.push(DemoLine {
                    product: rng.choose(names::REGULAR),
                    quantity: 1,
                });
            }
            lines
        } else if first && rng.chance(if plan.habit == Habit::Once { 0.6 } else { 0.4 }) {
            vec![DemoLine {
                product: rng.choose(names::TRIAL),
                quantity: 1,
            }]
        } else {
            let count = 1 + rng.weighted(&[0.6, 0.3, 0.1]);
            (0..count)
                .map(|_| DemoLine {
                    product: rng.choose(names::REGULAR),
                    quantity: 1 + rng.weighted(&[0.85, 0.12, 0.03]) as i64,
                })
                .collect()
        };
        out.push(DemoOrder {
            order_no: String::new(),
            customer,
            day,
            seconds: rng.range(7 * 3600, 23 * 3600 + 59 * 60) as u32,
            cancelled: rng.chance(0.02),
            lines,
        });
        if out.len() >= max_orders || !rng.chance(keep_buying) {
            break;
        }
        if plan.cooling && out.len() >= 3 {
            rhythm *= 1.25;
        }
        let gap = if plan.habit == Habit::Subscriber {
            rhythm + rng.range(-3, 3) as f64
        } else {
            (rhythm * (0.5 + rng.f64())).max(7.0)
        };
        day += gap.round() as Day;
        if day > end {
            break;
        }
    }
    out
}

fn simulate_engagement(
    root: &Rng,
    shop: &mut DemoShop,
    plans: &[Plan],
    start: Day,
    end: Day,
    span: Day,
) {
    let mut rng = root.fork(3);
    let n = shop.customers.len();
    // Per-customer purchase days (non-cancelled purchases).
    let mut purchase_days: Vec<Vec<Day>> = vec![Vec::new(); n];
    for o in shop
        .orders
        .iter()
        .filter(|o| !o.cancelled && o.amount() > 0)
    {
        purchase_days[o.customer].push(o.day);
    }
    let mut events = Vec::new();
    for c in 0..n {
        let a = plans[c].affinity;
        let days = &purchase_days[c];
        for &d in days {
            if rng.chance(0.04 + 0.22 * a) {
                push_event(
                    &mut events,
                    c,
                    d + rng.range(4, 14) as Day,
                    points::KIND_REVIEW,
                    rng.choose(names::REVIEW_NOTES),
                    false,
                    false,
                    end,
                );
            }
            if rng.chance(0.01 + 0.15 * a * a) {
                let tag = rng.chance(0.6);
                let img = rng.chance(0.55);
                push_event(
                    &mut events,
                    c,
                    d + rng.range(1, 10) as Day,
                    points::KIND_SNS_POST,
                    rng.choose(names::SNS_NOTES),
                    tag,
                    img,
                    end,
                );
            }
        }
        if let (Some(&first), Some(&last)) = (days.first(), days.last()) {
            if a > 0.25 {
                let active_months = f64::from((last + 60).min(end) - first) / 30.0;
                let count = (a * a * active_months * 0.3 * rng.f64() * 2.0).round() as i64;
                for _ in 0..count {
                    let d = first + rng.range(0, i64::from((last + 60).min(end) - first)) as Day;
                    push_event(
                        &mut events,
                        c,
                        d,
                        points::KIND_LINE_ACTION,
                        "LINEで返信",
                        false,
                        false,
                        end,
                    );
                }
            }
        }
    }
    // Shop-wide occasions: surveys twice a year, events quarterly, roundtables twice a year.
    let mut occasion = start + 45;
    let mut k = 0;
    while occasion <= end {
        for c in 0..n {
            let a = plans[c].affinity;
            let recent = purchase_days[c]
                .iter()
                .any(|&d| d <= occasion && occasion - d <= 150);
            if !recent {
                continue;
            }
            if k % 2 == 0 && rng.chance(0.08 + 0.3 * a) {
                push_event(
                    &mut events,
                    c,
                    occasion + rng.range(0, 10) as Day,
                    points::KIND_SURVEY,
                    "顧客アンケート",
                    false,
                    false,
                    end,
                );
            }
            if rng.chance(0.01 + 0.22 * a * a * a) {
                push_event(
                    &mut events,
                    c,
                    occasion + 20,
                    points::KIND_EVENT,
                    rng.choose(names::EVENT_NOTES),
                    false,
                    false,
                    end,
                );
            }
            if k % 2 == 1 && a > 0.7 && rng.chance(0.3 * a * a) {
                push_event(
                    &mut events,
                    c,
                    occasion + 35,
                    points::KIND_ROUNDTABLE,
                    "お客さま座談会",
                    false,
                    false,
                    end,
                );
            }
        }
        occasion += 91;
        k += 1;
    }
    // お客様の声 (変化): the most attached put what changed into words,
    // some in their first 90 days, some later. A stream of its own, so the
    // other events stay as they were.
    let mut voices = root.fork(7);
    for c in 0..n {
        let a = plans[c].affinity;
        let days = &purchase_days[c];
        if days.len() < 2 || a < 0.5 || !voices.chance(0.35 * a) {
            continue;
        }
        let first = days[0];
        let d = if voices.chance(0.5) {
            first + voices.range(45, 90) as Day
        } else {
            days[days.len() - 1] + voices.range(10, 60) as Day
        };
        push_event(
            &mut events,
            c,
            d,
            points::KIND_TESTIMONIAL,
            "お客様の声(使ってみて変わったこと)",
            false,
            false,
            end,
        );
    }
    events.sort_by_key(|e: &DemoEvent| (e.day, e.customer, e.kind));
    events.dedup_by_key(|e| (e.day, e.customer, e.kind));
    shop.events = events;

    // Monthly NPS: sent on the 15th to customers who bought in the previous 45 days.
    let mut nps = Vec::new();
    let mut month = day::month_start(start);
    let mut survey_rng = root.fork(4);
    while month <= end {
        let sent = month + 14;
        if sent > end {
            break;
        }
        for c in 0..n {
            let bought = purchase_days[c]
                .iter()
                .any(|&d| d <= sent && sent - d <= 45);
            if !bought || !survey_rng.chance(0.28) {
                continue;
            }
            let a = plans[c].affinity;
            let progress = f64::from(sent - start) / f64::from(span);
            let raw = 3.2 + 6.8 * a + 0.6 * progress + 1.4 * survey_rng.normal();
            let score = raw.round().clamp(0.0, 10.0) as u8;
            let comment = if survey_rng.chance(0.4) {
                Some(survey_rng.choose(match score {
                    9..=10 => names::PROMOTER_COMMENTS,
                    7..=8 => names::PASSIVE_COMMENTS,
                    _ => names::DETRACTOR_COMMENTS,
                }))
            } else {
                None
            };
            let customer = if survey_rng.chance(0.1) {
                None
            } else {
                Some(c)
            };
            nps.push(DemoNps {
                customer,
                day: sent + survey_rng.range(0, 6) as Day,
                score,
                comment,
            });
        }
        month = day::next_month_start(month);
    }
    nps.retain(|a| a.day <= end);
    nps.sort_by_key(|a| (a.day, a.customer));
    shop.nps = nps;
}

#[allow(clippy::too_many_arguments)]
fn push_event(
    events: &mut Vec<DemoEvent>,
    customer: usize,
    day: Day,
    kind: &'static str,
    note: &'static str,
    brand_tag: bool,
    has_image: bool,
    end: Day,
) {
    if day <= end {
        events.push(DemoEvent {
            customer,
            day,
            kind,
            note,
            brand_tag,
            has_image,
        });
    }
}

/// A demo member's postal address and e-mail consent, from their key: the
/// tea shop's customers live mostly around Tokyo and Shizuoka; one in ten
/// declined the newsletter.
fn demo_address(key: &str) -> (crate::import::address::Address, bool) {
    const PLACES: [(&str, &str, &str); 10] = [
        ("150-00", "東京都", "渋谷区神南"),
        ("154-00", "東京都", "世田谷区池尻"),
        ("180-00", "東京都", "武蔵野市吉祥寺本町"),
        ("220-00", "神奈川県", "横浜市西区みなとみらい"),
        ("248-00", "神奈川県", "鎌倉市小町"),
        ("420-00", "静岡県", "静岡市葵区紺屋町"),
        ("430-00", "静岡県", "浜松市中央区鍛冶町"),
        ("460-00", "愛知県", "名古屋市中区栄"),
        ("530-00", "大阪府", "大阪市北区梅田"),
        ("810-00", "福岡県", "福岡市中央区天神"),
    ];
    let h = crate::analytics::effect::stable_hash(7, "demo-address", key);
    let (zip, prefecture, city) = PLACES[(h % PLACES.len() as u64) as usize];
    let street = format!(
        "{}-{}-{}",
        1 + (h >> 8) % 5,
        1 + (h >> 16) % 20,
        1 + (h >> 24) % 30
    );
    let building = (h >> 32)
        .is_multiple_of(3)
        .then(|| format!("ひだまりハイツ{}号", 101 + (h >> 40) % 5 * 100));
    let address = crate::import::address::Address {
        postal_code: Some(format!("{zip}{:02}", (h >> 48) % 100)),
        prefecture: crate::import::address::prefecture(prefecture),
        city: Some(city.to_string()),
        street: Some(street),
        building,
    };
    (address, !(h >> 56).is_multiple_of(10))
}

impl DemoShop {
    /// Writes the shop into an empty workspace, in the given transaction,
    /// through the same store functions an import uses.
    pub fn write(&self, tx: &Tx<'_>, imported_at: &str) -> Result<DemoReport> {
        let batch = store::batches::begin(
            tx,
            &store::batches::NewBatch {
                kind: "demo",
                source_name: "ひだまり茶舗 (demo)",
                source_path: None,
                source_hash: None,
                imported_at,
            },
        )?;
        let mut ids = Vec::with_capacity(self.customers.len());
        {
            let mut keys = store::customers::Keys::new(tx)?;
            for c in &self.customers {
                let registered_on = day::format(c.registered_on);
                ids.push(keys.insert(&store::customers::NewCustomer {
                    key: &c.key,
                    name: Some(&c.name),
                    email: Some(&c.email),
                    phone: Some(&c.phone),
                    registered: true,
                    registered_on: Some(&registered_on),
                    channel: Some(c.channel),
                    batch,
                })?);
            }
        }
        // What sending needs: an address and the e-mail consent of each
        // member, drawn from the key alone (the rest of the shop is unchanged).
        for (c, &id) in self.customers.iter().zip(&ids) {
            let on = day::format(c.registered_on);
            let (address, accepts) = demo_address(&c.key);
            store::addresses::add_address(tx, id, &on, &address, batch)?;
            store::addresses::add_consent(tx, id, &on, accepts, batch)?;
        }
        let mut referrals = 0u64;
        for (i, c) in self.customers.iter().enumerate() {
            if let Some(p) = c.referrer {
                let on = day::format(c.registered_on);
                store::referrals::insert(tx, ids[i], ids[p], Some(&on), batch)?;
                referrals += 1;
            }
        }
        let mut lines = 0u64;
        {
            let mut orders = store::orders::Orders::new(tx)?;
            for o in &self.orders {
                let ordered_at = o.ordered_at();
                let order_id = orders.insert(&store::orders::NewOrder {
                    order_no: &o.order_no,
                    customer_id: Some(ids[o.customer]),
                    ordered_at: &ordered_at,
                    amount: o.amount() as f64,
                    total: None,
                    status: if o.cancelled {
                        OrderStatus::Cancelled
                    } else {
                        OrderStatus::Normal
                    },
                    channel: None,
                    coupon: None,
                    referral_code: None,
                    batch,
                })?;
                for (line_no, l) in o.lines.iter().enumerate() {
                    orders.insert_line(&store::orders::NewLine {
                        order_id,
                        line_no: line_no as i64 + 1,
                        product: Some(l.product.name),
                        sku: Some(l.product.sku),
                        quantity: Some(l.quantity as f64),
                        unit_price: Some(l.product.price as f64),
                        amount: l.amount() as f64,
                        source_row: None,
                    })?;
                    lines += 1;
                }
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            let day = day::format(e.day);
            let row_key = format!("demo:{i}");
            store::events::insert(
                tx,
                &store::events::NewEvent {
                    customer_id: ids[e.customer],
                    day: &day,
                    kind: e.kind,
                    note: Some(e.note),
                    brand_tag: e.brand_tag,
                    has_image: e.has_image,
                    points_override: None,
                    row_key: &row_key,
                    batch,
                },
            )?;
        }
        for (i, a) in self.nps.iter().enumerate() {
            let day = day::format(a.day);
            let row_key = format!("demo:{i}");
            store::nps::insert(
                tx,
                &store::nps::NewAnswer {
                    customer_id: a.customer.map(|c| ids[c]),
                    day: &day,
                    score: a.score,
                    comment: a.comment,
                    row_key: &row_key,
                    batch,
                },
            )?;
        }
        for (i, k) in self.contacts.iter().enumerate() {
            let day = day::format(k.day);
            let row_key = format!("demo:contact:{i}");
            store::contacts::insert_imported(
                tx,
                &store::contacts::ImportedContact {
                    customer_id: ids[k.customer],
                    day: &day,
                    campaign: k.campaign,
                    channel: Some(k.channel),
                    control: k.control,
                    row_key: &row_key,
                    batch,
                },
            )?;
        }
        let report = DemoReport {
            customers: self.customers.len() as u64,
            orders: self.orders.len() as u64,
            order_lines: lines,
            referrals,
            events: self.events.len() as u64,
            nps_responses: self.nps.len() as u64,
        };
        store::batches::record(
            tx,
            batch,
            &store::batches::Figures {
                rows_read: lines,
                rows_imported: lines,
                orders_added: report.orders,
                customers_added: report.customers,
                ..Default::default()
            },
        )?;
        Ok(report)
    }
}
