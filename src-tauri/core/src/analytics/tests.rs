//! Hand-computed examples for the analytics, over a tiny shop built in code.
//! Every expected number is worked out in the comments from the data below,
//! not taken from the code's own output.

use super::dataset::{CustomerRec, Dataset, EventRec, NpsRec, OrderRec, ANONYMOUS};
use super::{analyze, kpi, predict, snapshots};
use crate::day::{parse_iso, Day};
use crate::model::{Stage, Temperature};
use crate::points::default_rules;
use crate::settings::Settings;

fn d(s: &str) -> Day {
    parse_iso(s).expect("date")
}

/// Rules in default order: referral, referee_repeat, sns_post, review,
/// roundtable, survey, event, line_action.
fn rule(kind: &str) -> Option<u16> {
    default_rules()
        .iter()
        .position(|r| r.kind == kind)
        .map(|i| i as u16)
}

/// The tiny shop (analysis date 2024-07-01):
///
/// - A (0): buys 2024-01-10 ¥5,000, 2024-02-10 ¥3,000, 2024-04-10 ¥4,000; referred B and C;
///   reviews 2024-03-01 and 2024-06-01; NPS 10 on 2024-06-15.
/// - B (1): referred by A; buys 2024-02-01 ¥1,500 (trial) and 2024-05-01 ¥1,000 (trial).
/// - C (2): referred by A; registered 2024-03-01, never buys.
/// - D (3): buys 2023-10-01 ¥20,000 and returns ¥-2,000 on 2023-10-05; roundtable 2024-06-20.
/// - E (4): buys 2024-06-30 ¥2,500; LINE action 2024-06-30; NPS 6 on 2024-06-30.
/// - F (5): appears only on a return (¥-500 on 2024-01-01): not a customer.
/// - anonymous: ¥800 on 2024-03-03.
pub(crate) fn shop() -> Dataset {
    let cust = |id: i64, key: &str, registered: bool, on: Option<&str>| CustomerRec {
        id,
        key: key.into(),
        registered,
        registered_on: on.map(d),
    };
    let customers = vec![
        cust(1, "A", false, None),
        cust(2, "B", false, None),
        cust(3, "C", true, Some("2024-03-01")),
        cust(4, "D", false, None),
        cust(5, "E", false, None),
        cust(6, "F", false, None),
    ];
    let o = |customer: u32, day: &str, amount: f64| OrderRec {
        customer,
        day: d(day),
        amount,
    };
    let mut orders = vec![
        o(0, "2024-01-10", 5000.0),
        o(0, "2024-02-10", 3000.0),
        o(0, "2024-04-10", 4000.0),
        o(1, "2024-02-01", 1500.0),
        o(1, "2024-05-01", 1000.0),
        o(3, "2023-10-01", 20000.0),
        o(3, "2023-10-05", -2000.0),
        o(4, "2024-06-30", 2500.0),
        o(5, "2024-01-01", -500.0),
        o(ANONYMOUS, "2024-03-03", 800.0),
    ];
    orders.sort_by_key(|o| (o.customer, o.day));
    let e = |customer: u32, day: &str, kind: &str| EventRec {
        customer,
        day: d(day),
        rule: rule(kind),
        brand_tag: false,
        has_image: false,
        points_override: None,
    };
    let events = vec![
        e(0, "2024-03-01", "review"),
        e(0, "2024-06-01", "review"),
        e(3, "2024-06-20", "roundtable"),
        e(4, "2024-06-30", "line_action"),
    ];
    let n = |customer: u32, day: &str, score: u8| NpsRec {
        customer,
        day: d(day),
        score,
    };
    let mut ds = Dataset {
        customers,
        orders,
        order_ranges: Vec::new(),
        events,
        event_ranges: Vec::new(),
        nps: vec![
            n(0, "2024-06-15", 10),
            n(4, "2024-06-30", 6),
            n(ANONYMOUS, "2024-06-30", 8),
        ],
        referrer: vec![None, Some(0), Some(0), None, None, None],
        rules: default_rules(),
        latest_order_day: Some(d("2024-06-30")),
    };
    ds.order_ranges = ranges(6, ds.orders.iter().map(|o| o.customer));
    ds.event_ranges = ranges(6, ds.events.iter().map(|e| e.customer));
    ds
}

