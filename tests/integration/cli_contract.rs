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

const CUSTOMER_COLUMNS: [&str; 24] = [
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

#[test]
fn customers_csv_has_the_contract_columns_and_one_row_per_customer() {
    let (db, _) = default_demo();
    let out = horetsu_ok(&["customers", "--db", db.to_str().unwrap(), "--csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CUSTOMER_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let s = summary(db, None);
    assert_eq!(rows.len() as u64, s["customers"].as_u64().unwrap());
    let segments = [
        "champions",
        "loyal",
        "potential_loyalist",
        "new",
        "promising",
        "need_attention",
        "about_to_sleep",
        "at_risk",
        "cant_lose_them",
        "hibernating",
        "lost",
        "",
    ];
    let mut per_stage = std::collections::HashMap::new();
    for r in &rows {
        assert!(segments.contains(&&r[9]), "segment id {}", &r[9]);
        *per_stage.entry(r[10].to_string()).or_insert(0u64) += 1;
        assert!(!r[11].is_empty(), "every stage has a reason");
        assert!(["warm", "steady", "cooling", "cold"].contains(&&r[12]));
        assert!(["co_creator", "spreader", "deep_supporter", "quiet"].contains(&&r[16]));
        // No RFM without a purchase, and RFM with one.
        assert_eq!(r[4] == *"0", r[6].is_empty(), "{r:?}");
    }
    for id in STAGES {
        assert_eq!(
            per_stage.get(id).copied().unwrap_or(0),
            s["stages"][id].as_u64().unwrap(),
            "{id}"
        );
    }
    // Rows whose key is a referrer's key exist (referral chains are in the demo).
    assert!(rows.iter().any(|r| !r[18].is_empty()));
}

#[test]
fn customers_json_carries_the_same_rows_and_reasons_switch_language() {
    let (db, _) = default_demo();
    let d = db.to_str().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&horetsu_ok(&["customers", "--db", d, "--json"])).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(
        rows.len() as u64,
        summary(db, None)["customers"].as_u64().unwrap()
    );
    for key in CUSTOMER_COLUMNS {
        assert!(rows[0].get(key).is_some(), "json row lacks {key}");
    }
    let ja = rows[0]["stage_reason"].as_str().unwrap().to_string();
    let en: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
        "customers",
        "--db",
        d,
        "--json",
        "--lang",
        "en",
    ]))
    .unwrap();
    let en = en[0]["stage_reason"].as_str().unwrap().to_string();
    assert_ne!(ja, en);
    assert!(en.is_ascii() || en.contains('¥'), "{en}");
    assert!(!ja.is_ascii(), "{ja}");
    let out = horetsu(&["customers", "--db", d]);
    assert!(!out.status.success(), "--csv or --json is required");
}

#[test]
fn customers_json_carries_the_stage_reason_as_figures_too() {
    let (db, _) = default_demo();
    let d = db.to_str().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&horetsu_ok(&["customers", "--db", d, "--json"])).unwrap();
    let rows = json.as_array().unwrap();
    let rules = [
        "referred_buyers",
        "promoter_who_posts",
        "participation",
        "support_points",
        "two_way",
        "repeat_purchases",
        "above_trial",
        "trial_only",
        "registered_only",
    ];
    let mut seen = std::collections::BTreeSet::new();
    for r in rows {
        let rule = r["reason"]["rule"].as_str().unwrap();
        assert!(rules.contains(&rule), "{rule}");
        seen.insert(rule.to_string());
        // The worded reason holds the reason's figures.
        if rule == "repeat_purchases" {
            let n = r["reason"]["purchases"].as_u64().unwrap();
            assert_eq!(r["stage_reason"], format!("{n}回購入しています"));
            assert_eq!(r["frequency"].as_u64().unwrap(), n);
        }
    }
    assert!(seen.len() >= 5, "{seen:?}");
}

