//! The CLI contract of issue #2: `demo` and `summary --json`, and errors
//! that a person can act on.

use crate::support::*;

const STAGES: [&str; 5] = [
    "observer",
    "landing",
    "empathy",
    "involvement",
    "circulation",
];

#[test]
fn summary_json_has_the_contract_keys_and_stages_sum_to_customers() {
    let (db, _) = default_demo();
    let s = summary(db, None);
    let customers = s["customers"].as_u64().expect("customers is an integer");
    assert!(s["orders"].as_u64().expect("orders is an integer") > 0);
    assert!(s["revenue"].as_f64().expect("revenue is a number") > 0.0);
    let stages = s["stages"].as_object().expect("stages is an object");
    let mut sum = 0;
    for id in STAGES {
        let n = stages[id]
            .as_u64()
            .unwrap_or_else(|| panic!("stages.{id} is an integer"));
        assert!(
            n > 0,
            "the demo shop has customers in every stage ({id} is empty)"
        );
        sum += n;
    }
    assert_eq!(sum, customers);
    assert_eq!(stages.len(), 5);
}

#[test]
fn summary_figures_match_plain_sql_over_the_workspace() {
    let (db, _) = default_demo();
    let s = summary(db, Some("2025-06-30"));
    assert_eq!(s["as_of"], "2025-06-30");
    let conn = sqlite(db);
    // Counted orders: not cancelled, dated on or before the analysis date.
    let (orders, revenue): (i64, f64) = conn
        .query_row(
            "SELECT count(*), total(amount) FROM orders
             WHERE status = 'normal' AND substr(ordered_at, 1, 10) <= '2025-06-30'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // Customers: a purchase (amount > 0) by then, or registered by then.
    let customers: i64 = conn
        .query_row(
            "SELECT count(*) FROM customers c
             WHERE (c.registered = 1 AND (c.registered_on IS NULL OR c.registered_on <= '2025-06-30'))
                OR EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'normal'
                           AND o.amount > 0 AND substr(o.ordered_at, 1, 10) <= '2025-06-30')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(s["orders"].as_i64().unwrap(), orders);
    assert!((s["revenue"].as_f64().unwrap() - revenue).abs() < 1e-6);
    assert_eq!(s["customers"].as_i64().unwrap(), customers);
}

#[test]
fn the_default_analysis_date_is_the_day_after_the_latest_order() {
    let (db, _) = default_demo();
    let conn = sqlite(db);
    let latest: String = conn
        .query_row(
            "SELECT date(max(substr(ordered_at, 1, 10)), '+1 day') FROM orders WHERE status = 'normal'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(summary(db, None)["as_of"], latest.as_str());
}

#[test]
fn an_earlier_analysis_date_sees_fewer_orders() {
    let (db, _) = default_demo();
    let early = summary(db, Some("2024-06-30"));
    let late = summary(db, None);
    assert!(early["orders"].as_u64() < late["orders"].as_u64());
    assert!(early["customers"].as_u64() < late["customers"].as_u64());
}

#[test]
fn the_same_seed_gives_the_same_shop_and_another_seed_another() {
    let dir = TempDir::new("seed");
    let make = |name: &str, seed: &str| {
        let db = dir.path(name);
        horetsu_ok(&[
            "demo",
            "--db",
            db.to_str().unwrap(),
            "--seed",
            seed,
            "--customers",
            "400",
        ]);
        summary(&db, None)
    };
    let a = make("a.horetsu", "7");
    let b = make("b.horetsu", "7");
    let c = make("c.horetsu", "8");
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(a["customers"], 400);
}

fn assert_fails_with(args: &[&str], needle: &str) {
    let out = horetsu(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "horetsu {args:?} should fail");
    assert!(
        stderr.contains(needle),
        "stderr of {args:?} should mention {needle:?}: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout when failing");
}

#[test]
fn errors_are_sentences_on_stderr_with_a_non_zero_exit() {
    let dir = TempDir::new("errors");
    let missing = dir.path("missing.horetsu");
    assert_fails_with(
        &["summary", "--db", missing.to_str().unwrap(), "--json"],
        "no such file",
    );

    let text = dir.path("notes.horetsu");
    std::fs::write(&text, "これはワークスペースではありません").unwrap();
    assert_fails_with(
        &["summary", "--db", text.to_str().unwrap()],
        "not a Horetsu workspace",
    );

    let (db, _) = default_demo();
    assert_fails_with(
        &[
            "summary",
            "--db",
            db.to_str().unwrap(),
            "--as-of",
            "2024/01/05",
        ],
        "YYYY-MM-DD",
    );
    assert_fails_with(&["demo", "--db", db.to_str().unwrap()], "already exists");
    assert_fails_with(
        &[
            "demo",
            "--db",
            dir.path("x.horetsu").to_str().unwrap(),
            "--customers",
            "0",
        ],
        "at least 1",
    );
    let nested = dir.path("no/such/folder/x.horetsu");
    assert_fails_with(
        &["demo", "--db", nested.to_str().unwrap()],
        "does not exist",
    );
}

#[test]
fn a_summary_of_an_empty_workspace_is_all_zero() {
    let dir = TempDir::new("empty");
    let db = dir.path("empty.horetsu");
    let info = horetsu_core::WorkspaceInfo {
        name: "空".into(),
        is_demo: false,
        created_at: "2026-01-01T00:00:00".into(),
    };
    horetsu_core::Workspace::create(&db, &info).unwrap();
    let s = summary(&db, Some("2026-01-01"));
    assert_eq!(s["customers"], 0);
    assert_eq!(s["orders"], 0);
    assert_eq!(s["revenue"], 0.0);
}