/// The event ranges of a dataset whose events were changed (sorted by customer).
pub(crate) fn ranges_of(ds: &Dataset) -> Vec<(u32, u32)> {
    ranges(ds.customers.len(), ds.events.iter().map(|e| e.customer))
}

fn ranges(n: usize, keys: impl Iterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut out = vec![(0, 0); n];
    for (i, k) in keys.enumerate() {
        if (k as usize) < n {
            let r = &mut out[k as usize];
            if r.0 == r.1 {
                *r = (i as u32, i as u32 + 1);
            } else {
                r.1 = i as u32 + 1;
            }
        }
    }
    out
}

const AS_OF: &str = "2024-07-01";

#[test]
fn customers_are_buyers_and_registered_members_but_not_return_only_keys() {
    let ds = shop();
    let a = analyze(&ds, &Settings::default(), d(AS_OF));
    let keys: Vec<&str> = a
        .customers
        .iter()
        .map(|c| ds.customers[c.idx as usize].key.as_str())
        .collect();
    assert_eq!(keys, vec!["A", "B", "C", "D", "E"]);
    // Orders: 10 counted (returns and the anonymous one included); revenue 5000+3000+4000+1500+1000+20000−2000+2500−500+800 = 35,300.
    assert_eq!(a.orders, 10);
    assert!((a.revenue - 35_300.0).abs() < 1e-9);
    assert!((a.anonymous_revenue - 800.0).abs() < 1e-9);
}

#[test]
fn r_f_and_m_follow_domain_md() {
    let ds = shop();
    let a = analyze(&ds, &Settings::default(), d(AS_OF));
    let by = |k: &str| {
        a.customers
            .iter()
            .find(|c| ds.customers[c.idx as usize].key == k)
            .unwrap()
    };
    // A: last purchase 2024-04-10 → 82 days before 2024-07-01; F = 3; M = 12,000.
    assert_eq!(
        (by("A").recency_days, by("A").frequency, by("A").monetary),
        (Some(82), 3, 12_000.0)
    );
    // D: the return adds to M but not to F or R: M = 18,000, F = 1, R = 274 days.
    assert_eq!(
        (by("D").recency_days, by("D").frequency, by("D").monetary),
        (Some(274), 1, 18_000.0)
    );
    // C never bought: no RFM.
    assert_eq!(
        (by("C").frequency, by("C").r, by("C").segment),
        (0, 0, None)
    );
    // Quintiles over the 4 buyers (N = 4): recency 82 (A), 61 (B), 274 (D), 1 (E).
    // Negative recency ascending: D −274 (rank 1), A −82 (2), B −61 (3), E −1 (4):
    // scores 1 + floor(5·0/4) = 1, 1 + floor(5/4) = 2, 1 + floor(10/4) = 3, 1 + floor(15/4) = 4.
    assert_eq!((by("D").r, by("A").r, by("B").r, by("E").r), (1, 2, 3, 4));
    // F: B 2, A 3, D 1, E 1 → ascending D, E (tie, rank 1), B (3), A (4): 1, 1, 3, 4.
    assert_eq!((by("D").f, by("E").f, by("B").f, by("A").f), (1, 1, 3, 4));
}

#[test]
fn each_customer_gets_the_stage_the_rules_give_with_its_reason() {
    let ds = shop();
    let a = analyze(&ds, &Settings::default(), d(AS_OF));
    let by = |k: &str| {
        a.customers
            .iter()
            .find(|c| ds.customers[c.idx as usize].key == k)
            .unwrap()
    };
    // A referred B, who bought, and was active 30 days ago (review on 2024-06-01): 循環.
    assert_eq!(by("A").stage, Stage::Circulation);
    assert_eq!(
        by("A").reason.text(crate::model::Lang::Ja),
        "紹介した1人が購入し、30日前にも活動しています"
    );
    // B: two trial purchases only (≤ ¥2,000): 観測.
    assert_eq!(by("B").stage, Stage::Observer);
    // C: registered, no purchase: 観測.
    assert_eq!(by("C").stage, Stage::Observer);
    assert_eq!(
        by("C").reason.text(crate::model::Lang::En),
        "Registered, no purchase yet"
    );
    // D: a roundtable (100 support points) in the last 365 days: 関与.
    assert_eq!(by("D").stage, Stage::Involvement);
    // E: a LINE action is a two-way interaction: 共感 (the NPS 6 is not).
    assert_eq!(by("E").stage, Stage::Empathy);
    assert_eq!(a.stages.total(), 5);
}