#[test]
fn clv_json_prints_the_fitted_parameters_or_says_why_not() {
    let (db, _) = default_demo();
    let d = db.to_str().unwrap();
    for unit in ["day", "week"] {
        let v: serde_json::Value =
            serde_json::from_str(&horetsu_ok(&["clv", "--db", d, "--unit", unit, "--json"]))
                .unwrap();
        assert_eq!(v["unit"], unit);
        assert!(v["customers"].as_u64().unwrap() > 2000);
        for k in ["r", "alpha", "a", "b", "log_likelihood"] {
            assert!(v["bgnbd"][k].as_f64().unwrap().is_finite(), "bgnbd.{k}");
        }
        for k in ["p", "q", "v"] {
            assert!(
                v["gamma_gamma"][k].as_f64().unwrap() > 0.0,
                "gamma_gamma.{k}"
            );
        }
    }
    // A shop with a handful of customers cannot be fitted: a sentence, not NaN.
    let dir = TempDir::new("clv-small");
    let small = dir.path("small.horetsu");
    horetsu_ok(&["demo", "--db", small.to_str().unwrap(), "--customers", "8"]);
    let v: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
        "clv",
        "--db",
        small.to_str().unwrap(),
        "--json",
    ]))
    .unwrap();
    assert!(v["bgnbd"].is_null());
    assert!(
        v["message"].as_str().unwrap().contains("customer"),
        "{}",
        v["message"]
    );
    assert_fails_with(&["clv", "--db", d, "--unit", "month"], "use day or week");
}

#[test]
fn summary_json_carries_every_kpi_section() {
    let (db, _) = default_demo();
    let s = summary(db, None);
    for key in [
        "funnel",
        "temperatures",
        "segments",
        "rfm_heatmap",
        "stage_flows",
        "points",
        "referrals",
        "nps",
        "ltv",
        "community",
        "clv",
    ] {
        assert!(s.get(key).is_some(), "summary lacks {key}");
    }
    assert_eq!(s["rfm_heatmap"].as_array().unwrap().len(), 25);
    let heat_total: u64 = s["rfm_heatmap"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["customers"].as_u64().unwrap())
        .sum();
    assert_eq!(heat_total, s["buyers"].as_u64().unwrap());
    let funnel_total: u64 = s["funnel"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["customers"].as_u64().unwrap())
        .sum();
    assert_eq!(funnel_total, s["customers"].as_u64().unwrap());
    assert_eq!(s["referrals"]["rate_target"], 0.2);
    assert_eq!(s["referrals"]["active"]["target"], 0.5);
    assert_eq!(s["ltv"]["bar_amount"], 18000.0);
    assert_eq!(s["nps"]["distribution"].as_array().unwrap().len(), 11);
    assert_eq!(s["stage_flows"].as_array().unwrap().len(), 12);
}

#[test]
fn a_closed_output_pipe_never_makes_the_cli_panic() {
    // `horetsu summary --json | head -1`: the reader goes away early.
    let (db, _) = default_demo();
    for args in [
        vec!["summary", "--json"],
        vec!["campaign", "--type", "discount", "--json"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_horetsu"))
            .args(&args)
            .args(["--db", db.to_str().unwrap()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn customers_csv_in_shift_jis_is_the_same_table_when_asked() {
    let (db, _) = default_demo();
    let db = db.to_str().unwrap();
    let utf8 = horetsu(&["customers", "--db", db, "--csv"]).stdout;
    let sjis = horetsu(&["customers", "--db", db, "--csv", "--encoding", "shift_jis"]);
    assert!(
        sjis.status.success(),
        "{}",
        String::from_utf8_lossy(&sjis.stderr)
    );
    assert_ne!(sjis.stdout, utf8, "the bytes differ (Japanese reasons)");
    let (decoded, _, bad) = encoding_rs::SHIFT_JIS.decode(&sjis.stdout);
    assert!(!bad);
    // Shift_JIS writes ¥ as 0x5C, which Japanese Windows shows as ¥ and a
    // decoder reads back as a backslash: the only difference.
    let expected = String::from_utf8(utf8).unwrap().replace('¥', "\\");
    assert!(
        decoded == expected,
        "the Shift_JIS table differs from the UTF-8 one"
    );
    let wrong = horetsu(&["customers", "--db", db, "--csv", "--encoding", "latin1"]);
    assert!(!wrong.status.success());
}