#[test]
fn heat_decays_with_a_180_day_half_life() {
    let ds = shop();
    let a = analyze(&ds, &Settings::default(), d(AS_OF));
    let by = |k: &str| {
        a.customers
            .iter()
            .find(|c| ds.customers[c.idx as usize].key == k)
            .unwrap()
    };
    // A earns 10 referral points when B first buys (2024-02-01, 151 days before)
    // and 50 when B buys again (2024-05-01, 61 days), plus 30 per review
    // (2024-03-01: 122 days; 2024-06-01: 30 days).
    assert_eq!((by("A").referral_points, by("A").support_points), (60, 60));
    let h = |points: f64, age: f64| points * 0.5f64.powf(age / 180.0);
    let expected = h(10.0, 151.0) + h(50.0, 61.0) + h(30.0, 122.0) + h(30.0, 30.0);
    assert!(
        (by("A").heat - expected).abs() < 1e-9,
        "{} vs {expected}",
        by("A").heat
    );
    // 100 points 11 days ago: 100 × 0.5^(11/180).
    assert!((by("D").heat - h(100.0, 11.0)).abs() < 1e-9);
}

#[test]
fn temperature_uses_the_customers_own_rhythm() {
    let ds = shop();
    let a = analyze(&ds, &Settings::default(), d(AS_OF));
    let by = |k: &str| {
        a.customers
            .iter()
            .find(|c| ds.customers[c.idx as usize].key == k)
            .unwrap()
    };
    // A: gaps 31 and 60 days → median 45.5; recency 82 > 1.5 × 45.5 = 68.25 → cooling.
    assert_eq!(by("A").temperature, Temperature::Cooling);
    // E: one purchase, 1 day ago → warm. D: one purchase 274 days ago → cooling (> 120, ≤ 365).
    assert_eq!(by("E").temperature, Temperature::Warm);
    assert_eq!(by("D").temperature, Temperature::Cooling);
}

#[test]
fn referral_rate_active_rate_and_retention() {
    let ds = shop();
    let s = Settings::default();
    let a = analyze(&ds, &s, d(AS_OF));
    let (monthly, quarterly) = kpi::referral_rates(&ds, &a);
    // New customers by first purchase: D 2023-10, A 2024-01, B 2024-02 (referred), E 2024-06.
    let feb = monthly.iter().find(|p| p.period == "2024-02").unwrap();
    assert_eq!(
        (feb.new_customers, feb.referred, feb.rate),
        (1, 1, Some(1.0))
    );
    let q1 = quarterly.iter().find(|p| p.period == "2024-Q1").unwrap();
    assert_eq!((q1.new_customers, q1.referred, q1.rate), (2, 1, Some(0.5)));
    // Active within 90 days: A (review 30 days ago), B (bought 61 days ago), D (roundtable 11 days), E → 4 of 5.
    let act = kpi::active_rate(&a, &s);
    assert_eq!((act.active, act.customers), (4, 5));
    // 90-day retention (first order ≥ 90 days before 2024-07-01): A, B, D are eligible, E is not.
    // A: second order 31 days after the first → retained. B (referred): second order on
    // 2024-05-01 is 90 days after 2024-02-01 → retained. D: only a return and an event 263 days later → not.
    let r = kpi::retention(&a, &s);
    assert_eq!((r.referred.eligible, r.referred.retained), (1, 1));
    assert_eq!((r.organic.eligible, r.organic.retained), (2, 1));
}

#[test]
fn nps_ltv_ratio_and_the_ltv_bar() {
    let ds = shop();
    let s = Settings::default();
    let a = analyze(&ds, &s, d(AS_OF));
    // Latest answers: A 10 (promoter, LTV 12,000), E 6 (detractor, LTV 2,500): ratio 4.8.
    let l = kpi::nps_ltv(&a);
    assert_eq!(l.ratio, Some(12_000.0 / 2_500.0));
    // All answers: 10, 6, 8 → P 1, passive 1, D 1: NPS 0.
    let (_, _, overall, dist) = kpi::nps(&ds, d(AS_OF));
    assert_eq!(overall.nps, Some(0.0));
    assert_eq!((dist[10], dist[8], dist[6]), (1, 1, 1));
    // LTV bar ¥18,000 and 3 purchases: A has 3 purchases but ¥12,000; D ¥18,000 but 1 → none of 4 buyers.
    let ltv = kpi::ltv(&ds, &a, &s);
    assert_eq!((ltv.customers, ltv.meeting_bar), (4, 0));
    // Mean LTV: (12,000 + 2,500 + 18,000 + 2,500) / 4 = 8,750.
    assert_eq!(ltv.average, Some(8_750.0));
    // A's cohort (2024-01): day 0–29 ¥5,000; 30–59 +3,000; 60–89 nothing; 90–119 +4,000.
    let jan = ltv.cohorts.iter().find(|c| c.month == "2024-01").unwrap();
    assert_eq!(&jan.curve[..4], &[5_000.0, 8_000.0, 8_000.0, 12_000.0]);
}

#[test]
fn the_referral_phase_counts_referrals_by_settled_members() {
    let ds = shop();
    let s = Settings::default();
    let a = analyze(&ds, &s, d(AS_OF));
    // One referral in the last year (B, first purchase 2024-02-01); A had bought 22 days
    // earlier, not past 90 days → 0 of 1 → initial.
    let p = kpi::phase(&ds, &a, &s);
    assert_eq!(
        (p.referrals, p.by_settled_members, p.phase),
        (1, 0, kpi::Phase::Initial)
    );
}

#[test]
fn repeat_summaries_count_periods_as_lifetimes_does() {
    let ds = shop();
    let a = analyze(&ds, &Settings::default(), d(AS_OF));
    let sums = predict::summaries(&ds, &a, predict::PeriodUnit::Day);
    let a_pos = a
        .customers
        .iter()
        .position(|c| ds.customers[c.idx as usize].key == "A")
        .unwrap();
    let s = sums.iter().find(|s| s.position == a_pos).unwrap();
    // A: 3 purchase days → x = 2; t_x = 2024-04-10 − 2024-01-10 = 91; T = 2024-07-01 − 2024-01-10 = 173.
    assert_eq!(
        (s.repeat.frequency, s.repeat.recency, s.repeat.t),
        (2.0, 91.0, 173.0)
    );
    // Mean repeat value: (3,000 + 4,000) / 2.
    assert_eq!(s.mean_repeat_value, 3_500.0);
    // In weeks (the CDNOW convention): the same purchase days, time ÷ 7.
    let weekly = predict::summaries(&ds, &a, predict::PeriodUnit::Week);
    let w = weekly.iter().find(|s| s.position == a_pos).unwrap();
    assert_eq!(
        (w.repeat.frequency, w.repeat.recency, w.repeat.t),
        (2.0, 13.0, 173.0 / 7.0)
    );
    // Too few customers to fit: a sentence, never NaN.
    let models = predict::fit(predict::PeriodUnit::Day, &sums);
    let err = models.bgnbd.unwrap_err().to_string();
    assert!(err.contains("customers"), "{err}");
}

#[test]
fn monthly_snapshots_agree_with_the_full_analysis_on_the_demo_shop() {
    let ws = crate::workspace::test_demo(600);
    let ds = ws.with_conn(crate::store::dataset::load).unwrap();
    let s = Settings::default();
    let snaps = snapshots::monthly(&ds, &s, d("2026-11-01"), 12);
    assert_eq!(snaps.len(), 12);
    for snap in &snaps {
        let a = analyze(&ds, &s, snap.date);
        for (c, stage) in snap.stages.iter().enumerate() {
            assert_eq!(
                *stage,
                a.of(c as u32).map(|r| r.stage),
                "customer {c} at {}",
                snap.month
            );
        }
        // The アクティブ率 at each month end is the one the analysis at that date gives.
        let active = kpi::active_rate(&a, &s);
        assert_eq!(
            (snap.customers, snap.active),
            (active.customers, active.active),
            "{}",
            snap.month
        );
    }
}

#[test]
fn conversions_are_shares_of_those_who_reached_the_stage() {
    use super::report::funnel_conversions;
    use super::StageCounts;
    let counts = || StageCounts {
        observer: 100,
        landing: 60,
        empathy: 30,
        involvement: 8,
        circulation: 2,
    };
    // at least: 200, 100, 40, 10, 2 → 50 %, 40 %, 25 %, 20 %.
    let c = funnel_conversions(&counts());
    assert_eq!(c, [Some(0.5), Some(0.4), Some(0.25), Some(0.2)]);
    assert_eq!(funnel_conversions(&StageCounts::default()), [None; 4]);
}

#[test]
fn f2_counts_a_second_purchase_on_a_later_day_within_the_window() {
    let ds = shop();
    let s = Settings::default();
    let a = analyze(&ds, &s, d(AS_OF));
    // Eligible (first purchase ≥ 90 days before 2024-07-01): D 2023-10-01,
    // A 2024-01-10, B 2024-02-01 (E's is yesterday). A buys again 31 days
    // later and B 90 days later (2024-02-01 → 2024-05-01: 29 + 31 + 30): both
    // converted; D's second order is a return: not. 2 of 3. B is referred.
    let f2 = kpi::f2(&a, &s);
    assert_eq!((f2.window_days, f2.eligible, f2.converted), (90, 3, 2));
    assert_eq!((f2.referred.eligible, f2.referred.converted), (1, 1));
    assert_eq!((f2.organic.eligible, f2.organic.converted), (2, 1));
    let cohorts: Vec<(&str, u64, u64)> = f2
        .cohorts
        .iter()
        .map(|c| (c.month.as_str(), c.eligible, c.converted))
        .collect();
    assert_eq!(
        cohorts,
        vec![("2023-10", 1, 0), ("2024-01", 1, 1), ("2024-02", 1, 1)]
    );
    // A window of 60 days: B's 90 days are too late; only A converts.
    let short = Settings {
        f2_window_days: 60,
        ..Settings::default()
    };
    let f2 = kpi::f2(&a, &short);
    assert_eq!((f2.eligible, f2.converted), (3, 1));
}

/// The same-day rule (domain.md §2): two orders on one day are one visit,
/// for F2, 90-day retention and the 90日完走 badge alike.
#[test]
fn two_orders_on_one_day_are_one_visit() {
    let mut ds = shop();
    // D also buys ¥3,000 on its first day (2023-10-01), and nothing else.
    ds.orders.push(OrderRec {
        customer: 3,
        day: d("2023-10-01"),
        amount: 3000.0,
    });
    ds.orders.sort_by_key(|o| (o.customer, o.day));
    ds.order_ranges = ranges(6, ds.orders.iter().map(|o| o.customer));
    let s = Settings::default();
    let a = analyze(&ds, &s, d(AS_OF));
    let dd = a
        .customers
        .iter()
        .find(|c| ds.customers[c.idx as usize].key == "D")
        .unwrap();
    assert_eq!(dd.frequency, 2);
    assert_eq!(dd.second_visit, None);
    assert_eq!(dd.settled_90, Some(false));
    assert!(!dd.badges.contains(&super::Badge::Settled90));
    let f2 = kpi::f2(&a, &s);
    assert_eq!((f2.eligible, f2.converted), (3, 2));
    let r = kpi::retention(&a, &s);
    assert_eq!((r.organic.eligible, r.organic.retained), (2, 1));
}

#[test]
fn the_active_rate_is_split_referred_against_organic() {
    let ds = shop();
    let s = Settings::default();
    let a = analyze(&ds, &s, d(AS_OF));
    // Referred: B (bought 61 days ago: active) and C (registered, nothing: not).
    // Organic: A, D, E, all active.
    let act = kpi::active_rate(&a, &s);
    assert_eq!((act.referred.active, act.referred.customers), (1, 2));
    assert_eq!((act.organic.active, act.organic.customers), (3, 3));
    assert_eq!(act.referred.rate, Some(0.5));
}

#[test]
fn the_newcomer_funnel_counts_the_highest_milestone_within_90_days() {
    let mut ds = shop();
    let s = Settings::default();
    let a = analyze(&ds, &s, d(AS_OF));
    // Cohort (first purchase ≥ 90 days back): A, B, D. A's review on day 51
    // reaches 居場所; B has no event; D's roundtable is 263 days after its
    // first purchase, too late. E (day 1, a LINE action on day 0) is in progress at 居場所.
    let m = kpi::milestones(&a, &s);
    assert_eq!((m.cohort, m.place, m.role, m.change), (3, 1, 0, 0));
    assert_eq!(
        (
            m.referred.cohort,
            m.referred.place,
            m.organic.cohort,
            m.organic.place
        ),
        (1, 0, 2, 1)
    );
    assert_eq!(m.in_progress, [0, 1, 0, 0]);
    // A review with an image reaches 役割, and a testimonial 変化: B posts
    // one of each within its 90 days; its milestone is the highest, 変化.
    let rule = |k: &str| ds.rules.iter().position(|r| r.kind == k).map(|i| i as u16);
    for (day, kind, image) in [
        ("2024-03-01", "review", true),
        ("2024-04-01", "testimonial", false),
    ] {
        ds.events.push(EventRec {
            customer: 1,
            day: d(day),
            rule: rule(kind),
            brand_tag: false,
            has_image: image,
            points_override: None,
        });
    }
    ds.events.sort_by_key(|e| (e.customer, e.day));
    ds.event_ranges = ranges_of(&ds);
    let a = analyze(&ds, &s, d(AS_OF));
    let b = a
        .customers
        .iter()
        .find(|c| ds.customers[c.idx as usize].key == "B")
        .unwrap();
    assert_eq!(b.milestone, Some(crate::model::Milestone::Change));
    assert_eq!(b.last_testimonial, Some(d("2024-04-01")));
    let m = kpi::milestones(&a, &s);
    assert_eq!(
        (m.referred.place, m.referred.role, m.referred.change),
        (1, 1, 1)
    );
    // The testimonial is 応援 (50 points by default).
    assert_eq!(b.support_points, 30 + 50);
}

#[test]
fn a_member_without_a_purchase_or_a_registration_date_has_no_temperature() {
    let mut ds = shop();
    ds.customers[2].registered_on = None;
    let a = analyze(&ds, &Settings::default(), d(AS_OF));
    let c = a
        .customers
        .iter()
        .find(|c| ds.customers[c.idx as usize].key == "C")
        .unwrap();
    assert_eq!(c.temperature, Temperature::Unknown);
}

#[test]
fn a_return_dated_before_the_first_purchase_counts_from_the_first_month() {
    let mut ds = shop();
    // D: a return of ¥-1,000 on 2023-08-01, 61 days before its first purchase.
    ds.orders.push(OrderRec {
        customer: 3,
        day: d("2023-08-01"),
        amount: -1000.0,
    });
    ds.orders.sort_by_key(|o| (o.customer, o.day));
    ds.order_ranges = ranges(6, ds.orders.iter().map(|o| o.customer));
    let s = Settings::default();
    let a = analyze(&ds, &s, d(AS_OF));
    let ltv = kpi::ltv(&ds, &a, &s);
    // D's cohort (2023-10): 20,000 − 2,000 (day 4) − 1,000 (before) = 17,000
    // from the first step on, which is D's M (LTV to date).
    let oct = ltv.cohorts.iter().find(|c| c.month == "2023-10").unwrap();
    assert_eq!(oct.curve[0], 17_000.0);
    assert_eq!(*oct.curve.last().unwrap(), 17_000.0);
}

#[test]
fn the_quality_share_says_how_many_fans_answered() {
    let ds = shop();
    let s = Settings::default();
    let a = analyze(&ds, &s, d(AS_OF));
    // Fans: A (referred B and C, posted two reviews). A answered NPS 10: 1 of 1.
    let c = kpi::community(&ds, &a, &s);
    assert_eq!((c.fans, c.fans_answered), (1, 1));
    assert_eq!(c.fans_promoter_share, Some(1.0));
}
